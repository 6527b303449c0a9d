"""Sentence embeddings in the fact merge: paraphrases meet, what must agree still decides.

Texts are written for these tests (no corpus text). Skipped when ``wordllama`` is not
installed (the merge then reads words only).
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from briefings.compose.merge import DEFAULT_SETTINGS, SEMANTIC_SIMILARITY, group_facts
from datetime import date

from briefings.model import DateMention, Fact

pytest.importorskip("wordllama")
np = pytest.importorskip("numpy")

from briefings.compose.semantic import embed, load_encoder, neighbours  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SEMANTIC = replace(DEFAULT_SETTINGS, semantic_similarity=SEMANTIC_SIMILARITY)
"""What ``[brief] semantic_merge = true`` sets (off by default)."""


def fact(article: str, index: int, text: str, entities: tuple[str, ...] = (),
         dates: tuple[DateMention, ...] = ()) -> Fact:
    return Fact(id=f"{article}-{index}", article_id=article, index=index, text=text, section="diplomacy",
                score=0.9, entities=entities, dates=dates)


def merged_pairs(facts: list[Fact], semantic: bool = True) -> set[frozenset[str]]:
    settings = SEMANTIC if semantic else DEFAULT_SETTINGS
    pairs = set()
    for group in group_facts(facts, settings=settings):
        ids = [facts[i].id for i in group]
        pairs.update(frozenset((a, b)) for a in ids for b in ids if a < b)
    return pairs


def test_vectors_are_wordllamas_own() -> None:
    """The merge's pooling (chunks tokenised once, padded blocks) gives the vectors
    ``WordLlama.embed`` gives for the same texts, Cyrillic included."""
    from wordllama import WordLlama
    import wordllama

    texts = ["Moscow wants Kyiv to pull its troops out of the region, officials said.",
             "Київ відкинув вимогу Москви вивести війська.", "Talks resume in Istanbul on Wednesday."] * 3
    ours = embed(texts, load_encoder())
    theirs = WordLlama.load(cache_dir=Path(wordllama.__file__).parent, disable_download=True).embed(texts, norm=True)
    assert ours.dtype == np.float32 and ours.shape == (9, 256)
    assert np.allclose(ours, theirs, atol=1e-5)


def test_the_model_loads_without_the_network_or_a_cache(tmp_path: Path) -> None:
    """No download, ever: with no home cache, Hugging Face offline and every proxy pointing
    at a closed port, the model still loads and embeds."""
    code = ("from briefings.compose.semantic import load_encoder, embed\n"
            "enc = load_encoder()\nassert enc is not None\nprint(embed(['Talks in Geneva.'], enc).shape)\n")
    closed = "http://127.0.0.1:9"
    env = {**os.environ, "HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path), "HF_HUB_OFFLINE": "1",
           "HF_HOME": str(tmp_path / "hf"), "HTTP_PROXY": closed, "HTTPS_PROXY": closed, "http_proxy": closed,
           "https_proxy": closed, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "(1, 256)"
    assert not any(tmp_path.iterdir())  # nothing cached or fetched


def test_loading_leaves_the_applications_logging_alone() -> None:
    """``wordllama`` calls ``logging.basicConfig`` on import; the merge never imports it."""
    code = ("import logging\nfrom briefings.compose.semantic import load_encoder\nload_encoder()\n"
            "import sys\nassert 'wordllama' not in sys.modules\nprint(len(logging.getLogger().handlers))\n")
    done = subprocess.run([sys.executable, "-c", code], env={**os.environ, "PYTHONPATH": str(ROOT)},
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "0"


def test_a_paraphrase_with_few_shared_words_merges() -> None:
    """Two outlets tell one demand in different words: the word index alone keeps them apart
    (on a day where "Ukraine", "Donbas" and "fighting" are in other sentences too)."""
    filler = ["Grain exports through the Black Sea rose for a third month in a row, traders said.",
              "A court in Vienna adjourned the trial of a former bank manager until March.",
              "Ukraine's central bank kept its key rate unchanged.", "Russia's rouble weakened against the dollar.",
              "Ukrainian fighting units rotated out of the Donbas front for training.",
              "The eastern region's governor resigned."]
    facts = [
        fact("a", 0, "The Kremlin has demanded that Ukraine withdraw from the heavily industrialised eastern Donbas "
                     "region, where the fiercest fighting is.", ("Kremlin", "Ukraine", "Donbas")),
        *(fact("a", n + 1, text) for n, text in enumerate(filler[:3])),
        fact("b", 0, "Russia is pressing Ukraine to withdraw from the Donbas, where fighting remains intense, a "
                     "condition Kyiv says it will never accept.", ("Russia", "Ukraine", "Donbas", "Kyiv")),
        *(fact("b", n + 1, text) for n, text in enumerate(filler[3:])),
    ]
    pair = frozenset(("a-0", "b-0"))
    assert merged_pairs(facts, semantic=False) == set()
    assert merged_pairs(facts) == {pair}


def test_talks_in_two_cities_on_two_days_never_merge() -> None:
    """Alike in meaning (0.7 and more), two events: the places and the days disagree."""
    facts = [
        fact("a", 0, "Ukrainian and Russian delegations will hold a new round of talks in Istanbul on Wednesday, "
                     "officials said.", ("Ukrainian", "Russian", "Istanbul"),
             (DateMention("on Wednesday", date(2025, 7, 23), date(2025, 7, 23)),)),
        fact("b", 0, "Ukrainian and Russian negotiators will meet for another round of talks in Geneva on Friday, "
                     "officials said.", ("Ukrainian", "Russian", "Geneva"),
             (DateMention("on Friday", date(2025, 7, 25), date(2025, 7, 25)),)),
    ]
    vectors = embed([f.text for f in facts], load_encoder())
    assert float(vectors[0] @ vectors[1]) > 0.7
    assert merged_pairs(facts) == set()


def test_talks_in_two_cities_without_dates_never_merge() -> None:
    """No day to tell them apart: the two cities must (they share enough words, 0.56, to merge
    on words alone, and their embeddings are alike too)."""
    facts = [
        fact("a", 0, "Ukrainian and Russian delegations will hold a new round of peace talks in Istanbul, "
                     "officials said.", ("Ukrainian", "Russian", "Istanbul")),
        fact("b", 0, "Ukrainian and Russian negotiators are preparing for another round of peace talks in Geneva, "
                     "officials said.", ("Ukrainian", "Russian", "Geneva")),
        fact("c", 0, "Ukrainian farmers expect a smaller wheat harvest after a dry spring."),
    ]
    assert merged_pairs(facts) == set()
    assert merged_pairs(facts, semantic=False) == set()


def test_different_figures_never_merge() -> None:
    facts = [
        fact("a", 0, "A drone strike on an apartment block in Odesa killed 3 people overnight, the governor said."),
        fact("b", 0, "Russian drones hit a residential building in the port city, leaving 5 dead, regional officials said."),
    ]
    assert merged_pairs(facts) == set()


def test_neighbours_skip_a_rows_own_group_and_find_pairs_across_cells() -> None:
    """On enough rows for an index of many cells, each near-copy still finds its partner
    in another group, and no pair joins two rows of one group."""
    rng = np.random.default_rng(7)
    base = rng.normal(size=(600, 64)).astype(np.float32)
    noisy = base + 0.05 * rng.normal(size=base.shape).astype(np.float32)
    vectors = np.concatenate([base, noisy])
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    group = np.concatenate([np.arange(600) // 3, 1000 + np.arange(600) // 3])
    pairs = neighbours(vectors, group, 0.9)
    found = {(int(i), int(j)) for i, j in pairs}
    assert all(group[i] != group[j] for i, j in found)
    assert sum((n, n + 600) in found for n in range(600)) >= 570  # approximate search: nearly all


def test_semantic_merge_is_a_config_switch_off_by_default(tmp_path: Path) -> None:
    """`[brief] semantic_merge = true` lets embeddings propose pairs: on the samples the Kyiv
    Ledger's "new round of peace negotiations ... in Istanbul" joins the Northern Wire's
    "fresh round of direct talks in Istanbul"; the default reads words only."""
    import json

    from typer.testing import CliRunner

    from briefings.cli import app

    def facts(config: str) -> int:
        (tmp_path / "briefings.toml").write_text(config, encoding="utf-8")
        out = tmp_path / ("on" if config else "off")
        result = CliRunner().invoke(app, ["build", str(ROOT / "samples"), "--date", "2025-07-22", "--out", str(out),
                                          "-f", "json", "--config", str(tmp_path / "briefings.toml")])
        assert result.exit_code == 0, result.output
        return json.loads((out / "brief.json").read_text(encoding="utf-8"))["stats"]["facts"]

    assert facts("[brief]\nsemantic_merge = true\n") == facts("") - 1
