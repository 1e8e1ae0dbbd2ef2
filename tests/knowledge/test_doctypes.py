"""The document type registry: every document page class, in a fixed order."""

from dataclasses import replace
from unittest import mock

from django.apps import apps
from django.test import SimpleTestCase

from briefs.models import PolicyBriefPage
from knowledge.document_types import (
    DocumentType,
    check_document_types,
    document_types,
)
from knowledge.models import HomePage, KnowledgePage
from training.models import TrainingProgrammePage


class RegistryTests(SimpleTestCase):
    def test_holds_the_four_types_in_order(self):
        self.assertEqual(
            document_types.keys(), ["practice", "visit", "brief", "training"]
        )
        self.assertEqual(
            [entry.model._meta.label for entry in document_types],
            [
                "practices.PracticeGuidePage",
                "exchanges.StudyVisitPage",
                "briefs.PolicyBriefPage",
                "training.TrainingProgrammePage",
            ],
        )

    def test_sections_and_the_interchange_keep_their_own_orders(self):
        self.assertEqual(
            [entry.key for entry in document_types.in_section_order()],
            ["brief", "practice", "visit", "training"],
        )
        self.assertEqual(
            [entry.key for entry in document_types.in_interchange_order()],
            ["practice", "brief", "training", "visit"],
        )

    def test_every_concrete_document_class_is_registered(self):
        concrete = {
            model
            for model in apps.get_models()
            if issubclass(model, KnowledgePage) and model is not KnowledgePage
        }
        self.assertEqual(concrete, {entry.model for entry in document_types})

    def test_each_class_declares_its_own_entry_and_key(self):
        for entry in document_types:
            with self.subTest(entry.key):
                self.assertIsInstance(vars(entry.model)["type_entry"], DocumentType)
                self.assertIs(entry.model.type_entry, entry)
                self.assertEqual(entry.model.document_type, entry.key)
                self.assertIs(document_types[entry.key], entry)
                self.assertIn(entry.key, document_types)
        self.assertNotIn("topic", document_types)
        self.assertIsNone(document_types.get("topic"))
        with self.assertRaises(KeyError):
            document_types["topic"]

    def test_documents_live_in_their_section_under_the_home_page(self):
        self.assertEqual(
            HomePage.clean_subpage_models(),
            [entry.section_model for entry in document_types.in_section_order()],
        )
        for entry in document_types:
            with self.subTest(entry.key):
                self.assertEqual(
                    entry.model.clean_parent_page_models(), [entry.section_model]
                )
                self.assertEqual(
                    entry.section_model.clean_subpage_models(), [entry.model]
                )
                self.assertEqual(
                    apps.get_model(entry.section_model.listing_model), entry.model
                )


class CheckTests(SimpleTestCase):
    """``manage.py check`` refuses what the registry would fail on."""

    def test_passes_with_the_registered_types(self):
        self.assertEqual(check_document_types(), [])

    def test_reports_a_document_class_without_its_own_entry(self):
        with mock.patch.object(TrainingProgrammePage, "type_entry", None):
            errors = check_document_types()
        self.assertEqual([error.id for error in errors], ["knowledge.E001"])
        self.assertIn("training.TrainingProgrammePage", errors[0].msg)

    def test_reports_two_types_with_one_key(self):
        twin = replace(PolicyBriefPage.type_entry, key="practice")
        with mock.patch.object(PolicyBriefPage, "type_entry", twin):
            errors = check_document_types()
        self.assertEqual([error.id for error in errors], ["knowledge.E001"])
        self.assertIn("share a key", errors[0].msg)

    def test_reports_an_interchange_record_that_does_not_import(self):
        broken = replace(PolicyBriefPage.type_entry, record="briefs.interchange.NONE")
        with mock.patch.object(PolicyBriefPage, "type_entry", broken):
            errors = check_document_types()
        self.assertEqual([error.id for error in errors], ["knowledge.E001"])
        self.assertIn("briefs.interchange.NONE", errors[0].msg)
