from .briefs import BriefIndexPage, PolicyBriefPage
from .documents import KnowledgePage, Language
from .home import HomePage
from .listing import LISTING_PAGE_SIZE, DocumentIndexPage
from .partners import Partner
from .topics import TaggedDocument, Topic

__all__ = [
    "LISTING_PAGE_SIZE",
    "BriefIndexPage",
    "DocumentIndexPage",
    "HomePage",
    "KnowledgePage",
    "Language",
    "Partner",
    "PolicyBriefPage",
    "TaggedDocument",
    "Topic",
]
