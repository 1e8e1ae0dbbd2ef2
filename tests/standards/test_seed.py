"""The standards the seed migration puts in every database."""

from django.test import TestCase

from standards.models import Standard, StandardArticle


class SeedTests(TestCase):
    def test_every_standard_of_the_issue_is_listed_with_articles(self):
        self.assertEqual(
            list(Standard.objects.values_list("code", flat=True)),
            [
                "eu-2011-36",
                "eu-2024-1712",
                "cets-197",
                "greta-serbia",
                "uncrc",
                "uncrc-opsc",
                "cets-201",
                "un-alternative-care",
                "barnahus",
                "rs-criminal-code",
            ],
        )
        for standard in Standard.objects.all():
            with self.subTest(standard=standard.code):
                self.assertTrue(standard.official_url.startswith("https://"))
                self.assertTrue(standard.articles.exists())

    def test_articles_the_issue_names(self):
        for reference in [
            "eu-2011-36:2",
            "eu-2011-36:11",
            "eu-2011-36:13",
            "eu-2011-36:14",
            "eu-2011-36:15",
            "eu-2011-36:16",
            "eu-2011-36:18",
            "cets-197:10",
            "cets-197:12",
            "cets-197:16",
            "cets-197:28",
            "uncrc:3",
            "uncrc:12",
            "uncrc:19",
            "uncrc:20",
            "uncrc:34",
            "uncrc:35",
            "uncrc:39",
            "rs-criminal-code:388",
        ]:
            code, key = reference.split(":")
            with self.subTest(reference=reference):
                article = StandardArticle.objects.get(standard__code=code, key=key)
                self.assertEqual(article.reference, reference)
        self.assertEqual(
            StandardArticle.objects.get(
                standard__code="rs-criminal-code", key="388"
            ).title.split(" (")[0],
            "Trgovina ljudima",
        )
