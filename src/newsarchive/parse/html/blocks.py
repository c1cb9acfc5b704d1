"""A page's text blocks and what the body model sees of each.

One walk over the tree (lxml's iterwalk, in C) cuts the page into blocks: each block-level
element's own inline text. The walk carries what the block's ancestors say: inside <article> or
<main>, inside a menu, a footer or a form, under an element whose class or id names furniture
("related", "sidebar", "comments") or content ("article-body"). Readability's vote (paragraphs
voting for the element that holds them) adds where the article's container probably is. The
features are trained on these names (scripts/train_html.py).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from lxml import etree

from .. import boilerplate as bp
from ..learned import Matrix
from ..lines import date_line, text_length
from ..names import read_byline
from ..text.signals import terms
from ..vocabulary import (
    CJK_CHAR,
    ELLIPSIS_END,
    FUNCTION_WORDS,
    READING_TIME,
    SENTENCE_END,
    SOCIAL_WORDS,
)
from .dom import HtmlElement, clean_space, drop_tree

_BLOCK_TAGS = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd", "dt", "div",
     "section", "article", "main", "header", "ul", "ol", "dl", "table", "tr", "tbody", "figure",
     "center", "address", "details", "summary", "form", "fieldset", "body", "hr", "aside",
     "nav", "footer", "figcaption", "caption"}
)  # fmt: skip
_CELL_TAGS = frozenset({"td", "th"})
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")

# Ancestor flags, one bit each: tags the block sits in, then what ancestors' class and id
# names say (generic words of page templates, in English mostly, as templates are written).
_CONTEXT_TAGS = ("article", "main", "header", "footer", "nav", "aside", "form", "li", "table",
                 "figure", "a", "blockquote")  # fmt: skip
_CLASS_KINDS: tuple[tuple[str, str], ...] = (
    ("comments", r"comment|disqus|respond|replies|discussion|coral"),
    (
        "related",
        r"related|recommend|outbrain|taboola|more-?stories|also-?read|see-?also"
        r"|further-?reading|read-?more|read-?next|up-?next|popular|trending|most-",
    ),
    ("share", r"share|sharing|social|follow"),
    ("subscribe", r"newsletter|subscri|signup|sign-up|paywall|register|login|cta"),
    ("bio", r"author-?bio|bio-?box|about-?the-?author|author-?info|author-?box|profile"),
    ("sidebar", r"sidebar|side-?bar|rail|aside|widget"),
    ("menu", r"menu|nav|breadcrumb|masthead|topbar|skip|pagination|pager"),
    ("footer", r"footer|copyright|disclaimer|legal"),
    ("promo", r"promo|advert|(?:^|[\s_-])ads?(?:$|[\s_-])|ad-|banner|sponsor|partner|affiliate"),
    ("tags", r"(?:^|[\s_-])tags?(?:$|[\s_-])|taglist|categor|topics"),
    ("caption", r"caption|credit|figcaption|media|gallery|image|photo|video|embed"),
    ("meta", r"byline|author|dateline|timestamp|date|meta|info"),
    ("consent", r"cookie|consent|gdpr|privacy|modal|popup|overlay"),
    ("toc", r"(?:^|[\s_-])toc(?:$|[\s_-])|table-?of-?contents|jump-?link"),
    ("hidden_class", r"hidden|sr-only|screen-reader|visually-hidden|d-none|invisible"),
    (
        "content",
        r"article|story|(?:post|entry|main|page|body)-?(?:content|body|text)"
        r"|(?:content|body|text)-?(?:body|main)|(?:^|[\s_-])(?:main|content|body|prose|markdown"
        r"|rich-?text)(?:$|[\s_-])",
    ),
)
_TAG_BIT = {tag: 1 << i for i, tag in enumerate(_CONTEXT_TAGS)}
_KIND_BIT = {kind: 1 << (len(_CONTEXT_TAGS) + i) for i, (kind, _) in enumerate(_CLASS_KINDS)}
_KIND_PATTERNS = [(re.compile(pattern), _KIND_BIT[kind]) for kind, pattern in _CLASS_KINDS]
_HIDDEN = 1 << (len(_CONTEXT_TAGS) + len(_CLASS_KINDS))
_FLAG_NAMES = (*(f"in_{t}" for t in _CONTEXT_TAGS), *(f"class_{k}" for k, _ in _CLASS_KINDS),
               "hidden")  # fmt: skip


@lru_cache(maxsize=8192)
def class_flags(classes: str) -> int:
    """What an element's class and id names say it holds."""
    flags = 0
    if classes.strip():
        for pattern, bit in _KIND_PATTERNS:
            if pattern.search(classes):
                flags |= bit
    return flags


# Never text: code, styles, embedded media.
_CODE_TAGS = ("script", "style", "noscript", "iframe", "template", "object", "embed", "video",
              "audio", "canvas", "math", "map", "link", "meta")  # fmt: skip
# Controls and drawings: dropped when small. A page whose markup leaves one open (an unclosed
# <button> or <svg> in the header) gets the rest of the page nested inside it by the parser.
_CONTROL_TAGS = ("button", "input", "select", "option", "textarea", "label", "dialog", "svg",
                 "picture")  # fmt: skip
_SMALL = 300  # characters of text
_ARTICLE_INSIDE = etree.XPath("boolean(.//article | .//main | .//h1)")
_FAR = 30  # levels: no ancestor of that kind


def strip_code(root: HtmlElement) -> None:
    """Remove the head, scripts, styles, media, and small controls: nothing there is read."""
    head = root.find("head")
    if head is not None:
        root.remove(head)
    for el in list(root.iter(*_CODE_TAGS)):
        if el.getparent() is not None:
            drop_tree(el)
    for el in list(root.iter(*_CONTROL_TAGS)):
        if el.getparent() is not None and len("".join(el.itertext()).strip()) < _SMALL:
            drop_tree(el)
    # Menus and footers: on the dev set's pages, 3% of the text in a <nav> and none in a
    # <footer> is article. Dropped whole, unless they hold the article itself.
    for el in list(root.iter("nav", "footer")):
        if el.getparent() is not None and _ARTICLE_INSIDE(el) is False:
            drop_tree(el)


def _hidden(el: HtmlElement) -> bool:
    style = el.get("style")
    if style and ("none" in style or "hidden" in style):
        compact = style.replace(" ", "").lower()
        if "display:none" in compact or "visibility:hidden" in compact:
            return True
    return el.get("hidden") is not None or el.get("aria-hidden") == "true"


@dataclass
class Block:
    text: str
    tag: str
    link_chars: int
    element: HtmlElement
    flags: int  # what its ancestors say (bits above)
    depth: int
    # For each kind of class name, how many levels up the nearest element that has it is.
    distances: tuple[int, ...] = ()

    @property
    def link_density(self) -> float:
        return self.link_chars / max(1, len(self.text))


def page_blocks(root: HtmlElement) -> list[Block]:
    """The text blocks of the page's body, in document order (call after strip_code)."""
    body = root.find("body")
    scope = body if body is not None else root
    blocks: list[Block] = []
    parts: list[str] = []
    links = 0
    owners: list[HtmlElement] = [scope]
    tags: list[str] = [scope.tag if isinstance(scope.tag, str) else "div"]
    flag_stack: list[int] = [0]
    own_stack: list[int] = [0]  # each open element's own flags
    kinds = len(_CLASS_KINDS)
    nearest = [-_FAR] * kinds  # depth of the nearest open element of each kind
    restore: list[list[tuple[int, int]]] = [[]]

    def flush() -> None:
        nonlocal parts, links
        if parts:
            raw = "".join(parts)
            if not raw.isspace():
                if "\n" in raw:  # one <br> is a soft wrap; two or more separate paragraphs
                    chunks = (clean_space(c) for c in _PARAGRAPH_BREAK.split(raw))
                    text = "\n".join(c for c in chunks if c)
                else:
                    text = clean_space(raw)
                if text:
                    depth = len(flag_stack)
                    distances = tuple(min(_FAR, depth - d) for d in nearest)
                    blocks.append(
                        Block(text, tags[-1], links, owners[-1], flag_stack[-1], depth, distances)
                    )
        parts, links = [], 0

    for event, el in etree.iterwalk(scope, events=("start", "end")):
        tag = el.tag
        if not isinstance(tag, str):
            if event == "end" and el.tail:
                parts.append(el.tail)
            continue
        in_link = flag_stack[-1] & _TAG_BIT["a"]
        if event == "start":
            own = _TAG_BIT.get(tag, 0)
            classes = el.get("class")
            ident = el.get("id")
            if classes or ident:
                own |= class_flags(f"{classes or ''} {ident or ''}".lower())
            if (el.get("style") or el.get("hidden") is not None or el.get("aria-hidden")) and (
                _hidden(el)
            ):
                own |= _HIDDEN
            flags = flag_stack[-1] | own
            if tag in _BLOCK_TAGS:
                flush()
                owners.append(el)
                tags.append(tag)
            flag_stack.append(flags)
            own_stack.append(own)
            changed: list[tuple[int, int]] = []
            kind_bits = own >> len(_CONTEXT_TAGS)
            if kind_bits:
                for k in range(kinds):
                    if kind_bits >> k & 1:
                        changed.append((k, nearest[k]))
                        nearest[k] = len(flag_stack)
            restore.append(changed)
            if el.text:
                parts.append(el.text)
                if flags & _TAG_BIT["a"]:
                    links += len(el.text.strip())
            continue
        flag_stack.pop()
        own_stack.pop()
        for k, previous in restore.pop():
            nearest[k] = previous
        if tag in _BLOCK_TAGS:
            flush()
            owners.pop()
            tags.pop()
        elif tag == "br":
            parts.append("\n")
        elif tag in _CELL_TAGS:
            parts.append(" ")
        if el.tail and el is not scope:
            parts.append(el.tail)
            if in_link and flag_stack[-1] & _TAG_BIT["a"]:
                links += len(el.tail.strip())
    flush()
    return blocks


_PARAGRAPH_TAGS = frozenset({"p", "pre", "blockquote", "li", "tr", "dd", "dt"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


def _weight(text: str) -> int:
    return text_length(text) + len(CJK_CHAR.findall(text))


def _holder(block: Block) -> HtmlElement:
    return block.element.getparent() if block.tag in _PARAGRAPH_TAGS else block.element


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
BLOCK_FEATURES = (
    *_TEXT,
    *(f"tag_{t}" for t in _TAGS),
    "tag_other",
    "depth",
    *_FLAG_NAMES,
    *(f"up_{k}" for k, _ in _CLASS_KINDS),
    "ends_above",
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
    *(f"{n}_{o:+d}" for o in _OFFSETS for n in _NEIGHBOUR),
)
_BULLET = re.compile(r"^(?:[•·*▶■▷►◆●○–—-]\s|\d{1,2}[.)]\s)")
_INNER_SENTENCE = re.compile(r"[.!?。！？](?:\s|$)")


_STRIP = ".,;:!?\"'()“”‘’"


@lru_cache(maxsize=16384)
def _text_signals(s: str) -> tuple[float, ...]:
    n = len(s)
    tokens = s.split()
    n_words = max(1, len(tokens))
    head = s[:200]
    n_head = max(1, len(head))
    n_letters = max(1, sum(map(str.isalpha, head)))
    digits = sum(map(str.isdigit, head))
    short = n <= 200
    first = tokens[:80]
    function = sum(1 for t in first if t.lower().strip(_STRIP) in FUNCTION_WORDS)
    capitals = sum(1 for t in first if t[:1].isupper())
    # The regular expressions run only where they can say yes: on short blocks, mostly.
    return (
        math.log1p(n),
        math.log1p(len(tokens)),
        0.0,  # link density: set per block
        float(bool(SENTENCE_END.search(s[-8:]))),
        float(s.endswith((":", "："))),
        s.count(",") / n_words,
        digits / n_head,
        sum(map(str.isupper, head)) / n_letters,
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
        len(CJK_CHAR.findall(head)) / n_head,
        float(min(10, s.count("\n"))),
        function / max(1, len(first)),
        math.log1p(function),
    )


_TAG_INDEX = {t: i for i, t in enumerate(_TAGS)}
_N_TEXT = len(_TEXT)
_N_TAG = len(_TAGS) + 1
_N_FLAGS = len(_FLAG_NAMES)


@dataclass
class PageFeatures:
    blocks: list[Block]
    rows: Matrix
    best: HtmlElement | None  # the element the vote likes best


@dataclass(frozen=True)
class PageKind:
    """What the page says of itself: the kind its metadata declares."""

    news: bool = False  # JSON-LD NewsArticle and kin
    article: bool = False  # JSON-LD Article, BlogPosting and kin
    og_article: bool = False
    dated: bool = False  # a publication date in metadata


def block_features(
    blocks: list[Block], headline: str, kind: PageKind | None = None
) -> PageFeatures:
    kind = kind or PageKind()
    n = len(blocks)
    if n == 0:
        return PageFeatures(blocks, np.zeros((0, len(BLOCK_FEATURES))), None)
    holders = [_holder(b) for b in blocks]
    weight_list = [_weight(b.text) for b in blocks]
    density = [b.link_chars / max(1, len(b.text)) for b in blocks]
    good = [_is_good(b, w, d) for b, w, d in zip(blocks, weight_list, density, strict=True)]
    # Elements themselves as keys: lxml hands out one proxy per node while a reference lives,
    # so an id() of a proxy nobody holds may be recycled for another node.
    holder_text: dict[HtmlElement, float] = {}
    holder_count: dict[HtmlElement, int] = {}
    holder_good: dict[HtmlElement, float] = {}
    holder_links: dict[HtmlElement, float] = {}
    holder_linked: dict[HtmlElement, float] = {}
    for b, key, weight, links, is_good in zip(
        blocks, holders, weight_list, density, good, strict=True
    ):
        holder_text[key] = holder_text.get(key, 0.0) + weight
        holder_count[key] = holder_count.get(key, 0) + 1
        if is_good:
            holder_good[key] = holder_good.get(key, 0.0) + weight
        holder_links[key] = holder_links.get(key, 0.0) + b.link_chars
        if links > 0.5:
            holder_linked[key] = holder_linked.get(key, 0.0) + b.link_chars
    scores = vote(blocks, holders, weight_list, density)
    best = max(scores, key=lambda el: scores[el]) if scores else None
    inside: set[HtmlElement] = set(best.iter()) if best is not None else set()
    container = widen(best, holder_text, holder_good, holder_linked) if best is not None else None
    wide: set[HtmlElement] = set(container.iter()) if container is not None else set()
    top_score = max(scores.values()) if scores else 1.0
    text_rows = np.array([_text_signals(b.text) for b in blocks], dtype=np.float64)
    text_rows[:, 2] = density
    tag_rows = np.zeros((n, _N_TAG))
    tag_rows[np.arange(n), [_TAG_INDEX.get(b.tag, _N_TAG - 1) for b in blocks]] = 1.0
    bits = np.array([b.flags for b in blocks], dtype=np.int64)
    flag_rows = ((bits[:, None] >> np.arange(_N_FLAGS)) & 1).astype(np.float64)
    near_rows = np.array([b.distances for b in blocks], dtype=np.float64)
    weights = np.array(weight_list, dtype=np.float64)
    in_best = np.array([b.element in inside for b in blocks], dtype=np.float64)
    holder_vote = np.array(
        [scores.get(h, 0.0) / top_score if h is not None else 0.0 for h in holders]
    )
    total = max(1.0, float(weights.sum()))
    best_share = float((weights * in_best).sum()) / total
    in_container = np.array([b.element in wide for b in blocks], dtype=np.float64)
    container_share = float((weights * in_container).sum()) / total
    holder_share = np.array([holder_text[h] / total if h is not None else 0.0 for h in holders])
    siblings = np.array(
        [
            (
                math.log1p(holder_count[h]),
                holder_good.get(h, 0.0) / max(1.0, holder_text[h]),
                holder_links[h] / max(1.0, holder_text[h]),
            )
            for h in holders
        ]
    )
    seen: dict[str, int] = {}
    for b in blocks:
        seen[b.text] = seen.get(b.text, 0) + 1
    twice = np.array([float(seen[b.text] > 1) for b in blocks])
    idx = np.arange(n, dtype=np.float64)
    at = headline_block(blocks, headline)
    block_terms = [terms(b.text[:1000]) for b in blocks]
    central = (in_best > 0) & (weights >= 80)
    best_terms: dict[str, int] = {}
    for own, is_central in zip(block_terms, central, strict=True):
        if is_central:
            for t in own:
                best_terms[t] = best_terms.get(t, 0) + 1
    topic = np.zeros(n)
    for i, own in enumerate(block_terms):
        if own:
            minus = 1 if central[i] else 0
            topic[i] = sum(1 for t in own if best_terms.get(t, 0) - minus >= 2) / len(own)
    ends = text_rows[:, _TEXT.index("end_marker")]
    context = np.column_stack(
        [
            np.array([min(b.depth, 40) for b in blocks], dtype=np.float64),
            flag_rows,
            near_rows,
            np.minimum(np.cumsum(ends) - ends, 3),
            in_best,
            np.full(n, best_share),
            in_container,
            np.full(n, container_share),
            siblings,
            twice,
            holder_vote,
            holder_share,
            idx / max(1, n - 1),
            (np.cumsum(weights) - weights) / total,
            np.clip(idx - at, -50, 50) if at is not None else np.full(n, 99.0),
            (idx > at).astype(np.float64) if at is not None else np.full(n, -1.0),
            topic,
            np.full(n, math.log1p(n)),
            np.full(n, float(kind.news)),
            np.full(n, float(kind.article)),
            np.full(n, float(kind.og_article)),
            np.full(n, float(kind.dated)),
            np.full(n, sum(b.link_chars for b in blocks) / total),
            np.full(n, math.log1p(total)),
            np.full(n, math.log1p(sum(1 for b in blocks if b.tag in _HEADINGS))),
        ]
    )
    neighbour_src = np.column_stack(
        [text_rows[:, 0], text_rows[:, 2], text_rows[:, 3], tag_rows[:, 0], in_best]
    )
    shifted_all = []
    for offset in _OFFSETS:
        shifted = np.full((n, len(_NEIGHBOUR)), -1.0)
        if offset < 0:
            shifted[-offset:] = neighbour_src[: n + offset]
        else:
            shifted[: n - offset] = neighbour_src[offset:]
        shifted_all.append(shifted)
    rows = np.hstack([text_rows, tag_rows, context, *shifted_all])
    return PageFeatures(blocks, rows, best)


def _is_good(block: Block, weight: int, links: float) -> bool:
    return (
        weight >= 25
        and block.tag not in _HEADINGS
        and links < 0.5
        and (weight >= 80 or bool(SENTENCE_END.search(block.text[-8:])))
    )


def widen(
    core: HtmlElement,
    holder_total: dict[HtmlElement, float],
    holder_good: dict[HtmlElement, float],
    holder_linked: dict[HtmlElement, float],
) -> HtmlElement:
    """The best-voted element widened while its parent adds mostly prose, not link lists: the
    article's whole container (lead, headings and all), not only its densest paragraphs."""
    good: dict[HtmlElement, float] = {}
    total: dict[HtmlElement, float] = {}
    linked: dict[HtmlElement, float] = {}
    for holder, amount in holder_total.items():
        el = holder
        while el is not None:
            total[el] = total.get(el, 0.0) + amount
            el = el.getparent()
    for source, target in ((holder_good, good), (holder_linked, linked)):
        for holder, amount in source.items():
            el = holder
            while el is not None:
                target[el] = target.get(el, 0.0) + amount
                el = el.getparent()
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
