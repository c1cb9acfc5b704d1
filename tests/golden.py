"""Golden files: each fixture page beside the record it must give (`<name>.json`).

`python tests/golden.py` regenerates every expected record; review the diff before committing.
A fixture may carry the address it was saved from in `<name>.url`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).parent / "fixtures"
PAGE_SUFFIXES = (".txt", ".html", ".htm", ".gz")


def fixture_pages() -> list[Path]:
    return sorted(p for p in FIXTURES.rglob("*") if p.is_file() and p.suffix in PAGE_SUFFIXES)


def expected_path(page: Path) -> Path:
    return page.with_name(page.name.split(".")[0] + ".json")


def record_for(page: Path) -> dict[str, Any]:
    from newsarchive.parse import parse_bytes

    url_file = page.with_name(page.name.split(".")[0] + ".url")
    url = url_file.read_text().strip() if url_file.exists() else None
    relative = page.relative_to(FIXTURES).as_posix()
    return parse_bytes(page.read_bytes(), relative, url=url).to_dict()


def main() -> int:
    for page in fixture_pages():
        out = expected_path(page)
        out.write_text(json.dumps(record_for(page), ensure_ascii=False, indent=2) + "\n")
        print(f"wrote {out.relative_to(FIXTURES)}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    raise SystemExit(main())
