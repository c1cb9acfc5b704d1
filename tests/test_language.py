"""Language identification: fastText first, py3langid where fastText is unsure."""

from __future__ import annotations

import pytest

from newsarchive.parse import language
from newsarchive.parse.language import choose_language, identify

SAMPLES = {
    "en": "The city council voted on Tuesday to extend the night bus service until the end of "
    "the year, after months of complaints from workers on late shifts.",
    "de": "Der Stadtrat hat am Dienstag beschlossen, den Nachtbus bis zum Jahresende "
    "weiterfahren zu lassen, nachdem sich Schichtarbeiter monatelang beschwert hatten.",
    "fr": "Le conseil municipal a voté mardi la prolongation du bus de nuit jusqu'à la fin de "
    "l'année, après des mois de plaintes des travailleurs de nuit.",
    "es": "El ayuntamiento votó el martes prolongar el autobús nocturno hasta final de año, "
    "tras meses de quejas de los trabajadores del turno de noche.",
    "ru": "Городской совет во вторник проголосовал за продление ночного автобуса до конца "
    "года после многомесячных жалоб работников ночных смен.",
    "ko": "시의회는 화요일 야간 버스 운행을 연말까지 연장하기로 의결했다. 야간 근무자들의 "
    "불만이 수개월째 이어진 데 따른 것이다.",
    "ja": "市議会は火曜日、夜間バスの運行を年末まで延長することを決めた。夜勤の労働者から"
    "数か月にわたり不満の声が上がっていた。",
    "zh": "市议会周二投票决定将夜间公交服务延长至年底，此前夜班工人抱怨了数月。",
}
# Languages outside fastText's 176, which it reads as English with little confidence.
UNSURE = {
    "zu": "Umongameli wezwe uthe uhulumeni uzoqhubeka nokwakha izindlu ezintsha zabantu "
    "abahlala emijondolo. Abantu abaningi bathi basalinde usizo oluvela kumasipala wendawo.",
    "xh": "Umongameli welizwe uthe urhulumente uza kuqhubeka nokwakha izindlu ezintsha zabantu "
    "abahlala ematyotyombeni. Abantu abaninzi bathi basalindele uncedo oluvela kumasipala.",
}


@pytest.mark.parametrize("tag", sorted(SAMPLES))
def test_a_paragraph_is_identified(tag: str) -> None:
    assert identify(SAMPLES[tag]) == tag


@pytest.mark.parametrize("tag", sorted(UNSURE))
def test_where_fasttext_is_unsure_py3langid_decides(tag: str) -> None:
    assert identify(UNSURE[tag]) == tag


def test_a_confident_answer_never_loads_the_second_identifier(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse() -> None:
        raise AssertionError("py3langid consulted on a plain English paragraph")

    monkeypatch.setattr(language, "_second_opinion", refuse)
    assert identify(SAMPLES["en"]) == "en"


@pytest.mark.parametrize("text", ["", "   ", "12:30 — 4/5", "...\n---"])
def test_nothing_to_go_on_is_undetermined(text: str) -> None:
    assert identify(text) == "und"


def test_a_declaration_the_text_allows_stands_and_one_it_contradicts_does_not() -> None:
    assert choose_language("nb", SAMPLES["de"]) == "de"
    assert choose_language("nb", "Bystyret vedtok tirsdag å forlenge nattbussen ut året.") == "no"
    assert choose_language("de", SAMPLES["de"]) == "de"
    assert choose_language("en", SAMPLES["ko"]) == "ko"
    assert choose_language(None, SAMPLES["fr"]) == "fr"


def test_fasttext_labels_that_are_no_language_tag_are_translated() -> None:
    # fastText's "als" is Alemannic; ISO 639's als is Tosk Albanian.
    swiss = "Grüezi mitenand, hüt isch es schöns Wätter und mir gönd go wandere i d Bärge."
    assert identify(swiss) != "als"
    assert language._FASTTEXT_TAGS["als"] == "gsw"
