"""The benchmark corpus (benchmarks/newsgen.py): the same bytes everywhere, every language, and
dumps the text parser reads as articles."""

from __future__ import annotations

import math
import statistics
import sys
from collections import Counter
from pathlib import Path

import pytest

from conftest import ROOT
from newsarchive.parse import parse_bytes

pytest.importorskip("wordfreq")
sys.path.insert(0, str(ROOT / "benchmarks"))

import newsgen


def test_an_article_is_the_same_bytes_every_time() -> None:
    assert newsgen.make_article(123) == newsgen.make_article(123)
    assert newsgen.make_article(123) != newsgen.make_article(124)
    assert newsgen.make_article(123, seed=2) != newsgen.make_article(123)


def test_the_corpus_looks_like_a_collection() -> None:
    dumps = [newsgen.make_article(i) for i in range(300)]
    articles = [parse_bytes(d, f"{i}.txt") for i, d in enumerate(dumps)]
    languages = Counter(a.language for a in articles)
    assert set(languages) == {"en", "ko", "de", "ja"}
    assert languages["en"] > languages["ko"] > languages["ja"]
    # Each dump's headline is the line the parser takes for it.
    headlines = sum(
        a.headline in d.decode().split("\n")[:6] for a, d in zip(articles, dumps, strict=True)
    )
    assert headlines >= 0.95 * len(dumps)
    # Log-normal lengths around 500 words (Japanese counted by characters, roughly).
    spaced = [len(a.body.split()) for a in articles if a.language != "ja"]
    assert 300 < statistics.median(spaced) < 800
    assert min(spaced) >= 60 and max(spaced) < 4000
    spread = statistics.stdev(math.log(w) for w in spaced)
    assert 0.3 < spread < 1.0


def test_the_most_named_entity_is_in_a_few_percent() -> None:
    dumps = [newsgen.make_article(i).decode() for i in range(2000)]
    share = sum("Kim Jong Un" in d for d in dumps) / len(dumps)
    assert 0.003 < share < 0.10
    the = sum(" the " in d for d in dumps) / len(dumps)
    assert the > 0.3  # a common word, by contrast, is everywhere in English


def test_the_parts_are_what_the_dump_prints() -> None:
    for i in range(50):
        data, parts = newsgen.make_parts(i)
        assert data == newsgen.make_article(i)
        text = data.decode()
        for piece in (parts.headline, parts.byline, parts.date_line, *parts.paragraphs):
            assert piece and piece in text
        assert parts.author in parts.byline


def test_the_search_benchmark_ingests_its_corpus(tmp_path: Path) -> None:
    # The benchmark wraps the archive's writer to time it: a change of the writer's interface
    # must not leave it measuring a run where every article was refused.
    import bench_search

    newsgen.write_corpus(tmp_path / "corpus", 40, workers=1)
    result = bench_search.ingest(str(tmp_path / "a.db"), tmp_path / "corpus", 40, workers=1)
    assert (result["added"], result["failed"]) == (40, 0)
    assert result["cpu_ms_write_and_index"] > 0


def test_the_search_benchmark_runs_end_to_end(tmp_path: Path) -> None:
    # Its raw statements run on a connection of its own: one without a function newsarchive's
    # statements call (the author filter's) failed only when the benchmark ran.
    import subprocess
    import sys

    bench = Path(__file__).resolve().parents[1] / "benchmarks" / "bench_search.py"
    db, corpus = tmp_path / "a.db", tmp_path / "corpus"
    run = subprocess.run(
        [sys.executable, str(bench), "--n", "200", "--db", str(db), "--corpus", str(corpus),
         "--cli-runs", "1", "--workers", "1"],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-2000:]
    assert "p50" in run.stdout
