"""The command line end to end: briefs from the samples, bad input, exit codes, messages."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefings.cli import app

SAMPLES = Path(__file__).resolve().parent.parent / "samples"

runner = CliRunner()
DAY = "2025-07-22"


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def good_article(folder: Path, name: str = "good.txt") -> Path:
    path = folder / name
    path.write_text(
        "title: Talks set for Istanbul\noutlet: Test Wire\npublished: 2025-07-22\n---\n"
        "Ukraine and Russia will hold a new round of peace talks in Istanbul on Wednesday, "
        "the Ukrainian president said.\n\nA drone strike hit an apartment block in Kharkiv overnight, "
        "killing two people, regional officials said.\n\nFollow us on X for more updates.\n",
        encoding="utf-8",
    )
    return path


@pytest.fixture(scope="module")
def sample_brief(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("brief")
    result = run("build", str(SAMPLES), "--date", DAY, "--out", str(out))
    assert result.exit_code == 0, result.output + result.stderr
    return out


def test_build_writes_every_format_from_the_samples(sample_brief):
    for name in ("brief.html", "brief.pdf", "brief.json", "looking-ahead.ics"):
        assert (sample_brief / name).stat().st_size > 0, name
    data = json.loads((sample_brief / "brief.json").read_text(encoding="utf-8"))
    assert data["date"] == DAY
    assert [s["key"] for s in data["sections"]][:3] == ["diplomacy", "strikes", "aid"]
    assert data["key_points"], "the samples have key points"
    assert data["stats"]["articles"] >= 5
    assert data["stats"]["out_of_window"] >= 1, "the sample from 21 July is not in the 22 July brief"
    assert all(e["start"] > DAY for e in data["looking_ahead"])


def test_no_boilerplate_reaches_the_brief(sample_brief):
    data = json.loads((sample_brief / "brief.json").read_text(encoding="utf-8"))
    texts = [f["text"] for s in data["sections"] for f in s["facts"] + s["more_facts"]]
    texts += [k["text"] for k in data["key_points"]]
    for text in texts:
        lowered = text.lower()
        for promo in ("follow us", "sign up", "newsletter", "reporting by", "all rights reserved", "read more"):
            assert promo not in lowered, text


def test_pdf_reads_back_with_the_facts(sample_brief):
    from pypdf import PdfReader

    data = json.loads((sample_brief / "brief.json").read_text(encoding="utf-8"))
    reader = PdfReader(sample_brief / "brief.pdf")
    text = " ".join(page.extract_text() for page in reader.pages)
    flat = " ".join(text.split())
    first_fact = data["sections"][0]["facts"][0]["text"]
    assert " ".join(first_fact.split()[:5]) in flat
    assert "Key points" in flat or "KEY POINTS" in flat.upper()
    assert "Sources" in flat or "SOURCES" in flat.upper()


def test_default_output_folder_is_reports_of_the_day(tmp_path):
    good_article(tmp_path)
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        result = run("build", "good.txt", "--date", DAY, "--format", "json")
    finally:
        os.chdir(cwd)
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "reports" / DAY / "brief.json").is_file()
    assert not (tmp_path / "reports" / DAY / "brief.pdf").exists()


def test_format_is_validated(tmp_path):
    good_article(tmp_path)
    result = run("build", str(tmp_path), "--date", DAY, "--format", "html,docx")
    assert result.exit_code == 2
    assert result.stderr.strip() == "Error: --format: unknown format 'docx'; choose from html, pdf, json, ics"


def test_bad_date_is_a_usage_error(tmp_path):
    good_article(tmp_path)
    result = run("build", str(tmp_path), "--date", "the day after never")
    assert result.exit_code == 2
    assert "--date: cannot read 'the day after never'" in result.stderr


def test_bad_config_names_file_and_key(tmp_path):
    good_article(tmp_path)
    config = tmp_path / "briefings.toml"
    config.write_text('[brief]\ntimezone = "Nowhere/Land"\n')
    result = run("build", str(tmp_path / "good.txt"), "--date", DAY, "--config", str(config))
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: briefings.toml: brief.timezone: unknown time zone")


def test_empty_folder_is_nothing_to_brief(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run("build", str(empty), "--date", DAY, "--out", str(tmp_path / "out"))
    assert result.exit_code == 3
    assert result.stderr.strip() == "Error: nothing to brief: no article files found"
    assert not (tmp_path / "out").exists()


def test_articles_outside_the_day_are_nothing_to_brief(tmp_path):
    good_article(tmp_path)
    result = run("build", str(tmp_path), "--date", "2025-07-20", "--out", str(tmp_path / "out"))
    assert result.exit_code == 3
    assert "none of the 1 articles read was published between" in result.stderr


BAD_FILES = {
    "empty.txt": b"",
    "binary.txt": b"\x00\x01\x02PNG\x00\x00" * 50,
    "latin1.txt": "title: Caf\u00e9\n---\nUn caf\u00e9 tr\u00e8s fort.\n".encode("latin-1"),
    "broken.json": b'{"title": "x", "text": ',
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_one_bad_file_is_named_and_the_rest_is_briefed(tmp_path, name):
    good_article(tmp_path)
    (tmp_path / name).write_bytes(BAD_FILES[name])
    out = tmp_path / "out"
    result = run("build", str(tmp_path), "--date", DAY, "--out", str(out), "--format", "json")
    assert result.exit_code == 1
    warnings = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(warnings) == 1, result.stderr
    assert str(tmp_path / name) in warnings[0]
    assert "Traceback" not in result.stderr
    assert json.loads((out / "brief.json").read_text())["stats"]["articles"] == 1


def test_a_huge_file_is_refused_without_reading_it(tmp_path):
    good_article(tmp_path)
    with open(tmp_path / "huge.txt", "wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    result = run("build", str(tmp_path), "--date", DAY, "--out", str(tmp_path / "out"), "--format", "json")
    assert result.exit_code == 1
    assert "huge.txt" in result.stderr and "MB" in result.stderr


def test_a_missing_path_alone_is_nothing_to_brief(tmp_path):
    missing = tmp_path / "nope"
    result = run("build", str(missing), "--date", DAY)
    assert result.exit_code == 3
    assert str(missing) in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unwritable_output_folder_is_exit_4(tmp_path):
    good_article(tmp_path)
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = run("build", str(tmp_path / "good.txt"), "--date", DAY, "--out", str(blocker / "sub"), "--format", "json")
    assert result.exit_code == 4
    assert result.stderr.startswith("Error: ") and "file" in result.stderr


def test_extract_prints_the_contract(tmp_path):
    good_article(tmp_path)
    result = run("extract", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["index"] for r in records] == list(range(len(records)))
    assert {r["article"] for r in records} == {"good.txt"}
    for record in records:
        assert set(record) >= {"article", "index", "text", "label", "also", "dates"}
    labels = {r["text"][:20]: r["label"] for r in records}
    assert labels["Follow us on X for m"] == "boilerplate"
    assert "diplomacy" in labels.values() and "strikes" in labels.values()


def test_the_installed_command_runs_and_prints_no_traceback(tmp_path):
    """The console script itself (a fresh process), not only the Typer app."""
    good_article(tmp_path)
    (tmp_path / "broken.jsonl").write_text('{"title": "a", "text": "Talks began."}\n{oops\n')
    result = subprocess.run(
        [sys.executable, "-m", "briefings", "build", str(tmp_path), "--date", DAY,
         "--out", str(tmp_path / "out"), "--format", "json"],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 1, result.stderr
    assert "broken.jsonl" in result.stderr and "line 2" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout.splitlines()[-1].startswith(f"Brief for {DAY}: 2 articles")


def test_the_result_line_counts_in_words_a_person_reads(tmp_path):
    good_article(tmp_path)
    result = run("build", str(tmp_path), "--date", DAY, "--out", str(tmp_path / "out"), "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert re.match(rf"Brief for {DAY}: 1 article, \d+ facts → ", result.stdout.splitlines()[-1]), result.stdout


@pytest.mark.parametrize("day", ["12/07/2025", "2025-13-01"])
def test_a_numeric_date_that_is_not_iso_is_refused_naming_the_form(tmp_path, day):
    result = runner.invoke(app, ["build", str(SAMPLES), "--date", day, "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "expected YYYY-MM-DD" in result.stderr
    assert not (tmp_path / "brief.json").exists()


def test_yesterday_is_read_in_the_configured_timezone(tmp_path):
    """Run at any hour, 'yesterday' in a zone 14 hours ahead of UTC is the day before that
    zone's today, which is the folder the build writes to."""
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    config = tmp_path / "briefings.toml"
    config.write_text('[brief]\ntimezone = "Pacific/Kiritimati"\n', encoding="utf-8")
    before = datetime.now(ZoneInfo("Pacific/Kiritimati")).date() - timedelta(days=1)
    result = runner.invoke(app, ["build", str(SAMPLES), "--config", str(config), "--date", "yesterday",
                                 "--format", "json"])
    after = datetime.now(ZoneInfo("Pacific/Kiritimati")).date() - timedelta(days=1)
    assert result.exit_code == 3, result.output  # the samples are of 2025: nothing that day
    assert any(str(d) in result.stderr for d in {before, after})


def test_extract_decides_sections_with_the_configured_classifier(tmp_path):
    """`extract` shows what a build would decide: the config's classifier, not always the lexicon."""
    from briefings.collect import read_paths
    from briefings.config import default_config
    from briefings.extract import extract_article

    def decisions(*extra: str) -> list[tuple[str, float]]:
        result = runner.invoke(app, ["extract", str(SAMPLES), "--date", "2025-07-22", *extra])
        assert result.exit_code == 0, result.stderr
        return [(r["label"], r["score"]) for r in map(json.loads, result.stdout.splitlines())]

    config = tmp_path / "briefings.toml"
    config.write_text('[extract]\nclassifier = "cues"\n', encoding="utf-8")
    taxonomy = default_config().taxonomy
    lexicon = [(f.section, f.score) for a in read_paths([SAMPLES]).articles for f in extract_article(a, taxonomy)]
    assert decisions("--config", str(config)) == lexicon
    assert decisions() != lexicon  # the default, learned classifier scores (at least) otherwise
