"""Choosing a saved page's headline among the titles it gives.

A page names its article many times: JSON-LD's headline, og:title and twitter:title, <title>
(often with the site's name glued on), its <h1> and <h2> headings, elements whose class says
"title". Each distinct text is a candidate; a learned model (`models/html_headline.json`)
scores it from the sources that give it, how many agree, its shape, and where the page prints
it relative to the article's body. The best-scored candidate is the headline.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import numpy as np

from ..dates import find_dates
from ..learned import Matrix, forest
from ..text.signals import terms
from .blocks import Block
from .dom import HtmlElement, text_of
from .features import PageKind
from .metadata import PageMeta

SOURCES = ("ld", "og", "twitter", "title", "title_part", "h1", "h2", "classed")
_TITLE_SEPARATORS = re.compile(r"\s+[|\-–—:·»/]\s+")
_TITLE_CLASS = re.compile(r"title|headline|heading", re.IGNORECASE)
_MAX_CHARS = 300


@dataclass
class TitleCandidate:
    text: str
    sources: set[str] = field(default_factory=set)
    order: int = 99  # its rank among the page's elements of its kind (first h1: 0)


def norm(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().lower()


# First labels of hosts that say what part of a site it is, not whose: news.sky.com.
_HOST_WORDS = frozenset({"news", "m", "mobile", "amp", "edition", "english", "en", "ici", "home",
                         "blog", "blogs", "web", "online"})  # fmt: skip


def site_words(meta: PageMeta) -> set[str]:
    """Ways the page names its site: og:site_name, the host, short parts of <title>."""
    names = {norm(meta.site_name or "").replace(" ", "")}
    if meta.canonical and "//" in meta.canonical:
        host = meta.canonical.split("/")[2].lower().removeprefix("www.")
        label = host.split(".")[0]
        names.add(host.replace(".", ""))
        if label not in _HOST_WORDS:
            names.add(label)
    names.discard("")
    return names


def strip_site(title: str, meta: PageMeta) -> str:
    """ "Headline - Site" -> "Headline", when an end part names the site or its domain."""
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    names = site_words(meta)

    def is_site(part: str) -> bool:
        # The part is inside a site's name, or a site's name is in the part: as whole words
        # when short ("BBC News"; a host's "ici" is inside "électricité"), anywhere when
        # longer ("theguardian" in "The Guardian").
        words = norm(part).split()
        key = "".join(words)
        n_words = len(words)
        runs = {"".join(words[i:j]) for i in range(n_words) for j in range(i + 1, n_words + 1)}
        return bool(key) and any(key in n or n in runs or (len(n) >= 4 and n in key) for n in names)

    # Trailing dates and the site's name: "Headline | DW | 28.04.2023".
    while len(parts) > 1 and (is_site(parts[-1]) or find_dates(parts[-1])):
        title = title[: title.rfind(parts[-1])].rstrip(" |-–—:·»/")
        parts = parts[:-1]
    if len(parts) > 1 and is_site(parts[0]):
        return title[len(parts[0]) :].lstrip(" |-–—:·»/")
    return title


def gather(meta: PageMeta, root: HtmlElement) -> list[TitleCandidate]:
    found: dict[str, TitleCandidate] = {}

    def add(text: str | None, source: str, order: int = 0) -> None:
        text = " ".join((text or "").split())
        if not 3 <= len(text) <= _MAX_CHARS:
            return
        candidate = found.setdefault(text, TitleCandidate(text))
        candidate.sources.add(source)
        candidate.order = min(candidate.order, order)

    add(meta.headline, "ld")
    add(meta.og_title, "og")
    add(meta.twitter_title, "twitter")
    if meta.title:
        add(meta.title, "title")
        stripped = strip_site(meta.title, meta)
        if stripped != meta.title:
            add(stripped, "title_part")
        parts = _TITLE_SEPARATORS.split(meta.title)
        if len(parts) > 1:
            add(max(parts, key=len), "title_part")
    for tag, limit in (("h1", 4), ("h2", 6)):
        for k, el in enumerate(root.iter(tag)):
            if k >= limit:
                break
            add(text_of(el), tag, k)
    classed = 0
    for el in root.iter("div", "span", "p", "header", "a", "strong", "h3"):
        marker = f"{el.get('class') or ''} {el.get('id') or ''}"
        if _TITLE_CLASS.search(marker):
            add(text_of(el), "classed", classed)
            classed += 1
            if classed >= 6:
                break
    return list(found.values())


HEADLINE_FEATURES = (
    *(f"from_{s}" for s in SOURCES),
    "sources",
    "order",
    "agree",
    "inside_others",
    "contains_others",
    "names_site",
    "separators",
    "chars_log",
    "words_log",
    "upper_share",
    "terminal",
    "question",
    "printed",
    "printed_from_body",
    "printed_p_body",
    "printed_h1",
    "h1_count",
    "body_share",
    "opening_share",
    "page_news",
    "page_article",
    "page_og_article",
)


def headline_rows(
    candidates: list[TitleCandidate],
    site: set[str],
    blocks: list[Block],
    p_body: Matrix,
    kept: Matrix,
    kind: PageKind,
) -> Matrix:
    if not candidates:
        return np.zeros((0, len(HEADLINE_FEATURES)))
    printed_at: dict[str, int] = {}
    for i, b in enumerate(blocks):
        printed_at.setdefault(norm(b.text), i)
    first_body = int(np.flatnonzero(kept)[0]) if kept.any() else len(blocks)
    body_text = " ".join(b.text for b, k in zip(blocks, kept, strict=True) if k)
    body_terms, opening_terms = terms(body_text[:20000]), terms(body_text[:1500])
    h1_count = sum(1 for b in blocks if b.tag == "h1")
    normed = [norm(c.text) for c in candidates]
    rows = []
    for c, key in zip(candidates, normed, strict=True):
        own = terms(c.text)
        at = printed_at.get(key)
        words = c.text.split()
        letters = [ch for ch in c.text if ch.isalpha()]
        rows.append(
            [
                *(float(s in c.sources) for s in SOURCES),
                float(len(c.sources)),
                float(min(c.order, 10)),
                float(sum(1 for other in normed if other == key) - 1),
                float(sum(1 for other in normed if other != key and key and key in other)),
                float(sum(1 for other in normed if other != key and other and other in key)),
                float(any(n and n in key.replace(" ", "") for n in site)),
                float(len(_TITLE_SEPARATORS.findall(c.text))),
                math.log1p(len(c.text)),
                math.log1p(len(words)),
                sum(1 for ch in letters if ch.isupper()) / max(1, len(letters)),
                float(c.text.rstrip().endswith((".", "。"))),
                float(c.text.rstrip().endswith(("?", "？"))),
                float(at is not None),
                float(np.clip(at - first_body, -60, 60)) if at is not None else 99.0,
                float(p_body[at]) if at is not None else -1.0,
                float(at is not None and blocks[at].tag == "h1"),
                float(min(h1_count, 5)),
                len(own & body_terms) / len(own) if own else 0.0,
                len(own & opening_terms) / len(own) if own else 0.0,
                float(kind.news),
                float(kind.article),
                float(kind.og_article),
            ]
        )
    return np.array(rows, dtype=np.float64)


def choose_headline(candidates: list[TitleCandidate], rows: Matrix) -> str:
    if not candidates:
        return ""
    scores = forest("html_headline").margins(rows)
    return candidates[int(np.argmax(scores))].text
