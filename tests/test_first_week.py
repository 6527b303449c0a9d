"""A newcomer's first week (issue 19): the tool behaves the way people expect.

Each test runs the command line as a person would (CliRunner, or a subprocess where the
process boundary matters: the installed entry point, the exit code, shell completion).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefings.cli import app

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
DAY = "2025-07-22"
runner = CliRunner()


@pytest.fixture(autouse=True)
def no_config_in_the_environment(monkeypatch):
    """A developer's own $BRIEFINGS_CONFIG must not leak into these tests."""
    monkeypatch.delenv("BRIEFINGS_CONFIG", raising=False)


def run(*args: str, env: dict[str, str] | None = None):
    return runner.invoke(app, list(args), catch_exceptions=False, env=env)


def write_article(folder: Path, name: str = "talks.txt", day: str = DAY) -> Path:
    """An article of my own: two news sentences and a promo line."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(
        f"title: Talks set for Istanbul\noutlet: Test Wire\npublished: {day}\n---\n"
        "Ukraine and Russia will hold a new round of peace talks in Istanbul on Wednesday, "
        "the Ukrainian president said.\n\nA drone strike hit an apartment block in Kharkiv "
        "overnight, killing two people, regional officials said.\n\nFollow us on X.\n",
        encoding="utf-8",
    )
    return path


BRANDED = '[brief]\ntitle = "Desk Brief"\n\n[brand]\nname = "Folder Desk"\n'


# --------------------------------------------------------------------------- 1. config discovery


def test_config_in_the_current_folder_is_used(tmp_path, monkeypatch):
    write_article(tmp_path / "news")
    (tmp_path / "briefings.toml").write_text(BRANDED, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("build", "news", "--date", DAY, "--format", "json", "--verbose")
    assert result.exit_code == 0, result.stderr
    assert f"config: {tmp_path / 'briefings.toml'} (from the current folder)" in result.stderr
    brief = json.loads((tmp_path / "reports" / DAY / "brief.json").read_text(encoding="utf-8"))
    assert brief["title"] == "Desk Brief" and brief["brand"]["name"] == "Folder Desk"


def test_briefings_config_variable_is_used_when_the_folder_has_none(tmp_path, monkeypatch):
    write_article(tmp_path / "news")
    home = tmp_path / "srv"
    home.mkdir()
    (home / "desk.toml").write_text(BRANDED, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("build", "news", "--date", DAY, "--format", "json", "-v",
                 env={"BRIEFINGS_CONFIG": str(home / "desk.toml")})
    assert result.exit_code == 0, result.stderr
    assert f"config: {home / 'desk.toml'} (from $BRIEFINGS_CONFIG)" in result.stderr
    # outputs go beside the config found, as with --config
    brief = json.loads((home / "reports" / DAY / "brief.json").read_text(encoding="utf-8"))
    assert brief["brand"]["name"] == "Folder Desk"


def test_config_option_wins_over_the_folder_and_the_variable(tmp_path, monkeypatch):
    write_article(tmp_path / "news")
    (tmp_path / "briefings.toml").write_text(BRANDED, encoding="utf-8")
    other = tmp_path / "other.toml"
    other.write_text('[brand]\nname = "Chosen Desk"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("build", "news", "--date", DAY, "--format", "json", "--config", str(other), "-v",
                 env={"BRIEFINGS_CONFIG": str(tmp_path / "briefings.toml")})
    assert result.exit_code == 0, result.stderr
    assert f"config: {other} (from --config)" in result.stderr
    brief = json.loads((tmp_path / "reports" / DAY / "brief.json").read_text(encoding="utf-8"))
    assert brief["brand"]["name"] == "Chosen Desk"


def test_a_variable_naming_no_file_is_an_error_not_the_defaults(tmp_path, monkeypatch):
    write_article(tmp_path / "news")
    monkeypatch.chdir(tmp_path)
    result = run("build", "news", "--date", DAY, env={"BRIEFINGS_CONFIG": str(tmp_path / "gone.toml")})
    assert result.exit_code == 2
    assert result.stderr.strip() == f"Error: $BRIEFINGS_CONFIG={tmp_path / 'gone.toml'}: config file does not exist"


def test_verbose_says_when_no_config_is_used(tmp_path, monkeypatch):
    write_article(tmp_path / "news")
    monkeypatch.chdir(tmp_path)
    result = run("build", "news", "--date", DAY, "--format", "json", "--verbose")
    assert result.exit_code == 0, result.stderr
    assert "config: none (no --config, no briefings.toml in the current folder, $BRIEFINGS_CONFIG unset)" in result.stderr
    quiet = run("build", "news", "--date", DAY, "--format", "json")
    assert "config:" not in quiet.stderr, "only verbose output names the config"


# --------------------------------------------------------------------------- 2. --version


def test_version_alone_prints_the_packaged_version():
    import tomllib

    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    done = subprocess.run([sys.executable, "-m", "briefings", "--version"], capture_output=True,
                          text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"briefings {declared}"
    assert done.stderr == ""


def test_version_before_a_subcommand_still_wins():
    result = run("--version", "build")
    assert result.exit_code == 0 and result.stdout.startswith("briefings ")


# --------------------------------------------------------------------------- 3. init


def test_init_makes_a_folder_that_builds_first_time(tmp_path, monkeypatch):
    desk = tmp_path / "desk"
    result = run("init", str(desk))
    assert result.exit_code == 0, result.stderr
    assert (desk / "inbox").is_dir(), "the config's folder source exists before the first build"
    assert "Next:" in result.stdout and f"cd {desk} && briefings build" in result.stdout
    # uncommenting the theme line gives a valid config, with no unknown-key warning
    config = desk / "briefings.toml"
    text = config.read_text(encoding="utf-8")
    assert '# theme = "templates/default"' in text
    config.write_text(text.replace('# theme = "templates/default"', 'theme = "templates/default"', 1),
                      encoding="utf-8")
    write_article(desk / "inbox")
    monkeypatch.chdir(desk)
    built = run("build", "--date", DAY, "--format", "json,html", "--verbose")
    assert built.exit_code == 0, built.stderr
    assert "Warning" not in built.stderr, built.stderr
    assert f"config: {desk / 'briefings.toml'} (from the current folder)" in built.stderr
    assert json.loads((desk / "reports" / DAY / "brief.json").read_text(encoding="utf-8"))["stats"]["articles"] == 1


def test_init_theme_line_is_a_top_level_key():
    import tomllib

    from importlib import resources

    example = resources.files("briefings").joinpath("data", "briefings.example.toml").read_text("utf-8")
    uncommented = example.replace('# theme = "templates/default"', 'theme = "templates/default"', 1)
    assert tomllib.loads(uncommented)["theme"] == "templates/default"


# --------------------------------------------------------------------------- 4. build . reads no output of its own


def test_build_dot_in_a_desk_reads_no_output_theme_or_licence(tmp_path, monkeypatch):
    desk = tmp_path / "desk"
    assert run("init", str(desk)).exit_code == 0
    write_article(desk / "inbox")
    (desk / "CHANGELOG.md").write_text("# Changes\n\nNothing yet.\n", encoding="utf-8")
    monkeypatch.chdir(desk)
    first = run("build", ".", "--date", DAY, "--format", "json,html")
    assert first.exit_code == 0, first.stderr
    assert (desk / "reports" / DAY / "brief.json").is_file()
    # a brief built elsewhere with --out, and a second run: neither reads an output back
    elsewhere = run("build", ".", "--date", DAY, "--format", "json,html", "--out", str(desk / "copy"))
    assert elsewhere.exit_code == 0, elsewhere.stderr
    again = run("build", ".", "--date", DAY, "--format", "json,html", "--verbose")
    assert again.exit_code == 0, again.stderr
    assert "skipped" not in again.stderr, again.stderr
    brief = json.loads((desk / "reports" / DAY / "brief.json").read_text(encoding="utf-8"))
    assert brief["stats"]["articles"] == 1 and brief["stats"]["skipped"] == 0
    assert "left out" in again.stderr and "templates" in again.stderr and "CHANGELOG.md" in again.stderr


def test_an_article_folder_without_anything_of_ours_is_read_whole(tmp_path):
    from briefings.workspace import article_inputs

    write_article(tmp_path / "news")
    write_article(tmp_path / "news" / "older", "old.txt")
    assert article_inputs([tmp_path / "news"]).paths == [tmp_path / "news"]
    (tmp_path / "news" / "LICENSE-fonts.txt").write_text("Fonts licence\n", encoding="utf-8")
    inputs = article_inputs([tmp_path / "news"])
    assert inputs.paths == [tmp_path / "news" / "older", tmp_path / "news" / "talks.txt"]
    assert inputs.left_out == [tmp_path / "news" / "LICENSE-fonts.txt"]


# --------------------------------------------------------------------------- 5. exit codes and flags


def test_unknown_theme_is_a_usage_error_naming_the_built_in_themes(tmp_path):
    write_article(tmp_path / "news")
    result = run("build", str(tmp_path / "news"), "--date", DAY, "--theme", "fancy", "--out", str(tmp_path / "out"))
    assert result.exit_code == 2, result.stderr
    line = result.stderr.strip()
    assert line.startswith("Error: --theme fancy: no such built-in theme (default, compact) or folder"), line
    assert not (tmp_path / "out").exists(), "checked before anything was built"


def test_unknown_theme_in_the_config_is_named_with_the_file(tmp_path):
    write_article(tmp_path / "news")
    (tmp_path / "briefings.toml").write_text('theme = "fancy"\n', encoding="utf-8")
    result = run("build", str(tmp_path / "news"), "--date", DAY, "--config", str(tmp_path / "briefings.toml"))
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: briefings.toml: theme fancy: no such built-in theme (default, compact)")


EMAIL = ('[email]\nto = ["desk@example.org"]\nsender = "briefs@example.org"\nhost = "127.0.0.1"\n'
         'port = 2525\nsecurity = "starttls"\nusername = "briefs"\npassword_env = "BRIEFINGS_TEST_UNSET_PASSWORD"\n')


def test_unset_password_variable_stops_the_build_before_it_starts(tmp_path, monkeypatch):
    monkeypatch.delenv("BRIEFINGS_TEST_UNSET_PASSWORD", raising=False)
    write_article(tmp_path / "news")
    (tmp_path / "briefings.toml").write_text(EMAIL, encoding="utf-8")
    config = str(tmp_path / "briefings.toml")
    result = run("build", str(tmp_path / "news"), "--date", DAY, "--config", config, "--send")
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "Error: email.password_env: environment variable BRIEFINGS_TEST_UNSET_PASSWORD is not set "
        "(the SMTP password for 'briefs'); nothing was built or sent")
    assert not (tmp_path / "reports" / DAY / "brief.json").exists()
    # a dry run sends nothing, so it builds and writes the .eml, and warns of the same problem
    dry = run("build", str(tmp_path / "news"), "--date", DAY, "--config", config, "--send", "--dry-run",
              "--format", "html,json", "--verbose")
    assert dry.exit_code == 0, dry.stderr
    assert "send     1 recipient (" in dry.stderr, "the send phase is shown like the others"
    assert "Warning: email.password_env: environment variable BRIEFINGS_TEST_UNSET_PASSWORD is not set" in dry.stderr
    assert (tmp_path / "reports" / DAY / "brief.eml").is_file()
    send = run("send", "--date", DAY, "--config", config)
    assert send.exit_code == 2 and send.stderr.strip().endswith("; nothing was sent")


def test_dry_run_without_send_is_a_usage_error(tmp_path):
    write_article(tmp_path / "news")
    result = run("build", str(tmp_path / "news"), "--date", DAY, "--dry-run", "--out", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert result.stderr.strip().startswith("Error: --dry-run applies to --send")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("where", ["before", "after"])
def test_debug_works_before_or_after_the_subcommand(tmp_path, where):
    """With --debug, an error is raised with its traceback instead of one line."""
    write_article(tmp_path / "news")
    args = ["build", str(tmp_path / "news"), "--date", DAY, "--format", "docx"]
    args = ["--debug", *args] if where == "before" else [*args, "--debug"]
    result = runner.invoke(app, args)
    from briefings.errors import ConfigError

    assert isinstance(result.exception, ConfigError), result.stderr
    plain = runner.invoke(app, args[1:] if where == "before" else args[:-1])
    assert plain.exit_code == 2 and not isinstance(plain.exception, ConfigError)


# --------------------------------------------------------------------------- 6. help


COMMANDS = ("build", "send", "collect", "sources", "init", "extract", "eval")


def help_text(*command: str) -> str:
    """The help of ``command``, words joined by single spaces (Rich wraps to the terminal)."""
    result = run(*command, "--help", env={"COLUMNS": "250"})
    assert result.exit_code == 0, result.stderr
    return " ".join(result.stdout.replace("│", " ").split())


def test_help_keeps_the_config_tables_in_brackets():
    build = help_text("build")
    assert "the config's [[sources]]" in build
    assert "the config's [email] table" in build
    assert "the config's [email] table" in help_text("send")
    for command in COMMANDS:
        assert "config's table" not in help_text(command), f"{command}: a bracketed name was swallowed"


@pytest.mark.parametrize("command", COMMANDS)
def test_every_subcommand_has_an_example(command):
    text = help_text(command)
    assert "Examples:" in text
    assert f"briefings {command} " in text.split("Examples:", 1)[1], text


def test_shell_completion_is_on():
    top = run("--help", env={"COLUMNS": "200"})
    assert "--install-completion" in top.stdout and "--show-completion" in top.stdout
    env = {**os.environ, "PYTHONPATH": str(ROOT), "_BRIEFINGS_COMPLETE": "complete_bash",
           "COMP_WORDS": "briefings build --for", "COMP_CWORD": "2"}
    done = subprocess.run([sys.executable, "-c", "import sys; sys.argv[0] = 'briefings'; "
                           "from briefings.cli import main; main()"],
                          capture_output=True, text=True, env=env, timeout=60)
    assert done.stdout.split() == ["--format"], done.stdout + done.stderr


# --------------------------------------------------------------------------- 7. partial themes


def test_extra_css_is_layered_over_the_theme_stylesheet(tmp_path):
    write_article(tmp_path / "news")
    theme = tmp_path / "desk-theme"
    theme.mkdir()
    (theme / "extra.css").write_text(
        "h1 { color: #123456; }\n.marking { background: url(stripe.svg); }\n", encoding="utf-8")
    (theme / "stripe.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4" height="4"/></svg>',
        encoding="utf-8")
    out = tmp_path / "out"
    result = run("build", str(tmp_path / "news"), "--date", DAY, "--theme", str(theme), "--out", str(out),
                 "--format", "html,pdf")
    assert result.exit_code == 0, result.stderr
    assert "Warning" not in result.stderr, result.stderr  # the PDF loaded nothing it may not
    html = (out / "brief.html").read_text(encoding="utf-8")
    default_css = (ROOT / "templates" / "default" / "brief.css").read_text(encoding="utf-8")
    first_rule = next(line for line in default_css.splitlines() if "{" in line)
    assert first_rule in html, "the default stylesheet is still there"
    assert html.index(first_rule) < html.index("h1 { color: #123456; }"), "extra.css comes after it"
    assert "url(stripe.svg)" not in html and 'url("data:image/svg+xml;base64,' in html
    assert (out / "brief.pdf").read_bytes().startswith(b"%PDF")


def test_extra_css_of_every_layer_most_specific_last(tmp_path):
    from briefings.render.theme import load_theme

    theme = tmp_path / "t"
    theme.mkdir()
    (theme / "extra.css").write_text("p { margin: 1px; }\n", encoding="utf-8")
    loaded = load_theme(theme)
    assert loaded.extra_stylesheets() == [(theme / "extra.css").resolve()]
    assert loaded.read_stylesheet().rstrip().endswith("p { margin: 1px; }")


# --------------------------------------------------------------------------- 8. progress and summary


def test_each_phase_is_shown_with_counts_and_the_last_line_sums_up(tmp_path):
    news = tmp_path / "news"
    write_article(news, "talks.txt")
    copy = (news / "talks.txt").read_text(encoding="utf-8").replace("outlet: Test Wire", "outlet: Copy Desk")
    (news / "talks-copy.txt").write_text(copy, encoding="utf-8")
    write_article(news, "older.txt", day="2025-07-19")
    (news / "undated.txt").write_text(
        "title: Grain corridor\noutlet: Test Wire\n---\nThe grain corridor reopened after "
        "three weeks, port officials in Odesa said on Tuesday.\n", encoding="utf-8")
    (news / "broken.json").write_text("{oops", encoding="utf-8")
    result = run("build", str(news), "--date", DAY, "--out", str(tmp_path / "out"), "--format", "json,html",
                 "--verbose")
    assert result.exit_code == 1, result.stderr  # built, one input failed
    phases = [line.split()[0] for line in result.stderr.splitlines() if line.endswith(" s)")]
    assert phases == ["read", "extract", "merge", "render"], result.stderr
    assert "read     4 articles (3 in the day, 1 outside the day, 1 failed)" in result.stderr
    assert "render   2 files" in result.stderr
    last = result.stdout.splitlines()[-1]
    assert last.startswith(f"Brief for {DAY}: 3 articles, "), last
    assert "Left out: 1 outside the day, 1 duplicate, 1 unreadable. Kept 1 undated. " in last, last
    assert re.search(r"\. \d+\.\d s$", last), last


def test_phases_are_events_under_log_json(tmp_path):
    write_article(tmp_path / "news")
    result = run("build", str(tmp_path / "news"), "--date", DAY, "--out", str(tmp_path / "out"),
                 "--format", "json", "--log-json")
    assert result.exit_code == 0, result.stderr
    events = [json.loads(line) for line in result.stderr.splitlines()]
    assert [e["phase"] for e in events if e.get("event") == "phase"] == ["read", "extract", "merge", "render"]
    built = next(e for e in events if e.get("event") == "built")
    assert built["stats"]["articles"] == 1 and built["seconds"] > 0


# --------------------------------------------------------------------------- 9. quiet cron


NAGGING = '[brief]\ntitel = "Typo Brief"\n\n[brand]\nprimary = "#ffee00"\n'
"""An unknown key and a primary colour unreadable on white: warnings every run repeats."""


def test_quiet_shows_each_persistent_warning_once_per_config_change(tmp_path):
    write_article(tmp_path / "news")
    config = tmp_path / "briefings.toml"
    config.write_text(NAGGING, encoding="utf-8")
    args = ("build", str(tmp_path / "news"), "--date", DAY, "--config", str(config), "--format", "html,json")
    first = run(*args, "--quiet")
    assert first.exit_code == 0, first.stderr
    assert "titel" in first.stderr and "brand.primary #ffee00 has contrast" in first.stderr
    second = run(*args, "--quiet")
    assert second.exit_code == 0 and second.stdout == "" and second.stderr == "", second.stderr
    loud = run(*args)
    assert "titel" in loud.stderr and "contrast" in loud.stderr, "without --quiet they always show"
    config.write_text(NAGGING + "# changed\n", encoding="utf-8")
    changed = run(*args, "--quiet")
    assert "titel" in changed.stderr and "contrast" in changed.stderr, "a changed config shows them again"


def test_quiet_still_shows_warnings_that_are_news(tmp_path):
    write_article(tmp_path / "news")
    (tmp_path / "news" / "broken.json").write_text("{oops", encoding="utf-8")
    args = ("build", str(tmp_path / "news"), "--date", DAY, "--out", str(tmp_path / "out"), "--format", "json", "--quiet")
    for _ in range(2):
        result = run(*args)
        assert result.exit_code == 1 and "broken.json" in result.stderr


def test_smtp_retries_are_said_on_verbose_runs(tmp_path):
    """A retry's pause is said, not silent: the relay on loopback refuses the connection."""
    import socket

    with socket.socket() as probe:  # a free port with nothing listening on it
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    write_article(tmp_path / "news")
    (tmp_path / "briefings.toml").write_text(
        f'[email]\nto = ["desk@example.org"]\nsender = "b@example.org"\nhost = "127.0.0.1"\n'
        f'port = {port}\nsecurity = "plain"\nretry_for = 1.5\ntimeout = 2\n', encoding="utf-8")
    result = run("build", str(tmp_path / "news"), "--date", DAY, "--config", str(tmp_path / "briefings.toml"),
                 "--format", "json", "--send", "--verbose")
    assert result.exit_code == 5, result.stderr
    assert f"smtp 127.0.0.1:{port}: temporary failure" in result.stderr and "retrying in 1 s" in result.stderr


def test_plain_smtp_login_is_a_persistent_warning_and_a_skipped_cache_is_not():
    import logging

    from briefings.console import is_persistent

    def record(name: str, message: str) -> logging.LogRecord:
        return logging.LogRecord(name, logging.WARNING, __file__, 1, message, (), None)

    assert is_persistent(record("briefings.deliver.smtp", 'smtp h:25: logging in without TLS (security = "plain")'))
    assert is_persistent(record("briefings.render.contrast", "brand.primary #fe0 has contrast 1.1:1"))
    assert not is_persistent(record("briefings.extract.cache", "fact cache x switched off"))
    assert not is_persistent(record("briefings.deliver.smtp", "smtp h:25: no recipients"))


# --------------------------------------------------------------------------- 13. a library API


def test_build_brief_from_articles_in_memory_writes_nothing(tmp_path, monkeypatch):
    from datetime import date, datetime, timezone

    from briefings import Article, Brief, build_brief

    monkeypatch.chdir(tmp_path)
    talks = Article(id="a1", title="Talks set", outlet="Test Wire", url=None,
                    published=datetime(2025, 7, 22, 9, tzinfo=timezone.utc),
                    text="Ukraine and Russia will hold peace talks in Istanbul on Wednesday, "
                         "the Ukrainian president said.")
    stale = Article(id="a2", title="Old news", outlet="Test Wire", url=None,
                    published=datetime(2025, 7, 1, 9, tzinfo=timezone.utc), text="Nothing happened, he said.")
    brief = build_brief([talks, stale], date(2025, 7, 22))
    assert isinstance(brief, Brief)
    assert brief.stats.articles == 1 and brief.stats.out_of_window == 1
    assert any("Istanbul" in f.text for f in brief.key_points)
    assert list(tmp_path.iterdir()) == [], "nothing is written unless asked"


def test_build_brief_from_paths_renders_when_asked_under_the_run_lock(tmp_path):
    from briefings import Busy, build_brief, run_lock

    write_article(tmp_path / "news")
    out = tmp_path / "out"
    brief = build_brief([tmp_path / "news"], DAY, out_dir=out, formats=["json"])
    assert json.loads((out / "brief.json").read_text(encoding="utf-8"))["stats"] == brief.stats.to_json()
    assert sorted(p.name for p in out.iterdir()) == ["brief.json"]
    with run_lock(out):
        with pytest.raises(Busy):
            build_brief([tmp_path / "news"], DAY, out_dir=out, formats=["json"])


def test_build_brief_raises_nothing_to_brief_and_reads_configs(tmp_path):
    from briefings import NothingToBrief, build_brief

    write_article(tmp_path / "news", day="2025-07-01")
    with pytest.raises(NothingToBrief):
        build_brief([tmp_path / "news"], DAY)
    write_article(tmp_path / "news", "today.txt")
    (tmp_path / "desk.toml").write_text('[brief]\ntitle = "Library Brief"\n', encoding="utf-8")
    assert build_brief([tmp_path / "news"], DAY, config=tmp_path / "desk.toml").title == "Library Brief"


def test_the_package_is_typed_and_import_stays_light():
    assert (ROOT / "briefings" / "py.typed").is_file()
    done = subprocess.run([sys.executable, "-c", "import sys, briefings; "
                           "print(sorted(m for m in ('jinja2', 'weasyprint', 'pydantic') if m in sys.modules))"],
                          capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=60)
    assert done.stdout.strip() == "[]", done.stdout + done.stderr


def test_every_public_name_is_exported():
    import briefings

    for name in briefings.__all__:
        assert getattr(briefings, name) is not None, name
