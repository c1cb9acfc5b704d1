from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from newsarchive.parse import parse_bytes
from newsarchive.parse.dates import (
    date_from_url,
    dates_under,
    find_dates,
    in_order,
    month_first,
    solar_to_gregorian,
    with_region,
)
from newsarchive.parse.lines import date_line

SEOUL = ZoneInfo("Asia/Seoul")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Posted November. 28, 2024 07:37,", [("posted", "2024-11-28T07:37:00+09:00")]),
        ("JUNE 09, 2015 08:41", [(None, "2015-06-09T08:41:00+09:00")]),
        (
            "Posted on : Apr.11,2007 10:02 KST Modified on : Apr.11,2007 10:48 KST",
            [("posted", "2007-04-11T10:02:00+09:00"), ("updated", "2007-04-11T10:48:00+09:00")],
        ),
        (
            "Write: 2020-02-03 09:15:27Update: 2020-02-03 12:01:09",
            [("posted", "2020-02-03T09:15:27+09:00"), ("updated", "2020-02-03T12:01:09+09:00")],
        ),
        (
            "입력 2019.05.02 (11:20) | 수정 2019.05.02 (13:45)",
            [("posted", "2019-05-02T11:20:00+09:00"), ("updated", "2019-05-02T13:45:00+09:00")],
        ),
        ("2014.10.07. 오후 4:18", [(None, "2014-10-07T16:18:00+09:00")]),
        ("2023. 11. 24. 16:30", [(None, "2023-11-24T16:30:00+09:00")]),
        ("Top Stories 14:45 March 12, 2018", [(None, "2018-03-12T14:45:00+09:00")]),
        ("July 19, 2017 / 7:06 PM / in a day", [(None, "2017-07-19T19:06:00+09:00")]),
        ("2024년 3월 5일 오전 9:05", [(None, "2024-03-05T09:05:00+09:00")]),
        ("2025年3月4日 10時12分", [(None, "2025-03-04T10:12:00+09:00")]),
        ("2025年3月4日（火） 午後3時05分", [(None, "2025-03-04T15:05:00+09:00")]),
        ("2024年12月3日 23:17", [(None, "2024-12-03T23:17:00+09:00")]),
        ("Published 2022-09-14T09:30+02:00", [("posted", "2022-09-14T09:30:00+02:00")]),
        ("22 May 2006", [(None, "2006-05-22")]),
        ("2025. november 8.", [(None, "2025-11-08")]),
        ("2025 Nov 8", [(None, "2025-11-08")]),
        ("12-Dec-2025", [(None, "2025-12-12")]),
        ("Do 03.04.25 | 10:12 Uhr", [(None, "2025-04-03T10:12:00+09:00")]),
        # Elements copied without a space: the year runs into the time after it.
        ("October 17, 20236:01 PM ET", [(None, "2023-10-17T18:01:00-04:00")]),
        # Zones by their abbreviations; the regional ones by the date (summer time or not).
        ("March 4, 2024 10:32 a.m. ET", [(None, "2024-03-04T10:32:00-05:00")]),
        ("July 4, 2024 10:32 a.m. ET", [(None, "2024-07-04T10:32:00-04:00")]),
        ("4 March 2024, 10:32 CET", [(None, "2024-03-04T10:32:00+01:00")]),
        # In lower case they are words: "et" is French for "and".
        ("le 4 mars 2024 à 10h32 et modifié", [(None, "2024-03-04T10:32:00+09:00")]),
        # No zone is 99 hours away; a word after a time is not a zone; "CST" is three zones.
        ("March 4, 2024 10:32 GMT+99", [(None, "2024-03-04T10:32:00+09:00")]),
        ("March 4, 2024 10:32 ESTÁDIO", [(None, "2024-03-04T10:32:00+09:00")]),
        ("2024年3月4日 10:32 CST", [(None, "2024-03-04T10:32:00+09:00")]),
        ("4. März 2024, 10:32 Uhr MEZ", [(None, "2024-03-04T10:32:00+01:00")]),
        ("Nov 28, 2024 3:30 PM GMT+ 9", [(None, "2024-11-28T15:30:00+09:00")]),
        ("March 4, 2024 10:32 −0500", [(None, "2024-03-04T10:32:00-05:00")]),
        # An update's time with a day of its own (printed without a year) is not that day's.
        ("Published March 4, 2024 · Updated 9:15 AM, March 5", [("posted", "2024-03-04")]),
        # Catalan elides "de" before a vowel; German shortens März to Mär.
        ("12 d'octubre de 2023", [(None, "2023-10-12")]),
        ("12 d’abril de 2023", [(None, "2023-04-12")]),
        ("12. Mär. 2023", [(None, "2023-03-12")]),
        # An offset written after "GMT" or "UTC" is the offset, not UTC itself.
        ("Nov 28, 2024 at 3:30 PM GMT+9", [(None, "2024-11-28T15:30:00+09:00")]),
        ("Nov 28, 2024 15:30 (UTC+05:30)", [(None, "2024-11-28T15:30:00+05:30")]),
        ("Nov 28, 2024 3:30 PM GMT−5", [(None, "2024-11-28T15:30:00-05:00")]),
        ("Nov 28, 2024 3:30 PM GMT 2024", [(None, "2024-11-28T15:30:00+00:00")]),
        # The time before its date, with its zone and the weekday between them.
        ("Published 10:32 AM EST, Mon March 4, 2024", [("posted", "2024-03-04T10:32:00-05:00")]),
        ("10:32 Uhr, 4. März 2024", [(None, "2024-03-04T10:32:00+09:00")]),
        ("Cập nhật lúc 10:32 ngày 4/3/2024", [("updated", "2024-03-04T10:32:00+09:00")]),
        # ... but never the time of the date before it.
        (
            "March 3, 2024 10:32 | March 4, 2024",
            [(None, "2024-03-03T10:32:00+09:00"), (None, "2024-03-04")],
        ),
        # An update's time alone after its date: that day, that zone.
        (
            "Published March 4, 2024 10:00 AM PT · Updated 3:15 PM",
            [("posted", "2024-03-04T10:00:00-08:00"), ("updated", "2024-03-04T15:15:00-08:00")],
        ),
        (
            "Published March 4, 2024 · Updated 3:15 PM",
            [("posted", "2024-03-04"), ("updated", "2024-03-04T15:15:00+09:00")],
        ),
        # "10.32" is a time where a zone or "am"/"pm" follows it.
        ("Mon 4 Mar 2024 10.32 GMT", [(None, "2024-03-04T10:32:00+00:00")]),
        ("Version 2.14 released March 4, 2024 10.5", [(None, "2024-03-04")]),
        # Labels in more languages.
        ("승인 2024.03.04 10:32", [("posted", "2024-03-04T10:32:00+09:00")]),
        ("更新 2024年3月5日 8:00", [("updated", "2024-03-05T08:00:00+09:00")]),
        ("Atualizado em 05/03/2024 08h00", [("updated", "2024-03-05T08:00:00+09:00")]),
        # An earlier time is another day, which the line does not print.
        (
            "Posted March 4, 2024 11:00 PM · Updated 1:15 AM",
            [("posted", "2024-03-04T23:00:00+09:00")],
        ),
        ("Originally published 9 November 202211:01", [("posted", "2022-11-09T11:01:00+09:00")]),
        ("May 5, 20201 people", []),
        # Arabic: month names (Egyptian and Levantine), Arabic-Indic digits, labels.
        ("نشر في 12 مارس 2024 - 10:30", [("posted", "2024-03-12T10:30:00+09:00")]),
        ("الثلاثاء ١٢ آذار ٢٠٢٤", [(None, "2024-03-12")]),
        ("آخر تحديث: 5 كانون الأول 2023", [("updated", "2023-12-05")]),
        # Labels in more languages: Polish, Turkish, Czech, Indonesian.
        (
            "Opublikowano: 04.03.2024 Aktualizacja: 05.03.2024",
            [("posted", "2024-03-04"), ("updated", "2024-03-05")],
        ),
        (
            "Yayınlanma: 04.03.2024 Güncelleme: 05.03.2024",
            [("posted", "2024-03-04"), ("updated", "2024-03-05")],
        ),
        (
            "Publikováno 4. 3. 2024, aktualizováno 5. 3. 2024",
            [("posted", "2024-03-04"), ("updated", "2024-03-05")],
        ),
        (
            "Diterbitkan 4 Maret 2024 Diperbarui 5 Maret 2024",
            [("posted", "2024-03-04"), ("updated", "2024-03-05")],
        ),
        ("The publication of 4 March 2024", [(None, "2024-03-04")]),
        # French "modifié", Japanese and Chinese labels after the date, German "15.45 Uhr".
        (
            "Publié le 21 octobre 2024 à 15h45, modifié le 21 octobre 2024 à 16h10",
            [("posted", "2024-10-21T15:45:00+09:00"), ("updated", "2024-10-21T16:10:00+09:00")],
        ),
        (
            "2024年10月30日 15:45 (2024年10月30日 16:10更新)",
            [(None, "2024-10-30T15:45:00+09:00"), ("updated", "2024-10-30T16:10:00+09:00")],
        ),
        ("2024/10/30 15:45配信", [("posted", "2024-10-30T15:45:00+09:00")]),
        (
            "2024年10月30日 16:10配信 2024年10月31日 9:00更新",
            [("posted", "2024-10-30T16:10:00+09:00"), ("updated", "2024-10-31T09:00:00+09:00")],
        ),
        ("06.03.2024, 15.45 Uhr", [(None, "2024-03-06T15:45:00+09:00")]),
        # A zone run into the next word, where a page printed them in separate boxes.
        ("March 4, 2025 3:45 PM GMTUpdated 2 hours ago", [(None, "2025-03-04T15:45:00+00:00")]),
        ("March 4, 2025 3:45 PM ESTA", [(None, "2025-03-04T15:45:00+09:00")]),
    ],
)
def test_find_dates(line: str, expected: list[tuple[str | None, str]]) -> None:
    # A stated offset as stated (the record gives a UTC one in the publisher's zone: that is
    # Stamp.iso's, tested apart); Seoul for the times that state none.
    shown = [
        (m.label, m.stamp.iso(SEOUL if m.stamp.offset_minutes is None else None))
        for m in find_dates(line)
    ]
    assert shown == expected


@pytest.mark.parametrize(
    ("solar", "gregorian"),
    [
        ((1354, 1, 1), "1975-03-21"),
        ((1395, 7, 1), "2016-09-22"),  # the first month of 30 days
        ((1399, 12, 30), "2021-03-20"),  # a leap year's last day
        ((1403, 1, 1), "2024-03-20"),
        ((1404, 1, 1), "2025-03-21"),
    ],
)
def test_the_solar_calendar_in_gregorian_days(solar: tuple[int, int, int], gregorian: str) -> None:
    assert solar_to_gregorian(*solar).isoformat() == gregorian


def test_a_day_the_solar_calendar_does_not_have_is_no_date() -> None:
    with pytest.raises(ValueError):
        solar_to_gregorian(1402, 12, 30)  # 1402 is no leap year
    assert find_dates("۳۱ مهر ۱۴۰۳") == []  # the seventh month has 30 days
    assert find_dates("Decision 1401/1/2 of the council") == []  # in figures: a number


def test_no_zone_gives_the_day_not_a_naive_time() -> None:
    (match,) = find_dates("October 5, 2022 07:58")
    assert match.stamp.iso(None) == "2022-10-05"


@pytest.mark.parametrize(
    "line",
    ["The won closed at 1,939.88 on March 21.", "0.84 in 2019", "2.3% 상승", "Call 02-781-1234"],
)
def test_numbers_are_not_dates(line: str) -> None:
    assert date_line(line) is None


def test_a_sentence_with_a_date_is_not_a_date_line() -> None:
    assert date_line("The fire broke out on February 19, 2019 at a sauna in Daegu.") is None


@pytest.mark.parametrize(
    ("url", "day"),
    [
        ("https://www.donga.com/en/article/all/20241128/5321443/1", "2024-11-28"),
        ("https://www.aljazeera.com/news/2017/5/21/north-korea-launches", "2017-05-21"),
        ("https://koreajoongangdaily.joins.com/news/2024-06-03/business/x/2060603", "2024-06-03"),
        ("https://en.yna.co.kr/view/AEN20190219006000315", None),
        ("https://example.com/story?id=20201126000385", None),
        ("https://example.org/blog/2023/october/03/wine-styles/", "2023-10-03"),
        ("https://example.org/2023/Oct/3", "2023-10-03"),
        ("https://example.org/2023/results/03/", None),
        ("https://example.org/2023/oct/3.html", "2023-10-03"),
        ("https://example.org/2023/set/05/", None),  # English names only
        # The year and month together, then the day, as Chinese sites write them.
        ("https://www.example.com.cn/society/2024-03/15/c_1130101234.htm", "2024-03-15"),
        ("http://world.example.com.cn/n1/2024/0315/c1002-40196345.html", "2024-03-15"),
        ("https://example.org/item/2024/1399/", None),
    ],
)
def test_date_from_url(url: str, day: str | None) -> None:
    stamp = date_from_url(url)
    assert (stamp.iso() if stamp else None) == day


@pytest.mark.parametrize(
    ("language", "url", "tag"),
    [
        ("en", "https://www.example.co.uk/news/story", "en-GB"),
        ("en", "https://example.com.au/story", "en-AU"),
        ("en", "https://example.com/story", "en"),
        ("en-US", "https://example.co.uk/story", "en-US"),
        ("fr", "https://example.co.uk/story", "fr"),
        (None, "https://example.co.uk/story", None),
    ],
)
def test_english_takes_its_region_from_the_address(
    language: str | None, url: str, tag: str | None
) -> None:
    assert with_region(language, url) == tag


def _orders(line: str) -> list[str | None]:
    return [m.order for m in find_dates(line)]


def test_slashed_dates_know_which_number_is_the_day() -> None:
    assert _orders("28/11/2024") == ["day"]
    assert _orders("11/28/2024 9:15 AM") == ["month"]
    assert _orders("05/12/2024") == ["either"]
    assert _orders("05/05/2024") == [None]  # the same either way
    assert _orders("2024-05-12") == [None]  # only slashes are read either way
    assert _orders("05/ 12/ 2024") == ["either"]  # as the date's form reads it, spaces and all


@pytest.mark.parametrize(
    ("printed", "language", "url", "expected"),
    [
        # The document's own dates decide: a 28 in the first place is a day.
        (["05/12/2024", "28/11/2024"], "en", None, "2024-12-05"),
        (["05/12/2024", "11/28/2024"], "fr", None, "2024-05-12"),
        # Then the day in the address, when only one reading agrees with it.
        (["05/12/2024"], "en", "https://example.com/news/2024/12/05/story", "2024-12-05"),
        (["05/12/2024"], "fr", "https://example.com/news/2024/05/12/story", "2024-05-12"),
        # Then the language: American English and English with no region month first.
        (["05/12/2024"], "en", None, "2024-05-12"),
        (["05/12/2024"], "en-US", None, "2024-05-12"),
        (["05/12/2024"], "en-GB", None, "2024-12-05"),
        (["05/12/2024"], "es", None, "2024-12-05"),
        (["05/12/2024"], None, None, "2024-12-05"),
        # Before the language, a zone printed east of Greenwich: English there is day first.
        (["05/03/2025 15:15 IST"], "en", None, "2025-03-05T15:15:00+05:30"),
        (["5/3/2025 3:15pm AEDT"], "en", None, "2025-03-05T15:15:00+11:00"),
        (["5/3/2025 3:15pm EST"], "en", None, "2025-05-03T15:15:00-05:00"),
        (["03/05/2025 3:15 PM GMT+8"], "en-PH", None, "2025-03-05T15:15:00+08:00"),
        (["05/03/2025 15:15 IST"], "en-US", None, "2025-03-05T15:15:00+05:30"),  # a default tag
        # A date printed twice counts once: one month-first date against one day-first.
        (["05/12/2024 10:00, 11:30", "11/28/2024", "28/11/2024"], "fr", None, "2024-12-05"),
    ],
)
def test_a_document_reads_its_slashed_dates_in_one_order(
    printed: list[str], language: str | None, url: str | None, expected: str
) -> None:
    matches = [m for line in printed for m in find_dates(line)]
    first = month_first(matches, language, date_from_url(url) if url else None)
    assert in_order(matches[0], first).stamp.iso() == expected


@pytest.mark.parametrize(
    ("before", "text", "labels"),
    [
        ("Posted on", "Nov 21, 2018", ["posted"]),
        ("Updated at", "Dec 10, 2025", ["updated"]),
        ("Last updated:", "March 3, 2024 10:15 AM", ["updated"]),
        ("입력", "2024.03.05 10:15", ["posted"]),
        ("Published / Updated", "Nov 21, 2018 / Dec 10, 2025", ["posted", "updated"]),
        # Not a line of labels alone: its words say more, or hold a label inside a word.
        ("Share this", "Nov 21, 2018", [None]),
        ("Posted in Sports on", "Nov 21, 2018", [None]),
        ("Edited by Jane Doe", "Nov 21, 2018", [None]),
        ("Uncredited", "Nov 21, 2018", [None]),
        ("Live updates", "Nov 21, 2018", [None]),
        ("Writer: Jane Doe", "Nov 21, 2018", [None]),
        ("Posted on 3 May", "Nov 21, 2018", [None]),
        # Not a line of dates: a sentence that starts with one, or one that says its own.
        ("Updated", "2024-03-05 is when the council met to decide", [None]),
        ("Posted on", "Read more on Nov 21, 2018", [None]),
    ],
)
def test_a_line_of_labels_alone_labels_the_dates_under_it(
    before: str, text: str, labels: list[str | None]
) -> None:
    assert [m.label for m in dates_under(text, before)] == labels


def test_a_utc_time_is_given_in_the_publishers_zone_but_a_utc_midnight_is_a_date() -> None:
    [utc] = find_dates("March 4, 2024 15:30 GMT")
    assert utc.stamp.iso(SEOUL) == "2024-03-05T00:30:00+09:00"  # the same instant, Seoul's day
    assert utc.stamp.iso(None) == "2024-03-04T15:30:00+00:00"
    # Midnight UTC is how much metadata writes a bare date: the day, not the instant.
    [midnight] = find_dates("2024-03-04T00:00:00Z")
    assert midnight.stamp.iso(ZoneInfo("America/New_York")) == "2024-03-04T00:00:00+00:00"


@pytest.mark.parametrize(
    ("capture", "posted"),
    [
        (
            "円安が進み日銀が会合で利上げを議論\n\n2024年10月2日 5時00分\n\n"
            "日本銀行は2日、金融政策決定会合を開き、円安の進行を受けて追加の利上げを議論した。"
            "市場では年内の利上げを予想する声が強まっている。\n\n"
            "植田総裁は会合後の記者会見で、物価の動向を注意深く見ていく考えを示した。",
            "2024-10-02T05:00:00+09:00",
        ),
        (
            "Stadtrat beschließt neue Radwege\n\nVeröffentlicht am 07.03.2024 - 06:45\n\n"
            "Der Stadtrat hat am Mittwochabend mit großer Mehrheit den Bau von zwölf neuen "
            "Radwegen beschlossen, die bis zum Sommer des kommenden Jahres fertig sein sollen.\n\n"
            "Die Kosten von rund vier Millionen Euro teilen sich Stadt und Land, sagte die "
            "Bürgermeisterin nach der Sitzung.",
            "2024-03-07T06:45:00+01:00",
        ),
        (
            "Il Comune approva il nuovo piano per le piste ciclabili\n\n"
            "15 marzo 2024 ore 11:20\n\n"
            "Il consiglio comunale ha approvato ieri sera il piano che prevede dodici nuovi "
            "chilometri di piste ciclabili entro la fine del prossimo anno.\n\n"
            "L'assessore alla mobilità ha spiegato che i lavori partiranno a settembre.",
            "2024-03-15T11:20:00+01:00",
        ),
    ],
    ids=["ja", "de", "it"],
)
def test_news_in_a_one_zone_language_is_given_that_zone(capture: str, posted: str) -> None:
    # No publisher known, no zone printed: Japanese news is Japan time, German news
    # Central European time, as Korean news is Korea time.
    assert parse_bytes(capture.encode(), "capture.txt").posted_at == posted


def test_hindi_month_names_and_labels() -> None:
    posted = find_dates("प्रकाशित 15 जनवरी 2025 09:30")
    assert [(m.stamp.year, m.stamp.month, m.stamp.day, m.label) for m in posted] == [
        (2025, 1, 15, "posted")
    ]
    updated = find_dates("अपडेट: 3 दिसंबर 2024, 14:05 IST")
    assert [(m.stamp.month, m.stamp.offset_minutes, m.label) for m in updated] == [
        (12, 330, "updated")
    ]


def test_thai_dates_in_the_buddhist_era() -> None:
    # Thai sites print the Buddhist era's year: 2568 is 2025.
    posted = find_dates("เผยแพร่ 15 ม.ค. 2568 09:30")
    assert [(m.stamp.year, m.stamp.month, m.stamp.day, m.stamp.hour, m.label) for m in posted] == [
        (2025, 1, 15, 9, "posted")
    ]
    updated = find_dates("อัปเดต 3 กุมภาพันธ์ 2568 14:05 น.")
    assert [(m.stamp.year, m.stamp.month, m.label) for m in updated] == [(2025, 2, "updated")]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("2025年2月26日 下午3:15 (GMT+8)", (2025, 2, 26, 15, 480, None)),  # Chinese p.m.
        ("Februari 26, 2025 14:20 EAT", (2025, 2, 26, 14, 180, None)),  # East Africa
        ("14 Mart 2025 10:45 (TSİ)", (2025, 3, 14, 10, 180, None)),  # Türkiye time
        ("24 בפברואר 2025, 16:02", (2025, 2, 24, 16, None, None)),  # Hebrew, "in February"
        ("עודכן: 24.02.25, 18:10", (2025, 2, 24, 18, None, "updated")),
        ("Ενημέρωση: 12 Μαρτίου 2025, 11:00", (2025, 3, 12, 11, None, "updated")),
        ("Machi 12, 2025", (2025, 3, 12, None, None, None)),  # Swahili
        # Arabic's a.m. and p.m. after the time, by their first letters or in full.
        ("18 مارس 2025 07:30 م GMT+2", (2025, 3, 18, 19, 120, None)),
        ("18 مارس 2025 07:30 ص GMT+2", (2025, 3, 18, 7, 120, None)),
        ("18 مارس 2025 12:10 صباحا GMT+2", (2025, 3, 18, 0, 120, None)),
        ("18 مارس 2025 07:30 مساءً GMT+2", (2025, 3, 18, 19, 120, None)),
        # Iran's solar calendar, in words or figures, with its "ساعت" (hour) before the time.
        ("تاریخ انتشار: ۲۸ اسفند ۱۴۰۳ ساعت ۱۰:۱۵ GMT+3:30", (2025, 3, 18, 10, 210, "posted")),
        ("۱ فروردین ۱۴۰۴", (2025, 3, 21, None, None, None)),
        # The word for "at" between a date and its time, in more languages.
        ("15 marzo 2024 alle ore 11:20 CET", (2024, 3, 15, 11, 60, None)),
        ("15 maart 2024 om 11:20 CET", (2024, 3, 15, 11, 60, None)),
        ("15 marca 2024 o godz. 11:20 CET", (2024, 3, 15, 11, 60, None)),
        ("15 de março de 2024 às 11:20 WET", (2024, 3, 15, 11, 0, None)),
        # A dash or a weekday between them; Moscow's zone in Cyrillic.
        ("April 6, 2025 — 2.30pm AEST", (2025, 4, 6, 14, 600, None)),
        ("5 Mart 2025 Çarşamba 15:15 TSİ", (2025, 3, 5, 15, 180, None)),
        ("5 March 2025, Wednesday, 10:00 IST", (2025, 3, 5, 10, 330, None)),
        ("14 февраля 2025, 13:32 МСК", (2025, 2, 14, 13, 180, None)),
    ],
)
def test_dates_times_zones_and_labels_in_more_languages(
    line: str, expected: tuple[object, ...]
) -> None:
    (m,) = find_dates(line)
    s = m.stamp
    assert (s.year, s.month, s.day, s.hour, s.offset_minutes, m.label) == expected
