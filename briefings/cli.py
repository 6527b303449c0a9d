"""The command line: parse flags, call the library, turn errors into one line and an exit code.

Heavy imports (dateparser, Jinja2, WeasyPrint) happen inside the commands, so that
``briefings --help`` answers at once.
"""

from __future__ import annotations

import json
import sys
import time
from datetime import date
from pathlib import Path
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from typing import TYPE_CHECKING, Annotated, Any, Optional, TypeVar

import typer

from .console import Console, counted
from .errors import (
    EXIT_NOTHING,
    EXIT_OK,
    EXIT_SOURCES_FAILED,
    EXIT_USAGE,
    BriefingsError,
    ConfigError,
)

if TYPE_CHECKING:
    from .config import Config

T = TypeVar("T")

EXIT_CODES_HELP = (
    "Exit codes: 0 brief built; 1 built, but some inputs failed (each named on stderr); "
    "2 usage or configuration error; 3 nothing to brief; 4 build failed, previous outputs "
    "untouched; 5 built, delivery failed."
)

app = typer.Typer(
    help="Turn a day's news into a branded morning brief (HTML, PDF, JSON).\n\n" + EXIT_CODES_HELP,
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
)

_state = {"debug": False}
_console = Console()

ConfigOption = Annotated[
    Optional[Path],
    typer.Option("--config", "-c", help="A briefings.toml file (default: briefings.toml in the current folder, else the file $BRIEFINGS_CONFIG names, else built-in defaults).", show_default=False),
]
DebugOption = Annotated[bool, typer.Option("--debug", help="Show tracebacks of errors.")]
VerboseOption = Annotated[bool, typer.Option("--verbose", "-v", help="Also say which config file is used and what each phase did.")]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing unless something went wrong (for cron).")]
LogJsonOption = Annotated[bool, typer.Option("--log-json", help="Log every event as one JSON object a line on stderr.")]
DayOption = Annotated[Optional[str], typer.Option("--date", "-d", help="The day the brief covers: YYYY-MM-DD or words such as 'yesterday' (default today).")]
OutOption = Annotated[Optional[Path], typer.Option("--out", "-o", help="The brief's folder (default reports/YYYY-MM-DD/ beside the config, or in the current folder).")]
DryRunOption = Annotated[bool, typer.Option("--dry-run", help="Write the email as brief.eml in the brief's folder instead of sending it.")]


def _print_version(asked: bool) -> None:
    """``--version`` alone: answered before Click looks for a subcommand (an eager option)."""
    if asked:
        from . import __version__

        typer.echo(f"briefings {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _main(
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks of errors (also accepted after the subcommand).")] = False,
    version: Annotated[bool, typer.Option("--version", help="Print the version and exit.", is_eager=True, callback=_print_version, expose_value=True)] = False,
) -> None:
    _state["debug"] = debug


def set_output(quiet: bool = False, log_json: bool = False, verbose: bool = False,
               debug: bool = False) -> Console:
    """Choose how this run prints (see ``briefings.console``); ``--debug`` counts before the
    subcommand or after it."""
    global _console
    _state["debug"] = _state["debug"] or debug
    _console = Console(quiet=quiet, json_lines=log_json, verbose=verbose and not quiet)
    _console.install_logging(_state["debug"])
    return _console


def fail(message: str, code: int) -> typer.Exit:
    """Report ``message`` and give the exit to raise; a ConfigError lists every problem of the
    file, one line each, and each is printed as its own ``Error:`` line (or JSON event)."""
    for line in message.split("\n"):
        _console.error(line, exit_code=code)
    return typer.Exit(code)


def warn(message: str, **fields: Any) -> None:
    _console.warn(message, **fields)


def run_guarded(function, *args, **kwargs):
    """Call a library function; a ``BriefingsError`` becomes one line on stderr and its exit code."""
    try:
        return function(*args, **kwargs)
    except BriefingsError as exc:
        if _state["debug"]:
            raise
        for failure in getattr(exc, "failures", ()):
            warn(f"skipped {failure}", kind="skipped")
        raise fail(str(exc), exc.exit_code) from None


@contextmanager
def locked(out_dir: Path) -> Iterator[None]:
    """Hold the run lock of ``out_dir``, or exit with its one-line error (another run has it)."""
    from .locking import run_lock

    with ExitStack() as stack:
        run_guarded(stack.enter_context, run_lock(out_dir))
        yield


def parse_day(text: str | None, config: Config) -> date:
    """``--date``: an ISO date, or words such as "yesterday" read in the brief's timezone."""
    from .window import parse_brief_date

    return parse_brief_date(text, config.settings.brief.timezone)


def load(config_path: Path | None):
    """The run's config: ``--config``, else ./briefings.toml, else $BRIEFINGS_CONFIG (see
    ``config.find_config``); verbose output names the file used and how it was found."""
    from .config import find_config, load_config
    from .pipeline import registered_choices

    found = run_guarded(find_config, config_path)
    _console.info(found.describe(), event="config", path=str(found.path) if found.path else None)
    config = run_guarded(load_config, found.path, registered_choices())
    _console.memory = warning_memory(config)
    for message in config.warnings:
        _console.warn(message, persistent=True)
    return config


def warning_memory(config):
    """Where this config's persistent warnings are remembered: beside its outputs."""
    import hashlib

    from .console import WarningMemory

    try:
        text = config.file.read_bytes() if config.file else b""
    except OSError:
        text = b""
    return WarningMemory(config.base_dir / "reports" / ".warnings-shown.json",
                         hashlib.sha256(text).hexdigest()[:16])


def no_config() -> str:
    from .config import NO_CONFIG

    return NO_CONFIG


def parse_formats(text: str) -> list[str]:
    from .render import format_names

    known = format_names()
    formats = [f.strip().lower() for f in text.split(",") if f.strip()]
    unknown = [f for f in formats if f not in known]
    if unknown or not formats:
        raise ConfigError(f"--format: unknown format {unknown[0] if unknown else text!r}; choose from {', '.join(known)}")
    return formats


@app.command()
def build(
    paths: Annotated[Optional[list[Path]], typer.Argument(help="Article files or folders (.txt, .md, .html, .json, .jsonl). None: the archive that collect fills.", show_default=False)] = None,
    day: DayOption = None,
    out: OutOption = None,
    formats: Annotated[str, typer.Option("--format", "-f", help="Comma list of html, pdf, json, ics.")] = "html,pdf,json,ics",
    theme: Annotated[Optional[str], typer.Option("--theme", help="A built-in theme name or a theme folder.")] = None,
    config_path: ConfigOption = None,
    send: Annotated[bool, typer.Option("--send", help="Email the brief when it is built (the config's \\[email] table).")] = False,
    dry_run: DryRunOption = False,
    quiet: QuietOption = False,
    log_json: LogJsonOption = False,
    verbose: VerboseOption = False,
    page_size: Annotated[Optional[str], typer.Option("--page-size", help="Paper of the PDF: a4 or letter (default: the config's brand.page_size, else a4).")] = None,
    pdf_variant: Annotated[Optional[str], typer.Option("--pdf-variant", help="pdf/a-3b (archival, brief.json attached) or pdf/ua-1 (tagged for screen readers); none for a plain PDF.")] = None,
    since: Annotated[Optional[Path], typer.Option("--since", help="A previous brief.json to mark each story new, continuing or updated against (default: the day before's, beside the output folder).", show_default=False)] = None,
    debug: DebugOption = False,
) -> None:
    """Build the brief of one day from article files: brief.html, brief.pdf, brief.json and looking-ahead.ics (when there are upcoming events).

    Articles published on the day (00:00 to 24:00 in the brief's timezone) are briefed; articles with no publication date are kept and counted. With no paths, the brief is made from the archive (the config's [[sources]], filled by briefings collect; folder sources are collected first). A bad file is named on stderr and skipped (exit 1); the others are still briefed. One run at a time per brief folder: a second run started meanwhile does nothing (exit 4).

    Examples:

    \b
      briefings build samples --date 2025-07-22          # the sample articles
      briefings build . --date yesterday --format pdf    # this folder, PDF only
      briefings build --date yesterday --send --quiet    # the archive, emailed (cron)
      briefings build inbox --theme compact --send --dry-run   # write brief.eml, send nothing
    """
    from .pipeline import BuildRequest, build as run_build

    started = time.perf_counter()
    set_output(quiet, log_json, verbose, debug)
    config = load(config_path)
    if page_size is not None or pdf_variant is not None:  # flags override the config's [brand]
        from dataclasses import replace

        from pydantic import ValidationError

        from .config import BrandTable

        flags = {k: v for k, v in (("page_size", page_size), ("pdf_variant", pdf_variant)) if v is not None}
        try:
            brand = BrandTable.model_validate({**config.settings.brand.model_dump(), **flags})
        except ValidationError as exc:
            error = exc.errors()[0]
            raise fail(f"--{str(error['loc'][0]).replace('_', '-')}: {error['msg'].removeprefix('Value error, ')}", EXIT_USAGE) from None
        config = replace(config, settings=config.settings.model_copy(update={"brand": brand}))
    the_day = run_guarded(parse_day, day, config)
    format_list = run_guarded(parse_formats, formats)
    if dry_run and not send:
        raise fail("--dry-run applies to --send (it writes brief.eml instead of sending); "
                   "add --send, or leave --dry-run out to build the brief", EXIT_USAGE)
    email = run_guarded(config.require_email) if send else None
    if email is not None:
        check_password(email, dry_run)
    out_dir = out or config.base_dir / "reports" / the_day.isoformat()
    theme_choice = checked_theme(theme, config)
    inputs = own_files_left_out(paths or [], out_dir, config)
    if since is not None and not since.is_file():
        raise fail(f"--since {since}: no such file (give a brief.json of an earlier day)", EXIT_USAGE)
    request = BuildRequest(inputs, the_day, out_dir, format_list, theme_choice, since)
    with locked(out_dir):
        result = run_guarded(run_build, request, config, _console.progress, _console.phase)
        for failure in result.failures:
            warn(f"skipped {failure}", kind="skipped")
        for path in result.files:
            _console.result(f"  {path}", event="written", path=str(path))
        if email is not None:
            with _console.phase("send") as counts:
                deliver(result.brief, out_dir, email, theme_choice, dry_run)
                counts.update(recipient=len(email.recipients))
        stats = result.brief.stats
        _console.result(summary_line(the_day, stats, out_dir, time.perf_counter() - started),
                        event="built", date=the_day.isoformat(), out=str(out_dir), stats=stats.to_json(),
                        seconds=round(time.perf_counter() - started, 3))
    raise typer.Exit(EXIT_SOURCES_FAILED if result.failures else EXIT_OK)


def summary_line(day: date, stats, out_dir: Path, seconds: float) -> str:
    """The build's last line, as Pelican and MkDocs end theirs: what was briefed, what was
    left out and why, and the time taken."""
    left_out = [(stats.out_of_window, "outside the day"),
                (stats.duplicate_articles, "duplicate" if stats.duplicate_articles == 1 else "duplicates"),
                (stats.skipped, "unreadable")]
    left = ", ".join(f"{n} {why}" for n, why in left_out if n) or "nothing"
    undated = f" Kept {stats.undated} undated." if stats.undated else ""
    return (f"Brief for {day.isoformat()}: {counted(stats.articles, 'article')}, "
            f"{counted(stats.facts, 'fact')} → {out_dir}. Left out: {left}.{undated} {seconds:.1f} s")


def checked_theme(flag: str | None, config) -> str | Path | None:
    """The theme of this run (``--theme``, else the config's), checked before anything is
    built: an unknown one is a usage error (exit 2) naming the built-in themes."""
    from .render.theme import load_theme

    choice = Path(flag) if flag and ("/" in flag or Path(flag).is_dir()) else flag
    where = "--theme" if flag else f"{config.file.name if config.file else 'config'}: theme"
    choice = choice or config.theme
    try:
        load_theme(choice)
    except BriefingsError as exc:
        reason = str(exc).split(": ", 1)[1] if str(exc).startswith("theme ") else str(exc)
        raise fail(f"{where} {choice}: {reason}", EXIT_USAGE) from None
    return choice


def check_password(email, dry_run: bool, stops: str = "nothing was built or sent") -> None:
    """The SMTP password's variable must be set before the build starts, not be found missing
    after it; under --dry-run (which sends nothing) the same finding is a warning, so a dry
    run tells what the real one would meet."""
    import os

    if not email.username or (email.password_env and os.environ.get(email.password_env)):
        return
    problem = (f"email.password_env: environment variable {email.password_env} is not set "
               f"(the SMTP password for {email.username!r})")
    if dry_run:
        warn(f"{problem}; a real send would fail", kind="password")
        return
    raise fail(f"{problem}; {stops}", EXIT_USAGE)


def own_files_left_out(paths: list[Path], out_dir: Path, config) -> list[Path]:
    """The named paths without the tool's own output, theme and licence files (``build .``
    in a desk folder must not read its reports/ or its theme copy as articles)."""
    from .workspace import article_inputs

    inputs = article_inputs(paths, own_folders=(out_dir, config.base_dir / "reports"))
    if inputs.left_out:
        shown = ", ".join(str(p) for p in inputs.left_out[:5]) + (", ..." if len(inputs.left_out) > 5 else "")
        _console.info(f"left out {counted(len(inputs.left_out), 'path')} of briefings' own (outputs, themes, licences): {shown}",
                      event="left-out", paths=[str(p) for p in inputs.left_out])
    return inputs.paths


def brief_files(out_dir: Path) -> dict[str, Path]:
    from .render import FILE_NAMES

    return {fmt: out_dir / name for fmt, name in FILE_NAMES.items() if (out_dir / name).exists()}


def deliver(brief, out_dir: Path, email, theme, dry_run: bool) -> None:
    """Send (or with --dry-run write as .eml) the brief in ``out_dir``; failures exit 5."""
    from .deliver import send_brief

    eml = out_dir / "brief.eml" if dry_run else None
    written = run_guarded(send_brief, brief, brief_files(out_dir), email, theme, eml=eml)
    if written:
        _console.result(f"Email written to {written} (dry run, not sent)", event="dry-run", path=str(written))
    else:
        recipients = len(email.recipients)
        _console.result(f"Email sent to {recipients} recipient{'s' if recipients != 1 else ''} via {email.where}",
                        event="sent", recipients=recipients, server=email.where)


@app.command()
def send(
    day: DayOption = None,
    out: OutOption = None,
    config_path: ConfigOption = None,
    theme: Annotated[Optional[str], typer.Option("--theme", help="A built-in theme name or a theme folder (for the email's HTML).")] = None,
    dry_run: DryRunOption = False,
    quiet: QuietOption = False,
    log_json: LogJsonOption = False,
    verbose: VerboseOption = False,
    debug: DebugOption = False,
) -> None:
    """Email a brief that build already wrote (its brief.json, PDF and looking-ahead.ics), without rebuilding it.

    SMTP settings come from the config's [email] table; the password from the environment variable it names. Temporary failures are retried; a delivery failure exits 5 and leaves the files as they are.

    Examples:

    \b
      briefings send --date yesterday
      briefings send --date 2025-07-22 --dry-run         # write brief.eml, send nothing
    """
    from .deliver import load_brief

    set_output(quiet, log_json, verbose, debug)
    config = load(config_path)
    the_day = run_guarded(parse_day, day, config)
    email = run_guarded(config.require_email)
    check_password(email, dry_run, stops="nothing was sent")
    out_dir = out or config.base_dir / "reports" / the_day.isoformat()
    if not (out_dir / "brief.json").is_file():
        raise fail(f"{out_dir / 'brief.json'}: no brief to send; run briefings build --date {the_day.isoformat()} first", EXIT_NOTHING)
    theme_choice = checked_theme(theme, config)
    with locked(out_dir):
        brief = run_guarded(load_brief, out_dir / "brief.json")
        deliver(brief, out_dir, email, theme_choice, dry_run)
    raise typer.Exit(EXIT_OK)


@app.command()
def collect(
    source: Annotated[Optional[str], typer.Option("--source", "-s", help="Collect only the source of this name.")] = None,
    config_path: ConfigOption = None,
    quiet: QuietOption = False,
    log_json: LogJsonOption = False,
    verbose: VerboseOption = False,
    debug: DebugOption = False,
) -> None:
    """Collect every source of the config (folders, RSS/Atom feeds, web pages) into the archive; run it hourly from cron.

    Articles are stored by canonical URL and content hash, so collecting again adds nothing twice. Each failing source is one line on stderr (exit 1); the others are still collected.

    Examples:

    \b
      briefings collect                                  # every source of ./briefings.toml
      briefings collect --source inbox --quiet           # one source (cron)
    """
    from .archive import Archive
    from .collect.sources import collect_sources
    from .collect.sources import source_specs

    set_output(quiet, log_json, verbose, debug)
    config = load(config_path)
    specs = run_guarded(source_specs, config, source)
    if not specs:
        raise fail(f"{config.file or no_config()}: no [[sources]] to collect", EXIT_USAGE)
    bar = _console.counter("Collecting", len(specs))
    with run_guarded(Archive, config.archive_path) as archive:
        limits = config.settings.limits
        results = run_guarded(collect_sources, specs, archive, default_tz=config.timezone, progress=bar,
                              source_seconds=limits.source_seconds, file_bytes=limits.file_bytes,
                              json_depth=limits.json_depth)
        total = archive.count()
    failed = [r for r in results if r.error]
    for result in failed:
        warn(result.message(), kind="source-failed", source=result.name)
    for result in results:
        for warning in result.warnings:
            _console.note(f"{result.name}: {warning}", kind="source-warning", source=result.name)
        dropped = result.dropped_message()
        if dropped:
            warn(dropped, kind="items-dropped", source=result.name, dropped=len(result.dropped))
    added = sum(r.added for r in results)
    _console.result(
        f"Collected {len(specs) - len(failed)} of {len(specs)} sources: {added} new articles ({total} in the archive)",
        event="collected", sources=len(specs), failed=len(failed), added=added, archived=total,
    )
    raise typer.Exit(EXIT_SOURCES_FAILED if failed else EXIT_OK)


sources_app = typer.Typer(no_args_is_help=False)
app.add_typer(sources_app, name="sources")


@sources_app.callback(invoke_without_command=True)
def sources(ctx: typer.Context, config_path: ConfigOption = None, verbose: VerboseOption = False, debug: DebugOption = False) -> None:
    """List each configured source with its last success, last error and number of archived articles; briefings sources import FILE.opml adds the feeds of a feed reader's export.

    Examples:

    \b
      briefings sources
      briefings sources --config /srv/briefings/briefings.toml
      briefings sources import subscriptions.opml
    """
    if ctx.invoked_subcommand is not None:
        return
    from .archive import Archive

    set_output(verbose=verbose, debug=debug)
    config = load(config_path)
    status = {}
    if config.archive_path.exists():
        with run_guarded(Archive, config.archive_path) as archive:
            status = {s.name: s for s in run_guarded(archive.source_status)}
    if not config.settings.sources:
        raise fail(f"{config.file or no_config()}: no [[sources]] configured", EXIT_USAGE)
    for table in config.settings.sources:
        seen = status.get(table.name)
        where = table.url or table.path
        success = _when(seen.last_success) if seen else "never"
        line = f"{table.name} ({table.kind} {where}): last success {success}; {counted(seen.articles if seen else 0, 'article')}"
        if seen and seen.failing:
            line += f"; last error {_when(seen.last_error_at)}: {seen.last_error}"
        elif seen and seen.last_error:
            line += f"; recovered from an error at {_when(seen.last_error_at)}: {seen.last_error}"
        if seen and seen.last_dropped:
            line += f"; last collect: {seen.last_dropped} ({seen.dropped} dropped in all)"
        typer.echo(line)


@sources_app.command("import")
def sources_import(
    opml: Annotated[Path, typer.Argument(help="An OPML file: the subscription list a feed reader exports.")],
    config_path: ConfigOption = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Print the entries that would be added; change nothing.")] = False,
    verbose: VerboseOption = False,
    debug: DebugOption = False,
) -> None:
    """Add the feeds of an OPML file to the config's sources (a feed source per feed; a site source, its feed found from its home page, where the list gives only a site). Feeds already configured are left out; the config's comments are kept.

    Examples:

    \b
      briefings sources import subscriptions.opml
      briefings sources import feeds.opml --config /srv/briefings/briefings.toml --dry-run
    """
    import tomllib

    from pydantic import ValidationError

    from .atomic import write_text_atomic
    from .collect.opml import new_sources, read_opml
    from .config import Settings
    from .pipeline import registered_choices
    from .schema import problem_lines

    set_output(verbose=verbose, debug=debug)
    config = load(config_path)
    if config.file is None:
        raise fail(f"{no_config()}: run briefings init first, then import", EXIT_USAGE)
    found = run_guarded(read_opml, opml)
    configured = config.settings.sources
    added, left_out = new_sources(found, [t.name for t in configured], [t.url for t in configured if t.url])
    for line in left_out:
        _console.info(line, event="left-out")
    if not added:
        _console.result(f"{opml}: no new feeds ({counted(len(found), 'subscription')}, all configured or unusable)")
        raise typer.Exit(EXIT_OK)
    old = config.file.read_text(encoding="utf-8")
    addition = f"\n# Imported from {opml.name}\n" + "\n".join(sub.toml() for sub in added)
    text = old.rstrip("\n") + "\n" + addition
    try:
        Settings.model_validate(tomllib.loads(text), context=registered_choices())
    except ValidationError as exc:
        raise fail("\n".join(problem_lines(opml.name, exc)), EXIT_USAGE) from None
    if dry_run:
        typer.echo(addition.lstrip("\n"), nl=False)
        raise typer.Exit(EXIT_OK)
    run_guarded(write_text_atomic, config.file, text)
    kinds = ", ".join(f"{sum(s.kind == k for s in added)} {k}" for k in ("feed", "site") if any(s.kind == k for s in added))
    _console.result(f"Added {counted(len(added), 'source')} ({kinds}) to {config.file}"
                    + (f"; {len(left_out)} left out" + ("" if _console.verbose else " (--verbose lists them)") if left_out else "")
                    + ". Next: briefings collect")


def _when(moment) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S %Z").strip() if moment else "never"


@app.command()
def init(
    folder: Annotated[Path, typer.Argument(help="Where to write briefings.toml and the theme copy.")] = Path("."),
    theme: Annotated[bool, typer.Option("--theme/--no-theme", help="Also copy the default theme to FOLDER/templates/default for editing.")] = True,
    taxonomy: Annotated[str, typer.Option("--taxonomy", help="The sections to start from: default (diplomacy, strikes, aid), humanitarian or politics-economy.")] = "default",
    debug: DebugOption = False,
) -> None:
    """Write a commented example briefings.toml (and a copy of the default theme) to start from, create the folders its sources read, and say what to do next. Existing files are never overwritten.

    Examples:

    \b
      briefings init desk && cd desk && briefings build
      briefings init /srv/briefings --no-theme
      briefings init ngo-desk --taxonomy humanitarian
    """
    import shutil

    from .render.theme import builtin_themes_dir

    set_output(debug=debug)
    from .taxonomy import TAXONOMIES

    if taxonomy not in TAXONOMIES:
        raise fail(f"--taxonomy {taxonomy}: unknown; the packaged ones are {', '.join(sorted(TAXONOMIES))}", EXIT_USAGE)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "briefings.toml"
    if target.exists():
        raise fail(f"{target}: already exists; not overwritten", EXIT_USAGE)
    from importlib import resources

    example = resources.files("briefings").joinpath("data", "briefings.example.toml").read_text("utf-8")
    if taxonomy != "default":
        example = example.replace('# taxonomy = "default" ', f'taxonomy = "{taxonomy}"', 1)
    from .atomic import write_text_atomic

    run_guarded(write_text_atomic, target, example)
    typer.echo(f"Wrote {target}")
    inboxes = _make_source_folders(folder, example)
    for inbox in inboxes:
        typer.echo(f"Created {inbox}/ (the config's folder source: put article files here)")
    if theme:
        theme_target = folder / "templates" / "default"
        if theme_target.exists():
            warn(f"{theme_target}: already exists; theme not copied")
        else:
            shutil.copytree(builtin_themes_dir() / "default", theme_target)
            typer.echo(f"Copied the default theme to {theme_target} (add your rules to extra.css there, or edit brief.css or brief.html.j2)")
    typer.echo("")
    typer.echo("Next:")
    where = f"{inboxes[0]}/" if inboxes else "a folder"
    typer.echo(f"  1. put article files (.txt, .md, .html, .json, .jsonl) in {where}, and edit {target}")
    go = "" if folder.resolve() == Path.cwd().resolve() else f"cd {folder} && "
    typer.echo(f"  2. {go}briefings build      (today's articles; --date yesterday, or --date 2025-07-22)")
    typer.echo("  3. open reports/<date>/brief.pdf or brief.html")


def _make_source_folders(folder: Path, config_text: str) -> list[Path]:
    """Create the folder sources the new config declares, so the first build finds them."""
    import tomllib

    made = []
    for source in tomllib.loads(config_text).get("sources", []):
        if source.get("kind") == "folder" and source.get("path"):
            path = folder / source["path"]
            if not path.exists():
                path.mkdir(parents=True)
                made.append(folder / source["path"].rstrip("/"))
    return made


@app.command()
def extract(
    paths: Annotated[list[Path], typer.Argument(help="Article files or folders.")],
    day: Annotated[Optional[str], typer.Option("--date", "-d", help="Publication date assumed for undated articles (default today).")] = None,
    config_path: ConfigOption = None,
    verbose: VerboseOption = False,
    debug: DebugOption = False,
) -> None:
    """Print one JSON line per sentence of every article, boilerplate included, in article order: {"article", "language", "index", "text", "label", "also", "dates", ...}.

    "article" is the file's name for articles read from files, else the article id.

    Examples:

    \b
      briefings extract samples/001-wire-istanbul-talks.txt | head
      briefings extract inbox --date 2025-07-22 > sentences.jsonl
    """
    from .collect import read_paths
    from .pipeline import extractor

    set_output(verbose=verbose, debug=debug)
    config = load(config_path)
    the_day = run_guarded(parse_day, day, config)
    extract_one = run_guarded(extractor, config, the_day)  # the configured classifier, as build uses
    limits = config.settings.limits
    read = read_paths(list(paths), default_tz=config.timezone, max_bytes=limits.file_bytes,
                      json_depth=limits.json_depth)
    for skipped in read.skipped:
        warn(f"skipped {skipped.message()}")
    if not read.articles:
        raise fail("nothing to extract: no article could be read", EXIT_NOTHING)
    out = sys.stdout
    for article in read.articles:
        for fact in extract_one(article):
            record = {
                "article": article.label,
                "language": article.language,
                "index": fact.index,
                "text": fact.text,
                "label": fact.section,
                "also": list(fact.also),
                "dates": [d.to_json() for d in fact.dates],
                "attribution": fact.attribution,
                "score": round(fact.score, 3),
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    out.flush()
    raise typer.Exit(EXIT_SOURCES_FAILED if read.skipped else EXIT_OK)


@app.command("eval")
def evaluate_command(
    folders: Annotated[list[Path], typer.Argument(
        metavar="ARTICLES GOLD [ARTICLES GOLD]...",
        help="A folder of article files (NAME.txt, ...) and its folder of gold files (NAME.json), one per article; more pairs pool more corpora (dev + train).")],
    json_out: Annotated[Optional[Path], typer.Option("--json", help="Also write the figures as JSON to this file.")] = None,
    folds: Annotated[int, typer.Option("--folds", help="Also score k-fold over this many folds (0 = no cross-validation): refitting the learned classifier, or tuning the cue lexicon's numeric settings.")] = 0,
    classifier_name: Annotated[Optional[str], typer.Option("--classifier", help="The section classifier to score (cues, learned, ...); default: the config's [extract] classifier, else the built-in default.")] = None,
    config_path: ConfigOption = None,
    verbose: VerboseOption = False,
    debug: DebugOption = False,
) -> None:
    """Score extraction against gold: per-label precision, recall and F1, macro-F1 over diplomacy/strikes/aid/other, boilerplate precision and recall, the share of gold dates resolved to the gold day, and the same per article language.

    The sections are decided as a build decides them: by the config's classifier (or --classifier), the learned one by default.

    Method: sentence splits differ, so each gold sentence is located in the article's text (whitespace and invisible characters normalised, searched forward in article order) and takes the label of the predicted sentences covering most of its characters; one not found or not covered counts as 'boilerplate' (dropped). A sentence with 'also' labels is right when the prediction is any of them. A gold date is resolved when a predicted date whose text contains (or is contained in) the gold expression has the gold start and end day.

    With --folds K and the learned classifier, the articles are split into K folds by article group (same gold cluster, or a shared sentence: never on both sides); a model is fitted on the other folds (needs scikit-learn, the 'train' extra) and scores each fold, beside the cue lexicon on the same folds, per label and per language (added to --json as "cross_validation"). The whole-corpus figure above it scores the shipped model, which was trained on the dev and train corpora: it is not a held-out figure.

    With --folds K and the cue lexicon, for each fold the lexicon's numeric settings are chosen from a small grid on the other folds and scored on it, and the pooled held-out figures are printed beside the whole-corpus ones. The cue words are not refitted, so the gap shows the overfitting of the tuned settings only.

    Examples:

    \b
      briefings eval ../shared/corpus/articles ../shared/corpus/gold ../shared/corpus/train/articles ../shared/corpus/train/gold --folds 5
      briefings eval articles/ gold/ --classifier cues --json figures.json
    """
    from .evaluation.extraction import (EvalReport, assign_folds, cross_validate, evaluate, format_cross_validation,
                                        format_languages, format_table, load_gold_pairs)
    from .extract.classifiers import DEFAULT_CLASSIFIER, make_classifier

    set_output(verbose=verbose, debug=debug)
    if folds < 0 or folds == 1:
        raise fail(f"--folds {folds}: use 0 (no cross-validation) or at least 2", EXIT_USAGE)
    if len(folders) % 2:
        raise fail(f"{folders[-1]}: articles and gold folders come in pairs (ARTICLES GOLD ...)", EXIT_USAGE)
    config = load(config_path)
    name = classifier_name or config.settings.extract.classifier or DEFAULT_CLASSIFIER
    classifier = run_guarded(make_classifier, name, config.taxonomy)
    pairs = []
    for articles, gold in zip(folders[::2], folders[1::2]):
        pairs += run_guarded(load_gold_pairs, articles, gold)
    if folds and name == "cues":
        run_guarded(assign_folds, pairs, folds)  # too many folds for the corpus: say so before scoring
    by_language: dict[str, EvalReport] = {}
    report = run_guarded(evaluate, pairs, config.taxonomy, classifier=classifier, by_language=by_language)
    gold_names = " + ".join(str(gold) for gold in folders[1::2])
    typer.echo(format_table(report, f"{report.articles} articles, {gold_names}, classifier {name}"))
    confusions = report.confusions()[:8]
    if confusions:
        typer.echo("most frequent confusions (gold → predicted): " + ", ".join(f"{g}→{p} {n}" for g, p, n in confusions))
    typer.echo(format_languages(by_language))
    figures = report.to_json()
    figures["classifier"] = name
    figures["by_language"] = {language: {"articles": r.articles, "macro_f1_present": round(r.present_macro_f1, 4),
                                         "labels": r.to_json()["labels"]}
                              for language, r in sorted(by_language.items())}
    if folds and name == "cues":
        cv = run_guarded(cross_validate, pairs, config.taxonomy, folds=folds)
        typer.echo("")
        typer.echo(format_cross_validation(cv))
        figures["cross_validation"] = cv.to_json()
    elif folds and name == "learned":
        figures["cross_validation"] = _learned_kfold(pairs, folds, config.taxonomy, gold_names)
    elif folds:
        raise fail(f"--folds: k-fold scoring knows the cues and learned classifiers, not {name!r}", EXIT_USAGE)
    if json_out:
        from .atomic import write_text_atomic

        run_guarded(write_text_atomic, json_out, json.dumps(figures, indent=2) + "\n")


def _learned_kfold(pairs: Any, folds: int, taxonomy: Any, over: str) -> dict[str, Any]:
    """The learned classifier refitted per fold (``extract.train.kfold_pairs``), printed; its JSON."""
    try:
        import sklearn  # noqa: F401
    except ImportError:
        raise fail("--folds with the learned classifier refits it and needs scikit-learn: "
                   "pip install 'briefings[train]'", EXIT_USAGE) from None
    from .extract.train import format_kfold, kfold_json, kfold_pairs, shipped_cameo

    result = run_guarded(kfold_pairs, pairs, shipped_cameo(), folds, taxonomy)
    typer.echo("")
    typer.echo(format_kfold(result, over))
    return kfold_json(result)


def _escape_rich_markup(typer_app: typer.Typer) -> None:
    """Rich reads ``[word]`` in help text as markup and drops it ("the config's  table" for
    ``[email]``); escape every bracket of every command's help once, so the help says
    ``[[sources]]`` and ``[email]`` as written here. (Option help is evaluated afresh from
    the annotations, so a bracket there is written escaped, as in ``--send``'s.)"""
    import inspect

    commands: list[Any] = [*typer_app.registered_commands]
    for group in typer_app.registered_groups:
        if group.typer_instance is not None:
            commands += [*group.typer_instance.registered_commands, group.typer_instance.registered_callback]
    for command in commands:
        if command is None:
            continue
        text = command.help or inspect.getdoc(command.callback) or ""
        command.help = text.replace("[", "\\[")


_escape_rich_markup(app)


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        sys.exit(130)


if __name__ == "__main__":
    main()
