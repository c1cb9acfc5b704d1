"""Web archives: ingesting N pages out of one WARC against ingesting the same pages as files.

    .venv/bin/python benchmarks/bench_warc.py --n 50000 [--workers 2]

The pages are benchmarks/newsgen.py's articles as HTML (navigation, an article element with the
headline, byline, date and paragraphs, a footer), written once under benchmarks/out/warc-N: as
files (a folder per thousand) and as one WARC, gzipped per record, each a 200 text/html response
with its own URL. Each is ingested by `newsarchive ingest` in a new process into a new archive;
the table gives records per second, the ratio WARC/files (the acceptance asks for >= 0.85), and
the peak memory of the largest process of each run.
"""

from __future__ import annotations

import argparse
import html
import io
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out"
sys.path.insert(0, str(ROOT / "benchmarks"))

import newsgen  # noqa: E402
from measure import measured  # noqa: E402

LANG = {"en": "en", "ko": "ko", "de": "de", "ja": "ja"}


def html_page(i: int) -> tuple[str, bytes]:
    """The i-th corpus article as a page, and its URL."""
    text = newsgen.make_article(i).decode()
    blocks = [b for b in text.split("\n\n") if b.strip()]
    links = [b for b in blocks[:3] if " | " in b]  # navigation, language links
    blocks = [b for b in blocks if b not in links]
    nav = " ".join(links)
    headline = blocks.pop(0)
    paragraphs = [b for b in blocks if len(b) > 80]
    short = [b for b in blocks if len(b) <= 80]
    domain = f"news{i % 50}.example.com"
    parts = [
        "<!doctype html><html><head><meta charset='utf-8'>",
        f"<title>{html.escape(headline)} | {domain}</title></head><body>",
        f"<nav>{html.escape(nav)}</nav><article><h1>{html.escape(headline)}</h1>",
        *(f"<p class='meta'>{html.escape(s)}</p>" for s in short[:2]),
        *(f"<p>{html.escape(p)}</p>" for p in paragraphs),
        "</article><footer>© news</footer></body></html>",
    ]
    return f"https://{domain}/article/{i}", "".join(parts).encode()


def build(root: Path, n: int) -> tuple[Path, Path]:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    pages, warc = root / "pages", root / "crawl.warc.gz"
    done = root / f".complete-{n}"
    if done.exists():
        return pages, warc
    root.mkdir(parents=True, exist_ok=True)
    with warc.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for i in range(n):
            url, body = html_page(i)
            folder = pages / f"{i // 1000:05d}"
            if i % 1000 == 0:
                folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{i:07d}.html").write_bytes(body)
            headers = StatusAndHeaders(
                "200 OK",
                [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))],
                protocol="HTTP/1.1",
            )
            writer.write_record(
                writer.create_warc_record(
                    url, "response", payload=io.BytesIO(body), http_headers=headers
                )
            )
    done.touch()
    return pages, warc


def run(db: Path, target: Path, workers: int) -> dict[str, object]:
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    exe = Path(sys.executable).with_name("newsarchive")
    command = [str(exe), "--db", str(db), "ingest", "-q", "-j", str(workers), str(target)]
    return measured(command)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=50_000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    root = OUT / f"warc-{args.n}"
    start = time.perf_counter()
    pages, warc = build(root, args.n)
    print(f"corpus ready in {time.perf_counter() - start:.0f} s", file=sys.stderr)
    files = run(root / "files.db", pages, args.workers)
    crawl = run(root / "warc.db", warc, args.workers)
    rows = {
        "n": args.n,
        "workers": args.workers,
        "warc_mb": round(warc.stat().st_size / 1e6, 1),
        "files_records_per_s": round(args.n / float(str(files["seconds"])), 1),
        "warc_records_per_s": round(args.n / float(str(crawl["seconds"])), 1),
        "files_peak_rss_mb": round(float(str(files["peak_rss_mb"])), 1),
        "warc_peak_rss_mb": round(float(str(crawl["peak_rss_mb"])), 1),
        "files_summary": str(files["out"]).strip(),
        "warc_summary": str(crawl["out"]).strip(),
    }
    rows["ratio_warc_to_files"] = round(
        float(str(rows["warc_records_per_s"])) / float(str(rows["files_records_per_s"])), 3
    )
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"warc-{args.n}.json").write_text(json.dumps(rows, indent=2) + "\n")
    for key, value in rows.items():
        print(f"{key}: {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
