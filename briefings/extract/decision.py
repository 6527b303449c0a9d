"""What a section classifier says of one sentence (``classifiers.SectionClassifier``)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Decision:
    """The section chosen for one sentence."""

    section: str
    also: tuple[str, ...]
    """Other sections the sentence clearly speaks to as well (briefed once, listed there too)."""
    score: float
    """Confidence, 0..1."""
