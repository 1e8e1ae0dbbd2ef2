from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from knowledge.permissions import partner_scope


class DocumentPageForm(WagtailAdminPageForm):
    """The admin form of every knowledge document.

    A partner editor may only attribute a document to their own organisation, and
    may restrict a document but not lift a restriction: that is the reviewers' call.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
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
        if "restricted" in self.fields and self.instance.restricted:
            field = self.fields["restricted"]
            field.disabled = True
            field.help_text = _(
                "Restricted by a reviewer. Ask a reviewer if it should be public."
            )
