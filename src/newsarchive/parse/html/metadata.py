"""Metadata from structure: JSON-LD, OpenGraph and article:* tags, <meta name=...>, <time>,
canonical and alternate links, <html lang>. Visible markup comes after, in the extractor.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ..dates import Stamp, find_dates
from .dom import HtmlElement, text_content
from .dom import clean_space as _clean_space


def clean_space(text: str | None) -> str:
    """Whitespace collapsed and HTML entities decoded (JSON-LD and meta values often keep them)."""
    return _clean_space(html.unescape(text or "").replace("\u00ad", "").replace("\u200b", ""))


_ARTICLE_TYPES = {
    "newsarticle",
    "article",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "blogposting",
    "opinionnewsarticle",
    "reviewnewsarticle",
    "backgroundnewsarticle",
    "socialmediaposting",
    "liveblogposting",
    "report",
    "techarticle",
    "scholarlyarticle",
    "posting",
    "webpage",
    "askpublicnewsarticle",
    "satiricalarticle",
    "creativework",
    "medicalwebpage",
    "videoobject",
}
_PREFERRED_TYPES = (
    "newsarticle",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "article",
    "blogposting",
    "reviewnewsarticle",
    "backgroundnewsarticle",
    "liveblogposting",
)


@dataclass
class PageMeta:
    headline: str | None = None
    title: str | None = None  # <title>
    og_title: str | None = None
    twitter_title: str | None = None
    description: str | None = None
    published: Stamp | None = None
    modified: Stamp | None = None
    # Every machine-readable date the metadata gives, with where it came from
    # ("ld_published", "ld_created", "ld_modified", "meta_published", "meta_modified").
    dates: list[tuple[str, Stamp]] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    author_source: str | None = None
    meta_authors: list[str] = field(default_factory=list)  # from <meta> tags, even beside JSON-LD
    site_name: str | None = None
    canonical: str | None = None
    ld_url: str | None = None  # JSON-LD's address of the article
    ld_publisher: str | None = None  # JSON-LD's name of its publisher
    lang: str | None = None
    locale: str | None = None  # the language as declared, region and all ("en-GB")
    translations: list[str] = field(default_factory=list)
    article_body: str | None = None
    ld_types: list[str] = field(default_factory=list)
    og_type: str | None = None


def parse_iso(value: str | None) -> Stamp | None:
    """A machine-readable date (ISO 8601 and the looser forms metadata uses)."""
    if not value or not isinstance(value, str):
        return None
    raw = value.strip()
    candidate = raw.replace(" ", "T", 1) if re.match(r"^\d{4}-\d{2}-\d{2} \d", raw) else raw
    candidate = re.sub(r"(\.\d+)?Z$", "+00:00", candidate)
    candidate = re.sub(r"([+-]\d{2})(\d{2})$", r"\1:\2", candidate)
    candidate = re.sub(r"\.\d+(?=[+-]|$)", "", candidate)
    try:
        moment = datetime.fromisoformat(candidate)
    except ValueError:
        found = find_dates(raw)
        return found[0].stamp if found else None
    if moment.year < 1990 or moment.year > 2100:
        return None
    has_time = "T" in candidate and len(candidate) > 10
    if not has_time:
        return Stamp(moment.year, moment.month, moment.day)
    offset = moment.utcoffset()
    return Stamp(
        moment.year,
        moment.month,
        moment.day,
        moment.hour,
        moment.minute,
        moment.second or None,
        int(offset.total_seconds() // 60) if offset is not None else None,
    )


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _types(item: dict[str, Any]) -> list[str]:
    return [str(t).lower() for t in _as_list(item.get("@type"))]


def _walk_ld(data: Any) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    stack = [data]
    while stack:
        cur = stack.pop()
        if isinstance(cur, list):
            stack.extend(reversed(cur))
        elif isinstance(cur, dict):
            items.append(cur)
            if "@graph" in cur:
                stack.append(cur["@graph"])
            main = cur.get("mainEntity")
            if isinstance(main, dict | list):
                stack.append(main)
    return items


def _load_json(text: str) -> Any:
    text = text.strip().removeprefix("<!--").removesuffix("-->").strip()
    text = re.sub(r"^/\*.*?\*/", "", text, flags=re.S).strip().rstrip(";")
    try:
        return json.loads(text)
    except ValueError:
        try:
            return json.loads(re.sub(r"[\x00-\x1f]", " ", text))
        except ValueError:
            return None


def _ld_article(root: HtmlElement) -> tuple[dict[str, Any] | None, list[str]]:
    found: list[dict[str, Any]] = []
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        data = _load_json(script.text or "")
        if data is None:
            continue
        found.extend(i for i in _walk_ld(data) if set(_types(i)) & _ARTICLE_TYPES)
    all_types = [t for i in found for t in _types(i)]
    for preferred in _PREFERRED_TYPES:
        for item in found:
            if preferred in _types(item) and (item.get("headline") or item.get("datePublished")):
                return item, all_types
    for item in found:
        if item.get("headline") or item.get("datePublished"):
            return item, all_types
    return None, all_types


def _person_names(value: Any) -> list[str]:
    names: list[str] = []
    for entry in _as_list(value):
        if isinstance(entry, str):
            names.append(entry)
        elif isinstance(entry, dict):
            kinds = _types(entry)
            if kinds and "person" not in kinds:
                continue  # an Organization is not an author
            name = entry.get("name")
            if isinstance(name, list):
                name = " ".join(str(n) for n in name)
            if isinstance(name, str):
                names.append(name)
            elif entry.get("givenName") or entry.get("familyName"):
                names.append(f"{entry.get('givenName', '')} {entry.get('familyName', '')}")
    return [clean_space(n) for n in names if clean_space(n)]


def _meta_map(root: HtmlElement) -> dict[str, list[str]]:
    metas: dict[str, list[str]] = {}
    for meta in root.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip()
        content = meta.get("content")
        if key and content is not None:
            metas.setdefault(key.lower(), []).append(content.strip())
    return metas


def _first(metas: dict[str, list[str]], *keys: str) -> str | None:
    for key in keys:
        for value in metas.get(key, []):
            if value:
                return value
    return None


_PUBLISHED_KEYS = (
    "article:published_time",
    "og:article:published_time",
    "article:published",
    "published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "date",
    "dc.date.issued",
    "dc.date",
    "dcterms.date",
    "dcterms.created",
    "dc.date.created",
    "sailthru.date",
    "parsely-pub-date",
    "article.published",
    "article_date_original",
    "original-publish-date",
    "cxenseparse:recs:publishtime",
    "rnews:datepublished",
    "og:published_time",
    "release_date",
    "created",
    "date.available",
    "publication_date",
    "ptime",
    "datecreated",
    "article:post_date",
    "displaydate",
    "dc.created",
)
_MODIFIED_KEYS = (
    "article:modified_time",
    "og:updated_time",
    "article:modified",
    "modified_time",
    "datemodified",
    "lastmod",
    "last-modified",
    "dcterms.modified",
    "dc.date.modified",
    "utime",
    "article.updated",
    "og:article:modified_time",
    "updated_time",
)
# Date tags the lists above do not name, found by the words their names are made of
# ("published-date", "post_created"): tried after the listed names.
_PUBLISHED_NAME = re.compile(r"publish|posted|issued|release|created|pubdate")
_MODIFIED_NAME = re.compile(r"modif|updat|lastmod|revis")


def _named_date(
    metas: dict[str, list[str]], name: re.Pattern[str], unless: re.Pattern[str] | None = None
) -> str | None:
    for key, values in metas.items():
        if name.search(key) and not (unless and unless.search(key)):
            for value in values:
                if re.search(r"\d{4}", value):
                    return value
    return None


_AUTHOR_KEYS = (
    "author",
    "article:author",
    "dc.creator",
    "dcterms.creator",
    "sailthru.author",
    "parsely-author",
    "byl",
    "cxenseparse:author",
    "article:author_name",
    "citation_author",
    "og:article:author",
    "twitter:creator",
)


def _ld_address(value: Any) -> str | None:
    """An article's absolute http(s) address given as a string or as an object's @id or url."""
    if isinstance(value, dict):
        value = value.get("@id") or value.get("url")
    # An article's own: a site's home page ("https://site.example/") is every article's.
    if isinstance(value, str) and re.match(r"https?://[^/\s]+\.[^/\s]+/[^?#\s]", value.strip()):
        return value.strip()
    return None


def _read_ld(meta: PageMeta, article: dict[str, Any]) -> None:
    """The article's JSON-LD: headline, dates, authors (people only), description, body."""
    headline = article.get("headline") or article.get("name")
    if isinstance(headline, str):
        meta.headline = clean_space(headline)
    for source, key in (
        ("ld_published", "datePublished"),
        ("ld_created", "dateCreated"),
        ("ld_modified", "dateModified"),
    ):
        stamp = parse_iso(article.get(key))
        if stamp is not None:
            meta.dates.append((source, stamp))
    meta.published = parse_iso(article.get("datePublished")) or parse_iso(
        article.get("dateCreated")
    )
    meta.modified = parse_iso(article.get("dateModified"))
    names = _person_names(article.get("author")) or _person_names(article.get("creator"))
    if names:
        meta.authors, meta.author_source = names, "json-ld"
    description = article.get("description")
    if isinstance(description, str):
        meta.description = clean_space(description)
    # The article's own address and its publisher's name, for pages without a canonical
    # link or og:site_name (read after, and preferred when present).
    meta.ld_url = _ld_address(article.get("url")) or _ld_address(article.get("mainEntityOfPage"))
    publisher = article.get("publisher")
    if isinstance(publisher, list):
        publisher = publisher[0] if publisher else None
    name = publisher.get("name") if isinstance(publisher, dict) else None
    meta.ld_publisher = clean_space(name) if isinstance(name, str) else None
    body = article.get("articleBody")
    if isinstance(body, str) and body.strip():
        meta.article_body = body


def _read_meta_tags(meta: PageMeta, metas: dict[str, list[str]]) -> None:
    """OpenGraph, Twitter, article:* and Dublin Core tags, after JSON-LD."""
    meta.og_title = clean_space(_first(metas, "og:title", "twitter:title")) or None
    meta.twitter_title = clean_space(_first(metas, "twitter:title")) or None
    meta.description = (
        meta.description
        or clean_space(_first(metas, "og:description", "description", "twitter:description"))
        or None
    )
    meta.site_name = _first(metas, "og:site_name", "application-name") or meta.ld_publisher
    meta.og_type = (_first(metas, "og:type") or "").lower() or None
    meta_published = parse_iso(
        _first(metas, *_PUBLISHED_KEYS) or _named_date(metas, _PUBLISHED_NAME, _MODIFIED_NAME)
    )
    meta_modified = parse_iso(_first(metas, *_MODIFIED_KEYS) or _named_date(metas, _MODIFIED_NAME))
    if meta_published is not None:
        meta.dates.append(("meta_published", meta_published))
    if meta_modified is not None:
        meta.dates.append(("meta_modified", meta_modified))
    meta.published = meta.published or meta_published
    meta.modified = meta.modified or meta_modified
    for key in _AUTHOR_KEYS:
        values = [v for v in metas.get(key, []) if v and not v.startswith(("http", "@"))]
        if values:
            meta.meta_authors = values
            break
    if not meta.authors and meta.meta_authors:
        meta.authors, meta.author_source = meta.meta_authors, "meta"


def _read_links(meta: PageMeta, root: HtmlElement, metas: dict[str, list[str]]) -> None:
    """The canonical address, other-language editions (hreflang) and the page's language."""
    for link in root.iter("link"):
        rel = (link.get("rel") or "").lower()
        href = link.get("href")
        if rel == "canonical" and href and not meta.canonical:
            meta.canonical = href.strip()
        if "alternate" in rel and link.get("hreflang"):
            tag = link.get("hreflang").strip().split("-")[0].lower()
            if tag and tag != "x" and tag not in meta.translations:
                meta.translations.append(tag)
    if meta.canonical is None:
        meta.canonical = _first(metas, "og:url") or meta.ld_url
    lang = (
        root.get("lang")
        or root.get("xml:lang")
        or _first(metas, "og:locale", "content-language", "language", "dc.language")
    )
    if lang:
        meta.locale = lang.strip()
        tag = re.split(r"[-_]", lang.strip())[0].lower()
        # <html lang="en"> and og:locale "en_GB": the region from the one that names it.
        og = _first(metas, "og:locale")
        if og and not re.search(r"[-_]", meta.locale) and og.lower().startswith(tag + "_"):
            meta.locale = og.strip()
        meta.lang = tag if re.fullmatch(r"[a-z]{2,3}", tag) else None


def read_metadata(root: HtmlElement) -> PageMeta:
    meta = PageMeta()
    metas = _meta_map(root)
    article, meta.ld_types = _ld_article(root)
    if article:
        _read_ld(meta, article)
    _read_meta_tags(meta, metas)
    title = root.find(".//title")
    if title is not None:
        meta.title = clean_space(text_content(title)) or None
    _read_links(meta, root, metas)
    return meta
