"""The deliver stage: mail the built brief (its PDF and calendar attached) by SMTP.

The CLI calls :func:`send_brief` (``build --send`` and ``send``) and, for ``send``,
:func:`load_brief` to read back what ``build`` wrote. ``message`` builds the mail,
``smtp`` carries it; the settings are the config's ``[email]`` table
(:class:`briefings.email_settings.EmailSettings`). Every failure is one ``DeliveryError``
line (exit 5: the brief is built, its files stay).
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Mapping
from pathlib import Path

from briefings.deliver.message import build_message, write_eml
from briefings.deliver.smtp import send_message
from briefings.email_settings import EmailSettings
from briefings.errors import DeliveryError
from briefings.model import Brief
from briefings.render.email import one_line

__all__ = ["load_brief", "send_brief"]


def send_brief(brief: Brief, files: Mapping[str, Path], settings: EmailSettings,
               theme: str | os.PathLike[str] | None = None, *, eml: Path | None = None,
               sleep: Callable[[float], None] = time.sleep,
               clock: Callable[[], float] = time.monotonic) -> Path | None:
    """Build the message and send it, or with ``eml`` (``--dry-run``) write it there instead.

    What ``briefings send`` and ``build --send`` call. Returns the .eml path on a dry run.
    Raises DeliveryError (exit 5) for every delivery problem; the report files are never
    touched here.
    """
    message = build_message(brief, files, settings, theme)
    if eml is not None:
        return write_eml(message, eml)
    send_message(message, settings, sleep=sleep, clock=clock)
    return None


def load_brief(path: Path) -> Brief:
    """The Brief of an earlier build, read back from its brief.json.

    ``briefings send --date D`` mails what ``build`` wrote without rebuilding (which could
    pick up articles collected since). Any problem is a DeliveryError naming the file.
    """
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise DeliveryError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DeliveryError(f"{path}: not valid JSON ({one_line(str(exc))})") from exc
    try:
        return Brief.from_json(data)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise DeliveryError(f"{path}: not a brief.json ({type(exc).__name__}: "
                            f"{one_line(str(exc))})") from exc
