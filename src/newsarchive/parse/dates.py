"""Date lines in the forms news pages print them, in English and Korean.

A printed date becomes a `Stamp`: the wall-clock fields as printed plus an explicit offset when the
page states one. `Stamp.iso(zone)` gives ISO 8601 with the publisher's offset; without a time zone
we give the day alone rather than a naive or silently-UTC time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, timezone, tzinfo
from functools import lru_cache
from typing import Literal
from zoneinfo import ZoneInfo

from .vocabulary import WEEKDAYS

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
        "يناير",
        "كانون الثاني",
        "جانفي",
        "जनवरी",
        "มกราคม",
        "ม.ค.",
        "ינואר",
        "בינואר",
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
        "فبراير",
        "شباط",
        "فيفري",
        "फ़रवरी",
        "\u095eरवरी",  # फ़ precomposed
        "फरवरी",
        "กุมภาพันธ์",
        "ก.พ.",
        "פברואר",
        "בפברואר",
    ),
    3: (
        "march",
        "mar",
        "märz",
        "mär",
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
        "مارس",
        "آذار",
        "मार्च",
        "มีนาคม",
        "มี.ค.",
        "מרץ",
        "במרץ",
        "machi",
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
        "أبريل",
        "ابريل",
        "إبريل",
        "نيسان",
        "أفريل",
        "अप्रैल",
        "เมษายน",
        "เม.ย.",
        "אפריל",
        "באפריל",
        "aprili",
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
        "مايو",
        "أيار",
        "ماي",
        "मई",
        "พฤษภาคม",
        "พ.ค.",
        "מאי",
        "במאי",
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
        "يونيو",
        "حزيران",
        "جوان",
        "जून",
        "มิถุนายน",
        "มิ.ย.",
        "יוני",
        "ביוני",
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
        "يوليو",
        "تموز",
        "جويلية",
        "जुलाई",
        "กรกฎาคม",
        "ก.ค.",
        "יולי",
        "ביולי",
        "julai",
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
        "أغسطس",
        "اغسطس",
        "آب",
        "أوت",
        "अगस्त",
        "สิงหาคม",
        "ส.ค.",
        "אוגוסט",
        "באוגוסט",
        "agosti",
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
        "سبتمبر",
        "أيلول",
        "सितंबर",
        "सितम्बर",
        "กันยายน",
        "ก.ย.",
        "ספטמבר",
        "בספטמבר",
        "septemba",
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
        "أكتوبر",
        "اكتوبر",
        "تشرين الأول",
        "अक्टूबर",
        "ตุลาคม",
        "ต.ค.",
        "אוקטובר",
        "באוקטובר",
        "oktoba",
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
        "نوفمبر",
        "تشرين الثاني",
        "नवंबर",
        "नवम्बर",
        "พฤศจิกายน",
        "พ.ย.",
        "נובמבר",
        "בנובמבר",
        "novemba",
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
        "ديسمبر",
        "كانون الأول",
        "दिसंबर",
        "दिसम्बर",
        "ธันวาคม",
        "ธ.ค.",
        "דצמבר",
        "בדצמבר",
        "desemba",
    ),
}
_MONTHS = {name: number for number, names in _MONTH_NAMES.items() for name in names}
_MONTH = (
    r"(?P<mon>"
    + "|".join(re.escape(n) for n in sorted(_MONTHS, key=len, reverse=True))
    + r")(?![^\W\d_])"
)
# Zones printed after a time: fixed offsets by their abbreviations, and the North American
# regional names ("ET") whose offset depends on the date (summer time), read from the tz database.
_ZONE_OFFSETS = {
    "UTC": 0,
    "GMT": 0,
    "Z": 0,
    "WET": 0,
    "BST": 60,
    "CET": 60,
    "MEZ": 60,
    "WEST": 60,
    "CEST": 120,
    "MESZ": 120,
    "EET": 120,
    "EEST": 180,
    "MSK": 180,
    "МСК": 180,  # Moscow, in Cyrillic
    "IST": 330,
    "EAT": 180,  # East Africa
    "TSİ": 180,  # Türkiye (Türkiye Saati)
    "TRT": 180,
    "ICT": 420,  # Indochina
    "WIB": 420,
    "HKT": 480,
    "SGT": 480,
    "AWST": 480,
    "KST": 540,
    "JST": 540,
    "ACST": 570,
    "AEST": 600,
    "AEDT": 660,
    "NZST": 720,
    "NZDT": 780,
    "AST": -240,
    "EDT": -240,
    "EST": -300,
    "CDT": -300,
    "MDT": -360,
    "MST": -420,
    "PDT": -420,
    "PST": -480,
}
_ZONE_REGIONS = {
    "ET": "America/New_York",
    "CT": "America/Chicago",
    "MT": "America/Denver",
    "PT": "America/Los_Angeles",
}
# Spelt out, as press-release wires print them: "08:30 AM Eastern Standard Time".
_ZONE_SPELT = {
    f"{region} {kind} Time": offset
    for region, standard in (
        ("Eastern", -300),
        ("Central", -360),
        ("Mountain", -420),
        ("Pacific", -480),
    )
    for kind, offset in (("Standard", standard), ("Daylight", standard + 60))
}
_ZONE_NAME = "|".join(sorted([*_ZONE_OFFSETS, *_ZONE_REGIONS, *_ZONE_SPELT], key=len, reverse=True))
# Abbreviations in capitals only: in lower case, "et", "est" and "ist" are words. A zone may
# run into the next word where a copied page printed them in separate boxes ("GMTUpdated").
# "GMT+9", "UTC-05:30": an offset from UTC, written after its name.
# ("CST" is not read: it is China's and Taiwan's as well as America's Central zone.)
_ZONE = (
    r"(?:\s*\(?(?P<zone>(?-i:(?:GMT|UTC)\s?[+\-−]\s?\d{1,2}(?::?\d{2})?(?!\d)|"
    + _ZONE_NAME
    + r")|[+\-−]\d{2}:?\d{2})\)?(?:(?![^\W\d_])|(?=(?-i:[A-Z][a-z]))))?"
)
_AMPM = r"[AaPp]\.?[Mm]\.?(?![a-z])"
# Arabic's morning and evening after the time, in full or by their first letters ("10:15 ص").
_ARABIC_AM = ("ص", "صباحا", "صباحًا", "صباحاً")
_ARABIC_PM = ("م", "مساء", "مساءً", "مساءا")
_ARABIC_AMPM = (
    "(?:"
    + "|".join(sorted([*_ARABIC_AM, *_ARABIC_PM], key=len, reverse=True))
    + ")(?![\u0600-\u06ff])"
)
# Every marker a time's hour may carry, as _hour reads them.
_AM = frozenset({"am", "오전", "午前", "上午", *_ARABIC_AM})
_PM = frozenset({"pm", "오후", "午後", "下午", *_ARABIC_PM})
# Hours and minutes: "10:32", "10시 32분", "10h32", and "10.32" where a zone or "pm" follows it.
_TIME = (
    r"(?:(?P<ampm1>오전|오후|午前|午後|上午|下午|AM|PM)\s*)?(?P<h>\d{1,2})"
    r"(?:\s*[:시時h]\s*|\.(?=\d{2}\s*(?:"
    + _AMPM
    + r"|Uhr\b|(?-i:"
    + _ZONE_NAME
    + r")(?![A-Za-z]))))"
    r"(?P<mi>\d{2})(?:\s*[분分])?(?::(?P<s>\d{2}))?(?:\s*(?P<ampm2>"
    + _AMPM
    + "|"
    + _ARABIC_AMPM
    + r"))?"
)
# Between a date and its time: spaces, commas, bars, slashes, dashes, "at", an opening
# parenthesis, and a weekday printed after the date ("5 Mart 2025 Çarşamba 15:15").
# Spaces are taken whole (possessive: \s*+): no word here opens with one, and a run of
# spaces split every way between the two would cost its length squared.
_GAP = (
    r"(?:\s*+(?:[,|/·–—-]|at|um|à|às|a las|alle ore|alle|ore|ora|om|o godz\.?|godz\.?|kl\.?"
    r"|klo|в|\(|T|ساعت|الساعة)?\s*+(?:(?:"
    + "|".join(sorted(WEEKDAYS, key=len, reverse=True))
    + r")(?![^\W\d_])[\s,]*+)?)"
)

_NUMERIC = (
    # Never the year of a date in figures before it ("05/12/2024 - 06/12/2024").
    r"(?<![\d.])(?<!\d/)(?P<y>(?:19|20)\d{2})\s*(?:[-./]|년|年)\s*"
    r"(?P<m>\d{1,2})\s*(?:[-./]|월|月)\s*"
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
    r"\b(?P<d>\d{1,2})(?:st|nd|rd|th|er|º|°)?\.?(?:\s*|-)(?:de\s+|of\s+|d['’]\s?)?"
    + _MONTH
    # Thai sites count years from the Buddhist era (2568 is 2025): read in _stamp.
    + r"\.?(?:,?\s*|-)(?:de\s+|del\s+)?(?P<y>(?:19|20|25)\d{2})"
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

# Iran's solar calendar (Solar Hijri), as the Persian press prints it: "۲۸ اسفند ۱۴۰۳", by its
# month's name (in figures alone, "1401/1/2" is as likely a reference number). Read in _stamp.
_SOLAR_MONTHS = (
    "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
    "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند",
)  # fmt: skip
_SOLAR = (
    r"(?<![\d./])(?:(?P<sd>\d{1,2})\s*(?P<smon>"
    + "|".join(_SOLAR_MONTHS)
    + r")(?![\u0600-\u06ff])\s*(?:ماه\s*)?(?P<sy>1[34]\d{2}))(?![\d./])"
)
_SOLAR_HINT = re.compile("|".join(_SOLAR_MONTHS))

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
    (r"(?=\d)", _SOLAR),
)
DATE_TAIL = r"(?:" + _GAP + _TIME + r"(?:\s*Uhr)?)?" + _ZONE
_DATE_FORMS = [re.compile(start + form + DATE_TAIL, re.IGNORECASE) for start, form in DATE_FORMS]
# A time printed before its date, with its zone and the weekday between them:
# "13:30 February 19, 2019", "10:32 AM EST, Mon March 4, 2024", and Vietnamese's word for the
# day ("14:20 ngày 18/03/2025").
_WEEKDAY = r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?|[월화수목금토일]요일|ngày)"
_TIME_BEFORE = re.compile(
    r"(?<![\d:])" + _TIME + r"(?:\s*Uhr)?" + _ZONE + r"[\s,|·•–-]*(?:" + _WEEKDAY + r"[\s,]*)?$",
    re.IGNORECASE,
)

# A time on a line of its own: a live blog's entry stamp ("1:40 PM EST"), never a paragraph.
TIME_ALONE = re.compile(r"^\s*" + _TIME + r"(?:\s*Uhr)?" + _ZONE + r"\s*$", re.IGNORECASE)

_POSTED_WORDS = (
    r"(?:first\s+)?(?:posted|published|write|written|created|issued|입력|등록|게재|작성|발행|송고"
    r"|승인|公開|配信|掲載|投稿|发布|發布|發佈"
    r"|veröffentlicht|erschienen|publié|publicad[oa]|pubblicat[oa]|gepubliceerd|opublikowano"
    r"|опубликовано|опубліковано|julkaistu|publicerad|publisert|udgivet|yayınlanma|yayın tarihi"
    r"|publikováno|publikované|publicat(?![^\W\d_])|közzétéve|δημοσιεύθηκε|diterbitkan"
    r"|dipublikasikan|ngày đăng|xuất bản|نشر|تاريخ النشر|प्रकाशित|เผยแพร่|δημοσίευση|פורסם"
    r"|imechapishwa|تاریخ انتشار)"
)
POSTED_LABEL = re.compile(_POSTED_WORDS, re.IGNORECASE)
_UPDATED_WORDS = (
    r"(?:last\s+)?(?:updated?|modified|revised|edited|수정|업데이트|최종수정|갱신|更新"
    r"|modifiée?|modificad[oa]|modificat[oa]"
    r"|aktualisiert|geändert|mis à jour|actualizad[oa]|atualizad[oa]|aggiornat[oa]|bijgewerkt"
    r"|zaktualizowano|aktualizacja|aktualizováno|aktualizované|actualizat(?![^\W\d_])"
    r"|frissítve|ενημερώθηκε|diperbarui|cập nhật|güncellendi|güncelleme|güncellenme"
    r"|обновлено|оновлено|päivitetty|uppdaterad|oppdatert|opdateret|تحديث|آخر تحديث|अपडेट"
    r"|อัปเดต|แก้ไขล่าสุด|ενημέρωση|עודכן|imesasishwa|به‌روزرسانی)"
)
UPDATED_LABEL = re.compile(_UPDATED_WORDS, re.IGNORECASE)
# "Published March 4, 2024 · Updated 3:15 PM": an update's time alone, on its date's line.
_UPDATED_TIME = re.compile(
    _UPDATED_WORDS + r"\s*:?\s*(?:at\s+|um\s+|à\s+)?(?<![\d:])" + _TIME + _ZONE + r"(?![\d./-])",
    re.IGNORECASE,
)


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

    def moment(self, zone: tzinfo | None = None) -> datetime | None:
        """The instant, when the stamp has a time and a zone: its stated offset, else `zone`."""
        if self.hour is None or self.minute is None:
            return None
        tz: tzinfo | None
        if self.offset_minutes is not None:
            tz = timezone(timedelta(minutes=self.offset_minutes))
        else:
            tz = zone
        if tz is None:
            return None
        return datetime(
            self.year, self.month, self.day, self.hour, self.minute, self.second or 0, tzinfo=tz
        )

    def iso(self, zone: tzinfo | None = None) -> str:
        """ISO 8601; the stated offset wins over the publisher's zone, but for UTC (metadata's
        usual zone): that instant is given in the publisher's zone, on the day it printed.
        No zone gives the day. Seconds are always given, as SPEC.md writes the form."""
        wall = self.moment(zone)
        if wall is None:
            return date(self.year, self.month, self.day).isoformat()
        if self.offset_minutes == 0 and zone is not None and (wall.hour, wall.minute) != (0, 0):
            # (Midnight UTC is how much metadata writes a bare date: that day, not an instant.)
            wall = wall.astimezone(zone)
        return wall.isoformat(timespec="seconds")  # as SPEC.md gives them: "07:37:00+09:00"


DateOrder = Literal["day", "month", "either"]


@dataclass(frozen=True)
class DateMatch:
    stamp: Stamp
    start: int
    end: int
    label: str | None  # "posted", "updated" or None when the line does not say
    # A date in figures with slashes: "day" or "month" as the numbers show which comes first
    # (28/11/2024, 11/28/2024), "either" where both read as a month (05/12/2024: read day
    # first until the document says otherwise, see month_first and in_order).
    order: DateOrder | None = None


def _hour(raw: str, ampm: str | None) -> int:
    hour = int(raw)
    if ampm:
        marker = ampm.lower().replace(".", "")
        if marker in _PM and hour < 12:
            hour += 12
        elif marker in _AM and hour == 12:
            hour = 0
    return hour


def _zone_minutes(raw: str | None, wall: datetime) -> int | None:
    """The offset a printed zone names at that wall-clock time."""
    if not raw:
        return None
    if raw in _ZONE_SPELT:
        return _ZONE_SPELT[raw]
    upper = raw.upper()
    if upper in _ZONE_OFFSETS:
        return _ZONE_OFFSETS[upper]
    if upper in _ZONE_REGIONS:
        offset = wall.replace(tzinfo=ZoneInfo(_ZONE_REGIONS[upper])).utcoffset()
        return int(offset.total_seconds() // 60) if offset is not None else None
    written = raw[3:].replace(" ", "") if upper[:3] in ("GMT", "UTC") else raw
    sign = -1 if written[0] in "-−" else 1
    hours, _, minutes = written[1:].partition(":")
    if not minutes and len(hours) > 2:  # "+0930", "+530"
        hours, minutes = hours[:-2], hours[-2:]
    if int(hours) > 14 or int(minutes or 0) > 59:
        return None  # no zone is that far from UTC: not an offset
    return sign * (int(hours) * 60 + int(minutes or 0))


def solar_to_gregorian(year: int, month: int, day: int) -> date:
    """A day of Iran's solar calendar as a Gregorian date (the 33-year arithmetic cycle that
    matches the astronomical calendar from 1244 to 1816)."""
    if not 1 <= month <= 12 or not 1 <= day <= (31 if month <= 6 else 30):
        raise ValueError(f"no day {year}/{month}/{day} in the solar calendar")
    cycles, rest = divmod(year + 1595, 33)
    days = -355668 + 365 * (year + 1595) + cycles * 8 + (rest + 3) // 4 + day
    days += (month - 1) * 31 if month <= 7 else (month - 7) * 30 + 186
    on = date(1, 1, 1) + timedelta(days=days - 366)  # days counted from 1 January of year 0
    if month == 12 and day == 30 and on == solar_to_gregorian(year + 1, 1, 1):
        raise ValueError(f"{year} is no leap year: its last month has 29 days")
    return on


def _stamp(m: re.Match[str]) -> Stamp | None:
    groups = m.groupdict()
    if groups.get("sy"):
        return _solar_stamp(m)
    try:
        year = int(groups["y"]) if groups.get("y") else 2000 + int(groups["yy"])
        if year >= 2500:  # only a Thai date's year, after its month's name
            year -= _BUDDHIST_ERA
        month = _MONTHS[groups["mon"].lower()] if groups.get("mon") else int(groups["m"])
        day = int(groups["d"])
        if groups.get("sep") == "/" and month <= 12 < day <= 31:
            pass  # 28/11/2024: day first, as read
        elif groups.get("sep") == "/" and day <= 12 < month:
            day, month = month, day  # 11/28/2024: the American order
        date(year, month, day)
    except (ValueError, KeyError):
        return None
    day_only = Stamp(year, month, day)
    if groups.get("h") is None:
        return day_only
    timed = _clock(m, day_only)
    second = int(groups["s"]) if groups.get("s") else None
    if timed is None or (second is not None and second > 59):
        return day_only  # not a clock time: the day alone
    return replace(timed, second=second)


def _solar_stamp(m: re.Match[str]) -> Stamp | None:
    groups = m.groupdict()
    year, month, day = int(groups["sy"]), _SOLAR_MONTHS.index(groups["smon"]) + 1, groups["sd"]
    try:
        on = solar_to_gregorian(year, month, int(day))
    except ValueError:
        return None
    day_only = Stamp(on.year, on.month, on.day)
    if groups.get("h") is None:
        return day_only
    return _clock(m, day_only) or day_only


def _clock(m: re.Match[str], on: Stamp) -> Stamp | None:
    """The hour and minute a match prints (groups of _TIME and _ZONE) with its zone, on the
    day of `on`; None when they are no clock time."""
    hour = _hour(m.group("h"), m.group("ampm1") or m.group("ampm2"))
    minute = int(m.group("mi"))
    if hour > 23 or minute > 59:
        return None
    wall = datetime(on.year, on.month, on.day, hour, minute)
    return Stamp(
        on.year, on.month, on.day, hour, minute, None, _zone_minutes(m.group("zone"), wall)
    )


# Arabic-Indic and Extended Arabic-Indic (Persian, Urdu) digits, as ASCII.
_ASCII_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_YEAR_HINT = re.compile(r"(?:19|20|25)\d\d|\d[./]\d{1,2}[./]\d\d")
# The Buddhist era's years run 543 ahead of the common era's.
_BUDDHIST_ERA = 543


@lru_cache(maxsize=16384)
def find_dates(line: str) -> list[DateMatch]:
    """Every date printed in a line, left to right, each with the label that introduces it.

    Cached: a page asks about its lines more than once. The list is shared, not to be changed.
    """
    if not line.isascii():
        line = line.translate(_ASCII_DIGITS)  # one character for one: the positions hold
    if not _YEAR_HINT.search(line) and not (not line.isascii() and _SOLAR_HINT.search(line)):
        return []  # every form prints a year: four digits, or two after a day and month
    found: list[tuple[int, int, Stamp, DateOrder | None]] = []
    for form in _DATE_FORMS:
        for m in form.finditer(line):
            if any(m.start() < end and start < m.end() for start, end, _, _ in found):
                continue
            stamp = _stamp(m)
            if stamp is not None:
                found.append((m.start(), m.end(), stamp, _slash_order(m)))
    found.sort(key=lambda item: item[0])
    matches: list[DateMatch] = []
    previous_end = 0
    for start, end, stamp, order in found:
        if not stamp.has_time:
            # The time printed before the date, after the previous date (never its time).
            before = _TIME_BEFORE.search(line, previous_end, start)
            timed = _clock(before, stamp) if before else None
            if before and timed:
                start, stamp = before.start(), timed
        label = _label(line[previous_end:start])
        after = _LABEL_AFTER.match(line, end) if label is None else None
        matches.append(DateMatch(stamp, start, end, after.lastgroup if after else label, order))
        previous_end = after.end() if after else end  # a label after is this date's alone
    return _with_update_times(line, matches)


def _with_update_times(line: str, matches: list[DateMatch]) -> list[DateMatch]:
    """The matches, and an update's time printed without its date after a date of the line:
    on that date's day, in its zone unless it names its own, and never before it."""
    for m in _UPDATED_TIME.finditer(line, matches[0].end if matches else len(line)):
        if any(m.start() < d.end and d.start < m.end() for d in matches):
            continue
        if _DAY_AFTER.match(line, m.end()):
            continue  # "Updated 9:15 AM, March 5": its own day, printed without a year
        on = [d for d in matches if d.end <= m.start()][-1]
        stamp = _clock(m, on.stamp)
        if stamp is None:
            continue
        if on.stamp.has_time and (stamp.hour, stamp.minute) <= (on.stamp.hour, on.stamp.minute):
            continue  # earlier than its date: another day, which the line does not print
        if stamp.offset_minutes is None:
            stamp = replace(stamp, offset_minutes=on.stamp.offset_minutes)
        update = DateMatch(stamp, m.start(), m.end(), "updated", on.order)
        matches = sorted([*matches, update], key=_at)
    return matches


def _slash_order(m: re.Match[str]) -> DateOrder | None:
    """Which comes first in a date printed in figures with slashes (see DateMatch.order)."""
    groups = m.groupdict()
    if groups.get("sep") != "/":
        return None
    first, second = int(groups["d"]), int(groups["m"])  # as printed, before _stamp's reading
    if first > 12:
        return "day"
    if second > 12:
        return "month"
    return "either" if first != second else None


# English where the month comes first in figures: American, and English with no region.
_MONTH_FIRST_TAGS = re.compile(r"en(?:[-_](?:us|ph|um|as|gu|pr|vi|mp))?", re.IGNORECASE)
# Countries whose English writes the day first, by the address's country ending.
_DAY_FIRST_ENGLISH = {
    "uk": "GB",
    "ie": "IE",
    "au": "AU",
    "nz": "NZ",
    "in": "IN",
    "za": "ZA",
    "sg": "SG",
    "my": "MY",
    "ng": "NG",
    "ke": "KE",
    "pk": "PK",
}


def with_region(language: str | None, url: str | None) -> str | None:
    """The language tag, with the region its address names where the tag names none: "en" on
    a .co.uk address is "en-GB"."""
    if not language or not url or re.search(r"[-_]", language):
        return language
    host = re.sub(r"^[a-z]+://", "", url.strip(), flags=re.IGNORECASE).split("/", 1)[0]
    region = _DAY_FIRST_ENGLISH.get(host.rsplit(".", 1)[-1].split(":")[0].lower())
    return f"{language}-{region}" if region and language.lower() == "en" else language


def month_first(
    matches: Iterable[DateMatch], language: str | None, url_day: Stamp | None = None
) -> bool:
    """Whether a document prints dates in figures month first (11/28/2024) or day first.

    Its own dates decide first (a 28 or a 13 tells which number is the day; a date printed
    twice counts once); then the day its address carries, where only one reading agrees with
    it; then, unless the language names the Philippines, a zone printed east of Greenwich
    ("15:15 IST", "3:15pm AEDT"): the countries there print the day first, English-speaking
    ones too; then its language: month first in American English (and English with no region named,
    and the Philippines'), day first everywhere else."""
    matches = list(matches)
    found = {(m.stamp.year, m.stamp.month, m.stamp.day, m.order) for m in matches}
    day = sum(order == "day" for *_, order in found)
    month = sum(order == "month" for *_, order in found)
    if day != month:
        return month > day
    if url_day is not None:
        wanted = (url_day.year, url_day.month, url_day.day)
        for year, as_month, as_day, order in sorted(found, key=str):
            if order == "either" and wanted in ((year, as_month, as_day), (year, as_day, as_month)):
                return wanted == (year, as_day, as_month)
    # Where a tag names the Philippines, month first holds east of Greenwich too; a default
    # tag (WordPress's en-US on an Indian page) says nothing against the printed zone.
    philippine = bool(language and language.lower().replace("_", "-").endswith("-ph"))
    east = any(m.stamp.offset_minutes is not None and m.stamp.offset_minutes > 0 for m in matches)
    if east and not philippine:
        return False
    return bool(language and _MONTH_FIRST_TAGS.fullmatch(language.strip()))


def in_order(match: DateMatch, by_month: bool) -> DateMatch:
    """The match with its day and month read in the document's order (see month_first)."""
    if match.order != "either" or not by_month:
        return match
    stamp = replace(match.stamp, month=match.stamp.day, day=match.stamp.month)
    return replace(match, stamp=stamp, order="month")


def _at(match: DateMatch) -> int:
    return match.start


# A day after a time: a month's name or a day and month in figures.
_DAY_AFTER = re.compile(
    r"[\s,·|–-]*(?:on\s+)?(?:" + _MONTH + r"|\d{1,2}\s*[./-]\s*\d{1,2})", re.IGNORECASE
)


# A line or element that holds labels and nothing else: "Posted on", "Updated:",
# "Published / Updated" (a table's heads, each over its date).
_ONE_LABEL = (
    r"(?:(?P<posted>" + _POSTED_WORDS + r")|(?P<updated>" + _UPDATED_WORDS + r"))"
    r"(?:\s+(?:on|at|date|am|um|le|el|il|em))?\s*[:：]?"
)
_LABEL_WORD = re.compile(_ONE_LABEL, re.IGNORECASE)
_ANY_LABEL = _ONE_LABEL.replace("?P<posted>", "").replace("?P<updated>", "")  # unnamed groups
_LABELS_ALONE = re.compile(
    r"[^\w]*(?:" + _ANY_LABEL + r")(?:[\s/|·•,;-]+(?:" + _ANY_LABEL + r"))*[^\w]*",
    re.IGNORECASE,
)
_DATE_LINE_TAIL = 20  # characters after a line's last date: a date line, not a sentence


def labels_alone(text: str) -> list[str]:
    """The labels a short line or element holds and nothing else ("Posted on", "Updated:"),
    in order: pages print them beside the date, in an element or on a line of their own."""
    if len(text) > 40 or not _LABELS_ALONE.fullmatch(text):
        return []
    return [m.lastgroup or "" for m in _LABEL_WORD.finditer(text)]


def labelled_by(matches: list[DateMatch], text: str, before: str) -> list[DateMatch]:
    """The dates of `text` labelled by the label-only line printed just `before` it, in
    order, when `text` is a line of dates that says nothing itself."""
    if not matches or any(m.label is not None for m in matches):
        return matches
    if text[: matches[0].start].strip() or len(text) - matches[-1].end > _DATE_LINE_TAIL:
        return matches
    labels = labels_alone(before)
    if not labels:
        return matches
    named = [replace(m, label=label) for m, label in zip(matches, labels, strict=False)]
    return named + matches[len(named) :]


def dates_under(text: str, before: str | None) -> list[DateMatch]:
    """The dates printed in `text`, labelled by `before` where it is a label-only line."""
    matches = find_dates(text)
    return labelled_by(matches, text, before) if matches and before else matches


# Japanese and Chinese print the label after the date: "2024年10月30日 16:10更新".
_LABEL_AFTER = re.compile(
    r"\s*(?:(?P<updated>更新)|(?P<posted>配信|公開|掲載|投稿|发布|發布|發佈))"
)


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


# The day after a year and month printed together, as Chinese sites write it: /2024-03/15/,
# /2024/0315/ (the month and day together).
_URL_MONTH_THEN_DAY = re.compile(
    r"/(?P<y>(?:19|20)\d{2})(?:-(?P<m>0[1-9]|1[0-2])/(?P<d>0[1-9]|[12]\d|3[01])"
    r"|/(?P<m2>0[1-9]|1[0-2])(?P<d2>0[1-9]|[12]\d|3[01]))(?=/)"
)
# /2023/october/3/, /2023/oct/03.html: an English month's name between the year and the day
# (addresses are written in English far more often than their pages).
_URL_NAMED_DATE = re.compile(
    r"/(?P<y>(?:19|20)\d{2})/(?P<mon>[a-z]{3,9})/(?P<d>0?[1-9]|[12]\d|3[01])(?=[/.]|$)"
)
_URL_MONTHS = {
    name: number
    for number, full in enumerate(
        ("january", "february", "march", "april", "may", "june", "july", "august",
         "september", "october", "november", "december"),
        start=1,
    )
    for name in (full, full[:3], "sept" if number == 9 else full)
}  # fmt: skip


def date_from_url(url: str) -> Stamp | None:
    """The day many sites put in an article's address: /2017/5/21/, /20241128/, /2024-06-03/,
    /2023/october/03/, /2024-03/15/, /2024/0315/."""
    path = re.sub(r"^[a-z]+://[^/]+", "", url, flags=re.IGNORECASE)
    path = path.split("?", 1)[0]
    for y, mon, d in _url_days(path):
        try:
            day = date(y, mon, d)
        except ValueError:
            continue
        if day.year < 1990 or day > date.today():
            continue
        return Stamp(day.year, day.month, day.day)
    return None


def _url_days(path: str) -> Iterable[tuple[int, int, int]]:
    """(year, month, day) of each date-like stretch of an address's path, in order."""
    for m in _URL_DATE.finditer(path):
        sep = m.group("sep")
        raw = m.group(0)
        # Compact dates must be exactly eight digits; separated ones need the separator both times.
        if not sep and len(raw) != 8:
            continue
        if sep == "/" and not re.search(r"/" + re.escape(raw) + r"(?:/|$)", path):
            continue
        yield int(m.group("y")), int(m.group("m")), int(m.group("d"))
    for m in _URL_MONTH_THEN_DAY.finditer(path):
        yield (
            int(m.group("y")),
            int(m.group("m") or m.group("m2")),
            int(m.group("d") or m.group("d2")),
        )
    for m in _URL_NAMED_DATE.finditer(path.lower()):
        month = _URL_MONTHS.get(m.group("mon"))
        if month is not None:
            yield int(m.group("y")), month, int(m.group("d"))
