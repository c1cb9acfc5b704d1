"""Snippets of phrase searches: a phrase's words are marked where the phrase is printed whole,
and the snippet shows that stretch, not the words' scattered uses elsewhere."""

from __future__ import annotations

from newsarchive.store.fts import HIGHLIGHT_END, HIGHLIGHT_START
from newsarchive.store.query import parse
from newsarchive.store.snippets import make_snippet, matcher


def marked(query: str, body: str) -> str:
    snippet = make_snippet(matcher(parse(query)), "", body)
    return snippet.replace(HIGHLIGHT_START, "[").replace(HIGHLIGHT_END, "]")


def test_a_phrase_is_marked_where_it_is_printed_whole() -> None:
    body = "Kim said so. Later Kim Jong Un met the envoy, and Jong left."
    assert marked('"Kim Jong Un"', body) == (
        "Kim said so. Later [Kim] [Jong] [Un] met the envoy, and Jong left"
    )


def test_a_phrase_matches_across_punctuation_as_the_index_does() -> None:
    assert "[Kim] [Jong]-[un]" in marked('"kim jong un"', "A visit by Kim Jong-un was announced.")


def test_a_word_beside_a_phrase_is_marked_wherever_it_stands() -> None:
    body = "The envoy spoke. Kim Jong Un listened while the envoy waited."
    assert marked('envoy "kim jong un"', body) == (
        "The [envoy] spoke. [Kim] [Jong] [Un] listened while the [envoy] waited"
    )


def test_the_snippet_shows_the_phrase_not_its_words_elsewhere() -> None:
    filler = " ".join(["Kim and Jong spoke of the weather."] * 12)
    body = f"{filler} At last Kim Jong Un arrived at the border."
    snippet = marked('"Kim Jong Un"', body)
    assert "[Kim] [Jong] [Un] arrived" in snippet
    assert snippet.count("[") == 3


def test_a_prefix_phrase_and_a_korean_phrase() -> None:
    assert "[Kim] [Jongs]" in marked('"kim jong"*', "Two Kim Jongs were named, not Jong.")
    # Korean phrases are searched as words near each other: each word is marked.
    assert "[김정은] 위원장이 중국을 공식 [방문했다]" in marked(
        '"김정은 방문"', "김정은 위원장이 중국을 공식 방문했다."
    )
