"""The folder reader: every format parses, every bad input becomes exactly one Skipped."""

from __future__ import annotations

import json
import os
import sys
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefings.collect import ReadResult, Skipped, parse_published, read_file, read_paths
from briefings.errors import SourceError
from briefings.model import stable_id

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
DATA = Path(__file__).resolve().parent / "data"
CORPUS = Path("/work/shared/corpus")
KYIV = ZoneInfo("Europe/Kyiv")
PLUS3 = timezone(timedelta(hours=3))

TXT_WITH_HEADER = """\
title: Talks resume in Istanbul
outlet: Example Wire
published: 2025-07-22T09:40:00+03:00
url: https://wire.example.com/talks
language: en
source: a note the reader ignores
---
Talks resume in Istanbul

KYIV, July 22 (Wire) — Delegations will meet in Istanbul on Wednesday, officials said.

"We are ready," the negotiator said.
"""

HTML_PAGE = (DATA / "collect" / "courier-drones.html").read_text(encoding="utf-8")
"""An article page of an invented outlet: navigation, share links and a footer around the article."""


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def only_skip(result: ReadResult) -> Skipped:
    assert len(result.skipped) == 1, result.skipped
    return result.skipped[0]


# --------------------------------------------------------------------------- formats


def test_txt_with_header(tmp_path: Path) -> None:
    path = write(tmp_path, "000-talks.txt", TXT_WITH_HEADER)
    [article] = read_file(path, source="inbox")
    assert article.title == "Talks resume in Istanbul"
    assert article.outlet == "Example Wire"
    assert article.url == "https://wire.example.com/talks"
    assert article.id == stable_id("https://wire.example.com/talks")
    assert article.published == datetime(2025, 7, 22, 9, 40, tzinfo=PLUS3)
    assert article.published.utcoffset() == timedelta(hours=3)
    assert article.published_has_time is True
    assert article.language == "en"
    assert article.source == "inbox"
    assert article.name == "000-talks.txt"
    assert article.text.startswith("Talks resume in Istanbul\n\nKYIV, July 22 (Wire)")
    assert article.text.endswith('"We are ready," the negotiator said.')
    assert "source:" not in article.text and "---" not in article.text


def test_txt_date_only_is_midnight_in_default_tz_without_time(tmp_path: Path) -> None:
    header = "title: T one two\npublished: 2026-02-07 (inferred)\n---\n"
    path = write(tmp_path, "a.txt", header + "Body text here.\n")
    [article] = read_file(path, default_tz=KYIV)
    assert article.published == datetime(2026, 2, 7, tzinfo=KYIV)
    assert article.published.utcoffset() == timedelta(hours=2)
    assert article.published_has_time is False


def test_txt_naive_time_is_read_in_default_tz(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", "published: 2025-07-22 08:15\n---\nSome body text.\n")
    [article] = read_file(path, default_tz=KYIV)
    assert article.published == datetime(2025, 7, 22, 8, 15, tzinfo=KYIV)
    assert article.published_has_time is True


def test_txt_without_header_takes_headline_and_keeps_it(tmp_path: Path) -> None:
    text = (
        "News\n\nGlide bomb hits Kramatorsk apartment block\n\n"
        "A bomb hit a building overnight, officials said.\n"
    )
    [article] = read_file(write(tmp_path, "b.txt", text))
    assert article.title == "Glide bomb hits Kramatorsk apartment block"
    assert article.text.startswith("News\n\nGlide bomb hits Kramatorsk")
    assert article.outlet == "unknown"
    assert article.url is None
    assert article.published is None
    assert article.id == stable_id(article.text)


def test_txt_body_opening_with_colon_is_not_a_header(tmp_path: Path) -> None:
    text = "KYIV: Russia attacked the capital overnight.\n---\nMore text follows here.\n"
    [article] = read_file(write(tmp_path, "c.txt", text))
    assert article.text.startswith("KYIV: Russia attacked")
    assert article.published is None


def test_txt_line_endings_and_trailing_spaces_are_normalised(tmp_path: Path) -> None:
    raw = "title: Crlf file title here\r\n---\r\nFirst paragraph.   \r\n\r\nSecond\tparagraph.\r"
    [article] = read_file(write(tmp_path, "d.txt", raw.encode("utf-8")))
    assert article.text == "First paragraph.\n\nSecond\tparagraph."


def test_txt_utf8_bom_is_accepted(tmp_path: Path) -> None:
    raw = "\ufefftitle: Bom title for a file\n---\nЗеленський said so.\n".encode()
    [article] = read_file(write(tmp_path, "e.txt", raw))
    assert article.title == "Bom title for a file"
    assert article.text == "Зеленський said so."


def test_outlet_falls_back_to_url_host(tmp_path: Path) -> None:
    path = write(tmp_path, "f.txt", "url: https://www.news.example.org/a/b?x=1\n---\nText body.\n")
    [article] = read_file(path)
    assert article.outlet == "news.example.org"


def test_unparseable_published_keeps_article_undated(tmp_path: Path) -> None:
    header = "title: Odd date here\npublished: sometime soon\n---\n"
    path = write(tmp_path, "g.txt", header + "Text body.\n")
    result = read_paths([path])
    assert result.skipped == []
    assert result.articles[0].published is None


def test_md_front_matter_and_markdown_to_text(tmp_path: Path) -> None:
    md = (DATA / "collect" / "eu-aid.md").read_text(encoding="utf-8")
    [article] = read_file(write(tmp_path, "eu.md", md), default_tz=KYIV)
    assert article.title == "EU allocates aid"
    assert article.outlet == "Example Monitor"
    assert article.published == datetime(2025, 7, 22, tzinfo=KYIV)
    assert article.published_has_time is False
    assert article.text == (
        "EU allocates aid\n\n"
        "BRUSSELS — The Commission will give another €40 million, officials said.\n\n"
        "Food and shelter\n\nWinter repairs\n\nBackground\n\n"
        "The money adds to earlier pledges."
    )
    assert "http" not in article.text and "*" not in article.text and "#" not in article.text


def test_md_front_matter_datetime_keeps_zone(tmp_path: Path) -> None:
    md = "---\ntitle: T t t\npublished: 2025-07-22T14:05:00+03:00\n---\nBody words.\n"
    [article] = read_file(write(tmp_path, "t.md", md))
    assert article.published == datetime(2025, 7, 22, 14, 5, tzinfo=PLUS3)
    assert article.published_has_time is True


def test_md_without_front_matter_uses_heading(tmp_path: Path) -> None:
    [article] = read_file(write(tmp_path, "h.md", "# Heading as title\n\nBody *text*.\n"))
    assert article.title == "Heading as title"
    assert article.text == "Heading as title\n\nBody text."


def test_html_keeps_body_drops_nav_and_reads_metadata(tmp_path: Path) -> None:
    [article] = read_file(write(tmp_path, "page.html", HTML_PAGE))
    assert article.title == "Drones hit Kyiv"
    assert article.outlet == "Example Courier"
    assert article.url == "https://courier.example.com/kyiv-drones"
    assert article.published == datetime(2025, 7, 22, 11, 30, tzinfo=PLUS3)
    assert article.published_has_time is True
    assert "Russia launched dozens of drones at Kyiv overnight" in article.text
    assert "Air defence units shot down most of the drones" in article.text
    assert "navigation link" not in article.text
    assert "Share on Facebook" not in article.text
    assert "\n\n" in article.text  # paragraphs stay separate
    assert article.name == "page.html"


def test_html_declared_legacy_charset_is_honoured(tmp_path: Path) -> None:
    page = HTML_PAGE.replace('<meta charset="utf-8">', '<meta charset="windows-1251">')
    page = page.replace("Drones hit Kyiv</h1>", "Drones hit Київ</h1>")
    [article] = read_file(write(tmp_path, "cp1251.html", page.encode("cp1251")))
    assert "Київ" in article.text
    undeclared = page.replace('<meta charset="windows-1251">', "").encode("cp1251")
    result = read_paths([write(tmp_path, "plain.html", undeclared)])
    assert only_skip(result).reason.startswith("not valid UTF-8 (byte 0x")


def test_htm_extension_is_read(tmp_path: Path) -> None:
    [article] = read_file(write(tmp_path, "page.htm", HTML_PAGE))
    assert "dozens of drones" in article.text


def test_json_list_names_entries_from_one(tmp_path: Path) -> None:
    items = [
        {"title": "First one here", "outlet": "A", "published": "2025-07-22T10:00:00Z",
         "url": "https://a.example.com/1", "text": "First body."},
        {"title": "Second one here", "published": "Tue, 22 Jul 2025 08:15:00 +0300",
         "url": "https://b.example.com/2", "html": "<p>Second <b>body</b> in HTML.</p>"},
    ]
    articles = read_file(write(tmp_path, "feed.json", json.dumps(items)))
    assert [a.name for a in articles] == ["feed.json#1", "feed.json#2"]
    assert articles[0].published == datetime(2025, 7, 22, 10, tzinfo=UTC)
    assert articles[0].text == "First body."
    assert articles[1].published == datetime(2025, 7, 22, 8, 15, tzinfo=PLUS3)
    assert articles[1].outlet == "b.example.com"
    assert "Second body in HTML." in articles[1].text
    assert "<" not in articles[1].text


def test_json_single_object(tmp_path: Path) -> None:
    path = write(tmp_path, "one.json", json.dumps({"title": "One t t", "text": "Body."}))
    [article] = read_file(path)
    assert article.name == "one.json#1"
    assert article.title == "One t t"


def test_jsonl_bad_line_skips_only_that_line(tmp_path: Path) -> None:
    lines = [
        json.dumps({"title": "Line one ok", "text": "Body one."}),
        '{"title": "broken", "text": ',
        "",
        json.dumps({"title": "Line four ok", "text": "Body four."}),
    ]
    path = write(tmp_path, "news.jsonl", "\n".join(lines) + "\n")
    result = read_paths([path])
    assert [a.title for a in result.articles] == ["Line one ok", "Line four ok"]
    assert [a.name for a in result.articles] == ["news.jsonl#1", "news.jsonl#4"]
    skip = only_skip(result)
    assert skip.path == path
    assert skip.reason.startswith("line 2: invalid JSON")
    assert skip.message() == f"{path}: {skip.reason}"
    # read_file returns the good ones
    assert len(read_file(path)) == 2


def test_jsonl_entry_without_text_is_skipped_by_line(tmp_path: Path) -> None:
    lines = [json.dumps({"title": "No body at all"}), json.dumps({"text": "Has a body."})]
    result = read_paths([write(tmp_path, "x.jsonl", "\n".join(lines))])
    assert len(result.articles) == 1
    assert only_skip(result).reason == "line 1: no article text"


# --------------------------------------------------------------------------- bad inputs


BAD_INPUTS: list[tuple[str, bytes, str]] = [
    ("empty.txt", b"", "empty file"),
    ("blank.md", b"   \n\n  ", "empty file (only whitespace)"),
    ("nul.txt", b"title: x\x00\x01\x02 binary", "binary file (contains NUL bytes)"),
    ("latin1.txt", b"title: ok\n---\nCaf\xe9 text", "not valid UTF-8 (byte 0xe9 at offset 17)"),
    ("ff.txt", b"abcdefghijkl\xff", "not valid UTF-8 (byte 0xff at offset 12)"),
    ("broken.json", b'{"title": "x",\n "text": }',
     "invalid JSON at line 2 column 10: Expecting value"),
    ("number.json", b"42", "JSON must be an object or a list of objects, not a number"),
    ("nolist.json", b"[]", "no articles (the JSON list is empty)"),
    ("header-only.txt", b"title: Only a header\n---\n\n", "no article text"),
    ("punct.md", b"---\ntitle: x\n---\n\n***\n\n---\n", "no article text"),
    ("empty-page.html", b"<html><body><nav><a href='/'>Home page</a></nav></body></html>",
     "no article text"),
    ("bom-only.jsonl", b"\xef\xbb\xbf\n", "empty file (only whitespace)"),
    ("list-of-junk.json", b"[1, 2, 3]", "item 1: expected an object, found a number (and 2 more)"),
    ("all-bad.jsonl", b"{\n[\n", "line 1: invalid JSON at column 2"),
    ("no-text.json", b'{"title": "No body"}', "no article text"),
    ("bad-yaml.md", b"---\ntitle: [unclosed\n---\nBody.\n", "invalid front matter"),
    ("notes.pdf", b"%PDF-1.4", "unsupported file type (.pdf)"),
]


@pytest.mark.parametrize(("name", "content", "reason"), BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_bad_input_gives_one_skip_and_good_file_is_still_read(
    tmp_path: Path, name: str, content: bytes, reason: str
) -> None:
    bad = write(tmp_path, name, content)
    good = write(tmp_path, "good.txt", TXT_WITH_HEADER)
    result = read_paths([bad, good])
    skip = only_skip(result)
    assert skip.path == bad
    assert skip.reason.startswith(reason), skip.reason
    assert "\n" not in skip.reason
    assert [a.name for a in result.articles] == ["good.txt"]
    with pytest.raises(SourceError, match="^" + str(bad).replace("\\", "\\\\")):
        read_file(bad)


def test_read_file_refuses_a_folder(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match=r"is a directory"):
        read_file(tmp_path)


def test_missing_path(tmp_path: Path) -> None:
    result = read_paths([tmp_path / "nope.txt", tmp_path / "missing-folder"])
    assert [s.reason for s in result.skipped] == ["does not exist", "does not exist"]
    assert result.articles == []


def test_broken_symlink(tmp_path: Path) -> None:
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "target.txt")
    write(tmp_path, "ok.txt", TXT_WITH_HEADER)
    result = read_paths([tmp_path])
    assert only_skip(result).reason.startswith("broken symbolic link")
    assert len(result.articles) == 1


def test_file_over_the_limit_is_refused_without_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = tmp_path / "huge.txt"
    with open(big, "wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: no disk used
    write(tmp_path, "ok.txt", TXT_WITH_HEADER)
    opened: dict[str, list[int]] = {}
    real_fdopen = os.fdopen

    class Spy:
        """Wraps the opened file to record every read of it."""

        def __init__(self, handle: object, reads: list[int]) -> None:
            self._handle, self._reads = handle, reads

        def read(self, n: int = -1) -> bytes:
            self._reads.append(n)
            return self._handle.read(n)  # type: ignore[attr-defined]

        def __getattr__(self, name: str) -> object:
            return getattr(self._handle, name)

        def __enter__(self) -> Spy:
            return self

        def __exit__(self, *exc: object) -> None:
            self._handle.close()  # type: ignore[attr-defined]

    def spy_fdopen(fd: int, *args: object, **kwargs: object) -> Spy:
        reads = opened.setdefault(os.readlink(f"/proc/self/fd/{fd}"), [])
        return Spy(real_fdopen(fd, *args, **kwargs), reads)  # type: ignore[arg-type]

    if Path("/proc/self/fd").is_dir():
        monkeypatch.setattr(os, "fdopen", spy_fdopen)
    result = read_paths([tmp_path])
    skip = only_skip(result)
    assert skip.path == big
    assert skip.reason == "file is 52.4 MB, over the 10 MB limit (limits.file_bytes)"
    assert len(result.articles) == 1
    if Path("/proc/self/fd").is_dir():
        assert opened[str(tmp_path / "ok.txt")]  # the spy does see reads...
        assert opened.get(str(big), []) == []  # ...and the big file was never read
    with pytest.raises(SourceError, match="over the 10 MB limit"):
        read_file(big)


def test_max_bytes_is_configurable(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", TXT_WITH_HEADER)
    with pytest.raises(SourceError, match=r"over the 100 bytes limit"):
        read_file(path, max_bytes=100)


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root reads anything")
def test_unreadable_file(tmp_path: Path) -> None:
    locked = write(tmp_path, "locked.txt", TXT_WITH_HEADER)
    locked.chmod(0)
    write(tmp_path, "ok.txt", TXT_WITH_HEADER)
    result = read_paths([tmp_path])
    assert only_skip(result).reason == "permission denied"
    assert len(result.articles) == 1


def test_unreadable_file_when_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Root ignores file modes, so the permission error is simulated at open()."""
    locked = write(tmp_path, "locked.txt", TXT_WITH_HEADER)
    write(tmp_path, "ok.txt", TXT_WITH_HEADER)
    real_open = os.open

    def deny(path: object, flags: int, *args: object, **kwargs: object) -> int:
        if str(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", deny)
    result = read_paths([tmp_path])
    assert only_skip(result) == Skipped(locked, "permission denied")
    assert [a.name for a in result.articles] == ["ok.txt"]


def test_directory_symlink_loop(tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    write(folder, "a.txt", TXT_WITH_HEADER)
    (folder / "sub").mkdir()
    (folder / "sub" / "back").symlink_to(folder, target_is_directory=True)
    result = read_paths([folder])
    skip = only_skip(result)
    assert skip.path == folder / "sub" / "back"
    assert skip.reason.startswith("directory symlink loop")
    assert [a.name for a in result.articles] == ["a.txt"]


def test_self_referencing_symlink(tmp_path: Path) -> None:
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    result = read_paths([loop])
    assert only_skip(result).reason == "symbolic link loop"


def test_fifo_is_refused_not_waited_on(tmp_path: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this platform")
    os.mkfifo(tmp_path / "pipe.txt")
    result = read_paths([tmp_path])
    assert only_skip(result).reason == "not a regular file"


# --------------------------------------------------------------------------- folders


def test_folder_walk_is_sorted_recursive_and_ignores_hidden_and_unknown(tmp_path: Path) -> None:
    write(tmp_path, "b.txt", "title: B b b\n---\nB text.\n")
    write(tmp_path, "a/z.md", "# Z z z\n\nZ text.\n")
    write(tmp_path, "a/y.txt", "title: Y y y\n---\nY text.\n")
    write(tmp_path, ".hidden.txt", "title: H h h\n---\nHidden.\n")
    write(tmp_path, ".git/c.txt", "title: G g g\n---\nHidden folder.\n")
    write(tmp_path, "photo.jpg", b"\xff\xd8\xff")
    write(tmp_path, "README.md", "# About this folder\n\nNot an article.\n")
    result = read_paths([tmp_path])
    assert result.skipped == []
    assert [a.name for a in result.articles] == ["y.txt", "z.md", "b.txt"]


def test_explicit_unknown_extension_is_skipped_but_explicit_hidden_file_is_read(
    tmp_path: Path,
) -> None:
    hidden = write(tmp_path, ".draft.txt", "title: Draft d d\n---\nDraft text.\n")
    other = write(tmp_path, "notes.docx", b"PK\x03\x04")
    result = read_paths([hidden, other])
    assert [a.name for a in result.articles] == [".draft.txt"]
    assert only_skip(result).reason.startswith("unsupported file type (.docx)")


def test_empty_folder_gives_nothing_and_no_skips(tmp_path: Path) -> None:
    assert read_paths([tmp_path]) == ReadResult([], [])


def test_same_file_twice_is_read_once(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", TXT_WITH_HEADER)
    result = read_paths([path, tmp_path])
    assert len(result.articles) == 1


def test_glob_pattern(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", TXT_WITH_HEADER)
    write(tmp_path, "b.md", "# B b b\n\nText.\n")
    result = read_paths([tmp_path / "*.txt", tmp_path / "*.html"])
    assert [a.name for a in result.articles] == ["a.txt"]
    assert only_skip(result).reason == "no files match this pattern"


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("value", "expected", "has_time"),
    [
        ("2025-07-22", datetime(2025, 7, 22, tzinfo=KYIV), False),
        ("2026-02-07 (inferred)", datetime(2026, 2, 7, tzinfo=KYIV), False),
        ("2025-07-22T09:40:00+03:00", datetime(2025, 7, 22, 9, 40, tzinfo=PLUS3), True),
        ("2022-04-19T19:20:49+00:00", datetime(2022, 4, 19, 19, 20, 49, tzinfo=UTC), True),
        ("2025-07-22T06:40:00Z", datetime(2025, 7, 22, 6, 40, tzinfo=UTC), True),
        ("2025-07-22T06:40:00.5+0300", datetime(2025, 7, 22, 6, 40, 0, 500000, tzinfo=PLUS3), True),
        ("Tue, 22 Jul 2025", datetime(2025, 7, 22, tzinfo=KYIV), False),
        ("2025-07-22 08:15", datetime(2025, 7, 22, 8, 15, tzinfo=KYIV), True),
        ("Tue, 22 Jul 2025 08:15:00 +0300", datetime(2025, 7, 22, 8, 15, tzinfo=PLUS3), True),
        ("Tue, 22 Jul 2025 05:15:00 GMT", datetime(2025, 7, 22, 5, 15, tzinfo=UTC), True),
        ("July 22, 2025", datetime(2025, 7, 22, tzinfo=KYIV), False),
        ("2025/07/22", datetime(2025, 7, 22, tzinfo=KYIV), False),
    ],
)
def test_parse_published(value: str, expected: datetime, has_time: bool) -> None:
    parsed, parsed_has_time = parse_published(value, KYIV)
    assert parsed == expected
    assert parsed is not None and parsed.utcoffset() == expected.utcoffset()
    assert parsed_has_time is has_time


@pytest.mark.parametrize(
    "value", ["", "soon", "2025-13-45", "12:30", "yesterday", None, 12345, ["2025-07-22"]]
)
def test_parse_published_unknown_is_none(value: object) -> None:
    assert parse_published(value, UTC)[0] is None


# --------------------------------------------------------------------------- samples and corpus


def test_samples_read_without_skips_and_cover_every_format() -> None:
    result = read_paths([SAMPLES], default_tz=KYIV)
    assert result.skipped == []
    suffixes = {Path(a.name.split("#")[0]).suffix for a in result.articles if a.name}
    assert suffixes == {".txt", ".md", ".html", ".jsonl"}
    assert 6 <= len(result.articles) <= 10
    days = sorted(a.published.date().isoformat() for a in result.articles if a.published)
    assert len(days) == len(result.articles)
    assert days.count("2025-07-21") == 1
    assert set(days) == {"2025-07-21", "2025-07-22"}
    assert any(not a.published_has_time for a in result.articles)
    assert any(a.published_has_time for a in result.articles)
    assert len({a.id for a in result.articles}) == len(result.articles)
    assert len({a.outlet for a in result.articles}) >= 4
    everything = "\n".join(a.text for a in result.articles)
    for needle in ("(Wire) —", "Kramatorsk", "Pokrovsk", "more than 50", "Istanbul on Wednesday",
                   "Thursday and Friday", "29 July", "million", "€", "generators",
                   "Editing by", "Telegram", "newsletter", "Read more", "Photo:", "©"):
        assert needle in everything, needle


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus is not on this machine")
def test_real_corpus_reads_every_article_with_dates() -> None:
    result = read_paths([CORPUS / "articles"])
    assert result.skipped == []
    assert len(result.articles) == 27
    assert all(a.published is not None and a.published.tzinfo is not None for a in result.articles)
    assert all(a.title and a.outlet != "unknown" for a in result.articles)
    first = result.articles[0]
    assert first.name == "000-istanbul-talks.txt"
    assert first.published == datetime(2025, 7, 22, tzinfo=UTC)
    assert first.published_has_time is False
    assert "Istanbul on Wednesday" in first.text
    holdout = read_paths([CORPUS / "holdout"])
    assert holdout.skipped == [] and len(holdout.articles) == 15


# --------------------------------------------------------------------------- robustness


_SUFFIXES = (".txt", ".json", ".jsonl", ".md", ".html")
_SNIPPETS = [
    b"---\n", b"title: x\n", b"published: 2025-07-22\n", b"{", b"}", b"[", b"]", b'"text": "a"',
    b"<p>", b"</p>", b"# ", b"\xff", b"\x00", b"\n", b"\r\n", b"a b c.", b"\xef\xbb\xbf",
    b"\xff\xfe", b"*", b"![x](y)", b":",
]  # fmt: skip
_BYTES = st.one_of(
    st.binary(max_size=400),
    st.lists(st.sampled_from(_SNIPPETS), max_size=30).map(b"".join),
    st.text(max_size=300).map(lambda s: s.encode("utf-8")),
)


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(content=_BYTES, suffix=st.sampled_from(_SUFFIXES))
def test_arbitrary_bytes_give_articles_or_source_error(
    tmp_path: Path, content: bytes, suffix: str
) -> None:
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(content)
    try:
        articles = read_file(path)
    except SourceError as exc:
        assert str(exc).startswith(f"{path}: ")
        assert "\n" not in str(exc)
    else:
        assert articles
        assert all(a.text.strip() and a.title for a in articles)
    result = read_paths([path])
    assert result.articles or result.skipped
