"""The "Key figures" box: killed, injured, attacks, money pledged, each with its source.

One line per kind and figure: the largest count of each kind first (a brief opens with the
worst news), money split by whether it was pledged or delivered, each line citing the fact
it comes from. Figures are read by ``extract.entities``; nothing is summed across facts,
because two outlets' counts of one attack are not two attacks. The words that tell a running
total or a body exchange are the language's (``Language.figures``; default English).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..lang import Language, get_language
from ..lang.en import ENGLISH
from ..model import OTHER, BriefFact, Figure, KeyFigure

KINDS = ("killed", "injured", "attacks", "money")
PER_KIND = 2
"""At most this many lines of each kind: the box is a summary, not a table."""


def key_figures(facts: Sequence[BriefFact], language: Language | None = None) -> tuple[KeyFigure, ...]:
    """The box's lines in kind order, largest first within a kind, no figure repeated and no
    fact used twice (one sentence giving a sum in dollars and in euros is one line). Each fact
    is read with ``language``, or by default with its own (its sources' language), so a
    mixed-language day reads each line's running totals and casualty words in its language.

    A running total ("€40 million ..., bringing its support since 2022 to more than €1.1
    billion") gives way to the day's news (the €40 million); a body exchange ("returned the
    bodies of 1,000 killed soldiers") counts bodies handed back, not the day's dead."""
    lines: list[KeyFigure] = []
    used: set[str] = set()
    for kind in KINDS:
        found = [(fig, fact) for fact in facts for fig in _news_figures(fact, kind, language or _language_of(fact))
                 if _counts_for(kind, fact, language or _language_of(fact))]
        found.sort(key=lambda pair: (-(pair[0].value or 0), -pair[1].score))
        seen: set[tuple[float | None, str]] = set()
        for fig, fact in found:
            key = (fig.value, fig.currency)
            if key in seen or fact.id in used:
                continue
            seen.add(key)
            used.add(fact.id)
            status = fact.aid_status if kind == "money" else None
            lines.append(KeyFigure(kind, fig, fact.text, fact.citations, status, fact.story))
            if len(seen) >= PER_KIND:
                break
    return tuple(lines)


def _language_of(fact: BriefFact) -> Language:
    """The language a line is written in: its sources' (the first that says), else English."""
    code = next((c.language for c in fact.citations if c.language), None)
    return get_language(code) if code else ENGLISH


def _counts_for(kind: str, fact: BriefFact, language: Language) -> bool:
    """Money counts from aid facts only; casualties and attacks from any section but "other"
    (background, history and analysis carry old or hypothetical tolls), and the dead not from
    a body exchange."""
    if kind == "money":
        return fact.section == "aid"
    words = language.figures
    if kind == "killed" and words.bodies.search(fact.text) and words.handed_back.search(fact.text):
        return False
    return fact.section != OTHER


def _news_figures(fact: BriefFact, kind: str, language: Language) -> list[Figure]:
    """The fact's figures of ``kind``; for money, a running total ("bringing ... to €1.1
    billion") gives way to the sum the sentence reports, when it reports one."""
    figures = [fig for fig in fact.figures if fig.kind == kind and fig.value]
    if kind != "money" or len(figures) < 2:
        return figures
    news = [fig for fig in figures if not _is_running_total(fig, fact.text, language)]
    return news or figures


def _is_running_total(figure: Figure, text: str, language: Language) -> bool:
    """Whether ``figure`` is written as the total something was brought to."""
    at = text.find(figure.text)
    return at > 0 and bool(language.figures.running_total.search(text[max(0, at - 120):at]))
