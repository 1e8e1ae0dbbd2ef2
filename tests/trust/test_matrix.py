"""The trust matrix: every path that changes content or privacy × every output,
for every reader and kind of restriction (see tests/trust/paths.py and
tests/trust/outputs.py). Paths run once, on one shared world; each test checks
one (path, output) pair for all its documents and readers."""

import pytest
from django.db import transaction
from django.test import override_settings
from django.utils import translation

from tests.trust.outputs import OUTPUTS, Reader
from tests.trust.paths import PATHS
from tests.trust.world import PUBLIC, READERS, World, may_open


def selected_paths(session):
    """The paths the selected tests check (all of them in a full run)."""
    return {
        item.callspec.params["path_name"]
        for item in session.items
        if "path_name" in getattr(getattr(item, "callspec", None), "params", {})
    }


@pytest.fixture(scope="module")
def world(request, django_db_setup, django_db_blocker, tmp_path_factory):
    """Every path applied once, in a transaction undone after the module."""
    media = tmp_path_factory.mktemp("media")
    with (
        override_settings(MEDIA_ROOT=media),
        django_db_blocker.unblock(),
        transaction.atomic(),
        translation.override("en"),
    ):
        world = World.build()
        world.media = media
        needed = selected_paths(request.session)
        for path in PATHS.values():
            world.targets[path.name], world.failures[path.name] = [], []
            if path.name not in needed:
                continue
            for kind in path.kinds:
                try:
                    with transaction.atomic():
                        targets = path.apply(world, path.word, kind)
                except Exception as error:  # noqa: BLE001 (reported by its tests)
                    world.failures[path.name].append(f"kind={kind}: {error!r}")
                    continue
                for target in targets:
                    target.word, target.token = path.word, path.word + kind
                    world.targets[path.name].append(target)
        yield world
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _media_root(world, settings):
    """The world's files, for every test (instead of a folder of its own)."""
    settings.MEDIA_ROOT = world.media


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path_name,output_name",
    [(p, o) for p in PATHS for o in OUTPUTS],
    ids=[f"path={p} output={o}" for p in PATHS for o in OUTPUTS],
)
def test_matrix(world, path_name, output_name):
    assert not world.failures[path_name], world.failures[path_name]
    output = OUTPUTS[output_name]
    targets = world.targets[path_name]
    context = output.prepare(world, targets) if output.prepare else None
    # A public-only output answers everyone as it answers the anonymous reader;
    # the practitioner may open most, so asking them too shows any widening.
    names = ("anonymous", "practitioner") if output.public_only else READERS
    # Outputs without ``prepare`` read the world as built: their answers to
    # world-wide addresses serve every path.
    shared = world.answers if output.prepare is None else None
    readers = [Reader(name, world.reader(name), shared) for name in names]
    wrong = []
    for target in targets:
        # The public control proves the output can show a document; one
        # reader is enough for that, and keeps the matrix within its budget.
        asked = readers[:1] if target.audience == PUBLIC else readers
        for reader in asked:
            seen = output.see(reader, target, context)
            allowed = may_open(
                reader.name, target.audience, public_only=output.public_only
            )
            if seen != allowed:
                wrong.append(
                    f"path={path_name} output={output_name} reader={reader.name} "
                    f"kind={target.token.removeprefix(target.word)}: "
                    f"{'shown' if seen else 'hidden'}, expected "
                    f"{'shown' if allowed else 'hidden'}"
                )
    assert not wrong, "\n".join(wrong)
