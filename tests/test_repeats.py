"""A page that holds its article twice gives it once; what an article repeats itself stays."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsarchive.parse.pipeline as pipeline
from newsarchive.parse import _common_run as common_run
from newsarchive.parse import parse_bytes, without_repeats

PARAGRAPHS = [
    f"Paragraph {n} of the report on the harbour's new ferry terminal, which the council opened "
    "on Monday after three years of building work and two changes of contractor, says the city."
    for n in range(1, 8)
]


def test_a_second_copy_of_the_article_is_dropped() -> None:
    assert without_repeats([*PARAGRAPHS, "Share this article", *PARAGRAPHS]) == [
        *PARAGRAPHS,
        "Share this article",
    ]


def test_repeats_an_article_makes_itself_stay() -> None:
    legend = ["s = slow pace", "m = medium pace", "f = fast pace"]  # under every table
    quote = [PARAGRAPHS[0], "A sentence between.", PARAGRAPHS[0]]  # a pull quote
    assert without_repeats([*legend, "Week 1", *legend]) == [*legend, "Week 1", *legend]
    assert without_repeats(quote) == quote


def test_a_page_with_its_article_twice() -> None:
    copy = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    page = (
        "<html><head><title>Ferry terminal opens</title></head><body><h1>Ferry terminal opens"
        f"</h1><div class='desktop'>{copy}</div><div class='mobile'>{copy}</div></body></html>"
    )
    article = parse_bytes(page.encode(), "x.html")
    assert article.body.split("\n\n") == PARAGRAPHS


@given(st.lists(st.sampled_from([*PARAGRAPHS[:3], "short", "Short"]), max_size=30))
def test_the_result_is_the_input_less_whole_runs(paragraphs: list[str]) -> None:
    kept = without_repeats(paragraphs)
    # In order, nothing added, and every paragraph printed survives at least once.
    it = iter(paragraphs)
    assert all(p in it for p in kept)
    assert set(kept) == set(paragraphs)


def test_the_work_is_bounded_whatever_the_body(monkeypatch: pytest.MonkeyPatch) -> None:
    """Thousands of short repeated lines: no run long enough to drop, and the comparisons made
    stay within the budget (quadratic work would be hundreds of millions)."""
    compared = []

    def counting(keys: list[str], earlier: int, at: int, most: int) -> int:
        length = common_run(keys, earlier, at, most)
        compared.append(length + 1)
        return length

    monkeypatch.setattr(pipeline, "_common_run", counting)
    for lines in (["•"] * 20_000, ["a", "b"] * 10_000):
        compared.clear()
        assert without_repeats(lines) == lines
        assert sum(compared) <= pipeline._REPEAT_BUDGET + 2
