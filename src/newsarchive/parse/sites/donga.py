"""The Dong-A Ilbo (donga.com): English and Korean editions.

Everything else about Dong-A pages (the "Posted November. 28, 2024 07:37" lines, the "한국어" link,
the legacy edition bar, bylines with a dateline) the generic parser reads; the profile only says how
to know a Dong-A capture that comes without its address. Korea time comes from the publisher table.
"""

from __future__ import annotations

import re

from . import SiteProfile, register

PROFILE = register(
    SiteProfile(
        name="The Dong-A Ilbo",
        domains=("donga.com",),
        text_signatures=(
            # Dong-A English puts a full stop after the month: "Posted November. 28, 2024 07:37".
            re.compile(r"^Posted [A-Z][a-z]+\. \d{2}, \d{4} \d{2}:\d{2}", re.MULTILINE),
            re.compile(r"^English donga \| Japanese donga", re.MULTILINE),
            re.compile(r"[\w.+-]+@donga\.com\b"),
            re.compile(r"donga\.com\. All rights reserved", re.IGNORECASE),
        ),
    )
)
