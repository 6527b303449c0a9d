"""The k-fold splits both scorers use, so "held out" means the same thing for each.

Items are dealt into folds in groups (a group never straddles two folds, so a story told by
several near-duplicate articles cannot be in the training and the held-out half at once), round
robin in the order the groups are given; each fold is then held out once while the others train.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import ConfigError


@dataclass(frozen=True)
class Split:
    """One round of cross-validation: which items are scored and which are tuned on."""

    index: int
    """0-based position of the held-out fold."""
    held_out: tuple[int, ...]
    """Indices of the items scored in this round, in the fold's order."""
    train: tuple[int, ...]
    """Indices of every other item, ascending."""


def deal(groups: Sequence[Sequence[int]], folds: int) -> list[list[int]]:
    """Indices of each fold: ``groups`` (lists of item indices) dealt round robin, in order."""
    assignment: list[list[int]] = [[] for _ in range(folds)]
    for k, members in enumerate(groups):
        assignment[k % folds].extend(members)
    return assignment


def check_fold_count(folds: int, groups: int) -> None:
    """Refuse a fold count that cannot split ``groups`` groups, before any scoring is spent."""
    if folds < 2:
        raise ConfigError(f"--folds {folds}: cross-validation needs at least 2 folds")
    if folds > groups:
        raise ConfigError(f"--folds {folds}: only {groups} groups of articles (clusters kept together) to split")


def splits(assignment: Sequence[Sequence[int]], items: int) -> list[Split]:
    """Each fold of ``assignment`` held out once, against the rest of the ``items`` items."""
    rounds = []
    for index, held in enumerate(assignment):
        held_set = set(held)
        train = tuple(i for i in range(items) if i not in held_set)
        rounds.append(Split(index, tuple(held), train))
    return rounds
