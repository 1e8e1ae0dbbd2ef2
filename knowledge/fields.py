"""Small helpers for fields that editors fill as one entry per line."""


def split_lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def join_lines(items: list[str]) -> str:
    return "\n".join(item.strip() for item in items if item and item.strip())
