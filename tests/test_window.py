"""The day rule: an article belongs to the brief of the day it was published, in the brief's
timezone; a date without a time counts as the whole day; undated articles are kept."""

from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from briefings.config import Config, Settings, default_config
from briefings.pipeline import brief_window, in_window
from briefings.taxonomy import load_default_taxonomy
from factories import make_article

KYIV = ZoneInfo("Europe/Kyiv")


def config_with(**brief) -> Config:
    settings = Settings.model_validate({"brief": brief})
    return Config(settings, load_default_taxonomy(), default_config().base_dir)


def test_window_is_the_day_in_the_brief_timezone():
    window = brief_window(date(2025, 7, 22), config_with(timezone="Europe/Kyiv"))
    assert window.start == datetime(2025, 7, 22, tzinfo=KYIV)
    assert window.end == datetime(2025, 7, 23, tzinfo=KYIV)
    assert window.timezone == "Europe/Kyiv"


def test_window_hours_reach_further_back():
    window = brief_window(date(2025, 7, 22), config_with(window_hours=48))
    assert window.start == datetime(2025, 7, 21, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    "published, inside",
    [
        (datetime(2025, 7, 22, 0, 0, tzinfo=KYIV), True),
        (datetime(2025, 7, 22, 23, 59, tzinfo=KYIV), True),
        (datetime(2025, 7, 23, 0, 0, tzinfo=KYIV), False),
        # 22:30 UTC on the 21st is 01:30 on the 22nd in Kyiv
        (datetime(2025, 7, 21, 22, 30, tzinfo=timezone.utc), True),
        (datetime(2025, 7, 21, 20, 59, tzinfo=timezone.utc), False),
    ],
)
def test_timed_articles_fall_in_exactly_one_day(published, inside):
    window = brief_window(date(2025, 7, 22), config_with(timezone="Europe/Kyiv"))
    assert in_window(make_article(published=published), window) is inside


def test_a_date_without_time_counts_as_that_whole_day():
    window = brief_window(date(2025, 7, 22), config_with(timezone="Europe/Kyiv"))
    assert in_window(make_article(published=datetime(2025, 7, 22, tzinfo=KYIV), published_has_time=False), window)
    assert not in_window(make_article(published=datetime(2025, 7, 21, tzinfo=KYIV), published_has_time=False), window)
    assert not in_window(make_article(published=datetime(2025, 7, 23, tzinfo=KYIV), published_has_time=False), window)


def test_undated_articles_are_kept():
    window = brief_window(date(2025, 7, 22), config_with())
    assert in_window(make_article(published=None), window)


# --- --date (issue 18, item 7) ------------------------------------------------------------------

from briefings.errors import ConfigError  # noqa: E402
from briefings.window import parse_brief_date  # noqa: E402

# 23:30 UTC on 21 July is 02:30 on 22 July in Kyiv.
LATE_UTC = datetime(2025, 7, 21, 23, 30, tzinfo=timezone.utc)


def test_yesterday_and_today_are_read_in_the_brief_timezone():
    assert parse_brief_date("today", "Europe/Kyiv", now=LATE_UTC) == date(2025, 7, 22)
    assert parse_brief_date("yesterday", "Europe/Kyiv", now=LATE_UTC) == date(2025, 7, 21)
    assert parse_brief_date("yesterday", "UTC", now=LATE_UTC) == date(2025, 7, 20)
    assert parse_brief_date(None, "Europe/Kyiv", now=LATE_UTC) == date(2025, 7, 22)


def test_iso_dates_are_taken_as_written():
    assert parse_brief_date("2025-07-22", "Europe/Kyiv", now=LATE_UTC) == date(2025, 7, 22)


@pytest.mark.parametrize("text", ["2025-13-01", "12/07/2025", "22.07.2025", "2025-7-2", "20250722"])
def test_numeric_dates_that_are_not_iso_are_refused_naming_the_form(text):
    with pytest.raises(ConfigError, match="YYYY-MM-DD"):
        parse_brief_date(text, "Europe/Kyiv", now=LATE_UTC)


def test_unreadable_words_are_refused_naming_the_form():
    with pytest.raises(ConfigError, match="YYYY-MM-DD"):
        parse_brief_date("the day after the war", "Europe/Kyiv", now=LATE_UTC)
