"""Export and import: every record out as JSON Lines, CSV or Parquet; JSON Lines back in give
the same records; lines that are not records are refused by file and line."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from golden import fixture_pages
from newsarchive import Archive
from newsarchive.cli import cli
from test_editions import EDITIONS


def shown(runner: CliRunner, db: str) -> list[dict[str, object]]:
    listing = runner.invoke(cli, ["--db", db, "list", "--json", "--limit", "1000"])
    records = []
    for line in listing.stdout.splitlines():
        article_id = json.loads(line)["id"]
        record = json.loads(
            runner.invoke(cli, ["--db", db, "show", "--json", str(article_id)]).stdout
        )
        records.append(record)
    return sorted(records, key=lambda r: int(str(r["id"])))


@pytest.fixture
def filled(db_url: str, seed_path: Path) -> str:
    pages = [str(p) for p in fixture_pages()] + [str(seed_path)]
    result = CliRunner().invoke(cli, ["--db", db_url, "ingest", *pages])
    assert result.exit_code == 0, result.output
    return db_url


def test_an_exported_archive_imports_as_the_same_records(filled: str, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "all.jsonl"
    exported = runner.invoke(cli, ["--db", filled, "export", "-o", str(out)])
    assert exported.exit_code == 0, exported.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) >= 15 and "records written" in exported.stderr
    copy = str(tmp_path / "copy.db")
    imported = runner.invoke(cli, ["--db", copy, "import", str(out)])
    assert imported.exit_code == 0 and imported.stdout.startswith(f"{len(lines)} added")
    assert shown(runner, copy) == shown(runner, filled)
    again = runner.invoke(cli, ["--db", copy, "import", str(out)])
    assert again.stdout.startswith(f"0 added, {len(lines)} unchanged")
    # An imported record's input keeps its description, not its bytes: check knows.
    assert runner.invoke(cli, ["--db", copy, "check"]).exit_code == 0
    assert "Kim Jong Un" in runner.invoke(cli, ["--db", copy, "search", "Kim Jong Un"]).stdout


def test_an_edited_line_that_changes_nothing_says_so(filled: str, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "all.jsonl"
    assert runner.invoke(cli, ["--db", filled, "export", "-o", str(out)]).exit_code == 0
    first, *rest = out.read_text(encoding="utf-8").splitlines()
    record = json.loads(first)
    record["body"] += "\n\nA paragraph added by hand."
    edited = tmp_path / "edited.jsonl"
    edited.write_text("\n".join([json.dumps(record), *rest]) + "\n", encoding="utf-8")
    again = runner.invoke(cli, ["--db", filled, "import", str(edited)])
    assert again.exit_code == 0 and again.stdout.startswith(f"0 added, {1 + len(rest)} unchanged")
    notes = [line for line in again.stderr.splitlines() if line.startswith("note:")]
    assert len(notes) == 1 and "line 1: its text was edited" in notes[0]
    assert f"record {record['id']} is stored already" in notes[0]


def test_csv_has_a_row_per_record_and_a_column_per_field(filled: str, tmp_path: Path) -> None:
    runner = CliRunner()
    jsonl = [
        json.loads(x) for x in runner.invoke(cli, ["--db", filled, "export"]).stdout.splitlines()
    ]
    out = tmp_path / "all.csv"
    assert (
        runner.invoke(cli, ["--db", filled, "export", "--format", "csv", "-o", str(out)]).exit_code
        == 0
    )
    with out.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == len(jsonl)
    for row, record in zip(rows, jsonl, strict=True):
        assert row["headline"] == record["headline"] and row["body"] == record["body"]
        assert row["authors"] == "; ".join(a["name"] for a in record["authors"])
        assert row["languages"] == "; ".join(record["languages"])
        assert row["input_sha256"] == record["input"]["sha256"]


def test_parquet_has_a_row_per_record(filled: str, tmp_path: Path) -> None:
    parquet = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "all.parquet"
    result = CliRunner().invoke(
        cli, ["--db", filled, "export", "--format", "parquet", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    table = parquet.read_table(out)
    count = len(CliRunner().invoke(cli, ["--db", filled, "export"]).stdout.splitlines())
    assert table.num_rows == count
    seed = [r for r in table.to_pylist() if r["headline"].endswith("Kim Jong Un")]
    assert seed[0]["authors"][0]["name"] == "문병기" and seed[0]["source"]["domain"] == "donga.com"


def test_a_query_and_filters_narrow_the_export(filled: str) -> None:
    runner = CliRunner()
    some = runner.invoke(cli, ["--db", filled, "export", "--lang", "ko", "김정은"])
    records = [json.loads(line) for line in some.stdout.splitlines()]
    assert records and all(r["language"] == "ko" for r in records)
    # Filters alone keep every article they allow.
    alone = runner.invoke(cli, ["--db", filled, "export", "--lang", "ko"])
    korean = [json.loads(line) for line in alone.stdout.splitlines()]
    everything = [
        json.loads(line)
        for line in runner.invoke(cli, ["--db", filled, "export"]).stdout.splitlines()
    ]
    assert alone.exit_code == 0
    assert [r["id"] for r in korean] == [r["id"] for r in everything if r["language"] == "ko"]
    assert len(korean) > len(records)
    dated = runner.invoke(
        cli, ["--db", filled, "export", "--since", "2019-01-01", "--format", "csv"]
    )
    assert dated.exit_code == 0 and len(dated.stdout.splitlines()) > 1
    no_file = runner.invoke(cli, ["--db", filled, "export", "--format", "parquet"])
    assert no_file.exit_code == 2 and "-o FILE" in no_file.stderr


def test_lines_that_are_not_records_are_refused_and_the_rest_go_in(
    filled: str, tmp_path: Path
) -> None:
    runner = CliRunner()
    good = runner.invoke(cli, ["--db", filled, "export"]).stdout.splitlines()[:2]
    mixed = tmp_path / "mixed.jsonl"
    mixed.write_text(
        "\n".join([good[0], "not json", '{"headline": "x"}', "[1, 2]", good[1], ""]),
        encoding="utf-8",
    )
    result = runner.invoke(cli, ["--db", str(tmp_path / "new.db"), "import", str(mixed)])
    assert result.exit_code == 1
    errors = result.stderr.splitlines()
    assert len(errors) == 3 and all(e.startswith(f"error: {mixed}: line ") for e in errors)
    assert "line 3: not a record: no 'body', 'input'" in errors[1]
    assert errors[0].endswith("line 2, column 1: not JSON (expecting value)")
    assert result.stdout.startswith("2 added")
    # Bad lines before the first record are still named one by one.
    late = tmp_path / "late.jsonl"
    late.write_text("\n".join(["not json", "[1]", good[0]]), encoding="utf-8")
    result = runner.invoke(cli, ["--db", str(tmp_path / "late.db"), "import", str(late)])
    assert [e.split(": ")[2] for e in result.stderr.splitlines()] == [
        "line 1, column 1",
        "line 2",
    ]
    assert result.stdout.startswith("1 added, 0 unchanged, 0 updated, 2 failed")


def test_a_file_that_is_not_json_lines_is_one_error(filled: str, tmp_path: Path) -> None:
    runner = CliRunner()
    table = tmp_path / "records.csv"
    assert runner.invoke(cli, ["--db", filled, "export", "--format", "csv", "-o", str(table)])
    result = runner.invoke(cli, ["--db", str(tmp_path / "new.db"), "import", str(table)])
    assert result.exit_code == 1
    [error] = result.stderr.splitlines()
    assert error.startswith(f"error: {table}: a CSV export: import reads JSON Lines")
    assert result.stdout.startswith("0 added, 0 unchanged, 0 updated, 1 failed")
    # A file that is no JSON Lines is said so before the archive is opened: none is made.
    assert not (tmp_path / "new.db").exists()
    short = tmp_path / "short.csv"
    short.write_text("id,headline\n1,Harbour quay\n", encoding="utf-8")
    result = runner.invoke(cli, ["--db", str(tmp_path / "new.db"), "import", str(short)])
    [error] = result.stderr.splitlines()
    assert error.startswith(f"error: {short}: not JSON Lines of records (no line is")
    # Nor a file that is not there.
    missing = tmp_path / "missing.jsonl"
    result = runner.invoke(cli, ["--db", str(tmp_path / "new.db"), "import", str(missing)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"error: {missing}: No such file or directory"]
    assert not (tmp_path / "new.db").exists()


def test_records_a_database_would_refuse_are_refused_by_line(
    db_url: str, tmp_path: Path, seed_path: Path
) -> None:
    runner = CliRunner()
    seed = runner.invoke(cli, ["parse", "--json", str(seed_path)])
    good = json.loads(seed.stdout)
    bad = [
        {**good, "posted_at": "yesterday"},
        {**good, "posted_at": "2024-02-30T10:00:00+09:00"},
        {**good, "posted_at": "9999-12-31T23:59:00-14:00"},
        {**good, "posted_at": "2024-11-28T07:37:00+09:00" + " " * 40},
        {**good, "authors": [{"name": "A", "role": {"not": "text"}}]},
        {**good, "language": "x" * 50},
    ]
    lines = [json.dumps(b) for b in bad] + ["[" * 100_000 + "]" * 100_000, json.dumps(good)]
    source = tmp_path / "bad.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(cli, ["--db", db_url, "import", str(source)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert len(result.stderr.splitlines()) == 7
    assert result.stdout.startswith("1 added")


def test_ingesting_the_originals_of_imported_records_keeps_their_bytes(
    tmp_path: Path, seed_path: Path
) -> None:
    runner = CliRunner()
    records = tmp_path / "seed.jsonl"
    records.write_text(runner.invoke(cli, ["parse", "--json", str(seed_path)]).stdout)
    db = str(tmp_path / "a.db")
    assert runner.invoke(cli, ["--db", db, "import", str(records)]).exit_code == 0
    checked = runner.invoke(cli, ["--db", db, "check"]).stdout
    assert "0 originals checked (1 imported record holds no original), 0 problems" in checked
    again = runner.invoke(cli, ["--db", db, "ingest", str(seed_path)])
    assert again.stdout.startswith("0 added, 1 unchanged")
    assert "1 original checked, 0 problems" in runner.invoke(cli, ["--db", db, "check"]).stdout
    from newsarchive import Archive

    with Archive.open(db) as archive:
        [(_info, data)] = list(archive.input_bytes(1))
    assert data == seed_path.read_bytes()


def test_earlier_editions_go_out_and_come_back(db_url: str, tmp_path: Path) -> None:
    """An archive rebuilt from its export keeps what it had: the record and the editions it
    replaced, in order. Only JSON Lines carry them; the record counts once on import."""
    pages = []
    for name in ("v2", "v1", "v3"):  # an older edition arriving late is a version too
        page = tmp_path / f"{name}.html"
        page.write_text(EDITIONS[name])
        pages.append(str(page))
    runner = CliRunner()
    assert runner.invoke(cli, ["--db", db_url, "ingest", *pages]).exit_code == 0
    out = tmp_path / "all.jsonl"
    assert runner.invoke(cli, ["--db", db_url, "export", "-o", str(out)]).exit_code == 0
    (record,) = [json.loads(line) for line in out.read_text().splitlines()]
    assert [e["updated_at"] for e in record["versions"]] == [None, "2026-03-02T12:00:00+00:00"]

    copy = str(tmp_path / "copy.db")
    imported = runner.invoke(cli, ["--db", copy, "import", str(out)])
    assert imported.stdout.startswith("1 added, 0 unchanged, 0 updated"), imported.output
    with Archive.open(db_url) as original, Archive.open(copy) as rebuilt:
        assert rebuilt.counts()["articles"] == 1
        assert rebuilt.get(1).to_dict()["body"] == original.get(1).to_dict()["body"]
        before = [{**v, "ingested_at": None} for v in original.versions(1)]
        after = [{**v, "ingested_at": None} for v in rebuilt.versions(1)]
        assert [v["body"] for v in after] == [v["body"] for v in before]
        assert [v["updated_at"] for v in after] == [v["updated_at"] for v in before]
    again = runner.invoke(cli, ["--db", copy, "import", str(out)])
    assert again.stdout.startswith("0 added, 1 unchanged, 0 updated"), again.output
    # What `show --json --versions` prints reads back the same way.
    shown_record = tmp_path / "shown.jsonl"
    shown_record.write_text(
        runner.invoke(cli, ["--db", db_url, "show", "1", "--json", "--versions"]).stdout
    )
    third = str(tmp_path / "third.db")
    assert runner.invoke(cli, ["--db", third, "import", str(shown_record)]).exit_code == 0
    with Archive.open(third) as rebuilt:
        assert len(rebuilt.versions(1)) == 2
    # A flat format has no room for them: one row a record.
    csv_out = runner.invoke(cli, ["--db", db_url, "export", "--format", "csv"]).stdout
    assert len(list(csv.DictReader(csv_out.splitlines()))) == 1


def test_a_record_with_a_broken_edition_is_refused_by_line(db_url: str, tmp_path: Path) -> None:
    good = {"headline": "A", "body": "Text.", "input": {"sha256": "a" * 64, "path": "a.txt"}}
    bad = {**good, "input": {"sha256": "b" * 64}, "versions": [{"headline": "old"}]}
    out = tmp_path / "records.jsonl"
    out.write_text(json.dumps(good) + "\n" + json.dumps(bad) + "\n")
    result = CliRunner().invoke(cli, ["--db", db_url, "import", str(out)])
    assert "line 2: version 1: not a record: no 'body', 'input'" in result.stderr
    assert result.stdout.startswith("1 added")


def test_export_never_writes_over_the_archive(tmp_path: Path, seed_path: Path) -> None:
    db = tmp_path / "news.db"
    runner = CliRunner()
    assert runner.invoke(cli, ["--db", str(db), "ingest", str(seed_path)]).exit_code == 0
    size = db.stat().st_size
    for target in (db, tmp_path / "news.db-wal"):
        for fmt in ("jsonl", "csv"):
            result = runner.invoke(
                cli, ["--db", str(db), "export", "--format", fmt, "-o", str(target)]
            )
            assert result.exit_code == 2 and "the archive's own file" in result.stderr
    assert db.stat().st_size == size
    assert (
        "1 record written"
        in runner.invoke(cli, ["--db", str(db), "export", "-o", str(tmp_path / "a.jsonl")]).stderr
    )


def test_export_never_writes_over_another_archive(tmp_path: Path, seed_path: Path) -> None:
    runner = CliRunner()
    for name in ("news.db", "other.db"):
        db = str(tmp_path / name)
        assert runner.invoke(cli, ["--db", db, "ingest", str(seed_path)]).exit_code == 0
    other = tmp_path / "other.db"
    before = other.read_bytes()
    result = runner.invoke(cli, ["--db", str(tmp_path / "news.db"), "export", "-o", str(other)])
    assert result.exit_code == 2 and "is an SQLite database" in result.stderr
    assert other.read_bytes() == before


@pytest.mark.parametrize(
    ("name", "given", "written"),
    [
        ("out.csv", None, "csv"),
        ("OUT.CSV", None, "csv"),
        ("out.jsonl", None, "jsonl"),
        ("out.txt", None, "jsonl"),
        ("out.txt", "csv", "csv"),
        ("out.csv", "csv", "csv"),
        ("out.csv", "jsonl", None),
        ("out.parquet", "csv", None),
    ],
)
def test_the_file_ending_chooses_the_format_and_never_contradicts_it(
    tmp_path: Path, seed_path: Path, name: str, given: str | None, written: str | None
) -> None:
    db = str(tmp_path / "news.db")
    runner = CliRunner()
    assert runner.invoke(cli, ["--db", db, "ingest", str(seed_path)]).exit_code == 0
    target = tmp_path / name
    options = ["--format", given] if given else []
    result = runner.invoke(cli, ["--db", db, "export", *options, "-o", str(target)])
    if written is None:
        assert result.exit_code == 2 and "names a" in result.stderr
        assert not target.exists()
        return
    assert result.exit_code == 0, result.output
    first = target.read_text().splitlines()[0]
    assert first.startswith("{") == (written == "jsonl")


def test_ingest_leaves_the_archive_and_its_exports_alone(tmp_path: Path, seed_path: Path) -> None:
    """A folder that holds the archive and what it exported: the archive's files are no
    inputs, and an export is named as one, for `import`."""
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / seed_path.name).write_bytes(seed_path.read_bytes())
    db = str(folder / "news.db")
    runner = CliRunner()
    assert runner.invoke(cli, ["--db", db, "ingest", str(folder)]).exit_code == 0
    for fmt in ("jsonl", "csv"):
        out = str(folder / f"all.{fmt}")
        assert runner.invoke(cli, ["--db", db, "export", "--format", fmt, "-o", out]).exit_code == 0
    again = runner.invoke(cli, ["--db", db, "ingest", str(folder)])
    assert again.stdout.startswith("0 added, 1 unchanged, 0 updated, 2 failed")
    errors = sorted(again.stderr.splitlines())
    assert len(errors) == 2
    assert "all.csv: a CSV export of records, not a page" in errors[0]
    assert "(`newsarchive import` reads JSON Lines)" in errors[0]
    assert "all.jsonl: records that `export` or `parse --json` wrote" in errors[1]
    assert "news.db" not in again.stderr
    # Another archive, or a Parquet export, kept beside the pages: named for what it is.
    (folder / "other.db").write_bytes((folder / "news.db").read_bytes())
    (folder / "all.parquet").write_bytes(b"PAR1" + bytes(64) + b"PAR1")
    third = runner.invoke(cli, ["--db", db, "ingest", str(folder)])
    assert "other.db: an SQLite database (an archive is opened with --db" in third.stderr
    assert "all.parquet: a Parquet file of records, not a page" in third.stderr


def test_an_empty_db_is_refused_not_the_default(tmp_path: Path) -> None:
    runner = CliRunner()
    for args in (["--db", "", "list"], ["list", "--db", " "]):
        result = runner.invoke(cli, args, env={"NEWSARCHIVE_DB": str(tmp_path / "x.db")})
        assert result.exit_code == 2 and "'--db': empty" in result.stderr


def test_an_imported_record_keeps_when_it_was_first_ingested(db_url: str, tmp_path: Path) -> None:
    record = {
        "headline": "Harbour quay to open",
        "body": "The harbour authority said the quay will open next spring.",
        "input": {"sha256": "c" * 64, "path": "quay.txt"},
        "ingested_at": "2020-01-02T03:04:05Z",
    }
    out = tmp_path / "one.jsonl"
    out.write_text(json.dumps(record) + "\n")
    assert CliRunner().invoke(cli, ["--db", db_url, "import", str(out)]).exit_code == 0
    with Archive.open(db_url) as archive:
        assert archive.get(1).ingested_at == "2020-01-02T03:04:05Z"


SOURCE = {"name": "Example News", "domain": "news.example.com"}


def record(sha: str, headline: str, body: str, url: str | None, updated: str | None) -> str:
    return json.dumps(
        {
            "source": SOURCE,
            "url": url,
            "headline": headline,
            "posted_at": "2026-03-02T09:00:00+00:00",
            "updated_at": updated,
            "body": body,
            "input": {"path": f"{sha}.html", "format": "html", "sha256": sha * 64},
        }
    )


def round_trip(db_url: str, tmp_path: Path, lines: list[str]) -> Archive:
    """Import the records one at a time into the test's archive, export it, import the export
    into a new archive: the new one."""
    runner = CliRunner()
    for i, line in enumerate(lines):
        path = tmp_path / f"in{i}.jsonl"
        path.write_text(line + "\n")
        assert runner.invoke(cli, ["--db", db_url, "import", str(path)]).exit_code == 0
    out = tmp_path / "out.jsonl"
    assert runner.invoke(cli, ["--db", db_url, "export", "-o", str(out)]).exit_code == 0
    copy = str(tmp_path / "copy.db")
    imported = runner.invoke(cli, ["--db", copy, "import", str(out)])
    assert imported.stdout.startswith("1 added"), imported.output
    return Archive.open(copy)


def test_versions_come_back_on_their_record_whatever_linked_them(
    db_url: str, tmp_path: Path
) -> None:
    # Linked by URL, then by headline and time: arriving in another order, they would not
    # chain up again by matching. An import attaches them to their record.
    url = "https://news.example.com/a"
    lines = [
        record("c", "Harbour quay", "Third text.", url, "2026-03-02T15:00:00+00:00"),
        record("a", "Quay plan", "First text.", url, None),
        record("b", "Harbour quay", "Second text.", None, "2026-03-02T12:00:00+00:00"),
    ]
    with round_trip(db_url, tmp_path, lines) as copy:
        assert copy.counts()["articles"] == 1
        assert copy.get(1).body == "Third text."
        assert sorted(v["body"] for v in copy.versions(1)) == ["First text.", "Second text."]


def test_a_version_with_a_records_text_is_kept_all_the_same(db_url: str, tmp_path: Path) -> None:
    url = "https://news.example.com/b"
    lines = [
        record("d", "Ferry", "Text B.", url, "2026-03-02T10:00:00+00:00"),
        record("e", "Ferry", "Text B2.", url, "2026-03-02T12:00:00+00:00"),
        record("f", "Ferry", "Text B.", url, "2026-03-02T09:30:00+00:00"),
    ]
    with round_trip(db_url, tmp_path, lines) as copy, Archive.open(db_url) as original:
        stamps = [v["updated_at"] for v in original.versions(1)]
        assert stamps == ["2026-03-02T09:30:00+00:00", "2026-03-02T10:00:00+00:00"]
        assert [v["updated_at"] for v in copy.versions(1)] == stamps


def test_a_version_repeating_an_input_is_refused(db_url: str, tmp_path: Path) -> None:
    line = json.loads(record("a", "A", "Text.", None, None))
    line["versions"] = [json.loads(record("a", "A", "Old text.", None, None))]
    out = tmp_path / "bad.jsonl"
    out.write_text(json.dumps(line) + "\n")
    result = CliRunner().invoke(cli, ["--db", db_url, "import", str(out)])
    assert "line 1: version 1: its input's sha256 is another edition's" in result.stderr
    assert result.stdout.startswith("0 added")


def test_one_article_twice_in_an_import_keeps_each_edition_once(
    db_url: str, tmp_path: Path
) -> None:
    url = "https://news.example.com/c"
    v1, v2, v3 = (
        json.loads(record(sha, "Quay", f"Text {sha}.", url, f"2026-03-02T1{n}:00+00:00"))
        for n, sha in enumerate("abc")
    )
    lines = [{**v2, "versions": [v1]}, {**v3, "versions": [v1, v2]}]
    out = tmp_path / "twice.jsonl"
    out.write_text("".join(json.dumps(line) + "\n" for line in lines))
    result = CliRunner().invoke(cli, ["--db", db_url, "import", str(out)])
    assert result.stdout.startswith("1 added, 0 unchanged, 1 updated"), result.output
    with Archive.open(db_url) as archive:
        assert archive.get(1).body == "Text c."
        assert [v["body"] for v in archive.versions(1)] == ["Text a.", "Text b."]
        assert archive.counts()["inputs"] == 3


def _import(db_url: str, tmp_path: Path, *lines: dict[str, object]) -> str:
    path = tmp_path / "lines.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    return str(CliRunner().invoke(cli, ["--db", db_url, "import", str(path)]).stdout)


def test_versions_never_land_on_an_article_that_only_shares_the_text(
    db_url: str, tmp_path: Path
) -> None:
    # Another source's copy of the same wire text is stored; a record of this source brings
    # its own earlier edition: both stay this source's article.
    one = json.loads(record("a", "Wire story", "Wire text.", "https://one.example/w", None))
    one["source"] = {"name": "One", "domain": "one.example"}
    two = json.loads(record("c", "Wire story", "Wire text.", None, "2026-03-02T20:00:00+00:00")) | {
        "versions": [json.loads(record("b", "Wire story", "Draft.", None, None))]
    }
    _import(db_url, tmp_path, one)
    assert _import(db_url, tmp_path, two).startswith("1 added")
    with Archive.open(db_url) as archive:
        assert archive.counts()["articles"] == 2
        assert archive.versions(1) == [] and [v["body"] for v in archive.versions(2)] == ["Draft."]


def test_the_latest_edition_stays_the_record_after_an_import(db_url: str, tmp_path: Path) -> None:
    url = "https://news.example.com/q"
    _import(
        db_url, tmp_path, json.loads(record("a", "Quay", "T.", url, "2026-03-02T10:00:00+00:00"))
    )
    # The same text later, with an edition between: the stored one becomes a version.
    line = json.loads(record("c", "Quay", "T.", url, "2026-03-02T14:00:00+00:00"))
    line["versions"] = [json.loads(record("b", "Quay", "T2.", url, "2026-03-02T12:00:00+00:00"))]
    # And a version later than its record (an export made by hand: no source, no URL, another
    # headline) is the record of that record's article.
    hand = json.loads(record("e", "Quay", "Draft.", url, "2026-03-02T08:00:00+00:00"))
    later = {"headline": "Quay 2", "body": "T5.", "updated_at": "2026-03-02T16:00:00+00:00"}
    hand["versions"] = [later | {"input": {"sha256": "f" * 64}}]
    _import(db_url, tmp_path, line)
    _import(db_url, tmp_path, hand)
    with Archive.open(db_url) as archive:
        assert archive.counts()["articles"] == 1
        current = archive.get(1)
        assert (current.updated_at, current.body) == ("2026-03-02T16:00:00+00:00", "T5.")
        assert current.source is not None and current.source.domain == "news.example.com"
        stamps = [v["updated_at"][11:16] for v in archive.versions(1)]
        assert stamps == ["08:00", "10:00", "12:00", "14:00"]


def test_a_record_without_source_or_times_is_not_stored_twice(db_url: str, tmp_path: Path) -> None:
    bare = {"headline": "Quay", "body": "Text.", "input": {"sha256": "a" * 64}}
    again = {**bare, "input": {"sha256": "b" * 64}}
    again["versions"] = [{"headline": "Quay", "body": "Draft.", "input": {"sha256": "c" * 64}}]
    _import(db_url, tmp_path, bare)
    assert _import(db_url, tmp_path, again).startswith("0 added, 0 unchanged, 1 updated")
    with Archive.open(db_url) as archive:
        assert archive.counts()["articles"] == 1
        assert [v["body"] for v in archive.versions(1)] == ["Draft."]


def test_a_link_to_the_archive_this_ingest_makes_is_no_input(
    tmp_path: Path, seed_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / seed_path.name).write_bytes(seed_path.read_bytes())
    (folder / "link.db").symlink_to(folder / "news.db")  # the archive is not there yet
    result = CliRunner().invoke(cli, ["--db", str(folder / "news.db"), "ingest", str(folder)])
    assert result.stdout.startswith("1 added, 0 unchanged, 0 updated, 0 failed"), result.output


def test_versions_later_than_their_record_keep_their_own_inputs(
    db_url: str, tmp_path: Path
) -> None:
    url = "https://news.example.com/s"
    line = json.loads(record("a", "Quay", "Record.", url, None))
    other = json.loads(record("b", "Quay", "V1.", url, "2026-03-02T11:00:00+00:00"))
    other["source"] = {"name": "Other", "domain": "other.example"}
    line["versions"] = [
        other,
        json.loads(record("c", "Quay", "V2.", url, "2026-03-02T12:00:00+00:00")),
    ]
    _import(db_url, tmp_path, line)
    with Archive.open(db_url) as archive:
        assert archive.get(1).body == "V2."
        kept = archive.versions(1)
        assert [(v["body"], v["input"]["path"]) for v in kept] == [
            ("Record.", "a.html"),
            ("V1.", "b.html"),
        ]
        assert kept[1]["source"]["domain"] == "other.example"
    out = tmp_path / "own.jsonl"
    assert CliRunner().invoke(cli, ["--db", db_url, "export", "-o", str(out)]).exit_code == 0
    again = CliRunner().invoke(cli, ["--db", db_url, "import", str(out)])
    assert again.stdout.startswith("0 added, 1 unchanged"), again.output


def test_export_to_dash_is_standard_output(
    tmp_path: Path, seed_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    db = str(tmp_path / "a.db")
    runner = CliRunner()
    assert runner.invoke(cli, ["--db", db, "ingest", str(seed_path)]).exit_code == 0
    result = runner.invoke(cli, ["--db", db, "export", "-o", "-"])
    assert result.exit_code == 0 and json.loads(result.stdout)["id"] == 1
    assert not (tmp_path / "-").exists()
    parquet = runner.invoke(cli, ["--db", db, "export", "--format", "parquet", "-o", "-"])
    assert parquet.exit_code == 2 and "not -" in parquet.stderr


@pytest.mark.parametrize("ending", [".jsonl", ".csv", ".parquet"])
def test_an_export_that_fails_leaves_the_earlier_file_as_it_was(
    filled: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ending: str
) -> None:
    if ending == ".parquet":
        pytest.importorskip("pyarrow")
    import newsarchive.export as ex

    out = tmp_path / f"backup{ending}"
    assert CliRunner().invoke(cli, ["--db", filled, "export", "-o", str(out)]).exit_code == 0
    earlier = out.read_bytes()
    out.chmod(0o640)
    real = ex.Article.to_dict
    seen = []

    def disk_full_on_the_third(article: ex.Article) -> dict[str, object]:
        seen.append(article.id)
        if len(seen) == 3:
            raise OSError(28, "No space left on device")
        return real(article)

    monkeypatch.setattr(ex.Article, "to_dict", disk_full_on_the_third)
    failed = CliRunner().invoke(cli, ["--db", filled, "export", "-o", str(out)])
    assert failed.exit_code == 1 and "No space left on device" in failed.stderr
    left = [p.name for p in tmp_path.iterdir() if "backup" in p.name]
    assert out.read_bytes() == earlier and left == [out.name]  # and no partial file
    monkeypatch.undo()
    again = CliRunner().invoke(cli, ["--db", filled, "export", "-o", str(out)])
    assert again.exit_code == 0 and out.read_bytes() == earlier  # whole, in its place
    assert out.stat().st_mode & 0o777 == 0o640


def test_an_export_through_a_link_replaces_its_target_and_a_new_file_is_readable(
    filled: str, tmp_path: Path
) -> None:
    import os

    backups = tmp_path / "backups"
    backups.mkdir()
    (backups / "real.jsonl").write_text("an earlier export\n")
    link = tmp_path / "latest.jsonl"
    link.symlink_to(backups / "real.jsonl")
    assert CliRunner().invoke(cli, ["--db", filled, "export", "-o", str(link)]).exit_code == 0
    assert link.is_symlink() and "an earlier export" not in (backups / "real.jsonl").read_text()
    assert sorted(p.name for p in backups.iterdir()) == ["real.jsonl"]
    umask = os.umask(0o022)
    try:
        fresh = tmp_path / "fresh.jsonl"
        assert CliRunner().invoke(cli, ["--db", filled, "export", "-o", str(fresh)]).exit_code == 0
    finally:
        os.umask(umask)
    assert fresh.stat().st_mode & 0o777 == 0o644  # as open() makes it, not mkstemp's 0600
