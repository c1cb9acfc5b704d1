"""The quality gate: score the dev set in-process and fail below the floors, per dataset and fold.

    .venv/bin/python scripts/quality_gate.py [--eval DIR] [--jobs N] [--scores FILE]
    .venv/bin/python scripts/quality_gate.py --report FILE   # tables of a saved score.py run

It runs ../shared/eval/score.py with `--call newsarchive.evaluation:parse_path` (a worker
process per core, no process per case), then groups the per-case scores by dataset and fold
with score.py's own aggregation. Floors live in tests/quality_floors.json:

    {"errors_with_body": 0, "floors": {"wcxb": {"B": {"body_f1": 0.95}, "all": {...}}}}

A missing evaluation folder fails the gate: a gate that cannot measure has not passed.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from types import ModuleType
from typing import Any

from training import EVAL, ROOT, scorer

FLOORS = ROOT / "tests" / "quality_floors.json"
SHOWN = ["headline", "posted_day", "posted_minute", "authors_f1", "body_p", "body_r", "body_f1"]


def run_scorer(eval_dir: Path, jobs: int, out: Path) -> None:
    command = [
        sys.executable,
        str(eval_dir / "score.py"),
        str(eval_dir / "cases.jsonl"),
        "--call",
        "newsarchive.evaluation:parse_path",
        "--jobs",
        str(jobs),
        "--quiet",
        "--json-out",
        str(out),
    ]
    run = subprocess.run(command, check=False, stdout=subprocess.DEVNULL)
    if run.returncode != 0 or not out.exists():
        raise SystemExit("quality gate: score.py failed")


def group_metrics(
    scorer: ModuleType, results: list[dict[str, Any]], folds: dict[str, str]
) -> dict[str, dict[str, dict[str, Any]]]:
    """{dataset: {"A": metrics, "B": metrics, "all": metrics}} plus an "ALL" dataset."""
    groups: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for result in results:
        by_fold = groups.setdefault(result["dataset"], {"A": [], "B": [], "all": []})
        by_fold.setdefault(folds.get(result["id"], "?"), []).append(result)
        by_fold["all"].append(result)
    groups["ALL"] = {"A": [], "B": [], "all": []}
    for result in results:
        groups["ALL"].setdefault(folds.get(result["id"], "?"), []).append(result)
        groups["ALL"]["all"].append(result)
    return {
        dataset: {fold: scorer.aggregate(rs) for fold, rs in by_fold.items() if rs}
        for dataset, by_fold in groups.items()
    }


def errors_with_body(results: list[dict[str, Any]], gold: dict[str, dict[str, Any]]) -> list[str]:
    return [r["id"] for r in results if r["error"] and gold[r["id"]].get("body") is not None]


def print_tables(metrics: dict[str, dict[str, dict[str, Any]]]) -> None:
    print(f"{'dataset':11s} fold {'n':>5s} {'errors':>6s} " + " ".join(f"{m:>13s}" for m in SHOWN))
    for dataset, by_fold in metrics.items():
        for fold in ("A", "B", "all"):
            m = by_fold.get(fold)
            if not m:
                continue
            cells = []
            for key in SHOWN:
                value = m.get(key)
                cells.append(f"{value['value']:.3f} ({value['n']:>3d})" if value else "-")
            print(
                f"{dataset:11s} {fold:4s} {m['cases']:5d} {m['errors']:6d} "
                + " ".join(f"{c:>13s}" for c in cells)
            )


def check_floors(
    metrics: dict[str, dict[str, dict[str, Any]]], floors: dict[str, Any]
) -> list[str]:
    failures = []
    for dataset, by_fold in floors.items():
        for fold, wanted in by_fold.items():
            for metric, floor in wanted.items():
                value = metrics.get(dataset, {}).get(fold, {}).get(metric, {}).get("value")
                ok = value is not None and value >= floor
                shown = f"{value:.3f}" if value is not None else "n/a"
                name = f"{dataset}/{fold}"
                print(f"{name:14s} {metric:15s} {shown:>8} >= {floor:<6} {'ok' if ok else 'BELOW'}")
                if not ok:
                    failures.append(f"{name}.{metric}")
    return failures


def suggest(
    metrics: dict[str, dict[str, dict[str, Any]]], floors: dict[str, Any], margin: float
) -> dict[str, Any]:
    """Today's figures less a margin, rounded down, for every metric the floors already pin."""
    out: dict[str, Any] = {}
    for dataset, by_fold in floors.items():
        for fold, wanted in by_fold.items():
            for metric in wanted:
                value = metrics.get(dataset, {}).get(fold, {}).get(metric, {}).get("value")
                if value is not None:
                    floor = max(0.0, int((value - margin) * 100) / 100)
                    out.setdefault(dataset, {}).setdefault(fold, {})[metric] = floor
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--eval", type=Path, default=EVAL)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--scores", type=Path, help="also keep score.py's per-case output here")
    parser.add_argument("--report", type=Path, help="print the tables of a saved run and stop")
    parser.add_argument(
        "--suggest-floors",
        type=float,
        metavar="MARGIN",
        help="also print floors at today's figures less MARGIN (for tests/quality_floors.json)",
    )
    args = parser.parse_args()
    if not (args.eval / "score.py").exists() or not (args.eval / "cases.jsonl").exists():
        print(f"quality gate FAILED: no evaluation set at {args.eval}", file=sys.stderr)
        return 1
    score = scorer(args.eval)
    cases = [json.loads(line) for line in (args.eval / "cases.jsonl").open(encoding="utf-8")]
    folds = {c["id"]: c.get("fold", "?") for c in cases}
    gold = {c["id"]: c["gold"] for c in cases}
    if args.report:
        results = json.loads(args.report.read_text())["results"]
        print_tables(group_metrics(score, results, folds))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        out = args.scores or Path(tmp) / "scores.json"
        run_scorer(args.eval, args.jobs, out)
        results = json.loads(out.read_text())["results"]
    metrics = group_metrics(score, results, folds)
    print_tables(metrics)
    config = json.loads(FLOORS.read_text())
    if args.suggest_floors is not None:
        print(json.dumps(suggest(metrics, config["floors"], args.suggest_floors), indent=1))
    failures = check_floors(metrics, config["floors"])
    errors = errors_with_body(results, gold)
    allowed = config.get("errors_with_body", 0)
    print(f"errors on cases with a gold body: {len(errors)} (at most {allowed})")
    for case_id in errors:
        if folds.get(case_id) == "A":  # fold B's failures are not for reading
            print(f"  {case_id}")
    if len(errors) > allowed:
        failures.append("errors_with_body")
    if failures:
        print("quality gate failed: " + ", ".join(failures), file=sys.stderr)
        return 1
    print("quality gate passed")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
