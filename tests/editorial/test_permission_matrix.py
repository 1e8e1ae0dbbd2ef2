"""Who may do what: every role against every action, through the real views.

Rows are the roles; columns are the actions the issue lists. "Own" and "other's"
are seen from editor A: organisation A's document and organisation B's.
"""

from django.core.files.base import ContentFile
from django.test import TestCase
from django.urls import reverse

from editorial.roles import restricted_collection
from tests.content import text_of
from tests.factories import (
    PartnerFactory,
    PracticeGuidePageFactory,
    UploadedDocumentFactory,
    user_with_role,
)

PUBLIC = "Matrix public guide"
RESTRICTED = "Matrix restricted guide"
OWN = "Matrix ASTRA draft"
OTHERS = "Matrix Kljuc draft"
FILE = b"%PDF-1.4 fictional referral form"

ROLES = ("anonymous", "practitioner", "editor_a", "editor_b", "reviewer", "admin")
Y, N = True, False
# action:                         anon practitioner editor_a editor_b reviewer admin
MATRIX = {
    "view_public":                 (Y, Y, Y, Y, Y, Y),
    "view_restricted":             (N, Y, Y, Y, Y, Y),
    "download_restricted":         (N, Y, Y, Y, Y, Y),
    "see_restricted_in_listings":  (N, Y, Y, Y, Y, Y),
    "edit_own":                    (N, N, Y, N, Y, Y),
    "edit_others":                 (N, N, N, Y, Y, Y),
    "publish":                     (N, N, N, N, Y, Y),
    "approve":                     (N, N, N, N, Y, Y),
}  # fmt: skip


class PermissionMatrixTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.astra = PartnerFactory(slug="astra", name="ASTRA")
        cls.kljuc = PartnerFactory(slug="kljuc", name="Društvo Ključ")
        cls.users = {
            "anonymous": None,
            "practitioner": user_with_role("practitioner"),
            "editor_a": user_with_role("editor", partner=cls.astra),
            "editor_b": user_with_role("editor", partner=cls.kljuc),
            "reviewer": user_with_role("reviewer"),
            "admin": user_with_role("admin"),
        }
        cls.public = PracticeGuidePageFactory(title=PUBLIC, partner=cls.astra)
        cls.restricted = PracticeGuidePageFactory(
            title=RESTRICTED, partner=cls.astra, restricted=True
        )
        cls.own = PracticeGuidePageFactory(title=OWN, partner=cls.astra, live=False)
        cls.others = PracticeGuidePageFactory(
            title=OTHERS, partner=cls.kljuc, live=False
        )
        editor_a = cls.users["editor_a"]
        cls.own.save_revision(user=editor_a, clean=False)
        cls.task_state = (
            cls.own.get_workflow().start(cls.own, editor_a).current_task_state
        )

    def setUp(self):
        self.file = UploadedDocumentFactory(
            title="Referral form",
            file=ContentFile(FILE, name="referral.pdf"),
            collection=restricted_collection(self.astra.collection),
        )

    # Each check answers: did the role get in?

    def view_public(self):
        return PUBLIC in self.page_text(self.public.url)

    def view_restricted(self):
        return RESTRICTED in self.page_text(self.restricted.url)

    def download_restricted(self):
        response = self.client.get(self.file.url)
        if response.status_code != 200:
            self.assertIn("/accounts/login/", response["Location"])
            return False
        return b"".join(response.streaming_content) == FILE

    def see_restricted_in_listings(self):
        listed = [
            RESTRICTED in self.page_text(url)
            for url in ("/en/practices/", "/en/partners/astra/", "/en/search/?q=Matrix")
        ]
        self.assertEqual(len(set(listed)), 1, listed)
        return listed[0]

    def edit_own(self):
        return self.admin_door("wagtailadmin_pages:edit", [self.own.pk], OWN)

    def edit_others(self):
        return self.admin_door("wagtailadmin_pages:edit", [self.others.pk], OTHERS)

    def publish(self):
        # The unpublish confirmation asks the same "may publish?" question.
        return (
            self.admin_door("wagtailadmin_pages:unpublish", [self.public.pk], PUBLIC)
            and self.own.permissions_for_user(self.user).can_publish()
        )

    def approve(self):
        return self.admin_door(
            "wagtailadmin_pages:workflow_action",
            [self.own.pk, "approve", self.task_state.pk],
        )

    def page_text(self, url):
        response = self.client.get(url)
        if response.status_code == 302:
            self.assertIn("/accounts/login/", response["Location"])
        else:
            self.assertEqual(response.status_code, 200, url)
        # Search marks matched words in titles: read the text without the marks.
        return text_of(response)

    def admin_door(self, name, args, title=None):
        response = self.client.get(reverse(name, args=args))
        body = response.content.decode()
        if response.status_code == 200:
            self.assertIn(title or "", body)
            return True
        self.assertIn(response.status_code, (302, 403, 404), name)
        for secret in (PUBLIC, RESTRICTED, OWN, OTHERS):
            self.assertNotIn(secret, body)
        return False

    def test_the_matrix(self):
        for action, expected in MATRIX.items():
            for role, allowed in zip(ROLES, expected, strict=True):
                with self.subTest(action=action, role=role):
                    self.user = self.users[role]
                    self.client.logout()
                    if self.user is not None:
                        self.client.force_login(self.user)
                    self.assertIs(getattr(self, action)(), allowed)
