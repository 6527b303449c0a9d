"""Language detection: an article whose file does not name its language is read in its own.

The texts are written for these tests (a few sentences each, in the style of a wire report).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from briefings.collect import read_paths
from briefings.lang.detect import DETECTABLE, detect_language

ROOT = Path(__file__).resolve().parents[1]

SAMPLES = {
    "en": ("Talks resume in Geneva", "Delegations from both sides met in Geneva on Monday and agreed "
           "to continue the talks next week, the foreign ministry said."),
    "fr": ("Reprise des négociations à Genève", "Les délégations des deux camps se sont réunies lundi à "
           "Genève et ont convenu de poursuivre les discussions la semaine prochaine, a indiqué le ministère."),
    "de": ("Verhandlungen in Genf fortgesetzt", "Die Delegationen beider Seiten trafen sich am Montag in "
           "Genf und vereinbarten, die Gespräche in der kommenden Woche fortzusetzen, teilte das Ministerium mit."),
    "es": ("Se reanudan las negociaciones en Ginebra", "Las delegaciones de ambas partes se reunieron el "
           "lunes en Ginebra y acordaron continuar las conversaciones la próxima semana, informó el ministerio."),
    "ru": ("Переговоры в Женеве возобновились", "Делегации обеих сторон встретились в понедельник в Женеве "
           "и договорились продолжить переговоры на следующей неделе, сообщили в министерстве."),
    "uk": ("Переговори в Женеві відновилися", "Делегації обох сторін зустрілися в понеділок у Женеві "
           "та домовилися продовжити переговори наступного тижня, повідомили в міністерстві."),
}


@pytest.mark.parametrize("code", DETECTABLE)
def test_each_language_is_detected(code: str) -> None:
    title, text = SAMPLES[code]
    assert detect_language(text, title) == code


def test_russian_and_ukrainian_are_told_apart_without_a_title() -> None:
    assert detect_language(SAMPLES["ru"][1]) == "ru"
    assert detect_language(SAMPLES["uk"][1]) == "uk"


def test_too_few_letters_give_no_answer() -> None:
    assert detect_language("12:05 | 3/4", "") is None
    assert detect_language("") is None


def test_a_txt_without_language_header_gets_its_detected_language(tmp_path: Path) -> None:
    for code, (title, text) in SAMPLES.items():
        (tmp_path / f"{code}.txt").write_text(f"title: {title}\n---\n{text}\n", encoding="utf-8")
    (tmp_path / "given.txt").write_text(f"title: x\nlanguage: de\n---\n{SAMPLES['fr'][1]}\n", encoding="utf-8")
    read = read_paths([tmp_path])
    by_name = {article.name: article.language for article in read.articles}
    assert {by_name[f"{code}.txt"] for code in SAMPLES} == set(SAMPLES)
    assert all(by_name[f"{code}.txt"] == code for code in SAMPLES)
    assert by_name["given.txt"] == "de"  # what the file says wins over what detection thinks


def test_extract_output_carries_the_detected_language(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(f"title: {SAMPLES['uk'][0]}\n---\n{SAMPLES['uk'][1]}\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "briefings", "extract", str(tmp_path / "a.txt"), "--date", "2025-07-22"],
                         capture_output=True, text=True, cwd=ROOT, timeout=120, check=False)
    assert run.returncode == 0, run.stderr
    records = [json.loads(line) for line in run.stdout.splitlines()]
    assert records and {r["language"] for r in records} == {"uk"}


def test_help_does_not_load_the_detector() -> None:
    code = ("import sys, runpy; sys.argv = ['briefings', '--help']\n"
            "try:\n    runpy.run_module('briefings', run_name='__main__')\nexcept SystemExit:\n    pass\n"
            "print('lingua' in sys.modules)")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120,
                         check=False)
    assert run.stdout.strip().splitlines()[-1] == "False", run.stdout + run.stderr


def test_a_page_or_feed_item_without_a_language_gets_its_detected_one() -> None:
    """Pages and feed items are made by ``web.article_from``: a page with no ``lang`` and a
    feed with no ``<language>`` are detected too, and the day-first reading of their dates
    follows the language found."""
    from datetime import UTC

    from briefings.collect.article import _Meta
    from briefings.collect.web import article_from

    meta = _Meta()
    meta.update({"title": "Nouvelles frappes sur Kharkiv", "published": "03/04/2025"}, override=True)
    article = article_from(meta, SAMPLES["fr"][1], "https://exemple.test/frappes", source="site", default_tz=UTC)
    assert article.language == "fr"
    assert article.published is not None and (article.published.month, article.published.day) == (4, 3)
