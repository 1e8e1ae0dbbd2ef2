"""The Serbian catalogue of Wagtail's admin (admin_locale/, docs/translations.md)."""

import re
import subprocess
import tempfile
from pathlib import Path
from unittest import mock

import django
import polib
from django.conf import settings
from django.core.management import call_command
from django.test import SimpleTestCase
from django.urls import reverse
from django.utils import translation

from knowledge import admin_messages
from knowledge.admin_messages import Catalogue

PLACEHOLDER = re.compile(
    r"%\([^)]*\)[-#0 +]*\d*(?:\.\d+)?[sdifr]|%[sd]|\{[A-Za-z_][\w.]*\}"
)
MARKUP = re.compile(r"<[^>]*>")
GLOSSARY_DOC = Path(settings.BASE_DIR) / "docs" / "translations.md"
# English phrases where a glossary word means something else.
HOMONYMS = re.compile(r"title tag|report this error", re.I)


def glossary() -> list[tuple[list[str], list[str]]]:
    """(English words, Serbian forms) from the table in docs/translations.md."""
    text = GLOSSARY_DOC.read_text("utf-8")
    table = text[text.index("### Glossary") : text.index("### After a Wagtail")]
    rows = []
    for line in table.splitlines():
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if len(cells) != 3 or cells[0].startswith(("English", "---")):
            continue
        english = [word.strip() for word in cells[0].split(",")]
        forms = [form.strip().lower() for form in cells[2].split(",")]
        rows.append((english, forms))
    return rows


def entries(language="sr_Latn"):
    for catalogue in admin_messages.catalogues():
        for entry in polib.pofile(str(catalogue.path(language))):
            if not entry.obsolete:
                yield catalogue, entry


def translations(entry) -> list[str]:
    if entry.msgid_plural:
        return [entry.msgstr_plural[index] for index in sorted(entry.msgstr_plural)]
    return [entry.msgstr]


class CatalogueTests(SimpleTestCase):
    def test_every_msgid_of_the_installed_packages_is_translated(self):
        problems = [
            problem
            for catalogue in admin_messages.catalogues()
            for problem in admin_messages.problems(catalogue)
        ]
        self.assertEqual(problems, [])

    def test_placeholders_and_three_plural_forms_are_kept(self):
        wrong = []
        for catalogue, entry in entries():
            if entry.msgid_plural:
                self.assertEqual(sorted(entry.msgstr_plural), [0, 1, 2], entry.msgid)
                # A form may leave out the singular's count ("1 page"), never
                # a placeholder of the plural.
                wanted = set(PLACEHOLDER.findall(entry.msgid_plural))
            else:
                wanted = set(PLACEHOLDER.findall(entry.msgid))
            for text in translations(entry):
                missing = wanted - set(PLACEHOLDER.findall(text))
                extra = set(PLACEHOLDER.findall(text)) - wanted
                extra -= set(PLACEHOLDER.findall(entry.msgid))
                if missing or extra:
                    wrong.append((catalogue.package, entry.msgid, text))
        self.assertEqual(wrong, [])

    def test_the_serbian_plural_rule_is_djangos(self):
        for catalogue in admin_messages.catalogues():
            for language in ("sr_Latn", "sr"):
                header = polib.pofile(str(catalogue.path(language))).metadata
                self.assertEqual(header["Plural-Forms"], admin_messages.PLURAL_FORMS)
        django_sr = Path(django.__file__).parent / "conf" / "locale"
        django_header = polib.pofile(
            str(django_sr / "sr_Latn" / "LC_MESSAGES" / "django.po")
        ).metadata["Plural-Forms"]
        self.assertEqual(
            django_header.replace(" ", ""), admin_messages.PLURAL_FORMS.replace(" ", "")
        )

    def test_msgfmt_check_is_clean_in_both_scripts(self):
        for catalogue in admin_messages.catalogues():
            for language in ("sr_Latn", "sr"):
                result = subprocess.run(  # noqa: S603
                    ["msgfmt", "--check", "-o", "/dev/null", catalogue.path(language)],  # noqa: S607
                    capture_output=True,
                    text=True,
                    check=False,
                )
                self.assertEqual(result.returncode, 0, result.stderr)

    def test_the_cyrillic_catalogues_are_current(self):
        call_command("transliterate_messages", check=True)

    def test_the_glossary_is_kept(self):
        rows = glossary()
        self.assertGreater(len(rows), 30)
        wrong = []
        for catalogue, entry in entries():
            english = MARKUP.sub(" ", PLACEHOLDER.sub(" ", entry.msgid))
            english = HOMONYMS.sub(" ", english)
            for words, forms in rows:
                if not re.search(rf"\b(?:{'|'.join(words)})\b", english, re.I):
                    continue
                for text in translations(entry):
                    if not any(form in text.lower() for form in forms):
                        wrong.append(f"{catalogue.package}: {entry.msgid!r} → {text!r}")
        self.assertEqual(wrong, [])

    def test_no_msgstr_is_left_in_english(self):
        # A msgstr equal to its msgid is a string nobody translated, unless it
        # is a name or a code that reads the same in Serbian.
        same = {
            entry.msgid
            for _, entry in entries()
            if not entry.msgid_plural and entry.msgstr == entry.msgid
        }
        self.assertLessEqual(
            same,
            {"Wagtail API v2", "Wagtail API v3", "API token", "ID", "Format", "Filter"}
            | {"%(range_start)s - %(range_end)s", "%(field_label)s:"}
            | {"%(related_model_name)s %(field_label)s", "Token", "Administrator"}
            | {"%(time_zone_option)s: %(localized_time_zone_label)s", "port"}
            | {"%(status_display)s %(task_name)s %(started_at)s"},
        )


class WhereItLivesTests(SimpleTestCase):
    def test_the_project_wins_then_this_catalogue_then_the_packages(self):
        paths = [Path(path) for path in settings.LOCALE_PATHS]
        self.assertEqual(paths[0], Path(settings.BASE_DIR) / "locale")
        self.assertEqual(paths[1:], admin_messages.locale_paths())

    def test_wagtail_speaks_serbian_in_both_scripts(self):
        with translation.override("sr-latn"):
            self.assertEqual(translation.gettext("Save draft"), "Sačuvaj nacrt")
            self.assertEqual(
                translation.ngettext("%(count)s document", "%(count)s documents", 5)
                % {"count": 5},
                "5 dokumenata",
            )
        with translation.override("sr"):
            self.assertEqual(translation.gettext("Save draft"), "Сачувај нацрт")
        with translation.override("sl"):
            self.assertEqual(translation.gettext("Save draft"), "Shrani osnutek")

    def test_the_admins_javascript_catalogue_is_serbian(self):
        with translation.override("sr"):
            url = reverse("wagtailadmin_javascript_catalog")
        response = self.client.get(url, headers={"accept-language": "sr"})
        self.assertContains(
            response, "\\u0421\\u0430\\u0447\\u0443\\u0432\\u0430\\u0458"
        )


class UpdateTests(SimpleTestCase):
    """`update_admin_messages` after an upgrade, and the check that follows."""

    def setUp(self):
        tmp = tempfile.TemporaryDirectory()
        self.addCleanup(tmp.cleanup)
        self.root = Path(tmp.name)
        package = self.root / "pkg"
        english = package / "locale" / "en" / "LC_MESSAGES" / "django.po"
        english.parent.mkdir(parents=True)
        self.english = english
        self.write_english(["Save draft", "Publish"])
        patcher = mock.patch.object(
            admin_messages, "ADMIN_LOCALE_DIR", self.root / "ours"
        )
        patcher.start()
        self.addCleanup(patcher.stop)
        spec = mock.Mock(origin=str(package / "__init__.py"))
        patcher = mock.patch.object(admin_messages, "find_spec", return_value=spec)
        patcher.start()
        self.addCleanup(patcher.stop)
        self.catalogue = Catalogue("pkg", "django")

    def write_english(self, msgids):
        po = polib.POFile()
        po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
        for msgid in msgids:
            po.append(polib.POEntry(msgid=msgid, msgstr=""))
        po.save(str(self.english))

    def test_an_upgrade_adds_new_strings_keeps_translations_and_fails_the_check(self):
        self.assertEqual(admin_messages.update(self.catalogue), (2, 0))
        po = self.catalogue.load()
        po.find("Save draft").msgstr = "Sačuvaj nacrt"
        po.find("Publish").msgstr = "Objavi"
        po.save()
        self.assertEqual(admin_messages.problems(self.catalogue), [])

        self.write_english(["Save draft", "Publish now"])
        self.assertEqual(len(admin_messages.problems(self.catalogue)), 1)
        self.assertIn(
            "missing 'Publish now'", admin_messages.problems(self.catalogue)[0]
        )

        self.assertEqual(admin_messages.update(self.catalogue), (1, 1))
        po = self.catalogue.load()
        self.assertEqual(po.find("Save draft").msgstr, "Sačuvaj nacrt")
        self.assertIsNone(po.find("Publish"))
        self.assertIn(
            "untranslated 'Publish now'", admin_messages.problems(self.catalogue)[0]
        )

    def test_a_fuzzy_entry_fails_the_check(self):
        admin_messages.update(self.catalogue)
        po = self.catalogue.load()
        for entry in po:
            entry.msgstr = "x"
        po.find("Publish").flags.append("fuzzy")
        po.save()
        self.assertEqual(len(admin_messages.problems(self.catalogue)), 1)
        self.assertIn("fuzzy 'Publish'", admin_messages.problems(self.catalogue)[0])

    def test_a_catalogue_not_yet_written_is_named(self):
        self.assertIn("missing", admin_messages.problems(self.catalogue)[0])


class ModelsearchSourceTests(SimpleTestCase):
    def test_a_package_without_an_english_catalogue_is_read_with_xgettext(self):
        msgids = {entry.msgid for entry in Catalogue("modelsearch", "django").source()}
        self.assertIn("index entry", msgids)
