from django import template

from knowledge.outputs.citations import Citation

register = template.Library()


@register.simple_tag(takes_context=True)
def citation(context, page) -> Citation:
    """How to cite ``page``, with its address on the site the reader is on."""
    request = context["request"]
    return Citation.for_page(
        page, url=request.build_absolute_uri(page.get_url(request=request))
    )


@register.simple_tag(takes_context=True)
def download_url(context, page, name: str) -> str:
    """The address of one of the page's downloads (``pdf``, ``bibtex``, ``ris``).

    File names such as ``cite.bib`` are given without Wagtail's trailing slash.
    """
    suffix = page.reverse_subpage(name).strip("/")
    page_url = page.get_url(request=context.get("request"))
    return page_url + suffix + ("" if "." in suffix else "/")
