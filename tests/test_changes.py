"""Change since yesterday: stories marked new, continuing or updated against the day before's
brief.json (issue 16, item 4). The articles are written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from briefings.cli import app
from briefings.compose.changes import CONTINUING, NEW, UPDATED, mark_changes
from briefings.model import Brief

runner = CliRunner()

MONDAY = {
    "talks-wire.txt": ("Talks set for Geneva", "Test Wire", "2025-03-10T09:00:00+00:00",
                       "Ukrainian and Russian negotiators will meet in Geneva on Thursday to discuss a "
                       "prisoner exchange, the Ukrainian foreign ministry said.\n\n"
                       "Foreign Minister Andrii Sybiha said the Geneva meeting would focus on the exchange "
                       "of prisoners held since the autumn."),
    "kharkiv-wire.txt": ("Drone strike on Kharkiv", "Test Wire", "2025-03-10T07:00:00+00:00",
                         "A Russian drone strike on a residential district of Kharkiv killed three people "
                         "overnight, regional governor Oleh Syniehubov said."),
}
TUESDAY = {
    "talks-herald.txt": ("Geneva talks on prisoners go ahead", "Test Herald", "2025-03-11T08:00:00+00:00",
                         "Ukrainian and Russian negotiators will meet in Geneva on Thursday to discuss a "
                         "prisoner exchange, and a second session is planned on Friday, the Ukrainian "
                         "foreign ministry said.\n\n"
                         "Foreign Minister Andrii Sybiha said the Geneva meeting on the exchange of prisoners "
                         "held since the autumn had the backing of Turkey."),
    "floods-herald.txt": ("Floods in Odesa region", "Test Herald", "2025-03-11T10:00:00+00:00",
                          "Heavy rain flooded villages along the Dniester in the Odesa region, and rescuers "
                          "evacuated 140 residents, the State Emergency Service said."),
}


def write_day(folder: Path, articles: dict[str, tuple[str, str, str, str]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, (title, outlet, published, body) in articles.items():
        (folder / name).write_text(f"title: {title}\noutlet: {outlet}\npublished: {published}\n---\n{body}\n",
                                   encoding="utf-8")
    return folder


def build(articles: Path, day: str, out: Path, *extra: str):
    result = runner.invoke(app, ["build", str(articles), "--date", day, "--out", str(out), "-f", "json", *extra],
                           catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads((out / "brief.json").read_text(encoding="utf-8"))


def story_about(brief: dict, word: str) -> dict:
    return next(s for s in brief["stories"] if word in s["headline"])


def test_the_day_before_s_brief_beside_the_output_marks_each_story(tmp_path):
    """reports/2025-03-10 beside reports/2025-03-11: the Geneva talks continue, told by a new
    outlet and with a new date; the floods are new; Monday's Kharkiv strike is not today's."""
    reports = tmp_path / "reports"
    build(write_day(tmp_path / "mon", MONDAY), "2025-03-10", reports / "2025-03-10")
    tuesday = build(write_day(tmp_path / "tue", TUESDAY), "2025-03-11", reports / "2025-03-11")
    talks, floods = story_about(tuesday, "Geneva"), story_about(tuesday, "flooded")
    assert talks["change"]["status"] == UPDATED
    assert "Geneva" in talks["change"]["previous_headline"]
    assert talks["change"]["new_outlets"] == ["Test Herald"]
    assert [d["start"] for d in talks["change"]["new_dates"]] == ["2025-03-14"]  # Thursday was known
    assert floods["change"]["status"] == NEW
    assert not any("Kharkiv" in s["headline"] for s in tuesday["stories"])


def test_without_a_previous_brief_no_story_is_marked(tmp_path):
    tuesday = build(write_day(tmp_path / "tue", TUESDAY), "2025-03-11", tmp_path / "reports" / "2025-03-11")
    assert tuesday["stories"] and all(s["change"] is None for s in tuesday["stories"])


def test_since_names_the_brief_to_compare_with_and_a_missing_one_is_a_usage_error(tmp_path):
    build(write_day(tmp_path / "mon", MONDAY), "2025-03-10", tmp_path / "monday")
    tuesday = build(write_day(tmp_path / "tue", TUESDAY), "2025-03-11", tmp_path / "tuesday",
                    "--since", str(tmp_path / "monday" / "brief.json"))
    assert story_about(tuesday, "Geneva")["change"]["status"] == UPDATED
    result = runner.invoke(app, ["build", str(tmp_path / "tue"), "--date", "2025-03-11", "--out",
                                 str(tmp_path / "again"), "--since", str(tmp_path / "nothing.json")])
    assert result.exit_code == 2
    assert "--since" in result.output and "nothing.json" in result.output and "Traceback" not in result.output


def test_an_unreadable_previous_brief_is_named_once_and_the_brief_is_still_built(tmp_path):
    previous = tmp_path / "reports" / "2025-03-10"
    previous.mkdir(parents=True)
    (previous / "brief.json").write_text("{not json", encoding="utf-8")
    result = runner.invoke(app, ["build", str(write_day(tmp_path / "tue", TUESDAY)), "--date", "2025-03-11",
                                 "--out", str(tmp_path / "reports" / "2025-03-11"), "-f", "json"])
    assert result.exit_code == 0, result.output
    assert result.output.count("brief.json: not read as the previous brief") == 1
    brief = json.loads((tmp_path / "reports" / "2025-03-11" / "brief.json").read_text(encoding="utf-8"))
    assert all(s["change"] is None for s in brief["stories"])


def test_a_story_told_again_with_nothing_new_continues(tmp_path):
    """The same telling on both days: continuing, nothing listed as new; brief.json reads back."""
    reports = tmp_path / "reports"
    same = {"talks-wire.txt": MONDAY["talks-wire.txt"]}
    monday = build(write_day(tmp_path / "mon", same), "2025-03-10", reports / "2025-03-10")
    again = {"talks-wire.txt": (*MONDAY["talks-wire.txt"][:2], "2025-03-11T09:00:00+00:00",
                                MONDAY["talks-wire.txt"][3])}
    tuesday = build(write_day(tmp_path / "tue", again), "2025-03-11", reports / "2025-03-11")
    change = story_about(tuesday, "Geneva")["change"]
    assert change["status"] == CONTINUING
    assert change["previous"] == story_about(monday, "Geneva")["id"]
    assert change["new_outlets"] == [] and change["new_figures"] == [] and change["new_dates"] == []
    read_back = Brief.from_json(tuesday)
    assert read_back.stories[0].change is not None and read_back.stories[0].change.status == CONTINUING


def test_mark_changes_keeps_two_stories_of_today_from_continuing_one_of_yesterday(tmp_path):
    """Each story of yesterday continues at most one of today's: the better-matched one."""
    reports = tmp_path / "reports"
    monday = Brief.from_json(build(write_day(tmp_path / "mon", MONDAY), "2025-03-10", reports / "2025-03-10"))
    doubled = dict(TUESDAY)
    doubled["talks-post.txt"] = ("Geneva", "Test Post", "2025-03-11T11:00:00+00:00",
                                 "Sybiha said Geneva would host negotiators from both countries on the "
                                 "exchange of prisoners, a process backed by Turkey and the United Nations.")
    tuesday = Brief.from_json(build(write_day(tmp_path / "tue", doubled), "2025-03-11", tmp_path / "plain"))
    marked = mark_changes(tuesday, monday)
    previous_ids = [s.change.previous for s in marked.stories if s.change and s.change.previous]
    assert previous_ids and len(previous_ids) == len(set(previous_ids))
    assert all(s.change is not None for s in marked.stories)


def test_the_plain_text_email_names_what_changed(tmp_path):
    """The email's text part (the same words reach the HTML and the PDF): the status before
    the headline, and the outlets and dates the story adds on the line below."""
    from briefings.render.email import render_text

    reports = tmp_path / "reports"
    build(write_day(tmp_path / "mon", MONDAY), "2025-03-10", reports / "2025-03-10")
    tuesday = Brief.from_json(build(write_day(tmp_path / "tue", TUESDAY), "2025-03-11", reports / "2025-03-11"))
    text = render_text(tuesday)
    assert "* [UPDATED] " in text and "* [NEW] " in text
    assert "now also Test Herald; new dates: Fri 14 Mar" in " ".join(text.split())


def test_the_page_and_the_pdf_show_the_marks(tmp_path):
    """brief.html marks the status before the lead and says what is new below it; the PDF
    carries the same words (read back with pypdf)."""
    from pypdf import PdfReader

    reports = tmp_path / "reports"
    build(write_day(tmp_path / "mon", MONDAY), "2025-03-10", reports / "2025-03-10")
    out = reports / "2025-03-11"
    result = runner.invoke(app, ["build", str(write_day(tmp_path / "tue", TUESDAY)), "--date", "2025-03-11",
                                 "--out", str(out), "-f", "html,pdf"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    page = (out / "brief.html").read_text(encoding="utf-8")
    assert 'class="change change-updated">Updated</span>' in page
    assert 'class="change change-new">New</span>' in page
    assert '<p class="since">now also Test Herald; new dates: Fri\u00a014\u00a0Mar</p>' in page
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(str(out / "brief.pdf")).pages).replace("\u00a0", " ").split())
    assert "now also Test Herald; new dates: Fri 14 Mar" in text
