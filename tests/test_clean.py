"""Boilerplate detection: widgets, credits, captions, bylines, promos, footers; news kept."""

from briefings.extract.clean import boilerplate_reasons, is_boilerplate_line
from briefings.extract.sentences import split_units


def flags(body: str, title: str = "") -> list[tuple[str, bool]]:
    units = split_units(body)
    return [(u.text, r is not None) for u, r in zip(units, boilerplate_reasons(units, title))]


def test_widget_and_promo_lines():
    for line in [
        "Share",
        "Follow us on Telegram for the latest updates",
        "Sign up here.",
        "Read more",
        "Recommended Stories",
        "* list 2 of 4Some other story about markets",
        "Copyright \u00a9 2030.",
        "Additional reporting by Jane Roe; Editing by John Doe",
        "The ministry did not respond to requests for comment.",
        "Your browser does not support the audio element.",
        "Updated 10:15 AM UTC, March 3, 2030",
        "12:04 p.m. ET",
        "By Alice Example and Bob Sample",
        "Follow the Harbour Gazette on Telegram and X.",
        "Follow Lakeside Daily News on social media for updates",
    ]:
        assert is_boilerplate_line(line), line


def test_news_sentences_are_not_boilerplate_lines():
    for line in [
        "The minister said the convoy reached the city on Tuesday.",
        "By contrast, the army said the bridge was still standing.",
        "Officials said the shipment would follow next month.",
        "Monitors follow the convoy's route on Telegram channels run by both armies.",
        "Zelensky wrote on Telegram that talks would follow on X day.",
    ]:
        assert not is_boilerplate_line(line), line


def test_caption_before_a_credit_line_is_boilerplate():
    body = (
        "Rescuers search a damaged building in the port city.\n\n(Jane Roe/Example Agency via AP)\n\n"
        "The governor said three people were killed in the overnight attack on the port. "
        "Repairs began in the morning."
    )
    result = flags(body)
    assert result[0] == ("Rescuers search a damaged building in the port city.", True)
    assert result[1][1] is True
    assert [b for _, b in result[2:]] == [False, False]


def test_headline_and_standfirst_are_content_but_later_headlines_are_not():
    body = (
        "Leaders agree to meet again as talks drag on\n\n"
        "Negotiators say the next round could come within weeks\n\n"
        "Jane ROE with John DOE in Vienna\n\n"
        "Negotiators met for six hours on Thursday and agreed to meet again next month, officials said. "
        "The talks focused on a ceasefire.\n\n"
        "Another story about something else entirely happening somewhere\n\n"
        "The delegations will report back to their capitals."
    )
    result = dict(flags(body, title="Leaders agree to meet again as talks drag on"))
    assert result["Leaders agree to meet again as talks drag on"] is False
    assert result["Negotiators say the next round could come within weeks"] is False
    assert result["Jane ROE with John DOE in Vienna"] is True
    assert result["Another story about something else entirely happening somewhere"] is True
    assert result["The delegations will report back to their capitals."] is False


def test_sentence_cut_across_lines_by_a_scraper_is_kept():
    body = (
        "The envoy said the agreement covered the exchange of prisoners and the return of the\n\n"
        "remains\n\n"
        "of soldiers killed in the fighting."
    )
    assert [b for _, b in flags(body)] == [False, False, False]


def test_footer_after_an_end_marker_is_boilerplate_unless_the_article_goes_on():
    footer = (
        "The talks resume next week in the capital, the ministry said.\n\n"
        "Reporting by Jane Roe; Editing by John Doe\n\n"
        "Thanks for reading.\n\nMost popular stories today"
    )
    assert [b for _, b in flags(footer)] == [False, True, True, True]
    live = (
        "Reporters contributed to this report.\n\n"
        "The second update says the city was shelled again overnight and two people were hurt.\n\n"
        "Officials in the region said the power station was damaged but would be repaired soon."
    )
    assert [b for _, b in flags(live)] == [True, False, False]


def test_sentence_addressing_the_reader_is_a_promo_but_quotes_are_not():
    body = 'Want a head start on your morning? Get it in your inbox.\n\n"You will not break us," the mayor said.'
    assert [b for _, b in flags(body)] == [True, True, False]


def test_promo_alternatives_grouped_by_first_letter_match_as_the_plain_list():
    import re

    from briefings.extract.clean import promo_pattern
    from briefings.lang.en import ENGLISH

    _PROMO = promo_pattern(ENGLISH)
    plain = re.compile(ENGLISH.boilerplate.promo, re.VERBOSE)
    lines = ["sign up for our newsletter", "follow us on x", "copyright 2030", "\u00a9 2030 example",
             "did not immediately respond to a request for comment", "could not be reached for comment",
             "support independent journalism", "https://example.com", "podcast", "podcasts are fun",
             "the talks resumed on monday.", "a signal was sent", "cookie policy", "cookies policy"]
    assert [bool(_PROMO.search(t)) for t in lines] == [bool(plain.search(t)) for t in lines]
    assert "c(?:lick" in _PROMO.pattern  # grouped (the point of it)
