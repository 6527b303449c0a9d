"""``[limits]``: each limit, when hit, is reported in one line naming its key; when not hit,
nothing changes. The config table is validated like the others (file and key named)."""

from __future__ import annotations

import json
import logging
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from briefings.archive import Archive
from briefings.collect import read_file, read_paths
from briefings.collect.sources import SourceSpec, collect_sources
from briefings.config import LimitsTable, Settings, load_config
from briefings.errors import ConfigError, SourceError
from briefings.extract import extract_article
from briefings.limits import (
    DEFAULT_ARTICLES,
    DEFAULT_JSON_DEPTH,
    DEFAULT_SENTENCE_CHARS,
    Deadline,
    apply_article_limit,
    cut_text,
    json_too_deep,
)
from briefings.taxonomy import load_default_taxonomy
from factories import make_article
from feed_server import SLOW_PAGE_SECONDS, LoopbackServer

BODY = (
    "The harbour authority voted on Monday to restore the night ferry to the island.\n\n"
    "Board members said a leased catamaran would run four crossings each night from September."
)


# --------------------------------------------------------------------------- config


def _config(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "briefings.toml"
    path.write_text(body, encoding="utf-8")
    return path


def test_limits_have_documented_defaults() -> None:
    limits = Settings().limits
    assert limits == LimitsTable()
    assert (limits.file_bytes, limits.articles, limits.sentence_chars) == (10_000_000, 20_000, 3_000)
    assert (limits.source_seconds, limits.json_depth) == (300, 64)
    assert (DEFAULT_ARTICLES, DEFAULT_SENTENCE_CHARS, DEFAULT_JSON_DEPTH) == (20_000, 3_000, 64)
    for name, field in LimitsTable.model_fields.items():
        assert field.metadata, f"{name} has no bounds"


def test_limits_are_read_from_the_config(tmp_path: Path) -> None:
    config = load_config(_config(tmp_path, "[limits]\narticles = 50\nsource_seconds = 2.5\njson_depth = 8\n"))
    assert config.settings.limits.articles == 50
    assert config.settings.limits.source_seconds == 2.5
    assert config.settings.limits.json_depth == 8
    assert config.settings.limits.sentence_chars == 3_000
    assert config.warnings == ()


@pytest.mark.parametrize(
    ("body", "key"),
    [
        ("articles = 0", "limits.articles"),
        ("articles = 'many'", "limits.articles"),
        ("file_bytes = -1", "limits.file_bytes"),
        ("sentence_chars = 10", "limits.sentence_chars"),
        ("source_seconds = 0", "limits.source_seconds"),
        ("source_seconds = 1e9", "limits.source_seconds"),
        ("json_depth = 100000", "limits.json_depth"),
    ],
)
def test_bad_limits_name_file_and_key(tmp_path: Path, body: str, key: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_config(_config(tmp_path, f"[limits]\n{body}\n"))
    message = str(caught.value)
    assert message.startswith(f"briefings.toml: {key}: ")
    assert "\n" not in message


def test_unknown_limit_is_a_warning(tmp_path: Path) -> None:
    config = load_config(_config(tmp_path, "[limits]\narticle = 5\n"))
    assert config.warnings == ("briefings.toml: limits.article: unknown key, ignored (did you mean 'articles'?)",)


def test_example_config_documents_every_limit() -> None:
    example = Path(__file__).resolve().parent.parent / "briefings/data/briefings.example.toml"
    text = example.read_text(encoding="utf-8")
    assert "# [limits]" in text
    for name in LimitsTable.model_fields:
        assert f"# {name} = " in text


# --------------------------------------------------------------------------- articles per build


def test_article_limit_not_hit_changes_nothing() -> None:
    articles = [make_article(name=f"{n}.txt", text=BODY, published=None) for n in range(3)]
    kept, dropped = apply_article_limit(articles, 3)
    assert (kept, dropped) == (articles, 0)
    assert kept is not articles


def test_article_limit_keeps_the_newest_in_their_order() -> None:
    day = datetime(2025, 7, 22, tzinfo=UTC)
    articles = [
        make_article(name="undated.txt", text=BODY, published=None),
        make_article(name="old.txt", text=BODY, published=day - timedelta(days=2)),
        make_article(name="new.txt", text=BODY, published=day),
        make_article(name="mid.txt", text=BODY, published=day - timedelta(hours=5)),
        make_article(name="undated2.txt", text=BODY, published=None),
    ]
    kept, dropped = apply_article_limit(articles, 2)
    assert [a.name for a in kept] == ["new.txt", "mid.txt"]
    assert dropped == 3
    kept, dropped = apply_article_limit(articles, 4)
    assert [a.name for a in kept] == ["undated.txt", "old.txt", "new.txt", "mid.txt"]  # first undated kept
    assert dropped == 1
    assert apply_article_limit(articles, 0) == ([], 5)


# --------------------------------------------------------------------------- file size


def test_file_over_the_size_limit_is_skipped_and_others_read(tmp_path: Path) -> None:
    (tmp_path / "small.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "big.txt").write_text(BODY * 20, encoding="utf-8")
    result = read_paths([tmp_path], max_bytes=1_000)
    assert [a.name for a in result.articles] == ["small.txt"]
    [skip] = result.skipped
    assert skip.path.name == "big.txt"
    assert "over the 1 kB limit" in skip.reason and "\n" not in skip.message()


def test_folder_source_uses_the_file_limit(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "small.txt").write_text(BODY, encoding="utf-8")
    (inbox / "big.txt").write_text(BODY * 20, encoding="utf-8")
    spec = SourceSpec("inbox", "folder", path=inbox)
    with Archive(tmp_path / "archive.sqlite") as archive:
        [default] = collect_sources([spec], archive)
    with Archive(tmp_path / "archive2.sqlite") as archive:
        [limited] = collect_sources([spec], archive, file_bytes=1_000)
    assert (default.added, default.warnings) == (2, [])
    assert limited.added == 1 and limited.ok
    assert len(limited.warnings) == 1 and "over the 1 kB limit" in limited.warnings[0]


# --------------------------------------------------------------------------- sentence length


def test_cut_text_ends_at_a_word_boundary() -> None:
    text = "word " * 100
    cut = cut_text(text, 52)
    assert len(cut) <= 52 and cut.endswith("word…")
    assert cut_text("short", 52) == "short"
    assert cut_text("x" * 100, 10) == "x" * 9 + "…"  # one long "word": cut inside it


def test_long_sentence_is_cut_and_reported(caplog: pytest.LogCaptureFixture) -> None:
    long = "The council said " + "that the ferry would run again " * 200 + "in September."
    article = make_article(text=BODY + "\n\n" + long, name="long.txt", published=None)
    taxonomy = load_default_taxonomy()
    with caplog.at_level(logging.WARNING, logger="briefings.extract"):
        facts = extract_article(article, taxonomy, max_sentence_chars=500)
    plain = extract_article(article, taxonomy)
    assert len(facts) == len(plain)
    cut = facts[-1]
    assert len(cut.text) <= 500 and cut.text.endswith("…")
    assert long.startswith(cut.text[:-1])
    assert long[len(cut.text) - 1] == " "  # at a word boundary
    assert (cut.start, cut.end) == (plain[-1].start, plain[-1].end)  # still spans the unit
    assert [f.text for f in facts[:-1]] == [f.text for f in plain[:-1]]
    [record] = [r for r in caplog.records if r.name == "briefings.extract"]
    message = record.getMessage()
    assert "long.txt" in message and f"unit {cut.index}" in message
    assert "limits.sentence_chars" in message and "500" in message and "\n" not in message


def test_sentence_limit_not_hit_changes_nothing(caplog: pytest.LogCaptureFixture) -> None:
    article = make_article(text=BODY, name="a.txt", published=datetime(2025, 7, 22, tzinfo=UTC))
    taxonomy = load_default_taxonomy()
    with caplog.at_level(logging.WARNING, logger="briefings.extract"):
        limited = extract_article(article, taxonomy, max_sentence_chars=DEFAULT_SENTENCE_CHARS)
    assert limited == extract_article(article, taxonomy)
    assert not [r for r in caplog.records if r.name == "briefings.extract"]


# --------------------------------------------------------------------------- JSON depth


def _nested(depth: int) -> str:
    """An article object whose ``extra`` value makes the whole ``depth`` levels deep."""
    return '{"title": "Deep", "text": ' + json.dumps(BODY) + ', "extra": ' + "[" * (depth - 1) + "]" * (depth - 1) + "}"


def test_json_depth_is_measured_without_recursion() -> None:
    value: list = []
    for _ in range(100_000):
        value = [value]
    assert json_too_deep(value, 64)
    assert not json_too_deep(value, 200_000)
    assert not json_too_deep({"a": [1, {"b": 2}]}, 3)
    assert json_too_deep({"a": [1, {"b": []}]}, 3)
    assert not json_too_deep("text", 1)


@pytest.mark.parametrize("depth", [65, 5_000])
def test_json_nested_too_deep_is_refused_naming_the_limit(tmp_path: Path, depth: int) -> None:
    path = tmp_path / "deep.json"
    path.write_text(_nested(depth), encoding="utf-8")
    [skip] = read_paths([path]).skipped
    assert skip.reason == "JSON nested deeper than 64 levels (limits.json_depth)"
    with pytest.raises(SourceError, match=r"limits\.json_depth"):
        read_file(path)


def test_json_depth_not_hit_reads_as_before(tmp_path: Path) -> None:
    path = tmp_path / "ok.json"
    path.write_text(_nested(64), encoding="utf-8")
    [article] = read_file(path)
    assert article.text == BODY
    with pytest.raises(SourceError, match=r"deeper than 10 levels \(limits\.json_depth\)"):
        read_file(path, json_depth=10)


def test_jsonl_deep_line_costs_only_itself(tmp_path: Path) -> None:
    good = json.dumps({"title": "Ferry", "text": BODY})
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join([good, _nested(100), _nested(5_000), good]), encoding="utf-8")
    result = read_paths([path])
    assert [a.name for a in result.articles] == ["feed.jsonl#1", "feed.jsonl#4"]
    assert [s.reason for s in result.skipped] == [
        "line 2: JSON nested deeper than 64 levels (limits.json_depth)",
        "line 3: JSON nested deeper than 64 levels (limits.json_depth)",
    ]


# --------------------------------------------------------------------------- time per source


@pytest.fixture(scope="module")
def server():
    srv = LoopbackServer()
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()


def test_slow_item_pages_are_cut_by_the_source_deadline(server, tmp_path: Path) -> None:
    spec = SourceSpec("slowpages", "feed", url=server.base + "/slowpages.xml", timeout=20)
    with Archive(tmp_path / "archive.sqlite") as archive:
        started = time.monotonic()
        [result] = collect_sources([spec], archive, source_seconds=1.0)
        elapsed = time.monotonic() - started
        status = {s.name: s for s in archive.source_status()}["slowpages"]
        assert archive.count() == 6  # every item kept, with the feed's text
    # six pages of 3 s, two at a time: 9 s without the deadline, 20 s per-request timeout
    assert elapsed < SLOW_PAGE_SECONDS, elapsed
    assert result.added == 6
    assert result.error is not None and "\n" not in result.error
    assert result.error.startswith("took over 1 s (limits.source_seconds); stopped")
    assert "item pages not fetched" in result.error
    assert result.warnings == []  # one line for the limit, not one per page
    assert status.last_error == result.error


def test_slow_page_source_is_cut_by_its_own_seconds(server, tmp_path: Path) -> None:
    spec = SourceSpec("page", "page", url=server.base + "/slowpage/9", timeout=20, seconds=0.5)
    with Archive(tmp_path / "archive.sqlite") as archive:
        started = time.monotonic()
        [result] = collect_sources([spec], archive, source_seconds=100)
        elapsed = time.monotonic() - started
    assert elapsed < 2, elapsed
    assert result.message() == f"page: {server.base}/slowpage/9: took over 0.5 s (limits.source_seconds); stopped"


def test_source_deadline_not_hit_changes_nothing(server, tmp_path: Path) -> None:
    spec = SourceSpec("rss", "feed", url=server.base + "/rss.xml")
    with Archive(tmp_path / "a.sqlite") as archive:
        [plain] = collect_sources([spec], archive)
    with Archive(tmp_path / "b.sqlite") as archive:
        [limited] = collect_sources([spec], archive, source_seconds=60)
    assert plain.ok and limited.ok
    assert (limited.added, limited.warnings) == (plain.added, plain.warnings) == (3, [])


def test_folder_source_stops_reading_after_its_deadline(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    stopped = read_paths([tmp_path], deadline=Deadline(0))
    assert stopped.articles == [] and stopped.stopped == "took over 0 s (limits.source_seconds); stopped"
    assert read_paths([tmp_path], deadline=Deadline(60)).stopped is None


def test_a_build_over_the_article_limit_briefs_the_newest_and_says_so(tmp_path):
    """limits.articles wired into the build: the newest articles are briefed, one warning
    names the limit, and the exit code stays 0 (nothing failed)."""
    from typer.testing import CliRunner

    from briefings.cli import app

    for hour in range(4):
        (tmp_path / f"a{hour}.txt").write_text(
            f"title: Ferry timetable {hour}\noutlet: Desk Wire {hour}\n"
            f"published: 2025-07-22T0{hour + 5}:00:00+00:00\n---\n"
            f"The ferry company changed timetable number {hour} on the island route, officials said.\n",
            encoding="utf-8",
        )
    config = tmp_path / "briefings.toml"
    config.write_text("[limits]\narticles = 2\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["build", str(tmp_path), "--date", "2025-07-22", "--config", str(config),
                                      "--format", "json", "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.strip() == "Warning: limits.articles: 2 articles over the limit of 2 were not briefed"
    import json

    brief = json.loads((tmp_path / "out" / "brief.json").read_text(encoding="utf-8"))
    assert sorted(a["title"] for a in brief["articles"]) == ["Ferry timetable 2", "Ferry timetable 3"]
