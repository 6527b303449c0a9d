"""Compose: merging across outlets, ranking, key points, sections, looking ahead."""

from datetime import date, datetime, timezone

import pytest

from briefings.compose import (
    BriefSpec,
    compose_brief,
    content_words,
    looking_ahead,
    similarity,
    without_dateline,
)
from briefings.model import Article, Brand, DateMention, Fact, Figure, Window, stable_id
from briefings.taxonomy import load_default_taxonomy

DAY = date(2025, 7, 22)
UTC = timezone.utc


def article(key: str, outlet: str, title: str = "") -> Article:
    return Article(
        id=key, title=title or f"Story {key}", outlet=outlet, url=f"https://{outlet}.example/{key}",
        published=datetime(2025, 7, 22, 8, tzinfo=UTC), text="...",
    )


def fact(article_id: str, index: int, text: str, section: str, **extra) -> Fact:
    return Fact(id=stable_id(article_id, str(index)), article_id=article_id, index=index, text=text,
                section=section, score=extra.pop("score", 0.8), **extra)


def spec(**overrides) -> BriefSpec:
    window = Window(datetime(2025, 7, 22, tzinfo=UTC), datetime(2025, 7, 23, tzinfo=UTC), "UTC")
    values = dict(date=DAY, title="Test Brief", window=window, brand=Brand(),
                  taxonomy=load_default_taxonomy(), key_points=3, max_facts_per_section=2)
    values.update(overrides)
    return BriefSpec(**values)


ARTICLES = [article("a", "wire-one"), article("b", "paper-two"), article("c", "site-three")]
TALKS_A = "Ukraine and Russia will hold a new round of peace talks in Istanbul on Wednesday, Kyiv said."
TALKS_B = "A new round of peace talks between Ukraine and Russia will take place in Istanbul on Wednesday."
TALKS_DAYS = "Russian media said the Istanbul talks would last two days, on Thursday and Friday."
STRIKE = "A glide bomb hit a residential building in Kramatorsk overnight, killing a child."
STRIKE_OTHER_NUMBER = "A glide bomb hit a residential building in Kramatorsk overnight, killing 3 people."


def test_same_fact_from_two_outlets_is_merged_with_both_citations():
    facts = [fact("a", 0, TALKS_A, "diplomacy"), fact("b", 0, TALKS_B, "diplomacy"),
             fact("c", 0, TALKS_DAYS, "diplomacy")]
    brief = compose_brief(ARTICLES, facts, spec())
    diplomacy = brief.sections[0]
    assert diplomacy.key == "diplomacy"
    merged = [f for f in diplomacy.facts if f.corroboration == 2]
    assert len(merged) == 1
    assert {c.outlet for c in merged[0].citations} == {"wire-one", "paper-two"}
    assert brief.stats["merged"] == 1
    # a different fact about the same event stays apart
    assert any(f.text == TALKS_DAYS and f.corroboration == 1 for f in diplomacy.facts)


def test_facts_with_different_figures_are_not_merged():
    facts = [fact("a", 0, STRIKE.replace("a child", "2 people"), "strikes"),
             fact("b", 0, STRIKE_OTHER_NUMBER, "strikes")]
    brief = compose_brief(ARTICLES, facts, spec())
    assert brief.stats["facts"] == 2


def test_boilerplate_and_headlines_never_reach_the_brief():
    titled = [article("a", "wire-one", title="Talks resume in Turkey")] + ARTICLES[1:]
    facts = [fact("a", 0, "Talks resume in Turkey", "diplomacy"),
             fact("a", 1, "Follow us on X for updates.", "boilerplate"),
             fact("a", 2, TALKS_A, "diplomacy")]
    brief = compose_brief(titled, facts, spec())
    texts = [f.text for s in brief.sections for f in s.facts]
    assert texts == [TALKS_A]
    assert brief.stats["boilerplate"] == 1


def test_sections_follow_taxonomy_order_and_cap_with_a_count_of_the_rest():
    facts = [fact("a", i, f"Strike number {i} hit target {i} in the east.", "strikes") for i in range(5)]
    facts += [fact("b", 0, TALKS_B, "diplomacy"), fact("c", 0, "The economy grew.", "other")]
    brief = compose_brief(ARTICLES, facts, spec())
    assert [s.key for s in brief.sections] == ["diplomacy", "strikes", "other"]
    strikes = brief.sections[1]
    assert len(strikes.facts) == 2 and strikes.more == 3 and len(strikes.more_facts) == 3
    assert strikes.facts[0].score >= strikes.facts[1].score >= strikes.more_facts[0].score


def test_key_points_never_say_the_same_thing_twice():
    facts = [fact("a", 0, TALKS_A, "diplomacy", score=0.9),
             fact("b", 5, TALKS_A.replace("Kyiv said", "officials said") + " More to come.", "diplomacy", score=0.9),
             fact("c", 0, STRIKE, "strikes", figures=(Figure("a child", 1, "killed"),))]
    brief = compose_brief(ARTICLES, facts, spec())
    points = [content_words(p.text) for p in brief.key_points]
    assert len(points) >= 2
    for i in range(len(points)):
        for j in range(i + 1, len(points)):
            assert similarity(points[i], points[j]) <= 0.45


def test_sources_are_numbered_and_citations_carry_the_numbers():
    facts = [fact("a", 0, TALKS_A, "diplomacy"), fact("c", 0, STRIKE, "strikes")]
    brief = compose_brief(ARTICLES, facts, spec())
    numbers = [c.number for c in brief.articles]
    assert numbers == list(range(1, len(ARTICLES) + 1))
    by_id = {c.article_id: c.number for c in brief.articles}
    for section in brief.sections:
        for f in section.facts:
            assert all(c.number == by_id[c.article_id] for c in f.citations)


def test_looking_ahead_lists_only_later_dates_in_order():
    wednesday = DateMention("on Wednesday", date(2025, 7, 23), date(2025, 7, 23))
    later = DateMention("Thursday and Friday", date(2025, 7, 24), date(2025, 7, 25))
    past = DateMention("on Monday", date(2025, 7, 21), date(2025, 7, 21))
    facts = [fact("c", 0, TALKS_DAYS, "diplomacy", dates=(later,)),
             fact("a", 0, TALKS_A, "diplomacy", dates=(wednesday,)),
             fact("b", 0, "Zelensky spoke on Monday.", "diplomacy", dates=(past,))]
    brief = compose_brief(ARTICLES, facts, spec())
    assert [(e.start, e.end) for e in brief.looking_ahead] == [
        (date(2025, 7, 23), date(2025, 7, 23)), (date(2025, 7, 24), date(2025, 7, 25))]
    assert all(e.citations for e in brief.looking_ahead)
    assert looking_ahead([], DAY) == ()


def test_brief_json_has_the_contract_keys():
    facts = [fact("a", 0, TALKS_A, "diplomacy")]
    data = compose_brief(ARTICLES, facts, spec()).to_json()
    for key in ("date", "title", "window", "key_points", "sections", "looking_ahead", "articles", "stats", "brand"):
        assert key in data
    section_fact = data["sections"][0]["facts"][0]
    for key in ("text", "section", "score", "corroboration", "attribution", "dates", "citations"):
        assert key in section_fact
    assert set(data["stats"]) >= {"articles", "sentences", "facts", "boilerplate", "merged", "undated"}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("KYIV, July 22 (Wire) \u2014 Ukraine said talks would resume.", "Ukraine said talks would resume."),
        ("BRUSSELS \u2014 The Commission said it would give more.", "The Commission said it would give more."),
        ("KRAMATORSK, Ukraine, July 22 (Reuters) - A bomb hit a block.", "A bomb hit a block."),
        ("NATO - the alliance - met.", "NATO - the alliance - met."),
        ("Talks in Istanbul \u2014 the third round \u2014 begin.", "Talks in Istanbul \u2014 the third round \u2014 begin."),
    ],
)
def test_datelines_are_dropped_from_brief_lines(text, expected):
    assert without_dateline(text) == expected


# --------------------------------------------------------------------- issue 4 behaviours
from briefings.compose.merge import dates_agree, duplicate_articles  # noqa: E402
from briefings.render.html import fact_tags  # noqa: E402

WIRE = ("Negotiators from both sides met in the Gulf for two days of talks on a settlement. "
        "Officials revealed few details of the meetings, which were part of a yearlong effort. "
        "The next round is planned for next week, a spokesman told journalists on Monday. ") * 3


def test_syndicated_copies_are_one_story_and_every_sentence_cites_both_outlets():
    copy = [Article(id=k, title=f"Talks {k}", outlet=o, url=None, published=None, text=WIRE + extra)
            for k, o, extra in (("w1", "wire", ""), ("w2", "paper", "Subscribe for more."))]
    other = Article(id="x", title="Other", outlet="x", url=None, published=None,
                    text="A different story about grain exports through the Black Sea ports in spring.")
    assert duplicate_articles(copy + [other]) == [["w1", "w2"]]


def test_dates_must_agree_when_both_are_dated():
    wed = DateMention("on Wednesday", date(2025, 7, 23), date(2025, 7, 23))
    thu_fri = DateMention("Thursday and Friday", date(2025, 7, 24), date(2025, 7, 25))
    assert not dates_agree((wed,), (thu_fri,))
    assert dates_agree((wed,), ())
    a = fact("a", 0, "Peace talks between Ukraine and Russia will take place in Istanbul on Wednesday.",
             "diplomacy", dates=(wed,))
    b = fact("b", 0, "Peace talks between Ukraine and Russia will take place in Istanbul on Thursday and Friday.",
             "diplomacy", dates=(thu_fri,))
    assert compose_brief(ARTICLES, [a, b], spec()).stats["facts"] == 2


def test_paraphrase_with_same_figures_merges_and_picks_one_text():
    a = fact("a", 0, "Russian forces launched 138 drones at Ukraine overnight, the air force said.", "strikes")
    b = fact("b", 0, "Overnight, Russian forces launched 138 drones at Ukraine, according to the air force.", "strikes")
    brief = compose_brief(ARTICLES, [a, b], spec())
    merged = brief.sections[0].facts[0]
    assert merged.corroboration == 2 and merged.claim_status == "corroborated"
    assert merged.text in (a.text, b.text)


def test_single_source_and_unnamed_claims_are_marked_in_json_and_tags():
    claim = fact("a", 0, "The sale was slowed, according to a person familiar with the matter.", "diplomacy",
                 attribution="a person familiar with the matter")
    brief = compose_brief(ARTICLES, [claim], spec())
    out = brief.sections[0].facts[0]
    assert out.claim_status == "single_source" and out.unnamed_source
    assert brief.to_json()["sections"][0]["facts"][0]["unnamed_source"] is True
    assert fact_tags(out) == ["single unnamed source"]


def test_key_figures_box_cites_each_figure_and_says_pledged():
    aid = fact("a", 0, "Washington will send $300 million in military aid.", "aid",
               figures=(Figure("$300 million", 300e6, "money", currency="USD", kind="money"),))
    killed = fact("b", 0, "The strike killed 12 people in Kramatorsk.", "strikes",
                  figures=(Figure("12 people", 12, "people", kind="killed"),))
    brief = compose_brief(ARTICLES, [aid, killed], spec())
    kinds = {k.kind: k for k in brief.key_figures}
    assert kinds["killed"].figure.value == 12 and kinds["killed"].citations
    assert kinds["money"].status == "pledged" and kinds["money"].citations
    assert brief.to_json()["key_figures"][0]["citations"]
