"""Issue 18, third pass: classes of date expressions that held on unseen text.

Every sentence is written for the test.  The publication day is Wednesday 15 May 2002 unless
a test says otherwise.
"""

from __future__ import annotations

from datetime import date

import pytest

from briefings.extract.dates import find_dates

WEDNESDAY = date(2002, 5, 15)


def spans(sentence: str, published: date = WEDNESDAY, **kwargs) -> list[tuple[str, str, str]]:
    return [(m.text, m.start.isoformat(), m.end.isoformat())
            for m in find_dates(sentence, published, **kwargs)]


# --- English: days, months and years counted from the date last named ----------------------


@pytest.mark.parametrize("sentence, expected", [
    ("He arrived on May 3 and left a day later.",
     [("on May 3", "2002-05-03", "2002-05-03"), ("a day later", "2002-05-04", "2002-05-04")]),
    ("He was arrested on May 3. The next day he was freed.",
     [("on May 3", "2002-05-03", "2002-05-03"), ("The next day", "2002-05-04", "2002-05-04")]),
    ("The strike hit on April 19 and a second one two days later.",
     [("on April 19", "2002-04-19", "2002-04-19"), ("two days later", "2002-04-21", "2002-04-21")]),
    ("He lost in 1998 and won the following year.",
     [("in 1998", "1998-01-01", "1998-12-31"),
      ("the following year", "1999-01-01", "1999-12-31")]),
    ("The deal was signed in June 2000; the following month it collapsed.",
     [("in June 2000", "2000-06-01", "2000-06-30"),
      ("the following month", "2000-07-01", "2000-07-31")]),
])
def test_days_months_and_years_from_the_date_last_named(sentence, expected):
    assert spans(sentence) == expected


def test_the_anchor_may_be_earlier_in_the_paragraph():
    paragraph = "The talks opened on Monday. Two days later they collapsed."
    assert spans("Two days later they collapsed.", context=paragraph) == [
        ("Two days later", "2002-05-15", "2002-05-15")]


@pytest.mark.parametrize("sentence", [
    "Two days later, the talks collapsed.",        # no date named: no guess
    "The following year, he won again.",
    "He resigned a day before the vote.",          # the anchor is an event, not a date
    "Prices will be reviewed over the next day or two.",
    "Sales fell 5% from the previous year's level.",
])
def test_without_a_date_to_count_from_nothing_is_reported(sentence):
    assert find_dates(sentence, WEDNESDAY) == []


@pytest.mark.parametrize("sentence, expected", [
    ("The meeting is set for Tuesday of next week.", ("for Tuesday of next week", "2002-05-21")),
    ("They met on Tuesday of last week.", ("on Tuesday of last week", "2002-05-07")),
    ("Sanctions stay until Wednesday next week.", ("until Wednesday next week", "2002-05-22")),
])
def test_a_weekday_of_a_named_week(sentence, expected):
    text, day = expected
    assert spans(sentence) == [(text, day, day)]


def test_a_reporting_verb_after_an_opening_date_is_the_main_clause():
    # ", X reported" after an expression inside the sentence says when it was said; after an
    # expression that opens the sentence it is the sentence's own verb.
    published = date(2016, 1, 16)
    assert spans("In June, the government reported that he had died.", published) == [
        ("In June", "2015-06-01", "2015-06-30")]
    assert spans("Talks will resume in June, the government reported.", published) == [
        ("in June", "2016-06-01", "2016-06-30")]


# --- Other languages ---------------------------------------------------------------------


@pytest.mark.parametrize("language, sentence, expected", [
    # Short month names next to a day or a year, and the English order in Spanish pages.
    ("es", "El 7 oct se celebró la cumbre.", ("El 7 oct", "2001-10-07", "2001-10-07")),
    ("es", "Publicado el 02 may, 2002.", ("el 02 may, 2002", "2002-05-02", "2002-05-02")),
    ("es", "Caracas, octubre 7, 2001: la oposición votó.", ("octubre 7, 2001", "2001-10-07", "2001-10-07")),
    ("ru", "10 авг. произошел взрыв.", ("10 авг.", "2001-08-10", "2001-08-10")),
    ("uk", "10 сер. стався вибух.", ("10 сер.", "2001-08-10", "2001-08-10")),
    # Slashed dates are day first outside English.
    ("fr", "Le rendez-vous est fixé au 02/06/2002.", ("02/06/2002", "2002-06-02", "2002-06-02")),
    ("es", "La reunión será el 02/06/2002.", ("02/06/2002", "2002-06-02", "2002-06-02")),
    # "ago": days and weeks give the day, years the year (as English).
    ("fr", "Il a été élu il y a trois semaines.", ("il y a trois semaines", "2002-04-24", "2002-04-24")),
    ("fr", "Il y a un an, il a gagné.", ("Il y a un an", "2001-01-01", "2001-12-31")),
    ("es", "Hace tres días llegó el convoy.", ("Hace tres días", "2002-05-12", "2002-05-12")),
    ("de", "Vor zwei Jahren wurde er gewählt.", ("Vor zwei Jahren", "2000-01-01", "2000-12-31")),
    ("ru", "Три дня назад он прибыл.", ("Три дня назад", "2002-05-12", "2002-05-12")),
    ("uk", "Два роки тому його обрали.", ("Два роки тому", "2000-01-01", "2000-12-31")),
    # "this Friday": the one around publication, either way; a weekday of a named week.
    ("es", "Hollande anunció este viernes que va a esperar.", ("este viernes", "2002-05-17", "2002-05-17")),
    ("de", "Die Frist läuft bis zu diesem Samstag.", ("diesem Samstag", "2002-05-18", "2002-05-18")),
    ("ru", "В эту субботу он выступит.", ("В эту субботу", "2002-05-18", "2002-05-18")),
    ("de", "Am Dienstag vergangener Woche sprach er.", ("Am Dienstag vergangener Woche", "2002-05-07", "2002-05-07")),
    ("fr", "Il a parlé mardi de la semaine dernière.", ("mardi de la semaine dernière", "2002-05-07", "2002-05-07")),
    # German weekdays with a part of the day, the night before, the start of the year.
    ("de", "Am Sonntagabend wurde er festgenommen.", ("Am Sonntagabend", "2002-05-12", "2002-05-12")),
    ("de", "In der Nacht griffen Drohnen an.", ("In der Nacht", "2002-05-14", "2002-05-15")),
    ("de", "Seit Jahresbeginn kamen 30 Schiffe an.", ("Seit Jahresbeginn", "2002-01-01", "2002-05-15")),
    ("fr", "Depuis le début de l'année, 30 accidents ont eu lieu.",
     ("Depuis le début de l'année", "2002-01-01", "2002-05-15")),
    # Two months with one year ("липні-серпні 2014 року") are one span of that year.
    ("uk", "В липні-серпні 2014 року тривали бої.", ("липні-серпні 2014 року", "2014-07-01", "2014-08-31")),
    ("fr", "Les fouilles de juillet-août 1998 ont tout changé.", ("juillet-août 1998", "1998-07-01", "1998-08-31")),
    # Strong German preterites and French passé composé with être are past cues.
    ("de", "Am 7. Oktober griff die Miliz an.", ("Am 7. Oktober", "2001-10-07", "2001-10-07")),
    ("fr", "Dimanche, les deux enfants sont morts.", ("Dimanche", "2002-05-12", "2002-05-12")),
    # French parts of a day of the day named (else publication).
    ("fr", "Il est parti dans l'après-midi.", ("dans l'après-midi", "2002-05-15", "2002-05-15")),
])
def test_other_languages(language, sentence, expected):
    assert spans(sentence, language=language) == [expected]


@pytest.mark.parametrize("language, sentence, expected", [
    ("fr", "Il est revenu le 3 mai, deux jours plus tard il est reparti.", "2002-05-05"),
    ("de", "Er sprach am 3. Mai, zwei Tage später kam er zurück.", "2002-05-05"),
    ("es", "Llegó el 3 de mayo y al día siguiente se fue.", "2002-05-04"),
    ("ru", "Он прибыл 3 мая, а на следующий день уехал.", "2002-05-04"),
    ("uk", "Він прибув 3 травня, а наступного дня поїхав.", "2002-05-04"),
])
def test_days_counted_from_the_day_named_before(language, sentence, expected):
    assert spans(sentence, language=language)[-1][1:] == (expected, expected)


@pytest.mark.parametrize("language, sentence", [
    ("fr", "L'opération a eu lieu deux jours plus tard."),
    ("de", "Am nächsten Tag kam er zurück."),
    ("es", "Al día siguiente se fue."),
])
def test_days_counted_from_nothing_are_left_out(language, sentence):
    assert find_dates(sentence, WEDNESDAY, language=language) == []


def test_a_slashed_date_that_reads_both_ways_is_kept_only_as_the_dateline():
    assert spans("Berlin, 03/02/2024: the ministry confirmed.", date(2024, 3, 2)) == [
        ("03/02/2024", "2024-03-02", "2024-03-02")]
    assert find_dates("The order was dated 04/05/2024.", date(2024, 3, 2)) == []


def test_a_month_just_ahead_of_a_reporting_verb_is_the_coming_one():
    published = date(1990, 8, 16)
    assert spans("Saudi Arabia told its customers of a cutback in supply in September.",
                 published) == [("in September", "1990-09-01", "1990-09-30")]
    # "last December" stays strictly before the publication month.
    assert spans("Sales rose last December.", date(1989, 11, 2)) == [
        ("last December", "1988-12-01", "1988-12-31")]
