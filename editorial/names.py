"""Names the site stores in English and shows in each reader's language: the
"Partner review" workflow, its task, and the restricted collection each
partner's files move into. Code finds them by their English name; an instance
shows its name in the language active when it was loaded, that of whoever the
request or command is for; saved in any language, the name is stored in
English. A name an administrator changes to something else is shown as
written.
"""

from functools import cache

from django.conf import settings
from django.db.models.signals import post_init, pre_save
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import Collection, Task, Workflow
from wagtail.workflows import get_task_types

from editorial.roles import RESTRICTED_COLLECTION
from editorial.workflow import REVIEW_TASK_NAME, WORKFLOW_NAME

NAMES = (WORKFLOW_NAME, REVIEW_TASK_NAME, RESTRICTED_COLLECTION)


@cache
def stored_names() -> dict[str, str]:
    """Each of NAMES in every language of the site, to the name as stored."""
    names = {}
    for code, _ in settings.LANGUAGES:
        with translation.override(code):
            names.update({gettext(name): name for name in NAMES})
    return names


def show_name_translated(sender, instance, **kwargs):
    name = instance.__dict__.get("name")  # never load a deferred name here
    if name in NAMES:
        instance.name = gettext(name)


def store_name_in_english(sender, instance, **kwargs):
    """Whatever language the name was shown or typed in, store it as named."""
    instance.name = stored_names().get(str(instance.name), instance.name)


def speak_names() -> None:
    """Connect the two above to workflows, every kind of task and collections."""
    for model in (Workflow, Task, *get_task_types(), Collection):
        post_init.connect(show_name_translated, sender=model)
        pre_save.connect(store_name_in_english, sender=model)
