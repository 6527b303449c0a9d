"""Fuzzing the doors hostile input comes through: every file reader, the feed parser, the
config loader and the date resolver (issue 8).

Articles come from the open web and configs are typed by people, so each entry point must
answer random or malformed input with a result or with one clear line (a ``BriefingsError``
subclass the CLI prints as ``Error: ...``), never with a traceback. Random bytes alone rarely
get past the first check, so most strategies here are structured: valid JSON with the wrong
types, YAML front matter with alias bombs, HTML nested thousands deep, feeds with absurd dates,
valid TOML whose values have the wrong type.

CI runs a bounded number of examples per test (the whole file stays well under 30 s);
``make fuzz`` sets ``BRIEFINGS_FUZZ_EXAMPLES`` for a long campaign. Cases the campaign found
are kept below as explicit ``@example``s or plain tests, so they never come back.
"""

from __future__ import annotations

import json
import os
import tempfile
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from briefings.collect import read_file
from briefings.collect.feeds import FeedError, collect_feed
from briefings.config import load_config
from briefings.errors import BriefingsError, ConfigError, SourceError
from briefings.extract.dates import find_dates
from briefings.model import Article, DateMention

_CAMPAIGN = int(os.environ.get("BRIEFINGS_FUZZ_EXAMPLES", "0") or 0)


def fuzz_settings(ci_examples: int) -> Any:
    """``ci_examples`` in CI; the campaign's count when ``BRIEFINGS_FUZZ_EXAMPLES`` is set.

    No deadline: the first example of a reader pays for lazy imports (trafilatura, PyYAML),
    and a slow example is not a failure here; a hang is what pytest-timeout catches.
    """
    return settings(
        max_examples=_CAMPAIGN or ci_examples,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                               HealthCheck.filter_too_much],
        derandomize=not _CAMPAIGN,  # CI: the same examples every run; a campaign explores
    )


def _write(suffix: str, content: bytes | str) -> Path:
    """A fresh file per example (hypothesis reruns a test body many times in one tmp_path)."""
    data = content.encode("utf-8", "surrogatepass") if isinstance(content, str) else content
    handle = tempfile.NamedTemporaryFile(suffix=suffix, dir=_FUZZ_DIR, delete=False)
    with handle:
        handle.write(data)
    return Path(handle.name)


_FUZZ_DIR = tempfile.mkdtemp(prefix="briefings-fuzz-")


def _one_line(exc: BaseException) -> None:
    text = str(exc)
    assert text and "\n" not in text and "\r" not in text, repr(text[:300])
    assert len(text) < 2000, len(text)


def _read_or_clear_error(suffix: str, content: bytes | str) -> list[Article]:
    """The property every reader shares: articles with text and a title, or one SourceError line."""
    path = _write(suffix, content)
    try:
        articles = read_file(path)
    except SourceError as exc:
        _one_line(exc)
        assert str(exc).startswith(f"{path}: ")
        return []
    finally:
        path.unlink(missing_ok=True)
    assert articles
    for article in articles:
        assert isinstance(article.text, str) and any(ch.isalnum() for ch in article.text)
        assert isinstance(article.title, str) and article.title
        assert article.published is None or article.published.tzinfo is not None
    return articles


# --------------------------------------------------------------------------- shared pieces

_LINE = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)
_WORDS = st.sampled_from([
    "talks", "Monday", "next week", "yesterday", "2025-07-22", "July 22, 2025", "the", "drone",
    "—", "…", "\u202e", "\ufeff", "\u00a0", "🙂", "Київ", "%s", "{}", "\\", "'", '"', "&amp;",
])
_BODY = st.one_of(
    _LINE,
    st.lists(_WORDS, max_size=40).map(" ".join),
    st.lists(st.one_of(_LINE, _WORDS), max_size=8).map("\n\n".join),
)
_DATE_STRINGS = st.one_of(
    _LINE,
    st.sampled_from([
        "0000-00-00", "9999-12-31T23:59:59+99:99", "2025-02-30", "2025-07-22T25:61:61Z",
        "Mon, 01 Jan 0000 00:00:00 GMT", "Tue, 31 Dec 9999 23:59:59 -2359", "99999-01-01",
        "2025/13/45", "-1", "1e308", "July 32, 2025", "2025-07-22T10:00:00.1234567890123+14:00",
        "Thu, 01 Jan 1970 00:00:00 +9999", "2025-07-22T10:00:00-00:01", "NaN",
    ]),
    st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31)).map(
        lambda d: d.isoformat()
    ),
)
_KEYS = st.sampled_from(["title", "outlet", "published", "date", "url", "link", "language",
                         "lang", "headline", "pubdate", "source", "text", "html", "body",
                         "content", "articles", "Title", "PUBLISHED", "x"])


# --------------------------------------------------------------------------- .txt


_TXT = st.one_of(
    st.binary(max_size=500),
    st.text(max_size=500),
    st.builds(
        lambda header, rule, body: "\n".join(f"{k}: {v}" for k, v in header) + rule + body,
        st.lists(st.tuples(_KEYS, st.one_of(_LINE, _DATE_STRINGS)), max_size=8),
        st.sampled_from(["\n---\n", "\n---", "---\n", "\n", "\r\n---\r\n", "\n--- \n"]),
        _BODY,
    ),
    st.builds(lambda n, body: ("x: y\n" * n) + "---\n" + body, st.integers(0, 200), _BODY),
)


@fuzz_settings(150)
@given(content=_TXT)
@example(content=b"title: x\n---\n")
@example(content="published: 9999-12-31T23:59:59-23:59\n---\nLate news, on Monday.")
@example(content="published: 0001-01-01T00:00:00+23:59\n---\nEarly news, on Monday.")
def test_txt_reader(content: bytes | str) -> None:
    _read_or_clear_error(".txt", content)


# --------------------------------------------------------------------------- .md


def _alias_bomb(levels: int, width: int) -> str:
    """The "billion laughs" of YAML: each anchor repeats the previous one ``width`` times."""
    lines = ['a0: &a0 ["lol"]']
    for n in range(1, levels):
        lines.append(f"a{n}: &a{n} [{', '.join(f'*a{n - 1}' for _ in range(width))}]")
    lines.append(f"title: *a{levels - 1}")
    return "\n".join(lines)


_YAML = st.one_of(
    st.lists(st.tuples(_KEYS, st.one_of(_LINE, _DATE_STRINGS)), max_size=8).map(
        lambda kv: "\n".join(f"{k}: {v}" for k, v in kv)
    ),
    st.builds(_alias_bomb, st.integers(1, 12), st.integers(1, 12)),
    st.integers(1, 3000).map(lambda n: "title: " + "[" * n + "]" * n),
    st.integers(1, 3000).map(lambda n: "title: " + "{a: " * n + "1" + "}" * n),
    st.sampled_from([
        "title: !!python/object/apply:os.system ['true']", "title: !!binary AAAA",
        "published: 2025-07-22 10:00:00 +99:00", "published: 2025-13-45", "? [a, b]\n: c",
        "title: &x\n  - *x", "title: 1" + "0" * 5000, "title: .nan\npublished: .inf",
        "<<: {title: x}", "title: !!set {a, b}", "published: 0001-01-01",
        "published: 1970-01-01 00:00:00.1234567890", "- just\n- a\n- list", "%YAML 9.9\n---",
        "title: |\n  multi\n  line", "url: {a: b}", "language: 12", "outlet: [1, 2]",
    ]),
    _LINE,
)


@fuzz_settings(150)
@given(front=_YAML, body=_BODY, close=st.sampled_from(["---", "...", "--- ", ""]))
@example(front=_alias_bomb(12, 12), body="Body text here.", close="---")
def test_md_reader(front: str, body: str, close: str) -> None:
    _read_or_clear_error(".md", f"---\n{front}\n{close}\n# Heading\n{body}\n")


@fuzz_settings(50)
@given(content=st.one_of(st.binary(max_size=400), st.text(max_size=400)))
def test_md_reader_raw(content: bytes | str) -> None:
    _read_or_clear_error(".md", content)


# --------------------------------------------------------------------------- .html


_TAGS = st.sampled_from(["div", "p", "span", "article", "table", "tr", "td", "b", "a", "ul",
                         "li", "section", "font", "svg", "math", "template", "noscript"])


def _nested(tag: str, depth: int, text: str) -> str:
    return f"<{tag}>" * depth + text + f"</{tag}>" * depth


_META = st.builds(
    lambda name, value: f'<meta property="{name}" content="{value}">',
    st.sampled_from(["article:published_time", "og:title", "og:site_name", "og:url", "date",
                     "datePublished", "dc.date"]),
    _DATE_STRINGS.map(lambda s: s.replace('"', "&quot;")),
)
_HTML = st.one_of(
    st.binary(max_size=500),
    st.text(max_size=500),
    st.builds(lambda tag, depth, text: f"<html><body>{_nested(tag, depth, text)}</body></html>",
              _TAGS, st.integers(1, 5000), _BODY),
    st.builds(
        lambda metas, ld, lang, body: (
            f'<html lang="{lang}"><head>{"".join(metas)}'
            f'<script type="application/ld+json">{ld}</script></head>'
            f"<body><article><p>{body}</p></article></body></html>"
        ),
        st.lists(_META, max_size=4),
        st.one_of(
            st.integers(1, 5000).map(lambda n: "[" * n + "]" * n),
            st.builds(lambda d: json.dumps({"datePublished": d}), _DATE_STRINGS),
            _LINE,
        ),
        st.one_of(st.sampled_from(["", "-", "en-", "uk-UA", "x" * 300]), _LINE.map(
            lambda s: s.replace('"', ""))),
        _BODY,
    ),
    st.lists(st.sampled_from(["<p>", "</p>", "<div", ">", "<!--", "-->", "<![CDATA[", "]]>",
                              "<meta charset=", "\"latin-1\">", "&#0;", "&#x110000;",
                              "<time datetime='9999-99-99'>", "text", "<?xml ?>",
                              "<!DOCTYPE html>", "<script>", "</script>", "\x0b"]),
             max_size=40).map("".join),
)


@fuzz_settings(100)
@given(content=_HTML)
@example(content="<html><body>" + _nested("div", 20000, "deep words here") + "</body></html>")
@example(content='<html><head><meta charset="x-no-such"></head><body><p>\xe9 word</p></body></html>'
         .encode("latin-1"))
def test_html_reader(content: bytes | str) -> None:
    _read_or_clear_error(".html", content)


# --------------------------------------------------------------------------- .json / .jsonl

_JSON_LEAF = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), _LINE, _DATE_STRINGS,
)
_JSON_ANY = st.recursive(
    _JSON_LEAF,
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(st.one_of(_KEYS, _LINE), inner, max_size=5)),
    max_leaves=20,
)
_ENTRY = st.dictionaries(_KEYS, st.one_of(_JSON_ANY, _BODY), max_size=8)


def _deep_json(depth: int) -> str:
    return '{"text": ' + "[" * depth + '"x"' + "]" * depth + "}"


_JSON_TEXT = st.one_of(
    st.binary(max_size=400),
    st.text(max_size=400),
    _JSON_ANY.map(json.dumps),
    _ENTRY.map(json.dumps),
    st.lists(st.one_of(_ENTRY, _JSON_ANY), max_size=5).map(json.dumps),
    st.lists(_ENTRY, max_size=5).map(lambda items: json.dumps({"articles": items})),
    st.integers(1, 100_000).map(_deep_json),
    st.sampled_from(['{"text": 1' + "0" * 5000 + "}", '{"text": "a", "published": 1e999}',
                     '{"text": "a\\ud800b"}', "NaN", '{"text": "a", "text": 5}', "\ufeff{}"]),
)


@fuzz_settings(150)
@given(content=_JSON_TEXT)
@example(content=_deep_json(100_000))
@example(content='{"text":"0\\uD800"}')  # found: a lone surrogate crashed hashing the id
def test_json_reader(content: bytes | str) -> None:
    _read_or_clear_error(".json", content)


@fuzz_settings(150)
@given(lines=st.lists(st.one_of(_JSON_TEXT, _ENTRY.map(json.dumps)), max_size=6),
       sep=st.sampled_from(["\n", "\r\n", "\n\n"]))
def test_jsonl_reader(lines: list[bytes | str], sep: str) -> None:
    parts = [line.decode("utf-8", "replace") if isinstance(line, bytes) else line for line in lines]
    _read_or_clear_error(".jsonl", sep.join(parts))


# --------------------------------------------------------------------------- RSS / Atom


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_ITEM_FIELD = st.one_of(_LINE, _BODY, st.sampled_from(
    ["<p>html &amp; text</p>", "Read more...", "<![CDATA[<b>bold</b> words]]>", "&bogus;"]))


def _rss(title: str, items: list[tuple[str, str, str, str]], lang: str) -> str:
    body = "".join(
        f"<item><title>{_xml(t)}</title><link>{_xml(link)}</link>"
        f"<description>{_xml(d)}</description><pubDate>{_xml(p)}</pubDate></item>"
        for t, link, d, p in items
    )
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>{_xml(title)}</title>'
            f"<language>{_xml(lang)}</language>{body}</channel></rss>")


def _atom(title: str, items: list[tuple[str, str, str, str]], lang: str) -> str:
    body = "".join(
        f'<entry><title>{_xml(t)}</title><link href="{_xml(link)}"/><id>{_xml(link)}</id>'
        f'<content type="html">{_xml(d)}</content><updated>{_xml(p)}</updated>'
        f"<published>{_xml(p)}</published></entry>"
        for t, link, d, p in items
    )
    return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" '
            f'xml:lang="{_xml(lang)}"><title>{_xml(title)}</title>{body}</feed>')


_FEED_ITEMS = st.lists(
    st.tuples(_LINE, st.one_of(_LINE, st.just("https://news.example/a?utm_source=x")),
              _ITEM_FIELD, _DATE_STRINGS),
    max_size=5,
)
_FEED = st.one_of(
    st.binary(max_size=500),
    st.builds(_rss, _LINE, _FEED_ITEMS, _LINE),
    st.builds(_atom, _LINE, _FEED_ITEMS, _LINE),
    st.integers(1, 5000).map(lambda n: "<rss><channel><item>" + "<b>" * n + "x" + "</b>" * n
                             + "</item></channel></rss>"),
    st.sampled_from([
        '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;'
        '&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;'
        '&c;&c;&c;&c;&c;&c;">]><rss version="2.0"><channel><title>&d;</title><item>'
        "<description>&d;</description></item></channel></rss>",
        '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/hostname">]>'
        '<rss version="2.0"><channel><item><description>&x; words</description></item>'
        "</channel></rss>",
    ]),
)


def _feed_or_clear_error(content: bytes | str) -> None:
    path = _write(".xml", content)
    try:
        result = collect_feed(None, path=path, source="fuzz", default_tz=UTC)
    except FeedError as exc:
        assert isinstance(exc, BriefingsError)
        _one_line(exc)
        return
    finally:
        path.unlink(missing_ok=True)
    for article in result.articles:
        assert any(ch.isalnum() for ch in article.text)
        assert article.published is None or article.published.tzinfo is not None
    hostname = Path("/etc/hostname")
    if hostname.is_file() and len(hostname.read_text().strip()) > 4:
        secret = hostname.read_text().strip()
        assert all(secret not in a.text for a in result.articles)


@fuzz_settings(150)
@given(content=_FEED)
@example(content=_rss("t", [("a", "https://x.example/a", "some words", "Mon, 01 Jan 0000 00:00:00 GMT")], "en"))
@example(content=_atom("t", [("a", "https://x.example/a", "some words", "0001-01-01T00:00:00+23:59")], "en"))
@example(content=_rss("t", [("a", "https://x.example/a", "some words", "Fri, 31 Dec 9999 23:59:59 -2359")], "en"))
@example(content=_rss("", [("", "https://news.example/a?utm_source=x", "", "0000000")], ""))
def test_feed_reader(content: bytes | str) -> None:
    _feed_or_clear_error(content)


# --------------------------------------------------------------------------- config


_TOML_VALUE = st.one_of(
    st.integers(-(10**20), 10**20).map(str),
    st.floats().map(lambda f: "nan" if f != f else ("inf" if f == float("inf") else
                                                    "-inf" if f == float("-inf") else repr(f))),
    st.booleans().map(lambda b: str(b).lower()),
    _LINE.map(json.dumps),
    st.sampled_from(["[]", "[1, 2]", '["a", 1]', "{}", "{ a = 1 }", "1979-05-27T07:32:00Z",
                     "07:32:00", '"#zzz"', '"Europe/Kyiv"', '"' + "a" * 300 + '"',
                     '"../../etc/passwd"', '"a\\u0000b"', '"/etc/passwd"', '"folder"',
                     '"feed"', '"http://127.0.0.1/x"', '"file:///etc/passwd"']),
)
_TOML_KEY = st.sampled_from([
    "title", "timezone", "window_hours", "key_points", "max_facts_per_section", "path", "name",
    "logo", "primary", "accent", "marking", "footer", "kind", "url", "timeout", "max_bytes",
    "retries", "cues", "enabled", "to", "sender", "host", "port", "starttls", "username",
    "password_env", "theme", '"a.b"', '"\\n"', "x",
])
_TOML_TABLE = st.sampled_from(["brief", "brand", "archive", "email", "sections.diplomacy",
                               "sections.new", "sections", "[sources]", "[sources]", "theme"])


def _toml(tables: list[tuple[str, list[tuple[str, str]]]]) -> str:
    out = []
    for name, pairs in tables:
        out.append(f"[{name}]")
        out.extend(f"{k} = {v}" for k, v in dict(pairs).items())
    return "\n".join(out) + "\n"


_CONFIG = st.one_of(
    st.binary(max_size=300),
    st.text(max_size=300),
    st.builds(_toml, st.lists(st.tuples(_TOML_TABLE, st.lists(st.tuples(_TOML_KEY, _TOML_VALUE),
                                                               max_size=6)), max_size=4)),
    st.integers(1, 5000).map(lambda n: "a = " + "[" * n + "]" * n),
    st.integers(1, 5000).map(lambda n: "a = " + "{b = " * n + "1" + "}" * n),
)


@fuzz_settings(200)
@given(content=_CONFIG)
@example(content='[email]\n"\\n"=0')  # found: the key's line break split the error line
@example(content="a = " + "[" * 3000 + "]" * 3000)  # found: RecursionError from tomllib
@example(content=b'[brief]\ntimezone = "' + b"a" * 300 + b'"\n')  # found: OSError from zoneinfo
@example(content=b'theme = "a\\u0000b"\n[brand]\nlogo = "a\\u0000b"\n')
@example(content=b'[[sources]]\nname = "n"\nkind = "folder"\npath = "' + b"a" * 5000 + b'"\n')
def test_config_loader(content: bytes | str) -> None:
    path = _write(".toml", content)
    try:
        config = load_config(path)
    except ConfigError as exc:  # every problem of the file at once: one line each, naming the file
        lines = str(exc).split("\n")
        assert len(lines) < 50, len(lines)
        for line in lines:
            _one_line(ConfigError(line))
            assert line.startswith((path.name, str(path))), line[:300]
    else:
        assert config.settings is not None
        _ = (config.timezone, config.brand, config.archive_path, config.theme)
    finally:
        path.unlink(missing_ok=True)


# --------------------------------------------------------------------------- dates


_PUB = st.one_of(
    st.dates(),
    st.sampled_from([date.min, date.max, date(1, 1, 7), date(9999, 12, 25), date(2024, 2, 29)]),
    st.datetimes(timezones=st.sampled_from([UTC, timezone(timedelta(hours=14)),
                                            timezone(-timedelta(hours=12))])),
)
_DATE_WORDS = st.sampled_from([
    "on", "Monday", "next", "last", "week", "month", "year", "yesterday", "tomorrow", "between",
    "and", "to", "from", "until", "since", "the", "weekend", "overnight", "ago", "in", "days",
    "weeks", "2025", "31", "9999", "0", "July", "February 29", "29 February", "Dec.", "mid-",
    "early", "late", "2025-07-22", "22.07.2025", "99.99.9999", "0000-00-00", "will", "said",
    "scheduled", "deadline", "fortnight", "a", "1,000,000", "-", "—", ",", ".", "next year's",
    "W52", "Q4", "this", "coming", "past", "earlier", "later", "hundred",
])
_SENTENCE = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(_DATE_WORDS, st.integers(-5, 100_000).map(str)), max_size=30).map(" ".join),
)


@fuzz_settings(200)
@given(sentence=_SENTENCE, published=_PUB,
       language=st.sampled_from(["en", "EN-gb", "", "uk", "ru", "de", "fr", "xx", "zh_Hans"]),
       context=st.one_of(st.just(""), _SENTENCE))
@example(sentence="It happened yesterday, and next week, and on Monday.", published=date.min,
         language="en", context="")
@example(sentence="Talks tomorrow and next year, until 31 December.", published=date.max,
         language="en", context="")
def test_find_dates(sentence: str, published: date, language: str, context: str) -> None:
    mentions = find_dates(sentence, published, language=language, context=context)
    assert isinstance(mentions, list)
    for mention in mentions:
        assert isinstance(mention, DateMention)
        assert mention.text and mention.text in sentence
        assert mention.start <= mention.end


# --------------------------------------------------------------------------- regressions


def test_feed_error_is_a_briefings_error() -> None:
    """A broken feed is a source problem the CLI reports as one line, like a broken file."""
    assert issubclass(FeedError, SourceError)


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html", ".json", ".jsonl"])
def test_huge_line_is_read_or_refused(suffix: str) -> None:
    """One 2 MB line with no sentence break: the readers must not choke on its size."""
    body = ("word " * 400_000).strip()
    content = {".json": json.dumps({"text": body}), ".jsonl": json.dumps({"text": body})}.get(
        suffix, f"<p>{body}</p>" if suffix == ".html" else body
    )
    _read_or_clear_error(suffix, content)
