"""What the browser tests check on a page: axe-core's verdict and screenshots."""

import os
from pathlib import Path

from django.conf import settings

ARTIFACTS = Path(os.environ.get("ARTIFACTS_DIR", settings.BASE_DIR / "artifacts"))
AXE_SCRIPT = settings.BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}

# WCAG 2.2 A and AA, plus axe's best practices (landmarks, headings, regions).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
BLOCKING_IMPACTS = {"serious", "critical"}
RUN_AXE = """async (tags) => {
    const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
    return result.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help,
        targets: v.nodes.map((node) => node.target.join(" ")).slice(0, 5),
    }));
}"""


def axe_violations(page) -> list[dict]:
    """The serious and critical axe-core violations on the page as it is now."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol, so a strict CSP does not block it.
        page.evaluate(AXE_SCRIPT.read_text())
    violations = page.evaluate(RUN_AXE, AXE_TAGS)
    return [v for v in violations if v["impact"] in BLOCKING_IMPACTS]


def axe_violations_at_both_widths(page) -> list[dict]:
    """axe-core at phone width, where the header and menus change, and at desktop."""
    violations = []
    for label, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
        page.set_viewport_size(viewport)
        violations += [{**v, "width": label} for v in axe_violations(page)]
    return violations


def scrolls_sideways_on_a_phone(page) -> bool:
    """Whether the page is wider than a phone's screen (390 px)."""
    page.set_viewport_size(PHONE)
    return page.evaluate(
        "document.documentElement.scrollWidth > document.documentElement.clientWidth"
    )


def describe(violations: list[dict]) -> str:
    return "\n".join(
        f"  {v['impact']}: {v['id']} ({v['help']}) at {', '.join(v['targets'])}"
        + (f" ({v['width']} width)" if "width" in v else "")
        for v in violations
    )


def save_screenshots(page, name: str) -> None:
    """Full-page screenshots at phone and desktop widths into artifacts/screenshots/."""
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    for label, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
        page.set_viewport_size(viewport)
        page.screenshot(path=folder / f"{name}-{label}.png", full_page=True)
    page.set_viewport_size(DESKTOP)
