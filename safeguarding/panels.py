from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel

from .checks import unresolved_findings


class SafeguardingPanel(Panel):
    """Shows the editor what the safeguarding gate found in the page as saved."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("Safeguarding"))
        super().__init__(**kwargs)

    @property
    def clean_name(self):
        return super().clean_name or "safeguarding"

    class BoundPanel(Panel.BoundPanel):
        template_name = "safeguarding/panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page = self.instance
            context["findings"] = unresolved_findings(page) if page.pk else []
            context["review_url"] = (
                reverse("safeguarding:page", args=[page.pk]) if page.pk else ""
            )
            return context
