"""Faults at 6 a.m. (issue 8): a build killed at any point, a full disk, a read-only folder.

The promise of ``briefings build`` is that yesterday's brief survives anything that goes wrong
with today's: outputs are replaced whole or not at all (``atomic.write_all``), the archive is
SQLite in WAL mode, and an output folder that cannot be written is exit 4 with one line.
These tests check the promise from outside, on a real process killed with SIGKILL (no
cleanup handler runs) and on real tiny or read-only file systems.

CI kills a few builds per mode; ``make fuzz`` sets ``BRIEFINGS_FAULT_KILLS`` for a long loop.
The full-disk and read-only tests need ``mount`` (root); elsewhere they skip and say why.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
DAY = "2025-07-22"
KILLS = int(os.environ.get("BRIEFINGS_FAULT_KILLS", "0") or 0) or 5
"""Kills per mode (files on the command line; config with a folder source and an archive)."""
MAX_DELAY = 3.0
OUTPUTS = ("brief.html", "brief.pdf", "brief.json", "looking-ahead.ics")


def _build_cmd(out: Path, *, config: Path | None = None, paths: Path = SAMPLES) -> list[str]:
    cmd = [sys.executable, "-m", "briefings", "build"]
    cmd += ["--config", str(config)] if config is not None else [str(paths)]
    return cmd + ["--date", DAY, "--out", str(out)]


def _run(cmd: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=120)


def _kill_after(cmd: list[str], cwd: Path, delay: float) -> tuple[int | None, list[str]]:
    """Start ``cmd`` in a session of its own, SIGKILL it (the build alone, as cron's
    ``timeout`` or the OOM killer would) after ``delay`` seconds: its exit code if it
    finished first, and the processes of its session still alive a few seconds later
    (killed then, so one failure does not leak into the next runs)."""
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    try:
        code: int | None = proc.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        code = None
    return code, _survivors(proc.pid)


def _session_members(session: int) -> list[tuple[int, str]]:
    """(pid, command line) of every live process in ``session`` (zombies are gone already)."""
    members = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            fields = stat[stat.rindex(")") + 2 :].split()
            if int(fields[3]) != session or fields[0] == "Z":
                continue
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except (OSError, ValueError, IndexError):
            continue  # ended while we looked
        members.append((int(entry.name), command.strip()))
    return members


def _survivors(session: int, grace: float = 5.0) -> list[str]:
    """Processes of the killed run's session alive after ``grace`` seconds (then killed)."""
    end = time.monotonic() + grace
    while (members := _session_members(session)) and time.monotonic() < end:
        time.sleep(0.1)
    for pid, _ in members:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
    return [f"pid {pid}: {command[:120]}" for pid, command in members]


# --------------------------------------------------------------------------- soundness checks


def assert_outputs_sound(out: Path) -> None:
    """Every visible brief file is complete; leftovers may only be hidden ``.*.tmp`` files."""
    names = sorted(p.name for p in out.iterdir())
    visible = [n for n in names if not n.startswith(".")]
    hidden = [n for n in names if n.startswith(".")]
    assert sorted(visible) == sorted(OUTPUTS), names  # none lost, none half-made under its name
    assert all(n.endswith(".tmp") for n in hidden), hidden
    brief = json.loads((out / "brief.json").read_text(encoding="utf-8"))
    assert brief["date"] == DAY and brief["sections"], "brief.json is not a whole brief"
    html = (out / "brief.html").read_text(encoding="utf-8")
    assert html.rstrip().endswith("</html>"), "brief.html is truncated"
    ics = (out / "looking-ahead.ics").read_text(encoding="utf-8")
    assert ics.startswith("BEGIN:VCALENDAR") and ics.rstrip().endswith("END:VCALENDAR")
    _assert_pdf_sound(out / "brief.pdf")


def _assert_pdf_sound(path: Path) -> None:
    from pypdf import PdfReader

    data = path.read_bytes()
    assert data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF"), "brief.pdf is truncated"
    reader = PdfReader(path, strict=True)
    assert len(reader.pages) > 0
    assert reader.pages[0].extract_text().strip()


def assert_archive_sound(path: Path) -> None:
    with contextlib.closing(sqlite3.connect(path)) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("SELECT count(*) FROM articles").fetchone()[0] > 0


# --------------------------------------------------------------------------- kill loops


def _new_article(inbox: Path, number: int) -> None:
    """A fresh article for the folder source, so every killed build has archive rows to write."""
    (inbox / f"fault-{number:04d}.txt").write_text(
        f"title: Harbour crane inspection number {number} finds worn cables\n"
        f"outlet: Fault Harbour Gazette\npublished: {DAY}T0{number % 10}:30:00+03:00\n"
        f"url: https://gazette.example/cranes/{number}\n---\n"
        f"Port engineers said on Tuesday that inspection {number} of the harbour cranes found "
        f"worn cables on {number % 7 + 2} of them.\n\n"
        "The port authority will meet contractors on Thursday to agree a repair schedule, "
        "a spokeswoman said.\n",
        encoding="utf-8",
    )


@pytest.fixture
def inbox_config(tmp_path: Path) -> Path:
    """A config with a folder source (a copy of the samples) and an archive beside it."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for sample in SAMPLES.iterdir():
        if sample.is_file() and not sample.name.lower().startswith("readme"):
            (inbox / sample.name).write_bytes(sample.read_bytes())
    config = tmp_path / "briefings.toml"
    config.write_text(
        '[brief]\ntitle = "Fault Brief"\n\n[archive]\npath = "archive.sqlite"\n\n'
        '[[sources]]\nname = "inbox"\nkind = "folder"\npath = "inbox/"\n',
        encoding="utf-8",
    )
    return config


def _kill_loop(tmp_path: Path, config: Path | None, paths: Path | None = None) -> dict[str, int]:
    out = tmp_path / "out"
    started = time.monotonic()
    def build() -> list[str]:
        return _build_cmd(out, config=config, paths=paths or SAMPLES)

    first = _run(build(), tmp_path)
    build_seconds = time.monotonic() - started
    assert first.returncode == 0, first.stderr
    assert_outputs_sound(out)
    seed = int(os.environ.get("BRIEFINGS_FAULT_SEED", "0") or 0) or random.randrange(10**6)
    rng = random.Random(seed)
    counts = {"killed": 0, "finished": 0}
    for number in range(KILLS):
        if config is not None:
            _new_article(config.parent / "inbox", number)
        # spread the kills over a whole build (and a little past it), so some land while the
        # files are renamed into place and some builds finish: a fixed window would miss the
        # end of the build on a slow machine
        delay = rng.uniform(0, max(MAX_DELAY, 1.2 * build_seconds))
        code, survivors = _kill_after(build(), tmp_path, delay)
        counts["killed" if code is None else "finished"] += 1
        where = f"seed {seed}, run {number}, killed after {delay:.2f} s"
        try:
            assert not survivors, f"processes of the killed run still alive: {survivors}"
            assert code in (None, 0), f"exit {code}"
            assert_outputs_sound(out)
            if config is not None:
                assert_archive_sound(config.parent / "archive.sqlite")
        except AssertionError as exc:
            raise AssertionError(f"{where}: {exc}") from None
    print(f"kill loop ({'config' if config else paths or 'paths'}): {counts}, seed {seed}")
    return counts


def test_killed_build_of_files_leaves_whole_briefs(tmp_path: Path) -> None:
    counts = _kill_loop(tmp_path, None)
    assert counts["killed"] + counts["finished"] == KILLS


def test_killed_build_from_archive_leaves_whole_briefs_and_archive(
    tmp_path: Path, inbox_config: Path
) -> None:
    counts = _kill_loop(tmp_path, inbox_config)
    assert counts["killed"] + counts["finished"] == KILLS
    final = _run(_build_cmd(tmp_path / "out", config=inbox_config), tmp_path)
    assert final.returncode == 0, final.stderr  # the archive still works for the next run
    brief = json.loads((tmp_path / "out" / "brief.json").read_text(encoding="utf-8"))
    assert any(a["outlet"] == "Fault Harbour Gazette" for a in brief["articles"])


def test_killed_build_of_a_big_day_leaves_no_worker_behind(tmp_path: Path) -> None:
    """A day big enough for extraction workers: killing the build (never its workers) must
    end them too, wherever the kill lands; before, they lived on with parent 1."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from corpus import write_day

    from briefings.extract.day import PARALLEL_MIN

    folder = write_day(tmp_path / "day", 2 * PARALLEL_MIN, date.fromisoformat(DAY), seed=20)
    counts = _kill_loop(tmp_path, None, paths=folder)
    assert counts["killed"] + counts["finished"] == KILLS


# --------------------------------------------------------------------------- full and read-only disks


@contextlib.contextmanager
def tmpfs(where: Path, options: str) -> Iterator[Path]:
    """A tmpfs mounted at ``where`` for the block; skips the test when mounting is impossible."""
    where.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root (a tiny or read-only file system is made with mount)")
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)],
                          capture_output=True, text=True)
    if made.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {made.stderr.strip() or made.returncode}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True)


def _assert_one_line_exit_4(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 4, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1, result.stderr
    return errors[0]


OLD_BRIEF = b'{"date": "2025-07-21", "note": "yesterday\'s brief, which must survive"}\n'


def test_full_disk_is_exit_4_and_keeps_the_old_brief(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "disk", "size=300k") as disk:
        (disk / "brief.json").write_bytes(OLD_BRIEF)
        filler = disk / "filler.bin"
        with contextlib.suppress(OSError), filler.open("wb") as handle:
            handle.write(b"\0" * (300 * 1024 - 40 * 1024))  # leave ~40 kB: brief.json needs more
        result = _run(_build_cmd(disk), tmp_path)
        line = _assert_one_line_exit_4(result)
        assert "No space left" in line or "space" in line.lower(), line
        assert (disk / "brief.json").read_bytes() == OLD_BRIEF
        assert not [p.name for p in disk.iterdir() if p.name.endswith(".tmp")]


def test_read_only_output_folder_is_exit_4(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "ro", "size=1m") as folder:
        (folder / "brief.json").write_bytes(OLD_BRIEF)
        remount = subprocess.run(["mount", "-o", "remount,ro", str(folder)],
                                 capture_output=True, text=True)
        if remount.returncode != 0:
            pytest.skip(f"cannot remount read-only: {remount.stderr.strip()}")
        result = _run(_build_cmd(folder), tmp_path)
        line = _assert_one_line_exit_4(result)
        assert "read-only" in line.lower(), line
        assert (folder / "brief.json").read_bytes() == OLD_BRIEF
