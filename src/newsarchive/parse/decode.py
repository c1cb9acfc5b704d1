"""Bytes to text: the BOM, then strict UTF-8, then a declared charset, then detection.

Legacy Korean pages are EUC-KR at best and CP949 in practice (EUC-KR cannot encode every Hangul
syllable), so EUC-KR is always read as CP949; GB2312 likewise as its superset GB18030.
"""

from __future__ import annotations

import codecs
import contextlib
import re
from dataclasses import dataclass
from functools import lru_cache

# Read legacy names as the superset the publishers really used.
_SUPERSETS = {
    "euc-kr": "cp949",
    "euc_kr": "cp949",
    "ks_c_5601-1987": "cp949",
    "ksc5601": "cp949",
    "uhc": "cp949",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "us-ascii": "utf-8",
    "latin-1": "cp1252",
    "ascii": "utf-8",
}

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Magic numbers of formats that are certainly not text.
_BINARY_MAGIC = (
    b"\x89PNG",
    b"%PDF",
    b"\x7fELF",
    b"GIF8",
    b"\xff\xd8\xff",
    b"PK\x03\x04",
    b"MZ",
    b"\x00\x00\x01\x00",
    b"RIFF",
    b"\xca\xfe\xba\xbe",
    b"\xcf\xfa\xed\xfe",
    b"7z\xbc\xaf",
    b"BZh",
    b"\xfd7zXZ",
    b"OggS",
    b"ID3",
    b"SQLite format 3",
)


class NotText(ValueError):
    """The bytes are binary, not text in an encoding we read."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


def canonical_encoding(name: str) -> str:
    """The codec we actually decode with for a declared or detected charset name."""
    key = name.strip().lower()
    with contextlib.suppress(LookupError):
        key = codecs.lookup(key).name
    return _SUPERSETS.get(key, key)


def _looks_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: mostly-ASCII text has a NUL in every other byte."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    if odd > half * 0.4 and even < half * 0.05:
        return "utf-16-le"
    if even > half * 0.4 and odd < half * 0.05:
        return "utf-16-be"
    # Text in another script (Korean, Japanese) has NULs only where it has spaces, digits and
    # punctuation: fewer, still all on one side; then its reading must be in a known script.
    for codec, nuls, others in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if nuls > half * 0.05 and others < nuls / 4:
            sample_text = sample[: len(sample) // 2 * 2].decode(codec, errors="replace")
            if len(_PLAUSIBLE.findall(sample_text)) >= 0.95 * len(sample_text):
                return codec
    return None


# What UTF-16 text is made of: ASCII, Latin letters, CJK, kana, hangul and their punctuation.
_PLAUSIBLE = re.compile(
    "[\t\n\r\x20-\x7e\u00a0-\u024f\u2000-\u206f\u3000-\u30ff\u4e00-\u9fff"
    "\uac00-\ud7a3\u3130-\u318f\uff00-\uffef]"
)


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\ufffd]")


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    sample = text[:20000]
    return len(_CONTROL.findall(sample)) / len(sample)


def _check_text(text: str) -> str:
    if _control_ratio(text) > 0.05:
        raise NotText("binary content (control characters)")
    # A stray NUL or other C0 control inside otherwise good text is dropped, not fatal.
    return text.replace("\x00", "")


def decode(data: bytes, declared: str | None = None) -> Decoded:
    """Decode bytes of a text or HTML page. Raises NotText for binary data."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(name)
            except UnicodeDecodeError as exc:
                raise NotText(f"invalid {name} after its byte-order mark") from exc
            return Decoded(_check_text(text), name.replace("-le", "").replace("-be", ""))
    if any(data.startswith(magic) for magic in _BINARY_MAGIC):
        raise NotText("binary file (recognised file signature)")
    utf16 = _looks_utf16(data)
    if utf16:
        try:
            return Decoded(_check_text(data.decode(utf16)), "utf-16")
        except UnicodeDecodeError:
            pass
    # NUL padding after the text (a file cut off by a crash, a fixed-size record) is no
    # content; a few stray NULs inside are dropped; many are a binary file's.
    data = data.rstrip(b"\x00") or data
    head = data[:8192]
    if b"\x00" in head and head.count(b"\x00") > max(8, len(head) // 20):
        raise NotText("binary content (NUL bytes)")
    codec = canonical_encoding(declared) if declared else None
    if codec and codec.replace("_", "-").startswith(("utf-16", "utf-32")):
        codec = None  # bytes a <meta> can be read in are no UTF-16: browsers read UTF-8 then
    if codec and codec != "utf-8" and not _single_byte(codec):
        # A declared multi-byte charset (EUC-KR, Shift_JIS, GB2312) is believed first.
        try:
            return Decoded(_check_text(data.decode(codec)), codec)
        except (UnicodeDecodeError, LookupError):
            pass
    mixed = False  # UTF-8 with stray bytes of another charset
    try:
        return Decoded(_check_text(data.decode("utf-8")), "utf-8")
    except UnicodeDecodeError:
        # UTF-8 with a few broken sequences (a truncated copy, one bad paste) is still UTF-8:
        # reading it as a legacy charset would garble every other non-ASCII letter. Only where
        # the bytes show UTF-8 elsewhere (a letter of two bytes or more read whole): English
        # in Windows-1252 has a stray byte or two too ("minister\x92s"), and nothing else.
        loose = data.decode("utf-8", errors="replace")
        broken = loose.count("\ufffd")
        if broken and broken <= max(2, len(loose) // 100) and not codec and _shows_utf8(loose):
            # The stray bytes are most often Windows-1252's (a paragraph pasted from a legacy
            # page: "wouldn\x92t"): read as such, not lost.
            return _utf8_with_strays(data)
        mixed = _shows_utf8(loose)
    if codec and codec != "utf-8":
        # A single-byte charset ("iso-8859-1", "windows-1251") is declared by many UTF-8 pages
        # (a template's stale <meta>); it is believed only once UTF-8 fails: text in it is
        # almost never valid UTF-8 too.
        try:
            return Decoded(_check_text(data.decode(codec)), codec)
        except (UnicodeDecodeError, LookupError):
            pass
    try:
        return _detect(data)
    except NotText:
        if not mixed:
            raise
        # No one charset fits the whole, and some of it is UTF-8: more stray bytes than a
        # slip, the same reading (text with a paragraph of prose is never refused).
        return _utf8_with_strays(data)


def _utf8_with_strays(data: bytes) -> Decoded:
    return Decoded(_check_text(data.decode("utf-8", errors=_STRAY)), "utf-8")


def _stray_as_cp1252(exc: UnicodeError) -> tuple[str, int]:
    """A codec error handler: bytes that are not UTF-8, read as Windows-1252 (U+FFFD for the
    five bytes it leaves undefined)."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    bad = exc.object[exc.start : exc.end]
    return bad.decode("cp1252", errors="replace"), exc.end


_STRAY = "newsarchive-stray-cp1252"
codecs.register_error(_STRAY, _stray_as_cp1252)


_UTF8_LETTER = re.compile("[^\x00-\x7f\ufffd]")


def _shows_utf8(loose: str) -> bool:
    """Whether text read as UTF-8 (bad bytes replaced) holds a character its bytes encoded
    as UTF-8 does: one outside ASCII that is not a replacement."""
    return _UTF8_LETTER.search(loose) is not None


@lru_cache(maxsize=64)
def _single_byte(codec: str) -> bool:
    """Whether a charset gives one character a byte (Latin, Cyrillic, Greek code pages), as
    against the multi-byte CJK ones."""
    try:
        return len(bytes(range(0x80, 0x100)).decode(codec, errors="replace")) == 0x80
    except LookupError:
        return False


_DECLARED = re.compile(
    rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_:.-]{2,40})", re.IGNORECASE
)
_XML_DECLARED = re.compile(rb"^\s*<\?xml[^>]{0,100}encoding\s*=\s*[\"']([A-Za-z0-9_.-]+)")


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares (<meta charset>, http-equiv, the XML declaration)."""
    head = data[:8192]
    m = _DECLARED.search(head) or _XML_DECLARED.search(head)
    return m.group(1).decode("ascii", "replace") if m else None


# Single-byte code pages of Latin-script languages: the detector tells them apart badly on short
# text (scoring French in Windows-1252 as well as in Central European cp1250, which reads "è"
# as "č"; English as Baltic cp775). The language tells: its Windows code page is the one its
# text was most likely written in.
_LATIN_CODEPAGES = frozenset(
    canonical_encoding(name)
    for name in (
        *("cp1250", "cp1252", "cp1257", "cp1258", "cp775", "cp850", "cp852", "cp858"),
        *("hp_roman8", "mac_roman", "mac_latin2"),
        *(f"iso8859_{n}" for n in (2, 3, 4, 9, 10, 13, 14, 15, 16)),
    )
)
_LANGUAGES_OF = {
    "cp1252": "en fr es de it pt nl da sv no nb nn fi is ca gl eu ga af id ms sw lb fy oc br la",
    "cp1250": "cs sk pl hu hr sl ro bs sq",
    "cp1257": "lt lv",
}
_WINDOWS_CODEPAGE = {tag: page for page, tags in _LANGUAGES_OF.items() for tag in tags.split()}
# The other code pages of each Windows one's languages: a detection among them stands (ISO
# 8859-2 Polish is not cp1250 Polish; their letters sit at other bytes).
_KIN = {
    "cp1252": {"iso8859-15", "cp850", "cp858", "mac-roman", "hp-roman8"},
    "cp1250": {"iso8859-2", "cp852", "mac-latin2", "iso8859-16"},
    "cp1257": {"iso8859-4", "iso8859-13", "cp775"},
}
# What is not the text's words: scripts, styles, tags, entities.
_MARKUP = re.compile(
    r"<(script|style)\b.*?</\1\s*>|<!--.*?-->|<[^>]*>|&#?\w+;", re.IGNORECASE | re.DOTALL
)


def _latin_codepage(data: bytes, detected: str) -> str:
    """The code page of the language the text is in (read as Windows-1252, whose letters are
    enough to tell one Latin-script language from another, its markup left out), else the
    detector's; a detection of another code page of the same languages stands."""
    from .language import identify

    try:
        text = data[:100_000].decode("cp1252")
    except UnicodeDecodeError:
        return detected  # bytes Windows-1252 leaves undefined: not Western text
    words = " ".join(_MARKUP.sub(" ", text).split())
    page = _WINDOWS_CODEPAGE.get(identify(words[:3000])) if words else None
    if page is None or detected == page or detected in _KIN[page]:
        return detected
    return page


_EAST_ASIAN = ("cp932", "euc_jp", "cp949", "big5", "gb18030")
_KANA = re.compile("[\u3040-\u30ff]")
_JAPANESE = re.compile("[\u3040-\u30ff\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]")
_CHINESE = re.compile("[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]")
_SCRIPTS = {
    "cp932": _JAPANESE,
    "euc_jp": _JAPANESE,
    "cp949": re.compile("[\uac00-\ud7a3\u3130-\u318f]"),
    "big5": _CHINESE,
    "gb18030": _CHINESE,
}


def _in_script(text: str, codec: str) -> bool:
    """Whether most of the text outside ASCII is in the scripts the charset is for (and a
    Japanese reading has kana, as Japanese text does)."""
    wide = [c for c in text[:20000] if ord(c) > 0x7F]
    if not wide:
        return False
    ours = len(_SCRIPTS[codec].findall("".join(wide)))
    if codec in ("cp932", "euc_jp") and not _KANA.search(text[:20000]):
        return False
    return ours >= 0.9 * len(wide)


def _detect(data: bytes) -> Decoded:
    from charset_normalizer import from_bytes

    results = from_bytes(data[:200_000])
    best = results.best()
    if best is None or best.encoding is None:
        # The detector gives up on short East Asian texts; a legacy charset they decode in
        # without an error, into its own script, is theirs.
        for codec in _EAST_ASIAN:
            with contextlib.suppress(UnicodeDecodeError, NotText):
                text = data.decode(codec)
                if _in_script(text, codec):
                    return Decoded(_check_text(text), codec)
        raise NotText("binary content (no text encoding fits)")
    codec = canonical_encoding(best.encoding)
    if codec == "gb18030" and _KANA.search(str(best)):
        # Kana sit at the same codes in GB2312 as in EUC-JP, the kanji elsewhere: Japanese
        # in EUC-JP read as Chinese keeps its kana and loses its kanji.
        with contextlib.suppress(UnicodeDecodeError):
            return Decoded(_check_text(data.decode("euc_jp")), "euc_jp")
    if codec in _LATIN_CODEPAGES:
        codec = _latin_codepage(data, codec)
    try:
        text = data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        text = data.decode(codec, errors="replace")
    return Decoded(_check_text(text), codec)


# UTF-8 read as Latin-1 or Windows-1252 somewhere upstream ("GÃ¤rten", "itâ€™s"): common in
# pages copied or saved through a misconfigured tool. Cheap to spot, repaired with ftfy.
_MOJIBAKE = re.compile(
    "[ÃÂ][\u0080-\u00bf\u00c0-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u02c6\u02dc\u2013-\u203a\u20ac\u2122]|â€"
    # The same read as Latin-1 rather than Windows-1252: "—" is "â" and two C1 controls.
    "|â[\u0080-\u009f]"
)


def repair_mojibake(text: str) -> str:
    """Text with doubly-encoded UTF-8 repaired; other text (and other mojibake) unchanged."""
    head = text[:50000]
    if ("Ã" not in head and "Â" not in head and "â" not in head) or len(
        _MOJIBAKE.findall(head)
    ) < 3:
        return text
    import ftfy

    # Copying a page turns its no-break spaces into spaces, and "à" (C3 A0) read as Latin-1 is
    # "Ã" and a no-break space: put the no-break space back so the pair can be repaired.
    # Line by line: ftfy judges a whole string at once, and one line it cannot repair (a sign
    # typed as such beside the garbled text) would keep it from repairing the others.
    return "\n".join(
        str(ftfy.fix_encoding(line.replace("Ã ", "Ã\u00a0"))) for line in text.split("\n")
    )
