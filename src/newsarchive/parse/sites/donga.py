"""The Dong-A Ilbo (donga.com): English and Korean editions.

Everything else about Dong-A pages (the "Posted November. 28, 2024 07:37" lines, the "한국어" link,
the legacy edition bar, bylines with a dateline) the generic parsers read; the profile says how to
know a Dong-A text capture that comes without its address, and where a saved page keeps the
article: the English edition in div.article_txt, the Korean one in section.news_view, both with
paragraphs separated by <br> rather than in <p>, which the generic voting under-rates. Korea time
comes from the publisher table.
"""

from __future__ import annotations

import re

from . import SiteProfile, register

PROFILE = register(
    SiteProfile(
        name="The Dong-A Ilbo",
        domains=("donga.com",),
        text_signatures=(
            # Dong-A English puts a full stop after the month's whole name and two digits for the
            # day: "Posted November. 28, 2024 07:37". An abbreviation's full stop ("Posted Mar.
            # 12, 2025 09:30") is everyone's style, no sign of Dong-A.
            re.compile(
                r"^Posted (?:January|February|March|April|May|June|July|August|September"
                r"|October|November|December)\. \d{2}, \d{4} \d{2}:\d{2}",
                re.MULTILINE,
            ),
            re.compile(r"^English donga \| Japanese donga", re.MULTILINE),
            re.compile(r"@donga\.com\b"),  # an address at donga.com
            re.compile(r"donga\.com\. All rights reserved", re.IGNORECASE),
        ),
        body_xpath=(
            "//div[contains(concat(' ', @class, ' '), ' article_txt ')]"
            " | //section[contains(concat(' ', @class, ' '), ' news_view ')]"
        ),
        drop_xpath=(
            "//*[contains(@class, 'article_footer') or contains(@class, 'articlePhotoC')"
            " or contains(@class, 'view_ad') or contains(@class, 'poll_area')]"
        ),
    )
)
