"""The generic parser for plain-text captures of news pages.

A capture is a run of lines: page furniture, a headline, date lines, language links, the article's
paragraphs, a byline, then footers. We classify each line on its own (`lines.py`), find the first
paragraph of running text, read the header above it and the byline below it, and keep the
paragraphs between. Site profiles may pre-process the lines; nothing here names a site.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

from ..record import Author
from . import boilerplate as bp
from .bylines import (
    AUTHOR_LABEL,
    BY_LABELS,
    Byline,
    broadcast_reporter,
    is_person,
    parse_byline,
    split_trailing_byline,
)
from .dates import DateMatch
from .extracted import Extracted
from .lines import (
    date_line,
    is_prose,
    is_teaser,
    is_title,
    language_links,
    name_beside_date,
    text_length,
    unwrap,
    word_count,
    words,
)
from .sources import known_domains_in

# A crawler's one-line header: " date 2022-10-07 <headline>. <date>. by <byline>."
_CRAWLER_PREFIX = re.compile(r"^\s*date (\d{4}-\d{2}-\d{2})\s+(.*)$")
_HEADER_DESCRIPTION = re.compile(
    r"^(?P<headline>.+?)\.\s+(?P<when>[^.]*?\.?[^.]*?\d{4}[^.]*?)\.(?:\s+by\s+(?P<byline>.+?))?\.?\s*$"
)

# After the body starts, this many lines of furniture in a row mean the article is over.
_MAX_GAP = 6


def _apply_byline(found: Extracted, byline: Byline, *, primary: bool = True) -> None:
    if primary and found.byline is None:
        found.byline = byline.text
    for author in byline.authors:
        found.add_author(author)
    for email in byline.emails:
        found.add_email(email)
        found.domain_hints.extend(known_domains_in(email))


def _take_dates(found: Extracted, matches: list[DateMatch], *, anchor: bool) -> None:
    for i, m in enumerate(matches):
        label = m.label or ("posted" if i == 0 and anchor else None)
        if label == "posted" and found.posted is None:
            found.posted = m.stamp
        elif label == "updated" and found.updated is None:
            found.updated = m.stamp


def _crawler_header(lines: list[str], found: Extracted) -> None:
    """Strip a crawler's " date YYYY-MM-DD" prefix; read the description after it, if any."""
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        m = _CRAWLER_PREFIX.match(line)
        if not m:
            return
        rest = m.group(2).strip()
        desc = _HEADER_DESCRIPTION.match(rest)
        when = date_line(desc.group("when")) if desc else None
        if desc and when:
            found.headline = desc.group("headline").strip()
            _take_dates(found, when, anchor=True)
            if desc.group("byline"):
                byline = parse_byline(desc.group("byline"))
                if byline:
                    _apply_byline(found, byline)
            lines[i] = ""
        else:
            lines[i] = rest
        return


# A whole page saved as text: many lines, most of them menus, links and teasers.
_PAGE_MIN_LINES = 60
_PAGE_SHORT_SHARE = 0.6
_RUN_PENALTY = 60  # what a non-prose line costs a run of article paragraphs, in characters
# A line-by-line reading that kept less than this share of a capture's prose is checked against
# a whole-page reading, which wins when its body is this much longer.
_KEPT_SHARE = 0.6
_LONGER = 1.25
_DECK_MAX = 300  # characters: a deck is a sentence or two
_HEAD_ROOM = 12  # lines kept above the article run (headline, date, byline)
_FOOT_ROOM = 6  # and below it (byline, copyright)


_SOCIAL = re.compile(
    r"\b(?:teilen|share|partager|compartir|condividi|delen|dela|del|jaa|udostępnij|account|konto"
    r"|login|log in|anmelden|sign in|newsletter|abonn\w*|subscribe|facebook|twitter|whatsapp"
    r"|telegram|linkedin|e-?mail)\b"
    r"|シェア|ツイート|공유하기|分享",  # unspaced scripts: no word boundaries to anchor on
    re.IGNORECASE,
)


def _headline_shaped(s: str) -> bool:
    if s.startswith(("•", "·", "*", "-", "▶", "■", "▷", "|")):
        return False  # a menu or list entry
    if _names_only(s) or _name_and_outlet(s):
        return False  # a byline without its "By": "Collin Anderson and Joseph Simonson"
    if words(s) <= 8 and _ENDS_WITH_JOB.search(s):
        return False  # a name and its job: "Sophie FosterTravel News Reporter"
    if len(_GLUED_WORDS.findall(s)) >= 2 or bp.is_notice(s):
        return False  # a menu copied without spaces ("NewsSportBusiness..."), a notice
    spaced = len(s.split())
    cjk = sum(1 for ch in s if "\u3040" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7a3")
    return (
        (spaced >= 4 or cjk >= 8)
        and is_title(s)
        and not _social(s)
        and not bp.is_furniture(s)
        and not bp.is_end_marker(s)
        and parse_byline(s) is None
    )


_TERMINAL_PUNCT = re.compile(r"[.!?:]$")
# Job titles of the people who sign articles, in the languages bylines here come in.
_JOBS = (
    r"editor|correspondent|reporter|writer|journalist|columnist|redakteur(?:in)?"
    r"|korrespondent(?:in)?|reporterin|journaliste|giornalista"
)
_ENDS_WITH_JOB = re.compile(r"\b(?:" + _JOBS + r"|photographer|periodista)$", re.IGNORECASE)
_BREADCRUMB_SPLIT = re.compile(r"\s+[/>›»]\s+")


def _menu_like(s: str) -> bool:
    return bool(s) and words(s) <= 3 and not is_prose(s)


def _neighbours(lines: list[str], i: int) -> tuple[str, str]:
    """The nearest non-empty lines before and after line i."""
    before = next((t for j in range(i - 1, -1, -1) if (t := lines[j].strip())), "")
    after = next((t for j in range(i + 1, len(lines)) if (t := lines[j].strip())), "")
    return before, after


def _in_menu(lines: list[str], i: int) -> bool:
    """A short line between two menu entries is a menu entry itself ("Krieg in der Ukraine"
    among the section links), however headline-shaped."""
    before, after = _neighbours(lines, i)
    return words(lines[i]) <= 4 and _menu_like(before) and _menu_like(after)


def _caption_at(lines: list[str], i: int) -> bool:
    """A photo caption: credited on the line itself, or on the line before or after it (an
    image's text printed twice, with its credit between)."""
    before, after = _neighbours(lines, i)
    return any(bp.is_caption(t) for t in (lines[i].strip(), before, after))


def _ticker(lines: list[str], i: int) -> bool:
    """A long line printed twice in a row: a ticker of other articles ("#1 ... #2 ...").
    A headline may be printed twice in a row too; it is short."""
    s = lines[i].strip()
    return len(s) > 150 and s in _neighbours(lines, i)


def _credited(lines: list[str], i: int) -> bool:
    """A photo caption with its credit on the line below ("Stefan Rousseau/via Reuters")."""
    _, after = _neighbours(lines, i)
    return bp.is_caption(lines[i].strip()) or (bp.is_caption(after) and words(after) <= 6)


def _with_kicker(lines: list[str], i: int, headline: str) -> str:
    """German-style pages print a kicker on the line above the headline ("LTE-Patent:"); the
    headline is both, as the page's own title gives it. A label in capitals ("MENINGSMÅLING:")
    is a section tag, not part of the title."""
    before, _ = _neighbours(lines, i)
    if (
        before.endswith(":")
        and 1 <= words(before) <= 4
        and not before.isupper()
        and not date_line(before)
    ):
        return f"{before} {headline}"
    return headline


_TERM = re.compile(r"[^\W\d_]{4,}")
_CJK_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3]{2,}")


def _terms(text: str) -> set[str]:
    """Words of four letters or more, lower-cased; for CJK text, pairs of characters."""
    lowered = text.lower()
    terms = set(_TERM.findall(lowered))
    for run in _CJK_RUN.findall(lowered):
        terms.update(run[k : k + 2] for k in range(len(run) - 1))
    return terms


def _opening_terms(lines: list[str], start: int) -> set[str]:
    """The terms of the article's first 1,500 characters of prose."""
    text, size = [], 0
    for raw in lines[start:]:
        s = raw.strip()
        if s and is_prose(s):
            text.append(s)
            size += len(s)
            if size >= 1500:
                break
    return _terms(" ".join(text))


def _shares_terms(line: str, opening: set[str]) -> bool:
    return len(_terms(line) & opening) >= 2


def _page_terms(lines: list[str], start: int, end: int) -> set[str]:
    """Words the page prints in lower case in three lines or more away from the article (its
    header and run): the language's common words ("para", "esta"), which say nothing of the
    topic. Names, capitalised, stay topical even where teasers repeat them."""
    df: Counter[str] = Counter()
    for i, raw in enumerate(lines):
        if start - 4 * _HEAD_ROOM <= i <= end or not raw.strip():
            continue
        df.update({w for w in _TERM.findall(raw) if w.islower()})
    return {term for term, n in df.items() if n >= 3}


def _page_headline(lines: list[str], start: int, end: int) -> tuple[str | None, bool]:
    """The headline of a whole-page dump: a headline-shaped line the page prints twice (in its
    header and above the article), else the nearest one above the article run that is not a
    share button, an account link or a section name."""
    counts: dict[str, int] = {}
    for raw in lines:
        s = raw.strip()
        if s:
            counts[s] = counts.get(s, 0) + 1
    opening = _opening_terms(lines, start) - _page_terms(lines, start, end)
    twice: int | None = None
    for i in range(start - 1, max(-1, start - 4 * _HEAD_ROOM - 1), -1):
        s = lines[i].strip()
        # Menus repeat their entries too: a headline is longer than a menu entry.
        long_enough = len(s) >= 25 and not s.startswith(("•", "-", "*", "·"))
        if (
            counts.get(s, 0) >= 2
            and long_enough
            and _headline_shaped(s)
            and not date_line(s)
            and not _caption_at(lines, i)
            and not _ticker(lines, i)
            and _shares_terms(s, opening)  # a teaser or a box printed twice is off the topic
        ):
            twice = i
            break
    # Above the article: headline, deck, byline, dates, share buttons, a caption; above those,
    # the menus. The headline is the top-most headline-shaped line below the menus.
    best: int | None = None
    candidates: list[int] = []  # nearest first
    menu_lines = 0
    # From the run's own first line: a headline long enough to read as prose starts it.
    for i in range(start, max(-1, start - 4 * _HEAD_ROOM - 1), -1):
        s = lines[i].strip()
        if not s:
            continue
        if bp.is_caption(s) or date_line(s):
            menu_lines = 0
            continue
        if (
            _headline_shaped(s)
            and not _in_menu(lines, i)
            and not _credited(lines, i)
            and not _ticker(lines, i)
        ):
            candidates.append(i)
            best, menu_lines = i, 0
        elif _menu_like(s) or bp.is_furniture(s):
            menu_lines += 1
            if menu_lines >= 4 and best is not None:
                break
        else:
            menu_lines = 0
    # The headline is about the article: of the candidates, the top-most that shares words
    # with the article's opening (teasers, notices and labels above it do not).
    on_topic = [i for i in candidates if _shares_terms(lines[i], opening)]
    if twice is not None and not (on_topic and on_topic[-1] > twice):
        # Printed twice and not beyond the article's own header (a slogan over the menus).
        return _with_kicker(lines, twice, lines[twice].strip()), True
    if best is None:
        return None, False
    if on_topic:
        best = on_topic[-1]
        # A deck reads as a sentence ("... glass bubbles. Should they?"); the headline-shaped
        # line right above it is the headline, though it shares fewer words with the opening.
        above = next((j for j in range(best - 1, -1, -1) if lines[j].strip()), None)
        if is_prose(lines[best].strip()) and above in candidates and not is_prose(lines[above]):
            best = above
        # A page's title, then a kicker and the article's own headline ("Donald Trump: Warum
        # Kritik ..." / "Meinung" / "Warum Kritik an Trumps ..."): the headline is the latter.
        # Not a deck, longer than the headline, nor a byline between.
        after = [j for j in range(best + 1, start) if lines[j].strip()][:2]
        kicker, title = (lines[j].strip() for j in after) if len(after) == 2 else ("", "")
        if (
            title
            and _headline_shaped(title)
            and _shares_terms(title, opening)
            and len(title) <= len(lines[best].strip())
            and words(kicker) <= 6
            and len(kicker) < len(title)
            and not _TERMINAL_PUNCT.search(kicker)
            and not _BY_PREFIX.match(kicker)
        ):
            best = after[1]
    crumbs = _BREADCRUMB_SPLIT.split(lines[best].strip())
    if len(crumbs) >= 3 and _headline_shaped(crumbs[-1]):
        return crumbs[-1], False  # "Start / Ausland / EU und Indien besiegeln ..."
    # A short kicker right above the headline ("Krieg in der Ukraine" over "Ukrainische
    # Gegenoffensive: Ziele, Chancen, Risiken") is a label; the longer line under it is the title.
    below = next((j for j in range(best + 1, start) if lines[j].strip()), None)
    if (
        below is not None
        and words(lines[best]) <= 4
        and _headline_shaped(lines[below].strip())
        and words(lines[below]) > words(lines[best])
    ):
        best = below
    return _with_kicker(lines, best, lines[best].strip()), False


@dataclass
class _Window:
    lines: list[str]
    headline: str | None = None
    printed_twice: bool = False
    run: tuple[int, int] | None = None  # the article run, in the window's line numbers
    page: list[str] | None = None  # the whole page, and where the window starts in it
    offset: int = 0
    doubled: frozenset[int] = frozenset()  # the page's lines printed twice in a row


def _doubled(lines: list[str]) -> frozenset[int]:
    """Lines printed twice in a row, both copies: a ticker or a caption, not a paragraph."""
    filled_at = [i for i, raw in enumerate(lines) if raw.strip()]
    return frozenset(
        k for a, b in pairwise(filled_at) if lines[a].strip() == lines[b].strip() for k in (a, b)
    )


def _article_window(lines: list[str], *, force: bool = False) -> _Window:
    """The part of a whole-page dump that holds the article: the run of lines that is most
    prose, with room above for its headline and dates and below for its byline.

    A capture of the article region alone is returned whole. Also returns the headline when
    the page is a whole-page dump and one stands above the run.
    """
    filled = [ln.strip() for ln in lines if ln.strip()]
    if not force and len(filled) < _PAGE_MIN_LINES:
        return _Window(lines)
    short = sum(1 for ln in filled if not is_prose(ln))
    if not force and short / len(filled) < _PAGE_SHORT_SHARE:
        return _Window(lines)
    best_sum, best_start, best_end = 0.0, 0, -1
    run_sum, run_start = 0.0, 0
    doubled = _doubled(lines)
    for i, raw in enumerate(lines):
        s = raw.strip()
        if not s:
            continue
        if i in doubled:
            gain: float = -_RUN_PENALTY
        elif bp.is_placeholder(s) or (
            is_prose(s) and not bp.is_notice(s) and not bp.is_end_marker(s) and not is_teaser(s)
        ):
            # An ad's placeholder or a sign-up box between paragraphs does not end the article.
            gain = text_length(s)
        else:
            gain = -_RUN_PENALTY
        if run_sum <= 0:
            run_sum, run_start = 0.0, i
        run_sum += gain
        if run_sum > best_sum:
            best_sum, best_start, best_end = run_sum, run_start, i
    if best_end < 0:
        return _Window(lines)
    first = max(0, best_start - _HEAD_ROOM)
    headline, twice = _page_headline(lines, best_start, best_end)
    return _Window(
        lines[first : best_end + 1 + _FOOT_ROOM],
        headline,
        twice,
        (best_start - first, best_end - first),
        lines,
        first,
        doubled,
    )


_BY_PREFIX = re.compile(
    r"^\s*(?:" + BY_LABELS + r"|by|von|par|por|di|door|av|af|de|od|от|autor(?:in)?|author|text)"
    r"\s*:?\s+",
    re.IGNORECASE,
)


def _outlet_or_date(s: str) -> bool:
    """What stands beside a name in a byline: a date, or an outlet ("CBC News", "AFP",
    "TIMESOFINDIA.COM")."""
    s = s.strip()
    return bool(date_line(s)) or (
        bool(s) and len(s) <= 40 and (s.isupper() or bool(_DOMAIN.fullmatch(s)) or not is_person(s))
    )


def _name_and_outlet(s: str) -> str | None:
    """The name of a byline that gives a name, then the outlet or the date: "Yasmine Hassan ·
    CBC News ·", "Aashish Saxena / TIMESOFINDIA.COM / Sep 2, 2024, 17:07 IST"."""
    parts = _BYLINE_PARTS.split(s.strip(" •·|"))
    if len(parts) >= 2 and _bare_name(parts[0]) and all(map(_outlet_or_date, parts[1:])):
        return parts[0]
    return None


def _publication_date(matches: list[DateMatch] | None) -> bool:
    """A date line that dates the article: labelled as posted, or bare (not "Updated")."""
    return bool(matches) and all(m.label in (None, "posted") for m in matches or [])


def _bare_name(s: str) -> bool:
    """A person's name and nothing else: "Nathaniel Flakin"."""
    parts = s.split()
    return (
        2 <= len(parts) <= 3
        and len(s) <= 40
        and all(_NAME_WORD.match(w) for w in parts)
        and not _BY_PREFIX.match(s)
        and is_person(s)
    )


def _names_only(s: str) -> bool:
    """A line of two or more full names and nothing else."""
    parts = [p.strip() for p in re.split(r",|\band\b|\bund\b|&|\|", s) if p.strip()]
    return len(parts) >= 2 and all(
        2 <= len(p.split()) <= 3 and all(_NAME_WORD.match(w) for w in p.split()) for p in parts
    )


# A line that announces the name on the next line: "Autorin/Autor", "Kommentar von", "By".
# A job title on its own line or after the name: "Redakteurin", "Parliamentary editor".
_ROLE = re.compile(
    r"^[–—-]?\s*(?:[\w-]+\s+){0,3}(?:" + _JOBS + r"|contributor|corresponsal|redactor(?:a)?"
    r"|autor(?:in)?|chefredakteur(?:in)?)\b.{0,30}$",
    re.IGNORECASE,
)


def _strip_role(s: str) -> tuple[str, bool]:
    """ "Thabo Mokone Parliamentary editor" -> ("Thabo Mokone", True): a name, then its role;
    also when the page glued them ("Ulrich ExnerKorrespondent")."""
    words = _GLUED_WORDS.sub(" ", s).split()
    for k in range(2, min(4, len(words) - 1) + 1):
        rest = " ".join(words[k:])
        if _ROLE.match(rest):
            return " ".join(words[:k]), True
    return s, False


_AMBIGUOUS_SOCIAL = frozenset({"del", "dela", "delen", "jaa"})
_GLUED_WORDS = re.compile(r"(?<=[a-zß-ÿ])(?=[A-ZÀ-Þ][a-zß-ÿ])")
_GLUED_BY = re.compile(r"^by(?=[A-Z])")  # "bySauli Giliard"
_GLUED_HANDLE = re.compile(r"(?<=[a-z])@\w+$")  # "Greg Iacurci@GregIacurci"
_GLUED_AGO = re.compile(r"(?<=[a-z])\d+\s*(?:seconds?|minutes?|mins?|hours?|hrs?|days?)\s+ago$")
_BYLINE_PARTS = re.compile(r"\s+[·|/]\s+")
_DOMAIN = re.compile(r"[\w-]+(?:\.[\w-]+)+", re.ASCII)
_AUTHOR_REACH_ABOVE = 16  # non-empty lines above the article run searched for its byline
_AUTHOR_REACH_BELOW = 6


def _social(s: str) -> bool:
    """A share button or account link. "del" shares in Danish but is a word in Italian and
    Spanish ("Chus del Pino", "alla vigilia del derby"): it counts only in a short line."""
    social = _SOCIAL.search(s)
    if social and social.group(0).lower() in _AMBIGUOUS_SOCIAL and len(s.split()) > 2:
        return False
    return social is not None


def _nonempty(lines: list[str], indexes: range) -> list[int]:
    """The lines that count for a byline's reach: not blank, not share buttons or furniture."""
    out = []
    for i in indexes:
        s = lines[i].strip()
        if s and not _social(s) and not bp.is_furniture(s):
            out.append(i)
    return out


def _common_words(lines: list[str]) -> frozenset[str]:
    """Words the page prints in lower case: a name's words are not among them ("Climate
    Change" is a section, not a person, when the page says "climate change")."""
    return frozenset(
        w
        for ln in lines
        for w in re.findall(r"\b[^\W\d_][\w'’-]*", _ADDRESS.sub(" ", ln))
        if w.islower()
    )


# E-mail addresses and web addresses print names in lower case ("yasmine.hassan@cbc.ca").
_ADDRESS = re.compile(r"\S+@\S+|\bhttps?://\S+|\bwww\.\S+")


def _phrase_words(name: str, common: frozenset[str]) -> bool:
    """Whether a "name" holds words the page prints in lower case (not a person's name)."""
    from .html.authors import PARTICLES

    return any(w.lower() in common for w in name.split() if w.lower() not in PARTICLES)


def _run_authors(
    lines: list[str], run: tuple[int, int], common: Callable[[], frozenset[str]]
) -> tuple[str | None, list[str]]:
    """A whole-page dump's byline near the article run: "By Jane Roe", a label line then the
    name ("Autorin/Autor" / "Roman Goncharenko"), a name then its role ("Marta Cañete" /
    "Corresponsal en Atenas"), or a line of full names ("Julia Vergin | Clare Roth")."""
    from .html.authors import clean_names

    start, end = run
    above = _nonempty(lines, range(start - 1, -1, -1))[:_AUTHOR_REACH_ABOVE]
    below = _nonempty(lines, range(end + 1, len(lines)))[:_AUTHOR_REACH_BELOW]
    inside = set(_nonempty(lines, range(start, end + 1))[:12])
    near = set(above[:4])
    for i in [*above, *below, *sorted(inside)]:
        s = _GLUED_HANDLE.sub("", _GLUED_BY.sub("By ", lines[i].strip())).strip(" •·|")
        s = _GLUED_AGO.sub("", s)  # "Nizaar Kinsella2 minutes ago"
        # "Do 25.04.24 | 14:07 Uhr | Von Eva Kirchner-Rätsch": the byline shares the line.
        for part in s.split("|")[1:]:
            if _BY_PREFIX.match(part) and (names := clean_names([part])):
                return part.strip(), names
        # "Yasmine Hassan · CBC News", "Aashish Saxena / TIMESOFINDIA.COM / Sep 2, 2024": a
        # name, then the outlet and the date.
        if name := _name_and_outlet(s):
            return s, [name]
        if date_line(s):
            continue
        only_role = bool(_ROLE.match(s)) and not _strip_role(s)[1]
        if len(s) > 80 or _SENTENCE_END.search(s) or s.endswith(":") or only_role:
            continue  # a sentence, a label ("Anzahl Kommentare:"), a job title
        if bp.is_furniture(s) or bp.is_notice(s) or bp.is_caption(s):
            continue
        before, after = _neighbours(lines, i)
        if bp.is_caption(after):
            continue  # a caption's text stands above its credit
        labelled = bool(AUTHOR_LABEL.match(before))
        role_after = any(
            _ROLE.match(t) and not _SENTENCE_END.search(t) for t in (before, after) if t
        )
        by = _BY_PREFIX.match(s)
        text, tail = _strip_role(s[by.end() :] if by else s)
        names = clean_names([text])
        if not names:
            continue
        if by or labelled:
            return s, names
        beside_date = bool(date_line(before) or date_line(after))
        if i in inside and not (role_after or tail or beside_date):
            continue  # inside the article, only a byline that says so
        people = [
            n
            for n in names
            if 2 <= len(n.split()) <= 4
            and all(_NAME_WORD.match(w) for w in n.split())
            and not _phrase_words(n, common())
        ]
        bare = re.sub(r"\([^)]*\)", "", text).strip()
        if not people or len(" ".join(people)) < 0.6 * len(bare):
            continue
        if role_after or tail or beside_date or len(people) >= 2:
            return s, people
        if i in near and len(people) == len(names):
            return s, people
    return None, []


_SENTENCE_END = re.compile(r"[.!?。]\s*$")
_NAME_WORD = re.compile(r"^(?:[A-ZÀ-ÖØ-ÞĀ-Ž][\w'’.-]*|de|da|di|van|von|der|den|del|la|le|bin|al)$")


def _run_paragraphs(lines: list[str], run: tuple[int, int], headline: str) -> list[str]:
    """The article's paragraphs in a whole-page dump: the prose of the run, and the short
    section headings inside it that stand before more prose."""
    start, end = run
    kept: list[str] = []
    texts = [ln.strip() for ln in lines[start : end + 1]]
    seen = Counter(texts)
    printed: set[str] = set()
    headings: list[bool] = []
    for i, s in enumerate(texts):
        if len(kept) >= 3 and bp.opens_comments(s):
            break  # readers' comments follow the article
        if not s or s == headline or bp.is_notice(s) or bp.is_caption(s) or date_line(s):
            continue
        # A page that prints the article twice (a print copy below it), or an ad's label
        # between its paragraphs ("Don't want to see this? Remove ads"): once, or not at all.
        if s in printed or seen[s] >= 3:
            continue
        printed.add(s)
        byline = parse_byline(s) if len(s) < 120 else None
        if byline and (byline.authors or byline.emails):
            continue
        if is_prose(s) and not bp.is_furniture(s) and not is_teaser(s):
            kept.append(s)
            headings.append(False)
        elif is_title(s) and not bp.is_furniture(s):
            following = next((t for t in texts[i + 1 :] if t), "")
            if is_prose(following):
                kept.append(s)  # a section heading inside the article
                headings.append(True)
    return kept[: _teasers_start(headings)]


_TEASER_PAIRS = 3


def _teasers_start(headings: list[bool]) -> int:
    """Where a list of teasers for other articles closes the run: from the end, headline and
    one-paragraph summary, again and again ("Paukenschlag im Erzgebirge: ..." / two lines)."""
    cut, pairs, i = len(headings), 0, len(headings) - 1
    while i >= 1 and not headings[i] and headings[i - 1]:
        pairs += 1
        i -= 2
        if pairs >= _TEASER_PAIRS:
            cut = i + 1
    return cut


def parse_text(text: str, url: str | None = None, *, as_page: bool = False) -> Extracted:
    """Read a text capture. A capture of the article region is read line by line; a whole
    page (or, with as_page, any text) through the run of lines that is most prose."""
    found = Extracted(url=url)
    lines = [ln.rstrip() for ln in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    lines = [ln.replace("\u00a0", " ").replace("\u200b", "") for ln in lines]
    # Hard-wrapped paragraphs joined first: the page analysis weighs paragraphs, not the
    # pieces of one a "save as text" broke at 80 columns.
    lines = unwrap(lines)
    window = _article_window(lines, force=as_page)
    lines, page_headline = window.lines, window.headline
    whole_page = window.run is not None
    # A whole page's lower-case words, found once and only if a byline needs them.
    common = cache(lambda: _common_words(window.page or window.lines))
    if page_headline and window.printed_twice:
        found.headline = page_headline  # printed in the page header and above the article
    _crawler_header(lines, found)
    stripped = [ln.strip() for ln in lines]

    def usable(i: int) -> bool:
        s = stripped[i]
        return bool(s) and not bp.is_furniture(s)

    def next_prose(start: int) -> int | None:
        """The first usable line of prose from start on."""
        return next(
            (i for i in range(start, len(stripped)) if usable(i) and is_prose(stripped[i])), None
        )

    # The first paragraph of running text that is not a byline, a date line or an end marker,
    # nor, in a whole page, printed twice in a row (a ticker, a caption) while others are not.
    doubled = {k - window.offset for k in window.doubled}
    opening = (
        i
        for i, s in enumerate(stripped)
        if usable(i)
        and is_prose(s)
        and not bp.is_end_marker(s)
        and date_line(s) is None
        and parse_byline(s) is None
    )
    # Read only as far as the answer (every line's byline and date checks cost a tenth of a
    # page's parse): the first that is not doubled, else the first.
    first_prose = first = next(opening, None)
    while first_prose is not None and first_prose in doubled:
        first_prose = next(opening, None)
    if first_prose is None:
        first_prose = first
    header_end = first_prose if first_prose is not None else len(lines)
    deck: int | None = None
    if first_prose is not None and len(stripped[first_prose]) <= _DECK_MAX:
        # A deck under the headline reads as prose; the byline and the "Posted" line under it
        # still belong to the header: "... waterfront." / "Alan Moss" / "Posted: Apr 02, 2025".
        below = [i for i in range(first_prose + 1, len(stripped)) if usable(i)][:3]
        posted = next((i for i in below if _publication_date(date_line(stripped[i]))), None)
        if posted is not None and all(not is_prose(stripped[i]) for i in below if i < posted):
            deck, header_end = first_prose, posted + 1
            first_prose = next_prose(posted + 1)

    # Dates: a labelled "posted" line above the body wins; else the last bare date line above it.
    date_lines = [(i, m) for i in range(header_end) if (m := date_line(stripped[i]))]
    anchor: int | None = None
    labelled = False
    for i, matches in date_lines:
        if any(m.label == "posted" for m in matches):
            anchor, labelled = i, True
            break
    if anchor is None:
        bare = [i for i, matches in date_lines if all(m.label is None for m in matches)]
        if bare:
            anchor = bare[-1]
    if anchor is not None:
        _take_dates(found, dict(date_lines)[anchor], anchor=True)
    for i, matches in date_lines:
        if i != anchor:
            _take_dates(found, matches, anchor=False)
        name = name_beside_date(stripped[i], matches)
        if name:
            found.add_author(parse_byline(name + " 기자").authors[0])  # type: ignore[union-attr]

    # Headline: the title-shaped line nearest above the date, else the first one above the body.
    headline_at: int | None = None
    if not found.headline:
        if page_headline and not labelled:
            # A whole-page dump without a "Published" line: its bare dates are as likely a
            # teaser's as the article's; the headline found above the article run is surer.
            found.headline = page_headline
        elif anchor is not None:
            for i in range(anchor - 1, -1, -1):
                s = stripped[i]
                if i == deck:
                    continue
                if not usable(i) or date_line(s) or language_links(s) or bp.is_breadcrumb(s):
                    continue
                if whole_page and not _headline_shaped(s):
                    continue  # in a whole page, bylines and labels stand between too
                name = s if _bare_name(s) else _name_and_outlet(s)
                if name and any(is_title(t) for t in stripped[max(0, i - 2) : i]):
                    # A name alone under the headline is its byline without the "By".
                    if not found.authors:
                        found.add_author(Author(name))
                    continue
                if is_title(s) and parse_byline(s) is None:
                    headline_at = i
                    break
                if is_prose(s):
                    break
        else:
            for i in range(header_end):
                s = stripped[i]
                if not usable(i) or language_links(s) or bp.is_breadcrumb(s) or is_teaser(s):
                    continue
                if is_title(s) and parse_byline(s) is None and not bp.is_end_marker(s):
                    headline_at = i
                    break
        if (
            headline_at is None
            and not page_headline
            and first_prose is not None
            and is_title(stripped[first_prose])
            and word_count(stripped[first_prose]) <= 20
        ):
            # A question or exclamation for a headline reads as a sentence ("Sind wir zu sanft
            # zu Islamisten?"); with nothing title-shaped above it, it is the headline.
            headline_at = first_prose
            first_prose = next_prose(first_prose + 1)
            header_end = first_prose if first_prose is not None else len(lines)
        if headline_at is not None:
            above = next((i for i in range(headline_at - 1, -1, -1) if stripped[i]), None)
            if (
                above is not None
                and usable(above)
                and is_title(stripped[above])
                and len(stripped[above]) < len(stripped[headline_at])
                and _shares_terms(stripped[above], _terms(stripped[headline_at]))
                and parse_byline(stripped[above]) is None
            ):
                # Two titles on the same subject, one under the other: the shorter, above, is
                # the headline and the longer its deck ("Strong tornadoes possible in ..." /
                # "Strong tornadoes are possible across the central states both ...").
                found.subheadline = stripped[headline_at]
                headline_at = above
            found.headline = stripped[headline_at]
        elif page_headline:
            found.headline = page_headline  # the window cut the header off above its date

    if deck is not None and not found.subheadline:
        found.subheadline = stripped[deck]
    # A deck: one sentence printed right under the headline, in the headline's own block.
    if headline_at is not None and first_prose == headline_at + 1:
        after = first_prose + 1
        if after < len(stripped) and not stripped[after]:
            found.subheadline = stripped[first_prose]
            first_prose = next_prose(after)
            header_end = first_prose if first_prose is not None else len(lines)

    # Header furniture: language links and bylines printed above the body.
    for i in range(header_end):
        s = stripped[i]
        if not s:
            continue
        tags = language_links(s)
        if tags:
            for tag in tags:
                if tag not in found.translations:
                    found.translations.append(tag)
            continue
        if i != headline_at:
            byline = parse_byline(s)
            if byline and (byline.authors or byline.emails):
                _apply_byline(found, byline)
        found.domain_hints.extend(known_domains_in(s) if bp.is_end_marker(s) else [])

    if first_prose is None:
        return found

    # The body: prose lines until an end marker, a byline or a long run of furniture.
    paragraphs: list[str] = []
    gap = 0
    end = len(stripped)
    i = first_prose
    while i < len(stripped):
        s = stripped[i]
        if not s:
            i += 1
            continue
        if bp.is_end_marker(s) or (len(paragraphs) >= 3 and bp.opens_comments(s)):
            end = i
            break
        reporter = broadcast_reporter(s)
        if reporter:
            found.add_author(reporter)
            if s.endswith("입니다.") and "보도에" not in s and paragraphs:
                end = i + 1  # the sign-off closes a broadcast script
                break
            i += 1
            continue
        byline = parse_byline(s)
        if byline and (byline.authors or byline.emails) and paragraphs:
            end = i
            break
        if is_title(s) and i + 1 < len(stripped) and is_teaser(stripped[i + 1]):
            end = i  # a teaser for another article: headline, then a cut-off snippet
            break
        core, trailing = split_trailing_byline(s)
        if trailing and is_prose(core):
            # "...마감됐다.〈千光巖기자〉", "... (Reporting by ...)": the article ends here.
            paragraphs.append(core)
            _apply_byline(found, trailing)
            end = i + 1
            break
        if (
            is_prose(s)
            and not bp.is_furniture(s)
            and not bp.is_caption(s)
            and not bp.is_notice(s)
            and not date_line(s)
            and not (i in doubled and paragraphs and paragraphs[-1] == s)
        ):
            paragraphs.append(s)
            gap = 0
        else:
            gap += 1
            if gap >= _MAX_GAP and paragraphs:
                end = i
                break
        i += 1

    found.paragraphs = [p for p in paragraphs if p]
    if window.run is not None:
        # A whole-page dump: the article is the run found above, read with looser rules than
        # a capture's body (no stop at the first byline-like or furniture line).
        run_paragraphs = _run_paragraphs(lines, window.run, found.headline)
        if sum(map(len, run_paragraphs)) > sum(map(len, found.paragraphs)):
            found.paragraphs = run_paragraphs
        page = window.page or lines
        _drop_phrases(found, common)
        if not found.authors:
            start, stop = window.run
            run = (window.offset + start, window.offset + stop)
            printed, names = _run_authors(page, run, common)
            found.byline = found.byline or printed
            for name in names:
                found.add_author(Author(name))

    # Footer: bylines in the lines right after the body, before anything else. A "By" line
    # there, when the header had one, is a teaser's for another article.
    header_byline = bool(found.authors)
    for j in range(end, min(len(stripped), end + 12)):
        s = stripped[j]
        if not s:
            continue
        byline = parse_byline(s)
        if byline and (byline.authors or byline.emails):
            if not (header_byline and byline.authors and _BY_PREFIX.match(s)):
                _apply_byline(found, byline)
            continue
        reporter = broadcast_reporter(s)
        if reporter:
            found.add_author(reporter)
            continue
        if bp.is_end_marker(s):
            found.domain_hints.extend(known_domains_in(s))
            continue
        break
    if whole_page:
        _drop_phrases(found, common)
        if found.headline:
            found.headline = _bare_title(found.headline, window.page or lines)
    elif not as_page and (body := sum(map(len, found.paragraphs))) < _KEPT_SHARE * sum(
        len(t) for t in stripped if is_prose(t)
    ):
        # Read line by line, the article kept little of the capture's prose: it may be a page
        # after all (a short one, one whose teasers are long, one whose article a box cuts in
        # two). Read as a page, the article is the run of prose; take that when it is longer.
        as_whole = parse_text(text, url, as_page=True)
        if sum(map(len, as_whole.paragraphs)) >= _LONGER * max(1, body):
            return as_whole
    return found


def _bare_title(headline: str, page: list[str]) -> str:
    """The headline without the page furniture glued to it: a page prints its title with the
    site's name ("... | CBC News") or a breadcrumb ("Home ...") and again on its own. The
    longest line of the page that the chosen one contains, if most of it, is the title. A
    kicker joined to it ("LTE-Patent: ...") stays."""
    inner = [
        t
        for raw in page
        if (t := raw.strip()) != headline
        and len(t) >= 0.6 * len(headline)
        and t in headline
        and not headline.replace(t, "", 1).strip().endswith(":")
        and _headline_shaped(t)
    ]
    return max(inner, key=len) if inner else headline


def _drop_phrases(found: Extracted, common: Callable[[], frozenset[str]]) -> None:
    """The byline rules were made for article captures; in a whole page, "High Praise" or
    "Related Articles" pass them. Keep names only, not phrases the page prints in lower case."""
    if not found.authors or any(a.email for a in found.authors):
        return
    kept = [a for a in found.authors if not _phrase_words(a.name, common())]
    if len(kept) < len(found.authors):
        found.authors = kept
        if not kept:
            found.byline = None
