"""Every field an editor can set in the admin is carried by the interchange
format, or is on its list of fields that do not travel (``NOT_CARRIED``), each
with its reason. A new field in a panel fails here until the format carries it
or the list says why not."""

from django.test import SimpleTestCase
from wagtail.admin.panels import get_edit_handler
from wagtail.models import get_page_models
from wagtail.snippets.models import get_snippet_models

from interchange.records import CARRIED_AS, NOT_CARRIED, OTHER_FIELDS, fields
from knowledge.document_types import document_types

RECORDS_OF_SNIPPETS = {"partner": "partner", "topic": "topic", "amendment": "amendment"}


def editable(model) -> tuple[list[str], dict[str, list[str]]]:
    """The fields of the model's admin form, and of each of its inline forms."""
    handler = (
        model.get_edit_handler()
        if hasattr(model, "get_edit_handler")
        else get_edit_handler(model)
    )
    options = handler.get_form_options()
    formsets = {
        name: list(formset.get("fields", []))
        for name, formset in options.get("formsets", {}).items()
    }
    return list(options.get("fields", [])), formsets


def unknown_fields(model, record: dict, prefix: str = "") -> list[str]:
    """The editable fields of ``model`` that ``record`` (a record's fields)
    neither carries nor lists in NOT_CARRIED."""
    form_fields, formsets = editable(model)
    missing = []
    for name in form_fields:
        carried = CARRIED_AS.get(name, name)
        if carried not in record and f"{prefix}{name}" not in NOT_CARRIED:
            missing.append(f"{prefix}{name}")
    for name, child_fields in formsets.items():
        if name in NOT_CARRIED:
            continue
        carried = CARRIED_AS.get(name, name)
        if carried not in record:
            missing.append(f"{prefix}{name}")
            continue
        inner = getattr(record[carried][0], "fields", {})
        for child in child_fields:
            path = f"{name}.{child}"
            target = CARRIED_AS.get(path, path)
            if "." not in target and target in record:
                continue
            if target.partition(".")[2] not in inner and path not in NOT_CARRIED:
                missing.append(path)
    return missing


class FieldCoverageTests(SimpleTestCase):
    def test_every_editable_field_of_a_document_is_carried(self):
        for entry in document_types:
            with self.subTest(entry.key):
                self.assertEqual(unknown_fields(entry.model, fields()[entry.key]), [])

    def test_every_editable_field_of_partners_and_topics_is_carried(self):
        for model in get_snippet_models():
            name = model._meta.model_name
            with self.subTest(name):
                if name in RECORDS_OF_SNIPPETS:
                    record = OTHER_FIELDS[RECORDS_OF_SNIPPETS[name]]
                    self.assertEqual(unknown_fields(model, record, f"{name}."), [])
                else:
                    self.assertIn(name, NOT_CARRIED)

    def test_pages_that_are_not_documents_are_the_sites_structure(self):
        documents = {entry.model for entry in document_types}
        for model in get_page_models():
            if model in documents or model._meta.abstract:
                continue
            name = model._meta.model_name
            with self.subTest(name):
                if name.endswith("indexpage"):
                    self.assertIn("indexpages", NOT_CARRIED)
                elif name not in ("page", "knowledgepage"):
                    self.assertIn(name, NOT_CARRIED)

    def test_the_list_names_only_what_an_editor_can_set(self):
        """So that a field that starts to travel leaves the list."""
        editable_names = {"indexpages", "homepage"}
        for entry in document_types:
            form_fields, formsets = editable(entry.model)
            editable_names |= set(form_fields) | set(formsets)
        for model in get_snippet_models():
            name = model._meta.model_name
            editable_names.add(name)
            form_fields, _formsets = editable(model)
            editable_names |= {f"{name}.{field}" for field in form_fields}
        self.assertLessEqual(set(NOT_CARRIED), editable_names)
        for entry in document_types:
            for name in NOT_CARRIED:
                self.assertNotIn(name, fields()[entry.key])
