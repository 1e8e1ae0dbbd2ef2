import subprocess
import sys

from django.conf import settings


def test_a_worker_imports_every_view_before_its_first_request():
    """The first reader of a fresh gunicorn worker must not wait for imports."""
    code = (
        "import sys, knowledge.wsgi; "
        "print(all(m in sys.modules for m in ('knowledge.urls', 'weasyprint')))"
    )
    result = subprocess.run(  # noqa: S603 - our own code, no input
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env={"DJANGO_SETTINGS_MODULE": "knowledge.settings.test", "PATH": ""},
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert result.stdout.strip() == "True"
