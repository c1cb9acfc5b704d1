"""Timelines: how many articles a search matches per day, week, month or year.

A period is read in the publisher's local time: a record's posted_at carries the publisher's UTC
offset, so its date is the day the publisher printed (an article posted at 00:30 in Seoul
belongs to that Seoul day, not to the UTC day before). Periods with no article are shown as zero
between the first and the last (or over the window of days asked for); articles without a
posting time are counted apart.
"""

from __future__ import annotations

import warnings
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Literal

By = Literal["day", "week", "month", "year"]
BYS: tuple[By, ...] = ("day", "week", "month", "year")


def period_of(posted_at: str, by: By) -> str | None:
    """The period a posting time falls in, in its own offset's local time: "2024-11-28",
    "2024-W48", "2024-11" or "2024"."""
    try:
        day = date.fromisoformat(posted_at[:10])
    except ValueError:
        return None
    if by == "day":
        return day.isoformat()
    if by == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    if by == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return f"{day.year:04d}"


def _start(period: str, by: By) -> date:
    if by == "day":
        return date.fromisoformat(period)
    if by == "week":
        year, week = period.split("-W")
        return date.fromisocalendar(int(year), int(week), 1)
    if by == "month":
        return date.fromisoformat(period + "-01")
    return date(int(period), 1, 1)


def _next(day: date, by: By) -> date:
    if by == "day":
        return day + timedelta(days=1)
    if by == "week":
        return day + timedelta(days=7)
    if by == "month":
        return date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return date(day.year + 1, 1, 1)


MAX_PERIODS = 100_000  # a chart of more says nothing: ask for a longer period


class TooManyPeriods(ValueError):
    pass


def periods_between(first: str, last: str, by: By) -> list[str]:
    """Every period from first to last, both included."""
    found, day, end = [], _start(first, by), _start(last, by)
    while day <= end:
        label = period_of(day.isoformat(), by)
        assert label is not None
        found.append(label)
        if len(found) > MAX_PERIODS:
            raise TooManyPeriods(
                f"{first} to {last} is more than {MAX_PERIODS:,} periods of a {by}:"
                " count by a longer period, or narrow with --since and --until"
            )
        try:
            day = _next(day, by)
        except (ValueError, OverflowError):  # past the year 9999
            break
    return found


@dataclass
class Timeline:
    by: By
    # (period, source) -> articles; source is "" unless counted by source.
    counts: Counter[tuple[str, str]] = field(default_factory=Counter)
    undated: int = 0
    # The window of days asked for (--since and --until, both dates): its periods are shown,
    # zeros included, so that timelines of two queries over the same days line up.
    since: str | None = None
    until: str | None = None
    by_source: bool = False

    def rows(self) -> list[tuple[str, str, int]]:
        """(period, source, count) for every period from the first to the last (or from
        `since` to `until`), zeros included, each source's rows together in the order of its
        first period."""
        asked_first = period_of(self.since, self.by) if self.since else None
        asked_last = period_of(self.until, self.by) if self.until else None
        if not self.counts:
            # Days asked for and nothing in them: their periods at zero, as a timeline with
            # matches shows its empty periods (by source there is no source to give a row).
            if asked_first and asked_last and not self.by_source:
                # Too many to show: the usage error a timeline with matches gives.
                return [(p, "", 0) for p in periods_between(asked_first, asked_last, self.by)]
            return []
        periods = sorted({p for p, _ in self.counts})
        first, last = periods[0], periods[-1]
        try:  # the days asked for, when they are a span that can be shown
            every = periods_between(
                min(first, asked_first or first), max(last, asked_last or last), self.by
            )
        except TooManyPeriods:
            every = periods_between(first, last, self.by)
        sources = sorted({s for _, s in self.counts})
        return [(p, s, self.counts[(p, s)]) for s in sources for p in every]


def count(rows: Iterable[tuple[str | None, str | None]], by: By, by_source: bool) -> Timeline:
    """Count (posted_at, source name) rows into periods."""
    timeline = Timeline(by, by_source=by_source)
    for posted_at, source in rows:
        period = period_of(posted_at, by) if posted_at else None
        if period is None:
            timeline.undated += 1
            continue
        timeline.counts[(period, (source or "(unknown source)") if by_source else "")] += 1
    return timeline


_EIGHTHS = " ▏▎▍▌▋▊▉"


def bar(value: int, most: int, width: int) -> str:
    """A bar of Unicode blocks, `width` cells for `most`, in eighths of a cell."""
    if most <= 0 or value <= 0:
        return ""
    eighths = max(1, round(value / most * width * 8))
    full, rest = divmod(eighths, 8)
    return "█" * full + (_EIGHTHS[rest] if rest else "")


def chart(timeline: Timeline, width: int) -> str:
    """The timeline as aligned rows of period, count and bar, fitted to `width` columns."""
    rows = timeline.rows()
    if not rows:
        return ""
    most = max(c for _, _, c in rows)
    label = max(len(p) for p, _, _ in rows)
    digits = len(f"{most:,}")
    room = max(10, width - label - digits - 3)
    lines: list[str] = []
    source = None
    for period, name, value in rows:
        if name and name != source:
            lines.append(("" if source is None else "\n") + name)
            source = name
        lines.append(f"{period:<{label}}  {value:>{digits},} {bar(value, most, room)}".rstrip())
    return "\n".join(lines)


def plot(timeline: Timeline, path: str, title: str) -> str | None:
    """Draw the timeline to a PNG or SVG file (matplotlib, the `plot` extra). Returns a note
    for the user when the file could not show all its labels' letters."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from .render import columns

    rows = timeline.rows()
    labels = title + "".join(str(s) for _, s, _ in rows if s)
    fonts = [] if labels.isascii() else _cjk_fonts()
    with plt.rc_context({"font.family": [*fonts, "sans-serif"]} if fonts else {}):
        _draw(plt, timeline, rows, path, title)
    if fonts or columns(labels) == len(labels):  # no wide letter (Hangul, kana, Han)
        return None
    return (
        "no installed font has the letters of some labels: they are drawn as boxes"
        " (install a CJK font, e.g. Debian's fonts-noto-cjk)"
    )


def _draw(plt: Any, timeline: Timeline, rows: list[Any], path: str, title: str) -> None:
    from matplotlib.ticker import MaxNLocator

    figure, axes = plt.subplots(figsize=(10, 4))
    sources = sorted({s for _, s, _ in rows})
    periods = sorted({p for p, _, _ in rows})
    bottom = [0] * len(periods)
    for source in sources:
        values = [timeline.counts[(p, source)] for p in periods]
        axes.bar(periods, values, bottom=bottom, label=source or None)
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    axes.set_title(title)
    axes.set_ylabel("articles")
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))  # counts: no tick at 0.5 article
    if len(periods) > 12:
        step = max(1, len(periods) // 12)
        axes.set_xticks(range(0, len(periods), step), periods[::step])
    axes.tick_params(axis="x", rotation=45)
    if any(sources):
        axes.legend(fontsize="small")
    with warnings.catch_warnings():
        # Where no installed font has a title's or a source's letters, matplotlib draws boxes
        # and warns once a glyph; the file is still written.
        warnings.filterwarnings("ignore", message="Glyph .* missing from font")
        figure.tight_layout()
        figure.savefig(path)
    plt.close(figure)


# Fonts that hold Hangul, kana and Han (those common on Linux, macOS and Windows), tried in
# turn for a plot whose labels are not all Latin.
_CJK_FONTS = ("Noto Sans CJK KR", "Noto Sans CJK JP", "Noto Sans KR", "NanumGothic",
              "Apple SD Gothic Neo", "AppleGothic", "Malgun Gothic", "Source Han Sans",
              "WenQuanYi Zen Hei", "Droid Sans Fallback")  # fmt: skip


def _cjk_fonts() -> list[str]:
    """The installed fonts of _CJK_FONTS, for a plot whose labels are not all Latin."""
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    return [name for name in _CJK_FONTS if name in installed]
