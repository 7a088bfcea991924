from .banner import PromoBanner
from .documents import CustomDocument
from .downloads import DownloadRequest, DownloadTally
from .pages import ResourceIndexPage, ResourcePage, TaggedResource

__all__ = [
    "CustomDocument",
    "DownloadRequest",
    "DownloadTally",
    "PromoBanner",
    "ResourceIndexPage",
    "ResourcePage",
    "TaggedResource",
]
