"""Labels and date names of the brief in the brand's language.

Dates are spelled from these tables, not from the C library's locale: a cron job runs with
whatever locale the server has (often none), and the brief must read the same everywhere.
Only the brief's own words are translated; article text stays as the outlets wrote it.
"""

from __future__ import annotations

from datetime import date, datetime

from briefings.brand import LANGUAGES

_MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
           "septembre", "octobre", "novembre", "décembre"),
    "de": ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
           "Oktober", "November", "Dezember"),
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
           "octubre", "noviembre", "diciembre"),
    # genitive forms: "22 июля 2025", "22 липня 2025"
    "ru": ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
           "октября", "ноября", "декабря"),
    "uk": ("січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня",
           "вересня", "жовтня", "листопада", "грудня"),
}
_MONTHS_SHORT = {
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "fr": ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.",
           "nov.", "déc."),
    "de": ("Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sep.", "Okt.", "Nov.", "Dez."),
    "es": ("ene.", "feb.", "mar.", "abr.", "may.", "jun.", "jul.", "ago.", "sept.", "oct.", "nov.", "dic."),
    "ru": ("янв.", "февр.", "мар.", "апр.", "мая", "июн.", "июл.", "авг.", "сент.", "окт.", "нояб.", "дек."),
    "uk": ("січ.", "лют.", "бер.", "квіт.", "трав.", "черв.", "лип.", "серп.", "вер.", "жовт.",
           "лист.", "груд."),
}
_DAYS = {
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    "de": ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"),
    "es": ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"),
    "ru": ("понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье"),
    "uk": ("понеділок", "вівторок", "середа", "четвер", "пʼятниця", "субота", "неділя"),
}
_DAYS_SHORT = {
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
    "fr": ("lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."),
    "de": ("Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa.", "So."),
    "es": ("lun.", "mar.", "mié.", "jue.", "vie.", "sáb.", "dom."),
    "ru": ("пн", "вт", "ср", "чт", "пт", "сб", "вс"),
    "uk": ("пн", "вт", "ср", "чт", "пт", "сб", "нд"),
}

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "change_new": "New", "change_updated": "Updated", "change_continuing": "Continuing", "change_outlets": "now also", "change_figures": "new figures", "change_dates": "new dates",
        "more_in_pdf": "{n} more in the attached PDF", "more_in_full": "{n} more in the full brief",
        "attached": "Attached", "attached_pdf": "the full brief as a PDF",
        "attached_ics": "the dates ahead as a calendar file", "and": "and",
        "more_stories_end": "{n} more stories at the end of the brief",
        "more_facts_end": "{n} more facts at the end of the brief",
        "more_dates_end": "{n} more dates at the end of the brief",
        "appendix": "More stories", "appendix_dates": "More dates ahead",
        "key_points": "Key points", "key_figures": "Key figures", "sources": "Sources",
        "looking_ahead": "Looking ahead", "in_brief": "In brief", "page": "Page",
        "of": "of", "generated": "Generated", "news_from": "News from", "to": "to",
        "articles_briefed": "{articles} briefed, {facts} extracted.",
        "undated": "{articles} had no publication date.", "article": "article",
        "articles": "articles", "fact": "fact", "facts": "facts", "contents": "Contents",
        "reported_by": "Reported by", "also": "also",
    },
    "fr": {
        "change_new": "Nouveau", "change_updated": "Mis à jour", "change_continuing": "Suite", "change_outlets": "aussi", "change_figures": "nouveaux chiffres", "change_dates": "nouvelles dates",
        "more_in_pdf": "{n} de plus dans le PDF joint", "more_in_full": "{n} de plus dans le bulletin complet",
        "attached": "En pièce jointe", "attached_pdf": "le bulletin complet en PDF",
        "attached_ics": "les dates à venir en fichier d’agenda", "and": "et",
        "more_stories_end": "{n} autres sujets à la fin du bulletin",
        "more_facts_end": "{n} autres faits à la fin du bulletin",
        "more_dates_end": "{n} autres dates à la fin du bulletin",
        "appendix": "Autres sujets", "appendix_dates": "Autres dates à venir",
        "key_points": "Points clés", "key_figures": "Chiffres clés", "sources": "Sources",
        "looking_ahead": "À venir", "in_brief": "En bref", "page": "Page", "of": "sur",
        "generated": "Généré le", "news_from": "Actualités du", "to": "au",
        "articles_briefed": "{articles} lus, {facts} extraits.",
        "undated": "{articles} sans date de publication.", "article": "article",
        "articles": "articles", "fact": "fait", "facts": "faits", "contents": "Sommaire",
        "reported_by": "Rapporté par", "also": "aussi",
    },
    "de": {
        "change_new": "Neu", "change_updated": "Aktualisiert", "change_continuing": "Fortgesetzt", "change_outlets": "jetzt auch", "change_figures": "neue Zahlen", "change_dates": "neue Termine",
        "more_in_pdf": "{n} weitere im angehängten PDF", "more_in_full": "{n} weitere im vollständigen Briefing",
        "attached": "Anbei", "attached_pdf": "das vollständige Briefing als PDF",
        "attached_ics": "die kommenden Termine als Kalenderdatei", "and": "und",
        "more_stories_end": "{n} weitere Meldungen am Ende des Briefings",
        "more_facts_end": "{n} weitere Fakten am Ende des Briefings",
        "more_dates_end": "{n} weitere Termine am Ende des Briefings",
        "appendix": "Weitere Meldungen", "appendix_dates": "Weitere Termine",
        "key_points": "Das Wichtigste", "key_figures": "Zahlen", "sources": "Quellen",
        "looking_ahead": "Ausblick", "in_brief": "Kurz gemeldet", "page": "Seite", "of": "von",
        "generated": "Erstellt am", "news_from": "Nachrichten vom", "to": "bis",
        "articles_briefed": "{articles} ausgewertet, {facts} erfasst.",
        "undated": "{articles} ohne Veröffentlichungsdatum.", "article": "Artikel",
        "articles": "Artikel", "fact": "Fakt", "facts": "Fakten", "contents": "Inhalt",
        "reported_by": "Berichtet von", "also": "auch",
    },
    "es": {
        "change_new": "Nuevo", "change_updated": "Actualizado", "change_continuing": "Continúa", "change_outlets": "ahora también", "change_figures": "nuevas cifras", "change_dates": "nuevas fechas",
        "more_in_pdf": "{n} más en el PDF adjunto", "more_in_full": "{n} más en el informe completo",
        "attached": "Adjunto", "attached_pdf": "el informe completo en PDF",
        "attached_ics": "las próximas fechas como archivo de calendario", "and": "y",
        "more_stories_end": "{n} noticias más al final del informe",
        "more_facts_end": "{n} hechos más al final del informe",
        "more_dates_end": "{n} fechas más al final del informe",
        "appendix": "Más noticias", "appendix_dates": "Más fechas próximas",
        "key_points": "Lo esencial", "key_figures": "Cifras clave", "sources": "Fuentes",
        "looking_ahead": "Próximamente", "in_brief": "En breve", "page": "Página", "of": "de",
        "generated": "Generado el", "news_from": "Noticias del", "to": "al",
        "articles_briefed": "{articles} leídos, {facts} extraídos.",
        "undated": "{articles} sin fecha de publicación.", "article": "artículo",
        "articles": "artículos", "fact": "hecho", "facts": "hechos", "contents": "Índice",
        "reported_by": "Informaron", "also": "también",
    },
    "ru": {
        "change_new": "Новое", "change_updated": "Обновлено", "change_continuing": "Продолжение", "change_outlets": "теперь также", "change_figures": "новые цифры", "change_dates": "новые даты",
        "more_in_pdf": "Ещё {n} — в приложенном PDF", "more_in_full": "Ещё {n} — в полной сводке",
        "attached": "Во вложении", "attached_pdf": "полная сводка в PDF",
        "attached_ics": "предстоящие даты в файле календаря", "and": "и",
        "more_stories_end": "Ещё сюжетов: {n} — в конце сводки",
        "more_facts_end": "Ещё фактов: {n} — в конце сводки",
        "more_dates_end": "Ещё дат: {n} — в конце сводки",
        "appendix": "Другие сюжеты", "appendix_dates": "Другие предстоящие даты",
        "key_points": "Главное", "key_figures": "Ключевые цифры", "sources": "Источники",
        "looking_ahead": "Впереди", "in_brief": "Коротко", "page": "Страница", "of": "из",
        "generated": "Создано", "news_from": "Новости с", "to": "по",
        "articles_briefed": "Статей: {articles}, фактов: {facts}.",
        "undated": "Без даты публикации: {articles}.", "article": "", "articles": "",
        "fact": "", "facts": "", "contents": "Содержание",
        "reported_by": "Сообщили", "also": "также",
    },
    "uk": {
        "change_new": "Нове", "change_updated": "Оновлено", "change_continuing": "Продовження", "change_outlets": "тепер також", "change_figures": "нові цифри", "change_dates": "нові дати",
        "more_in_pdf": "Ще {n} — у доданому PDF", "more_in_full": "Ще {n} — у повному зведенні",
        "attached": "У вкладенні", "attached_pdf": "повне зведення в PDF",
        "attached_ics": "майбутні дати у файлі календаря", "and": "і",
        "more_stories_end": "Ще сюжетів: {n} — наприкінці зведення",
        "more_facts_end": "Ще фактів: {n} — наприкінці зведення",
        "more_dates_end": "Ще дат: {n} — наприкінці зведення",
        "appendix": "Інші сюжети", "appendix_dates": "Інші майбутні дати",
        "key_points": "Головне", "key_figures": "Ключові цифри", "sources": "Джерела",
        "looking_ahead": "Попереду", "in_brief": "Коротко", "page": "Сторінка", "of": "з",
        "generated": "Створено", "news_from": "Новини з", "to": "до",
        "articles_briefed": "Статей: {articles}, фактів: {facts}.",
        "undated": "Без дати публікації: {articles}.", "article": "", "articles": "",
        "fact": "", "facts": "", "contents": "Зміст",
        "reported_by": "Повідомили", "also": "також",
    },
}


KIND_TITLES: dict[str, dict[str, str]] = {
    "en": {"killed": "Killed", "injured": "Injured", "attacks": "Attacks", "money": "Money"},
    "fr": {"killed": "Tués", "injured": "Blessés", "attacks": "Attaques", "money": "Montants"},
    "de": {"killed": "Getötet", "injured": "Verletzt", "attacks": "Angriffe", "money": "Beträge"},
    "es": {"killed": "Muertos", "injured": "Heridos", "attacks": "Ataques", "money": "Importes"},
    "ru": {"killed": "Погибли", "injured": "Ранены", "attacks": "Атаки", "money": "Средства"},
    "uk": {"killed": "Загинули", "injured": "Поранені", "attacks": "Атаки", "money": "Кошти"},
}
"""Row titles of the Key figures box, per language."""

TAGS: dict[str, dict[str, str]] = {
    "en": {"single unnamed source": "single unnamed source", "unnamed sources": "unnamed sources",
           "single source": "single source", "pledged": "pledged", "delivered": "delivered"},
    "fr": {"single unnamed source": "source unique anonyme", "unnamed sources": "sources anonymes",
           "single source": "source unique", "pledged": "promis", "delivered": "livré"},
    "de": {"single unnamed source": "einzige ungenannte Quelle", "unnamed sources": "ungenannte Quellen",
           "single source": "einzige Quelle", "pledged": "zugesagt", "delivered": "geliefert"},
    "es": {"single unnamed source": "fuente única anónima", "unnamed sources": "fuentes anónimas",
           "single source": "fuente única", "pledged": "prometido", "delivered": "entregado"},
    "ru": {"single unnamed source": "единственный анонимный источник", "unnamed sources": "анонимные источники",
           "single source": "единственный источник", "pledged": "обещано", "delivered": "передано"},
    "uk": {"single unnamed source": "єдине анонімне джерело", "unnamed sources": "анонімні джерела",
           "single source": "єдине джерело", "pledged": "обіцяно", "delivered": "передано"},
}
"""Caution tags of a fact (``render.html.fact_tags``), per language."""


def language_of(code: str | None) -> str:
    """A supported language code; anything else (an older brief.json, a typo) reads as English."""
    code = (code or "en").lower().split("-")[0].split("_")[0]
    return code if code in LANGUAGES else "en"


def labels(code: str | None) -> dict[str, str]:
    """The label table of a language (English for an unknown code)."""
    return LABELS[language_of(code)]


def long_date(value: date | datetime, code: str | None = "en") -> str:
    """'Tuesday 22 July 2025', 'mardi 22 juillet 2025', 'Dienstag, 22. Juli 2025',
    'martes 22 de julio de 2025', 'вторник, 22 июля 2025', 'вівторок, 22 липня 2025'."""
    lang = language_of(code)
    day = _DAYS[lang][value.weekday()]
    month = _MONTHS[lang][value.month - 1]
    if lang == "de":
        return f"{day}, {value.day}. {month} {value.year}"
    if lang == "es":
        return f"{day} {value.day} de {month} de {value.year}"
    separator = ", " if lang in ("uk", "ru") else " "
    return f"{day}{separator}{value.day} {month} {value.year}"


def short_date(value: date | datetime, code: str | None = "en") -> str:
    """'Wed 23 Jul', 'mer. 23 juil.', 'ср 23 лип.': compact, for lists."""
    lang = language_of(code)
    day = f"{value.day}." if lang == "de" else str(value.day)
    return f"{_DAYS_SHORT[lang][value.weekday()]} {day} {_MONTHS_SHORT[lang][value.month - 1]}"


def day_month(value: date | datetime, code: str | None = "en") -> str:
    """'22 Jul 2025' in the language, for publication times in the Sources list."""
    lang = language_of(code)
    day = f"{value.day}." if lang == "de" else str(value.day)
    return f"{day} {_MONTHS_SHORT[lang][value.month - 1]} {value.year}"


def counted(n: int, singular: str, plural: str) -> str:
    """'1 article', '6 articles'; a language without counted nouns (uk labels) gives '6'."""
    noun = singular if n == 1 else plural
    return f"{n} {noun}" if noun else str(n)
