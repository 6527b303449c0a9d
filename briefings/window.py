"""The day rule of DESIGN.md, in one place for files and the archive alike.

A brief of day D covers articles published from D 00:00 to D 24:00 in the brief's timezone
(``window_hours`` above 24 reaches further back). A publication date without a time counts as
that whole day, so with 24-hour windows every article lands in exactly one daily brief.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from .errors import ConfigError
from .model import Article, Window

_EXPECTED = "YYYY-MM-DD, or words such as 'today' or 'yesterday'"
_NUMERIC = re.compile(r"\d")


def parse_brief_date(text: str | None, timezone: str, now: datetime | None = None) -> date:
    """The day a brief covers, from ``--date``: an ISO date, or words read in the brief's zone.

    Why here and not in the CLI: "today" and "yesterday" depend on the configured timezone (at
    01:00 in Kyiv it is still yesterday in UTC), and the day rule lives in this module.  A
    numeric date that is not ISO ("2025-13-01", "12/07/2025": July or December?) is refused
    with the expected form rather than read as some other day.  ``now`` is for tests.
    """
    zone = ZoneInfo(timezone)
    moment = (now or datetime.now(zone)).astimezone(zone)
    if text is None or not text.strip():
        return moment.date()
    value = text.strip()
    if _NUMERIC.search(value):
        try:
            return date.fromisoformat(value) if len(value) == 10 else _not_iso(value)
        except ValueError:
            raise ConfigError(f"--date: {value!r} is not a valid date (expected {_EXPECTED})") \
                from None
    import dateparser  # lazy: its first call is slow

    base = moment.replace(tzinfo=None)
    parsed = dateparser.parse(value, languages=["en"],
                              settings={"PREFER_DATES_FROM": "past", "RELATIVE_BASE": base})
    if parsed is None:
        raise ConfigError(f"--date: cannot read {value!r} as a date (expected {_EXPECTED})")
    return parsed.date()


def _not_iso(value: str) -> date:
    raise ValueError(value)


def day_window(day: date, timezone: str, hours: int = 24) -> Window:
    zone = ZoneInfo(timezone)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone)
    return Window(start=end - timedelta(hours=hours), end=end, timezone=timezone)


def published_in(article: Article, start: datetime, end: datetime) -> bool:
    """Undated articles are kept (the caller decides which belong); a timed publication must
    fall inside ``[start, end)``; a date-only one's whole day must overlap it."""
    published = article.published
    if published is None:
        return True
    if published.tzinfo is None:
        published = published.replace(tzinfo=start.tzinfo)
    if article.published_has_time:
        return start <= published < end
    return published < end and published + timedelta(days=1) > start
