"""Change since yesterday: each story marked new, continuing or updated against the day before.

Why: a reader of a daily brief wants first what moved overnight, as CrisisWatch marks each
conflict with an arrow. With the previous day's brief.json at hand (beside the output, or named
with ``--since``), every story of today is matched to the story of yesterday that tells the
same event, and what today adds is named: a figure yesterday's story did not give, an outlet
that had not reported it, a date ahead it did not name.

Matching is by meaning words, as the stories themselves are made: the rarity-weighted words
of a story's headline and lines (stop words out, inflections and synonyms folded, in the
story's language) against yesterday's, through an inverted index (never all pairs), with the
names both name required to agree when both name any. Each of yesterday's stories continues at
most one of today's, the best-matched first. Ids cannot do this: they are hashes of the day's
own sentences.
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..lang import get_language
from ..model import Brief, BriefFact, Story, StoryChange
from .merge import _rarity, weighted_overlap
from .text import concepts, folding

if TYPE_CHECKING:
    from ..model import DayFacts
    from . import BriefSpec

log = logging.getLogger(__name__)

SAME_STORY = 0.2
"""Weighted overlap of meaning words from which a story of today continues one of yesterday
(the share of the smaller story's word weight that the two share). Lower than within a day:
the next day's telling brings new details (on the samples, Monday's "preparing for another
meeting in Turkey" and Tuesday's "talks in Istanbul on Wednesday" share 0.25, unrelated
stories of the two days at most 0.08)."""
LINES_READ = 4
"""Lines of a story read for its words: the headline and the first supporting lines."""
COMMON_SHARE = 0.05
"""Words in more than this share of both days' stories index nothing (they say "war")."""

NEW, CONTINUING, UPDATED = "new", "continuing", "updated"


@dataclass(frozen=True)
class _Told:
    """What the matching reads of one story."""

    words: frozenset[str]
    names: frozenset[str]


def mark_changes(brief: Brief, previous: Brief) -> Brief:
    """``brief`` with each story's ``change`` against ``previous`` (the day before's brief)."""
    today = [_told(story, _facts_of(brief)) for story in brief.stories]
    before = [_told(story, _facts_of(previous)) for story in previous.stories]
    weight = _rarity([t.words for t in today + before])
    matched = _match(today, before, weight)
    changed = []
    for n, story in enumerate(brief.stories):
        old = matched.get(n)
        changed.append(replace(story, change=_change(story, previous.stories[old] if old is not None else None)))
    return replace(brief, stories=tuple(changed))


def _facts_of(brief: Brief) -> Mapping[str, BriefFact]:
    return {f.id: f for s in brief.sections for f in (*s.facts, *s.more_facts)}


def _told(story: Story, facts: Mapping[str, BriefFact]) -> _Told:
    lines = [facts[i] for i in story.facts[:LINES_READ] if i in facts]
    texts = [f.text for f in lines] or [story.headline]
    code = next((c.language for f in lines for c in f.citations if c.language), "en")
    language = get_language(code)
    fold = folding(language)
    words = frozenset().union(*(concepts(text, language) for text in texts))
    names = frozenset(fold.stem(w.lower()) for f in lines for e in f.entities for w in e.split()
                      if w[:1].isupper() and w.lower() not in fold.stopwords)
    return _Told(words, names)


def _match(today: Sequence[_Told], before: Sequence[_Told], weight: dict[str, float]) -> dict[int, int]:
    """Today's story index -> yesterday's, surest pairs first, each used once."""
    common = max(8, int(COMMON_SHARE * (len(today) + len(before))))
    postings: dict[str, list[int]] = defaultdict(list)
    for j, told in enumerate(before):
        for word in told.words:
            postings[word].append(j)
    scored = []
    for i, told in enumerate(today):
        hits = Counter(j for w in told.words if len(postings.get(w, ())) <= common for j in postings.get(w, ()))
        for j, shared_count in hits.items():
            if shared_count < 2:
                continue
            score = _overlap(told, before[j], weight)
            if score >= SAME_STORY:
                scored.append((-score, i, j))
    scored.sort()
    matched: dict[int, int] = {}
    used: set[int] = set()
    for _, i, j in scored:
        if i not in matched and j not in used:
            matched[i] = j
            used.add(j)
    return matched


def _overlap(a: _Told, b: _Told, weight: dict[str, float]) -> float:
    """Share of the smaller story's word weight the two share; 0 when their names disagree
    (both name people or places, and none in common: two strikes on two cities)."""
    if a.names and b.names and not a.names & b.names:
        return 0.0
    return weighted_overlap(a.words, b.words, weight)


def _change(story: Story, old: Story | None) -> StoryChange:
    """New, or what today adds to ``old``: figures, outlets and dates ahead it did not give."""
    if old is None:
        return StoryChange(NEW)
    known = {(f.kind, f.value, f.currency) for f in old.figures}
    figures = tuple(f for f in story.figures if (f.kind, f.value, f.currency) not in known)
    heard = {c.outlet.lower() for c in old.citations}
    outlets = tuple(dict.fromkeys(c.outlet for c in story.citations if c.outlet.lower() not in heard))
    dated = {(d.start, d.end) for d in old.dates}
    dates = tuple(d for d in story.dates if (d.start, d.end) not in dated)
    status = UPDATED if figures or outlets or dates else CONTINUING
    return StoryChange(status, old.id, old.headline, outlets, figures, dates)


def previous_brief(path: Path | None) -> Brief | None:
    """The brief.json at ``path`` read back (``deliver.load_brief``, as ``briefings send``
    reads it), or None, with one warning naming the file, when it is missing, unreadable or
    not a brief: a brief is built without its changes rather than not at all."""
    if path is None or not path.is_file():
        return None
    from ..deliver import load_brief
    from ..errors import DeliveryError

    try:
        return load_brief(path)
    except DeliveryError as exc:
        log.warning("%s: not read as the previous brief (%s); no changes since yesterday marked",
                    path, str(exc).removeprefix(f"{path}: "))
        return None


class SinceYesterday:
    """The brief step that marks changes, when ``spec.previous`` names a readable brief."""

    name = "since-yesterday"

    def __call__(self, brief: Brief, day: DayFacts, spec: BriefSpec) -> Brief:
        previous = previous_brief(spec.previous)
        if previous is None or not brief.stories:
            return brief
        if previous.date >= brief.date:
            log.warning("%s: the brief of %s is not before %s; no changes since yesterday marked",
                        spec.previous, previous.date, brief.date)
            return brief
        return mark_changes(brief, previous)


def statuses(stories: Iterable[Story]) -> Counter[str]:
    """How many stories are new, continuing and updated (for the build's summary)."""
    return Counter(s.change.status for s in stories if s.change is not None)


__all__ = ["CONTINUING", "NEW", "UPDATED", "SinceYesterday", "mark_changes", "previous_brief", "statuses"]
