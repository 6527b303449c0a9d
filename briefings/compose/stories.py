"""Stories: the merged facts that report one event, gathered so the brief tells it once.

The fact merge (``merge.py``) joins two tellings of one *sentence*; a story is wider: the
glide bomb on Kramatorsk is the Wire's lede, its governor's quote, the damage report and the
Courier's one line about it. Stories are clustered from the merged facts by three signals:

* **shared uncommon words and names** (weighted by rarity over the day's facts), found
  through an inverted index, never by comparing all pairs (a day of 10,000 articles has
  150,000 merged facts);
* **no conflict**: two facts whose upcoming dates never meet, or whose rare names are all
  different ("talks in Istanbul" and "talks in Geneva"), join only when they are very alike;
* **the article's own thread**: a sentence that links to nothing else ("Two people were
  injured, he added.") belongs to the story of the sentence before it in its article, unless
  it opens with a change of subject ("Further south, ...", "Meanwhile");
* **what the article is about**: a story told only inside articles that are all about one
  other story (the one holding most of their sentences) is a part of it, unless it opens
  with a change of subject or reports only kinds of event the other does not.

Linking is surest pair first, and two clusters join only when their leaders (each cluster's
best-ranked fact) are alike too, so a story cannot drift along a chain of sentences that
each share a word with the next (the merge's rule, for the same reason).

Why compose and not a step after it (``steps.py``): the clustering reads where each merged
fact's sentences sit in their articles (the thread above) and the words the merge already
made for every sentence, which compose holds and the ``Brief`` deliberately does not; and
key points, sections and Looking ahead are all made from stories, so a step would redo what
compose had just done.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import chain

from ..model import OTHER, BriefFact, Citation, DateMention, Figure, Story, stable_id
from .merge import _find

STORY_SIMILARITY = 0.3
"""Weighted share of words two facts must have in common to report one event (the fact
merge asks 0.45 for one sentence)."""
LEADERS_AGREE = 0.2
"""Two clusters join only when their leaders have this much in common."""
WEAK_SIMILARITY = 0.15
"""Fact pairs this alike make two stories candidates to join as wholes (``STORIES_AGREE``)."""
STORIES_AGREE = 0.2
"""Cosine of two stories' rarity-weighted words above which they are one story."""
THREAD_AGREE = 0.1
"""The same for two stories that two articles each tell in adjacent sentences: the articles
already say they belong together, the words need only not disagree. (One article's thread
is not enough: "The delivery comes as Washington prepares a $325 million package" ends a
story on generators without making the package part of it.)"""
MAX_STORY_FACTS = 40
"""No story grows past this many facts: a brief's story is an event of the day, and a
cluster of hundreds is sentences chained through the day's common words (seen on the
generated 1,000-article day of ``make bench``), which also costs the quadratic time of
comparing ever larger stories."""
THREAD_GAP = 2
"""A lone sentence continues the story of its article's sentence at most this many places
before it."""
ASIDE_DATE_SLACK = 1
"""Days ahead that an aside and its article's main story give meet when they are this close:
"another round next week" (read from one outlet's day as the week from 2 February) and "on
1 February" are one round of talks, and an aside is already tied to its story by the article."""
KEY_FIGURE_KINDS = ("killed", "injured", "attacks", "money")
FIGURES_PER_STORY = 4

_SHIFT_OPENERS = ("further ", "elsewhere", "meanwhile", "separately", "in other news", "in a separate",
                  "on another", "in the east", "in the south", "in the north", "in the west")
"""How a wire story opens a new subject ("Further south, ...", "In the east, ...")."""
_FINAL = (".", "!", "?", '"', "\u201d", "'", "\u2019", "\u00bb")


@dataclass(frozen=True, slots=True)
class StoryInput:
    """What the clustering reads of one merged fact, made by compose while it merges."""

    words: frozenset[str] | tuple[str, ...]
    """The meaning words of its sentences (the merge's keys: stems, senses folded)."""
    names: frozenset[str]
    """Stems of the names it mentions (places, people, bodies)."""
    positions: tuple[tuple[str, int], ...]
    """(article id, sentence index) of each of its sentences."""
    events: frozenset[str] = frozenset()
    """The news senses it reports (a strike, talks, a pledge)."""
    stands_alone: bool = True
    """False for "Two people were injured, he added.": such a sentence is about what its
    article said just before, whatever words it shares with other articles."""


@dataclass(frozen=True)
class Clusters:
    """The stories found: groups of fact indexes, and how central each fact is to its story."""

    groups: list[list[int]]
    centrality: list[float]
    """Cosine of each fact's words with its story's words, 0..1 (1 for a story of one fact)."""
    unclustered: list[int] = field(default_factory=list)
    """Facts past ``STORY_FACTS`` that were not clustered: in no group, they belong to no story."""


STORY_FACTS = 4_000
"""Merged facts clustered into stories on one day, the best-ranked first; the others belong
to no story. A brief shows a few stories a section (and lists a dozen more): on a day of
10,000 articles (100,000 merged facts) clustering them all, or even giving each of the rest
a story of its own, cost more memory than the whole build had before stories existed, for
stories nobody reads."""


def cluster_best(facts: Sequence[BriefFact], story_input: Callable[[int], StoryInput], day: date,
                 limit: int = STORY_FACTS) -> Clusters:
    """``cluster_facts`` over the ``limit`` best-ranked facts; the others are ``unclustered``.
    ``story_input(i)`` is what the clustering reads of fact ``i``, asked for those facts only."""
    if len(facts) <= limit:
        return cluster_facts(facts, [story_input(i) for i in range(len(facts))], day)
    best = sorted(sorted(range(len(facts)), key=lambda i: -facts[i].score)[:limit])
    found = cluster_facts([facts[i] for i in best], [story_input(i) for i in best], day)
    chosen = set(best)
    centrality = [1.0] * len(facts)
    for k, i in enumerate(best):
        centrality[i] = found.centrality[k]
    groups = [[best[k] for k in group] for group in found.groups]
    return Clusters(groups, centrality, [i for i in range(len(facts)) if i not in chosen])


def cluster_facts(facts: Sequence[BriefFact], inputs: Sequence[StoryInput], day: date) -> Clusters:
    """``facts`` grouped into stories (every fact in exactly one), in four passes:

    1. fact pairs that share uncommon words, surest first; a lone fact joins a story only
       when it relates to the story's leader too, and two stories join only when their leaders
       agree (no drift along chains);
    2. a fact still alone continues the story of its article's sentence before it, unless it
       opens a new subject;
    3. stories whose facts are linked (more weakly) join when their words as a whole agree
       (cosine of the rarity-weighted bags): two outlets' articles on one event tell it with
       different details, and only the whole of each shows they are one story;
    4. a story told only in articles all about one other story joins it (``_join_asides``).
    """
    n = len(facts)
    weight = _rarity([x.words for x in inputs])
    totals = [math.fsum(weight[w] for w in x.words) for x in inputs]
    rare_names = _rare_names(inputs)
    upcoming = [frozenset((m.start, m.end) for m in f.dates if m.start > day) for f in facts]

    bags = [x.words if isinstance(x.words, frozenset) else frozenset(x.words) for x in inputs]

    def strength(i: int, j: int) -> float:
        shared = bags[i] & bags[j]
        if not shared or not totals[i] or not totals[j]:
            return 0.0
        if _conflict(inputs[i], inputs[j], rare_names[i], rare_names[j], upcoming[i], upcoming[j]):
            return 0.0
        return math.fsum(weight[w] for w in shared) / min(totals[i], totals[j])

    strong, weak = [], []
    for i, candidates in _candidates(inputs):
        for j in candidates:
            if not (inputs[i].stands_alone and inputs[j].stands_alone):
                continue
            value = strength(i, j)
            if value >= STORY_SIMILARITY:
                strong.append((-value, i, j))
            elif value >= WEAK_SIMILARITY:
                weak.append((i, j))
    strong.sort()
    parent = list(range(n))
    leader = list(range(n))
    size = [1] * n
    rank = [f.score for f in facts]
    for _, i, j in strong:
        ri, rj = _find(parent, i), _find(parent, j)
        if ri == rj or size[ri] + size[rj] > MAX_STORY_FACTS:
            continue
        li, lj = leader[ri], leader[rj]
        if size[ri] > 1 and size[rj] > 1:
            if (li, lj) != (i, j) and strength(li, lj) < LEADERS_AGREE:
                continue
        else:
            lone, other = (i, lj) if size[ri] == 1 else (j, li)
            if other not in (i, j) and strength(lone, other) < LEADERS_AGREE:
                continue  # a lone fact joins a story whose lead it relates to, not just a side line
        _union(parent, leader, size, rank, ri, rj)
    by_article = _sentences_by_article(inputs)
    threads = _follow_threads(facts, by_article, parent, leader, size, rank)
    vectors = _Bags(inputs, weight, parent)
    pairs: set[tuple[int, int]] = set()
    for i, j in chain(((i, j) for _, i, j in strong), weak, ((i, j) for i, j, _ in threads)):
        a, b = _find(parent, i), _find(parent, j)
        if a != b:
            pairs.add((min(a, b), max(a, b)))
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        members[_find(parent, i)].append(i)

    def members_of(root: int) -> list[int]:
        return members[root]

    threaded: dict[tuple[int, int], set[str]] = defaultdict(set)
    for i, j, article in threads:
        a, b = _find(parent, i), _find(parent, j)
        threaded[(min(a, b), max(a, b))].add(article)
    for _, a, b in sorted((-vectors.cosine(a, b), a, b) for a, b in pairs):
        ra, rb = _find(parent, a), _find(parent, b)
        if ra == rb or size[ra] + size[rb] > MAX_STORY_FACTS:
            continue
        needed = THREAD_AGREE if len(threaded.get((min(a, b), max(a, b)), ())) >= 2 else STORIES_AGREE
        if vectors.cosine(ra, rb) < needed or _dates_apart(upcoming, members_of(ra), members_of(rb)):
            continue
        _union(parent, leader, size, rank, ra, rb)
        root = _find(parent, ra)
        vectors.join(ra, rb, root)
        members[root] = members.pop(ra if root == rb else rb) + members[root]
    _join_asides(facts, inputs, by_article, parent, leader, size, rank, upcoming, vectors)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        groups[_find(parent, i)].append(i)
    centrality = [0.0] * n
    for root, grouped in groups.items():
        for i in grouped:
            centrality[i] = 1.0 if len(grouped) == 1 else vectors.fact_cosine(i, root)
    return Clusters(list(groups.values()), centrality)


class _Bags:
    """Each story's words weighted by rarity, summed over its facts, kept up to date as
    stories join (only for stories of two facts or more: most facts stay alone)."""

    def __init__(self, inputs: Sequence[StoryInput], weight: dict[str, float], parent: list[int]) -> None:
        self.inputs, self.weight = inputs, weight
        self.bags: dict[int, Counter[str]] = {}  # word -> summed rarity weight (floats)
        members: dict[int, list[int]] = defaultdict(list)
        for i in range(len(inputs)):
            members[_find(parent, i)].append(i)
        for root, group in members.items():
            bag: Counter[str] = Counter()
            for i in group:
                for w in inputs[i].words:
                    bag[w] += weight[w]  # type: ignore[assignment]  # float weights in a Counter
            self.bags[root] = bag
        self.norms = {root: math.sqrt(math.fsum(v * v for v in bag.values())) for root, bag in self.bags.items()}

    def cosine(self, a: int, b: int) -> float:
        x, y = self.bags[a], self.bags[b]
        if len(x) > len(y):
            x, y = y, x
        dot = math.fsum(v * y[w] for w, v in x.items() if w in y)
        norm = self.norms[a] * self.norms[b]
        return dot / norm if norm else 0.0

    def fact_cosine(self, i: int, root: int) -> float:
        bag, weight = self.bags[root], self.weight
        words = self.inputs[i].words
        dot = math.fsum(weight[w] * bag.get(w, 0.0) for w in words)
        norm = math.sqrt(math.fsum(weight[w] ** 2 for w in words)) * self.norms[root]
        return dot / norm if norm else 0.0

    def join(self, a: int, b: int, root: int) -> None:
        other = b if root == a else a
        bag = self.bags[root]
        bag.update(self.bags.pop(other))
        self.norms.pop(other)
        self.norms[root] = math.sqrt(math.fsum(v * v for v in bag.values()))


def _sentences_by_article(inputs: Sequence[StoryInput]) -> dict[str, list[tuple[int, int]]]:
    """Article id -> (sentence index, fact) of each of its sentences, in article order."""
    by_article: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for n, x in enumerate(inputs):
        for article, index in x.positions:
            by_article[article].append((index, n))
    for sentences in by_article.values():
        sentences.sort()
    return by_article


def _follow_threads(facts: Sequence[BriefFact], by_article: dict[str, list[tuple[int, int]]], parent: list[int],
                    leader: list[int], size: list[int], rank: list[float]) -> list[tuple[int, int, str]]:
    """Each fact still alone joins the story of the sentence before it in its article
    (at most ``THREAD_GAP`` places back) unless it opens a new subject. In article order, so
    a run of such sentences follows the story they continue. Returns the pairs of adjacent
    sentences in different stories that the article nonetheless tells as one thread."""
    links: list[tuple[int, int, str]] = []
    for article, sentences in by_article.items():
        for k in range(1, len(sentences)):
            index, n = sentences[k]
            before_index, before = sentences[k - 1]
            if index - before_index > THREAD_GAP or before == n or _shifts(facts[n].text):
                continue
            if size[_find(parent, n)] > 1:
                links.append((before, n, article))
                continue
            if size[_find(parent, before)] >= MAX_STORY_FACTS:
                continue
            _union(parent, leader, size, rank, _find(parent, n), _find(parent, before))
    return links


def _join_asides(facts: Sequence[BriefFact], inputs: Sequence[StoryInput],
                 by_article: dict[str, list[tuple[int, int]]], parent: list[int], leader: list[int],
                 size: list[int], rank: list[float], upcoming: list[frozenset], vectors: _Bags) -> None:
    """A story told only inside articles that are all about one other story is a part of it.

    Each article's *main* story is the one holding most of its sentences (the first such in
    the article on a tie). A story whose every article has the same main story, of two facts
    or more, joins it: the eight soldiers evacuated, the base's history and a senator's
    reaction are the drone attack's story in both outlets that report the attack, though they
    share few words with its lead or with each other, so neither the pairs nor the bags above
    join them. The article, not the words, says they belong together; what still keeps a story
    apart is what kept facts apart: it opens with a change of subject in an article ("Meanwhile,
    Israel is continuing its campaign in Gaza"), reports only kinds of event its main story does
    not (drones downed over Krasnodar in an article on talks), or announces days that never meet
    the main story's. One pass, in time linear in the facts: a story joins a main story, never
    a main story another, so nothing chains from article to article."""
    main: dict[str, int | None] = {}
    firsts: dict[int, list[int]] = defaultdict(list)
    """Root -> its first fact in each article that tells it (where a change of subject shows)."""
    for article, sentences in by_article.items():
        counts: Counter[int] = Counter()
        shifted: set[int] = set()
        for _, n in sentences:
            root = _find(parent, n)
            if root not in counts:
                firsts[root].append(n)
                if _shifts(facts[n].text):
                    shifted.add(root)
            counts[root] += 1
        # a story the article turns to ("Further south, ...") is not what it is about
        eligible = [r for r in counts if r not in shifted]
        best = max((counts[r] for r in eligible), default=0)
        main[article] = next((r for r in eligible if counts[r] == best), None)  # first seen on a tie
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(inputs)):
        members[_find(parent, i)].append(i)
    mains = set(main.values())
    for root, group in list(members.items()):
        if root in mains:
            continue
        targets = {main[article] for i in group for article, _ in inputs[i].positions}
        only = targets.pop() if len(targets) == 1 else None
        if only is None:
            continue
        target = _find(parent, only)
        if size[target] < 2 or any(_shifts(facts[i].text) for i in firsts[root]):
            continue
        told = members[target]
        if _dates_apart(upcoming, group, told, ASIDE_DATE_SLACK) or _other_events(inputs, group, told):
            continue
        _union(parent, leader, size, rank, root, target)
        joined = _find(parent, root)
        vectors.join(root, target, joined)
        members[joined] = told + group if joined == target else group + told
        members.pop(target if joined == root else root)


def _other_events(inputs: Sequence[StoryInput], part: Sequence[int], whole: Sequence[int]) -> bool:
    """``part`` reports kinds of event (a strike, talks, a pledge) and none that ``whole`` reports."""
    mine = frozenset().union(*(inputs[i].events for i in part))
    return bool(mine) and mine.isdisjoint(frozenset().union(*(inputs[i].events for i in whole)))


def _shifts(text: str) -> bool:
    """The sentence opens a new subject: "Further south, ...", "Meanwhile, ..."."""
    head = text.lstrip("\"\u201c'( ").lower()
    return head.startswith(_SHIFT_OPENERS)


def _union(parent: list[int], leader: list[int], size: list[int], rank: list[float], ri: int, rj: int) -> None:
    if size[ri] > size[rj]:
        ri, rj = rj, ri
    parent[ri] = rj
    size[rj] += size[ri]
    leader[rj] = max(leader[ri], leader[rj], key=lambda m: (rank[m], -m))


def _dates_apart(upcoming: list[frozenset], a: Sequence[int], b: Sequence[int], slack: int = 0) -> bool:
    """Two stories each announce days ahead, and no day of one comes within ``slack`` days
    of a day of the other."""
    da = frozenset().union(*(upcoming[i] for i in a))
    db = frozenset().union(*(upcoming[i] for i in b))
    gap = timedelta(days=slack)
    return bool(da and db and not any(p[0] <= q[1] + gap and q[0] <= p[1] + gap for p in da for q in db))


def _conflict(x: StoryInput, y: StoryInput, a: frozenset[str], b: frozenset[str],
              da: frozenset, db: frozenset) -> bool:
    """The facts report different kinds of event (a strike, a pledge), the same kind with
    different names only (talks in Istanbul, talks in Geneva), or announce days that never
    meet. However alike their words, such facts are two events."""
    if x.events and y.events:
        if not x.events & y.events:
            return True
        if a and b and not a & b:
            return True
    return bool(da and db and not any(p[0] <= q[1] and q[0] <= p[1] for p in da for q in db))


def _rarity(bags: Sequence[Iterable[str]]) -> dict[str, float]:
    df: Counter[str] = Counter(chain.from_iterable(bags))
    n = max(len(bags), 1)
    return {w: 1.0 + math.log(n / c) for w, c in df.items()}


def _rare_names(inputs: Sequence[StoryInput]) -> list[frozenset[str]]:
    """Each fact's names that few facts share (a place, a person): "ukraine" names nothing
    in particular on a day of Ukraine news."""
    df = Counter(chain.from_iterable(x.names for x in inputs))
    cap = common_cap(len(inputs))
    return [frozenset(w for w in x.names if df[w] <= cap) for x in inputs]


def common_cap(n: int) -> int:
    """A word in more facts than this indexes nothing: 1 % of the day's facts (at least 8,
    at most 100; the merge allows 2 % and 200, but a story's candidates need only its
    rarer words, and each longer list costs pairs)."""
    return min(max(8, n // 100), 100)


def _candidates(inputs: Sequence[StoryInput]) -> Iterable[tuple[int, list[int]]]:
    """For each fact i, the facts j > i sharing two uncommon words, or one uncommon name."""
    cap = common_cap(len(inputs))
    df = Counter(chain.from_iterable(x.words for x in inputs))
    postings: dict[str, list[int]] = defaultdict(list)
    for i, x in enumerate(inputs):
        for w in x.words:
            if df[w] <= cap:
                postings[w].append(i)
    for i, x in enumerate(inputs):
        after = []
        for w in x.words:
            members = postings.get(w)
            if members is None or members[-1] <= i:
                continue
            after.append(members[bisect_right(members, i):])
        if not after:
            continue
        counts = Counter(chain.from_iterable(after))
        names = x.names
        if names:
            found = [j for j, c in counts.items() if c >= 2 or not names.isdisjoint(inputs[j].names)]
        else:
            found = [j for j, c in counts.items() if c >= 2]
        if found:
            yield i, found


# ----------------------------------------------------------------------------- the values
def complete(text: str) -> bool:
    """A sentence a reader can take alone: it starts as a sentence starts and ends as one
    ends (the top Diplomacy line of the NYT/CNN day began "to the State Department...")."""
    text = text.strip()
    if not text:
        return False
    first = text.lstrip("\"\u201c\u2018'(\u00ab")[:1]
    return (first.isupper() or first.isdigit()) and text.endswith(_FINAL)


def headline_key(fact: BriefFact, centrality: float = 1.0) -> tuple[bool, float]:
    """How fit a fact is to head its story: a complete sentence first, then its rank with
    a little for each further outlet that tells it, and for how central it is to the story
    (the talks themselves, not a side remark on sanctions)."""
    return complete(fact.text), fact.score + 0.05 * min(fact.corroboration - 1, 3) + 0.3 * centrality


def make_story(group: Sequence[BriefFact], day: date, centrality: Sequence[float] | None = None) -> Story:
    """The story of ``group`` (the facts of one event); ``centrality`` (one per fact, see
    ``Clusters``) favours the facts about the event itself for the headline and first lines."""
    central = dict(zip((f.id for f in group), centrality or [1.0] * len(group)))
    lead = max(group, key=lambda f: headline_key(f, central[f.id]))
    rest = _supporting_order(lead, [f for f in group if f is not lead], central)
    cited = _citations(group)
    published = [c.published for f in group for c in f.citations if c.published]
    outlets = len({c.outlet.lower() for c in cited})
    score = lead.score + 0.04 * min(outlets - 1, 4) + 0.01 * min(len(group) - 1, 10)
    return Story(
        id=stable_id(*sorted(f.id for f in group)),
        section=lead.section,
        headline=lead.text,
        lead=lead.id,
        facts=(lead.id, *(f.id for f in rest)),
        citations=cited,
        corroboration=outlets,
        score=round(score, 4),
        attribution=lead.attribution,
        first_seen=min(published) if published else None,
        last_seen=max(published) if published else None,
        figures=_key_figures(group),
        dates=_upcoming(group, day),
    )


def _supporting_order(lead: BriefFact, rest: list[BriefFact], central: dict[str, float]) -> list[BriefFact]:
    """Best and most central first, but a fact from an outlet not yet heard comes before a
    further line of one already cited: the first few lines shown then carry every outlet's
    telling."""
    heard = {c.outlet.lower() for c in lead.citations}
    ordered: list[BriefFact] = []
    remaining = sorted(rest, key=lambda f: (-(complete(f.text)), -f.score * (0.25 + central[f.id]), f.id))
    while remaining:
        pick = next((f for f in remaining if {c.outlet.lower() for c in f.citations} - heard), remaining[0])
        remaining.remove(pick)
        ordered.append(pick)
        heard.update(c.outlet.lower() for c in pick.citations)
    return ordered


def _citations(group: Iterable[BriefFact]) -> tuple[Citation, ...]:
    by_outlet: dict[str, Citation] = {}
    for fact in group:
        for citation in fact.citations:
            by_outlet.setdefault(citation.outlet.lower(), citation)
    return tuple(sorted(by_outlet.values(), key=lambda c: c.number))


def _key_figures(group: Iterable[BriefFact]) -> tuple[Figure, ...]:
    found: dict[tuple, Figure] = {}
    for fact in group:
        if fact.section == OTHER:
            continue
        for figure in fact.figures:
            if figure.kind in KEY_FIGURE_KINDS and figure.value:
                found.setdefault((figure.kind, figure.value, figure.currency), figure)
    ordered = sorted(found.values(), key=lambda f: (KEY_FIGURE_KINDS.index(f.kind), -(f.value or 0)))
    return tuple(ordered[:FIGURES_PER_STORY])


def _upcoming(group: Iterable[BriefFact], day: date) -> tuple[DateMention, ...]:
    found: dict[tuple[date, date], DateMention] = {}
    for fact in group:
        for mention in fact.dates:
            if mention.start > day:
                found.setdefault((mention.start, mention.end), mention)
    return tuple(found[k] for k in sorted(found))


def rank_stories(stories: Iterable[Story]) -> list[Story]:
    """Best first; ties by id so the order is the same on every run."""
    return sorted(stories, key=lambda s: (-s.score, s.id))


__all__ = ["Clusters", "StoryInput", "cluster_facts", "complete", "headline_key", "make_story", "rank_stories"]
