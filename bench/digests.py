"""Time ``send_digests`` for many readers over a large corpus.

A fresh database (``DATABASE_URL``, default a new SQLite file in a temporary
folder; given one this script filled before, it only times the run again), ``generate_corpus`` of DOCUMENTS documents, then READERS readers who each
follow a topic, a partner and a saved search since before the corpus was made,
so every document is new to them: each digest looks at all of them (and lists
the newest twenty of each subscription). Mail goes to
Django's in-memory backend; what is timed is finding, checking and rendering.

    python bench/digests.py [--documents 10000] [--readers 1000]
"""

import argparse
import cProfile
import os
import pstats
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--readers", type=int, default=1_000)
    parser.add_argument(
        "--profile", action="store_true", help="Print where send_digests spends."
    )
    args = parser.parse_args()
    if "DATABASE_URL" not in os.environ:
        folder = tempfile.mkdtemp(prefix="digest-bench-")
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    os.environ["EMAIL_URL"] = "memorymail://"
    os.environ["DJANGO_SETTINGS_MODULE"] = "knowledge.settings.base"
    os.environ.setdefault("DJANGO_SECRET_KEY", "digest-bench")
    os.environ["SEARCH_CACHE_SECONDS"] = "0"

    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from follow.models import Digest, Subscription
    from knowledge.models import Partner, Topic

    call_command("migrate", verbosity=0)
    if Subscription.objects.exists():
        # A database of an earlier run (DATABASE_URL): time it again.
        Digest.objects.all().delete()
        Subscription.objects.update(sent_until=datetime(1990, 1, 1, tzinfo=UTC))
        time_run(args, Subscription.objects.values("user").distinct().count())
        return
    # The corpus dates its documents' publication in the past: readers who
    # subscribed before all of it.
    before = datetime(1990, 1, 1, tzinfo=UTC)
    started = time.perf_counter()
    call_command("generate_corpus", documents=args.documents, verbosity=0)
    print(f"corpus of {args.documents}: {time.perf_counter() - started:.1f} s")
    topics = list(Topic.objects.values_list("slug", flat=True))
    partners = list(Partner.objects.values_list("slug", flat=True))
    searches = ["q=children", "q=child+protection", "q=foster&language=sr-Latn"]
    User = get_user_model()
    users = User.objects.bulk_create(
        User(username=f"reader{n}", email=f"reader{n}@example.org")
        for n in range(args.readers)
    )
    Subscription.objects.bulk_create(
        Subscription(user=user, kind=kind, target=target, sent_until=before)
        for n, user in enumerate(users)
        for kind, target in (
            ("topic", topics[n % len(topics)]),
            ("partner", partners[n % len(partners)]),
            ("search", searches[n % len(searches)]),
        )
    )
    time_run(args, args.readers)


def time_run(args, readers):
    from django.db import connection

    from follow.digests import send_digests
    from knowledge.models import KnowledgePage

    documents = KnowledgePage.objects.count()
    profiler = cProfile.Profile() if args.profile else None
    started = time.perf_counter()
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        if profiler:
            profiler.enable()
        report = send_digests()
        if profiler:
            profiler.disable()
    elapsed = time.perf_counter() - started
    if profiler:
        pstats.Stats(profiler).sort_stats("tottime").print_stats(30)
    print(
        f"send_digests: {report.sent} digests to {readers} readers over "
        f"{documents} documents in {elapsed:.1f} s, "
        f"{len(queries)} queries ({len(queries) / readers:.1f} per reader)"
    )


if __name__ == "__main__":
    main()
