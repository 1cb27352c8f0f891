import pytest

from audiofeature.article import load_article, parse_article
from audiofeature.pronounce import Pronouncer
from audiofeature.script import FIGURE_ANNOUNCEMENT, build_script, split_sentences

MARKERS = ("#", "●", "▲", "——")


@pytest.fixture(scope="module")
def reader():
    return Pronouncer.from_files().readings


@pytest.fixture
def seed_script(seed_path, reader):
    return build_script(load_article(seed_path), reader, "spell")


def test_first_utterance_is_the_title(seed_script):
    first = seed_script.utterances[0]
    assert first.role == "title"
    assert first.written == "以「质」取胜 引领高质量发展"


def test_front_matter_order(seed_script):
    roles = [u.role for u in seed_script.chapters[0].utterances[:3]]
    assert roles == ["title", "subtitle", "byline"]
    assert seed_script.chapters[0].utterances[2].spoken == "邵阳日报记者宁如娟，通讯员曾少石、陆翔"


def test_chapters_in_order_with_figures_where_they_stand(seed_script):
    chapters = [(c.kind, c.title) for c in seed_script.chapters]
    kinds = [k for k, _ in chapters]
    assert kinds == [
        "front",
        "section",
        "section",
        "figure",
        "figure",
        "section",
        "section",
        "figure",
        "figure",
    ]
    assert [t for k, t in chapters if k == "section"] == [
        "锚定目标 勇担使命",
        "硬核支撑 质量蜕变",
        "技术创新 智能制造",
        "最严监管 执法为民",
    ]


def test_no_marker_is_spoken(seed_script):
    for utterance in seed_script.utterances:
        assert not any(m in utterance.spoken for m in MARKERS), utterance.spoken


def test_figures_are_announced(seed_script):
    figures = [u for u in seed_script.utterances if u.role == "figure"]
    assert len(figures) == 4
    assert all(u.spoken.startswith(FIGURE_ANNOUNCEMENT) for u in figures)
    assert all(not u.written.startswith(FIGURE_ANNOUNCEMENT) for u in figures)


def test_one_reading_per_spoken_character(seed_script):
    for utterance in seed_script.utterances:
        assert len(utterance.readings) == len(utterance.spoken)


def test_pauses_grow_with_structure(reader):
    article = parse_article("# 题\n\n一句。两句。\n\n三句。\n\n## ● 小标题\n\n四句。\n")
    script = build_script(article, reader)
    pauses = {u.written: u.pause_after_ms for u in script.utterances}
    assert pauses["一句。"] < pauses["两句。"] < pauses["三句。"]


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("一。二！三？", ["一。", "二！", "三？"]),
        ("他说：“好。”然后走了。", ["他说：“好。”", "然后走了。"]),
        ("没有句号", ["没有句号"]),
        ("如何抢占?如何转化?", ["如何抢占?", "如何转化?"]),
    ],
)
def test_split_sentences(text, sentences):
    assert split_sentences(text) == sentences


def test_figure_alt_text_is_described_after_the_caption(reader):
    from audiofeature.article import Article, Figure, Section

    article = Article(
        title="题",
        sections=(
            Section(
                "小标题", (Figure(caption="游客在夜市。", alt="两名游客手拿米粉站在灯笼下。"),)
            ),
        ),
    )
    figure = [u for u in build_script(article, reader).utterances if u.role == "figure"]
    assert [u.written for u in figure] == ["游客在夜市。", "两名游客手拿米粉站在灯笼下。"]
    assert figure[1].spoken.startswith("画面：")
    assert figure[0].chapter == figure[1].chapter
