"""HTML pages. A first path: the page's text through the text parser, with its <title>.

The structured extractor (JSON-LD, meta tags, a DOM-level body finder) replaces this.
"""

from __future__ import annotations

from .extracted import Extracted
from .text import parse_text


def parse_html(markup: str, url: str | None = None) -> Extracted:
    import lxml.html

    try:
        doc = lxml.html.document_fromstring(markup)
    except Exception:  # lxml raises several types on hostile markup
        return Extracted(url=url)
    for bad in doc.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    text = doc.text_content()
    return parse_text(text, url=url)
