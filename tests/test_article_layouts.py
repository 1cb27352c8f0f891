"""Real layouts read the way a careful editor would (issue 10): Markdown exports with front matter
and raw HTML, captions in their printed styles, multi-story pages, kickers, one-line notices,
production credits and end credits. Every input here is written for the behaviour it shows."""

from __future__ import annotations

from pathlib import Path

import pytest

from article_parts import figures, paragraphs
from audiofeature.article import (
    load_article,
    parse_article,
    parse_html,
    parse_markdown,
)
from audiofeature.script import build_script


def headings(article):
    return [s.heading for s in article.sections if s.heading is not None]


def said(article) -> list[str]:
    """Every utterance as written and as spoken: what a listener can hear."""
    script = build_script(article, lambda text: ["a1"] * len(text))
    utterances = script.utterances
    assert utterances  # something to check
    return [u.written for u in utterances] + [u.spoken for u in utterances]


def never_said(article, *fragments: str) -> None:
    heard = "\n".join(said(article))
    for fragment in fragments:
        assert fragment not in heard, fragment


# --- Markdown is Markdown ---------------------------------------------------------------------

HEXO_POST = """
---
title: '“老街夜市”重新开张'
categories:
 - 本地
 - 民生
author: 青山网
comments: false
date: Mon, 06 May 2024 08:30:00 GMT
thumbnail: 'https://img.example.org/cover.jpg'
---

<div>
<p>　　原标题：“老街夜市”重新开张</p>
<p>　　经过三个月的改造，老街夜市昨晚重新开张，两百多个摊位迎来了第一批客人。</p>
<p>　　摊位焕然一新</p>
<p>　　新摊位统一安装了遮雨棚和照明灯，地面也重新铺上了防滑石板。</p>
<div class="img_wrapper"><img src="https://img.example.org/1.jpg" alt><span class="img_descr"></span></div>
<p>　　老街夜市入口，青山网图</p>
<p>　　一位摊主说，改造以后客人比以前多了一倍。</p>
<p>　　管理更加规范</p>
<p>　　夜市管理处实行“一摊一码”，顾客扫码就能看到摊主的健康证和营业执照。</p>
<!--adlist[<p>请长按下方二维码关注我们</p>]adlist-->
<p class="article-editor">责任编辑：王五</p>
</div>
"""


def test_front_matter_is_metadata_and_names_the_article():
    article = parse_markdown(HEXO_POST)
    assert article.title == "“老街夜市”重新开张"
    never_said(article, "title:", "categories", "thumbnail", "comments", "GMT", "青山网\n", "---")


def test_html_inside_markdown_is_read_as_html():
    article = parse_markdown(HEXO_POST)
    assert headings(article) == ["摊位焕然一新", "管理更加规范"]
    assert paragraphs(article)[0].startswith("经过三个月的改造")
    never_said(article, "<", "div", "img_wrapper", "原标题", "二维码", "责任编辑", "adlist")


def test_caption_paragraph_after_an_image_in_markdown_html():
    (figure,) = figures(parse_markdown(HEXO_POST))
    assert (figure.caption, figure.credit) == ("老街夜市入口", "青山网图")


def test_markdown_file_goes_through_the_markdown_reader(tmp_path):
    path = tmp_path / "post.md"
    path.write_text(HEXO_POST, encoding="utf-8")
    assert load_article(path) == parse_markdown(HEXO_POST)


JEKYLL_POST = """---
layout: post
title:  这个标题只在元数据里
tags: 本地
description: 一段不该读出来的摘要。
---

原文链接：青山网 ~~[「老街夜市重新开张」](https://example.org/a.html)~~

> 来源：青山网
>
> 作者：李明

# 老街夜市重新开张

【青山网】（记者李明 实习记者赵雪）经过三个月的改造，老街夜市昨晚重新开张。

### “客人比以前多了一倍”

一位摊主说，改造以后客人比以前多了一倍，收入也涨了。

![IMG_2034.jpg](https://img.example.org/2.jpg)

<figcaption>摊主在新摊位前招呼客人。图/受访者提供</figcaption>

- 夜市每天傍晚六点开放；
- 周末延长到凌晨一点。
"""


def test_markdown_headline_credits_and_figcaption():
    article = parse_markdown(JEKYLL_POST)
    assert article.title == "老街夜市重新开张"  # the body's headline wins over the metadata
    assert article.byline.sentence() == "作者李明，实习记者赵雪"
    assert headings(article) == ["“客人比以前多了一倍”"]
    (figure,) = figures(article)
    assert (figure.caption, figure.credit) == ("摊主在新摊位前招呼客人。", "图/受访者提供")
    assert paragraphs(article)[0] == "经过三个月的改造，老街夜市昨晚重新开张。"
    assert "夜市每天傍晚六点开放；" in paragraphs(article)  # a list item is read
    never_said(article, "原文链接", "example.org", "layout", "description", "IMG_2034", "<")


def test_newspaper_markdown_keeps_its_markers_as_structure():
    text = (
        "导语在标题前。\n\n# 山城夜市\n\n## ——特色街区见闻\n\n晨报记者 王小明\n\n"
        "## ● 老街换新颜\n\n傍晚六点，灯笼亮起。\n\n▲游客在夜市品尝小吃。（记者 王小明 摄）\n"
    )
    article = parse_markdown(text)
    assert (article.title, article.subtitle) == ("山城夜市", "特色街区见闻")
    assert article.byline.sentence() == "晨报记者王小明"
    assert headings(article) == ["老街换新颜"]
    (figure,) = figures(article)
    assert (figure.caption, figure.credit) == ("游客在夜市品尝小吃。", "记者 王小明 摄")


# --- captions in every printed style, at their place --------------------------------------------

PAGE = """<html><head><meta charset="utf-8"><title>{title}_青山网</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/news">新闻</a></div>
<div class="article"><h1>{title}</h1><div class="content">
<p>今年秋季开学以来，我县三十二所山区小学全部接入空中课堂，城区名师的课堂送到了大山深处。</p>
{figure}
<p>县教育局将城区六所学校的骨干教师组成授课团队，每天通过直播为山区学生上课。</p>
<p>授课老师还会在课后进行线上答疑，及时了解山区学生的学习情况和困难。</p>
</div></div></body></html>"""
TITLE = "山区小学用上空中课堂"


@pytest.mark.parametrize(
    ("figure", "caption", "credit"),
    [
        (
            '<p><img src="a.jpg"></p><p><strong>图为学生在上课。（张三 摄）</strong></p>',
            "学生在上课。",
            "张三 摄",
        ),
        (
            '<p><img src="a.jpg"></p><p style="text-align:center">资料图：学生在上课。'
            "新华社记者 李明 摄</p>",
            "学生在上课。",
            "新华社记者 李明 摄",
        ),
        (
            '<p><img src="a.jpg"></p><p style="text-align:center">学生们跟着屏幕上的城区老师'
            "一起学唱新歌，课堂气氛很热烈。</p>",
            "学生们跟着屏幕上的城区老师一起学唱新歌，课堂气氛很热烈。",
            "",
        ),
        (
            '<div class="img"><img src="a.jpg"><span class="img_descr">学生在上课。</span></div>',
            "学生在上课。",
            "",
        ),
        (
            '<p><img src="a.jpg"></p><p>学生在上课。沙坪坝区教育局供图 青山网发</p>',
            "学生在上课。",
            "沙坪坝区教育局供图 青山网发",
        ),
    ],
    ids=["bold-tu-wei", "ziliaotu", "centred-no-credit", "span-descr", "unbracketed-credit"],
)
def test_page_caption_styles(figure, caption, credit):
    article = parse_html(PAGE.format(title=TITLE, figure=figure))
    assert [(f.caption, f.credit) for f in figures(article)] == [(caption, credit)]
    assert headings(article) == []  # a caption is never a heading
    assert len(paragraphs(article)) == 3


@pytest.mark.parametrize(
    "figure",
    [
        '<div class="img"><img src="a.jpg"><span class="img_descr"></span></div>',
        f'<p><img src="a.jpg" alt="{TITLE}"></p>',
        '<p><img src="a.jpg" alt="点击查看高清原图"></p>',
        '<p><img src="/images/site-logo.png" alt="返回青山网首页"></p>',
        '<p align="center"><img src="a.jpg" alt="(Credit: Nasa)"></p>',
        '<p><img src="a.jpg" alt="Photo by John Smith/Reuters"></p>',
    ],
    ids=[
        "empty-caption",
        "alt-is-title",
        "alt-says-nothing",
        "site-logo",
        "alt-is-a-credit",
        "alt-is-a-byline",
    ],
)
def test_photo_with_nothing_to_say_makes_no_figure(figure):
    article = parse_html(PAGE.format(title=TITLE, figure=figure))
    assert figures(article) == []
    assert len(paragraphs(article)) == 3


def test_short_paragraph_after_an_empty_caption_box_is_story():
    figure = (
        '<div class="img"><img src="a.jpg"><span class="img_descr"></span></div><p>孩子们笑了。</p>'
    )
    article = parse_html(PAGE.format(title=TITLE, figure=figure))
    assert figures(article) == []
    assert "孩子们笑了。" in paragraphs(article)


def test_figure_closes_the_section_it_is_printed_in():
    text = (
        "标题\n\n导语一段。\n\n名师课堂进山村\n\n第一段。\n\n"
        "图为学生在上课。（张三 摄）\n\n第二段。\n\n让每个孩子都有好课上\n\n第三段。\n"
    )
    script = build_script(parse_article(text), lambda t: ["a1"] * len(t))
    kinds = [(c.kind, [u.written for u in c.utterances]) for c in script.chapters]
    assert [k for k, _ in kinds] == ["front", "section", "figure", "section"]
    assert kinds[1][1] == ["名师课堂进山村", "第一段。", "第二段。"]
    # the photo is announced, described and credited in its own chapter
    assert kinds[2][1] == ["学生在上课。", "张三 摄"]
    assert script.chapters[2].utterances[0].spoken.startswith("图片说明：")


# --- news layouts ---------------------------------------------------------------------------

MULTI_STORY = """基层新气象

编者按：近日，本报记者深入基层，记录各地的新变化。请看报道。
——编　者

地点：江西南昌

老街改造后焕发新活力

本报记者 张明

老街改造完成后，沿街商铺重新开张，每天吸引上千名市民前来。

地点：湖南长沙

社区食堂解决老人吃饭难

本报记者 李华

社区食堂开业三个月来，已为周边老人提供餐食两万余份。
"""


def test_multi_story_page():
    article = parse_article(MULTI_STORY)
    assert article.title == "基层新气象"
    assert article.byline is None  # each sub-story has its own, read inside it
    assert headings(article) == ["老街改造后焕发新活力", "社区食堂解决老人吃饭难"]
    first, second = (s for s in article.sections if s.heading)
    assert [b.text for b in first.blocks][:2] == ["地点：江西南昌", "本报记者 张明"]
    assert [b.text for b in second.blocks][:2] == ["地点：湖南长沙", "本报记者 李华"]
    lead = [b.text for b in article.lead.blocks]
    assert lead[-1] == "——编者"  # the sign-off closes the note, not the next story
    heard = said(article)
    assert sum("本报记者张明" in h.replace(" ", "") for h in heard[: len(heard) // 2]) == 1


def test_multi_story_web_page_with_bold_subheads():
    lines = [line for line in MULTI_STORY.splitlines() if line.strip()]
    body = "".join(
        f"<p><strong>{line}</strong></p>" if line.endswith(("活力", "难")) else f"<p>{line}</p>"
        for line in lines[1:]
    )
    page = (
        f"<html><head><title>{lines[0]}_青山网</title></head><body>"
        f"<div class='nav'><a href='/'>首页</a></div><div class='article'><h1>{lines[0]}</h1>"
        f"<div class='content'>{body}</div></div></body></html>"
    )
    article = parse_html(page)
    assert headings(article) == ["老街改造后焕发新活力", "社区食堂解决老人吃饭难"]
    first, second = (s for s in article.sections if s.heading)
    assert [b.text for b in first.blocks][:2] == ["地点：江西南昌", "本报记者 张明"]
    assert [b.text for b in second.blocks][:2] == ["地点：湖南长沙", "本报记者 李华"]


def test_multi_story_chapters_are_named_after_the_subheads():
    script = build_script(parse_article(MULTI_STORY), lambda t: ["a1"] * len(t))
    assert [c.title for c in script.chapters if c.kind == "section"] == [
        "老街改造后焕发新活力",
        "社区食堂解决老人吃饭难",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "喜迎国庆——\n老街夜市重新开张\n\n经过三个月的改造，老街夜市昨晚重新开张。\n",
        "喜迎国庆——\n\n# 老街夜市重新开张\n\n经过三个月的改造，老街夜市昨晚重新开张。\n",
    ],
    ids=["text", "markdown"],
)
def test_kicker_over_the_main_title(text):
    article = parse_markdown(text) if "#" in text else parse_article(text)
    assert article.title == "喜迎国庆——老街夜市重新开张"
    assert paragraphs(article) == ["经过三个月的改造，老街夜市昨晚重新开张。"]


ONE_LINE_NOTICE = (
    "关于做好春节期间安全生产工作的通知各镇（街道）、县直各有关单位：　　春节将至，为确保节日"
    "期间安全，现将有关事项通知如下。　　一、加强隐患排查。各单位要对重点场所开展一次全面检查。"
    "　　二、落实值班制度。节日期间实行领导带班和二十四小时值班。　　三、及时报送信息。发生事故"
    "要在一小时内报告。　　特此通知。　　县安全生产委员会办公室　　2024年1月25日"
)


def test_one_line_notice_splits_into_paragraphs_and_numbered_parts():
    article = parse_article(ONE_LINE_NOTICE)
    assert article.title == "关于做好春节期间安全生产工作的通知"
    assert headings(article) == ["加强隐患排查", "落实值班制度", "及时报送信息"]
    assert [b.text for b in article.lead.blocks] == [
        "各镇（街道）、县直各有关单位：",
        "春节将至，为确保节日期间安全，现将有关事项通知如下。",
    ]
    assert [b.text for b in article.sections[1].blocks] == ["各单位要对重点场所开展一次全面检查。"]
    assert max(len(p) for p in paragraphs(article)) < 40  # no huge utterance


@pytest.mark.parametrize(
    "line",
    [
        "版式设计：赵六",
        "出品︱青山网新闻栏目组",
        "原标题：老街夜市重新开张啦",
        "（原题为《老街夜市回来了》）",
        "扫描下方二维码关注青山网官方微信",
        "声明：本网转载此文出于传递信息之目的，不代表本网观点。",
        "相关新闻：",
        "返回青山网首页>>",
    ],
)
def test_production_credits_and_page_furniture_are_never_spoken(line):
    article = parse_article(f"标题\n\n夜市昨晚重新开张。\n\n{line}\n\n摊主们都很高兴。\n")
    assert paragraphs(article) == ["夜市昨晚重新开张。", "摊主们都很高兴。"]


def test_block_header_glued_to_the_last_sentence_is_dropped():
    article = parse_article("标题\n\n夜市昨晚重新开张。\n\n摊主们都很高兴。图片说明：\n")
    assert paragraphs(article)[-1] == "摊主们都很高兴。"


@pytest.mark.parametrize(
    ("ending", "sentence"),
    [
        ("作者：张华（zhanghua@example.org）", "作者张华"),
        ("（作者：张华 青山大学经济学院教授）", "作者张华 青山大学经济学院教授"),
        ("作者︱张华", "作者张华"),
        ("张华/青山日报", "青山日报，作者张华"),
    ],
)
def test_end_credits_are_read_once_up_front(ending, sentence):
    article = parse_article(f"标题\n\n夜市昨晚重新开张。\n\n摊主们都很高兴。\n\n{ending}\n")
    assert article.byline.sentence() == sentence
    assert paragraphs(article) == ["夜市昨晚重新开张。", "摊主们都很高兴。"]
    heard = said(article)
    assert sum("张华" in h for h in heard[: len(heard) // 2]) == 1


def test_trailing_source_in_brackets_is_not_read():
    article = parse_article("标题\n\n夜市昨晚重新开张。\n\n摊主们都很高兴。（青山县商务局）\n")
    assert paragraphs(article)[-1] == "摊主们都很高兴。"


def test_link_markers_after_names_are_page_furniture():
    article = parse_article("标题\n\n歌手张三(微博)和主持人李四(微信号：lisi2024) 昨晚到场。\n")
    assert paragraphs(article) == ["歌手张三和主持人李四 昨晚到场。"]


# --- corpus structure golden (read at run time) --------------------------------------------------

ARTICLES = Path(__file__).resolve().parents[2] / "shared" / "articles"
# A few corpus articles, one per layout: captions as paragraphs after photos, heads on two bold
# lines with credited captions, a Hexo export, a Jekyll export, plain text, a page whose markup
# closes </html> early. The golden holds the shape (counts, and short digests of the title,
# headings and captions), never the articles' text, which must not be copied into the repository.
GOLDEN_ARTICLES = (
    "06-ifeng-girl-paper-in-eye.html",
    "11-cjn-foreign-media-wuhan-holiday.html",
    "16-govcn-npc-special-bonds.html",
    "20-hexo-dalian-japanese-street.md",
    "23-jekyll-caixin-evicted-workers.md",
    "24-plain-gao-yuanyuan-banquet.txt",
)


def digest(text: str) -> str:
    import hashlib

    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


def shape(article) -> dict:
    return {
        "title": digest(article.title),
        "byline": digest(article.byline.sentence()) if article.byline else None,
        "headings": [digest(h) for h in headings(article)],
        "figures": [digest(f.caption) for f in figures(article)],
        "credits": [bool(f.credit) for f in figures(article)],
        "paragraphs": len(paragraphs(article)),
    }


def test_corpus_structure_matches_golden():
    import json

    from conftest import check_golden

    if not ARTICLES.is_dir():
        pytest.skip("the real-article corpus (../shared/articles) is not beside this checkout")
    shapes = {name: shape(load_article(ARTICLES / name)) for name in GOLDEN_ARTICLES}
    assert all(s["paragraphs"] for s in shapes.values())
    check_golden("corpus_structure.json", json.dumps(shapes, indent=1) + "\n")


# --- whole builds: the chapters a listener gets ------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text", "titles"),
    [
        (
            "night-market.md",
            HEXO_POST,
            ["“老街夜市”重新开张", "摊位焕然一新", "图：老街夜市入口", "管理更加规范"],
        ),
        (
            "grassroots.txt",
            MULTI_STORY,
            ["基层新气象", "老街改造后焕发新活力", "社区食堂解决老人吃饭难"],
        ),
    ],
    ids=["markdown-export", "multi-story"],
)
def test_built_edition_has_the_expected_chapters(tmp_path, name, text, titles):
    import json
    import subprocess

    from click.testing import CliRunner

    from audiofeature.cli import main

    article = tmp_path / name
    article.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    args = ["build", str(article), "-o", str(out), "--engine", "tone"]
    result = CliRunner().invoke(main, [*args, "--cache", str(tmp_path / "cache")])
    assert result.exit_code == 0, result.output
    mp3 = out / article.stem / f"{article.stem}.mp3"
    probe = subprocess.run(
        ["ffprobe", "-v", "error", "-show_chapters", "-of", "json", str(mp3)],
        capture_output=True,
        text=True,
        check=True,
    )
    chapters = json.loads(probe.stdout)["chapters"]
    assert [c["tags"]["title"] for c in chapters] == titles


def test_sentence_giving_a_web_address_is_not_read():
    article = parse_article(
        "标题\n\n发布会今晚直播。收藏以下链接：https://example.org/live，锁定直播。记者到场采访。\n"
    )
    assert paragraphs(article) == ["发布会今晚直播。记者到场采访。"]


def test_nothing_after_the_editor_line_is_the_story():
    text = (
        "标题\n\n夜市昨晚重新开张。\n\n摊主们都很高兴。\n\n采写：本报记者 张华\n\n"
        "作者：张华返回青山网，查看更多\n\n责任编辑：王五\n\n另一条新闻的标题\n\n"
        "另一条新闻的正文，与这篇报道无关。\n"
    )
    article = parse_article(text)
    assert paragraphs(article) == ["夜市昨晚重新开张。", "摊主们都很高兴。"]
    assert article.byline.sentence() == "本报记者张华"
