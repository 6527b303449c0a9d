"""Publication dates as files write them → aware datetimes.

Dates come from headers, front matter, page metadata and JSON fields in many spellings; one
parser for all of them keeps the rules (unknown is None, a date alone is a whole day in the
configured zone, a time without a zone is read in that zone) in one place.
"""

from __future__ import annotations

import math
import re
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from typing import Any

__all__ = ["parse_published"]

_ISO = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})"
    r"(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?"
    r"\s*(Z|z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?)?"
    r"(?![\d:])"
)
_SLASHED = re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})(?!\d)")
_WORDY_FORMATS = (
    "%B %d, %Y", "%d %B %Y", "%b %d, %Y", "%d %b %Y", "%b. %d, %Y", "%a, %d %b %Y", "%A, %B %d, %Y",
)  # fmt: skip


def parse_published(value: Any, default_tz: tzinfo = UTC,
                    language: str | None = None) -> tuple[datetime | None, bool]:
    """Read a publication date: ``(aware datetime or None, whether a time of day was given)``.

    Accepts ISO dates and datetimes (trailing words such as "(inferred)" are ignored), RFC 2822
    as feeds write it, "2025/07/22", dotted "22.07.2025", epoch seconds (or milliseconds), and
    ``date``/``datetime`` objects (YAML front matter gives those); anything else is given to
    dateparser ("July 22, 2025 11:40 PM EDT", "22 juillet 2025", "22 липня 2025") in the
    article's ``language`` (then English), day first unless the language is English.
    Anything unreadable is unknown, and unknown is None: an article is better kept undated
    than dated wrongly (the callers say so in one line).
    """
    if isinstance(value, datetime):
        return _aware(value, default_tz), True
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=default_tz), False
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if not math.isfinite(value):
            return None, True
        value = str(int(value))
    if not isinstance(value, str) or not value.strip():
        return None, True
    text = " ".join(value.split())
    for parser in (_parse_iso, _parse_epoch, _parse_dotted, _parse_rfc2822, _parse_slashed,
                   _parse_wordy):
        try:
            found = parser(text, default_tz)
        except (ValueError, OverflowError, TypeError, IndexError):
            found = None
        if found is not None:
            return found
    try:
        found = _parse_dateparser(text, default_tz, language)
    except (ValueError, OverflowError, TypeError, IndexError, AttributeError):
        found = None
    return found if found is not None else (None, True)


_EPOCH = re.compile(r"^\d{9,10}(?:\d{3})?(?:\.\d+)?$")
_DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:,?\s+(\d{1,2})[:.](\d{2}))?(?![\d.])")
_RFC2822_SHAPE = re.compile(r"^(?:[A-Za-z]{3},?\s+)?\d{1,2}\s+[A-Za-z]{3}\s+\d{2,4}\s+\d{1,2}:\d{2}")
_CLOCK = re.compile(r"\d{1,2}\s*[:h]\s*\d{2}|\d\s*(?:[ap]\.?m\.?)(?!\w)", re.IGNORECASE)


def _parse_epoch(text: str, default_tz: tzinfo) -> tuple[datetime, bool] | None:
    """Seconds (or milliseconds) since 1970, as JSON feeds give them: an instant, in UTC."""
    if not _EPOCH.match(text):
        return None
    seconds = float(text)
    if seconds > 1e11:
        seconds /= 1000
    return datetime.fromtimestamp(seconds, tz=UTC), True


def _parse_dotted(text: str, default_tz: tzinfo) -> tuple[datetime, bool] | None:
    """"22.07.2025" (day first, as everywhere dots are used), optionally "22.07.2025 14:30"."""
    match = _DOTTED.match(text)
    if not match:
        return None
    day, month, year, hour, minute = match.groups()
    if hour is None:
        return datetime(int(year), int(month), int(day), tzinfo=default_tz), False
    return datetime(int(year), int(month), int(day), int(hour), int(minute),
                    tzinfo=default_tz), True


def _parse_dateparser(text: str, default_tz: tzinfo,
                      language: str | None) -> tuple[datetime, bool] | None:
    """Words, zone names and 12-hour clocks, read by dateparser (imported lazily: slow)."""
    if not re.search(r"(?<!\d)\d{4}(?!\d)", text):
        return None  # a publication date writes its year; "yesterday" is not one
    import dateparser

    code = (language or "en").split("-")[0].split("_")[0].lower()
    languages = [code] if code == "en" else [code, "en"]
    settings = {"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DAY_OF_MONTH": "first",
                "DATE_ORDER": "MDY" if code == "en" else "DMY"}
    try:
        found = dateparser.parse(text, languages=languages, settings=settings)
    except Exception:  # an unknown language code, or dateparser's own trouble: unreadable
        found = None
    if found is None:
        return None
    if found.tzinfo is not None:  # "EDT": dateparser's static zone, as a plain UTC offset
        found = found.astimezone(timezone(found.utcoffset() or timedelta(0)))
    return _aware(found, default_tz), bool(_CLOCK.search(text))


def _aware(moment: datetime, default_tz: tzinfo) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=default_tz)


def _parse_iso(text: str, default_tz: tzinfo) -> tuple[datetime, bool] | None:
    match = _ISO.match(text)
    if not match:
        return None
    year, month, day, hour, minute, second, fraction, zone = match.groups()
    if hour is None:
        return datetime(int(year), int(month), int(day), tzinfo=default_tz), False
    micro = int((fraction or "0")[:6].ljust(6, "0"))
    moment = datetime(
        int(year), int(month), int(day), int(hour), int(minute), int(second or 0), micro
    )
    return moment.replace(tzinfo=_zone(zone, default_tz)), True


def _zone(text: str | None, default_tz: tzinfo) -> tzinfo:
    """An ISO zone designator as a tzinfo; none at all means the configured zone."""
    if text is None:
        return default_tz
    if text.upper() in ("Z", "UTC", "GMT"):
        return UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def _parse_rfc2822(text: str, default_tz: tzinfo) -> tuple[datetime, bool] | None:
    """RFC 2822 ("Tue, 22 Jul 2025 08:15:00 +0300"); no zone, or -0000, is read as documented.

    Only text of that shape: ``parsedate_tz`` reads "July 22, 2025 11:40 PM EDT" as 11:40 UTC."""
    if not _RFC2822_SHAPE.match(text):
        return None
    from email.utils import parsedate_tz  # lazy: email.utils costs ~15 ms at import

    parts = parsedate_tz(text)
    if parts is None:
        return None
    moment = datetime(*parts[:6])
    offset = parts[9]
    if offset is None:
        return moment.replace(tzinfo=default_tz), True
    return moment.replace(tzinfo=timezone(timedelta(seconds=offset))), True


def _parse_slashed(text: str, default_tz: tzinfo) -> tuple[datetime, bool] | None:
    match = _SLASHED.match(text)
    if not match:
        return None
    year, month, day = (int(g) for g in match.groups())
    return datetime(year, month, day, tzinfo=default_tz), False


def _parse_wordy(text: str, default_tz: tzinfo) -> tuple[datetime, bool] | None:
    """English dates as bylines write them ("July 22, 2025"); day precision only."""
    for fmt in _WORDY_FORMATS:
        try:
            day = datetime.strptime(text, fmt)
        except ValueError:
            continue
        return day.replace(tzinfo=default_tz), False
    return None
