"""What the article tests read off a parsed Article, shared by test_inputs and test_article_layouts."""

from __future__ import annotations

from audiofeature.article import Figure, Paragraph


def blocks(article):
    return [b for s in article.sections for b in s.blocks]


def paragraphs(article):
    return [b.text for b in blocks(article) if isinstance(b, Paragraph)]


def figures(article):
    return [b for b in blocks(article) if isinstance(b, Figure)]
