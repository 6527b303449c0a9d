"""The command line: parse flags, call the library, turn errors into one line and an exit code.

Heavy imports (dateparser, Jinja2, WeasyPrint) happen inside the commands, so that
``briefings --help`` answers at once.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from typing import Annotated, Any, Optional, TypeVar

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

T = TypeVar("T")

EXIT_CODES_HELP = (
    "Exit codes: 0 brief built; 1 built, but some inputs failed (each named on stderr); "
    "2 usage or configuration error; 3 nothing to brief; 4 build failed, previous outputs "
    "untouched; 5 built, delivery failed."
)

app = typer.Typer(
    help="Turn a day's news into a branded morning brief (HTML, PDF, JSON).\n\n" + EXIT_CODES_HELP,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

_state = {"debug": False}
_console = Console()

ConfigOption = Annotated[
    Optional[Path],
    typer.Option("--config", "-c", help="A briefings.toml file (default: none, built-in defaults)."),
]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing unless something went wrong (for cron).")]
LogJsonOption = Annotated[bool, typer.Option("--log-json", help="Log every event as one JSON object a line on stderr.")]
DayOption = Annotated[Optional[str], typer.Option("--date", "-d", help="The day the brief covers: YYYY-MM-DD or words such as 'yesterday' (default today).")]
OutOption = Annotated[Optional[Path], typer.Option("--out", "-o", help="The brief's folder (default reports/YYYY-MM-DD/ beside the config, or in the current folder).")]
DryRunOption = Annotated[bool, typer.Option("--dry-run", help="Write the email as brief.eml in the brief's folder instead of sending it.")]


@app.callback()
def _main(
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks of errors.")] = False,
    version: Annotated[bool, typer.Option("--version", help="Print the version and exit.")] = False,
) -> None:
    _state["debug"] = debug
    if version:
        from importlib.metadata import version as package_version

        typer.echo(f"briefings {package_version('briefings')}")
        raise typer.Exit(EXIT_OK)


def set_output(quiet: bool = False, log_json: bool = False) -> Console:
    """Choose how this run prints (see ``briefings.console``)."""
    global _console
    _console = Console(quiet=quiet, json_lines=log_json)
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


def parse_day(text: str | None, config) -> date:
    """``--date``: an ISO date, or words such as "yesterday" read in the brief's timezone."""
    from .window import parse_brief_date

    return parse_brief_date(text, config.settings.brief.timezone)


def load(config_path: Path | None):
    from .config import load_config
    from .pipeline import registered_choices

    config = run_guarded(load_config, config_path, registered_choices())
    for message in config.warnings:
        warn(message)
    return config


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
    send: Annotated[bool, typer.Option("--send", help="Email the brief when it is built (the config's [email] table).")] = False,
    dry_run: DryRunOption = False,
    quiet: QuietOption = False,
    log_json: LogJsonOption = False,
    page_size: Annotated[Optional[str], typer.Option("--page-size", help="Paper of the PDF: a4 or letter (default: the config's brand.page_size, else a4).")] = None,
    pdf_variant: Annotated[Optional[str], typer.Option("--pdf-variant", help="pdf/a-3b (archival, brief.json attached) or pdf/ua-1 (tagged for screen readers); none for a plain PDF.")] = None,
) -> None:
    """Build the brief of one day from article files: brief.html, brief.pdf, brief.json and looking-ahead.ics (when there are upcoming events).

    Articles published on the day (00:00 to 24:00 in the brief's timezone) are briefed; articles with no publication date are kept and counted. With no paths, the brief is made from the archive (the config's [[sources]], filled by briefings collect; folder sources are collected first). A bad file is named on stderr and skipped (exit 1); the others are still briefed. One run at a time per brief folder: a second run started meanwhile does nothing (exit 4).
    """
    from .pipeline import BuildRequest, build as run_build

    set_output(quiet, log_json)
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
    email = run_guarded(config.require_email) if send else None
    out_dir = out or config.base_dir / "reports" / the_day.isoformat()
    theme_choice = Path(theme) if theme and ("/" in theme or Path(theme).is_dir()) else theme
    request = BuildRequest(paths or [], the_day, out_dir, format_list, theme_choice)
    with locked(out_dir):
        result = run_guarded(run_build, request, config, _console.progress)
        for failure in result.failures:
            warn(f"skipped {failure}", kind="skipped")
        stats = result.brief.stats
        _console.result(
            f"Brief for {the_day.isoformat()}: {counted(stats.articles, 'article')}, "
            f"{counted(stats.facts, 'fact')} → {out_dir}",
            event="built", date=the_day.isoformat(), out=str(out_dir), stats=stats.to_json(),
        )
        for path in result.files:
            _console.result(f"  {path}", event="written", path=str(path))
        if email is not None:
            deliver(result.brief, out_dir, email, theme_choice or config.theme, dry_run)
    raise typer.Exit(EXIT_SOURCES_FAILED if result.failures else EXIT_OK)


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
) -> None:
    """Email a brief that build already wrote (its brief.json, PDF and looking-ahead.ics), without rebuilding it.

    SMTP settings come from the config's [email] table; the password from the environment variable it names. Temporary failures are retried; a delivery failure exits 5 and leaves the files as they are.
    """
    from .deliver import load_brief

    set_output(quiet, log_json)
    config = load(config_path)
    the_day = run_guarded(parse_day, day, config)
    email = run_guarded(config.require_email)
    out_dir = out or config.base_dir / "reports" / the_day.isoformat()
    if not (out_dir / "brief.json").is_file():
        raise fail(f"{out_dir / 'brief.json'}: no brief to send; run briefings build --date {the_day.isoformat()} first", EXIT_NOTHING)
    theme_choice = Path(theme) if theme and ("/" in theme or Path(theme).is_dir()) else theme
    with locked(out_dir):
        brief = run_guarded(load_brief, out_dir / "brief.json")
        deliver(brief, out_dir, email, theme_choice or config.theme, dry_run)
    raise typer.Exit(EXIT_OK)


@app.command()
def collect(
    source: Annotated[Optional[str], typer.Option("--source", "-s", help="Collect only the source of this name.")] = None,
    config_path: ConfigOption = None,
    quiet: QuietOption = False,
    log_json: LogJsonOption = False,
) -> None:
    """Collect every source of the config (folders, RSS/Atom feeds, web pages) into the archive; run it hourly from cron.

    Articles are stored by canonical URL and content hash, so collecting again adds nothing twice. Each failing source is one line on stderr (exit 1); the others are still collected.
    """
    from .archive import Archive
    from .collect.sources import collect_sources
    from .collect.sources import source_specs

    set_output(quiet, log_json)
    config = load(config_path)
    specs = run_guarded(source_specs, config, source)
    if not specs:
        raise fail(f"{config.file or 'no config file given (--config)'}: no [[sources]] to collect", EXIT_USAGE)
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
    added = sum(r.added for r in results)
    _console.result(
        f"Collected {len(specs) - len(failed)} of {len(specs)} sources: {added} new articles ({total} in the archive)",
        event="collected", sources=len(specs), failed=len(failed), added=added, archived=total,
    )
    raise typer.Exit(EXIT_SOURCES_FAILED if failed else EXIT_OK)


@app.command()
def sources(config_path: ConfigOption = None) -> None:
    """List each configured source with its last success, last error and number of archived articles."""
    from .archive import Archive

    set_output()
    config = load(config_path)
    status = {}
    if config.archive_path.exists():
        with run_guarded(Archive, config.archive_path) as archive:
            status = {s.name: s for s in run_guarded(archive.source_status)}
    if not config.settings.sources:
        raise fail(f"{config.file or 'no config file given (--config)'}: no [[sources]] configured", EXIT_USAGE)
    for table in config.settings.sources:
        seen = status.get(table.name)
        where = table.url or table.path
        success = _when(seen.last_success) if seen else "never"
        line = f"{table.name} ({table.kind} {where}): last success {success}; {counted(seen.articles if seen else 0, 'article')}"
        if seen and seen.last_error:
            line += f"; last error {_when(seen.last_error_at)}: {seen.last_error}"
        typer.echo(line)


def _when(moment) -> str:
    return moment.strftime("%Y-%m-%d %H:%M %Z").strip() if moment else "never"


@app.command()
def init(
    folder: Annotated[Path, typer.Argument(help="Where to write briefings.toml and the theme copy.")] = Path("."),
    theme: Annotated[bool, typer.Option("--theme/--no-theme", help="Also copy the default theme to FOLDER/templates/default for editing.")] = True,
) -> None:
    """Write a commented example briefings.toml (and a copy of the default theme) to start from. Existing files are never overwritten."""
    import shutil

    from .render.theme import builtin_themes_dir

    set_output()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "briefings.toml"
    if target.exists():
        raise fail(f"{target}: already exists; not overwritten", EXIT_USAGE)
    from importlib import resources

    example = resources.files("briefings").joinpath("data", "briefings.example.toml").read_text("utf-8")
    from .atomic import write_text_atomic

    run_guarded(write_text_atomic, target, example)
    typer.echo(f"Wrote {target}")
    if theme:
        theme_target = folder / "templates" / "default"
        if theme_target.exists():
            warn(f"{theme_target}: already exists; theme not copied")
        else:
            shutil.copytree(builtin_themes_dir() / "default", theme_target)
            typer.echo(f"Copied the default theme to {theme_target} (edit brief.css or brief.html.j2; use it with --theme {theme_target})")


@app.command()
def extract(
    paths: Annotated[list[Path], typer.Argument(help="Article files or folders.")],
    day: Annotated[Optional[str], typer.Option("--date", "-d", help="Publication date assumed for undated articles (default today).")] = None,
    config_path: ConfigOption = None,
) -> None:
    """Print one JSON line per sentence of every article, boilerplate included, in article order: {"article", "language", "index", "text", "label", "also", "dates", ...}.

    "article" is the file's name for articles read from files, else the article id.
    """
    from .collect import read_paths
    from .extract import extract_article

    set_output()
    config = load(config_path)
    the_day = run_guarded(parse_day, day, config)
    limits = config.settings.limits
    read = read_paths(list(paths), default_tz=config.timezone, max_bytes=limits.file_bytes,
                      json_depth=limits.json_depth)
    for skipped in read.skipped:
        warn(f"skipped {skipped.message()}")
    if not read.articles:
        raise fail("nothing to extract: no article could be read", EXIT_NOTHING)
    out = sys.stdout
    for article in read.articles:
        for fact in extract_article(article, config.taxonomy, assume_published=the_day,
                                    max_sentence_chars=limits.sentence_chars):
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
    articles: Annotated[Path, typer.Argument(help="Folder of article files (NAME.txt, ...).")],
    gold: Annotated[Path, typer.Argument(help="Folder of gold files (NAME.json), one per article.")],
    json_out: Annotated[Optional[Path], typer.Option("--json", help="Also write the figures as JSON to this file.")] = None,
    folds: Annotated[int, typer.Option("--folds", help="Also cross-validate the classifier's numeric settings over this many folds (0 = no cross-validation).")] = 0,
    config_path: ConfigOption = None,
) -> None:
    """Score extraction against gold: per-label precision, recall and F1, macro-F1 over diplomacy/strikes/aid/other, boilerplate precision and recall, and the share of gold dates resolved to the gold day.

    Method: sentence splits differ, so each gold sentence is located in the article's text (whitespace and invisible characters normalised, searched forward in article order) and takes the label of the predicted sentences covering most of its characters; one not found or not covered counts as 'boilerplate' (dropped). A sentence with 'also' labels is right when the prediction is any of them. A gold date is resolved when a predicted date whose text contains (or is contained in) the gold expression has the gold start and end day.

    With --folds K, the gold articles are split into K folds (sorted by name, same-cluster articles together); for each fold the classifier's numeric settings are chosen from a small grid on the other folds and scored on it, and the pooled held-out figures are printed beside the whole-corpus ones (and added to --json as "cross_validation"). The cue words are not refitted, so the gap shows the overfitting of the tuned settings only.
    """
    from .evaluation.extraction import assign_folds, cross_validate, evaluate, format_cross_validation, format_table, load_gold_pairs

    set_output()
    if folds < 0 or folds == 1:
        raise fail(f"--folds {folds}: use 0 (no cross-validation) or at least 2", EXIT_USAGE)
    config = load(config_path)
    pairs = run_guarded(load_gold_pairs, articles, gold)
    if folds:
        run_guarded(assign_folds, pairs, folds)  # too many folds for the corpus: say so before scoring
    report = run_guarded(evaluate, pairs, config.taxonomy)
    typer.echo(format_table(report, f"{report.articles} articles, {gold}"))
    confusions = report.confusions()[:8]
    if confusions:
        typer.echo("most frequent confusions (gold → predicted): " + ", ".join(f"{g}→{p} {n}" for g, p, n in confusions))
    figures = report.to_json()
    if folds:
        cv = run_guarded(cross_validate, pairs, config.taxonomy, folds=folds)
        typer.echo("")
        typer.echo(format_cross_validation(cv))
        figures["cross_validation"] = cv.to_json()
    if json_out:
        from .atomic import write_text_atomic

        run_guarded(write_text_atomic, json_out, json.dumps(figures, indent=2) + "\n")


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        sys.exit(130)


if __name__ == "__main__":
    main()
