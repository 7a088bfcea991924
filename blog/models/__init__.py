from .pages import ArticlePage, ArticlePageAuthor, BlogIndexPage
from .snippets import Author, TaggedArticle, Theme

__all__ = [
    "ArticlePage",
    "ArticlePageAuthor",
    "Author",
    "BlogIndexPage",
    "TaggedArticle",
    "Theme",
]
