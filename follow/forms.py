from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from follow.models import Frequency, Kind, Subscription
from follow.targets import resolve

# What one reader may follow at once: each costs every digest run a match.
MAX_SUBSCRIPTIONS = 200


class SubscriptionForm(forms.Form):
    """``kind``, ``target`` and ``frequency``: the target is checked and made
    canonical (follow.targets), so a bad one is a form error."""

    kind = forms.ChoiceField(label=_("What to follow"), choices=Kind.choices)
    target = forms.CharField(label=_("Which one"), max_length=2000)
    frequency = forms.ChoiceField(
        label=_("How often"), choices=Frequency.choices, initial=Frequency.WEEKLY
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.followed = None

    def clean(self):
        data = super().clean()
        if "kind" in data and "target" in data:
            try:
                self.followed = resolve(data["kind"], data["target"], user=self.user)
            except ValidationError as error:
                self.add_error("target", error)
        if self.followed is not None and self.is_new() and self.at_most():
            raise ValidationError(
                _("You follow %(limit)s things already: stop following one first."),
                params={"limit": MAX_SUBSCRIPTIONS},
            )
        return data

    def is_new(self) -> bool:
        return not Subscription.objects.filter(
            user=self.user, kind=self.followed.kind, target=self.followed.value
        ).exists()

    def at_most(self) -> bool:
        return Subscription.objects.filter(user=self.user).count() >= MAX_SUBSCRIPTIONS


class FrequencyForm(forms.Form):
    frequency = forms.ChoiceField(label=_("How often"), choices=Frequency.choices)
