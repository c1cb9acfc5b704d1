"""Arbitrary input never raises anything but the project's own documented errors."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ENGINES, new_database
from newsarchive import Archive, InputError, QueryError, parse_bytes
from newsarchive.parse.dates import date_from_url, find_dates
from newsarchive.parse.names import read_byline
from newsarchive.parse.text import parse_text

# Lines shaped like the pages we read, mixed at random, reach deeper than random bytes alone.
PAGE_LINES = st.sampled_from(
    [
        "Go to contents",
        "Posted November. 28, 2024 07:37,",
        "Updated May. 09, 2007 09:04",
        "한국어",
        "입력 2019.05.02 (11:20) | 수정 2019.05.02 (13:45)",
        "워싱턴=문병기 특파원 w@donga.com",
        "The market rose on Tuesday as investors bought shares.",
        "Copyright 2024 example.com. All rights reserved.",
        "By Maria Lopez and Tom Reed",
        "(desk@example.com)",
        "ABC 뉴스 문가람입니다.",
        "부산의 벚꽃이 평년보다 닷새 빨리 피었습니다.",
        "",
        " date 2022-10-07 Title. x",
        "English donga | Japanese donga",
        "…",
        "<앵커 멘트>",
        "A teaser cut short...",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.binary(max_size=4000))
def test_parse_bytes_arbitrary(data: bytes) -> None:
    try:
        article = parse_bytes(data, "fuzz")
    except InputError:
        return
    assert article.body


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(PAGE_LINES, st.text(max_size=200)), max_size=40))
def test_parse_text_arbitrary_lines(lines: list[str]) -> None:
    found = parse_text("\n".join(lines))
    assert all(p.strip() for p in found.paragraphs)


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=300))
def test_line_parsers_arbitrary(line: str) -> None:
    find_dates(line)
    read_byline(line)
    date_from_url(line)


HTML_PIECES = st.sampled_from(
    [
        "<p>",
        "</p>",
        "<div class='article-body'>",
        "</div>",
        "<h1>",
        "</h1>",
        "<br>",
        "<nav>",
        "<script>var x = '</p>';</script>",
        "<meta property='og:title' content='T &amp; x'>",
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": 1}</script>',
        "<time datetime='2024-99-99T25:61'>",
        "<a href='#'>",
        "</a>",
        "<table><tr><td>",
        "<!--",
        "-->",
        "<![CDATA[",
        "&#xD800;",
        "&unknown;",
        "<meta charset='euc-kr'>",
        "The council said on Monday that the harbour will reopen, after a long dispute. ",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(HTML_PIECES, st.text(max_size=60)), max_size=60))
def test_parse_html_arbitrary_markup(pieces: list[str]) -> None:
    try:
        article = parse_bytes(
            ("<html><body>" + "".join(pieces)).encode("utf-8", "surrogatepass"), "f.html"
        )
    except InputError:
        return
    assert article.body


@pytest.fixture(scope="module", params=ENGINES)
def seeded_archive(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Archive]:
    seed = Path(__file__).resolve().parents[1] / "seeds" / "000_16c5aa2c841b19d8.txt"
    with new_database(request.param, tmp_path_factory.mktemp("fuzz")) as url:
        archive = Archive.open(url)
        data = seed.read_bytes()
        archive.add(parse_bytes(data, str(seed)), data)
        yield archive
        archive.close()


@settings(
    max_examples=250, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=100))
def test_search_arbitrary_strings(seeded_archive: Archive, query: str) -> None:
    with contextlib.suppress(QueryError):
        seeded_archive.search(query)


# A snippet as the engine marks it: words, some between its match markers.
_MARKED_WORDS = st.lists(
    st.tuples(
        st.text(alphabet=st.characters(blacklist_characters="\x02\x03 "), min_size=1, max_size=8),
        st.booleans(),
    ),
    max_size=12,
)


@settings(max_examples=250, deadline=None)
@given(_MARKED_WORDS, st.integers(min_value=1, max_value=60))
def test_a_cut_snippet_keeps_whole_words_and_whole_matches(
    words: list[tuple[str, bool]], width: int
) -> None:
    from newsarchive.render import _cut_marked

    start, end = "\x02", "\x03"
    text = " ".join(f"{start}{w}{end}" if marked else w for w, marked in words)
    visible = text.replace(start, "").replace(end, "")
    cut = _cut_marked(text, width)
    shown = cut.replace(start, "").replace(end, "")
    assert len(shown) <= width
    if len(visible) <= width:
        assert cut == text
        return
    assert shown.endswith("…")
    kept = cut.removesuffix("…")
    # What is shown is the text's own start, its marks in place and every one closed...
    assert text.startswith(kept) and kept.count(start) == kept.count(end)
    # ...cut between words: a word is shown whole (but a first word too long for any line).
    shown_words = kept.replace(start, "").replace(end, "").split(" ")
    whole = [w for w, _ in words]
    assert shown_words[:-1] == whole[: len(shown_words) - 1]
    last = shown_words[-1]
    assert last in ("", whole[len(shown_words) - 1]) or len(shown_words) == 1


def test_text_without_spaces_is_cut_where_the_room_ends() -> None:
    from newsarchive.render import _cut_marked

    cut = _cut_marked("東京都は\x02地震\x03の被害が広がったと発表した", 12)
    assert cut == "東京都は\x02地震\x03の被害が広…"
