"""`make bench`: measure the site under gunicorn on SQLite and PostgreSQL.

For each database and each corpus size (BENCH_SIZES, default 1000,10000) it grows
a synthetic corpus (``generate_corpus``), times ``update_index``, starts gunicorn
with production settings on 127.0.0.1 and measures with wrk: the search mix,
the pages at 4 and 16 clients from the page cache and without it, a static file
as the ceiling; at the largest size a 64-client load test, and the same load
while a Redis server of the bench's own is stopped and started again mid-run.
It also times ``import_content`` into an empty database and reads each worker's
peak RSS.

Every request goes to 127.0.0.1 and every wrk run is bounded in time. Results go
to bench/results/<timestamp>.json and docs/benchmarks.md.

    python bench/run.py [--project DIR] [--sizes 1000,10000] [--databases sqlite,postgres]
"""

import argparse
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote
from urllib.request import urlopen

from report import write_markdown
from slow_phone import readable_on_slow_phone

HERE = Path(__file__).resolve().parent
WRK_SCRIPT = HERE / "report.lua"
PG_ADMIN_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432")
PG_DATABASE = "kb_bench"
PORT = int(os.environ.get("BENCH_PORT", "8765"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "3"))
SHORT = float(os.environ.get("BENCH_SECONDS", "3"))
# A run of this length before each measurement, not counted, so that every
# worker has compiled its templates and filled its per-process caches.
WARM_SECONDS = float(os.environ.get("BENCH_WARM_SECONDS", "1"))
LOAD_SECONDS = int(os.environ.get("BENCH_LOAD_SECONDS", "60"))
# The load test with Redis stopped for its middle third.
FAULT_SECONDS = int(os.environ.get("BENCH_FAULT_SECONDS", "30"))
# The page cache of the server under test: Redis (shared by the workers, as in
# production) when reachable, else local memory per worker.
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/5")
DOCUMENT_TYPES = {"practice", "brief", "visit"}

SEARCH_MIX = {
    "rare word": "interpreter",
    "common word": "children",
    "very common word": "the",
    "two words": "foster care",
    "phrase": '"safe accommodation"',
    "Cyrillic": "деца",
    "diacritics": "zaštita",
    "without diacritics": "zastita",
    "Slovenian": "otroci",
    "browse (empty)": "",
    "word + language filter": "children&language=en",
    "word + topic filter": "trafficking&topic=foster-care",
}


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


class Project:
    """A checkout with its own .venv: where commands and the server run."""

    def __init__(self, root: Path, database_url: str, workdir: Path):
        self.root = root
        self.python = root / ".venv" / "bin" / "python"
        self.database_url = database_url
        self.static_root = workdir / "static"
        self.env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(48),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "STATIC_ROOT": str(self.static_root),
            "MEDIA_ROOT": str(workdir / "media"),
            "PYTHONDONTWRITEBYTECODE": "1",
            # Plain HTTP on 127.0.0.1 from one address: no HTTPS redirect and no
            # per-address rate limits, or wrk would measure redirects and 429s.
            "DJANGO_SECURE_SSL_REDIRECT": "false",
            "DJANGO_RATE_LIMITS": "false",
        }
        self.env.pop("REDIS_URL", None)

    def manage(self, *args: str, settings: str = "knowledge.settings.production"):
        started = time.perf_counter()
        result = subprocess.run(
            [str(self.python), "manage.py", *args],
            cwd=self.root,
            env={**self.env, "DJANGO_SETTINGS_MODULE": settings},
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode:
            raise RuntimeError(
                f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}"
            )
        return time.perf_counter() - started, result.stdout

    def shell(self, code: str) -> str:
        return self.manage("shell", "-c", code)[1]


class Server:
    """gunicorn with production settings on 127.0.0.1, stopped on exit; the page
    cache in ``redis_url`` if given, else in BENCH_REDIS_URL when it answers."""

    def __init__(self, project: Project, page_cache: bool, redis_url: str = ""):
        self.project = project
        self.page_cache = page_cache
        self.redis_url = redis_url
        self.process = None

    def __enter__(self):
        # Without caches, every search counts and ranks as the first one after
        # a change to the content does.
        seconds = "600" if self.page_cache else "0"
        env = {
            **self.project.env,
            "DJANGO_SETTINGS_MODULE": "knowledge.settings.production",
            "PAGE_CACHE_SECONDS": seconds,
            "SEARCH_CACHE_SECONDS": seconds,
        }
        if self.redis_url:
            env["REDIS_URL"] = self.redis_url
        elif self.page_cache and redis_available():
            env["REDIS_URL"] = REDIS_URL
            subprocess.run(
                ["redis-cli", "-u", REDIS_URL, "flushdb"],
                capture_output=True,
                check=False,
            )
        self.process = subprocess.Popen(
            [
                str(self.project.root / ".venv" / "bin" / "gunicorn"),
                "knowledge.wsgi:application",
                "--bind",
                f"127.0.0.1:{PORT}",
                "--workers",
                str(WORKERS),
                "--timeout",
                "120",
                "--backlog",
                "512",
                "--log-level",
                "warning",
            ],
            cwd=self.project.root,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        # Workers load the whole site before they answer (knowledge/wsgi.py):
        # wait for an answer, not only for the socket.
        deadline = time.time() + 60
        while time.time() < deadline:
            if probe("/health/") == 200:
                break
            time.sleep(0.3)
        else:
            raise RuntimeError("gunicorn did not start")
        return self

    def worker_pids(self) -> list[int]:
        result = subprocess.run(
            ["pgrep", "-P", str(self.process.pid)],
            capture_output=True,
            text=True,
            check=False,
        )
        return [int(pid) for pid in result.stdout.split()]

    def peak_rss_mb(self) -> list[float]:
        peaks = []
        for pid in self.worker_pids():
            status = Path(f"/proc/{pid}/status").read_text()
            match = re.search(r"VmHWM:\s+(\d+) kB", status)
            if match:
                peaks.append(round(int(match.group(1)) / 1024, 1))
        return peaks

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def redis_available() -> bool:
    result = subprocess.run(
        ["redis-cli", "-u", REDIS_URL, "ping"],
        capture_output=True,
        text=True,
        check=False,
    )
    return result.stdout.strip() == "PONG"


def wrk(paths: list[str], connections: int, seconds: float, cookie: str = "") -> dict:
    """Run wrk against 127.0.0.1 with ``paths`` in turn; returns its JSON report."""
    env = {**os.environ, "WRK_PATHS": "\n".join(paths), "WRK_COOKIE": cookie}
    threads = min(2, connections)
    result = subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{max(1, round(seconds))}s",
            "--timeout",
            "30s",
            "-s",
            str(WRK_SCRIPT),
            f"http://127.0.0.1:{PORT}",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=seconds + 60,
        check=False,
    )
    line = next((x for x in result.stdout.splitlines() if x.startswith("{")), None)
    if line is None:
        raise RuntimeError(f"wrk gave no report:\n{result.stdout}{result.stderr}")
    return json.loads(line)


def sample_paths(project: Project) -> dict:
    code = """
import json
from django.apps import apps
from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from knowledge.models import KnowledgePage, Partner, Topic
from knowledge.selectors import visible_documents
documents = visible_documents(user=None).order_by("-date")
guides = visible_documents(user=None, model="practices.PracticeGuidePage")
guide = guides.first() or documents.first()
# Named by class: the briefs' app label differs in trees before their own app.
brief_model = next(m for m in apps.get_models() if m.__name__ == "PolicyBriefPage")
briefs = visible_documents(user=None, model=brief_model._meta.label)
brief = briefs.order_by("-date").first() or documents.first()
details = [d.url_path.removeprefix("/home") for d in documents[:200:2]]
partner = Partner.objects.filter(documents__isnull=False).order_by("slug").first()
topic = Topic.objects.order_by("slug").first()
print(json.dumps({
    "details": ["/en" + path for path in details],
    "partner": f"/en/partners/{partner.slug}/",
    "topic": f"/en/topics/{topic.slug}/",
    "topic_slug": topic.slug,
    "guide": "/en" + guide.url_path.removeprefix("/home"),
    "brief": "/en" + brief.url_path.removeprefix("/home"),
    "static": settings.STATIC_URL + staticfiles_storage.stored_name("css/site.css"),
}))
"""
    output = project.shell(code)
    return json.loads(output.strip().splitlines()[-1])


def probe(path: str) -> int:
    try:
        with urlopen(f"http://127.0.0.1:{PORT}{path}", timeout=60) as response:
            return response.status
    except Exception as error:  # noqa: BLE001
        return getattr(error, "code", 0)


def page_paths(sample: dict) -> dict:
    pages = {
        "home": ["/en/"],
        "index with filters": [
            f"/en/practices/?topic={sample['topic_slug']}&language=en",
            "/en/exchanges/?year=2015",
            "/en/briefs/?language=sr-Cyrl",
        ],
        "detail": sample["details"][:20],
        "topic": [sample["topic"]],
        "partner": [sample["partner"]],
        "feed": ["/en/feed/"],
        "static file (ceiling)": [sample["static"]],
    }
    return {name: paths for name, paths in pages.items() if probe(paths[0]) == 200}


def measure(paths: list[str], clients: int, cookie: str = "") -> dict:
    """wrk on ``paths`` after a warm-up run that is not counted."""
    wrk(paths, clients, WARM_SECONDS, cookie)
    return wrk(paths, clients, SHORT, cookie)


def measure_pages(pages: dict, clients: list[int], cookie: str = "") -> dict:
    results = {}
    for name, paths in pages.items():
        for count in clients:
            results[f"{name} @{count}"] = measure(paths, count, cookie)
    return results


def measure_search(sample: dict) -> dict:
    results = {}
    for name, query in SEARCH_MIX.items():
        words, _, filters = query.partition("&")
        path = "/en/search/?q=" + quote(words) + (f"&{filters}" if filters else "")
        results[name] = measure([path], 4)
        results[name]["path"] = path
    return results


def measure_search_sql(project: Project) -> dict:
    """SQL time of a search that nothing cached: every count and the ranking."""
    code = """
import json, time
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.test import Client
client = Client(HTTP_HOST="127.0.0.1")
out = {}
for q in ["children", "the", "interpreter", "деца"]:
    client.get("/en/search/", {"q": q})
    cache.clear()  # the first search after a change to the content
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        client.get("/en/search/", {"q": q})
        total = time.perf_counter() - started
    sql = sum(float(x["time"]) for x in queries.captured_queries)
    out[q] = {"queries": len(queries), "sql_ms": round(sql * 1000, 1),
              "view_ms": round(total * 1000, 1)}
print(json.dumps(out))
"""
    output = project.shell(code)
    return json.loads(output.strip().splitlines()[-1])


def measure_page_cpu(project: Project, sample: dict) -> dict:
    """CPU ms per request in-process for each page kind (the median of 15), as
    after any change (every cache emptied before each request) and as a page
    served again (the page cache off, the rest kept): the figure to hold
    against another Wagtail site's."""
    code = f"""
import json, statistics, time
from django.conf import settings
from django.core.cache import cache
from django.test import Client
settings.PAGE_CACHE_SECONDS = 0
client = Client(HTTP_HOST="127.0.0.1")
pages = {json.dumps(page_cpu_paths(sample))}
out = {{}}
for name, path in pages.items():
    assert client.get(path).status_code == 200, path
    for mode in ("cold", "warm"):
        times = []
        for _ in range(15):
            if mode == "cold":
                cache.clear()
            started = time.process_time()
            client.get(path)
            times.append((time.process_time() - started) * 1000)
        out.setdefault(name, {{}})[mode] = round(statistics.median(times), 1)
print(json.dumps(out))
"""
    output = project.shell(code)
    return json.loads(output.strip().splitlines()[-1])


def page_cpu_paths(sample: dict) -> dict:
    return {
        "home": "/en/",
        "listing (practices)": "/en/practices/",
        "listing (briefs)": "/en/briefs/",
        "detail (practice guide)": sample["guide"],
        "detail (brief)": sample["brief"],
        "topic": sample["topic"],
        "search (foster)": "/en/search/?q=foster",
    }


def load_paths(sample: dict) -> list[str]:
    return (
        ["/en/", "/en/practices/", "/en/exchanges/?page=2"]
        + sample["details"][:100]
        + [f"/en/search/?q={quote(q)}" for q in ("children", "foster care", "деца")]
    )


def load_test(sample: dict) -> dict:
    return wrk(load_paths(sample), 64, LOAD_SECONDS)


class OwnRedis:
    """A redis-server of the bench's own on a free port (never the machine's
    shared one), without persistence, that can stop and start again."""

    def __init__(self, workdir: Path):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.workdir = workdir
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1"]
            + ["--save", "", "--appendonly", "no", "--dir", str(self.workdir)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.time() + 10
        while time.time() < deadline:
            result = subprocess.run(
                ["redis-cli", "-p", str(self.port), "ping"],
                capture_output=True,
                text=True,
                check=False,
            )
            if result.stdout.strip() == "PONG":
                return
            time.sleep(0.1)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=20)
            self.process = None


def readiness() -> dict:
    try:
        with urlopen(f"http://127.0.0.1:{PORT}/health/ready/", timeout=10) as answer:
            return json.loads(answer.read())
    except Exception as error:  # noqa: BLE001
        return {"status": f"no answer: {error}"}


def load_test_redis_restart(project: Project, sample: dict, workdir: Path) -> dict:
    """The load test while the page cache's Redis is stopped after a third of
    the run and started again after two thirds: every answer must still be a
    success (wrk counts any status of 400 or more as an error)."""
    redis = OwnRedis(workdir)
    redis.start()
    seconds = FAULT_SECONDS
    try:
        with Server(project, page_cache=True, redis_url=redis.url):
            measure(load_paths(sample), 64)  # the cache filled, as before an outage
            report = {}
            with ThreadPoolExecutor(max_workers=1) as pool:
                started = time.time()
                run = pool.submit(wrk, load_paths(sample), 64, seconds)
                time.sleep(seconds / 3)
                redis.stop()
                report["stopped_at_s"] = round(time.time() - started, 1)
                time.sleep(2)
                report["ready_during_outage"] = readiness()
                time.sleep(max(0.0, started + 2 * seconds / 3 - time.time()))
                redis.start()
                report["started_at_s"] = round(time.time() - started, 1)
                result = run.result()
            report["ready_after"] = readiness()
    finally:
        redis.stop()
    return {**result, **report}


def reset_database(kind: str, workdir: Path, name: str = PG_DATABASE) -> str:
    if kind == "sqlite":
        path = workdir / "bench.sqlite3"
        path.unlink(missing_ok=True)
        return f"sqlite:///{path}"
    for statement in (
        f"DROP DATABASE IF EXISTS {name} WITH (FORCE)",
        f"CREATE DATABASE {name}",
    ):
        subprocess.run(
            ["psql", PG_ADMIN_URL + "/postgres", "-qc", statement],
            check=True,
            capture_output=True,
        )
    return f"{PG_ADMIN_URL}/{name}"


def measure_import(project_root: Path, kind: str, workdir: Path, source: Project):
    """Export 1,000 documents, import them into an empty database, time the import
    itself (not the start of the command)."""
    export = workdir / "export.jsonl"
    source.manage("export_content", str(export))
    kept, documents = [], 0
    for line in export.read_text().splitlines():
        if json.loads(line)["type"] in DOCUMENT_TYPES:
            if documents == 1000:
                continue
            documents += 1
        kept.append(line)
    export.write_text("\n".join(kept) + "\n")
    if kind == "postgres":
        target_url = reset_database(kind, workdir, f"{PG_DATABASE}_import")
    else:
        (workdir / "import.sqlite3").unlink(missing_ok=True)
        target_url = f"sqlite:///{workdir / 'import.sqlite3'}"
    target = Project(project_root, target_url, workdir)
    target.manage("migrate", "--noinput", "-v0")
    output = target.shell(
        "import time, io; from django.core.management import call_command; "
        "started = time.perf_counter(); "
        f"call_command('import_content', {str(export)!r}, stdout=io.StringIO()); "
        "print(time.perf_counter() - started)"
    )
    seconds = float(output.strip().splitlines()[-1])
    return {
        "documents": documents,
        "seconds": round(seconds, 2),
        "per_second": round(documents / seconds, 1),
    }


def run_database(
    kind: str, sizes: list[int], project_root: Path, workdir: Path
) -> dict:
    log(f"{kind}: fresh database")
    project = Project(project_root, reset_database(kind, workdir), workdir)
    project.manage("migrate", "--noinput", "-v0")
    project.manage("collectstatic", "--noinput", "-v0")
    result = {"sizes": {}}
    have, seed = 0, 1
    for size in sizes:
        log(f"{kind}: corpus to {size} documents")
        seconds, output = project.manage(
            "generate_corpus", "--documents", str(size - have), "--seed", str(seed)
        )
        rate = re.search(r"\((\d+) documents/s\)", output)
        generated = {
            "documents": size - have,
            "seconds_with_start": round(seconds, 2),
            "per_second": int(rate.group(1)) if rate else None,
            "output": output.strip(),
        }
        have, seed = size, seed + 1
        log(f"{kind}: update_index at {size}")
        index_seconds, _ = project.manage("update_index", "-v0")
        entry = {
            "generate_corpus": generated,
            "update_index_seconds": round(index_seconds, 2),
        }
        sample = sample_paths(project)
        with Server(project, page_cache=True) as server:
            pages = page_paths(sample)
            log(f"{kind}@{size}: pages from the cache")
            entry["pages_cached"] = measure_pages(pages, [4, 16])
            log(f"{kind}@{size}: search mix")
            entry["search"] = measure_search(sample)
            if size == sizes[0]:
                log(f"{kind}@{size}: a guide on a phone with a slow connection")
                entry["slow_phone"] = readable_on_slow_phone(
                    f"http://127.0.0.1:{PORT}", sample["guide"]
                )
            if size == sizes[-1]:
                log(f"{kind}@{size}: load test, 64 clients, {LOAD_SECONDS} s")
                entry["load_test"] = load_test(sample)
            entry["peak_rss_mb_cached_server"] = server.peak_rss_mb()
        if size == sizes[-1] and shutil.which("redis-server"):
            log(f"{kind}@{size}: load test, Redis stopped and started mid-run")
            entry["load_test_redis_restart"] = load_test_redis_restart(
                project, sample, workdir
            )
        with Server(project, page_cache=False) as server:
            log(f"{kind}@{size}: pages without the cache")
            uncached = {k: v for k, v in pages.items() if not k.startswith("static")}
            entry["pages_uncached"] = measure_pages(uncached, [4])
            log(f"{kind}@{size}: search mix without the cache")
            entry["search_uncached"] = measure_search(sample)
            entry["peak_rss_mb_uncached_server"] = server.peak_rss_mb()
        entry["search_sql"] = measure_search_sql(project)
        log(f"{kind}@{size}: CPU per page in-process")
        entry["page_cpu_ms"] = measure_page_cpu(project, sample)
        result["sizes"][str(size)] = entry
    log(f"{kind}: import_content of 1,000 documents into an empty database")
    result["import"] = measure_import(project_root, kind, workdir, project)
    return result


def versions(project_root: Path) -> dict:
    python = project_root / ".venv" / "bin" / "python"
    code = (
        "import django, wagtail, sys, json; print(json.dumps({'python': sys.version.split()[0],"
        " 'django': django.get_version(), 'wagtail': wagtail.__version__}))"
    )
    found = json.loads(subprocess.check_output([str(python), "-c", code], text=True))
    found["sqlite"] = subprocess.check_output(
        [str(python), "-c", "import sqlite3; print(sqlite3.sqlite_version)"], text=True
    ).strip()
    found["postgresql"] = subprocess.run(
        ["psql", PG_ADMIN_URL + "/postgres", "-Atc", "SHOW server_version"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    found["wrk"] = subprocess.run(
        ["wrk", "-v"], capture_output=True, text=True, check=False
    ).stdout.split("\n")[0]
    found["commit"] = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],
        cwd=project_root,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    return found


def machine() -> dict:
    memory = Path("/proc/meminfo").read_text().split("\n")[0].split()[1]
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(int(memory) / 1024 / 1024, 1),
        "kernel": platform.release(),
        "load_average_at_start": os.getloadavg(),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--project", type=Path, default=HERE.parent)
    parser.add_argument(
        "--sizes", default=os.environ.get("BENCH_SIZES") or "1000,10000"
    )
    parser.add_argument(
        "--databases", default=os.environ.get("BENCH_DATABASES") or "sqlite,postgres"
    )
    parser.add_argument("--output", type=Path, default=HERE / "results")
    parser.add_argument(
        "--docs", type=Path, default=HERE.parent / "docs" / "benchmarks.md"
    )
    parser.add_argument(
        "--no-docs", action="store_true", help="Do not update docs/benchmarks.md."
    )
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        log("wrk is not installed: `apt-get install wrk` (make bench does it as root)")
        return 1
    sizes = sorted({int(size) for size in args.sizes.split(",") if size.strip()})
    started = time.time()
    report = {
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "versions": versions(args.project),
        "settings": {
            "gunicorn_workers": WORKERS,
            "wrk_seconds_per_run": SHORT,
            "load_test_seconds": LOAD_SECONDS,
            "fault_load_test_seconds": FAULT_SECONDS,
            "sizes": sizes,
            "page_cache": "Redis, shared by the workers"
            if redis_available()
            else "local memory per worker",
        },
        "databases": {},
    }
    with tempfile.TemporaryDirectory(prefix="kb-bench-") as tmp:
        for kind in args.databases.split(","):
            report["databases"][kind] = run_database(
                kind, sizes, args.project.resolve(), Path(tmp)
            )
    report["minutes"] = round((time.time() - started) / 60, 1)
    args.output.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = args.output / f"{stamp}.json"
    path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    log(f"wrote {path} in {report['minutes']} minutes")
    if not args.no_docs:
        write_markdown(report, args.docs)
        log(f"updated {args.docs}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
