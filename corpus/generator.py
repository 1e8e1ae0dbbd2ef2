"""Synthetic documents for benchmarks: realistic in shape, deterministic per seed.

Text is drawn word by word from small per-language vocabularies with Zipf-like
weights, so a few words (``children``, ``trafficking``, ``djeca``…) appear in
most documents, as in real material, and many appear in few. Serbian Cyrillic
documents are the Latin vocabulary transliterated. About 10 % of documents are
restricted and 5 % are drafts.
"""

import random
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from django.core.files import File
from django.utils.functional import cached_property
from django.utils.text import slugify

from knowledge.evidence import EvidenceLevel
from serbian import to_cyrillic

ENGLISH = """
the of and to in children child trafficking for a protection with is are on that
social victims care foster support as by from work services be this training
their practice centre police identification referral partners families case
young people exploitation safe accommodation risk assessment cooperation
national guardian court health education labour forced begging street online
recruitment border migration return reintegration caseworker multi-agency team
standard procedure evaluation outcome recovery trauma interview shelter helpline
prosecution witness legal aid municipality ministry directive rights prevention
awareness campaign school teachers parents community outreach mentoring
psychological counselling language interpreter unaccompanied minors asylum
placement emergency specialised accredited supervision network data monitoring
""".split()  # noqa: SIM905 (a word list reads better as text)

SERBIAN = """
i u je da se na za deca dete trgovina ljudima zaštita sa od socijalni rad
žrtve hraniteljske porodice podrška centar policija identifikacija upućivanje
partneri porodica slučaj mladi eksploatacija bezbedan smeštaj rizik procena
saradnja nacionalni staratelj sud zdravlje obrazovanje prinudni rad prosjačenje
ulica internet vrbovanje granica migracije povratak reintegracija voditelj
tim standard postupak evaluacija oporavak trauma razgovor sklonište linija
tužilaštvo svedok pravna pomoć opština ministarstvo direktiva prava prevencija
kampanja škola nastavnici roditelji zajednica mentorstvo psihološko savetovanje
prevodilac maloletnici azil hitno specijalizovano akreditovano supervizija
mreža podaci praćenje ključ obuka hranitelji dečja prava sigurna kuća
""".split()  # noqa: SIM905 (a word list reads better as text)

SLOVENIAN = """
in v je da se na za otroci otrok trgovina z ljudmi zaščita od socialno delo
žrtve rejniške družine podpora center policija identifikacija napotitev
partnerji družina primer mladi izkoriščanje varna namestitev tveganje ocena
sodelovanje nacionalni skrbnik sodišče zdravje izobraževanje prisilno delo
beračenje ulica splet novačenje meja migracije vrnitev reintegracija svetovalec
ekipa standard postopek evalvacija okrevanje travma pogovor zatočišče linija
tožilstvo priča pravna pomoč občina ministrstvo direktiva pravice preventiva
kampanja šola učitelji starši skupnost mentorstvo psihološko svetovanje
tolmač mladoletniki azil nujno specializirano akreditirano supervizija
mreža podatki spremljanje ključ usposabljanje rejniki otrokove pravice
""".split()  # noqa: SIM905 (a word list reads better as text)

TOPICS = [
    "Foster care", "Identification of victims", "Referral mechanism",
    "Forced labour", "Forced begging", "Online exploitation", "Unaccompanied minors",
    "Reintegration", "Prevention in schools", "Training of professionals",
    "Guardianship", "Child-friendly justice", "Safe accommodation",
    "Psychological support", "Data and monitoring", "Cross-border cooperation",
    "Awareness campaigns", "Roma children", "Street children", "Legal aid",
]  # fmt: skip

PARTNERS = [
    ("ASTRA – Anti Trafficking Action", "RS"),
    ("Društvo Ključ", "SI"),
    ("British Association for Adoption and Fostering", "GB"),
    ("Centre for Social Work Belgrade", "RS"),
    ("Centre for Social Work Novi Sad", "RS"),
    ("Centre for Protection of Victims of Trafficking", "RS"),
    ("Atina", "RS"),
    ("Praxis", "RS"),
    ("Child Rights Centre", "RS"),
    ("Ministry of Labour and Social Affairs", "RS"),
    ("Društvo za nenasilno komunikacijo", "SI"),
    ("Slovenska filantropija", "SI"),
    ("Ministry of the Interior of Slovenia", "SI"),
    ("Centre for Social Work Ljubljana", "SI"),
    ("ECPAT UK", "GB"),
    ("Coram", "GB"),
    ("The Children's Society", "GB"),
    ("Terre des hommes Hungary", "HU"),
    ("Hope for Children", "CY"),
    ("La Strada Czech Republic", "CZ"),
    ("Caritas Bosnia and Herzegovina", "BA"),
    ("Open Gate – La Strada Macedonia", "MK"),
    ("Centre for Women's War Victims ROSA", "HR"),
    ("Save the Children North West Balkans", "BA"),
]

CITIES = {
    "RS": "Belgrade", "SI": "Ljubljana", "GB": "London", "HU": "Budapest",
    "CY": "Nicosia", "CZ": "Prague", "BA": "Sarajevo", "MK": "Skopje", "HR": "Zagreb",
}  # fmt: skip

LANGUAGE_SHARE = [("en", 40), ("sr-Latn", 30), ("sr-Cyrl", 15), ("sl", 15)]
# The document types generated (keys of knowledge.document_types), written in
# this order: practice guides first, as visits name them.
TYPE_SHARE = [("practice", 40), ("brief", 25), ("visit", 35)]
RESTRICTED_SHARE = 0.10
DRAFT_SHARE = 0.05


class Vocabulary:
    """Words with Zipf-like weights: the n-th word is drawn with weight 1/n."""

    def __init__(self, words: list[str]):
        self.words = words
        weights = [1 / rank for rank in range(1, len(words) + 1)]
        total, running, cumulative = sum(weights), 0.0, []
        for weight in weights:
            running += weight / total
            cumulative.append(running)
        self.cumulative = cumulative

    def words_for(self, rng: random.Random, count: int) -> list[str]:
        return rng.choices(self.words, cum_weights=self.cumulative, k=count)


VOCABULARIES = {
    "en": Vocabulary(ENGLISH),
    "sr-Latn": Vocabulary(SERBIAN),
    "sr-Cyrl": Vocabulary(SERBIAN),
    "sl": Vocabulary(SLOVENIAN),
}


@dataclass
class CorpusDocument:
    """Everything needed to create one document, in plain values."""

    number: int
    document_type: str
    title: str
    slug: str
    summary: str
    paragraphs: list[str]
    headings: list[str]
    steps: list[str]
    language: str
    partner: int
    topics: list[int]
    date: date
    restricted: bool
    publish: bool
    translation_key: uuid.UUID
    created_at: datetime
    participants: list[int]
    evidence_level: str
    recommendations: list[str]


class CorpusGenerator:
    """Yields :class:`CorpusDocument` values; the same seed gives the same corpus."""

    def __init__(self, seed: int):
        self.seed = seed
        self.rng = random.Random(seed)  # noqa: S311 (test data, not secrets)

    def sentence(self, language: str, low: int = 8, high: int = 20) -> str:
        words = VOCABULARIES[language].words_for(self.rng, self.rng.randint(low, high))
        text = " ".join(words)
        text = text[0].upper() + text[1:] + "."
        return to_cyrillic(text) if language == "sr-Cyrl" else text

    def phrase(self, language: str, low: int, high: int) -> str:
        return self.sentence(language, low, high).rstrip(".")

    def documents(self, count: int) -> Iterator[CorpusDocument]:
        rng = self.rng
        languages, language_weights = zip(*LANGUAGE_SHARE, strict=True)
        types, type_weights = zip(*TYPE_SHARE, strict=True)
        first_day = date(2008, 1, 1)
        for number in range(1, count + 1):
            language = rng.choices(languages, language_weights)[0]
            document_type = rng.choices(types, type_weights)[0]
            title = self.phrase(language, 4, 9)
            slug_base = slugify(self.phrase("en", 3, 5))[:50].strip("-") or "document"
            day = first_day + timedelta(days=rng.randrange(365 * 18))
            topic_count = rng.choice([1, 1, 2, 2, 2, 3, 4])
            paragraphs = [
                " ".join(self.sentence(language) for _ in range(rng.randint(3, 6)))
                for _ in range(rng.randint(3, 8))
            ]
            yield CorpusDocument(
                number=number,
                document_type=document_type,
                title=title,
                slug=f"{slug_base}-s{self.seed}n{number}",
                summary=" ".join(self.sentence(language) for _ in range(2)),
                paragraphs=paragraphs,
                headings=[self.phrase(language, 2, 5) for _ in range(2)],
                steps=[
                    self.sentence(language, 5, 10) for _ in range(rng.randint(0, 5))
                ],
                language=language,
                partner=rng.randrange(len(PARTNERS)),
                topics=rng.sample(range(len(TOPICS)), topic_count),
                date=day,
                restricted=rng.random() < RESTRICTED_SHARE,
                publish=rng.random() >= DRAFT_SHARE,
                translation_key=uuid.UUID(int=rng.getrandbits(128), version=4),
                created_at=datetime(day.year, day.month, day.day, 9, tzinfo=UTC),
                participants=rng.sample(range(len(PARTNERS)), rng.randint(0, 3)),
                evidence_level=rng.choice(
                    ["emerging", "promising", "evaluated", "proven"]
                ),
                recommendations=[
                    self.sentence(language, 6, 14) for _ in range(rng.randint(1, 5))
                ],
            )


EVALUATION_REPORT = "documents/corpus-evaluation-report.pdf"
DEMO_REPORT = (
    Path(__file__).parent
    / "demo"
    / "files"
    / "evaluation-foster-carer-training-2011.pdf"
)


def evaluation_report():
    """The library document the corpus's evaluated guides cite (a demo PDF)."""
    from django.core.files.storage import default_storage
    from wagtail.documents import get_document_model

    if not default_storage.exists(EVALUATION_REPORT):
        with DEMO_REPORT.open("rb") as file:
            default_storage.save(EVALUATION_REPORT, File(file))
    return get_document_model().objects.get_or_create(
        file=EVALUATION_REPORT, defaults={"title": "Synthetic evaluation report"}
    )[0]


class CorpusWriter:
    """Writes generated documents through :func:`interchange.bulk.create_documents`."""

    batch_size = 1000

    def __init__(self, seed: int):
        self.seed = seed

    def already_generated(self) -> bool:
        from knowledge.models import KnowledgePage

        return KnowledgePage.objects.filter(slug__endswith=f"-s{self.seed}n1").exists()

    def write(self, documents: Iterator[CorpusDocument]) -> Counter:
        from knowledge.models import Partner, Topic

        self.partners = [
            Partner.objects.get_or_create(
                slug=slugify(name)[:100], defaults={"name": name, "country": country}
            )[0]
            for name, country in PARTNERS
        ]
        self.topics = [
            Topic.objects.get_or_create(slug=slugify(name), defaults={"name": name})[
                0
            ].pk
            for name in TOPICS
        ]
        self.practice_pks: list[int] = []
        counts: Counter = Counter()
        batch: list[CorpusDocument] = []
        for document in documents:
            batch.append(document)
            if len(batch) == self.batch_size:
                counts += self.write_batch(batch)
                batch = []
        if batch:
            counts += self.write_batch(batch)
        return counts

    def write_batch(self, batch: list[CorpusDocument]) -> Counter:
        from wagtail.models import Locale

        from interchange.bulk import create_documents
        from knowledge.document_types import document_types

        counts: Counter = Counter()
        for document_type, _share in TYPE_SHARE:
            chosen = [d for d in batch if d.document_type == document_type]
            if not chosen:
                continue
            model = document_types[document_type].model
            parent = document_types[document_type].section_model.objects.get(
                locale=Locale.get_default()
            )
            pages = create_documents(
                parent, [self.new_document(model, document) for document in chosen]
            )
            if document_type == "practice":
                self.practice_pks += [page.pk for page in pages]
            counts[document_type] += len(pages)
        return counts

    @cached_property
    def evaluation_report(self):
        return evaluation_report()

    def new_document(self, model, document: CorpusDocument):
        from interchange.bulk import NewDocument

        partner = self.partners[document.partner]
        page = model(
            title=document.title,
            slug=document.slug,
            summary=document.summary,
            body=self.body(document),
            partner=partner,
            country=partner.country,
            language=document.language,
            date=document.date,
            restricted=document.restricted,
        )
        new = NewDocument(
            page=page,
            topic_ids=[self.topics[index] for index in document.topics],
            publish=document.publish,
            created_at=document.created_at,
            translation_key=document.translation_key,
        )
        getattr(self, f"fill_{document.document_type}")(new, document)
        return new

    @staticmethod
    def body(document: CorpusDocument) -> list[dict]:
        def block(block_type, value, number):
            return {
                "type": block_type,
                "value": value,
                "id": str(uuid.UUID(int=document.number * 100 + number)),
            }

        blocks = []
        half = len(document.paragraphs) // 2
        for number, paragraph in enumerate(document.paragraphs):
            if number in (0, half) and document.headings:
                heading = document.headings[0 if number == 0 else 1]
                blocks.append(
                    block("heading", {"text": heading, "level": "h2"}, 50 + number)
                )
            blocks.append(block("rich_text", f"<p>{paragraph}</p>", number))
        if document.steps:
            blocks.append(
                block(
                    "steps",
                    {"title": document.headings[0], "steps": document.steps},
                    99,
                )
            )
        return blocks

    def fill_practice(self, new, document: CorpusDocument) -> None:
        from practices.models import TEXT_PARTS

        field = new.page._meta.get_field("evaluation_documents")
        EvaluationDocument = field.related_model
        new.page.evidence_level = document.evidence_level
        if EvidenceLevel(document.evidence_level).needs_evaluation_document:
            # As the admin and the import require; in the revision too, so that
            # drafts export with it.
            report = self.evaluation_report
            new.page.evaluation_documents = [
                EvaluationDocument(document=report, label=report.title, sort_order=0)
            ]
        # The text in the guide's parts, paragraph by paragraph, the steps as
        # the method's list; nothing left for the body.
        parts = dict.fromkeys(TEXT_PARTS, "")
        for number, paragraph in enumerate(document.paragraphs):
            parts[TEXT_PARTS[number % len(TEXT_PARTS)]] += f"<p>{paragraph}</p>"
        if document.steps:
            steps = "".join(f"<li>{step}</li>" for step in document.steps)
            parts["method"] += f"<ol>{steps}</ol>"
        for name, html in parts.items():
            setattr(new.page, name, html)
        new.page.body = []
        new.page.target_groups = "Children\nFoster carers"
        new.page.other_standards = "EU Directive 2011/36/EU"
        new.page.contact_point = "Programme coordinator"

    def fill_brief(self, new, document: CorpusDocument) -> None:
        new.page.audience = "Ministries and agencies"
        new.page.recommendations = [
            {
                "type": "recommendation",
                "value": text,
                "id": str(uuid.UUID(int=document.number * 100 + 80 + number)),
            }
            for number, text in enumerate(document.recommendations)
        ]

    def fill_visit(self, new, document: CorpusDocument) -> None:
        page = new.page
        host = self.partners[document.participants[0] if document.participants else 0]
        page.host = host
        page.location = CITIES.get(str(host.country), "Belgrade")
        page.start_date = document.date
        page.end_date = document.date + timedelta(days=2)
        page.lessons = f"<p>{document.paragraphs[0]}</p>"
        page.follow_up = f"<p>{document.summary}</p>"
        new.related_ids["participants"] = [
            self.partners[i].pk for i in document.participants
        ]
        if self.practice_pks:
            new.related_ids["related_practices"] = [
                self.practice_pks[document.number % len(self.practice_pks)]
            ]
