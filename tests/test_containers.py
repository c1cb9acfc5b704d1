"""Web archives and browser saves: WARC (gzipped per record, and not), WACZ and MHTML files built
from the project's own fixtures give the records the same pages give as files, `url` included;
revisits and repeated payloads are stored once; a broken record is one error and the rest of the
file is read."""

from __future__ import annotations

import email.policy
import io
import json
import re
import uuid
import zipfile
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from conftest import ROOT
from newsarchive.cli import cli
from newsarchive.parse import decode_input

HTML = ROOT / "tests" / "fixtures" / "html"
PAGES = [
    (HTML / "donga" / "english.html", "https://www.donga.com/en/article/all/20241128/5220150/1"),
    (HTML / "donga" / "korean.html", "https://www.donga.com/news/article/all/20241128/130549/1"),
    (HTML / "generic" / "blog_printed_date.html", "https://annas-reiseblog.de/2021/11/am-see/"),
    (HTML / "generic" / "jsonld_graph.html", "https://example.org/news/2024/graph"),
]
CHUNKED = (HTML / "generic" / "facts_box_author.html", "https://example.org/news/2024/chunked")
NOT_AN_ARTICLE = b"<html><head><title>Home</title></head><body><a href='/a'>A</a></body></html>"


def response(
    writer: WARCWriter,
    url: str,
    body: bytes,
    content_type: str = "text/html; charset=utf-8",
    status: str = "200 OK",
    extra: list[tuple[str, str]] | None = None,
) -> Any:
    headers = StatusAndHeaders(
        status, [("Content-Type", content_type), *(extra or [])], protocol="HTTP/1.1"
    )
    record = writer.create_warc_record(
        url, "response", payload=io.BytesIO(body), http_headers=headers
    )
    writer.write_record(record)
    return record


def build_warc(path: Path, gzip: bool = True, extra: bool = False) -> Path:
    """A WARC of the fixture pages; with `extra`, also what a crawl holds besides articles."""
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "tests"}))
        first = None
        for page, url in PAGES:
            record = response(writer, url, page.read_bytes())
            first = first or record
        if extra:
            assert first is not None
            # A revisit of the first page, and the same payload captured again at another time.
            writer.write_record(
                writer.create_revisit_record(
                    PAGES[0][1],
                    digest=first.rec_headers.get_header("WARC-Payload-Digest"),
                    refers_to_uri=PAGES[0][1],
                    refers_to_date=first.rec_headers.get_header("WARC-Date"),
                )
            )
            response(writer, PAGES[0][1], PAGES[0][0].read_bytes())
            response(writer, "https://example.org/", NOT_AN_ARTICLE)
            response(writer, "https://example.org/logo.png", b"\x89PNG\r\n", "image/png")
            response(
                writer, "https://example.org/gone", b"<html>gone</html>", status="404 Not Found"
            )
            # Chunked and gzip-compressed on the wire, as a crawler may have kept it.
            response(
                writer,
                CHUNKED[1],
                _chunked(_gzip(CHUNKED[0].read_bytes())),
                extra=[("Transfer-Encoding", "chunked"), ("Content-Encoding", "gzip")],
            )
    return path


def _gzip(data: bytes) -> bytes:
    import gzip

    return gzip.compress(data)


def _chunked(data: bytes) -> bytes:
    return (
        b"".join(
            f"{len(data[i : i + 700]):x}\r\n".encode() + data[i : i + 700] + b"\r\n"
            for i in range(0, len(data), 700)
        )
        + b"0\r\n\r\n"
    )


def records(runner: CliRunner, db: str) -> dict[str, dict[str, Any]]:
    """Every record of an archive by URL, without what differs by how it went in."""
    found = {}
    listing = runner.invoke(cli, ["--db", db, "list", "--json", "--limit", "100"])
    for line in listing.stdout.splitlines():
        record = json.loads(line)
        for key in ("id", "input", "ingested_at"):
            record.pop(key)
        found[record["url"]] = record
    return found


def as_files(runner: CliRunner, db: str, pages: list[tuple[Path, str]]) -> dict[str, Any]:
    for page, url in pages:
        result = runner.invoke(cli, ["--db", db, "ingest", "-q", "--url", url, str(page)])
        assert result.exit_code == 0, result.output
    return records(runner, db)


@pytest.mark.parametrize("gzip", [True, False], ids=["gzip-per-record", "uncompressed"])
def test_a_warc_gives_the_records_its_pages_give_as_files(
    db_url: str, tmp_path: Path, gzip: bool
) -> None:
    runner = CliRunner()
    warc = build_warc(tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc"), gzip=gzip)
    result = runner.invoke(cli, ["--db", db_url, "ingest", str(warc)])
    assert result.exit_code == 0, result.output
    assert "4 records: 4 articles added" in result.stdout
    expected = as_files(runner, str(tmp_path / "files.db"), PAGES)
    assert records(runner, db_url) == expected and len(expected) == 4
    # The record says where it was found; the bytes kept are the HTTP response, not the file.
    shown = json.loads(runner.invoke(cli, ["--db", db_url, "show", "--json", "1"]).stdout)
    assert shown["input"]["path"] == str(warc) and shown["input"]["container"] == "warc"
    assert shown["input"]["record"].startswith("offset ") and shown["input"]["captured_at"]
    assert "found in " in runner.invoke(cli, ["--db", db_url, "show", "1"]).stdout
    # Again: every record is known by its bytes, nothing is parsed or stored twice.
    again = runner.invoke(cli, ["--db", db_url, "ingest", str(warc)])
    assert "4 records: 4 unchanged" in again.stdout
    info = json.loads(runner.invoke(cli, ["--db", db_url, "info", "--json"]).stdout)
    assert (info["articles"], info["inputs"], info["containers"]) == (4, 4, 1)


def test_stored_bytes_are_the_http_response(tmp_path: Path) -> None:
    from newsarchive import Archive

    warc = build_warc(tmp_path / "crawl.warc.gz")
    db = str(tmp_path / "a.db")
    CliRunner().invoke(cli, ["--db", db, "ingest", str(warc)])
    with Archive.open(db) as archive:
        [(info, data)] = list(archive.input_bytes(1))
    assert data.startswith(b"HTTP/1.1 200 OK\r\n") and data.endswith(PAGES[0][0].read_bytes())
    assert info.size == len(data) < warc.stat().st_size + len(data)


def test_revisits_repeats_and_what_is_not_an_article_are_counted_not_stored(
    tmp_path: Path,
) -> None:
    runner = CliRunner()
    warc = build_warc(tmp_path / "crawl.warc.gz", extra=True)
    db = str(tmp_path / "a.db")
    result = runner.invoke(cli, ["--db", db, "ingest", str(warc)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == (
        "10 records: 5 articles added, 1 not an article, 2 other content types,"
        " 2 duplicates or revisits"
    )
    assert "error:" not in result.stderr and "skipped:" not in result.stderr
    # The chunked, gzip-encoded response reads as the page does as a file (but for the name of
    # its site, which another page of the crawl gives the archive's source).
    as_file = as_files(runner, str(tmp_path / "f.db"), [CHUNKED])
    from_warc = records(runner, db)[CHUNKED[1]]
    assert from_warc["source"]["domain"] == as_file[CHUNKED[1]]["source"]["domain"]
    assert {**from_warc, "source": None} == {**as_file[CHUNKED[1]], "source": None}
    verbose = runner.invoke(cli, ["--db", str(tmp_path / "b.db"), "ingest", "-v", str(warc)])
    listed = [line for line in verbose.stderr.splitlines() if line.startswith("skipped: ")]
    assert len(listed) == 5
    assert any("image/png" in line for line in listed)
    assert any("HTTP status 404" in line for line in listed)
    assert any("revisit" in line for line in listed)
    # Each with the address it was captured from.
    assert any("HTTP status 404 (https://example.org/gone)" in line for line in listed)
    assert any(line.endswith("(https://example.org/)") for line in listed)  # not an article


def test_the_same_payload_at_another_outlet_is_that_outlets_page(tmp_path: Path) -> None:
    # A wire story printed alike by two sites: each site's capture is a page; the same payload
    # captured again at the first site is a duplicate.
    page, url = PAGES[3]
    other = url.replace("example.org", "example.net")
    warc = tmp_path / "wire.warc.gz"
    with warc.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for where, server in ((url, "a"), (other, "b"), (url, "c")):
            response(writer, where, page.read_bytes(), extra=[("Server", server)])
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "a.db"), "ingest", str(warc)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "3 records: 2 articles added, 1 duplicate or revisit"


@pytest.mark.parametrize("into", [30, "most"], ids=["its-first-bytes", "most-of-it"])
def test_a_truncated_warc_keeps_every_complete_record(tmp_path: Path, into: int | str) -> None:
    warc = build_warc(tmp_path / "whole.warc.gz")
    whole = warc.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    # Into the last record's gzip member: a few bytes past its start (warcio then ends as if
    # the file did), or most of the way through it.
    end = _offsets(warc)[-1] + into if isinstance(into, int) else len(whole) - 300
    cut.write_bytes(whole[:end])
    db = str(tmp_path / "a.db")
    result = CliRunner().invoke(cli, ["--db", db, "ingest", str(cut)])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and str(cut) in errors[0]
    assert "3 articles added" in result.stdout and "1 failed" in result.stdout


def test_a_whole_warc_whose_last_record_holds_gzip_data_is_no_cut(tmp_path: Path) -> None:
    # A download kept whole (a .gz file, random bytes around it) as the last record: the
    # gzip magic inside its data is no member after it.
    import random

    warc = tmp_path / "w.warc.gz"
    build_warc(warc)
    # Incompressible, so the WARC's own gzip stores it as it is, magic bytes and all.
    rng = random.Random(3)
    blob = rng.randbytes(20_000) + _gzip(rng.randbytes(5_000)) + rng.randbytes(20_000)
    with warc.open("ab") as out:
        response(WARCWriter(out, gzip=True), "https://example.org/a.gz", blob, "application/gzip")
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "a.db"), "ingest", str(warc)])
    assert result.exit_code == 0 and "error" not in result.stderr, result.stderr
    assert "1 other content type" in result.stdout and "0 failed" in result.stdout


@pytest.mark.parametrize("gzip", [True, False], ids=["gzip-per-record", "uncompressed"])
def test_a_broken_record_in_the_middle_is_one_error_and_the_rest_is_read(
    tmp_path: Path, gzip: bool
) -> None:
    warc = build_warc(tmp_path / ("w.warc.gz" if gzip else "w.warc"), gzip=gzip)
    data = bytearray(warc.read_bytes())
    # Damage the second page's record: its gzip member, or its header line.
    second = _offsets(warc)[2]
    if gzip:
        data[second + 20 : second + 60] = b"\x00" * 40
    else:
        data[second : second + 8] = b"WORC/9.9"
    warc.write_bytes(bytes(data))
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "a.db"), "ingest", str(warc)])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "broken record" in errors[0]
    assert errors[0].isprintable() and "\\x" not in errors[0]  # no raw or escaped bytes
    assert "3 articles added" in result.stdout


def test_a_record_without_its_type_is_an_error_not_passed_over(tmp_path: Path) -> None:
    warc = build_warc(tmp_path / "w.warc", gzip=False)
    data = warc.read_bytes()
    # The second page's record, its type misspelled (the rest of the record as it was).
    second = _offsets(warc)[2]
    at = data.index(b"WARC-Type: response", second)
    warc.write_bytes(data[:at] + b"WARC-Tpye: response" + data[at + 19 :])
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "a.db"), "ingest", str(warc)])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and errors[0].endswith("a record without a WARC-Type header")
    assert "3 articles added" in result.stdout
    # An untyped record with no address (a warcinfo, say) could hold no page: no error.
    info = data.index(b"WARC-Type: warcinfo")
    warc.write_bytes(data[:info] + b"WARC-Tpye: warcinfo" + data[info + 19 :])
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "b.db"), "ingest", str(warc)])
    assert result.exit_code == 0 and "error:" not in result.stderr


def _offsets(warc: Path) -> list[int]:
    from warcio.archiveiterator import ArchiveIterator

    with warc.open("rb") as stream:
        iterator = ArchiveIterator(stream)
        return [iterator.offset for _ in iterator]


def test_a_wacz_is_read_through_its_warcs(db_url: str, tmp_path: Path) -> None:
    runner = CliRunner()
    warc = build_warc(tmp_path / "data.warc.gz")
    wacz = tmp_path / "site.wacz"
    with zipfile.ZipFile(wacz, "w") as z:
        z.write(warc, "archive/data.warc.gz", compress_type=zipfile.ZIP_STORED)
        z.writestr("datapackage.json", json.dumps({"profile": "data-package", "resources": []}))
        z.writestr("indexes/index.cdx", "")
    result = runner.invoke(cli, ["--db", db_url, "ingest", str(wacz)])
    assert result.exit_code == 0, result.output
    assert records(runner, db_url) == as_files(runner, str(tmp_path / "files.db"), PAGES)
    listed = runner.invoke(cli, ["--db", db_url, "list", "--container", "site.wacz"])
    assert len(listed.stdout.splitlines()) == 4
    assert not any(line.startswith("{") for line in listed.stdout.splitlines())  # the table
    filtered = runner.invoke(
        cli, ["--db", db_url, "list", "--container", "site.wacz", "--lang", "xx"]
    )
    assert filtered.exit_code == 0 and "no records the filters keep" in filtered.stderr
    shown = json.loads(runner.invoke(cli, ["--db", db_url, "show", "--json", "1"]).stdout)
    assert shown["input"]["container"] == "wacz"
    assert shown["input"]["record"].startswith("archive/data.warc.gz, offset ")


def mhtml(page: Path, url: str, charset: str) -> bytes:
    """A page saved as a browser saves it: multipart/related, the HTML quoted-printable in the
    given charset, an image beside it."""
    message = EmailMessage(policy=email.policy.SMTP)
    message["From"] = "<Saved by Blink>"
    message["Snapshot-Content-Location"] = url
    message["Subject"] = "saved page"
    message["Date"] = "Thu, 28 Nov 2024 09:15:00 +0900"
    message["MIME-Version"] = "1.0"
    message.make_related()
    text = decode_input(page.read_bytes()).text  # the Korean page is EUC-KR
    html = EmailMessage(policy=email.policy.SMTP)
    html.set_content(text, subtype="html", charset=charset, cte="quoted-printable")
    html["Content-Location"] = url
    message.attach(html)
    image = EmailMessage(policy=email.policy.SMTP)
    image.set_content(b"\x89PNG\r\n", maintype="image", subtype="png", cte="base64")
    image["Content-Location"] = "https://example.org/logo.png"
    message.attach(image)
    return message.as_bytes()


def test_an_mhtml_save_gives_the_record_of_its_page(db_url: str, tmp_path: Path) -> None:
    runner = CliRunner()
    saves = []
    # The Korean page declares EUC-KR in a meta tag; saved as UTF-8, the part's own charset
    # says so, and wins (as the HTTP header does over the page's meta).
    for (page, url), charset in zip(PAGES[:2], ["utf-8", "utf-8"], strict=True):
        save = tmp_path / f"{page.stem}.mhtml"
        save.write_bytes(mhtml(page, url, charset))
        saves.append(str(save))
    result = runner.invoke(cli, ["--db", db_url, "ingest", *saves])
    assert result.exit_code == 0, result.output
    assert records(runner, db_url) == as_files(runner, str(tmp_path / "f.db"), PAGES[:2])
    shown = json.loads(runner.invoke(cli, ["--db", db_url, "show", "--json", "1"]).stdout)
    assert shown["input"]["container"] == "mhtml"
    assert shown["input"]["captured_at"] == "2024-11-28T09:15:00+09:00"


def _framed_save(url: str, start: bool) -> bytes:
    """A save whose first HTML part is a frame (an advert's document), the page after it."""
    message = EmailMessage(policy=email.policy.SMTP)
    message["Snapshot-Content-Location"] = url
    message["MIME-Version"] = "1.0"
    message.make_related()
    frame = EmailMessage(policy=email.policy.SMTP)
    frame.set_content("<html><body><p>Advertisement</p></body></html>", subtype="html")
    frame["Content-Location"] = "cid:frame-1@mhtml.blink"
    message.attach(frame)
    page = EmailMessage(policy=email.policy.SMTP)
    page.set_content(PAGES[0][0].read_text(), subtype="html", cte="quoted-printable")
    page["Content-Location"] = url
    page["Content-ID"] = "<page-0@mhtml.blink>"
    message.attach(page)
    if start:  # RFC 2387: the root named by the start parameter, wherever it stands
        message.set_param("start", "<page-0@mhtml.blink>", header="Content-Type")
        del message["Snapshot-Content-Location"]
    return message.as_bytes()


@pytest.mark.parametrize("start", [False, True], ids=["snapshot-location", "start-parameter"])
def test_an_mhtml_save_is_read_from_its_page_not_a_frame_before_it(
    tmp_path: Path, start: bool
) -> None:
    page, url = PAGES[0]
    save = tmp_path / "framed.mhtml"
    save.write_bytes(_framed_save(url, start))
    result = CliRunner().invoke(cli, ["parse", "--json", str(save)])
    assert result.exit_code == 0, result.output
    alone = CliRunner().invoke(cli, ["parse", "--json", "--url", url, str(page)])
    assert json.loads(result.stdout)["headline"] == json.loads(alone.stdout)["headline"]


def _shell_save(url: str, article: str | None) -> bytes:
    """A save whose page is a shell showing its article in an iframe, kept as a part of its
    own after the page (or no article at all)."""
    message = EmailMessage(policy=email.policy.SMTP)
    message["Snapshot-Content-Location"] = url
    message["MIME-Version"] = "1.0"
    message.make_related()
    shell = EmailMessage(policy=email.policy.SMTP)
    shell.set_content(
        '<html><body><nav><a href="/">Home</a></nav><iframe src="cid:frame-1@mhtml.blink">'
        "</iframe></body></html>",
        subtype="html",
    )
    shell["Content-Location"] = url
    message.attach(shell)
    for text in [article] if article else []:
        frame = EmailMessage(policy=email.policy.SMTP)
        frame.set_content(text, subtype="html", cte="quoted-printable")
        frame["Content-Location"] = "cid:frame-1@mhtml.blink"
        message.attach(frame)
    return message.as_bytes()


def test_an_mhtml_save_whose_article_is_in_a_frame_gives_it(tmp_path: Path) -> None:
    page, url = PAGES[0]
    save = tmp_path / "framed.mhtml"
    save.write_bytes(_shell_save(url, page.read_text()))
    result = CliRunner().invoke(cli, ["parse", "--json", str(save)])
    assert result.exit_code == 0, result.output
    alone = CliRunner().invoke(cli, ["parse", "--json", "--url", url, str(page)])
    assert json.loads(result.stdout)["body"] == json.loads(alone.stdout)["body"]
    assert json.loads(result.stdout)["url"] == url


def test_an_mhtml_save_with_no_article_is_a_file_that_failed(tmp_path: Path) -> None:
    save = tmp_path / "shell.mhtml"
    save.write_bytes(_shell_save("https://example.org/a", None))
    for command in (["parse", "--json"], ["--db", str(tmp_path / "a.db"), "ingest"]):
        result = CliRunner().invoke(cli, [*command, str(save)])
        assert result.exit_code == 1
        assert result.stderr.startswith(f"error: {save} (HTML part): no article text found")


def test_parse_prints_a_record_per_article_of_a_warc(tmp_path: Path) -> None:
    warc = build_warc(tmp_path / "crawl.warc.gz", extra=True)
    result = CliRunner().invoke(cli, ["parse", "--json", str(warc)])
    assert result.exit_code == 0, result.output
    urls = [json.loads(line)["url"] for line in result.stdout.splitlines()]
    assert urls == [url for _, url in PAGES] + [CHUNKED[1]]


def test_url_is_for_one_page_not_a_container(tmp_path: Path) -> None:
    warc = build_warc(tmp_path / "crawl.warc.gz")
    for command in ("ingest", "parse"):
        result = CliRunner().invoke(cli, [command, "--url", "https://x.org/", str(warc)])
        assert result.exit_code == 2 and "--url" in result.stderr
    # On standard input too, where only its first bytes say it is a web archive.
    db = tmp_path / "a.db"
    for command in (["ingest"], ["parse"]):
        result = CliRunner().invoke(
            cli,
            ["--db", str(db), *command, "--url", "https://x.org/", "-"],
            input=warc.read_bytes(),
        )
        assert result.exit_code == 2 and "--url" in result.stderr, result.output
    assert not db.exists()


def test_files_that_are_no_container_are_one_error_each(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "empty.wacz").write_bytes(b"not a zip")
    (inputs / "nohtml.mhtml").write_bytes(
        b"MIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\nhi"
    )
    (inputs / "text.warc").write_bytes(b"hello, not a warc\n")
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "a.db"), "ingest", str(inputs)])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 3, result.stderr
    assert "Traceback" not in result.output


def test_a_compressed_body_that_expands_past_the_limit_is_one_error(tmp_path: Path) -> None:
    import zlib

    bomb = zlib.compressobj(9, zlib.DEFLATED, 31)
    body = bomb.compress(b"\0" * (80 * 1024 * 1024)) + bomb.flush()
    warc = tmp_path / "bomb.warc.gz"
    with warc.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        response(writer, "https://example.org/bomb", body, extra=[("Content-Encoding", "gzip")])
        response(writer, PAGES[0][1], PAGES[0][0].read_bytes())
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "a.db"), "ingest", str(warc)])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "size limit" in errors[0]
    assert "1 article added" in result.stdout


def test_a_warc_gzipped_whole_is_read_in_full(tmp_path: Path) -> None:
    import gzip

    plain = build_warc(tmp_path / "plain.warc", gzip=False)
    whole = tmp_path / "whole.warc.gz"
    whole.write_bytes(gzip.compress(plain.read_bytes()))
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "a.db"), "ingest", str(whole)])
    assert result.exit_code == 0, result.output
    assert "4 articles added" in result.stdout


def test_a_warc_gzipped_whole_and_cut_short_keeps_its_complete_records(tmp_path: Path) -> None:
    import gzip

    plain = build_warc(tmp_path / "plain.warc", gzip=False)
    data = gzip.compress(plain.read_bytes())
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: len(data) * 3 // 4])  # into the last record or so, no gzip trailer
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "a.db"), "ingest", str(cut)])
    assert result.exit_code == 1, result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "cut.warc.gz" in errors[0], result.stderr
    assert "3 articles added" in result.stdout


def test_a_record_without_its_length_is_one_error_and_the_rest_is_read(tmp_path: Path) -> None:
    warc = build_warc(tmp_path / "w.warc", gzip=False)
    data = warc.read_bytes()
    second = _offsets(warc)[2]
    header_end = data.index(b"\r\n\r\n", second)
    head = data[second:header_end]
    lines = [line for line in head.split(b"\r\n") if not line.startswith(b"Content-Length:")]
    warc.write_bytes(data[:second] + b"\r\n".join(lines) + data[header_end:])
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "a.db"), "ingest", str(warc)])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "Content-Length" in errors[0]
    assert "3 articles added" in result.stdout


def test_an_empty_web_archive_is_a_file_that_failed(tmp_path: Path) -> None:
    names = ["empty.warc", "empty.warc.gz", "empty.wacz", "empty.mhtml"]
    for name in names:
        (tmp_path / name).write_bytes(b"")
    paths = [str(tmp_path / name) for name in names]
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "a.db"), "ingest", *paths])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"error: {path}: empty file" for path in paths]


def test_a_web_archive_that_cannot_be_opened_is_a_file_that_failed(tmp_path: Path) -> None:
    # Not "1 record: 1 failed": no record was read. Said as a missing page is said.
    (tmp_path / "junk.wacz").write_bytes(b"junk")
    result = CliRunner().invoke(
        cli,
        ["--db", str(tmp_path / "a.db"), "ingest", str(tmp_path / "nosuch.warc.gz"),
         str(tmp_path / "junk.wacz")],
    )  # fmt: skip
    assert result.exit_code == 1
    assert result.stdout == "0 added, 0 unchanged, 0 updated, 2 failed\n"
    assert f"error: {tmp_path / 'nosuch.warc.gz'}: no such file" in result.stderr
    assert f"error: {tmp_path / 'junk.wacz'}: not a readable zip file" in result.stderr


def test_a_web_archive_that_fails_after_its_first_records_keeps_them_counted(
    tmp_path: Path,
) -> None:
    # A WACZ whose second WARC cannot be opened (its member says it is encrypted): the first
    # WARC's records are counted as records, and the failure as one of its records.
    warc = build_warc(tmp_path / "a.warc.gz")
    wacz = tmp_path / "mixed.wacz"
    with zipfile.ZipFile(wacz, "w") as z:
        z.write(warc, "archive/a.warc.gz")
        z.write(warc, "archive/b.warc.gz")
    data = bytearray(wacz.read_bytes())
    central = data.rindex(b"PK\x01\x02")  # the second member's central directory entry
    data[central + 8] |= 0x01  # general purpose flags: encrypted
    wacz.write_bytes(bytes(data))
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "a.db"), "ingest", str(wacz)])
    assert result.exit_code == 1
    first, last = result.stdout.splitlines()[0], result.stdout.splitlines()[-1]
    assert first == f"{len(PAGES) + 1} records: {len(PAGES)} articles added, 1 failed"
    assert last == f"{len(PAGES)} added, 0 unchanged, 0 updated, 1 failed"


def test_an_unreadable_wacz_is_one_error_and_the_batch_goes_on(tmp_path: Path) -> None:
    warc = build_warc(tmp_path / "data.warc.gz")
    wacz = tmp_path / "in" / "broken.wacz"
    wacz.parent.mkdir()
    with zipfile.ZipFile(wacz, "w") as z:
        z.write(warc, "archive/data.warc.gz", compress_type=zipfile.ZIP_DEFLATED)
    data = bytearray(wacz.read_bytes())
    start = data.index(b"archive/data.warc.gz") + 40  # into the deflated member
    data[start : start + 200] = bytes(200)
    wacz.write_bytes(bytes(data))
    page = PAGES[0][0]
    result = CliRunner().invoke(
        cli, ["--db", str(tmp_path / "a.db"), "ingest", str(wacz), str(page)]
    )
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert any(line.startswith(f"error: {wacz}") for line in result.stderr.splitlines())
    assert result.stdout.splitlines()[-1].startswith("1 added")


def test_a_wacz_member_whose_checksum_fails_is_one_error_and_stores_nothing(
    tmp_path: Path,
) -> None:
    # A byte flipped inside a stored (uncompressed) WARC: the zip's CRC says so only at the
    # member's end, after its first records would have been stored from the damaged bytes.
    warc = build_warc(tmp_path / "data.warc", gzip=False)
    wacz = tmp_path / "site.wacz"
    with zipfile.ZipFile(wacz, "w") as z:
        z.write(warc, "archive/a.warc", compress_type=zipfile.ZIP_STORED)
        z.write(warc, "archive/b.warc", compress_type=zipfile.ZIP_STORED)
    data = bytearray(wacz.read_bytes())
    start = data.index(b"archive/a.warc") + len("archive/a.warc")
    data[start + warc.stat().st_size * 3 // 4] ^= 0x20  # late in the first member
    wacz.write_bytes(bytes(data))
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "a.db"), "ingest", str(wacz)])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors == [
        f"error: {wacz} (archive/a.warc): damaged: Bad CRC-32 for file 'archive/a.warc'"
    ]
    # The intact member's pages all go in, once (the damaged one's copies are not stored).
    assert result.stdout.splitlines()[-1] == f"{len(PAGES)} added, 0 unchanged, 0 updated, 1 failed"


def test_containers_are_known_by_their_content_too(tmp_path: Path) -> None:
    """A WARC or an MHTML save on standard input, or under a name that does not say so."""
    runner = CliRunner()
    warc = build_warc(tmp_path / "crawl.warc.gz")
    renamed = tmp_path / "crawl.dat"
    renamed.write_bytes(warc.read_bytes())
    save = mhtml(PAGES[0][0], PAGES[0][1], "utf-8")
    (tmp_path / "saved.html").write_bytes(save)
    expected = as_files(runner, str(tmp_path / "files.db"), PAGES)
    for name, args, stdin in (
        ("renamed", [str(renamed)], None),
        ("stdin", ["-"], warc.read_bytes()),
    ):
        db = str(tmp_path / f"{name}.db")
        result = runner.invoke(cli, ["--db", db, "ingest", *args], input=stdin)
        assert result.exit_code == 0, result.output
        assert records(runner, db) == expected
    for args, stdin in (([str(tmp_path / "saved.html")], None), (["-"], save)):
        db = str(tmp_path / f"save-{len(args[0])}.db")
        result = runner.invoke(cli, ["--db", db, "ingest", *args], input=stdin)
        assert result.exit_code == 0, result.output
        assert records(runner, db)[PAGES[0][1]] == expected[PAGES[0][1]]
    as_text = tmp_path / "crawl.txt"
    as_text.write_bytes(warc.read_bytes())
    refused = runner.invoke(cli, ["parse", str(as_text)])
    assert refused.exit_code == 1 and "a WARC web archive" in refused.stderr


def test_list_finds_a_container_by_any_path_to_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_warc(tmp_path / "crawl.warc.gz")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    db = str(tmp_path / "a.db")
    assert runner.invoke(cli, ["--db", db, "ingest", "crawl.warc.gz"]).exit_code == 0
    for name in ("crawl.warc.gz", "./crawl.warc.gz", str(tmp_path / "crawl.warc.gz")):
        listed = runner.invoke(cli, ["--db", db, "list", "--container", name])
        assert len(listed.stdout.splitlines()) == 4, name


@pytest.mark.parametrize("runs", ["one run", "two runs", "parsed ahead"])
def test_a_second_crawl_of_stored_pages_is_listed_and_counted(
    runs: str, tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same records in two web archives: their bytes are kept once, and each archive lists
    them and counts. A rerun of either, by another path, notes nothing twice."""
    from newsarchive import Archive
    from newsarchive.ingest import ingest_jobs, jobs_for

    first = build_warc(tmp_path / "crawl.warc", gzip=False)
    second = build_warc(tmp_path / "crawl.warc.gz")
    runner = CliRunner()
    if runs == "parsed ahead":
        # Batches of two on two workers: the second crawl's records are parsed before the
        # first's are stored, so the writer, not the workers, finds their bytes stored.
        with Archive.open(db_url) as archive:
            ingest_jobs(archive, jobs_for([str(first), str(second)]), workers=2, batch_size=2)
    batches = {"one run": [[first, second]], "two runs": [[first], [second]]}.get(runs, [])
    for paths in batches:
        done = runner.invoke(cli, ["--db", db_url, "ingest", *map(str, paths)])
        assert done.exit_code == 0, done.output
    monkeypatch.chdir(tmp_path)  # the same crawl again, named from its folder
    assert runner.invoke(cli, ["--db", db_url, "ingest", second.name]).exit_code == 0
    for name in (first, second):
        listed = runner.invoke(cli, ["--db", db_url, "list", "--json", "--container", str(name)])
        urls = sorted(json.loads(line)["url"] for line in listed.stdout.splitlines())
        assert urls == sorted(url for _, url in PAGES), name
    info = json.loads(runner.invoke(cli, ["--db", db_url, "info", "--json"]).stdout)
    assert (info["inputs"], info["containers"]) == (len(PAGES), 2)
    assert info["container_records"] == 2 * len(PAGES)


def test_list_tells_apart_two_containers_of_one_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two crawls called the same in different folders: each path lists its own pages, and
    the bare file name, which names both, is refused with both paths."""
    for folder, (page, url) in zip(("monday", "tuesday"), PAGES[:2], strict=True):
        (tmp_path / folder).mkdir()
        with (tmp_path / folder / "crawl.warc").open("wb") as out:
            response(WARCWriter(out, gzip=False), url, page.read_bytes())
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    db = str(tmp_path / "a.db")
    ingested = runner.invoke(cli, ["--db", db, "ingest", "monday/crawl.warc", "tuesday/crawl.warc"])
    assert ingested.exit_code == 0, ingested.output
    for name in ("monday/crawl.warc", str(tmp_path / "tuesday" / "crawl.warc")):
        listed = runner.invoke(cli, ["--db", db, "list", "--json", "--container", name])
        urls = [json.loads(line)["url"] for line in listed.stdout.splitlines()]
        assert urls == [PAGES[0 if "monday" in name else 1][1]], name
    ambiguous = runner.invoke(cli, ["--db", db, "list", "--container", "crawl.warc"])
    assert ambiguous.exit_code == 2
    assert "monday/crawl.warc" in ambiguous.stderr and "tuesday/crawl.warc" in ambiguous.stderr


def test_sniffing_never_blocks_nor_mistakes_a_page(tmp_path: Path) -> None:
    """A FIFO in a folder is refused as before (a look at its start would block); a news page
    that speaks of MIME headers is a page, not a browser save."""
    import os

    folder = tmp_path / "in"
    folder.mkdir()
    os.mkfifo(folder / "pipe")
    page = (
        "How browsers save pages\n\nPosted Mar. 05, 2024 10:00\n\n"
        "A saved page starts with MIME-Version: 1.0 and a Content-Type of multipart/related, "
        "followed by the page and its images, each part with its own address and encoding.\n"
    )
    (folder / "story.txt").write_text(page)
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "a.db"), "ingest", str(folder)])
    assert result.exit_code == 1 and "pipe: not a regular file" in result.stderr
    assert result.stdout.startswith("1 added")


def test_untyped_html_and_odd_capture_times(tmp_path: Path) -> None:
    """An HTML response without a Content-Type is read as the page it is; a WARC-Date that is
    no time is dropped, one without an offset is UTC; exports carry the capture details."""
    import csv

    warc = tmp_path / "odd.warc"
    with warc.open("wb") as out:
        writer = WARCWriter(out, gzip=False)
        for (page, url), date in zip(PAGES[:2], ["not-a-date", "2024-11-28T09:15:00"], strict=True):
            headers = StatusAndHeaders("200 OK", [], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(page.read_bytes()), http_headers=headers
            )
            record.rec_headers.replace_header("WARC-Date", date)
            writer.write_record(record)
    runner = CliRunner()
    db = str(tmp_path / "a.db")
    result = runner.invoke(cli, ["--db", db, "ingest", str(warc)])
    assert "2 records: 2 articles added" in result.stdout, result.output
    captured = {
        json.loads(line)["url"]: json.loads(line)["input"]["captured_at"]
        for line in runner.invoke(cli, ["--db", db, "export"]).stdout.splitlines()
    }
    assert captured == {PAGES[0][1]: None, PAGES[1][1]: "2024-11-28T09:15:00Z"}
    rows = list(
        csv.DictReader(
            io.StringIO(runner.invoke(cli, ["--db", db, "export", "--format", "csv"]).stdout)
        )
    )
    assert {r["input_container"] for r in rows} == {"warc"}
    assert all(r["input_record"].startswith("offset ") for r in rows)


def _with_length(warc: Path, record: int | list[int], change: int, gzip: bool) -> bytes:
    """The WARC's records with one's Content-Length off by `change` (its block as it was),
    each record its own gzip member when `gzip`."""
    import gzip as gz
    from itertools import pairwise

    data = warc.read_bytes()
    parts = [data[a:b] for a, b in pairwise([*_offsets(warc), len(data)])]
    for at in [record] if isinstance(record, int) else record:
        head, _, rest = parts[at].partition(b"\r\n\r\n")
        lines = head.split(b"\r\n")
        for i, line in enumerate(lines):
            if line.startswith(b"Content-Length:"):
                lines[i] = b"Content-Length: %d" % (int(line.split(b":")[1]) + change)
        parts[at] = b"\r\n".join(lines) + b"\r\n\r\n" + rest
    return b"".join(gz.compress(p) if gzip else p for p in parts)


@pytest.mark.parametrize("record", [2, 4])  # in the middle, and last
def test_a_record_whose_length_is_too_short_is_one_error(tmp_path: Path, record: int) -> None:
    warc = build_warc(tmp_path / "w.warc", gzip=False)
    broken = tmp_path / "short.warc.gz"
    broken.write_bytes(_with_length(warc, record, -500, gzip=True))
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "a.db"), "ingest", str(broken)])
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert result.exit_code == 1 and len(errors) == 1 and "broken record" in errors[0]
    assert "4 articles added" in result.stdout  # the pages before and after it, and its start


def test_a_short_record_read_whole_then_its_rest_is_no_loop(tmp_path: Path) -> None:
    """A record warcio reads (its stated length short) and whose rest it then fails to read
    as the next record, in the gzip member of its own: offsets counted from where reading
    started again once named the member before it, read again for ever."""
    import gzip as gz
    from itertools import islice

    from newsarchive.containers import warc_records

    page = PAGES[0][0].read_bytes()
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + page

    def record(kind: bytes, block: bytes, length: int) -> bytes:
        head = b"WARC/1.0\r\nWARC-Type: %s\r\nWARC-Record-ID: <urn:uuid:%s>\r\n" % (
            kind,
            str(uuid.uuid4()).encode(),
        )
        head += b"WARC-Date: 2025-03-04T12:00:00Z\r\nWARC-Target-URI: https://harbour.example/a\r\n"
        return head + b"Content-Length: %d\r\n\r\n" % length + block + b"\r\n\r\n"

    info = b"software: tests\r\n"
    broken = tmp_path / "loop.warc.gz"
    broken.write_bytes(
        gz.compress(record(b"warcinfo", info, len(info)))
        + gz.compress(record(b"response", http, 500))
    )
    with broken.open("rb") as stream:
        items = list(islice(warc_records(stream, "loop.warc.gz", set()), 50))
    assert len(items) <= 3
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "a.db"), "ingest", str(broken)])
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert result.exit_code == 1 and len(errors) == 1 and "broken record" in errors[0]


def test_a_record_whose_length_is_too_long_is_one_error(tmp_path: Path) -> None:
    warc = build_warc(tmp_path / "w.warc", gzip=False)
    broken = tmp_path / "long.warc"
    broken.write_bytes(_with_length(warc, 2, 300, gzip=False))  # it swallows the next's head
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "a.db"), "ingest", str(broken)])
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert result.exit_code == 1 and len(errors) == 1 and "broken record" in errors[0]
    assert "no WARC record where one should begin (it begins: " in errors[0]  # in words
    assert "3 articles added" in result.stdout  # the one whose head it swallowed is lost


def test_records_after_two_broken_ones_keep_their_offsets(tmp_path: Path) -> None:
    warc = build_warc(tmp_path / "w.warc", gzip=False)
    broken = tmp_path / "two.warc"
    data = _with_length(warc, [2, 4], -500, gzip=False)
    broken.write_bytes(data)
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "a.db"), "ingest", "-v", str(broken)])
    places = [int(n) for n in re.findall(r"\(offset (\d+)\)", result.stderr)]
    assert places and all(0 <= at < len(data) for at in places)  # never past the file's end
    assert "error:" in result.stderr


def test_brotli_bodies_are_read_and_lookups_are_no_pages(tmp_path: Path) -> None:
    import brotlicffi

    warc = tmp_path / "crawl.warc.gz"
    with warc.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        page, url = PAGES[0]
        response(
            writer, url, brotlicffi.compress(page.read_bytes()), extra=[("Content-Encoding", "br")]
        )
        # A crawler's lookup of a host, as Heritrix writes it: a response, and no page.
        lookup = writer.create_warc_record(
            "dns:www.donga.com",
            "response",
            payload=io.BytesIO(b"20250304120000\nwww.donga.com. 300 IN A 192.0.2.1\n"),
            warc_content_type="text/dns",
        )
        writer.write_record(lookup)
        # A body in an encoding no library here reads: said, not stored as binary.
        response(
            writer,
            PAGES[1][1],
            b"\x28\xb5\x2f\xfd" + b"\x00" * 40,
            extra=[("Content-Encoding", "zstd")],
        )
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "a.db"), "ingest", "-v", str(warc)])
    assert "1 articles added" in result.stdout or "1 article added" in result.stdout
    assert "other content: not a web page (dns:www.donga.com)" in result.stderr
    assert "error:" not in result.stderr  # a body in an unknown encoding is read as it is
