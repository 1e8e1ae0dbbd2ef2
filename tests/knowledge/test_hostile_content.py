"""Hostile rich text and StreamField content, saved by an editor through the real
page editor, never reaches a reader as script."""

import json
from html.parser import HTMLParser

from django.test import TestCase
from wagtail.test.utils.form_data import querydict_from_html

from tests.factories import PracticeGuidePageFactory, UserFactory

SCRIPT = "<script>alert(document.cookie)</script>"
# What a hostile editor can post by hand, bypassing the editor's own scripts.
CONTENTSTATE = {
    "blocks": [
        {
            "key": "a1b2c",
            "type": "unstyled",
            "depth": 0,
            "text": f"Read this {SCRIPT} now",
            "inlineStyleRanges": [],
            "entityRanges": [{"offset": 0, "length": 4, "key": 0}],
        },
        {
            "key": "d3e4f",
            "type": "unstyled",
            "depth": 0,
            "text": '<img src="x" onerror="alert(1)">',
            "inlineStyleRanges": [],
            "entityRanges": [{"offset": 0, "length": 4, "key": 1}],
        },
    ],
    "entityMap": {
        "0": {
            "type": "LINK",
            "mutability": "MUTABLE",
            "data": {"url": "javascript:alert(document.cookie)"},
        },
        "1": {
            "type": "LINK",
            "mutability": "MUTABLE",
            "data": {
                "url": "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="
            },
        },
    },
}


class ActiveMarkupFinder(HTMLParser):
    """Markup a browser would run: script elements not from the site's static
    files, event handler attributes, javascript: and data: links, plugins."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and not (attrs.get("src") or "").startswith("/static/"):
            self.found.append(f"<script {attrs}>")
        if tag in ("iframe", "object", "embed"):
            self.found.append(f"<{tag}>")
        for name, value in attrs.items():
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}>")
            scheme = (value or "").strip().lower()
            if name in ("href", "src", "action") and scheme.startswith(
                ("javascript:", "data:", "vbscript:")
            ):
                self.found.append(f"<{tag} {name}={value}>")


class HostileEditorContentTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = UserFactory(is_superuser=True, is_staff=True)
        cls.guide = PracticeGuidePageFactory(title="Safe harbour")

    def test_script_never_renders_from_any_body_block_or_field(self):
        self.client.force_login(self.editor)
        edit_url = f"/admin/pages/{self.guide.pk}/edit/"
        data = querydict_from_html(
            self.client.get(edit_url).content.decode(), form_id="page-edit-form"
        )
        data.update(
            {
                "title": f"Safe harbour {SCRIPT}",
                "summary": f"Summary {SCRIPT}",
                "body-count": "4",
                "members_annex-count": "0",
                "body-0-type": "rich_text",
                "body-0-value": json.dumps(CONTENTSTATE),
                "body-1-type": "heading",
                "body-1-value-text": f"Heading {SCRIPT}",
                "body-1-value-level": "h2",
                "body-2-type": "quote",
                "body-2-value-text": f'Quote {SCRIPT}<a href="javascript:alert(1)">x</a>',
                "body-2-value-attribution": f"{SCRIPT}",
                "body-3-type": "steps",
                "body-3-value-title": f"Steps {SCRIPT}",
                "body-3-value-steps-count": "1",
                "body-3-value-steps-0-value": f"Step {SCRIPT}",
                "body-3-value-steps-0-deleted": "",
                "body-3-value-steps-0-order": "0",
                "body-3-value-steps-0-id": "",
                "action-publish": "action-publish",
            }
        )
        for index in range(4):
            data.update(
                {
                    f"body-{index}-deleted": "",
                    f"body-{index}-order": str(index),
                    f"body-{index}-id": "",
                }
            )
        response = self.client.post(edit_url, data)
        form = response.context["form"] if response.status_code == 200 else None
        self.assertEqual(response.status_code, 302, form.errors if form else "")

        self.client.logout()
        self.guide.refresh_from_db()
        page = self.client.get(self.guide.url)
        self.assertEqual(page.status_code, 200)
        html = page.content.decode()
        self.assertIn("Heading &lt;script&gt;", html)
        self.assertIn("Step &lt;script&gt;", html)
        self.assertIn("<a>Read</a> this &lt;script&gt;", html)
        finder = ActiveMarkupFinder()
        finder.feed(html)
        self.assertEqual(finder.found, [])
        self.assertNotIn("<script>alert", html)
