"""The quality gate: score the dev set with ../shared/eval/score.py and fail below pinned floors.

    .venv/bin/python scripts/quality_gate.py [--eval DIR] [--jobs N]

Skips (exit 0, with a message) when the evaluation folder is not there. Floors live in
tests/quality_floors.json: a metric that falls below its floor fails the gate (exit 1).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FLOORS = ROOT / "tests" / "quality_floors.json"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    score = args.eval / "score.py"
    if not score.exists():
        print(f"quality gate skipped: {score} not found")
        return 0
    command = shutil.which("newsarchive") or f"{sys.executable} -m newsarchive"
    floors = {k: v for k, v in json.loads(FLOORS.read_text()).items() if not k.startswith("_")}
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "scores.json"
        run = subprocess.run(
            [
                sys.executable,
                str(score),
                str(args.eval / "cases.jsonl"),
                "--cmd",
                f"{command} parse --json",
                "--jobs",
                str(args.jobs),
                "--quiet",
                "--json-out",
                str(out),
            ],
            check=False,
        )
        if run.returncode != 0 or not out.exists():
            print("quality gate: score.py failed", file=sys.stderr)
            return 1
        metrics = json.loads(out.read_text())["metrics"]
    failures = []
    for dataset, wanted in floors.items():
        for metric, floor in wanted.items():
            value = metrics.get(dataset, {}).get(metric, {}).get("value")
            status = "ok" if value is not None and value >= floor else "BELOW FLOOR"
            shown = f"{value:.3f}" if value is not None else "n/a"
            print(f"{dataset:10s} {metric:15s} {shown:>8} >= {floor:<6} {status}")
            if status != "ok":
                failures.append(f"{dataset}.{metric}")
    if failures:
        print("quality gate failed: " + ", ".join(failures), file=sys.stderr)
        return 1
    print("quality gate passed")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
