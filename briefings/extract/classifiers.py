"""The section classifier: what it must do, and the registry that config chooses from.

Why a protocol: the cue lexicon of ``sections.py`` is one way to decide sections; a model
fitted on labelled articles is another. Extraction, the worker processes and the fact cache
need the same three things of any of them, so they are written against this interface and
never against one implementation:

- ``classify``: the sections of one article's content sentences, in order (the sentences
  around each one and the headline are context, so a whole article is decided at once);
- ``fingerprint``: a short string that changes whenever its decisions could (settings,
  taxonomy, model files): it is part of the fact cache's key;
- it pickles (a worker process receives it once), cheaply: by its recipe, not its memos.

A new classifier is one module and one ``register_classifier`` call; the config's
``[extract] classifier`` names it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from ..errors import ConfigError
from .decision import Decision

if TYPE_CHECKING:
    from ..taxonomy import Taxonomy

DEFAULT_CLASSIFIER = "learned"
"""Fitted on the gold corpora; k-fold macro-F1 0.664 against the lexicon's 0.601 on the same
folds (``python -m briefings.extract.train --folds 5``). The lexicon stays available as "cues"."""


@runtime_checkable
class SectionClassifier(Protocol):
    """Decides the section of each content sentence of one article."""

    @property
    def fingerprint(self) -> str:
        """Changes whenever any decision could: part of the fact cache's key."""
        ...

    def classify(
        self, texts: Sequence[str], paragraphs: Sequence[int] | None = None, headline: int | None = None
    ) -> list[Decision]:
        """One ``Decision`` per text, in order. ``paragraphs`` gives each text's paragraph
        index; ``headline`` the index of the article's headline among ``texts``, if there."""
        ...


ClassifierFactory = Callable[["Taxonomy"], SectionClassifier]
"""Makes a classifier for the brief's sections (the taxonomy, with the config's changes)."""


def _cue_lexicon(taxonomy: Taxonomy) -> SectionClassifier:
    from .sections import classifier_for

    return classifier_for(taxonomy)


def _learned(taxonomy: Taxonomy) -> SectionClassifier:
    from .learned import learned_classifier  # its model file is read on first use, not here

    return learned_classifier(taxonomy)


CLASSIFIERS: dict[str, ClassifierFactory] = {"cues": _cue_lexicon, "learned": _learned}
"""Every classifier the config may name, by name."""


def register_classifier(name: str, factory: ClassifierFactory) -> None:
    """Make ``name`` a value of the config's ``[extract] classifier``."""
    CLASSIFIERS[name] = factory


def make_classifier(name: str, taxonomy: Taxonomy) -> SectionClassifier:
    """The classifier called ``name`` for ``taxonomy``; an unknown name is a ConfigError."""
    factory = CLASSIFIERS.get(name)
    if factory is None:
        raise ConfigError(f"extract.classifier: unknown classifier {name!r}; "
                          f"choose from {', '.join(sorted(CLASSIFIERS))}")
    return factory(taxonomy)
