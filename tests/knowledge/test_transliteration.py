import datetime
import tempfile
from pathlib import Path

import polib
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import SimpleTestCase, TestCase

from knowledge.management.commands.check_messages import untranslated
from tests.factories import PracticeGuidePageFactory


def write_catalogue(path: Path, entries: list[polib.POEntry]) -> None:
    catalogue = polib.POFile()
    catalogue.metadata = {
        "Content-Type": "text/plain; charset=UTF-8",
        "Language": "sr_Latn",
        "Plural-Forms": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : "
        "n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    }
    for entry in entries:
        catalogue.append(entry)
    path.parent.mkdir(parents=True, exist_ok=True)
    catalogue.save(str(path))


class TransliterateMessagesTests(SimpleTestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)
        self.locale = Path(self.tmp.name)
        self.source = self.locale / "sr_Latn" / "LC_MESSAGES" / "django.po"
        self.target = self.locale / "sr" / "LC_MESSAGES" / "django.po"
        write_catalogue(
            self.source,
            [
                polib.POEntry(
                    msgid="Page %(number)s of %(total)s",
                    msgstr="Stranica %(number)s od %(total)s",
                    occurrences=[("templates/x.html", "3")],
                    flags=["python-format"],
                ),
                polib.POEntry(
                    msgid="%(counter)s document",
                    msgid_plural="%(counter)s documents",
                    msgstr_plural={
                        0: "%(counter)s dokument",
                        1: "%(counter)s dokumenta",
                        2: "%(counter)s dokumenata",
                    },
                ),
                polib.POEntry(msgid="Not yet", msgstr=""),
            ],
        )

    def run_command(self, **options):
        call_command("transliterate_messages", locale_dir=self.locale, **options)

    def test_writes_the_cyrillic_catalogue_and_then_finds_it_current(self):
        self.run_command()
        cyrillic = polib.pofile(str(self.target))
        self.assertEqual(cyrillic.metadata["Language"], "sr")
        self.assertEqual(
            cyrillic.find("Page %(number)s of %(total)s").msgstr,
            "Страница %(number)s од %(total)s",
        )
        self.assertEqual(
            cyrillic.find("%(counter)s document").msgstr_plural,
            {
                0: "%(counter)s документ",
                1: "%(counter)s документа",
                2: "%(counter)s докумената",
            },
        )
        # Untranslated stays untranslated (English), and is caught by check_messages.
        self.assertEqual(cyrillic.find("Not yet").msgstr, "")
        self.run_command(check=True)

    def test_check_fails_when_the_cyrillic_catalogue_is_stale_or_missing(self):
        with self.assertRaisesMessage(CommandError, "make messages"):
            self.run_command(check=True)
        self.run_command()
        self.target.write_text(
            self.target.read_text("utf-8").replace("Страница", "Stranica"), "utf-8"
        )
        with self.assertRaisesMessage(CommandError, "not the transliteration"):
            self.run_command(check=True)

    def test_a_missing_source_is_a_clear_error(self):
        self.source.unlink()
        with self.assertRaisesMessage(CommandError, "does not exist"):
            self.run_command()


class UntranslatedTests(SimpleTestCase):
    def test_empty_and_fuzzy_entries_are_untranslated(self):
        catalogue = polib.POFile()
        catalogue.append(polib.POEntry(msgid="Done", msgstr="Gotovo"))
        catalogue.append(polib.POEntry(msgid="Empty", msgstr=""))
        catalogue.append(polib.POEntry(msgid="Old", msgstr="Staro", flags=["fuzzy"]))
        catalogue.append(
            polib.POEntry(
                msgid="%(n)s x", msgid_plural="%(n)s xs", msgstr_plural={0: "a", 1: ""}
            )
        )
        catalogue.append(polib.POEntry(msgid="Gone", msgstr="", obsolete=True))
        self.assertEqual(
            [entry.msgid for entry in untranslated(catalogue)],
            ["Empty", "Old", "%(n)s x"],
        )


class CyrillicDatesTests(TestCase):
    def test_month_names_are_in_the_readers_script(self):
        document = PracticeGuidePageFactory(date=datetime.date(2011, 5, 1))
        path = document.url.removeprefix("/en/")
        expected = {"en": "1 May 2011", "sr-latn": "1. maj 2011.", "sr": "1. мај 2011."}
        for code, date in expected.items():
            with self.subTest(language=code):
                response = self.client.get(f"/{code}/{path}")
                self.assertContains(response, f"{date}</time>")
