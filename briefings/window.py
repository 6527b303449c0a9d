"""The day rule of DESIGN.md, in one place for files and the archive alike.

A brief of day D covers articles published from D 00:00 to D 24:00 in the brief's timezone
(``window_hours`` above 24 reaches further back). A publication date without a time counts as
that whole day, so with 24-hour windows every article lands in exactly one daily brief.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from .model import Article, Window


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
