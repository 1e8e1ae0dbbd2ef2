"""How long a guide takes to become readable on a phone with a poor connection.

Headless Chromium (Debian's, as the browser tests) opens a guide at 390 × 844 with
its network throttled by the DevTools protocol: 400 kbit/s each way and 400 ms of
latency, an empty cache and no service worker, as on a first visit. Measured from
the start of the navigation: the first text painted, the largest text painted (the
guide's title or summary: when it can be read), and the page's load. The target is
3 s to readable (docs/offline.md)."""

import os
from pathlib import Path

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
PHONE = {"width": 390, "height": 844}
# 400 kbit/s in bytes per second, each way.
THROUGHPUT = 400_000 / 8
LATENCY_MS = 400
RUNS = 3
TARGET_MS = 3000

PAINTS = """() => new Promise((resolve) => {
    let largest = 0;
    new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) largest = entry.startTime;
    }).observe({type: "largest-contentful-paint", buffered: true});
    const first = performance.getEntriesByName("first-contentful-paint")[0];
    const load = performance.getEntriesByType("navigation")[0];
    setTimeout(() => resolve({
        first_text_ms: first ? first.startTime : null,
        readable_ms: largest || null,
        load_ms: load ? load.loadEventEnd : null,
    }), 100);
})"""


def readable_on_slow_phone(base_url: str, path: str) -> dict:
    """The median of RUNS cold visits to ``path``, in milliseconds."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        return {"skipped": f"no Chromium at {CHROMIUM}"}
    runs = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        try:
            for _run in range(RUNS):
                context = browser.new_context(
                    viewport=PHONE, service_workers="block", locale="en-GB"
                )
                page = context.new_page()
                session = context.new_cdp_session(page)
                session.send("Network.enable")
                session.send(
                    "Network.emulateNetworkConditions",
                    {
                        "offline": False,
                        "latency": LATENCY_MS,
                        "downloadThroughput": THROUGHPUT,
                        "uploadThroughput": THROUGHPUT,
                    },
                )
                page.goto(base_url + path, wait_until="load", timeout=60_000)
                runs.append(page.evaluate(PAINTS))
                context.close()
        finally:
            browser.close()

    def median(key):
        values = sorted(run[key] for run in runs if run[key] is not None)
        return round(values[len(values) // 2]) if values else None

    return {
        "path": path,
        "runs": RUNS,
        "latency_ms": LATENCY_MS,
        "kbit_per_second": 400,
        **{key: median(key) for key in ("first_text_ms", "readable_ms", "load_ms")},
    }
