from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from knowledge.admin_forms import DocumentPageForm
from knowledge.evidence import EvidenceLevel


class PracticeGuidePageForm(DocumentPageForm):
    """Evaluated and proven guides must attach the evaluation they rest on.

    Checked on the form rather than in the model's ``clean()``: the evaluation
    documents being added or removed are only in the inline formset here.
    """

    def clean(self):
        cleaned_data = super().clean()
        level = cleaned_data.get("evidence_level")
        if (
            level in EvidenceLevel.values
            and EvidenceLevel(level).needs_evaluation_document
        ):
            documents = self.formsets["evaluation_documents"]
            documents.is_valid()
            kept = [
                form
                for form in documents.forms
                if getattr(form, "cleaned_data", {}).get("document")
                and not form.cleaned_data.get("DELETE")
            ]
            if not kept:
                self.add_error(
                    "evidence_level",
                    ValidationError(
                        _(
                            "An evaluated or proven practice needs at least one "
                            "evaluation document: attach the report or study."
                        ),
                        code="evaluation_document_required",
                    ),
                )
        return cleaned_data


# How many guides a reader can read side by side.
MOST_COMPARED = 3
# Page ids are 32-bit integers: a larger number names no guide.
LARGEST_ID = 2**31 - 1


class GuideNumbersField(forms.Field):
    """Guide ids, each once, in the order chosen."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        ids = []
        for item in value or []:
            if not (item.isascii() and item.isdigit() and len(item) <= 10):
                raise ValidationError(
                    _("“%(value)s” is not the number of a guide."),
                    code="invalid",
                    params={"value": item[:20]},
                )
            if int(item) not in ids:
                ids.append(int(item))
        return ids

    def validate(self, value):
        super().validate(value)
        if len(value) > MOST_COMPARED:
            raise ValidationError(
                _("Choose at most three guides to compare."), code="too_many"
            )


class CompareForm(forms.Form):
    guides = GuideNumbersField(required=False)
