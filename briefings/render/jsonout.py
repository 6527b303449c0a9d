"""brief.json: the Brief serialised by the model's own ``to_json`` (one serialiser for all)."""

from __future__ import annotations

import json

from briefings.errors import RenderError
from briefings.model import Brief


def render_json(brief: Brief) -> bytes:
    """UTF-8 JSON, human-readable (indent 2, non-ASCII kept: names like Zelensky's in Cyrillic)."""
    try:
        text = json.dumps(brief.to_json(), ensure_ascii=False, indent=2)
    except (TypeError, ValueError) as exc:
        raise RenderError(f"brief.json: cannot serialise the brief: {exc}") from exc
    return (text + "\n").encode("utf-8")
