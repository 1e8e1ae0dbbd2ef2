"""No package reaches around the layers of pyproject.toml (import-linter checks
the imports; this checks what it cannot see): not through ``apps.get_model``
with another package's label, not through another package's table names in
SQL, and not through a lazy "app.Model" reference to a package above it. (A
page type may link to another type's pages by such a reference, as a study
visit names the guides it observed: data, not code.)"""

import ast
import re
import tomllib
from pathlib import Path

from django.apps import apps

ROOT = Path(__file__).resolve().parent.parent
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
PACKAGES = CONFIG["root_packages"]
LAYERS = [
    [name.strip() for name in line.split("|")]
    for contract in CONFIG["contracts"]
    if contract["type"] == "layers" and "containers" not in contract
    for line in contract["layers"]
]
# The composition root names every package (as the import contract allows).
COMPOSITION_ROOT = (ROOT / "knowledge" / "settings", ROOT / "knowledge" / "urls.py")
MODEL_REFERENCE = re.compile(r"^(\w+)\.([A-Z]\w*)$")


# Known and still to go, as in the import contract's ignore_imports: listings
# filter by standard until filters are declared by the packages that own them.
def may_name(package: str) -> set[str]:
    """``package``, the packages beside it and the packages below it."""
    for index, line in enumerate(LAYERS):
        if package in line:
            return {name for layer in LAYERS[index:] for name in layer}
    raise AssertionError(f"{package} is in no layer of pyproject.toml")


def sources():
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" in path.parts or any(
                path == root or root in path.parents for root in COMPOSITION_ROOT
            ):
                continue
            yield package, path, ast.parse(path.read_text(), str(path))


def strings(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node


def tables_by_package() -> dict[str, set[str]]:
    tables = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.app_label in PACKAGES:
            tables.setdefault(model._meta.app_label, set()).add(model._meta.db_table)
    return tables


def test_every_package_is_in_a_layer():
    for package in PACKAGES:
        may_name(package)


def test_no_package_reaches_another_around_the_layers():
    tables = tables_by_package()
    wrong = []
    for package, path, tree in sources():
        where = path.relative_to(ROOT)
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "attr", None) == "get_model"
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                label = str(node.args[0].value).split(".")[0]
                if label in PACKAGES and label != package:
                    wrong.append(f"{where}:{node.lineno}: get_model of {label}")
        for node in strings(tree):
            reference = MODEL_REFERENCE.match(node.value)
            if (
                reference
                and reference[1] in PACKAGES
                and reference[1] not in may_name(package)
            ):
                wrong.append(f"{where}:{node.lineno}: names {node.value}")
            for owner, names in tables.items():
                if owner == package:
                    continue
                for table in names:
                    if re.search(rf"\b{table}\b", node.value):
                        wrong.append(f"{where}:{node.lineno}: table {table}")
    assert not wrong, "\n".join(wrong)
