"""Is this consultation fair? A checklist computed from the data: the Gunning principles, the
Cabinet Office Consultation Principles (2018) where they apply to councils, and the duty to
involve, each check with pass, warning, fail or not applicable, a plain-English reason that
names its figures, and links to the officer pages that show the evidence.

`fairness_checklist(consultation)` only reads, in a fixed, small number of queries whatever the
size of the consultation; the compliance report calls it for each consultation. The figures
are gathered in fairness_facts.py and judged in fairness_gunning.py, fairness_principles.py and
fairness_duty.py; the shapes are in fairness_checks.py.
"""

from __future__ import annotations

from datetime import datetime

from involve.models import Consultation
from involve.services.fairness_checks import Check, Checklist, Evidence, Group, Status
from involve.services.fairness_duty import duty_checks
from involve.services.fairness_facts import gather_facts
from involve.services.fairness_gunning import gunning_checks
from involve.services.fairness_principles import principle_checks

__all__ = ["Check", "Checklist", "Evidence", "Group", "Status", "fairness_checklist"]


def fairness_checklist(consultation: Consultation, *, now: datetime | None = None) -> Checklist:
    """Every check for one consultation, in order: Gunning 1 to 4, Principles A to K, the duty."""
    facts = gather_facts(consultation, now=now)
    gunning = gunning_checks(facts)
    by_id = {check.id: check for check in gunning}
    return Checklist(
        consultation=consultation,
        activity=facts.activity,
        checks=(*gunning, *principle_checks(facts, by_id), *duty_checks(facts)),
        checked_at=facts.now,
    )
