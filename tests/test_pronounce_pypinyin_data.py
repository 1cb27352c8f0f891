"""pypinyin with its phrase data packed reads exactly as pypinyin imported the usual way."""

import json
import os
import subprocess
import sys

SENTENCES = [
    "朝阳区的重庆银行行长曾少石说，那些人都长大了。",
    "邵阳湘窖酒业有限公司投资10625万元，一丁点儿也不差。",
    "他们在长沙和厦门之间来回奔波，觉得这件事很重要。",
]

# Run in fresh interpreters: whether pypinyin was imported before decides which path is taken.
PACKED = """
import json, sys
from audiofeature.pronounce.pypinyin_data import _package_folder, library, phrases
from audiofeature.pronounce.pypinyin_data import PackedPhrases
pypinyin = library()
from pypinyin import constants, converter, core
from pypinyin.seg import mmseg, simpleseg
data = phrases()
assert isinstance(data, PackedPhrases)
assert all(m.PHRASES_DICT is data for m in (constants, converter, core, mmseg, simpleseg))
own = json.loads((_package_folder() / "phrases_dict.json").read_text(encoding="utf-8"))
assert dict(data.items()) == own, "the words or their readings differ"
assert mmseg.p_set._set == {w[: i + 1] for w in own for i in range(len(w))}
styles = (pypinyin.Style.TONE, pypinyin.Style.TONE3, pypinyin.Style.NORMAL)
print(json.dumps([[pypinyin.lazy_pinyin(s, style=st) for st in styles] for s in sys.argv[1:]]))
print(json.dumps([pypinyin.pinyin(s, heteronym=True) for s in sys.argv[1:]]))
"""

PLAIN = """
import json, sys
import pypinyin
styles = (pypinyin.Style.TONE, pypinyin.Style.TONE3, pypinyin.Style.NORMAL)
print(json.dumps([[pypinyin.lazy_pinyin(s, style=st) for st in styles] for s in sys.argv[1:]]))
print(json.dumps([pypinyin.pinyin(s, heteronym=True) for s in sys.argv[1:]]))
"""


def _run(code: str, cache: str) -> list:
    env = {**os.environ, "XDG_CACHE_HOME": cache}
    env.pop("PYPINYIN_NO_PHRASES", None)
    out = subprocess.run(
        [sys.executable, "-c", code, *SENTENCES],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    return [json.loads(line) for line in out.stdout.splitlines()]


def test_packed_phrase_data_reads_as_pypinyin_does(tmp_path):
    plain = _run(PLAIN, str(tmp_path))
    made = _run(PACKED, str(tmp_path))  # packs the data into the empty cache
    assert list((tmp_path / "audiofeature").glob("pypinyin-phrases-*.marshal"))
    kept = _run(PACKED, str(tmp_path))  # reads the packed file
    assert made == plain
    assert kept == plain


def test_words_added_at_run_time_are_read():
    from audiofeature.pronounce.pypinyin_data import PackedPhrases

    data = PackedPhrases({"长大": "zhǎng dà"})
    data["行长"] = [["háng"], ["zhǎng"]]
    data.update({"朝阳": [["zhāo"], ["yáng"]]})
    assert data["长大"] == [["zhǎng"], ["dà"]]
    assert data["行长"] == [["háng"], ["zhǎng"]]
    assert set(data) == {"长大", "行长", "朝阳"} and len(data) == 3
    assert "朝阳" in data and "银行" not in data


# A pypinyin whose segmenter keeps its prefixes otherwise gets its own data, loaded its way.
OTHER_LAYOUT = """
import json, os, sys
os.environ["PYPINYIN_NO_PHRASES"] = "1"
import pypinyin
from pypinyin.seg import mmseg
del mmseg.p_set
mmseg.seg._prefix_set = mmseg.PrefixSet()
mmseg.p_set = None
from audiofeature.pronounce import pypinyin_data
pypinyin_data._install({"phrases": {}, "prefixes": set()})
print(json.dumps([pypinyin.lazy_pinyin(s) for s in sys.argv[1:]]))
"""


def test_a_pypinyin_laid_out_otherwise_keeps_its_own_data(tmp_path):
    plain = _run(PLAIN, str(tmp_path))[0]
    assert _run(OTHER_LAYOUT, str(tmp_path)) == [[normal for _, _, normal in plain]]
