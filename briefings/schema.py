"""How every table of ``briefings.toml`` is checked: pydantic models whose problems name the key.

Each table (``[brief]``, ``[brand]``, ``[[sources]]``, ``[email]``, ``[sections.KEY]``...) is a
:class:`Table`. Validating the whole file gives every problem at once; :func:`problem_lines`
turns them into one line each, naming the file, the table and the key as a user would write
them (``briefings.toml: sources[2].url: expected an http(s) URL, got 'ftp://x'``).
Keys nobody reads are kept by the models so that :func:`unknown_key_warnings` can name them,
with the known key they were probably meant to be.

A check that spans several keys (``username`` without ``password_env``) raises
:func:`problems_at`, which places each problem at its own key rather than at the table.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator
from typing import Any

from pydantic import AliasChoices, BaseModel, ConfigDict, ValidationError
from pydantic_core import InitErrorDetails, PydanticCustomError

Location = tuple[str | int, ...]

_PROBLEM = "config_problem"
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")

__all__ = ["Location", "Table", "dotted", "printable", "problem_lines", "problems_at",
           "unknown_key_warnings"]


class Table(BaseModel):
    """A config table: extra keys are kept so that they can be reported as warnings."""

    model_config = ConfigDict(extra="allow", frozen=True)


def problems_at(problems: Iterable[tuple[Location, str]]) -> ValidationError:
    """One ValidationError holding each ``(key path, message)``; raised inside a validator,
    pydantic files every problem under the validated table's own location."""
    details = [InitErrorDetails(type=PydanticCustomError(_PROBLEM, "{message}", {"message": message}),
                                loc=location, input=None)
               for location, message in problems]
    return ValidationError.from_exception_data("briefings.toml", details)


def problem_lines(file: str, error: ValidationError, prefix: Location = ()) -> list[str]:
    """Every problem of ``error`` as ``"<file>: <key>: <problem>"``, in the file's order."""
    return [printable(f"{file}: {dotted(prefix + tuple(item['loc'])) or '(top level)'}: {_message(item)}")
            for item in error.errors()]


def _message(item: Any) -> str:
    """pydantic's wording, without its "Value error, " and with the value it refused."""
    message = item["msg"].removeprefix("Value error, ")
    if item["type"] == "missing":
        return "required key is missing"
    if "input" in item and item["type"] not in ("value_error", _PROBLEM):
        return f"{message}, got {item['input']!r}"
    return message


def dotted(location: Location) -> str:
    """('sources', 2, 'url') → 'sources[2].url', as a user would write it."""
    text = ""
    for part in location:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return printable(text)


def printable(text: str) -> str:
    """``text`` on one line: a key echoed from the file may hold a line break, shown escaped."""
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], text)


def unknown_key_warnings(file: str, table: BaseModel, where: Location = ()) -> list[str]:
    """Keys nobody reads in ``table`` and every table inside it, each named with its table
    and, when a known key is close, the key it was probably meant to be."""
    found: list[str] = []
    known = _known_keys(type(table))
    for key in table.model_extra or {}:
        guess = difflib.get_close_matches(key, known, n=1)
        hint = f" (did you mean {guess[0]!r}?)" if guess else ""
        found.append(f"{file}: {dotted(where + (key,))}: unknown key, ignored{hint}")
    for location, inner in _inner_tables(table, where):
        found += unknown_key_warnings(file, inner, location)
    return found


def _known_keys(model: type[BaseModel]) -> list[str]:
    """Field names and the other spellings a table accepts (``from`` for ``sender``)."""
    keys: list[str] = []
    for name, info in model.model_fields.items():
        keys.append(name)
        alias = info.validation_alias
        if isinstance(alias, AliasChoices):
            keys += [choice for choice in alias.choices if isinstance(choice, str)]
        elif isinstance(alias, str):
            keys.append(alias)
    return sorted(set(keys))


def _inner_tables(table: BaseModel, where: Location) -> Iterator[tuple[Location, BaseModel]]:
    """The tables held by ``table``'s fields: one, a list of them or a table of them."""
    for name in type(table).model_fields:
        value = getattr(table, name)
        if isinstance(value, BaseModel):
            yield where + (name,), value
        elif isinstance(value, list | tuple):
            yield from ((where + (name, i), v) for i, v in enumerate(value) if isinstance(v, BaseModel))
        elif isinstance(value, dict):
            yield from ((where + (name, k), v) for k, v in value.items() if isinstance(v, BaseModel))
