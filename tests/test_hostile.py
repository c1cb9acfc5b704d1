"""The hostile input corpus: each input gets a record or one named error, in bounded time, and
nothing already stored changes. docs/hostile-inputs.md lists every case with its outcome."""

from __future__ import annotations

import gzip
import io
import json
import os
import re
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsarchive import Archive, Article, parse_bytes, parse_file
from newsarchive.cli import cli
from newsarchive.errors import InputError, UnreadableInput
from newsarchive.parse import MAX_INPUT_BYTES

ARTICLE = (
    "A headline about the harbour\n\n"
    + "The harbour authority said on Monday that the new quay will open next spring, "
    "after two years of work on the breakwater and the cranes.\n\n" * 3
)


def outcome(data: bytes) -> str:
    """'record' or the error class a parse of these bytes ends in, within five seconds."""
    started = time.monotonic()
    try:
        parse_bytes(data, "hostile")
        result = "record"
    except InputError as exc:
        result = type(exc).__name__
    assert time.monotonic() - started < 5, "every input is parsed in bounded time"
    return result


def _nested(depth: int) -> bytes:
    return (
        b"<html><body>"
        + b"<div>" * depth
        + ARTICLE.encode()
        + b"</div>" * depth
        + b"</body></html>"
    )


def _bomb() -> bytes:
    entities = "".join(
        f'<!ENTITY e{i} "&e{i - 1};&e{i - 1};&e{i - 1};&e{i - 1};">' for i in range(1, 12)
    )
    return (
        f'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY e0 "boom">{entities}]>'
        f"<html><body><p>&e11;</p><p>{ARTICLE}</p></body></html>"
    ).encode()


def _gzip_bomb() -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    chunk = b"\0" * (1 << 20)
    parts = [compressor.compress(chunk) for _ in range(100)]  # 100 MB of zeros, ~100 KB packed
    return b"".join(parts) + compressor.flush()


def _many_attributes(count: int, value: str = "x") -> bytes:
    attributes = " ".join(f'a{i}="{value}"' for i in range(count))
    return f"<html><body><div {attributes}>menu</div><p>{ARTICLE}</p></body></html>".encode()


def _json_ld(headline: str) -> bytes:
    """A page whose JSON-LD headline carries escapes no record may hold."""
    return (
        '<html><head><script type="application/ld+json">'
        f'{{"@type": "NewsArticle", "headline": "{headline}", "author": "Jane\\u0000 Roe"}}'
        f"</script></head><body><article><p>{ARTICLE}</p></article></body></html>"
    ).encode()


SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="90" height="90">'
    b'<text x="5" y="20">' + ARTICLE.encode() + b"</text></svg>"
)

CASES = {
    "empty file": (b"", "EmptyInput"),
    "whitespace only": (b" \n\t \r\n", "EmptyInput"),
    "PNG image": (b"\x89PNG\r\n\x1a\n" + os.urandom(2048), "BinaryInput"),
    "PDF document": (b"%PDF-1.7\n" + os.urandom(2048), "BinaryInput"),
    "ELF executable": (b"\x7fELF\x02\x01\x01\x00" + os.urandom(2048), "BinaryInput"),
    "random bytes": (bytes(range(256)) * 16, "BinaryInput"),
    "NUL bytes inside text": (ARTICLE.replace("harbour", "har\0bour", 1).encode(), "record"),
    "invalid UTF-8 (a few bytes)": (ARTICLE.encode() + b"\xff\xfe broken tail.", "record"),
    "EUC-KR without a declaration": (
        (
            "서울 아파트 값 상승폭 연중 최고치\n\n"
            + "서울의 아파트 값이 올 들어 가장 높은 폭으로 상승했습니다. " * 6
        ).encode("cp949"),
        "record",
    ),
    "mojibake (doubly-encoded UTF-8)": (
        ARTICLE.encode("utf-8")
        .decode("latin-1")
        .encode("utf-8")
        .replace(b"harbour", "GÃ¤rten".encode()),
        "record",
    ),
    "a single 50,000-character line": (("word " * 10000).encode(), "record"),
    # libxml2 stops reading at depth 256 (we do not enable huge trees): the text nested deeper
    # is not read, and the page says so rather than hanging or exhausting the stack.
    "HTML nested 10,000 levels deep": (_nested(10_000), "NotAnArticle"),
    "HTML with an XML entity bomb": (_bomb(), "record"),
    "truncated gzip": (gzip.compress(ARTICLE.encode())[:-12], "BinaryInput"),
    "gzip bomb (100 MB of zeros)": (_gzip_bomb(), "BinaryInput"),
    "not an article (a menu)": (b"Home\nNews\nSports\nWeather\nLogin\n", "NotAnArticle"),
    # libxml2's time grows with the square of an element's attributes: they are cut first.
    "an element with 100,000 attributes": (_many_attributes(100_000), "record"),
    "an element with 200,000 attributes": (_many_attributes(200_000), "record"),
    "attributes whose values hold '<'": (_many_attributes(100_000, "<"), "record"),
    "JSON-LD with \\u0000 and a lone \\ud800": (
        _json_ld("Quay\\u0000 opens \\ud800soon"),
        "record",
    ),
    "an SVG image saved as .html": (SVG, "NotAnArticle"),
    "escape sequences and control characters in text": (
        (
            "Harbour \x1b[31mquay\x1b[0m \x07opens\n\n" + ARTICLE.replace("spring", "spr\x08ing")
        ).encode(),
        "record",
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_bytes(name: str) -> None:
    data, expected = CASES[name]
    assert outcome(data) == expected


def test_a_capture_of_very_many_lines_is_read_at_its_start(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A text of tens of thousands of lines is read in its first MAX_LINES (here cut to 40, so
    that the test is quick): the article stands there, and the record says it was cut."""
    import newsarchive.parse.text as text_parser

    monkeypatch.setattr(text_parser, "MAX_LINES", 40)
    lines = [
        f"Entry {i}: the harbour log notes a ferry crossing and its passengers." for i in range(90)
    ]
    record = parse_bytes(("\n\n".join(["Harbour log for the winter", *lines])).encode(), "log.txt")
    assert record.extraction == "text:cut"
    assert "Entry 30:" in record.body and "Entry 60:" not in record.body
    short = parse_bytes(("\n\n".join(["Harbour log for the winter", *lines[:20]])).encode(), "a")
    assert short.extraction == "text"


# Characters no stored record holds: PostgreSQL refuses NUL; no encoding writes a lone
# surrogate; escape sequences and control characters would reach terminals and split words.
UNWANTED = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def _texts(article: Article) -> list[str]:
    d = article.to_dict()
    found = [d["headline"], d["body"], d["byline"] or "", d["subheadline"] or ""]
    return found + [a["name"] for a in d["authors"]]


@pytest.mark.parametrize(
    "name",
    [
        "NUL bytes inside text",
        "JSON-LD with \\u0000 and a lone \\ud800",
        "escape sequences and control characters in text",
    ],
)
def test_records_hold_no_control_characters(name: str) -> None:
    article = parse_bytes(CASES[name][0], "hostile")
    assert not any(UNWANTED.search(text) for text in _texts(article))
    article.to_dict()  # and it prints: no lone surrogate left to fail an encoder
    json.dumps(article.to_dict(), ensure_ascii=False).encode("utf-8")


def test_words_glued_to_control_characters_stay_searchable(tmp_path: Path, db_url: str) -> None:
    page = tmp_path / "glued.txt"
    page.write_bytes(CASES["escape sequences and control characters in text"][0])
    runner = CliRunner()
    assert runner.invoke(cli, ["ingest", str(page)]).exit_code == 0
    archive = Archive.open(db_url)
    assert archive.get(1).headline == "Harbour quay opens"
    assert [h.id for h in archive.search("spring")] == [1]
    assert [h.id for h in archive.search("opens")] == [1]


def test_a_stored_nul_cannot_reach_postgresql(tmp_path: Path, db_url: str) -> None:
    """The archive cleans what it is given, whoever built the record."""
    from newsarchive.record import InputInfo

    article = Article(
        headline="Quay\x00 opens",
        body="The quay\x00 opens in spring.\ud800",
        input=InputInfo("made.txt", "text", "utf-8", "0" * 64),
    )
    with Archive.open(db_url) as archive:
        archive.add(article, b"made")
        stored = archive.get(1)
    assert (stored.headline, stored.body) == ("Quay opens", "The quay opens in spring.")


# Starts the command from a small process and prints its peak memory. Linux keeps a process's
# peak across exec, so a command started straight from this (large) test process would report
# the test process's own size.
_MEASURE = """
import os, subprocess, sys
process = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)
_pid, status, usage = os.wait4(process.pid, 0)
print(os.waitstatus_to_exitcode(status), usage.ru_maxrss / 1024)
"""


def _max_rss_mb(command: list[str], stdin: int | None = None) -> tuple[int, float, str]:
    """Run a command; its exit status, peak memory (MB) and stderr."""
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, *command], stdin=stdin, capture_output=True, check=True
    )
    code, peak = done.stdout.decode().split()
    return int(code), float(peak), done.stderr.decode("utf-8", "replace")


def test_every_hostile_input_in_bounded_memory(tmp_path: Path) -> None:
    """The whole corpus through one `parse` process: its peak memory stays bounded (the
    inputs are refused or cut, never held whole when they are bombs)."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for i, (data, _expected) in enumerate(CASES.values()):
        (folder / f"{i:02d}.html").write_bytes(data)
    started = time.monotonic()
    code, peak, err = _max_rss_mb([sys.executable, "-m", "newsarchive", "parse", str(folder)])
    assert code == 1 and "Traceback" not in err
    assert time.monotonic() - started < 5 * len(CASES)
    assert peak < 1024, f"peak memory {peak:.0f} MB"


def test_standard_input_is_bounded(tmp_path: Path) -> None:
    """`ingest -` from an endless stream stops at the size limit, in bounded time and memory."""
    db = str(tmp_path / "archive.db")
    started = time.monotonic()
    with open("/dev/zero", "rb") as zeros:
        code, peak, err = _max_rss_mb(
            [sys.executable, "-m", "newsarchive", "--db", db, "ingest", "-"], stdin=zeros.fileno()
        )
    assert time.monotonic() - started < 30
    assert code == 1 and "too large" in err and "Traceback" not in err, err
    assert peak < 300 + MAX_INPUT_BYTES / 2**20, f"peak memory {peak:.0f} MB"
    result = CliRunner().invoke(cli, ["parse", "-"], input=io.BytesIO(b"x" * (MAX_INPUT_BYTES + 1)))
    assert result.exit_code == 1 and "too large" in result.stderr


def test_error_lines_escape_file_names(tmp_path: Path) -> None:
    """A file name cannot drive the terminal or fake a line of output."""
    folder = tmp_path / "names"
    folder.mkdir()
    (folder / "title\x1b]0;owned\x07.txt").write_bytes(b"")
    (folder / "two\nerror: fake.txt").write_bytes(b"")
    result = CliRunner().invoke(cli, ["ingest", str(folder)])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 2 and all(line.startswith("error: ") for line in lines)
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert any("\\x1b]0;owned\\x07" in line for line in lines)
    assert any("two\\nerror: fake.txt" in line for line in lines)
    parsed = CliRunner().invoke(cli, ["parse", str(folder)])
    assert len(parsed.stderr.splitlines()) == 2 and "\x1b" not in parsed.stderr


def test_a_100_mb_file_is_refused_unread(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(100 * 1024 * 1024)
    with pytest.raises(UnreadableInput, match="too large"):
        parse_file(big)


def test_a_folder_of_hostile_files(tmp_path: Path, seed_path: Path, db_url: str) -> None:
    """Symlink loop, an unreadable file, non-UTF-8 names, 10,000 small files: named errors, the
    rest stored, and what was stored before does not change."""
    runner = CliRunner()
    assert runner.invoke(cli, ["ingest", str(seed_path)]).exit_code == 0
    before = Archive.open(db_url).get(1).to_dict()

    folder = tmp_path / "hostile"
    many = folder / "many"
    many.mkdir(parents=True)
    for i in range(10_000):
        (many / f"{i:05d}.txt").write_bytes(b"" if i % 2 else b"\x00\x01\x02" * 40)
    (folder / "loop-a").symlink_to(folder / "loop-b")
    (folder / "loop-b").symlink_to(folder / "loop-a")
    (folder / "dir-loop").symlink_to(folder)  # a folder that contains itself
    # A file no one can read, root included: reading /proc/self/mem from offset 0 fails (EIO).
    (folder / "unreadable.txt").symlink_to("/proc/self/mem")
    os.makedirs(os.fsencode(folder / "names"), exist_ok=True)
    odd = os.path.join(os.fsencode(folder / "names"), b"caf\xe9-\xff.txt")
    with open(odd, "wb") as handle:
        handle.write(ARTICLE.encode())

    started = time.monotonic()
    result = runner.invoke(cli, ["ingest", "-q", str(folder)])
    assert time.monotonic() - started < 120
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.stdout.strip().startswith("1 added")
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 10_003  # 10,000 small files, the two links of the loop, unreadable
    assert any("loop-a" in line for line in errors)
    assert any("unreadable.txt" in line and "error" in line.lower() for line in errors)
    archive = Archive.open(db_url)
    stored = archive.recent(5)
    assert any(r.input.path.endswith("caf\\xe9-\\xff.txt") for r in stored)
    after = archive.get(1).to_dict()
    assert before == after
