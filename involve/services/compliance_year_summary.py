"""The year's compliance report put together from the rows compliance_year.py read (no queries
here): what was offered, to whom, with what mix, what changed, what was published on time, the
fairness checks that failed, and the gaps, each figure with the activities behind it.

The checks come from their latest run. An activity changed since keeps its last results, marked
as changed since that run (never dropped, which would make "every consultation passes" true by
leaving out the ones that fail); one added since has none and is counted as not checked. Both
are gaps until the checks run again."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from involve.models import (
    AgeBand,
    AudienceCategory,
    CommissioningStage,
    OpportunityType,
    StrategyItem,
    StrategyKind,
    Way,
)
from involve.services.compliance_checks import CheckResult, SnapshotEntry
from involve.services.compliance_claims import Timeliness
from involve.services.compliance_labels import AGE_LABELS
from involve.services.compliance_year import ActivityRow, YearData

CLOSED = (Timeliness.ON_TIME, Timeliness.LATE, Timeliness.OVERDUE, Timeliness.NOT_DUE)


@dataclass(frozen=True)
class Tally:
    key: str
    label: str
    rows: list[ActivityRow]

    @property
    def count(self) -> int:
        return len(self.rows)


@dataclass(frozen=True)
class AudienceTally(Tally):
    reached: int = 0  # people counted in this category across the year's activities
    counted: bool = False  # at least one activity aimed at it counted who took part


@dataclass(frozen=True)
class CheckTally:
    id: str
    title: str
    failing: list[tuple[ActivityRow, CheckResult]] = field(default_factory=list)
    warnings: list[tuple[ActivityRow, CheckResult]] = field(default_factory=list)


@dataclass(frozen=True)
class StrategyTally(Tally):
    item: StrategyItem | None = None


@dataclass(frozen=True)
class Gaps:
    no_plan: list[ActivityRow]
    no_outcome: list[ActivityRow]
    not_on_time: list[ActivityRow]
    never_reached: list[AudienceTally]
    not_offered: list[Tally]
    failing_checks: list[ActivityRow]  # as the checks last found, changed since or not
    not_checked: list[ActivityRow]  # no result: added (or published) since the checks ran
    changed: list[ActivityRow]  # last results shown, but changed since the checks ran

    @property
    def count(self) -> int:
        return sum(
            len(part)
            for part in (
                self.no_plan,
                self.no_outcome,
                self.not_on_time,
                self.never_reached,
                self.not_offered,
                self.failing_checks,
                self.not_checked,
                self.changed,
            )
        )


@dataclass(frozen=True)
class YearSummary:
    data: YearData
    ways: list[Tally]
    opportunities: list[Tally]
    audiences: list[AudienceTally]
    age_groups: list[Tally]
    all_ages: list[ActivityRow]
    whole_area: list[ActivityRow]
    wards: list[Tally]
    mix: list[Tally]  # key "dimension:group"; label "Group (dimension)"
    mix_checked: list[ActivityRow]  # activities whose people were counted and checked
    decided: list[ActivityRow]
    outcome_only: list[ActivityRow]  # an outcome summary but no decision record
    timing: list[Tally]
    checks: list[CheckTally]
    consultations_checked: list[ActivityRow]
    strategy: dict[StrategyKind, list[StrategyTally]]
    stages: list[Tally]
    gaps: Gaps

    def entry(self, row: ActivityRow) -> SnapshotEntry | None:
        return snapshot_entry(self.data, row)

    def is_changed(self, row: ActivityRow) -> bool:
        return is_changed(self.data, row)


def snapshot_entry(data: YearData, row: ActivityRow) -> SnapshotEntry | None:
    """The row's result in the latest run of the checks, if it was checked: its last known
    results, even if it changed since (is_changed says so)."""
    if data.snapshot is None:
        return None
    return data.snapshot.entries.get(row.activity.id)


def is_changed(data: YearData, row: ActivityRow) -> bool:
    """Checked, but changed since: its results may no longer hold."""
    snapshot = data.snapshot
    return (
        snapshot is not None
        and row.activity.id in snapshot.entries
        and row.changed_at > snapshot.checked_at
    )


def _tallies(rows: list[ActivityRow], options: list[tuple[str, str]], key_of) -> list[Tally]:  # type: ignore[no-untyped-def]
    found: dict[str, list[ActivityRow]] = defaultdict(list)
    for row in rows:
        for key in key_of(row):
            found[key].append(row)
    return [Tally(key, label, found.get(key, [])) for key, label in options]


def _audiences(rows: list[ActivityRow]) -> list[AudienceTally]:
    tallies = []
    for category in AudienceCategory:
        aimed = [row for row in rows if category.value in row.activity.audiences]
        tallies.append(
            AudienceTally(
                category.value,
                category.label,
                aimed,
                reached=sum(row.reached.get(category.value, 0) for row in rows),
                counted=any(row.people is not None for row in aimed),
            )
        )
    return tallies


def _mix(summary_rows: list[tuple[ActivityRow, SnapshotEntry]]) -> list[Tally]:
    found: dict[str, tuple[str, list[ActivityRow]]] = {}
    for row, entry in summary_rows:
        for flag in entry.flags:
            key = f"{flag.dimension}:{flag.group}"
            label = f"{flag.label} ({flag.dimension_label.lower()})"
            found.setdefault(key, (label, []))[1].append(row)
    tallies = [Tally(key, label, rows) for key, (label, rows) in found.items()]
    return sorted(tallies, key=lambda tally: (-tally.count, tally.label))


def _checks(summary_rows: list[tuple[ActivityRow, SnapshotEntry]]) -> list[CheckTally]:
    found: dict[str, CheckTally] = {}
    for row, entry in summary_rows:
        for check in entry.checks:
            tally = found.setdefault(check.id, CheckTally(check.id, check.title))
            (tally.failing if check.status.value == "fail" else tally.warnings).append((row, check))
    return sorted(
        found.values(), key=lambda tally: (-len(tally.failing), -len(tally.warnings), tally.id)
    )


def _strategy(rows: list[ActivityRow]) -> dict[StrategyKind, list[StrategyTally]]:
    items: dict[int, StrategyItem] = {}
    linked: dict[int, list[ActivityRow]] = defaultdict(list)
    for row in rows:
        for item in row.activity.strategy_items:
            items[item.id] = item
            linked[item.id].append(row)
    grouped: dict[StrategyKind, list[StrategyTally]] = {kind: [] for kind in StrategyKind}
    for item_id, item in sorted(
        items.items(), key=lambda pair: (pair[1].reference_code, pair[1].title)
    ):
        label = f"{item.reference_code} {item.title}".strip()
        grouped[item.kind].append(StrategyTally(str(item_id), label, linked[item_id], item=item))
    return grouped


def summarise_year(data: YearData) -> YearSummary:
    rows = data.rows
    ages = [(band.value, AGE_LABELS[band.value]) for band in AgeBand if band.value in AGE_LABELS]
    ward_codes = sorted(
        {code for row in rows for code in _row_wards(row)},
        key=lambda code: data.ward_names.get(code, code),
    )
    audiences = _audiences(rows)
    opportunities = _tallies(
        rows,
        [(kind.value, kind.label) for kind in OpportunityType],
        lambda row: row.activity.opportunity_types,
    )
    summary_rows: list[tuple[ActivityRow, SnapshotEntry]] = []
    not_checked = []
    for row in rows:
        entry = snapshot_entry(data, row)
        if entry is None:
            not_checked.append(row)
        else:
            summary_rows.append((row, entry))
    timing = _tallies(
        rows,
        [(kind.value, kind.label) for kind in Timeliness],
        lambda row: [row.timing.timeliness.value],
    )
    gaps = Gaps(
        no_plan=[row for row in rows if not row.plan_complete],
        no_outcome=[row for row in rows if row.timing.timeliness in CLOSED and not row.has_outcome],
        not_on_time=[
            row for row in rows if row.timing.timeliness in (Timeliness.LATE, Timeliness.OVERDUE)
        ],
        never_reached=[
            tally for tally in audiences if tally.rows and tally.counted and not tally.reached
        ],
        not_offered=[tally for tally in opportunities if not tally.rows],
        failing_checks=[row for row, entry in summary_rows if entry.failing],
        not_checked=not_checked,
        changed=[row for row in rows if is_changed(data, row)],
    )
    return YearSummary(
        data=data,
        ways=_tallies(
            rows, [(way.value, way.label) for way in Way], lambda row: [row.activity.way.value]
        ),
        opportunities=opportunities,
        audiences=audiences,
        age_groups=_tallies(rows, ages, lambda row: row.activity.age_groups),
        all_ages=[row for row in rows if not row.activity.age_groups],
        whole_area=[row for row in rows if not _row_wards(row)],
        wards=_tallies(
            rows, [(code, data.ward_names.get(code, code)) for code in ward_codes], _row_wards
        ),
        mix=_mix(summary_rows),
        mix_checked=[row for row, entry in summary_rows if entry.people_counted],
        decided=[row for row in rows if row.decision is not None],
        outcome_only=[
            row for row in rows if row.decision is None and row.activity.outcome_summary.strip()
        ],
        timing=[tally for tally in timing if tally.rows],
        checks=_checks(summary_rows),
        consultations_checked=[row for row, entry in summary_rows if entry.fairness is not None],
        strategy=_strategy(rows),
        stages=_tallies(
            rows,
            [(stage.value, stage.label) for stage in CommissioningStage] + [("", "Not recorded")],
            lambda row: [
                row.activity.commissioning_stage.value if row.activity.commissioning_stage else ""
            ],
        ),
        gaps=gaps,
    )


def _row_wards(row: ActivityRow) -> list[str]:
    source = row.activity.consultation or row.activity
    return [] if source.whole_area else list(source.ward_codes or [])
