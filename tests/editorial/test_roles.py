from django.contrib.auth.models import Group
from django.test import TestCase
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    GroupCollectionPermission,
    GroupPagePermission,
)

from editorial.defaults import ensure_editorial_setup
from editorial.roles import RESTRICTED_COLLECTION, sections
from knowledge.permissions import PARTNER_EDITORS, PRACTITIONERS, REVIEWERS
from tests.factories import PartnerFactory


def page_permissions(group_name):
    return sorted(
        (perm.page.locale.language_code, perm.page.slug, perm.permission.codename)
        for perm in GroupPagePermission.objects.filter(group__name=group_name)
    )


class RoleSetupTests(TestCase):
    def test_a_fresh_database_has_the_groups(self):
        names = set(Group.objects.values_list("name", flat=True))
        self.assertTrue({PRACTITIONERS, PARTNER_EDITORS, REVIEWERS} <= names)

    def test_editors_may_add_pages_in_the_sections_but_not_publish(self):
        self.assertEqual(
            page_permissions(PARTNER_EDITORS),
            [
                (language, section, "add_page")
                for language in ("en", "sl", "sr", "sr-latn")
                for section in ("briefs", "exchanges", "practices", "training")
            ],
        )
        self.assertTrue(
            Group.objects.get(name=PARTNER_EDITORS)
            .permissions.filter(codename="submit_translation")
            .exists()
        )

    def test_reviewers_may_publish_in_the_sections(self):
        codenames = {codename for _, _, codename in page_permissions(REVIEWERS)}
        self.assertEqual(
            codenames,
            {"add_page", "change_page", "publish_page", "lock_page", "unlock_page"},
        )
        # The four sections in each of the four languages.
        self.assertEqual(len(sections()), 16)

    def test_practitioners_have_no_admin_access(self):
        group = Group.objects.get(name=PRACTITIONERS)
        self.assertFalse(group.permissions.exists())

    def test_setup_is_idempotent(self):
        counts = (
            Group.objects.count(),
            GroupPagePermission.objects.count(),
            GroupCollectionPermission.objects.count(),
            Collection.objects.count(),
        )
        ensure_editorial_setup()
        ensure_editorial_setup()
        self.assertEqual(
            counts,
            (
                Group.objects.count(),
                GroupPagePermission.objects.count(),
                GroupCollectionPermission.objects.count(),
                Collection.objects.count(),
            ),
        )

    def test_there_is_a_login_restricted_collection(self):
        restricted = Collection.objects.get(name=RESTRICTED_COLLECTION, depth=2)
        self.assertEqual(
            restricted.view_restrictions.get().restriction_type,
            CollectionViewRestriction.LOGIN,
        )


class PartnerTeamTests(TestCase):
    def test_saving_a_partner_gives_it_a_group_and_collections(self):
        partner = PartnerFactory(slug="astra", name="ASTRA")
        partner.refresh_from_db()
        self.assertEqual(partner.editor_group.name, "Partner editors: astra")
        self.assertEqual(partner.collection.name, "ASTRA")
        restricted = partner.collection.get_children().get()
        self.assertTrue(restricted.view_restrictions.exists())
        codenames = set(
            GroupCollectionPermission.objects.filter(
                group=partner.editor_group, collection=partner.collection
            ).values_list("permission__codename", flat=True)
        )
        self.assertEqual(
            codenames,
            {"add_document", "change_document", "choose_document",
             "add_image", "change_image", "choose_image"},
        )  # fmt: skip

    def test_renaming_a_partner_renames_its_collection(self):
        partner = PartnerFactory(slug="astra", name="ASTRA")
        partner.name = "ASTRA – Anti Trafficking Action"
        partner.save()
        partner.refresh_from_db()
        self.assertEqual(partner.collection.name, "ASTRA – Anti Trafficking Action")
        self.assertEqual(Collection.objects.filter(name__startswith="ASTRA").count(), 1)
