"""The hostile input corpus: each input gets a record or one named error, in bounded time, and
nothing already stored changes. docs/hostile-inputs.md lists every case with its outcome."""

from __future__ import annotations

import gzip
import os
import time
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsarchive import Archive, parse_bytes, parse_file
from newsarchive.cli import cli
from newsarchive.errors import InputError, UnreadableInput

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
}


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_bytes(name: str) -> None:
    data, expected = CASES[name]
    assert outcome(data) == expected


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
