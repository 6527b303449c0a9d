"""Each declared extension point takes a new implementation without an edit of its stage.

A throwaway implementation is registered here, used through the stage's own front door (the
build, ``--format``, ``extract_day``), and removed again.
"""

from __future__ import annotations

import json
import pickle
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefings.cli import app
from briefings.collect import read_paths
from briefings.compose import steps
from briefings.config import default_config
from briefings.extract import classifiers
from briefings.extract import day as day_stage
from briefings.extract.cache import FactCache
from briefings.extract.classifiers import Decision, SectionClassifier, make_classifier
from briefings.extract.day import Extractor, extract_day
from briefings.model import Brief, DayFacts
from briefings.render import formats

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
DAY = date(2025, 7, 22)


def _build(tmp_path: Path, *extra: str) -> Path:
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["build", str(SAMPLES), "--date", DAY.isoformat(), "--out", str(out),
                                      "-q", *extra])
    assert result.exit_code == 0, result.output
    return out


# ----------------------------------------------------------------------------- output formats
def _markdown(job: formats.RenderJob) -> bytes:
    lines = [f"# {job.brief.title}"] + [f"## {s.title}" for s in job.brief.sections]
    return "\n".join(lines).encode("utf-8")


@pytest.fixture
def markdown_format() -> Iterator[formats.OutputFormat]:
    output = formats.OutputFormat("md", "brief.md", _markdown)
    formats.register_format(output)
    yield output
    del formats.OUTPUT_FORMATS["md"], formats.FILE_NAMES["md"]


def test_a_new_output_format_is_accepted_by_format_and_written(tmp_path: Path, markdown_format) -> None:
    out = _build(tmp_path, "--format", "md,json")
    written = (out / "brief.md").read_text(encoding="utf-8").splitlines()
    brief = json.loads((out / "brief.json").read_text(encoding="utf-8"))
    assert written[0] == f"# {brief['title']}"
    assert written[1:] == [f"## {s['title']}" for s in brief["sections"]]
    assert not (out / "brief.html").exists()


def test_an_unknown_format_names_the_registered_ones(tmp_path: Path, markdown_format) -> None:
    result = CliRunner().invoke(app, ["build", str(SAMPLES), "--date", DAY.isoformat(), "--out",
                                      str(tmp_path), "--format", "docx"])
    assert result.exit_code == 2
    assert "choose from html, pdf, json, ics, md" in result.output


# ----------------------------------------------------------------------------- section classifiers
class EverythingIsAid:
    """A classifier that files every content sentence under aid (and says how sure it is)."""

    def __init__(self, confidence: float = 0.5) -> None:
        self.confidence = confidence

    @property
    def fingerprint(self) -> str:
        return f"everything-is-aid-{self.confidence}"

    def classify(self, texts: Sequence[str], paragraphs: Sequence[int] | None = None,
                 headline: int | None = None) -> list[Decision]:
        return [Decision("aid", (), self.confidence) for _ in texts]


@pytest.fixture
def aid_classifier() -> Iterator[str]:
    classifiers.register_classifier("all-aid", lambda taxonomy: EverythingIsAid())
    yield "all-aid"
    del classifiers.CLASSIFIERS["all-aid"]


def test_a_new_classifier_decides_every_section_serial_or_on_workers(aid_classifier, monkeypatch) -> None:
    classifier = make_classifier(aid_classifier, default_config().taxonomy)
    assert isinstance(classifier, SectionClassifier)
    articles = read_paths([SAMPLES]).articles
    monkeypatch.setattr(day_stage, "PARALLEL_MIN", 2)
    serial = extract_day(articles, Extractor(classifier, DAY), workers=1)
    parallel = extract_day(articles, Extractor(classifier, DAY), workers=2)  # pickled to the workers
    assert serial.facts and {f.section for f in serial.facts} == {"aid"}
    assert list(parallel.facts) == list(serial.facts)
    assert {f.score for f in serial.facts} == {0.5}


def test_the_fact_cache_keys_on_the_classifiers_fingerprint(tmp_path: Path, aid_classifier) -> None:
    articles = read_paths([SAMPLES]).articles
    with FactCache(tmp_path / "facts.sqlite") as cache:
        extract_day(articles, Extractor(EverythingIsAid(0.5), DAY), cache=cache)
    with FactCache(tmp_path / "facts.sqlite") as cache:  # another fingerprint: nothing reused
        again = extract_day(articles, Extractor(EverythingIsAid(0.9), DAY), cache=cache)
    assert {f.score for f in again.facts} == {0.9}


def test_an_unknown_classifier_is_a_config_error_naming_the_known_ones() -> None:
    from briefings.errors import ConfigError

    with pytest.raises(ConfigError, match="unknown classifier 'bayes'; choose from cues"):
        make_classifier("bayes", default_config().taxonomy)


def test_the_built_in_lexicon_pickles_by_its_recipe() -> None:
    lexicon = make_classifier("cues", default_config().taxonomy)
    text = ["Russian drones struck Kyiv overnight.", "Talks will resume in Istanbul."]
    copy = pickle.loads(pickle.dumps(lexicon))
    assert copy.fingerprint == lexicon.fingerprint
    assert copy.classify(text) == lexicon.classify(text)
    assert len(pickle.dumps(lexicon)) < 100_000  # the taxonomy, not the compiled cues and memo


# ----------------------------------------------------------------------------- brief steps
class Stamp:
    """A step that adds a count of the day's facts to the brief's title."""

    name = "stamp"

    def __call__(self, brief: Brief, day: DayFacts, spec: object) -> Brief:
        return replace(brief, title=f"{brief.title} ({len(day.facts)} facts read)")


@pytest.fixture
def stamp_step() -> Iterator[Stamp]:
    step = Stamp()
    steps.register_step(step)
    yield step
    steps.unregister_step(step.name)


def test_a_registered_step_runs_between_compose_and_render(tmp_path: Path, stamp_step) -> None:
    brief = json.loads((_build(tmp_path, "--format", "json,html") / "brief.json").read_text(encoding="utf-8"))
    assert brief["title"].startswith("Morning Brief (") and brief["title"].endswith(" facts read)")
    html = (tmp_path / "out" / "brief.html").read_text(encoding="utf-8")
    assert brief["title"] in html


def test_steps_keep_their_order_and_names_are_unique(stamp_step) -> None:
    class Early:
        name = "early"

        def __call__(self, brief: Brief, day: DayFacts, spec: object) -> Brief:
            return brief

    steps.register_step(Early(), before="stamp")
    try:
        assert [s.name for s in steps.BRIEF_STEPS] == ["since-yesterday", "early", "stamp"]  # the built-in first
        with pytest.raises(ValueError, match="registered already"):
            steps.register_step(Stamp())
    finally:
        steps.unregister_step("early")


# ----------------------------------------------------------------------------- source kinds
class Bulletin:
    """A source kind that reads one plain-text bulletin: a title line, then the body."""

    name = "bulletin"

    def problem(self, path: str | None, url: str | None) -> str | None:
        return None if path else "a bulletin source needs path"

    def collect(self, spec, context):
        from datetime import datetime, timezone

        from briefings.collect.kinds import Collected
        from briefings.model import Article, stable_id

        title, _, body = Path(spec.path).read_text(encoding="utf-8").partition("\n")
        article = Article(id=stable_id(spec.name, title), title=title, outlet=spec.name, url=None,
                          published=datetime(2025, 7, 22, 6, tzinfo=timezone.utc), text=body,
                          source=spec.name)
        return Collected([article])


@pytest.fixture
def bulletin_kind() -> Iterator[str]:
    from briefings.collect import kinds

    kinds.register_source_kind(Bulletin())
    yield "bulletin"
    del kinds.SOURCE_KINDS["bulletin"]


def test_a_new_source_kind_is_collected_into_the_archive(tmp_path: Path, bulletin_kind) -> None:
    from datetime import datetime, timezone

    from briefings.archive import Archive
    from briefings.collect.sources import SourceSpec, collect_sources

    bulletin = tmp_path / "bulletin.txt"
    bulletin.write_text("Talks set for Wednesday\n\nDelegations will meet in Istanbul on Wednesday.\n",
                        encoding="utf-8")
    specs = [SourceSpec("morning", bulletin_kind, path=bulletin), SourceSpec("broken", "telex")]
    with Archive(tmp_path / "archive.sqlite") as archive:
        results = collect_sources(specs, archive)
        stored = archive.articles_in_window(datetime(2025, 7, 22, tzinfo=timezone.utc),
                                            datetime(2025, 7, 23, tzinfo=timezone.utc))
    assert (results[0].added, results[0].error) == (1, None)
    assert results[1].error == "unknown source kind 'telex'; choose from folder, feed, page, site, bulletin"
    assert [a.title for a in stored] == ["Talks set for Wednesday"]


def test_a_config_names_a_registered_source_kind_and_classifier(tmp_path: Path, bulletin_kind,
                                                              aid_classifier) -> None:
    """The config accepts what is registered, checks what each kind needs, and the build
    uses the classifier the config names."""
    from briefings.config import load_config
    from briefings.errors import ConfigError
    from briefings.pipeline import extractor, registered_choices

    good = tmp_path / "briefings.toml"
    good.write_text('[extract]\nclassifier = "all-aid"\n\n[[sources]]\nname = "morning"\nkind = "bulletin"\n'
                    'path = "bulletin.txt"\n', encoding="utf-8")
    config = load_config(good, registered_choices())
    assert config.settings.sources[0].kind == "bulletin"
    assert isinstance(extractor(config, DAY).classifier, EverythingIsAid)
    bad = tmp_path / "bad.toml"
    bad.write_text('[extract]\nclassifier = "bayes"\n\n[[sources]]\nname = "morning"\nkind = "bulletin"\n'
                   '\n[[sources]]\nname = "wire"\nkind = "telex"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_config(bad, registered_choices())
    from briefings.collect.kinds import SOURCE_KINDS

    assert str(error.value).splitlines() == [
        "bad.toml: extract.classifier: unknown classifier 'bayes'; "
        f"choose from {', '.join(sorted(classifiers.CLASSIFIERS))}",
        "bad.toml: sources[0]: source 'morning': a bulletin source needs path",
        f"bad.toml: sources[1].kind: unknown source kind 'telex'; choose from {', '.join(SOURCE_KINDS)}",
    ]
    assert "all-aid" in classifiers.CLASSIFIERS and "bulletin" in SOURCE_KINDS
