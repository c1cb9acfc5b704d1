"""The search query language, parsed once and compiled for each engine.

    plain words        all must match, ranked
    "exact phrase"     the words in this order
    a OR b             either
    -word, -"phrase"   must not match (also NOT word)
    prefix*            words that start so

Korean words match with the particles that attach to them (김정은 finds 김정은과 and 김정은이), so
Hangul terms are prefix terms; a word typed with a particle is searched without it (부산에서
finds 부산은). Anything else a user types is searched as literal words: it is never
syntax and never an error, except a query with nothing left to search for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import QueryError

_WORD = re.compile(r"\w+", re.UNICODE)
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_TOKEN = re.compile(r'(-?)"([^"]*)"?(\*?)|(\S+)')


@dataclass(frozen=True)
class Term:
    """A word, or several that must stand together (a phrase); the last may be a prefix."""

    words: tuple[str, ...]
    prefix: bool = False

    @property
    def korean(self) -> bool:
        return any(_HANGUL.search(w) for w in self.words)


@dataclass
class Query:
    """Groups that must all match (each an OR of terms), and terms that must not."""

    groups: list[list[Term]] = field(default_factory=list)
    excluded: list[Term] = field(default_factory=list)

    def words(self) -> list[str]:
        return [w for group in self.groups for t in group for w in t.words]


# Particles a Korean word typed with one is searched without: "부산에서" finds 부산 and 부산은
# too (the stem is a prefix term). Only particles no noun or name ends in (not 이, 가, 은, 의,
# 과, 와: 어린이, 전문가, 김정은, 정상회의, 피부과, 오타와), the longest first, after a stem of
# two syllables or more ("마을을" is 마을; "가을" stays whole). Typed words only: a quoted
# phrase and an exclusion are searched as typed.
_PARTICLES = ("에서는", "에게서", "으로는", "에서", "에게", "께서", "으로", "부터", "까지", "처럼",
              "에는", "에도", "을", "를", "는")  # fmt: skip
_KOREAN_STEM = re.compile(r"^([\uac00-\ud7a3]{2,}?)(?:" + "|".join(_PARTICLES) + r")$")


def _stem(word: str) -> str:
    m = _KOREAN_STEM.match(word)
    return m.group(1) if m else word


# The particles left out above, for a second try: a query as typed that matched nothing may
# have had one ("요금이" finds nothing where the archive prints 요금을 and 요금은).
_AMBIGUOUS_STEM = re.compile(r"^([\uac00-\ud7a3]{2,}?)(?:이|가|은|의|과|와)$")


def loosened(text: str) -> str | None:
    """The query with the particles taken off that _PARTICLES leaves on (이, 가, 은, 의, 과,
    와) from each typed Korean word of three syllables or more: what to search for when the
    query as typed matched nothing. None when no word has one."""
    parts: list[str] = []
    changed = False
    last = 0
    after_not = False
    for m in _TOKEN.finditer(text):
        bare = m.group(4)
        stem = _AMBIGUOUS_STEM.match(bare) if bare is not None and not after_not else None
        after_not = bare == "NOT"
        if stem is not None:
            parts.append(text[last : m.start()] + stem.group(1))
            last = m.end()
            changed = True
    return "".join(parts) + text[last:] if changed else None


_CLOSING = ")]}>\"'.,;:!?"


def _term(text: str, quoted: bool, star: bool, stem: bool = False) -> Term | None:
    words = tuple(_stem(w) if stem else w for w in _WORD.findall(text))
    if not words:
        return None
    # "fire*", and "fire*)" or "fire*," as typed around it: brackets and punctuation are text.
    if not quoted and len(words) == 1 and text.rstrip().rstrip(_CLOSING).endswith("*"):
        star = True
    return Term(words, prefix=star)


def parse(text: str) -> Query:
    """Parse what a user typed. Raises QueryError when nothing is left to search for."""
    query = Query()
    pending_or = pending_not = False
    operators: list[str] = []  # AND and OR as typed: the words themselves, if nothing else is
    for m in _TOKEN.finditer(text):
        negative, phrase, star, bare = m.group(1), m.group(2), m.group(3), m.group(4)
        if bare is not None:
            if bare == "OR":
                pending_or = bool(query.groups)
                operators.append(bare)
                continue
            if bare == "AND":
                operators.append(bare)
                continue
            if bare == "NOT":  # "ferry NOT busan" is "ferry -busan"
                pending_not = True
                continue
            negative = "-" if bare.startswith("-") and len(bare) > 1 else ""
            word = bare.lstrip("-") if negative else bare
            negative = negative or ("-" if pending_not else "")
            term = _term(word, quoted=False, star=False, stem=not negative)
        else:
            negative = negative or ("-" if pending_not else "")
            term = _term(phrase, quoted=True, star=bool(star))
        pending_not = False
        if term is None:
            continue
        if negative:
            query.excluded.append(term)
            pending_or = False
        elif pending_or:
            query.groups[-1].append(term)
            pending_or = False
        else:
            query.groups.append([term])
    if pending_not:  # "NOT" with nothing after it is the word
        query.groups.append([Term(("NOT",))])
    if not query.groups and not query.excluded:  # "AND", "OR": operators of nothing, words
        query.groups.extend([Term((word,))] for word in operators)
    if not query.groups:
        if query.excluded:
            raise QueryError("a search needs at least one word that is not excluded")
        raise QueryError("the query has no words to search for")
    return query


def _fts5_quote(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def _fts5_term(term: Term) -> str:
    if term.korean and len(term.words) > 1:
        # Particles attach to every word of a Korean phrase: each word a prefix, in order and
        # side by side (FTS5's phrase concatenation), as PostgreSQL's <-> between prefixes.
        return " + ".join(_fts5_quote(w) + "*" for w in term.words)
    text = _fts5_quote(" ".join(term.words))
    return text + "*" if term.prefix or term.korean else text


def to_fts5(query: Query, column: str | None = None) -> str:
    """The query as an FTS5 MATCH expression: every term quoted, so no input is syntax.

    With `column`, the terms must match in that column; exclusions still apply to all columns.
    """
    parts = []
    for group in query.groups:
        alternatives = [_fts5_term(t) for t in group]
        parts.append(
            alternatives[0] if len(alternatives) == 1 else "(" + " OR ".join(alternatives) + ")"
        )
    expression = " AND ".join(parts)
    if column:
        expression = f"{{{column}}} : ({expression})"
    for term in query.excluded:
        expression = f"({expression}) NOT {_fts5_term(term)}"
    return expression


def excluded_fts5(query: Query) -> str:
    """The query's excluded terms as one FTS5 expression that matches any of them."""
    return " OR ".join(_fts5_term(t) for t in query.excluded)


# The few word characters PostgreSQL's unaccent (applied to the query text, as to the indexed
# text) turns into a quote, colon or parentheses, which would end a quoted lexeme early: spelled
# here as unaccent's rules spell them, with the punctuation made a space (as the parser makes it
# in the indexed text).
_UNACCENT_UNSAFE = str.maketrans(
    {"ŉ": " n", **dict.fromkeys("ʹʻʼʽˈː", " ")} | {chr(0x2474 + i): f" {i + 1} " for i in range(20)}
)


def _ts_term(term: Term) -> str | None:
    """The term as tsquery text; None when unaccent leaves none of its words (they are then
    punctuation, as in the indexed text)."""
    # Words are runs of \w: they hold no quote, backslash or operator, so quoting is enough.
    words = [w for w in (w.translate(_UNACCENT_UNSAFE).strip() for w in term.words) if w]
    if not words:
        return None
    last = len(words) - 1
    lexemes = [
        f"'{w}'" + (":*" if term.korean or (term.prefix and i == last) else "")
        for i, w in enumerate(words)
    ]
    return lexemes[0] if len(lexemes) == 1 else "(" + " <-> ".join(lexemes) + ")"


def to_tsquery(query: Query, *, exclusions: bool = True) -> str:
    """The query as PostgreSQL to_tsquery('simple', ...) text, the twin of to_fts5.

    Exclusions apply to all columns; without them, the text is the query's positive part (for
    the headline's own vector, where the headline phase looks first).
    """
    parts = []
    for group in query.groups:
        alternatives = [a for a in map(_ts_term, group) if a]
        if alternatives:
            parts.append(
                alternatives[0] if len(alternatives) == 1 else "(" + " | ".join(alternatives) + ")"
            )
    if not parts:
        raise QueryError("the query has no words to search for")
    expression = " & ".join(parts)
    for term in query.excluded if exclusions else []:
        excluded = _ts_term(term)
        if excluded:
            expression = f"({expression}) & !{excluded}"
    return expression
