"""Running ``import_content`` on records written to a file, as partners do."""

import json
import tempfile
from io import StringIO
from pathlib import Path

from django.core.management import CommandError, call_command

from interchange.records import file_lines


def write_file(records, folder: Path | None = None) -> Path:
    """One JSON line per record (a string is written as it is)."""
    path = Path(folder or tempfile.mkdtemp()) / "content.jsonl"
    lines = [
        r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run_import(records) -> str:
    """Import the records; what the command printed."""
    out = StringIO()
    call_command("import_content", str(write_file(records)), stdout=out)
    return out.getvalue()


def failed_import(records) -> str:
    """Import records that must be refused; the problems the command printed."""
    err = StringIO()
    try:
        call_command(
            "import_content", str(write_file(records)), stdout=StringIO(), stderr=err
        )
    except CommandError:
        return err.getvalue()
    raise AssertionError("the import was expected to fail")


def export_import_export() -> list[dict]:
    """Export, import that export over the same database and export again: the
    two must be the same. The records of the export."""
    with tempfile.TemporaryDirectory() as folder:
        first, second = Path(folder) / "first.jsonl", Path(folder) / "second.jsonl"
        call_command("export_content", str(first), stdout=StringIO())
        call_command("import_content", str(first), stdout=StringIO())
        call_command("export_content", str(second), stdout=StringIO())
        exported = first.read_text(encoding="utf-8")
        assert exported == second.read_text(encoding="utf-8")
    return [json.loads(line) for line in file_lines(exported.encode()) if line]
