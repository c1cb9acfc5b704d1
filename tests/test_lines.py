"""Line-level signals the text and HTML parsers share: furniture, captions, notices, words."""

from __future__ import annotations

import pytest

from newsarchive.parse import boilerplate as bp
from newsarchive.parse.lines import is_markup, unwrap, words


@pytest.mark.parametrize(
    "line",
    [
        "1 of 12 |",
        "3 / 20",
        "Back to Health",
        "Zurück zu Politik",
        "Trở lại Thể thao",
        "< Back to top",
        "Read more ↓",
        "Table of Contents",
        "View this post on Instagram",
        "A post shared by Harbour Town (@harbourtown)",
        "Check Amazon Price",
    ],
)
def test_page_controls_are_furniture(line: str) -> None:
    assert bp.is_furniture(line)


@pytest.mark.parametrize(
    "line",
    [
        "Back to the moon: NASA names its crew",
        "1 of 12 ministers resigns over the budget vote",
        "Read more about the council's plan in the full report.",
        "> Table of contents for the budget are due on Friday",
    ],
)
def test_headlines_that_start_alike_are_not_furniture(line: str) -> None:
    assert not bp.is_furniture(line)


@pytest.mark.parametrize(
    "line",
    [
        "A baker opens his stall in Porto, Portugal, May 2, 2023. (AP Photo/Rita Lemos)",
        "Residents gather at the town hall on Friday. (Lena Vogt/CBC)",
        "Polls open in the northern districts on Monday. (AP Video by Tom Reed)",
        "Jonas Berg/via Reuters",
        "Lena Vogt-Amsel/ndr",
        # A credit after the caption's sentence, in the forms agencies and papers print.
        "Fishermen on the beach at Mbour, on March 3, 2025. JOHN WESSELS / AFP",
        "La vicepresidenta, este martes en Madrid. EFE/Juan Carlos Hidalgo",
        "25일 서울 중구에서 회의가 열리고 있다. /연합뉴스",
        "총재가 회의에서 의사봉을 두드리고 있다. 사진공동취재단",
        "3月5日，工人在车间内作业。新华社记者 李涛 摄",
    ],
)
def test_photo_credits_mark_captions(line: str) -> None:
    assert bp.is_caption(line)


@pytest.mark.parametrize(
    "line",
    [
        "The poll (Reuters/Ipsos) found that most voters want a change.",
        "Prices rose 3% in March, the statistics office said.",
        "The company said sales rose. He declined to comment.",
        "Prices rose, the agency said. Service runs 24/7",
        "Der Bundesrat muss noch zustimmen, hieß es. (dpa)",  # an agency closing a paragraph
        "End of it. " + "A" * 76,
    ],
)
def test_sentences_are_not_captions(line: str) -> None:
    assert not bp.is_caption(line)


@pytest.mark.parametrize(
    "line",
    [
        "The advertisement has not loaded yet; the story continues below.",
        "Thank you for signing up to our briefing!",
        "Create an account or sign in to keep reading this story.",
        "Sorry, the video failed to load.",
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
    assert words("北浜港で大型クレーンが倒れる、けが人なし港湾局が原因調査") >= 8
    assert words("북한 김정은 위원장") == 3  # Korean spaces its words


def test_unwrap_joins_a_list_continued_on_the_next_line() -> None:
    lines = ["von Jana Berger", ", Tom Reed", ", Lena Vogt", "", "3. April 2025"]
    assert unwrap(lines) == ["von Jana Berger, Tom Reed, Lena Vogt", "", "3. April 2025"]


def test_word_counts_in_every_script() -> None:
    from newsarchive.record import count_words

    assert count_words("The harbour reopened on Tuesday.") == 5
    assert count_words("북한 김정은 위원장이 말했다.") == 4
    # No spaces: a word for every two kana or Han characters of a run ("港湾局は" 2, "日" 1,
    # "北浜港でクレーンが倒れた" 6), and the number "4".
    assert count_words("港湾局は4日、北浜港でクレーンが倒れた。") == 2 + 1 + 1 + 6


def test_every_notice_and_placeholder_phrase_has_a_literal_head() -> None:
    # The cheap first pass looks for each phrase's literal head: a phrase without one could
    # never be reached ("Deja tu comentario" once was not).
    assert all(len(head) >= 4 for head in bp.NOTICE_HEADS + bp.PLACEHOLDER_HEADS)


@pytest.mark.parametrize(
    "line",
    [
        "Deja tu comentario",
        "Deixe seu comentário",
        "We collect your personal data to show ads.",
        "Sign in to continue reading",
        "The article continues below",
        "This slideshow requires JavaScript.",
        '[button link="https://example.org/send" type="big"]Send us your review[/button]',
    ],
)
def test_phrases_behind_the_first_pass_are_reached(line: str) -> None:
    assert bp.is_notice(line)


@pytest.mark.parametrize(
    "line",
    ["[1] The first note of the list [2]", "[Update] The council voted again on Monday [/b]"],
)
def test_brackets_in_prose_are_no_unrendered_markup(line: str) -> None:
    assert not bp.is_notice(line)


@pytest.mark.parametrize(
    "line",
    [
        '<h1>Storm closes the harbour</h1> <p class="byline">by Jane Roe</p>',
        '<iframe src="https://player.example.org/embed/42" width="100%"></iframe>',
        "<p>The council met on Monday.</p>",
        "<p>The council met. &lt;script src=&quot;/track.js&quot;&gt;&lt;/script&gt;",
        '<IFRAME SRC="https://player.example.org/42" frameBorder="0" allowFullScreen></IFRAME>',
    ],
)
def test_html_source_printed_as_text_is_markup(line: str) -> None:
    assert is_markup(line)


@pytest.mark.parametrize(
    "line",
    [
        "<i>Nature</i> reported the finding on Monday, after a year of review.",
        "Look for a <strong>verified report</strong>, not an estimate.",
        "<기생충> 감독이 새 영화를 발표했다.",
        "<Parasite> won the top prize <and more>",
        "<3 from the whole team",
        "<Section 230 reform> passed the committee",
        "<Section 230 reform>",
    ],
)
def test_sentences_with_tags_or_angle_brackets_are_no_markup(line: str) -> None:
    assert not is_markup(line)


@pytest.mark.parametrize(
    "line",
    [
        "Lesen Sie auch: Die Bahn erhöht die Preise",
        "Zobacz także: Ile zapłacą przedsiębiorcy?",
        "Читайте также: Как изменятся тарифы",
        "Baca juga: Harga beras naik lagi",
        "Lees ook: Het kabinet valt",
        "Xem thêm: Giá xăng tăng",
        "اقرأ أيضا: ارتفاع أسعار الوقود",
        "▶ 관련기사: 버스 요금 동결",
        "【関連記事】新工場の建設を発表",
        "相关阅读：油价再次上调",
        "[Related] Five things in the budget",
    ],
)
def test_a_teaser_for_another_article_in_many_languages(line: str) -> None:
    assert bp.is_teaser_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "Related coverage of the vote follows below.",
        "Baca juga buku itu jika ada waktu.",
        "関連記事は今後も掲載する予定だ。",
    ],
)
def test_a_sentence_that_opens_with_a_teasers_words_is_no_teaser(line: str) -> None:
    assert not bp.is_teaser_line(line)


@pytest.mark.parametrize(
    ("line", "tags"),
    [
        ("English | 한국어 | 日本語", ["en", "ko", "ja"]),
        ("日本語 中文 한국어", ["ja", "zh", "ko"]),  # set apart by single spaces
        ("English Deutsch Français", ["en", "de", "fr"]),
        ("Korean", ["ko"]),
        ("Korean English words", None),  # not every word a language's name
        ("The English teacher", None),
    ],
)
def test_a_bar_of_language_links(line: str, tags: list[str] | None) -> None:
    from newsarchive.parse.lines import language_links

    assert language_links(line) == tags


@pytest.mark.parametrize(
    "word", ["Teilen", "Compartilhar", "Udostępnij", "Поделиться", "Κοινοποίηση", "Bagikan"]
)
def test_a_share_button_in_many_languages(word: str) -> None:
    from newsarchive.parse.vocabulary import SOCIAL_WORDS

    assert SOCIAL_WORDS.search(word)
