"""What the training scripts share: the dev set's fold A, labels from its gold, and LightGBM
models flattened into the JSON that `newsarchive.parse.learned.Forest` reads.

Training reads fold A only. Fold B is scored by scripts/quality_gate.py, never trained on: it
tells whether what was learned carries over to sites the models never saw.
Needs the train extra: pip install -e '.[train]'.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import urlsplit

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
MODELS = ROOT / "src" / "newsarchive" / "parse" / "models"
TOKEN = re.compile(r"\w+")


@dataclass
class Case:
    id: str
    dataset: str
    fold: str
    path: Path
    url: str | None
    gold: dict[str, Any]
    site: str  # cases of one site share a group in cross-validation


def scorer(eval_dir: Path = EVAL) -> ModuleType:
    """score.py itself, so that labels use its own normalisation."""
    spec = importlib.util.spec_from_file_location("score", eval_dir / "score.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {eval_dir / 'score.py'}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _host(url: str | None) -> str | None:
    if not url:
        return None
    return (urlsplit(url).hostname or "").removeprefix("www.") or None


def load_cases(datasets: tuple[str, ...], fold: str = "A", eval_dir: Path = EVAL) -> list[Case]:
    """The cases of the given datasets in one fold, each with the site it comes from."""
    raw = [json.loads(line) for line in (eval_dir / "cases.jsonl").open(encoding="utf-8")]
    urls = {c["id"]: c.get("url") for c in raw}
    cases = []
    for c in raw:
        if c["dataset"] not in datasets or c.get("fold") != fold:
            continue
        parts = c["id"].split("/")
        if parts[1] == "fundus" and len(parts) >= 4:
            site = parts[3].rsplit("_", 3)[0]  # the publisher: "TheNamibian_2023_11_16"
        elif parts[1] == "wcxb" and len(parts) >= 3:
            site = _host(urls.get(f"wcxb/{parts[2]}")) or c["id"]
        elif c["dataset"] == "pages":
            site = parts[1]
        else:
            site = _host(c.get("url")) or c["id"]
        cases.append(
            Case(c["id"], c["dataset"], c["fold"], eval_dir / c["input"], c.get("url"),
                 c["gold"], site)
        )  # fmt: skip
    return cases


FIXTURES = ROOT / "tests" / "fixtures"


def load_fixtures(kind: str) -> list[Case]:
    """The project's own labelled pages: each fixture beside the record it must give (reviewed
    golden files, see tests/golden.py), read as training cases of the dataset "fixtures"."""
    cases = []
    suffixes = (".txt",) if kind == "text" else (".html", ".htm", ".gz")
    for page in sorted((FIXTURES / kind).rglob("*")):
        if not page.is_file() or page.suffix not in suffixes:
            continue
        expected = page.with_name(page.name.split(".")[0] + ".json")
        if not expected.exists():
            continue
        record = json.loads(expected.read_text())
        url_file = page.with_name(page.name.split(".")[0] + ".url")
        gold = {
            "headline": record["headline"],
            "body": record["body"],
            "authors": [a["name"] for a in record["authors"]],
            "posted_at": record["posted_at"],
            "updated_at": record["updated_at"],
        }
        site = page.relative_to(FIXTURES / kind).parts[0]
        if site == "generic":
            site = page.stem
        cases.append(
            Case(f"fixtures/{page.relative_to(FIXTURES).as_posix()}", "fixtures", "A", page,
                 url_file.read_text().strip() if url_file.exists() else None, gold, site)
        )  # fmt: skip
    return cases


def shingles(text: str) -> list[tuple[str, ...]]:
    tokens = TOKEN.findall(text)
    if len(tokens) < 4:
        return [tuple(tokens)] if tokens else []
    return [tuple(tokens[i : i + 4]) for i in range(len(tokens) - 3)]


def body_share(text: str, gold: set[tuple[str, ...]]) -> float:
    """How much of a line or block the gold body holds: the share of its 4-token shingles."""
    own = shingles(text)
    return sum(1 for s in own if s in gold) / len(own) if own else 0.0


def norm_text(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    for a, b in (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"'), ("–", "-"), ("—", "-")):
        text = text.replace(a, b)
    return " ".join(text.split())


def norm_name(name: str) -> str:
    name = unicodedata.normalize("NFKC", name).casefold()
    return " ".join(re.sub(r"[^\w\s]|_", " ", name).split())


def group_folds(groups: list[str], k: int = 5, seed: int = 7) -> list[int]:
    """A fold number per row, so that every row of a group falls in the same fold."""
    rng = np.random.default_rng(seed)
    names = sorted(set(groups))
    order = rng.permutation(len(names))
    fold_of = {names[i]: n % k for n, i in enumerate(order)}
    return [fold_of[g] for g in groups]


def flatten(booster: Any, name: str, features: tuple[str, ...], **extra: Any) -> dict[str, Any]:
    """A LightGBM booster, or the average of several (a list), as flat node arrays (see
    newsarchive.parse.learned)."""
    boosters = booster if isinstance(booster, list) else [booster]
    scale = 1.0 / len(boosters)
    feature: list[int] = []
    threshold: list[float] = []
    left: list[int] = []
    right: list[int] = []
    value: list[float] = []
    roots: list[int] = []
    depth = 0

    def add(node: dict[str, Any], level: int) -> int:
        nonlocal depth
        at = len(feature)
        feature.append(0)
        threshold.append(0.0)
        left.append(at)
        right.append(at)
        value.append(0.0)
        if "leaf_value" in node:
            value[at] = float(node["leaf_value"]) * scale
            depth = max(depth, level)
            return at
        if node.get("decision_type", "<=") != "<=":
            raise ValueError("only numerical splits are supported")
        feature[at] = int(node["split_feature"])
        threshold[at] = float(node["threshold"])
        left[at] = add(node["left_child"], level + 1)
        right[at] = add(node["right_child"], level + 1)
        return at

    for one in boosters:
        for tree in one.dump_model()["tree_info"]:
            roots.append(add(tree["tree_structure"], 0))
    return {
        "name": name,
        "features": list(features),
        "feature": feature,
        "threshold": threshold,
        "left": left,
        "right": right,
        "value": value,
        "roots": roots,
        "depth": depth,
        **extra,
    }


def write_model(spec: dict[str, Any]) -> Path:
    MODELS.mkdir(parents=True, exist_ok=True)
    path = MODELS / f"{spec['name']}.json"
    path.write_text(json.dumps(spec, separators=(",", ":")) + "\n")
    return path


def batches(items: list[Any], size: int) -> Iterator[list[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def training_arguments(
    doc: str | None, known: tuple[str, ...], default: tuple[str, ...], which: str
) -> tuple[argparse.Namespace, set[str]]:
    """The training scripts' command line (--eval, --check-only, --models) and the models it
    asks to write, each checked against the script's own."""
    parser = argparse.ArgumentParser(description=(doc or "").splitlines()[0])
    parser.add_argument("--eval", type=Path, default=EVAL)
    parser.add_argument("--check-only", action="store_true", help="cross-validate, write nothing")
    parser.add_argument(
        "--models",
        default=",".join(default),
        help=f"comma-separated models to write (default: {which})",
    )
    args = parser.parse_args()
    wanted = set(args.models.split(","))
    unknown = wanted - set(known)
    if unknown:
        parser.error(f"unknown models: {', '.join(sorted(unknown))} (known: {', '.join(known)})")
    return args, wanted
