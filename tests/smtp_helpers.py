"""A real SMTP server for the tests: aiosmtpd Controllers on 127.0.0.1, and a handler that
records what it accepts (or refuses DATA/RCPT on cue). Shared by the deliver and CLI tests."""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

import pytest

@dataclass
class Recorder:
    """aiosmtpd handler: records every accepted message; can refuse DATA or RCPT on cue."""

    data_replies: list[str] = field(default_factory=list)
    """Replies to give to successive DATA commands before accepting ("451 ...", "550 ...")."""
    rcpt_reply: str | None = None
    received: list[tuple[str, list[str], bytes]] = field(default_factory=list)
    data_calls: int = 0
    delay: float = 0.0
    """Seconds to wait before answering DATA: keeps a sending run busy (lock tests)."""
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: ANN001
        if self.rcpt_reply:
            return self.rcpt_reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: ANN001
        if self.delay:
            await asyncio.sleep(self.delay)
        with self.lock:
            self.data_calls += 1
            if self.data_replies:
                return self.data_replies.pop(0)
            self.received.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 Message accepted"

    def only_message(self) -> tuple[list[str], EmailMessage]:
        assert len(self.received) == 1, f"expected one message, got {len(self.received)}"
        _, rcpt, content = self.received[0]
        return rcpt, message_from_bytes(content, policy=policy.default)  # type: ignore[return-value]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def start_server() -> Iterator[Any]:
    """Start aiosmtpd Controllers on free ports; all are stopped after the test."""
    from aiosmtpd.controller import Controller

    started: list[Any] = []

    def start(handler: Recorder, **kwargs: Any) -> int:
        port = free_port()
        controller = Controller(
            handler, hostname="127.0.0.1", port=port, server_hostname="localhost", **kwargs)
        controller.start()
        started.append(controller)
        return port

    yield start
    for controller in started:
        controller.stop()


