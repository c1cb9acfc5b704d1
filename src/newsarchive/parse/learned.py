"""Learned weights, shipped as data: gradient-boosted trees evaluated with numpy.

Where many weak signals decide (is this line body, is this the headline, which date is the
posting date), a model trained on labelled pages weighs them; `scripts/train_text.py` and
`scripts/train_html.py` write the models into `models/` as JSON. Inference needs numpy alone.

A model file holds the feature names it was trained on and its trees as flat node arrays: for
node i, `feature[i]`, `threshold[i]` (go left when the value is <= it), `left[i]`, `right[i]`
and `value[i]`; a leaf points to itself on both sides, so every row can walk every tree the same
number of steps, all rows and trees at once.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from importlib import resources
from typing import Any

import numpy as np
import numpy.typing as npt

Matrix = npt.NDArray[np.float64]


class Forest:
    """A boosted tree ensemble for binary decisions (LightGBM's, flattened)."""

    def __init__(self, spec: dict[str, Any]) -> None:
        self.name: str = spec["name"]
        self.features: list[str] = list(spec["features"])
        self.threshold_hint: float = float(spec.get("decision_threshold", 0.5))
        self._feature = np.asarray(spec["feature"], dtype=np.intp)
        self._threshold = np.asarray(spec["threshold"], dtype=np.float64)
        self._left = np.asarray(spec["left"], dtype=np.intp)
        self._right = np.asarray(spec["right"], dtype=np.intp)
        self._value = np.asarray(spec["value"], dtype=np.float64)
        self._roots = np.asarray(spec["roots"], dtype=np.intp)
        self._depth = int(spec["depth"])
        # Node i's children side by side: children[2 * i + went_right].
        self._children = np.stack([self._left, self._right], axis=1).ravel()

    def margins(self, rows: Matrix) -> Matrix:
        """The ensemble's raw score (log-odds) for each row of features.

        Every (row, tree) pair walks down one level per step, all pairs at once, on flat
        arrays (numpy's take is several times faster than indexing by two arrays)."""
        n, width = rows.shape
        if n == 0:
            return np.zeros(0)
        if width != len(self.features):
            raise ValueError(f"{self.name}: {width} features, want {len(self.features)}")
        trees = self._roots.size
        at = np.tile(self._roots, n)
        row_start = np.repeat(np.arange(n, dtype=np.intp) * width, trees)
        values = np.ascontiguousarray(rows, dtype=np.float64).ravel()
        for _ in range(self._depth):
            went_right = values.take(row_start + self._feature.take(at)) > self._threshold.take(at)
            at = self._children.take(at * 2 + went_right)
        margins: Matrix = self._value.take(at).reshape(n, trees).sum(axis=1)
        return margins

    def probabilities(self, rows: Matrix) -> Matrix:
        margins = self.margins(rows)
        result: Matrix = 1.0 / (1.0 + np.exp(-margins))
        return result


@cache
def forest(name: str) -> Forest:
    """The model shipped as `models/NAME.json`, loaded once."""
    text = resources.files("newsarchive.parse").joinpath("models", f"{name}.json").read_text()
    return Forest(json.loads(text))


def contiguous(
    probabilities: Matrix, weights: Matrix, switch_cost: float, bias: float = 0.0
) -> Matrix:
    """Which items to keep, as runs: the two-state path (out, in) that maximises the kept
    items' weighted log-odds less a cost for every switch between in and out (Viterbi).

    An article is a run of blocks: a lone block the model likes among furniture, or a short
    heading it doubts between paragraphs, is decided by its neighbours. Returns 1.0 for the kept.
    """
    n = probabilities.size
    if n == 0:
        return np.zeros(0)
    eps = 1e-6
    gains = (np.log((probabilities + eps) / (1 - probabilities + eps)) + bias) * weights
    out_score, in_score = 0.0, -np.inf
    from_in_to_out = np.zeros(n, dtype=bool)  # the best way into "out" at i came from "in"
    from_out_to_in = np.zeros(n, dtype=bool)
    for i, gain in enumerate(gains.tolist()):
        stay_out, leave = out_score, in_score - switch_cost
        stay_in, enter = in_score, out_score - switch_cost
        from_in_to_out[i] = leave > stay_out
        from_out_to_in[i] = enter > stay_in
        out_score = max(stay_out, leave)
        in_score = max(stay_in, enter) + gain
    kept = np.zeros(n)
    inside = in_score > out_score
    for i in range(n - 1, -1, -1):
        kept[i] = inside
        inside = (not from_out_to_in[i]) if inside else bool(from_in_to_out[i])
    return kept


def interior_gaps(kept: Matrix) -> Iterator[tuple[int, int]]:
    """The runs of items left out between two kept ones, as (start, end): never a run before
    the first kept item or after the last."""
    n = kept.size
    i = 1
    while i < n:
        if kept[i] or not kept[i - 1]:
            i += 1
            continue
        j = i
        while j < n and not kept[j]:
            j += 1
        if j < n:
            yield i, j
        i = j
