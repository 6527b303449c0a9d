"""Sentence and paragraph splitting: offsets, abbreviations, quotes, lines that are not sentences."""

from briefings.extract.sentences import split_units


def texts(body: str) -> list[str]:
    return [u.text for u in split_units(body)]


def test_offsets_index_the_original_text():
    body = "First line here.\n\n  Second paragraph. It has two sentences.  \n\nTail"
    for unit in split_units(body):
        assert body[unit.start : unit.end] == unit.text
    assert [u.paragraph for u in split_units(body)] == [0, 1, 1, 2]


def test_abbreviations_do_not_end_sentences():
    body = "The U.S. Army said Gen. Miller arrived on Jan. 5 with Mr. Doe. Talks began later."
    assert texts(body) == [
        "The U.S. Army said Gen. Miller arrived on Jan. 5 with Mr. Doe.",
        "Talks began later.",
    ]


def test_initials_and_decimals_stay_inside_the_sentence():
    body = "The fund grew 3.5 percent, J. R. Smith said. George W. Bush agreed."
    assert texts(body) == ["The fund grew 3.5 percent, J. R. Smith said.", "George W. Bush agreed."]


def test_single_letter_after_a_lower_case_word_is_not_an_initial():
    assert texts("He posted the news on X. Officials later deleted it.") == [
        "He posted the news on X.",
        "Officials later deleted it.",
    ]


def test_closing_quotes_end_the_sentence_with_the_quote():
    body = "\u201cWe will not stop.\u201d The minister left. \u201cNever!\u201d he shouted. \"Why?\" She asked."
    assert texts(body) == [
        "\u201cWe will not stop.\u201d",
        "The minister left.",
        "\u201cNever!\u201d he shouted.",
        "\"Why?\"",
        "She asked.",
    ]


def test_lower_case_after_period_does_not_split():
    assert texts("The talks ended at 5 p.m. local time after a long day.") == [
        "The talks ended at 5 p.m. local time after a long day."
    ]


def test_each_line_is_its_own_unit_and_unpunctuated_lines_stay_whole():
    body = "Share\nA Headline Without A Full Stop\nThe body starts here. It goes on."
    assert texts(body) == ["Share", "A Headline Without A Full Stop", "The body starts here.", "It goes on."]


def test_question_inside_a_headline_does_not_split_it():
    assert texts("Peace or Pause? Leaders Meet in Geneva") == ["Peace or Pause? Leaders Meet in Geneva"]


def test_soft_wrapped_lines_join_into_one_sentence():
    body = "The delegation arrived in the capital late on the evening of the\nthird day of the visit."
    assert texts(body) == [body.replace("\n", "\n")]


def test_invisible_characters_are_not_part_of_a_unit_edge():
    units = split_units("\u200bA sentence with a zero-width space.\u2060")
    assert units[0].text == "A sentence with a zero-width space."


def test_paragraphs_are_numbered_without_gaps_and_blank_blocks_take_no_number():
    body = "First one.\n\n \t\n\n\u200b\u2060\n\nSecond one.\nSame paragraph.\n  \nThird one."
    assert [(u.text, u.paragraph, u.line) for u in split_units(body)] == [
        ("First one.", 0, 0), ("Second one.", 1, 1), ("Same paragraph.", 1, 2), ("Third one.", 2, 3),
    ]


def test_the_word_before_a_period_is_found_whole_however_long():
    from briefings.extract.sentences import _WORD_BEFORE, _word_before

    for chunk in ("short u.s. text", "a " + "x" * 70 + "-u.s. b", "x" * 48 + ". b", "x" * 47 + ". b",
                  "y" * 100 + " " + "z" * 47 + ". b", "no word !. b"):
        end = chunk.index(".", chunk.index(" ") if chunk.startswith("short") else 0)
        expected = _WORD_BEFORE.search(chunk, 0, end)
        found = _word_before(chunk, end)
        assert (found and found.span(1)) == (expected and expected.span(1)), chunk
