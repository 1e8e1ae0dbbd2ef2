"""A practice guide as the admin's edit form posts it."""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

TITLE = "Foster families for trafficked children"


def guide_form_data(partner, **overrides):
    data = {
        "title": TITLE,
        "slug": "foster-families",
        "summary": "How ASTRA recruited and trained specialised foster families.",
        "partner": partner.pk,
        "country": "RS",
        "language": "en",
        "date": "2011-03-01",
        "topics": "",
        "review_interval": 12,
        "body": streamfield([]),
        "members_annex": streamfield([]),
        "evidence_level": "promising",
        "target_groups": "",
        "other_standards": "",
        "contact_point": "",
        "evaluation_documents": inline_formset([]),
        "comments": inline_formset([]),
        "standard_citations": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)
