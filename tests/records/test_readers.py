"""The field readers every record is read with: the clean value, or a message
that says what is wrong (the import prints it after the line and field)."""

from datetime import date

from django.test import SimpleTestCase

from records.readers import (
    choice,
    iso_date,
    iso_datetime,
    object_list,
    restriction,
    review_interval,
    slug,
    standard_list,
    string_list,
    text,
)


class ReaderTests(SimpleTestCase):
    def assertRefuses(self, reader, value, message):
        with self.assertRaises(ValueError) as caught:
            reader(value)
        self.assertEqual(str(caught.exception), message)

    def test_text_is_stripped_and_required(self):
        self.assertEqual(text("  Foster care "), "Foster care")
        self.assertRefuses(text, "  ", "must not be empty")
        self.assertRefuses(text, 3, "must be a string")

    def test_slugs_are_lowered_and_checked(self):
        self.assertEqual(slug("ASTRA"), "astra")
        self.assertRefuses(
            slug, "a b", "'a b' is not a slug (letters, digits, - and _)"
        )

    def test_dates_are_iso(self):
        self.assertEqual(iso_date("2011-03-01"), date(2011, 3, 1))
        self.assertRefuses(
            iso_date, "1.3.2011", "'1.3.2011' is not a date (YYYY-MM-DD)"
        )

    def test_lists_drop_blank_items(self):
        self.assertEqual(string_list([" a ", "", "b"]), ["a", "b"])
        self.assertRefuses(string_list, "a", "must be a list of strings")

    def test_standards_are_read_once_each_whatever_their_case(self):
        self.assertEqual(
            standard_list(["CETS-197:10", "cets-197:10", "Lanzarote Convention"]),
            ["CETS-197:10", "Lanzarote Convention"],
        )
        self.assertRefuses(standard_list, "uncrc", "must be a list of strings")

    def test_a_review_interval_is_one_of_the_admins_in_months(self):
        self.assertEqual(review_interval(24), 24)
        self.assertRefuses(review_interval, 5, "5 is not one of 6, 12, 24, 36 (months)")
        self.assertRefuses(
            review_interval, True, "True is not one of 6, 12, 24, 36 (months)"
        )

    def test_a_moment_without_an_offset_is_the_sites(self):
        moment = iso_datetime("2026-05-01T09:30:00+00:00")
        self.assertEqual(moment.utcoffset().total_seconds(), 0)
        self.assertIsNotNone(iso_datetime("2026-05-01T09:30").tzinfo)
        self.assertRefuses(
            iso_datetime,
            "1.5.2026",
            "'1.5.2026' is not a date and time (YYYY-MM-DDTHH:MM:SS+00:00)",
        )

    def test_a_choice_names_its_options(self):
        read = choice(["planned", "adopted"])
        self.assertEqual(read("Adopted"), "adopted")
        self.assertRefuses(read, "done", "'done' is not one of planned, adopted")

    def test_restrictions_name_groups_only_with_the_kind_groups(self):
        self.assertIsNone(restriction(None))
        self.assertEqual(
            restriction({"kind": "groups", "groups": ["Reviewers"]}),
            {"kind": "groups", "groups": ["Reviewers"]},
        )
        self.assertRefuses(
            restriction,
            {"kind": "login", "groups": ["Reviewers"]},
            "groups are named with the kind groups, and only with it",
        )
        self.assertRefuses(
            restriction,
            {"kind": "password", "password": "x"},
            "unknown key(s) password: use kind and groups",
        )

    def test_object_lists_name_the_item_and_field(self):
        read = object_list(
            {"title": (text, True, None), "tags": (string_list, False, [])},
            noun="module",
        )
        self.assertEqual(read([{"title": "Intro"}]), [{"title": "Intro", "tags": []}])
        self.assertRefuses(read, [{"title": "Intro"}, {}], "module 2: title: missing")
        self.assertRefuses(
            read, [{"title": "x", "hours": 2}], "module 1: unknown field 'hours'"
        )
        self.assertRefuses(read, [{"title": " "}], "module 1: title: must not be empty")
        self.assertRefuses(read, {}, "must be a list of module objects")
