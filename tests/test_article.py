import json
from dataclasses import asdict

import pytest

from audiofeature.article import Figure, Paragraph, load_article, parse_article
from audiofeature.errors import ArticleError
from conftest import check_golden


def structure(article) -> str:
    """The article as JSON, each block tagged with its kind."""
    data = asdict(article)
    for section, parsed in zip(data["sections"], article.sections, strict=True):
        for block, original in zip(section["blocks"], parsed.blocks, strict=True):
            block["kind"] = type(original).__name__.lower()
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def test_seed_structure_matches_golden(seed_path):
    check_golden("seed_article.json", structure(load_article(seed_path)))


def test_seed_headline_block_is_hoisted(seed_path):
    article = load_article(seed_path)
    assert article.title == "以「质」取胜 引领高质量发展"
    assert article.subtitle == "我市实施质量强市战略工作纪实"
    assert article.byline.sentence() == "邵阳日报记者宁如娟，通讯员曾少石、陆翔"
    assert [s.heading for s in article.sections] == [
        None,
        "锚定目标 勇担使命",
        "硬核支撑 质量蜕变",
        "技术创新 智能制造",
        "最严监管 执法为民",
    ]
    assert article.lead.blocks[0].text.startswith("我国经济已由高速增长阶段")


@pytest.mark.parametrize(
    "joined",
    ["标准化试点示范区建设", "打火机行业转型升级", "餐饮服务品安全保障工作"],
)
def test_seed_split_paragraphs_are_rejoined(seed_path, joined):
    paragraphs = [
        b.text
        for s in load_article(seed_path).sections
        for b in s.blocks
        if isinstance(b, Paragraph)
    ]
    assert sum(joined in p for p in paragraphs) == 1
    assert not any(p.startswith(joined[len(joined) // 2 :]) for p in paragraphs)


def test_seed_has_four_figures_without_markers(seed_path):
    figures = [
        b for s in load_article(seed_path).sections for b in s.blocks if isinstance(b, Figure)
    ]
    assert len(figures) == 4
    assert all(not f.caption.startswith("▲") for f in figures)


def test_paragraph_with_closing_punctuation_is_not_joined():
    article = parse_article("# 标题\n\n第一段。\n\n第二段。\n")
    assert [b.text for b in article.sections[0].blocks] == ["第一段。", "第二段。"]


def test_plain_heading_without_bullet_opens_section():
    article = parse_article("# 标题\n\n导语。\n\n## 第一部分\n\n正文。\n")
    assert [s.heading for s in article.sections] == [None, "第一部分"]


@pytest.mark.parametrize("content", ["", "   \n\n\t\n"])
def test_empty_article_is_an_error(tmp_path, content):
    path = tmp_path / "empty.txt"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ArticleError, match="empty"):
        load_article(path)


def test_missing_file_is_an_error(tmp_path):
    with pytest.raises(ArticleError, match="no such file"):
        load_article(tmp_path / "nope.txt")


@pytest.mark.parametrize(
    ("line", "credit"),
    [
        ("(Credit: Nasa)", True),
        ("(Credit: David Frohman/Peachstate Historical Consulting Inc)", True),
        ("Photo: Reuters", True),
        ("© Getty Images", True),
        ("Image courtesy of NASA", True),
        ("Buzz Aldrin on the Moon", False),
        ("A photo of the moon", False),
        ("Credits to the team who built it", False),
        ("图片来源：新华社", False),  # Chinese credits are the caption rules' (photo_credit)
    ],
)
def test_an_english_photo_credit_is_no_description(line, credit):
    from audiofeature.article.credits import is_english_photo_credit

    assert is_english_photo_credit(line) is credit
