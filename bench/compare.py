"""`make bench-compare REF=<git ref>`: run the bench on REF and on this tree, print ratios.

REF is checked out in a temporary git worktree with its own .venv; both runs use
this tree's bench scripts, the same sizes and the same machine, one after the
other. A ratio above 1 means this tree is faster (or smaller, for times).
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def bench(project: Path, sizes: str, output: Path) -> dict:
    subprocess.run(
        [
            sys.executable,
            str(HERE / "run.py"),
            "--project",
            str(project),
            "--sizes",
            sizes,
            "--output",
            str(output),
            "--no-docs",
        ],
        check=True,
    )
    latest = sorted(output.glob("*.json"))[-1]
    return json.loads(latest.read_text())


def metrics(report: dict) -> dict:
    """Flat {name: (value, higher_is_better)} of the figures worth comparing."""
    found = {}
    for kind, result in report["databases"].items():
        for size, entry in result["sizes"].items():
            prefix = f"{kind} {size}"
            for group in ("search", "search_uncached"):
                for name, run in entry.get(group, {}).items():
                    found[f"{prefix} {group} p95 {name}"] = (run["p95_ms"], False)
            for group in ("pages_cached", "pages_uncached"):
                for name, run in entry[group].items():
                    found[f"{prefix} {group} req/s {name}"] = (run["rps"], True)
                    found[f"{prefix} {group} p95 {name}"] = (run["p95_ms"], False)
            found[f"{prefix} update_index s"] = (entry["update_index_seconds"], False)
        if result.get("import"):
            found[f"{kind} import documents/s"] = (result["import"]["per_second"], True)
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ref", required=True)
    parser.add_argument(
        "--sizes", default=os.environ.get("BENCH_SIZES") or "1000,10000"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kb-compare-") as tmp:
        other = Path(tmp) / "ref"
        subprocess.run(
            ["git", "worktree", "add", "--detach", str(other), args.ref],
            cwd=ROOT,
            check=True,
        )
        try:
            subprocess.run(["make", "-C", str(other), "install"], check=True)
            before = metrics(bench(other, args.sizes, Path(tmp) / "ref-results"))
            after = metrics(bench(ROOT, args.sizes, HERE / "results"))
        finally:
            subprocess.run(
                ["git", "worktree", "remove", "--force", str(other)],
                cwd=ROOT,
                check=False,
            )
    print(f"{'figure':70} {args.ref:>12} {'this tree':>12} {'better by':>10}")
    for name, (value, higher_is_better) in after.items():
        if name not in before:
            continue
        old = before[name][0]
        ratio = (
            (value / old if higher_is_better else old / value) if old and value else 0
        )
        print(f"{name:70} {old:12.1f} {value:12.1f} {ratio:9.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
