"""The normalizer against its golden files: tests/golden/normalize/<kind>.txt.

Each line is `written => spoken`; lines starting with "# " are comments; a first line
`#! latin=spell` runs the whole file with letters spelled. UPDATE_GOLDEN does not apply here:
these lines are decisions, edited by hand.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from audiofeature.normalize import Span, normalize
from audiofeature.normalize.numbers import _integer

GOLDEN = Path(__file__).parent / "golden" / "normalize"


def _cases() -> list:
    cases = []
    for path in sorted(GOLDEN.glob("*.txt")):
        latin = "keep"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if line.startswith("#! latin="):
                latin = line.split("=", 1)[1].strip()
                continue
            if not line.strip() or line.startswith("# "):
                continue
            written, arrow, spoken = line.partition(" => ")
            assert arrow, f"{path.name}:{number}: expected `written => spoken`"
            cases.append(pytest.param(written, spoken, latin, id=f"{path.stem}:{number}:{written}"))
    return cases


@pytest.mark.parametrize(("written", "spoken", "latin"), _cases())
def test_golden(written: str, spoken: str, latin: str) -> None:
    assert normalize(written, latin).spoken == spoken  # type: ignore[arg-type]


def test_every_kind_has_a_golden_file() -> None:
    kinds = {p.stem for p in GOLDEN.glob("*.txt")}
    wanted = {
        "cardinal",
        "decimal",
        "fraction",
        "percent",
        "date",
        "time",
        "money",
        "measure",
        "range",
        "phone",
        "code",
        "ordinal",
        "math",
        "latin",
        "roman",
    }
    assert wanted <= kinds


def test_spans_map_spoken_back_to_written() -> None:
    result = normalize("2019年，市财政安排10625万元，2期")
    assert result.spoken == "二零一九年，市财政安排一万零六百二十五万元，两期"
    pieces = [
        (result.written[s.w_start : s.w_end], result.spoken[s.s_start : s.s_end], s.kind)
        for s in result.spans
    ]
    assert pieces == [
        ("2019", "二零一九", "date"),
        ("10625万", "一万零六百二十五万", "money"),
        ("2", "两", "cardinal"),
    ]


def test_spans_are_only_the_rewritten_stretches() -> None:
    assert normalize("没有数字的句子。").spans == ()
    assert normalize("").spoken == ""


def test_span_keeps_its_positional_form() -> None:
    # script.py builds Span(w_start, w_end, s_start, s_end); the kind is optional.
    assert Span(0, 1, 0, 2) == Span(0, 1, 0, 2, "")


def test_dash_is_a_pause_and_markers_are_silent() -> None:
    spoken = normalize("▲获得企业——湘窖酒业#").spoken
    assert spoken == "获得企业，湘窖酒业"


@pytest.mark.parametrize(
    "number",
    [0, 1, 10, 19, 20, 101, 110, 1001, 1010, 10010, 100100, 1000001, 10**8 + 10**4, 10**11 + 10**4],
)
def test_integer_reading_agrees_with_cn2an_where_cn2an_is_right(number: int) -> None:
    cn2an = pytest.importorskip("cn2an")
    assert _integer(number) == cn2an.an2cn(str(number))


@pytest.mark.parametrize(
    ("number", "spoken"),
    [
        (100001000, "一亿零一千"),
        (300000002000, "三千亿零二千"),
        (600007738, "六亿零七千七百三十八"),
    ],
)
def test_integer_reading_keeps_the_zero_cn2an_drops(number: int, spoken: str) -> None:
    assert _integer(number) == spoken
