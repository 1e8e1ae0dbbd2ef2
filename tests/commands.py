"""Run ``manage.py`` in a separate process, with settings of its own."""

import os
import subprocess
import sys
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
# Set by other tests in this process (the browser tests' live server); a real
# deployment never has them, and `check --deploy` refuses them.
NOT_INHERITED = ("DJANGO_ALLOW_ASYNC_UNSAFE",)


def run_manage(*args, **env_overrides) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in NOT_INHERITED}
    env.update(env_overrides)
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
