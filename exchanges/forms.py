from knowledge.admin_forms import DocumentPageForm


class StudyVisitPageForm(DocumentPageForm):
    """Checks each follow-up action against the visit it belongs to, which the
    action's own validation cannot see while the visit is being edited."""

    def is_valid(self):
        valid = super().is_valid()
        start = self.cleaned_data.get("start_date")
        formset = self.formsets.get("follow_up_actions")
        if not start or formset is None:
            return valid
        for form in formset.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE"):
                continue
            errors = formset.model.rule_errors(
                status=data.get("status", ""),
                has_guide=bool(data.get("resulting_guide")),
                note=data.get("note", ""),
                due_date=data.get("due_date"),
                visit_start=start,
            )
            if "due_date" in errors and "due_date" in form.cleaned_data:
                form.add_error("due_date", errors["due_date"])
                valid = False
        return valid
