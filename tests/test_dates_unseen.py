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
