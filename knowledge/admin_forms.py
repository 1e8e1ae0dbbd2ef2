from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from knowledge.permissions import partner_scope


class DocumentPageForm(WagtailAdminPageForm):
    """The admin form of every knowledge document.

    A partner editor may only attribute a document to their own organisation.
    Anyone who edits a document may restrict it; lifting a restriction, or any
    other kind (groups, a password), is a reviewer's act in the Privacy dialog.
    """

    restricted = forms.BooleanField(
        label=_("Restricted"),
        required=False,
        help_text=_("Only signed-in practitioners may read a restricted document."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "notify_followers" in self.fields:
            # A choice for this publication only, never carried to the next.
            self.initial["notify_followers"] = False
        if self.instance.restricted:
            field = self.fields["restricted"]
            field.initial = True
            field.disabled = True
            field.help_text = _(
                "Restricted under Privacy. A reviewer can lift it there."
            )
        scope = partner_scope(self.for_user) if self.for_user else None
        if scope is None:
            return
        if "partner" in self.fields:
            field = self.fields["partner"]
            field.widget = forms.Select()
            field.queryset = field.queryset.filter(pk__in=scope)
            field.error_messages["invalid_choice"] = _(
                "You can only publish for your own organisation."
            )
            if len(scope) == 1 and not self.instance.partner_id:
                self.initial.setdefault("partner", next(iter(scope)))

    def save(self, commit=True):
        if self.cleaned_data.get("restricted"):
            self.instance.restricted = True
        return super().save(commit=commit)
