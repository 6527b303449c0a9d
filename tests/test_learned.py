"""The learned section classifier: the shipped model, its interface, and its training."""

from __future__ import annotations

import json
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from briefings.extract.classifiers import CLASSIFIERS, SectionClassifier, make_classifier
from briefings.extract.features import is_foreign, lexicon_path, load_concepts, main_clause, own_features
from briefings.extract.learned import CAMEO_FILE, MODEL_FILE, LearnedClassifier, model_path
from briefings.model import BOILERPLATE, OTHER
from briefings.taxonomy import apply_overrides, load_default_taxonomy

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
CAMEO = SHARED / "lexicons" / "cameo" / "CAMEO.2.0.txt"

STRIKE = "Russian drones struck a residential building in Kharkiv overnight, killing three people and wounding twelve."
TALKS = "Foreign ministers of both countries will meet in Geneva next week to negotiate a ceasefire agreement."
AID = "The European Union approved a new humanitarian aid package of 50 million euros for displaced families."


def learned():
    return make_classifier("learned", load_default_taxonomy())


def test_the_learned_classifier_is_registered_and_a_section_classifier() -> None:
    assert {"cues", "learned"} <= set(CLASSIFIERS)
    assert isinstance(learned(), SectionClassifier)


def test_clear_sentences_of_each_section_written_for_this_test() -> None:
    decisions = [learned().classify([text])[0].section for text in (STRIKE, TALKS, AID)]
    assert decisions == ["strikes", "diplomacy", "aid"]


def test_a_whole_article_gets_one_decision_per_sentence_with_a_confidence() -> None:
    texts = ["Drone attack on Kharkiv kills three", STRIKE, "Rescue teams worked through the night.", TALKS, AID]
    decisions = learned().classify(texts, [0, 1, 1, 2, 3], headline=0)
    assert len(decisions) == len(texts)
    assert decisions[1].section == "strikes"
    assert all(0.0 < d.score <= 1.0 for d in decisions)
    assert all(OTHER not in d.also and BOILERPLATE not in d.also for d in decisions)
    assert learned().classify([]) == []


def test_it_pickles_by_its_recipe_and_decides_the_same_after() -> None:
    classifier = learned()
    texts = [STRIKE, TALKS, AID]
    before = classifier.classify(texts)
    copy = pickle.loads(pickle.dumps(classifier))
    assert len(pickle.dumps(classifier)) < 100_000  # the taxonomy and a path, not the weights
    assert copy.fingerprint == classifier.fingerprint
    assert copy.classify(texts) == before


def test_the_fingerprint_changes_with_the_model_file(tmp_path: Path) -> None:
    for name in (MODEL_FILE, CAMEO_FILE):
        shutil.copy(model_path().with_name(name), tmp_path / name)
    taxonomy = load_default_taxonomy()
    same = LearnedClassifier(taxonomy, tmp_path / MODEL_FILE)
    assert same.fingerprint == learned().fingerprint
    data = json.loads((tmp_path / MODEL_FILE).read_text(encoding="utf-8"))
    data["stage2"]["bias"][0] += 0.5
    (tmp_path / MODEL_FILE).write_text(json.dumps(data), encoding="utf-8")
    assert LearnedClassifier(taxonomy, tmp_path / MODEL_FILE).fingerprint != same.fingerprint


def test_a_users_own_section_is_decided_by_its_cues_and_a_dropped_one_never_chosen() -> None:
    taxonomy = apply_overrides(load_default_taxonomy(), {
        "energy": {"title": "Energy", "cues": {"power grid": 5, "blackout*": 5, "substation*": 5}},
        "aid": {"enabled": False},
    }, "test")
    classifier = make_classifier("learned", taxonomy)
    sections = [d.section for d in classifier.classify(
        ["Blackouts hit the capital after the power grid operator lost two substations.", AID, STRIKE])]
    assert sections[0] == "energy"
    assert "aid" not in sections
    assert sections[2] == "strikes"


def test_the_speaker_is_set_aside_before_the_event_vocabulary_is_read() -> None:
    assert main_clause("Russia launched 40 drones at Odesa overnight, the Ukrainian air force said.") == \
        "Russia launched 40 drones at Odesa overnight"
    assert main_clause("The talks were constructive, according to Kremlin spokesman Dmitry Peskov.") == \
        "The talks were constructive."
    assert main_clause("Peskov said.") == "Peskov said."  # nothing left: the sentence stays whole


def test_the_speaker_is_set_aside_in_other_languages_too() -> None:
    assert main_clause("Russische Truppen rücken auf Pokrowsk vor, sagte der Sprecher des Generalstabs.") == \
        "Russische Truppen rücken auf Pokrowsk vor"
    assert main_clause("Ночью было сбито 40 беспилотников, заявили в Минобороны.") == "Ночью было сбито 40 беспилотников"
    assert main_clause("Selon l'armée, trois missiles ont été abattus au-dessus de Kiev.") == \
        "trois missiles ont été abattus au-dessus de Kiev."


SENTENCES = {  # written for this test: the same three reports in five languages
    "de": ("Russische Drohnen haben in der Nacht ein Wohnhaus in Charkiw angegriffen, drei Menschen wurden getötet.",
           "Die Außenminister beider Länder wollen nächste Woche in Genf über einen Waffenstillstand verhandeln.",
           "Die Europäische Union hat ein neues Hilfspaket über 50 Millionen Euro für Vertriebene beschlossen."),
    "fr": ("Des drones russes ont frappé un immeuble à Kharkiv dans la nuit, tuant trois personnes.",
           "Les ministres des Affaires étrangères des deux pays se rencontreront à Genève pour négocier un cessez-le-feu.",
           "L'Union européenne a approuvé une nouvelle aide humanitaire de 50 millions d'euros pour les familles déplacées."),
    "es": ("Drones rusos atacaron un edificio residencial en Járkov durante la noche y mataron a tres personas.",
           "Los ministros de Exteriores de ambos países se reunirán en Ginebra para negociar un alto el fuego.",
           "La Unión Europea aprobó un nuevo paquete de ayuda humanitaria de 50 millones de euros para las familias "
           "desplazadas."),
    "ru": ("Ночью российские беспилотники атаковали жилой дом в Харькове, погибли три человека.",
           "Министры иностранных дел двух стран встретятся в Женеве, чтобы провести переговоры о перемирии.",
           "Евросоюз одобрил новый пакет гуманитарной помощи в размере 50 миллионов евро для переселенцев."),
    "uk": ("Вночі російські дрони атакували житловий будинок у Харкові, загинули троє людей.",
           "Міністри закордонних справ обох країн зустрінуться в Женеві, щоб провести переговори про перемир'я.",
           "Євросоюз схвалив новий пакет гуманітарної допомоги на 50 мільйонів євро для переселенців."),
}


@pytest.mark.parametrize("language", sorted(SENTENCES))
def test_clear_sentences_in_other_languages_get_their_sections(language: str) -> None:
    decisions = [learned().classify([text])[0].section for text in SENTENCES[language]]
    assert decisions == ["strikes", "diplomacy", "aid"]


def test_the_event_lexicon_gives_one_concept_in_every_language() -> None:
    concepts = load_concepts()
    data = json.loads(lexicon_path().read_text(encoding="utf-8"))
    for name, entry in data["concepts"].items():
        assert {"section", "en", "fr", "de", "es", "it", "ru", "uk"} <= set(entry), name
        assert entry["section"] in ("diplomacy", "strikes", "aid", "other", "boilerplate"), name
    for word in ("attacked", "attaque", "angriffe", "ataques", "атаки", "атаку"):
        assert ("c:attack", "strikes") in concepts.of(word), word
    for word in ("negotiations", "négociations", "verhandlungen", "negociaciones", "переговоры"):
        assert ("c:talks", "diplomacy") in concepts.of(word), word
    features = own_features("Des drones ont frappé Odessa.", {}, {}, concepts)
    assert features["c:attack"] == 1.0 and features["c:weapon"] == 1.0 and features["g:strikes"] > 0


def test_an_article_not_in_english_is_told_from_its_words() -> None:
    concepts = load_concepts()
    rows = [own_features(text, {}, {}, concepts) for text in SENTENCES["de"]]
    assert is_foreign(rows)
    assert not is_foreign([own_features(text, {}, {}, concepts) for text in (STRIKE, TALKS, AID)])
    assert not is_foreign([])


def test_help_and_making_the_classifier_read_no_model_and_import_no_numeric_library() -> None:
    code = (
        "import sys\n"
        "from briefings.cli import app\n"
        "from briefings.extract.classifiers import make_classifier\n"
        "from briefings.taxonomy import load_default_taxonomy\n"
        "from briefings.extract import learned\n"
        "c = make_classifier('learned', load_default_taxonomy())\n"
        "assert not learned._MODELS, 'the model is read on first use only'\n"
        "c.classify(['Talks resumed in Geneva.'])\n"
        "assert learned._MODELS\n"
        "bad = [m for m in ('numpy', 'sklearn', 'scipy') if m in sys.modules]\n"
        "assert not bad, bad\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def test_the_shipped_model_is_what_training_on_the_shared_corpus_writes(tmp_path: Path) -> None:
    if not (CORPUS / "gold").is_dir() or not (CORPUS / "train" / "gold").is_dir() or not CAMEO.exists():
        pytest.skip(f"{CORPUS} (dev and train gold) or {CAMEO} absent: cannot retrain")
    pytest.importorskip("sklearn", reason="training needs the 'train' extra (scikit-learn)")
    done = subprocess.run(
        [sys.executable, "-m", "briefings.extract.train", "--corpus", str(CORPUS), "--cameo", str(CAMEO),
         "--out", str(tmp_path)],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stderr
    for name in (MODEL_FILE, CAMEO_FILE, "LICENSE-petrarch2.txt"):
        assert (tmp_path / name).read_bytes() == model_path().with_name(name).read_bytes(), \
            f"{name}: the shipped file is not what `python -m briefings.extract.train` writes; retrain"


def test_a_sentence_that_tells_its_section_only_by_context_scores_below_one_that_tells_it_alone() -> None:
    """``Fact.score`` ranks facts in the brief: a sentence placed by its neighbours ranks below
    one whose own words tell the event (both written for this test)."""
    from briefings.extract.learned import fact_score

    texts = [TALKS, "Officials on both sides were cautious about the outcome.",
             "The delegations will exchange draft proposals for a ceasefire before the talks."]
    decisions = learned().classify(texts, [0, 0, 0])
    assert decisions[1].score < decisions[0].score
    assert fact_score(0.9, 0.9) == 0.9 and fact_score(1.0, 0.04) == 0.2
