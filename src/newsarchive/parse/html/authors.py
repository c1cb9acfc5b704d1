"""Author names from metadata and bylines: people only, split, without titles or outlets."""

from __future__ import annotations

import re

from ..bylines import BY_LABELS, EMAIL, NOT_PEOPLE
from .dom import clean_space

_SPLIT = re.compile(
    r"\s*(?:,|;|\||/|&|\band\b|\bund\b|\bet\b|\by\b|\be\b|\bi\b|\bog\b|\ben\b|،|、|·)\s*"
)
_BY = re.compile(
    r"^\s*(?:" + BY_LABELS + r"|by|von|par|por|di|da|door|av|af|de|od|от|автор|작성자|글|autor"
    r"|autorin|author|auteur|escrito por|text|texto|reporter)\s*:?\s+",
    re.IGNORECASE,
)
PARTICLES = {
    "de",
    "da",
    "di",
    "van",
    "von",
    "der",
    "den",
    "del",
    "la",
    "le",
    "bin",
    "al",
    "dos",
    "du",
}
_TITLES = re.compile(
    r"\b(?:staff|senior|chief|deputy|political|foreign|business|sports?|science|health|"
    r"correspondent|reporter|editor|writer|columnist|contributor|journalist|photographer|"
    r"analyst|producer|redakteur\w*|korrespondent\w*|autor\w*|redaktion|rédaction|redacción)\b",
    re.IGNORECASE,
)


def _looks_like_person(name: str, site: str | None) -> bool:
    words = name.split()
    if not 1 <= len(words) <= 5 or len(name) > 60:
        return False
    if not re.search(r"[^\W\d_]", name) or re.search(r"\d|@|https?:|www\.", name):
        return False
    lowered = [w.strip(".,'’").lower() for w in words]
    if any(w in NOT_PEOPLE or w in ("by", "von", "par", "por") for w in lowered):
        return False
    # "Please enter your name here": a sentence, not a name (all-lower-case names pass).
    lower_words = [w for w in words if w[:1].islower() and w.lower() not in PARTICLES]
    if len(lower_words) >= 2 and lower_words != words:
        return False
    if site and name.lower() in site.lower():
        return False
    return not (len(words) == 1 and name.isupper() and len(name) <= 5)  # "AFP", "dpa"


_WEB_ADDRESS = re.compile(r"\bwww\.|\bhttps?://|\b[\w-]+\.(?:com|org|net|de|fr|co\.uk|co\.kr)\b")


def clean_names(values: list[str], site: str | None = None) -> list[str]:
    """Names as printed, one per person: "By Jane Doe and John Roe, Staff Writers" -> two names."""
    names: list[str] = []
    for value in values:
        value = EMAIL.sub(" ", clean_space(value))
        if _WEB_ADDRESS.search(value):
            continue  # an outlet signs with its address: "Deutsche Welle (www.dw.com)"
        value = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", value)
        value = _BY.sub("", value)
        for part in _SPLIT.split(value):
            part = clean_space(_BY.sub("", part)).strip(" -–—:.")
            if not part or _TITLES.fullmatch(part):
                continue
            # "Jane Doe Staff Writer" -> "Jane Doe": cut at the first job-title word.
            cut = _TITLES.search(part)
            if cut and cut.start() > 0:
                part = part[: cut.start()].strip(" ,-–—")
            if _looks_like_person(part, site) and part not in names:
                names.append(part)
    # A lone capitalised word beside full names is a dateline or a desk ("Anna Martel, Nairobi").
    if any(len(n.split()) > 1 for n in names):
        names = [n for n in names if len(n.split()) > 1 or n.islower()]
    return names
