"""Every fixture page gives exactly its golden record; every site profile has fixtures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from golden import FIXTURES, expected_path, fixture_pages, record_for
from newsarchive.parse import sites

PAGES = fixture_pages()


@pytest.mark.parametrize("page", PAGES, ids=[p.relative_to(FIXTURES).as_posix() for p in PAGES])
def test_golden_record(page: Path) -> None:
    expected = json.loads(expected_path(page).read_text())
    assert record_for(page) == expected


@pytest.mark.parametrize("profile", sites.profiles(), ids=lambda p: p.name)
def test_every_site_profile_has_fixtures(profile: sites.SiteProfile) -> None:
    folders = {p.parent.name for p in PAGES}
    slug = profile.domains[0].split(".")[0]
    assert slug in folders, f"no golden fixture folder {slug!r} for {profile.name}"
