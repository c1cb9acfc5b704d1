"""Train the HTML parser's models on fold A of the dev set's saved pages.

    .venv/bin/python scripts/train_html.py [--eval DIR] [--check-only]

Four decisions, each its own model: which text blocks are the body (a block is body when most
of its 4-token shingles are in the gold body), which title is the headline, which date the
posting date, which byline candidate names the authors. Training pages: aeb, fundus and wcxb
(fold A), and the project's own HTML fixtures. Every model is cross-validated by site within
fold A first (the figures printed), then trained on all of it and written to
src/newsarchive/parse/models/. Reruns in about a minute on two cores.
"""

from __future__ import annotations

import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from boosting import (
    CHOICE,
    PARAMS,
    ROUNDS,
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
from newsarchive.parse.html import authors as bylines
from newsarchive.parse.html import dating
from newsarchive.parse.html import headline as titles
from newsarchive.parse.html.extract import (
    Choices,
    analyse,
    choices_of,
    keep_runs,
    with_structure,
)
from newsarchive.parse.html.features import BLOCK_FEATURES, PageKind
from newsarchive.parse.learned import Forest

DATASETS = ("aeb", "fundus", "wcxb", "htmldate")
MODELS = ("html_body", "html_headline", "html_date", "html_byline")
# A page counts once, whatever its length; news pages (fundus, the benchmark's aeb) count more
# than the general web pages of wcxb, which outnumber them six to one.
DATASET_WEIGHT = {"fundus": 3.0, "aeb": 2.0, "fixtures": 2.0}
BODY_PARAMS: dict[str, Any] = {**PARAMS, "num_leaves": 15, "min_data_in_leaf": 100}


@dataclass
class _Block:
    """What the decisions read of a block (a Block holds its element, which cannot be
    pickled)."""

    text: str
    tag: str
    link_chars: int = 0
    flags: int = 0


@dataclass
class Page:
    case: Case
    rows: np.ndarray
    blocks: list[_Block]
    body: np.ndarray
    weight: np.ndarray
    choices: Choices
    kind: PageKind
    p_body: np.ndarray = field(default_factory=lambda: np.zeros(0))

    @property
    def kept(self) -> np.ndarray:
        return keep_runs(self.p_body, self.blocks)  # type: ignore[arg-type]


def prepare(case: Case) -> Page | None:
    try:
        decoded = decode_input(case.path.read_bytes(), str(case.path))
        page = analyse(decoded.text, case.url)
        choices = choices_of(page) if page is not None else None
    except Exception:
        return None
    if page is None or choices is None or not page.blocks:
        return None
    blocks = [_Block(b.text, b.tag, b.link_chars, b.flags) for b in page.blocks]
    gold_body = case.gold.get("body")
    gold = set(shingles(gold_body)) if gold_body else set()
    body = np.array([body_share(b.text, gold) >= 0.5 for b in blocks], dtype=np.float64)
    tokens = np.array([max(1, len(TOKEN.findall(b.text))) for b in blocks], dtype=np.float64)
    weight = DATASET_WEIGHT.get(case.dataset, 1.0) * 100 * tokens / tokens.sum()
    if not gold_body:
        weight = np.zeros(len(blocks))  # no gold body (htmldate): the page teaches dates only
    rows = page.features.rows.astype(np.float32)
    return Page(case, rows, blocks, body, weight, choices, page.kind)


def body_task(pages: list[Page]) -> Task:
    return Task(
        np.vstack([p.rows for p in pages]),
        np.concatenate([p.body for p in pages]),
        np.concatenate([p.weight for p in pages]),
        np.concatenate([np.full(len(p.blocks), i) for i, p in enumerate(pages)]),
    )


def report_body(pages: list[Page], threshold: float | None = None) -> None:
    """Body figures per dataset: at a threshold, or (None) as the parser decides, in runs."""
    score = scorer()
    by_dataset: dict[str, list[tuple[float, float]]] = {}
    for page in pages:
        if not page.case.gold.get("body"):
            continue
        text = with_structure(page.kept, page.blocks)  # type: ignore[arg-type]
        kept = text > 0 if threshold is None else page.p_body >= threshold
        body = "\n\n".join(b.text for b, keep in zip(page.blocks, kept, strict=True) if keep)
        prec, rec = score.body_pr(page.case.gold["body"], body)
        by_dataset.setdefault(page.case.dataset, []).append((prec or 0.0, rec or 0.0))
    print_body(f"body@{threshold:.2f}" if threshold is not None else "body runs", by_dataset)


def headline_rows(page: Page) -> tuple[list[Any], np.ndarray]:
    c = page.choices
    rows = titles.headline_rows(c.titles, c.site, page.blocks, page.p_body, page.kept, page.kind)  # type: ignore[arg-type]
    return c.titles, rows


def is_headline(page: Page, candidate: titles.TitleCandidate) -> bool:
    gold = page.case.gold.get("headline") or ""
    return bool(gold) and norm_text(candidate.text) == norm_text(gold)


def date_rows(page: Page) -> tuple[list[Any], np.ndarray]:
    c = page.choices
    return c.dates, dating.date_rows(c.dates, c.headline_at, page.p_body, page.kept, page.kind)


def is_posted(page: Page, candidate: dating.DateCandidate) -> bool:
    return candidate.day == gold_day(page.case)


def byline_candidates(page: Page) -> list[bylines.AuthorCandidate]:
    printed = bylines.printed_candidates(page.blocks, page.kept, page.choices.site_name)  # type: ignore[arg-type]
    return page.choices.authors + printed


def byline_rows(page: Page) -> tuple[list[Any], np.ndarray]:
    found = byline_candidates(page)
    rows = bylines.byline_rows(found, page.blocks, page.p_body, page.kept, page.kind)  # type: ignore[arg-type]
    return found, rows


def gold_names(page: Page) -> set[str]:
    return {norm_name(a) for a in page.case.gold.get("authors") or []} - {""}


def names_right(page: Page, candidate: bylines.AuthorCandidate) -> bool:
    return bool({norm_name(n) for n in candidate.names} & gold_names(page))


def report_choices(pages: list[Page], name: str, field_: str, task: Task, pred: np.ndarray,
                   items: list[list[Any]], score_page: Any) -> None:  # fmt: skip
    by_dataset: dict[str, list[float]] = {}
    for i, page in enumerate(pages):
        if page.case.gold.get(field_) is None:
            continue
        by_dataset.setdefault(page.case.dataset, []).append(
            score_page(page, best_of(task, pred, items, i), pred[task.doc == i])
        )
    print_means(name, by_dataset)


def right(correct: Any) -> Any:
    """A page's score for a choose-one decision: 1 when the best candidate is right."""
    return lambda page, best, p: float(best is not None and correct(page, best))


def authors_f1(page: Page, best: bylines.AuthorCandidate | None, p: np.ndarray) -> float:
    names: set[str] = set()
    if best is not None and p.size and p.max() >= bylines.BEST_THRESHOLD:
        names = {norm_name(n) for n in best.names}
    return names_f1(gold_names(page), names)


def main() -> int:
    args, wanted = training_arguments(__doc__, MODELS, MODELS, f"all: {', '.join(MODELS)}")
    cases = load_cases(DATASETS, "A", args.eval) + load_fixtures("html")
    with ProcessPoolExecutor(2) as pool:
        pages = [p for p in pool.map(prepare, cases, chunksize=4) if p is not None]
    print(f"{len(pages)} pages, {sum(len(p.blocks) for p in pages)} blocks")
    folds = group_folds([p.case.site for p in pages])

    body = body_task(pages)
    p_body = out_of_fold(body, folds, params=BODY_PARAMS, rounds=ROUNDS)
    for i, page in enumerate(pages):
        page.p_body = p_body[body.doc == i]
    report_body(pages, 0.5)
    report_body(pages)

    # The choices read the body model's verdicts: out of fold, as on a site never seen.
    headline, head_items = choice_task(pages, headline_rows, is_headline)
    p_head = out_of_fold(headline, folds, **CHOICE)
    report_choices(pages, "headline", "headline", headline, p_head, head_items, right(is_headline))
    dates, date_items = choice_task(pages, date_rows, is_posted)
    p_date = out_of_fold(dates, folds, **CHOICE)
    report_choices(pages, "posted", "posted_at", dates, p_date, date_items, right(is_posted))
    authors, author_items = choice_task(pages, byline_rows, names_right)
    p_auth = out_of_fold(authors, folds, **CHOICE)
    report_choices(pages, "authors", "authors", authors, p_auth, author_items, authors_f1)
    if args.check_only:
        return 0

    models = [
        ("html_body", BLOCK_FEATURES, body, {"params": BODY_PARAMS, "rounds": ROUNDS}),
        ("html_headline", titles.HEADLINE_FEATURES, headline, CHOICE),
        ("html_date", dating.DATE_FEATURES, dates, CHOICE),
        ("html_byline", bylines.BYLINE_FEATURES, authors, CHOICE),
    ]
    for name, features, task, kw in models:
        if name not in wanted:
            continue
        keep = task.w > 0
        booster = train(task.subset(keep), **kw)
        spec = flatten(getattr(booster, "boosters", booster), name, features)
        sample = task.x[:500].astype(np.float64)
        assert np.allclose(Forest(spec).probabilities(sample), booster.predict(sample), atol=1e-5)
        write_model(spec)
        print(f"wrote {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
