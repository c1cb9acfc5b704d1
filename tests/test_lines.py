"""Line-level signals the text and HTML parsers share: furniture, captions, notices, words."""

from __future__ import annotations

import pytest

from newsarchive.parse import boilerplate as bp
from newsarchive.parse.lines import unwrap, words


@pytest.mark.parametrize(
    "line",
    ["1 of 12 |", "3 / 20", "Back to Health", "Zurück zur Startseite", "Trở lại Sức khỏe"],
)
def test_page_controls_are_furniture(line: str) -> None:
    assert bp.is_furniture(line)


@pytest.mark.parametrize(
    "line",
    ["Back to the moon: NASA names its crew", "1 of 12 ministers resigns over the budget vote"],
)
def test_headlines_that_start_alike_are_not_furniture(line: str) -> None:
    assert not bp.is_furniture(line)


@pytest.mark.parametrize(
    "line",
    [
        "A mother sells bread in Ecatepec, Mexico, April 18, 2023. (AP Photo/Marco Ugarte)",
        "Jamil Al Saadouni laments that civilians were not consulted. (Mohamed El Saife/CBC)",
        "Voting begins in some states on September 6th. (AP Video by Mike Pesoli)",
        "Stefan Rousseau/via Reuters",
        "Eva Kirchner-Rätsch/rbb",
    ],
)
def test_photo_credits_mark_captions(line: str) -> None:
    assert bp.is_caption(line)


@pytest.mark.parametrize(
    "line",
    [
        "The poll (Reuters/Ipsos) found that most voters want a change.",
        "Prices rose 3% in March, the statistics office said.",
    ],
)
def test_sentences_are_not_captions(line: str) -> None:
    assert not bp.is_caption(line)


@pytest.mark.parametrize(
    "line",
    [
        "This advertisement has not loaded yet, but your article continues below.",
        "Thanks for signing up!",
        "Create an account or sign in to continue with your reading experience.",
        "We apologize, but this video has failed to load.",
    ],
)
def test_placeholders_are_notices(line: str) -> None:
    assert bp.is_placeholder(line) and bp.is_notice(line)


def test_a_consent_wall_is_a_notice_but_not_a_placeholder() -> None:
    line = "We use cookies and process your personal data for personalised advertising."
    assert bp.is_notice(line) and not bp.is_placeholder(line)


def test_words_in_unspaced_scripts() -> None:
    assert words("Back to Health") == 3
    assert words("記事") == 1
    assert words("宮崎県で震度5弱、高知と宮崎に1メートルの津波注意報") >= 8
    assert words("북한 김정은 위원장") == 3  # Korean spaces its words


def test_unwrap_joins_a_list_continued_on_the_next_line() -> None:
    lines = ["von Till Eckert", ", Max Bernhard", ", Martin Murphy", "", "24. Mai 2026"]
    assert unwrap(lines) == ["von Till Eckert, Max Bernhard, Martin Murphy", "", "24. Mai 2026"]


def test_word_counts_in_every_script() -> None:
    from newsarchive.record import count_words

    assert count_words("The harbour reopened on Tuesday.") == 5
    assert count_words("북한 김정은 위원장이 말했다.") == 4
    # No spaces: a word for every two kana or Han characters of a run ("港湾局は" 2, "日" 1,
    # "北浜港でクレーンが倒れた" 6), and the number "4".
    assert count_words("港湾局は4日、北浜港でクレーンが倒れた。") == 2 + 1 + 1 + 6
