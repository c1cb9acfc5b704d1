"""Site profiles: per-publisher knowledge, one small module each, registered here in one place.

A profile says how to recognise its publisher's pages when no URL comes with them, and holds only
what differs from the generic parsers. Built-in and third-party profiles take the same road:
`register(profile)`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache


@dataclass(frozen=True)
class SiteProfile:
    name: str
    domains: tuple[str, ...]
    # Patterns that identify a capture of this site when no URL is given.
    text_signatures: tuple[re.Pattern[str], ...] = field(default=())
    # HTML: the element that holds the article body, and furniture inside it the generic rules
    # would keep (XPath). Either may be None: the generic path then decides.
    body_xpath: str | None = None
    drop_xpath: str | None = None
    # Text captures: lines of the site's own interface (players, font controls, tickers),
    # dropped before a capture is read. Whole-line patterns.
    furniture: tuple[re.Pattern[str], ...] = field(default=())
    # A portal republishes other outlets' articles: the source is the outlet a capture names.
    portal: bool = False
    # A publishing group's titles share its system, not a name: a page's source is its own
    # domain, and a capture without an address is the group's (no domain).
    group: bool = False

    def is_furniture(self, line: str) -> bool:
        return any(pattern.fullmatch(line) for pattern in self.furniture)

    def matches_text(self, text: str) -> bool:
        return any(sig.search(text) for sig in self.text_signatures)


_REGISTRY: list[SiteProfile] = []


def register(profile: SiteProfile) -> SiteProfile:
    _REGISTRY.append(profile)
    for_text.cache_clear()
    return profile


def profiles() -> tuple[SiteProfile, ...]:
    _load_builtin()
    return tuple(_REGISTRY)


def for_domain(domain: str) -> SiteProfile | None:
    return next((p for p in profiles() if domain in p.domains), None)


@lru_cache(maxsize=2)  # asked twice of each text: by the parser, then for its source
def for_text(text: str) -> SiteProfile | None:
    head = text[:20000]
    return next((p for p in profiles() if p.matches_text(head)), None)


_loaded = False


def _load_builtin() -> None:
    global _loaded
    if _loaded:
        return
    _loaded = True
    from . import daum, donga, joongang, kbs, postmedia  # noqa: F401  (each registers itself)
