from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from knowledge.search_fields import StoredFilterField


class Partner(index.Indexed, models.Model):
    """An organisation that publishes on the site or takes part in exchanges."""

    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    country = CountryField(_("country"))
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Set up by editorial.roles when the partner is saved: the partner's editors
    # are the members of ``editor_group``; their documents and images live in
    # ``collection``.
    editor_group = models.OneToOneField(
        "auth.Group",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="partner",
    )
    collection = models.OneToOneField(
        "wagtailcore.Collection",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="partner",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("country"),
        FieldPanel("website"),
        FieldPanel("description"),
        FieldPanel("logo"),
    ]
    search_fields = [
        index.SearchField("name", boost=2),
        index.AutocompleteField("name"),
        index.SearchField("description"),
        StoredFilterField("country"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("partner_detail", kwargs={"slug": self.slug})
