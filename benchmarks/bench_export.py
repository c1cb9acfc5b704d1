"""Export memory: peak memory of `newsarchive export` in each format on an archive, in a new
process; run it on archives of different sizes to see that it does not grow with them.

    .venv/bin/python benchmarks/bench_export.py --db benchmarks/out/archive-200000.db
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from measure import measured  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--formats", default="jsonl,csv,parquet")
    args = parser.parse_args()
    exe = Path(sys.executable).with_name("newsarchive")
    rows = {}
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in args.formats.split(","):
            out = Path(tmp) / f"export.{fmt}"
            run = measured([str(exe), "--db", args.db, "export", "--format", fmt, "-o", str(out)])
            rows[fmt] = {
                "seconds": round(float(str(run["seconds"])), 1),
                "peak_rss_mb": round(float(str(run["peak_rss_mb"])), 1),
                "mb_written": round(out.stat().st_size / 1e6, 1) if out.exists() else None,
                "said": str(run["err"]).strip()[-80:],
            }
    print(json.dumps(rows, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
