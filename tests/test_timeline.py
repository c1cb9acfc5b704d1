"""Timelines: counts per day, week, month and year in the publisher's local time, empty periods
as zero, per source, as JSON, CSV, a terminal chart and a plot."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ENGINES, new_database
from newsarchive import Archive
from newsarchive.cli import cli
from newsarchive.record import Article, InputInfo, Source
from newsarchive.timeline import bar, period_of, periods_between

# Posting times in two time zones. Read in UTC, the first two would swap days (00:30 in Seoul is
# the day before in UTC; 23:30 in New York is the next day in UTC).
POSTED = [
    ("2024-03-01T00:30:00+09:00", "Seoul Daily", "seoul.example"),
    ("2024-02-29T23:30:00-05:00", "Harbor Times", "harbor.example"),
    ("2024-03-04T12:00:00+09:00", "Seoul Daily", "seoul.example"),
    ("2024-03-31T23:59:00-05:00", "Harbor Times", "harbor.example"),
    ("2024-05-02T08:00:00+09:00", "Seoul Daily", "seoul.example"),
    (None, "Seoul Daily", "seoul.example"),
]


def article(i: int, posted_at: str | None, name: str, domain: str) -> tuple[Article, bytes]:
    data = f"harbour report {i}".encode()
    info = InputInfo(f"report-{i}.txt", "text", "utf-8", hashlib.sha256(data).hexdigest())
    body = f"The harbour reopened on day {i} after the storm passed over the coast."
    return (
        Article(
            headline=f"Harbour report number {i}",
            body=body,
            input=info,
            source=Source(name, domain),
            posted_at=posted_at,
            language="en",
        ),
        data,
    )


@pytest.fixture(scope="module", params=ENGINES)
def archive(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Archive]:
    with new_database(request.param, tmp_path_factory.mktemp("timeline")) as url:
        archive = Archive.open(url)
        archive.writer().add_many([article(i, *row) for i, row in enumerate(POSTED)])
        yield archive
        archive.close()


def timeline(archive: Archive, *args: str) -> list[dict[str, object]]:
    result = CliRunner().invoke(cli, ["--db", archive.url, "timeline", "--json", *args])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_days_are_the_publishers_days_with_empty_days_as_zero(archive: Archive) -> None:
    days = timeline(archive, "--by", "day", "--until", "2024-03-05", "harbour")
    assert [(d["period"], d["count"]) for d in days] == [
        ("2024-02-29", 1),
        ("2024-03-01", 1),
        ("2024-03-02", 0),
        ("2024-03-03", 0),
        ("2024-03-04", 1),
    ]


def test_weeks_months_and_years(archive: Archive) -> None:
    weeks = timeline(archive, "--by", "week", "--until", "2024-04-01", "harbour")
    assert [(w["period"], w["count"]) for w in weeks] == [
        ("2024-W09", 2),
        ("2024-W10", 1),
        ("2024-W11", 0),
        ("2024-W12", 0),
        ("2024-W13", 1),
    ]
    months = timeline(archive, "--by", "month", "harbour")
    assert [(m["period"], m["count"]) for m in months] == [
        ("2024-02", 1),
        ("2024-03", 3),
        ("2024-04", 0),
        ("2024-05", 1),
    ]
    assert timeline(archive, "--by", "year", "harbour") == [{"period": "2024", "count": 5}]


def test_by_source_and_filters(archive: Archive) -> None:
    rows = timeline(archive, "--by", "month", "--by-source", "harbour")
    harbor = [(r["period"], r["count"]) for r in rows if r["source"] == "Harbor Times"]
    assert harbor == [("2024-02", 1), ("2024-03", 1), ("2024-04", 0), ("2024-05", 0)]
    only = timeline(archive, "--by", "month", "--source", "seoul", "harbour")
    assert sum(int(str(r["count"])) for r in only) == 3
    assert timeline(archive, "nothingmatchesthis") == []
    # Without a query: every article the filters keep.
    everything = timeline(archive, "--by", "year")
    assert sum(int(str(r["count"])) for r in everything) == sum(
        1 for a in archive.iter_records() if a.posted_at
    )
    assert timeline(archive, "--by", "year", "") == everything  # an empty query: the same
    seoul = timeline(archive, "--by", "month", "--source", "seoul")
    assert (
        3
        <= sum(int(str(r["count"])) for r in seoul)
        < sum(int(str(r["count"])) for r in everything)
    )


def test_csv_and_the_terminal_chart(archive: Archive) -> None:
    runner = CliRunner()
    as_csv = runner.invoke(cli, ["--db", archive.url, "timeline", "--csv", "harbour"])
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert rows[1] == {"period": "2024-03", "count": "3"}
    shown = runner.invoke(cli, ["--db", archive.url, "timeline", "harbour"])
    lines = shown.stdout.splitlines()
    assert lines[1].startswith("2024-03  3 ") and lines[1].endswith("█")
    assert lines[2].rstrip() == "2024-04  0"
    assert "1 matching article has no posting date" in shown.stderr


def test_plots_are_written(archive: Archive, tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    for name in ("t.png", "t.svg"):
        target = tmp_path / name
        result = CliRunner().invoke(
            cli, ["--db", archive.url, "timeline", "--by-source", "--plot", str(target), "harbour"]
        )
        assert result.exit_code == 0, result.output
        assert target.stat().st_size > 1000
    assert (tmp_path / "t.png").read_bytes().startswith(b"\x89PNG")
    assert b"<svg" in (tmp_path / "t.svg").read_bytes()[:1000]


def test_a_plot_of_a_korean_query_warns_of_no_missing_glyph(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    import warnings

    from newsarchive.timeline import Timeline, plot

    counted = Timeline(by="month")
    counted.counts[("2025-03", "")] = 2
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        plot(counted, str(tmp_path / "k.png"), '"김정은": articles per month')
    assert (tmp_path / "k.png").stat().st_size > 1000
    assert not [w for w in caught if "Glyph" in str(w.message)]


def test_a_plot_whose_labels_are_not_latin_is_drawn_in_a_font_that_has_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("matplotlib")
    import matplotlib.pyplot as plt

    import newsarchive.timeline as tl

    # A font every matplotlib ships stands in for an installed CJK font.
    monkeypatch.setattr(tl, "_CJK_FONTS", ("Made Up Sans", "DejaVu Sans Mono"))
    used: list[object] = []
    draw = tl._draw
    monkeypatch.setattr(
        tl, "_draw", lambda *a: (used.append(plt.rcParams["font.family"]), draw(*a))
    )
    counted = tl.Timeline(by="month")
    counted.counts[("2025-03", "")] = 2
    assert tl.plot(counted, str(tmp_path / "k.png"), '"김정은": articles per month') is None
    assert tl.plot(counted, str(tmp_path / "e.png"), '"harbour": articles per month') is None
    assert used[0] == ["DejaVu Sans Mono", "sans-serif"]
    assert used[1] != used[0]  # Latin labels: matplotlib's own choice


def test_a_plot_with_no_font_for_its_labels_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("matplotlib")
    import newsarchive.timeline as tl

    monkeypatch.setattr(tl, "_CJK_FONTS", ("Made Up Sans",))
    counted = tl.Timeline(by="month")
    counted.counts[("2025-03", "")] = 2
    note = tl.plot(counted, str(tmp_path / "k.png"), '"김정은": articles per month')
    assert note is not None and "drawn as boxes" in note
    assert (tmp_path / "k.png").stat().st_size > 1000


def test_periods_and_bars() -> None:
    assert period_of("2024-12-30T10:00:00+09:00", "week") == "2025-W01"
    assert periods_between("2024-11", "2025-02", "month") == [
        "2024-11",
        "2024-12",
        "2025-01",
        "2025-02",
    ]
    assert periods_between("2024-W52", "2025-W02", "week") == ["2024-W52", "2025-W01", "2025-W02"]
    assert bar(10, 10, 4) == "████" and bar(1, 16, 4) == "▎" and bar(0, 10, 4) == ""


def test_since_and_until_are_the_publishers_days_too(archive: Archive) -> None:
    """--since and --until with a date take the same local days the timeline shows."""
    march = timeline(
        archive, "--by", "month", "--since", "2024-03-01", "--until", "2024-03-31", "harbour"
    )
    assert march == [{"period": "2024-03", "count": 3}]
    day = timeline(
        archive, "--by", "day", "--since", "2024-02-29", "--until", "2024-02-29", "harbour"
    )
    assert day == [{"period": "2024-02-29", "count": 1}]
    # A datetime is an instant: 2024-03-01T00:00Z is after the Seoul article (15:30Z the day
    # before) and before the New York one (04:30Z).
    instant = timeline(archive, "--by", "day", "--until", "2024-03-01T00:00Z", "harbour")
    assert instant == [{"period": "2024-03-01", "count": 1}]


def test_the_days_asked_for_are_shown_zeros_included(archive: Archive) -> None:
    # Two queries over the same --since/--until line up, month for month.
    months = timeline(
        archive, "--by", "month", "--since", "2024-01-01", "--until", "2024-06-30", "harbour"
    )
    assert [(m["period"], m["count"]) for m in months] == [
        ("2024-01", 0),
        ("2024-02", 1),
        ("2024-03", 3),
        ("2024-04", 0),
        ("2024-05", 1),
        ("2024-06", 0),
    ]
    # Only a window of days, both ends given, is shown whole: not an open end, not instants
    # (whose UTC day may not be the publisher's).
    days = timeline(archive, "--by", "day", "--since", "2024-02-27", "harbour")
    assert days[0]["period"] == "2024-02-29"
    instants = timeline(
        archive, "--by", "day", "--since", "2024-02-27T00:00Z", "--until", "2024-03-10T00:00Z",
        "harbour",
    )  # fmt: skip
    assert (instants[0]["period"], instants[-1]["period"]) == ("2024-02-29", "2024-03-04")
    # A window with no match at all is its periods at zero, as the help says, not "no matches".
    empty = timeline(
        archive, "--by", "month", "--since", "2024-01-01", "--until", "2024-03-31", "zzqqx"
    )
    assert [(m["period"], m["count"]) for m in empty] == [
        ("2024-01", 0),
        ("2024-02", 0),
        ("2024-03", 0),
    ]


def test_days_asked_for_that_are_too_many_to_show_fall_back_to_the_matches() -> None:
    from newsarchive.timeline import Timeline

    counted = Timeline(by="day", since="1000-01-01")
    counted.counts[("2024-02-29", "")] = 1
    assert counted.rows() == [("2024-02-29", "", 1)]


def test_the_last_day_is_a_usage_error_not_a_traceback(archive: Archive) -> None:
    result = CliRunner().invoke(
        cli, ["--db", archive.url, "timeline", "--until", "9999-12-31", "x"]
    )
    assert result.exit_code == 2 and "--until" in result.stderr
