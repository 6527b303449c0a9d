"""Tense: which way a weekday, a month without a year or "the weekend" points.

Why a module of its own: a bare "on Monday" is the Monday before publication in a past-tense
report and the coming one in a plan.  The nearest tense cue of the sentence decides, else
the paragraph's majority, else the nearest day; ``_needs_direction`` says when to ask at all.
"""

from __future__ import annotations

import bisect
import re

from .vocabulary import Direction, Key

_FUTURE_CUE = re.compile(
    r"(?i)\b(?:will|won[’']t|shall|would|going\s+to|is\s+to|are\s+to|scheduled|rescheduled|"
    r"planned|planning|plans?\s+to|expected|expects?|set\s+to|(?:is|are)\s+due|upcoming|intends?|"
    r"aims?\s+to|starting|to\s+be\s+held|to\s+take\s+place|to\s+begin|to\s+start|to\s+resume|"
    r"hopes?\s+to|next|to\s+be\s+[a-z]+(?:ed|en)|now\s+and|begins|opens|resumes|continues|"
    r"convenes|reconvenes|kicks\s+off|gets\s+under\s*way)\b|[’']ll\b"
)
"""Future cues; besides the future tense: "to be released Thursday", "between now and the
elections in November", and the present tense of a schedule ("the summit continues on
Friday", "the trial opens Monday")."""
_INTENT_CUE = re.compile(
    r"(?i)\b(?:agreed|agreement|deal|offer|decided|voted)\s+to(?=\s+(?!(?:a|an|the|it|this|"
    r"that|its|their|his|her)\b)[a-z]+\b)")
"""An agreement or decision to do something, read for months and dates only ("announced an
agreement to acquire the bank in January" is the coming January)."""
_PAST_CUE = re.compile(
    r"\b(?:[a-z]+ed|said|says|told|was|were|had|did|held|met|spoke|took|began|begun|struck|"
    r"left|made|came|went|gave|given|saw|seen|fell|shot|won|lost|sent|brought|found|got|kept|"
    r"led|ran|rose|sought|thought|wrote|broke|chose|flew|knew|paid|sold|stood|hit|ago|"
    r"earlier|yesterday|been|became|caught|felt|heard|built|spent|fought|swept|reports|"
    r"announces|confirms|claims)\b"
)
_NOT_PAST = frozenset(
    """need speed indeed hundred red bed feed seed shed proceed succeed exceed embed breed
    greed weed bleed creed steed armed allied advanced unnamed related based limited detailed
    concerned interested unprecedented supposed unarmed skilled talented biased mixed fixed
    scheduled rescheduled planned expected unexpected proposed so-called alleged wed
    unspecified specified undisclosed undecided unidentified unresolved""".split()
)
_SPEECH_VERB = re.compile(
    r"(?i)said|says|told|added|announced|announces|reported|reports|confirmed|confirms|claimed|"
    r"claims|stated|noted|wrote|warned|insisted"
)
_OPENS_SENTENCE = re.compile(r"[\s\"'“‘«(—–-]*")
"""What may stand before an expression that opens its sentence (quotes, a dash)."""
_PARTICIPLE_AFTER_BE = re.compile(r"(?i)\b(?:be|being)\s+$")
_PASSIVE_BY = re.compile(r"\s+by\b")


def _cues(text: str) -> list[tuple[int, int, str]]:
    """Tense cues in ``text`` as (start, end, "past"|"future").

    A participle right after "be" belongs to a future verb group ("will be held"); an ``-ed`` word
    right before "by" is a reduced passive describing a noun ("the meeting mentioned by X"),
    which says when something was mentioned, not when it happens: both are ignored.
    """
    found = [(m.start(), m.end(), "future") for m in _FUTURE_CUE.finditer(text)]
    for m in _PAST_CUE.finditer(text):
        word = m.group()
        if word in _NOT_PAST:
            continue
        if _PARTICIPLE_AFTER_BE.search(text, max(0, m.start() - 8), m.start()):
            continue  # "will be held", "to be signed": part of a future verb group
        if word.endswith("ed") and _PASSIVE_BY.match(text, m.end()):
            continue
        found.append((m.start(), m.end(), "past"))
    return found


class _Tense:
    """The tense cues of one sentence (and, lazily, of its paragraph), for ``direction``."""

    def __init__(self, sentence: str, context: str) -> None:
        self.sentence = sentence
        self.context = context
        self.all_cues = sorted(_cues(sentence))
        self.cues = self.all_cues
        self.starts = [cue[0] for cue in self.cues]
        self._with_intent: list[tuple[int, int, str]] | None = None
        self._paragraph: Direction | None = None

    def direction(self, start: int, end: int, sentence_only: bool = False) -> Direction:
        """Past or future for the expression at ``sentence[start:end]``: nearest cue wins.

        Falls back to the paragraph's majority of cues, then to "nearest" (the day or month
        closest to publication either way).  ``sentence_only`` skips the paragraph: a date or a
        month named without a year can be a year away when the paragraph guesses wrong
        ("The record date is Nov. 9." in a past-tense story is the coming 9 November).  Cues are looked up around the expression by
        bisection, so a pathological one-megabyte "sentence" stays linear.
        """
        self._use_intent(sentence_only)
        index = bisect.bisect_left(self.starts, start)
        best: tuple[int, str] | None = None
        for cue_start, cue_end, kind in self._neighbours(index, start, end):
            distance = max(start - cue_end if cue_end <= start else cue_start - end, 0)
            if best is None or distance < best[0]:
                best = (distance, kind)
        if best is not None:
            return best[1]  # type: ignore[return-value]
        return "nearest" if sentence_only else self._paragraph_direction()

    def _use_intent(self, with_intent: bool) -> None:
        """Months and dates also read an intent ("agreed to purchase ... in February" is next
        February); weekdays do not ("had vowed to strike back for an attack Friday")."""
        if with_intent and self._with_intent is None:
            found = [(m.start(), m.end(), "future") for m in _INTENT_CUE.finditer(self.sentence)]
            self._with_intent = sorted(self.all_cues + found) if found else self.all_cues
        self.cues = (self._with_intent or self.all_cues) if with_intent else self.all_cues
        self.starts = [cue[0] for cue in self.cues]

    def _neighbours(self, index: int, start: int, end: int) -> list[tuple[int, int, str]]:
        """The closest cue on each side that is not a word of the expression itself."""
        found = []
        i = index - 1
        while i >= 0:
            if self.cues[i][1] <= start or self.cues[i][0] < start:
                found.append(self.cues[i])
                break
            i -= 1
        i = index
        while i < len(self.cues):
            if self.cues[i][0] >= end:
                if not self._reporting_clause(start, end, self.cues[i]):
                    found.append(self.cues[i])
                break
            i += 1  # a cue inside the expression ("next" in "next week") does not count
        return found

    def _reporting_clause(self, start: int, end: int, cue: tuple[int, int, str]) -> bool:
        """A speech verb after a comma that follows the expression (", Zelensky said"): it says
        when the words were spoken, not when the event falls ("will meet on Wednesday,
        Zelensky said" is next Wednesday).  Not when the expression opens the sentence: "In
        June, the government reported that ..." dates the report, the main clause."""
        return (_SPEECH_VERB.fullmatch(self.sentence, cue[0], cue[1]) is not None
                and "," in self.sentence[end:cue[0]]
                and not _OPENS_SENTENCE.fullmatch(self.sentence, 0, start))

    def _paragraph_direction(self) -> Direction:
        if self._paragraph is None:
            self._paragraph = "nearest"
            if self.context and self.context != self.sentence:
                kinds = [kind for _, _, kind in _cues(self.context)]
                future, past = kinds.count("future"), kinds.count("past")
                if future != past:
                    self._paragraph = "future" if future > past else "past"
        return self._paragraph


def _needs_direction(key: Key) -> bool:
    """Whether the key resolves differently in the past and the future (weekdays, months
    without a year, "the weekend"); explicit dates and ISO weeks do not need tense at all."""
    kind = key[0]
    if kind == "pair":
        return _needs_direction(key[1]) or _needs_direction(key[2])
    if kind == "month":
        return key[2] is None
    if kind in ("date", "days"):
        return key[1] is None
    if kind == "end_of":
        return key[1] == "month" and key[2][1] is None
    return kind in ("wd", "weekend", "holiday", "year_end") and (kind != "holiday" or key[2] is None)
