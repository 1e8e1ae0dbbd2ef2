"""`make snapshot`: what a reader gets from the demo content, written to files,
so a restructuring can show that it changed nothing (``diff -r`` two snapshots).

It builds a fresh SQLite database with the demo content in a temporary folder,
then writes, each to a file of its own under OUT (default ``snapshot/``):

- the HTML of every live page, and of the site's other reader pages (topics,
  partners, evidence, standards, search), in all four interface languages;
- the search JSON of a fixed set of queries in every language;
- the feed, the sitemap and the API's page and document listings;
- the interchange export of the whole site.

Values that differ from run to run (CSRF tokens, CSP nonces, the request id,
today's date) are replaced by placeholders.

    python bench/snapshot.py [OUT]
"""

import os
import re
import sys
import tempfile
from io import StringIO
from pathlib import Path
from urllib.parse import quote

PROJECT = Path(__file__).resolve().parent.parent
LANGUAGES = ("en", "sr-latn", "sr", "sl")
QUERIES = (
    "foster",
    "foster care",
    '"child victim"',
    "trafficking",
    "trgovina ljudima",
    "трговина људима",
    "zrtve",
    "žrtve",
    "hraniteljstvo",
    "rejništvo",
    "police interview",
    "identification of victims",
    "",
)
SITE_PAGES = ("topics/", "partners/", "evidence/", "standards/", "practices/?page=2")
WHOLE_SITE = (
    "/feed/",
    "/sitemap.xml",
    "/api/v2/pages/",
    "/api/v2/pages/?offset=20",
    "/api/v2/pages/?offset=40",
    "/api/v2/documents/",
)
# Every filter, alone and with another, where readers apply them: search
# (browsing and matching), the section listings, topic and partner pages, the feed.
FILTERS = (
    "type=practice",
    "topic=foster-care",
    "partner=kljuc",
    "partner=astra&type=visit",
    "country=SI",
    "language=sl",
    "year=2011",
    "evidence=promising",
    "standard=cets-197",
    "lineage=adapted",
    "lineage=adapted-elsewhere",
    "follow_up=planned",
    "partner=baaf&topic=foster-care",
)
FILTERED_PAGES = (
    "/en/search/?format=json&",
    "/en/search/?format=json&q=foster&",
    "/en/practices/?",
    "/en/exchanges/?",
    "/en/briefs/?",
    "/feed/?",
)
FILTERED_SITE = ("/en/topics/foster-care/", "/en/partners/kljuc/", "/en/partners/baaf/")
VARYING = (
    (re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]+'), r"\1CSRF"),
    (re.compile(r'(nonce=")[^"]+'), r"\1NONCE"),
    (re.compile(r'("request_id": ")[^"]+'), r"\1REQUEST"),
)


def setup(workdir: Path):
    os.environ.update(
        DJANGO_SETTINGS_MODULE="knowledge.settings.dev",
        DATABASE_URL=f"sqlite:///{workdir / 'db.sqlite3'}",
        MEDIA_ROOT=str(workdir / "media"),
        PAGE_CACHE_SECONDS="0",
        DJANGO_RATE_LIMITS="false",
    )
    sys.path.insert(0, str(PROJECT))
    os.chdir(PROJECT)
    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    setup_test_environment()
    call_command("migrate", verbosity=0)
    call_command("load_demo_content", stdout=StringIO())


def stable(text: str) -> str:
    from django.utils import timezone

    for pattern, placeholder in VARYING:
        text = pattern.sub(placeholder, text)
    text = re.sub(
        r"TODAYT[0-9:.]+[+-][0-9:]+",
        "NOW",
        text.replace(timezone.localdate().isoformat(), "TODAY"),
    )
    return text


def file_name(url: str) -> str:
    name = re.sub(r"[^A-Za-z0-9._-]+", "_", url.strip("/")) or "root"
    return name[:150]


def snapshot(out: Path):
    from django.test import Client
    from wagtail.models import Page

    client = Client()
    out.mkdir(parents=True, exist_ok=True)

    def save(folder: str, url: str):
        response = client.get(url)
        body = response.content.decode(errors="replace")
        target = out / folder / f"{file_name(url)}.txt"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f"{response.status_code} {url}\n{stable(body)}")

    for page in Page.objects.live().order_by("path").specific():
        if page.url:
            save("pages", page.url)
    for language in LANGUAGES:
        for address in SITE_PAGES:
            save("site", f"/{language}/{address}")
        for query in QUERIES:
            save("search", f"/{language}/search/?q={quote(query)}&format=json")
        save("search", f"/{language}/search/?q={quote('foster')}")
    for url in WHOLE_SITE:
        save("whole", url)
    for address in FILTERED_PAGES:
        for filters in FILTERS:
            save("filtered", address + filters)
    for url in FILTERED_SITE:
        save("filtered", url)

    from django.core.management import call_command

    export = out / "export.jsonl"
    call_command("export_content", str(export), stdout=StringIO())
    export.write_text(stable(export.read_text()))


def main():
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "snapshot").resolve()
    with tempfile.TemporaryDirectory() as workdir:
        setup(Path(workdir))
        snapshot(out)
    print(f"Snapshot written to {out}")


if __name__ == "__main__":
    main()
