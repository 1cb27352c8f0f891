"""Surface tones for pinyin voices: 一, 不 and third-tone sandhi on our own readings."""

import pytest

from audiofeature.pronounce.sandhi import surface_tones


def changed(text: str, readings: str) -> dict[str, str]:
    said = surface_tones(text, readings.split())
    return {
        f"{i}{c}": s
        for i, (c, r, s) in enumerate(zip(text, readings.split(), said, strict=True))
        if r != s
    }


@pytest.mark.parametrize(
    ("text", "readings", "expected"),
    [
        ("不去", "bu4 qu4", {"0不": "bu2"}),
        ("不来", "bu4 lai2", {}),
        ("一定", "yi1 ding4", {"0一": "yi2"}),
        ("一天", "yi1 tian1", {"0一": "yi4"}),
        ("第一名", "di4 yi1 ming2", {}),
        ("一九九八年", "yi1 jiu3 jiu3 ba1 nian2", {"1九": "jiu2"}),
        ("统一思想", "tong3 yi1 si1 xiang3", {}),
        ("你好", "ni3 hao3", {"0你": "ni2"}),
        ("展览馆", "zhan3 lan3 guan3", {"0展": "zhan2", "1览": "lan2"}),
        ("曾少石", "zeng1 shao3 shi2", {}),
    ],
)
def test_surface_tones(text, readings, expected):
    assert changed(text, readings) == expected


def test_one_reading_per_character_and_non_chinese_kept():
    readings = ["A", "yi1", "ge4", "，"]
    assert surface_tones("A一个，", readings) == ("A", "yi2", "ge4", "，")
