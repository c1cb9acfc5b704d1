"""Shortcuts taken for speed give exactly what the plain definitions give.

The learned models read these values as features: a shortcut that changed one would change the
parser's output without any test of its own failing, so each is checked against the slow form
on arbitrary text drawn from the characters where the two could differ.
"""

from __future__ import annotations

import re

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from newsarchive.parse import dates
from newsarchive.parse.html.dom import clean_space
from newsarchive.parse.lines import _UNSPACED, char_classes, language_links, words
from newsarchive.parse.text.authors import lower_words
from newsarchive.parse.text.capture import Line
from newsarchive.parse.text.signals import terms
from newsarchive.parse.vocabulary import (
    ASCII_WORD_START,
    JOB_TITLE,
    READING_TIME,
    SOCIAL_WORDS,
)
from newsarchive.store.fts import HIGHLIGHT_END, HIGHLIGHT_START
from newsarchive.store.query import Query, Term
from newsarchive.store.snippets import make_snippet, matcher

# Letters that fold to ASCII ones (the Kelvin sign, the long s, dotted and dotless i), digits
# of other scripts, marks, and pieces of the words the patterns look for.
TRICKY = st.sampled_from(
    [
        "\u212a",
        "\u017f",
        "\u0130",
        "\u0131",
        "\u0663",
        "\uff11",
        "²",
        "\x1c",
        "\u00a0",
        "é",
        "K",
        "s",
        " ",
        "-",
        ".",
        "/",
        ":",
        "2024",
        "2024-11-28",
        "28.11.2024",
        "11/28/24",
        "Nov. 19, 2006",
        "2025. november 8.",
        "2021년 2월 2일",
        " 13:30",
        "오후 3시 20분",
        "19",
        "11",
        "Nov",
        "november",
        "März",
        "декабря",
        "editor",
        "EDITOR",
        "Correspondent",
        "share",
        "SHARE",
        "Read",
        "ΟΔΟΣ",
        "ΣΑΣ ",
        "5 min read",
        "3 hours ago",
        "vor 2 Stunden",
        "3분 전",
        "シェア",
        "기자",
        "북한 김정은 위원장",
        "北浜港",
    ]
)
TEXT = st.lists(st.one_of(TRICKY, st.text(max_size=6)), max_size=30).map("".join)


def _found(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_counting_character_classes(text: str) -> None:
    slow = tuple(
        sum(map(test, text))
        for test in (str.isalpha, str.isupper, str.isdigit, str.isspace, str.isalnum)
    )
    assert char_classes(text) == slow
    ascii_text = text.encode("ascii", "ignore").decode()
    assert char_classes(ascii_text) == tuple(
        sum(map(test, ascii_text))
        for test in (str.isalpha, str.isupper, str.isdigit, str.isspace, str.isalnum)
    )


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_lookaheads_change_no_match(text: str) -> None:
    plain_job = re.compile(JOB_TITLE.pattern.removeprefix(ASCII_WORD_START), re.IGNORECASE)
    plain_social = re.compile(SOCIAL_WORDS.pattern.removeprefix(ASCII_WORD_START), re.IGNORECASE)
    plain_reading = re.compile(READING_TIME.pattern.removeprefix(r"(?=[\da-z])"), re.IGNORECASE)
    for fast, plain in (
        (JOB_TITLE, plain_job),
        (SOCIAL_WORDS, plain_social),
        (READING_TIME, plain_reading),
    ):
        assert fast.pattern != plain.pattern
        assert _found(fast, text) == _found(plain, text)
    for (_start, form), fast in zip(dates.DATE_FORMS, dates._DATE_FORMS, strict=True):
        plain = re.compile(form + dates.DATE_TAIL, re.IGNORECASE)
        assert _found(fast, text) == _found(plain, text)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_word_count_shortcut(text: str) -> None:
    slow = 0
    for token in text.split():
        unspaced = len(_UNSPACED.findall(token))
        slow += max(1, unspaced // 2) if unspaced else 1
    assert words(text) == slow


def test_language_links_longer_than_a_bar_only_before_their_notes_are_dropped() -> None:
    note = "[" + "opens in a new window " * 8 + "]"
    line = f"English {note} | 한국어 {note}"
    assert len(line) > 160
    assert language_links(line) == ["en", "ko"]
    assert language_links("English | 한국어 | " + "x" * 160) is None
    # Long only for its spaces: the shortcut measures the line stripped.
    assert language_links(" " * 200 + "English | 한국어") == ["en", "ko"]


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_space_cleaning_shortcut(text: str) -> None:
    assert clean_space(text) == re.sub(r"\s+", " ", text).strip()


def _terms_slow(text: str) -> frozenset[str]:
    lowered = text.lower()
    found = set(re.findall(r"[^\W\d_]{4,}", lowered))
    for run in re.findall(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3]{2,}", lowered):
        found.update(run[k : k + 2] for k in range(len(run) - 1))
    return frozenset(found)


@settings(max_examples=200, deadline=None)
@given(st.lists(TEXT, max_size=6))
def test_terms_of_lines_and_of_their_join(lines: list[str]) -> None:
    for line in lines:
        assert terms.__wrapped__(line) == _terms_slow(line)
    assert terms(" ".join(lines)) == frozenset().union(*map(terms, lines))


SNIPPET_WORDS = st.sampled_from(
    ["kim", "Kim", "jong", "un", "ab", "a_b", "İs", "straße", "σοφός", "김정은", "x1", "ǅa"]
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(SNIPPET_WORDS, st.booleans()), min_size=1, max_size=3),
    st.lists(
        st.one_of(SNIPPET_WORDS, st.sampled_from([" ", "-", "_", "Σ", "İ", "K"]), TEXT),
        max_size=12,
    ).map("".join),
)
def test_snippet_word_starts_are_the_patterns(words: list[tuple[str, bool]], text: str) -> None:
    _starts_are_the_patterns(words, text)


def _starts_are_the_patterns(words: list[tuple[str, bool]], text: str) -> None:
    terms = [Term((w,), prefix=prefix) for w, prefix in words]
    found = matcher(Query(groups=[[t] for t in terms]))
    assert found is not None
    assert found.starts(text) == [m.start() for m in found.pattern.finditer(text)]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(SNIPPET_WORDS, st.booleans()), min_size=2, max_size=3),
    st.lists(
        st.one_of(SNIPPET_WORDS, st.sampled_from([" ", "-", "_", "Σ", "İ", "K", ", "]), TEXT),
        max_size=16,
    ).map("".join),
)
def test_a_phrases_words_are_found_where_its_pattern_matches(
    words: list[tuple[str, bool]], text: str
) -> None:
    # A phrase is tried only where its first word starts (found as words are): the same as
    # trying its pattern at every position of the text.
    phrase = Term(tuple(w for w, _ in words), prefix=words[-1][1])
    assume(not phrase.korean)  # a Korean phrase's words are marked as words
    found = matcher(Query(groups=[[phrase]]))
    assert found is not None and found.phrases
    slow: set[int] = set()
    for at in range(len(text)):
        m = found.phrases[0].match(text, at)
        if m:
            slow.update(t.start() for t in re.finditer(r"\w+", text[: m.end()]) if t.start() >= at)
    assert found.starts(text) == sorted(slow)


# Latin-1 text, words in any case beside accented letters: the fast lowering of the bytes for
# ASCII words, never for the others ("Über").
LATIN1 = st.text(alphabet=st.characters(max_codepoint=0xFF), max_size=8)
LATIN_WORDS = st.sampled_from(["kim", "jong", "un", "ab", "a_b", "x1", "straße", "über"])


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(LATIN_WORDS, st.booleans()), min_size=1, max_size=3),
    st.lists(
        st.one_of(
            LATIN_WORDS,
            LATIN_WORDS.map(str.upper),
            LATIN_WORDS.map(str.title),
            st.sampled_from(["Ä", "ß", "ÿ", "µ", "_", " "]),
            LATIN1,
        ),
        max_size=14,
    ).map("".join),
)
def test_snippet_word_starts_in_latin1_text(words: list[tuple[str, bool]], text: str) -> None:
    _starts_are_the_patterns(words, text)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(SNIPPET_WORDS, st.booleans()), min_size=1, max_size=3),
    st.lists(
        st.one_of(SNIPPET_WORDS, st.sampled_from([" ", "-", "_", "Σ", "İ", "K", "\n"]), TEXT),
        max_size=40,
    )
    .map("".join)
    .map(lambda t: t.replace(HIGHLIGHT_START, "").replace(HIGHLIGHT_END, "")),
)
def test_snippet_marks_are_the_patterns_matches(words: list[tuple[str, bool]], text: str) -> None:
    # The snippet marks each match by its start and the end of its word; the pattern run over
    # the shown text, marks taken out, marks the same.
    terms = [Term((w,), prefix=prefix) for w, prefix in words]
    found = matcher(Query(groups=[[t] for t in terms]))
    assert found is not None
    snippet = make_snippet(found, "", text)
    shown = snippet.replace(HIGHLIGHT_START, "").replace(HIGHLIGHT_END, "")
    marked = found.pattern.sub(lambda m: HIGHLIGHT_START + m.group(0) + HIGHLIGHT_END, shown)
    assert marked == snippet


@settings(max_examples=200, deadline=None)
@given(st.lists(TEXT, max_size=6))
def test_lower_words_of_the_lines_joined(texts: list[str]) -> None:
    lines = [Line(t, i, False, False) for i, t in enumerate(texts)]
    slow = frozenset(w for t in texts for w in re.findall(r"[^\W\d_]{3,}", t) if w.islower())
    assert lower_words(lines) == slow
