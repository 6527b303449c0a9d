"""The ``briefings.toml`` config, validated in one place.

Layers: packaged defaults, then the user's file, then command-line flags (the CLI applies
those). Paths in the file are relative to the file's folder. Every table is a pydantic model
(:mod:`briefings.schema`; ``[email]`` in :mod:`briefings.email_settings`, ``[sections.KEY]``
in :mod:`briefings.taxonomy`), and the whole file is checked at once: one ``ConfigError``
lists every problem, a line each, naming the file and the key (``briefings.toml:
brief.timezone: unknown time zone 'Europe/Kiev2'``). Unknown keys, in any table, are
warnings with the known key they were probably meant to be, so a typo never passes silently.
This module imports no stage: the stages receive what it validated.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Callable, Collection, Mapping
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, ValidationError, ValidationInfo, field_validator, model_validator

from .brand import BUNDLED_FONTS, LANGUAGES, PAGE_SIZES, PDF_VARIANTS, font_available
from .email_settings import EmailSettings
from .errors import ConfigError
from .limits import (
    DEFAULT_ARTICLES,
    DEFAULT_FILE_BYTES,
    DEFAULT_JSON_DEPTH,
    DEFAULT_SENTENCE_CHARS,
    DEFAULT_SOURCE_MAX_BYTES,
    DEFAULT_SOURCE_RETRIES,
    DEFAULT_SOURCE_SECONDS,
    DEFAULT_SOURCE_TIMEOUT,
)
from .model import Brand
from .schema import Table, printable, problem_lines, problems_at, unknown_key_warnings
from .taxonomy import (
    SectionTable,
    Taxonomy,
    apply_overrides,
    TAXONOMIES,
    load_default_taxonomy,
    load_taxonomy,
    override_problems,
)

HEX_COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
_BRAND = Brand()
"""The brand's defaults, written once (in ``model.Brand``)."""


class BriefTable(Table):
    title: str = "Morning Brief"
    timezone: str = "UTC"
    window_hours: int = Field(24, ge=24, le=24 * 14)
    key_points: int = Field(5, ge=0, le=50)
    max_facts_per_section: int = Field(10, ge=1, le=500)
    max_stories_per_section: int = Field(6, ge=1, le=100)
    """Stories a section shows; the rest are counted ("N more")."""
    taxonomy: str = "default"
    """The packaged sections to start from (``taxonomy.TAXONOMIES``); ``[sections.KEY]``
    tables change them."""
    semantic_merge: bool = False
    """Sentence embeddings as a second source of merge candidates (needs the ``semantic``
    extra; without it the merge reads words only, with one warning)."""

    @field_validator("taxonomy")
    @classmethod
    def _known_taxonomy(cls, value: str) -> str:
        if value not in TAXONOMIES:
            raise ValueError(f"unknown taxonomy {value!r}; the packaged ones are {', '.join(sorted(TAXONOMIES))}")
        return value

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a name too long for a path
            shown = value if len(value) <= 60 else value[:57] + "..."
            raise ValueError(f"unknown time zone {shown!r} (use an IANA name such as 'Europe/Kyiv')")
        return value


class BrandTable(Table):
    """``[brand]``: how the brief looks and speaks; every value checked before a build starts."""

    name: str = _BRAND.name
    logo: str | None = _BRAND.logo
    primary: str = _BRAND.primary
    accent: str = _BRAND.accent
    marking: str = _BRAND.marking
    footer: str = _BRAND.footer
    font: str = _BRAND.font
    heading_font: str = _BRAND.heading_font
    language: str = _BRAND.language
    page_size: str = _BRAND.page_size
    pdf_variant: str = _BRAND.pdf_variant

    @field_validator("primary", "accent")
    @classmethod
    def _colour(cls, value: str) -> str:
        if not HEX_COLOUR.match(value):
            raise ValueError(f"expected a colour like '#0b3d91', got {value!r}")
        return value

    @field_validator("font", "heading_font")
    @classmethod
    def _known_font(cls, value: str) -> str:
        """A font the PDF can really use: bundled, generic, or installed (fontconfig).

        An unknown family would silently fall back and the brief would not look like the
        sender's; better to say so when the config is read.
        """
        value = value.strip()
        if value and not font_available(value):
            raise ValueError(f"unknown font {value!r}: not bundled and not installed "
                             f"(fc-list shows installed fonts; bundled: {', '.join(BUNDLED_FONTS)})")
        return value

    @field_validator("language")
    @classmethod
    def _language(cls, value: str) -> str:
        if value.lower() not in LANGUAGES:
            raise ValueError(f"unsupported language {value!r}; choose from {', '.join(LANGUAGES)}")
        return value.lower()

    @field_validator("page_size")
    @classmethod
    def _page_size(cls, value: str) -> str:
        if value.lower() not in PAGE_SIZES:
            raise ValueError(f"unknown page size {value!r}; choose from {', '.join(PAGE_SIZES)}")
        return value.lower()

    @field_validator("pdf_variant")
    @classmethod
    def _pdf_variant(cls, value: str) -> str:
        if value.lower() not in PDF_VARIANTS:
            choices = ", ".join(k for k in PDF_VARIANTS if k)
            raise ValueError(f"unknown PDF variant {value!r}; choose from {choices}")
        return value.lower()


class ArchiveTable(Table):
    path: str = "reports/archive.sqlite"


@dataclass(frozen=True)
class Choices:
    """The names a config may choose among that the stages themselves register: source kinds
    (``collect.kinds``) and section classifiers (``extract.classifiers``). This module imports
    no stage, so whoever loads a config passes them (``pipeline.registered_choices()``);
    without them those names are checked where they are used."""

    source_kinds: Mapping[str, Callable[[str | None, str | None], str | None]] = field(default_factory=dict)
    """Each kind's name, and what a source of that kind given (path, url) lacks, or None."""
    classifiers: Collection[str] = ()


def _choices(info: ValidationInfo) -> Choices | None:
    context = info.context
    return context if isinstance(context, Choices) else None


class SourceTable(Table):
    name: str
    kind: str
    """A registered source kind (``folder``, ``feed``, ``page`` are built in)."""
    path: str | None = None
    url: str | None = None
    timeout: float = Field(DEFAULT_SOURCE_TIMEOUT, gt=0, le=600)
    max_bytes: int = Field(DEFAULT_SOURCE_MAX_BYTES, gt=0)
    retries: int = Field(DEFAULT_SOURCE_RETRIES, ge=0, le=10)

    @field_validator("kind")
    @classmethod
    def _known_kind(cls, kind: str, info: ValidationInfo) -> str:
        choices = _choices(info)
        if choices is not None and kind not in choices.source_kinds:
            raise ValueError(f"unknown source kind {kind!r}; choose from {', '.join(choices.source_kinds)}")
        return kind

    @model_validator(mode="after")
    def _where_to_read(self, info: ValidationInfo) -> "SourceTable":
        choices = _choices(info)
        lacks = choices.source_kinds.get(self.kind) if choices is not None else None
        problem = lacks(self.path, self.url) if lacks is not None else None
        if problem:
            raise ValueError(f"source {self.name!r}: {problem}")
        return self

    @field_validator("url")
    @classmethod
    def _http_url(cls, url: str | None) -> str | None:
        if url is not None and not url.startswith(("http://", "https://")):
            raise ValueError(f"expected an http(s) URL, got {url!r}")
        return url


class ExtractTable(Table):
    """``[extract]``: how sentences are read."""

    classifier: str | None = None
    """The section classifier by its registered name; None: the stage's default."""

    @field_validator("classifier")
    @classmethod
    def _known_classifier(cls, name: str | None, info: ValidationInfo) -> str | None:
        choices = _choices(info)
        if name is not None and choices is not None and name not in choices.classifiers:
            raise ValueError(f"unknown classifier {name!r}; choose from {', '.join(sorted(choices.classifiers))}")
        return name


class LimitsTable(Table):
    """``[limits]``: bounds on what one run reads and does; each is named when it is hit."""

    file_bytes: int = Field(DEFAULT_FILE_BYTES, ge=1_000, le=2_000_000_000)
    """Article files (folder sources, paths given to ``build``) larger than this many bytes
    are skipped, with a reason naming the limit."""
    articles: int = Field(DEFAULT_ARTICLES, ge=1, le=10_000_000)
    """Articles per build: past it the newest are kept (undated ones dropped first) and the
    number not briefed is reported."""
    sentence_chars: int = Field(DEFAULT_SENTENCE_CHARS, ge=100, le=1_000_000)
    """A sentence (or line) longer than this many characters is cut at a word boundary, with
    "…", and a warning names the article."""
    source_seconds: float = Field(DEFAULT_SOURCE_SECONDS, gt=0, le=86_400)
    """Total time one source may take in a collect (the feed and all its item pages); past
    it the source stops fetching, keeps what it read and reports the limit."""
    json_depth: int = Field(DEFAULT_JSON_DEPTH, ge=2, le=500)
    """JSON and JSONL article files nesting lists/objects deeper than this are refused (the
    line, for JSONL), with a reason naming the limit."""


class Settings(Table):
    """The whole file, its tables in the order their problems are listed (``sections`` and
    ``email`` last, where they were when only the first problem was reported)."""

    brief: BriefTable = BriefTable()
    brand: BrandTable = BrandTable()
    archive: ArchiveTable = ArchiveTable()
    limits: LimitsTable = LimitsTable()
    extract: ExtractTable = ExtractTable()
    sources: list[SourceTable] = []
    theme: str | None = None
    sections: dict[str, SectionTable] = {}
    email: EmailSettings | None = None
    """None when the file has no ``[email]`` table (or an empty one)."""

    @field_validator("sources")
    @classmethod
    def _unique_names(cls, sources: list[SourceTable]) -> list[SourceTable]:
        names = [s.name for s in sources]
        twice = sorted({n for n in names if names.count(n) > 1})
        if twice:
            raise ValueError(f"two sources are named {twice[0]!r}; names must be unique")
        return sources

    @field_validator("sections")
    @classmethod
    def _fit_the_taxonomy(cls, sections: dict[str, SectionTable], info: ValidationInfo) -> dict[str, SectionTable]:
        brief = info.data.get("brief")
        problems = override_problems(load_taxonomy(brief.taxonomy if brief else "default"), sections)
        if problems:
            raise problems_at(problems)
        return sections

    @field_validator("email", mode="before")
    @classmethod
    def _empty_is_none(cls, table: Any) -> Any:
        return None if table == {} else table


@dataclass(frozen=True)
class Config:
    """What the stages need, resolved: paths absolute, taxonomy merged, brand typed."""

    settings: Settings
    taxonomy: Taxonomy
    base_dir: Path
    """The config file's folder (or the current folder without a config)."""
    file: Path | None = None
    warnings: tuple[str, ...] = field(default=())
    email: EmailSettings | None = None
    """The validated ``[email]`` table (``cafile`` made absolute), or None when the config has none."""

    def require_email(self) -> EmailSettings:
        """Sending needs an ``[email]`` table: say so plainly when it is missing."""
        if self.email is None:
            where = self.file.name if self.file else NO_CONFIG
            raise ConfigError(f"{where}: no [email] table: add one to send the brief (see briefings init)")
        return self.email

    @property
    def timezone(self) -> ZoneInfo:
        return ZoneInfo(self.settings.brief.timezone)

    @property
    def brand(self) -> Brand:
        table = self.settings.brand
        logo = str(self.base_dir / table.logo) if table.logo else None
        return Brand(
            name=table.name,
            primary=table.primary,
            accent=table.accent,
            marking=table.marking,
            footer=table.footer,
            logo=logo,
            font=table.font,
            heading_font=table.heading_font,
            language=table.language,
            page_size=table.page_size,
            pdf_variant=table.pdf_variant,
        )

    @property
    def archive_path(self) -> Path:
        return self.base_dir / self.settings.archive.path

    @property
    def theme(self) -> str | Path | None:
        theme = self.settings.theme
        if theme and ("/" in theme or theme.startswith(".")):
            return self.base_dir / theme
        return theme


CONFIG_NAME = "briefings.toml"
"""The file looked for in the current folder when no ``--config`` is given."""
CONFIG_ENV = "BRIEFINGS_CONFIG"
"""The environment variable naming a config file, looked at after the current folder."""


@dataclass(frozen=True)
class FoundConfig:
    """Which config file a run uses, and how it was found (said in verbose output)."""

    path: Path | None
    how: str
    """"--config", "the current folder", "$BRIEFINGS_CONFIG", or why there is none."""

    def describe(self) -> str:
        """One line for verbose output: the file and how it was found."""
        if self.path is None:
            return f"config: none ({self.how}); built-in defaults"
        return f"config: {self.path} (from {self.how})"


def find_config(explicit: Path | None, cwd: Path | None = None,
                environ: Mapping[str, str] | None = None) -> FoundConfig:
    """The config a run uses, found as MkDocs and Pelican find theirs: ``--config`` wins;
    else ``briefings.toml`` in the current folder; else the file ``$BRIEFINGS_CONFIG``
    names; else none (built-in defaults).

    Why this order: a folder that holds a brief's config is where a person runs the tool, and
    a cron job that cannot ``cd`` sets the variable. A variable naming a file that does not
    exist is an error, never a silent fall-back to the built-in brand.
    """
    if explicit is not None:
        return FoundConfig(explicit, "--config")
    local = (cwd or Path.cwd()) / CONFIG_NAME
    if local.is_file():
        return FoundConfig(local, "the current folder")
    named = (os.environ if environ is None else environ).get(CONFIG_ENV, "").strip()
    if named:
        path = Path(named).expanduser()
        if not path.is_file():
            raise ConfigError(printable(f"${CONFIG_ENV}={named}: config file does not exist"))
        return FoundConfig(path, f"${CONFIG_ENV}")
    return FoundConfig(None, f"no --config, no {CONFIG_NAME} in the current folder, ${CONFIG_ENV} unset")


NO_CONFIG = f"no config file (give --config, or put {CONFIG_NAME} in the current folder)"
"""How a message names the config when there is none."""


def default_config(base_dir: Path | None = None) -> Config:
    """No config file: UTC, default sections and brand, output under the current folder."""
    return Config(Settings(), load_default_taxonomy(), base_dir or Path.cwd())


def load_config(path: Path | None, choices: Choices | None = None) -> Config:
    """The validated config of ``path`` (defaults without one).

    Every problem of the file is one line of one ConfigError (the first line is the first
    problem in the file's order); keys echoed from the file are shown escaped. ``choices``
    are the registered names the file's ``kind`` and ``classifier`` are checked against.
    """
    if path is None:
        return default_config()
    data = _read_toml(path)
    base_dir = path.resolve().parent
    try:
        settings = Settings.model_validate(data, context=choices)
    except ValidationError as exc:
        raise ConfigError("\n".join(problem_lines(path.name, exc) + _logo_problems(path, data, base_dir))
                          ) from None
    except OSError as exc:  # a validator's file lookup: a 300-character time zone name
        raise ConfigError(f"{path.name}: a value cannot be looked up ({exc.strerror})") from None
    logo = _logo_problems(path, data, base_dir)
    if logo:
        raise ConfigError("\n".join(logo))
    taxonomy = apply_overrides(load_taxonomy(settings.brief.taxonomy), settings.sections, path.name)
    warnings = tuple(unknown_key_warnings(path.name, settings))
    return Config(settings, taxonomy, base_dir, path, warnings, _resolved_email(settings.email, base_dir))


def _resolved_email(email: EmailSettings | None, base_dir: Path) -> EmailSettings | None:
    """``cafile`` relative to the config file, like every other path in it."""
    if email is None or not email.cafile or Path(email.cafile).is_absolute():
        return email
    return email.model_copy(update={"cafile": str(base_dir / email.cafile)})


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        problem = "config file does not exist"
    except OSError as exc:
        problem = f"cannot read config ({exc.strerror})"
    except UnicodeDecodeError:
        problem = "config is not valid UTF-8"
    except tomllib.TOMLDecodeError as exc:
        problem = f"invalid TOML: {exc}"
    except RecursionError:  # tomllib recurses per level of [[[...]]] or {a = {b = ...}}
        problem = "invalid TOML: arrays or tables nested too deeply"
    raise ConfigError(printable(f"{path}: {problem}"))


def _logo_problems(path: Path, data: dict[str, Any], base_dir: Path) -> list[str]:
    """The logo must be an SVG or PNG file beside the config (read from the file itself, so
    it is reported with the other problems even when the tables are not valid)."""
    brand = data.get("brand")
    logo = brand.get("logo") if isinstance(brand, dict) else None
    if not isinstance(logo, str) or not logo:
        return []
    where = f"{path.name}: brand.logo"
    resolved = base_dir / logo
    try:
        exists = resolved.is_file()
    except (OSError, ValueError):  # a name no file system takes (5,000 characters, a NUL)
        exists = False
    if not exists:
        return [printable(f"{where}: file {resolved} does not exist")]
    if resolved.suffix.lower() not in (".svg", ".png"):
        return [printable(f"{where}: expected an SVG or PNG file, got {resolved.name!r}")]
    return []
