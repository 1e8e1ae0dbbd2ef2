from django.apps import apps
from django.contrib.auth.management import create_permissions

from editorial.roles import ensure_roles
from editorial.workflow import ensure_partner_review_workflow

PERMISSION_APPS = (
    "wagtailadmin",
    "wagtailcore",
    "wagtaildocs",
    "wagtailimages",
    "knowledge",
    "simple_translation",
)


def ensure_editorial_setup(verbosity=0, using="default", **kwargs) -> None:
    """Create the groups, collections, permissions and workflow a fresh database needs.

    Runs after every ``migrate``; adds what is missing and changes nothing an
    administrator set up since.
    """
    # Django creates model permissions app by app after migrating; make sure the
    # ones the groups need exist before granting them.
    for label in PERMISSION_APPS:
        create_permissions(apps.get_app_config(label), verbosity=0, using=using)
    ensure_roles()
    ensure_partner_review_workflow()
