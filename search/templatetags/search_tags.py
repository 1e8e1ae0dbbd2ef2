from django import template
from django.utils.html import escape

from search.queries import highlight

register = template.Library()


@register.filter
def marked(text: str, query):
    """``text`` whole and escaped, with the words that matched ``query`` in
    ``<mark>``: a result's title, when the match may be there and not in its
    snippet."""
    # Three times the length: the snippet starts at the text's beginning and
    # ends at its end, so nothing is cut.
    return highlight(text, query, length=3 * len(text or "")) or escape(text)
