"""The JSON form of search results (``/search/?...&format=json``)."""

from knowledge.filters import document_filters
from search.queries import SearchResults


def results_as_json(results: SearchResults) -> dict:
    return {
        "query": results.query.text,
        "total": results.total,
        # Documents with every word; fewer than total when partial matches follow.
        "all_words_total": (
            results.total if results.complete_total is None else results.complete_total
        ),
        "suggestion": results.suggestion,
        "page": results.page,
        "per_page": results.per_page,
        "results": [
            {
                "type": hit.document.specific_class.document_type,
                "slug": hit.document.slug,
                "title": hit.document.title,
                "url": hit.document.url,
                "summary": hit.document.summary,
                "highlight": str(hit.highlight),
                "partner": hit.document.partner.slug,
                "language": hit.document.language,
                "date": hit.document.date.isoformat(),
                "topics": [topic.slug for topic in hit.document.topics.all()],
                "evidence_level": hit.document.evidence,
            }
            for hit in results.hits
        ],
        "facets": {
            spec.name: [
                {"value": value.value, "label": value.label, "count": value.count}
                for value in results.facets.get(spec.name, [])
            ]
            for spec in document_filters
        },
    }
