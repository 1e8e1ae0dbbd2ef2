"""The shape of the test suite itself.

A test module never imports from another test module: what two modules share
lives in a helper module (``fixtures.py``, ``factories.py``, ``records.py``…),
so that moving or deleting one test file cannot break another, and a shared
class is not collected twice.
"""

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent


def is_test_module(dotted: str) -> bool:
    return dotted.rsplit(".", 1)[-1].startswith("test_")


def module_name(path: Path, root: Path) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def imported_modules(path: Path, root: Path = ROOT):
    """(line, module) for every module the file imports, however it is written:
    ``import a.b``, ``from a.b import c`` (a.b, and a.b.c in case c is a module)
    and relative imports, resolved from the file's package."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = module_name(path, root)
    if path.name != "__init__.py":
        package = package.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")
                parent = parent[: len(parent) - (node.level - 1)]
                base = ".".join([*parent, base] if base else parent)
            yield node.lineno, base
            for alias in node.names:
                yield node.lineno, f"{base}.{alias.name}"


def test_no_module_imports_from_a_test_module():
    found = []
    for path in sorted(TESTS.rglob("*.py")):
        for line, module in imported_modules(path):
            if module.startswith("tests.") and is_test_module(module):
                found.append(f"{path.relative_to(ROOT)}:{line} imports {module}")
    assert not found, (
        "Move what test modules share into a helper module (not test_*.py):\n"
        + "\n".join(found)
    )


def test_the_check_sees_every_way_of_importing(tmp_path):
    folder = tmp_path / "tests" / "search"
    folder.mkdir(parents=True)
    module = folder / "test_sql.py"
    module.write_text(
        "import tests.search.test_views\n"
        "from tests.search.test_views import SearchFixture\n"
        "from tests.search import test_views\n"
        "from .test_views import rich_text\n"
        "from . import test_backends\n"
        "from tests.search.fixtures import SearchFixture\n"
        "def later():\n"
        "    from tests.editorial.test_workflow import guide_form_data\n",
        encoding="utf-8",
    )
    flagged = sorted(
        (line, name)
        for line, name in imported_modules(module, root=tmp_path)
        if name.startswith("tests.") and is_test_module(name)
    )
    assert [line for line, _ in flagged] == [1, 2, 3, 4, 5, 8]
