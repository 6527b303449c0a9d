"""Issue 18, fourth pass: spans in every language, rolling windows, event names, anchors.

Every sentence is written for the test.  Publication days are given per test.
"""

from __future__ import annotations

from datetime import date

import pytest

from briefings.extract.dates import find_dates

THURSDAY = date(2023, 11, 2)


def spans(sentence: str, published: date = THURSDAY, **kwargs) -> list[tuple[str, str, str]]:
    return [(m.text, m.start.isoformat(), m.end.isoformat())
            for m in find_dates(sentence, published, **kwargs)]


# --- Spans outside English: two ends joined into one range --------------------------------


@pytest.mark.parametrize("language, sentence, expected", [
    ("fr", "Des frappes ont touché le quartier mardi et mercredi.",
     [("mardi et mercredi", "2023-10-31", "2023-11-01")]),
    ("fr", "Il a été interpellé dans la nuit de lundi à mardi près de la gare.",
     [("dans la nuit de lundi à mardi", "2023-10-30", "2023-10-31")]),
    ("de", "Von Montagabend bis Dienstag wurden zwölf Angriffe gezählt.",
     [("Von Montagabend bis Dienstag", "2023-10-30", "2023-10-31")]),
    ("es", "Los combates siguieron entre el lunes y el martes.",
     [("el lunes y el martes", "2023-10-30", "2023-10-31")]),
    ("uk", "Протягом 09.12.2017-10.12.2017 міст відремонтували.",
     [("09.12.2017-10.12.2017", "2017-12-09", "2017-12-10")]),
    ("uk", "Звіт охоплює липень і серпень 2014 року.",
     [("липень і серпень 2014 року", "2014-07-01", "2014-08-31")]),
])
def test_two_ends_of_a_span_are_one_range(language, sentence, expected):
    assert spans(sentence, language=language) == expected


@pytest.mark.parametrize("language, sentence", [
    ("fr", "Le vote a eu lieu mardi et le dépouillement jeudi."),     # not consecutive, no "de"
    ("fr", "Les visites sont prévues du mercredi 3 avril au samedi 6 avril."),  # two full dates
    ("de", "Am Montag sprach er, am Mittwoch reiste er ab."),
])
def test_days_that_are_not_a_span_stay_apart(language, sentence):
    assert len(find_dates(sentence, THURSDAY, language=language)) == 2


# --- Windows counted from publication ------------------------------------------------------

FRIDAY = date(2016, 2, 12)


@pytest.mark.parametrize("sentence, expected", [
    ("The envoys agreed to reach a truce within a week.",
     [("within a week", "2016-02-12", "2016-02-19")]),
    ("The court gave the ministry a report deadline within a month.",
     [("within a month", "2016-02-12", "2016-03-12")]),
    ("The pause should start in a week's time.", [("in a week's time", "2016-02-19", "2016-02-19")]),
    ("Inspectors will visit over the next two weeks.",
     [("over the next two weeks", "2016-02-13", "2016-02-26")]),
    ("In the past two months the rebels took four towns.",
     [("In the past two months", "2015-12-12", "2016-02-12")]),
    ("She has slept in the tent for the past month.", [("the past month", "2016-01-12", "2016-02-12")]),
    ("Forty towns were hit so far this year.", [("so far this year", "2016-01-01", "2016-02-12")]),
    ("The drone was built in the second half of last year.",
     [("in the second half of last year", "2015-07-01", "2015-12-31")]),
    ("Exports grew in the first two months of the year.",
     [("in the first two months of the year", "2016-01-01", "2016-02-29")]),
])
def test_windows_counted_from_publication(sentence, expected):
    assert spans(sentence, FRIDAY) == expected


@pytest.mark.parametrize("sentence", [
    "The town fell within a week of the landing.",     # counted from an event, not publication
    "The appeal reached its goal within a day.",       # how long it took
    "Talks may resume over the next day or two.",
    "Prices doubled over the past two years.",         # vague by the guidelines
    "A survey of conflicts over the last 18 months.",
])
def test_windows_counted_from_something_else_are_left_out(sentence):
    assert find_dates(sentence, FRIDAY) == []


@pytest.mark.parametrize("language, sentence, expected", [
    ("fr", "Le groupe creuse des galeries depuis un an.", [("depuis un an", "2015-02-12", "2016-02-12")]),
    ("de", "Seit zwei Tagen wartet der Fahrer an der Grenze.",
     [("Seit zwei Tagen", "2016-02-10", "2016-02-12")]),
    ("es", "Las elecciones se celebrarán dentro de 40 días.",
     [("dentro de 40 días", "2016-03-23", "2016-03-23")]),
    ("es", "Los cortes duran desde hace tres semanas.",
     [("desde hace tres semanas", "2016-01-22", "2016-02-12")]),
])
def test_windows_in_other_languages(language, sentence, expected):
    assert spans(sentence, FRIDAY, language=language) == expected


# --- Tense cues, daily reports, anniversaries and days named as events ----------------------


def test_a_spanish_noun_in_o_is_no_past_cue():
    # "rechazo" (a noun) once read as a preterite and put the planned vote a year back
    sentence = "Sigue el debate sobre el rechazo del 6 de diciembre."
    assert spans(sentence, date(2020, 10, 7), language="es")[-1] == (
        "del 6 de diciembre", "2020-12-06", "2020-12-06")


def test_a_russian_present_reflexive_is_no_future_cue():
    sentence = "Об этом говорится в тексте речи министра в четверг."
    assert spans(sentence, date(2019, 1, 11), language="ru") == [
        ("в четверг", "2019-01-10", "2019-01-10")]


@pytest.mark.parametrize("sentence, expected", [
    ("Минулої доби обстрілів не було.", [("Минулої доби", "2016-08-31", "2016-08-31")]),
    ("Всього за минулу добу сталося 14 обстрілів.", [("за минулу добу", "2016-08-31", "2016-08-31")]),
    ("За першу половину сьогоднішньої доби був один обстріл.",
     [("сьогоднішньої доби", "2016-09-01", "2016-09-01")]),
])
def test_ukrainian_daily_reports_count_the_day_just_ended(sentence, expected):
    assert spans(sentence, date(2016, 9, 1), language="uk") == expected


@pytest.mark.parametrize("language, sentence, expected", [
    ("en", "Crowds marked the first anniversary of October 7 in silence.",
     [("October 7", "2023-10-07", "2023-10-07")]),
    ("es", "El país conmemora el aniversario del 7 de octubre.",
     [("del 7 de octubre", "2023-10-07", "2023-10-07")]),
    ("de", "Zum Jahrestag des 7. Oktober gab es Kundgebungen.",
     [("7. Oktober", "2023-10-07", "2023-10-07")]),
    ("es", "Desde el 11-S la seguridad de los aeropuertos cambió.",
     [("11-S", "2001-09-11", "2001-09-11")]),
    ("es", "El relato del 7-O divide al país.", [("7-O", "2023-10-07", "2023-10-07")]),
    ("fr", "Depuis le 7-Octobre, la frontière est fermée.", [("7-Octobre", "2023-10-07", "2023-10-07")]),
])
def test_anniversaries_and_days_named_as_events(language, sentence, expected):
    assert spans(sentence, date(2024, 10, 7), language=language) == expected


def test_a_letter_after_a_number_is_no_event_outside_the_table():
    assert find_dates("El equipo ganó 3-D en la final.", date(2024, 10, 7), language="es") == []


# --- English: year-end, fiscal years, possessive months, eras, schedules --------------------

OCTOBER_1989 = date(1989, 11, 2)


@pytest.mark.parametrize("sentence, expected", [
    ("The bank expects to close the deal by year-end.", [("by year-end", "1989-12-31", "1989-12-31")]),
    ("The index has risen 12% since year-end.", [("since year-end", "1988-12-31", "1988-12-31")]),
    ("Sales in the latest fiscal year rose 4%.",
     [("in the latest fiscal year", "1988-01-01", "1988-12-31")]),
    ("It sees revenue in the current fiscal year that beats the last.",
     [("the current fiscal year", "1989-01-01", "1989-12-31")]),
    ("The agency ran February's satellite launch.", [("February's", "1989-02-01", "1989-02-28")]),
])
def test_year_end_fiscal_years_and_possessive_months(sentence, expected):
    assert spans(sentence, OCTOBER_1989) == expected


@pytest.mark.parametrize("sentence", [
    "The yield sits near its quarter-century low.",
    "In today's world a phone is a bank.",
    "Today's personal computers run on these chips.",
    "He spoke of the leaders of tomorrow.",
    "Year-end bonuses fell sharply.",
    "Theresa May's cabinet met.",
])
def test_eras_and_names_are_no_dates(sentence):
    assert find_dates(sentence, OCTOBER_1989) == []


@pytest.mark.parametrize("sentence, expected", [
    ("The summit continues on Friday with a session on security.",
     [("on Friday", "2016-04-01", "2016-04-01")]),
    ("Officials discussed a report to be released Thursday.", [("Thursday", "2016-03-31", "2016-03-31")]),
    ("Asked about a deal, he said there is little time between now and the elections in November.",
     [("in November", "2016-11-01", "2016-11-30")]),
])
def test_schedules_in_the_present_and_to_be_are_ahead(sentence, expected):
    assert spans(sentence, date(2016, 3, 30)) == expected


@pytest.mark.parametrize("language, sentence, published, expected", [
    ("en", "By the end of January, 20,000 people had been displaced.", date(2024, 2, 29),
     [("By the end of January", "2024-01-31", "2024-01-31")]),
    ("en", "Arrests followed after the riots erupted this weekend.", date(2024, 8, 5),
     [("this weekend", "2024-08-03", "2024-08-04")]),
    ("en", "Dealers sold ahead of the weekend.", date(1989, 10, 30),
     [("the weekend", "1989-11-04", "1989-11-05")]),
    ("de", "Die Ministerin war am Morgen mit dem Zug angereist.", date(2025, 6, 30),
     [("am Morgen", "2025-06-30", "2025-06-30")]),
    ("fr", "Le ministre est attendu mercredi à Astana.", date(2024, 11, 22),
     [("mercredi", "2024-11-27", "2024-11-27")]),
    ("fr", "Une première réunion s'est tenue courant mai.", date(2022, 6, 30),
     [("courant mai", "2022-05-01", "2022-05-31")]),
])
def test_tense_of_month_ends_weekends_and_parts_of_days(language, sentence, published, expected):
    assert spans(sentence, published, language=language) == expected


def test_a_time_of_day_alone_is_no_date_in_english():
    assert find_dates("Earlier in the day, the champion won in three sets.", date(2023, 8, 30)) == []


@pytest.mark.parametrize("language, sentence, published, expected", [
    ("en", "On December 14 and 15 last year, the envoys met in Berlin.", date(2026, 2, 18),
     [("On December 14 and 15 last year", "2025-12-14", "2025-12-15")]),
    ("en", "The fair runs on May 3 and 4.", date(2026, 2, 18), [("on May 3 and 4", "2026-05-03", "2026-05-04")]),
    ("de", "Die Ausfuhren des Januars und Februars sind gestiegen.", date(2024, 4, 22),
     [("Januars und Februars", "2024-01-01", "2024-02-29")]),
    ("de", "In den ersten sechs Monaten des Jahres wurden sieben Menschen getötet.", date(2024, 8, 27),
     [("In den ersten sechs Monaten des Jahres", "2024-01-01", "2024-06-30")]),
])
def test_consecutive_days_and_months_named_together(language, sentence, published, expected):
    assert spans(sentence, published, language=language) == expected


def test_days_of_a_month_that_are_not_consecutive_are_no_span():
    assert spans("They met on March 3 and 17.", date(2026, 2, 18))[0][0] == "on March 3"


def test_an_adjective_in_ed_is_no_past_cue():
    sentence = "The dividend would be paid on a still unspecified date in January."
    assert spans(sentence, date(1989, 10, 26)) == [("in January", "1990-01-01", "1990-01-31")]


def test_hoy_is_the_day_of_publication():
    assert spans("Hoy se reúnen los ministros en Madrid.", THURSDAY, language="es") == [
        ("Hoy", "2023-11-02", "2023-11-02")]


@pytest.mark.parametrize("language, sentence, published, expected", [
    ("ru", "В новогоднюю ночь задержаны трое.", date(2000, 1, 1),
     [("В новогоднюю ночь", "1999-12-31", "2000-01-01")]),
    ("de", "In der Silvesternacht gilt ein Verbot.", date(2024, 12, 20),
     [("In der Silvesternacht", "2024-12-31", "2025-01-01")]),
    ("fr", "Des voitures ont brûlé la nuit de la Saint-Sylvestre.", date(2025, 1, 2),
     [("la nuit de la Saint-Sylvestre", "2024-12-31", "2025-01-01")]),
])
def test_new_years_night_is_the_turn_of_the_year_nearest_publication(language, sentence,
                                                                      published, expected):
    assert spans(sentence, published, language=language) == expected


def test_a_first_name_is_no_new_years_eve():
    assert find_dates("Silvester Müller gewann das Rennen.", date(2024, 12, 20), language="de") == []


def test_an_agreement_to_act_points_a_month_ahead_but_not_a_weekday():
    published = date(1989, 10, 30)
    assert spans("The group agreed to buy the plant for $9 million in February.", published) == [
        ("in February", "1990-02-01", "1990-02-28")]
    assert spans("The army had decided to hit back for an attack Friday.", published) == [
        ("Friday", "1989-10-27", "1989-10-27")]
