from __future__ import annotations

import pytest

from newsarchive.parse.bylines import broadcast_reporter, parse_byline, split_trailing_byline
from newsarchive.record import Author


@pytest.mark.parametrize(
    ("line", "authors", "emails"),
    [
        (
            "워싱턴=문병기 특파원 weappon@donga.com",
            [Author("문병기", "weappon@donga.com", "correspondent", "워싱턴")],
            ["weappon@donga.com"],
        ),
        (
            "Hun-Joo Cho hanscho@donga.com",
            [Author("Hun-Joo Cho", "hanscho@donga.com")],
            ["hanscho@donga.com"],
        ),
        (
            "/김진희인턴기자 jh6945@sedaily.com",
            [Author("김진희", "jh6945@sedaily.com", "intern reporter")],
            ["jh6945@sedaily.com"],
        ),
        (
            "YTN 오인석 (insukoh1@ytn.co.kr)",
            [Author("오인석", "insukoh1@ytn.co.kr")],
            ["insukoh1@ytn.co.kr"],
        ),
        (
            "황정환 기자 (baram@kbs.co.kr)",
            [Author("황정환", "baram@kbs.co.kr", "reporter")],
            ["baram@kbs.co.kr"],
        ),
        ("(khnews@heraldcorp.com)", [], ["khnews@heraldcorp.com"]),
        ("By Maria Lopez and Tom Reed", [Author("Maria Lopez"), Author("Tom Reed")], []),
        ("Written by Eliaser Ndeyanale", [Author("Eliaser Ndeyanale")], []),
        ("Kolumne von Lars Brunckhorst", [Author("Lars Brunckhorst")], []),
        ("Ein Kommentar von Anna Weber", [Author("Anna Weber")], []),
        ("오승현 기자", [Author("오승현", None, "reporter")], []),
    ],
)
def test_parse_byline(line: str, authors: list[Author], emails: list[str]) -> None:
    byline = parse_byline(line)
    assert byline is not None
    assert byline.authors == authors
    assert byline.emails == emails


@pytest.mark.parametrize(
    "line",
    [
        "▷ 이메일 : kbs1234@kbs.co.kr",
        "Contact newsroom@donga.com for more information.",
        "Copyright 2008 donga.com. All rights reserved.",
        "최유선 앵커>",
        "The company said it sold 228,588 electric vehicles by August.",
        "Reuters Staff",
    ],
)
def test_not_a_byline_with_authors(line: str) -> None:
    byline = parse_byline(line)
    assert byline is None or not byline.authors


def test_team_byline_has_no_authors() -> None:
    byline = parse_byline("동아일보 디지털뉴스팀 news@donga.com")
    assert byline is not None and byline.authors == []


def test_trailing_byline_is_split_off() -> None:
    body, byline = split_trailing_byline("8백31.80원에 마감됐다.〈千光巖기자〉")
    assert body == "8백31.80원에 마감됐다."
    assert byline is not None and byline.authors == [Author("千光巖", None, "reporter")]


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("생활 경제 소식 박석호 기자가 보도합니다.", "박석호"),
        ("KBS 뉴스 박석호입니다.", "박석호"),
        ("보도에 구병회 기자입니다.", "구병회"),
        ("서울의 아파트 값이 올랐습니다.", None),
    ],
)
def test_broadcast_reporter(line: str, name: str | None) -> None:
    author = broadcast_reporter(line)
    assert (author.name if author else None) == name
