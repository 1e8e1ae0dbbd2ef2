"""Precision and recall of the detectors on a labelled set of snippets.

A labelled set is JSON Lines, one snippet a line::

    {"language": "sr-Cyrl", "text": "...", "expected": [["name", "Јелена"]]}

A detection counts as true when its kind is the expected kind and its text and
the expected text overlap (one contains the other).
"""

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from .detectors import detect


@dataclass
class Score:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else 1.0


@dataclass
class Evaluation:
    snippets: int = 0
    total: Score = field(default_factory=Score)
    by_kind: dict[str, Score] = field(default_factory=dict)
    by_language: Counter = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)

    def score(self, kind: str) -> Score:
        return self.by_kind.setdefault(kind, Score())


def _overlaps(found: str, expected: str) -> bool:
    return expected in found or found in expected


def evaluate(lines: Iterable[str]) -> Evaluation:
    result = Evaluation()
    for line in lines:
        if not line.strip():
            continue
        snippet = json.loads(line)
        result.snippets += 1
        result.by_language[snippet["language"]] += 1
        text = snippet["text"]
        expected = [tuple(pair) for pair in snippet["expected"]]
        unmatched = list(expected)
        for span in detect(text):
            value = text[span.start : span.end]
            match = next(
                (
                    pair
                    for pair in unmatched
                    if pair[0] == span.kind and _overlaps(value, pair[1])
                ),
                None,
            )
            if match:
                unmatched.remove(match)
                result.total.true_positives += 1
                result.score(span.kind).true_positives += 1
            else:
                result.total.false_positives += 1
                result.score(span.kind).false_positives += 1
                result.misses.append(f"false {span.kind} {value!r} in {text!r}")
        for kind, value in unmatched:
            result.total.false_negatives += 1
            result.score(kind).false_negatives += 1
            result.misses.append(f"missed {kind} {value!r} in {text!r}")
    return result
