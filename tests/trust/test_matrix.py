"""The trust matrix: every path that changes content or privacy × every output,
for every reader and kind of restriction (see tests/trust/paths.py and
tests/trust/outputs.py). Paths run once, on a shared world; each test checks
one (path, output) pair for all its documents and readers.

The paths are dealt into two halves, each a test class with a world of its
own: ``make test`` (pytest-xdist, ``--dist loadscope``) runs each class whole
on one worker, which builds the world of its half only."""

from dataclasses import replace

import pytest
from django.db import transaction
from django.test import override_settings
from django.utils import translation

from tests.trust.outputs import OUTPUTS, Reader
from tests.trust.paths import PATHS
from tests.trust.world import PUBLIC, READERS, World, annex_marker, may_open

HALVES = 2


def half_of(path_name: str) -> int:
    return list(PATHS).index(path_name) % HALVES


def selected_paths(session):
    """The paths the selected tests check (all of them in a full run)."""
    return {
        item.callspec.params["path_name"]
        for item in session.items
        if "path_name" in getattr(getattr(item, "callspec", None), "params", {})
    }


def pytest_generate_tests(metafunc):
    """Each class checks its half's paths against every output."""
    if metafunc.cls is None or not issubclass(metafunc.cls, Matrix):
        return
    pairs = [(p, o) for p in PATHS if half_of(p) == metafunc.cls.half for o in OUTPUTS]
    metafunc.parametrize(
        "path_name,output_name",
        pairs,
        ids=[f"path={p} output={o}" for p, o in pairs],
    )


@pytest.fixture(scope="class")
def world(request, django_db_setup, django_db_blocker, tmp_path_factory):
    """Every path of the class's half applied once, in a transaction undone
    after the class."""
    media = tmp_path_factory.mktemp("media")
    with (
        override_settings(MEDIA_ROOT=media),
        django_db_blocker.unblock(),
        transaction.atomic(),
        translation.override("en"),
    ):
        world = World.build()
        world.media = media
        needed = {
            name
            for name in selected_paths(request.session)
            if half_of(name) == request.cls.half
        }
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
class Matrix:
    half: int

    def test_pair(self, world, path_name, output_name):
        check_pair(world, path_name, output_name)


class TestFirstHalf(Matrix):
    half = 0


class TestSecondHalf(Matrix):
    half = 1


def check_pair(world, path_name, output_name):
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
            if target.audience == PUBLIC and output.text:
                # Every document has a members-only annex (world.members_annex):
                # the anonymous reader, who reads the public ones, never sees it.
                annex = replace(target, token=annex_marker(target.token))
                if output.see(reader, annex, context):
                    wrong.append(
                        f"path={path_name} output={output_name} reader=anonymous "
                        f"kind={target.token.removeprefix(target.word)}: "
                        "the members-only annex is shown"
                    )
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
