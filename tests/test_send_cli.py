"""Delivery from the command line, against a real SMTP server on 127.0.0.1 (aiosmtpd):
``build --send``, ``send``, ``--dry-run``, exit 5 on a refused message with the files kept,
the run lock, ``--quiet`` and ``--log-json``."""

from __future__ import annotations

import json
import subprocess
import sys
from email import message_from_bytes, policy
from pathlib import Path

import pytest

pytest.importorskip("aiosmtpd")
from smtp_helpers import Recorder, free_port  # noqa: E402  (start_server, a fixture, comes from conftest)
from typer.testing import CliRunner  # noqa: E402

from briefings.cli import app  # noqa: E402
from briefings.locking import lock_path, run_lock  # noqa: E402

runner = CliRunner()
DAY = "2025-07-22"
SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def config(tmp_path: Path, port: int, **email: object) -> Path:
    table = {"to": ["desk@example.org"], "cc": ["chief@example.org"], "bcc": ["archive@example.org"],
             "sender": "briefs@example.org", "host": "127.0.0.1", "port": port, "security": "plain",
             "retry_for": 0, "timeout": 5}
    table.update(email)
    lines = ['[brief]\ntitle = "Test Desk Brief"\n', "[email]\n"]
    lines += [f"{key} = {json.dumps(value)}\n" for key, value in table.items()]
    path = tmp_path / "briefings.toml"
    path.write_text("".join(lines), encoding="utf-8")
    return path


def build(tmp_path: Path, port: int, *extra: str, **email: object):
    cfg = config(tmp_path, port, **email)
    return runner.invoke(app, ["build", str(SAMPLES), "--date", DAY, "--config", str(cfg), "--send", *extra])


def test_build_send_delivers_one_message_with_the_brief(tmp_path, start_server):
    recorder = Recorder()
    port = start_server(recorder)
    result = build(tmp_path, port)
    assert result.exit_code == 0, result.stderr
    assert "Email sent to 3 recipients" in result.stdout
    recipients, message = recorder.only_message()
    assert sorted(recipients) == ["archive@example.org", "chief@example.org", "desk@example.org"]
    assert message["Subject"].startswith("Test Desk Brief")
    assert message["Bcc"] is None
    out = tmp_path / "reports" / DAY
    pdf = next(p for p in message.iter_attachments() if p.get_content_type() == "application/pdf")
    assert pdf.get_content() == (out / "brief.pdf").read_bytes()
    ics = [p for p in message.iter_attachments() if p.get_content_type() == "text/calendar"]
    assert len(ics) == 1
    body = message.get_body(("plain",)).get_content()
    first_fact = json.loads((out / "brief.json").read_text())["key_points"][0]["text"]
    assert " ".join(first_fact.split()[:4]) in " ".join(body.split())


def test_a_refused_message_is_exit_5_and_the_files_stay(tmp_path, start_server):
    port = start_server(Recorder(data_replies=["550 5.7.1 Message rejected"]))
    result = build(tmp_path, port)
    assert result.exit_code == 5
    assert result.stderr.count("Error:") == 1 and "550" in result.stderr
    out = tmp_path / "reports" / DAY
    assert (out / "brief.pdf").stat().st_size > 0 and (out / "brief.json").is_file()


def test_a_server_that_is_down_is_exit_5(tmp_path):
    result = build(tmp_path, free_port())
    assert result.exit_code == 5
    assert "127.0.0.1" in result.stderr


def test_send_mails_an_existing_brief_and_dry_run_writes_eml(tmp_path, start_server):
    recorder = Recorder()
    port = start_server(recorder)
    cfg = config(tmp_path, port)
    built = runner.invoke(app, ["build", str(SAMPLES), "--date", DAY, "--config", str(cfg), "--format", "json,pdf"])
    assert built.exit_code == 0, built.stderr
    dry = runner.invoke(app, ["send", "--date", DAY, "--config", str(cfg), "--dry-run"])
    assert dry.exit_code == 0, dry.stderr
    eml = tmp_path / "reports" / DAY / "brief.eml"
    parsed = message_from_bytes(eml.read_bytes(), policy=policy.default)
    assert parsed["Subject"].startswith("Test Desk Brief") and not recorder.received
    sent = runner.invoke(app, ["send", "--date", DAY, "--config", str(cfg)])
    assert sent.exit_code == 0, sent.stderr
    assert len(recorder.received) == 1


def test_send_without_a_brief_or_without_email_config(tmp_path, start_server):
    cfg = config(tmp_path, 25)
    missing = runner.invoke(app, ["send", "--date", DAY, "--config", str(cfg)])
    assert missing.exit_code == 3 and "no brief to send" in missing.stderr
    bare = tmp_path / "bare.toml"
    bare.write_text('[brief]\ntitle = "x"\n')
    no_email = runner.invoke(app, ["build", str(SAMPLES), "--date", DAY, "--config", str(bare), "--send"])
    assert no_email.exit_code == 2 and "no [email] table" in no_email.stderr
    assert not (tmp_path / "reports").exists(), "a usage error builds nothing"


def test_quiet_prints_nothing_on_success_and_log_json_is_json(tmp_path, start_server):
    port = start_server(Recorder())
    quiet = build(tmp_path, port, "--quiet")
    assert quiet.exit_code == 0 and quiet.stdout == "" and quiet.stderr == ""
    logged = build(tmp_path, port, "--log-json")
    assert logged.exit_code == 0 and logged.stdout == ""
    events = [json.loads(line) for line in logged.stderr.splitlines()]
    assert {e["event"] for e in events if "event" in e} >= {"built", "written", "sent"}
    assert all({"time", "level", "message"} <= set(e) for e in events)


def test_a_second_run_while_the_lock_is_held_does_nothing(tmp_path, start_server):
    recorder = Recorder()
    port = start_server(recorder)
    out = tmp_path / "reports" / DAY
    with run_lock(out):
        result = build(tmp_path, port)
    assert result.exit_code == 4
    assert "another briefings run" in result.stderr
    assert not recorder.received and not (out / "brief.json").exists()


def test_a_crashed_run_leaves_no_stuck_lock(tmp_path):
    out = tmp_path / "reports" / DAY
    holder = subprocess.Popen([sys.executable, "-c",
                               "import sys, time; from pathlib import Path; from briefings.locking import run_lock\n"
                               f"with run_lock(Path({str(out)!r})):\n    print('locked', flush=True); time.sleep(60)"],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(Exception, match="another briefings run"):
            with run_lock(out):
                pass
    finally:
        holder.kill()
        holder.wait()
    assert lock_path(out).exists()
    with run_lock(out):  # the kernel released the dead run's lock
        pass


def test_two_runs_started_together_give_one_brief_and_one_email(tmp_path, start_server):
    recorder = Recorder(delay=3.0)  # the run that gets the lock keeps it while it sends
    port = start_server(recorder)
    cfg = config(tmp_path, port)
    command = [sys.executable, "-m", "briefings", "build", str(SAMPLES), "--date", DAY, "--config", str(cfg), "--send", "--quiet"]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outcomes = sorted(run.wait(timeout=120) for run in runs)
    assert outcomes == [0, 4], [run.stderr.read() for run in runs]
    assert len(recorder.received) == 1
