"""Sections of a brief: the packaged default taxonomy, and a user's changes to it.

A taxonomy is an ordered list of sections (the brief shows them in this order), each with a
title, a description and weighted cues. A cue is a word or phrase; a trailing ``*`` matches any
ending (``negotiat*``). The default lives in ``briefings/data/taxonomy.toml`` so that a
non-editable install finds it; a config's ``[sections.KEY]`` tables retitle, extend, drop
(``enabled = false``) or add sections. Both are read with one schema, :class:`SectionTable`.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
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


@dataclass(frozen=True)
class SectionSpec:
    key: str
    title: str
    description: str = ""
    cues: tuple[Cue, ...] = ()


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


@cache
def load_default_taxonomy() -> Taxonomy:
    """The packaged sections, read with the same schema as a config's ``[sections.KEY]``
    (read once: a Taxonomy is frozen, so every caller can share it)."""
    text = resources.files("briefings").joinpath("data", DEFAULT_TAXONOMY).read_text("utf-8")
    data = tomllib.loads(text)
    tables = _checked({**data["sections"], OTHER: data.get(OTHER, {})}, DEFAULT_TAXONOMY)
    other = tables.pop(OTHER)
    return Taxonomy(tuple(_merged(None, key, table) for key, table in tables.items()),
                    other.cues or ())


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
        elif table.enabled and key not in base.keys and table.cues is None:
            problems.append(((key,), "a new section needs cues"))
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
    if section is None:
        return SectionSpec(key, table.title if table.title is not None else key.replace("_", " ").title(),
                           table.description or "", table.cues or ())
    cues = section.cues if table.cues is None else table.cues
    return SectionSpec(
        key,
        section.title if table.title is None else table.title,
        section.description if table.description is None else table.description,
        cues + (table.extra_cues or ()),
    )
