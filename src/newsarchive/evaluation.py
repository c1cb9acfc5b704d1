"""What ../shared/eval/score.py calls in-process: `--call newsarchive.evaluation:parse_path`."""

from __future__ import annotations

from typing import Any

from .parse import parse_file


def parse_path(path: str, url: str | None = None) -> dict[str, Any]:
    """The record of one file as `newsarchive parse --json` prints it."""
    return parse_file(path, url=url).to_dict()
