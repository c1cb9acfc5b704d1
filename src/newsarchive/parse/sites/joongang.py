"""Korea JoongAng Daily (koreajoongangdaily.joins.com), English edition of the JoongAng Ilbo.

Its article tools copy as one line of their labels; the profile names it.
"""

from __future__ import annotations

import re

from . import SiteProfile, register

PROFILE = register(
    SiteProfile(
        name="Korea JoongAng Daily",
        domains=("joins.com", "koreajoongangdaily.joins.com"),
        text_signatures=(re.compile(r"^print dictionary print$", re.MULTILINE | re.IGNORECASE),),
        furniture=(re.compile(r"print dictionary print", re.IGNORECASE),),
    )
)
