"""Names and bylines: one reader for the text and HTML paths.

`names_in` takes a string known to name the authors (a byline line the models chose, a
metadata value) and returns the people in it: "By Jane Roe and John Doe | Staff Writers |
May 2, 2025" gives two names. `read_byline` decides whether a line is a byline on its own
evidence (a by-word, an email, a Korean role) and reads it. Authors are people: outlets, desks,
teams and presenters are not, though an email printed beside them is kept with the byline.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from ..record import Author
from .dates import POSTED_LABEL, UPDATED_LABEL, find_dates
from .vocabulary import (
    BY_LABELS,
    BY_WORDS,
    DATELINE_PLACES,
    GLUED_LABEL,
    HANGUL,
    JOB_MODIFIERS,
    JOB_TITLE,
    KOREAN_NOT_NAMES,
    KOREAN_ROLES,
    KOREAN_TEAM_ENDINGS,
    NAME_JOINERS,
    NAME_PARTICLES,
    NOT_AUTHOR_ROLES,
    NOT_PEOPLE,
    NOT_PEOPLE_PHRASES,
    READING_TIME,
    WEEKDAYS,
)

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_WEB_ADDRESS = re.compile(r"\bwww\.|\bhttps?://|\b[\w-]+\.(?:com|org|net|de|fr|co\.uk|co\.kr)\b")

_ROLE_ALT = "|".join(sorted(KOREAN_ROLES, key=len, reverse=True))
_CJK_NAME = r"[\uac00-\ud7a3]{2,4}|[\u4e00-\u9fff]{2,4}"
KOREAN_BYLINE = re.compile(
    r"(?:(?P<dateline>[\uac00-\ud7a3A-Za-z]{2,10})\s*=\s*)?(?P<name>" + _CJK_NAME + r")"
    # The desk may stand between the name and the role, spaced: "이지은 경제부 기자".
    r"(?:\s+[\uac00-\ud7a3]{1,6}(?:부|팀))?\s*"
    r"(?P<role>" + _ROLE_ALT + r")(?![\uac00-\ud7a3])"
)
_NAME_WORD = (
    r"(?:[A-Z][a-z'’]*\.?|[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ'’]+(?:-[A-Za-zÀ-ÖØ-öø-ÿ'’]+)*|Mc[A-Z][a-z]+"
    r"|O['’][A-Z][a-z]+|"
    + "|".join(sorted(NAME_PARTICLES, key=len, reverse=True))
    + r"|al-[A-Z][a-z]+)"
)
# Two to four capitalised words, particles allowed between: "Ursula von der Leyen".
LATIN_NAME = re.compile(r"(?<![\w-])" + _NAME_WORD + r"(?:\s+" + _NAME_WORD + r"){1,3}(?![\w-])")

# Byline labels with their colon that open other lines too (see _COLON_LABEL).
_OTHER_LINES_LABELS = "words|authors|auteurs|autores|autori|autoren|texte|testo|tekst|текст|авторы"
_BY = re.compile(
    r"^\s*(?:(?:" + BY_LABELS + r"|" + "|".join(BY_WORDS) + r"|autor(?:in)?|author|auteur|autore"
    r"|reporter|written|text|texto|escrito por|작성자|글|автор|yazar|penulis|tác giả|लेखक"
    r"|الكاتب|phóng viên|خبرنگار|mwandishi(?: wetu)?)\b"
    r"|(?:撰文|文|haber|מאת|كتبت?|نویسنده|" + _OTHER_LINES_LABELS + r")(?=\s*[:：])"
    # "Oleh" (Indonesian, Malay) with its colon only: it also opens "Oleh karena itu".
    r"|oleh(?=\s*:)"
    # A Chinese reporter's label, spaced from the name or not: "记者 周晓明", "本报记者王伟".
    r"|(?:本报|本報)?(?:记者|記者|作者)(?=\s*[:：/／]?\s*[\u3400-\u9fff]{2,4}(?:$|[\s,，、/／|·])))"
    r"\s*[:：/／]?\s*",
    re.IGNORECASE,
)
# Labels that also open other lines ("Text: ...", "Words: ..."): the names after them must
# each be a person's.
_COLON_LABEL = re.compile(r"^\s*(?:" + _OTHER_LINES_LABELS + r")\s*[:：]", re.IGNORECASE)
_GLUED_BY = re.compile(r"^(?:[Bb]y|Von|Par|Por)(?=[A-ZÀ-Þ][a-zà-ÿ])")
# Labels a byline's line may hold after the names: of its dates (in every language dates.py
# reads them in: "Иван Петров Опубликовано: 15 марта 2024"), of a review or a check.
_LABELS = re.compile(
    r"\b(?:reviewed|fact[- ]checked|edited|date|"
    + POSTED_LABEL.pattern
    + "|"
    + UPDATED_LABEL.pattern
    + r")\b\s*[:：]?"
    r"|(?-i:\b(?:on|am)\b)",  # "... on May 2", "... am 2. Mai": lower case only
    re.IGNORECASE,
)
_SPLIT = re.compile(
    r"\s*(?:[,;|/／&·•⋅∙◦▪‧・、ㆍ\n]|\s[-–—]\s|\b(?:" + NAME_JOINERS + r")\b)\s*"
    r"|\s+(?=In\s[A-Z])",  # "By Jane Roe In Travel": the section the post is filed in
)
_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]|〈[^〉]*〉|<[^>]*>")
_DIGIT = re.compile(r"\d")
_WEEKDAY = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|montag|dienstag|mittwoch"
    r"|donnerstag|freitag|samstag|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\b"
    r"|\b(?-i:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b",
    re.IGNORECASE,
)
# Who edited, reviewed, checked or photographed an article did not write it.
_NOT_AUTHORS = re.compile(
    r"\b(?:(?:edited|reviewed|fact[- ]checked|checked|photos?|photographs?|illustrations?"
    r"|graphics|produced|translated|medically reviewed)\s+by|redigiert von|fotos? von"
    r"|bearbeitet von)\b"
    # "By Jane Roe for The Daily Bugle": the outlet the author wrote for, not an author.
    r"|\s(?:for|FOR)\s+(?:the|THE)\s+(?-i:[A-Z])",
    re.IGNORECASE,
)
_IN_SECTION = re.compile(r"^\s*(?:In|Filed under|Categories|Category|Tags?)\b[: ]")
_HANGUL_NAME = re.compile(f"^[{HANGUL}]{{2,4}}$")
_HANGUL_ANY = re.compile(f"[{HANGUL}]")
_HAN_OR_HIRAGANA = re.compile("[\u3040-\u309f\u3400-\u9fff]")  # katakana names are long
_CJK_SENTENCE_MARK = re.compile("[、。，！？：（）「」『』【】《》〈〉]")  # and brackets
_HIRAGANA_WORD = re.compile("[\u3040-\u309f]+")  # "また": a word of the sentence
# Five kana after kanji are a clause's ending ("鉄道会社によりますと"), not a given name.
_LONG_KANA_RUN = re.compile("[\u3040-\u309f]{5}")
# "国土交通省は": a subject, not a name: a particle right after kanji, at the end (a given
# name in kana may end in one: まこと).
_SUBJECT = re.compile("[\u3400-\u9fff][はがのをにでともへ]$")
# Hiragana before kanji: words of a clause ("線路に雪が"); a name in hiragana is a given name,
# written last.
_KANA_THEN_HAN = re.compile("[\u3040-\u309f][\u3400-\u9fff]")
_CJK = re.compile(r"[\uac00-\ud7a3\u4e00-\u9fff]")
_ACRONYM = re.compile(r"^(?:[A-Z0-9]{2,6}\s+)+(?=[\uac00-\ud7a3]{2,4}$)")


@dataclass
class Byline:
    text: str
    authors: list[Author] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)


_LETTER = re.compile(r"[^\W\d_]")


# Marks no name holds; a word holds one small letter before a capital at most ("McKay",
# "DeShawn"): more is words run together.
_NOT_IN_NAME = re.compile(r"[!?|:;]")
_CAMEL = re.compile(r"[a-z][A-Z]")


def is_person(name: str, site: str | None = None) -> bool:
    """Shaped like a person's name: a few words, no digits, no outlet, desk or label word."""
    words = name.split()
    if not 1 <= len(words) <= 5 or len(name) > 60 or _DIGIT.search(name):
        return False
    if len(name.strip()) < 2:
        return False  # one letter: an initial or a marker (Arabic م, p.m.), never a name
    if _HANGUL_NAME.match(name):
        return (
            not name.endswith(KOREAN_TEAM_ENDINGS)
            and name not in KOREAN_NOT_NAMES
            and not _language_named(name)  # "한국어": a language link
        )
    if _HANGUL_ANY.search(name):
        return False  # a Korean name is one word of two to four syllables
    if _HAN_OR_HIRAGANA.search(name) and (
        len("".join(words)) > 10
        or _CJK_SENTENCE_MARK.search(name)
        or (len(name) <= 3 and _HIRAGANA_WORD.fullmatch(name))
        or _SUBJECT.search(name)
        or (_LONG_KANA_RUN.search(name) and not _HIRAGANA_WORD.fullmatch(name))
        or _KANA_THEN_HAN.search(name)
    ):
        return False  # a Japanese or Chinese name is a few characters, never a clause
    if "@" in name or _WEB_ADDRESS.search(name):
        return False
    if not all(_LETTER.search(w) for w in words):
        return False  # "* For": a bullet is no part of a name
    if _NOT_IN_NAME.search(name) or any(len(_CAMEL.findall(w)) > 1 for w in words):
        return False  # "Book Online!", "Topics: Energy", a menu's words run together
    lowered = [w.strip(".,'’").lower() for w in words]
    if any(w in NOT_PEOPLE for w in lowered) or lowered[0] in BY_WORDS:
        return False
    joined = " ".join(lowered)
    if any(phrase in joined for phrase in NOT_PEOPLE_PHRASES):
        return False
    if len(words) == 1 and (name.islower() or lowered[0] in WEEKDAYS or _language_named(name)):
        return False  # "admin": a login; "Selasa": a date's weekday; "中文": a language link
    # "Please enter your name here": a sentence, not a name (an all-lower-case name passes).
    lower = [w for w in words if w[:1].islower() and w.lower() not in NAME_PARTICLES]
    if lower and lower != words:
        return False
    if site and name.lower() in site.lower():
        return False
    if name.lower() in DATELINE_PLACES:
        return False  # "New York": a place a byline names
    return not (len(words) == 1 and name.isupper() and len(name) <= 5)  # "AFP", "dpa"


def _language_named(word: str) -> bool:
    from .language import language_of_name  # language.py is not needed to read most names

    return language_of_name(word) is not None


_LOGINS = frozenset(
    {"admin", "administrator", "webmaster", "guest", "anonymous", "unknown", "user"}
)


def _is_signature(part: str) -> bool:
    """What a "By" signs when it is not a person: a team, a desk, an outlet ("By the Lavazza
    Team", "by whova"). The by-word says it is the author; a login is not."""
    words = part.split()
    return (
        1 <= len(words) <= 4
        and len(part) <= 40
        and not _DIGIT.search(part)
        and "@" not in part
        and not _WEB_ADDRESS.search(part)
        and not any(w.lower() in _LOGINS for w in words)
        and not _HANGUL_ANY.search(part)
    )


# A weekday's short name printed before a date that starts with its day: "Do 9 Apr 2020",
# "lun. 3 mars 2025". Only after a name of two words or more: "Do" and "Mar" are surnames too.
_WEEKDAY_BEFORE = re.compile(
    r"\s(?:Mo|Di|Mi|Do|Fr|Sa|So|(?:lun|mar|mer|jeu|ven|sam|dim|mié|jue|vie|sáb|dom)\.),?\s*$",
    re.IGNORECASE,
)
_CAPITALISED = re.compile(r"(?<!\w)[^\W\d_a-z]\w+")


def _strip_dates(text: str) -> str:
    for m in reversed(find_dates(text)):
        before = text[: m.start]
        if text[m.start : m.start + 1].isdigit():
            kept = _WEEKDAY_BEFORE.sub("", before)
            named = [w for w in _CAPITALISED.findall(_BY.sub("", kept)) if len(w) > 1]
            before = kept if len(named) >= 2 else before
        text = before + " | " + text[m.end :]
    return _WEEKDAY.sub(" | ", READING_TIME.sub(" | ", text))


_BEAT_JOINERS = frozenset({"of", "for", "in", "on", "at"})


_JAPANESE_ROLES = {"記者": "reporter", "特派員": "correspondent", "編集委員": "senior writer"}
# A name in kanji (々 repeats one: 佐々木), its given name perhaps in kana (山田さくら).
_JAPANESE_ROLE = re.compile(
    r"([\u3400-\u9fff\u3005][\u3400-\u9fff\u3005\u3040-\u30ff]{1,6})\s*("
    + "|".join(_JAPANESE_ROLES)
    + r")"
)
# A Japanese or Chinese desk printed before the name, spaced from it: "経済部　佐藤花子".
# Two characters at least before the ending, and a name of two after: 阿部, 服部, 小室 are
# surnames ("阿部 寛").
_CJK_DESK = re.compile(r"^[\u3400-\u9fff]{2,5}(?:部|局|課|班|室|組)\s+(?=[\u3400-\u9fff]{2})")
# What signs as an agency or a paper, not a person: 共同通信記者, 中央社記者.
_NEWSROOM_ENDINGS = ("通信", "新聞", "社", "放送", "テレビ")


def _clean_part(part: str) -> tuple[str, str | None]:
    """A byline's part as the name it prints, and the job title printed with it, if any:
    "Jane Roe Senior Writer" -> ("Jane Roe", "Senior Writer")."""
    part = _ACRONYM.sub("", _GLUED_BY.sub("", part.strip()))  # "YTN 오인석" -> "오인석"
    part = _CJK_DESK.sub("", part)  # "経済部 佐藤花子" -> "佐藤花子"
    for _ in range(2):  # "Written by: Jane Roe", "Text: Von Jane Roe"
        part = _BY.sub("", part, count=1).strip()
    role = None
    japanese = _JAPANESE_ROLE.fullmatch(part)
    if japanese:  # "山田太郎記者": Japanese writes the title after the name, unspaced
        name = japanese.group(1)
        role = _JAPANESE_ROLES[japanese.group(2)]
        return ("" if name.endswith(_NEWSROOM_ENDINGS) else name), role
    cut = JOB_TITLE.search(part)
    if cut:  # "Jane Roe Senior Writer" -> "Jane Roe"
        title = _title(part, cut.start())
        part = part[: cut.start()] if cut.start() > 0 else ""
        words = part.split()
        qualifiers: list[str] = []
        # "Jane Roe North of England" (correspondent): the beat is the word before "of" on.
        beat = next((k for k, w in enumerate(words) if w in _BEAT_JOINERS), 0)
        if beat >= 3:
            qualifiers, words = words[beat - 1 :], words[: beat - 1]
        while len(words) > 2 and words[-1].lower() in JOB_MODIFIERS:
            qualifiers.insert(0, words.pop())  # "Jane Roe Parliamentary" (editor)
        if all(w.lower().strip(".,") in JOB_MODIFIERS for w in words):
            qualifiers = words + qualifiers  # "Senior Review" (Analyst): no name
            words = []
        part = " ".join(words)
        role = " ".join([*qualifiers, title]) if title else None
    return _said_once(part.strip(" -–—:.,'\"“”")), role


def _said_once(part: str) -> str:
    """A name printed twice in a row, as an avatar's text and its link give it: "Jane Roe Jane
    Roe" -> "Jane Roe"."""
    words = part.split()
    half = len(words) // 2
    if half and len(words) % 2 == 0 and words[:half] == words[half:]:
        return " ".join(words[:half])
    return part


def _title(part: str, start: int) -> str | None:
    """The job title that begins at `start` and ends the part ("Chief Political
    Correspondent", "Editor-in-Chief"); None where more follows it (a label, "Editor: Jane
    Roe"; a section, "Editor's Picks"; a body, "Writers Guild of America")."""
    words = part[start:].split()
    for i, word in enumerate(words):
        if i and word.startswith("@"):
            words = words[:i]  # "Staff Writer @janeroe"
            break
        if i and word in _TITLE_ENDS:
            # "Editor in Chief", "Director of Photography", "Correspondent in Beijing": a
            # word or two more, as printed; a longer tail ("at the Example Times") is cut.
            rest = [w.strip(",.;") for w in words[i + 1 :]]
            if not 1 <= len(rest) <= 2 or not all(w[:1].isupper() and w.isalpha() for w in rest):
                words = words[:i]
            break
        bare = word.strip(",.;")
        if i and bare.lower() not in JOB_MODIFIERS and not JOB_TITLE.fullmatch(bare):
            return None
        if not bare.replace("-", "").isalpha():
            return None
    return " ".join(words).strip(",.;") or None


# Words after which a job title goes on with where or for whom the job is done.
_TITLE_ENDS = frozenset({"in", "at", "of", "for", "with", "on", "based"})


# Names that share the role after the last of them: "김철수·박영희·최민준 기자".
_SHARED_ROLE = re.compile(f"((?:[{HANGUL}]{{2,4}}\\s*[·ㆍ,、]\\s*)+)$")
_NAME_SEPARATORS = re.compile(r"\s*[·ㆍ,、]\s*")


# What a byline credits besides a reporter ("사진·김철수 기자": the photo is his too), and the
# particles no name ends in ("서울시는, ...").
_KOREAN_CREDITS = frozenset({"사진", "정리", "취재", "영상", "그래픽", "편집", "자료", "글", "촬영",
                             "디자인", "인터뷰", "진행", "구성", "번역"})  # fmt: skip
_PARTICLE_ENDINGS = ("는", "를", "을", "의", "에", "와", "과", "도", "로")


def _shares_role(name: str) -> bool:
    """Whether a word set before a reporter with a separator is another reporter's name: a
    person's (no desk, no label word), not a role, a credit or a word with its particle."""
    return (
        is_person(name)
        and name not in KOREAN_ROLES
        and name not in _KOREAN_CREDITS
        and not (len(name) > 2 and name.endswith(_PARTICLE_ENDINGS))
    )


# Where a byline's reporter filed from, after the name: "Jane Roe in Kyiv".
_FILED_IN = re.compile(
    r"\s+(?:in|from|reporting from)\s+"
    r"(?P<place>[A-Z][\w'’.-]+(?:\s+(?:(?:de|da|do|del|es)\s+)?[A-Z][\w'’.-]+){0,3})$"
)


def _is_place(name: str) -> bool:
    """A place "in" or "from" names, not a publication ("from The New York Times")."""
    words = name.lower().split()
    return name.lower() in DATELINE_PLACES or not (
        words[0] == "the" or any(w in NOT_PEOPLE for w in words)
    )


# Where a Chinese byline's reporter filed from, after the names: "記者陳美玲／台北報導".
_FILED_FROM = re.compile(r"\s*[/／]\s*([\u3400-\u9fff]{2,6}?)(?:報導|报道|報道)(?=\s|$)")


@lru_cache(maxsize=8192)
def _names_in(text: str, site: str | None) -> tuple[Author, ...]:
    filed = _FILED_FROM.search(text)
    if filed:
        named = _names_in(text[: filed.start()], site)
        return tuple(replace(a, dateline=a.dateline or filed.group(1)) for a in named)
    korean = list(KOREAN_BYLINE.finditer(text))
    if korean:
        authors: list[Author] = []
        after = 0  # the end of the last reporter read: a run of names starts after it
        for m in korean:
            start, after = after, m.end()
            if m.group("name").endswith(KOREAN_TEAM_ENDINGS):
                continue
            title = KOREAN_ROLES[m.group("role")]
            shared = _SHARED_ROLE.search(text, start, m.start("name"))
            if shared is not None and m.group("dateline") is None:
                for name in _NAME_SEPARATORS.split(shared.group(1)):
                    if _shares_role(name):
                        authors.append(Author(name, None, title))
            authors.append(Author(m.group("name"), None, title, m.group("dateline")))
        return tuple(authors)
    text = GLUED_LABEL.sub(" | ", EMAIL.sub(" | ", text))
    cut = _NOT_AUTHORS.search(text)
    if cut:  # "By Jane Roe. Edited by Tom Reed": the editor is no author
        text = text[: cut.start()]
    if _WEB_ADDRESS.search(text) and not _BY.match(text):
        return ()  # an outlet signs with its address: "Deutsche Welle (www.dw.com)"
    text = _BRACKETS.sub(" | ", _strip_dates(text))
    text = _LABELS.sub(" | ", text)
    names: list[str] = []
    roles: dict[str, str] = {}  # a name's job title, printed beside it or in the next part
    datelines: dict[str, str] = {}  # where a name filed from
    for raw in _SPLIT.split(text):
        if _IN_SECTION.match(raw):
            break  # "By Jane Roe In Travel, Travel Tips": the sections the post is filed in
        signed = bool(_BY.match(raw) or _GLUED_BY.match(raw.strip()))
        part, role = _clean_part(raw)
        if not part:
            # "By Jane Roe, Staff Reporter": the last name's; a plural one ("Staff Writers")
            # every name's before it that has none.
            if role:
                for name in names if role.lower().endswith("s") else names[-1:]:
                    roles.setdefault(name, role)
            continue
        if part in names:
            continue
        if part.lower() in DATELINE_PLACES:
            for name in names:
                datelines.setdefault(name, part)  # "By Jane Roe and Tom Reed, New York"
            continue
        filed = _FILED_IN.search(part)
        place = None
        if filed and is_person(part[: filed.start()], site):
            # "Jane Roe in Kyiv"; "Jane Roe from The Daily Bugle": the outlet, no place.
            part, place = part[: filed.start()], filed.group("place")
            place = place if _is_place(place) else None
        if is_person(part, site) or (signed and _is_signature(part)):
            names.append(part)
            if role:
                roles[part] = role
            if place:
                datelines[part] = place
    # A lone capitalised word beside full names is a dateline or a desk ("Anna Martel, Nairobi").
    if any(len(n.split()) > 1 for n in names):
        kept: list[str] = []
        for n in names:
            if len(n.split()) > 1 or n.islower() or _HANGUL_NAME.match(n):
                kept.append(n)
            elif n in roles and kept and kept[-1] not in roles:
                roles[kept[-1]] = f"{n} {roles[n]}"  # "Jane Roe, Nordic Correspondent"
        names = kept
    return tuple(Author(n, None, roles.get(n), datelines.get(n)) for n in names)


# Brackets a whole byline is set in: full-width ones in CJK pages, and in read_byline (which
# needs a by-word, an email or a CJK name inside) ASCII ones too.
_FULL_WIDTH_ENCLOSING = frozenset({"（）", "【】", "〔〕"})
_ENCLOSING = _FULL_WIDTH_ENCLOSING | {"()", "[]"}


def names_in(text: str, site: str | None = None) -> list[Author]:
    """The people a byline or an author field names, as printed, in order."""
    if len(text) > 300:
        return []
    text = text.strip()
    if text[:1] + text[-1:] in _FULL_WIDTH_ENCLOSING:
        text = text[1:-1]  # "（本报记者 张伟）": a CJK byline set in brackets
    # A name never runs over a line break: the line after a byline is something else.
    lines = (" ".join(line.split()) for line in text.splitlines())
    return list(_names_in("\n".join(line for line in lines if line), site))


_PARTS = re.compile(r"\s*[|·•⋅]\s*|\s[-–—]\s")


def byline_part(text: str, names: list[str]) -> str:
    """The part of a printed line that is the byline: "von Anna Berger · Veröffentlicht am
    8. November 2021" -> "von Anna Berger". Parts are cut at the line's separators; those that
    hold a name are kept. Dates after the last name go, with their labels, separators or not
    ("김민수 기자 입력 2024.12.03 10:12" -> "김민수 기자")."""
    parts = [p for p in _PARTS.split(text) if p.strip()]
    if len(parts) >= 2 and names:
        kept = [p.strip() for p in parts if any(n in p for n in names)]
        if kept and len(kept) < len(parts):  # every part a name's: the line as printed
            text = " · ".join(kept)
    return _before_dates(text, names)


# A date's label left at the end of a byline cut before the date: "입력", "Published on".
_TRAILING_LABEL = re.compile(
    rf"(?:{POSTED_LABEL.pattern}|{UPDATED_LABEL.pattern})\s*(?:on|am|at|:)?\s*$", re.IGNORECASE
)


def _before_dates(text: str, names: list[str]) -> str:
    """The text up to its first date, when every name is printed before it."""
    dates = find_dates(text) if names else []
    if not dates:
        return text
    first = min(d.start for d in dates)
    ends = [text.find(n) + len(n) for n in names if n in text]
    if not ends or max(ends) > first:
        return text
    head = _TRAILING_LABEL.sub("", text[:first]).rstrip(" ,;:|·•-–—(")
    return head or text


def emails_in(text: str) -> list[str]:
    return EMAIL.findall(text)


@lru_cache(maxsize=8192)
def read_byline(line: str) -> Byline | None:
    """A line that is a byline on its own evidence, read; else None.

    Evidence: a Korean name with its role ("문병기 특파원"), an email beside at most a few
    words, or a by-word ("By", "Von", "Written by") before names. Cached and shared: callers
    read the result and never change it.
    """
    text = line.strip().lstrip("/").strip()
    if text[:1] + text[-1:] in _ENCLOSING:  # "（本报记者 张伟）": a byline set in brackets
        inside = _read_byline(text[1:-1].strip())
        return replace(inside, text=text) if inside else None
    return _read_byline(text)


# A Japanese newspaper's dateline and reporters: "ニューヨーク＝鈴木一郎、田中美咲" (the place
# the story was filed from, an equals sign, the names in kanji set apart by 、 or ・).
_JAPANESE_PLACE_BYLINE = re.compile(
    r"(?P<place>[\u30a0-\u30ff\u4e00-\u9fff]{2,12})\s*[＝=]\s*"
    r"(?P<names>[\u4e00-\u9fff々]{2,6}(?:\s*[、・]\s*[\u4e00-\u9fff々]{2,6}){0,5})"
)


# What signs a Japanese story that is no reporter: a wire agency or a paper ("共同", "時事",
# "新華社", "読売新聞", "NHK放送").
_JAPANESE_NOT_PEOPLE = ("共同", "時事", "社", "新聞", "通信", "放送")


def _read_byline(text: str) -> Byline | None:
    if not text or len(text) > 120:
        return None
    filed = _JAPANESE_PLACE_BYLINE.fullmatch(text)
    if filed:
        names = [
            n
            for n in re.split(r"\s*[、・]\s*", filed["names"])
            if not n.endswith(_JAPANESE_NOT_PEOPLE)
        ]
        if not names:
            return None  # "ワシントン＝共同": a wire agency, no reporter
        return Byline(text, [Author(n, None, None, filed["place"]) for n in names], [])
    # The evidence a byline needs: an email, a Korean or Chinese name with its role, a by-word.
    if "@" not in text and not _CJK.search(text) and not (_BY.match(text) or _GLUED_BY.match(text)):
        return None
    lowered = text.lower()
    if any(mark in lowered for mark in ("copyright", "©", "제보", "이메일 :", "contact ", "무단")):
        return None
    emails = EMAIL.findall(text)
    rest = " ".join(_BRACKETS.sub(" ", EMAIL.sub(" ", text)).split()).strip(" ,;:/")
    korean = list(KOREAN_BYLINE.finditer(rest))
    if korean:
        leftover = KOREAN_BYLINE.sub(" ", rest).strip(" ,·/")
        if len(leftover) > 20:
            return None  # a sentence that mentions a reporter
        authors = names_in(rest)
        return Byline(text, with_their_email(authors, emails, text), emails)
    if any(role in rest for role in NOT_AUTHOR_ROLES):
        return None
    words = rest.split()
    if emails:
        if not words:
            return Byline(text, [], emails)
        if len(words) > 6:
            return None
        hangul = re.findall(f"[{HANGUL}]{{2,4}}", rest)
        latin = [w for w in words if not re.fullmatch(r"[A-Z0-9]{2,6}", w)]  # drop "YTN"
        if hangul and len(hangul) == len(latin):
            names = [h for h in hangul if not h.endswith(KOREAN_TEAM_ENDINGS)]
            authors = [Author(n) for n in names]
        else:
            authors = names_in(" ".join(latin))
        return Byline(text, with_their_email(authors, emails, text), emails)
    if (_BY.match(text) or _GLUED_BY.match(text)) and len(words) <= 14:
        authors = names_in(text)
        if _COLON_LABEL.match(text) and not all(is_person(a.name) for a in authors):
            return None  # "Texte: La loi a été adoptée": a label, then a sentence
        if authors:
            return Byline(text, authors, [])
    return None


def with_their_email(authors: list[Author], emails: Sequence[str], text: str) -> list[Author]:
    """One author without an address and one address printed in `text` with nobody named
    between them: the address is the author's. Otherwise the authors as they are."""
    one = len(authors) == 1 and len(emails) == 1 and authors[0].email is None
    if one and email_is_theirs(text, authors[0], emails[0]):
        return [_with_email(authors[0], emails[0])]
    return authors


def email_is_theirs(text: str, author: Author, email: str) -> bool:
    """Whether the one email of a byline with one author is that author's: nobody else is
    named between the name and the address ("Jane Roe, with Omar Haddad omar@..." is Omar's,
    "김민수 기자·사진 이지은 jieun@..." the photographer's)."""
    at, mail = text.find(author.name), text.find(email)
    if at < 0 or mail < 0:
        return True
    start, end = (at + len(author.name), mail) if at < mail else (mail + len(email), at)
    between = text[start:end]
    others = _CAPITALISED.findall(between) + re.findall(f"[{HANGUL}]{{2,4}}", between)
    return not [w for w in others if w.lower() not in _NOT_A_NAME_BETWEEN]


# Words a byline prints between a name and its address that name nobody.
_NOT_A_NAME_BETWEEN = frozenset(
    {"기자", "특파원", "기자의", "논설위원", "객원기자", "인턴기자", "email", "e-mail", "mail",
     "contact", "staff", "reporter", "writer", "editor", "correspondent"}
)  # fmt: skip


def _with_email(author: Author, email: str) -> Author:
    return Author(author.name, email, author.role, author.dateline)


# "박석호 기자가 보도합니다." / "보도에 구병회 기자입니다." / "KBS 뉴스 박석호입니다."
BROADCAST_INTRO = re.compile(
    r"^(?:.{0,20}\s)?(?P<name>[\uac00-\ud7a3]{2,4})\s*기자(?:가|입니다)\b.*(?:보도합니다|입니다)\.?$"
    r"|^보도에\s+(?P<name2>[\uac00-\ud7a3]{2,4})\s*기자입니다\.?$"
)
BROADCAST_SIGNOFF = re.compile(
    r"^(?:[A-Z]{2,6}|[\uac00-\ud7a3]{1,6})\s*뉴스\s+(?P<name>[\uac00-\ud7a3]{2,4})입니다\.?$"
)


def broadcast_reporter(line: str) -> Author | None:
    """The reporter a broadcast script names in its intro or sign-off line."""
    text = line.strip()
    m = BROADCAST_INTRO.match(text) or BROADCAST_SIGNOFF.match(text)
    if not m:
        return None
    name = m.groupdict().get("name") or m.groupdict().get("name2")
    return Author(name, None, "reporter", None) if name else None


# A Korean wire story opens with its dateline and its reporters: "(서울=통신사) 김철수 박영희
# 기자 = 북한이 …" (brackets of any shape). Before the role and the "=", a run of names
# separated by spaces or dots: in this place each is a reporter sharing the role.
_WIRE_OPENING = re.compile(
    r"^\s*[(\[【〔<]\s*[\uac00-\ud7a3]{1,8}\s*=\s*[^()\[\]【】〔〕<>=]{1,20}[)\]】〕>]\s*"
    r"(?P<names>[\uac00-\ud7a3]{2,4}(?:\s*[·ㆍ,、]\s*[\uac00-\ud7a3]{2,4}|\s+[\uac00-\ud7a3]{2,4}){0,5})"
    rf"\s*(?P<role>{_ROLE_ALT})\s*="
)


def wire_byline(paragraph: str) -> Byline | None:
    """The byline a Korean wire story's opening prints (see _WIRE_OPENING): its reporters,
    and their names and role as printed."""
    m = _WIRE_OPENING.match(paragraph)
    if not m:
        return None
    names = re.split(r"\s*[·ㆍ,、]\s*|\s+", m.group("names"))
    if not all(is_person(name) for name in names):
        return None
    role = KOREAN_ROLES[m.group("role")]
    printed = paragraph[m.start("names") : m.end("role")]
    return Byline(printed, [Author(name, None, role, None) for name in names], [])


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
    """A byline glued to the end of the last paragraph: "...마감됐다.〈千光巖기자〉",
    "... (Reporting by Jane Roe; Editing by John Doe)". Only the tail is searched."""
    offset = max(0, len(paragraph) - 120)
    has_hangul = _HANGUL_TAIL.search(paragraph, offset) is not None
    m = _TRAILING_KOREAN.search(paragraph, offset) if has_hangul else None
    if m and m.start() > 0 and re.search(r"[.!?。”\"'’)]\s*$", paragraph[: m.start()]):
        return paragraph[: m.start()].rstrip(), read_byline(m.group("byline"))
    if not paragraph.rstrip().endswith(")"):
        return paragraph, None
    credit = _TRAILING_CREDIT.search(paragraph, max(0, len(paragraph) - 260))
    if credit and credit.start() > 0:
        inner = credit.group(0).strip()[1:-1]
        reporting = re.search(r"(?:Reporting|Writing) by ([^;]+)", inner)
        authors = names_in(reporting.group(1)) if reporting else []
        authors = [Author(a.name, None, "reporter") for a in authors]
        return paragraph[: credit.start()].rstrip(), Byline(inner, authors, [])
    return paragraph, None
