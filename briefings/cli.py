"""The command line: parse flags, call the library, turn errors into one line and an exit code.

Heavy imports (dateparser, Jinja2, WeasyPrint) happen inside the commands, so that
``briefings --help`` answers at once.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Annotated, Optional, TypeVar

import typer

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

ConfigOption = Annotated[
    Optional[Path],
    typer.Option("--config", "-c", help="A briefings.toml file (default: none, built-in defaults)."),
]


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


def fail(message: str, code: int) -> typer.Exit:
    typer.echo(f"Error: {message}", err=True)
    return typer.Exit(code)


def warn(message: str) -> None:
    typer.echo(f"Warning: {message}", err=True)


def run_guarded(function, *args, **kwargs):
    """Call a library function; a ``BriefingsError`` becomes one line on stderr and its exit code."""
    try:
        return function(*args, **kwargs)
    except BriefingsError as exc:
        if _state["debug"]:
            raise
        for failure in getattr(exc, "failures", ()):
            warn(f"skipped {failure}")
        raise fail(str(exc), exc.exit_code) from None


def parse_day(text: str | None) -> date:
    """An ISO date, or words such as "yesterday" (read by dateparser), default today."""
    if not text:
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    import dateparser

    parsed = dateparser.parse(text, languages=["en"], settings={"PREFER_DATES_FROM": "past"})
    if parsed is None:
        raise ConfigError(f"--date: cannot read {text!r} as a date (use YYYY-MM-DD or 'yesterday')")
    return parsed.date()


def load(config_path: Path | None):
    from .config import load_config

    config = run_guarded(load_config, config_path)
    for message in config.warnings:
        warn(message)
    return config


def progress_bar(items: Iterable[T], description: str, total: int) -> Iterator[T]:
    """A rich progress bar on a terminal; nothing at all when stderr is not a terminal."""
    if not sys.stderr.isatty():
        yield from items
        return
    from rich.progress import track

    yield from track(items, description=description, total=total, transient=True)


def parse_formats(text: str) -> list[str]:
    from .render import FORMATS

    formats = [f.strip().lower() for f in text.split(",") if f.strip()]
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise ConfigError(f"--format: unknown format {unknown[0] if unknown else text!r}; choose from {', '.join(FORMATS)}")
    return formats


@app.command()
def build(
    paths: Annotated[list[Path], typer.Argument(help="Article files or folders (.txt, .md, .html, .json, .jsonl).")],
    day: Annotated[Optional[str], typer.Option("--date", "-d", help="The day the brief covers: YYYY-MM-DD or words such as 'yesterday' (default today).")] = None,
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="Write the files into this folder (default reports/YYYY-MM-DD/).")] = None,
    formats: Annotated[str, typer.Option("--format", "-f", help="Comma list of html, pdf, json, ics.")] = "html,pdf,json,ics",
    theme: Annotated[Optional[str], typer.Option("--theme", help="A built-in theme name or a theme folder.")] = None,
    config_path: ConfigOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing unless something went wrong.")] = False,
) -> None:
    """Build the brief of one day from article files: brief.html, brief.pdf, brief.json and looking-ahead.ics (when there are upcoming events).

    Articles published on the day (00:00 to 24:00 in the brief's timezone) are briefed; articles with no publication date are kept and counted. A bad file is named on stderr and skipped (exit 1); the others are still briefed.
    """
    from .pipeline import BuildRequest, build as run_build

    config = load(config_path)
    the_day = run_guarded(parse_day, day)
    format_list = run_guarded(parse_formats, formats)
    out_dir = out or config.base_dir / "reports" / the_day.isoformat()
    theme_choice = Path(theme) if theme and ("/" in theme or Path(theme).is_dir()) else theme
    request = BuildRequest(paths, the_day, out_dir, format_list, theme_choice)
    result = run_guarded(run_build, request, config, progress_bar)
    for skipped in result.skipped:
        warn(f"skipped {skipped.message()}")
    if not quiet:
        stats = result.brief.stats
        typer.echo(
            f"Brief for {the_day.isoformat()}: {stats['articles']} articles, {stats['facts']} facts "
            f"→ {out_dir}"
        )
        for path in result.files:
            typer.echo(f"  {path}")
    raise typer.Exit(EXIT_SOURCES_FAILED if result.skipped else EXIT_OK)


@app.command()
def extract(
    paths: Annotated[list[Path], typer.Argument(help="Article files or folders.")],
    day: Annotated[Optional[str], typer.Option("--date", "-d", help="Publication date assumed for undated articles (default today).")] = None,
    config_path: ConfigOption = None,
) -> None:
    """Print one JSON line per sentence of every article, boilerplate included, in article order: {"article", "index", "text", "label", "also", "dates", ...}.

    "article" is the file's name for articles read from files, else the article id.
    """
    from .collect import read_paths
    from .extract import extract_article

    config = load(config_path)
    the_day = run_guarded(parse_day, day)
    read = read_paths(list(paths), default_tz=config.timezone)
    for skipped in read.skipped:
        warn(f"skipped {skipped.message()}")
    if not read.articles:
        raise fail("nothing to extract: no article could be read", EXIT_NOTHING)
    out = sys.stdout
    for article in read.articles:
        for fact in extract_article(article, config.taxonomy, assume_published=the_day):
            record = {
                "article": article.label,
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
    from .evaluate import assign_folds, cross_validate, evaluate, format_cross_validation, format_table, load_gold_pairs

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
        typer.echo("Interrupted.", err=True)
        sys.exit(130)


if __name__ == "__main__":
    main()
