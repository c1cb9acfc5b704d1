"""Bylines: recognise them and split them into authors (name, email, role, dateline).

Authors are people. Outlet names, desks, teams, "Staff" and anchors are not authors, though an
email printed beside them is still kept with the byline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..record import Author

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")

# Korean roles, longest first so "인턴기자" wins over "기자".
KOREAN_ROLES: dict[str, str] = {
    "인턴기자": "intern reporter",
    "수습기자": "trainee reporter",
    "선임기자": "senior reporter",
    "전문기자": "specialist reporter",
    "객원기자": "contributing reporter",
    "사진기자": "photographer",
    "영상기자": "video journalist",
    "기상캐스터": "weather caster",
    "논설위원": "editorial writer",
    "편집위원": "editorial writer",
    "대기자": "senior journalist",
    "특파원": "correspondent",
    "통신원": "correspondent",
    "기자": "reporter",
}
_NOT_AUTHOR_ROLES = ("앵커", "아나운서", "캐스터")
_ROLE_ALT = "|".join(sorted(KOREAN_ROLES, key=len, reverse=True))
_CJK_NAME = r"[\uac00-\ud7a3]{2,4}|[\u4e00-\u9fff]{2,4}"
KOREAN_BYLINE = re.compile(
    r"(?:(?P<dateline>[\uac00-\ud7a3A-Za-z]{2,10})\s*=\s*)?(?P<name>" + _CJK_NAME + r")\s*"
    r"(?P<role>" + _ROLE_ALT + r")(?![\uac00-\ud7a3])"
)
# "박석호 기자가 보도합니다." / "보도에 구병회 기자입니다." / "KBS 뉴스 박석호입니다."
BROADCAST_INTRO = re.compile(
    r"^(?:.{0,20}\s)?(?P<name>[\uac00-\ud7a3]{2,4})\s*기자(?:가|입니다)\b.*(?:보도합니다|입니다)\.?$"
    r"|^보도에\s+(?P<name2>[\uac00-\ud7a3]{2,4})\s*기자입니다\.?$"
)
BROADCAST_SIGNOFF = re.compile(
    r"^(?:[A-Z]{2,6}|[\uac00-\ud7a3]{1,6})\s*뉴스\s+(?P<name>[\uac00-\ud7a3]{2,4})입니다\.?$"
)

_LATIN_NAME_WORD = (
    r"(?:[A-Z][a-z'’]*\.?|[A-Z][a-zà-öø-ÿ'’]+(?:-[A-Za-zà-öø-ÿ'’]+)*|Mc[A-Z][a-z]+"
    r"|d[aei]|de|del|della|dos|das|du|la|le|van|von|der|den|ter|ten|bin|al-[A-Z][a-z]+)"
)
LATIN_NAME = re.compile(
    r"(?<![\w-])(?:" + _LATIN_NAME_WORD + r")(?:\s+" + _LATIN_NAME_WORD + r"){1,3}(?![\w-])"
)
# Labels that end in the byline's own "by": "Written by", "Kolumne von", "Ein Kommentar von".
BY_LABELS = (
    r"(?:written|words|story|reporting|reported|text)\s+by"
    r"|(?:ein(?:e)?\s+)?(?:kommentar|kolumne|analyse|gastbeitrag|essay|glosse|reportage)\s+von"
)
# A label printed before the name, on its own line or in its own element: "Autorin/Autor".
AUTHOR_LABEL = re.compile(
    r"^(?:(?:kommentar|ein kommentar|analyse|text|fotos?|interview)\s+)?"
    r"(?:by|von|par|por|di|door|av|af|od|autor(?:in)?(?:\s*/\s*autor(?:in)?)?"
    r"|author(?:s| of the article)?|auteur|reporter|written by)\s*:?$",
    re.IGNORECASE,
)
_BY = re.compile(r"^\s*(?:" + BY_LABELS + r"|by|von|par|por|di|door|av|af)\s+", re.IGNORECASE)

# Words that make a name-shaped string an organisation, desk or label, not a person.
NOT_PEOPLE = {
    "staff",
    "reuters",
    "yonhap",
    "afp",
    "ap",
    "dpa",
    "newsis",
    "news1",
    "desk",
    "team",
    "editorial",
    "editor",
    "editors",
    "board",
    "news",
    "agency",
    "wire",
    "service",
    "press",
    "associated",
    "bloomberg",
    "correspondent",
    "reporter",
    "contributor",
    "writer",
    "the",
    "times",
    "herald",
    "ilbo",
    "daily",
    "online",
    "digital",
    "newsroom",
    "ytn",
    "kbs",
    "mbc",
    "sbs",
    "jtbc",
    "bbc",
    "cnn",
    "photo",
    "photos",
    "video",
    "graphics",
    "opinion",
    "published",
    "updated",
    "posted",
    # the same labels in other languages ("Publié le", "Aktualisiert am")
    "publié",
    "publicado",
    "pubblicato",
    "veröffentlicht",
    "aktualisiert",
    "mis",
    "related",
    "articles",
    "read",
    "more",
    "min",
    "share",
    "email",
    "print",
    "all",
    "rights",
    "reserved",
    "copyright",
}
_TEAM_WORDS = ("팀", "부", "취재단", "데스크", "뉴스룸", "편집국")


@dataclass
class Byline:
    text: str
    authors: list[Author] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)


def is_person(name: str) -> bool:
    """No word of the name makes it an outlet, a desk or a label."""
    words = [w.strip(".,").lower() for w in name.split()]
    return bool(words) and not any(w in NOT_PEOPLE for w in words)


def _latin_authors(text: str, email: str | None, role: str | None = None) -> list[Author]:
    text = _BY.sub("", text)
    parts = re.split(r"\s*(?:,|;|&|\band\b|\bund\b|\bet\b|\by\b|/)\s*", text)
    authors: list[Author] = []
    for part in parts:
        part = part.strip(" .()[]")
        m = LATIN_NAME.fullmatch(part)
        if m and is_person(part):
            authors.append(Author(part, None, role, None))
    if email and len(authors) == 1:
        authors[0] = Author(authors[0].name, email, authors[0].role, None)
    return authors


@lru_cache(maxsize=8192)
def parse_byline(line: str) -> Byline | None:
    """A byline's authors and emails, or None when the line is not a byline.

    Cached: a page asks about the same line several times, and pages repeat their furniture.
    The result is shared, so callers read it and never change it.
    """
    text = line.strip().lstrip("/").strip()
    if not text or len(text) > 120:
        return None
    lowered = text.lower()
    if any(
        marker in lowered for marker in ("copyright", "©", "제보", "이메일 :", "contact ", "무단")
    ):
        return None
    emails = EMAIL.findall(text)
    rest = EMAIL.sub(" ", text)
    rest = re.sub(r"[()\[\]<>〈〉【】]", " ", rest)
    rest = re.sub(r"\s+", " ", rest).strip(" ,;:/")
    email = emails[0] if len(emails) == 1 else None

    korean = list(KOREAN_BYLINE.finditer(rest))
    if korean:
        # Everything besides name, role and dateline must be short (an outlet, a second name).
        leftover = KOREAN_BYLINE.sub(" ", rest).strip(" ,·/")
        if len(leftover) > 20:
            return None
        authors = [
            Author(
                m.group("name"),
                email if len(korean) == 1 else None,
                KOREAN_ROLES[m.group("role")],
                m.group("dateline"),
            )
            for m in korean
        ]
        return Byline(text, authors, emails)

    if any(role in rest for role in _NOT_AUTHOR_ROLES):
        return None

    words = rest.split()
    if emails:
        if not words:
            return Byline(text, [], emails)
        if len(words) > 6:
            return None
        hangul = re.findall(r"[\uac00-\ud7a3]{2,4}", rest)
        latin = [w for w in words if not re.fullmatch(r"[A-Z0-9]{2,6}", w)]  # drop "YTN"
        if hangul and len(hangul) == len(latin):
            names = [h for h in hangul if not h.endswith(_TEAM_WORDS)]
            return Byline(
                text, [Author(n, email if len(names) == 1 else None) for n in names], emails
            )
        return Byline(text, _latin_authors(" ".join(latin), email), emails)

    if _BY.match(text) and len(words) <= 12:
        authors = _latin_authors(rest, None)
        if authors:
            return Byline(text, authors, [])
    return None


def broadcast_reporter(line: str) -> Author | None:
    """The reporter a broadcast script names in its intro or sign-off line."""
    text = line.strip()
    m = BROADCAST_INTRO.match(text) or BROADCAST_SIGNOFF.match(text)
    if not m:
        return None
    name = m.groupdict().get("name") or m.groupdict().get("name2")
    return Author(name, None, "reporter", None) if name else None


_TRAILING_KOREAN = re.compile(
    r"\s*[〈<(\[]?\s*(?P<byline>(?:[\uac00-\ud7a3]{2,10}\s*=\s*)?(?:"
    + _CJK_NAME
    + r")\s*(?:"
    + _ROLE_ALT
    + r")(?:\s+"
    + EMAIL.pattern
    + r")?)\s*[〉>)\]]?\s*$"
)
_TRAILING_CREDIT = re.compile(
    r"\s*\((?:Reporting|Writing|Additional reporting) by [^()]{3,200}\)\s*$"
)


_HANGUL_TAIL = re.compile(r"[\uac00-\ud7a3\u4e00-\u9fff]")


def split_trailing_byline(paragraph: str) -> tuple[str, Byline | None]:
    """A byline glued to the end of the last paragraph: "...마감됐다.〈千光巖기자〉".

    Only the paragraph's tail is searched: the patterns are anchored at the end, and searching a
    long paragraph from every position costs more than the rest of the parse.
    """
    offset = max(0, len(paragraph) - 120)
    # The Korean pattern needs Hangul (a name, a role) in the tail; most paragraphs have none.
    has_hangul = _HANGUL_TAIL.search(paragraph, offset) is not None
    m = _TRAILING_KOREAN.search(paragraph, offset) if has_hangul else None
    if m and m.start() > 0 and re.search(r"[.!?。”\"'’)]\s*$", paragraph[: m.start()]):
        return paragraph[: m.start()].rstrip(), parse_byline(m.group("byline"))
    if not paragraph.rstrip().endswith(")"):
        return paragraph, None
    credit = _TRAILING_CREDIT.search(paragraph, max(0, len(paragraph) - 260))
    if credit and credit.start() > 0:
        inner = credit.group(0).strip()[1:-1]
        reporting = re.search(r"(?:Reporting|Writing) by ([^;]+)", inner)
        authors = _latin_authors(reporting.group(1), None, "reporter") if reporting else []
        return paragraph[: credit.start()].rstrip(), Byline(inner, authors, [])
    return paragraph, None
