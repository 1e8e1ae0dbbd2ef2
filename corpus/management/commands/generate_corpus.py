import time

from django.core.management.base import BaseCommand, CommandError

from corpus.generator import CorpusGenerator, CorpusWriter
from interchange.bulk import refresh_statistics


class Command(BaseCommand):
    help = (
        "Add N synthetic documents of every type (English, Serbian in both "
        "scripts, Slovenian; about 10%% restricted, 5%% drafts) for benchmarks. "
        "The same --seed always gives the same documents."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--documents",
            type=int,
            required=True,
            help="How many documents to add.",
        )
        parser.add_argument(
            "--seed", type=int, default=1, help="Seed of the generator (default 1)."
        )

    def handle(self, *args, documents: int, seed: int, **options):
        if documents < 1:
            raise CommandError("--documents must be at least 1.")
        writer = CorpusWriter(seed=seed)
        if writer.already_generated():
            raise CommandError(
                f"The corpus of seed {seed} is already in the database; "
                "choose another --seed."
            )
        started = time.perf_counter()
        counts = writer.write(CorpusGenerator(seed).documents(documents))
        elapsed = time.perf_counter() - started
        refresh_statistics(documents)
        summary = ", ".join(f"{count} {kind}" for kind, count in sorted(counts.items()))
        self.stdout.write(
            f"Created {documents} documents ({summary}) in {elapsed:.1f} s "
            f"({documents / elapsed:.0f} documents/s)."
        )
