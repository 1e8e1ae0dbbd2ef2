from django.test import TestCase

from tests.factories import ImageFactory, PartnerFactory, PolicyBriefPageFactory


class ShareMetaTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.partner = PartnerFactory(
            slug="astra", name="ASTRA", description="Belgrade NGO."
        )
        cls.brief = PolicyBriefPageFactory(
            title="Foster care brief", summary="Why foster care.", partner=cls.partner
        )

    def test_every_page_has_a_canonical_link_and_share_tags(self):
        for url in (
            "/en/",
            "/en/briefs/",
            "/en/topics/",
            "/en/partners/astra/",
            self.brief.url,
        ):
            with self.subTest(url=url):
                response = self.client.get(f"{url}?page=1")
                canonical = f"http://testserver{url}"
                self.assertContains(
                    response, f'<link rel="canonical" href="{canonical}">'
                )
                self.assertContains(
                    response, f'<meta property="og:url" content="{canonical}">'
                )
                self.assertContains(
                    response, '<meta name="twitter:card" content="summary">'
                )
                self.assertContains(response, 'property="og:title"')
                self.assertContains(response, 'media="print"')

    def test_document_pages_share_title_summary_and_partner_logo(self):
        self.partner.logo = ImageFactory()
        self.partner.save()
        response = self.client.get(self.brief.url)
        self.assertContains(response, '<meta property="og:type" content="article">')
        self.assertContains(
            response, '<meta property="og:title" content="Foster care brief">'
        )
        self.assertContains(
            response, '<meta property="og:description" content="Why foster care.">'
        )
        self.assertContains(
            response, '<meta property="og:image" content="http://testserver/media/'
        )

    def test_partner_pages_share_the_partner(self):
        response = self.client.get("/en/partners/astra/")
        self.assertContains(response, '<meta property="og:title" content="ASTRA">')
        self.assertContains(
            response, '<meta property="og:description" content="Belgrade NGO.">'
        )

    def test_print_stylesheet_is_served(self):
        response = self.client.get("/static/css/print.css")
        self.assertEqual(response.status_code, 200)
        self.assertIn(b".site-header", b"".join(response))
