"""The reader for names and bylines (parse/names.py), on bylines written for these tests."""

from __future__ import annotations

import pytest

from newsarchive.parse.names import (
    broadcast_reporter,
    byline_part,
    is_person,
    names_in,
    read_byline,
    split_trailing_byline,
    wire_byline,
)
from newsarchive.record import Author


@pytest.mark.parametrize(
    ("line", "authors", "emails"),
    [
        (
            "부산=한지민 특파원 jimin@example.kr",
            [Author("한지민", "jimin@example.kr", "correspondent", "부산")],
            ["jimin@example.kr"],
        ),
        (
            "Min-Seo Yoon minseo@example.com",
            [Author("Min-Seo Yoon", "minseo@example.com")],
            ["minseo@example.com"],
        ),
        (
            "/정다은인턴기자 daeun@example.kr",
            [Author("정다은", "daeun@example.kr", "intern reporter")],
            ["daeun@example.kr"],
        ),
        (
            "ABC 윤서준 (seojun@example.kr)",
            [Author("윤서준", "seojun@example.kr")],
            ["seojun@example.kr"],
        ),
        (
            "강하늘 기자 (sky@example.kr)",
            [Author("강하늘", "sky@example.kr", "reporter")],
            ["sky@example.kr"],
        ),
        ("(desk@example.com)", [], ["desk@example.com"]),
        ("By Maria Lopez and Tom Reed", [Author("Maria Lopez"), Author("Tom Reed")], []),
        ("Written by Nora Feld", [Author("Nora Feld")], []),
        ("Kolumne von Jens Brandt", [Author("Jens Brandt")], []),
        ("Ein Kommentar von Anna Weber", [Author("Anna Weber")], []),
        ("문가람 기자", [Author("문가람", None, "reporter")], []),
        ("ByLena Park", [Author("Lena Park")], []),
        # One name and one address, but someone else is named before the address: not the
        # author's (a contributor's, a photographer's).
        ("Jane Roe, with Omar Haddad omar@example.com", [Author("Jane Roe")], ["omar@example.com"]),
        (
            "김민수 기자·사진 이지은 jieun@example.kr",
            [Author("김민수", None, "reporter")],
            ["jieun@example.kr"],
        ),
        # Chinese bylines in brackets, and where the reporter filed from after a slash.
        ("（本报记者 张伟）", [Author("张伟")], []),
        ("記者陳美玲／台北報導", [Author("陳美玲", None, None, "台北")], []),
        (
            "記者陳美玲、王大明／台北報導",
            [Author("陳美玲", None, None, "台北"), Author("王大明", None, None, "台北")],
            [],
        ),
        # Arabic "كتب:" (wrote), Greek signing in the genitive, Swahili "Na" (by) before a name
        # of two words; alone before one word "Na" is a surname.
        ("كتب: أحمد محمود", [Author("أحمد محمود")], []),
        ("Του Γιώργου Παπαδόπουλου", [Author("Γιώργου Παπαδόπουλου")], []),
        ("By Na Jeong-ju", [Author("Na Jeong-ju")], []),
        ("By Na Young Lee and Tom Reed", [Author("Na Young Lee"), Author("Tom Reed")], []),
        # A Japanese paper's dateline, an equals sign, then the reporters.
        (
            "ニューヨーク＝鈴木一郎、田中美咲",
            [
                Author("鈴木一郎", None, None, "ニューヨーク"),
                Author("田中美咲", None, None, "ニューヨーク"),
            ],
            [],
        ),
        ("【ワシントン＝山田太郎】", [Author("山田太郎", None, None, "ワシントン")], []),
        # A label with its colon before several names: every name is read, the first too.
        (
            "Текст: Иван Петров, Ольга Смирнова",
            [Author("Иван Петров"), Author("Ольга Смирнова")],
            [],
        ),
        ("Words: Jane Roe and John Doe", [Author("Jane Roe"), Author("John Doe")], []),
        (
            "Auteurs : Marie Dupont, Jean Martin",
            [Author("Marie Dupont"), Author("Jean Martin")],
            [],
        ),
    ],
)
def test_read_byline(line: str, authors: list[Author], emails: list[str]) -> None:
    byline = read_byline(line)
    assert byline is not None
    assert byline.authors == authors
    assert byline.emails == emails


@pytest.mark.parametrize(
    "line",
    [
        "▷ 이메일 : tips@example.kr",
        "Contact newsroom@example.com for more information.",
        "Copyright 2024 example.com. All rights reserved.",
        "최유리 앵커>",
        "The company said it sold 228,000 electric vehicles by August.",
        "Wire Staff",
        "입력 2024.03.21 (10:42) 수정 2024.03.21 (11:02)",
        "価格＝1000円",  # an equals sign without names after it
        "米大統領選＝トランプ氏が勝利",
        "【ワシントン＝共同】",  # a wire agency signs, no reporter
        "北京＝新華社",
        "Texte: La loi a été adoptée",  # a label, then a sentence
        "Words: the committee met today",
    ],
)
def test_not_a_byline_with_authors(line: str) -> None:
    byline = read_byline(line)
    assert byline is None or not byline.authors


def test_a_sentence_that_opens_with_the_reporter_is_no_byline() -> None:
    assert read_byline("记者从市交通局获悉") is None
    assert read_byline("记者 周晓明") is not None


def test_team_byline_has_no_authors() -> None:
    byline = read_byline("예시일보 디지털뉴스팀 news@example.kr")
    assert byline is not None and byline.authors == []


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("By Jane Roe and John Doe, Staff Writers", ["Jane Roe", "John Doe"]),
        ("· by Ada Kern · Updated on 8 January 2026", ["Ada Kern"]),
        ("Omar Haddad | Senior Writer | July 2, 2025", ["Omar Haddad"]),
        ("bySara Lind", ["Sara Lind"]),
        ("Written by: Ana García-López", ["Ana García-López"]),
        ("Ruth Amsel, Parliamentary editor", ["Ruth Amsel"]),
        ("Written by: Ben Ito, Senior AnalystUpdated Sep 17, 2025", ["Ben Ito"]),
        ("By Ida Bloom In Travel, Travel Tips, City Guides", ["Ida Bloom"]),
        ("By Jane Roe for the Daily Bugle", ["Jane Roe"]),  # the outlet she wrote for
        ("BY JANE ROE FOR THE DAILY BUGLE ONLINE", ["JANE ROE"]),
        ("Article rédigé par Claire Dubois", ["Claire Dubois"]),
        ("Ursula von der Heide", ["Ursula von der Heide"]),
        ("By the Garden Team", ["the Garden Team"]),
        ("Posted by admin on March 3, 2021", []),
        ("Write: 2020-02-03 09:15:27Update: 2020-02-03 12:01:09", []),
        ("Lena Park, Tom Reed und Jana Weiss", ["Lena Park", "Tom Reed", "Jana Weiss"]),
        ("* For the full story, please click", []),  # a bullet before a capital is no name
        # A weekday's short name before a date is the date's, after a name of two words...
        ("Heiko Brand Do 9 Apr 2020", ["Heiko Brand"]),
        ("Par Jean Dupont lun. 3 mars 2025", ["Jean Dupont"]),
        # ...but a one-word name before it keeps it: it may be the surname.
        ("By Minh Do 4 March 2024", ["Minh Do"]),
        ("By Minh Do March 4, 2024", ["Minh Do"]),
        # An avatar's text and its link print the name twice in a row.
        ("Written by: Tom Hale Tom Hale", ["Tom Hale"]),
        ("Lena Park Lena Park", ["Lena Park"]),
        ("Anna Anna Berger", ["Anna Anna Berger"]),
        # A name never runs over a line break: the next line is a button or a section.
        ("By R. T. Vale\nRead The Print Edition", ["R. T. Vale"]),
        ("By\nJane Roe", ["Jane Roe"]),
        # A Chinese reporter's label, spaced or not.
        ("记者 周晓明", ["周晓明"]),
        ("本报记者王伟", ["王伟"]),
        # A beat between the name and the title: "North of England correspondent".
        ("Tom Ashby North of England correspondent", ["Tom Ashby"]),
        ("更新）", []),  # a label's bracket is no part of a name
        # Date labels in every language dates.py reads end the names before them.
        ("Автор: Иван Петров Опубликовано: 15 марта 2024", ["Иван Петров"]),
        ("Penulis: Budi Santoso Diterbitkan: 15 Maret 2024", ["Budi Santoso"]),
        ("الكاتب: أحمد علي تاريخ النشر: 15 مارس 2024", ["أحمد علي"]),
        ("김철수 입력 2024.03.15 14:30", ["김철수"]),
        # A Japanese desk before the name, spaced from it.
        ("（経済部　佐藤花子）", ["佐藤花子"]),
        ("社会部 山田太郎記者", ["山田太郎"]),
        ("阿部 寛", ["阿部 寛"]),  # a surname ending as a desk does
        ("小室 哲哉", ["小室 哲哉"]),
    ],
)
def test_names_in(text: str, names: list[str]) -> None:
    assert [a.name for a in names_in(text)] == names


@pytest.mark.parametrize(
    ("name", "person"),
    [
        ("Jane Roe", True),
        ("viktor holm", True),
        ("한지민", True),
        ("입력", False),  # a date label, not a name
        ("Reuters Staff", False),
        ("AFP", False),
        ("admin", False),
        ("Please type your name here", False),
        ("Jane Roe 2024", False),
        ("* Jane", False),
        ("Order Today!", False),  # a button
        ("Topics: Harbour", False),  # a label and its value
        ("GardenToolsPlantsSeeds", False),  # a menu's words run together
        ("Redação Curitiba Agora", False),  # a newsroom, in Portuguese (Italian, Dutch, ...)
        ("Redazione Roma", False),
        ("Gift Article", False),  # a button
        ("Anna McKay", True),
        ("DeShawn Lee", True),
        ("Nguyễn Minh Nhật", True),  # "Nhật" is a given name
        ("Cập Nhật", False),  # ... and "cập nhật" a label: updated
        ("Selasa", False),  # a date line's weekday, alone
        ("Plácido Domingo", True),  # ... beside another name, a name
        ("中文", False),  # a language edition's link
        ("한국어", False),
        ("English", False),
    ],
)
def test_is_person(name: str, person: bool) -> None:
    assert is_person(name) is person


@pytest.mark.parametrize(
    ("text", "authors"),
    [
        # Where the reporter filed from: a place after "in" or "from", a place of two words
        # after a comma (shaped like a name, it is none), a Taiwanese paper's "CITY報導".
        ("By Jane Roe in Kyiv", [Author("Jane Roe", None, None, "Kyiv")]),
        ("By Ana Lucia in Rio de Janeiro", [Author("Ana Lucia", None, None, "Rio de Janeiro")]),
        ("Written by Max Mustermann from Berlin", [Author("Max Mustermann", None, None, "Berlin")]),
        (
            "By Jane Roe and Tom Reed, New York",
            [
                Author("Jane Roe", None, None, "New York"),
                Author("Tom Reed", None, None, "New York"),
            ],
        ),
        ("Por Carlos Silva — São Paulo", [Author("Carlos Silva", None, None, "São Paulo")]),
        ("By Jane Roe, Tom Reed", [Author("Jane Roe"), Author("Tom Reed")]),
        ("記者陳美玲／台北報導 2024/03/15 10:20", [Author("陳美玲", None, None, "台北")]),
        ("By Jane Roe from The Daily Bugle", [Author("Jane Roe")]),  # an outlet, no place
    ],
)
def test_where_a_reporter_filed_from_is_the_dateline(text: str, authors: list[Author]) -> None:
    assert names_in(text) == authors


def test_trailing_byline_is_split_off() -> None:
    body, byline = split_trailing_byline("7백12.40원에 마감됐다.〈金民秀기자〉")
    assert body == "7백12.40원에 마감됐다."
    assert byline is not None and byline.authors == [Author("金民秀", None, "reporter")]


def test_trailing_credit_is_split_off() -> None:
    body, byline = split_trailing_byline(
        "Shares closed higher. (Reporting by Ana Ruiz; Editing by Tom Reed)"
    )
    assert body == "Shares closed higher."
    assert byline is not None and [a.name for a in byline.authors] == ["Ana Ruiz"]


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("경제 소식 문가람 기자가 보도합니다.", "문가람"),
        ("ABC 뉴스 문가람입니다.", "문가람"),
        ("보도에 한지민 기자입니다.", "한지민"),
        ("서울의 아파트 값이 올랐습니다.", None),
    ],
)
def test_broadcast_reporter(line: str, name: str | None) -> None:
    author = broadcast_reporter(line)
    assert (author.name if author else None) == name


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Edited by Tom Reed", []),
        ("By Ada Kern. Reviewed by Tom Reed, MD", ["Ada Kern"]),
        ("Written by Lena Park | Edited by Ida Bloom", ["Lena Park"]),
        ("Photos by Jana Berger", []),
        ("Fri, 19th Dec 2025", []),
        ("By Ida Bloom, Senior Review Analyst", ["Ida Bloom"]),
        ("Shelia Park, Northfield University", ["Shelia Park"]),
    ],
)
def test_editors_weekdays_and_institutions_are_not_authors(text: str, names: list[str]) -> None:
    assert [a.name for a in names_in(text)] == names


@pytest.mark.parametrize(
    ("text", "authors"),
    [
        ("By Jane Roe, Staff Reporter", [Author("Jane Roe", None, "Staff Reporter")]),
        ("Jane Roe Senior Writer", [Author("Jane Roe", None, "Senior Writer")]),
        (
            "By Jane Roe | Foreign Correspondent",
            [Author("Jane Roe", None, "Foreign Correspondent")],
        ),
        (
            "By Jane Roe and John Doe, Staff Writers",
            [Author("Jane Roe", None, "Staff Writers"), Author("John Doe", None, "Staff Writers")],
        ),
        (
            "By Jane Roe, Editor, and John Doe",
            [Author("Jane Roe", None, "Editor"), Author("John Doe")],
        ),
        ("By Jane Roe, The Example Times", [Author("Jane Roe")]),
        (
            "By Jane Roe, Chief Political Correspondent",
            [Author("Jane Roe", None, "Chief Political Correspondent")],
        ),
        ("By Jane Roe, Editor-in-Chief", [Author("Jane Roe", None, "Editor-in-Chief")]),
        (
            "By Jane Roe, Foreign Correspondent in Beijing",
            [Author("Jane Roe", None, "Foreign Correspondent in Beijing")],
        ),
        ("By Jane Roe, Editor in Chief", [Author("Jane Roe", None, "Editor in Chief")]),
        (
            "By Jane Roe, Political Editor at the Example Times",
            [Author("Jane Roe", None, "Political Editor")],
        ),
        ("By Jane Roe, Staff Writer @janeroe", [Author("Jane Roe", None, "Staff Writer")]),
        # A title followed by more is a label, a section or a body, no one's role.
        ("Reporter: Jane Roe | Editor: John Doe", [Author("Jane Roe")]),
        ("By Jane Roe | Editor's Picks", [Author("Jane Roe")]),
        ("By Jane Roe, Writers Guild of America", [Author("Jane Roe")]),
    ],
)
def test_a_job_title_printed_with_a_name_is_its_role(text: str, authors: list[Author]) -> None:
    assert names_in(text) == authors


@pytest.mark.parametrize(
    ("line", "role"),
    [
        ("By Peter Lindqvist, Nordic Correspondent", "Nordic Correspondent"),
        ("By Jane Roe, Asia Editor", "Asia Editor"),
        ("By Jane Roe, Staff Writer", "Staff Writer"),
        ("By Anna Martel, Nairobi", None),
    ],
)
def test_a_beat_or_region_before_a_title_is_part_of_the_role(line: str, role: str | None) -> None:
    byline = read_byline(line)
    assert byline is not None and len(byline.authors) == 1
    assert byline.authors[0].role == role


@pytest.mark.parametrize(
    ("line", "names", "part"),
    [
        ("김민수 기자 입력 2024.12.03 10:12 수정 2024.12.03 15:40", ["김민수"], "김민수 기자"),
        ("By Jane Roe Published on March 3, 2024", ["Jane Roe"], "By Jane Roe"),
        ("von Anna Berger · Veröffentlicht am 8. Mai 2021", ["Anna Berger"], "von Anna Berger"),
        ("March 3, 2024 By Jane Roe", ["Jane Roe"], "March 3, 2024 By Jane Roe"),
    ],
)
def test_the_byline_is_the_line_less_its_dates(line: str, names: list[str], part: str) -> None:
    assert byline_part(line, names) == part


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("김철수·박영희·최민준 기자", ["김철수", "박영희", "최민준"]),
        ("김철수, 박영희 기자", ["김철수", "박영희"]),
        ("김철수 기자·박영희 기자", ["김철수", "박영희"]),
        ("경제부·김철수 기자", ["김철수"]),  # a desk is no person
        ("사진·글 김철수 기자", ["김철수"]),
        ("사진·최지훈 기자", ["최지훈"]),  # the photo is his too: no reporter named 사진
        ("정리·김철수 기자", ["김철수"]),
        ("서울시는, 김철수 기자", ["김철수"]),
        ("山田太郎、佐藤花子", ["山田太郎", "佐藤花子"]),
    ],
)
def test_names_that_share_one_role_or_a_cjk_comma(line: str, names: list[str]) -> None:
    assert [a.name for a in names_in(line)] == names


@pytest.mark.parametrize(
    ("host", "domain"),
    [
        ("english.donga.com", "donga.com"),
        ("www.bbc.co.uk", "bbc.co.uk"),
        ("example.com:8080", "example.com"),
        # A platform's sites are each their own.
        ("citypolicy.substack.com", "citypolicy.substack.com"),
        ("www.substack.com", "substack.com"),
        ("a.b.blogspot.com", "b.blogspot.com"),
        ("foo.blogspot.co.uk", "foo.blogspot.co.uk"),
        ("alice.blog.fc2.com", "alice.blog.fc2.com"),
        # An address given as an IP is its own site: 1.2.3.4 and 5.6.3.4 are not one "3.4".
        ("1.2.3.4", "1.2.3.4"),
        ("1.2.3.4:8080", "1.2.3.4"),
        ("[2001:db8::1]:443", "2001:db8::1"),
        ("2001:db8::1", "2001:db8::1"),
    ],
)
def test_the_site_of_a_host(host: str, domain: str) -> None:
    from newsarchive.parse.sources import registered_domain

    assert registered_domain(host) == domain


@pytest.mark.parametrize(
    ("opening", "names", "role"),
    [
        ("(서울=통신사) 홍길동 김철수 기자 = 정부가 5일 밝혔다.", ["홍길동", "김철수"], "reporter"),
        ("【서울=통신사】홍길동 기자 = 정부는", ["홍길동"], "reporter"),
        ("[부산=통신사] 김민수·이수진 기자 = 시는", ["김민수", "이수진"], "reporter"),
        ("(워싱턴=통신사) 김민수 특파원 = 미국 정부는", ["김민수"], "correspondent"),
        ("(서울=통신사) 정부가 5일 밝혔다.", [], None),
        ("홍길동 기자 = 정부가 5일 밝혔다.", [], None),  # no dateline: not this convention
    ],
)
def test_a_korean_wire_opening_names_its_reporters(
    opening: str, names: list[str], role: str | None
) -> None:
    byline = wire_byline(opening)
    if not names:
        assert byline is None
        return
    assert byline is not None
    assert [a.name for a in byline.authors] == names
    assert {a.role for a in byline.authors} == {role}
    assert byline.text.endswith(("기자", "특파원"))


@pytest.mark.parametrize(
    ("name", "person"),
    [
        ("山田太郎", True),
        ("山田 太郎", True),
        ("山田さくら", True),  # a given name in hiragana comes last
        ("山田 まこと", True),  # and may end in a particle's letter
        ("さくらももこ", True),
        ("ウラジーミル・プーチン", True),
        ("ドナルド・トランプ", True),
        ("日本海側を中心に降り続いている雪の影響で", False),  # a clause
        ("また", False),  # a word of the sentence
        ("気象台は", False),  # a subject, with its particle
        ("線路の除雪", False),
        ("鉄道会社によりますと", False),
        ("見合わせています。", False),
    ],
)
def test_a_japanese_name_is_a_few_characters_never_a_clause(name: str, person: bool) -> None:
    assert is_person(name) is person


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("山田太郎記者", Author("山田太郎", None, "reporter")),
        ("田中花子特派員", Author("田中花子", None, "correspondent")),
        ("佐々木太郎記者", Author("佐々木太郎", None, "reporter")),
        ("山田さくら記者", Author("山田さくら", None, "reporter")),
        ("記者 王小明", Author("王小明", None, None)),  # a Chinese label, before the name
    ],
)
def test_a_japanese_title_after_the_name_is_its_role(byline: str, expected: Author) -> None:
    assert names_in(byline) == [expected]


@pytest.mark.parametrize(
    ("byline", "name"),
    [
        ("بقلم أحمد العلي", "أحمد العلي"),  # Arabic: "by the pen of"
        ("โดย สมชาย ใจดี", "สมชาย ใจดี"),  # Thai
        ("लेखक: राहुल शर्मा", "राहुल शर्मा"),  # Hindi: "author:"
        ("Oleh: Budi Santoso", "Budi Santoso"),  # Indonesian
        ("Phóng viên: Trần Thị Mai", "Trần Thị Mai"),  # Vietnamese: "reporter:"
        ("خبرنگار: علی رضایی", "علی رضایی"),  # Persian: "reporter:"
        ("Mwandishi Wetu: Amina Wanjiku", "Amina Wanjiku"),  # Swahili: "our writer:"
        ("Haber: Ayşe Yılmaz", "Ayşe Yılmaz"),  # Turkish: "news:"
        ("מאת: דנה כהן", "דנה כהן"),  # Hebrew: "by:"
        ("撰文：林志強", "林志強"),  # Chinese: "written by:"
    ],
)
def test_by_words_in_more_scripts(byline: str, name: str) -> None:
    found = read_byline(byline)
    assert found is not None and [a.name for a in found.authors] == [name]


@pytest.mark.parametrize("byline", ["共同通信記者", "中央社記者"])
def test_an_agency_signing_as_reporter_is_no_person(byline: str) -> None:
    assert names_in(byline) == []


def test_a_sentence_opening_with_a_by_word_is_no_byline() -> None:
    assert read_byline("Oleh karena itu") is None  # Indonesian: "therefore"


@pytest.mark.parametrize("line", ["שתפו בפייסבוק", "Paylaş", "Δημοσίευση", "Yayınlanma"])
def test_share_buttons_and_date_labels_in_more_languages_are_no_names(line: str) -> None:
    assert names_in(line) == []


@pytest.mark.parametrize("line", ["الخميس", "Jumatano", "م"])
def test_weekdays_and_single_letters_are_no_names(line: str) -> None:
    assert not is_person(line)


@pytest.mark.parametrize(
    ("byline", "name", "dateline"),
    [
        ("이지은 경제부 기자", "이지은", None),  # the desk between the name and the role
        ("서울=홍길동 사회부 기자", "홍길동", "서울"),
        ("박지성 디지털뉴스팀 기자", "박지성", None),
    ],
)
def test_a_korean_desk_between_name_and_role(byline: str, name: str, dateline: str | None) -> None:
    assert names_in(byline) == [Author(name, None, "reporter", dateline)]


def test_a_korean_desk_alone_is_no_reporter() -> None:
    assert names_in("디지털뉴스팀 기자") == [] and names_in("경제부 기자") == []
