"""The seed article, the example the project was designed around, briefed end to end; and the
extract contract over the whole shared corpus. Both read ../shared/corpus at run time."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefings.cli import app

runner = CliRunner()
TAIL = ("Diaspora Digital Media Updates", "Whatsapp", "Telegram", "citizenreports@", "Follow us on X", "Facebook")


@pytest.fixture(scope="module")
def seed_brief(seed: Path, tmp_path_factory) -> tuple[dict, str]:
    out = tmp_path_factory.mktemp("seed")
    result = runner.invoke(app, ["build", str(seed), "--date", "2025-07-22", "--out", str(out),
                                 "--format", "json,pdf"])
    assert result.exit_code == 0, result.stderr
    from pypdf import PdfReader

    pdf_text = " ".join(page.extract_text() for page in PdfReader(out / "brief.pdf").pages)
    return json.loads((out / "brief.json").read_text(encoding="utf-8")), " ".join(pdf_text.split())


def facts_of(brief: dict) -> list[dict]:
    return [f for s in brief["sections"] for f in s["facts"] + s["more_facts"]]


def section_of(brief: dict, words: str) -> str:
    matches = [f["section"] for f in facts_of(brief) if words in f["text"]]
    assert matches, f"no fact contains {words!r}"
    return matches[0]


@pytest.mark.parametrize(
    "words, section",
    [
        ("new round of peace negotiations with Russia is scheduled", "diplomacy"),
        ("next session with the Russian side", "diplomacy"),
        ("discussions would span two days", "diplomacy"),
        ("glide bomb struck a residential building in Kramatorsk", "strikes"),
        ("fierce fighting in the Pokrovsk region", "strikes"),
        ("pledging to send additional military aid", "aid"),
    ],
)
def test_seed_sentences_land_in_their_sections(seed_brief, words, section):
    brief, _ = seed_brief
    assert section_of(brief, words) == section


def test_seed_dates_resolve_against_publication(seed_brief):
    brief, _ = seed_brief
    dates = {(d["text"].lower(), d["start"], d["end"]) for f in facts_of(brief) for d in f["dates"]}
    assert ("on wednesday", "2025-07-23", "2025-07-23") in dates
    assert ("thursday and friday", "2025-07-24", "2025-07-25") in dates
    assert ("on monday", "2025-07-21", "2025-07-21") in dates
    assert ("overnight into tuesday", "2025-07-22", "2025-07-22") in dates
    ahead = [(e["start"], e["end"]) for e in brief["looking_ahead"]]
    assert ("2025-07-23", "2025-07-23") in ahead and ("2025-07-24", "2025-07-25") in ahead


def test_seed_tail_appears_nowhere(seed_brief):
    brief, pdf_text = seed_brief
    everything = json.dumps(brief, ensure_ascii=False)
    for words in TAIL:
        assert words not in everything, words
        assert words not in pdf_text, words


def test_seed_pdf_shows_the_key_sentences(seed_brief):
    _, pdf_text = seed_brief
    assert "glide bomb struck a residential building in Kramatorsk" in pdf_text
    assert "pledging to send additional military aid" in pdf_text


def test_extract_meets_the_contract_on_the_whole_corpus(corpus: Path):
    articles = sorted((corpus / "articles").glob("*.txt"))
    result = runner.invoke(app, ["extract", str(corpus / "articles")])
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    names = list(dict.fromkeys(r["article"] for r in records))
    assert names == [p.name for p in articles]
    labels = {"diplomacy", "strikes", "aid", "other", "boilerplate"}
    for name in names:
        mine = [r for r in records if r["article"] == name]
        assert [r["index"] for r in mine] == list(range(len(mine)))
    for record in records:
        assert record["label"] in labels
        assert isinstance(record["text"], str) and record["text"].strip()
        assert all(label in labels and label != record["label"] for label in record["also"])
        for mention in record["dates"]:
            assert set(mention) >= {"text", "start", "end"}
            assert mention["start"] <= mention["end"]
