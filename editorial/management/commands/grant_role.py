from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import URLValidator

from editorial.roles import ROLES, RoleError, grant_role


class Command(BaseCommand):
    help = (
        "Give an account a role (practitioner, editor, reviewer or admin), "
        "creating the account if needed."
    )

    def add_arguments(self, parser):
        parser.add_argument("email", help="The person's e-mail address.")
        parser.add_argument("role", choices=ROLES, help="The role to give.")
        parser.add_argument(
            "--partner",
            metavar="SLUG",
            help="For editors: the partner organisation they edit for.",
        )
        parser.add_argument(
            "--base-url",
            metavar="URL",
            help=(
                "The site's address for the one-time link, e.g. "
                "http://127.0.0.1:8000 (default: WAGTAILADMIN_BASE_URL)."
            ),
        )

    def handle(self, *args, email, role, partner=None, base_url=None, **options):
        if base_url is not None:
            try:
                URLValidator(schemes=["http", "https"])(base_url)
            except ValidationError as error:
                raise CommandError(
                    f"--base-url needs an address such as http://127.0.0.1:8000, "
                    f"not {base_url!r}."
                ) from error
        try:
            grant = grant_role(email, role, partner_slug=partner, base_url=base_url)
        except RoleError as error:
            raise CommandError(str(error)) from error
        user = grant.user
        verb = "Created" if grant.created else "Updated"
        detail = f" for {partner}" if partner else ""
        self.stdout.write(f"{verb} {user.email}: {role}{detail}.")
        if grant.set_password_url:
            self.stdout.write(
                "Send them this one-time link to choose a password "
                "(it stops working once used):"
            )
            self.stdout.write(grant.set_password_url)
            used = base_url or settings.WAGTAILADMIN_BASE_URL
            source = "--base-url" if base_url else "WAGTAILADMIN_BASE_URL"
            self.stdout.write(
                f"The link is on {used} ({source}). If the site answers at another "
                "address, run this command again with --base-url "
                "(e.g. --base-url http://127.0.0.1:8001), or set "
                "WAGTAILADMIN_BASE_URL."
            )
