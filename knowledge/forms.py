from django import forms
from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from knowledge.document_types import document_types
from knowledge.evidence import EvidenceLevel
from knowledge.models import Language, Partner
from knowledge.selectors import DocumentFilters, topics_with_counts
from standards.models import Standard


def type_choices() -> list[tuple[str, str]]:
    """The type filter's choices: every document type, in the registry's order."""
    return [("", _("All types")), *((t.key, t.plural) for t in document_types)]


class NormalisedChoiceField(forms.ChoiceField):
    """A choice that accepts its value in any letter case (``sr-latn`` = ``sr-Latn``)."""

    def __init__(self, *, normalise, **kwargs):
        self.normalise = normalise
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return (self.normalise(value) or value) if value else value


class DocumentFilterForm(forms.Form):
    """Listing filters from the query string, checked against known values."""

    type = NormalisedChoiceField(
        label=_("Type"),
        required=False,
        normalise=str.lower,
        choices=type_choices,
    )
    topic = NormalisedChoiceField(label=_("Topic"), required=False, normalise=str.lower)
    partner = NormalisedChoiceField(
        label=_("Partner"), required=False, normalise=str.lower
    )
    country = NormalisedChoiceField(
        label=_("Country"), required=False, normalise=str.upper
    )
    language = NormalisedChoiceField(
        label=_("Language"),
        required=False,
        normalise=Language.normalise,
        choices=[("", _("All languages")), *Language.choices],
    )
    year = forms.IntegerField(
        label=_("Year"), required=False, min_value=1900, max_value=2100
    )
    evidence = NormalisedChoiceField(
        label=_("Evidence"),
        required=False,
        normalise=str.lower,
        choices=[("", _("All evidence levels")), *EvidenceLevel.choices],
    )
    standard = NormalisedChoiceField(
        label=_("Standard"), required=False, normalise=str.lower
    )

    def __init__(self, data=None, *args, exclude=(), user=None, **kwargs):
        """``user`` is the reader, who is offered (and may filter by) only the
        topics of documents they may open; without one, an anonymous reader."""
        super().__init__(data if data is not None else {}, *args, **kwargs)
        for name in exclude:
            del self.fields[name]
        topics = topics_with_counts(user=user or AnonymousUser())
        self.fields["topic"].choices = [
            ("", _("All topics")),
            *((topic.slug, topic.name) for topic in topics if topic.document_count),
        ]
        partners = list(
            Partner.objects.order_by("name").values_list("slug", "name", "country")
        )
        self.fields["partner"].choices = [
            ("", _("All partners")),
            *((slug, name) for slug, name, _ in partners),
        ]
        used = sorted({code for _, _, code in partners})
        self.fields["country"].choices = [
            ("", _("All countries")),
            *((code, countries.name(code)) for code in used),
        ]
        if "standard" in self.fields:
            self.fields["standard"].choices = [
                ("", _("All standards")),
                *Standard.objects.values_list("code", "short_name"),
            ]

    def cleaned_filters(self) -> DocumentFilters | None:
        """The filters, or None when a value is unknown: the reader then sees the
        form's error and an empty result, never a silently widened listing."""
        if not self.is_valid():
            return None
        data = self.cleaned_data
        document_type = data.get("type") or None
        return DocumentFilters(
            document_type=document_type if document_type in document_types else None,
            topic=data.get("topic") or None,
            partner=data.get("partner") or None,
            country=data.get("country") or None,
            language=data.get("language") or None,
            year=data.get("year"),
            evidence=data.get("evidence") or None,
            standard=data.get("standard") or None,
        )
