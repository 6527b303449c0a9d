"""French: the words the stages read, for AFP, Le Monde, Le Figaro, France 24 and the like.

Written for this tool (wire style: "a déclaré le ministre", "selon l'armée", "au moins 12
morts"); photo-credit shapes shared with English (``AP Photo``, ``/AFP``) are English's.
Stems come from Snowball's French algorithm. Unlike English's, the promo and footer words here
(and in de, es, ru, uk) leave out the sign ©: these pages put it in photo credits inside the
body ("© Henri Frasque"), where it marked the rest of the article as footer.
"""

from __future__ import annotations

import re
from dataclasses import replace
from types import MappingProxyType

from . import Attribution, Boilerplate, Comparison, Figures, Language
from .en import BOILERPLATE as _EN_BOILERPLATE
from .stemmers import snowball

_MONTHS = "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre"
_DAYS = "lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"

ABBREVIATIONS = frozenset(
    """
    m mm mme mmes mlle mlles dr drs pr me st ste ss etc cf av apr env vol no nos n° p pp t ex
    gén gal col lt cdt cne sgt adj mgr hab fig art chap éd janv févr avr juil sept oct nov déc
    """.split()
)

# ----------------------------------------------------------------------------- boilerplate
_WIDGET = re.compile(
    r"""^\W*(?:partager|partagez|imprimer|envoyer|e-mail|courriel|copier(?:\s+le\s+lien)?|lien\s+copié|commentaires?
    |réagir|rechercher|recherche|menu|accueil|à\s+la\s+une|publicité|sponsorisé|vidéo|vidéos|photos?|images?|écouter
    |voir\s+en\s+plein\s+écran|plein\s+écran|lire\s+aussi|lire\s+plus\s+tard|à\s+lire\s+aussi|voir\s+aussi|en\s+savoir\s+plus
    |sur\s+le\s+même\s+sujet|les\s+plus\s+lus|les\s+plus\s+partagés|à\s+suivre|en\s+direct|direct|newsletter|s'abonner
    |abonnez-vous|se\s+connecter|connexion|mon\s+compte|fermer|suivant|précédent|retour\s+en\s+haut|sommaire|mots-clés
    |thèmes?|dossier|facebook|twitter|x|whatsapp|telegram|linkedin|instagram|youtube|afp|reuters|ap|dpa|efe
    |[\w-]+(?:\.[\w-]+)*\.(?:fr|com|org|net|eu|info|be|ch))\W*$""",
    re.IGNORECASE | re.VERBOSE,
)
_PROMO = (
    r"""suivez(?:-nous|\s+(?:les|toute|nos|l'|l\u2019))|abonnez-vous|inscrivez-vous|en\s+vous\s+inscrivant|s'abonner|s\u2019abonner
    |newsletter|lettre\s+d['\u2019]information|cliquez\s+ici|téléchargez\s+(?:l['\u2019]application|notre)
    |l['\u2019]application\s+d|réservé\s+aux\s+abonnés|la\s+suite\s+est\s+réservée|il\s+vous\s+reste\s+[\d.,]+\s*%
    |vous\s+ne\s+pouvez\s+plus\s+réagir|partagez\s+votre\s+(?:opinion|avis)|un\s+avis,\s+un\s+commentaire
    |à\s+lire\s+aussi|lire\s+aussi|voir\s+aussi|voir\s+d['\u2019]autres\s+articles|en\s+savoir\s+plus|voir\s+en\s+plein\s+écran
    |politique\s+de\s+confidentialité|conditions\s+générales|cookies?|tous\s+droits\s+réservés|copyright
    |si\s+vous\s+avez\s+trouvé\s+une\s+erreur|signaler\s+une\s+erreur|podcasts?\b|https?://|avec\s+afp\s*$"""
)
_PROMO_START = re.compile(
    r"""\W*(?:(?:source|photo|crédit|credit|légende|vidéo|audio|lire\s+aussi|à\s+lire\s+aussi|voir\s+aussi|mots-clés
    |thèmes?|sujets?)\s*:|\d+\s+sur\s+\d+\W*$|\[?\d+/\d+\]|par$|(?:publié|mis\s+à\s+jour|modifié)\b.*\d
    |publié\s+il\s+y\s+a)""",
    re.IGNORECASE | re.VERBOSE,
)
_NAME = r"[A-ZÀ-ÖØ-Þ][\w.'\u2019-]+"
_BYLINE = re.compile(
    rf"""^(?:[Pp]ar|PAR)\s+{_NAME}(?:\s+{_NAME}){{0,3}}(?:\s*(?:,|et)\s+{_NAME}(?:\s+{_NAME}){{0,3}})*\s*$
    |^(?:[Pp]ar|PAR)\s+(?:[Ll]e|[Ll]a|[Ll]['\u2019])\s*{_NAME}(?:\s+(?:et|avec)\s+{_NAME})?\s*$
    |\b(?:correspondant|correspondante|envoyé\s+spécial|envoyée\s+spéciale)\s+à\s+{_NAME}\s*$""",
    re.VERBOSE,
)
_TIMESTAMP = re.compile(
    rf"""\b(?:\d{{1,2}}[:h]\d{{2}}|\d{{1,2}}h\b|\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}}|\d{{4}}-\d{{2}}-\d{{2}}|(?:{_DAYS})\.?
    |(?:{_MONTHS}|janv|févr|avr|juil|sept|oct|nov|déc)\.?|1er|\d{{1,4}}|heures?|h|min|minutes?|jours?|il\s+y\s+a
    |publié|publiée|mis\s+à\s+jour|modifié|le|à|du|et|depuis)\b""",
    re.IGNORECASE | re.VERBOSE,
)
BOILERPLATE: Boilerplate = replace(
    _EN_BOILERPLATE,
    widget=_WIDGET,
    promo=_PROMO,
    promo_start=_PROMO_START,
    byline=_BYLINE,
    byline_hint=re.compile(r"^par\b|correspondant|envoyé"),
    credit_label=re.compile(r"(?i)(?:crédit|credit)s?(?:\s+photo)?\W*$"),
    caption_labels=frozenset(("image", "photo", "photos", "illustration", "vidéo")),
    timestamp=_TIMESTAMP,
    time_ago="il y a",
    end_marker=re.compile(r"avec\s+afp|tous\s+droits\s+réservés|copyright"),
    end_line=re.compile(
        r"""\W*(?:à\s+lire\s+aussi|lire\s+aussi|sur\s+le\s+même\s+(?:sujet|thème)|les\s+plus\s+lus|commentaires|réagir
        |voir\s+d['\u2019]autres\s+articles.*|mots-clés|thèmes?|dans\s+la\s+même\s+rubrique)\W*$""",
        re.IGNORECASE | re.VERBOSE,
    ),
    speech_tag=re.compile(r"\b(?:a|ont)(?:-t)?-?(?:il|elle|ils|elles)?\s+(?:déclaré|dit|ajouté|affirmé|indiqué|souligné)"
                          r"(?:\s+[A-ZÀ-Þ][\w.'\u2019-]*){0,4}$"),
    second_person=re.compile(r"\b(?:vous|votre|vos)\b", re.IGNORECASE),
    second_person_hint="vo",
)

# ----------------------------------------------------------------------------- attribution
_TITLES = (
    "ministre|président|présidente|premier|première|secrétaire|porte-parole|ambassadeur|ambassadrice|envoyé|envoyée"
    "|commandant|général|chef|cheffe|gouverneur|maire|conseiller|conseillère|dirigeant|dirigeante|responsable"
    "|négociateur|chancelier|chancelière|affaires|étrangères|défense|intérieur|adjoint|adjointe|ancien|ancienne"
)
_SPEECH = (
    r"a\s+déclaré|a\s+dit|a\s+ajouté|a\s+affirmé|a\s+indiqué|a\s+souligné|a\s+estimé|a\s+annoncé|a\s+assuré|a\s+averti"
    r"|a\s+confirmé|a\s+expliqué|a\s+précisé|a\s+dénoncé|a\s+démenti|a\s+écrit|ont\s+déclaré|ont\s+indiqué|ont\s+annoncé"
    r"|déclare|ajoute|affirme|indique|souligne|estime|annonce|assure|avertit|précise"
    r"|explique|confirme|dénonce|a-t-il\s+déclaré|a-t-il\s+dit|a-t-il\s+ajouté|a-t-elle\s+déclaré|a-t-elle\s+ajouté"
    r"|selon\s+lui|selon\s+elle"
)
ATTRIBUTION: Attribution = Attribution(
    speech_verbs=_SPEECH,
    auxiliaries="a|ont|avait|aussi",
    determiners="le|la|les|l'|un|une",
    titles=_TITLES,
    name_particles="de|du|des|d'|la|le|von|al-|et",
    according_to="selon",
    citing="citant",
    according_opens=True,
    male_pronoun="il",
    female_pronoun="elle",
    pronouns=frozenset("il elle ils elles on nous je ce cela lui".split()),
    not_sources=frozenset("ce cela ceci qui que quoi plan calendrier accord loi constitution règles termes".split()),
    time_tail=re.compile(rf"\s+(?:{_DAYS}|le|ce|cette|mardi|jeudi|hier|aujourd'hui|dans|en|à|lors)\b.*$"),
    entity_joiners="de|du|des|la|le|al",
    entity_stop=frozenset(
        """Le La Les L Un Une Des Dans En Au Aux À Pour Mais Et Ou Si Comme Alors Après Avant Depuis Pendant Malgré
        Selon Ce Cette Ces Il Elle Ils Elles On Nous Je Son Sa Ses Leur Leurs Plusieurs Certains Selon Toutefois
        Cependant Ainsi Lundi Mardi Mercredi Jeudi Vendredi Samedi Dimanche Janvier Février Mars Avril Mai Juin
        Juillet Août Septembre Octobre Novembre Décembre""".split()
    ),
    organisations=(
        "ministère|Ministère|armée|Armée|Kremlin|Élysée|gouvernement|Gouvernement|Conseil|Commission|Agence|Office"
        "|Parlement|Assemblée|Sénat|Parquet|parquet|police|Police|Forces|forces|état-major|État-major|ONU|OTAN|UE"
    ),
    female_titles="présidente|ministre\\s+(?:française|russe|ukrainienne)|Mme|porte-parole\\s+(?:française)|ambassadrice|cheffe",
    male_titles="président|M\\.|ambassadeur|chancelier",
    unnamed=re.compile(
        r"\b(?:sources?|anonymat|proches?\s+du\s+dossier|un\s+responsable|un\s+haut\s+responsable|un\s+diplomate"
        r"|une\s+source|des\s+responsables)\b", re.IGNORECASE),
    unnamed_sentence=re.compile(r"sous\s+couvert\s+d['\u2019]anonymat|source\s+proche|sources\s+proches|selon\s+des\s+sources",
                                re.IGNORECASE),
    unnamed_hint=re.compile(r"anonymat|source"),
    delivered=re.compile(r"\b(?:livr[ée]e?s?|arrivée?s?|acheminée?s?|remise?s?|reçue?s?|distribuée?s?|a\s+envoyé|ont\s+envoyé)\b",
                         re.IGNORECASE),
    pledged=re.compile(r"\b(?:promet\w*|promis\w*|annonc\w*|approuv\w*|allou\w*|s'engag\w*|engag\w*|fournira\w*"
                       r"|enverra\w*|débloqu\w*|prévoit|compte\s+(?:envoyer|fournir))\b", re.IGNORECASE),
)

# ----------------------------------------------------------------------------- figures
FIGURES: Figures = Figures(
    number_words=MappingProxyType({
        "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8,
        "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "quinze": 15, "vingt": 20, "trente": 30, "quarante": 40,
        "cinquante": 50, "cent": 100, "centaine": 100, "dizaines": 24, "centaines": 200, "milliers": 2000,
    }),
    counted_number_words=frozenset(("dizaines", "centaines", "milliers")),
    qualifiers=("plus de", "au moins", "environ", "près de", "presque", "quelque", "jusqu'à", "moins de", "quelques"),
    scales=MappingProxyType({"millions": 1e6, "million": 1e6, "milliards": 1e9, "milliard": 1e9, "mille": 1e3,
                             "md": 1e9, "mds": 1e9}),
    percent=r"%|pour\s*cent",
    # also the money nouns after "de" ("40 millions de dollars"), so that the unit is "de dollars"
    casualty_words="tués|tuées|morts|mortes|blessés|blessées|décédés|dollars|euros|livres",
    currency_words=re.compile(r"^(?:(?:de\s+)?dollars?|d['\u2019]euros?|euros?|livres?)\b", re.IGNORECASE),
    currency_of_word=(("euro", "EUR"), ("d'euro", "EUR"), ("d\u2019euro", "EUR"), ("livre", "GBP")),
    not_units=frozenset("et ou à de du des en le la les au aux par pour avec sur dans".split()),
    other="autres",
    killed=re.compile(r"\b(?:tué\w*|mort\w*|décès|décéd\w*|péri\w*|victimes?)\b", re.IGNORECASE),
    injured=re.compile(r"\b(?:bless\w*)\b", re.IGNORECASE),
    attack_units=frozenset("attaques frappes drones missiles roquettes obus bombes raids assauts".split()),
    people=frozenset("personnes civils soldats enfants habitants militaires femmes gens".split()),
    running_total=re.compile(r"(?:\b(?:portant|porte|porté)\b[^.;:]{0,100}?\bà|\bau\s+total\s+de|\bun\s+total\s+de)\s*$",
                             re.IGNORECASE),
    bodies=re.compile(r"\b(?:corps|dépouilles)\b", re.IGNORECASE),
    handed_back=re.compile(r"\b(?:rapatri|échang|restitu|remis|rendu)", re.IGNORECASE),
    number=r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?|\d+(?:,\d+)?",
    thousands=" \u00a0\u202f",
    decimal=",",
)

# ----------------------------------------------------------------------------- comparison
CARDINALS = MappingProxyType({
    "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9, "dix": 10,
    "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16, "vingt": 20, "vingts": 20,
    "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60, "cent": 100, "cents": 100,
})
"""``Comparison.cardinals``: "un"/"une" are articles too. "dix-sept" is "dix" and "sept": 17."""


COMPARISON: Comparison = Comparison(
    stopwords=frozenset(
        """le la les l un une des du de d et ou mais en au aux à a ce cet cette ces il elle ils elles on nous vous
        son sa ses leur leurs qui que qu quoi dont où ne pas plus est sont était été être avoir ont avait
        sera seront par pour avec sans sur sous dans entre vers selon après avant depuis pendant lors aussi très
        déclaré dit ajouté indiqué affirmé selon s se y""".split()
    ),
    senses=(
        "frappe frappes frappé frapper attaque attaques attaqué attaquer bombardement bombardé bombarder",
        "tuer tué tués tuées mort morts mortes décès tuant",
        "blesser blessé blessés blessées blessant",
        "promettre promis promet engagement engagé",
        "exiger exige exigé réclame réclamé demande demandé",
        "retrait retirer retiré",
        "rejeter rejeté rejette refuser refusé refuse",
        "négociations pourparlers discussions",
        "échange échangé échanger",
        "visite visité visiter",
        "saisir saisi capturer capturé",
    ),
    aliases=MappingProxyType({"zelensky": "zelensky", "zelenski": "zelensky", "poutine": "putin"}),
    phrases=((re.compile(r"\bétats-unis\b|\bé\.-u\.(?=\W|$)"), "usa"),
             (re.compile(r"\broyaume-uni\b"), "uk")),
    metonyms=MappingProxyType({"kremlin": "russie", "moscou": "russie", "kiev": "ukraine", "kyiv": "ukraine",
                               "washington": "usa"}),
    demonym_suffixes=(),
    inflections=(),
    each=re.compile(r"\bchacun\b|\bchacune\b|\bde\s+chaque\s+côté\b|\b(\d+)\s+contre\s+\1\b", re.IGNORECASE),
    stemmer=snowball("french"),
    leans_back=frozenset("il elle ils elles ce cela ceci cette ces celui celle son sa ses leur leurs lui".split()),
    connectives=frozenset("mais et cependant toutefois pourtant aussi donc néanmoins".split()),
    cardinals=CARDINALS,
)

FRENCH = Language(
    code="fr",
    name="Français",
    abbreviations=ABBREVIATIONS,
    boilerplate=BOILERPLATE,
    attribution=ATTRIBUTION,
    figures=FIGURES,
    comparison=COMPARISON,
)
