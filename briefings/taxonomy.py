"""Sections of a brief: the packaged default taxonomy, and a user's changes to it.

A taxonomy is an ordered list of sections (the brief shows them in this order), each with a
title, a description and weighted cues. A cue is a word or phrase; a trailing ``*`` matches any
ending (``negotiat*``). The default lives in ``briefings/data/taxonomy.toml`` so that a
non-editable install finds it; a config's ``[sections.KEY]`` tables retitle, extend, drop
(``enabled = false``) or add sections.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, replace
from importlib import resources
from typing import Any, Mapping

from .errors import ConfigError

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


def parse_cues(raw: Any, where: str) -> tuple[Cue, ...]:
    """Cues come as a list of words (weight 1) or a table ``{word = weight}``."""
    if isinstance(raw, list):
        items = [(item, 1.0) for item in raw]
    elif isinstance(raw, dict):
        items = list(raw.items())
    else:
        raise ConfigError(f"{where}.cues: expected a list of words or a table of weights")
    cues = []
    for pattern, weight in items:
        if not isinstance(pattern, str) or not pattern.strip():
            raise ConfigError(f"{where}.cues: expected words, got {pattern!r}")
        if isinstance(weight, bool) or not isinstance(weight, (int, float)):
            raise ConfigError(f"{where}.cues.{pattern}: weight must be a number, got {weight!r}")
        cues.append(Cue(pattern.strip().lower(), float(weight)))
    return tuple(cues)


def section_from_table(key: str, table: Mapping[str, Any], where: str) -> SectionSpec:
    title = table.get("title", key.replace("_", " ").title())
    if not isinstance(title, str):
        raise ConfigError(f"{where}.title: expected text, got {title!r}")
    description = table.get("description", "")
    if not isinstance(description, str):
        raise ConfigError(f"{where}.description: expected text, got {description!r}")
    return SectionSpec(key, title, description, parse_cues(table.get("cues", []), where))


def load_default_taxonomy() -> Taxonomy:
    text = resources.files("briefings").joinpath("data", DEFAULT_TAXONOMY).read_text("utf-8")
    data = tomllib.loads(text)
    return Taxonomy(
        tuple(
            section_from_table(key, table, f"{DEFAULT_TAXONOMY}: sections.{key}")
            for key, table in data["sections"].items()
        ),
        parse_cues(data.get("other", {}).get("cues", []), f"{DEFAULT_TAXONOMY}: other"),
    )


def apply_overrides(base: Taxonomy, tables: Mapping[str, Any], where: str) -> Taxonomy:
    """Merge a config's ``[sections.KEY]`` tables into ``base``.

    An existing key keeps its cues unless the table gives ``cues`` (then they replace them) or
    ``extra_cues`` (then they are added); ``enabled = false`` drops it; a new key is appended.
    """
    sections = {s.key: s for s in base.sections}
    order = list(sections)
    for key, table in tables.items():
        here = f"{where}: sections.{key}"
        if not isinstance(table, dict):
            raise ConfigError(f"{here}: expected a table")
        if key in ("other", "boilerplate"):
            raise ConfigError(f"{here}: '{key}' is reserved and cannot be a section")
        enabled = table.get("enabled", True)
        if not isinstance(enabled, bool):
            raise ConfigError(f"{here}.enabled: expected true or false, got {enabled!r}")
        if not enabled:
            sections.pop(key, None)
            order = [k for k in order if k != key]
            continue
        if key in sections:
            sections[key] = _update_section(sections[key], table, here)
        else:
            if "cues" not in table:
                raise ConfigError(f"{here}: a new section needs cues")
            sections[key] = section_from_table(key, table, here)
            order.append(key)
    if not order:
        raise ConfigError(f"{where}: every section is disabled; keep at least one")
    return replace(base, sections=tuple(sections[k] for k in order))


def _update_section(section: SectionSpec, table: Mapping[str, Any], where: str) -> SectionSpec:
    known = {"title", "description", "cues", "extra_cues", "enabled"}
    unknown = sorted(set(table) - known)
    if unknown:
        raise ConfigError(f"{where}: unknown key {unknown[0]!r} (known: {', '.join(sorted(known))})")
    updated = section_from_table(section.key, {**_as_table(section), **table}, where)
    if "cues" not in table:
        updated = replace(updated, cues=section.cues)
    if "extra_cues" in table:
        updated = replace(updated, cues=updated.cues + parse_cues(table["extra_cues"], where))
    return updated


def _as_table(section: SectionSpec) -> dict[str, Any]:
    return {"title": section.title, "description": section.description}
