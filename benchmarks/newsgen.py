"""A realistic, deterministic corpus of text dumps for the archive-scale benchmarks.

    .venv/bin/python benchmarks/newsgen.py --n 1000000 --out DIR [--workers 2]

Words are drawn from real per-language frequency lists (wordfreq, a benchmark-only dependency)
by their Zipf rank, so that the number of articles a term appears in falls off as in a real
collection; every article is built around a topic (a few dozen words it repeats) and a handful of
named entities (people, places, organisations, each with its own Zipf frequency, so that the
most named person is in a few percent of articles, not half); lengths are log-normal (median
~500 words, 100 to 3,000) and headlines 6 to 14 words. Languages: English, Korean (nouns carry
their particles, as in real text), German and Japanese (no spaces between words). The dumps use
the layouts the text parser reads (navigation and share furniture, date lines in each language's
forms, bylines with an address, language links, a copyright line), at rates of their own.

Nothing here comes from ../shared: the frequency lists are wordfreq's, the names are made from a
few syllables and common given names and surnames, and the article i of a corpus is the same on
every machine (its own random generator, seeded by the corpus seed and i).
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import math
import multiprocessing
import os
import random
import re
import sys
import time
from dataclasses import dataclass
from functools import cache
from pathlib import Path

LANGUAGES = ("en", "ko", "de", "ja")
LANGUAGE_SHARE = (0.55, 0.25, 0.12, 0.08)
FILES_PER_FOLDER = 1000

_EN_WORD = re.compile(r"^[a-z][a-z'-]*$")
_DE_WORD = re.compile(r"^[a-zäöüß][a-zäöüß-]*$")
_KO_WORD = re.compile(r"^[\uac00-\ud7a3]{2,}$")
_JA_WORD = re.compile(r"^[\u3040-\u30ff\u4e00-\u9fff]+$")
_FILTERS = {"en": _EN_WORD, "de": _DE_WORD, "ko": _KO_WORD, "ja": _JA_WORD}

KO_PARTICLES = ("은", "는", "이", "가", "을", "를", "의", "에", "에서", "과", "와", "도", "로")
KO_ENDINGS = ("했다.", "밝혔다.", "전했다.", "말했다.", "있다.", "됐다.", "보인다.")
MONTHS = "January February March April May June July August September October November December"
MONTH_NAMES = MONTHS.split()
DE_MONTHS = "Januar Februar März April Mai Juni Juli August September Oktober November Dezember"

GIVEN = {
    "en": "James Mary John Patricia Robert Jennifer Michael Linda David Elizabeth William Susan "
    "Richard Jessica Joseph Sarah Thomas Karen Charles Nancy Daniel Lisa Matthew Betty Anthony "
    "Sandra Mark Ashley Steven Emily Paul Donna Andrew Michelle Joshua Carol Kevin Amanda Brian "
    "Melissa George Deborah Edward Laura Ji-hoon Min-ji Seo-yeon Hyun-woo Ahmed Fatima Wei Mei",
    "de": "Anna Jonas Petra Max Lukas Lena Felix Marie Paul Sophie Leon Emma Finn Mia Elias Hannah "
    "Karl Ursula Jürgen Sabine Uwe Monika Stefan Claudia Wolfgang Birgit",
    "ja": "翔太 陽菜 大翔 結衣 蓮 美咲 悠真 葵 湊 凛 健太 由美 直樹 恵 誠 香織",
}
SURNAMES = {
    "en": "Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez "
    "Lopez Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White "
    "Harris Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott Park Kim "
    "Choi Cho Yoon Lim Khan Singh Nguyen Tanaka Suzuki Schmidt Rossi Dubois",
    "de": "Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Koch Bauer "
    "Richter Klein Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger Hofmann Hartmann Lange",
    "ja": "佐藤 鈴木 高橋 田中 伊藤 渡辺 山本 中村 小林 加藤 吉田 山田 佐々木 山口 松本 井上",
}
KO_SURNAMES = "김이박최정강조윤장임한오서신권황안송류홍"
KO_SYLLABLES = "민지서현우준영수진호은하경윤재성태동혜미선유나연주희상철기정훈"
PLACES = {
    "en": "Seoul Pyongyang Tokyo Beijing Washington London Berlin Paris Moscow Brussels Geneva "
    "Busan Incheon Osaka Shanghai Hong Kong Singapore Jakarta Manila Hanoi Bangkok Delhi Mumbai "
    "Cairo Nairobi Lagos Johannesburg Sydney Ottawa Toronto Mexico City Brasilia Lima Madrid Rome",
    "de": "Berlin Hamburg München Köln Frankfurt Stuttgart Düsseldorf Leipzig Dresden Wien Zürich "
    "Brüssel Paris London Washington Moskau Peking Seoul Tokio",
    "ja": "東京 大阪 京都 横浜 名古屋 札幌 福岡 ソウル 北京 ワシントン ロンドン パリ",
    "ko": "서울 평양 부산 인천 대구 광주 대전 울산 세종 제주 도쿄 베이징 워싱턴 모스크바",
}
ORG_FORMS = {
    "en": ("Ministry of {}", "{} Corporation", "{} Institute", "National {} Council", "{} Group"),
    "de": ("Bundesamt für {}", "{} AG", "{}-Institut", "{} Verband"),
    "ja": ("{}省", "{}株式会社", "{}研究所"),
    "ko": ("{}부", "{}연구원", "{}그룹", "{}위원회"),
}
SOURCES = {
    "en": [
        "herald-daily.com",
        "the-chronicle.co.uk",
        "metro-times.com",
        "asia-report.net",
        "capital-post.com",
        "newswire.example.org",
        "globe-ledger.com",
        "harbor-news.com",
    ],
    "ko": [
        "hanguk-ilbo.co.kr",
        "seoul-sinmun.kr",
        "minjok-news.co.kr",
        "kyeongje.com",
        "busan-today.kr",
    ],
    "de": ["stadtblatt.de", "allgemeine-rundschau.de", "tagespost.at", "nachrichten-ch.ch"],
    "ja": ["nichi-shimbun.jp", "tokyo-times.co.jp", "keizai-news.jp"],
}
NAV = {
    "en": "Home | World | Politics | Business | Tech | Sports | Opinion",
    "ko": "홈 | 정치 | 경제 | 사회 | 국제 | 스포츠 | 오피니언",
    "de": "Startseite | Politik | Wirtschaft | Sport | Kultur | Meinung",
    "ja": "ホーム | 政治 | 経済 | 国際 | スポーツ",
}
SHARE = {
    "en": "Share this article",
    "ko": "공유하기",
    "de": "Artikel teilen",
    "ja": "この記事をシェア",
}
LANGUAGE_LINKS = "English | 한국어 | 日本語 | Deutsch"


def _zipf_cumulative(n: int, exponent: float = 1.0, offset: float = 2.7) -> list[float]:
    return list(itertools.accumulate(1.0 / (r + offset) ** exponent for r in range(n)))


@dataclass
class Lexicon:
    """One language's words (by frequency rank) with their cumulative Zipf weights, its topics
    and its named entities."""

    lang: str
    words: list[str]
    cum: list[float]
    topics: list[list[str]]
    entities: list[str]
    entity_cum: list[float]

    def draw(self, rng: random.Random, k: int) -> list[str]:
        total = self.cum[-1]
        cum, words = self.cum, self.words
        return [words[bisect.bisect_left(cum, rng.random() * total)] for _ in range(k)]

    def entity(self, rng: random.Random) -> str:
        i = bisect.bisect_left(self.entity_cum, rng.random() * self.entity_cum[-1])
        return self.entities[i]


def _people(lang: str, rng: random.Random, count: int) -> list[str]:
    if lang == "ko":
        return [
            rng.choice(KO_SURNAMES) + rng.choice(KO_SYLLABLES) + rng.choice(KO_SYLLABLES)
            for _ in range(count)
        ]
    given, family = GIVEN[lang].split(), SURNAMES[lang].split()
    sep = "" if lang == "ja" else " "
    if lang == "ja":
        return [rng.choice(family) + sep + rng.choice(given) for _ in range(count)]
    return [rng.choice(given) + sep + rng.choice(family) for _ in range(count)]


@cache
def lexicon(lang: str, seed: int) -> Lexicon:
    from wordfreq import top_n_list

    pattern = _FILTERS[lang]
    words = [w for w in top_n_list(lang, 1_000_000) if pattern.match(w)]
    if lang == "ko":
        words = [w for w in words if len(w) >= 2]
    rng = random.Random(f"{seed}:{lang}")
    mid = words[500 : min(len(words), 40_000)]
    topics = [rng.sample(mid, 40) for _ in range(400)]
    # Entities: the most named first. Person names repeat (two people may share a name, as in
    # life); places and organisations come from short lists and the topic words.
    people = _people(lang, rng, 30_000)
    if lang == "en":
        people[4] = "Kim Jong Un"  # the seed's subject: among the most named, not everywhere
    if lang == "ko":
        people[4] = "김정은"
    places = PLACES[lang].split() if lang != "en" else re.split(r" (?=[A-Z])", PLACES["en"])
    orgs = [
        form.format(w.capitalize() if lang in ("en", "de") else w)
        for form in ORG_FORMS[lang]
        for w in rng.sample(mid, 400)
    ]
    entities = [x for triple in itertools.zip_longest(people, places, orgs) for x in triple if x]
    return Lexicon(
        lang=lang,
        words=words,
        cum=_zipf_cumulative(len(words)),
        topics=topics,
        entities=entities,
        entity_cum=_zipf_cumulative(len(entities), exponent=0.9),
    )


def _length(rng: random.Random) -> int:
    return max(100, min(3000, round(math.exp(rng.gauss(math.log(500), 0.6)))))


def _sentence(lex: Lexicon, rng: random.Random, topic: list[str], names: list[str]) -> str:
    k = rng.randint(8, 28)
    words = lex.draw(rng, k)
    for j in range(len(words)):
        roll = rng.random()
        if roll < 0.15:
            words[j] = rng.choice(topic)
        elif roll < 0.19:
            words[j] = rng.choice(names)
    lang = lex.lang
    if lang == "ko":
        words = [w + rng.choice(KO_PARTICLES) if rng.random() < 0.6 else w for w in words]
        return " ".join(words) + " " + rng.choice(KO_ENDINGS)
    if lang == "ja":
        return "".join(words) + "。"
    text = " ".join(words)
    return text[0].upper() + text[1:] + rng.choice(".....?!")


def _headline(lex: Lexicon, rng: random.Random, topic: list[str], names: list[str]) -> str:
    k = rng.randint(6, 14)
    words = lex.draw(rng, k)
    words[rng.randrange(k)] = names[0]
    words[rng.randrange(k)] = rng.choice(topic)
    if lex.lang == "ja":
        return "".join(words)
    text = " ".join(words)
    return text[0].upper() + text[1:]


def _date_line(lang: str, rng: random.Random) -> str:
    year, month, day = rng.randint(2005, 2026), rng.randint(1, 12), rng.randint(1, 28)
    hour, minute = rng.randint(0, 23), rng.randint(0, 59)
    if lang == "en":
        form = rng.random()
        if form < 0.5:
            return f"Posted {MONTH_NAMES[month - 1][:3]}. {day:02d}, {year} {hour:02d}:{minute:02d}"
        if form < 0.8:
            return f"Published: {year}-{month:02d}-{day:02d} {hour:02d}:{minute:02d} +09:00"
        return f"{MONTH_NAMES[month - 1]} {day}, {year}"
    if lang == "ko":
        line = f"입력 {year}-{month:02d}-{day:02d} {hour:02d}:{minute:02d}"
        if rng.random() < 0.3:
            line += f" 수정 {year}-{month:02d}-{day:02d} {min(23, hour + 2):02d}:{minute:02d}"
        return line
    if lang == "de":
        return f"Veröffentlicht am {day:02d}.{month:02d}.{year} um {hour:02d}:{minute:02d} Uhr"
    return f"{year}年{month}月{day}日 {hour:02d}:{minute:02d}"


def _byline(lang: str, rng: random.Random, name: str, domain: str) -> str:
    user = f"{name.split()[-1].lower() if lang in ('en', 'de') else 'reporter'}{rng.randint(1, 99)}"
    if lang == "en":
        return f"By {name}" if rng.random() < 0.6 else f"{name} {user}@{domain}"
    if lang == "ko":
        return f"{name} 기자 {user}@{domain}"
    if lang == "de":
        return f"Von {name}"
    return f"{name}記者"


@dataclass(frozen=True)
class Parts:
    """What the i-th dump is made of, as a record would hold it (benchmarks that need an archive
    of this corpus without the parser's cost build records from these)."""

    lang: str
    domain: str
    headline: str
    author: str
    byline: str
    date_line: str
    paragraphs: list[str]


def make_article(i: int, seed: int = 1) -> bytes:
    """The i-th dump of the corpus: the same bytes for the same (i, seed) everywhere."""
    return make_parts(i, seed)[0]


def make_parts(i: int, seed: int = 1) -> tuple[bytes, Parts]:
    """The i-th dump and what it is made of."""
    rng = random.Random(seed * 1_000_003 + i)
    lang = rng.choices(LANGUAGES, weights=LANGUAGE_SHARE)[0]
    lex = lexicon(lang, seed)
    topic = rng.choice(lex.topics)
    names = [lex.entity(rng) for _ in range(rng.randint(1, 5))]
    author = _people(lang, rng, 1)[0]
    domain = rng.choice(SOURCES[lang])
    remaining = _length(rng)
    paragraphs = []
    while remaining > 0:
        sentences = []
        for _ in range(rng.randint(1, 5)):
            sentence = _sentence(lex, rng, topic, names)
            sentences.append(sentence)
            remaining -= sentence.count(" ") + 1 if lang != "ja" else len(sentence) // 2
        paragraphs.append(("" if lang == "ja" else " ").join(sentences))
    lines: list[str] = []
    if rng.random() < 0.3:
        lines += [NAV[lang], ""]
    if rng.random() < 0.05:
        lines += [LANGUAGE_LINKS, ""]
    headline = _headline(lex, rng, topic, names)
    lines += [headline, ""]
    byline_first = rng.random() < 0.4
    byline = _byline(lang, rng, author, domain) if byline_first else ""
    if byline_first:
        lines += [byline, ""]
    date_line = _date_line(lang, rng)
    lines += [date_line, ""]
    if rng.random() < 0.2:
        lines += [SHARE[lang], ""]
    for paragraph in paragraphs:
        lines += [paragraph, ""]
    if not byline_first:
        byline = _byline(lang, rng, author, domain)
        lines += [byline, ""]
    if rng.random() < 0.4:
        lines += [f"© {rng.randint(2005, 2026)} {domain}. All rights reserved."]
    parts = Parts(lang, domain, headline, author, byline, date_line, paragraphs)
    return "\n".join(lines).encode(), parts


def path_of(root: Path, i: int) -> Path:
    return root / f"{i // FILES_PER_FOLDER:05d}" / f"{i:07d}.txt"


def corpus_paths(root: Path, n: int) -> list[str]:
    """The inputs of the first n dumps: whole folders, then the files of a partial one."""
    whole, rest = divmod(n, FILES_PER_FOLDER)
    paths = [str(root / f"{k:05d}") for k in range(whole)]
    paths += [str(path_of(root, whole * FILES_PER_FOLDER + i)) for i in range(rest)]
    return paths


def _write_range(args: tuple[str, int, int, int]) -> int:
    root, start, stop, seed = args
    base = Path(root)
    for i in range(start, stop):
        path = path_of(base, i)
        if i % FILES_PER_FOLDER == 0 or i == start:
            path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(make_article(i, seed))
    return stop - start


def write_corpus(root: Path, n: int, seed: int = 1, workers: int = 1) -> Path:
    """Write dumps 0..n-1 under root (a folder per thousand); a finished corpus is reused."""
    done = root / f".complete-{n}-{seed}"
    for marker in root.glob(f".complete-*-{seed}"):
        if int(marker.name.split("-")[1]) >= n:
            return root  # a corpus at least this large holds these n dumps
    root.mkdir(parents=True, exist_ok=True)
    for lang in LANGUAGES:  # loaded once before forking, shared by the workers
        lexicon(lang, seed)
    step = 10_000
    ranges = [(str(root), s, min(n, s + step), seed) for s in range(0, n, step)]
    start, written = time.perf_counter(), 0
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        for count in pool.imap_unordered(_write_range, ranges):
            written += count
            rate = written / (time.perf_counter() - start)
            print(f"  corpus: {written:,} of {n:,} ({rate:,.0f}/s)", file=sys.stderr, flush=True)
    done.touch()
    return root


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--show", type=int, help="print dump number SHOW and stop")
    args = parser.parse_args()
    if args.show is not None:
        sys.stdout.write(make_article(args.show, args.seed).decode())
        return 0
    write_corpus(args.out, args.n, args.seed, args.workers)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
