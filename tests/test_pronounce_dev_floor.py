"""Regression floors on the development sets in ../shared/dev, read at run time.

These sets measure the readings; they are not our test cases (those are written for a
behaviour, in test_pronounce_readings.py). A floor only stops a change from making the whole
set worse. Each test skips, with its reason, where ../shared is not beside this checkout.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from audiofeature.pronounce import Pronouncer

DEV = Path(__file__).resolve().parents[2] / "shared" / "dev"


def rows(name: str) -> list[dict[str, str]]:
    path = DEV / name
    if not path.exists():
        pytest.skip(f"the development set {name} (../shared/dev) is not beside this checkout")
    with path.open(encoding="utf-8", newline="") as handle:
        found = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert len(found) > 100, f"{name} holds too few rows to be a floor"
    return found


def scores(name: str) -> tuple[float, dict[str, float]]:
    """Accuracy overall and per tag (rows without a tag count under "")."""
    pronouncer = Pronouncer.from_files()
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    cache: dict[str, list[str]] = {}
    for row in rows(name):
        text = row.get("text") or row["sentence"]
        if text not in cache:
            cache[text] = pronouncer.readings(text)
        said = cache[text][int(row["index"])].replace("ü", "v")
        tag = row.get("tag") or ""
        total[tag] += 1
        right[tag] += said == row["label"].strip().lower().replace("ü", "v")
    overall = sum(right.values()) / sum(total.values())
    return overall, {tag: right[tag] / total[tag] for tag in total}


def test_cpp_sample_floor():
    overall, _ = scores("cpp-sample.tsv")
    assert overall >= 0.973


def test_news_polyphones_floor():
    overall, by_tag = scores("news-polyphones.tsv")
    assert set(by_tag) >= {"surname", "history", "place", "brand", "word", "control"}
    assert overall >= 0.97
    assert min(by_tag.values()) >= 0.93, by_tag
