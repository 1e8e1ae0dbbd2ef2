from knowledge.languages import Language

from .content_version import ContentVersion
from .documents import KnowledgePage, ReviewInterval
from .home import HomePage
from .listing import LISTING_PAGE_SIZE, DocumentIndexPage
from .partners import Partner
from .topics import TaggedDocument, Topic

__all__ = [
    "LISTING_PAGE_SIZE",
    "ContentVersion",
    "DocumentIndexPage",
    "HomePage",
    "KnowledgePage",
    "Language",
    "Partner",
    "ReviewInterval",
    "TaggedDocument",
    "Topic",
]
