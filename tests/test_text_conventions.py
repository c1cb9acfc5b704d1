"""Conventions the text parser reads by rule, given what its models decided.

The models' decisions are fixed here (monkeypatched) so that each test is about the rule alone:
which lines are body and which line is the byline are the models' to choose.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import newsarchive.parse.text as text_parser
from newsarchive.errors import NotAnArticle
from newsarchive.parse import parse_bytes
from newsarchive.parse.text import parse_text
from newsarchive.parse.text.article import ArticleLines, read_article
from newsarchive.parse.text.capture import Line, read_capture
from newsarchive.parse.text.headline import candidates
from newsarchive.record import Source

GLUED = "시는 거리 비례 요금제를 도입해 부담을 줄이겠다고 설명했다.〈김대중기자〉"
CAPTURE = "\n\n".join(
    [
        "시, 대중교통 요금 체계 개편",
        "서울시가 내년부터 대중교통 요금 체계를 전면 개편한다고 14일 밝혔다.",
        GLUED,
        "버스 요금은 현행대로 유지된다고 시는 덧붙였다.",
    ]
)


@pytest.fixture
def glued_line_chosen(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every line after the headline is body, and the glued line is the byline line."""

    def all_body(lines: list[Line]) -> ArticleLines:
        model = read_article(lines)
        return ArticleLines(model.local, model.body, np.array([0.0] + [1.0] * (len(lines) - 1)))

    def glued_byline(lines: list[Line], *_: object) -> list[int]:
        return [i for i, line in enumerate(lines) if line.text == GLUED]

    monkeypatch.setattr(text_parser, "read_article", all_body)
    monkeypatch.setattr(text_parser, "choose_bylines", glued_byline)
    monkeypatch.setattr(text_parser, "choose_headline", lambda lines, article: 0)


@pytest.mark.usefixtures("glued_line_chosen")
def test_a_sentence_with_its_byline_glued_on_stays_in_the_body_without_it() -> None:
    found = parse_text(CAPTURE)
    assert found.paragraphs == [
        "서울시가 내년부터 대중교통 요금 체계를 전면 개편한다고 14일 밝혔다.",
        "시는 거리 비례 요금제를 도입해 부담을 줄이겠다고 설명했다.",
        "버스 요금은 현행대로 유지된다고 시는 덧붙였다.",
    ]
    assert [a.name for a in found.authors] == ["김대중"]
    assert found.byline == "김대중기자"


def test_names_under_an_author_label_are_no_headline() -> None:
    # "Author:" on a line of its own, the names on the next: the names line reads as a short
    # title-like line, but the label says what it is.
    capture = "\n\n".join(
        [
            "World",
            "Ferry operators cut winter timetables across the northern islands",
            "Author:",
            "Jane Roe and John Doe, Kirkwall",
            "Ferry operators on the northern islands will run fewer crossings this winter, "
            "citing fuel costs and a shortage of crew, the companies said on Tuesday.",
            "Island councils said the cuts would leave some communities with a single "
            "crossing a day, and asked the government to step in with support.",
            "The operators said the timetables would be reviewed in the spring.",
        ]
    )
    lines = read_capture(capture, None).lines
    found = candidates(lines, read_article(lines))
    chosen = [lines[i].text for i in found.indices]
    assert "Jane Roe and John Doe, Kirkwall" not in chosen
    assert "Ferry operators cut winter timetables across the northern islands" in chosen
    assert parse_text(capture).headline == (
        "Ferry operators cut winter timetables across the northern islands"
    )


FERRY_BODY = [
    "Ferry operators on the northern islands will run fewer crossings this winter, "
    "citing fuel costs and a shortage of crew, the companies said on Tuesday.",
    "Island councils said the cuts would leave some communities with a single "
    "crossing a day, and asked the government to step in with support.",
    "The operators said the timetables would be reviewed in the spring.",
]


@pytest.mark.parametrize(
    ("date_line", "posted", "updated"),
    [
        # Each stamp on a line of its own, the time before the date, with its zone.
        (
            "Published 10:32 AM EST, Mon March 4, 2024\n\nUpdated 2:15 PM EST, Mon March 4, 2024",
            "2024-03-04T10:32:00-05:00",
            "2024-03-04T14:15:00-05:00",
        ),
        # The update in brackets after an unlabelled posting date.
        (
            "2024.03.04 10:32 GMT (updated 2024.03.05 08:00 GMT)",
            "2024-03-04T10:32",
            "2024-03-05T08:00",
        ),
    ],
)
def test_posting_and_update_stamps(date_line: str, posted: str, updated: str) -> None:
    capture = "\n\n".join(
        [
            "Ferry operators cut winter timetables across the northern islands",
            date_line,
            "By Jane Roe",
            *FERRY_BODY,
        ]
    )
    found = parse_text(capture)
    assert found.posted is not None and found.updated is not None
    assert found.posted.iso().startswith(posted)
    assert found.updated.iso().startswith(updated)


def _byline_candidates(capture: str) -> list[str]:
    from newsarchive.parse.text.authors import byline_rows

    lines = read_capture(capture).lines
    indices, _ = byline_rows(lines, read_article(lines), 1)
    return [lines[i].text for i in indices]


def test_page_controls_and_lone_words_are_no_byline_candidates() -> None:
    """Share buttons and section ends name nobody, nor does a word alone above the headline (a
    section's name) or a lone Korean word (a menu's); a name under the headline stays."""
    capture = "\n\n".join(
        [
            "Economy",
            "Harbour crane collapses overnight, no one hurt",
            "Jane Roe",
            "A crane at the northern harbour fell onto a warehouse roof early on Tuesday, the "
            "port authority said, adding that nobody had been working nearby at the time.",
            "Engineers will inspect the remaining cranes this week before loading resumes.",
            "Back to top",
            "Most popular",
            "정치",
        ]
    )
    candidates = _byline_candidates(capture)
    assert "Jane Roe" in candidates
    for line in ("Economy", "Back to top", "Most popular", "정치"):
        assert line not in candidates


@pytest.mark.parametrize(
    ("second_date", "posted"),
    [
        ("", "2024-05-12"),  # English: the American order
        ("Updated 11/28/2024", "2024-05-12"),  # the capture's own dates say month first
        ("Updated 28/11/2024", "2024-12-05"),  # ... or day first
    ],
)
def test_slashed_dates_in_a_capture(second_date: str, posted: str) -> None:
    capture = "\n\n".join(
        [
            "Ferry operators cut winter timetables across the northern islands",
            "Posted 05/12/2024",
            *([second_date] if second_date else []),
            "By Jane Roe",
            *FERRY_BODY,
        ]
    )
    found = parse_text(capture)
    assert found.posted is not None and found.posted.iso() == posted


def test_headings_and_lists_between_paragraphs_stay_in_the_article() -> None:
    from newsarchive.parse.text.article import with_structure

    kept = np.array([1, 0, 0, 0, 1, 0, 0], dtype=np.float64)
    structure = np.array([0, 1, 1, 1, 0, 1, 0], dtype=np.float64)
    # The headings and items between two kept lines are kept; a gap that is no list, or that
    # ends the article, is not; the runs themselves are left as the models read them.
    assert with_structure(kept, structure).tolist() == [1, 1, 1, 1, 1, 0, 0]
    assert kept.tolist() == [1, 0, 0, 0, 1, 0, 0]


def test_a_short_sentence_printed_once_between_paragraphs_is_article() -> None:
    from newsarchive.parse.text.article import structure_lines
    from newsarchive.parse.text.signals import local_signals

    texts = ["He was 82.", "They did.", "Learn more.", "Posted March 6, 2025.", "and more."]
    local = np.array([local_signals(t) for t in texts])
    once = np.zeros(len(texts))
    # A repeated one is a button's; a date or a fragment is no sentence of the article.
    assert structure_lines(local, once).tolist() == [1, 1, 1, 0, 0]
    assert structure_lines(local, np.array([0, 0, 1, 0, 0.0])).tolist() == [1, 1, 0, 0, 0]


def test_a_one_sentence_paragraph_stays_in_the_body() -> None:
    paragraphs = [
        "Jane Roe, who served as mayor of Harbourton for 16 years and oversaw the revival of"
        " its waterfront, died Thursday at her home after a long illness, her family said.",
        "She was 82.",
        "Roe was first elected in 1991 and won three more terms before retiring in 2007,"
        " when the council named the new ferry terminal after her.",
    ]
    dump = "\n\n".join(["Longtime mayor Jane Roe dies at 82", "March 6, 2025", *paragraphs])
    assert parse_bytes(dump.encode(), "mayor.txt").body.split("\n\n") == paragraphs


def test_a_section_heading_and_a_list_the_runs_leave_out_are_body(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import newsarchive.parse.text.article as article

    structure = ["What changes for passengers", "- Fewer crossings", "- No night sailing"]
    capture = "\n\n".join(
        [
            "Ferry operators cut winter timetables across the northern islands",
            *FERRY_BODY[:2],
            *structure,
            *FERRY_BODY[2:],
        ]
    )
    lines = read_capture(capture).lines
    runs = article.keep_runs

    def doubting(body: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        # The model doubts the heading and the items: the runs leave them out.
        kept = runs(body, lengths)
        kept[[i for i, line in enumerate(lines) if line.text in structure]] = 0.0
        return kept

    monkeypatch.setattr(article, "keep_runs", doubting)
    body = parse_text(capture).paragraphs
    assert [p for p in body if p in structure] == structure


def test_labels_on_lines_of_their_own_tell_posted_from_updated() -> None:
    prose = "\n\n".join(
        f"Paragraph {i} of the story goes on for a while, with clauses, commas and a full stop."
        for i in range(5)
    )
    capture = (
        "City council approves the new budget for schools\n\n"
        "Updated at\nDec 10, 2025\nPosted on\nNov 21, 2018\n\n" + prose
    )
    record = parse_text(capture)
    assert record.posted is not None and record.posted.iso() == "2018-11-21"
    assert record.updated is not None and record.updated.iso() == "2025-12-10"


def test_a_group_profile_reads_a_capture_without_its_lines_and_names_no_title() -> None:
    prose = [
        f"Paragraph {i} of the report goes on for a while, with clauses, commas and a full stop."
        for i in range(4)
    ]
    lines = ["Council approves the harbour budget after a long debate", ""]
    for p in prose:
        lines += ["Article content", "", p, ""]
    lines.insert(6, "This advertisement has not loaded yet, but your article continues below.")
    record = parse_bytes("\n".join(lines).encode(), "capture.txt")
    assert record.body == "\n\n".join(prose)
    # Which of the group's titles printed it, a capture without its address does not say;
    # another outlet it names (its wire copy's) is not its source...
    assert record.source == Source("Postmedia")
    wire = "\n".join([*lines, "", "With files from reporters at washingtonpost.com"])
    assert parse_bytes(wire.encode(), "capture.txt").source == Source("Postmedia")
    # ...but one of the group's own domains is.
    own = "\n".join([*lines, "", "Send your letters to letters@ottawacitizen.com"])
    source = parse_bytes(own.encode(), "capture.txt").source
    assert source == Source("Ottawa Citizen", "ottawacitizen.com")


def test_joiners_alone_or_at_a_lines_ends_are_no_text() -> None:
    capture = "Harbour reopens\n\n\u200d\n\n\u200dSource: the port's report\u200e\n\nA 👩\u200d🔧 B"
    lines = read_capture(capture).lines
    # Inside a line a joiner stays: it shapes the emoji.
    assert [line.text for line in lines] == [
        "Harbour reopens",
        "Source: the port's report",
        "A 👩\u200d🔧 B",
    ]
    assert lines[1].blank_before


def test_a_date_label_written_as_one_word_is_no_name_before_its_date() -> None:
    capture = "\n\n".join(
        [
            "부산=한지우 기자",
            "부산항 신항 부두 확장 공사 … 내년 봄 완공 목표",
            "기사입력 2025.03.07 오전 08:00",
            "부산항만공사는 신항 서측 부두의 확장 공사를 내년 봄까지 마치겠다고 7일 밝혔다. "
            "공사가 끝나면 대형 컨테이너선 두 척이 동시에 접안할 수 있다.",
            "항만공사는 공사 기간 중에도 기존 부두의 하역 작업은 그대로 이어진다고 설명했다.",
            "한지우 기자 jiwoo@example.co.kr",
        ]
    )
    record = parse_bytes(capture.encode(), "capture.txt")
    assert [a.name for a in record.authors] == ["한지우"]
    assert record.posted_at == "2025-03-07T08:00:00+09:00"


def test_a_contributors_address_is_not_given_to_the_author() -> None:
    prose = "\n\n".join(
        f"Paragraph {i} of the report goes on for a while, with clauses, commas and a full stop."
        for i in range(5)
    )
    head = "Harbour quay to open next spring after long delays\n\n"
    shared = parse_bytes(
        (head + "Jane Roe, with Omar Haddad omar@example.com\n\n" + prose).encode(), "c.txt"
    )
    assert [(a.name, a.email) for a in shared.authors] == [("Jane Roe", None)]
    assert shared.emails == ["omar@example.com"]
    # An address printed alone, on a line of its own, is still the one author's.
    alone = parse_bytes(
        (head + "By Jane Roe\n\n" + prose + "\n\n(jane@example.com)").encode(), "c.txt"
    )
    assert [(a.name, a.email) for a in alone.authors] == [("Jane Roe", "jane@example.com")]


@pytest.fixture
def first_line_heads_the_body(monkeypatch: pytest.MonkeyPatch) -> None:
    """The first line is the headline and every other line is in the article's runs: what
    leaves the body then is the rule's doing."""

    def all_body(capture: list[Line]) -> ArticleLines:
        model = read_article(capture)
        return ArticleLines(model.local, model.body, np.array([0.0] + [1.0] * (len(capture) - 1)))

    monkeypatch.setattr(text_parser, "read_article", all_body)
    monkeypatch.setattr(text_parser, "choose_headline", lambda capture, article: 0)


HARBOUR = [
    "Harbour reopens after the storm",
    "The harbour reopened on Monday after a week of repairs to the sea wall.",
    "Fishing boats were the first to leave, followed by the ferry to the islands.",
]


@pytest.mark.usefixtures("first_line_heads_the_body")
@pytest.mark.parametrize(
    "inserted",
    [
        # A "republish this story" box copied with the article: the story's HTML source.
        [
            "<h1>Harbour reopens after the storm</h1>",
            "<p>The harbour reopened on Monday after a week of repairs to the sea wall.</p>",
        ],
        # A link to another story between two paragraphs.
        ["Les også: Ferry company adds a second evening crossing"],
    ],
    ids=["html-source", "read-also"],
)
def test_lines_that_are_no_article_text_leave_the_body(inserted: list[str]) -> None:
    found = parse_text("\n\n".join([*HARBOUR[:2], *inserted, HARBOUR[2]]))
    assert found.paragraphs == HARBOUR[1:]


def test_only_a_hard_wrapped_capture_is_rejoined() -> None:
    from newsarchive.parse.text.capture import hard_wrap_width, rejoin_hard_wraps

    sentence = "The council approved the extension of the tram line on Thursday night. "
    one_line_paragraphs = [sentence * 3, "", sentence * 2, "", "Home", "News", "Sport"] * 3
    assert hard_wrap_width(one_line_paragraphs) is None
    menu = ["Home", "News", "Business", "Sport", "Weather", "Culture"] * 3
    assert hard_wrap_width(menu) is None
    wrapped = ["The council approved the extension of the tram line to the airport on",
               "Thursday, after a debate that lasted most of the night and well into",
               "the next morning.", "", "Home", "News"] * 3  # fmt: skip
    assert hard_wrap_width(wrapped) == 69  # the longer line of the two
    joined = rejoin_hard_wraps(wrapped)
    assert joined[0].endswith("into the next morning.") and joined[2:4] == ["Home", "News"]
    # The last line as printed decides, not the paragraph it joined: a heading after a
    # paragraph, with no blank line between, stays a line of its own.
    tail = [*wrapped[:3], "Related:", "Budget vote delayed", *wrapped[3:]]
    assert rejoin_hard_wraps(tail)[1:3] == ["Related:", "Budget vote delayed"]
    # Korean paragraphs, a short line each, are no wrapped text.
    line = "시의회가 내년 공공자전거 이용 요금을 올해와 같은 수준으로 "
    line += "동결하는 조례를 통과시켰다"
    korean = [line] * 14
    assert rejoin_hard_wraps(korean) == korean


def test_a_posting_date_printed_after_the_text_is_the_posting_date() -> None:
    paragraphs = [
        "The county commission voted on Tuesday to close the old landfill on Ridge Road by "
        "the end of next year, after residents complained for years about odours.",
        "Commissioners said the site was nearly full and that expanding it would cost more "
        "than shipping rubbish to a regional facility forty miles away.",
        "The county will spend about two million dollars on a transfer station where lorries "
        "will unload before the waste is hauled away, officials said.",
    ]
    capture = "\n\n".join(
        [
            "County to close Ridge Road landfill next year",
            "By Paul Jensen",
            "Updated March 4, 2024 at 4:10 PM EST",
            *paragraphs,
            "Published March 4, 2024 at 3:45 PM EST",
        ]
    )
    article = parse_bytes(capture.encode(), "landfill.txt")
    assert (article.posted_at, article.updated_at) == (
        "2024-03-04T15:45:00-05:00",
        "2024-03-04T16:10:00-05:00",
    )


def test_the_byline_line_under_the_headline_is_no_deck() -> None:
    body = (
        "The port's pilots said on Thursday that the dredging of the channel was finished "
        "a month ahead of the timetable agreed with the harbour authority."
    )
    capture = "\n\n".join(
        [
            "Harbour channel dredging finished a month early",
            "Tom Hale | Meridian Press Wire",
            body,
            body.replace("Thursday", "Friday"),
        ]
    )
    article = parse_bytes(capture.encode(), "harbour.txt")
    assert [a.name for a in article.authors] == ["Tom Hale"]
    assert article.subheadline is None


@pytest.mark.parametrize(
    ("date_line", "dong_a"),
    [
        ("Posted November. 28, 2024 07:37", True),  # the whole month's name, a full stop
        ("Posted Mar. 12, 2025 09:30", False),  # an abbreviation: everyone's style
        ("Posted March 12, 2025 09:30", False),
    ],
)
def test_a_publishers_signature_is_its_own_quirk_not_a_common_style(
    date_line: str, dong_a: bool
) -> None:
    page = (
        f"Local bakery wins national bread award\n\n{date_line}\n\n"
        "A small bakery has won a national award for its sourdough bread, beating more than "
        "four hundred entries from across the country, the judges announced on Wednesday.\n\n"
        "The owners said they would spend the prize money on a second oven for the shop.\n"
    ).encode()
    article = parse_bytes(page, "bakery.txt")
    assert (article.source is not None and article.source.domain == "donga.com") is dong_a
    assert (article.posted_at is not None and article.posted_at.endswith("+09:00")) is dong_a


KOREAN_CAPTURE = Path(__file__).parent / "fixtures" / "text" / "generic" / "capture_ko_ferry.txt"


def test_a_korean_capture_keeps_every_paragraph() -> None:
    # Hangul is the capture's own script here, not a language link's in a Latin page: the
    # body model read it so, and kept only the middle paragraph.
    article = parse_bytes(KOREAN_CAPTURE.read_bytes(), "ferry.txt")
    paragraphs = article.body.split("\n\n")
    assert len(paragraphs) == 3, paragraphs
    assert paragraphs[0].startswith("28일 오전") and paragraphs[-1].endswith("향했다.")
    assert article.headline == "부산 앞바다 여객선 화재…승객 300여명 대피"
    assert [a.name for a in article.authors] == ["김철수"]


@pytest.mark.parametrize(
    "source",
    [
        "body { color: #222; }\n.article p { margin: 0 0 1em; }\n",
        "function start() {\n  render(document.body);\n}\nwindow.onload = start;\n",
    ],
    ids=["style-sheet", "script"],
)
def test_a_style_sheet_or_a_script_is_no_article(source: str) -> None:
    with pytest.raises(NotAnArticle):
        parse_bytes(source.encode(), "site.txt")


def test_greek_questions_ending_in_a_semicolon_are_no_code() -> None:
    page = (
        "Θα ανοίξει η νέα γραμμή του μετρό πριν από το καλοκαίρι;\n\n"
        "Ποιοι σταθμοί θα λειτουργήσουν πρώτοι και πότε θα κυκλοφορήσουν τα πρώτα τρένα;\n"
    )
    assert parse_bytes(page.encode(), "metro.txt").body


def test_the_prose_a_fallback_reads_is_body_not_also_a_deck() -> None:
    capture = (
        "Meeting notes\n\nWe discussed the budget for next year and agreed that the travel"
        " budget should be cut by ten percent, while the equipment budget stays the same.\n"
    )
    article = parse_bytes(capture.encode(), "notes.txt")
    assert article.extraction == "text:fallback" and article.body.startswith("We discussed")
    assert article.subheadline is None


@pytest.mark.parametrize(
    ("teaser", "paragraphs"),
    [
        (
            "Zobacz także: Ile zapłacą przedsiębiorcy?",
            [
                "Sejm uchwalił w środę nowelizację ustawy, która obniża składkę zdrowotną"
                " dla przedsiębiorców prowadzących jednoosobowe działalności.",
                "Za ustawą głosowało 213 posłów, przeciw było 200, a jeden poseł wstrzymał się"
                " od głosu podczas wieczornego posiedzenia.",
                "Ustawa trafi teraz do Senatu, który ma na jej rozpatrzenie trzydzieści dni.",
            ],
        ),
        (
            "【関連記事】トヨタ、最高益を更新",
            [
                "大手自動車メーカーは5日、米国南部に新たな完成車工場を建設すると発表した。",
                "投資額は約1兆円で、2028年の稼働を目指す。地元では雇用の拡大に期待が高まっている。",
                "関税政策に対応する狙いがあり、部品の現地調達も増やす方針だ。",
            ],
        ),
    ],
)
def test_a_teaser_between_paragraphs_is_no_body(teaser: str, paragraphs: list[str]) -> None:
    dump = "\n\n".join(["Nowa ustawa", "March 5, 2025", *paragraphs[:2], teaser, paragraphs[2]])
    article = parse_bytes(dump.encode(), "teaser.txt")
    assert article.body.split("\n\n") == paragraphs


def test_a_page_that_prints_only_its_update_gives_it_as_the_update_too() -> None:
    dump = "\n\n".join(
        [
            "Harbour quay to open next spring",
            "Updated March 14, 2025, 11:47 p.m. ET",
            "The harbour authority said on Monday that the new quay will open next spring,"
            " after two years of work on the breakwater and the cranes.",
            "Ships of up to forty thousand tonnes will be able to berth there, the authority"
            " said, and the first is expected in April.",
        ]
    )
    article = parse_bytes(dump.encode(), "updated.txt")
    assert article.posted_at == article.updated_at == "2025-03-14T23:47:00-04:00"


def test_a_photos_caption_between_paragraphs_is_neither_body_nor_byline() -> None:
    paragraphs = [
        "Sur la plage de Mbour, les pirogues colorées reviennent de plus en plus souvent à"
        " moitié vides, disent les pêcheurs.",
        "Selon les ONG, les stocks de sardinelles ont diminué de moitié en vingt ans dans"
        " les eaux du pays.",
        "Le gouvernement a promis de publier la liste des navires autorisés à pêcher dans"
        " ses eaux avant la fin du mois.",
    ]
    caption = "Des pêcheurs sur la plage de Mbour, le 3 mars 2025. JOHN WESSELS / AFP"
    dump = "\n\n".join(
        ["La pêche en crise", "5 mars 2025", *paragraphs[:2], caption, paragraphs[2]]
    )
    article = parse_bytes(dump.encode(), "caption.txt")
    assert article.body.split("\n\n") == paragraphs
    assert article.byline is None and article.authors == []


def test_a_closing_note_to_write_to_the_writer_is_no_body_and_gives_the_address() -> None:
    paragraphs = [
        "The city council approved a plan on Tuesday to extend the light rail line to the"
        " airport, with construction to begin next year.",
        "Supporters said the extension would cut travel times, while critics questioned"
        " the ridership projections behind it.",
    ]
    dump = "\n\n".join(
        [
            "Council approves light rail extension",
            "By Jane Roe, Staff Writer",
            "March 5, 2025",
            *paragraphs,
            "Contact Jane Roe at jroe@example.com or 555-0100.",
        ]
    )
    article = parse_bytes(dump.encode(), "contact.txt")
    assert article.body.split("\n\n") == paragraphs
    assert [(a.name, a.email) for a in article.authors] == [("Jane Roe", "jroe@example.com")]


def test_a_paragraph_that_ends_with_its_agency_stays_in_the_body() -> None:
    paragraphs = [
        "Der Bundestag hat am Dienstag eine Reform der Schuldenbremse beschlossen, nach"
        " wochenlangen Verhandlungen zwischen den Fraktionen.",
        "Für die Grundgesetzänderung stimmten 513 Abgeordnete, 207 votierten dagegen, wie"
        " die Bundestagsverwaltung mitteilte.",
        "Der Bundesrat muss am Freitag noch zustimmen, wo die Mehrheit knapp ist, hieß es"
        " aus Koalitionskreisen. (dpa)",
    ]
    dump = "\n\n".join(["Schuldenbremse gelockert", "18.03.2025, 15:15 Uhr", *paragraphs])
    assert parse_bytes(dump.encode(), "dpa.txt").body.split("\n\n") == paragraphs
