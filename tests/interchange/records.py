"""Records as partners write them for ``import_content``: one partner each from
Serbia and Slovenia, a practice guide and a restricted policy brief."""

PARTNER = {"type": "partner", "slug": "astra", "name": "ASTRA", "country": "RS"}
KLJUC = {"type": "partner", "slug": "kljuc", "name": "Društvo Ključ", "country": "SI"}
PRACTICE = {
    "type": "practice",
    "slug": "specialised-foster-care",
    "title": "Specijalizovano hraniteljstvo",
    "summary": "Kako pripremiti hranitelje.",
    "body": "## Koraci\n\nPrvo **obuka**, pa [smernice](https://example.org/smernice).",
    "language": "sr-latn",
    "partner": "astra",
    "country": "rs",
    "date": "2011-03-01",
    "topics": ["Foster care", "Training"],
    "target_groups": ["Foster carers", "Social workers"],
    "standards": ["uncrc:20", "cets-197:12"],
    "other_standards": ["Palermo Protocol"],
    "evidence_level": "promising",
}
BRIEF = {
    "type": "brief",
    "slug": "brief-foster-care",
    "title": "Foster care for child victims",
    "summary": "Why specialised foster care is needed.",
    "body": "Text of the brief.",
    "language": "en",
    "partner": "astra",
    "country": "RS",
    "date": "2012-01-15",
    "topics": ["Foster care"],
    "recommendations": ["Fund specialised foster care.", "Train carers."],
    "audience": "Ministry of Family Care",
    "restricted": True,
}
