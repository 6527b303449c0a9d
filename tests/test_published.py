"""parse_published: the spellings of publication dates that sites and feeds write (issue 18,
item 6). Every value here is written for the test."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from briefings.collect.published import parse_published

KYIV = ZoneInfo("Europe/Kyiv")


def test_twelve_hour_clock_and_zone_name():
    moment, has_time = parse_published("July 22, 2025 11:40 PM EDT", KYIV)
    assert has_time
    assert moment == datetime(2025, 7, 22, 23, 40, tzinfo=timezone(timedelta(hours=-4)))
    assert moment.astimezone(UTC) == datetime(2025, 7, 23, 3, 40, tzinfo=UTC)


@pytest.mark.parametrize("value, language", [
    ("22.07.2025", None),
    ("22 juillet 2025", "fr"),
    ("22 липня 2025", "uk"),
    ("22 de julio de 2025", "es"),
    ("12/07/2025", "fr"),  # day first where the language writes it so (never December 7)
    ("22. Juli 2025", "de"),
])
def test_dates_in_the_article_language_are_whole_days_in_the_configured_zone(value, language):
    assert parse_published(value, KYIV, language) == (datetime(2025, 7, 22 if "12/" not in value
                                                               else 12, tzinfo=KYIV), False)


def test_a_dotted_date_with_a_time():
    assert parse_published("22.07.2025 14:30", KYIV) == (datetime(2025, 7, 22, 14, 30,
                                                                  tzinfo=KYIV), True)


@pytest.mark.parametrize("value", ["1753227600", 1753227600, "1753227600000"])
def test_epoch_seconds_and_milliseconds_are_instants_in_utc(value):
    assert parse_published(value, KYIV) == (datetime(2025, 7, 22, 23, 40, tzinfo=UTC), True)


def test_rfc2822_and_iso_still_read_as_before():
    assert parse_published("Tue, 22 Jul 2025 08:15:00 +0300")[0] == datetime(
        2025, 7, 22, 8, 15, tzinfo=timezone(timedelta(hours=3)))
    assert parse_published("2025-07-22T08:15:00Z")[0] == datetime(2025, 7, 22, 8, 15, tzinfo=UTC)


@pytest.mark.parametrize("value", ["not a date", "Tuesday", "soon", "2025", "", True, None])
def test_what_cannot_be_read_is_unknown(value):
    assert parse_published(value, KYIV)[0] is None


@pytest.mark.parametrize("value", [float("inf"), float("nan"), 10**30, "9" * 20])
def test_numbers_beyond_the_calendar_are_unknown(value):
    assert parse_published(value, KYIV)[0] is None
