"""Sections of a brief: the packaged default taxonomy, and a user's changes to it.

A taxonomy is an ordered list of sections (the brief shows them in this order), each with a
title, a description and weighted cues. A cue is a word or phrase; a trailing ``*`` matches any
ending (``negotiat*``). The default lives in ``briefings/data/taxonomy.toml`` so that a
non-editable install finds it; a config's ``[sections.KEY]`` tables retitle, extend, drop
(``enabled = false``) or add sections. Both are read with one schema, :class:`SectionTable`.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from typing import Any

from pydantic import TypeAdapter, ValidationError, field_validator, model_validator

from .errors import ConfigError
from .model import BOILERPLATE, OTHER
from .schema import Location, Table, dotted, problem_lines, problems_at

DEFAULT_TAXONOMY = "taxonomy.toml"


@dataclass(frozen=True)
class Cue:
    pattern: str
    """A lower-case word or phrase; a trailing ``*`` matches any ending."""
    weight: float = 1.0
    read: bool = False
    """Read from a section's examples (``meaning_cues``), not weighed by a person: its weight
    is taken as it is, never scaled up with the section's own cues."""


@dataclass(frozen=True)
class SectionSpec:
    key: str
    title: str
    description: str = ""
    cues: tuple[Cue, ...] = ()
    """The cues given, and those read from ``examples`` (see ``meaning_cues``)."""
    examples: tuple[str, ...] = ()
    """Sentences a user wrote to say what the section holds."""


@dataclass(frozen=True)
class Taxonomy:
    sections: tuple[SectionSpec, ...]
    other: tuple[Cue, ...] = ()
    """Cues of news that belongs to no section (economy, polls, history): they compete with the
    sections, so such sentences land in ``other`` instead of the nearest section."""

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(s.key for s in self.sections)

    def title_of(self, key: str) -> str:
        for section in self.sections:
            if section.key == key:
                return section.title
        return key.replace("_", " ").title()


def _read_cues(raw: Any) -> tuple[tuple[Cue, ...], list[tuple[Location, str]]]:
    """Cues come as a list of words (weight 1) or a table ``{word = weight}``: the cues of
    ``raw`` and every problem found in it, each at its key (``cues.word`` for a weight)."""
    if isinstance(raw, list):
        items = [(item, 1.0) for item in raw]
    elif isinstance(raw, dict):
        items = list(raw.items())
    else:
        return (), [((), "expected a list of words or a table of weights")]
    cues: list[Cue] = []
    problems: list[tuple[Location, str]] = []
    for pattern, weight in items:
        if not isinstance(pattern, str) or not pattern.strip():
            problems.append(((), f"expected words, got {pattern!r}"))
        elif isinstance(weight, bool) or not isinstance(weight, (int, float)):
            problems.append(((pattern,), f"weight must be a number, got {weight!r}"))
        else:
            cues.append(Cue(pattern.strip().lower(), float(weight)))
    return tuple(cues), problems


TAXONOMIES = {
    "default": DEFAULT_TAXONOMY,
    "humanitarian": "taxonomies/humanitarian.toml",
    "politics-economy": "taxonomies/politics-economy.toml",
}
"""The packaged taxonomies by name (``[brief] taxonomy``, ``briefings init --taxonomy``): the
default (diplomacy, strikes, aid) and two built on it for other desks."""


@cache
def load_default_taxonomy() -> Taxonomy:
    """The packaged sections, read with the same schema as a config's ``[sections.KEY]``
    (read once: a Taxonomy is frozen, so every caller can share it)."""
    tables = _packaged_tables(DEFAULT_TAXONOMY)
    other = tables.pop(OTHER)
    return Taxonomy(tuple(_merged(None, key, table) for key, table in tables.items()),
                    other.cues or ())


@cache
def load_taxonomy(name: str = "default") -> Taxonomy:
    """A packaged taxonomy by name (ConfigError naming the known ones for another).

    A taxonomy other than the default lists its sections in its own order; a section whose
    key the default has (``aid``, ``strikes``) keeps the default's cues unless it gives its
    own, so the learned classifier, trained on those keys, still decides it. Its ``[other]``
    cues add to the default's."""
    if name not in TAXONOMIES:
        raise ConfigError(f"unknown taxonomy {name!r}; the packaged ones are {', '.join(sorted(TAXONOMIES))}")
    default = load_default_taxonomy()
    if name == "default":
        return default
    tables = _packaged_tables(TAXONOMIES[name])
    other = tables.pop(OTHER)
    known = {s.key: s for s in default.sections}
    sections = tuple(_merged(known.get(key), key, table) for key, table in tables.items())
    return Taxonomy(sections, default.other + (other.cues or ()))


def _packaged_tables(name: str) -> dict[str, SectionTable]:
    """The ``[sections.KEY]`` tables and the ``[other]`` table of a packaged taxonomy file."""
    text = resources.files("briefings").joinpath("data", *name.split("/")).read_text("utf-8")
    data = tomllib.loads(text)
    return _checked({**data["sections"], OTHER: data.get(OTHER, {})}, name)


MEANING_CUE_WEIGHT = 0.6
"""The weight of a word read from a section's examples: a hint, below a cue a user weighed
(1.0 by default); a word found in two examples or more counts twice as much."""
_MEANING_WORD = re.compile(r"[^\W\d_]{4,}")


def meaning_cues(examples: Sequence[str], description: str = "") -> tuple[Cue, ...]:
    """Cues read from what a user wrote about a section: the content words of its examples
    (and of its description, for a section given nothing else), each matching its endings
    ("vaccination" -> ``vaccinat*``). A user's own beat then works on day one without a
    weighed word list; stop words of every language the tool reads are left out."""
    from .lang import LANGUAGES
    from .lang.stemmers import snowball

    stem = snowball("english")
    stopwords = frozenset().union(*(lang.comparison.stopwords for lang in LANGUAGES.values()))
    texts = list(examples) or ([description] if description else [])
    seen: dict[str, int] = {}
    for text in texts:
        for word in {w.lower() for w in _MEANING_WORD.findall(text)}:
            if word not in stopwords and word not in NEWS_WORDS:
                root = stem(word)
                if len(root) >= 4 and root not in NEWS_WORDS:
                    seen[root] = seen.get(root, 0) + 1
    return tuple(Cue(root + "*", MEANING_CUE_WEIGHT * min(count, 2), read=True) for root, count in sorted(seen.items()))


NEWS_WORDS = frozenset("""
said says told added report reported reports according week weeks year years month months today
yesterday tomorrow monday tuesday wednesday thursday friday saturday sunday people official
officials percent number more than less about after before during since also
first last next four five seven eight nine three against began begin started start made make take took
""".split())
"""Words every kind of news uses: read from an example, they would pull any sentence in."""


# ----------------------------------------------------------------------------- [sections.KEY]
class SectionTable(Table):
    """A config's ``[sections.KEY]``: retitle, extend (``extra_cues``), replace the cues of,
    drop (``enabled = false``) or add a section. None: the key is not given."""

    title: str | None = None
    description: str | None = None
    cues: tuple[Cue, ...] | None = None
    """Replace the section's cues (a new section needs them)."""
    extra_cues: tuple[Cue, ...] | None = None
    """Added to the section's cues."""
    examples: tuple[str, ...] | None = None
    """A few sentences the section should hold: their words become cues (``meaning_cues``)."""
    enabled: bool = True

    @model_validator(mode="before")
    @classmethod
    def _a_table(cls, data: Any) -> Any:
        if not isinstance(data, Mapping | cls):
            raise ValueError("expected a table")
        return data

    @field_validator("title", "description", mode="before")
    @classmethod
    def _text(cls, value: Any) -> Any:
        if not isinstance(value, str):
            raise ValueError(f"expected text, got {value!r}")
        return value

    @field_validator("cues", "extra_cues", mode="before")
    @classmethod
    def _cues(cls, raw: Any) -> tuple[Cue, ...]:
        if isinstance(raw, tuple) and all(isinstance(cue, Cue) for cue in raw):
            return raw
        cues, problems = _read_cues(raw)
        if problems:
            raise problems_at(problems)
        return cues

    @field_validator("examples", mode="before")
    @classmethod
    def _examples(cls, value: Any) -> Any:
        if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) and v.strip() for v in value):
            raise ValueError("expected a list of example sentences")
        return tuple(v.strip() for v in value)

    @field_validator("enabled", mode="before")
    @classmethod
    def _enabled(cls, value: Any) -> Any:
        if not isinstance(value, bool):
            raise ValueError(f"expected true or false, got {value!r}")
        return value


RESERVED_KEYS = (OTHER, BOILERPLATE)
"""Labels extraction gives besides the sections: no section may take them."""


def override_problems(base: Taxonomy, tables: Mapping[str, SectionTable]) -> list[tuple[Location, str]]:
    """What ``tables`` cannot do to ``base``, each at its key: take a reserved name, add a
    section without cues, disable every section."""
    problems: list[tuple[Location, str]] = []
    for key, table in tables.items():
        if key in RESERVED_KEYS:
            problems.append(((key,), f"{key!r} is reserved and cannot be a section"))
        elif table.enabled and key not in base.keys and not (table.cues or table.examples or table.description):
            problems.append(((key,), "a new section needs cues, examples or a description"))
    kept = [k for k in (*base.keys, *tables) if tables.get(k, _KEEP).enabled]
    if not kept:
        problems.append(((), "every section is disabled; keep at least one"))
    return problems


_KEEP = SectionTable()


def apply_overrides(base: Taxonomy, tables: Mapping[str, SectionTable | Mapping[str, Any]],
                    where: str) -> Taxonomy:
    """Merge a config's ``[sections.KEY]`` tables into ``base`` (``where``: the config file).

    An existing key keeps its cues unless the table gives ``cues`` (then they replace them) or
    ``extra_cues`` (then they are added); ``enabled = false`` drops it; a new key is appended.
    Every problem is one line of one ConfigError.
    """
    checked = _checked(tables, where)
    problems = override_problems(base, checked)
    if problems:
        raise ConfigError("\n".join(f"{where}: {dotted(('sections', *loc))}: {problem}"
                                     for loc, problem in problems))
    sections = {s.key: s for s in base.sections}
    for key, table in checked.items():
        if not table.enabled:
            sections.pop(key, None)
        else:
            sections[key] = _merged(sections.get(key), key, table)
    return replace(base, sections=tuple(sections.values()))


def _checked(tables: Mapping[str, SectionTable | Mapping[str, Any]], where: str
             ) -> dict[str, SectionTable]:
    """``tables`` validated (a config's are already; a caller's plain dicts are checked here)."""
    try:
        return _SECTION_TABLES.validate_python(dict(tables))
    except ValidationError as exc:
        raise ConfigError("\n".join(problem_lines(where, exc, ("sections",)))) from None


_SECTION_TABLES = TypeAdapter(dict[str, SectionTable])


def _merged(section: SectionSpec | None, key: str, table: SectionTable) -> SectionSpec:
    """``section`` (None: a new one) changed as ``table`` says; a new section takes its
    ``cues`` only (``extra_cues`` extend an existing one)."""
    examples = table.examples or ()
    if section is None:
        given = table.cues or ()
        read = meaning_cues(examples, "" if given else table.description or "")
        return SectionSpec(key, table.title if table.title is not None else key.replace("_", " ").title(),
                           table.description or "", given + read, examples)
    cues = section.cues if table.cues is None else table.cues
    return SectionSpec(
        key,
        section.title if table.title is None else table.title,
        section.description if table.description is None else table.description,
        cues + (table.extra_cues or ()) + meaning_cues(examples),
        section.examples + examples,
    )
