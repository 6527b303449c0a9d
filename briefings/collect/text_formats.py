"""Readers for hand-written formats: ``.txt`` with a header block and ``.md`` with front matter.

Both carry their metadata as ``key: value`` lines above a ``---`` (YAML for Markdown) and a
body that is already text; Markdown is reduced to plain paragraphs here.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from briefings.collect._common import _Settings, _Unreadable
from briefings.collect.article import _HEADER_KEYS, _IGNORED_KEYS, _article, _key, _Meta
from briefings.model import Article

# --------------------------------------------------------------------------- .txt


_HEADER_LINE = re.compile(r"^([A-Za-z][A-Za-z0-9_ \-]{0,30}):(?:\s+(.*))?$")


def _split_header(text: str) -> tuple[dict[str, str], str]:
    """Split a ``key: value`` block ended by a ``---`` line from the body.

    It is a header only when every line before the first ``---`` is a ``key: value`` line
    and one key is a known one; otherwise a body that opens with "KYIV: ..." would lose its
    first paragraph. A leading ``---`` line (YAML style) is accepted too.
    """
    lines = text.split("\n")
    start = 1 if lines and lines[0].strip() == "---" else 0
    header: dict[str, str] = {}
    for index in range(start, min(len(lines), start + 60)):
        line = lines[index].strip()
        if line == "---":
            known = any(_key(k) in _HEADER_KEYS or _key(k) in _IGNORED_KEYS for k in header)
            if header and known:
                return header, "\n".join(lines[index + 1 :])
            break
        if not line:
            continue
        match = _HEADER_LINE.match(line)
        if not match:
            break
        header.setdefault(match.group(1), (match.group(2) or "").strip())
    return {}, text


def _read_txt(path: Path, text: str, settings: _Settings) -> tuple[list[Article], list[str]]:
    header, body = _split_header(text)
    meta = _Meta()
    meta.update(header)
    return [_article(path, path.name, meta, body, settings)], []


# --------------------------------------------------------------------------- .md


def _split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """YAML front matter between ``---`` lines at the top; a Markdown file may have none."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return {}, text
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            return _load_yaml("\n".join(lines[1:index])), "\n".join(lines[index + 1 :])
    return {}, text  # an opening rule without a closing one is a horizontal rule


def _load_yaml(source: str) -> dict[str, Any]:
    import yaml  # lazy: only Markdown files need it

    try:
        loaded = yaml.safe_load(source)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f" at line {mark.line + 2}" if mark is not None else ""
        raise _Unreadable(f"invalid front matter{where}: {exc.problem or exc}") from None
    except (yaml.YAMLError, ValueError, RecursionError) as exc:
        raise _Unreadable(f"invalid front matter: {type(exc).__name__}") from None
    if loaded is None:
        return {}
    if not isinstance(loaded, dict):
        raise _Unreadable("invalid front matter: expected key: value lines")
    return loaded


def _read_md(path: Path, text: str, settings: _Settings) -> tuple[list[Article], list[str]]:
    front, markdown = _split_front_matter(text)
    meta = _Meta()
    meta.update(front)
    if meta.title is None:
        heading = re.search(r"(?m)^#\s+(.+?)\s*#*$", markdown)
        meta.title = heading.group(1) if heading else None
        if meta.title is not None:
            meta.title = _inline_markdown(meta.title)
    return [_article(path, path.name, meta, markdown_to_text(markdown), settings)], []


_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s+")
_REF_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+")


def markdown_to_text(markdown: str) -> str:
    """Markdown as plain paragraphs separated by blank lines.

    Lines of one paragraph are joined (Markdown wraps for the editor, not the reader); each
    heading and list item becomes a paragraph; links keep their text, images go, emphasis and
    code markers go. Deliberately small: news Markdown is simple, and a full renderer would
    need an HTML round trip.
    """
    paragraphs: list[str] = []
    current: list[str] = []
    in_code = False

    def flush() -> None:
        if current:
            paragraphs.append(" ".join(current))
            current.clear()

    for line in markdown.split("\n"):
        if _FENCE.match(line):
            flush()
            in_code = not in_code
            continue
        if in_code:
            if line.strip():
                paragraphs.append(line.strip())
            continue
        stripped = line.strip()
        if not stripped or _RULE.match(line) or _REF_DEF.match(line):
            flush()
            continue
        if _SETEXT.match(line) and current:
            flush()
            continue
        stripped = re.sub(r"^(>\s?)+", "", stripped).strip()
        heading = re.match(r"^#{1,6}\s+(.*?)(\s+#+)?$", stripped)
        if heading or _LIST_ITEM.match(stripped):
            flush()
            content = heading.group(1) if heading else _LIST_ITEM.sub("", stripped, count=1)
            cleaned = _inline_markdown(content)
            if cleaned:
                paragraphs.append(cleaned)
            continue
        cleaned = _inline_markdown(stripped)
        if cleaned:
            current.append(cleaned)
    flush()
    return "\n\n".join(p for p in paragraphs if p.strip())


def _inline_markdown(text: str) -> str:
    """Strip inline Markdown: images, links, emphasis, code, simple HTML tags, escapes."""
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)  # images
    text = re.sub(r"!\[[^\]]*\]\[[^\]]*\]", "", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # [text](url)
    text = re.sub(r"\[([^\]]*)\]\[[^\]]*\]", r"\1", text)  # [text][ref]
    text = re.sub(r"<(https?://[^>\s]+)>", r"\1", text)  # autolinks
    text = re.sub(r"</?[A-Za-z][^<>]*>", "", text)  # inline HTML tags
    text = re.sub(r"`([^`]*)`", r"\1", text)
    text = re.sub(r"(\*\*\*|\*\*|\*|~~)(?=\S)(.+?)(?<=\S)\1", r"\2", text)
    text = re.sub(r"(?<![\w])(___|__|_)(?=\S)(.+?)(?<=\S)\1(?![\w])", r"\2", text)
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!>~|])", r"\1", text)
    return " ".join(text.split())
