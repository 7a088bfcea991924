from .article import ArticlePage
from .index import BlogIndexPage
from .relations import ArticlePageAuthor, ArticleRelatedResource, TaggedArticle

__all__ = [
    "ArticlePage",
    "ArticlePageAuthor",
    "ArticleRelatedResource",
    "BlogIndexPage",
    "TaggedArticle",
]
