from django.core.management.base import BaseCommand, CommandError

from safeguarding.checks import gated_model, latest_content, unresolved_findings
from safeguarding.scanner import masked_name, scan_page


class Command(BaseCommand):
    help = (
        "Check every stored document (newest version, drafts included) for victims' "
        "personal data. Prints one tab-separated line per finding: slug (masked, "
        "with the page id, when it holds personal data), place, kind, masked "
        "excerpt. Exits with status 1 when unresolved findings remain."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "slugs", nargs="*", help="Only check the documents with these slugs."
        )
        parser.add_argument(
            "--all",
            action="store_true",
            dest="show_all",
            help="Also print findings a reviewer has overridden, marked 'overridden'.",
        )

    def handle(self, *args, slugs: list[str], show_all: bool, **options):
        documents = gated_model().objects.order_by("path")
        if slugs:
            documents = documents.filter(slug__in=slugs)
            missing = sorted(set(slugs) - set(documents.values_list("slug", flat=True)))
            if missing:
                raise CommandError(f"No document with slug {', '.join(missing)}")
        unresolved_count = checked = 0
        for document in documents.specific().iterator(chunk_size=200):
            checked += 1
            content = latest_content(document)
            findings = scan_page(content)
            unresolved = {f.fingerprint for f in unresolved_findings(content, findings)}
            for finding in findings:
                is_unresolved = finding.fingerprint in unresolved
                unresolved_count += is_unresolved
                if is_unresolved or show_all:
                    fields = [
                        _shown_slug(document),
                        finding.place,
                        finding.kind,
                        finding.excerpt,
                    ]
                    if not is_unresolved:
                        fields.append("overridden")
                    self.stdout.write("\t".join(_one_line(f) for f in fields))
        if unresolved_count:
            raise CommandError(
                f"{unresolved_count} unresolved finding(s) in {checked} document(s).",
                returncode=1,
            )
        self.stderr.write(f"No unresolved findings in {checked} document(s).")


def _shown_slug(document) -> str:
    """The slug, or, when it holds personal data itself, the slug masked and
    the page's id: the output goes to logs and mail."""
    shown = masked_name(document.slug)
    return shown if shown == document.slug else f"{shown} (id {document.pk})"


def _one_line(value: str) -> str:
    return " ".join(str(value).split())
