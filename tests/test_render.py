"""Tables for people: columns line up in a terminal whatever script the names are in."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsarchive.record import Article, InputInfo, Source
from newsarchive.render import _cut, article_row, columns, hits_table, inputs_text
from newsarchive.store.search import SearchHit


def test_wide_letters_take_two_columns() -> None:
    assert columns("Harbour Times") == 13
    assert columns("한빛일보") == 8
    assert columns("東京新聞 Tokyo") == 14


def test_a_table_lines_up_hangul_and_latin_sources(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    hits = [
        SearchHit(1, "Ferry terminal approved", "2024-11-28", Source("한빛일보"), 1.0, "ferry"),
        SearchHit(2, "Harbour reopens", "2024-11-29", Source("The Harbor Times"), 1.0, "harbour"),
    ]
    rows = hits_table(hits, terminal=False).splitlines()[1::2]
    starts = [columns(row[: row.index(h.headline)]) for row, h in zip(rows, hits, strict=True)]
    assert starts[0] == starts[1]


@given(st.text(max_size=60), st.integers(min_value=1, max_value=40))
def test_a_cut_never_takes_more_columns_than_it_is_given(text: str, width: int) -> None:
    cut = _cut(text, width)
    assert columns(cut) <= max(width, 1)
    assert cut == text or cut.endswith("…")


@pytest.mark.parametrize("name", ["동아일보", "東京新聞社会部", "The Harbor Times"])
def test_a_list_row_fits_the_terminal_whatever_the_source(
    monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    article = Article(
        headline="부산시, 해상 케이블카 사업 재추진 " * 3,
        body="본문",
        input=InputInfo("a.txt", "text", "utf-8", "0" * 64),
    )
    article.id, article.posted_at, article.source = 1, "2024-12-03", Source(name)
    row = article_row(article)
    assert columns(row) <= 60 and row.endswith("…")


def test_an_input_path_with_a_line_break_is_one_line_of_show_inputs() -> None:
    # A file name may hold a newline or an escape sequence: shown escaped, on its own row.
    inputs = [
        InputInfo("in/good\none.txt", "text", "utf-8", "a" * 64, 10),
        InputInfo("in/\x1b[2Jtwo.txt", "text", "utf-8", "b" * 64, 10),
    ]
    rows = inputs_text(inputs, "a" * 64).splitlines()
    assert len(rows) == 2
    assert rows[0].endswith("in/good\\none.txt") and rows[1].endswith("in/\\x1b[2Jtwo.txt")
