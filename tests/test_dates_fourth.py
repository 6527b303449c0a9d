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
