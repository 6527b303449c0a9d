"""looking-ahead.ics: the brief's "Looking ahead" events as an iCalendar file.

An analyst drops the file into a calendar to be reminded of the talks, votes and deadlines
the news announced. Each event is all-day (the brief knows days, not times), marked
transparent so it never blocks anyone's diary, and has a UID that depends only on its text
and dates so that importing the next day's file updates events instead of duplicating them.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from icalendar import Calendar, Event

from briefings.errors import RenderError
from briefings.model import Brief, UpcomingEvent, stable_id
from briefings.render.html import http_url

SUMMARY_CHARS = 90
"""Calendar apps show about this much of a title in a day cell; the full text is below it."""


def shorten(text: str, limit: int = SUMMARY_CHARS) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:.-–—")
    return cut + "…"


def event_uid(event: UpcomingEvent) -> str:
    """Stable across re-runs: the same announcement on the same days gets the same UID."""
    key = stable_id(" ".join(event.text.split()).lower(), event.start.isoformat(),
                    event.end.isoformat(), length=24)
    return f"{key}@briefings"


def event_description(event: UpcomingEvent) -> str:
    """The full sentence, then its sources (outlet, title, URL) one per line."""
    lines = [event.text, "", "Sources:"]
    for citation in event.citations:
        line = f"- {citation.outlet}: {citation.title}"
        if citation.url:
            line += f" <{citation.url}>"
        lines.append(line)
    return "\n".join(lines) if event.citations else event.text


def build_event(event: UpcomingEvent, stamp: datetime) -> Event:
    """One all-day VEVENT; DTEND is the day after the last day (iCalendar's exclusive end)."""
    vevent = Event()
    vevent.add("uid", event_uid(event))
    vevent.add("dtstamp", stamp)
    vevent.add("dtstart", event.start)
    vevent.add("dtend", max(event.end, event.start) + timedelta(days=1))
    vevent.add("summary", shorten(event.text))
    vevent.add("description", event_description(event))
    vevent.add("transp", "TRANSPARENT")
    if event.section:
        vevent.add("categories", [event.section])
    for citation in event.citations:
        url = http_url(citation.url)
        if url:
            vevent.add("url", url)
            break
    return vevent


def render_ics(brief: Brief) -> bytes:
    """The calendar as bytes (CRLF lines, as RFC 5545 wants)."""
    stamp = (brief.generated or datetime.now(UTC)).astimezone(UTC)
    calendar = Calendar()
    calendar.add("prodid", "-//briefings//Looking ahead//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")  # published information, not an invitation (RFC 5546)
    calendar.add("x-wr-calname", f"{brief.title}: looking ahead ({brief.date.isoformat()})")
    try:
        for event in sorted(brief.looking_ahead, key=lambda e: (e.start, e.end, e.text)):
            calendar.add_component(build_event(event, stamp))
        return calendar.to_ical()
    except (ValueError, TypeError) as exc:
        raise RenderError(f"looking-ahead.ics: cannot build the calendar: {exc}") from exc
