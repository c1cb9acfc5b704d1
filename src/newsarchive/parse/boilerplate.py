"""Lines that are page furniture, not article: kept as data so one list serves every parser.

Two kinds: `FURNITURE` lines are dropped wherever they stand (skip links, share buttons, font
controls); `END_MARKERS` mean the article is over (copyright, "related articles", comment prompts).
"""

from __future__ import annotations

import re
from functools import lru_cache

from .vocabulary import contains_any

# Where an advertisement stood inside the text: dropped even where a paragraph's model would
# keep it.
_AD_BREAK_PHRASES = (
    r"advertisement",
    r"(?:story|article) continues (?:below|after)(?: (?:this|the) ad\w*| advertisement)?",
    r"anzeige",
    r"publicité",
    r"publicidad",
    r"pubblicità",
    r"광고",
)
AD_BREAK = re.compile(r"^(?:" + "|".join(_AD_BREAK_PHRASES) + r")\s*$", re.IGNORECASE)

_FURNITURE_PHRASES = (
    # A photo gallery's link: "5 Bilder - Fotostrecke öffnen", "12 photos".
    r"\d+ (?:bilder|fotos|photos|images|pictures|immagini|imágenes)(?:\s*[-–:|].{0,40})?",
    r"(?:fotostrecke|bildergalerie|photo gallery|galerie photos?)(?:\s.{0,40})?",
    # Skip links, navigation and page controls.
    r"go to (?:main )?contents?(?: go to navigation)?",
    r"skip to (?:main )?content",
    r"back to top",
    r"table of contents",
    r"jump to (?:recipe|review|section|comments)",
    r"read more",
    # What an embedded post prints in place of the post.
    r"view this post on (?:instagram|facebook|x|threads|tiktok)",
    r"a post shared by .{1,60}\(@[\w.]+\)",
    # Shop buttons of product reviews.
    r"(?:buy|shop|view) (?:it )?(?:now )?(?:on|at) amazon",
    r"check (?:the )?(?:latest )?(?:amazon )?price",
    # A link back to the section: "Back to Health", "Zurück zu Politik", "Trở lại Sức khỏe".
    r"(?:back to|zurück zu[rm]?|retour (?:à|au|aux)|volver a|torna a|trở lại)"
    r"(?:\s[^\W\d_][\w&-]*){1,2}",
    # A gallery's counter: "1 of 12".
    r"\d+\s*(?:of|von|de|di|/)\s*\d+(?:\s*[|·-].{0,30})?",
    r"menu",
    # A text browser's list of the page's links (lynx -dump): "3. https://example.org/a".
    r"\d+\.\s+(?:https?|ftp|file)://\S+",
    r"print preview",
    r"print",
    r"font size (?:up|down)",
    r"share",
    r"share this(?: article)?",
    r"e-?mail",
    r"facebook",
    r"twitter",
    r"kakao(?:talk)?",
    r"copy link",
    r"search",
    r"search close",
    r"search for\s*:?",
    r"(?:now|currently) reading\s*:?",
    r"you are here\s*:?",
    r"close",
    r"login",
    r"log ?in",
    r"subscribe",
    r"sign up",
    r"register",
    r"site ?map",
    r"e-paper",
    *_AD_BREAK_PHRASES,
    r"ad",
    r"\d+ min read",
    r"listen to (?:this )?article",
    # The same player in other languages, with its length: "Artikel zum Hören • 4 Min".
    r"(?:artikel (?:zum )?(?:an)?hören|(?:é|e)couter (?:cet |l['’])?article"
    r"|escuchar (?:este )?art[ií]culo|ascolta (?:l['’])?articolo|기사 ?듣기)"
    r"(?:\s*[•·|-]?\s*\d+\s*min\.?)?",
    # A reading time on its own line: "Temps de lecture : 2min", "Lesezeit: 4 Minuten".
    r"(?:temps de lecture|lesezeit|tiempo de lectura|tempo di lettura|reading time)\s*:?\s*"
    r"\d+\s*(?:min\w*\.?)",
    r"text size",
    r"comments?",
    r"top",
    r"home",
    r"translated by .*",
    r"photo ?: .*",
    r"(?:foto|fotos|bild|crédit photo|crédito) ?: .*",  # a photo's credit, in other languages
    r"사진 ?: .*",
    # Korean page controls.
    r"본문 바로가기",
    r"메뉴 바로가기",
    r"댓글",
    r"글자크기 ?설정",
    r"글자 ?크기",
    r"인쇄(?:하기)?",
    r"공유(?:하기)?",
    r"스크랩",
    r"팝업창 닫기",
    r"top ?버튼",
    r"더보기",
    r"닫기",
    r"구독",
    r"좋아요",
    r"기사 ?저장",
    r"뉴스 ?검색",
)
# A control's arrow or chevron is part of its label: "< Back to top", "Read more ↓".
_ARROWS = r"[<>«»‹›↑↓←→⬆⬇^]*\s*"
_ARROWS_AFTER = r"[<>«»‹›↑↓←→⬆⬇^]+\s*"
FURNITURE = re.compile(
    r"^" + _ARROWS + r"(?:" + "|".join(_FURNITURE_PHRASES) + r")\s*(?:" + _ARROWS_AFTER + r")?$",
    re.IGNORECASE,
)

_END_PHRASES = (
    r".*copyright.*",
    r"(?:.*\W)?[©ⓒ].*",  # a sign, not a letter's mojibake ("sÄ©")
    r".*\(c\) ?\d{4}.*",
    r".*all rights reserved.*",
    r".*무단 ?전재.*",
    r".*저작권자.*",
    r".*재배포 금지.*",
    r".*無断(?:転載|複製|使用).{0,12}禁(?:じ|止).*",  # the same notice in Japanese
    r".*본지의 편집 ?방향과 다를 수 있습니다.*",  # a column's disclaimer
    # The article's tags and where it appeared: lines after the text.
    r"(?:tags?|topics?|categories|filed under|schlagwörter|étiquettes|etiquetas)\s*:.*",
    r"(?:a version of )?this (?:article|story) (?:originally |first )?appeared (?:in|on) .*",
    r"thanks for reading .*",
    r"관련 ?기사",
    r"関連(?:記事|ニュース)",
    r"相关(?:新闻|阅读|报道)",
    r"相關(?:新聞|閱讀|報導)",
    r"관련 ?뉴스",
    r"related (?:articles?|stories|news|coverage)",
    # ... and in more languages: Turkish, Persian, Arabic, Vietnamese, Swahili, Chinese.
    r"ilgili haberler",
    r"اخبار مرتبط",
    r"أخبار ذات صلة",
    r"tin liên quan",
    r"habari (?:zinazohusiana|nyingine)",
    r"延伸閱讀",
    r"延伸阅读",
    r"more from .*",
    r"most (?:viewed|read|popular)(?: articles)?",
    r"latest news",
    r"top stories",
    r"hot issue",
    r"당신이 좋아할 만한 콘텐츠",
    r"이 기사에 대해 어떻게 생각하시나요\??",
    r"많이 본 뉴스",
    r"실시간 (?:인기|주요).*",
    r"■ ?제보하기",
    r"you (?:might|may) also like.*",
    r"recommended",
    r"what do you think\??",
    r"leave a comment",
    r"\d+ (?:comments?|responses?|replies|kommentare)(?: (?:on|to|for|zu) .*)?",
    r"(?:leave|post|add|write) a (?:comment|reply|response)",
    r"(?:show|view|load) (?:all )?comments?(?: \(\d+\))?",
    r"more stories",
)
END_MARKER = re.compile(r"^(?:" + "|".join(_END_PHRASES) + r")$", re.IGNORECASE)

# Where readers' comments begin: their rules or closing notice. Nothing after is the article's.
COMMENTS = re.compile(
    r"kommentarfunktion|netiquette|comments are closed|leave a reply|i commenti sono chiusi"
    r"|commentaires sont fermés|comentarios están cerrados",
    re.IGNORECASE,
)


def opens_comments(line: str) -> bool:
    return len(line) < 200 and bool(COMMENTS.search(line))


# Whole-line labels that are only a site's section or a broadcast script cue.
SCRIPT_CUE = re.compile(
    r"^(?:<[^<>]{1,12}>|\[[^\[\]]{1,20}\]|[\uac00-\ud7a3]{2,4}\s*(?:앵커|기자|아나운서)\s*>"
    r"|\([^()]{1,120}\)|\|+|[-–—•·*]+)$"
)
# What introduces a teaser for another article, in the languages the parsers read.
_TEASER_LABELS = (
    r"read more|read also|see also|also read|related|lesen sie auch|mehr zum thema|lire aussi"
    r"|à lire aussi|à lire également|voir aussi|leer también|lea también|leé también"
    r"|más información|noticia relacionada|leggi anche|leia também|veja também|les også"
    r"|läs också|læs også|lue myös|lees ook|zobacz także|zobacz też|czytaj także|czytaj też"
    r"|przeczytaj także|přečtěte si také|čtěte také|читайте также|смотрите также"
    r"|читайте також|ayrıca okuyun|ilgili haber|baca juga|xem thêm|اقرأ أيضا|اقرأ أيضاً"
    r"|إقرأ أيضا|بیشتر بخوانید|더 읽기|함께 보기|관련 기사|관련기사|関連記事|あわせて読みたい"
    r"|相关阅读|相關閱讀|延伸阅读|延伸閱讀|相关新闻|相關新聞"
)
# A pointer or an opening bracket a page may set before the label ("▶ 관련기사:", "【関連記事】").
_TEASER_OPEN = r"[▶►▷■☞→]?\s*+[【\[〔]?\s*+"  # spaces taken whole: see dates._GAP
# A teaser for another article: its label, then its title, on the same line...
READ_MORE = re.compile(rf"^{_TEASER_OPEN}(?:{_TEASER_LABELS})\s*[:：】\]〕]", re.IGNORECASE)
# ...with its title run into it where the page set them in separate elements ("Read alsoFive
# things"), or after a space ("Lire aussi Ce que contient le budget"), never a sentence.
TEASER_LINE = re.compile(
    rf"^(?!read more\s){_TEASER_OPEN}(?:{_TEASER_LABELS})"
    r"(?:\s*[:：|】\]〕]|(?-i:(?<=[a-zà-ÿ])(?=[A-ZÀ-Þ]))|\s+(?-i:(?=[A-ZÀ-Þ0-9«\"“‘'])))"
    r"(?!.*[.!?。]$)",
    re.IGNORECASE,
)


def is_teaser_line(text: str) -> bool:
    """A teaser for another article, its label and its title on one line."""
    return bool(READ_MORE.match(text) or TEASER_LINE.match(text))


# ...or the label on a line of its own, the title on the next ("Read more" alone is as often
# a button that opens the rest of a section, whose heading follows).
TEASER_LABEL = re.compile(rf"^(?!read more)(?:{_TEASER_LABELS})\s*[:：]?$", re.IGNORECASE)


# Notices a page shows in place of embedded or withheld content (consent walls, script warnings,
# subscription prompts): recognised anywhere in a short line.
_NOTICE_PHRASES = (
    r"externe[nr]? inhalt",
    r"external content",
    r"third[- ]party content",
    r"drittanbieter",
    r"datenschutzerklärung",
    r"privacy policy",
    r"ich bin damit einverstanden",
    r"i agree to",
    r"widerrufliche einwilligung",
    r"cookie",
    # Consent walls: the choice between personalised advertising and a paid plan.
    r"personali[sz]ed (?:ads|advertising)",
    r"personalisierte[rn]? werbung",
    r"publicité personnalisée",
    r"pubblicità personalizzata",
    r"publicidad personalizada",
    r"werbefrei",
    r"ohne werbe(?:banner|spots)",
    r"ad-free",
    r"personenbezogene[rn]? daten",
    r"process\w* (?:your )?personal data",
    r"collect\w* (?:your )?personal data",
    r"données personnelles",
    r"dati personali",
    r"datos personales",
    r"datenschutz-?(?:optionen|einstellungen)",
    r"privacy (?:settings|options)",
    r"enable javascript",
    r"javascript (?:is )?(?:disabled|required|enabled)",
    r"requires? javascript",
    r"activer? javascript",
    r"your browser does not",
    r"reserved for subscribers",
    r"for subscribers\b",
    r"subscribers\. ",
    r"para suscriptores",
    r"für abonnenten",
    r"réservée? aux abonnés",
    r"sign up (?:to|for) (?:our|the)",
    r"subscribe (?:now|to read|to continue)",
    r"already a subscriber",
    r"jetzt abonnieren",
    r"abonnez-vous",
    r"suscríbete",
    r"sign up for (?:our|the) newsletter",
    r"newsletter abonnieren",
    r"inhalte von (?:youtube|twitter|x|instagram|facebook|tiktok)",
    r"content from (?:youtube|twitter|x|instagram|facebook|tiktok)",
    r"click to (?:show|load)",
    r"klicken sie hier",
    r"mit einem klick anzeigen",
    # Comment forms and their rules.
    r"join the conversation",
    r"ihre kommentare",
    r"kommentar schreiben",
    r"your email address will not be published",
    r"comments are moderated",
    r"comment policy",
    r"votre commentaire",
    r"tu comentario",
    r"il tuo commento",
    r"seu comentário",
)
NOTICE = re.compile("|".join(_NOTICE_PHRASES), re.IGNORECASE)
_METACHARS = set("\\()[]{}?*+|^$.")


def literal_head(pattern: str) -> str:
    """The letters a pattern's every match starts with: its text before the first regular
    expression syntax (a character made optional by the next one excluded)."""
    head = []
    for i, ch in enumerate(pattern):
        if ch in _METACHARS or (i + 1 < len(pattern) and pattern[i + 1] in "?*{"):
            break
        head.append(ch)
    return "".join(head).lower()


# A cheap first pass before the regular expressions, which run on every line and block: a
# phrase can match only where its literal head is printed (tests check that every phrase has
# one, so that none is unreachable).
NOTICE_HEADS = tuple(literal_head(p) for p in _NOTICE_PHRASES)

# What a page prints between an article's paragraphs: a sign-up box and what its form
# answers, an ad or a player that did not load. Not the article, but not its end either.
_PLACEHOLDER_PHRASES = (
    r"register\b[^.]{0,20}\bto (?:unlock|continue)",
    r"sign[ -]in\b[^.]{0,20}\bto (?:unlock|continue)",
    r"log in\b[^.]{0,20}\bto (?:unlock|continue)",
    r"subscribe\b[^.]{0,20}\bto (?:unlock|continue)",
    r"unlock (?:more|this) (?:articles?|story)",
    r"save this article by registering",
    r"create an account or sign in",
    r"thanks? (?:you )?for signing up",
    r"signing you up",
    r"a valid email",
    r"by signing up,? you (?:consent|agree)",
    r"welcome email is on its way",
    r"advertisement has not loaded",
    r"story continues below",
    r"article continues below",
    r"video (?:has )?failed to load",
    r"try refreshing your browser",
)
PLACEHOLDER = re.compile("|".join(_PLACEHOLDER_PHRASES), re.IGNORECASE)
PLACEHOLDER_HEADS = tuple(literal_head(p) for p in _PLACEHOLDER_PHRASES)


# A photo caption or credit: "... Foto: Jane Roe (Agency)", "... | Getty Images".
CAPTION = re.compile(
    r"(?:\b(?:foto|photo|photograph|bild|image|credit|kuva|zdjęcie|фото|사진|写真)\s*(?:credit)?\s*[:©]"
    r"\s*[^.!?]{2,100}$)"
    r"|(?:getty images|ap photo|reuters/|afp via getty|shutterstock|imago images|picture alliance"
    r"|dpa-bildfunk|keystone-sda|epa-efe)[^.!?]{0,60}$",
    re.IGNORECASE,
)


# A photo's credit closing its caption: "... (AP Photo/Jane Roe)", "... (Jane Roe/CBC)".
CREDIT_END = re.compile(
    r"\((?:(?:[A-Z][\w.'’-]*\s?){1,4}/\s?(?:[A-Z][\w.'’-]*\s?){1,4}"
    r"|(?:[A-Z]{2,6}\s)?(?:Photo|Video|Foto|Image|Bild)s?(?:\sby|:)\s[^()]{2,40})\)\s*$"
)
# A credit on a line of its own: "Jane Roe/via Reuters", "Jane Roe-Amsel/ndr".
CREDIT_LINE = re.compile(r"^(?:[A-Z][\w.'’-]*\s?){1,4}/\s?(?:via\s)?(?:[\w.'’&-]+\s?){1,4}$")


# A caption names its credit after a colon or a copyright sign, or names an agency.
_AGENCIES = (
    "getty images",
    "ap photo",
    "reuters/",
    "afp via getty",
    "shutterstock",
    "imago images",
    "picture alliance",
    "dpa-bildfunk",
    "keystone-sda",
    "epa-efe",
)


# Photo agencies, as a caption's credit names them after a photographer or before one.
_PHOTO_AGENCIES = (
    r"AFP|AP|EPA|EFE|Reuters|REUTERS|ANSA|dpa|DPA|Getty Images|AAP|Xinhua|XINHUA|Anadolu"
    r"|Kyodo|Yonhap|Shutterstock|Alamy|ANP|Belga|NTB|Ritzau|Lusa|PAP|ČTK|MTI|Keystone|APA"
    r"|SIPA|Sipa|IMAGO|Imago|NurPhoto|SOPA Images|Bloomberg|TASS|RIA Novosti|UPI"
)
# A caption's credit after its sentence: "... on Tuesday. JOHN WESSELS / AFP", "... en
# Madrid. EFE/Juan Carlos Hidalgo"; in Korean after a slash or as the press pool ("... 있다.
# /연합뉴스", "사진공동취재단"); in Chinese, the photographer's name before 摄 (photographed).
# Not an agency in brackets: "... hieß es. (dpa)" closes many an article's last paragraph.
# A name's words are set apart by a space each, so that a run of capitals splits one way.
_CREDIT_NAME = r"[A-ZÀ-Þ][\w.'’-]*(?:\s[A-ZÀ-Þ][\w.'’-]*){0,3}"
CREDIT_AFTER_SENTENCE = re.compile(
    r"[.!?。]\s+(?:"
    + _CREDIT_NAME
    + r"\s?/\s?(?:"
    + _PHOTO_AGENCIES
    + r")|(?:"
    + _PHOTO_AGENCIES
    + r")\s?/\s?"
    + _CREDIT_NAME
    + r"|/\s?[\uac00-\ud7a3A-Za-z0-9]{2,10}|사진공동취재단|(?:사진|촬영)\s?=\s?[^\s]{2,12}"
    r")\s*$"
    r"|[\u4e00-\u9fff]{2,4}\s?摄\s*[）)]?\s*$"
)


def credit_after_sentence(line: str) -> bool:
    """A caption with its credit after its sentence (CREDIT_AFTER_SENTENCE): a line of a
    caption's length, never a paragraph of prose that happens to end with a name."""
    return len(line) <= 300 and bool(CREDIT_AFTER_SENTENCE.search(line[-80:]))


@lru_cache(maxsize=8192)
def is_caption(line: str) -> bool:
    if len(line) >= 400:
        return False
    if line.endswith(")") and CREDIT_END.search(line):
        return True
    if credit_after_sentence(line):
        return True
    if "/" in line and len(line) < 60 and CREDIT_LINE.match(line):
        return True
    if ":" not in line and "©" not in line:
        lowered = line.lower()
        if not contains_any(lowered, _AGENCIES):
            return False
    return bool(CAPTION.search(line))


# A publishing system's markup its page did not render around a button's or a link's few
# words: "[button link=...]Send us[/button]" (around a paragraph, the paragraph is still prose).
SHORTCODE = re.compile(r"\[(\w+)\b[^\]]{0,200}\].{0,80}\[/\1\]\s*$")


@lru_cache(maxsize=8192)
def is_notice(line: str) -> bool:
    """A consent wall, script warning, comment rule or subscription prompt: it says so early.
    Placeholders (see `is_placeholder`) are notices too."""
    head = line[:200]
    lowered = head.lower()
    if contains_any(lowered, NOTICE_HEADS) and NOTICE.search(head):
        return True
    return is_placeholder(line) or bool(head.startswith("[") and SHORTCODE.match(line))


@lru_cache(maxsize=8192)
def is_placeholder(line: str) -> bool:
    """A sign-up box's text or an ad's or player's placeholder, printed inside an article."""
    head = line[:200]
    lowered = head.lower()
    return contains_any(lowered, PLACEHOLDER_HEADS) and bool(PLACEHOLDER.search(head))


# A link's note for screen readers, copied with its text: "Bluesky (öffnet im neuen Fenster)".
LINK_NOTE = re.compile(
    r"\((?:öffnet|opens?|ouvre|abre|apre|otwiera|åpnes|öppnas|opent)\b[^)]{0,40}\)\s*$"
    r"|opens? in (?:a )?new (?:window|tab)\s*$",
    re.IGNORECASE,
)


@lru_cache(maxsize=8192)
def is_furniture(line: str) -> bool:
    text = line.strip()
    return (
        bool(FURNITURE.match(text))
        or bool(SCRIPT_CUE.match(text))
        or bool(READ_MORE.match(text))
        or bool(LINK_NOTE.search(text))
    )


@lru_cache(maxsize=8192)
def is_end_marker(line: str) -> bool:
    return bool(END_MARKER.match(line.strip()))


_BREADCRUMB_SEPARATORS = re.compile(r"\s(?:>|›|»|/)\s")


def is_breadcrumb(line: str) -> bool:
    """A section path, not a title: "Home > News > World", "경제·금융 경제·금융일반"."""
    text = line.strip()
    if len(_BREADCRUMB_SEPARATORS.findall(text)) >= 1 and len(text) < 80:
        return True
    words = text.split()
    if 2 <= len(words) <= 4:
        return any(w != v and v.startswith(w) for i, w in enumerate(words) for v in words[i + 1 :])
    return False
