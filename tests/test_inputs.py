"""Real inputs: plain text as papers print it, web pages, and every common Chinese encoding."""

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from article_parts import figures, paragraphs
from audiofeature.article import load_article, parse_article, parse_html
from audiofeature.cli import main

DATA = Path(__file__).parent / "data"


# --- plain text: bylines ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "sentence", "first"),
    [
        (
            "标题\n\n本报讯（记者 林晓燕 通讯员 周凯）今年秋季开学以来，全县小学接入网络。\n",
            "本报记者林晓燕，通讯员周凯",
            "今年秋季开学以来，全县小学接入网络。",
        ),
        (
            "标题\n\n新华社北京3月5日电（记者 张三、李四）国务院今天发布通知。\n",
            "新华社北京3月5日电，记者张三、李四",
            "国务院今天发布通知。",
        ),
        (
            "标题\n\n（记者 王五）市民广场今天开放。\n",
            "记者王五",
            "市民广场今天开放。",
        ),
        (
            "标题\n\n晨报记者 王小明\n\n市民广场今天开放。\n",
            "晨报记者王小明",
            "市民广场今天开放。",
        ),
        (
            "标题\n\n文/张三 图/李四\n\n市民广场今天开放。\n",
            "撰文张三，摄影李四",
            "市民广场今天开放。",
        ),
        (
            "标题\n\n市民广场今天开放。（张华）\n",
            "作者张华",
            "市民广场今天开放。",
        ),
        (
            "标题\n\n市民广场今天开放。\n\n（记者 赵六 通讯员 钱七）\n",
            "记者赵六，通讯员钱七",
            "市民广场今天开放。",
        ),
        (
            "標題\n\n本報訊（記者 王大明）台北市政府今天宣布。\n",
            "本報記者王大明",
            "台北市政府今天宣布。",
        ),
    ],
    ids=[
        "dateline",
        "xinhua-dateline",
        "bracket-first",
        "byline-line",
        "wen-tu",
        "name-last",
        "credit-line-last",
        "traditional",
    ],
)
def test_byline_wherever_printed(text, sentence, first):
    article = parse_article(text)
    assert article.byline is not None
    assert article.byline.sentence() == sentence
    assert paragraphs(article)[0] == first


@pytest.mark.parametrize(
    "ending",
    [
        "责任编辑：王芳",
        "编辑：王芳　校对：刘洋",
        "（责任编辑：王芳）",
        "【责任编辑：王芳】",
        "审核：李四",
    ],
)
def test_editor_credits_are_not_read(ending):
    article = parse_article(f"标题\n\n本报讯（记者 林晓燕）今天开放。\n\n{ending}\n")
    assert paragraphs(article) == ["今天开放。"]
    assert article.byline.sentence() == "本报记者林晓燕"


def test_end_marker_is_not_a_name():
    article = parse_article("标题\n\n市民广场今天开放。（完）\n")
    assert article.byline is None
    assert paragraphs(article) == ["市民广场今天开放。"]


def test_source_line_names_the_outlet_of_own_paper():
    article = parse_article("标题\n\n本报讯（记者 林晓燕）今天开放。\n\n来源：青山日报\n")
    assert article.byline.sentence() == "青山日报记者林晓燕"
    assert paragraphs(article) == ["今天开放。"]


# --- plain text: captions and credits ---------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "caption", "credit"),
    [
        ("图①：市民在夜市选购小吃。", "市民在夜市选购小吃。", ""),
        ("图1：市民在夜市选购小吃。", "市民在夜市选购小吃。", ""),
        (
            "图为市民在夜市选购小吃。（本报记者 李明 摄）",
            "市民在夜市选购小吃。",
            "本报记者 李明 摄",
        ),
        ("市民在夜市选购小吃。（新华社发）", "市民在夜市选购小吃。", "新华社发"),
        ("市民在夜市选购小吃。（受访者供图）", "市民在夜市选购小吃。", "受访者供图"),
        ("▲市民在夜市选购小吃。（张三 摄）", "市民在夜市选购小吃。", "张三 摄"),
        ("上图：市民在夜市选购小吃。", "市民在夜市选购小吃。", ""),
    ],
)
def test_caption_styles(line, caption, credit):
    article = parse_article(f"标题\n\n第一段。\n\n{line}\n\n第二段。\n")
    assert [(f.caption, f.credit) for f in figures(article)] == [(caption, credit)]
    assert paragraphs(article) == ["第一段。", "第二段。"]


@pytest.mark.parametrize(
    ("credit_line", "credit"),
    [
        ("本报记者 李　明 摄", "本报记者 李明 摄"),
        ("（李明 摄）", "李明 摄"),
        ("李明/摄", "李明/摄"),
        ("新华社发", "新华社发"),
    ],
)
def test_credit_line_goes_to_the_figure(credit_line, credit):
    article = parse_article(f"标题\n\n第一段。\n\n图①：市民选购小吃。\n{credit_line}\n\n第二段。\n")
    (figure,) = figures(article)
    assert figure.caption == "市民选购小吃。"
    assert figure.credit == credit  # the whole credit, not an empty or partial one
    assert paragraphs(article) == ["第一段。", "第二段。"]


def test_body_sentence_in_brackets_is_not_a_caption():
    article = parse_article("标题\n\n软件由本地团队完成（自主研发）。\n\n第二段。\n")
    assert figures(article) == []


# --- plain text: headings and layout ----------------------------------------------------------


@pytest.mark.parametrize(
    ("marker", "heading"),
    [
        ("名师课堂进山村", "名师课堂进山村"),
        ("锚定目标　勇担使命", "锚定目标 勇担使命"),
        ("（一）抓好粮食抢收", "抓好粮食抢收"),
        ("一、抓好粮食抢收", "抓好粮食抢收"),
        ("1．抓好粮食抢收", "抓好粮食抢收"),
    ],
)
def test_bare_section_heads(marker, heading):
    article = parse_article(f"标题\n\n导语一段。\n\n{marker}\n\n正文一段。\n")
    assert [s.heading for s in article.sections] == [None, heading]


def test_short_line_is_not_a_heading_when_the_file_marks_headings():
    article = parse_article("# 标题\n\n导语。\n\n## 第一部分\n\n标准化试点\n\n示范区建设。\n")
    assert [s.heading for s in article.sections] == [None, "第一部分"]
    assert paragraphs(article) == ["导语。", "标准化试点示范区建设。"]


def test_signature_block_is_not_a_heading():
    article = parse_article(
        "关于放假的通知\n\n各单位：现将放假安排通知如下。\n\n县政府办公室\n2024年1月25日\n"
    )
    assert [s.heading for s in article.sections] == [None]
    assert paragraphs(article)[-1] == "县政府办公室2024年1月25日"


def test_numbered_list_sentence_is_not_a_heading():
    article = parse_article("标题\n\n导语。\n\n1．加强组织领导，确保工作落实。\n\n正文。\n")
    assert [s.heading for s in article.sections] == [None]


def test_crlf_ideographic_indent_and_spaced_names():
    text = "标题\r\n\r\n\u3000\u3000本报讯（记者 周\u3000凯）张\u00a0三说，今天开放。\r\n"
    article = parse_article(text)
    assert article.title == "标题"
    assert article.byline.credits[0].names == ("周凯",)
    assert paragraphs(article) == ["张三说，今天开放。"]


def test_notice_without_line_breaks():
    article = load_article(DATA / "notice_one_line.txt")
    assert article.title == "关于做好2024年春节期间安全生产工作的通知"
    assert paragraphs(article)[0].startswith("各镇（街道）、县直各有关单位：春节将至")
    assert paragraphs(article)[-1].endswith("2024年1月25日")


def test_credits_at_the_end_fixture():
    article = load_article(DATA / "credits_at_end.txt")
    assert article.byline.sentence() == "作者张华"
    (figure,) = figures(article)
    assert (figure.caption, figure.credit) == ("市民在夜市选购小吃。", "本报记者 李明 摄")
    assert all("编辑" not in p and "张华" not in p for p in paragraphs(article))


# --- web pages -------------------------------------------------------------------------------


def test_news_page_finds_the_article():
    article = load_article(DATA / "news_page.html")
    assert article.title == "山区小学用上“空中课堂”"  # the h2, not the logo in the h1
    assert article.subtitle == "我县推进城乡教育资源共享纪实"
    assert article.byline.sentence() == "青山日报记者林晓燕，通讯员周凯"
    text = "".join(paragraphs(article))
    for noise in ("广告", "红包", "网友评论", "山里人", "相关新闻", "版权所有", "编辑备注", "分享"):
        assert noise not in text
    assert len(paragraphs(article)) == len(set(paragraphs(article))) == 6  # no duplicated copy
    (figure,) = figures(article)
    assert figure.caption == "青石岭小学的学生们通过大屏幕跟随城区老师学唱歌曲。"
    assert figure.credit == "林晓燕 摄"


PAGE = """<html><head><meta charset="utf-8"><title>{title}_青山网</title></head><body>
<div class="logo"><h1>青山网</h1></div><div class="nav"><a href="/">首页</a></div>
<div class="article"><h2>{title}</h2><div class="content">
<p>今年秋季开学以来，我县三十二所山区小学全部接入空中课堂，城区名师的课堂送到了大山深处。</p>
{figure}
<p>县教育局将城区六所学校的骨干教师组成授课团队，每天通过直播为山区学生上课。</p>
</div></div></body></html>"""


@pytest.mark.parametrize(
    ("figure", "caption", "alt"),
    [
        (
            '<figure><img src="a.jpg" alt=""><figcaption>学生在上课。</figcaption></figure>',
            "学生在上课。",
            "",
        ),
        (
            '<figure><img src="a.jpg" alt="点击查看高清原图"><figcaption>学生在上课。</figcaption>'
            "</figure>",
            "学生在上课。",
            "",
        ),
        (
            '<figure><img src="a.jpg" alt="山区小学用上空中课堂"><figcaption>学生在上课。'
            "</figcaption></figure>",
            "学生在上课。",
            "",
        ),
        (
            '<figure><img src="a.jpg" alt="学生在上课"><figcaption>学生在上课。（张三 摄）'
            "</figcaption></figure>",
            "学生在上课。",
            "",
        ),
        (
            '<figure><img src="a.jpg" alt="教室里的大屏幕上，城区老师正在领唱"><figcaption>学生在上课。'
            "</figcaption></figure>",
            "学生在上课。",
            "教室里的大屏幕上，城区老师正在领唱",
        ),
        ('<p><img src="a.jpg" alt="教室里的大屏幕"></p>', "教室里的大屏幕", ""),
        ('<div class="pic"><img src="a.jpg"><span>学生在上课。</span></div>', "学生在上课。", ""),
        (
            '<p style="text-align:center"><img src="a.jpg" alt="IMG_2034.jpg"></p>'
            '<p style="text-align:center">图为学生在上课。（张三 摄）</p>',
            "学生在上课。",
            "",
        ),
    ],
    ids=[
        "empty-alt",
        "click-to-enlarge",
        "alt-is-title",
        "alt-repeats-caption",
        "alt-says-more",
        "alt-only",
        "span-caption",
        "caption-paragraph",
    ],
)
def test_page_figures_and_alt_text(figure, caption, alt):
    article = parse_html(PAGE.format(title="山区小学用上空中课堂", figure=figure))
    assert article.title == "山区小学用上空中课堂"
    assert [(f.caption, f.alt) for f in figures(article)] == [(caption, alt)]
    assert len(paragraphs(article)) == 2


# --- encodings -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "encoding"),
    [
        ("news_page.txt", "utf-8"),
        ("news_page.txt", "utf-8-sig"),
        ("news_page.txt", "utf-16"),
        ("news_page.txt", "utf-16-le"),
        ("news_page.txt", "utf-16-be"),
        ("news_page.txt", "gb18030"),
        ("news_page.txt", "gbk"),
        ("notice_one_line.txt", "gb2312"),
        ("traditional.txt", "big5"),
        ("traditional.txt", "gbk"),
    ],
)
def test_encodings_are_detected(tmp_path, source, encoding):
    original = DATA / source
    converted = tmp_path / source
    converted.write_bytes(original.read_text(encoding="utf-8").encode(encoding))
    assert load_article(converted) == load_article(original)


def test_html_declared_charset(tmp_path):
    page = tmp_path / "page.html"
    markup = (DATA / "news_page.html").read_text(encoding="utf-8")
    page.write_bytes(markup.replace('charset="utf-8"', 'charset="gb2312"').encode("gb18030"))
    assert load_article(page) == load_article(DATA / "news_page.html")


# --- whole builds ----------------------------------------------------------------------------


def build_manifest(tmp_path: Path, article: Path, name: str) -> dict:
    out = tmp_path / f"out-{name}"
    args = ["build", str(article), "-o", str(out), "--engine", "tone"]
    result = CliRunner().invoke(main, [*args, "--cache", str(tmp_path / "cache")])
    assert result.exit_code == 0, result.output
    (folder,) = out.iterdir()
    return json.loads((folder / "script.json").read_text(encoding="utf-8"))


def spoken(manifest: dict, skip_roles=()) -> list[tuple]:
    return [
        (u["chapter"], u["role"], u["written"], u["spoken"], tuple(u["readings"]))
        for u in manifest["utterances"]
        if u["role"] not in skip_roles
    ]


@pytest.mark.parametrize("encoding", ["gbk", "utf-16"])
def test_seed_in_other_encodings_builds_same_utterances(tmp_path, seed_path, encoding):
    converted = tmp_path / seed_path.name
    converted.write_bytes(seed_path.read_text(encoding="utf-8").encode(encoding))
    expected = build_manifest(tmp_path, seed_path, "utf8")
    got = build_manifest(tmp_path, converted, encoding)
    assert spoken(got) == spoken(expected)
    assert got["stats"]["synthesized"] == 0  # same engine input, so every clip was cached


def test_news_page_builds_same_chapters_as_its_text_twin(tmp_path):
    page = build_manifest(tmp_path, DATA / "news_page.html", "html")
    twin = build_manifest(tmp_path, DATA / "news_page.txt", "text")
    chapters = [(c["id"], c["title"], c["kind"]) for c in page["chapters"]]
    assert chapters == [(c["id"], c["title"], c["kind"]) for c in twin["chapters"]]
    # the photo closes the section it is printed in: each section is one chapter
    assert [k for _, _, k in chapters] == ["front", "section", "figure", "section"]
    # The same words, except that the page names the paper the twin calls 本报.
    assert spoken(page, skip_roles={"byline"}) == spoken(twin, skip_roles={"byline"})
    bylines = [u["spoken"] for m in (page, twin) for u in m["utterances"] if u["role"] == "byline"]
    assert bylines == ["青山日报记者林晓燕，通讯员周凯", "本报记者林晓燕，通讯员周凯"]


def test_folder_of_articles(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("news_page.txt", "traditional.txt", "notice_one_line.txt"):
        shutil.copy(DATA / name, folder / name)
    (folder / "notes.json").write_text("{}", encoding="utf-8")  # not an article: skipped
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main,
        ["build", str(folder), "-o", str(out), "--engine", "tone", "--cache", str(tmp_path / "c")],
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["news_page", "notice_one_line", "traditional"]


def test_reprint_page_in_gb2312():
    """h1 title, a `来源：site－paper` line, a dateline, an image then a caption paragraph with
    the photo credit after a <br>, an editor line, a side column of links."""
    article = load_article(DATA / "page_reprint_gb2312.html")
    assert article.title == "山区小学用上空中课堂"
    assert article.byline.sentence() == "人民日报北京9月17日电，记者李明"
    (figure,) = figures(article)
    assert (figure.caption, figure.credit) == ("学生们跟随城区老师学唱歌曲。", "新华社记者 张三摄")
    assert len(paragraphs(article)) == 3
    assert not any("责编" in p or "推荐" in p for p in paragraphs(article))


def test_table_layout_page_with_info_line():
    """Title in a span, an information line (作者 来源 发布时间 浏览次数), text split by <br>."""
    article = load_article(DATA / "page_table_layout.html")
    assert article.title == "老街夜市重新开张"
    assert article.byline.sentence() == "青山晚报，作者李明"
    assert len(paragraphs(article)) == 3
    assert paragraphs(article)[0].startswith("经过三个月的改造")


def test_information_line_in_plain_text():
    text = "标题\n\n作者：李明　来源：青山晚报　发布时间：2023-06-01\n\n夜市重新开张。\n"
    article = parse_article(text)
    assert article.byline.sentence() == "青山晚报，作者李明"
    assert paragraphs(article) == ["夜市重新开张。"]
