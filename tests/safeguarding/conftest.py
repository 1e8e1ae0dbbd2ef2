"""Hypothesis profiles for the detectors' property tests.

``ci`` (loaded when the CI environment variable is set) is derandomised: every
run tries the same examples, so a failure in CI is a failure on every machine.
Neither profile keeps an example database in the working tree.
"""

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    derandomize=True,
    max_examples=300,
    deadline=None,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", max_examples=150, deadline=None, database=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")
