"""`make relevance`: how well search ranks what readers mean, on the demo content.

bench/relevance.json holds queries in the site's four languages (English, Serbian
in Latin and in Cyrillic, Slovenian), each with the documents that should come
first. Each query goes through the site's own search (``search_documents``, as an
anonymous reader), and this prints, per language of the query and per database:

- hit@3: the share of queries with an expected document among the first three;
- MRR: the mean of 1 / the rank of the first expected document (0 if not in the
  first ten);
- nDCG@10: how close the first ten come to listing every expected document first.

It runs on SQLite always, and on PostgreSQL too when DATABASE_URL names one (in a
database of its own, ``test_<name>_relevance``, dropped afterwards). A search
server is never asked: the figures are the database backends'.

    python bench/relevance.py [--misses]

``recorded_hit_at_3`` in the same file holds the hit@3 levels that
tests/search/test_relevance_set.py guards, per database and language.
"""

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
RELEVANCE_FILE = Path(__file__).with_name("relevance.json")
LANGUAGES = ("en", "sr-latn", "sr", "sl")
DEPTH = 10


@dataclass(frozen=True)
class Judgement:
    query: str
    language: str
    kind: str
    expected: tuple[str, ...]


@dataclass(frozen=True)
class Figures:
    queries: int
    hit_at_3: float
    mrr: float
    ndcg_at_10: float


def judgements() -> list[Judgement]:
    data = json.loads(RELEVANCE_FILE.read_text(encoding="utf-8"))
    return [
        Judgement(q["query"], q["language"], q["kind"], tuple(q["expected"]))
        for q in data["queries"]
    ]


def recorded_hit_at_3() -> dict[str, dict[str, float]]:
    """The guarded hit@3 levels: {database vendor: {language: level}}."""
    data = json.loads(RELEVANCE_FILE.read_text(encoding="utf-8"))
    return data["recorded_hit_at_3"]


def reciprocal_rank(ranked: list[str], expected: tuple[str, ...]) -> float:
    for rank, slug in enumerate(ranked[:DEPTH], start=1):
        if slug in expected:
            return 1 / rank
    return 0.0


def ndcg(ranked: list[str], expected: tuple[str, ...]) -> float:
    gain = sum(
        1 / math.log2(rank + 1)
        for rank, slug in enumerate(ranked[:DEPTH], start=1)
        if slug in expected
    )
    ideal = sum(
        1 / math.log2(rank + 1) for rank in range(1, min(len(expected), DEPTH) + 1)
    )
    return gain / ideal


def evaluate(search, items: list[Judgement]) -> tuple[dict[str, Figures], list]:
    """Figures per language (and ``all``), and the queries that missed the first
    three with what came instead. ``search(query)`` returns ranked slugs."""
    rows = {}
    misses = []
    for item in items:
        ranked = search(item.query)
        hit = any(slug in item.expected for slug in ranked[:3])
        if not hit:
            misses.append((item, ranked[:3]))
        rows.setdefault(item.language, []).append(
            (hit, reciprocal_rank(ranked, item.expected), ndcg(ranked, item.expected))
        )
    rows["all"] = [row for language in LANGUAGES for row in rows.get(language, [])]
    figures = {
        language: Figures(
            queries=len(found),
            hit_at_3=sum(r[0] for r in found) / len(found),
            mrr=sum(r[1] for r in found) / len(found),
            ndcg_at_10=sum(r[2] for r in found) / len(found),
        )
        for language, found in rows.items()
        if found
    }
    return figures, misses


def site_search(query: str) -> list[str]:
    """The slugs of the first results an anonymous reader gets for ``query``."""
    from django.contrib.auth.models import AnonymousUser

    from knowledge.filters import DocumentFilters
    from search.queries import search_documents
    from search.text import parse_query

    results = search_documents(
        user=AnonymousUser(),
        query=parse_query(query),
        filters=DocumentFilters(),
        per_page=DEPTH,
    )
    return [hit.document.slug for hit in results.hits]


def unreachable(items: list[Judgement]) -> list[str]:
    """Expected slugs that are not documents an anonymous reader may open: a
    mistake in the relevance set, never something search could fix."""
    from django.contrib.auth.models import AnonymousUser

    from knowledge.selectors import visible_documents

    visible = set(
        visible_documents(user=AnonymousUser()).values_list("slug", flat=True)
    )
    return sorted({slug for item in items for slug in item.expected} - visible)


def measure_here(show_misses: bool) -> dict:
    """Load the demo content into a fresh database for DATABASE_URL and measure."""
    workdir = Path(tempfile.mkdtemp(prefix="relevance-"))
    os.environ.update(
        DJANGO_SETTINGS_MODULE="knowledge.settings.test",
        MEDIA_ROOT=str(workdir / "media"),
    )
    sys.path.insert(0, str(PROJECT))
    os.chdir(PROJECT)
    import django

    django.setup()
    from io import StringIO

    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    test_settings = connection.settings_dict.setdefault("TEST", {})
    if connection.vendor != "sqlite":
        test_settings["NAME"] = f"test_{connection.settings_dict['NAME']}_relevance"
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        call_command("load_demo_content", stdout=StringIO())
        items = judgements()
        wrong = unreachable(items)
        if wrong:
            raise SystemExit(f"Not documents anonymous readers see: {', '.join(wrong)}")
        figures, misses = evaluate(site_search, items)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    return {
        "vendor": connection.vendor,
        "figures": {k: vars(v) for k, v in figures.items()},
        "misses": [
            {"language": item.language, "query": item.query, "got": got}
            for item, got in misses
        ]
        if show_misses
        else [],
    }


def databases() -> list[str]:
    """SQLite always; DATABASE_URL's PostgreSQL too when it names one."""
    urls = ["sqlite://:memory:"]
    configured = os.environ.get("DATABASE_URL", "")
    if configured.startswith(("postgres://", "postgresql://", "pgsql://")):
        urls.append(configured)
    return urls


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--misses",
        action="store_true",
        help="list the queries that missed the top three",
    )
    parser.add_argument("--here", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.here:
        print(json.dumps(measure_here(args.misses)))
        return
    recorded = recorded_hit_at_3()
    for url in databases():
        # One process per database: Django's settings are read once.
        env = dict(
            os.environ, DATABASE_URL=url, ELASTICSEARCH_URL="", OPENSEARCH_URL=""
        )
        command = [sys.executable, __file__, "--here"] + (
            ["--misses"] if args.misses else []
        )
        out = subprocess.run(
            command, env=env, check=True, stdout=subprocess.PIPE, text=True
        )
        report = json.loads(out.stdout.strip().splitlines()[-1])
        floors = recorded.get(report["vendor"], {})
        print(f"\n{report['vendor']}")
        print(
            f"{'language':<10}{'queries':>8}{'hit@3':>8}{'MRR':>8}{'nDCG@10':>9}{'recorded':>10}"
        )
        for language in (*LANGUAGES, "all"):
            f = report["figures"].get(language)
            if not f:
                continue
            floor = floors.get(language)
            print(
                f"{language:<10}{f['queries']:>8}{f['hit_at_3']:>8.3f}{f['mrr']:>8.3f}"
                f"{f['ndcg_at_10']:>9.3f}{'' if floor is None else f'{floor:.3f}':>10}"
            )
        for miss in report["misses"]:
            print(
                f"  missed [{miss['language']}] {miss['query']!r}: {', '.join(miss['got']) or '—'}"
            )


if __name__ == "__main__":
    main()
