"""Daum News (v.daum.net), the portal that republishes Korean outlets' articles.

A Daum capture prints the outlet's article under the portal's own tools (summary, audio,
translation); the profile names those lines. The source stays the outlet the article names.
"""

from __future__ import annotations

import re

from . import SiteProfile, register

PROFILE = register(
    SiteProfile(
        name="Daum News",
        domains=("daum.net",),
        text_signatures=(re.compile(r"^(?:자동요약|음성재생 설정|번역beta)", re.MULTILINE),),
        portal=True,
        furniture=tuple(
            re.compile(p)
            for p in (r"자동요약.*", r"전체 맥락을 이해하기.*", r"음성재생.*", r"번역beta.*")
        ),
    )
)
