"""briefings: turn a day's news into a branded morning brief.

The stages (collect → extract → compose → render) are usable as a library; ``pipeline.build``
wires them, and ``cli`` is a thin layer over it.
"""

__all__ = ["__version__"]
__version__ = "0.1.0"
