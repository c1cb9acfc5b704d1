"""HTML parsing: metadata, headline choice, authors, dates, decoding and the body rules."""

from __future__ import annotations

import numpy as np
import pytest

from newsarchive.errors import NotAnArticle
from newsarchive.parse import parse_bytes
from newsarchive.parse.decode import declared_charset, decode
from newsarchive.parse.html.dom import parse_document
from newsarchive.parse.html.metadata import parse_iso, read_metadata
from newsarchive.parse.names import names_in

PARAGRAPHS = "".join(
    f"<p>Paragraph {i} of the article says something long enough to be prose, with commas, "
    f"clauses and a full stop at its end.</p>"
    for i in range(6)
)


def page(head: str = "", body: str = "", lang: str = "en") -> bytes:
    return (
        f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'>{head}</head>"
        f"<body>{body}</body></html>"
    ).encode()


def test_jsonld_inside_graph_wins_and_entities_are_decoded() -> None:
    head = (
        '<script type="application/ld+json">{"@graph": [{"@type": "WebPage", "name": "Site"},'
        '{"@type": "NewsArticle", "headline": "Caf&eacute; closes &amp; reopens",'
        '"datePublished": "2024-05-03T15:47:42+02:00", "dateModified": "2024-05-04T08:00:00Z",'
        '"author": [{"@type": "Person", "name": "Jane Roe"}, {"@type": "Organization",'
        '"name": "Reuters"}]}]}</script>'
    )
    meta = read_metadata(parse_document(page(head).decode()))
    assert meta.headline == "Café closes & reopens"
    assert meta.published is not None and meta.published.iso() == "2024-05-03T15:47:42+02:00"
    assert meta.modified is not None and meta.modified.iso() == "2024-05-04T08:00:00+00:00"
    assert meta.authors == ["Jane Roe"]


def test_meta_tags_canonical_and_alternates() -> None:
    head = (
        '<meta property="og:title" content="Title - Site"><meta property="og:site_name" '
        'content="Site"><meta property="article:published_time" content="2023-04-28T10:00">'
        '<meta name="author" content="Jane Roe, John Doe"><link rel="canonical" '
        'href="https://site.example/a"><link rel="alternate" hreflang="fr" href="/fr/a">'
        '<link rel="alternate" hreflang="x-default" href="/a">'
    )
    meta = read_metadata(parse_document(page(head).decode()))
    assert meta.canonical == "https://site.example/a"
    assert meta.translations == ["fr"]
    assert meta.lang == "en"
    assert meta.authors == ["Jane Roe, John Doe"]
    assert meta.published is not None and meta.published.iso() == "2023-04-28"  # no zone


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2024-05-03T15:47:42+00:00", "2024-05-03T15:47:42+00:00"),
        ("2024-05-03T15:47:42.123Z", "2024-05-03T15:47:42+00:00"),
        ("2024-05-03 15:47:42+0900", "2024-05-03T15:47:42+09:00"),
        ("2024-05-03", "2024-05-03"),
        ("Fri, 03 May 2024 15:47:00 GMT", "2024-05-03T15:47:00+00:00"),
        ("not a date", None),
    ],
)
def test_parse_iso(value: str, iso: str | None) -> None:
    stamp = parse_iso(value)
    assert (stamp.iso() if stamp else None) == iso


@pytest.mark.parametrize(
    ("value", "names"),
    [
        ("By Jane Roe and John Doe, Staff Writers", ["Jane Roe", "John Doe"]),
        ("Autor: Lena Vogt", ["Lena Vogt"]),
        ("Reuters", []),
        ("Please type your name here", []),
        ("Anna Martel, Nairobi", ["Anna Martel"]),
        ("jane@example.com", []),
        ("Harbour Radio (www.harbour-radio.example.com)", []),
    ],
)
def test_names_in_metadata_values(value: str, names: list[str]) -> None:
    assert [a.name for a in names_in(value)] == names


def test_headline_agreed_by_sources_and_site_name_cut() -> None:
    head = (
        '<title>Storm closes schools | The Daily</title><meta property="og:title" '
        'content="Storm closes schools | The Daily"><meta property="og:site_name" '
        'content="The Daily">'
    )
    article = parse_bytes(page(head, "<h1>Storm closes schools</h1>" + PARAGRAPHS), "x.html")
    assert article.headline == "Storm closes schools"


def test_body_skips_navigation_comments_and_captions() -> None:
    body = (
        "<nav><a href='/'>Home</a><a href='/news'>News</a></nav><h1>Title here now</h1>"
        "<article><div class='article-body'>"
        + PARAGRAPHS
        + "<figure><img src='a.jpg'><figcaption>A caption. Photo: Agency</figcaption></figure>"
        "</div></article><section class='comments'><p>A reader wrote a long comment, with "
        "commas, that is not part of the article at all.</p></section>"
        "<footer><p>Copyright 2024 Example. All rights reserved.</p></footer>"
    )
    article = parse_bytes(page("<title>Title here now</title>", body), "x.html")
    paragraphs = article.body.split("\n\n")
    assert len(paragraphs) == 6
    assert all(p.startswith("Paragraph") for p in paragraphs)


def test_a_republish_box_holding_the_article_as_html_source_is_no_body() -> None:
    source = "".join(
        f"&lt;p&gt;Paragraph {i} of the article says something.&lt;/p&gt;\n" for i in range(6)
    )
    body = (
        "<h1>Title here now</h1><article><div class='article-body'>" + PARAGRAPHS + "</div>"
        "<div class='republish' style='display:none'><p>Republish this story for free.</p>"
        "<textarea readonly>&lt;h1&gt;Title here now&lt;/h1&gt;\n\n" + source + "</textarea>"
        "</div></article>"
    )
    article = parse_bytes(page("<title>Title here now</title>", body), "x.html")
    assert "<" not in article.body
    assert article.body.count("Paragraph") == 6


def test_a_korean_deck_and_a_byline_printed_with_its_dates() -> None:
    paragraphs = "".join(
        f"<p>부산시가 해상 케이블카 사업을 다시 추진한다고 {i}일 밝혔다. 시는 민간 사업자 공모를 "
        "거쳐 내년 상반기 중 우선협상대상자를 선정할 계획이다.</p>"
        for i in range(1, 6)
    )
    body = (
        "<article><h1>부산시, 해상 케이블카 사업 재추진</h1>"
        '<h2 class="sub">환경단체 "생태계 훼손 우려" 반발</h2>'
        '<div class="info"><span>김민수 기자</span> <span>입력 2024.12.03 10:12</span> '
        "<span>수정 2024.12.03 15:40</span></div>"
        + paragraphs
        + "<p>김민수 기자 minsu@example.co.kr</p></article>"
    )
    head = "<title>부산시, 해상 케이블카 사업 재추진</title>"
    article = parse_bytes(page(head, body, lang="ko"), "ko.html")
    assert article.subheadline == '환경단체 "생태계 훼손 우려" 반발'
    assert article.byline is not None and "입력" not in article.byline
    assert [a.name for a in article.authors] == ["김민수"]
    assert article.posted_at == "2024-12-03T10:12:00+09:00"


def test_a_french_headline_keeps_its_colon_and_a_subdomain_page_its_site_name() -> None:
    # French sets a space before a colon; the host's first label, "ici", is inside
    # "électricité": neither makes the end of the headline a site's name.
    title = "Tempête de neige : des milliers de foyers privés d'électricité au Québec"
    head = (
        f"<title>{title} | Radio-Canada</title>"
        '<meta property="og:site_name" content="Radio-Canada">'
        '<link rel="canonical" href="https://ici.radio-canada.ca/nouvelle/2054321/tempete">'
    )
    article = parse_bytes(page(head, f"<h1>{title}</h1>" + PARAGRAPHS, lang="fr"), "x.html")
    assert article.headline == title
    assert article.source is not None
    assert (article.source.name, article.source.domain) == ("Radio-Canada", "radio-canada.ca")


@pytest.mark.parametrize(
    ("title", "url", "headline"),
    [
        ("Storm closes schools - BBC News", "https://www.bbc.com/news/1", "Storm closes schools"),
        ("Fed holds rates - NPR News", "https://www.npr.org/2024/1", "Fed holds rates"),
        ("Klatch Coffee | Shopify App Store", "https://apps.shopify.com/s/1", "Klatch Coffee"),
        # A host's first label that names a part of a site, or sits inside a word, is no
        # site word: the headline keeps its words.
        ("Good news for farmers: rain returns", "https://news.example.com/1", None),
        ("Des foyers privés d'électricité : la panne dure", "https://ici.example.ca/1", None),
    ],
)
def test_a_title_loses_the_site_name_it_ends_with_and_nothing_else(
    title: str, url: str, headline: str | None
) -> None:
    from newsarchive.parse.html.headline import strip_site
    from newsarchive.parse.html.metadata import PageMeta

    meta = PageMeta()
    meta.canonical = url
    assert strip_site(title, meta) == (headline or title)


def test_a_page_of_links_is_no_article() -> None:
    # A home page or a section front: teasers, each a link. The last resort takes prose, not
    # a link's words.
    teasers = "".join(
        f'<li><a href="https://www.example.com/2024/story-{n}">Storm Bertha: new twist as wind'
        f" gusts of 90 km/h hit the harbour ({n})</a></li>"
        for n in range(12)
    )
    body = f'<main><h1>Home</h1><ul class="teasers">{teasers}</ul></main>'
    head = '<title>Home | Harbor Ledger</title><meta property="og:type" content="website">'
    with pytest.raises(NotAnArticle):
        parse_bytes(page(head, body), "home.html")


def test_printed_labelled_date_and_zone_from_the_publisher() -> None:
    body = "<h1>Title here now</h1><p class='date'>Posted May. 09, 2007 09:04</p>" + PARAGRAPHS
    article = parse_bytes(
        page("", body), "x.html", url="https://www.donga.com/en/article/all/20070509/1/1"
    )
    assert article.posted_at == "2007-05-09T09:04:00+09:00"


def test_labels_in_their_own_elements_tell_posted_from_updated() -> None:
    # Later first: without the labels the later, updated day would pass for the posting.
    dates = (
        "<div class='meta'><div><span>Updated at</span></div><div><span>Dec 10, 2025</span>"
        "</div><div><span>Posted on</span></div><div><span>Nov 21, 2018</span></div></div>"
    )
    article = parse_bytes(page("", "<h1>Title here now</h1>" + dates + PARAGRAPHS), "x.html")
    assert article.posted_at == "2018-11-21"
    assert article.updated_at == "2025-12-10"


def test_an_update_time_alone_stands_for_the_posting() -> None:
    # Labelled pages that give only an update time give it as their date: the date model
    # learned to take it (excluding it lost 3 points of posted day on wcxb, both folds).
    head = '<meta property="article:modified_time" content="2024-01-02T10:00:00+00:00">'
    article = parse_bytes(page(head, "<h1>Title here now</h1>" + PARAGRAPHS), "x.html")
    assert article.updated_at == "2024-01-02T10:00:00+00:00"
    assert article.posted_at in (None, "2024-01-02T10:00:00+00:00")


@pytest.mark.parametrize(
    ("tags", "published", "modified"),
    [
        # Names no list holds, read by the words they are made of; values in words too.
        ('<meta name="published-date" content="2021-02-16">', "2021-02-16", None),
        ('<meta name="published" content="July 17, 2025">', "2025-07-17", None),
        (
            '<meta name="post_created" content="2022-03-04T05:06:00Z">'
            '<meta name="page-revised" content="2023-01-02">',
            "2022-03-04T05:06:00+00:00",
            "2023-01-02",
        ),
        # A publisher's name is no date; a "published-modified" tag is a change.
        ('<meta name="publisher" content="Example Media">', None, None),
        ('<meta name="published-modified" content="2024-01-02">', None, "2024-01-02"),
    ],
)
def test_date_tags_named_by_their_words(
    tags: str, published: str | None, modified: str | None
) -> None:
    meta = read_metadata(parse_document(page(tags).decode()))
    assert (meta.published.iso() if meta.published else None) == published
    assert (meta.modified.iso() if meta.modified else None) == modified


def test_a_utc_time_is_given_in_the_zone_the_page_prints_it_in() -> None:
    # Publishing systems often write metadata in UTC and the page's time elements in local
    # time: the same instant, but the record wants the publisher's offset (and its day).
    head = (
        '<meta property="article:published_time" content="2025-03-05T03:05:00+00:00">'
        '<meta property="article:modified_time" content="2025-03-05T17:20:00+00:00">'
    )
    body = (
        '<article><h1>Title here now</h1><p class="byline">Posted <time datetime='
        '"2025-03-04T19:05:00-08:00">March 4, 2025</time> · Updated <time datetime='
        '"2025-03-05T09:20:00-08:00">March 5, 2025</time></p>' + PARAGRAPHS + "</article>"
    )
    article = parse_bytes(page(head, body), "x.html")
    assert article.posted_at == "2025-03-04T19:05:00-08:00"
    assert article.updated_at == "2025-03-05T09:20:00-08:00"


def test_an_articles_own_footer_keeps_its_date_and_author() -> None:
    # <footer> inside <article> is the article's footer (HTML's sense of the element): its
    # date and byline are read; the page's own footer is still dropped.
    body = (
        "<article><h1>Title here now</h1>" + PARAGRAPHS + "<footer class='article-footer'>"
        "<span>By Jane Roe</span> <time datetime='2025-08-12T11:15:06Z'>August 12, 2025</time>"
        "</footer></article><footer><p>Copyright 2024 Example. Posted 2019-01-01.</p></footer>"
    )
    article = parse_bytes(page("<title>Title here now</title>", body), "x.html")
    assert article.posted_at is not None and article.posted_at.startswith("2025-08-12")
    assert "Copyright" not in article.body


def test_declared_euc_kr_page() -> None:
    html = (
        "<html><head><meta http-equiv='Content-Type' content='text/html; charset=euc-kr'>"
        "<title>서울 아파트 값 상승</title></head><body><h1>서울 아파트 값 상승</h1>"
        + "<p>서울의 아파트 값이 올 들어 가장 높은 폭으로 상승했습니다. 똠방각하.</p>" * 5
        + "</body></html>"
    ).encode("cp949")
    assert declared_charset(html) == "euc-kr"
    assert decode(html, declared="euc-kr").encoding == "cp949"
    article = parse_bytes(html, "kr.html")
    assert article.input.encoding == "cp949"
    assert article.language == "ko"
    assert "똠방각하" in article.body


def test_declared_latin1_page_that_is_utf8() -> None:
    html = page("<meta charset='iso-8859-1'>", "<h1>Café</h1>" + PARAGRAPHS)
    assert parse_bytes(html, "x.html").input.encoding == "utf-8"


def test_jsonld_article_body_when_the_page_renders_with_scripts() -> None:
    text = "First paragraph of a script-rendered page, long enough to count.\\n" * 8
    head = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Rendered",'
        f'"articleBody": "{text}"}}</script>'
    )
    article = parse_bytes(page(head, "<div id='app'>Loading…</div>"), "x.html")
    assert article.body.startswith("First paragraph of a script-rendered page")


@pytest.mark.parametrize(
    "wrap",
    [
        "<div id='app'></div><noscript>{}</noscript>",  # a script-rendered page's fallback
        "<nav>{}</nav>",
        "<footer>{}</footer>",
    ],
)
def test_prose_only_where_menus_are_pruned_is_still_read(wrap: str) -> None:
    # The main path drops <noscript>, menus and footers before it looks for the article; a
    # page whose only prose sits there is read by the last resort, and says so.
    prose = PARAGRAPHS[: PARAGRAPHS.index("</p>") + 4] * 2
    article = parse_bytes(page("<title>Title here now</title>", wrap.format(prose)), "x.html")
    assert article.extraction == "html:fallback"
    assert article.body.startswith("Paragraph 0 of the article")


def test_a_script_warning_alone_is_no_article() -> None:
    body = (
        "<div id='app'></div><noscript>We're sorry but this site doesn't work properly without "
        "JavaScript enabled. Please enable it to continue.</noscript>"
    )
    with pytest.raises(NotAnArticle, match="no article text found"):
        parse_bytes(page("<title>app</title>", body), "x.html")


@pytest.mark.parametrize(
    ("lang", "head", "url", "posted"),
    [
        ("en-US", "", None, "2025-04-03"),
        ("en-GB", "", None, "2025-03-04"),
        ("en", '<meta property="og:locale" content="en_GB">', None, "2025-03-04"),
        ("en", "", "https://www.example.co.uk/news/story", "2025-03-04"),
        ("en", "", "https://www.example.com/news/story", "2025-04-03"),
    ],
)
def test_a_date_in_figures_reads_as_the_pages_language_writes_it(
    lang: str, head: str, url: str | None, posted: str
) -> None:
    body = (
        "<article><h1>Title here now</h1><p class='date'>Posted <time datetime='04/03/2025'>"
        "04/03/2025</time></p>" + PARAGRAPHS + "</article>"
    )
    article = parse_bytes(page("<title>Title here now</title>" + head, body, lang), "x.html", url)
    assert article.posted_at == posted


def test_headings_and_lists_inside_the_article_are_kept_a_list_of_links_is_not() -> None:
    items = "".join(f"<li>Item {word}</li>" for word in ("one", "two", "three", "four", "five"))
    links = "".join(f"<li><a href='/{i}'>Another story number {i}</a></li>" for i in range(5))
    body = (
        "<article><h1>Title here now</h1>"
        + PARAGRAPHS
        + "<h2>Where it began</h2>"
        + PARAGRAPHS
        + f"<ul>{items}</ul>"
        + PARAGRAPHS
        + f"<ul>{links}</ul>"
        + PARAGRAPHS
        + "</article>"
    )
    article = parse_bytes(page("<title>Title here now</title>", body), "x.html")
    assert "Where it began" in article.body
    assert "Item three" in article.body
    assert "Another story number" not in article.body


def test_a_list_in_an_aside_between_paragraphs_stays_out(monkeypatch: pytest.MonkeyPatch) -> None:
    import newsarchive.parse.html.extract as extract

    items = "".join(f"<li>Topic {word}</li>" for word in ("one", "two", "three", "four"))
    body = (
        "<article><h1>Title here now</h1>" + PARAGRAPHS + f"<aside><ul>{items}</ul></aside>"
        "<ul><li>Point one</li><li>Point two</li></ul>" + PARAGRAPHS + "</article>"
    )
    runs = extract.keep_runs

    def doubting(p_body: np.ndarray, blocks: list[extract.Block]) -> np.ndarray:
        # The model doubts every item: the runs leave them all out.
        kept = runs(p_body, blocks)
        kept[[i for i, b in enumerate(blocks) if b.tag == "li"]] = 0.0
        return kept

    monkeypatch.setattr(extract, "keep_runs", doubting)
    article = parse_bytes(page("<title>Title here now</title>", body), "x.html")
    assert "Topic three" not in article.body


@pytest.mark.parametrize(
    ("site_name", "url", "expected"),
    [
        (
            "Riverside  Gazette",
            "https://riverside.example/news/1",
            ("Riverside Gazette", "riverside.example"),
        ),
        (
            "https://riverside.example",
            "https://riverside.example/news/1",
            ("riverside.example",) * 2,
        ),
        ("Some Name", "https://www.donga.com/en/article/all/1", ("The Dong-A Ilbo", "donga.com")),
        # A publishing group's profile covers its titles; each is its own source.
        (
            "Ottawa Citizen",
            "https://ottawacitizen.com/news/local-news/x",
            ("Ottawa Citizen", "ottawacitizen.com"),
        ),
        # One blog of many under an unknown shared domain: the domain's source, not the
        # blog's name; under a known platform, each its own source, named by its page.
        ("Alice's Notes", "https://alice.blogs.example/p/1", ("blogs.example",) * 2),
        (
            "City Policy Notes",
            "https://citypolicy.substack.com/p/1",
            ("City Policy Notes", "citypolicy.substack.com"),
        ),
        # A site's mobile host is the site; a news. host may be a section of a larger one.
        ("국민일보", "https://m.kmib.co.kr/article/1", ("국민일보", "kmib.co.kr")),
        ("Yahoo News", "https://news.yahoo.com/a-1", ("yahoo.com",) * 2),
        (
            "Riverside Gazette",
            "https://www.riverside.example/1",
            ("Riverside Gazette", "riverside.example"),
        ),
    ],
)
def test_a_site_we_know_no_name_for_is_named_by_its_page(
    site_name: str, url: str, expected: tuple[str, str]
) -> None:
    # og:site_name names an unknown site (a name that reads as an address is no name); a site
    # with a profile keeps the profile's name, and a shared host's domain keeps its own.
    head = f'<title>Ferry fares</title><meta property="og:site_name" content="{site_name}">'
    article = parse_bytes(
        page(head, f"<article><h1>Ferry fares</h1>{PARAGRAPHS}</article>"), url=url
    )
    assert article.source is not None
    assert (article.source.name, article.source.domain) == expected


def test_a_line_break_inside_a_heading_or_a_byline_is_a_space() -> None:
    body = (
        "<h1>Harbour reopens<br>What it means for ferries</h1>"
        "<div class='byline'><span class='author'>Jane Roe</span><br>"
        "<span class='date'>Di 4 Mar 2025</span></div>" + PARAGRAPHS
    )
    article = parse_bytes(page("", body), "x.html")
    assert article.headline == "Harbour reopens What it means for ferries"
    assert [a.name for a in article.authors] == ["Jane Roe"]


@pytest.mark.parametrize(
    ("site", "author", "names"),
    [
        ("Jane Roe", "Jane Roe", ["Jane Roe"]),  # a one-person site: its name is its author's
        ("Harbour Times", "Harbour Times", []),  # an outlet named as its own author
        ("Harbour Times Online", "Harbour Times", []),
    ],
)
def test_metadata_naming_the_site_as_author(site: str, author: str, names: list[str]) -> None:
    head = (
        f'<meta property="og:site_name" content="{site}">'
        f'<meta name="author" content="{author}"><title>Notes on harbours | {site}</title>'
    )
    article = parse_bytes(page(head, "<h1>Notes on harbours</h1>" + PARAGRAPHS), "x.html")
    assert [a.name for a in article.authors] == names


@pytest.mark.parametrize(
    ("head", "body", "posted", "updated"),
    [
        # The publisher's zone is known: metadata's UTC is given in it, on the local day.
        (
            '<meta property="og:url" content="https://www.donga.com/en/article/all/1/1">'
            '<meta property="article:published_time" content="2025-03-14T16:30:00.000Z">',
            "",
            "2025-03-15T01:30:00+09:00",
            None,
        ),
        (
            '<meta property="og:url" content="https://www.nytimes.com/2025/03/14/x.html">'
            '<meta property="article:published_time" content="2025-03-15T01:30:00Z">'
            '<meta property="article:modified_time" content="2025-03-15T03:02:11Z">',
            "",
            "2025-03-14T21:30:00-04:00",
            "2025-03-14T23:02:11-04:00",
        ),
        # Unknown zone: the update's UTC in the offset the page prints its posting in.
        (
            '<meta property="article:modified_time" content="2025-06-12T15:20:00Z">',
            '<time datetime="2025-06-12T06:30:00+01:00">12 June 2025 06:30</time>',
            "2025-06-12T06:30:00+01:00",
            "2025-06-12T16:20:00+01:00",
        ),
        # A posting time printed without its zone takes the offset the metadata gives away.
        (
            '<meta property="article:published_time" content="2024-11-06T03:12:00+00:00">',
            "<p class='date'>Published: November 5, 2024 at 10:12 p.m.</p>",
            "2024-11-05T22:12:00-05:00",
            None,
        ),
        # Not another time of the page: a known zone stays.
        (
            '<meta property="og:url" content="https://www.donga.com/en/article/all/1/1">'
            '<meta property="article:published_time" content="2024-11-06T03:12:00+00:00">',
            "<ul class='latest'><li><a href='/2'>Other story</a> 2024-11-06 10:12</li></ul>",
            "2024-11-06T12:12:00+09:00",
            None,
        ),
    ],
)
def test_one_record_one_zone(head: str, body: str, posted: str, updated: str | None) -> None:
    markup = page(head, "<h1>Senate passes the harbour bill</h1>" + body + PARAGRAPHS)
    article = parse_bytes(markup, "x.html")
    assert (article.posted_at, article.updated_at) == (posted, updated)


@pytest.mark.parametrize(
    ("head", "url", "source"),
    [
        # No canonical link: JSON-LD gives the article's address and its publisher's name.
        (
            '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Notes",'
            ' "mainEntityOfPage": {"@id": "https://www.riverside.example/2025/03/14/notes"},'
            ' "publisher": {"@type": "Organization", "name": "Riverside Gazette"}}</script>',
            "https://www.riverside.example/2025/03/14/notes",
            ("Riverside Gazette", "riverside.example"),
        ),
        # A site's home page is every article's address, none's own.
        (
            '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Notes",'
            ' "mainEntityOfPage": {"@id": "https://www.riverside.example/"},'
            ' "publisher": {"@type": "Organization", "name": "Riverside Gazette"}}</script>',
            None,
            ("Riverside Gazette", None),
        ),
        # No address at all: the site's name alone.
        ('<meta property="og:site_name" content="Metro Daily">', None, ("Metro Daily", None)),
    ],
)
def test_a_page_without_its_address_is_placed_by_what_its_metadata_says(
    head: str, url: str | None, source: tuple[str, str | None]
) -> None:
    article = parse_bytes(page(head, "<h1>Notes on harbours</h1>" + PARAGRAPHS), "x.html")
    assert article.url == url
    assert article.source is not None
    assert (article.source.name, article.source.domain) == source


def test_metadata_names_the_authors_the_printed_byline_says_more_of_them() -> None:
    # <meta name=author> names one, JSON-LD both; the printed byline gives titles, emails
    # and datelines, which metadata does not.
    head = (
        '<meta name="author" content="Jane Whitfield">'
        '<script type="application/ld+json">{"@type": "NewsArticle",'
        ' "headline": "Dock strike ends", "author": [{"@type": "Person", "name": "Jane Whitfield"},'
        ' {"@type": "Person", "name": "Omar Haddad"}]}</script>'
    )
    body = "<h1>Dock strike ends</h1><p class='byline'>By Jane Whitfield and Omar Haddad</p>"
    article = parse_bytes(page(head, body + PARAGRAPHS), "x.html")
    assert [a.name for a in article.authors] == ["Jane Whitfield", "Omar Haddad"]

    head = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "부두 확장",'
        ' "author": {"@type": "Person", "name": "김민수"}}</script>'
    )
    body = (
        "<h1>부산항 신항 부두 확장 공사 내년 봄 완공</h1>"
        "<div class='byline'>부산=김민수 기자 minsu@example.co.kr</div>"
        + "".join(
            f"<p>부산항만공사는 신항 서측 부두의 확장 공사를 내년 봄까지 마치겠다고 {i}일 밝혔다. "
            "공사가 끝나면 대형 컨테이너선 두 척이 동시에 접안할 수 있다.</p>"
            for i in range(1, 6)
        )
    )
    article = parse_bytes(page(head, body, lang="ko"), "x.html")
    [author] = article.authors
    assert (author.name, author.email, author.role, author.dateline) == (
        "김민수",
        "minsu@example.co.kr",
        "reporter",
        "부산",
    )
    assert article.emails == ["minsu@example.co.kr"]


def test_a_deck_under_the_headline_is_the_subheadline() -> None:
    body = (
        "<h1>Dock strike ends after three weeks</h1>"
        "<h2 class='article-subhead'>"
        "Dockworkers ratify a contract with a raise over four years</h2>" + PARAGRAPHS
    )
    article = parse_bytes(page("", body), "x.html")
    assert article.subheadline == "Dockworkers ratify a contract with a raise over four years"
    # A heading without such a class, further down, is the body's.
    plain = parse_bytes(page("", "<h1>Dock strike ends</h1>" + PARAGRAPHS), "x.html")
    assert plain.subheadline is None


@pytest.mark.parametrize(
    "element",
    [
        "<figcaption class='image-subtitle'>Dockworkers march on the quay at dawn"
        " (Photo: Jane Roe/Reuters)</figcaption>",
        "<div class='article-subhead'>Jane Whitfield, staff writer | 3 March 2025, 10:00</div>",
        "<p class='subheadline'>Jane Whitfield and Omar Haddad, Staff Writers</p>",
        "<h2 class='section-subtitle'>More stories from our Business desk</h2>",
        "<div class='subhead-meta'>Reading time: 4 minutes · 12 comments</div>",
    ],
)
def test_what_is_named_like_a_deck_but_is_not_one_is_no_subheadline(element: str) -> None:
    body = "<h1>Dock strike ends after three weeks</h1>" + element + PARAGRAPHS
    assert parse_bytes(page("", body), "x.html").subheadline is None


def test_a_namesakes_card_among_related_stories_lends_the_author_nothing() -> None:
    related = (
        "<aside class='related'><h3>More stories</h3><ul>"
        + "".join(
            f"<li><a href='/s/{i}'>Another story {i} from the harbour desk</a></li>"
            for i in range(12)
        )
        + "</ul><div class='author-card'>Jane Whitfield, Sports Editor"
        " jwhitfield@othersite.example</div></aside>"
    )
    body = "<h1>Dock strike ends</h1><p class='byline'>By Jane Whitfield</p>" + PARAGRAPHS
    article = parse_bytes(page("", body + related), "x.html")
    [author] = article.authors
    assert (author.name, author.email, author.role) == ("Jane Whitfield", None, None)
    assert article.emails == []


@pytest.mark.parametrize(
    ("label", "title"),
    [
        ("<span>Read also</span>", "Five things in the new harbour budget"),
        ("<span>Lire aussi</span> ", "Ce que contient le budget du port"),
        ("<b>Related:</b> ", "Ferry fares to rise in April"),
    ],
)
def test_a_teaser_box_inside_the_article_leaves_the_body(label: str, title: str) -> None:
    """A "read also" box between paragraphs, its label and its link run together as the page
    sets them in separate elements, is no paragraph of the article."""
    paragraphs = [
        "The harbour board voted on Tuesday to approve the new budget after a debate that lasted"
        " well into the night.",
        "Members said the plan would fund quay repairs and two new cranes while keeping berth"
        " fees flat for another year.",
        "The chair is expected to sign the measure next week, officials said on Wednesday.",
    ]
    page = (
        "<html lang=en><body><article><h1>Harbour board passes budget</h1>"
        f"<p>{paragraphs[0]}</p><aside class=box>{label}<a href=/x>{title}</a></aside>"
        f"<p>{paragraphs[1]}</p><p>{paragraphs[2]}</p></article></body></html>"
    )
    record = parse_bytes(page.encode(), "page.html")
    assert record.body.split("\n\n") == paragraphs
