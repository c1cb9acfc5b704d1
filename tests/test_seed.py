"""The seed article gives exactly what the SPEC lists."""

from __future__ import annotations

from pathlib import Path

from newsarchive import parse_file


def test_seed_record(seed_path: Path) -> None:
    record = parse_file(seed_path).to_dict()
    assert record["headline"] == "Trump team may pursue direct talks with Kim Jong Un"
    assert record["posted_at"] == "2024-11-28T07:37:00+09:00"
    assert record["updated_at"] == "2024-11-28T07:37:00+09:00"
    assert record["byline"] == "워싱턴=문병기 특파원 weappon@donga.com"
    assert record["authors"] == [
        {
            "name": "문병기",
            "email": "weappon@donga.com",
            "role": "correspondent",
            "dateline": "워싱턴",
        }
    ]
    assert record["source"] == {"name": "The Dong-A Ilbo", "domain": "donga.com"}
    assert record["language"] == "en"
    assert record["languages"] == ["en", "ko"]
    assert record["translations"] == ["ko"]
    paragraphs = record["body"].split("\n\n")
    assert len(paragraphs) == 4
    assert paragraphs[0].startswith("U.S. President-elect")
    assert paragraphs[-1].endswith("in a difficult situation.")
    assert record["input"]["format"] == "text"
    assert record["input"]["encoding"] == "utf-8"
    assert record["word_count"] == 330
