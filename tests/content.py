"""What a reader reads of an answer, for tests that look for a title in it."""

import re


def text_of(response) -> str:
    """The answer's body with search's marks around matched words taken out:
    a title must not hide behind them (nor seem missing because of them)."""
    return re.sub(r"</?mark>", "", response.content.decode())
