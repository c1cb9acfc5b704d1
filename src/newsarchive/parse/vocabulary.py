"""The words and characters every parser reads, kept once: by-words, labels, job titles, name
particles, sentence ends, script ranges.

Only words of the languages themselves belong here, never a site's interface strings (those live
in the site's profile under `sites/`). Text and HTML paths, bylines and features all read these.
"""

from __future__ import annotations

import re

# Scripts. Hangul syllables and jamo; kana; Han (CJK unified ideographs and extension A).
HANGUL = "\uac00-\ud7a3"
HANGUL_ALL = HANGUL + "\u1100-\u11ff\u3130-\u318f"
KANA = "\u3040-\u30ff"
HAN = "\u3400-\u9fff"
CJK = KANA + HAN + HANGUL  # scripts where a character carries about a word's worth of text
UNSPACED = KANA + HAN  # written without spaces between words
CJK_CHAR = re.compile(f"[{CJK}]")
HANGUL_CHAR = re.compile(f"[{HANGUL}]")
_CJK_RUN = re.compile(f"[{CJK}]+")
_HANGUL_RUN = re.compile(f"[{HANGUL}]+")


def _count(char: re.Pattern[str], run: re.Pattern[str], text: str) -> int:
    # Removing the runs costs less than a list of every character, as findall makes; a text
    # without any is told at once (isascii reads a flag of the string, a class search is fast).
    if text.isascii() or not char.search(text):
        return 0
    return len(text) - len(run.sub("", text))


def contains_any(text: str, needles: tuple[str, ...]) -> bool:
    """Whether any of the needles is in the text. A plain loop: several times faster than
    any() over a generator, and the hot paths ask it of every line."""
    for needle in needles:  # noqa: SIM110 (the loop is the point)
        if needle in text:
            return True
    return False


def cjk_count(text: str) -> int:
    """How many kana, Han and Hangul characters a text holds."""
    return _count(CJK_CHAR, _CJK_RUN, text)


def hangul_count(text: str) -> int:
    """How many Hangul syllables a text holds."""
    return _count(HANGUL_CHAR, _HANGUL_RUN, text)


# Sentence ends, with the closing quotes and brackets that may follow them.
# Full stops, question and exclamation marks: Latin, CJK, Devanagari (।), Arabic and Urdu (؟ ۔).
SENTENCE_END = re.compile(r"[.!?。！？…।؟۔](?:[\"'”’»)\]」』]*)\s*$")
# A snippet cut short: "It was revealed that ...".
ELLIPSIS_END = re.compile(r"(?:\.\.\.|…)\s*$")
BULLET_START = re.compile(r"^(?:[•·*▶■▷►◆●○–—-]\s|\d{1,2}[.)]\s|[a-z][.)]\s)")

# The word that introduces a byline, in the languages news comes in.
BY_WORDS = (
    "by", "von", "par", "por", "di", "door", "av", "af", "od", "de", "da", "от",
    "بقلم", "โดย",  # Arabic, Thai
    "του", "της",  # Greek signs in the genitive: "Του Γιώργου Παπαδόπουλου"
)  # fmt: skip
# Labels that end in the byline's own "by": "Written by", "Kolumne von", "Ein Kommentar von".
BY_LABELS = (
    r"(?:written|words|story|reporting|reported|text|posted|published|photos?|edited)\s+by"
    r"|(?:ein(?:e)?\s+)?(?:kommentar|kolumne|analyse|gastbeitrag|essay|glosse|reportage)\s+von"
    r"|escrito\s+por|scritto\s+da|écrit\s+par|(?:article\s+)?rédigé\s+par|publicado\s+por"
)
# A label printed before the name, on its own line or element: "Autorin/Autor", "Author:".
AUTHOR_LABEL = re.compile(
    r"^(?:(?:kommentar|ein kommentar|analyse|text|fotos?|interview)\s+)?"
    r"(?:by|von|par|por|di|door|av|af|od|autor(?:in)?(?:\s*/\s*autor(?:in)?)?|autore|auteure?"
    r"|author(?:s| of the article)?|reporter|written by|posted by|published by|作成者|글쓴이|작성자"
    r"|기자)\s*:?$",
    re.IGNORECASE,
)
BY_PREFIX = re.compile(
    r"^\s*(?:" + BY_LABELS + r"|" + "|".join(BY_WORDS) + r")\b\s*:?\s*"
    r"|^\s*(?:author|autor|autorin|auteur|autore|reporter|yazar|penulis|oleh|tác giả|लेखक"
    r"|الكاتب|كتبت?|phóng viên|خبرنگار|نویسنده|mwandishi(?: wetu)?|haber|מאת|撰文|文)\s*[:：]\s*",
    re.IGNORECASE,
)
# "ByJane Roe": a by-word glued to the name when a page's elements are copied without a space.
GLUED_BY = re.compile(r"^(?:By|Von|Par|Por)(?=[A-Z][a-z])")

# Job titles of the people who sign articles.
JOB_TITLES = (
    r"editor|correspondent|reporter|writer|journalist|columnist|contributor|photographer"
    r"|producer|analyst|author|redakteur(?:in)?|korrespondent(?:in)?|reporterin|redaktion"
    r"|journaliste|rédact(?:eur|rice)|giornalista|periodista|redactor(?:a)?|corresponsal"
    r"|editora?|staff writer|senior writer|chief|deputy|intern|director|manager|founder|co-founder"
    r"|ceo|cto|cmo|president|officer|specialist|consultant|strategist|coordinator|researcher"
    r"|professor|lecturer|scientist|engineer|designer|marketer|copywriter|blogger|host"
    r"|muhabir(?:i)?"  # Turkish: reporter
)
# Words that qualify a job title: "Parliamentary editor", "Senior Analyst".
JOB_MODIFIERS = frozenset(
    {"senior", "chief", "deputy", "political", "parliamentary", "foreign", "business", "sports",
     "science", "health", "staff", "associate", "managing", "executive", "contributing",
     "special", "assistant", "investigative", "legal", "economics", "technology", "culture",
     "arts", "entertainment", "news", "digital", "video", "data", "lead", "principal", "junior",
     "freelance", "guest", "general", "national", "international", "diplomatic", "security",
     "defence", "defense", "education", "environment", "climate", "travel", "food", "fashion",
     "opinion", "features", "content", "social", "media", "commerce", "shopping", "review",
     "reviews", "tech", "global", "world", "local", "city", "metro", "weather", "sr.", "jr."}
)  # fmt: skip
# UI words a copied page glues to the name before them: "Jane RoeUpdated", "By Jane RoeIn Travel".
GLUED_LABEL = re.compile(
    r"(?<=[a-zà-ÿ])(?=(?:In|On|Updated|Published|Posted|Last|Read|Share|Follow|More|Reviewed"
    r"|Edited|Fact|Aktualisiert|Veröffentlicht|Publié|Mis)\b)"
)
# A lookahead for a case-blind alternation of words that all begin with an ASCII letter: it
# changes no match (under IGNORECASE, [a-z] takes every letter such a word can begin with, the
# Kelvin sign and the long s among them) but lets the engine pass other positions at once.
ASCII_WORD_START = "(?=[a-z])"
JOB_TITLE = re.compile(ASCII_WORD_START + r"\b(?:" + JOB_TITLES + r")s?\b", re.IGNORECASE)
# Korean roles, longest first so "인턴기자" wins over "기자".
KOREAN_ROLES: dict[str, str] = {
    "인턴기자": "intern reporter",
    "수습기자": "trainee reporter",
    "선임기자": "senior reporter",
    "전문기자": "specialist reporter",
    "객원기자": "contributing reporter",
    "사진기자": "photographer",
    "영상기자": "video journalist",
    "기상캐스터": "weather caster",
    "논설위원": "editorial writer",
    "편집위원": "editorial writer",
    "대기자": "senior journalist",
    "특파원": "correspondent",
    "통신원": "correspondent",
    "기자": "reporter",
}
# Presenters, not authors.
NOT_AUTHOR_ROLES = ("앵커", "아나운서", "캐스터")
# Korean words of two to four syllables a page prints where a name could stand: date labels,
# section names, page controls.
KOREAN_NOT_NAMES = frozenset(
    {"입력", "수정", "등록", "발행", "송고", "게재", "작성", "최종", "업데이트", "기사", "뉴스",
     "사진", "영상", "속보", "단독", "종합", "기자", "앵커", "제보", "구독", "공유", "댓글",
     "전체", "오피니언", "정치", "경제", "사회", "국제", "문화", "스포츠", "연예", "로그인",
     "검색", "메뉴", "닫기", "더보기", "이전", "다음", "목록", "인쇄", "저작권",
     # Date labels written as one word that the label patterns do not start ("기사입력").
     "기사입력", "기사수정", "최초입력", "발행일", "등록일", "입력일", "수정일", "작성일",
     "게재일", "승인일", "송고일"}
)  # fmt: skip
# A desk or team signing an article, not a person.
KOREAN_TEAM_ENDINGS = ("팀", "부", "취재단", "데스크", "뉴스룸", "편집국")

# Particles inside names: "Ursula von der Leyen", "Luiz Inácio Lula da Silva".
NAME_PARTICLES = frozenset(
    {"de", "da", "di", "do", "dos", "das", "du", "van", "von", "der", "den", "del", "della",
     "la", "le", "bin", "al", "ter", "ten", "y", "e", "zu", "mac", "st"}
)  # fmt: skip
# Words that make a name-shaped string an organisation, desk or label, not a person.
NOT_PEOPLE = frozenset(
    {"staff", "reuters", "yonhap", "afp", "ap", "dpa", "newsis", "news1", "desk", "team",
     "editorial", "editors", "board", "news", "agency", "wire", "service", "press",
     "associated", "bloomberg", "newsroom", "the", "times", "herald", "ilbo", "daily", "online",
     "digital", "photo", "photos", "video", "graphics", "opinion", "published", "updated",
     "posted", "publié", "publicado", "pubblicato", "veröffentlicht", "aktualisiert", "related",
     "articles", "read", "more", "min", "share", "email", "print", "all", "rights", "reserved",
     "copyright", "comments", "comment", "reply", "follow", "subscribe", "login", "home", "menu",
     "search", "newsletter", "advertisement", "sponsored", "contact", "about", "privacy",
     "terms", "policy", "cookies", "cookie", "click", "here", "view", "profile", "posts",
     "archive", "redaktion", "rédaction", "redacción", "redação", "redacao", "redazione",
     "redactie", "redakcja", "redaksi", "agencies", "agences", "article", "gift",
     "admin", "administrator", "webmaster", "guest", "anonymous", "unknown", "user",
     "university", "college", "institute", "school", "academy", "foundation", "association",
     "company", "inc", "ltd", "llc", "gmbh", "group", "media", "network", "magazine",
     # Posting and update labels in more languages: a line that holds one is no name.
     "δημοσίευση", "ενημέρωση", "פורסם", "עודכן", "yayınlanma", "güncelleme", "güncellendi",
     "опубліковано", "оновлено", "опубликовано", "обновлено", "更新", "公開", "配信",
     "发布", "發布", "diperbarui", "dipublikasikan",
     # Share buttons' words (see SOCIAL_WORDS).
     "paylaş", "שתפו", "שתף", "اشتراک", "مشاركة", "shiriki",
     # Weekdays a date line opens with, in scripts without capitals to tell them by.
     "الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت",
     "jumatatu", "jumanne", "jumatano", "alhamisi", "ijumaa", "jumamosi", "jumapili"}
)  # fmt: skip
# Weekdays a date line opens with: alone, such a word is no name ("Selasa, 04 Mar 2025"), though
# beside another it may be one ("Plácido Domingo").
WEEKDAYS = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
     "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonnabend",
     "sonntag", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
     "lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo", "segunda-feira",
     "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira", "lunedì", "martedì",
     "mercoledì", "giovedì", "venerdì", "sabato", "domenica", "maandag", "dinsdag", "woensdag",
     "donderdag", "vrijdag", "zaterdag", "zondag", "poniedziałek", "wtorek", "środa",
     "czwartek", "piątek", "sobota", "niedziela", "senin", "selasa", "rabu", "kamis", "jumat",
     "sabtu", "minggu", "pazartesi", "salı", "çarşamba", "perşembe", "cuma", "cumartesi",
     "pazar", "понедельник", "вторник", "среда", "четверг", "пятница", "суббота",
     "воскресенье", "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag",
     "mandag", "tirsdag", "lørdag", "søndag"}
)  # fmt: skip
# Labels of more than one word whose words alone are names: Vietnamese "Nhật" is a given name,
# "cập nhật" (updated) is a label.
NOT_PEOPLE_PHRASES = ("cập nhật", "ngày đăng", "đăng lúc", "xuất bản")
# Places of more than one word that datelines name, shaped like a person's name ("By Jane Roe,
# New York"): cities, states and countries news is filed from. One-word places need no list (a
# lone word beside a full name is read as a dateline or a desk).
DATELINE_PLACES = frozenset(
    {"new york", "los angeles", "san francisco", "san diego", "san jose", "san antonio",
     "las vegas", "new orleans", "salt lake city", "kansas city", "oklahoma city",
     "st. louis", "st louis", "el paso", "santa fe", "baton rouge", "des moines", "fort worth",
     "long beach", "palm beach", "washington dc", "washington d.c.", "new jersey",
     "new mexico", "new hampshire", "north carolina", "south carolina", "north dakota",
     "south dakota", "west virginia", "rhode island", "puerto rico", "san juan",
     "mexico city", "guatemala city", "panama city", "santo domingo", "costa rica",
     "el salvador", "buenos aires", "rio de janeiro", "são paulo", "sao paulo", "la paz",
     "hong kong", "new delhi", "kuala lumpur", "ho chi minh city", "phnom penh", "sri lanka",
     "tel aviv", "gaza city", "west bank", "abu dhabi", "kuwait city", "saudi arabia",
     "addis ababa", "cape town", "dar es salaam", "south africa", "new zealand",
     "south korea", "north korea", "united states", "united kingdom", "the hague"}
)  # fmt: skip
# Conjunctions that join the names of a byline.
NAME_JOINERS = r"and|und|et|y|e|i|og|en|och|és|a|и|와|과|및"

# Share buttons, account links and sign-up prompts: page controls in many languages.
SOCIAL_WORDS = re.compile(
    ASCII_WORD_START
    + r"\b(?:teilen|share|partager|compartir|compartilhar|partilhar|condividi|delen|dela|jaa"
    r"|udostępnij|sdílet|bagikan|megosztás|distribuie|podijeli|account|konto"
    r"|login|log in|anmelden|sign in|newsletter|abonn\w*|subscribe|facebook|twitter|whatsapp"
    r"|telegram|linkedin|pinterest|reddit|e-?mail|print|drucken|imprimer|imprimir)\b"
    # Unspaced scripts: no word boundaries to anchor on.
    r"|シェア|ツイート|공유하기|分享|印刷|인쇄"
    # Share buttons in Turkish, Hebrew, Persian, Arabic, Vietnamese, Swahili, Russian, Greek.
    r"|paylaş|שתפו|שתף|اشتراک|مشاركة|chia sẻ|shiriki|поделиться|κοινοποίηση",
    re.IGNORECASE,
)
# Reading times and relative times: "5 min read", "vor 3 Stunden".
READING_TIME = re.compile(
    r"(?=[\da-z])"  # every form starts with a digit or an ASCII letter (see ASCII_WORD_START)
    r"(?:\b\d+\s*(?:min(?:ute)?s?|minuten|minutos)\b.{0,12}(?:read|lesezeit|lectura|lecture)"
    r"|\b(?:read|lesezeit|lectura|temps de lecture)\b.{0,4}\d+\s*min"
    r"|\b\d+\s*(?:seconds?|minutes?|hours?|days?|weeks?|months?)\s+ago\b"
    r"|\bvor\s+\d+\s*(?:sekunden|minuten|stunden|tagen)\b|\d+\s*(?:분|시간|일)\s*전)",
    re.IGNORECASE,
)

# The commonest function words of the languages news comes in: running text is full of them,
# menus, buttons and captions are not (jusText's stop-word density, kept small).
_FUNCTION_WORDS = """the a an and or but of to in on at for with from by as is are was were
    be been has have had it its this that these those which who what when where not no will
    would can could should may might their there they he she we you i his her our your than
    then so if also
    der die das und oder aber ein eine einer eines dem den des zu im in auf mit von für ist
    sind war waren wird werden hat haben nicht auch sich es er sie wir noch nach bei aus wie
    le la les un une des et ou mais de du au aux en dans sur pour par avec est sont était qui
    que ce cette il elle nous vous ils ne pas plus se sa son ses leur
    el los las unos unas y o pero del al con por para es son era que se su sus lo no más
    il lo gli uno una e o ma di da nel nella con per è sono era che non si suo sua
    o os as um uma e ou mas do da dos das no na em com por para é são que não se seu sua
    het een en of maar van in op met voor is zijn was dat die niet ook als
    och eller men av på med för är var att som inte det den
    og eller men af på med for er var at som ikke det den
    i w na z do że się nie jest są to jak ale o po
    в и на с по не что это как из за для от"""
FUNCTION_WORDS = frozenset(_FUNCTION_WORDS.split())
