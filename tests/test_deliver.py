"""Tests of the deliver stage against a real SMTP server (aiosmtpd on 127.0.0.1).

Nothing of smtplib is mocked: each test starts an aiosmtpd Controller on a free port (plain,
STARTTLS with AUTH, or implicit TLS with a self-signed certificate made here with openssl)
and reads back what the server received. Only time is faked (an injected ``sleep`` and
``clock``), so the retry policy is tested without waiting.
"""

from __future__ import annotations

import shutil
import socket
import ssl
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta, timezone
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest

aiosmtpd_controller = pytest.importorskip("aiosmtpd.controller")
from aiosmtpd.smtp import AuthResult, LoginPassword  # noqa: E402

from briefings.deliver import load_brief, send_brief  # noqa: E402
from briefings.deliver.message import build_message, write_eml  # noqa: E402
from briefings.deliver.smtp import send_message  # noqa: E402
from briefings.email_settings import EmailSettings  # noqa: E402
from briefings.errors import DeliveryError  # noqa: E402
from briefings.model import (  # noqa: E402
    Brand,
    Brief,
    BriefStats,
    BriefSection,
    Figure,
    KeyFigure,
    UpcomingEvent,
    Window,
)
from briefings.render import render_brief  # noqa: E402
import factories  # noqa: E402
from factories import make_brief_fact, make_citation  # noqa: E402

KYIV = timezone(timedelta(hours=3))
HOSTILE = "Crowds chanted <script>alert('x')</script> & waved flags outside the ministry."
TALKS = "Delegations will meet in Istanbul on Wednesday for a third round of talks."
USER, PASSWORD = "briefs", "s3cret-pass"
PASSWORD_ENV = "BRIEFINGS_TEST_SMTP_PASSWORD"


# ----------------------------------------------------------------------------- the brief
def make_brief(**changes: Any) -> Brief:
    """A small brief for 22 July 2025: two sources, two sections, one event ahead."""
    ledger = make_citation(article_id="a1", outlet="Kyiv Ledger", title="Talks in Istanbul",
                           url="https://ledger.example/talks", published=datetime(2025, 7, 22, 7, 15, tzinfo=KYIV),
                           number=1)
    wire = make_citation(article_id="a2", outlet="Baltic Wire", title="Protest in Kyiv",
                         url="https://wire.example/protest", published=datetime(2025, 7, 22, 9, 0, tzinfo=KYIV),
                         number=2)
    talks = make_brief_fact(id="f1", text=TALKS, section="diplomacy", score=0.9, citations=(ledger,))
    protest = make_brief_fact(id="f2", text=HOSTILE, section="other", score=0.7, citations=(wire,))
    brief = factories.make_brief(
        date=date(2025, 7, 22),
        title="Ukraine Morning Brief",
        window=Window(datetime(2025, 7, 22, tzinfo=KYIV), datetime(2025, 7, 23, tzinfo=KYIV),
                      "Europe/Kyiv"),
        brand=Brand(name="Example Desk", marking="FOR INTERNAL USE"),
        key_points=(talks,),
        sections=(BriefSection("diplomacy", "Diplomacy", (talks,)),
                  BriefSection("other", "Other news", (protest,))),
        looking_ahead=(UpcomingEvent(date(2025, 7, 23), date(2025, 7, 23),
                                     "Third round of talks in Istanbul.", "diplomacy", (ledger,),
                                     "on Wednesday"),),
        articles=(ledger, wire),
        stats=BriefStats(articles=2, facts=2),
        generated=datetime(2025, 7, 23, 6, 30, tzinfo=UTC),
    )
    return replace(brief, **changes) if changes else brief


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Real brief.pdf and looking-ahead.ics, rendered once for the module."""
    out = tmp_path_factory.mktemp("report")
    render_brief(make_brief(), out, formats=("pdf", "ics"))
    files = {"pdf": out / "brief.pdf", "ics": out / "looking-ahead.ics"}
    assert all(p.is_file() for p in files.values())
    return files


# ----------------------------------------------------------------------------- the server
from smtp_helpers import Recorder, free_port  # noqa: E402  (start_server, a fixture, comes from conftest)


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1/localhost (openssl, a few ms with EC keys)."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "2", "-subj", "/CN=localhost",
         "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"],
        check=True, capture_output=True, timeout=30,
    )
    return cert, key


def server_context(certificate: tuple[Path, Path]) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(str(certificate[0]), str(certificate[1]))
    return context


def check_password(server, session, envelope, mechanism, auth_data) -> AuthResult:  # noqa: ANN001
    ok = (isinstance(auth_data, LoginPassword) and auth_data.login == USER.encode()
          and auth_data.password == PASSWORD.encode())
    return AuthResult(success=ok, handled=False)


@dataclass
class FakeTime:
    """Injected clock and sleep: sleeping advances the clock and is recorded."""

    now: float = 1000.0
    sleeps: list[float] = field(default_factory=list)

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds

    def clock(self) -> float:
        return self.now


def settings(port: int, **changes: Any) -> EmailSettings:
    base = EmailSettings(to=("Desk <desk@example.org>", "second@example.org"),
                         cc=("boss@example.org",), bcc=("hidden@example.org",),
                         sender="Briefs <briefs@example.org>", host="127.0.0.1", port=port,
                         security="plain", timeout=5.0, retry_for=30.0)
    return base.model_copy(update=changes)  # unchecked, like a caller's own settings


def parts(message: EmailMessage) -> dict[str, list[EmailMessage]]:
    found: dict[str, list[EmailMessage]] = {}
    for part in message.walk():
        found.setdefault(part.get_content_type(), []).append(part)
    return found


# ----------------------------------------------------------------------------- plain server
def test_plain_server_receives_one_complete_message(start_server: Any,
                                                    rendered: dict[str, Path]) -> None:
    handler = Recorder()
    port = start_server(handler)
    config = settings(port)
    time = FakeTime()
    built = build_message(make_brief(), rendered, config)
    assert built["Bcc"] is None and b"hidden@example.org" not in built.as_bytes()
    send_message(built, config, sleep=time.sleep, clock=time.clock)

    rcpt, message = handler.only_message()
    assert rcpt == ["desk@example.org", "second@example.org", "boss@example.org",
                    "hidden@example.org"]
    assert handler.received[0][0] == "briefs@example.org"
    assert message["Subject"] == "Ukraine Morning Brief — Tuesday 22 July 2025"
    assert message["Bcc"] is None and b"hidden@example.org" not in handler.received[0][2]
    assert message["Cc"] == "boss@example.org"
    assert message["Message-ID"].endswith("@example.org>")
    assert message["Date"]
    assert time.sleeps == []

    found = parts(message)
    pdf = found["application/pdf"][0]
    assert pdf.get_filename() == "brief-2025-07-22.pdf"
    assert pdf.get_content() == rendered["pdf"].read_bytes()

    html = found["text/html"][0].get_content()
    assert "&lt;script&gt;alert(" in html and "<script>" not in html
    assert "<style" not in html and 'style="' in html
    assert "https://ledger.example/talks" in html

    text = found["text/plain"][0].get_content()
    assert "Delegations will meet in Istanbul" in text
    assert "<script>alert('x')</script>" in text  # text/plain shows the text as written
    assert "[1]" in text and "https://wire.example/protest" in text
    assert "LOOKING AHEAD" in text and "Third round of talks in Istanbul." in text

    calendar = found["text/calendar"][0]
    assert calendar.get_filename() == "looking-ahead.ics"
    assert calendar.get_payload(decode=True) == rendered["ics"].read_bytes()


def test_ics_attached_only_when_it_exists_and_has_events(rendered: dict[str, Path],
                                                         tmp_path: Path) -> None:
    config = settings(25)
    no_ics = build_message(make_brief(), {"pdf": rendered["pdf"],
                                          "ics": tmp_path / "looking-ahead.ics"}, config)
    assert "text/calendar" not in parts(no_ics)
    assert "application/pdf" in parts(no_ics)
    stale = build_message(make_brief(looking_ahead=()), rendered, config)
    assert "text/calendar" not in parts(stale)
    with_ics = build_message(make_brief(), rendered, config)
    assert len(parts(with_ics)["text/calendar"]) == 1
    calendar_part = next(p for p in with_ics.walk() if p.get_content_type() == "text/calendar")
    assert calendar_part.get_param("method") == "PUBLISH"


def test_listed_pdf_that_is_missing_is_a_delivery_error(tmp_path: Path) -> None:
    with pytest.raises(DeliveryError, match=r"brief\.pdf: cannot attach"):
        build_message(make_brief(), {"pdf": tmp_path / "brief.pdf"}, settings(25))


# ----------------------------------------------------------------------------- TLS and AUTH
def test_starttls_with_auth_delivers(start_server: Any, certificate: tuple[Path, Path],
                                     rendered: dict[str, Path],
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    handler = Recorder()
    port = start_server(handler, tls_context=server_context(certificate), require_starttls=True,
                        authenticator=check_password, auth_require_tls=True)
    monkeypatch.setenv(PASSWORD_ENV, PASSWORD)
    config = settings(port, security="starttls", username=USER, password_env=PASSWORD_ENV,
                      cafile=str(certificate[0]))
    send_message(build_message(make_brief(), rendered, config), config)
    rcpt, message = handler.only_message()
    assert len(rcpt) == 4 and message["To"]


def test_wrong_password_fails_at_once(start_server: Any, certificate: tuple[Path, Path],
                                      rendered: dict[str, Path],
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    handler = Recorder()
    port = start_server(handler, tls_context=server_context(certificate), require_starttls=True,
                        authenticator=check_password, auth_require_tls=True)
    monkeypatch.setenv(PASSWORD_ENV, "wrong")
    config = settings(port, security="starttls", username=USER, password_env=PASSWORD_ENV,
                      cafile=str(certificate[0]))
    time = FakeTime()
    with pytest.raises(DeliveryError, match=rf"127\.0\.0\.1:{port}.*login as 'briefs' refused: 535"):
        send_message(build_message(make_brief(), rendered, config), config,
                     sleep=time.sleep, clock=time.clock)
    assert time.sleeps == [] and handler.received == []


def test_missing_password_variable_names_it(rendered: dict[str, Path],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(PASSWORD_ENV, raising=False)
    config = settings(free_port(), username=USER, password_env=PASSWORD_ENV)
    with pytest.raises(DeliveryError, match=PASSWORD_ENV):
        send_message(build_message(make_brief(), rendered, config), config)


def test_untrusted_certificate_is_permanent(start_server: Any, certificate: tuple[Path, Path],
                                            rendered: dict[str, Path]) -> None:
    handler = Recorder()
    port = start_server(handler, tls_context=server_context(certificate), require_starttls=True)
    config = settings(port, security="starttls")  # no cafile: the self-signed cert is unknown
    time = FakeTime()
    with pytest.raises(DeliveryError, match="certificate not trusted"):
        send_message(build_message(make_brief(), rendered, config), config,
                     sleep=time.sleep, clock=time.clock)
    assert time.sleeps == []
    # ... and tls_verify = false is the explicit way round it
    send_message(build_message(make_brief(), rendered, config),
                 config.model_copy(update={"tls_verify": False}))
    assert len(handler.received) == 1


def test_implicit_tls_delivers(start_server: Any, certificate: tuple[Path, Path],
                               rendered: dict[str, Path]) -> None:
    handler = Recorder()
    port = start_server(handler, ssl_context=server_context(certificate))
    config = settings(port, security="tls", cafile=str(certificate[0]))
    send_message(build_message(make_brief(), rendered, config), config)
    rcpt, message = handler.only_message()
    assert message["Subject"].startswith("Ukraine Morning Brief")


# ----------------------------------------------------------------------------- retries
def test_451_then_accept_is_delivered_once_after_one_retry(start_server: Any,
                                                           rendered: dict[str, Path]) -> None:
    handler = Recorder(data_replies=["451 4.3.0 Try again later"])
    port = start_server(handler)
    config = settings(port)
    time = FakeTime()
    send_message(build_message(make_brief(), rendered, config), config,
                 sleep=time.sleep, clock=time.clock)
    assert handler.data_calls == 2
    assert len(handler.received) == 1
    assert time.sleeps == [1.0]


@pytest.mark.parametrize("where", ["data", "rcpt"])
def test_550_fails_at_once(start_server: Any, rendered: dict[str, Path], where: str) -> None:
    reply = "550 5.1.1 Mailbox unavailable"
    handler = Recorder(data_replies=[reply] if where == "data" else [],
                       rcpt_reply=reply if where == "rcpt" else None)
    port = start_server(handler)
    config = settings(port)
    time = FakeTime()
    with pytest.raises(DeliveryError, match=rf"smtp 127\.0\.0\.1:{port}: .*550 5\.1\.1") as info:
        send_message(build_message(make_brief(), rendered, config), config,
                     sleep=time.sleep, clock=time.clock)
    assert "\n" not in str(info.value)
    assert time.sleeps == [] and handler.received == []


def test_server_down_retries_until_the_budget_then_fails(rendered: dict[str, Path]) -> None:
    port = free_port()  # nothing listens here
    config = settings(port, retry_for=10.0)
    time = FakeTime()
    with pytest.raises(DeliveryError, match=rf"127\.0\.0\.1:{port}: gave up after 5 attempts") as info:
        send_message(build_message(make_brief(), rendered, config), config,
                     sleep=time.sleep, clock=time.clock)
    assert time.sleeps == [1.0, 2.0, 4.0, 3.0]  # backoff, the last wait cut to the budget
    assert "refused" in str(info.value).lower()


@pytest.fixture
def bad_listener() -> Iterator[Any]:
    """A TCP listener that misbehaves: 'silent' accepts and never greets, 'drop' hangs up."""
    sockets: list[socket.socket] = []
    stop = threading.Event()

    def start(mode: str) -> int:
        server = socket.socket()
        server.bind(("127.0.0.1", 0))
        server.listen()
        server.settimeout(0.05)
        sockets.append(server)

        def serve() -> None:
            while not stop.is_set():
                try:
                    conn, _ = server.accept()
                except OSError:
                    continue
                if mode == "drop":
                    conn.close()
                else:
                    sockets.append(conn)

        threading.Thread(target=serve, daemon=True).start()
        return server.getsockname()[1]

    yield start
    stop.set()
    for sock in sockets:
        sock.close()


@pytest.mark.parametrize(("mode", "reply"), [("silent", "timed out after 0.3 s"),
                                             ("drop", "connection dropped")])
def test_timeouts_and_dropped_connections_are_retried(bad_listener: Any, mode: str,
                                                      reply: str) -> None:
    port = bad_listener(mode)
    config = settings(port, timeout=0.3, retry_for=1.5)
    time = FakeTime()
    with pytest.raises(DeliveryError, match=rf"127\.0\.0\.1:{port}: gave up after 3 attempts.*{reply}"):
        send_message(EmailMessage(), config, sleep=time.sleep, clock=time.clock)
    assert time.sleeps == [1.0, 0.5]


def test_backoff_is_capped() -> None:
    config = settings(free_port(), retry_for=200.0)
    time = FakeTime()
    with pytest.raises(DeliveryError):
        send_message(EmailMessage(), config, sleep=time.sleep, clock=time.clock)
    assert max(time.sleeps) == 60.0 and sum(time.sleeps) == pytest.approx(200.0)


# ----------------------------------------------------------------------------- headers
def test_crlf_in_title_never_makes_a_header(start_server: Any, rendered: dict[str, Path]) -> None:
    handler = Recorder()
    port = start_server(handler)
    config = settings(port, bcc=())
    brief = make_brief(title="Brief\r\nBcc: evil@example.org\r\nX-Evil: 1")
    send_message(build_message(brief, rendered, config), config)
    rcpt, message = handler.only_message()
    assert "evil@example.org" not in rcpt
    assert message["Bcc"] is None and message["X-Evil"] is None
    assert "\n" not in message["Subject"] and message["Subject"].startswith("Brief Bcc:")
    raw_headers = handler.received[0][2].split(b"\r\n\r\n", 1)[0]
    assert not any(line.lower().startswith((b"bcc:", b"x-evil:"))
                   for line in raw_headers.splitlines())


def test_subject_template(rendered: dict[str, Path]) -> None:
    custom = settings(25, subject="[{brand}] {title} {iso_date}")
    assert build_message(make_brief(), rendered, custom)["Subject"] == \
        "[Example Desk] Ukraine Morning Brief 2025-07-22"
    for bad in ("{title.__class__}", "{weather}", "{title"):
        with pytest.raises(DeliveryError, match="email.subject"):
            build_message(make_brief(), rendered, settings(25, subject=bad))


def test_crlf_in_addresses_is_refused(rendered: dict[str, Path]) -> None:
    bad = settings(25, to=("desk@example.org\r\nBcc: evil@example.org",))
    with pytest.raises(DeliveryError, match="email.to: .*line break"):
        build_message(make_brief(), rendered, bad)
    # settings read from a config never get this far: tests/test_config.py


# ----------------------------------------------------------------------------- eml
def test_write_eml_writes_a_parseable_message(rendered: dict[str, Path], tmp_path: Path) -> None:
    message = build_message(make_brief(), rendered, settings(25))
    path = write_eml(message, tmp_path / "2025-07-22" / "brief.eml")
    parsed = message_from_bytes(path.read_bytes(), policy=policy.default)
    assert parsed["Subject"] == message["Subject"]
    pdf = parts(parsed)["application/pdf"][0]  # type: ignore[arg-type]
    assert pdf.get_content() == rendered["pdf"].read_bytes()
    assert [p.name for p in path.parent.iterdir()] == ["brief.eml"]  # no temp file left


def test_send_brief_dry_run_writes_eml_and_sends_nothing(start_server: Any,
                                                         rendered: dict[str, Path],
                                                         tmp_path: Path) -> None:
    handler = Recorder()
    config = settings(start_server(handler))
    eml = send_brief(make_brief(), rendered, config, eml=tmp_path / "brief.eml")
    assert eml == tmp_path / "brief.eml" and handler.data_calls == 0
    assert b"Subject: Ukraine Morning Brief" in eml.read_bytes()
    assert send_brief(make_brief(), rendered, config) is None
    assert len(handler.received) == 1


def test_a_broken_email_template_is_a_delivery_error(rendered: dict[str, Path],
                                                     tmp_path: Path) -> None:
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "email.html.j2").write_text("{% if %}", encoding="utf-8")
    with pytest.raises(DeliveryError, match=r"email: .*email\.html\.j2 line 1"):
        build_message(make_brief(), rendered, settings(25), theme)


def test_load_brief_reads_back_brief_json(tmp_path: Path) -> None:
    """All of it: ``send`` renders the email from brief.json, Key figures and tags included."""
    base = make_brief()
    ledger = base.articles[0]
    money = Figure("more than $300 million", 300e6, "money", "more than", "USD", "money")
    pledge = replace(base.sections[0].facts[0], figures=(money,), claim_status="single_source",
                     unnamed_source=True, aid_status="pledged")
    brief = replace(base, key_points=(pledge,),
                    sections=(replace(base.sections[0], facts=(pledge,)), base.sections[1]),
                    key_figures=(KeyFigure("money", money, pledge.text, (ledger,), "pledged"),))
    render_brief(brief, tmp_path, formats=("json",))
    loaded = load_brief(tmp_path / "brief.json")
    assert loaded.to_json() == brief.to_json()
    assert loaded.key_figures[0].figure.currency == "USD"
    assert loaded.sections[0].facts[0].aid_status == "pledged"
    (tmp_path / "broken.json").write_text('{"date": "2025-07-22"}', encoding="utf-8")
    with pytest.raises(DeliveryError, match=r"broken\.json: not a brief\.json"):
        load_brief(tmp_path / "broken.json")
