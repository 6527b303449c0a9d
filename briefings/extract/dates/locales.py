"""Other languages: French, German, Spanish, Russian and Ukrainian date words, resolved by tense.

Why a module of its own: English never comes here.  The five languages the corpus holds have
their own small tables below (month and weekday names with their inflections, "dernier" and
"nächsten", "hoy" and "вчера", the tense cues of each), because dateparser's locale data alone
read "4 de octubre de 2005" as the whole of October, "am Montag, 5. Januar" as a month, French
"sept" (seven) as September and Spanish "mar" (sea) as March, and took the nearest weekday
whatever the tense.  Other languages keep the older path: names from dateparser's locale tables,
each phrase resolved alone.  ISO and dotted numeric dates are read by the English rules, which
work in any language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Callable

from briefings.model import DateMention

from .anchors import Anchored, anchor_day, day_of_month, french_anchored, german_anchored
from .candidates import _RULES
from .phrases import _numeric
from .ranges import join_other_language
from .resolve import _resolve
from .vocabulary import ANNIVERSARY_BEFORE, MONTHS, WEEKDAYS, Direction, Key, _year_of


@dataclass(frozen=True)
class _Lang:
    """The date words of one language (regex alternations, lower case) and its tense cues."""

    months: dict[str, int]
    weekdays: dict[str, int]
    past_mod: str
    """Words that make a weekday or month the last one ("dernier", "pasado", "letzten")."""
    next_mod: str
    day_words: dict[str, int]
    """Relative days: word -> offset from publication ("hier": -1, "esta mañana": 0)."""
    units: dict[str, Key]
    """Relative weeks, months, years, weekends: phrase -> key."""
    future_cue: str
    past_cue: str
    weekday_needs_prep: bool = False
    """Russian and Ukrainian "среда"/"середа" are also ordinary nouns: a weekday needs "в"."""
    preps: str = ""
    """Prepositions kept in a mention and required before a bare month."""
    not_months: frozenset[str] = field(default_factory=frozenset)
    lowercase_months: bool = True
    """Months are written in lower case (not German): a capitalised one inside a sentence is a
    name."""
    future_aux: str = ""
    """Future auxiliaries: a past-looking participle right after one belongs to a future verb
    group ("aura été auditionné", "sera signé")."""
    month_abbreviations: dict[str, int] = field(default_factory=dict)
    """Short month names read only next to a day or a year ("7 oct", "10 авг."): alone they
    are words ("mar", "may") or too short to trust."""
    this_mod: str = ""
    """"ce", "este", "diesen", "эту": a weekday of the days around publication, either way."""
    week_after: str = ""
    """A weekday's week named after it: group ``rel`` says which ("Dienstag vergangener Woche",
    "mardi de la semaine dernière")."""
    ago: str = ""
    """"il y a deux ans", "hace tres días", "vor zwei Wochen", "два года назад": groups ``n`` (a
    number or a word of ``numbers``) and ``unit`` (a word of ``ago_units``)."""
    ago_units: dict[str, str] = field(default_factory=dict)
    """Unit word stem -> day, week, month, year."""
    numbers: dict[str, int] = field(default_factory=dict)
    later: str = ""
    """"deux jours plus tard", "am nächsten Tag": days from the day named before (groups ``n``
    and ``sign`` or a fixed one in ``later_fixed``)."""
    later_fixed: dict[str, int] = field(default_factory=dict)
    rolling: str = ""
    """"depuis deux jours", "seit zwei Tagen", "desde hace un año": back that far up to
    publication (groups ``n`` and ``unit``, as ``ago``)."""
    ahead: str = ""
    """"dans dix jours", "dentro de 40 días", "in zwei Wochen": that day ahead of publication."""


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_FR = _Lang(
    months={"janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
            "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
            "décembre": 12, "decembre": 12, "janv.": 1, "févr.": 2, "avr.": 4, "juil.": 7,
            "sept.": 9, "oct.": 10, "nov.": 11, "déc.": 12},
    weekdays={"lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5,
              "dimanche": 6},
    past_mod=r"derni[eè]re?|pass[ée]e?",
    next_mod=r"prochaine?|suivante?",
    day_words={"aujourd'hui": 0, "aujourd’hui": 0, "hier": -1, "demain": 1, "avant-hier": -2,
               "après-demain": 2, "ce matin": 0, "ce soir": 0, "cette nuit": 0,
               "cet après-midi": 0, "hier soir": -1, "hier matin": -1, "demain matin": 1},
    units={r"la\s+semaine\s+derni[èe]re|la\s+semaine\s+pass[ée]e": ("week", -1),
           r"la\s+semaine\s+prochaine": ("week", 1), r"cette\s+semaine": ("week", 0),
           r"le\s+mois\s+dernier|le\s+mois\s+pass[ée]": ("month_rel", -1),
           r"le\s+mois\s+prochain": ("month_rel", 1), r"ce\s+mois(?:-ci)?": ("month_rel", 0),
           r"l[’']ann[ée]e\s+derni[èe]re|l[’']an\s+dernier|l[’']ann[ée]e\s+pass[ée]e":
               ("year", -1, 0),
           r"l[’']ann[ée]e\s+prochaine|l[’']an\s+prochain": ("year", 1, 0),
           r"cette\s+ann[ée]e": ("year", 0, 0),
           r"ce\s+week-end|le\s+week-end": ("weekend", "the"),
           r"le\s+week-end\s+dernier": ("weekend", "last"),
           r"le\s+week-end\s+prochain": ("weekend", "next"),
           r"depuis\s+le\s+d[ée]but\s+de\s+l[’']ann[ée]e": ("start_of", "year"),
           r"depuis\s+le\s+d[ée]but\s+du\s+mois": ("start_of", "month"),
           r"(?:dans\s+)?la\s+nuit\s+(?:de\s+la\s+saint-sylvestre|du\s+nouvel\s+an)|"
           r"(?:le\s+)?r[ée]veillon\s+du\s+nouvel\s+an|la\s+saint-sylvestre":
               ("new_year_night",)},
    future_cue=r"sera|seront|serait|va|vont|aura|auront|devra|devront|doit|doivent|pr[ée]vue?s?|"
               r"\w+era|\w+eront|\w+ira|\w+iront|\w+ra|\w+ront|prochaine?|compte|entend|"
               r"attendue?s?",
    past_cue=r"a|ont|avait|avaient|[ée]tait|[ée]taient|fut|furent|eu|hier|\w+ée?s?|\w+ait|"
             r"\w+aient|\w+it|(?:est|sont)\s+(?:morte?s?|née?s?|venue?s?|partie?s?|"
             r"décédée?s?|tombée?s?|arrivée?s?|allée?s?)",
    preps=r"en|depuis|d[eè]s|jusqu[’']?(?:\s*en|\s*au)?|avant|apr[èe]s|pour|de|du|d[’']|le|au|"
          r"début|fin|courant",
    not_months=frozenset({"sept"}),  # "sept" alone is seven
    future_aux=r"aura|auront|sera|seront|va|vont|devra|devront|pourra|pourront",
    month_abbreviations={"janv": 1, "févr": 2, "fevr": 2, "avr": 4, "juil": 7, "sept": 9,
                         "oct": 10, "nov": 11, "déc": 12, "dec": 12},
    this_mod=r"ce",
    week_after=r"de\s+la\s+semaine\s+(?P<rel>derni[èe]re|pass[ée]e|prochaine|suivante)",
    ago=r"il\s+y\s+a\s+{n}\s+(?P<unit>jours?|semaines?|mois|ans?|années?)",
    ago_units={"jour": "day", "semaine": "week", "mois": "month", "an": "year", "année": "year"},
    numbers={"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6,
             "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "quinze": 15,
             "vingt": 20, "trente": 30},
    later=r"{n}\s+jours?\s+(?P<sign>plus\s+tard|après|plus\s+tôt|auparavant)"
          r"(?!\s+(?:que|qu[’']|la|le|les|l[’']|son|sa|ses|leur|cette|ce)\b)",
    later_fixed={"ce jour-là": 0, "ce jour là": 0},
    rolling=r"depuis\s+{n}\s+(?P<unit>jours|semaines|mois|ans?|années?)",
    ahead=r"dans\s+{n}\s+(?P<unit>jours?|semaines?)",
)
_ES = _Lang(
    months={"enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6,
            "julio": 7, "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10,
            "noviembre": 11, "diciembre": 12, "ene.": 1, "feb.": 2, "abr.": 4, "ago.": 8,
            "sept.": 9, "oct.": 10, "nov.": 11, "dic.": 12},
    weekdays={"lunes": 0, "martes": 1, "miércoles": 2, "miercoles": 2, "jueves": 3,
              "viernes": 4, "sábado": 5, "sabado": 5, "domingo": 6},
    past_mod=r"pasad[oa]|anterior",
    next_mod=r"pr[óo]xim[oa]|que\s+viene|siguiente",
    day_words={"hoy": 0, "ayer": -1, "anteayer": -2, "antier": -2, "anoche": -1,
               "esta mañana": 0, "esta tarde": 0, "esta noche": 0, "pasado mañana": 2,
               "mañana": 1, "ayer por la tarde": -1, "ayer por la noche": -1},
    units={r"la\s+semana\s+pasada": ("week", -1), r"la\s+(?:pr[óo]xima\s+semana|semana\s+"
           r"(?:pr[óo]xima|que\s+viene))": ("week", 1), r"esta\s+semana": ("week", 0),
           r"el\s+mes\s+pasado": ("month_rel", -1),
           r"el\s+(?:pr[óo]ximo\s+mes|mes\s+(?:pr[óo]ximo|que\s+viene))": ("month_rel", 1),
           r"este\s+mes": ("month_rel", 0), r"el\s+año\s+pasado": ("year", -1, 0),
           r"el\s+(?:pr[óo]ximo\s+año|año\s+(?:pr[óo]ximo|que\s+viene))": ("year", 1, 0),
           r"este\s+año": ("year", 0, 0), r"este\s+fin\s+de\s+semana": ("weekend", "this"),
           r"el\s+fin\s+de\s+semana\s+pasado": ("weekend", "last"),
           r"el\s+fin\s+de\s+semana": ("weekend", "the"),
           r"desde\s+(?:principios|el\s+inicio|el\s+comienzo)\s+del?\s+año|"
           r"en\s+lo\s+que\s+va\s+del?\s+año": ("start_of", "year"),
           r"(?:en\s+)?nochevieja|(?:en\s+)?la\s+noche\s+de\s+fin\s+de\s+año": ("new_year_night",)},
    future_cue=r"ser[áa]n?|va\s+a|van\s+a|\w+r[áa]n?|previst[oa]s?|pr[óo]xim[oa]s?|prev[ée]n?|"
               r"planea|pretende",
    past_cue=r"fue|fueron|ha|han|hab[íi]a|hab[íi]an|\w+ó|\w+aron|\w+ieron|\w+ado|\w+ido|ayer|"
             r"\w+aba|\w+aban|\w+[íi]a|\w+[íi]an",
    preps=r"en|desde|hasta|de|del|el|para|antes\s+de|después\s+de|a\s+partir\s+del?",
    not_months=frozenset({"mar"}),  # "mar" is the sea
    month_abbreviations={"ene": 1, "feb": 2, "mar": 3, "abr": 4, "may": 5, "jun": 6, "jul": 7,
                         "ago": 8, "sep": 9, "sept": 9, "set": 9, "oct": 10, "nov": 11,
                         "dic": 12},
    this_mod=r"este|esta",
    week_after=r"de\s+la\s+(?:semana\s+(?P<rel>pasada|anterior|pr[óo]xima|que\s+viene)|"
               r"(?P<rel2>pr[óo]xima)\s+semana)",
    ago=r"hace\s+{n}\s+(?P<unit>d[íi]as?|semanas?|mes(?:es)?|años?)",
    ago_units={"día": "day", "dia": "day", "semana": "week", "mes": "month", "año": "year"},
    numbers={"un": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6,
             "siete": 7, "ocho": 8, "nueve": 9, "diez": 10, "once": 11, "doce": 12,
             "quince": 15, "veinte": 20, "treinta": 30},
    later=r"{n}\s+d[íi]as?\s+(?P<sign>después|más\s+tarde|antes)"
          r"(?!\s+(?:de|del|que)\b)",
    later_fixed={"al día siguiente": 1, "el día siguiente": 1, "el día anterior": -1,
                 "ese mismo día": 0, "ese día": 0, "aquel día": 0},
    rolling=r"desde\s+hace\s+{n}\s+(?P<unit>d[íi]as|semanas|mes(?:es)?|años?)",
    ahead=r"dentro\s+de\s+{n}\s+(?P<unit>d[íi]as?|semanas?)",
)
_DE = _Lang(
    months={"januar": 1, "jänner": 1, "februar": 2, "märz": 3, "maerz": 3, "april": 4,
            "mai": 5, "juni": 6, "juli": 7, "august": 8, "september": 9, "oktober": 10,
            "november": 11, "dezember": 12, "januars": 1, "februars": 2, "aprils": 4,
            "augusts": 8, "septembers": 9, "oktobers": 10, "novembers": 11, "dezembers": 12,
            "jan.": 1, "feb.": 2, "apr.": 4, "aug.": 8,
            "sept.": 9, "okt.": 10, "nov.": 11, "dez.": 12},
    weekdays={f"{name}{part}": index for name, index in (
        ("montag", 0), ("dienstag", 1), ("mittwoch", 2), ("donnerstag", 3), ("freitag", 4),
        ("samstag", 5), ("sonnabend", 5), ("sonntag", 6))
        for part in ("", "morgen", "vormittag", "mittag", "nachmittag", "abend", "nacht")},
    # "am Sonntagabend", "späten Freitagnachmittag": the day with a part of it, one word
    past_mod=r"letzte[nmrs]?|vergangene[nmrs]?|vorige[nmrs]?",
    next_mod=r"n[äa]chste[nmrs]?|kommende[nmrs]?",
    day_words={"heute": 0, "gestern": -1, "morgen": 1, "vorgestern": -2, "übermorgen": 2,
               "heute morgen": 0, "heute früh": 0, "heute abend": 0, "gestern abend": -1},
    units={r"(?:in\s+der\s+)?(?:letzten|vergangenen|vorigen)\s+woche|letzte\s+woche|"
           r"vergangene\s+woche|vorige\s+woche": ("week", -1),
           r"(?:in\s+der\s+)?(?:nächsten|kommenden)\s+woche|nächste\s+woche|kommende\s+woche":
               ("week", 1),
           r"(?:in\s+)?diese[rn]?\s+woche": ("week", 0),
           r"(?:im\s+)?(?:letzten|vergangenen|vorigen)\s+monat": ("month_rel", -1),
           r"(?:im\s+)?(?:nächsten|kommenden)\s+monat": ("month_rel", 1),
           r"(?:in\s+)?diese[mn]\s+monat": ("month_rel", 0),
           r"(?:im\s+)?(?:letzten|vergangenen|vorigen)\s+jahr|letztes\s+jahr|vergangenes\s+jahr|"
           r"voriges\s+jahr": ("year", -1, 0),
           r"(?:im\s+)?(?:nächsten|kommenden)\s+jahr|nächstes\s+jahr|kommendes\s+jahr":
               ("year", 1, 0),
           r"(?:in\s+)?diese[mn]\s+jahr|dieses\s+jahr": ("year", 0, 0),
           r"am\s+wochenende|übers\s+wochenende": ("weekend", "the"),
           r"(?:am\s+)?(?:letzten|vergangenen)\s+wochenende": ("weekend", "last"),
           r"(?:am\s+)?(?:nächsten|kommenden)\s+wochenende": ("weekend", "next"),
           r"in\s+den\s+(?:vergangenen|letzten)\s+24\s+stunden": ("range", -1),
           # "in der Nacht" alone: the night before publication (not "in der Nacht zum Montag")
           r"in\s+der\s+(?:vergangenen\s+)?nacht(?!\s+(?:zu[mr]?|auf|vom|von|des|nach|bis)\b)|"
           r"in\s+dieser\s+nacht|letzte\s+nacht|vergangene\s+nacht": ("overnight",),
           r"seit\s+(?:jahresbeginn|jahresanfang|(?:anfang|beginn)\s+(?:des|dieses)\s+jahres)":
               ("start_of", "year"),
           r"(?:in\s+der\s+)?silvesternacht|(?:an|zu)\s+silvester": ("new_year_night",),
           r"(?:im\s+)?ersten\s+halbjahr(?:\s+(?:des|dieses)\s+jahres)?":
               ("months_of_year", ("rel", 0), 1, 6),
           **{rf"(?:in\s+den\s+)?ersten\s+{word}\s+monaten\s+(?:des|dieses)\s+jahres":
              ("months_of_year", ("rel", 0), 1, count)
              for word, count in (("zwei", 2), ("drei", 3), ("vier", 4), ("fünf", 5),
                                  ("sechs", 6), ("sieben", 7), ("acht", 8), ("neun", 9),
                                  ("zehn", 10), ("elf", 11))}},
    future_cue=r"wird|werden|würde|würden|soll|sollen|geplant|n[äa]chste[nmrs]?|"
               r"kommende[nmrs]?|will|wollen",
    past_cue=r"war|waren|hat|haben|hatte|hatten|wurde|wurden|ist|sind|gestern|ge\w+t|ge\w+en|"
             r"sagte|teilte|erkl[äa]rte|\w+te|\w+ten|kam|kamen|ging|gingen|griff|griffen|"
             r"sprach|sprachen|fand|fanden|gab|gaben|nahm|nahmen|traf|trafen|fuhr|flog|fiel|"
             r"fielen|schlug|rief|lief|stand|standen|sah|hielt|hielten|ließ|blieb|blieben|starb|"
             r"starben|schoss|zog|zogen|warf|brach|verlor|gewann|begann|begannen|beschloss|"
             r"empfing|verließ|unterzeichnete|wurde",
    preps=r"am|im|seit|bis|ab|vom|zum|bis\s+zum|vor|nach|an|anfang|ende",
    not_months=frozenset(),
    lowercase_months=False,
    month_abbreviations={"jan": 1, "feb": 2, "mär": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
                         "sep": 9, "sept": 9, "okt": 10, "nov": 11, "dez": 12},
    this_mod=r"diese[nmrs]?",
    week_after=r"(?P<rel>vergangener|letzter|voriger|n[äa]chster|kommender)\s+woche",
    ago=r"vor\s+{n}\s+(?P<unit>tag(?:en)?|wochen?|monat(?:en)?|jahr(?:en)?)",
    ago_units={"tag": "day", "woche": "week", "monat": "month", "jahr": "year"},
    numbers={"einem": 1, "einer": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6,
             "sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12,
             "fünfzehn": 15, "zwanzig": 20, "dreißig": 30},
    later=r"{n}\s+tage?\s+(?P<sign>später|danach|zuvor|vorher|früher)",
    later_fixed={"am nächsten tag": 1, "am folgenden tag": 1, "am tag darauf": 1,
                 "am vortag": -1, "am selben tag": 0, "am gleichen tag": 0, "an dem tag": 0,
                 "an diesem tag": 0},
    rolling=r"seit\s+{n}\s+(?P<unit>tag(?:en)?|wochen?|monat(?:en)?|jahr(?:en)?)",
    ahead=r"in\s+{n}\s+(?P<unit>tagen|wochen)",
)
_RU_MONTHS = {
    1: "январь января январе", 2: "февраль февраля феврале", 3: "март марта марте",
    4: "апрель апреля апреле", 5: "май мая мае", 6: "июнь июня июне", 7: "июль июля июле",
    8: "август августа августе", 9: "сентябрь сентября сентябре",
    10: "октябрь октября октябре", 11: "ноябрь ноября ноябре", 12: "декабрь декабря декабре"}
_UK_MONTHS = {
    1: "січень січня січні", 2: "лютий лютого лютому", 3: "березень березня березні",
    4: "квітень квітня квітні", 5: "травень травня травні", 6: "червень червня червні",
    7: "липень липня липні", 8: "серпень серпня серпні", 9: "вересень вересня вересні",
    10: "жовтень жовтня жовтні", 11: "листопад листопада листопаді",
    12: "грудень грудня грудні"}
_RU = _Lang(
    months={w: m for m, words in _RU_MONTHS.items() for w in words.split()},
    weekdays={"понедельник": 0, "вторник": 1, "среду": 2, "четверг": 3, "пятницу": 4,
              "субботу": 5, "воскресенье": 6, "понедельника": 0, "вторника": 1, "среды": 2,
              "четверга": 3, "пятницы": 4, "субботы": 5, "воскресенья": 6},
    past_mod=r"прошл(?:ый|ую|ое|ой|ого)|минувш(?:ий|ую|ее|ей|его)",
    next_mod=r"следующ(?:ий|ую|ее|ей|его)|ближайш(?:ий|ую|ее|ей)",
    day_words={"сегодня": 0, "вчера": -1, "завтра": 1, "позавчера": -2, "послезавтра": 2,
               "сегодня утром": 0, "вчера вечером": -1},
    units={r"на\s+прошлой\s+неделе": ("week", -1), r"на\s+(?:этой|текущей)\s+неделе":
           ("week", 0), r"на\s+следующей\s+неделе": ("week", 1),
           r"в\s+прошлом\s+месяце": ("month_rel", -1), r"в\s+этом\s+месяце": ("month_rel", 0),
           r"в\s+следующем\s+месяце": ("month_rel", 1),
           r"в\s+прошлом\s+году|в\s+минувшем\s+году": ("year", -1, 0),
           r"в\s+этом\s+году|в\s+текущем\s+году": ("year", 0, 0),
           r"в\s+следующем\s+году|в\s+будущем\s+году": ("year", 1, 0),
           r"в\s+(?:эти|минувшие|прошлые)\s+выходные|на\s+выходных": ("weekend", "the"),
           r"минувшей\s+ночью|прошлой\s+ночью|этой\s+ночью": ("overnight",),
           r"за\s+(?:последние|прошедшие|минувшие)\s+сутки": ("range", -1),
           r"с\s+начала\s+(?:этого\s+|текущего\s+)?года": ("start_of", "year"),
           r"(?:в\s+)?новогодн(?:юю|яя|ей)\s+ноч(?:ь|и|ью)": ("new_year_night",)},
    future_cue=r"будет|будут|буду|планиру\w*|намерен\w*|следующ\w+|предстоящ\w+|\w+дет|"
               r"\w+дут|состоится|состоятся|"
               r"\w+нет|\w+нут",
    past_cue=r"\w+л|\w+ла|\w+ли|\w+ло|\w+лся|\w+лась|\w+лись|\w+лось|вчера|был|была|"
             r"были|было",
    weekday_needs_prep=True,
    preps=r"в|во|с|со|до|к|ко|по|на|с\s+начала|в\s+начале|в\s+конце",
    not_months=frozenset(),
    month_abbreviations={"янв": 1, "фев": 2, "февр": 2, "мар": 3, "апр": 4, "июн": 6, "июл": 7,
                         "авг": 8, "сен": 9, "сент": 9, "окт": 10, "ноя": 11, "нояб": 11,
                         "дек": 12},
    this_mod=r"эт(?:у|от|ой)",
    week_after=r"(?P<rel>прошлой|следующей)\s+недели",
    ago=r"{n}\s+(?P<unit>дн(?:я|ей)|день|недел[юиь]|месяц(?:а|ев)?|"
        r"год(?:а)?|лет)\s+назад",
    ago_units={"д": "day", "ден": "day", "недел": "week", "месяц": "month", "год": "year",
               "лет": "year"},
    numbers={"один": 1, "одну": 1, "два": 2, "две": 2, "три": 3, "четыре": 4, "пять": 5,
             "шесть": 6, "семь": 7, "восемь": 8, "девять": 9, "десять": 10},
    later_fixed={"на следующий день": 1, "накануне": -1, "в тот же день": 0, "в тот день": 0},
)
_UK = _Lang(
    months={w: m for m, words in _UK_MONTHS.items() for w in words.split()},
    weekdays={"понеділок": 0, "вівторок": 1, "середу": 2, "четвер": 3, "п'ятницю": 4,
              "п’ятницю": 4, "суботу": 5, "неділю": 6, "понеділка": 0, "вівторка": 1,
              "середи": 2, "четверга": 3, "п'ятниці": 4, "п’ятниці": 4, "суботи": 5,
              "неділі": 6},
    past_mod=r"минул(?:ий|у|ого|ої|е)",
    next_mod=r"наступн(?:ий|у|ого|ої|е)",
    day_words={"сьогодні": 0, "вчора": -1, "учора": -1, "завтра": 1, "позавчора": -2,
               "післязавтра": 2, "минулої доби": -1, "за минулу добу": -1, "минулу добу": -1,
               "сьогоднішньої доби": 0, "цієї доби": 0},
    # "минулої доби", "за минулу добу": the day before publication (daily military reports
    # count the day just ended, not the last 24 hours)
    units={r"минулого\s+тижня|на\s+минулому\s+тижні": ("week", -1),
           r"цього\s+тижня|на\s+цьому\s+тижні": ("week", 0),
           r"наступного\s+тижня|на\s+наступному\s+тижні": ("week", 1),
           r"минулого\s+місяця": ("month_rel", -1), r"цього\s+місяця": ("month_rel", 0),
           r"наступного\s+місяця": ("month_rel", 1),
           r"минулого\s+року|торік|у\s+минулому\s+році": ("year", -1, 0),
           r"цього\s+року|в\s+цьому\s+році|у\s+цьому\s+році": ("year", 0, 0),
           r"наступного\s+року|в\s+наступному\s+році|у\s+наступному\s+році": ("year", 1, 0),
           r"минулої\s+ночі|цієї\s+ночі|вночі": ("overnight",),
           r"на\s+вихідних|минулих\s+вихідних": ("weekend", "the"),
           r"з\s+початку\s+(?:цього\s+|поточного\s+)?року": ("start_of", "year"),
           r"(?:у\s+|в\s+)?новорічн(?:у|а|ої)\s+ніч(?:і)?": ("new_year_night",)},
    future_cue=r"буде|будуть|\w+тиме\w*|планує\w*|наступн\w+|\w+ться|\w+уде|\w+уть",
    past_cue=r"\w+[иаоуя]в|\w+ла|\w+ли|\w+ло|\w+вся|\w+лася|\w+лися|\w+лося|вчора|учора|"
             r"був|була|були|було",
    weekday_needs_prep=True,
    preps=r"у|в|з|із|до|на|по|від|з\s+початку|на\s+початку|наприкінці",
    not_months=frozenset(),
    month_abbreviations={"січ": 1, "лют": 2, "бер": 3, "квіт": 4, "трав": 5, "черв": 6,
                         "лип": 7, "серп": 8, "сер": 8, "вер": 9, "жовт": 10, "жов": 10, "лист": 11,
                         "лис": 11, "груд": 12, "гру": 12},
    this_mod=r"ц(?:ю|ей|ього|ієї)",
    week_after=r"(?P<rel>минулого|наступного)\s+тижня",
    ago=r"{n}\s+(?P<unit>дн(?:і|ів)|день|тиж(?:ні|нів|день)|місяц(?:і|ів)|"
        r"місяць|р[оі]к(?:и|ів)?|років)\s+тому",
    ago_units={"д": "day", "ден": "day", "тиж": "week", "місяц": "month", "р": "year"},
    numbers={"один": 1, "одну": 1, "два": 2, "дві": 2, "три": 3, "чотири": 4, "п'ять": 5,
             "п’ять": 5, "шість": 6, "сім": 7, "вісім": 8, "дев'ять": 9, "десять": 10},
    later_fixed={"наступного дня": 1, "напередодні": -1, "того ж дня": 0, "того дня": 0},
)
_LANGS: dict[str, _Lang] = {"fr": _FR, "es": _ES, "de": _DE, "ru": _RU, "uk": _UK}


@dataclass(frozen=True)
class _Compiled:
    lang: _Lang
    date: re.Pattern[str]
    month_year: re.Pattern[str]
    month: re.Pattern[str]
    weekday: re.Pattern[str]
    words: re.Pattern[str]
    units: tuple[re.Pattern[str], tuple[Key, ...]]
    year: re.Pattern[str]
    future: re.Pattern[str]
    past: re.Pattern[str]
    vague: re.Pattern[str]
    future_aux: re.Pattern[str] | None
    month_first: re.Pattern[str]
    month_pair: re.Pattern[str]
    ago: re.Pattern[str] | None
    later: re.Pattern[str] | None
    later_fixed: re.Pattern[str] | None
    rolling: re.Pattern[str] | None
    ahead: re.Pattern[str] | None


_YEAR_WORD = r"(?:\s+(?:року|р\.|года|г\.|год))?"


@lru_cache(maxsize=8)
def _compiled(code: str) -> _Compiled | None:
    lang = _LANGS.get(code)
    if lang is None:
        return None
    months = _alt(lang.months)
    dated_months = _alt(set(lang.months) | {f"{w}." for w in lang.month_abbreviations}
                        | set(lang.month_abbreviations))
    """Month names next to a day or a year may be short ("7 oct", "10 авг.")."""
    weekdays = _alt(lang.weekdays)
    wd_part = rf"(?:(?P<wd>{weekdays})[,\s]+)?"
    this = rf"|(?P<this>{lang.this_mod})" if lang.this_mod else ""
    week = rf"(?P<week>{lang.week_after})|" if lang.week_after else ""
    date = re.compile(
        rf"(?i)(?<!\w)(?:(?:le|el|am|den|der|du|del|de|vom|el\s+d[íi]a)\s+)?{wd_part}"
        rf"(?:(?:le|el|den|der|du|del|de)\s+)?"
        rf"(?:(?P<mod>{lang.past_mod})\s+)?(?P<day>[12]\d|3[01]|0?[1-9])(?:er|\.|º|°)?"
        rf"(?:\s+de)?\s+(?P<mon>{dated_months})(?!\w)"
        rf"(?:\s+(?:(?:de|del)\s+)?(?P<year>(?:19|20)\d\d|[’']?\d\d)(?!\d)"
        rf"|,\s*(?P<cyear>(?:19|20)\d\d)(?!\d))?{_YEAR_WORD}"
        rf"(?:\s+(?P<mod2>{lang.past_mod}))?")
    month_year = re.compile(
        rf"(?i)(?<!\w)(?P<mon>{dated_months})(?:\s+(?:de|del))?\s+(?P<year>(?:19|20)\d\d|[’']?\d\d)"
        rf"(?![\d%]|[.,]\d)"
        rf"{_YEAR_WORD}")
    month = re.compile(
        rf"(?i)(?<!\w)(?:(?P<prep>{lang.preps})\s+)?(?:(?P<mod>{lang.past_mod}|{lang.next_mod})"
        rf"\s+)?(?P<mon>{months})(?!\w)(?:\s+(?P<mod2>{lang.past_mod}|{lang.next_mod}))?")
    weekday = re.compile(
        rf"(?i)(?<!\w)(?:(?P<prep>{lang.preps})\s+)?(?:(?:(?P<mod>{lang.past_mod}|{lang.next_mod})"
        rf"{this})\s+)?(?P<wd>{weekdays})(?!\w)"
        rf"(?:\s+(?:{week}(?P<mod2>{lang.past_mod}|{lang.next_mod})))?")
    words = re.compile(rf"(?i)(?<!\w)(?P<word>{_alt(lang.day_words)})(?!\w)")
    ordered_units = sorted(lang.units.items(), key=lambda item: -len(item[0]))
    units = (re.compile("(?i)(?<!\\w)(?:" + "|".join(
        f"(?P<u{index}>{pattern})" for index, (pattern, _) in enumerate(ordered_units))
        + ")(?!\\w)"), tuple(key for _, key in ordered_units))
    """One pattern for all the phrases, longest first ("le week-end dernier" before "le
    week-end"); the group that matched names the key."""
    year = re.compile(
        rf"(?i)(?<!\w)(?:(?P<prep>{lang.preps}|l[’']ann[ée]e|im\s+jahr|del\s+año|en\s+el\s+año)"
        rf"\s+)(?P<year>(?:19|20)\d\d)(?![\d%]|[.,]\d)(?!\s*%){_YEAR_WORD}"
        rf"|(?<![\w$€£.,])(?P<year2>(?:19|20)\d\d)\s+(?:року|р\.|года|г\.)")
    vague = re.compile(r"(?i)(?<!\w)(?:mi-|mitte|finales\s+de|principios\s+de|mediados\s+de|"
                       r"fin|début|anfang|ende|середин\w+|конц\w+|начал\w+|кін\w+|початк\w+)"
                       rf"\s*(?:de\s+|d[’']\s*)?(?:{months})(?!\w)")
    month_first = re.compile(  # "octubre 7, 2020": the order of English, read anywhere
        rf"(?i)(?<!\w)(?P<mon>{dated_months})\s+(?P<day>[12]\d|3[01]|0?[1-9])\s*,\s*"
        rf"(?P<year>(?:19|20)\d\d)(?!\d)")
    month_pair = re.compile(  # "липні-серпні 2014 року", "juillet-août 2014": one span
        rf"(?i)(?<!\w)(?P<m1>{months})(?:\s*[-–/]\s*|\s+(?:et|y|und|и|і|та)\s+)(?P<m2>{months})"
        rf"(?!\w)(?:\s+(?:(?:de|del)\s+)?(?P<year>(?:19|20)\d\d)(?!\d){_YEAR_WORD})?")
    number = rf"(?P<n>\d{{1,2}}|{_alt(lang.numbers)})"  # literals: no word-wide scan
    ago = re.compile(rf"(?i)(?<!\w)(?:{lang.ago.replace('{n}', number)})(?!\w)") \
        if lang.ago else None
    later = re.compile(rf"(?i)(?<!\w)(?:{lang.later.replace('{n}', number)})(?!\w)") \
        if lang.later else None
    later_fixed = re.compile(rf"(?i)(?<!\w)(?:{_alt(lang.later_fixed)})(?![\w-])") \
        if lang.later_fixed else None
    rolling = re.compile(rf"(?i)(?<!\w)(?:{lang.rolling.replace('{n}', number)})(?!\w)") \
        if lang.rolling else None
    ahead = re.compile(rf"(?i)(?<!\w)(?:{lang.ahead.replace('{n}', number)})(?!\w)") \
        if lang.ahead else None
    return _Compiled(lang, date, month_year, month, weekday, words, units, year,
                     re.compile(rf"(?i)(?<!\w)(?:{lang.future_cue})(?!\w)"),
                     re.compile(rf"(?i)(?<!\w)(?:{lang.past_cue})(?!\w)"), vague,
                     re.compile(rf"(?i)(?<!\w)(?:{lang.future_aux})\s+(?:\w+\s+)?[«\"]?\s*$")
                     if lang.future_aux else None, month_first, month_pair, ago, later, later_fixed,
                     rolling, ahead)


def _direction(sentence: str, start: int, end: int, compiled: _Compiled) -> Direction:
    """The nearest tense cue outside the expression, as in English; none: nearest.  Cues after
    a comma that follows the expression come last (", a dit le maire" says when it was said)."""
    clause_end = sentence.find(",", end)
    best: tuple[bool, int, Direction] | None = None
    for pattern, kind in ((compiled.future, "future"), (compiled.past, "past")):
        for match in pattern.finditer(sentence):
            if match.start() < end and match.end() > start:
                continue
            if kind == "past" and compiled.future_aux is not None and \
                    compiled.future_aux.search(sentence, max(0, match.start() - 24), match.start()):
                continue  # "aura été auditionné": the participle of a future verb group
            distance = start - match.end() if match.end() <= start else match.start() - end
            later = clause_end >= 0 and match.start() > clause_end
            if best is None or (later, distance) < best[:2]:
                best = (later, distance, kind)  # type: ignore[assignment]
    return best[2] if best else "nearest"


def _title_inside(word: str, start: int, sentence: str) -> bool:
    """A Title-case word that does not open the sentence."""
    return word[:1].isupper() and not word.isupper() and bool(sentence[:start].strip(" «\"'"))


def _two_digit_year(text: str | None) -> int | None:
    if not text:
        return None
    digits = text.lstrip("’'")
    if len(digits) == 4:
        return int(digits)
    value = int(digits)
    return 1900 + value if value >= 50 else 2000 + value


def _modifier(match: re.Match[str], lang: _Lang) -> str | None:
    words = " ".join(filter(None, (match.groupdict().get("mod"), match.groupdict().get("mod2"))))
    if not words:
        return None
    if re.fullmatch(rf"(?i)(?:{lang.past_mod})", words.split()[0]) or \
            re.search(rf"(?i)(?:{lang.past_mod})$", words):
        return "last"
    return "next"


def _find_known_language(sentence: str, pub: date, code: str, compiled: _Compiled,
                         context: str) -> list[DateMention]:
    lang = compiled.lang
    found: list[tuple[int, int, Key, Direction | None]] = []  # start, end, key, hint
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return not any(s < end and start < e for s, e in taken)

    def add(start: int, end: int, key: Key, hint: Direction | None = None) -> None:
        if free(start, end):
            found.append((start, end, key, hint))
            taken.append((start, end))

    for match in compiled.vague.finditer(sentence):  # "mi-octobre", "Ende Mai": left out
        taken.append((match.start(), match.end()))
    for match in _DAY_FIRST_SLASH.finditer(sentence):  # "02/11/2023": day first outside English
        add(match.start(), match.end(), ("date", int(match.group("y")), int(match.group("b")),
                                         int(match.group("a"))))
    for pattern, build in [(p, b) for _, p, b in _RULES if b is _numeric]:
        for match in pattern.finditer(sentence):
            cand = build(match, sentence)
            if cand:
                add(match.start(), match.end(), cand.key)
    for match in compiled.date.finditer(sentence):
        mon = match.group("mon").lower()
        if mon in lang.not_months:
            continue
        year = _two_digit_year(match.group("year") or match.group("cyear"))
        key: Key = ("date", year, _month_number(lang, mon), int(match.group("day")))
        hint: Direction | None = "past" if (match.group("mod") or match.group("mod2")) else None
        if year is None and ANNIVERSARY_BEFORE.search(sentence, max(0, match.start("day") - 28),
                                                      match.start("day")):
            key = ("date_before", key[2], key[3])  # "el aniversario del 7 de octubre"
        add(match.start(), match.end(), key, hint)
    for match in _NAMED_DAYS.get(code, _NO_NAMES).finditer(sentence):  # "el 11-S", "le 7-Octobre"
        add(match.start(), match.end(), ("date", *_NAMED_DAY_VALUES[match.group().lower()]))
    for match in compiled.month_first.finditer(sentence) if _COMMA_YEAR.search(sentence) else ():
        add(match.start(), match.end(), ("date", int(match.group("year")),
                                         _month_number(lang, match.group("mon").lower()),
                                         int(match.group("day"))))
    for match in compiled.month_pair.finditer(sentence):
        first, second = (lang.months[match.group(g).lower()] for g in ("m1", "m2"))
        if (second - first) % 12 != 1:
            continue
        year = _year_of(match.group("year"))
        if year is not None and second < first:
            first_key: Key = ("month", first, year - 1, False)
        else:
            first_key = ("month", first, year, False)
        add(match.start(), match.end(),
            ("pair", first_key, ("month", second, year, False), True))
    for match in compiled.month_year.finditer(sentence):
        mon = match.group("mon").lower()
        if mon not in lang.not_months:
            add(match.start(), match.end(), ("month", _month_number(lang, mon),
                                             _two_digit_year(match.group("year")), False))
    for window, make in ((compiled.rolling, _rolling_key), (compiled.ahead, _ahead_key)):
        for match in window.finditer(sentence) if window is not None else ():
            key_window = make(match, lang)
            if key_window is not None:
                add(match.start(), match.end(), key_window)
    if compiled.ago is not None:
        for match in compiled.ago.finditer(sentence):
            key_ago = _ago_key(match, lang)
            if key_ago is not None:
                add(match.start(), match.end(), key_ago)
    for match in compiled.weekday.finditer(sentence):
        groups = match.groupdict()
        if lang.weekday_needs_prep and not (groups["prep"] or groups["mod"] or groups["mod2"]
                                            or groups.get("this") or groups.get("week")):
            continue
        weekday_index = lang.weekdays[match.group("wd").lower()]
        if groups.get("week"):  # "Dienstag vergangener Woche": that weekday of that week
            add(match.start(), match.end(), ("wd_week", weekday_index,
                                             -1 if _PAST_WEEK.search(groups["week"]) else 1))
            continue
        modifier = _modifier(match, lang)
        hint = "past" if modifier == "last" else "future" if modifier == "next" else None
        if groups.get("this") and hint is None:
            hint = "nearest"  # "este viernes", "an diesem Samstag": the one around publication
        add(match.start(), match.end(), ("wd", weekday_index, modifier), hint)
    units_pattern, unit_keys = compiled.units
    for match in units_pattern.finditer(sentence):  # after weekdays: "mardi de la semaine dernière"
        add(match.start(), match.end(), unit_keys[int(match.lastgroup[1:])])  # type: ignore[index]
    for match in compiled.month.finditer(sentence):
        mon = match.group("mon").lower()
        modifier = _modifier(match, lang)
        if mon in lang.not_months or not (match.group("prep") or modifier):
            continue  # a month alone needs a preposition: "mai" and "mayo" are words too
        if lang.lowercase_months and _title_inside(match.group("mon"), match.start("mon"),
                                                   sentence):
            continue  # French "de Mars" (the planet), Spanish "Mayo" (a name)
        hint = "past" if modifier == "last" else "future" if modifier == "next" else None
        add(match.start(), match.end(), ("month", lang.months[mon], None, False), hint)
    for match in compiled.words.finditer(sentence):
        word = re.sub(r"\s+", " ", match.group("word").lower())
        if word == "mañana" and re.search(r"(?i)(?:esta|la|por\s+la|una|cada)\s+$",
                                         sentence[max(0, match.start() - 8):match.start()]):
            continue  # "por la mañana": in the morning, not tomorrow
        if word == "morgen" and re.search(r"(?i)(?:am|heute|gestern|jeden)\s+$",
                                         sentence[max(0, match.start() - 8):match.start()]):
            continue
        add(match.start(), match.end(), ("offset", lang.day_words[word]))
    for match in compiled.year.finditer(sentence):
        written = match.group("year") or match.group("year2")
        add(match.start(), match.end(), ("year_abs", int(written)))
    placed: list[tuple[int, int, DateMention]] = []
    for start, end, key, hint in sorted(found):
        direction = hint or _direction(sentence, start, end, compiled)
        span = _resolve(key, pub, direction)
        text = sentence[start:end].strip(" ,;:")
        if span and text:
            placed.append((start, end, DateMention(text, *span)))
    finder = _ANCHORED_FINDERS.get(code)
    items = (finder(sentence) if finder is not None else []) + _counted_days(sentence, compiled)
    if items:
        placed = _with_anchored(items, placed, free, sentence, pub, code, compiled, context)
    if len(placed) > 1:
        placed = join_other_language(placed, sentence)
    return [mention for _, _, mention in placed]


_NAMED_DAY_VALUES: dict[str, tuple[int, int, int]] = {
    "11-s": (2001, 9, 11), "11-m": (2004, 3, 11), "23-f": (1981, 2, 23), "7-o": (2023, 10, 7),
    "1-o": (2017, 10, 1), "15-m": (2011, 5, 15), "20-n": (1975, 11, 20),
    "11-septembre": (2001, 9, 11), "7-octobre": (2023, 10, 7),
}
"""Days named as events: Spanish "el 11-S" (11 September 2001), "el 7-O" (7 October 2023),
"el 11-M" (the Madrid bombings); French "le 11-Septembre", "le 7-Octobre" (capitalised and
hyphenated: the event, not a date of this year)."""
_NAMED_DAYS = {
    "es": re.compile(r"(?<![\w-])(?:11-S|11-M|23-F|7-O|1-O|15-M|20-N)(?![\w-])"),
    "fr": re.compile(r"(?<![\w-])(?:11-Septembre|7-Octobre)(?![\w-])"),
}
_NO_NAMES = re.compile(r"(?!x)x")


_DAY_FIRST_SLASH = re.compile(
    r"(?<![\d./])(?P<a>0?[1-9]|[12]\d|3[01])/(?P<b>0?[1-9]|1[0-2])/(?P<y>(?:19|20)\d\d)(?![\d/])")
"""A slashed date outside English is day first ("02/11/2023" is 2 November)."""

_COMMA_YEAR = re.compile(r",\s*(?:19|20)\d\d")
"""Every month-first date ("octubre 7, 2020") holds one: a cheap gate before its pattern."""

_PAST_WEEK = re.compile(r"(?i)derni|pass|anterior|vergang|letzt|vorig|прошл|минул")


def _month_number(lang: _Lang, word: str) -> int:
    """The month of a full or short month name (lower case, with or without its dot)."""
    if word in lang.months:
        return lang.months[word]
    return lang.month_abbreviations[word.rstrip(".")]


def _ago_key(match: re.Match[str], lang: _Lang) -> Key | None:
    """"il y a deux ans" (that year), "hace tres días" (that day), "vor zwei Wochen" (that day
    two weeks back): as English "N days/weeks/months/years ago"."""
    written = match.group("n").lower()
    count = int(written) if written.isdigit() else lang.numbers.get(written)
    if not count:
        return None
    word = match.group("unit").lower()
    unit = next((name for stem, name in sorted(lang.ago_units.items(), key=lambda i: -len(i[0]))
                 if word.startswith(stem)), None)
    if unit == "day":
        return ("offset", -count)
    if unit == "week":
        return ("offset", -7 * count)
    if unit == "month":
        return ("months_ago", count)
    if unit == "year":
        return ("yearback", count, "year")
    return None


def _count_and_unit(match: re.Match[str], lang: _Lang) -> tuple[int, str] | None:
    written = match.group("n").lower()
    count = int(written) if written.isdigit() else lang.numbers.get(written)
    word = match.group("unit").lower()
    unit = next((name for stem, name in sorted(lang.ago_units.items(), key=lambda i: -len(i[0]))
                 if word.startswith(stem)), None)
    return (count, unit) if count and unit else None


def _rolling_key(match: re.Match[str], lang: _Lang) -> Key | None:
    """"depuis un an", "seit zwei Tagen": from that far back up to publication."""
    found = _count_and_unit(match, lang)
    return ("rolling", found[0], found[1]) if found else None


def _ahead_key(match: re.Match[str], lang: _Lang) -> Key | None:
    """"dentro de 40 días", "dans dix jours": that day ahead of publication."""
    found = _count_and_unit(match, lang)
    if found is None or found[1] not in ("day", "week"):
        return None
    return ("ahead_days", found[0] * (7 if found[1] == "week" else 1), False, True)


_LATER_SIGN = re.compile(r"(?i)plus\s+tard|après|después|más\s+tarde|später|danach")


def _counted_days(sentence: str, compiled: _Compiled) -> list[Anchored]:
    """"deux jours plus tard", "al día siguiente", "am Vortag", "на следующий день": days from
    the day named before them; with none named, nothing (``Anchored.needs_anchor``)."""
    lang = compiled.lang
    found: list[Anchored] = []
    if compiled.later is not None:
        for match in compiled.later.finditer(sentence):
            written = match.group("n").lower()
            count = int(written) if written.isdigit() else lang.numbers.get(written)
            if count:
                sign = 1 if _LATER_SIGN.fullmatch(match.group("sign")) else -1
                found.append(Anchored(match.start(), match.end(), shift=sign * count,
                                      needs_anchor=True))
    if compiled.later_fixed is not None:
        for match in compiled.later_fixed.finditer(sentence):
            phrase = re.sub(r"\s+", " ", match.group().lower())
            found.append(Anchored(match.start(), match.end(), shift=lang.later_fixed[phrase],
                                  needs_anchor=True))
    return found


_ANCHORED_FINDERS = {"fr": french_anchored, "de": german_anchored}
"""Languages whose clock times, parts of a day and bare days of the month are read (see
``anchors``); others leave them out."""


def _with_anchored(items: list[Anchored], placed: list[tuple[int, int, DateMention]],
                   free: Callable[[int, int], bool], sentence: str, pub: date, code: str,
                   compiled: _Compiled, context: str) -> list[tuple[int, int, DateMention]]:
    """``placed`` with the anchored expressions that overlap none of its mentions added, each
    at the day it belongs to (the paragraph before the sentence is read only when needed)."""
    earlier_cache: list[list[DateMention]] = []

    def earlier() -> list[DateMention]:
        if not earlier_cache:
            at = context.find(sentence) if context and sentence else -1
            before = context[max(0, at - 2000):at] if at > 0 else ""
            earlier_cache.append(_find_known_language(before, pub, code, compiled, "")
                                 if before.strip() else [])
        return earlier_cache[0]

    added: list[tuple[int, int, DateMention]] = []
    for item in items:
        if not free(item.start, item.end) or \
                any(s < item.end and item.start < e for s, e, _ in added):
            continue
        if item.day is not None:
            direction = _direction(sentence, item.start, item.end, compiled)
            mention = day_of_month(item, sentence, placed, earlier, pub, direction)
        else:
            mention = anchor_day(item, sentence, placed, earlier, pub)
        if mention is None:
            continue
        if mention is not None:
            added.append((item.start, item.end, mention))
    return sorted(placed + added, key=lambda item: item[0])


@lru_cache(maxsize=32)
def _locale_pattern(lang: str) -> tuple[re.Pattern[str], dict[str, Key]] | None:
    """A regex of the language's month and weekday names and simple relative words.

    Built once per language from dateparser's own locale tables, so that the costly parser
    only ever sees short candidate phrases.  Words shorter than four letters are left out
    (abbreviations such as German "so" or "mi" are ordinary words too).
    """
    try:
        from dateparser.languages.loader import default_loader
        info = default_loader.get_locale(lang).info
    except Exception:  # unknown language code: no candidates rather than a crash
        return None
    words: dict[str, Key] = {}
    for i, name in enumerate(WEEKDAYS):
        for word in info.get(name, []):
            if len(word) >= 4:
                words[word.lower()] = ("wd", i, None)
    for i, name in enumerate(MONTHS):
        for word in info.get(name, []):
            if len(word) >= 4:
                words.setdefault(word.lower(), ("month", i + 1, None, False))
    relative = {"0 day ago": ("offset", 0), "1 day ago": ("offset", -1),
                "in 1 day": ("offset", 1), "0 week ago": ("week", 0), "1 week ago": ("week", -1),
                "in 1 week": ("week", 1), "0 month ago": ("month_rel", 0),
                "1 month ago": ("month_rel", -1), "in 1 month": ("month_rel", 1),
                "0 year ago": ("year", 0, 0), "1 year ago": ("year", -1, 0),
                "in 1 year": ("year", 1, 0)}
    for name, key in relative.items():
        for word in info.get("relative-type", {}).get(name, []):
            if len(word) >= 4:
                words.setdefault(word.lower(), key)
    if not words:
        return None
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    pattern = re.compile(
        rf"(?i)(?<!\w)(?:(?P<day>\d{{1,2}})\.?\s*)?(?P<word>{alternatives})(?!\w)"
        rf"(?:\s*(?P<day2>\d{{1,2}})(?!\d))?(?:,?\s*(?P<year>(?:19|20)\d\d)(?!\d))?"
    )
    return pattern, words


def _find_other_language(sentence: str, pub: date, lang: str, context: str) -> list[DateMention]:
    """Date expressions of a non-English sentence: the language's own tables where there are
    some, else month and weekday names from dateparser's locale data."""
    compiled = _compiled(lang)
    if compiled is not None:
        return _find_known_language(sentence, pub, lang, compiled, context)
    mentions: list[tuple[int, DateMention]] = []
    taken: list[tuple[int, int]] = []
    numeric = [(pattern, build) for _, pattern, build in _RULES if build is _numeric]
    for pattern, build in numeric:  # ISO and dotted numeric dates read the same in any language
        for match in pattern.finditer(sentence):
            cand = build(match, sentence)
            span = _resolve(cand.key, pub, "nearest") if cand else None
            if span:
                mentions.append((match.start(), DateMention(match.group(), *span)))
                taken.append((match.start(), match.end()))
    found = _locale_pattern(lang)
    if found is not None:
        pattern, words = found
        for match in pattern.finditer(sentence):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            mention = _other_mention(match, words, sentence, pub, lang)
            if mention is not None:
                mentions.append((match.start(), mention))
    mentions.sort(key=lambda item: item[0])
    return [mention for _, mention in mentions]


def _other_mention(match: re.Match[str], words: dict[str, Key], sentence: str, pub: date,
                   lang: str) -> DateMention | None:
    key = words[match.group("word").lower()]
    day = match.group("day") or match.group("day2")
    year = _year_of(match.group("year"))
    text = match.group().strip()
    if key[0] == "month" and day:
        key = ("date", year, key[1], int(day))
    elif key[0] == "month" and year:
        key = ("month", key[1], year, False)
    elif key[0] == "wd" and (day or year):
        key = ("parsed", text, lang)  # "Montag, 3. März": let dateparser read the whole phrase
    elif day or year:
        text = match.group("word")
    span = _resolve(key, pub, "nearest")
    return DateMention(text, *span) if span else None
