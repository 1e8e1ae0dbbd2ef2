"""Security headers on every response.

The public site gets a strict Content-Security-Policy (``'self'`` only, no
inline script or style: settings ``CONTENT_SECURITY_POLICY``). Wagtail's and
Django's admin still need inline script and style, so paths under
``ADMIN_PATH_PREFIXES`` get the relaxed ``ADMIN_CONTENT_SECURITY_POLICY``.
"""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings


def is_admin_path(path: str) -> bool:
    return path.startswith(tuple(settings.ADMIN_PATH_PREFIXES))


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.config is None and is_admin_path(request.path):
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        return parts


class PermissionsPolicyMiddleware:
    """Turns off browser features the site never uses (camera, location, …)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=()" for feature in settings.PERMISSIONS_POLICY_DISABLED
        )

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.header)
        return response
