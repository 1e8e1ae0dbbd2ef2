from django import template
from django.core.exceptions import ValidationError
from django.urls import reverse

from follow.models import Frequency, Kind, Subscription
from follow.targets import Offered, resolve

register = template.Library()


@register.inclusion_tag("follow/follow_button.html", takes_context=True)
def follow_button(context, kind: str, target: str, search_form=None) -> dict:
    """Follow (or save, for a search) ``target`` of ``kind``: a form for a
    signed-in reader, a sign-in link otherwise. A search the page cannot save
    (nothing typed, a filter not understood) shows nothing; the search page
    passes its own ``search_form``, whose filters need not be built again."""
    request = context["request"]
    user = request.user
    if kind == Kind.SEARCH:
        offered = Offered(user, form=search_form) if search_form else None
        try:
            target = resolve(kind, target, user=user, offered=offered).value
        except ValidationError:
            return {"show": False}
    following = None
    if user.is_authenticated:
        following = Subscription.objects.filter(
            user=user, kind=kind, target=target
        ).first()
    return {
        "show": True,
        "kind": kind,
        "target": target,
        "following": following,
        "frequencies": Frequency.choices,
        "authenticated": user.is_authenticated,
        "next": request.get_full_path(),
        "action": reverse("follow_subscriptions"),
        "feed_url": (reverse("search_feed") + "?" + target)
        if kind == Kind.SEARCH
        else "",
    }
