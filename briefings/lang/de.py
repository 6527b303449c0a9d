"""German: the words the stages read, for dpa, tagesschau, Spiegel, ZDF, NZZ and the like.

Written for this tool (wire style: "sagte der Minister", "laut Armee", "mindestens 12 Tote").
Ordinal days keep their period ("am Montag, 5. Januar" is one sentence). Photo-credit shapes
shared with English (``AP Photo``, ``/AFP``) are English's. Stems: Snowball's German.
"""

from __future__ import annotations

import re
from dataclasses import replace
from types import MappingProxyType

from . import Attribution, Boilerplate, Comparison, Figures, Language
from .en import BOILERPLATE as _EN_BOILERPLATE
from .stemmers import snowball

_MONTHS = "januar|jänner|februar|märz|april|mai|juni|juli|august|september|oktober|november|dezember"
_DAYS = "montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag"

ABBREVIATIONS = frozenset(
    """
    z.b u.a d.h bzw ca dr prof nr str usw vgl ggf inkl evtl sog abs abg jh jhd mio mrd tsd hr fr st
    gen lt oberstlt kpt bzw. u.ä o.ä v.a z.t s.o i.d.r dt engl franz mind max min
    jan feb mär apr jun jul aug sep sept okt nov dez mo di mi do fr sa so
    """.split()
)
ORDINAL_WORDS = frozenset(
    (_MONTHS + "|jan|feb|mär|apr|jun|jul|aug|sep|sept|okt|nov|dez|jahrhundert|jahrhunderts|weltkrieg|weltkriegs"
     "|jahrestag|jahrestages|mal|platz|stock|etage|runde|sanktionspaket|sanktionspakets|paket|lesung|amtszeit"
     "|armee|brigade|division|bundesliga|liga").split("|")
)

# ----------------------------------------------------------------------------- boilerplate
_WIDGET = re.compile(
    r"""^\W*(?:teilen|teilen\s+sie\s+diesen\s+artikel|drucken|e-mail|mail|link\s+kopieren|kopiert|kommentare?|kommentieren
    |suche|menü|startseite|anzeige|werbung|gesponsert|video|videos|fotos?|bilder?|bildergalerie|audio|anhören|abspielen
    |mehr\s+zum\s+thema|mehr\s+zu\s+\w+(?:\s+\w+)?|mehr\s+dazu|lesen\s+sie\s+auch|auch\s+interessant|das\s+könnte\s+sie\s+auch\s+interessieren
    |meistgelesen|am\s+meisten\s+gelesen|neueste|aktuell|liveblog|ticker|newsletter|abonnieren|anmelden|einloggen|schließen
    |weiter|zurück|nach\s+oben|inhaltsverzeichnis|schlagworte?|themen?|nachrichten\s+im\s+überblick|ein\s+überblick
    |facebook|twitter|x|whatsapp|telegram|linkedin|instagram|youtube|dpa|afp|reuters|ap|epd|kna
    |[\w-]+(?:\.[\w-]+)*\.(?:de|at|ch|com|org|net|eu|info))\W*$""",
    re.IGNORECASE | re.VERBOSE,
)
_PROMO = (
    r"""folgen\s+sie\s+uns|abonnieren\s+sie|melden\s+sie\s+sich|jetzt\s+(?:anmelden|abonnieren|anschauen|lesen|herunterladen)
    |newsletter|klicken\s+sie\s+hier|erst\s+wenn\s+sie\s+hier\s+klicken|laden\s+sie\s+(?:die|unsere)\s+app|in\s+der\s+app
    |hier\s+finden\s+sie|mehr\s+zu(?:m|r)?\s+(?:\w+\s+){0,4}lesen\s+sie|lesen\s+sie\s+(?:auch|mehr|hier)|schicken\s+sie\s+uns
    |datenschutz|cookies?|einwilligung|ihre\s+zustimmung|ip-adresse|externe[rn]?\s+(?:server|inhalte|anbieter)
    |alle\s+rechte\s+vorbehalten|copyright|hinweis\s+auf\s+einen\s+verwandten\s+artikel|zu\s+den\s+kommentaren
    |teilen-funktion|lesedauer|laufzeit\s+\d|podcasts?\b|https?://|mit\s+material\s+von|mitarbeit:"""
)
_PROMO_START = re.compile(
    r"""\W*(?:(?:quelle|foto|bild|bildquelle|bildunterschrift|video|audio|mehr|lesen\s+sie\s+auch|auch\s+interessant
    |schlagworte?|themen?|mitarbeit|archiv)\s*:|\d+\s+von\s+\d+\W*$|\[?\d+/\d+\]|von$|(?:aktualisiert|stand|veröffentlicht)\b.*\d)""",
    re.IGNORECASE | re.VERBOSE,
)
_NAME = r"[A-ZÄÖÜ][\w.'\u2019-]+"
_BYLINE = re.compile(
    rf"""^(?:[Vv]on|VON)\s+{_NAME}(?:\s+{_NAME}){{0,3}}(?:\s*(?:,|und)\s+{_NAME}(?:\s+{_NAME}){{0,3}})*(?:,\s*{_NAME})?\s*$
    |^[Dd]as\s+Gespräch\s+führte\s+{_NAME}(?:\s+{_NAME}){{0,2}}\W*$""",
    re.VERBOSE,
)
_TIMESTAMP = re.compile(
    rf"""\b(?:\d{{1,2}}[:.]\d{{2}}(?:\s*uhr)?|\d{{1,2}}\.\d{{1,2}}\.\d{{2,4}}|\d{{4}}-\d{{2}}-\d{{2}}|(?:{_DAYS})
    |(?:{_MONTHS})|\d{{1,4}}\.?|uhr|stand|aktualisiert|veröffentlicht|am|um|vor|stunden?|std|minuten?|min|tagen?|mez|mesz)\b""",
    re.IGNORECASE | re.VERBOSE,
)
BOILERPLATE: Boilerplate = replace(
    _EN_BOILERPLATE,
    widget=_WIDGET,
    promo=_PROMO,
    promo_start=_PROMO_START,
    byline=_BYLINE,
    byline_hint=re.compile(r"^von\b|gespräch führte"),
    credit_label=re.compile(r"(?i)(?:foto|bild)(?:quelle)?\W*$"),
    caption_labels=frozenset(("bild", "foto", "fotos", "bildergalerie", "video")),
    timestamp=_TIMESTAMP,
    time_ago="vor",
    end_marker=re.compile(r"mit\s+material\s+von|alle\s+rechte\s+vorbehalten|copyright"),
    end_line=re.compile(
        r"""\W*(?:mehr\s+zum\s+thema|mehr\s+zu\s+.*|lesen\s+sie\s+auch|das\s+könnte\s+sie\s+auch\s+interessieren|meistgelesen
        |kommentare|schlagworte?|themen)\W*$""",
        re.IGNORECASE | re.VERBOSE,
    ),
    speech_tag=re.compile(r"(?:\b(?:sagte|sagt|erklärte|betonte|schrieb|fügte\s+\w+\s+hinzu)\s*(?:[A-ZÄÖÜ][\w.'\u2019-]*\s*){0,4}"
                          r"|\b(?:sagte|so)\s+(?:er|sie))$"),
    # "Sie"/"Ihr" address the reader only inside a sentence (at its start they are "she", "her").
    second_person=re.compile(r"(?<=[^\s.!?:]\s)(?:Sie|Ihnen|Ihre?[mnrs]?)\b|\b(?:euch|eure?[mnrs]?|du|dein\w*)\b"),
    second_person_hint="",
)

# ----------------------------------------------------------------------------- attribution
_TITLES = (
    "minister|ministerin|außenminister|außenministerin|verteidigungsminister|verteidigungsministerin|präsident|präsidentin"
    "|kanzler|kanzlerin|bundeskanzler|sprecher|sprecherin|regierungssprecher|botschafter|botschafterin|gesandte[rn]?"
    "|kommandeur|general|chef|chefin|gouverneur|bürgermeister|bürgermeisterin|berater|beraterin|vize|stellvertretende[rn]?"
    "|ehemalige[rn]?|frühere[rn]?|russische[rn]?|ukrainische[rn]?|deutsche[rn]?|us-|israelische[rn]?|iranische[rn]?"
)
_SPEECH = (
    r"sagte|sagten|sagt|erklärte|erklärten|erklärt|betonte|betont|teilte|teilten|warnte|warnt|kündigte|bestätigte"
    r"|bestätigt|schrieb|meldete|meldet|berichtete|berichtet|forderte|fordert|räumte|bekräftigte|kritisierte|dementierte"
    r"|sprach|hieß\s+es|so"
)
ATTRIBUTION: Attribution = Attribution(
    speech_verbs=_SPEECH,
    auxiliaries="hat|haben|hatte|auch",
    determiners="der|die|das|ein|eine",
    titles=_TITLES,
    name_particles="von|van|der|de|al-|und|für",
    according_to="laut",
    citing="unter Berufung auf",
    male_pronoun="er",
    female_pronoun="sie",
    pronouns=frozenset("er sie es wir ich man dies das diese dieser".split()),
    not_sources=frozenset("dies das diese dieser plan zeitplan abkommen gesetz verfassung regeln".split()),
    time_tail=re.compile(rf"\s+(?:am|an|im|in|um|zuletzt|bereits|heute|gestern|{_DAYS})\b.*$"),
    entity_joiners="von|der|des|de|al|für",
    entity_stop=frozenset(
        """Der Die Das Den Dem Des Ein Eine Einen Einem Einer In Im Am An Auf Aus Bei Mit Nach Seit Vor Zu Zur Zum
        Für Gegen Um Über Unter Und Oder Aber Doch Wenn Als Wie Während Nachdem Bevor Trotz Laut Auch Noch Nun Jetzt
        Dabei Damit Daher Zudem Zuvor Inzwischen Unterdessen Es Er Sie Wir Ich Man Dies Diese Dieser Sein Seine Ihr
        Ihre Mehrere Viele Einige Alle Montag Dienstag Mittwoch Donnerstag Freitag Samstag Sonntag Januar Februar
        März April Mai Juni Juli August September Oktober November Dezember""".split()
    ),
    organisations=(
        "Ministerium|Außenministerium|Verteidigungsministerium|Armee|Streitkräfte|Kreml|Bundesregierung|Regierung"
        "|Behörde|Behörden|Rat|Kommission|Agentur|Dienst|Militär|Generalstab|Polizei|Staatsanwaltschaft|Nato|NATO|UN|EU"
    ),
    female_titles="Sprecherin|Ministerin|Außenministerin|Präsidentin|Kanzlerin|Botschafterin|Frau|Chefin",
    male_titles="Sprecher|Minister|Außenminister|Präsident|Kanzler|Botschafter|Herr|Chef",
    unnamed=re.compile(r"\b(?:Kreise[n]?|Insider[n]?|Quellen?|anonym\w*|ungenannt\w*|ein\s+(?:hochrangiger\s+)?"
                       r"(?:Beamter|Diplomat|Regierungsvertreter))\b"),
    unnamed_sentence=re.compile(r"nicht\s+genannt\s+werden|anonym\w*|aus\s+\w*kreisen|Insidern|mit\s+der\s+Sache\s+vertraut",
                                re.IGNORECASE),
    unnamed_hint=re.compile(r"anonym|genannt|kreise|insider|vertraut"),
    delivered=re.compile(r"\b(?:geliefert|eingetroffen|angekommen|übergeben|erhalten|verteilt|hat\s+geschickt|haben\s+geschickt)\b",
                         re.IGNORECASE),
    pledged=re.compile(r"\b(?:zugesagt|zusagen|versprochen|verspricht|angekündigt|kündigte\w*|bewilligt|beschlossen|plant"
                       r"|will\s+(?:liefern|schicken|bereitstellen)|stellt\w*\s+bereit|bereitstellen|zugesichert|sichert\w*\s+zu)\b",
                       re.IGNORECASE),
    according_opens=True,
)

# ----------------------------------------------------------------------------- figures
FIGURES: Figures = Figures(
    number_words=MappingProxyType({
        "ein": 1, "eine": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8,
        "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12, "fünfzehn": 15, "zwanzig": 20, "dreißig": 30, "vierzig": 40,
        "fünfzig": 50, "hundert": 100, "dutzend": 12, "dutzende": 24, "hunderte": 200, "tausende": 2000,
    }),
    counted_number_words=frozenset(("dutzende", "hunderte", "tausende")),
    qualifiers=("mehr als", "mindestens", "wenigstens", "etwa", "rund", "fast", "knapp", "über", "bis zu",
                "weniger als", "ungefähr", "annähernd"),
    scales=MappingProxyType({"millionen": 1e6, "million": 1e6, "mio": 1e6, "milliarden": 1e9, "milliarde": 1e9,
                             "mrd": 1e9, "tausend": 1e3}),
    percent=r"%|prozent",
    casualty_words="getötet|tote|verletzt|verwundet|ums\\s+leben",
    currency_words=re.compile(r"^(?:(?:us-)?dollar|euro|pfund)\b", re.IGNORECASE),
    currency_of_word=(("euro", "EUR"), ("pfund", "GBP")),
    not_units=frozenset("und oder zu von im in an am auf der die das den dem für mit aus bei als".split()),
    other="weitere",
    killed=re.compile(r"\b(?:getötet\w*|tot\w*|starben|gestorben|ums\s+leben|todesopfer|leben\s+verloren)\b", re.IGNORECASE),
    injured=re.compile(r"\b(?:verletzt\w*|verwundet\w*)\b", re.IGNORECASE),
    attack_units=frozenset("angriffe drohnen raketen marschflugkörper luftangriffe geschosse bomben attacken".split()),
    people=frozenset("menschen zivilisten soldaten kinder personen einwohner bewohner frauen".split()),
    running_total=re.compile(r"(?:\b(?:auf\s+insgesamt|insgesamt|summiert\s+sich\s+auf|steigt\s+auf|stieg\s+auf))\s*$",
                             re.IGNORECASE),
    bodies=re.compile(r"\b(?:leichen|leichname|gefallenen|überreste)\b", re.IGNORECASE),
    handed_back=re.compile(r"\b(?:übergeben|ausgetauscht|austausch|zurückgegeben|überführt|rückführung)", re.IGNORECASE),
    number=r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?",
    thousands=".",
    decimal=",",
)

# ----------------------------------------------------------------------------- comparison
CARDINALS = MappingProxyType({
    "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10,
    "elf": 11, "zwölf": 12, "dreizehn": 13, "vierzehn": 14, "fünfzehn": 15, "sechzehn": 16, "siebzehn": 17,
    "achtzehn": 18, "neunzehn": 19, "zwanzig": 20, "dreißig": 30, "vierzig": 40, "fünfzig": 50, "sechzig": 60,
    "siebzig": 70, "achtzig": 80, "neunzig": 90, "hundert": 100, "zweier": 2, "dreier": 3,
})
"""``Comparison.cardinals``: "ein"/"eine" are articles too."""


COMPARISON: Comparison = Comparison(
    stopwords=frozenset(
        """der die das den dem des ein eine einen einem einer eines und oder aber doch in im an am auf aus bei mit nach
        seit von vom vor zu zur zum für gegen um über unter durch ist sind war waren wird werden wurde wurden hat haben
        hatte hatten sei seien es er sie wir ich man sich sein seine ihr ihre dies diese dieser dieses nicht kein keine
        auch noch nun schon nur so wie als dass ob wenn sagte sagt laut erklärte mehr""".split()
    ),
    senses=(
        "angriff angriffe angegriffen greift griff beschuss beschossen bombardiert bombardierung",
        "getötet tote toten starben gestorben tod",
        "verletzt verletzte verletzten verwundet verwundete",
        "zusage zugesagt versprochen versprach",
        "fordert forderte forderung verlangt verlangte",
        "abzug zurückziehen zurückgezogen rückzug",
        "ablehnen abgelehnt lehnt lehnte zurückgewiesen",
        "verhandlungen gespräche gesprächen verhandlung",
        "austausch ausgetauscht tausch",
        "besuch besuchte besucht",
    ),
    aliases=MappingProxyType({"selenskyj": "zelensky", "selenski": "zelensky", "putin": "putin"}),
    phrases=((re.compile(r"\bvereinigte[nr]?\s+staaten\b"), "usa"),),
    metonyms=MappingProxyType({"kreml": "russland", "moskau": "russland", "kiew": "ukraine", "kyjiw": "ukraine",
                               "washington": "usa"}),
    demonym_suffixes=(),
    inflections=(),
    each=re.compile(r"\bjeweils\b|\bje\s+\d+\b|\bpro\s+seite\b|\b(\d+)\s+gegen\s+\1\b", re.IGNORECASE),
    stemmer=snowball("german"),
    leans_back=frozenset("er sie es dies diese dieser dieses sein seine seiner ihr ihre ihm ihn ihnen dabei".split()),
    connectives=frozenset("aber und jedoch doch dennoch auch zudem allerdings außerdem".split()),
    cardinals=CARDINALS,
)

GERMAN = Language(
    code="de",
    name="Deutsch",
    abbreviations=ABBREVIATIONS,
    boilerplate=BOILERPLATE,
    attribution=ATTRIBUTION,
    figures=FIGURES,
    comparison=COMPARISON,
    ordinal_words=ORDINAL_WORDS,
)
