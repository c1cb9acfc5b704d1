"""KBS News (news.kbs.co.kr), the Korean public broadcaster: scripts of its news programmes.

The generic text parser reads KBS captures (broadcast scripts with "<앵커 멘트>" cues, the
reporter named in the intro and sign-off); the profile only names the lines of KBS's own
player and text controls, which a copied page carries between the headline and the script.
"""

from __future__ import annotations

import re

from . import SiteProfile, register

PROFILE = register(
    SiteProfile(
        name="KBS",
        domains=("kbs.co.kr",),
        text_signatures=(
            re.compile(r"Copyright ⓒ KBS\.|Copyright © KBS\."),
            re.compile(r"^KBS 뉴스 [\uac00-\ud7a3]{2,4}입니다\.?$", re.MULTILINE),
        ),
        furniture=tuple(
            re.compile(p)
            for p in (
                r"동영상영역 (?:시작|끝)",
                r"읽어주기 기능은.*",
                r"브라우저에서만 사용하실 수 있습니다\.?",
                r"이 글자크기로 변경됩니다\.?",
                r"\(예시\).*",
                r"최신뉴스.*",
                r".* 뉴스 (?:멈춤|시작).*",
            )
        ),
    )
)
