from django.core.management.base import BaseCommand, CommandError

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

    def handle(self, *args, email, role, partner=None, **options):
        try:
            grant = grant_role(email, role, partner_slug=partner)
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
