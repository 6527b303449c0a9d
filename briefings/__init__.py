"""briefings: turn a day's news into a branded morning brief.

The stages (collect → extract → compose → render) are usable as a library:

    from briefings import build_brief
    brief = build_brief(["samples/"], "2025-07-22")             # a Brief; nothing written
    build_brief(articles, "2025-07-22", out_dir="out", formats=["pdf"])   # rendered, locked

``build_brief`` (``briefings.api``) is the front door; ``pipeline.build`` wires the same
stages for the CLI, and ``cli`` is a thin layer over it. Names are imported on first use, so
``import briefings`` (and ``briefings --help``) stays fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "build_brief": "briefings.api",
    "run_lock": "briefings.locking",
    "Busy": "briefings.locking",
    "load_config": "briefings.config",
    "Config": "briefings.config",
    "Article": "briefings.model",
    "Brief": "briefings.model",
    "BriefingsError": "briefings.errors",
    "NothingToBrief": "briefings.errors",
}
"""Public name → the module that defines it."""

__all__ = ["Article", "Brief", "BriefingsError", "Busy", "Config", "NothingToBrief", "__version__",
           "build_brief", "load_config", "run_lock"]

if TYPE_CHECKING:  # for type checkers and editors: the same names, imported eagerly
    from briefings.api import build_brief
    from briefings.config import Config, load_config
    from briefings.errors import BriefingsError, NothingToBrief
    from briefings.locking import Busy, run_lock
    from briefings.model import Article, Brief


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'briefings' has no attribute {name!r}")
    return getattr(import_module(module), name)


def __dir__() -> list[str]:
    return sorted(__all__)
