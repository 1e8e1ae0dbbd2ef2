"""Turn a bench/results/*.json report into the tables of docs/benchmarks.md.

Only the part between the ``bench:start`` and ``bench:end`` markers is replaced;
the prose around it is kept.
"""

from pathlib import Path

START, END = "<!-- bench:start -->", "<!-- bench:end -->"


def fmt(value, unit: str = "") -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        value = f"{value:,.1f}" if value < 100 else f"{value:,.0f}"
    return f"{value}{unit}"


def errors(run: dict) -> int:
    return run.get("socket_errors", 0) + run.get("http_errors", 0)


def target_size(sizes: dict) -> str:
    """10,000 if measured, else the largest size below it, else the smallest."""
    numbers = sorted(int(size) for size in sizes)
    below = [n for n in numbers if n <= 10_000]
    return str(below[-1] if below else numbers[0])


def verdict(ok) -> str:
    return "—" if ok is None else ("met" if ok else "**not met**")


# The search mixes measured, and how each is named in the targets.
SEARCH_MIXES = {
    "search": " (repeated queries: counts and ranking from the cache)",
    "search_uncached": " (nothing cached, as after any change)",
}


def targets(report: dict) -> list[str]:
    rows = [
        "| Target | Database | Size | Measured | |",
        "| --- | --- | --- | --- | --- |",
    ]
    for kind, result in report["databases"].items():
        sizes = result["sizes"]
        size = target_size(sizes)
        entry = sizes[size]
        numbers = sorted(int(s) for s in sizes)
        for mix, how in SEARCH_MIXES.items():
            search = entry.get(mix)
            if not search:
                continue
            worst = max(search.items(), key=lambda item: item[1]["p95_ms"])
            ok = all(
                run["p95_ms"] <= 150 and not errors(run) for run in search.values()
            )
            rows.append(
                f"| Search p95 ≤ 150 ms, every query{how} | {kind} | {size} | worst: "
                f"{worst[0]} {fmt(worst[1]['p95_ms'], ' ms')} "
                f"({errors(worst[1])} errors) | {verdict(ok)} |"
            )
            if len(numbers) > 1 and numbers[-1] >= 50_000:
                small = sizes[str(numbers[0])].get(mix, {})
                large = sizes[str(numbers[-1])][mix]
                ratio = max(
                    large[name]["p95_ms"] / max(small[name]["p95_ms"], 0.1)
                    for name in large
                    if name in small
                )
                rows.append(
                    f"| Search p95 at {numbers[-1]} ≤ 2 × p95 at {numbers[0]}{how} "
                    f"| {kind} | | worst ratio {ratio:.1f} | {verdict(ratio <= 2)} |"
                )
        sql = entry.get("search_sql") or {}
        if sql:
            worst_sql = max(run["sql_ms"] for run in sql.values())
            rows.append(
                f"| Search SQL (hits, counts, facets) ≤ 50 ms | {kind} | {size} | "
                f"worst {fmt(worst_sql, ' ms')} | {verdict(worst_sql <= 50)} |"
            )
        slow = sizes[str(numbers[0])].get("slow_phone") or {}
        if slow.get("readable_ms"):
            rows.append(
                f"| A guide readable on a phone at 400 kbit/s, 400 ms latency ≤ 3 s "
                f"| {kind} | {numbers[0]} | {fmt(slow['readable_ms'], ' ms')} "
                f"(first text {fmt(slow['first_text_ms'], ' ms')}) | "
                f"{verdict(slow['readable_ms'] <= 3000)} |"
            )
        uncached = entry["pages_uncached"]
        worst_page = max(uncached.items(), key=lambda item: item[1]["p95_ms"])
        rows.append(
            f"| Pages uncached p95 ≤ 80 ms | {kind} | {size} | worst: "
            f"{worst_page[0]} {fmt(worst_page[1]['p95_ms'], ' ms')} | "
            f"{verdict(worst_page[1]['p95_ms'] <= 80)} |"
        )
        cached = entry["pages_cached"]
        ceiling = cached.get("static file (ceiling) @16", {}).get("rps")
        if ceiling:
            pages = {
                k: v for k, v in cached.items() if "@16" in k and "static" not in k
            }
            slowest = min(pages.items(), key=lambda item: item[1]["rps"])
            share = slowest[1]["rps"] / ceiling
            rows.append(
                f"| Cached pages ≥ 40 % of static ceiling | {kind} | {size} | "
                f"slowest: {slowest[0]} {fmt(slowest[1]['rps'], ' req/s')} = "
                f"{share:.0%} of {fmt(ceiling, ' req/s')} | {verdict(share >= 0.4)} |"
            )
        imported = result.get("import")
        if imported:
            rows.append(
                f"| Import ≥ 200 documents/s | {kind} | {imported['documents']} | "
                f"{fmt(imported['per_second'], '/s')} | "
                f"{verdict(imported['per_second'] >= 200)} |"
            )
        index_seconds = entry["update_index_seconds"]
        rows.append(
            f"| Full `update_index` of 10,000 ≤ 60 s | {kind} | {size} | "
            f"{fmt(index_seconds, ' s')} | "
            f"{verdict(index_seconds <= 60) if size == '10000' else '—'} |"
        )
        generated = sizes[str(numbers[-1])]["generate_corpus"]
        rate = generated.get("per_second")
        rows.append(
            f"| `generate_corpus` ≥ 500 documents/s (search indexing included) "
            f"| {kind} | {generated['documents']} more | {fmt(rate, '/s')} | "
            f"{verdict(rate >= 500) if rate else '—'} |"
        )
        load = next(
            (sizes[s]["load_test"] for s in sizes if "load_test" in sizes[s]), None
        )
        if load:
            rows.append(
                f"| Load test, 64 clients, {fmt(load['seconds'], ' s')}: zero errors | "
                f"{kind} | {numbers[-1]} | {load['requests']} requests, "
                f"{fmt(load['rps'], ' req/s')}, p95 {fmt(load['p95_ms'], ' ms')}, "
                f"{errors(load)} errors ({load['timeouts']} timeouts) | "
                f"{verdict(errors(load) == 0)} |"
            )
        outage = next(
            (
                sizes[s]["load_test_redis_restart"]
                for s in sizes
                if "load_test_redis_restart" in sizes[s]
            ),
            None,
        )
        if outage:
            rows.append(
                f"| Load test, 64 clients, {fmt(outage['seconds'], ' s')}, Redis "
                f"stopped at {outage['stopped_at_s']} s and started at "
                f"{outage['started_at_s']} s: zero errors | {kind} | {numbers[-1]} | "
                f"{outage['requests']} requests, {fmt(outage['rps'], ' req/s')}, "
                f"p95 {fmt(outage['p95_ms'], ' ms')}, {errors(outage)} errors "
                f"({outage['timeouts']} timeouts) | {verdict(errors(outage) == 0)} |"
            )
    return rows


def readiness(answer: dict) -> str:
    """``{"status": "degraded", "cache": {"status": "down", …}, …}`` in words."""
    parts = [
        f"{name} {part['status']}"
        for name, part in answer.items()
        if isinstance(part, dict) and "status" in part
    ]
    return f"{answer.get('status')} ({', '.join(parts)})" if parts else str(answer)


def run_table(title: str, runs: dict) -> list[str]:
    rows = [
        f"**{title}**",
        "",
        "| | req/s | p50 | p95 | p99 | errors |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, run in runs.items():
        rows.append(
            f"| {name} | {fmt(run['rps'])} | {fmt(run['p50_ms'])} ms | "
            f"{fmt(run['p95_ms'])} ms | {fmt(run['p99_ms'])} ms | {errors(run)} |"
        )
    return [*rows, ""]


def details(report: dict) -> list[str]:
    lines = []
    for kind, result in report["databases"].items():
        for size, entry in result["sizes"].items():
            lines += [f"### {kind}, {int(size):,} documents", ""]
            generated = entry["generate_corpus"]
            lines += [
                f"- `generate_corpus` of {generated['documents']:,} more documents: "
                f"{fmt(generated.get('per_second'), ' documents/s')} (search indexing "
                f"included; {fmt(generated['seconds_with_start'], ' s')} with the "
                "start of the command)",
                f"- `update_index` (all documents): {fmt(entry['update_index_seconds'], ' s')}",
                f"- peak RSS per gunicorn worker: {entry['peak_rss_mb_cached_server']} MB "
                f"(page cache on), {entry['peak_rss_mb_uncached_server']} MB (off)",
                "",
            ]
            lines += run_table(
                "Search mix, 4 clients (the counts and ranking of a repeated "
                "query come from the cache)",
                entry["search"],
            )
            if "search_uncached" in entry:
                lines += run_table(
                    "Search mix, 4 clients, nothing cached", entry["search_uncached"]
                )
            sql = entry.get("search_sql") or {}
            if sql:
                lines += [
                    "Search SQL in one request with nothing cached (Django test "
                    "client, same database): "
                    + "; ".join(
                        f"`{q}` {v['queries']} queries, {v['sql_ms']} ms SQL, "
                        f"{v['view_ms']} ms view"
                        for q, v in sql.items()
                    ),
                    "",
                ]
            cpu = entry.get("page_cpu_ms") or {}
            if cpu:
                lines += [
                    "CPU per request in-process (ms, median of 15; cold: every "
                    "cache emptied first, as after any change; warm: the page "
                    "cache off, the rest kept)",
                    "",
                    "| page | cold | warm |",
                    "| --- | ---: | ---: |",
                    *(
                        f"| {name} | {fmt(v['cold'])} | {fmt(v['warm'])} |"
                        for name, v in cpu.items()
                    ),
                    "",
                ]
            lines += run_table("Pages from the page cache", entry["pages_cached"])
            lines += run_table("Pages without the page cache", entry["pages_uncached"])
            if "load_test" in entry:
                lines += run_table(
                    "Load test: 64 clients on home, listings, 100 documents and search",
                    {"mix": entry["load_test"]},
                )
            if "load_test_redis_restart" in entry:
                outage = entry["load_test_redis_restart"]
                lines += run_table(
                    "Load test with Redis stopped at "
                    f"{outage['stopped_at_s']} s and started again at "
                    f"{outage['started_at_s']} s",
                    {"mix": outage},
                )
                lines += [
                    "Readiness 2 s into the outage: "
                    f"{readiness(outage['ready_during_outage'])}; after the run: "
                    f"{readiness(outage['ready_after'])}.",
                    "",
                ]
        if result.get("import"):
            imported = result["import"]
            lines += [
                f"- `import_content` of {imported['documents']:,} documents into an "
                f"empty {kind} database: {imported['seconds']} s "
                f"({imported['per_second']} documents/s)",
                "",
            ]
    return lines


def write_markdown(report: dict, path: Path) -> None:
    machine, versions, settings = (
        report["machine"],
        report["versions"],
        report["settings"],
    )
    block = [
        START,
        f"Run of {report['started']} (commit {versions['commit']}, "
        f"{report['minutes']} minutes).",
        "",
        f"- Machine: {machine['cpu']}, {machine['cores']} cores, "
        f"{machine['memory_gb']} GB, Linux {machine['kernel']}; load average at "
        f"start {', '.join(f'{x:.1f}' for x in machine['load_average_at_start'])}",
        f"- Python {versions['python']}, Django {versions['django']}, Wagtail "
        f"{versions['wagtail']}, SQLite {versions['sqlite']}, PostgreSQL "
        f"{versions['postgresql']}, {versions['wrk']}",
        f"- gunicorn with production settings, {settings['gunicorn_workers']} sync "
        f"workers on 127.0.0.1; wrk {settings['wrk_seconds_per_run']} s per "
        f"measurement; page cache: {settings['page_cache']}",
        "",
        "## Targets",
        "",
        *targets(report),
        "",
        "## Figures",
        "",
        *details(report),
        END,
    ]
    text = path.read_text() if path.exists() else f"# Benchmarks\n\n{START}\n{END}\n"
    if START not in text:
        text += f"\n{START}\n{END}\n"
    before, rest = text.split(START, 1)
    after = rest.split(END, 1)[1]
    path.write_text(before + "\n".join(block) + after)
