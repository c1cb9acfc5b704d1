"""Publishers we know by domain: their names and the time zone their pages print.

This is data, not logic: adding a publisher is adding a line. A domain we do not list still gets
a source (named by its domain) and, where its country-code TLD has one time zone, that zone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit, urlunsplit
from zoneinfo import ZoneInfo

from ..record import Source


@dataclass(frozen=True)
class Publisher:
    name: str
    domain: str
    zone: str | None = None
    # The names it also goes by, in its own language: `--source 동아일보` finds its records.
    also: tuple[str, ...] = ()


SEOUL = "Asia/Seoul"

PUBLISHERS: tuple[Publisher, ...] = (
    Publisher("The Dong-A Ilbo", "donga.com", SEOUL, ("동아일보",)),
    Publisher("The Chosun Ilbo", "chosun.com", SEOUL, ("조선일보",)),
    Publisher("The Hankyoreh", "hani.co.kr", SEOUL, ("한겨레",)),
    Publisher("Korea JoongAng Daily", "joins.com", SEOUL, ("중앙일보",)),
    Publisher("JoongAng Ilbo", "joongang.co.kr", SEOUL, ("중앙일보",)),
    Publisher("The Korea Herald", "koreaherald.com", SEOUL, ("코리아헤럴드",)),
    Publisher("The Korea Herald", "heraldcorp.com", SEOUL, ("헤럴드경제",)),
    Publisher("The Korea Times", "koreatimes.co.kr", SEOUL, ("코리아타임스",)),
    Publisher("Yonhap News Agency", "yna.co.kr", SEOUL, ("연합뉴스",)),
    Publisher("Seoul Economic Daily", "sedaily.com", SEOUL, ("서울경제",)),
    Publisher("YTN", "ytn.co.kr", SEOUL, ("YTN 뉴스",)),
    Publisher("KBS", "kbs.co.kr", SEOUL, ("KBS 뉴스",)),
    Publisher("Daum News", "daum.net", SEOUL, ("다음 뉴스",)),
    Publisher("Naver News", "naver.com", SEOUL, ("네이버 뉴스",)),
    Publisher("The Kyunghyang Shinmun", "khan.co.kr", SEOUL, ("경향신문",)),
    Publisher("Maeil Business Newspaper", "mk.co.kr", SEOUL, ("매일경제",)),
    Publisher("The Korea Economic Daily", "hankyung.com", SEOUL, ("한국경제",)),
    Publisher("MBC", "imbc.com", SEOUL, ("문화방송",)),
    Publisher("SBS", "sbs.co.kr", SEOUL, ("SBS 뉴스",)),
    Publisher("NK News", "nknews.org", SEOUL),
    Publisher("Reuters", "reuters.com"),
    Publisher("Al Jazeera", "aljazeera.com"),
    Publisher("The Associated Press", "apnews.com"),
    Publisher("BBC", "bbc.co.uk", "Europe/London"),
    Publisher("BBC", "bbc.com", "Europe/London"),
    Publisher("The Guardian", "theguardian.com", "Europe/London"),
    Publisher("The New York Times", "nytimes.com", "America/New_York"),
    Publisher("The Washington Post", "washingtonpost.com", "America/New_York"),
    Publisher("The Japan Times", "japantimes.co.jp", "Asia/Tokyo"),
    Publisher("South China Morning Post", "scmp.com", "Asia/Hong_Kong"),
    # Postmedia's titles (one site profile, sites/postmedia.py).
    Publisher("National Post", "nationalpost.com", "America/Toronto"),
    Publisher("Financial Post", "financialpost.com", "America/Toronto"),
    Publisher("Ottawa Citizen", "ottawacitizen.com", "America/Toronto"),
    Publisher("Montreal Gazette", "montrealgazette.com", "America/Toronto"),
    Publisher("Vancouver Sun", "vancouversun.com", "America/Vancouver"),
    Publisher("The Province", "theprovince.com", "America/Vancouver"),
    Publisher("Calgary Herald", "calgaryherald.com", "America/Edmonton"),
    Publisher("Edmonton Journal", "edmontonjournal.com", "America/Edmonton"),
    Publisher("Regina Leader-Post", "leaderpost.com", "America/Regina"),
    Publisher("Saskatoon StarPhoenix", "thestarphoenix.com", "America/Regina"),
    Publisher("Windsor Star", "windsorstar.com", "America/Toronto"),
    Publisher("The London Free Press", "lfpress.com", "America/Toronto"),
    Publisher("Toronto Sun", "torontosun.com", "America/Toronto"),
    Publisher("Ottawa Sun", "ottawasun.com", "America/Toronto"),
    Publisher("Winnipeg Sun", "winnipegsun.com", "America/Winnipeg"),
    Publisher("Calgary Sun", "calgarysun.com", "America/Edmonton"),
    Publisher("Edmonton Sun", "edmontonsun.com", "America/Edmonton"),
)

# Country-code domains whose country keeps one civil time.
_TLD_ZONES = {
    "kr": SEOUL,
    "jp": "Asia/Tokyo",
    "cn": "Asia/Shanghai",
    "tw": "Asia/Taipei",
    "hk": "Asia/Hong_Kong",
    "sg": "Asia/Singapore",
    "in": "Asia/Kolkata",
    "de": "Europe/Berlin",
    "at": "Europe/Vienna",
    "ch": "Europe/Zurich",
    "fr": "Europe/Paris",
    "it": "Europe/Rome",
    "es": "Europe/Madrid",
    "nl": "Europe/Amsterdam",
    "be": "Europe/Brussels",
    "uk": "Europe/London",
    "ie": "Europe/Dublin",
    "dk": "Europe/Copenhagen",
    "se": "Europe/Stockholm",
    "no": "Europe/Oslo",
    "fi": "Europe/Helsinki",
    "pl": "Europe/Warsaw",
    "cz": "Europe/Prague",
    "hu": "Europe/Budapest",
    "gr": "Europe/Athens",
    "pt": "Europe/Lisbon",
    "tr": "Europe/Istanbul",
    "il": "Asia/Jerusalem",
    "za": "Africa/Johannesburg",
    "ng": "Africa/Lagos",
    "ke": "Africa/Nairobi",
    "eg": "Africa/Cairo",
    "ph": "Asia/Manila",
    "my": "Asia/Kuala_Lumpur",
    "th": "Asia/Bangkok",
    "vn": "Asia/Ho_Chi_Minh",
    "nz": "Pacific/Auckland",
    "ar": "America/Argentina/Buenos_Aires",
    "co": "America/Bogota",
    "pe": "America/Lima",
    "cl": "America/Santiago",
    "ve": "America/Caracas",
    "uy": "America/Montevideo",
    "ua": "Europe/Kyiv",
    "ro": "Europe/Bucharest",
    "bg": "Europe/Sofia",
    "sk": "Europe/Bratislava",
    "si": "Europe/Ljubljana",
    "hr": "Europe/Zagreb",
    "rs": "Europe/Belgrade",
    "ee": "Europe/Tallinn",
    "lv": "Europe/Riga",
    "lt": "Europe/Vilnius",
    "ir": "Asia/Tehran",
    "af": "Asia/Kabul",
    "pk": "Asia/Karachi",
    "bd": "Asia/Dhaka",
    "lk": "Asia/Colombo",
    "np": "Asia/Kathmandu",
    "sa": "Asia/Riyadh",
    "ae": "Asia/Dubai",
    "qa": "Asia/Qatar",
    "jo": "Asia/Amman",
    "lb": "Asia/Beirut",
    "iq": "Asia/Baghdad",
    "ma": "Africa/Casablanca",
    "tn": "Africa/Tunis",
    "gh": "Africa/Accra",
    "tz": "Africa/Dar_es_Salaam",
    "ug": "Africa/Kampala",
}

_BY_DOMAIN = {p.domain: p for p in PUBLISHERS}


_IPV4 = re.compile(r"\d{1,3}(?:\.\d{1,3}){3}")
# Hosts under which each subdomain is another owner's site: newsletter, blog and page
# platforms (as the public suffix list's private section has them, for the ones news is
# published on). citypolicy.substack.com is its own publisher, not substack.com.
PLATFORMS = frozenset(
    {
        "substack.com", "beehiiv.com", "ghost.io", "medium.com", "wordpress.com",
        "blogspot.com", "tumblr.com", "livejournal.com", "typepad.com", "wixsite.com",
        "weebly.com", "github.io", "gitlab.io", "netlify.app", "vercel.app", "pages.dev",
        "tistory.com", "hatenablog.com", "hatenablog.jp", "blog.fc2.com", "over-blog.com",
        "canalblog.com", "blogs.sapo.pt", "jimdofree.com", "squarespace.com",
    }
)  # fmt: skip


def registered_domain(host: str) -> str:
    """The publisher-level domain of a host: english.donga.com -> donga.com. An address given
    as an IP is its own (1.2.3.4 is not 3.4)."""
    host = host.lower().strip(".")
    if host.startswith("["):  # an IPv6 address: [2001:db8::1]:443
        return host[1:].split("]", 1)[0]
    if host.count(":") > 1:  # the same, as an address's hostname gives it
        return host
    host = host.split(":", 1)[0]
    if _IPV4.fullmatch(host):
        return host
    if host.startswith("www."):
        host = host[4:]
    labels = host.split(".")
    for i in range(len(labels) - 1):
        candidate = ".".join(labels[i:])
        if candidate in _BY_DOMAIN:
            return candidate
    for i in range(1, len(labels) - 1):
        # A site on a platform is its own (blogspot also under country domains).
        if ".".join(labels[i:]) in PLATFORMS or labels[i] == "blogspot":
            return ".".join(labels[i - 1 :])
    # Second-level public suffixes such as co.kr, co.uk, com.au keep three labels.
    if len(labels) >= 3 and labels[-2] in ("co", "com", "or", "ne", "ac", "go", "org", "net"):
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


# Query parameters that say how a reader arrived (ad platforms' and mailers' click tags), not
# which page: a saved link carries them, the page's own address does not.
_TRACKING = re.compile(
    r"utm_\w+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|igshid|mc_cid|mc_eid|_hsenc|_hsmi"
    r"|mkt_tok|_ga|_gl",
    re.IGNORECASE,
)


def clean_url(url: str) -> str:
    """The page's address without its fragment and its tracking parameters: two saves of a
    page, from a newsletter's link and from the site, give one address. Nothing else is
    changed (the parameters kept are as printed)."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url
    if parts.scheme not in ("http", "https"):
        return url
    query = parts.query
    if query and _TRACKING.search(query):
        pieces = query.split("&")  # as printed: no parameter is encoded again
        query = "&".join(p for p in pieces if not _TRACKING.fullmatch(p.split("=", 1)[0]))
    # A fragment names a place in the page ("#comments"), except where a page routes by it
    # ("#/story/12", "#!story/12"): then it is the page.
    fragment = parts.fragment if parts.fragment.startswith(("/", "!")) else ""
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, fragment))


def url_variants(url: str) -> list[str]:
    """The address as http and https, with and without "www.": one page, however saved."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return [url]
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return [url]
    bare = parts.netloc.lower().removeprefix("www.")
    hosts = [bare, "www." + bare]
    forms = [
        urlunsplit((scheme, host, parts.path, parts.query, parts.fragment))
        for scheme in ("https", "http")
        for host in hosts
    ]
    return list(dict.fromkeys([url, *forms]))  # the address as given, too


def host_of_url(url: str) -> str | None:
    """The address's host, lower-cased (None for an address that has none or cannot be read)."""
    try:
        return urlsplit(url).hostname
    except ValueError:
        return None


def domain_of_url(url: str) -> str | None:
    host = host_of_url(url)
    return registered_domain(host) if host else None


def publisher(domain: str) -> Publisher | None:
    return _BY_DOMAIN.get(domain)


def domains_named(name: str) -> list[str]:
    """The domains of the known publishers a name is one of the names of (case aside)."""
    wanted = " ".join(name.split()).casefold()
    return [
        p.domain for p in PUBLISHERS if wanted in (p.name.casefold(), *map(str.casefold, p.also))
    ]


def source_for_domain(domain: str) -> Source:
    known = _BY_DOMAIN.get(domain)
    return Source(known.name, domain) if known else Source(domain, domain)


@lru_cache(maxsize=256)
def zone_for_domain(domain: str) -> ZoneInfo | None:
    known = _BY_DOMAIN.get(domain)
    name = known.zone if known else _TLD_ZONES.get(domain.rsplit(".", 1)[-1])
    return ZoneInfo(name) if name else None


def zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


_DOMAIN_IN_TEXT = re.compile(r"\b((?:[a-z0-9-]+\.)+(?:com|net|org|co\.kr|kr|co\.uk|jp))\b", re.I)


def known_domains_in(text: str) -> list[str]:
    """Publisher domains named in a line (copyright notices, e-mail addresses), known ones only."""
    found: list[str] = []
    for m in _DOMAIN_IN_TEXT.finditer(text):
        domain = registered_domain(m.group(1))
        if domain in _BY_DOMAIN and domain not in found:
            found.append(domain)
    return found
