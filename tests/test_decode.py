from __future__ import annotations

import codecs

import pytest

from newsarchive.parse.decode import NotText, canonical_encoding, decode

KOREAN = "서울의 아파트 값이 올 들어 가장 높은 폭으로 상승했습니다. 똠방각하 " * 5


def test_utf8_with_and_without_bom() -> None:
    assert decode("héllo".encode()).encoding == "utf-8"
    bom = decode(codecs.BOM_UTF8 + "héllo".encode())
    assert (bom.text, bom.encoding) == ("héllo", "utf-8")


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16(codec: str) -> None:
    text = "Korean won hits 5-year high against dollar. 한국어"
    data = text.encode(codec)
    if codec != "utf-16":
        data = data  # no BOM: detected from the NUL pattern
    decoded = decode(data)
    assert decoded.text == text
    assert decoded.encoding == "utf-16"


def test_cp949_detected_from_bytes() -> None:
    # "똠" is outside EUC-KR proper: only CP949 reads it, which is why EUC-KR is read as CP949.
    decoded = decode(KOREAN.encode("cp949"))
    assert decoded.text == KOREAN
    assert decoded.encoding == "cp949"


def test_declared_euc_kr_reads_as_cp949() -> None:
    assert canonical_encoding("EUC-KR") == "cp949"
    assert canonical_encoding("gb2312") == "gb18030"
    assert decode(KOREAN.encode("cp949"), declared="euc-kr").text == KOREAN


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n" + bytes(range(256)),
        b"%PDF-1.7\n" + bytes(200),
        b"\x7fELF" + bytes(100),
        bytes(range(256)) * 4,
    ],
)
def test_binary_is_refused(data: bytes) -> None:
    with pytest.raises(NotText):
        decode(data)


def test_a_stray_nul_is_dropped() -> None:
    assert decode(b"Headline\x00 here and some text").text == "Headline here and some text"


def test_doubly_encoded_utf8_is_repaired_and_other_text_left_alone() -> None:
    from newsarchive.parse.decode import repair_mojibake

    garbled = "Warum Ambrosia in GÃ¤rten zur Bedrohung wird â€“ und fÃ¼r Allergiker gefÃ¤hrlich ist"
    assert repair_mojibake(garbled) == (
        "Warum Ambrosia in Gärten zur Bedrohung wird – und für Allergiker gefährlich ist"
    )
    # Korean legacy mojibake (a CP949-misread quote) is not this kind and stays as printed.
    assert repair_mojibake("Yoon뭩 said Ã") == "Yoon뭩 said Ã"


def test_mojibake_whose_no_break_spaces_were_copied_as_spaces() -> None:
    from newsarchive.parse.decode import repair_mojibake

    # "đàn ông dài" as UTF-8 read as Windows-1252, then copied: the no-break space that
    # "à" (C3 A0) became turned into a plain space.
    original = "Người đàn ông đau bụng kéo dài, nghĩ bị rối loạn tiêu hóa thông thường."
    garbled = original.encode("utf-8").decode("cp1252", errors="replace").replace("\xa0", " ")
    repaired = repair_mojibake(garbled)
    assert "đàn ông" in repaired and "kéo dài" in repaired


def test_mojibake_is_repaired_line_by_line() -> None:
    from newsarchive.parse.decode import repair_mojibake

    # A line typed correctly ("ĩ", "€") beside garbled ones must not stop their repair.
    original = "Bác sĩ đánh giá bệnh nhân nhiều dấu hiệu bất thường."
    garbled = original.encode("utf-8").decode("latin-1")
    assert repair_mojibake(f"{garbled}\nGiá: 5 € – ĩ nguyên văn\n{garbled}") == (
        f"{original}\nGiá: 5 € – ĩ nguyên văn\n{original}"
    )


def test_utf8_read_as_latin1_is_repaired() -> None:
    from newsarchive.parse.decode import repair_mojibake

    # Read as Latin-1, not Windows-1252: "—" and "’" become "â" and two C1 controls.
    original = "Nearly a third — 31% — of new investors didn’t ask an adviser."
    garbled = original.encode("utf-8").decode("latin-1")
    assert repair_mojibake(garbled) == original


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        (
            "Le gouvernement a annoncé mercredi un plan pour réduire les émissions de carbone, "
            "selon le ministère. La réforme entre en vigueur à la rentrée.",
            "cp1252",
        ),
        (
            "El gobierno anunció el miércoles un plan para reducir las emisiones, según informó "
            "el ministerio. El señor ministro habló con la prensa.",
            "cp1252",
        ),
        (
            "Die Bundesregierung hat am Mittwoch einen Entwurf für das Gesetz vorgelegt, das die "
            "Rechte der Mieter stärken soll. Große Kritik kam von den Verbänden.",
            "cp1252",
        ),
        (
            "Rząd przyjął we wtorek projekt ustawy o szkołach, który przedstawił minister "
            "edukacji. Polska ma nowy plan dla uczniów i nauczycieli.",
            "cp1250",
        ),
        (
            "Vláda v úterý schválila návrh zákona o školách, který předložil ministr školství. "
            "Česká republika má nový plán. Žádné změny nebudou.",
            "cp1250",
        ),
        (
            "Il governo ha approvato martedì il disegno di legge sulle scuole, presentato dal "
            "ministro. La città avrà un nuovo piano perché è necessario.",
            "cp1252",
        ),
        (
            "O governo aprovou na terça-feira o projeto de lei sobre as escolas, apresentado "
            "pelo ministro. A cidade terá um novo plano de ação.",
            "cp1252",
        ),
        ("The café on the corner said its naïve résumé policy would change next week.", "cp1252"),
        (
            "A kormány kedden elfogadta az iskolákról szóló törvényjavaslatot, amelyet az "
            "oktatási miniszter terjesztett elő. A főváros új tervet kapott.",
            "cp1250",
        ),
        (
            "Правительство во вторник одобрило законопроект о школах, который представил "
            "министр образования. Новый план вступит в силу осенью.",
            "cp1251",
        ),
    ],
)
def test_legacy_single_byte_text_reads_as_written(text: str, codec: str) -> None:
    # The detector scores Western text in Windows-1252 as well as (or better than) in Central
    # European cp1250 or Baltic cp775, which turn "è", "ñ", "ì" into "č", "ń", "ě": the text's
    # language chooses among the Latin code pages. Hungarian "ő" stays cp1250's.
    decoded = decode(text.encode(codec))
    assert decoded.text == text


def test_the_language_is_read_from_the_text_not_the_markup() -> None:
    # A Czech page in cp1250 that declares no charset, its head full of English-looking script:
    # the script must not make it "English", and so Windows-1252 ("ř" read as "ø").
    czech = (
        "Vláda v úterý schválila návrh zákona o školách, který předložil ministr školství. "
        "Česká republika má nový plán. Žádné změny nebudou."
    )
    script = (
        "<script>var menu = document.getElementById('navigation'); function openMenu() { "
        "menu.className = 'open visible active'; window.scrollTo(0, 0); }</script>"
    )
    page = (
        f"<html><head>{script * 6}<style>.header {{ color: red; background: white; }}</style>"
        f"</head><body><p>{czech}</p><p>{czech}</p></body></html>"
    )
    assert czech in decode(page.encode("cp1250")).text


def test_another_code_page_of_the_same_languages_stands() -> None:
    polish = (
        "Rząd przyjął we wtorek projekt ustawy o szkołach, który przedstawił minister edukacji. "
        "Polska ma nowy plan dla uczniów i nauczycieli. Źródło: ministerstwo, środa."
    )
    decoded = decode(polish.encode("iso8859-2"))
    assert (decoded.encoding, decoded.text) == ("iso8859-2", polish)


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (b"The minister\x92s plan was approved on Monday, officials said.", "minister’s plan"),
        (
            b"He called it \x93a fair deal\x94 \x96 and left." + b" More words follow." * 20,
            "“a fair deal” –",
        ),
        ("Das Café öffnet am Montag. ".encode() * 20 + b"\xff", "Café öffnet"),
    ],
)
def test_a_stray_legacy_byte_is_no_broken_utf8(data: bytes, text: str) -> None:
    """Windows-1252 English with a curly quote or two is read as Windows-1252; UTF-8 with a
    broken byte (a truncated copy) stays UTF-8, its letters whole."""
    assert text in decode(data).text


@pytest.mark.parametrize("declared", ["windows-1251", "koi8-r", "iso-8859-2", "windows-1250"])
def test_a_stale_single_byte_declaration_gives_way_to_valid_utf8(declared: str) -> None:
    """A template's old <meta charset> over a page saved in UTF-8: text in a single-byte
    charset is almost never valid UTF-8, so valid UTF-8 is what the page is."""
    text = "Городской совет одобрил маршрут. Rada zatwierdziła nową trasę."
    page = f'<html><head><meta charset="{declared}"></head><body><p>{text}</p>'.encode()
    assert text in decode(page, declared=declared).text


def test_a_utf16_declaration_on_bytes_a_meta_can_be_read_in_is_utf8() -> None:
    page = '<meta charset="utf-16"><p>Harbour café opens</p>'.encode()
    assert "café" in decode(page, declared="utf-16").text


def test_utf8_with_some_windows_1252_pasted_in_keeps_both() -> None:
    data = "Café owner Zoë wins “best pastry”. ".encode() * 3 + b"It wouldn\x92t close. " * 4
    decoded = decode(data)
    assert decoded.encoding == "utf-8"
    assert "Zoë wins “best pastry”" in decoded.text and "wouldn’t close" in decoded.text


def test_nul_padding_after_the_text_and_a_few_stray_nuls_are_no_binary() -> None:
    text = "The lighthouse keeper retired after forty years on the island. " * 15
    assert decode(text.encode() + b"\x00" * 4096).text.startswith("The lighthouse")
    sprinkled = text.encode().replace(b"island.", b"island.\x00")
    assert "\x00" not in decode(sprinkled).text
    with pytest.raises(NotText):
        decode(b"\x00\x01\x02\x03text" * 400)


JAPANESE = (
    "港湾議会、新しいフェリー航路を承認\n\n"
    "市議会は4日、旧港と北の島々を結ぶ新しいフェリー航路を承認した。"
)


@pytest.mark.parametrize("codec", ["shift_jis", "euc_jp"])
def test_short_japanese_in_a_legacy_charset_is_read(codec: str) -> None:
    """The detector gives up on (or takes for Chinese) a short Japanese text without a
    declaration: its legacy charset is found by its kana and kanji."""
    decoded = decode(JAPANESE.encode(codec))
    assert decoded.text == JAPANESE


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_korean_utf16_without_a_bom_is_read(codec: str) -> None:
    text = (
        "부산시, 새 여객선 항로 승인\n\n입력 2025-03-04 10:12\n\n"
        "부산시의회는 4일 새 항로를 승인했다."
    )
    assert decode(text.encode(codec)).text == text
