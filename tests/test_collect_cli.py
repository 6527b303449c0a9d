"""`briefings init`, `collect`, `sources` and `build` from the archive, as cron runs them; and
the README's crontab lines, run as written against a test config."""

from __future__ import annotations

import json
import re
import shutil
import socket
from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefings.cli import app

runner = CliRunner()
ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
DAY = "2025-07-22"

FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Harbour Gazette</title><link>https://gazette.example/</link>
<item><title>Port reopens after drone strike</title><link>https://gazette.example/port?utm_source=rss</link>
<pubDate>Tue, 22 Jul 2025 09:30:00 +0300</pubDate>
<description>The port of Izmail reopened on Tuesday after a drone strike damaged a grain terminal overnight, regional officials said. Loading of grain ships resumed in the afternoon, the port authority said. Insurers said premiums for the route would rise again next week.</description></item>
</channel></rss>"""


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    """A desk folder made by `briefings init`, with an inbox of samples and a local feed file."""
    result = runner.invoke(app, ["init", str(tmp_path)])
    assert result.exit_code == 0, result.stderr
    shutil.copytree(SAMPLES, tmp_path / "inbox", ignore=shutil.ignore_patterns("README.md"), dirs_exist_ok=True)
    (tmp_path / "gazette.xml").write_text(FEED, encoding="utf-8")
    config = tmp_path / "briefings.toml"
    config.write_text(
        config.read_text(encoding="utf-8")
        + '\n[[sources]]\nname = "gazette"\nkind = "feed"\npath = "gazette.xml"\n',
        encoding="utf-8",
    )
    return tmp_path


def test_init_writes_a_working_config_and_the_theme_and_never_overwrites(tmp_path):
    first = runner.invoke(app, ["init", str(tmp_path)])
    assert first.exit_code == 0
    assert (tmp_path / "briefings.toml").is_file()
    assert (tmp_path / "templates" / "default" / "brief.css").is_file()
    again = runner.invoke(app, ["init", str(tmp_path)])
    assert again.exit_code == 2 and "already exists" in again.stderr


def test_collect_then_build_from_the_archive(desk):
    config = str(desk / "briefings.toml")
    first = runner.invoke(app, ["collect", "--config", config])
    assert first.exit_code == 0, first.stderr
    added = int(re.search(r"(\d+) new articles", first.stdout).group(1))
    assert added >= 10  # the samples plus the feed item
    second = runner.invoke(app, ["collect", "--config", config])
    assert second.exit_code == 0 and " 0 new articles" in second.stdout
    built = runner.invoke(app, ["build", "--config", config, "--date", DAY, "--format", "json"])
    assert built.exit_code == 0, built.stderr
    brief = json.loads((desk / "reports" / DAY / "brief.json").read_text(encoding="utf-8"))
    outlets = {a["outlet"] for a in brief["articles"]}
    assert "Harbour Gazette" in outlets
    assert any(a["url"] == "https://gazette.example/port" for a in brief["articles"])
    assert brief["stats"]["articles"] < added, "the 21 July sample is not in the 22 July brief"


def test_one_failing_source_is_named_and_the_others_are_collected(desk):
    config = desk / "briefings.toml"
    config.write_text(
        config.read_text(encoding="utf-8")
        + f'\n[[sources]]\nname = "down"\nkind = "feed"\nurl = "http://127.0.0.1:{closed_port()}/rss"\ntimeout = 2\nretries = 0\n',
        encoding="utf-8",
    )
    result = runner.invoke(app, ["collect", "--config", str(config)])
    assert result.exit_code == 1
    warnings = [line for line in result.stderr.splitlines() if line.startswith("Warning:")]
    assert len(warnings) == 1 and warnings[0].startswith("Warning: down: ")
    # anything else is a note of another source (here the gazette's item page cannot be
    # fetched, so its summary is kept)
    others = [line for line in result.stderr.splitlines() if line.strip() and not line.startswith("Warning:")]
    assert all(line.startswith("Note: gazette: ") for line in others), others
    assert "Collected 2 of 3 sources" in result.stdout
    listing = runner.invoke(app, ["sources", "--config", str(config)])
    assert listing.exit_code == 0
    rows = {line.split(" ")[0]: line for line in listing.stdout.splitlines()}
    assert "last success never" in rows["down"] and "last error" in rows["down"]
    assert "last success 20" in rows["inbox"] and "articles" in rows["inbox"]


def test_collect_one_source_and_unknown_source(desk):
    config = str(desk / "briefings.toml")
    only = runner.invoke(app, ["collect", "--config", config, "--source", "gazette"])
    assert only.exit_code == 0 and "Collected 1 of 1 sources: 1 new" in only.stdout
    unknown = runner.invoke(app, ["collect", "--config", config, "--source", "nope"])
    assert unknown.exit_code == 2
    assert unknown.stderr.strip() == "Error: --source 'nope': no such source (configured: inbox, gazette)"


def test_build_without_paths_or_sources_is_a_usage_error(tmp_path):
    result = runner.invoke(app, ["build", "--date", DAY])
    assert result.exit_code == 2
    assert "no article paths given and no [[sources]] configured" in result.stderr


@pytest.mark.parametrize(
    "table, message",
    [
        ('name = "x"\nkind = "feed"\nurl = "ftp://example.org/rss"',
         "briefings.toml: sources[0].url: expected an http(s) URL, got 'ftp://example.org/rss'"),
        ('name = "x"\nkind = "folder"', "briefings.toml: sources[0]: source 'x': a folder source needs path"),
    ],
)
def test_bad_sources_name_the_key(tmp_path, table, message):
    config = tmp_path / "briefings.toml"
    config.write_text(f"[[sources]]\n{table}\n", encoding="utf-8")
    result = runner.invoke(app, ["collect", "--config", str(config)])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"Error: {message}"


def readme_cron_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```crontab\n(.*?)```", text, re.S).group(1)
    commands = []
    for line in block.splitlines():
        if line.strip() and not line.startswith("#"):
            command = line.split(None, 5)[5]
            commands.append(command.split(".venv/bin/briefings ", 1)[1])
    return commands


def test_the_readme_crontab_lines_run_as_written(desk, start_server, monkeypatch):
    """The crontab of the README, run against a desk config with a real SMTP server: hourly
    collect, then the 06:30 build --send. `yesterday` is replaced by the samples' day."""
    from smtp_helpers import Recorder

    recorder = Recorder()
    port = start_server(recorder)
    config = desk / "briefings.toml"
    config.write_text(
        config.read_text(encoding="utf-8")
        + f'\n[email]\nto = ["desk@example.org"]\nsender = "briefs@example.org"\nhost = "127.0.0.1"\n'
        f'port = {port}\nsecurity = "plain"\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(desk)
    commands = readme_cron_commands()
    assert [c.split()[0] for c in commands] == ["collect", "build"]
    for command in commands:
        args = command.replace("yesterday", DAY).split()
        result = runner.invoke(app, args)
        assert result.exit_code == 0, (command, result.stderr)
        assert result.stdout == "" and result.stderr == "", "--quiet: cron mails nothing on a good run"
    assert len(recorder.received) == 1


def test_collect_says_each_dropped_item_and_each_source_warning(desk: Path):
    """An item with no text anywhere (no summary, no page) is counted and said in one line for
    its source; a file the folder source skipped is said too; neither fails the run."""
    headline_only = FEED.replace("</channel>", "<item><title>Watch live</title>"
                                               "<pubDate>Tue, 22 Jul 2025 10:00:00 +0300</pubDate></item></channel>")
    (desk / "gazette.xml").write_text(headline_only, encoding="utf-8")
    (desk / "inbox" / "broken.json").write_text("{not json", encoding="utf-8")
    result = runner.invoke(app, ["collect", "--config", str(desk / "briefings.toml")])
    assert result.exit_code == 0, result.stderr
    lines = result.stderr.splitlines()
    assert any(line.startswith("Warning: gazette: 1 item dropped") for line in lines), lines
    assert any(line.startswith("Note: inbox: ") and "broken.json" in line for line in lines), lines
    status = runner.invoke(app, ["sources", "--config", str(desk / "briefings.toml")])
    gazette = next(line for line in status.stdout.splitlines() if line.startswith("gazette"))
    assert "last collect: 1 item dropped" in gazette and "(1 dropped in all)" in gazette
