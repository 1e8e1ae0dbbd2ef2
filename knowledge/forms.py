import copy

from django import forms
from django.contrib.auth.models import AnonymousUser

from knowledge.filters import DocumentFilters, document_filters
from knowledge.models import KnowledgePage


class DocumentFilterForm(forms.Form):
    """Filters from the query string, checked against known values: those a
    listing of ``model`` offers, or with ``search=True`` every filter
    (knowledge.filters)."""

    def __init__(
        self,
        data=None,
        *args,
        model=KnowledgePage,
        user=None,
        search=False,
        like=None,
        **kwargs,
    ):
        """``user`` is the reader, who is offered (and may filter by) only the
        topics of documents they may open; without one, an anonymous reader.
        ``like`` is a form of the same kind for the same reader whose fields
        are copied rather than built again (building them costs queries)."""
        super().__init__(data if data is not None else {}, *args, **kwargs)
        if like is not None:
            self.fields.update(copy.deepcopy(like.fields))
            return
        reader = user or AnonymousUser()
        for spec in document_filters:
            if (search or spec.listed) and spec.applies_to(model):
                self.fields[spec.name] = spec.form_field(reader)

    def cleaned_filters(self) -> DocumentFilters | None:
        """The filters, or None when a value is unknown: the reader then sees the
        form's error and an empty result, never a silently widened listing."""
        if not self.is_valid():
            return None
        return DocumentFilters(
            **{
                document_filters[name].attribute: value
                for name, value in self.cleaned_data.items()
                if value not in (None, "")
            }
        )
