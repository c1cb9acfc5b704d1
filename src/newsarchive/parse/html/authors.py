"""Choosing a saved page's authors among the places it names them.

Candidates: JSON-LD's author, the author <meta> tags, elements whose class or rel says "author"
or "byline", a name after an "Author:" label, and short blocks near the article's opening or end
that read as bylines. A learned model (`models/html_byline.json`) scores each from its source,
the names the shared reader (`names.names_in`) finds in it, whether other candidates agree,
whether the page prints those words in lower case elsewhere (common words, not names) or in the
article itself (its subjects, not its authors), and where it stands. The best candidate's names
are the authors.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import numpy as np

from ...record import Author
from ..learned import Matrix, forest
from ..names import names_in, read_byline
from ..vocabulary import AUTHOR_LABEL, BY_PREFIX, CJK_CHAR, JOB_TITLE
from .blocks import Block
from .dom import HtmlElement, attr_text, text_of
from .features import PageKind
from .metadata import PageMeta

SOURCES = ("ld", "meta", "classed", "rel", "labelled", "printed")
_BYLINE_HINT = re.compile(r"byline|author|writer|reporter|journalist|verfasser|autor|credit")
_LABEL_TAGS = ("strong", "b", "span", "dt", "th", "em", "label")
_MAX_CHARS = 150
_WORD = re.compile(r"[^\W\d_]{3,}")
BEST_THRESHOLD = 0.05  # chosen on fold A (cross-validated): 0.15 lost 0.03 of wcxb authors F1


@dataclass
class AuthorCandidate:
    text: str
    source: str
    block: int = -1  # the text block it is printed in, when printed
    names: list[str] = field(default_factory=list)
    # What the candidate prints of each name beside it: its job title, email, dateline.
    people: dict[str, Author] = field(default_factory=dict)

    @classmethod
    def of(cls, text: str, source: str, block: int, authors: list[Author]) -> AuthorCandidate:
        names: list[str] = []
        people: dict[str, Author] = {}
        # A byline read whole ("김민수 기자 minsu@..."), where it names the same people, gives
        # the emails and datelines printed with the names.
        byline = read_byline(text) if source not in ("ld", "meta") else None
        read = {a.name: a for a in byline.authors} if byline else {}
        for author in authors:
            if author.name not in names:
                names.append(author.name)
            people.setdefault(author.name, _merged(author.name, [author, read.get(author.name)]))
        return cls(text, source, block, names, people)


def _merged(name: str, said: list[Author | None]) -> Author:
    """A person as several readings give them: the first email, title and dateline said."""
    known = [a for a in said if a is not None]
    return Author(
        name,
        next((a.email for a in known if a.email), None),
        next((a.role for a in known if a.role), None),
        next((a.dateline for a in known if a.dateline), None),
    )


def _block_of(el: HtmlElement, position: dict[HtmlElement, int]) -> int:
    while el is not None:
        if el in position:
            return position[el]
        el = el.getparent()
    return -1


_TWO_NAMES = re.compile(r"[A-ZÀ-Þ][a-zà-ÿ'’-]+ [A-ZÀ-Þ][a-zà-ÿ'’-]+")


def _two_names(value: str) -> bool:
    return bool(_TWO_NAMES.fullmatch(value.strip()))


def gather(
    meta: PageMeta, root: HtmlElement, blocks: list[Block], site: str | None
) -> list[AuthorCandidate]:
    found: list[AuthorCandidate] = []

    def add(text: str, source: str, block: int = -1, values: list[str] | None = None) -> None:
        text = " ".join(text.split())
        if not text or len(text) > _MAX_CHARS * 2:
            return
        authors = [
            a
            for value in values or [text]
            # Metadata that names the site's own name as its author is a one-person site when
            # the name reads as a person's, given and family name ("Jane Roe").
            for a in names_in(value, None if values and _two_names(value) else site)
        ]
        found.append(AuthorCandidate.of(text, source, block, authors))

    if meta.author_source == "json-ld" and meta.authors:
        add("; ".join(meta.authors), "ld", values=meta.authors)
    if meta.meta_authors:
        add("; ".join(meta.meta_authors), "meta", values=meta.meta_authors)
    position = {b.element: i for i, b in enumerate(blocks)}
    seen: set[str] = set()
    body = root.find("body")
    scope = body if body is not None else root
    for el in scope.iter():
        if not isinstance(el.tag, str):
            continue
        marker = f"{attr_text(el)} {el.get('itemprop') or ''} {el.get('rel') or ''}".lower()
        if not _BYLINE_HINT.search(marker):
            continue
        text = text_of(el)
        if not text or len(text) > _MAX_CHARS or text in seen:
            continue
        seen.add(text)
        source = "rel" if (el.get("rel") or "") == "author" else "classed"
        add(text, source, _block_of(el, position))
        if len(seen) >= 8:
            break
    for label in scope.iter(*_LABEL_TAGS):
        said = text_of(label)
        holder = label.getparent()
        if not AUTHOR_LABEL.match(said) or holder is None:
            continue
        text = text_of(holder)
        rest = text[len(said) :].strip() if text.startswith(said) else ""
        if rest and len(rest) <= 80:
            add(rest, "labelled", _block_of(holder, position))
            break
    return found


def printed_candidates(
    blocks: list[Block], kept: Matrix, site: str | None
) -> list[AuthorCandidate]:
    """Short blocks near the article's opening or end that read as bylines."""
    kept_at = np.flatnonzero(kept)
    if kept_at.size == 0:
        return []
    first, last = int(kept_at[0]), int(kept_at[-1])
    window = [*range(max(0, first - 12), min(len(blocks), first + 6)),
              *range(max(first + 6, last - 2), min(len(blocks), last + 8))]  # fmt: skip
    found = []
    for i in window:
        text = blocks[i].text
        if len(text) > _MAX_CHARS:
            continue
        authors = names_in(text, site)
        if authors and (read_byline(text) is not None or len(text.split()) <= 8):
            found.append(AuthorCandidate.of(text, "printed", i, authors))
    return found


BYLINE_FEATURES = (
    *(f"from_{s}" for s in SOURCES),
    "names",
    "name_words",
    "lower_share",
    "in_body",
    "agree",
    "by_prefix",
    "read_byline",
    "job_title",
    "chars_log",
    "printed_from_body",
    "printed_from_end",
    "printed_p_body",
    "page_news",
    "page_article",
)


def _name_words(name: str) -> list[str]:
    """A name's words as the model counts them: those of three letters or more ("Jane Roe"
    is one; initials are none), and a CJK name, written unspaced, as its family name and its
    given name ("山田太郎", "김철수": two)."""
    if CJK_CHAR.match(name) and " " not in name:
        return [name[:1], name[1:]]
    return [w for w in name.split() if len(w) >= 3]


def lower_words(blocks: list[Block]) -> frozenset[str]:
    """Words the page prints in lower case: common words of its language, not names."""
    return frozenset(w for b in blocks for w in _WORD.findall(b.text[:3000]) if w.islower())


def byline_rows(
    found: list[AuthorCandidate],
    blocks: list[Block],
    p_body: Matrix,
    kept: Matrix,
    kind: PageKind,
) -> Matrix:
    if not found:
        return np.zeros((0, len(BYLINE_FEATURES)))
    lower = lower_words(blocks)
    kept_at = np.flatnonzero(kept)
    first = int(kept_at[0]) if kept_at.size else len(blocks)
    last = int(kept_at[-1]) if kept_at.size else len(blocks)
    body_text = " ".join(b.text for b, k in zip(blocks, kept, strict=True) if k)
    all_names = [{n.lower() for n in c.names} for c in found]
    rows = []
    for c, own in zip(found, all_names, strict=True):
        words = [w.lower() for n in c.names for w in _name_words(n)]
        printed = 0 <= c.block < len(blocks)
        rows.append(
            [
                *(float(c.source == s) for s in SOURCES),
                float(min(len(c.names), 6)),
                float(min(len(words), 12)),
                sum(w in lower for w in words) / len(words) if words else 0.0,
                float(any(n in body_text for n in c.names)),
                float(sum(1 for other in all_names if other is not own and other & own)),
                float(bool(BY_PREFIX.match(c.text))),
                float(read_byline(c.text) is not None) if len(c.text) <= 120 else 0.0,
                float(bool(JOB_TITLE.search(c.text))),
                math.log1p(len(c.text)),
                float(np.clip(c.block - first, -60, 60)) if printed else 99.0,
                float(np.clip(c.block - last, -60, 60)) if printed else 99.0,
                float(p_body[c.block]) if printed else -1.0,
                float(kind.news),
                float(kind.article),
            ]
        )
    return np.array(rows, dtype=np.float64)


def authors_of(
    chosen: AuthorCandidate, found: list[AuthorCandidate], near: tuple[int, int]
) -> list[Author]:
    """The chosen candidate's authors, each with what any candidate prints beside the same
    name (metadata names people; the printed byline their titles, emails and datelines); and
    when metadata names them all and more (JSON-LD that lists a co-author that <meta
    name=author> left out), its list."""
    names = chosen.names
    wider = [
        c
        for c in found
        if c.source in ("ld", "meta")
        and set(names) < set(c.names)
        and c.names[: len(names)] == names
        and len(c.names) <= 6
    ]
    if wider:
        names = max(wider, key=lambda c: len(c.names)).names
    # Details from metadata and from what is printed around the article (the blocks `near`
    # spans): a namesake's card in a list of related stories is someone else's.
    lo, hi = near
    sources = [chosen, *(c for c in found if c.source in ("ld", "meta") or lo <= c.block <= hi)]
    return [_merged(name, [c.people.get(name) for c in sources]) for name in names]


def choose_byline(found: list[AuthorCandidate], rows: Matrix) -> AuthorCandidate | None:
    if not found:
        return None
    p = forest("html_byline").probabilities(rows)
    best = int(np.argmax(p))
    return found[best] if p[best] >= BEST_THRESHOLD and found[best].names else None
