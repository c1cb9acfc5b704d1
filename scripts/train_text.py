"""Train the text parser's models on fold A of the dev set's text captures.

    .venv/bin/python scripts/train_text.py [--eval DIR] [--check-only]

Labels come from the gold: a line is body when most of its 4-token shingles are in the gold
body, the headline when it reads as the gold headline, a byline when it prints a gold author,
a date when it prints the gold posting day. The project's own fixtures (tests/fixtures/text,
with their reviewed golden records) are training cases too. Every model is cross-validated by
site within fold A first (the figures printed), then trained on all of it and written to
src/newsarchive/parse/models/. Reruns in about a minute on two cores.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from boosting import (
    CHOICE,
    Task,
    best_of,
    choice_task,
    gold_day,
    names_f1,
    out_of_fold,
    print_body,
    print_means,
    train,
)
from training import (
    TOKEN,
    Case,
    body_share,
    flatten,
    group_folds,
    load_cases,
    load_fixtures,
    norm_name,
    norm_text,
    scorer,
    shingles,
    training_arguments,
    write_model,
)

from newsarchive.parse import decode_input
from newsarchive.parse.learned import Forest
from newsarchive.parse.names import names_in
from newsarchive.parse.text import clean_headline
from newsarchive.parse.text.article import (
    BODY_FEATURES,
    BODY_THRESHOLD,
    ArticleLines,
    body_matrix,
    keep_runs,
)
from newsarchive.parse.text.authors import (
    BEST_THRESHOLD,
    BYLINE_FEATURES,
    OTHER_THRESHOLD,
    byline_rows,
)
from newsarchive.parse.text.capture import Line, read_capture
from newsarchive.parse.text.dating import DATE_FEATURES, DateCandidate, date_rows
from newsarchive.parse.text.headline import HEADLINE_FEATURES, candidates
from newsarchive.parse.text.signals import LOCAL

DATASETS = ("pagetext", "regiontext", "pages", "seed")
MODELS = ("text_body", "text_headline", "text_date", "text_byline")
# News captures (the labelled pages and the project's own fixtures, in the layouts newsarchive
# meets) are few beside a thousand general pages; their conventions (a labelled date under the
# headline, Korean bylines) count more.
DATASET_WEIGHT = {"pages": 4.0, "fixtures": 2.0}


@dataclass
class Doc:
    case: Case
    lines: list[Line]
    rows: np.ndarray
    body: np.ndarray  # label per line
    weight: np.ndarray  # a line's share of the capture's tokens: every capture counts alike
    p_body: np.ndarray = field(default_factory=lambda: np.zeros(0))  # out of fold
    headline_at: int | None = None  # the line the headline model chose, out of fold

    @property
    def texts(self) -> list[str]:
        return [line.text for line in self.lines]


def prepare(case: Case) -> Doc | None:
    try:
        decoded = decode_input(case.path.read_bytes(), str(case.path))
    except Exception:
        return None
    lines = read_capture(decoded.text).lines
    if not lines:
        return None
    rows, _local = body_matrix(lines)
    gold_body = case.gold.get("body")
    gold = set(shingles(gold_body)) if gold_body else set()
    body = np.array([body_share(line.text, gold) >= 0.5 for line in lines], dtype=np.float64)
    tokens = np.array([max(1, len(TOKEN.findall(line.text))) for line in lines], dtype=float)
    return Doc(case, lines, rows, body, 100 * tokens / tokens.sum())


def body_task(docs: list[Doc]) -> Task:
    return Task(
        np.vstack([d.rows for d in docs]),
        np.concatenate([d.body for d in docs]),
        np.concatenate([d.weight for d in docs]),
        np.concatenate([np.full(len(d.lines), i) for i, d in enumerate(docs)]),
    )


def report_body(docs: list[Doc], threshold: float) -> None:
    score = scorer()
    by_dataset: dict[str, list[tuple[float, float]]] = {}
    for d in docs:
        gold = d.case.gold.get("body")
        if not gold:
            continue
        kept = article_of(d).text > 0 if threshold == BODY_THRESHOLD else d.p_body >= threshold
        body = "\n\n".join(t for t, keep in zip(d.texts, kept, strict=True) if keep)
        prec, rec = score.body_pr(gold, body)
        by_dataset.setdefault(d.case.dataset, []).append((prec or 0.0, rec or 0.0))
    print_body(f"body@{threshold:.1f} ", by_dataset)


def article_of(d: Doc) -> ArticleLines:
    lengths = np.array([len(line.text) for line in d.lines], dtype=np.float64)
    return ArticleLines(d.rows[:, : len(LOCAL)], d.p_body, keep_runs(d.p_body, lengths))


def dataset_weight(d: Doc) -> float:
    return DATASET_WEIGHT.get(d.case.dataset, 1.0)


def report_choice(
    docs: list[Doc], task: Task, pred: np.ndarray, items: list[list[Any]], name: str,
    gold_field: str, correct: Callable[[Doc, Any], bool],
) -> None:  # fmt: skip
    """Share of docs (with gold) whose best-scored candidate is right."""
    by_dataset: dict[str, list[float]] = {}
    for i, d in enumerate(docs):
        if d.case.gold.get(gold_field) is None:
            continue
        best = best_of(task, pred, items, i)
        ok = best is not None and correct(d, best)
        by_dataset.setdefault(d.case.dataset, []).append(float(ok))
    print_means(name, by_dataset)


def headline_rows(d: Doc) -> tuple[list[int], np.ndarray]:
    found = candidates(d.lines, article_of(d))
    return found.indices, found.rows


def is_headline(d: Doc, i: int) -> bool:
    """The line the parser would print as the gold headline (breadcrumb and kicker read)."""
    gold = d.case.gold.get("headline") or ""
    return bool(gold) and norm_text(clean_headline(d.lines, i)) == norm_text(gold)


def gold_headline_at(d: Doc) -> int | None:
    """Where the gold headline is printed, for the decisions that read it (none when not)."""
    return next((i for i in range(len(d.lines)) if is_headline(d, i)), None)


def date_rows_of(d: Doc) -> tuple[list[DateCandidate], np.ndarray]:
    return date_rows(d.lines, article_of(d), d.headline_at, d.case.url)


def is_posted(d: Doc, c: DateCandidate) -> bool:
    return c.day == gold_day(d.case)


def gold_names(d: Doc) -> set[str]:
    return {norm_name(a) for a in d.case.gold.get("authors") or []} - {""}


def byline_rows_of(d: Doc) -> tuple[list[int], np.ndarray]:
    return byline_rows(d.lines, article_of(d), d.headline_at)


def prints_author(d: Doc, i: int) -> bool:
    return bool({norm_name(a.name) for a in names_in(d.lines[i].text)} & gold_names(d))


def report_authors(
    docs: list[Doc],
    task: Task,
    pred: np.ndarray,
    items: list[list[int]],
    best: float = BEST_THRESHOLD,
    other: float = OTHER_THRESHOLD,
) -> None:
    by_dataset: dict[str, list[float]] = {}
    for i, d in enumerate(docs):
        if d.case.gold.get("authors") is None:
            continue
        mask = task.doc == i
        names: set[str] = set()
        if mask.any():
            p = pred[mask]
            for rank, k in enumerate(np.argsort(-p)[:2]):
                if p[k] >= (best if rank == 0 else other):
                    names |= {norm_name(a.name) for a in names_in(d.lines[items[i][k]].text)}
        by_dataset.setdefault(d.case.dataset, []).append(names_f1(gold_names(d), names))
    chosen = (best, other) == (BEST_THRESHOLD, OTHER_THRESHOLD)
    print_means("authors" if chosen else f"authors@{best},{other}", by_dataset)


def main() -> int:
    args, wanted = training_arguments(
        __doc__, MODELS, MODELS[1:], "all but text_body; see the README"
    )
    cases = load_cases(DATASETS, "A", args.eval) + load_fixtures("text")
    with ProcessPoolExecutor(2) as pool:
        docs = [d for d in pool.map(prepare, cases, chunksize=8) if d is not None]
    print(f"{len(docs)} captures, {sum(len(d.lines) for d in docs)} lines")
    folds = group_folds([d.case.site for d in docs])

    body = body_task(docs)
    p_body = out_of_fold(body, folds)
    for i, d in enumerate(docs):
        d.p_body = p_body[body.doc == i]
    report_body(docs, BODY_THRESHOLD)

    # Later decisions read the body model's verdicts: train them on out-of-fold verdicts, so
    # that they learn how far to trust a verdict on a site the body model never saw.
    headline, head_items = choice_task(docs, headline_rows, is_headline, dataset_weight)
    p_head = out_of_fold(headline, folds, **CHOICE)
    report_choice(docs, headline, p_head, head_items, "headline", "headline", is_headline)
    for i, d in enumerate(docs):
        # Dates and bylines are placed relative to the headline the headline model chose.
        d.headline_at = best_of(headline, p_head, head_items, i)
    dates, date_items = choice_task(docs, date_rows_of, is_posted, dataset_weight)
    p_date = out_of_fold(dates, folds, **CHOICE)
    report_choice(docs, dates, p_date, date_items, "posted", "posted_at", is_posted)
    bylines, byline_items = choice_task(docs, byline_rows_of, prints_author, dataset_weight)
    p_byline = out_of_fold(bylines, folds, **CHOICE)
    report_authors(docs, bylines, p_byline, byline_items)
    # The thresholds beside the chosen ones, cross-validated: authors.py takes the best.
    for best in (0.01, 0.05, 0.1):
        report_authors(docs, bylines, p_byline, byline_items, best=best)
    for other in (0.8, 0.95):
        report_authors(docs, bylines, p_byline, byline_items, other=other)
    if args.check_only:
        return 0

    models = [
        ("text_body", BODY_FEATURES, body, {}),
        ("text_headline", HEADLINE_FEATURES, headline, CHOICE),
        ("text_date", DATE_FEATURES, dates, CHOICE),
        ("text_byline", BYLINE_FEATURES, bylines, CHOICE),
    ]
    for name, features, task, kw in models:
        if name not in wanted:
            continue
        booster = train(task, **kw)
        spec = flatten(getattr(booster, "boosters", booster), name, features)
        check = Forest(spec).probabilities(task.x[:500])
        assert np.allclose(check, booster.predict(task.x[:500]), atol=1e-6), name
        write_model(spec)
        print(f"wrote {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
