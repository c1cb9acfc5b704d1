"""Postmedia's Canadian papers (National Post, Financial Post, the Citizen, Gazette, Sun and
Herald titles): one publishing system, one set of interface lines.

Copied from a page, a Postmedia article carries its system's lines between the paragraphs: an
"Article content" label before every block of text, the advertisement and video placeholders,
and the subscription box (its offers, its sign-up form and what the form answers). The generic
parser reads the rest; the profile names these lines so that a capture is read without them,
and says how to know a capture that comes without its address.
"""

from __future__ import annotations

import re

from . import SiteProfile, register

PROFILE = register(
    SiteProfile(
        name="Postmedia",
        domains=(
            "nationalpost.com",
            "financialpost.com",
            "ottawacitizen.com",
            "montrealgazette.com",
            "vancouversun.com",
            "theprovince.com",
            "calgaryherald.com",
            "edmontonjournal.com",
            "leaderpost.com",
            "thestarphoenix.com",
            "windsorstar.com",
            "lfpress.com",
            "torontosun.com",
            "ottawasun.com",
            "winnipegsun.com",
            "calgarysun.com",
            "edmontonsun.com",
        ),
        group=True,
        text_signatures=(
            re.compile(
                r"^This advertisement has not loaded yet, but your article continues below\.$",
                re.MULTILINE,
            ),
            re.compile(r"newsletter from Postmedia Network Inc\."),
            re.compile(r"^Unlimited online access to .{3,40} and \d+ news sites", re.MULTILINE),
        ),
        furniture=tuple(
            re.compile(p)
            for p in (
                r"Article content",
                r"Advertisement(?: \d+)?",
                r"This advertisement has not loaded yet(?:, but your article continues below)?\.",
                r"Story continues below",
                r"We apologi[sz]e, but this video has failed to load\.",
                r"Try refreshing your browser, or",
                r"tap here to see other videos from our team\.",
                r"Author of the article:",
                # The subscription box, its form and what the form answers.
                r"Unlimited (?:online|digital) access to (?:the )?(?:[A-Z][\w.'-]* ?){1,4}"
                r"(?:and \d+ news sites with one account)?\.",
                r"Support local journalism\.",
                r".{3,40} ePaper, an electronic replica of the print edition.*",
                r"Enjoy the latest local, national and international news\.",
                r"Daily puzzles including the New York Times Crossword\.",
                r"Exclusive articles by .{3,80} and others\..*",
                r"Get email updates from your favourite authors\.",
                r"Enjoy additional articles per month\.",
                r"Access articles from across Canada with one account\.",
                r"Subscribe now to read the latest news in your city and across Canada\.",
                r"View more offers",
                r"THIS CONTENT IS RESERVED FOR SUBSCRIBERS(?: ONLY)?",
                r"SUBSCRIBE FOR MORE ARTICLES",
                r"REGISTER / SIGN IN TO UNLOCK MORE ARTICLES",
                r"Create an account or sign in to continue with your reading experience\.",
                r"You can save this article by registering for free here\..*",
                r"Don't have an account\? Create Account",
                r"If you are a Home delivery print subscriber, unlimited online access is.*",
                r"By signing up you consent to receive the above newsletter from Postmedia.*",
                r"We encountered an issue signing you up\..*",
                r"There was an error, please provide a valid email address\.",
                r"Thanks for signing up!",
                r"Share your thoughts and join the conversation in the comments\.",
                r"Join the conversation",
                r"or",
            )
        ),
    )
)
