"""What the body model sees of each text block (BLOCK_FEATURES).

A block's own text (length, links, punctuation, function words, dates, bylines, furniture), its
tag, what its ancestors say (blocks.page_blocks), where Readability's vote puts the article
(paragraphs voting for the element that holds them, the best element widened over the prose
around it), how its siblings read, whether it speaks of what the article speaks of, where it
stands relative to the headline, what the page declares itself to be, and its neighbours. The
model is trained on these names (scripts/train_html.py): a feature renamed, removed or computed
differently must be retrained.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .. import boilerplate as bp
from ..learned import Matrix
from ..lines import char_classes, date_line, text_length, words
from ..names import read_byline
from ..text.signals import terms
from ..vocabulary import (
    ELLIPSIS_END,
    FUNCTION_WORDS,
    READING_TIME,
    SENTENCE_END,
    SOCIAL_WORDS,
    cjk_count,
)
from .blocks import CLASS_KINDS, FLAG_NAMES, Block
from .dom import HtmlElement

_PARAGRAPH_TAGS = frozenset({"p", "pre", "blockquote", "li", "tr", "dd", "dt"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})

_TEXT = (
    "chars_log", "words_log", "link_density", "terminal", "ends_colon", "commas_per_word",
    "digit_share", "upper_share", "capword_share", "sentences", "ellipsis", "bullet",
    "date_line", "byline", "furniture", "end_marker", "notice", "caption", "social",
    "reading_time", "cjk_share", "lines", "function_share", "function_count",
)  # fmt: skip
_TAGS = ("p", "h1", "h2", "h3", "h4", "li", "div", "td", "tr", "blockquote", "pre", "dd", "dt",
         "figcaption", "span")  # fmt: skip
_NEIGHBOUR = ("chars_log", "link_density", "terminal", "tag_p", "in_best")
_OFFSETS = (-2, -1, 1, 2)
_CONTAINER = (
    "in_best",
    "best_share",
    "in_container",
    "container_share",
    "siblings_log",
    "siblings_good",
    "siblings_links",
    "printed_twice",
    "holder_vote",
    "holder_share",
)
_PAGE = (
    "relative",
    "chars_before",
    "from_headline",
    "after_headline",
    "topic_share",
    "doc_blocks_log",
    "page_news",
    "page_article",
    "page_og_article",
    "page_dated",
    "page_links",
    "page_text_log",
    "page_headings_log",
)
BLOCK_FEATURES = (
    *_TEXT,
    *(f"tag_{t}" for t in _TAGS),
    "tag_other",
    "depth",
    *FLAG_NAMES,
    *(f"up_{k}" for k, _ in CLASS_KINDS),
    "ends_above",
    *_CONTAINER,
    *_PAGE,
    *(f"{n}_{o:+d}" for o in _OFFSETS for n in _NEIGHBOUR),
)
_BULLET = re.compile(r"^(?:[•·*▶■▷►◆●○–—-]\s|\d{1,2}[.)]\s)")
_INNER_SENTENCE = re.compile(r"[.!?。！？](?:\s|$)")
_STRIP = ".,;:!?\"'()“”‘’"
_TAG_INDEX = {t: i for i, t in enumerate(_TAGS)}
_N_TAG = len(_TAGS) + 1
_N_FLAGS = len(FLAG_NAMES)


@dataclass(frozen=True)
class PageKind:
    """What the page says of itself: the kind its metadata declares."""

    news: bool = False  # JSON-LD NewsArticle and kin
    article: bool = False  # JSON-LD Article, BlogPosting and kin
    og_article: bool = False
    dated: bool = False  # a publication date in metadata


@dataclass
class PageFeatures:
    blocks: list[Block]
    rows: Matrix
    best: HtmlElement | None  # the element the vote likes best


@lru_cache(maxsize=16384)
def _text_signals(s: str) -> tuple[float, ...]:
    """A block's own text, in the order of _TEXT (link density is set per block after)."""
    n = len(s)
    tokens = s.split()
    n_words = max(1, len(tokens))
    head = s[:200]
    n_head = max(1, len(head))
    letters, upper, digits, _spaces, _alnum = char_classes(head)
    n_letters = max(1, letters)
    short = n <= 200
    first = tokens[:80]
    function = sum(1 for t in first if t.lower().strip(_STRIP) in FUNCTION_WORDS)
    capitals = sum(1 for t in first if t[:1].isupper())
    # The regular expressions run only where they can say yes: on short blocks, mostly.
    return (
        math.log1p(n),
        math.log1p(words(s)),  # Chinese and Japanese, unspaced, a word per two characters
        0.0,
        float(bool(SENTENCE_END.search(s[-8:]))),
        float(s.endswith((":", "："))),
        s.count(",") / n_words,
        digits / n_head,
        upper / n_letters,
        capitals / max(1, len(first)),
        float(min(20, len(_INNER_SENTENCE.findall(s)))),
        float(bool(ELLIPSIS_END.search(s[-8:]))),
        float(bool(_BULLET.match(s))),
        float(short and date_line(s) is not None),
        float(short and read_byline(s) is not None),
        float(short and bp.is_furniture(s)),
        float(short and (bp.is_end_marker(s) or bp.opens_comments(s))),
        float(n <= 400 and bp.is_notice(s)),
        float(n <= 400 and bp.is_caption(s)),
        float(short and bool(SOCIAL_WORDS.search(s))),
        float(short and digits > 0 and bool(READING_TIME.search(s))),
        cjk_count(head) / n_head,
        float(min(10, s.count("\n"))),
        function / max(1, len(first)),
        math.log1p(function),
    )


def _weight(text: str) -> int:
    return text_length(text) + cjk_count(text)


def _holder(block: Block) -> HtmlElement:
    return block.element.getparent() if block.tag in _PARAGRAPH_TAGS else block.element


def _is_good(block: Block, weight: int, links: float) -> bool:
    return (
        weight >= 25
        and block.tag not in _HEADINGS
        and links < 0.5
        and (weight >= 80 or bool(SENTENCE_END.search(block.text[-8:])))
    )


def vote(
    blocks: list[Block], holders: list[HtmlElement], weights: list[int], density: list[float]
) -> dict[HtmlElement, float]:
    """Readability's vote: each paragraph votes for its holder (full), the holder's parent
    (half) and grandparent (a quarter), by its length and commas, less its links."""
    scores: dict[HtmlElement, float] = {}
    for block, holder, weight, links in zip(blocks, holders, weights, density, strict=True):
        if weight < 25 or block.tag in _HEADINGS or links > 0.5:
            continue
        text = block.text
        score = 1 + text.count(",") + text.count("、") + min(weight / 100, 3)
        score *= 1 - links
        if block.tag == "li":
            score *= 0.5
        if block.tag not in _PARAGRAPH_TAGS:
            score *= 0.8
        for factor in (1.0, 0.5, 0.25):
            if holder is None:
                break
            scores[holder] = scores.get(holder, 0.0) + score * factor
            holder = holder.getparent()
    return scores


def _sum_up(amounts: dict[HtmlElement, float]) -> dict[HtmlElement, float]:
    """Every element's total of what its descendants' holders hold."""
    total: dict[HtmlElement, float] = {}
    for holder, amount in amounts.items():
        el = holder
        while el is not None:
            total[el] = total.get(el, 0.0) + amount
            el = el.getparent()
    return total


def widen(
    core: HtmlElement,
    holder_total: dict[HtmlElement, float],
    holder_good: dict[HtmlElement, float],
    holder_linked: dict[HtmlElement, float],
) -> HtmlElement:
    """The best-voted element widened while its parent adds mostly prose, not link lists: the
    article's whole container (lead, headings and all), not only its densest paragraphs."""
    total, good, linked = _sum_up(holder_total), _sum_up(holder_good), _sum_up(holder_linked)
    best, parent = core, core.getparent()
    while parent is not None and parent.tag not in ("body", "html"):
        added_good = good.get(parent, 0) - good.get(best, 0)
        added_total = total.get(parent, 0) - total.get(best, 0)
        added_links = linked.get(parent, 0) - linked.get(best, 0)
        if added_total == 0 or (
            added_good >= 0.6 * added_total and added_links <= 0.25 * added_total
        ):
            best, parent = parent, parent.getparent()
            continue
        break
    return best


def headline_block(blocks: list[Block], headline: str) -> int | None:
    """Where the headline is printed: the block that reads as it, else the first <h1>."""
    head = _norm(headline)
    if head:
        low, high = 0.7 * len(headline), 1.3 * len(headline) + 5
        for i, b in enumerate(blocks):
            if low <= len(b.text) <= high and _norm(b.text) == head:
                return i
    return next((i for i, b in enumerate(blocks) if b.tag == "h1"), None)


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().lower()


@dataclass
class _Holders:
    """Per holding element (elements as keys: lxml hands out one proxy per node while a
    reference lives, so an id() of a proxy nobody holds may be recycled for another node)."""

    of_block: list[HtmlElement]
    text: dict[HtmlElement, float]
    count: dict[HtmlElement, int]
    good: dict[HtmlElement, float]
    links: dict[HtmlElement, float]
    linked: dict[HtmlElement, float]  # link characters of link lists


def _holders(blocks: list[Block], weights: list[int], density: list[float]) -> _Holders:
    found = _Holders([_holder(b) for b in blocks], {}, {}, {}, {}, {})
    for b, key, weight, links in zip(blocks, found.of_block, weights, density, strict=True):
        found.text[key] = found.text.get(key, 0.0) + weight
        found.count[key] = found.count.get(key, 0) + 1
        if _is_good(b, weight, links):
            found.good[key] = found.good.get(key, 0.0) + weight
        found.links[key] = found.links.get(key, 0.0) + b.link_chars
        if links > 0.5:
            found.linked[key] = found.linked.get(key, 0.0) + b.link_chars
    return found


def _container_columns(
    blocks: list[Block], holders: _Holders, weights: list[int], density: list[float]
) -> tuple[Matrix, HtmlElement | None]:
    """The _CONTAINER columns, and the best-voted element."""
    n = len(blocks)
    scores = vote(blocks, holders.of_block, weights, density)
    best = max(scores, key=lambda el: scores[el]) if scores else None
    inside: set[HtmlElement] = set(best.iter()) if best is not None else set()
    container = (
        widen(best, holders.text, holders.good, holders.linked) if best is not None else None
    )
    wide: set[HtmlElement] = set(container.iter()) if container is not None else set()
    top_score = max(scores.values()) if scores else 1.0
    weight = np.array(weights, dtype=np.float64)
    total = max(1.0, float(weight.sum()))
    in_best = np.array([b.element in inside for b in blocks], dtype=np.float64)
    in_container = np.array([b.element in wide for b in blocks], dtype=np.float64)
    seen: dict[str, int] = {}
    for b in blocks:
        seen[b.text] = seen.get(b.text, 0) + 1
    columns = np.zeros((n, len(_CONTAINER)))
    columns[:, 0] = in_best
    columns[:, 1] = float((weight * in_best).sum()) / total
    columns[:, 2] = in_container
    columns[:, 3] = float((weight * in_container).sum()) / total
    for i, (b, h) in enumerate(zip(blocks, holders.of_block, strict=True)):
        text = holders.text[h]
        columns[i, 4] = math.log1p(holders.count[h])
        columns[i, 5] = holders.good.get(h, 0.0) / max(1.0, text)
        columns[i, 6] = holders.links[h] / max(1.0, text)
        columns[i, 7] = float(seen[b.text] > 1)
        columns[i, 8] = scores.get(h, 0.0) / top_score if h is not None else 0.0
        columns[i, 9] = text / total if h is not None else 0.0
    return columns, best


def _topicality(blocks: list[Block], central: Matrix) -> Matrix:
    """How much each block speaks of what the best container's paragraphs speak of: the
    share of its terms printed in two or more of those paragraphs besides itself."""
    block_terms = [terms(b.text[:1000]) for b in blocks]
    counts: dict[str, int] = {}
    for own, is_central in zip(block_terms, central, strict=True):
        if is_central > 0:
            for t in own:
                counts[t] = counts.get(t, 0) + 1
    topic = np.zeros(len(blocks))
    for i, own in enumerate(block_terms):
        if own:
            minus = 1 if central[i] > 0 else 0
            topic[i] = sum(1 for t in own if counts.get(t, 0) - minus >= 2) / len(own)
    return topic


def _page_columns(
    blocks: list[Block], weights: list[int], at: int | None, topic: Matrix, kind: PageKind
) -> Matrix:
    """The _PAGE columns: where a block stands, and what the page is."""
    n = len(blocks)
    idx = np.arange(n, dtype=np.float64)
    weight = np.array(weights, dtype=np.float64)
    total = max(1.0, float(weight.sum()))
    page = [
        float(kind.news),
        float(kind.article),
        float(kind.og_article),
        float(kind.dated),
        sum(b.link_chars for b in blocks) / total,
        math.log1p(total),
        math.log1p(sum(1 for b in blocks if b.tag in _HEADINGS)),
    ]
    columns = np.zeros((n, len(_PAGE)))
    columns[:, 0] = idx / max(1, n - 1)
    columns[:, 1] = (np.cumsum(weight) - weight) / total
    columns[:, 2] = np.clip(idx - at, -50, 50) if at is not None else 99.0
    columns[:, 3] = (idx > at) if at is not None else -1.0
    columns[:, 4] = topic
    columns[:, 5] = math.log1p(n)
    columns[:, 6:] = page
    return columns


def _neighbours(source: Matrix) -> list[Matrix]:
    """Each block's neighbours' columns, two before and two after (-1 past the page's ends)."""
    n = source.shape[0]
    shifted_all = []
    for offset in _OFFSETS:
        shifted = np.full((n, source.shape[1]), -1.0)
        if offset < 0:
            shifted[-offset:] = source[: n + offset]
        else:
            shifted[: n - offset] = source[offset:]
        shifted_all.append(shifted)
    return shifted_all


def block_features(
    blocks: list[Block], headline: str, kind: PageKind | None = None
) -> PageFeatures:
    """The body model's rows, one per block (BLOCK_FEATURES)."""
    kind = kind or PageKind()
    n = len(blocks)
    if n == 0:
        return PageFeatures(blocks, np.zeros((0, len(BLOCK_FEATURES))), None)
    weights = [_weight(b.text) for b in blocks]
    density = [b.link_chars / max(1, len(b.text)) for b in blocks]
    text_rows = np.array([_text_signals(b.text) for b in blocks], dtype=np.float64)
    text_rows[:, 2] = density
    tag_rows = np.zeros((n, _N_TAG))
    tag_rows[np.arange(n), [_TAG_INDEX.get(b.tag, _N_TAG - 1) for b in blocks]] = 1.0
    bits = np.array([b.flags for b in blocks], dtype=np.int64)
    flag_rows = ((bits[:, None] >> np.arange(_N_FLAGS)) & 1).astype(np.float64)
    up_rows = np.array([b.distances for b in blocks], dtype=np.float64)
    ends = text_rows[:, _TEXT.index("end_marker")]
    container, best = _container_columns(
        blocks, _holders(blocks, weights, density), weights, density
    )
    central = ((container[:, 0] > 0) & (np.array(weights) >= 80)).astype(np.float64)
    page = _page_columns(
        blocks, weights, headline_block(blocks, headline), _topicality(blocks, central), kind
    )
    depth = np.array([min(b.depth, 40) for b in blocks], dtype=np.float64)
    neighbour_source = np.column_stack(
        [text_rows[:, 0], text_rows[:, 2], text_rows[:, 3], tag_rows[:, 0], container[:, 0]]
    )
    rows = np.hstack(
        [
            text_rows,
            tag_rows,
            depth[:, None],
            flag_rows,
            up_rows,
            np.minimum(np.cumsum(ends) - ends, 3)[:, None],
            container,
            page,
            *_neighbours(neighbour_source),
        ]
    )
    return PageFeatures(blocks, rows, best)
