from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from newsarchive.parse.dates import date_from_url, find_dates
from newsarchive.parse.lines import date_line

SEOUL = ZoneInfo("Asia/Seoul")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Posted November. 28, 2024 07:37,", [("posted", "2024-11-28T07:37+09:00")]),
        ("MAY 08, 2014 06:13", [(None, "2014-05-08T06:13+09:00")]),
        (
            "Posted on : May.22,2006 09:13 KST Modified on : May.22,2006 09:17 KST",
            [("posted", "2006-05-22T09:13+09:00"), ("updated", "2006-05-22T09:17+09:00")],
        ),
        (
            "Write: 2021-06-28 11:44:08Update: 2021-06-28 14:43:58",
            [("posted", "2021-06-28T11:44:08+09:00"), ("updated", "2021-06-28T14:43:58+09:00")],
        ),
        (
            "입력 2017.07.17 (17:04) | 수정 2017.07.17 (17:30)",
            [("posted", "2017-07-17T17:04+09:00"), ("updated", "2017-07-17T17:30+09:00")],
        ),
        ("2013.12.19. 오후 3:27", [(None, "2013-12-19T15:27+09:00")]),
        ("2022. 12. 30. 15:00", [(None, "2022-12-30T15:00+09:00")]),
        ("All News 13:30 February 19, 2019", [(None, "2019-02-19T13:30+09:00")]),
        ("July 19, 2017 / 7:06 PM / in a day", [(None, "2017-07-19T19:06+09:00")]),
        ("2024년 3월 5일 오전 9:05", [(None, "2024-03-05T09:05+09:00")]),
        ("2025年3月4日 10時12分", [(None, "2025-03-04T10:12+09:00")]),
        ("2025年3月4日（火） 午後3時05分", [(None, "2025-03-04T15:05+09:00")]),
        ("2024年12月3日 23:17", [(None, "2024-12-03T23:17+09:00")]),
        ("Published 2022-09-14T09:30+02:00", [("posted", "2022-09-14T09:30+02:00")]),
        ("22 May 2006", [(None, "2006-05-22")]),
    ],
)
def test_find_dates(line: str, expected: list[tuple[str | None, str]]) -> None:
    assert [(m.label, m.stamp.iso(SEOUL)) for m in find_dates(line)] == expected


def test_no_zone_gives_the_day_not_a_naive_time() -> None:
    (match,) = find_dates("April 17, 2023 08:46")
    assert match.stamp.iso(None) == "2023-04-17"


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
    ],
)
def test_date_from_url(url: str, day: str | None) -> None:
    stamp = date_from_url(url)
    assert (stamp.iso() if stamp else None) == day
