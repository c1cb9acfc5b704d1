"""The archive in a real browser: Datasette serves it with the metadata `newsarchive
datasette-metadata` prints, headless Chromium types "Kim Jong Un" into the search box, sees the
seed's headline, opens the article's row and sees its body.

Skipped where no Chromium is installed (`.ci/run` installs Debian's and sets
NEWSARCHIVE_REQUIRE_BROWSER=1, which turns the skip into a failure)."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsarchive.cli import cli

SEED_HEADLINE = "Trump team may pursue direct talks with Kim Jong Un"
SEED_BODY = "U.S. President-elect"


def _browser() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        found = None
    if found is None:
        if os.environ.get("NEWSARCHIVE_REQUIRE_BROWSER"):
            pytest.fail("no Chromium or playwright, and NEWSARCHIVE_REQUIRE_BROWSER is set")
        pytest.skip("no Chromium (or playwright) installed")
    return found


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def served(tmp_path: Path, seed_path: Path) -> Iterator[str]:
    pytest.importorskip("datasette")
    db = tmp_path / "news.db"
    runner = CliRunner()
    assert runner.invoke(cli, ["--db", str(db), "ingest", str(seed_path)]).exit_code == 0
    metadata = tmp_path / "metadata.json"
    metadata.write_text(runner.invoke(cli, ["--db", str(db), "datasette-metadata"]).stdout)
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "datasette", str(db), "-m", str(metadata), "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                with urllib.request.urlopen(f"{base}/-/versions.json", timeout=1) as answer:
                    json.load(answer)
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("Datasette did not start")
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_search_the_archive_in_a_browser(served: str) -> None:
    executable = _browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        try:
            page = browser.new_page()
            page.goto(f"{served}/news/articles")
            page.fill('input[name="_search"]', "Kim Jong Un")
            page.press('input[name="_search"]', "Enter")
            page.wait_for_load_state()
            assert "_search=Kim+Jong+Un" in page.url
            assert SEED_HEADLINE in page.content()
            page.click('td.col-id a, a[href$="/news/articles/1"]')
            page.wait_for_load_state()
            assert page.url.endswith("/news/articles/1")
            assert SEED_BODY in page.inner_text("body")
        finally:
            browser.close()
