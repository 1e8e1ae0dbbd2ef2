"""A reader's subscriptions: follow, change, remove; unsubscribe by a signed
link; and the Atom feed of a saved search for readers without an account."""

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from follow.feeds import saved_search_feed
from follow.forms import FrequencyForm, SubscriptionForm
from follow.links import read_token
from follow.models import Frequency, Subscription
from follow.targets import Resolver, resolve


def _private(response):
    patch_cache_control(response, private=True, no_store=True)
    return response


def _listing(request, form=None, status=200):
    subscriptions = list(request.user.subscriptions.order_by("kind", "target"))
    resolver = Resolver()
    rows = [
        {
            "subscription": s,
            "followed": resolver(s, user=request.user),
            "form": FrequencyForm(initial={"frequency": s.frequency}, prefix=str(s.pk)),
        }
        for s in subscriptions
    ]
    return _private(
        TemplateResponse(
            request,
            "follow/subscriptions.html",
            {
                "rows": rows,
                "form": form or SubscriptionForm(user=request.user),
                "frequencies": Frequency.choices,
            },
            status=status,
        )
    )


def _next(request, default: str) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def _speak(request) -> None:
    """Digests come in the language the reader last managed them in."""
    request.user.subscriptions.update(language=request.LANGUAGE_CODE)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def subscriptions(request):
    if request.method != "POST":
        return _listing(request)
    form = SubscriptionForm(request.POST, user=request.user)
    if not form.is_valid():
        return _listing(request, form, status=400)
    followed = form.followed
    now = timezone.now()
    subscription, created = Subscription.objects.get_or_create(
        user=request.user,
        kind=followed.kind,
        target=followed.value,
        defaults={"frequency": form.cleaned_data["frequency"], "sent_until": now},
    )
    if not created:
        Subscription.objects.filter(pk=subscription.pk).update(
            frequency=form.cleaned_data["frequency"], updated_at=now
        )
    _speak(request)
    return redirect(_next(request, request.path))


@login_required
@require_POST
def change(request, pk):
    subscription = get_object_or_404(Subscription, pk=pk, user=request.user)
    form = FrequencyForm(request.POST, prefix=str(pk))
    if not form.is_valid():
        return _listing(request, status=400)
    subscription.frequency = form.cleaned_data["frequency"]
    subscription.updated_at = timezone.now()
    subscription.save(update_fields=["frequency", "updated_at"])
    _speak(request)
    return redirect(_next(request, "follow_subscriptions"))


@login_required
@require_POST
def remove(request, pk):
    get_object_or_404(Subscription, pk=pk, user=request.user).delete()
    return redirect(_next(request, "follow_subscriptions"))


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    """The link of a digest, without signing in. GET asks (mail scanners open
    links); POST removes, as the one-click ``List-Unsubscribe-Post`` of RFC
    8058 does: the signed token is the authority, so no CSRF token."""
    ids = read_token(token)
    if ids is None:
        return _private(
            TemplateResponse(
                request, "follow/unsubscribe.html", {"invalid": True}, status=400
            )
        )
    chosen = Subscription.objects.filter(pk__in=ids)
    done = request.method == "POST"
    labels = []
    if done:
        chosen.delete()
    else:
        resolver = Resolver()
        for subscription in chosen.select_related("user"):
            followed = resolver(subscription, user=subscription.user)
            labels.append(followed.label if followed else subscription.target)
    return _private(
        TemplateResponse(
            request,
            "follow/unsubscribe.html",
            {"done": done, "labels": labels, "token": token},
        )
    )


@require_http_methods(["GET", "HEAD"])
def search_feed(request):
    """Every saved search's address has a feed: the newest public documents
    matching all its words and filters."""
    try:
        followed = resolve("search", request.GET.urlencode(), user=AnonymousUser())
    except ValidationError as error:
        return HttpResponseBadRequest(
            " ".join(error.messages), content_type="text/plain; charset=utf-8"
        )
    return saved_search_feed(request, followed)
