"""English: the words the stages were written with, moved here unchanged from the stage modules.

Where a word came from is noted by group: ``sentences`` (abbreviations), ``clean``
(boilerplate), ``entities`` (attribution, names, figures), ``compose.figures`` (the Key
figures box) and ``compose.text`` (comparison keys).
"""

from __future__ import annotations

import re
from types import MappingProxyType

from . import Attribution, Boilerplate, Comparison, Figures, Language

# ----------------------------------------------------------------------------- sentences
ABBREVIATIONS = frozenset(
    """
    mr mrs ms messrs dr prof gen lt col maj capt cpt sgt cpl pvt adm cmdr brig gov sen rep
    pres rev hon st ste mt ft jr sr esq no nos vol vols art fig figs approx dept est
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    inc ltd corp co bros vs v al
    u.s u.k u.n e.u u.s.a u.a.e d.c a.m p.m e.g i.e n.b
    """.split()
)

# ----------------------------------------------------------------------------- boilerplate
_WIDGET = re.compile(
    r"""^\W*(?:share|share this|print|email|e-mail|save|copy|copied|copy url|copy link|copy article link
    |comments?|search|menu|home|tags?|related:?|advertisement|advertise(?:\s+with\s+us)?|sponsored
    |facebook|twitter|x|whatsapp|telegram|linkedin|instagram|youtube|reddit|sms|rss|photos?:?
    |image|images|video|watch|watch live|listen|audio|hide caption|show caption|caption|credit\W*
    |updated|published|loading|read more|read later|save to read later|recommended(?:\s+stories)?
    |more from \w+|trending|most read|latest|key points|sign up(?:\s+now)?|subscribe|log ?in|logged in
    |leave a reply|cancel reply|show comments|close|next|previous|back to top|skip to \w+(?:\s+\w+)?
    |contact(?:\s+us)?|privacy policy|terms of (?:service|use)|cookie policy|about us|site map
    |from our partners|you must be|get in touch|news tips|careers|help
    |ap|afp|reuters|associated\s+press|the\s+associated\s+press|bloomberg|xinhua|tass|dpa|efe|ians|pti|upi
    |[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|eu|co\.uk|info|news))\W*$""",
    re.IGNORECASE | re.VERBOSE,
)

_PROMO = (
    r"""follow\s+(?:us|@|all\s+\w+\s+stories|\w+['\u2019]s\s+coverage)|sign(?:ing)?[\s-]+up\b|subscribe\s+to
    |newsletter|click\s+(?:here|on)|download\s+(?:the|our)\s+app|get\s+instant\s+alerts|enjoy\s+bonus\s+content
    |be\s+the\s+first\s+to\s+know|don['\u2019]t\s+miss|your\s+inbox|delivered\s+to\s+your
    |invalid\s+email|confirmation\s+email|your\s+browser\s+does\s+not\s+support|skip\s+to\s+(?:main\s+)?content
    |this\s+(?:site|website)\s+uses\s+cookies|our\s+(?:site|website)\s+uses\s+cookies
    |accept\s+(?:all\s+|only\s+essential\s+)?cookies|cookies?\s+policy
    |official\s+website|support\s+(?:[\w-]+\s+){0,3}journalism|podcasts?\b|preferred\s+source
    |contributed\s+to\s+this\s+report|editing\s+by|writing\s+by
    |compiled\s+by|with\s+files\s+from|first\s+published|originally\s+published|copyright|\u00a9|all\s+rights\s+reserved
    |trust\s+principles|opens\s+new\s+tab|purchase\s+licensing|licensing\s+(?:&|and)\s+reprints
    |did\s+not\s+(?:immediately\s+)?respond\s+to\s+(?:a\s+|multiple\s+)?requests?\s+for\s+comment
    |could\s+not\s+be\s+reached\s+for\s+comment|can\s+not\s+be\s+reached\s+for\s+comment
    |request\s+for\s+comment\s+as\s+this
    |learn\s+more\s+about|now\s+we\s+are\s+on|we\s+want\s+to\s+hear\s+from\s+you|write\s+to:|email\s+us
    |website\s+addresses|https?://"""
)

_PROMO_START = re.compile(
    r"""\W*(?:(?:source|photo|photograph|image|credit|caption|file|video|audio|watch|read|related|listen|also\s+read
    |more|see\s+also|ap\s+audio|ap\s+video|tags?|topics?)\s*:|(?:list|item)\s+\d+\s+of\s+\d+
    |follow\s+(?:[\w.'\u2019&-]+\s+){1,5}on\s+(?:x|telegram|twitter|facebook|instagram|youtube|whatsapp|tiktok|linkedin|threads|bluesky|social\s+media)\b
    |\d+\s+of\s+\d+\W*$|\[?\d+/\d+\]|\(?\s*(?:additional\s+)?reporting\s+by|by$
    |(?:updated|published|posted)\b.*\d)""",
    re.IGNORECASE | re.VERBOSE,
)

_BYLINE = re.compile(
    r"""^[Bb]y\s+[A-Z][\w.'\u2019-]+(?:\s+[A-Z][\w.'\u2019-]+){0,3}(?:\s*(?:,|and)\s+[A-Z][\w.'\u2019-]+(?:\s+[A-Z][\w.'\u2019-]+){0,3})*\s*$
    |\b(?:correspondent|reporter)\s+[A-Z][\w.]*\s+[A-Z][\w-]*\s+reports\b""",
    re.VERBOSE,
)

_CREDIT = re.compile(
    r"""(?:\bvia\s+(?:AP|Reuters|AFP|Getty|REUTERS)\b|(?i:getty\s+images)|\(AP\s+Photo|AP\s+Photo/|/AP\b|/AFP\b|/Reuters\b
    |/REUTERS\b|/The\s+New\s+York\s+Times|for\s+The\s+New\s+York\s+Times|Agence\s+France-Presse\s+\W*\s*Getty
    |(?i:\bhide\s+caption)|\bcredit\.\.\.|\(Image:|\(Photo:|\[File:|^\W*Photograph:|\bPHOTO\b
    |\[[^\]]*/[^\]]*\]\s*$|^\(?[A-Z][A-Za-z.'\u2019-]+\s+[A-Z][A-Za-z.'\u2019-]+/[A-Z])""",
    re.VERBOSE,
)

_TIMESTAMP = re.compile(
    r"""\b(?:\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?|\d{1,2}\.\d{1,2}\.\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}h\b|[ap]\.m\.
    |(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?
    |\d{1,4}(?:st|nd|rd|th)?|et|edt|est|gmt|utc|cet|bst|pm|am|hrs?|hours?|mins?|minutes?|days?|ago|updated
    |last\s+update(?:d)?(?:\s+on)?|published|posted|at|on)\b""",
    re.IGNORECASE | re.VERBOSE,
)

_END_MARKER = re.compile(
    r"""contributed\s+to\s+this\s+report|reporting\s+by|editing\s+by|copyright|\u00a9|all\s+rights\s+reserved
    |first\s+published""",
    re.VERBOSE,
)
_END_LINE = re.compile(
    r"""\W*(?:recommended(?:\s+stories)?|related(?:\s+stories|\s+articles)?|read\s+more|show\s+comments|comments
    |leave\s+a\s+reply|latest\s+headlines.*|more\s+from\s+.*|most\s+read|trending.*|tags?)\W*$""",
    re.IGNORECASE | re.VERBOSE,
)

_SPEECH_TAG = re.compile(
    r"(?:\b(?:said|says|added|told\s+\w+|wrote|stated|noted)\s*(?:[A-Z][\w.'\u2019-]*\s*){0,4}"
    r"|\b(?:he|she|they|it|we|I)\s+(?:said|says|added|wrote))$"
)

BOILERPLATE: Boilerplate = Boilerplate(
    widget=_WIDGET,
    promo=_PROMO,
    promo_start=_PROMO_START,
    byline=_BYLINE,
    byline_hint=re.compile(r"^by|report|correspondent"),
    credit=_CREDIT,
    credit_hint=re.compile(r"/|via |getty|photo|caption|credit|image|file:|\["),
    credit_list=re.compile(
        r"^[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*)?['\u2019]s\s+(?:[A-Z][\w'\u2019-]+\s+[A-Z][\w'\u2019-]+,\s+){2,}"
    ),
    credit_label=re.compile(r"(?i)credit\W*$"),
    caption_labels=frozenset(("image", "photo", "photos:", "picture")),
    timestamp=_TIMESTAMP,
    time_ago="ago",
    end_marker=_END_MARKER,
    end_line=_END_LINE,
    speech_tag=_SPEECH_TAG,
    second_person=re.compile(r"\b(?:you|your|yours)\b", re.IGNORECASE),
    second_person_hint="you",
)

# ----------------------------------------------------------------------------- attribution
_TITLE_WORDS = (
    "foreign|defen[cs]e|interior|finance|prime|deputy|vice|chief|special|senior|top|former|"
    "minister|president|secretary|spokes(?:man|woman|person)|envoy|ambassador|commander|general|"
    "governor|mayor|adviser|advisor|aide|leader|head|official|negotiator|premier|chancellor"
)
_SPEECH = (
    r"said|says|told|added|stated|announced|reported|confirmed|claimed|warned|noted|wrote"
    r"|insisted|stressed|argued|explained|urged|acknowledged|denied"
)
_STOP = frozenset(
    """The A An In On At For But And Or If As While After Before Since During Despite Although
    Meanwhile Earlier Later Still However Also It He She They We I This That These Those There
    Asked Speaking According His Her Their Our Its Some Many Most Several Both Each Any No Not
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May
    June July August September October November December""".split()
)
_UNNAMED = re.compile(
    r"\b(?:unnamed|anonymous|anonymity|sources?\b|insiders?|people familiar|person familiar"
    r"|not authori[sz]ed|an? (?:senior |top |u\.s\. |us |western |european |russian |ukrainian )*"
    r"(?:official|diplomat|source)s?\b)",
    re.IGNORECASE,
)
_DELIVERED = re.compile(
    r"\b(?:delivered|arrived|has sent|have sent|handed over|received|shipped|were sent|was sent|distributed)\b",
    re.IGNORECASE,
)
_PLEDGED = re.compile(
    r"\b(?:will (?:send|provide|give|supply|deliver|allocate)|pledg\w*|promis\w*|announc\w*|approv\w*"
    r"|allocat\w*|commit\w*|plans? to|planning to|looking at ways to|to provide|offer\w*|unveil\w*)\b",
    re.IGNORECASE,
)

ATTRIBUTION: Attribution = Attribution(
    speech_verbs=_SPEECH,
    auxiliaries="has|have|had|also",
    determiners="the|a|an",
    titles=_TITLE_WORDS,
    name_particles="al-|de|von|der|of|the|and|for",
    according_to="according to",
    citing="citing",
    male_pronoun="he",
    female_pronoun="she",
    pronouns=frozenset("he she they it we i this that there".split()),
    not_sources=frozenset(
        """this that these those something anything everything which what who as plan plans schedule
        timetable rules rule law laws agreement deal constitution terms script tradition""".split()
    ),
    time_tail=re.compile(r"\s+(?:on|in|at|late|early|last|this)\b.*$"),
    entity_joiners="of|the|de|al|for",
    entity_stop=_STOP,
    organisations=(
        "Ministry|Office|Agency|Council|Commission|Service|Forces?|Army|Navy|Administration|Government"
        "|Department|Committee|Police|Kremlin|Pentagon|Embassy|Mission|Staff|Command|Guard|Company|Group"
        "|Bank|Fund|Union|Organi[sz]ation|Institute|Agency|Media|News|Press|Canada|Ukraine|Russia"
    ),
    female_titles="spokeswoman|Mrs|Ms|Madam|chairwoman|congresswoman|businesswoman|Queen",
    male_titles="spokesman|Mr|chairman|congressman|businessman|King|Prince",
    unnamed=_UNNAMED,
    unnamed_sentence=re.compile(
        r"condition of anonymity|unnamed sources?|sources familiar|person familiar|people familiar", re.IGNORECASE
    ),
    unnamed_hint=re.compile(r"anonymity|unnamed|familiar"),
    delivered=_DELIVERED,
    pledged=_PLEDGED,
)

# ----------------------------------------------------------------------------- figures
FIGURES: Figures = Figures(
    number_words=MappingProxyType({
        "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
        "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
        "forty": 40, "fifty": 50, "hundred": 100, "dozen": 12, "dozens": 24, "hundreds": 200,
    }),
    counted_number_words=frozenset(("dozens", "hundreds")),
    qualifiers=("more than", "at least", "about", "around", "nearly", "almost", "over", "some", "up to", "roughly",
                "fewer than", "less than"),
    scales=MappingProxyType({"million": 1e6, "billion": 1e9, "trillion": 1e12, "thousand": 1e3, "bn": 1e9, "m": 1e6}),
    percent=r"%|per\s*cent|percent",
    casualty_words="killed|injured|wounded|dead",
    currency_words=re.compile(r"^(?:(?:US\s)?dollars?|euros?|pounds?)\b", re.IGNORECASE),
    currency_of_word=(("euro", "EUR"), ("pound", "GBP")),
    not_units=frozenset("and or to of in on at a the by for with from as per".split()),
    other="other",
    killed=re.compile(r"\b(?:killed|dead|deaths?|died|killing|lives)\b", re.IGNORECASE),
    injured=re.compile(r"\b(?:injured|wounded|injuring|wounding|hurt)\b", re.IGNORECASE),
    attack_units=frozenset(
        "attacks strikes drones missiles airstrikes air-strikes rockets shells bombs assaults".split()
    ),
    people=frozenset("people civilians soldiers children persons residents troops others workers".split()),
    running_total=re.compile(
        r"(?:\b(?:bringing|taking|raising|lifting|pushing)\b[^.;:]{0,100}?\bto|\ba total of|\btotall?ing)\s*$",
        re.IGNORECASE,
    ),
    bodies=re.compile(r"\b(?:bodies|remains)\b", re.IGNORECASE),
    handed_back=re.compile(r"\b(?:return|repatriat|exchang|swap|hand(?:ed|ing)? (?:over|back)|receiv)",
                           re.IGNORECASE),
)

# ----------------------------------------------------------------------------- comparison
CARDINALS = MappingProxyType({
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
})
"""``Comparison.cardinals``: "one" is left out (also "one of", "no one")."""


COMPARISON: Comparison = Comparison(
    stopwords=frozenset(
        """a an the and or but of in on at to for from by with as is are was were be been has have
        had it its this that these those he she they we his her their our said says say will would
        could should may might also after before over into about than then there which who whom what
        when where while not no more most such other some any all both each up out new told added
        s did do does according""".split()
    ),
    senses=(
        "attend attended attending participate participated participation participating join joined",
        "strike struck hit attack attacked attacks bomb bombed shell shelled pound pounded",
        "kill killed killing dead death deaths die died",
        "injure injured injuring wound wounded wounding hurt",
        "pledge pledged promise promised commit committed vow vowed",
        "demand demanded demands press pressing pressed want wants wanted",
        "withdraw withdrawal withdrew pull pullback retreat cede",
        "reject rejected rejects refuse refused refuses",
        "break broke broken",
        "win won triumph triumphed prevail prevailed",
        "visit visited host hosted",
        "exchange exchanged swap swapped",
        "talks negotiations negotiation",
        "slow slowed delay delayed",
        "seize seized capture captured",
    ),
    aliases=MappingProxyType({
        "zelenskyy": "zelensky", "zelenskiy": "zelensky", "defence": "defense", "programme": "program",
        "brokered": "mediated", "latest": "new", "nato's": "nato",
    }),
    phrases=((re.compile(r"\bu\.s\.(?=\W|$)|\bunited states\b"), "us"),
             (re.compile(r"\bu\.k\.(?=\W|$)|\bunited kingdom\b|\bbritain\b"), "uk")),
    metonyms=MappingProxyType({"kremlin": "russ", "moscow": "russ", "kyiv": "ukrain", "kiev": "ukrain",
                               "washington": "us"}),
    demonym_suffixes=(("ians", 4), ("ian", 4), ("ia", 4)),
    inflections=("ing", "ed", "es", "s", "ly"),
    each=re.compile(r"\beach\b|\bper side\b|\bapiece\b|\b(\d+)[- ]for[- ]\1\b", re.IGNORECASE),
    leans_back=frozenset("he she it they this that these those his her its their him them".split()),
    connectives=frozenset("but and however also still yet so meanwhile".split()),
    cardinals=CARDINALS,
)

ENGLISH = Language(
    code="en",
    name="English",
    abbreviations=ABBREVIATIONS,
    boilerplate=BOILERPLATE,
    attribution=ATTRIBUTION,
    figures=FIGURES,
    comparison=COMPARISON,
)
