"""The evidence ladder: how well a practice is shown to work.

The one definition of the levels and of what each requires. Practice guides
store the level, the admin form checks it, listings and search filter and count
by it, and the explanation page (``/<lang>/evidence/``) and docs/evidence.md
describe it from here.
"""

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class EvidenceLevel(models.TextChoices):
    """From a description of a practice to a controlled study of it, in order."""

    EMERGING = "emerging", _("Emerging")
    PROMISING = "promising", _("Promising")
    EVALUATED = "evaluated", _("Evaluated")
    PROVEN = "proven", _("Proven")

    @property
    def rank(self) -> int:
        """1 for the lowest rung of the ladder, 4 for the highest."""
        return list(EvidenceLevel).index(self) + 1

    @property
    def requirement(self) -> Promise:
        return REQUIREMENTS[self]

    @property
    def needs_evaluation_document(self) -> bool:
        """Evaluated and proven practices must attach the evaluation or study
        itself, so a reader can check the claim."""
        return self in (EvidenceLevel.EVALUATED, EvidenceLevel.PROVEN)


REQUIREMENTS = {
    EvidenceLevel.EMERGING: _(
        "A description of the practice: what is done, for whom and by whom. "
        "It has not been measured yet."
    ),
    EvidenceLevel.PROMISING: _(
        "Monitoring data: the practice has been followed over time (numbers of "
        "children reached, placements kept, cases closed) and the results look good."
    ),
    EvidenceLevel.EVALUATED: _(
        "An evaluation report: someone assessed whether the practice reached its "
        "goals, ideally an independent evaluator. The report is attached."
    ),
    EvidenceLevel.PROVEN: _(
        "A controlled study: children or families who received the practice were "
        "compared with similar ones who did not. The study is attached."
    ),
}


def evidence_label(value: str | None) -> str:
    """The translated name of a level; empty for anything that is not one."""
    return str(EvidenceLevel(value).label) if value in EvidenceLevel.values else ""
