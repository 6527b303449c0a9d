"""Boilerplate: the parts of a scraped body that are not news.

Scrapers and news APIs deliver promos, share widgets, photo captions and credits, bylines,
time stamps, related-story links and copyright lines inside the body. None of it may reach a
brief, yet dropping a real sentence loses news, so the rules look at three things:

1. what a line says: widget words ("Share", "Sign up", "Follow us"), credits ("via AP",
   "Reporting by"), copyright, cookie banners, "did not respond to requests for comment";
2. how a line is shaped: a line without final punctuation is a headline, a menu item, a tag or
   a caption, and is boilerplate unless it is the article's own headline or standfirst (the
   "head", before the first body sentence), a piece of a sentence the scraper broke across
   lines, or a quotation whose final period was lost;
3. where a line stands: a sentence just before a photo credit or "Hide Caption" is a caption,
   and whatever follows an end marker ("contributed to this report", "Copyright") is the page
   footer unless the article visibly goes on.

``boilerplate_reasons`` says why each unit was dropped, so tests and the ``extract`` output
can show it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from .sentences import Unit

_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")

_WIDGET = re.compile(
    r"""^\W*(?:share|share this|print|email|e-mail|save|copy|copied|copy url|copy link|copy article link
    |comments?|search|menu|home|tags?|related:?|advertisement|advertise(?:\s+with\s+us)?|sponsored
    |facebook|twitter|x|whatsapp|telegram|linkedin|instagram|youtube|reddit|sms|rss|photos?:?
    |image|images|video|watch|watch live|listen|audio|hide caption|show caption|caption|credit\W*
    |updated|published|loading|read more|read later|save to read later|recommended(?:\s+stories)?
    |more from \w+|trending|most read|latest|key points|sign up(?:\s+now)?|subscribe|log ?in|logged in
    |leave a reply|cancel reply|show comments|close|next|previous|back to top|skip to \w+(?:\s+\w+)?
    |contact(?:\s+us)?|privacy policy|terms of (?:service|use)|cookie policy|about us|site map
    |from our partners|you must be|get in touch|news tips|careers|help
    |ap|afp|reuters|associated\s+press|the\s+associated\s+press|bloomberg|xinhua|tass|dpa|efe|ians|pti|upi
    |[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|eu|co\.uk|info|news))\W*$""",
    re.IGNORECASE | re.VERBOSE,
)
"""A whole line that is only a widget, menu item or section label."""

_PROMO_SOURCE = (
    r"""follow\s+(?:us|@|all\s+\w+\s+stories|\w+['\u2019]s\s+coverage)|sign(?:ing)?[\s-]+up\b|subscribe\s+to
    |newsletter|click\s+(?:here|on)|download\s+(?:the|our)\s+app|get\s+instant\s+alerts|enjoy\s+bonus\s+content
    |be\s+the\s+first\s+to\s+know|don['\u2019]t\s+miss|your\s+inbox|delivered\s+to\s+your
    |invalid\s+email|confirmation\s+email|your\s+browser\s+does\s+not\s+support|skip\s+to\s+(?:main\s+)?content
    |this\s+(?:site|website)\s+uses\s+cookies|our\s+(?:site|website)\s+uses\s+cookies
    |accept\s+(?:all\s+|only\s+essential\s+)?cookies|cookies?\s+policy
    |official\s+website|support\s+(?:[\w-]+\s+){0,3}journalism|podcasts?\b|preferred\s+source
    |contributed\s+to\s+this\s+report|editing\s+by|writing\s+by
    |compiled\s+by|with\s+files\s+from|first\s+published|originally\s+published|copyright|\u00a9|all\s+rights\s+reserved
    |trust\s+principles|opens\s+new\s+tab|purchase\s+licensing|licensing\s+(?:&|and)\s+reprints
    |did\s+not\s+(?:immediately\s+)?respond\s+to\s+(?:a\s+|multiple\s+)?requests?\s+for\s+comment
    |could\s+not\s+be\s+reached\s+for\s+comment|can\s+not\s+be\s+reached\s+for\s+comment
    |request\s+for\s+comment\s+as\s+this
    |learn\s+more\s+about|now\s+we\s+are\s+on|we\s+want\s+to\s+hear\s+from\s+you|write\s+to:|email\s+us
    |website\s+addresses|https?://"""
)
"""Promos, credits, licence lines and newsletter prompts, anywhere in a line. Matched against
the lower-cased text without flags, so that every branch starts with a letter and the regex
engine can skip quickly to the positions where one might start."""


def _by_first_letter(alternatives: str) -> str:
    """A verbose pattern of top-level alternatives rewritten with the alternatives that start
    with the same letter under one branch ("c(?:lick...|ookies...|opyright)"): the same
    matches, but at each position the regex engine tries one branch per letter instead of
    every alternative in turn (twice as fast for ``_PROMO``)."""
    parts, depth, start, i = [], 0, 0, 0
    while i < len(alternatives):
        ch = alternatives[i]
        if ch == "\\":
            i += 1
        elif ch == "[":
            i = alternatives.index("]", i + 2)  # a class (none here starts with "]")
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(alternatives[start:i].strip())
            start = i + 1
        i += 1
    parts.append(alternatives[start:].strip())
    groups: dict[str, list[str]] = {}
    for part in parts:
        first = part[:1] if part[:1].isalpha() and part[1:2] not in ("?", "*", "+", "{") else part
        groups.setdefault(first, []).append(part)
    return "|".join(
        items[0] if len(items) == 1 else f"{first}(?:{'|'.join(item[1:] for item in items)})"
        for first, items in groups.items()
    )


_PROMO = re.compile(_by_first_letter(_PROMO_SOURCE), re.VERBOSE)

_PROMO_START = re.compile(
    r"""\W*(?:(?:source|photo|photograph|image|credit|caption|file|video|audio|watch|read|related|listen|also\s+read
    |more|see\s+also|ap\s+audio|ap\s+video|tags?|topics?)\s*:|(?:list|item)\s+\d+\s+of\s+\d+
    |\d+\s+of\s+\d+\W*$|\[?\d+/\d+\]|\(?\s*(?:additional\s+)?reporting\s+by|by$
    |(?:updated|published|posted)\b.*\d)""",
    re.IGNORECASE | re.VERBOSE,
)
"""Lines that begin as a credit, a caption label or a gallery counter."""

_PROMO_CASED = re.compile(
    r"""^[Bb]y\s+[A-Z][\w.'\u2019-]+(?:\s+[A-Z][\w.'\u2019-]+){0,3}(?:\s*(?:,|and)\s+[A-Z][\w.'\u2019-]+(?:\s+[A-Z][\w.'\u2019-]+){0,3})*\s*$
    |\b(?:correspondent|reporter)\s+[A-Z][\w.]*\s+[A-Z][\w-]*\s+reports\b""",
    re.VERBOSE,
)
"""Bylines ("By Jane Roe and John Doe") and audio credits, which need the capitals."""

_CREDIT = re.compile(
    r"""(?:\bvia\s+(?:AP|Reuters|AFP|Getty|REUTERS)\b|(?i:getty\s+images)|\(AP\s+Photo|AP\s+Photo/|/AP\b|/AFP\b|/Reuters\b
    |/REUTERS\b|/The\s+New\s+York\s+Times|for\s+The\s+New\s+York\s+Times|Agence\s+France-Presse\s+\W*\s*Getty
    |(?i:\bhide\s+caption)|\bcredit\.\.\.|\(Image:|\(Photo:|\[File:|^\W*Photograph:|\bPHOTO\b
    |\[[^\]]*/[^\]]*\]\s*$|^\(?[A-Z][A-Za-z.'\u2019-]+\s+[A-Z][A-Za-z.'\u2019-]+/[A-Z])""",
    re.VERBOSE,
)
"""Photo credits: "(AP Photo/...)", "Name/Agency", "[File: ...]", "... via Getty"."""

_CREDIT_LIST = re.compile(r"^[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*)?['\u2019]s\s+(?:[A-Z][\w'\u2019-]+\s+[A-Z][\w'\u2019-]+,\s+){2,}")
"""A list of contributors: "CNN's Jane Doe, John Roe, Ann Poe and ..."."""

_CAPS_NAME = re.compile(r"\b[A-Z][a-z\u00c0-\u024f]+(?:\s+[A-Z]\.?)*\s+[A-Z\u00c0-\u024f]{3,}(?:-[A-Z]{2,})?\b")
"""A byline or credit name written "First LAST" (AFP style: "Nico GARCIA", "Saul LOEB")."""

_TIMESTAMP = re.compile(
    r"""\b(?:\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?|\d{1,2}\.\d{1,2}\.\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}h\b|[ap]\.m\.
    |(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?
    |\d{1,4}(?:st|nd|rd|th)?|et|edt|est|gmt|utc|cet|bst|pm|am|hrs?|hours?|mins?|minutes?|days?|ago|updated
    |last\s+update(?:d)?(?:\s+on)?|published|posted|at|on)\b""",
    re.IGNORECASE | re.VERBOSE,
)

_END_MARKER = re.compile(
    r"""contributed\s+to\s+this\s+report|reporting\s+by|editing\s+by|copyright|\u00a9|all\s+rights\s+reserved
    |first\s+published""",
    re.VERBOSE,
)
_END_LINE = re.compile(
    r"""\W*(?:recommended(?:\s+stories)?|related(?:\s+stories|\s+articles)?|read\s+more|show\s+comments|comments
    |leave\s+a\s+reply|latest\s+headlines.*|more\s+from\s+.*|most\s+read|trending.*|tags?)\W*$""",
    re.IGNORECASE | re.VERBOSE,
)
"""Lines after which a page's footer usually starts."""

_TERMINATED = re.compile(r"[.!?:;…][\"'\u201d\u2019\u00bb)\]*]*$")
_SPEECH_TAG = re.compile(
    r"(?:\b(?:said|says|added|told\s+\w+|wrote|stated|noted)\s*(?:[A-Z][\w.'\u2019-]*\s*){0,4}"
    r"|\b(?:he|she|they|it|we|I)\s+(?:said|says|added|wrote))$"
)
_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*")
_SECOND_PERSON = re.compile(r"\b(?:you|your|yours)\b", re.IGNORECASE)
_DIGIT = re.compile(r"\d")
_QUOTE_CHARS = "\"\u201c\u201d\u00ab\u00bb"
_QUOTE_CHAR = re.compile(f"[{_QUOTE_CHARS}]")
_TITLE_SPLIT = re.compile(r"\s+[|\u2013\u2014-]\s+|\s+:\s+")

HEAD_MIN_WORDS = 5
CUT_SENTENCE_WORDS = 25
"""An unpunctuated line this long is a sentence cut off by the source, not a headline."""
"""A headline or standfirst line has at least this many words; shorter lines are labels."""


def normalise(text: str) -> str:
    """Text without invisible format characters (scrapers leave zero-width spaces in words)."""
    return text if text.isascii() else _INVISIBLE.sub("", text)  # they are not ASCII


# The rules below ask the same questions of the same texts many times (a one-sentence line is
# judged as a line, as a unit, for the head, the tail and its neighbours): the answers are
# remembered per text. Each is a pure function of its string.
_MEMO = 4096


@lru_cache(maxsize=_MEMO)
def _words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(text))


def _word_count(text: str) -> int:
    return len(_words(text))


@lru_cache(maxsize=_MEMO)
def _lower_words(text: str) -> frozenset[str]:
    return frozenset(w.lower() for w in _words(text))


@lru_cache(maxsize=_MEMO)
def _terminated(text: str) -> bool:
    return _TERMINATED.search(text) is not None


@lru_cache(maxsize=_MEMO)
def _is_widget(text: str) -> bool:
    return _WIDGET.match(text) is not None


@lru_cache(maxsize=_MEMO)
def _has_end_marker(text: str) -> bool:
    return _END_MARKER.search(text.lower()) is not None


def boilerplate_reasons(units: Sequence[Unit], title: str = "") -> list[str | None]:
    """For each unit, why it is boilerplate, or None when it is news content."""
    lines = _group_lines(units)
    texts = [normalise(" ".join(u.text for u in line)) for line in lines]
    line_reasons = [_line_reason(text) for text in texts]
    _mark_captions(texts, line_reasons)
    links = _fragment_links(texts)
    fragments = links | {i - 1 for i in links}
    head = _head_lines(texts, line_reasons, title)
    tails: dict[int, str] = {}
    for i in fragments:
        if line_reasons[i] == "label":
            line_reasons[i] = None  # "diplomatic note": two words of a sentence cut at a link
    for i in _orphans(texts, links):
        line_reasons[i] = "orphaned link text"
    for i, line in enumerate(lines):
        if line_reasons[i] is None and i not in fragments and i not in head:
            if len(line) == 1:
                line_reasons[i] = _shape_reason(texts[i])
            elif _shape_reason(normalise(line[-1].text)):
                tails[line[-1].start] = "unpunctuated tail"
    _mark_tail(texts, line_reasons)
    _mark_preamble(texts, line_reasons, head)
    reasons = [
        line_reasons[i] or tails.get(unit.start) or _unit_reason(normalise(unit.text))
        for i, line in enumerate(lines)
        for unit in line
    ]
    _mark_line_footers(units, reasons)
    _mark_promo_questions(units, reasons)
    return reasons


def is_boilerplate_line(text: str) -> bool:
    """Whether a single line, seen on its own, is boilerplate (widget, credit, promo, shape)."""
    text = normalise(text.strip())
    return any(check(text) is not None for check in (_line_reason, _unit_reason, _shape_reason))


def _group_lines(units: Sequence[Unit]) -> list[list[Unit]]:
    lines: list[list[Unit]] = []
    for unit in units:
        if lines and lines[-1][-1].line == unit.line:
            lines[-1].append(unit)
        else:
            lines.append([unit])
    return lines


def _line_reason(text: str) -> str | None:
    """Boilerplate judged from the words of a whole line."""
    text = text.strip()
    if not _WORD.search(text):
        return "no words"
    if _has_credit(text):
        return "credit"
    if _is_widget(text):
        return "widget"
    if _word_count(text) <= 2 and not text.rstrip().endswith(("?", "!")):
        return "label"
    if _CREDIT_LIST.match(text):
        return "credit"
    if _is_timestamp(text):
        return "timestamp"
    if not _terminated(text) and _CAPS_NAME.search(text) and _word_count(text) <= 12:
        return "byline"
    return None


@lru_cache(maxsize=_MEMO)
def _is_promo(text: str) -> bool:
    lower = text.lower()
    return bool(
        _PROMO.search(lower)
        or _PROMO_START.match(text)
        or (lower.startswith("by") or "report" in lower or "correspondent" in lower)
        and _PROMO_CASED.search(text)
    )


_CREDIT_HINTS = re.compile(r"/|via |getty|photo|caption|credit|image|file:|\[")
"""Words one of which every photo credit holds (in the lower-cased text)."""


@lru_cache(maxsize=_MEMO)
def _has_credit(text: str) -> bool:
    """A photo credit in the line (cheap substring test first: the regex is long)."""
    return _CREDIT_HINTS.search(text.lower()) is not None and bool(_CREDIT.search(text))


def _unit_reason(text: str) -> str | None:
    """Boilerplate judged from one sentence (a promo sentence or a "Share" inside a line)."""
    if _is_promo(text):
        return "promo"
    if _is_widget(text):
        return "widget"
    return None


def _is_timestamp(text: str) -> bool:
    """A line made of dates and times only: "Feb 26, 2026 | 9:05 AM", "6 hrs ago"."""
    if len(text) > 120:
        return False
    has_time = _DIGIT.search(text) is not None or "ago" in text.lower()
    if not has_time or not any(ch.isdigit() for ch in text):
        return False
    return not _WORD.search(_TIMESTAMP.sub(" ", text))


@lru_cache(maxsize=_MEMO)
def _shape_reason(text: str) -> str | None:
    """A line without final punctuation is a label, tag, caption or link, not a sentence; an
    all-capitals sub-head is a label even with a colon ("KEY DEVELOPMENTS:")."""
    if _is_subhead(text):
        return "label"
    if _terminated(text):
        return None
    words = _word_count(text)
    if _SPEECH_TAG.search(text) and words >= 6:
        return None  # a quotation whose final period was lost: "...," he said
    if words <= 3 or text.isupper() or re.match(r"^\W*-.*-\W*$", text):
        return "label"
    if words >= CUT_SENTENCE_WORDS:
        return None  # a sentence cut off by the source (news APIs stop at a length), not a headline
    return "unpunctuated line"


def _is_subhead(text: str) -> bool:
    if len(text) > 100:
        return False
    letters = [ch for ch in text if ch.isalpha()]
    return (
        len(letters) >= 4
        and sum(ch.isupper() for ch in letters) >= 0.9 * len(letters)
        and _word_count(text) <= 10
        and not text.rstrip().endswith((".", "!", "?"))
    )


def _mark_captions(texts: Sequence[str], reasons: list[str | None]) -> None:
    """A sentence followed by a line that is only a photo credit, or preceded by "Image", is a
    caption (a credit at the end of the caption's own line already marks that line)."""
    for i, text in enumerate(texts):
        if reasons[i] is not None or not _terminated(text):
            continue
        after = texts[i + 1] if i + 1 < len(texts) else ""
        before = texts[i - 1].strip().lower() if i > 0 else ""
        if _is_credit_line(after) or before in ("image", "photo", "photos:", "picture"):
            reasons[i] = "caption"


def _is_credit_line(text: str) -> bool:
    """A short line that only credits a photo: "(AP Photo/...)", "Hide Caption", "Saul LOEB"."""
    text = text.strip()
    if not text or _word_count(text) > 14 or _terminated(text) and len(text) > 40:
        return False
    return bool(_has_credit(text) or _CAPS_NAME.search(text) or re.match(r"(?i)credit\W*$", text))


def _fragment_links(texts: Sequence[str]) -> set[int]:
    """Lines that continue the line before them: a sentence the scraper cut at a link
    ("... missile that" / "sank the flagship vessel"). Line ``i`` in the set continues ``i - 1``."""
    links: set[int] = set()
    for i in range(1, len(texts)):
        prev, cur = texts[i - 1].strip(), texts[i].strip()
        if _terminated(prev) or not cur[:1].islower():
            continue
        if i - 1 in links or _word_count(prev) >= 3 and not _is_widget(prev):
            links.add(i)
    return links


def _orphans(texts: Sequence[str], links: set[int]) -> set[int]:
    """Link texts left alone at the end of a cut sentence ("... the IAEA" / "warned"): a
    last piece of at most three words that never reaches a full stop says nothing by itself."""
    return {
        i
        for i in links
        if i + 1 not in links
        and not _terminated(texts[i].strip())
        and _word_count(texts[i]) <= 3
    }


def _head_lines(texts: Sequence[str], reasons: Sequence[str | None], title: str) -> set[int]:
    """The article's own headline, standfirst and summary bullets, which lack final periods.

    The head is the run of unpunctuated, headline-shaped lines before the first body sentence;
    boilerplate before it (captions, a menu) is skipped, boilerplate after it closes it (so the
    captions that follow a byline are not taken for a standfirst). A line that repeats the
    article's title counts wherever it stands.
    """
    head: set[int] = set()
    closed = False
    title_words = _title_word_sets(title) if title else []
    for i, text in enumerate(texts):
        if title_words and _same_headline(text, title_words):
            head.add(i)
            continue
        if closed:
            continue
        if reasons[i] is not None or _unit_reason(text):
            closed = bool(head)
        elif _terminated(text.strip()):
            closed = True
        elif _is_headline_shaped(text):
            head.add(i)
        else:
            closed = bool(head)
    return head


def _is_headline_shaped(text: str) -> bool:
    words = _word_count(text)
    return words >= HEAD_MIN_WORDS and not re.search(r"[|/@]", text) and words <= 60


def _title_word_sets(title: str) -> list[set[str]]:
    """The words of a title and of its parts (titles often carry " | Outlet" or " - Outlet")."""
    parts = [p for p in _TITLE_SPLIT.split(title) if len(p) > 15] or [title]
    return [words for words in ({w.lower() for w in _WORD.findall(p)} for p in parts) if words]


def _same_headline(text: str, title_words: Sequence[set[str]]) -> bool:
    """Whether a line repeats the title, or one of its parts."""
    if text.isascii():  # then a word of the line is a substring of its lower-cased text
        low = text.lower()
        if all(sum(w in low for w in words) < 0.75 * len(words) for words in title_words):
            return False  # too few of the title's words, even counted as substrings
    line = _lower_words(text)
    return any(
        len(words & line) >= 0.75 * len(words) and len(line) <= 2 * len(words) + 25
        for words in title_words
    )


def _mark_tail(texts: Sequence[str], reasons: list[str | None]) -> None:
    """After an end marker ("contributed to this report", "Copyright"), the rest is footer,
    unless the article goes on with at least two full sentences (live pages, syndicated text)."""
    i = 0
    while i < len(texts):
        if not (_has_end_marker(texts[i]) or _END_LINE.match(texts[i])):
            i += 1
            continue
        j = i + 1
        while j < len(texts) and not _resumes(texts, reasons, j):
            reasons[j] = reasons[j] or "footer"
            j += 1
        i = j


def _resumes(texts: Sequence[str], reasons: Sequence[str | None], j: int) -> bool:
    """Two consecutive long, punctuated, non-promo lines: the article is back."""
    def full(k: int) -> bool:
        return (
            k < len(texts)
            and reasons[k] is None
            and _terminated(texts[k].strip())
            and _word_count(texts[k]) >= 12
            and not _is_promo(texts[k])
        )

    return full(j) and full(j + 1)


def _mark_preamble(texts: Sequence[str], reasons: list[str | None], head: set[int]) -> None:
    """Before the first body paragraph, a sentence between two lines of a site banner (cookie
    notices, site notices, menus) belongs to the banner. Captions and credits do not count as
    banner: a lede often sits between a menu and a photo."""
    banner = {"promo", "widget", "label", "unpunctuated line", "banner", "no words"}
    for i in range(1, len(texts) - 1):
        if _is_lede(texts, reasons, i):
            return
        if reasons[i] is None and i not in head and {reasons[i - 1], reasons[i + 1]} <= banner:
            reasons[i] = "banner"


def _is_lede(texts: Sequence[str], reasons: Sequence[str | None], i: int) -> bool:
    """A long punctuated content line followed by more content: the article body begins."""
    return (
        reasons[i] is None
        and _terminated(texts[i].strip())
        and _word_count(texts[i]) >= 8
        and i + 1 < len(texts)
        and reasons[i + 1] is None
    )


def _mark_line_footers(units: Sequence[Unit], reasons: list[str | None]) -> None:
    """Short sentences after a copyright or credit in the same line are its footer
    ("(c) 2030 Example Media. All Rights Reserved. An Example Company.")."""
    for k in range(1, len(units)):
        same_line = units[k - 1].line == units[k].line
        if same_line and reasons[k] is None and reasons[k - 1] is not None:
            after_marker = _has_end_marker(units[k - 1].text) or reasons[k - 1] == "footer"
            if after_marker and _word_count(units[k].text) <= 8:
                reasons[k] = "footer"


def _mark_promo_questions(units: Sequence[Unit], reasons: list[str | None]) -> None:
    """Sentences that address the reader ("Want to get a head start on your day?") outside a
    quotation are promos: news reports speak of people, not to the reader."""
    in_quote = False
    for k, unit in enumerate(units):
        if k and units[k - 1].line != unit.line:
            in_quote = False
        text = unit.text
        quoted = in_quote or _QUOTE_CHAR.search(text) is not None
        if reasons[k] is None and not quoted and "you" in text.lower() and _SECOND_PERSON.search(text):
            reasons[k] = "addresses the reader"
        in_quote = _toggles_quote(text, in_quote)


def _toggles_quote(text: str, in_quote: bool) -> bool:
    """Whether a quotation is still open after ``text``."""
    opens = text.count("\u201c") + text.count("\u00ab")
    closes = text.count("\u201d") + text.count("\u00bb")
    straight = text.count('"')
    if opens or closes:
        return opens > closes or (in_quote and opens == closes and not closes)
    return in_quote ^ bool(straight % 2)
