"""What Elasticsearch and OpenSearch are sent for every indexed model.

No server runs here: each backend builds its mapping and documents exactly as
``update_index`` and the save signal do, and the client's own serializer turns
them into the JSON that would go over the wire. A model, field or value the
servers cannot take fails here rather than in the logs of a production reindex.
"""

import datetime
import json

from django.test import TestCase
from modelsearch.index import get_indexed_models

from briefs.models import PolicyBriefPage
from knowledge.models import KnowledgePage, Partner
from practices.models import PracticeGuidePage
from serbian import fold
from tests.factories import (
    ImageFactory,
    PartnerFactory,
    PolicyBriefPageFactory,
    PracticeGuidePageFactory,
    StudyVisitPageFactory,
    TopicFactory,
    TrainingProgrammePageFactory,
    UploadedDocumentFactory,
    cite,
)
from tests.search.fixtures import SERVER_BACKENDS, rich_text, server_backend


def wire_json(backend, body) -> dict:
    """``body`` through the client's serializer, read back."""
    transport = backend.es.transport
    if hasattr(transport, "serializers"):  # elasticsearch-py
        text = transport.serializers.dumps(body, mimetype="application/json")
    else:  # opensearch-py
        text = transport.serializer.dumps(body)
    return json.loads(text)


class ServerDocumentTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.partner = PartnerFactory(name="Атина", slug="atina", country="RS")
        topic = TopicFactory(name="Хранитељство", slug="hraniteljstvo")
        cls.guide = PracticeGuidePageFactory(
            title="Специјализовано хранитељство",
            summary="Žrtve trgovine ljudima u porodicama.",
            body=rich_text("Породице су прошле обуку."),
            partner=cls.partner,
            country="RS",
            language="sr-Cyrl",
            topics=[topic],
            standard_citations=cite("cets-197:10"),
        )
        PolicyBriefPageFactory(
            title="Smernice za centre",
            partner=cls.partner,
            country="RS",
            topics=[topic],
            standard_citations=cite("cets-197:10"),
        )
        StudyVisitPageFactory(
            title="Обилазак у Љубљани",
            partner=PartnerFactory(name="Društvo Ključ", slug="kljuc", country="SI"),
            country="SI",
            language="sl",
        )
        TrainingProgrammePageFactory(title="Обука за социјалне раднике")
        ImageFactory(title="Радионица")
        UploadedDocumentFactory(title="Приручник")

    def documents(self, backend, model):
        mapping = backend.mapping_class(model)
        return [
            wire_json(backend, mapping.get_document(obj))
            for obj in model.get_indexed_objects()
        ]

    def test_every_indexed_model_maps_and_serialises(self):
        for module in SERVER_BACKENDS:
            backend = server_backend(module)
            for model in get_indexed_models():
                with self.subTest(backend=module, model=model._meta.label):
                    mapping = backend.mapping_class(model).get_mapping()
                    self.assertEqual(wire_json(backend, mapping), mapping)
                    documents = self.documents(backend, model)
                    # Every model that can be created has one here, so a new
                    # indexed model is checked too (KnowledgePage only has subtypes).
                    if getattr(model, "is_creatable", True):
                        self.assertTrue(documents, "add one to setUpTestData")

    def test_countries_are_sent_as_codes(self):
        for module in SERVER_BACKENDS:
            backend = server_backend(module)
            with self.subTest(backend=module):
                mapping = backend.mapping_class(Partner).get_mapping()["properties"]
                self.assertEqual(mapping["country_filter"], {"type": "keyword"})
                partners = {d["name"]: d for d in self.documents(backend, Partner)}
                self.assertEqual(partners["Атина"]["country_filter"], "RS")
                self.assertEqual(partners["Društvo Ključ"]["country_filter"], "SI")

                guide = self.documents(backend, PracticeGuidePage)[0]
                self.assertEqual(guide["knowledge_knowledgepage__country_filter"], "RS")

    def test_documents_carry_folded_text_and_standard_citations(self):
        for module in SERVER_BACKENDS:
            backend = server_backend(module)
            with self.subTest(backend=module):
                mapping = backend.mapping_class(PracticeGuidePage).get_mapping()
                cited = mapping["properties"][
                    "standards_citesstandards__cited_standards_text"
                ]
                self.assertEqual(cited["type"], "text")
                self.assertEqual(cited["copy_to"], "_all_text")

                (guide,) = self.documents(backend, PracticeGuidePage)
                self.assertEqual(guide["pk"], str(self.guide.pk))
                # Folded words, then their Serbian stems.
                self.assertEqual(
                    guide["knowledge_knowledgepage__indexed_title"],
                    "specijalizovano hraniteljstvo specijalizova hraniteljstv",
                )
                self.assertEqual(
                    guide["knowledge_knowledgepage__summary"],
                    "zrtve trgovine ljudima u porodicama zrtv trgovin ljud porodic",
                )
                self.assertIn(
                    "porodice su prosle obuku",
                    guide["knowledge_knowledgepage__body"],
                )
                self.assertEqual(
                    guide["knowledge_knowledgepage__topics"],
                    [{"name": "hraniteljstvo"}],
                )
                self.assertEqual(
                    guide["knowledge_knowledgepage__partner"],
                    {"name": "atina", "slug_filter": "atina"},
                )
                self.assertEqual(
                    guide["knowledge_knowledgepage__date_filter"],
                    datetime.date(2011, 5, 1).isoformat(),
                )
                cited_text = guide["standards_citesstandards__cited_standards_text"]
                self.assertTrue(cited_text)
                self.assertEqual(cited_text, cited_text.lower())
                self.assertIn("cets", cited_text)

                # The brief (English) cites the same: the same English words,
                # then stems in its own language; the guide adds the names in
                # its own language (Serbian, folded to Latin).
                (brief,) = self.documents(backend, PolicyBriefPage)
                words = fold(PolicyBriefPage.objects.get().cited_standards_text())
                self.assertIn("identifikacija zrtava", cited_text)
                self.assertNotIn(
                    "identifikacija",
                    brief["standards_citesstandards__cited_standards_text"],
                )
                for document in (guide, brief):
                    self.assertTrue(
                        document[
                            "standards_citesstandards__cited_standards_text"
                        ].startswith(words + " ")
                    )
                self.assertNotEqual(
                    brief["standards_citesstandards__cited_standards_text"],
                    cited_text,
                )

    def test_base_page_mapping_keeps_the_privacy_filters(self):
        for module in SERVER_BACKENDS:
            backend = server_backend(module)
            with self.subTest(backend=module):
                properties = backend.mapping_class(KnowledgePage).get_mapping()[
                    "properties"
                ]
                self.assertEqual(
                    properties["knowledge_knowledgepage__privacy_filter"],
                    {"type": "keyword"},
                )
                self.assertEqual(
                    properties["knowledge_knowledgepage__country_filter"],
                    {"type": "keyword"},
                )
