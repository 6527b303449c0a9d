"""Collect: readers that turn sources into ``Article``s.

``files`` reads folders of saved articles (.txt, .md, .html/.htm, .json, .jsonl).
Its helpers: ``decode`` (bytes → text), ``text_formats`` (.txt, .md), ``html_pages``
(.html), ``json_entries`` (.json, .jsonl), ``article`` (metadata → ``Article``),
``published`` (dates) and ``_common`` (shared internals). The source kinds of ``[[sources]]``
are in ``kinds`` (folder, feed, page) and ``site``, which registers itself here, on the first
import of the package, like any kind added later.
"""

import briefings.collect.site  # noqa: F401  (registers the site source kind)

from briefings.collect.files import (
    SUPPORTED_EXTENSIONS,
    ReadResult,
    Skipped,
    parse_published,
    read_file,
    read_paths,
)

__all__ = [
    "SUPPORTED_EXTENSIONS",
    "ReadResult",
    "Skipped",
    "parse_published",
    "read_file",
    "read_paths",
]
