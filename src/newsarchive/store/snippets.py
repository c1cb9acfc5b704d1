"""Snippets: the stretch of an article that best shows why it matched, matches marked.

Made in Python from the stored text for the page of results only: cheaper than asking the
engine once per row, and the same on every engine.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cached_property

from .fts import HIGHLIGHT_END, HIGHLIGHT_START
from .query import Query

_TOKEN = re.compile(r"\w+", re.UNICODE)
WINDOW = 24  # words shown
_SHOWN = re.compile(rf"\w+(?:\W+\w+){{0,{WINDOW - 1}}}")  # up to WINDOW words from a word's start


@dataclass(frozen=True)
class Matcher:
    """The query's words, made once per search for all its snippets: `pattern` marks them in
    the stretch shown; `words` ((lower-case word, whether a prefix)) find where they are in
    the whole text with str.find, several times faster than the pattern over a long body.
    A phrase's words count only where the phrase is printed whole: `phrases` find those."""

    pattern: re.Pattern[str] | None  # None: the query's words are all in phrases
    words: tuple[tuple[str, bool], ...] = ()  # empty: the pattern finds them too
    # The phrases' first words (found as words are) and the phrases, each tried where one of
    # those starts: faster than a case-blind pattern run over the whole text.
    firsts: Matcher | None = None
    phrases: tuple[re.Pattern[str], ...] = ()

    def starts(self, text: str) -> list[int]:
        """Where the words begin in `text`, in order: the starts of the pattern's matches, and
        of every word of a phrase printed whole."""
        found = self._word_starts(text)
        if self.firsts is None:
            return found
        inside = set(found)
        for at in self.firsts.starts(text):
            for phrase in self.phrases:
                m = phrase.match(text, at)
                if m:
                    inside.update(t.start() for t in _TOKEN.finditer(text, at, m.end()))
        return sorted(inside)

    def _word_starts(self, text: str) -> list[int]:
        if self.pattern is None:
            return []
        if not self.words:
            return [m.start() for m in self.pattern.finditer(text)]
        lowered = _latin1_lowered(text) if self.ascii else None
        if lowered is None:
            lowered = text.lower()
            if len(lowered) != len(text) or "Σ" in text:
                # A letter whose lower case is longer ("İ") shifts the offsets, and a capital
                # sigma lowers by its place in the word: the pattern, which folds case by letter.
                return [m.start() for m in self.pattern.finditer(text)]
        found: set[int] = set()
        size = len(text)
        for word, prefix in self.words:
            at = lowered.find(word)
            while at >= 0:
                end = at + len(word)
                # Whether a character is a word's is the same in either case: read the text.
                if (at == 0 or not _word_char(text[at - 1])) and (
                    prefix or end == size or not _word_char(text[end])
                ):
                    found.add(at)
                at = lowered.find(word, end)
        return sorted(found)

    @cached_property
    def ascii(self) -> bool:
        return all(word.isascii() for word, _ in self.words)


def _latin1_lowered(text: str) -> str | None:
    """The text with its ASCII capitals lowered, when every character is Latin-1 (else None).

    For such a text and words all ASCII this finds what lower() would: no other Latin-1
    letter lowers to an ASCII one, and one byte a character keeps the offsets. Python lowers
    a Latin-1 text that is not pure ASCII letter by letter, several times slower than the bytes
    are lowered."""
    try:
        return text.encode("latin-1").lower().decode("latin-1")
    except UnicodeEncodeError:
        return None


def _word_char(char: str) -> bool:
    return char.isalnum() or char == "_"  # what \w matches


def _word_pattern(word: str, prefix: bool) -> str:
    """A query word as a pattern: as written, or with the rest of its word when a prefix."""
    return re.escape(word) + (r"\w*" if prefix else "")


def matcher(query: Query) -> Matcher | None:
    """The query's words as a Matcher, or None when it has none to show."""
    words: set[tuple[str, bool]] = set()
    firsts: set[tuple[str, bool]] = set()
    phrases: list[re.Pattern[str]] = []
    for group in query.groups:
        for term in group:
            parts = [
                (word, bool(term.korean or (term.prefix and i == len(term.words) - 1)))
                for i, word in enumerate(term.words)
            ]
            if len(parts) == 1 or term.korean:
                # A Korean phrase is searched as its words near each other, in any order
                # (particles attach): its words are marked wherever they stand.
                words.update(parts)
                continue
            # The phrase's words in order, anything but a word between them (as the index
            # splits words): "Kim Jong-un" is the phrase "kim jong un".
            joined = r"\W+".join(_word_pattern(w, prefix) for w, prefix in parts)
            phrases.append(re.compile(rf"(?<!\w){joined}(?!\w)", re.IGNORECASE))
            firsts.add(parts[0])
    if not words and not phrases:
        return None
    found = _words_matcher(words) if words else Matcher(None)
    if not phrases:
        return found
    return Matcher(found.pattern, found.words, _words_matcher(firsts), tuple(phrases))


def _words_matcher(words: set[tuple[str, bool]]) -> Matcher:
    longest_first = sorted(words, key=lambda p: len(p[0]), reverse=True)
    alternatives = "|".join(_word_pattern(w, prefix) for w, prefix in longest_first)
    pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)
    # The fast path holds where lower() folds the words letter by letter, as the pattern does.
    if any(len(w.lower()) != len(w) or "σ" in w.lower() for w, _ in words):
        return Matcher(pattern)
    return Matcher(pattern, tuple(sorted((w.lower(), prefix) for w, prefix in words)))


SPAN = 160  # characters a window of WINDOW words covers, about: where matches count as a run
_REACH = 60  # characters read before the run for its lead-in words
_READ = 1000  # characters read from there: WINDOW words even when they are long


def _marked(text: str, found: list[int], begin: int, end: int) -> str:
    """text[begin:end] with the matches that start in it marked. A match starts a word and
    runs to the word's end (an exact word must be followed by no word character, a prefix
    takes the rest of the word), so the pattern need not run again over the stretch."""
    parts: list[str] = []
    at = begin
    for start in found[bisect_left(found, begin) : bisect_left(found, end)]:
        word = _TOKEN.match(text, start, end)
        assert word is not None  # a match starts a word
        parts += (text[at:start], HIGHLIGHT_START, word.group(), HIGHLIGHT_END)
        at = word.end()
    parts.append(text[at:end])
    return "".join(parts)


def make_snippet(words: Matcher | None, headline: str, body: str) -> str:
    """Up to WINDOW words around the densest run of `words` (see matcher) in the body (else
    the headline). Only the matches are found in the whole text; words are split out of the
    stretch around the chosen run alone, so a long article costs no more than a short one."""
    if words is None:
        return body[:160]
    for text in (body, headline):
        found = words.starts(text)
        if not found:
            continue
        # The run of matches within SPAN characters that holds the most (two pointers).
        best, best_count, last = 0, 0, 0
        for first, at in enumerate(found):
            while last < len(found) and found[last] < at + SPAN:
                last += 1
            if last - first > best_count:
                best, best_count = first, last - first
        at = found[best]
        lo = max(0, at - _REACH)
        # A match begins a word, so no token runs across `at`: the lead-in's tokens end before
        # it; the first token of the stretch may be a word cut in two (then it is not shown).
        lead = [token.start() for token in _TOKEN.finditer(text, lo, at)]
        start = max(1 if lo > 0 and lead else 0, len(lead) - 4)
        begin_char = lead[start] if start < len(lead) else at
        shown = _SHOWN.match(text, begin_char, at + _READ)
        assert shown is not None  # begin_char starts a word
        end_char = shown.end()
        piece = " ".join(_marked(text, found, begin_char, end_char).split())
        before = _TOKEN.search(text, 0, begin_char) is not None
        after = _TOKEN.search(text, end_char) is not None
        return ("…" if before else "") + piece + ("…" if after else "")
    return " ".join(body.split(None, WINDOW)[:WINDOW]) + "…"  # not the whole body's words
