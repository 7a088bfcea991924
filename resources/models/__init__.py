from .banner import PromoBanner
from .documents import CustomDocument
from .downloads import DownloadRequest, DownloadTally
from .pages import ArticleRelatedResource, ResourceIndexPage, ResourcePage, TaggedResource

__all__ = [
    "ArticleRelatedResource",
    "CustomDocument",
    "DownloadRequest",
    "DownloadTally",
    "PromoBanner",
    "ResourceIndexPage",
    "ResourcePage",
    "TaggedResource",
]
