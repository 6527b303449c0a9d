"""The steps between compose and render: an ordered list that the build runs on the brief.

Why: compose makes the brief every build needs; some features work on that brief as a whole
once it exists (stories that gather its facts, an optional summary, what changed since
yesterday). Each is a step: it takes the brief and what it was made from and returns a new
brief (briefs are frozen). The build runs every registered step, in order, so adding one is a
module and a ``register_step`` call, never an edit of the pipeline.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from ..model import Brief, DayFacts
    from . import BriefSpec


class BriefStep(Protocol):
    """One step after compose: the brief in, a brief out."""

    name: str
    """How logs and ``register_step(before=...)`` name it."""

    def __call__(self, brief: Brief, day: DayFacts, spec: BriefSpec) -> Brief:
        """The brief with this step's work done; ``day`` is what compose read."""
        ...


BRIEF_STEPS: list[BriefStep] = []
"""The steps every build runs after compose, in order."""


def register_step(step: BriefStep, *, before: str | None = None) -> None:
    """Add ``step`` at the end, or before the step named ``before``."""
    if any(s.name == step.name for s in BRIEF_STEPS):
        raise ValueError(f"a brief step named {step.name!r} is registered already")
    names = [s.name for s in BRIEF_STEPS]
    at = names.index(before) if before in names else len(BRIEF_STEPS)
    BRIEF_STEPS.insert(at, step)


def unregister_step(name: str) -> None:
    """Remove the step called ``name`` (a test's own step, a feature switched off)."""
    BRIEF_STEPS[:] = [s for s in BRIEF_STEPS if s.name != name]


def finish_brief(brief: Brief, day: DayFacts, spec: BriefSpec) -> Brief:
    """``brief`` after every registered step, in order."""
    for step in BRIEF_STEPS:
        brief = step(brief, day, spec)
    return brief
