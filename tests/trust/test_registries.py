"""The matrix knows every door: a reader-facing URL the OUTPUTS registry does
not name, or an admin URL or bulk action the PATHS registry does not name,
fails here until it is added to a registry or, with a reason, to a list below."""

from django.urls import URLResolver, get_resolver
from wagtail.admin.views.bulk_action.registry import bulk_action_registry

from tests.trust.outputs import OUTPUTS
from tests.trust.paths import PATHS

# Reader-facing addresses that are not outputs of documents.
NOT_OUTPUTS = {
    "health_live": "a status, no content",
    "health_ready": "a status, no content",
    "robots_txt": "fixed paths for crawlers",
    "partner_index": "partners' names and logos, no documents",
    "service_worker": "a script, no content",
    "offline": "lists what the device saved, read there by the page's script; "
    "the server sends no document (what a device may keep: offline_copy)",
    "login": "accounts",
    "logout": "accounts",
    "password_change": "accounts",
    "password_change_done": "accounts",
    "password_reset": "accounts",
    "password_reset_done": "accounts",
    "password_reset_confirm": "accounts",
    "password_reset_complete": "accounts",
    "follow_subscriptions": "the names of what a reader follows, no documents",
    "follow_change": "changes how often a reader hears",
    "follow_remove": "removes a subscription",
    "follow_unsubscribe": "the names of what a link unsubscribes from",
    "wagtailcore_login": "Wagtail's sign-in for private pages: a redirect",
    "wagtailcore_authenticate_with_password": "the password form; the page "
    "itself (the page output) answers after it",
    "wagtaildocs_authenticate_with_password": "the password form of a file",
    # Images are public by design, even on restricted pages (editors are told
    # so: templates/editorial/images_are_public.html); the API hides images in
    # restricted collections (tests/outputs/test_api.py).
    "wagtailapi:images:listing": "images are public by design",
    "wagtailapi:images:detail": "images are public by design",
    "wagtailapi:images:find": "images are public by design",
    "api_root": "the API's endpoints, no content",
    "api_not_found": "a JSON 404, no content",
}

# Admin addresses that change no document's content or privacy, one by one in
# the namespaces that do, and whole namespaces that never do.
NOT_PATHS = {
    "wagtailadmin_pages:add_subpage": "chooses the type; the add view acts",
    "wagtailadmin_pages:choose_parent": "chooses the parent; the add view acts",
    "wagtailadmin_pages:preview_on_add": "a preview for editors",
    "wagtailadmin_pages:preview_on_edit": "a preview for editors",
    "wagtailadmin_pages:view_draft": "a preview for editors",
    "wagtailadmin_pages:workflow_preview": "a preview for reviewers",
    "wagtailadmin_pages:revisions_view": "a preview of a revision",
    "wagtailadmin_pages:revisions_compare": "compares revisions",
    "wagtailadmin_pages:revisions_index": "lists revisions",
    "wagtailadmin_pages:revisions_unschedule": "cancels a scheduled publication",
    "wagtailadmin_pages:history": "lists changes",
    "wagtailadmin_pages:history_results": "lists changes",
    "wagtailadmin_pages:workflow_history": "lists reviews",
    "wagtailadmin_pages:workflow_history_detail": "lists reviews",
    "wagtailadmin_pages:usage": "lists references",
    "wagtailadmin_pages:type_use": "lists pages of a type",
    "wagtailadmin_pages:type_use_results": "lists pages of a type",
    "wagtailadmin_pages:search": "searches pages",
    "wagtailadmin_pages:search_results": "searches pages",
    "wagtailadmin_pages:lock": "stops edits, changes no content",
    "wagtailadmin_pages:unlock": "allows edits, changes no content",
    "wagtailadmin_pages:set_page_position": "reorders siblings under one parent",
    "wagtailadmin_pages:unpublish": "takes the page from every reader",
    "wagtailadmin_pages:delete": "takes the page from every reader",
    "wagtailadmin_pages:collect_workflow_action_data": "the approval dialog; "
    "workflow_action acts",
    "wagtailadmin_pages:confirm_workflow_cancellation": "a confirmation dialog",
    "wagtailadmin_collections:index": "lists collections",
    "wagtailadmin_collections:add": "a new, empty collection",
    "wagtailadmin_collections:delete": "deletes an empty collection",
    "wagtailadmin_collections:edit": "renames or moves a collection; not yet "
    "a path (a file moved out of a restricted collection's child)",
    "wagtaildocs:index": "lists files",
    "wagtaildocs:index_results": "lists files",
    "wagtaildocs:document_usage": "lists a file's pages",
    "wagtaildocs:add": "a new file, used by no page yet",
    "wagtaildocs:add_multiple": "new files, used by no page yet",
    "wagtaildocs:create_multiple_from_uploaded_document": "a new file",
    "wagtaildocs:edit_multiple": "the upload form's edit step of new files",
    "wagtaildocs:delete": "removes a file",
    "wagtaildocs:delete_multiple": "removes a file",
    "wagtaildocs:delete_upload_multiple": "removes an upload",
    "simple_translation:submit_snippet_translation": "snippets, not pages",
    "wagtailadmin_api:pages:action": "the admin API runs the same page actions "
    "(copy, move, publish) as the views the paths drive",
    "wagtailadmin_api:pages:listing": "the admin's page explorer",
    "wagtailadmin_api:pages:detail": "the admin's page explorer",
    "wagtailadmin_api:pages:find": "the admin's page explorer",
    "wagtailadmin_api:documents:listing": "the admin's file explorer",
    "wagtailadmin_api:documents:detail": "the admin's file explorer",
    "wagtailadmin_api:documents:find": "the admin's file explorer",
    "wagtailadmin_api:images:listing": "images are public by design",
    "wagtailadmin_api:images:detail": "images are public by design",
    "wagtailadmin_api:images:find": "images are public by design",
}
NOT_PATH_NAMESPACES = {
    "wagtailadmin_workflows": "workflow settings",
    "wagtailadmin_reports": "reports",
    "wagtailimages": "images are public by design",
    "wagtailimages_chooser": "images are public by design",
    "wagtaildocs_chooser": "chooses or uploads a file; attaching it is a page edit",
    "wagtaillocales": "languages",
    "wagtailredirects": "a redirect leads to the page, which keeps its privacy",
    "wagtailsites": "sites",
    "wagtailsettings": "site settings",
    "wagtailsearchpromotions": "search suggestions for queries",
    "wagtailembeds": "embeds",
    "wagtailforms": "form submissions (no form pages here)",
    "wagtailusers_users": "accounts",
    "wagtailusers_groups": "groups and their permissions",
    "wagtailsnippets": "snippets: partners, topics, standards",
    "wagtailsnippets_knowledge_partner": "partners",
    "wagtailsnippets_knowledge_topic": "topics",
    "wagtailsnippets_standards_standard": "standards",
    "wagtailsnippets_standards_standardarticle": "standards",
    "wagtailsnippets_standards_amendment": "amendments: a notice and a review "
    "flag on documents, never their content or privacy",
    "wagtailsnippets_standards_amendmentcheck": "clears a review flag",
    "wagtailsnippetchoosers_standards_amendment": "a chooser",
    "wagtailsnippetchoosers_standards_amendmentcheck": "a chooser",
    "wagtailsnippetchoosers_knowledge_partner": "a chooser",
    "wagtailsnippetchoosers_knowledge_topic": "a chooser",
    "wagtailsnippetchoosers_standards_standard": "a chooser",
    "wagtailsnippetchoosers_standards_standardarticle": "a chooser",
    "wagtailadmin_editing_sessions": "who else is editing",
    "safeguarding": "findings and overrides of the safeguarding check",
}
# Admin addresses outside any namespace (and unnamed ones, by their route).
NOT_PATH_NAMES = {
    "editorial_due_for_review": "a report",
    "editorial_due_for_review_results": "a report",
    "exchanges_overdue_follow_ups": "a report",
    "exchanges_overdue_follow_ups_results": "a report",
    "search_popular": "a report",
    "search_popular_results": "a report",
    "search_unanswered": "a report",
    "search_unanswered_results": "a report",
    "wagtailadmin_home": "the dashboard",
    "wagtailadmin_account": "the editor's own account",
    "wagtailadmin_login": "accounts",
    "wagtailadmin_logout": "accounts",
    "wagtailadmin_password_reset": "accounts",
    "wagtailadmin_password_reset_done": "accounts",
    "wagtailadmin_password_reset_confirm": "accounts",
    "wagtailadmin_password_reset_complete": "accounts",
    "wagtailadmin_explore_root": "the page explorer",
    "wagtailadmin_explore": "the page explorer",
    "wagtailadmin_explore_results": "the page explorer",
    "wagtailadmin_choose_page": "a chooser",
    "wagtailadmin_choose_page_child": "a chooser",
    "wagtailadmin_choose_page_search": "a chooser",
    "wagtailadmin_choose_page_chosen_multiple": "a chooser",
    "wagtailadmin_choose_page_external_link": "a chooser",
    "wagtailadmin_choose_page_email_link": "a chooser",
    "wagtailadmin_choose_page_phone_link": "a chooser",
    "wagtailadmin_choose_page_anchor_link": "a chooser",
    "wagtailadmin_block_preview": "a preview of a block",
    "wagtailadmin_dismissibles": "dismissed hints",
    "wagtailadmin_error_test": "an error page",
    "wagtailadmin_javascript_catalog": "translations of the admin's scripts",
    "wagtailadmin_sprite": "icons",
    "wagtailadmin_tag_autocomplete": "a chooser",
    "wagtailadmin_tag_model_autocomplete": "a chooser",
    "admin/^.*/$": "the admin's not-found page",
    "admin/test404/": "the admin's not-found page",
    "admin/choose-page/chosen-multiple/": "a chooser",
    "admin/reports/page-types-usage/": "a report",
    "admin/reports/page-types-usage/results/": "a report",
}
# Bulk actions that change no document's content or privacy.
NOT_PATH_BULK_ACTIONS = {
    ("wagtailcore", "page", "unpublish"): "takes pages from every reader",
    ("wagtailcore", "page", "delete"): "takes pages from every reader",
    ("wagtaildocs", "document", "delete"): "removes files",
    ("wagtaildocs", "document", "add_tags"): "tags are shown to editors only",
    ("wagtailimages", "image", "delete"): "images are public by design",
    ("wagtailimages", "image", "add_tags"): "images are public by design",
    ("wagtailimages", "image", "add_to_collection"): "images are public by design",
    ("auth", "user", "delete"): "accounts",
    ("auth", "user", "assign_role"): "accounts",
    ("auth", "user", "set_active_state"): "accounts",
    ("knowledge", "partner", "delete"): "partners (protected while documents use them)",
    ("knowledge", "topic", "delete"): "topics",
    ("standards", "standard", "delete"): "standards",
    ("standards", "standardarticle", "delete"): "standards",
    ("standards", "amendment", "delete"): "amendments",
    ("standards", "amendmentcheck", "delete"): "review flags",
}


def url_patterns(patterns=None, prefix="", namespaces=()):
    """(route, namespace or "", name or the route) of every URL pattern."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = (
                (*namespaces, pattern.namespace) if pattern.namespace else namespaces
            )
            yield from url_patterns(pattern.url_patterns, route, inner)
        else:
            name = ":".join((*namespaces, pattern.name)) if pattern.name else route
            yield route, ":".join(namespaces), name


def is_admin(route):
    return route.startswith(("admin/", "django-admin/"))


def test_every_reader_facing_url_is_an_output_or_listed():
    named = {url for output in OUTPUTS.values() for url in output.urls}
    unknown = {
        name
        for route, _namespace, name in url_patterns()
        if not is_admin(route) and name not in named and name not in NOT_OUTPUTS
    }
    assert not unknown, f"Add to OUTPUTS (or NOT_OUTPUTS, with a reason): {unknown}"


def test_every_admin_url_is_a_path_or_listed():
    named = {url for path in PATHS.values() for url in path.urls}
    unknown = set()
    for route, namespace, name in url_patterns():
        if not route.startswith("admin/") or name in named:
            continue
        listed = name in NOT_PATHS or name in NOT_PATH_NAMES
        if not listed and namespace.split(":")[0] not in NOT_PATH_NAMESPACES:
            unknown.add(name)
    assert not unknown, f"Add to PATHS (or NOT_PATHS, with a reason): {unknown}"


def test_every_bulk_action_is_a_path_or_listed():
    bulk_action_registry._scan_for_bulk_actions()
    registered = {
        (app, model, action)
        for app, models in bulk_action_registry.actions.items()
        for model, actions in models.items()
        for action in actions
    }
    named = {action for path in PATHS.values() for action in path.bulk_actions}
    unknown = registered - named - set(NOT_PATH_BULK_ACTIONS)
    assert not unknown, f"Add to PATHS (or NOT_PATH_BULK_ACTIONS): {unknown}"


def test_the_lists_name_nothing_that_is_gone():
    """Entries of the lists above still exist, so the lists stay honest."""
    names = {name for _route, _namespace, name in url_patterns()}
    stale = (set(NOT_OUTPUTS) | set(NOT_PATHS) | set(NOT_PATH_NAMES)) - names
    named = {url for path in PATHS.values() for url in path.urls}
    named |= {url for output in OUTPUTS.values() for url in output.urls}
    assert not stale and named <= names, (stale, named - names)
