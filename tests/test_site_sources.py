"""Sources people already have (issue 19.12): an OPML subscription list imported into the
config, and the ``site`` kind that finds a site's feed from its home page, against a real HTTP
server on loopback. Every document here is written for these tests."""

from __future__ import annotations

import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from typer.testing import CliRunner

from briefings.cli import app

runner = CliRunner()
DAY = "2025-07-22"

STORY = """<!doctype html><html><head><title>Quay crane back in service</title>
<meta property="article:published_time" content="2025-07-22T08:15:00+00:00"></head>
<body><article><h1>Quay crane back in service</h1>
<p>The big container crane on the north quay returned to service on Tuesday after a month of
repairs, the port company said, and ships waiting in the bay began unloading at noon.</p>
<p>The company said the repair of the crane's drive cost about four hundred thousand euros and
that a second crane would be inspected in the autumn.</p>
</article></body></html>"""


def feed(base: str) -> str:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Quay Daily</title><link>{base}/</link>
<item><title>Quay crane back in service</title><link>{base}/story.html</link>
<pubDate>Tue, 22 Jul 2025 08:15:00 +0000</pubDate></item>
</channel></rss>"""


HOME = """<!doctype html><html><head><title>Quay Daily</title>
<link rel="stylesheet" href="/site.css">
<link rel="alternate" type="application/rss+xml" title="Quay Daily" href="/feeds/news.xml">
</head><body><h1>Quay Daily</h1><p>News from the port.</p></body></html>"""
BARE_HOME = "<!doctype html><html><head><title>No feed here</title></head><body>Hello</body></html>"


@pytest.fixture
def site():
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            base = f"http://127.0.0.1:{self.server.server_address[1]}"
            routes = {"/": (HOME, "text/html"), "/bare/": (BARE_HOME, "text/html"),
                      "/feeds/news.xml": (feed(base), "application/rss+xml"),
                      "/story.html": (STORY, "text/html")}
            if self.path not in routes:
                self.send_error(404)
                return
            body, kind = routes[self.path]
            data = body.encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", f"{kind}; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_announced_feeds_are_found_and_resolved():
    from briefings.collect.site import announced_feeds

    html = ('<link rel="alternate" type="application/atom+xml" href="atom.xml">'
            '<LINK REL="Alternate" TYPE="application/rss+xml" HREF="/rss">'
            '<link rel="alternate" type="text/html" hreflang="fr" href="/fr/">')
    assert announced_feeds(html, "https://news.example/section/") == [
        "https://news.example/rss", "https://news.example/section/atom.xml"]
    assert announced_feeds("<p>no head at all", "https://news.example/") == []


def test_a_site_source_reads_the_feed_its_home_page_announces(tmp_path, site):
    config = tmp_path / "briefings.toml"
    config.write_text(f'[[sources]]\nname = "quay"\nkind = "site"\nurl = "{site}/"\n\n'
                      f'[[sources]]\nname = "bare"\nkind = "site"\nurl = "{site}/bare/"\n', encoding="utf-8")
    collected = runner.invoke(app, ["collect", "--config", str(config)])
    assert collected.exit_code == 1, collected.stderr  # one source has no feed
    assert "Collected 1 of 2 sources: 1 new articles" in collected.stdout
    assert f"{site}/bare/: the page announces no RSS or Atom feed" in collected.stderr
    built = runner.invoke(app, ["build", "--config", str(config), "--date", DAY, "--format", "json"])
    assert built.exit_code == 0, built.stderr
    brief = json.loads((tmp_path / "reports" / DAY / "brief.json").read_text(encoding="utf-8"))
    assert brief["articles"][0]["url"] == f"{site}/story.html"


def test_a_site_source_needs_a_url(tmp_path):
    config = tmp_path / "briefings.toml"
    config.write_text('[[sources]]\nname = "quay"\nkind = "site"\npath = "x"\n', encoding="utf-8")
    result = runner.invoke(app, ["sources", "--config", str(config)])
    assert result.exit_code == 2
    assert "source 'quay': a site source needs url (the site's home page)" in result.stderr


OPML = """<?xml version="1.0" encoding="utf-8"?>
<opml version="2.0"><head><title>Subscriptions</title></head><body>
  <outline text="Port">
    <outline type="rss" text="Harbour Gazette" xmlUrl="https://gazette.example/rss.xml" htmlUrl="https://gazette.example/"/>
    <outline text="Quay Daily" htmlUrl="https://quay.example/"/>
  </outline>
  <outline type="rss" title="inbox" text="inbox" xmlUrl="https://inbox.example/feed"/>
  <outline type="rss" text="Local file" xmlUrl="file:///etc/passwd"/>
</body></opml>"""


def test_opml_import_appends_sources_and_keeps_the_config(tmp_path, monkeypatch):
    monkeypatch.delenv("BRIEFINGS_CONFIG", raising=False)
    assert runner.invoke(app, ["init", str(tmp_path), "--no-theme"]).exit_code == 0
    (tmp_path / "subs.opml").write_text(OPML, encoding="utf-8")
    before = (tmp_path / "briefings.toml").read_text(encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    dry = runner.invoke(app, ["sources", "import", "subs.opml", "--dry-run"])
    assert dry.exit_code == 0 and '[[sources]]\nname = "Harbour Gazette"' in dry.stdout
    assert (tmp_path / "briefings.toml").read_text(encoding="utf-8") == before
    result = runner.invoke(app, ["sources", "import", "subs.opml"])
    assert result.exit_code == 0, result.stderr
    assert "Added 3 sources (2 feed, 1 site)" in result.stdout and "1 left out" in result.stdout
    after = (tmp_path / "briefings.toml").read_text(encoding="utf-8")
    assert after.startswith(before.rstrip("\n")), "the config's comments and entries are kept"
    listing = runner.invoke(app, ["sources"])
    names = [re.match(r"(.*) \((?:folder|feed|site) ", line).group(1) for line in listing.stdout.splitlines()]
    assert names == ["inbox", "Harbour Gazette", "Quay Daily", "inbox (2)"]
    assert "Quay Daily (site https://quay.example/)" in listing.stdout
    again = runner.invoke(app, ["sources", "import", "subs.opml"])
    assert again.exit_code == 0 and "no new feeds" in again.stdout
    assert (tmp_path / "briefings.toml").read_text(encoding="utf-8") == after


def test_a_file_that_is_not_opml_is_one_line(tmp_path, monkeypatch):
    monkeypatch.delenv("BRIEFINGS_CONFIG", raising=False)
    (tmp_path / "briefings.toml").write_text("", encoding="utf-8")
    (tmp_path / "bad.opml").write_text("<html><body>not a list", encoding="utf-8")
    (tmp_path / "rss.opml").write_text("<rss><channel/></rss>", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    broken = runner.invoke(app, ["sources", "import", "bad.opml"])
    assert broken.exit_code == 2 and broken.stderr.startswith("Error: bad.opml: not valid OPML (XML error:")
    wrong = runner.invoke(app, ["sources", "import", "rss.opml"])
    assert wrong.exit_code == 2
    assert wrong.stderr.strip() == "Error: rss.opml: not OPML (expected <opml> with a <body>, found <rss>)"
