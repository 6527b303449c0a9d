"""Stories: one event told once, by every outlet that reported it (issue 16).

Fixture sentences are written here; the sample brief is built from samples/ (our own texts).
"""

import json
from datetime import date, datetime, timezone
from pathlib import Path

from typer.testing import CliRunner

from briefings.cli import app
from briefings.compose import BriefSpec, compose_brief
from briefings.compose.stories import StoryInput, cluster_facts, complete
from briefings.extract.day import day_facts_of
from briefings.model import Brand, Brief, DateMention, Figure, Window
from briefings.render.email import render_text
from briefings.taxonomy import load_default_taxonomy
from factories import make_article, make_brief_fact, make_fact

DAY = date(2025, 7, 22)
UTC = timezone.utc
SAMPLES = Path(__file__).resolve().parent.parent / "samples"
WED = DateMention("on Wednesday", date(2025, 7, 23), date(2025, 7, 23))
FRI = DateMention("on Friday", date(2025, 7, 25), date(2025, 7, 25))


def spec() -> BriefSpec:
    window = Window(datetime(2025, 7, 22, tzinfo=UTC), datetime(2025, 7, 23, tzinfo=UTC), "UTC")
    return BriefSpec(date=DAY, title="Test", window=window, brand=Brand(), taxonomy=load_default_taxonomy())


def article(key: str, outlet: str):
    return make_article(id=key, title=f"Story {key}", outlet=outlet, url=f"https://{outlet}.example/{key}", text="...")


def fact(article_id: str, index: int, text: str, section: str = "diplomacy", **extra):
    return make_fact(article_id=article_id, index=index, text=text, section=section,
                     score=extra.pop("score", 0.8), **extra)


def story_texts(brief: Brief) -> list[set[str]]:
    """Each story as the set of its facts' texts."""
    text = {f.id: f.text for s in brief.sections for f in (*s.facts, *s.more_facts)}
    return [{text[i] for i in story.facts} for story in brief.stories]


def story_holding(brief: Brief, words: str):
    return next(s for s in brief.stories if any(words in t for t in story_texts(brief)[brief.stories.index(s)]))


# ----------------------------------------------------------------------------- the samples
def build_samples(tmp_path: Path) -> dict:
    result = CliRunner().invoke(app, ["build", str(SAMPLES), "--date", "2025-07-22", "--out", str(tmp_path),
                                      "--format", "json,html", "-q"])
    assert result.exit_code == 0, result.output
    return json.loads((tmp_path / "brief.json").read_text(encoding="utf-8"))


def test_the_samples_tell_the_glide_bomb_the_package_and_the_talks_once_each_with_every_outlet(tmp_path):
    brief = build_samples(tmp_path)
    stories = {s["id"]: s for s in brief["stories"]}
    shown = [stories[i] for section in brief["sections"] for i in section["stories"]]

    def one(words: str) -> dict:
        found = [s for s in shown if words in s["headline"]]
        assert len(found) == 1, (words, [s["headline"] for s in shown])
        return found[0]

    assert set(one("Kramatorsk")["outlets"]) == {"Northern Wire", "Baltic Courier"}
    assert set(one("$325 million")["outlets"]) == {"Northern Wire", "Eastern Europe Monitor"}
    assert set(one("Istanbul")["outlets"]) == {"Northern Wire", "Kyiv Ledger", "Vestnik News Agency"}
    # Looking ahead: one line for the talks (Wednesday, and the days they may run on)
    talks = one("Istanbul")["id"]
    lines = {(e["text"], tuple(c["number"] for c in e["citations"])) for e in brief["looking_ahead"]
             if e["story"] == talks}
    assert len(lines) == 1
    html = (tmp_path / "brief.html").read_text(encoding="utf-8")
    sections = html[html.index('<section class="brief-section'):html.index('id="looking-ahead"')]
    assert sections.count("Kramatorsk overnight into Tuesday") == 1
    assert sections.count("glide bomb dropped on Kramatorsk") == 1  # the Courier's line, under the Wire's lead


def test_brief_json_keeps_every_fact_and_names_its_story(tmp_path):
    brief = build_samples(tmp_path)
    facts = [f for s in brief["sections"] for f in s["facts"] + s["more_facts"]]
    assert len(facts) == brief["stats"]["facts"]
    held = [i for s in brief["stories"] for i in s["facts"]]
    assert sorted(held) == sorted(f["id"] for f in facts)  # every fact in exactly one story
    by_id = {s["id"]: s for s in brief["stories"]}
    assert all(f["id"] in by_id[f["story"]]["facts"] for f in facts)
    again = Brief.from_json(brief)
    assert again.to_json()["stories"] == brief["stories"]


def test_the_package_is_not_single_source_when_a_second_outlet_gives_its_sum(tmp_path):
    brief = build_samples(tmp_path)
    lead = next(f for s in brief["sections"] for f in s["facts"] if f["text"].startswith("The United States pledged"))
    assert lead["claim_status"] == "corroborated" and lead["corroboration"] == 2  # both outlets, merged on "$325 million"


# ----------------------------------------------------------------------------- clustering
def test_talks_in_istanbul_on_wednesday_and_talks_in_geneva_on_friday_are_two_stories():
    articles = [article("a", "wire"), article("b", "paper")]
    facts = [
        fact("a", 0, "Delegations of Ukraine and Russia will hold a new round of direct talks in Istanbul on Wednesday.",
             entities=("Ukraine", "Russia", "Istanbul"), dates=(WED,)),
        fact("b", 0, "Delegations of Ukraine and Russia will hold a new round of direct talks in Geneva on Friday.",
             entities=("Ukraine", "Russia", "Geneva"), dates=(FRI,)),
    ]
    brief = compose_brief(day_facts_of(articles, facts), spec())
    assert len(brief.stories) == 2
    assert len({e.story for e in brief.looking_ahead}) == 2


def test_a_sentence_that_leans_back_follows_its_own_article_not_a_look_alike_elsewhere():
    """The clustering alone (the fact merge is not asked): "He added that..." shares its words
    with another outlet's Kramatorsk line, but it is about what its own article said before."""
    facts = [make_brief_fact(id=k, text=t, score=0.7) for k, t in
             (("k1", "Russia attacked Kyiv with drones overnight, damaging buildings in six districts."),
              ("k2", "He added that the blast wave shattered windows of a kindergarten nearby."),
              ("m1", "A glide bomb hit Kramatorsk and the blast wave shattered windows of a kindergarten nearby."))]
    inputs = [
        StoryInput(frozenset({"russia", "strike", "kyiv", "drone", "overnight", "damag", "build", "six", "district"}),
                   frozenset({"russia", "kyiv"}), (("a", 0),)),
        StoryInput(frozenset({"blast", "wave", "shatter", "window", "kindergarten", "nearby"}), frozenset(),
                   (("a", 1),), stands_alone=False),
        StoryInput(frozenset({"glide", "bomb", "strike", "kramatorsk", "blast", "wave", "shatter", "window",
                              "kindergarten", "nearby"}), frozenset({"kramatorsk"}), (("b", 0),)),
    ]
    groups = sorted(sorted(g) for g in cluster_facts(facts, inputs, DAY).groups)
    assert groups == [[0, 1], [2]]
    leaning = StoryInput(inputs[1].words, frozenset(), (("a", 1),), stands_alone=True)
    assert [2] not in sorted(sorted(g) for g in cluster_facts(facts, [inputs[0], leaning, inputs[2]], DAY).groups)


def test_a_change_of_subject_in_an_article_starts_another_story():
    articles = [article("a", "wire")]
    facts = [
        fact("a", 0, "A glide bomb hit an apartment block in Kramatorsk overnight, killing a girl, officials said.",
             section="strikes", entities=("Kramatorsk",)),
        fact("a", 1, "Further south, troops repelled more than 50 attacks around Pokrovsk over the past day.",
             section="strikes", entities=("Pokrovsk",)),
        fact("a", 2, "The army said its forces had held a village north-east of the town.", section="strikes"),
    ]
    brief = compose_brief(day_facts_of(articles, facts), spec())
    assert sorted(map(len, story_texts(brief))) == [1, 2]
    assert {facts[1].text, facts[2].text} in story_texts(brief)


def test_an_articles_asides_join_the_story_it_is_about_but_not_a_change_of_subject_or_another_event():
    """The clustering alone. Two outlets on a drone attack each also tell the evacuation of the
    wounded (in words the attack's lines do not use), a "Meanwhile" on Gaza and a mediator's
    framework for talks: the evacuation is the attack's story, the other two are not."""
    texts = [
        "A drone attack on the Tower 22 outpost killed three soldiers and injured dozens.",  # a0, b0
        "Officials said the drone that hit Tower 22 was launched by Iran-backed militias.",  # a1
        "Eight of the wounded were flown to Landstuhl hospital in Germany.",  # a2, b1 (two facts)
        "Eight of the wounded were flown to Landstuhl hospital in Germany.",
        "Meanwhile, Israel pressed its campaign in Gaza against Hamas.",  # a3, b2
        "Meanwhile, Israel pressed its campaign in Gaza against Hamas.",
        "Qatar's prime minister said mediators had agreed a framework for hostage talks in Paris.",  # a4, b3
        "Qatar's prime minister said mediators had agreed a framework for hostage talks in Paris.",
    ]
    facts = [make_brief_fact(id=f"f{k}", text=t, score=0.8 - 0.01 * k) for k, t in enumerate(texts)]
    attack = StoryInput(frozenset({"drone", "strike", "tower", "22", "outpost", "kill", "three", "soldier", "injure",
                                   "dozen"}), frozenset({"tower"}), (("a", 0), ("b", 0)),
                        frozenset({"strike", "kill", "injure"}))
    militia = StoryInput(frozenset({"official", "drone", "strike", "tower", "22", "launch", "iran", "back", "militia"}),
                         frozenset({"tower", "iran"}), (("a", 1),), frozenset({"strike"}))
    wounded = frozenset({"eight", "wound", "flown", "landstuhl", "hospital", "germany"})
    gaza = frozenset({"israel", "press", "campaign", "gaza", "hamas"})
    talks = frozenset({"qatar", "prime", "minister", "mediator", "agree", "framework", "hostage", "talks", "paris"})
    inputs = [
        attack, militia,
        StoryInput(wounded, frozenset({"landstuhl", "germany"}), (("a", 2),)),
        StoryInput(wounded, frozenset({"landstuhl", "germany"}), (("b", 1),)),
        StoryInput(gaza, frozenset({"israel", "gaza", "hamas"}), (("a", 3),)),
        StoryInput(gaza, frozenset({"israel", "gaza", "hamas"}), (("b", 2),)),
        StoryInput(talks, frozenset({"qatar", "paris"}), (("a", 4),), frozenset({"talks"})),
        StoryInput(talks, frozenset({"qatar", "paris"}), (("b", 3),), frozenset({"talks"})),
    ]
    groups = sorted(sorted(g) for g in cluster_facts(facts, inputs, DAY).groups)
    assert groups == [[0, 1, 2, 3], [4, 5], [6, 7]]
    # told in an article about something else too, the evacuation is not the attack's to take
    elsewhere = [*inputs[:3], StoryInput(wounded, frozenset({"landstuhl", "germany"}), (("c", 5),)), *inputs[4:]]
    groups = sorted(sorted(g) for g in cluster_facts(facts, elsewhere, DAY).groups)
    assert [2, 3] in groups and [0, 1] in groups


def test_an_aside_whose_days_ahead_touch_its_storys_joins_and_one_a_fortnight_off_does_not():
    """The next round "on Thursday" in the lead, "from Friday" in an aside (one outlet read
    the day differently): one story. An aside on a summit in August is its own."""
    talks = StoryInput(frozenset({"talks", "envoy", "abu", "dhabi", "constructive", "round"}), frozenset({"abu", "dhabi"}),
                       (("a", 0), ("b", 0)), frozenset({"talks"}))
    plan = StoryInput(frozenset({"talks", "envoy", "abu", "dhabi", "next", "round", "plan"}), frozenset({"abu", "dhabi"}),
                      (("a", 1),), frozenset({"talks"}))
    document = frozenset({"document", "security", "guarantee", "ready", "sign"})

    def cluster(aside_day: date) -> list[list[int]]:
        when = DateMention("then", aside_day, aside_day)
        facts = [make_brief_fact(id="f0", text="Talks in Abu Dhabi were constructive, envoys said.", score=0.9),
                 make_brief_fact(id="f1", text="Another round in Abu Dhabi is planned on Thursday.", score=0.8,
                                 dates=(DateMention("on Thursday", date(2025, 7, 24), date(2025, 7, 24)),)),
                 make_brief_fact(id="f2", text="The security document is ready to sign, he said.", dates=(when,)),
                 make_brief_fact(id="f3", text="The security guarantee document is ready to sign.", dates=(when,))]
        inputs = [talks, plan, StoryInput(document, frozenset(), (("a", 2),)), StoryInput(document, frozenset(), (("b", 1),))]
        return sorted(sorted(g) for g in cluster_facts(facts, inputs, DAY).groups)

    assert cluster(date(2025, 7, 25)) == [[0, 1, 2, 3]]
    assert cluster(date(2025, 8, 8)) == [[0, 1], [2, 3]]


def test_one_outlets_two_sentences_never_corroborate_each_other_and_other_figures_do_not_either():
    articles = [article("a", "wire"), article("b", "paper")]
    money = Figure("$325 million", 325e6, "money", currency="USD", kind="money")
    other = Figure("$40 million", 40e6, "money", currency="USD", kind="money")
    facts = [
        fact("a", 0, "The United States pledged a $325 million package of military aid to Ukraine, the Pentagon said.",
             section="aid", figures=(money,), attribution="the Pentagon", entities=("United States", "Ukraine")),
        fact("b", 0, "The United States is preparing a $40 million military aid package for Ukraine, officials said.",
             section="aid", figures=(other,), attribution="officials", entities=("United States", "Ukraine")),
    ]
    brief = compose_brief(day_facts_of(articles, facts), spec())
    statuses = {f.text[:30]: f.claim_status for s in brief.sections for f in s.facts}
    assert set(statuses.values()) == {"single_source"}


def test_the_headline_is_a_complete_sentence_never_a_fragment():
    assert complete("Ukraine said the talks would go ahead.")
    assert complete("\u201cWe will go,\u201d he said.")
    assert not complete("to the State Department, which said the strikes continued")
    assert not complete("The strikes continued, officials said, and")
    articles = [article("a", "wire"), article("b", "paper")]
    facts = [
        fact("a", 0, "to the State Department, which said Russian missiles again struck Kyiv and Lviv overnight",
             score=0.95, entities=("Kyiv", "Lviv")),
        fact("b", 0, "Russian missiles struck Kyiv and Lviv overnight, the State Department said.", score=0.6,
             entities=("Kyiv", "Lviv", "State Department")),
    ]
    brief = compose_brief(day_facts_of(articles, facts), spec())
    assert [s.headline for s in brief.stories] == [facts[1].text]  # one story (one fact, two tellings)


def test_the_text_email_shows_stories_with_their_outlets(tmp_path):
    brief = Brief.from_json(build_samples(tmp_path))
    text = render_text(brief)
    assert "Reported by: Northern Wire [3], Baltic Courier [5]" in text
    assert text.count("Kramatorsk overnight into Tuesday") == 2


def test_the_config_caps_the_stories_a_section_shows_and_counts_the_rest(tmp_path):
    config = tmp_path / "briefings.toml"
    config.write_text("[brief]\nmax_stories_per_section = 1\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["build", str(SAMPLES), "--date", "2025-07-22", "--out", str(out),
                                      "--format", "json", "--config", str(config), "-q"])
    assert result.exit_code == 0, result.output
    sections = json.loads((out / "brief.json").read_text(encoding="utf-8"))["sections"]
    assert all(len(s["stories"]) <= 1 for s in sections)
    strikes = next(s for s in sections if s["key"] == "strikes")
    assert len(strikes["stories"]) == 1 and strikes["more_stories"] >= 2


def test_the_appendix_lists_at_most_its_cap_of_further_stories_a_section(tmp_path, monkeypatch):
    """A day of thousands of stories must not add hundreds of pages: the appendix lists the
    best APPENDIX_LINES further stories of a section, and its "more" line counts those."""
    import re

    from briefings.render import html

    monkeypatch.setattr(html, "APPENDIX_LINES", 1)
    config = tmp_path / "briefings.toml"
    config.write_text("[brief]\nmax_stories_per_section = 1\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["build", str(SAMPLES), "--date", "2025-07-22", "--out", str(out),
                                      "--format", "json,html", "--config", str(config), "-q"])
    assert result.exit_code == 0, result.output
    brief = json.loads((out / "brief.json").read_text(encoding="utf-8"))
    strikes = next(s for s in brief["sections"] if s["key"] == "strikes")
    assert strikes["more_stories"] >= 2  # brief.json keeps the count of every further story
    page = (out / "brief.html").read_text(encoding="utf-8")
    appendix = page[page.index('id="appendix"'):]
    part = appendix[appendix.index(strikes["title"]):]
    part = part[:part.index("</ul>")]
    assert len(re.findall(r"<li\b", part)) == 1


def test_a_big_day_clusters_its_best_facts_and_lets_the_rest_stand_alone():
    """Past ``limit`` merged facts only the best-ranked are clustered (memory and time stay
    bounded on a day of 10,000 articles); every fact is in exactly one story or in none."""
    from briefings.compose.stories import cluster_best

    facts = [make_brief_fact(id=k, text=t, score=s) for k, t, s in
             (("k1", "Russia attacked Kyiv with drones overnight, damaging buildings in six districts.", 0.9),
              ("k2", "He added that the blast wave shattered windows of a kindergarten nearby.", 0.8),
              ("m1", "A glide bomb hit Kramatorsk and the blast wave shattered windows nearby.", 0.1))]
    inputs = [
        StoryInput(frozenset({"russia", "kyiv", "drone", "overnight", "damag", "build"}), frozenset({"kyiv"}),
                   (("a", 0),)),
        StoryInput(frozenset({"blast", "wave", "shatter", "window", "kindergarten"}), frozenset(),
                   (("a", 1),), stands_alone=False),
        StoryInput(frozenset({"glide", "bomb", "kramatorsk", "blast", "wave", "shatter", "window"}),
                   frozenset({"kramatorsk"}), (("b", 0),)),
    ]
    whole = sorted(sorted(g) for g in cluster_best(facts, inputs.__getitem__, DAY, limit=3).groups)
    capped = cluster_best(facts, inputs.__getitem__, DAY, limit=2)
    assert whole == [[0, 1], [2]]
    assert sorted(sorted(g) for g in capped.groups) == [[0, 1]]  # the weakest fact is left out
    assert capped.unclustered == [2] and capped.centrality[2] == 1.0
    only_best = cluster_best(facts, inputs.__getitem__, DAY, limit=1)
    assert only_best.groups == [[0]] and only_best.unclustered == [1, 2]
