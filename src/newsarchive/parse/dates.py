"""Date lines in the forms news pages print them, in English and Korean.

A printed date becomes a `Stamp`: the wall-clock fields as printed plus an explicit offset when the
page states one. `Stamp.iso(zone)` gives ISO 8601 with the publisher's offset; without a time zone
we give the day alone rather than a naive or silently-UTC time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone, tzinfo
from functools import lru_cache

# Month names in the languages the archive meets most, mapped to their numbers. Abbreviations are
# the first three letters (or four, where three would be ambiguous).
_MONTH_NAMES: dict[int, tuple[str, ...]] = {
    1: (
        "january",
        "jan",
        "januar",
        "janvier",
        "janv",
        "enero",
        "ene",
        "gennaio",
        "genn",
        "janeiro",
        "januari",
        "stycznia",
        "styczeń",
        "января",
        "январь",
        "ocak",
        "tammikuuta",
        "januára",
        "ledna",
        "gener",
        "ianuarie",
        "január",
        "січня",
        "siječnja",
        "ιανουαρίου",
        "sausio",
        "tammikuu",
    ),
    2: (
        "february",
        "feb",
        "februar",
        "février",
        "fevrier",
        "févr",
        "fev",
        "febrero",
        "febbraio",
        "fevereiro",
        "februari",
        "lutego",
        "luty",
        "февраля",
        "февраль",
        "şubat",
        "helmikuuta",
        "února",
        "febrer",
        "februarie",
        "február",
        "лютого",
        "veljače",
        "φεβρουαρίου",
    ),
    3: (
        "march",
        "mar",
        "märz",
        "maerz",
        "mars",
        "marzo",
        "março",
        "marco",
        "maart",
        "marca",
        "marzec",
        "марта",
        "март",
        "mart",
        "maaliskuuta",
        "března",
        "març",
        "maret",
        "martie",
        "március",
        "березня",
        "ožujka",
        "μαρτίου",
        "marts",
    ),
    4: (
        "april",
        "apr",
        "avril",
        "avr",
        "abril",
        "abr",
        "aprile",
        "kwietnia",
        "kwiecień",
        "апреля",
        "апрель",
        "nisan",
        "huhtikuuta",
        "dubna",
        "abril",
        "aprilie",
        "április",
        "квітня",
        "travnja",
        "απριλίου",
    ),
    5: (
        "may",
        "mai",
        "mayo",
        "maggio",
        "mag",
        "maio",
        "mei",
        "maja",
        "maj",
        "мая",
        "май",
        "mayıs",
        "toukokuuta",
        "května",
        "maig",
        "május",
        "травня",
        "svibnja",
        "μαΐου",
        "maijs",
    ),
    6: (
        "june",
        "jun",
        "juni",
        "juin",
        "junio",
        "giugno",
        "giu",
        "junho",
        "czerwca",
        "czerwiec",
        "июня",
        "июнь",
        "haziran",
        "kesäkuuta",
        "června",
        "juny",
        "iunie",
        "június",
        "червня",
        "lipnja",
        "ιουνίου",
    ),
    7: (
        "july",
        "jul",
        "juli",
        "juillet",
        "juil",
        "julio",
        "luglio",
        "lug",
        "julho",
        "lipca",
        "lipiec",
        "июля",
        "июль",
        "temmuz",
        "heinäkuuta",
        "července",
        "juliol",
        "iulie",
        "július",
        "липня",
        "srpnja",
        "ιουλίου",
    ),
    8: (
        "august",
        "aug",
        "août",
        "aout",
        "agosto",
        "ago",
        "augustus",
        "sierpnia",
        "sierpień",
        "августа",
        "август",
        "ağustos",
        "elokuuta",
        "srpna",
        "agost",
        "agustus",
        "augusti",
        "augusztus",
        "серпня",
        "kolovoza",
        "αυγούστου",
    ),
    9: (
        "september",
        "sep",
        "sept",
        "septembre",
        "septiembre",
        "setiembre",
        "settembre",
        "set",
        "setembro",
        "września",
        "wrzesień",
        "сентября",
        "сентябрь",
        "eylül",
        "syyskuuta",
        "září",
        "setembre",
        "septembrie",
        "szeptember",
        "вересня",
        "rujna",
        "σεπτεμβρίου",
    ),
    10: (
        "october",
        "oct",
        "oktober",
        "okt",
        "octobre",
        "octubre",
        "ottobre",
        "ott",
        "outubro",
        "out",
        "października",
        "październik",
        "октября",
        "октябрь",
        "ekim",
        "lokakuuta",
        "října",
        "octubre",
        "octombrie",
        "október",
        "жовтня",
        "οκτωβρίου",
    ),
    11: (
        "november",
        "nov",
        "novembre",
        "noviembre",
        "novembro",
        "listopada",
        "listopad",
        "ноября",
        "ноябрь",
        "kasım",
        "marraskuuta",
        "listopadu",
        "noiembrie",
        "листопада",
        "studenoga",
        "studenog",
        "νοεμβρίου",
    ),
    12: (
        "december",
        "dec",
        "dezember",
        "dez",
        "décembre",
        "decembre",
        "déc",
        "diciembre",
        "dic",
        "dicembre",
        "dezembro",
        "grudnia",
        "grudzień",
        "декабря",
        "декабрь",
        "aralık",
        "joulukuuta",
        "prosince",
        "desembre",
        "desember",
        "decembrie",
        "грудня",
        "prosinca",
        "δεκεμβρίου",
    ),
}
_MONTHS = {name: number for number, names in _MONTH_NAMES.items() for name in names}
_MONTH = (
    r"(?P<mon>"
    + "|".join(re.escape(n) for n in sorted(_MONTHS, key=len, reverse=True))
    + r")(?![^\W\d_])"
)
_TIME = (
    r"(?:(?P<ampm1>오전|오후|午前|午後|AM|PM)\s*)?(?P<h>\d{1,2})\s*[:시時h]\s*(?P<mi>\d{2})(?:\s*[분分])?"
    r"(?::(?P<s>\d{2}))?(?:\s*(?P<ampm2>[AaPp]\.?[Mm]\.?)(?![a-z]))?"
)
_ZONE = r"(?:\s*\(?(?P<zone>KST|JST|UTC|GMT|Z|[+-]\d{2}:?\d{2})\)?(?![A-Za-z]))?"
# Between a date and its time: spaces, commas, bars, slashes, "at", an opening parenthesis.
_GAP = r"(?:\s*(?:[,|/·-]|at|um|à|a las|alle|kl\.?|klo|в|\(|T)?\s*)"

_NUMERIC = (
    r"(?<![\d.])(?P<y>(?:19|20)\d{2})\s*(?:[-./]|년|年)\s*(?P<m>\d{1,2})\s*(?:[-./]|월|月)\s*"
    r"(?P<d>\d{1,2})(?![\d])(?:\s*[일日])?\.?(?:\s*[(（][월화수목금토일月火水木金土日][)）])?"
)
# A year may run into the time after it where a page's elements are copied without a space
# between them ("October 17, 20236:01 PM"): the year ends where a clock time begins.
_YEAR_END = r"(?:(?!\d)|(?=\d{1,2}:\d{2}))"
_MONTH_FIRST = (
    r"(?<![^\W\d_])" + _MONTH + r"\.?\s*(?P<d>\d{1,2})(?:st|nd|rd|th)?\s*,?\s*"
    r"(?P<y>(?:19|20)\d{2})" + _YEAR_END
)
_DAY_FIRST = (
    r"\b(?P<d>\d{1,2})(?:st|nd|rd|th|er|º|°)?\.?(?:\s*|-)(?:de\s+|of\s+)?"
    + _MONTH
    + r"\.?(?:,?\s*|-)(?:de\s+|del\s+)?(?P<y>(?:19|20)\d{2})"
    + _YEAR_END
)
# 2025. november 8., 2025 Nov 8: the year first, then the month's name.
_YEAR_FIRST_NAMED = (
    r"(?<![\d.])(?P<y>(?:19|20)\d{2})\.?,?\s+" + _MONTH + r"\.?\s+(?P<d>\d{1,2})(?![\d])\.?"
)
# 08.11.25, 8/11/25: a two-digit year, read as this century.
_NUMERIC_SHORT_YEAR = (
    r"(?<![\d.:/])(?P<d>\d{1,2})(?P<sep>[./])(?P<m>\d{1,2})(?P=sep)(?P<yy>[0-3]\d)(?![\d.:/])"
)
# 08.11.2021, 8/11/2021: day first unless the numbers say otherwise (see _stamp).
_NUMERIC_DAY_FIRST = (
    r"(?<![\d.])(?P<d>\d{1,2})(?P<sep>[./-]|\s\|\s)\s?(?P<m>\d{1,2})(?P=sep)\s?"
    r"(?P<y>(?:19|20)\d{2})(?![\d])"
)

# Each form behind a lookahead for the characters it can start with: it changes no match (a
# class holds, case-blind, what its literals match) but lets the engine pass other positions
# at once instead of trying every month's name there.
_MONTH_START = "(?=[" + "".join(sorted({re.escape(n[0]) for n in _MONTHS})) + "])"
DATE_FORMS = (  # (lookahead, form), in the order they are tried
    ("(?=[12])", _NUMERIC),
    (_MONTH_START, _MONTH_FIRST),
    (r"(?=\d)", _DAY_FIRST),
    (r"(?=\d)", _NUMERIC_DAY_FIRST),
    ("(?=[12])", _YEAR_FIRST_NAMED),
    (r"(?=\d)", _NUMERIC_SHORT_YEAR),
)
DATE_TAIL = r"(?:" + _GAP + _TIME + r")?" + _ZONE
_DATE_FORMS = [re.compile(start + form + DATE_TAIL, re.IGNORECASE) for start, form in DATE_FORMS]
_TIME_BEFORE = re.compile(r"(?<![\d:])" + _TIME + r"\s*$", re.IGNORECASE)

POSTED_LABEL = re.compile(
    r"(?i)(?:first\s+)?(?:posted|published|write|written|created|issued|입력|등록|게재|작성|발행|송고"
    r"|veröffentlicht|erschienen|publié|publicado|pubblicato|gepubliceerd|opublikowano"
    r"|опубликовано|julkaistu|publicerad|publisert|udgivet|yayınlanma)"
)
UPDATED_LABEL = re.compile(
    r"(?i)(?:last\s+)?(?:updated?|modified|revised|edited|수정|업데이트|최종수정|갱신"
    r"|aktualisiert|geändert|mis à jour|actualizado|aggiornato|bijgewerkt|zaktualizowano"
    r"|обновлено|päivitetty|uppdaterad|oppdatert|opdateret|güncellenme)"
)

_ZONE_OFFSETS = {"KST": 9 * 60, "JST": 9 * 60, "UTC": 0, "GMT": 0, "Z": 0}


@dataclass(frozen=True)
class Stamp:
    """A date as printed: wall-clock fields and the offset in minutes when the page states it."""

    year: int
    month: int
    day: int
    hour: int | None = None
    minute: int | None = None
    second: int | None = None
    offset_minutes: int | None = None

    @property
    def has_time(self) -> bool:
        return self.hour is not None

    def iso(self, zone: tzinfo | None = None) -> str:
        """ISO 8601; the stated offset wins over the publisher's zone; no zone gives the day."""
        if self.hour is None or self.minute is None:
            return date(self.year, self.month, self.day).isoformat()
        tz: tzinfo | None
        if self.offset_minutes is not None:
            tz = timezone(timedelta(minutes=self.offset_minutes))
        else:
            tz = zone
        if tz is None:
            return date(self.year, self.month, self.day).isoformat()
        wall = datetime(
            self.year, self.month, self.day, self.hour, self.minute, self.second or 0, tzinfo=tz
        )
        return wall.isoformat(timespec="seconds" if self.second else "minutes")


@dataclass(frozen=True)
class DateMatch:
    stamp: Stamp
    start: int
    end: int
    label: str | None  # "posted", "updated" or None when the line does not say


def _hour(raw: str, ampm: str | None) -> int:
    hour = int(raw)
    if ampm:
        marker = ampm.lower().replace(".", "")
        if marker in ("pm", "오후", "午後") and hour < 12:
            hour += 12
        elif marker in ("am", "오전", "午前") and hour == 12:
            hour = 0
    return hour


def _zone_minutes(raw: str | None) -> int | None:
    if not raw:
        return None
    upper = raw.upper()
    if upper in _ZONE_OFFSETS:
        return _ZONE_OFFSETS[upper]
    sign = -1 if raw[0] == "-" else 1
    digits = raw[1:].replace(":", "")
    return sign * (int(digits[:2]) * 60 + int(digits[2:4]))


def _stamp(m: re.Match[str]) -> Stamp | None:
    groups = m.groupdict()
    try:
        year = int(groups["y"]) if groups.get("y") else 2000 + int(groups["yy"])
        month = _MONTHS[groups["mon"].lower()] if groups.get("mon") else int(groups["m"])
        day = int(groups["d"])
        if groups.get("sep") == "/" and month <= 12 < day <= 31:
            pass  # 28/11/2024: day first, as read
        elif groups.get("sep") == "/" and day <= 12 < month:
            day, month = month, day  # 11/28/2024: the American order
        date(year, month, day)
    except (ValueError, KeyError):
        return None
    hour = minute = second = None
    if groups.get("h") is not None:
        hour = _hour(groups["h"], groups.get("ampm1") or groups.get("ampm2"))
        minute = int(groups["mi"])
        second = int(groups["s"]) if groups.get("s") else None
        if hour > 23 or minute > 59 or (second is not None and second > 59):
            hour = minute = second = None
    offset = _zone_minutes(groups.get("zone")) if hour is not None else None
    return Stamp(year, month, day, hour, minute, second, offset)


_YEAR_HINT = re.compile(r"(?:19|20)\d\d|\d[./]\d{1,2}[./]\d\d")


@lru_cache(maxsize=16384)
def find_dates(line: str) -> list[DateMatch]:
    """Every date printed in a line, left to right, each with the label that introduces it.

    Cached: a page asks about its lines more than once. The list is shared, not to be changed.
    """
    if not _YEAR_HINT.search(line):
        return []  # every form prints a year: four digits, or two after a day and month
    found: list[tuple[int, int, Stamp]] = []
    taken: list[tuple[int, int]] = []
    for form in _DATE_FORMS:
        for m in form.finditer(line):
            if any(m.start() < end and start < m.end() for start, end in taken):
                continue
            stamp = _stamp(m)
            if stamp is None:
                continue
            start = m.start()
            if not stamp.has_time:
                # "13:30 February 19, 2019": the time printed before the date.
                before = _TIME_BEFORE.search(line[: m.start()])
                if before:
                    hour = _hour(before.group("h"), before.group("ampm1") or before.group("ampm2"))
                    minute = int(before.group("mi"))
                    if hour < 24 and minute < 60:
                        stamp = Stamp(stamp.year, stamp.month, stamp.day, hour, minute)
                        start = before.start()
            found.append((start, m.end(), stamp))
            taken.append((m.start(), m.end()))
    found.sort(key=lambda item: item[0])
    matches: list[DateMatch] = []
    previous_end = 0
    for start, end, stamp in found:
        prefix = line[previous_end:start]
        label = _label(prefix)
        matches.append(DateMatch(stamp, start, end, label))
        previous_end = end
    return matches


def _label(prefix: str) -> str | None:
    """The label nearest before a date: "Posted", "Updated", "입력", "수정" and kin."""
    best: tuple[int, str] | None = None
    for kind, pattern in (("posted", POSTED_LABEL), ("updated", UPDATED_LABEL)):
        for m in pattern.finditer(prefix):
            if best is None or m.start() > best[0]:
                best = (m.start(), kind)
    return best[1] if best else None


_URL_DATE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})(?P<sep>[-/_]?)(?P<m>0[1-9]|1[0-2]|[1-9])(?P=sep)"
    r"(?P<d>0[1-9]|[12]\d|3[01]|[1-9])(?!\d)"
)


def date_from_url(url: str) -> Stamp | None:
    """The day many sites put in an article's address: /2017/5/21/, /20241128/, /2024-06-03/."""
    path = re.sub(r"^[a-z]+://[^/]+", "", url, flags=re.IGNORECASE)
    path = path.split("?", 1)[0]
    for m in _URL_DATE.finditer(path):
        sep = m.group("sep")
        raw = m.group(0)
        # Compact dates must be exactly eight digits; separated ones need the separator both times.
        if not sep and len(raw) != 8:
            continue
        if sep == "/" and not re.search(r"/" + re.escape(raw) + r"(?:/|$)", path):
            continue
        try:
            day = date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        except ValueError:
            continue
        if day.year < 1990 or day > date.today():
            continue
        return Stamp(day.year, day.month, day.day)
    return None
