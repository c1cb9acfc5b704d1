"""HTML parsing speed: newsarchive against trafilatura on the same pages, in one process.

    .venv/bin/python benchmarks/bench_html.py [--pages DIR] [--rounds N]

By default it reads the dev set's HTML pages (../shared/eval/{aeb,fundus,htmldate,wcxb}, .html
and .html.gz); any folder of such files will do. trafilatura is imported when it is installed
(pip install trafilatura) and is the baseline: it runs on the same pages in the same process, so
the ratio does not depend on the machine. The models and both libraries are warmed up before
timing.
"""

from __future__ import annotations

import argparse
import gzip
import sys
import time
from collections.abc import Callable
from pathlib import Path

from newsarchive.parse import parse_bytes

DEV = Path(__file__).resolve().parents[2] / "shared" / "eval"


def pages_in(folders: list[Path]) -> list[bytes]:
    """Every page's bytes, gzipped ones inflated (both parsers then read the same bytes)."""
    files = sorted(
        p for folder in folders for p in folder.rglob("*") if p.name.endswith((".html", ".html.gz"))
    )
    return [gzip.decompress(p.read_bytes()) if p.suffix == ".gz" else p.read_bytes() for p in files]


def rate(func: Callable[[bytes], object], pages: list[bytes], rounds: int) -> float:
    start = time.perf_counter()
    for _ in range(rounds):
        for data in pages:
            func(data)
    return len(pages) * rounds / (time.perf_counter() - start)


def ours(data: bytes) -> object:
    try:
        return parse_bytes(data, "bench.html")
    except Exception:  # a page without an article still cost its parse
        return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=Path, action="append", help="folder of .html pages")
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    folders = args.pages or [DEV / "aeb", DEV / "fundus", DEV / "htmldate", DEV / "wcxb"]
    pages = pages_in([f for f in folders if f.is_dir()])
    if not pages:
        print("no .html pages found; pass --pages DIR", file=sys.stderr)
        return 2
    for data in pages[:3]:
        ours(data)
    ours_rate = rate(ours, pages, args.rounds)
    print(f"pages: {len(pages)} x {args.rounds} round(s)")
    print(f"newsarchive: {ours_rate:8.1f} pages/s ({1000 / ours_rate:.1f} ms a page)")
    try:
        import trafilatura
    except ImportError:
        print("trafilatura: not installed; no ratio (pip install trafilatura)")
        return 0

    def theirs(data: bytes) -> object:
        return trafilatura.bare_extraction(data, with_metadata=True)

    for data in pages[:3]:
        theirs(data)
    theirs_rate = rate(theirs, pages, args.rounds)
    print(f"trafilatura: {theirs_rate:8.1f} pages/s ({1000 / theirs_rate:.1f} ms a page)")
    print(f"ratio newsarchive/trafilatura: {ours_rate / theirs_rate:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
