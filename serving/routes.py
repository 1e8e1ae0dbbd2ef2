"""Where a page address leads, kept until the content changes.

Wagtail finds the page of an address by walking the tree from the site's root,
one level at a time: the site (by host name), the active locale, its home page,
then a query for each section and for each page's specific type, ten queries on
every uncached page. Where an address leads is the same for every reader (who
may read the page is checked afterwards, on each request), and it changes only
when pages are published, moved, unpublished or deleted, or a site is edited:
all of them change the content version. So the route is kept under that
version, and a page served again costs one query to load.
"""

from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.http.request import split_domain_port
from django.utils.translation import get_language
from wagtail import views as wagtail_views
from wagtail.models import Page

from knowledge.content_cache import remember


def route_key(request, path: str) -> str:
    host = split_domain_port(request._get_raw_host())[0]
    return f"route:{host}:{request.get_port()}:{get_language()}:{path}"


def find_route(request, path: str) -> tuple | None:
    """Wagtail's own routing (kept on the request for its view), and what to
    keep of it: the site, the page's type and id, and how many parts of the
    path name pages (the rest is the page's own sub-route, such as pdf/)."""
    route = Page.route_for_request(request, path)
    if route is None:
        return None
    site, page = request._wagtail_site, route[0]
    return site, page.content_type_id, page.pk, page.depth - site.root_page.depth


class PageRouteMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is not wagtail_views.serve or request.method not in (
            "GET",
            "HEAD",
        ):
            return None
        path = view_kwargs.get("path", view_args[0] if view_args else "")
        kept = remember(route_key(request, path), lambda: find_route(request, path))
        if kept is None or hasattr(request, "_wagtail_route_for_request"):
            return None
        site, content_type_id, page_id, named = kept
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        page = model.objects.filter(pk=page_id).first()
        if page is None:
            return None
        components = [part for part in path.split("/") if part]
        try:
            route = page.route(request, components[named:])
        except Http404:
            return None
        request._wagtail_site = site
        request._wagtail_route_for_request = route
        return None
