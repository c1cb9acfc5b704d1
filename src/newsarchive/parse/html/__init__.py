"""HTML pages: metadata from structure first, then the body from the DOM, then visible markup."""

from __future__ import annotations

from ..extracted import Extracted
from .extract import parse_html

__all__ = ["Extracted", "parse_html"]
