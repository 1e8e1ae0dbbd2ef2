from django.test import TestCase


class RobotsTxtTests(TestCase):
    def test_points_to_the_sitemap_and_keeps_crawlers_out_of_private_areas(self):
        response = self.client.get("/robots.txt")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "text/plain; charset=utf-8")
        lines = response.content.decode().splitlines()
        self.assertIn("Sitemap: http://testserver/sitemap.xml", lines)
        self.assertIn("Disallow: /admin/", lines)
        for prefix in ("en", "sr-latn", "sr", "sl"):
            for path in ("search/", "accounts/"):
                self.assertIn(f"Disallow: /{prefix}/{path}", lines)
        self.assertNotIn("Disallow: /", lines)
