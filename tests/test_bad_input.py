"""Bad inputs: one clear line each, naming the file and the reason; the batch goes on; exit 1."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsarchive.cli import cli
from newsarchive.errors import BinaryInput, EmptyInput, NotAnArticle, UnreadableInput
from newsarchive.parse import parse_bytes, parse_file

NOT_AN_ARTICLE = "Home\nNews\nSports\nWeather\nLogin\n"


@pytest.mark.parametrize(
    ("data", "error", "reason"),
    [
        (b"", EmptyInput, "empty file"),
        (b"  \n\t\n ", EmptyInput, "only whitespace"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), BinaryInput, "binary"),
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + bytes(300), BinaryInput, "binary"),
        (b"\x7fELF\x02\x01\x01" + bytes(500), BinaryInput, "binary"),
        (bytes(range(256)) * 8, BinaryInput, "binary"),
        (NOT_AN_ARTICLE.encode(), NotAnArticle, "no article text"),
        (b"\x1f\x8b\x08\x00truncated", BinaryInput, "gzip"),
    ],
)
def test_bad_bytes_raise_named_errors(data: bytes, error: type[Exception], reason: str) -> None:
    with pytest.raises(error) as info:
        parse_bytes(data, "page.txt")
    assert info.value.path == "page.txt"  # type: ignore[attr-defined]
    assert reason in info.value.reason  # type: ignore[attr-defined]


def _modes_bite() -> bool:
    """Whether a file without read permission is unreadable here (not for root, unless its
    capabilities are dropped: capsh --drop=cap_dac_override,cap_dac_read_search)."""
    with tempfile.TemporaryDirectory() as folder:
        probe = Path(folder) / "probe"
        probe.write_text("x")
        probe.chmod(0)
        try:
            probe.read_bytes()
        except PermissionError:
            return True
        return False


def test_gzip_text_is_read(seed_path: Path, tmp_path: Path) -> None:
    page = tmp_path / "seed.txt.gz"
    page.write_bytes(gzip.compress(seed_path.read_bytes()))
    record = parse_file(page)
    assert record.headline.startswith("Trump team")
    assert record.input.format == "text+gzip"


def test_every_member_of_a_gzip_file_is_read(seed_path: Path, tmp_path: Path) -> None:
    data = seed_path.read_bytes()
    half = len(data) // 2
    page = tmp_path / "seed.txt.gz"  # two members, as `cat a.gz b.gz` or an appending writer
    page.write_bytes(gzip.compress(data[:half]) + gzip.compress(data[half:]) + b"\0" * 16)
    record = parse_file(page)
    assert record.body == parse_file(seed_path).body


def test_unreadable_paths(tmp_path: Path) -> None:
    with pytest.raises(UnreadableInput, match="no such file"):
        parse_file(tmp_path / "missing.txt")
    (tmp_path / "dangling").symlink_to(tmp_path / "nowhere")
    with pytest.raises(UnreadableInput, match="no such file"):
        parse_file(tmp_path / "dangling")
    os.mkfifo(tmp_path / "fifo")
    with pytest.raises(UnreadableInput, match="not a regular file"):
        parse_file(tmp_path / "fifo")


@pytest.mark.skipif(not _modes_bite(), reason="this user reads files whatever their mode")
def test_permission_denied(tmp_path: Path) -> None:
    page = tmp_path / "locked.txt"
    page.write_text("x")
    page.chmod(0)
    with pytest.raises(UnreadableInput, match="permission denied"):
        parse_file(page)


@pytest.mark.skipif(not _modes_bite(), reason="this user reads files whatever their mode")
def test_an_unreadable_file_named_fails_alone(tmp_path: Path, seed_path: Path) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text("x")
    locked.chmod(0)
    folder = tmp_path / "closed"
    folder.mkdir()
    folder.chmod(0)
    args = ["--db", str(tmp_path / "a.db"), "ingest", str(locked), str(folder), str(seed_path)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1, result.output
    assert "locked.txt: permission denied" in result.stderr
    assert "closed: a folder that cannot be listed (permission denied)" in result.stderr
    assert "1 added" in result.stdout


@pytest.mark.parametrize("command", ["ingest", "parse", "import"])
def test_an_empty_path_is_a_usage_error_not_the_current_folder(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "page.txt").write_text(NOT_AN_ARTICLE)
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "a.db"), command, ""])
    assert result.exit_code == 2
    assert "an empty path names no file" in result.stderr


def test_a_bad_batch_stores_the_good_and_names_the_bad(
    tmp_path: Path, seed_path: Path, db_url: str
) -> None:
    batch = tmp_path / "batch"
    batch.mkdir()
    shutil.copy(seed_path, batch / "a_seed.txt")
    (batch / "b_empty.txt").write_bytes(b"")
    (batch / "c_image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (batch / "d_menu.txt").write_text(NOT_AN_ARTICLE)
    missing = tmp_path / "missing.txt"

    runner = CliRunner()
    result = runner.invoke(cli, ["ingest", str(batch), str(missing)])
    assert result.exit_code == 1
    assert result.stdout.strip() == "1 added, 0 unchanged, 0 updated, 4 failed"
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 4
    assert errors[0] == f"error: {batch / 'b_empty.txt'}: empty file"
    assert errors[1].startswith(f"error: {batch / 'c_image.png'}: binary")
    assert errors[2] == f"error: {batch / 'd_menu.txt'}: no article text found"
    assert errors[3] == f"error: {missing}: no such file"
    assert "Traceback" not in result.stderr

    info = json.loads(runner.invoke(cli, ["info", "--json"]).stdout)
    assert (info["articles"], info["inputs"]) == (1, 1)


def test_parse_exit_status_with_a_bad_file(tmp_path: Path, seed_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = CliRunner().invoke(cli, ["parse", "--json", str(seed_path), str(empty)])
    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) == 1
    assert result.stderr.strip() == f"error: {empty}: empty file"
