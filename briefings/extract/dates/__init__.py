"""Date expressions of one sentence, resolved to a day or a span of days.

Why not ``dateparser.search.search_dates`` on every sentence: it is slow (tens of
milliseconds per article), it finds false dates ("may" the verb becomes 22 May, "Tuesday, a"
becomes January, "to" becomes Thursday) and it cannot resolve what a brief needs most:
ranges ("Thursday and Friday"), ISO weeks ("last week"), whole months and years, and the
direction of a bare weekday, which depends on tense ("on Monday" in a past-tense report is
the Monday before publication, "on Wednesday" for planned talks is the coming one).

So the module works in three cheap steps:

1. *Candidates*: precompiled regular expressions find date-like phrases (weekday and month
   names, explicit dates, ISO and dotted numeric dates, "yesterday", "last week", "overnight",
   "the weekend", "a week ago", "between ... and ...").  A one-pattern prefilter skips the
   many sentences without any date word at all.  Vague phrases that the annotation guidelines
   omit ("mid-January", "late March") are matched too, so that they swallow their month name,
   and then dropped.
2. *Ranges*: neighbouring candidates joined by "and", "to", "into", "between ... and ..."
   become one span.
3. *Resolution*: each candidate becomes a small hashable key (e.g. ``("wd", 2, None)`` for
   "Wednesday") that a cached resolver turns into ``(start, end)`` for a publication day and
   a direction (past, future, or nearest).  The direction comes from the expression itself
   ("next", "last", "since", "deadline"), else from the tense cue nearest to it in the
   sentence ("will", "scheduled", "said", "-ed" verbs), else from the paragraph, else the
   nearest day.

English is handled entirely by the module's own resolver (no dateparser call at all, so no
150 ms first-call cost).  For other languages the candidate words come from dateparser's
locale data and only those candidate phrases are given to ``dateparser.parse`` when the
module cannot read them itself.

The steps live in sibling modules: ``vocabulary`` (shared types, names and regex pieces),
``phrases`` and ``candidates`` (step 1), ``ranges`` (step 2), ``tense`` and ``resolve``
(step 3), and ``locales`` (other languages).  This module ties them together.
"""

from __future__ import annotations

from datetime import date, datetime

from briefings.model import DateMention

from .candidates import _candidates
from .locales import _find_other_language
from .ranges import _merged
from .resolve import _resolve
from .tense import _needs_direction, _Tense
from .vocabulary import Direction, _Cand

__all__ = ["find_dates"]

_TRIM = " \t\n,;:—–-"


def _mention(cand: _Cand, sentence: str, pub: date, direction: Direction) -> DateMention | None:
    try:
        span = _resolve(cand.key, pub, direction)
    except (KeyError, ValueError):
        # A letter the case-blind patterns read as ASCII but the vocabulary does not know
        # ("ſix days ago", long s; "Sıx", dotless i): an unreadable expression, left out.
        return None
    if span is None:
        return None
    text = sentence[cand.start:cand.end].strip(_TRIM)
    if not text:
        return None
    return DateMention(text=text, start=span[0], end=span[1])


def _as_day(published: date | datetime) -> date:
    return published.date() if isinstance(published, datetime) else published


def find_dates(sentence: str, published: date, *, language: str = "en",
               context: str = "") -> list[DateMention]:
    """The date expressions of ``sentence``, in order, each resolved to a day or a span.

    ``published`` is the article's publication day (relative expressions resolve against
    it); ``context`` is the surrounding paragraph, read for tense when the sentence has no
    cue of its own.  Never raises on odd input: unreadable expressions are left out.
    """
    if not sentence or not isinstance(sentence, str):
        return []
    pub = _as_day(published)
    if not isinstance(context, str):
        context = ""
    lang = (language or "en").split("-")[0].split("_")[0].lower()
    if lang != "en":
        return _find_other_language(sentence, pub, lang, context)
    cands = _merged(_candidates(sentence), sentence)
    mentions = []
    tense: _Tense | None = None
    for cand in cands:
        if cand.kind == "skip":
            continue
        direction: Direction = "nearest"
        if cand.hint:
            direction = cand.hint
        elif _needs_direction(cand.key):
            if tense is None:
                tense = _Tense(sentence, context)  # only when some mention needs a tense
            direction = tense.direction(cand.start, cand.end)
        mention = _mention(cand, sentence, pub, direction)
        if mention is not None:
            mentions.append(mention)
    return mentions
