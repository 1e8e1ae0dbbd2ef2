from django import forms
from django.utils.translation import gettext_lazy as _


class OverrideForm(forms.Form):
    fingerprint = forms.CharField(widget=forms.HiddenInput, max_length=64)
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        label=_("Why this is not a victim's personal data"),
    )

    def __init__(self, *args, findings=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.findings = {finding.fingerprint: finding for finding in findings}

    def clean_fingerprint(self):
        fingerprint = self.cleaned_data["fingerprint"]
        if fingerprint not in self.findings:
            raise forms.ValidationError(
                _("This finding is no longer in the page. Reload and try again.")
            )
        return fingerprint

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if len(reason) < 10:
            raise forms.ValidationError(_("Give the reason in a sentence."))
        return reason

    @property
    def finding(self):
        return self.findings[self.cleaned_data["fingerprint"]]
