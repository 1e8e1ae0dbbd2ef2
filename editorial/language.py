"""The admin in each editor's language from the start of every request."""

from django.conf import settings
from django.utils import translation


class AdminLanguageMiddleware:
    """Wagtail speaks an editor's chosen language only inside its views, so
    what is said around them (the message of a refusal, "you do not have
    permission", or a page not found) followed the browser's language. On the
    admin's paths, the language of the editor's preferences is active from
    here on."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            request.path_info.startswith(tuple(settings.ADMIN_PATH_PREFIXES))
            and user.is_authenticated
            # Read once per request, as Wagtail's views then read it.
            and hasattr(user, "wagtail_userprofile")
        ):
            translation.activate(user.wagtail_userprofile.get_preferred_language())
            request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)
