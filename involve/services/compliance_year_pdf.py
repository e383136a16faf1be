"""The year's compliance report as a PDF: the same sections, figures and links as the page
(templates/officer/compliance/year.html), drawn with the writer in compliance_pdf.py. Each
activity named is a link to its own compliance report; its full web address is written out
once, under "Every activity", so a printed copy can be followed without repeating it."""

from __future__ import annotations

from collections.abc import Sequence

from flask import url_for

from involve.services import compliance_year_wording as wording
from involve.services.compliance_pdf import NOT_TAGGED_NOTE, PdfWriter, Run, address_runs
from involve.services.compliance_year import ActivityRow
from involve.services.compliance_year_summary import AudienceTally, Tally, YearSummary
from involve.services.fairness_checks import day_text
from involve.templating import format_datetime

INTRO = (
    "How the council met its duty to involve local people over a financial year (1 April to "
    "31 March): what was offered, to whom, with what mix, what changed as a result, what was "
    "published on time, and the gaps. Every figure names its activities; each activity's own "
    "compliance report has the evidence. The web address of each is listed under Every activity."
)
SECTIONS = (
    ("glance", "At a glance"),
    ("offered", "What was offered"),
    ("to-whom", "Who it was for"),
    ("mix", "Who took part: the mix"),
    ("changed", "What changed as a result"),
    ("on-time", "Telling people the outcome"),
    ("fairness", "Fairness checks that failed"),
    ("gaps", "Gaps"),
    ("strategy", "Strategy and commissioning"),
    ("activities", "Every activity"),
)


def _activities(count: int) -> str:
    return wording.number_of(count, "activity", "activities")


def _shortened(text: str) -> str:
    """As the page's Jinja `truncate(200)`: whole words, "..." after, 5 characters' leeway."""
    return text if len(text) <= 205 else text[:197].rsplit(" ", 1)[0] + "..."


class _YearPdf:
    def __init__(self, summary: YearSummary, *, title: str, root_url: str, web: str, author: str):
        self.summary, self.data, self.root, self.web = summary, summary.data, root_url, web
        self.writer = PdfWriter(
            title=title,
            subject="How the council met its duty to involve local people over a financial year",
            author=author,
            made_at=self.data.made_at,
        )

    def address(self, row: ActivityRow, anchor: str = "") -> str:
        path = url_for("officer.activity_compliance", activity_id=row.activity.id)
        return self.root.rstrip("/") + path + (f"#{anchor}" if anchor else "")

    def activities(
        self, rows: Sequence[ActivityRow], anchor: str = "", *, marked: bool = False
    ) -> list[Run]:
        """The activities' titles, each linked to its report, "; " between; "None" for none.
        `marked`: each one changed since the checks ran says so, as on the page."""
        runs: list[Run] = []
        for row in rows:
            runs += [("; ", None)] if runs else []
            runs.append((row.activity.title, self.address(row, anchor)))
            if marked and self.summary.is_changed(row):
                runs.append((f" ({wording.changed_mark(self.summary)})", None))
        return runs or [("None", None)]

    def item(self, label: str, runs: Sequence[Run], size: float = 10) -> None:
        """A label in bold, then what it says: a row of one of the page's tables."""
        self.writer.para(label, size=size, bold=True, gap=0.3)
        self.writer.runs(runs, size=size - 0.5, gap=1.5)

    def tallies(
        self, caption: str, tallies: Sequence[Tally], empty: str = "None", *, marked: bool = False
    ) -> None:
        self.writer.heading(caption, level=1)
        for tally in tallies:
            found = self.activities(tally.rows, marked=marked) if tally.rows else [(empty, None)]
            people = ""
            if isinstance(tally, AudienceTally):
                people = (
                    f"; {tally.reached:,} {'person' if tally.reached == 1 else 'people'} counted"
                )
            self.item(f"{tally.label}: {_activities(tally.count)}{people}", found)

    def draw(self) -> bytes:
        w, summary = self.writer, self.summary
        scope = self.data.scope
        w.para("Compliance report", size=18, bold=True, gap=1)
        w.para(f"{scope[:1].upper()}{scope[1:]}, {self.data.label}", size=12, gap=2)
        w.para(INTRO, size=10)
        w.runs([("Web page (the accessible version): ", None), (self.web, self.web)], size=9)
        w.para(NOT_TAGGED_NOTE, size=9, gap=2)
        self.checks_status()
        w.contents([(f"section-{anchor}", text) for anchor, text in SECTIONS])
        self.glance()
        w.heading("What was offered", anchor="section-offered")
        self.tallies("Ways of involving people", summary.ways)
        self.tallies("Opportunity types (statutory guidance)", summary.opportunities, "Not offered")
        self.to_whom()
        self.mix()
        self.changed()
        w.heading("Telling people the outcome", anchor="section-on-time")
        w.para(
            "\u201cYou said, we did\u201d is due within 12 weeks of the close (Consultation "
            "Principle J)."
        )
        self.tallies("Outcomes published", summary.timing)
        self.fairness()
        self.gaps()
        self.strategy()
        self.every_activity()
        return w.output()

    def checks_status(self) -> None:
        data, gaps = self.data, self.summary.gaps
        if data.snapshot is None:
            self.writer.para(
                "The fairness checks and who was under-represented have not been worked out "
                "for this year yet."
            )
            return
        runs: list[Run] = [
            (
                "The fairness checks and who was under-represented were last worked out at "
                f"{format_datetime(data.snapshot.checked_at)}.",
                None,
            )
        ]
        changed, unchecked = wording.checks_status(self.summary)
        for text, rows in ((changed, gaps.changed), (unchecked, gaps.not_checked)):
            if rows:
                runs += [(f" {text}: ", None), *self.activities(rows), (".", None)]
        self.writer.runs(runs)

    def glance(self) -> None:
        data, summary, gaps = self.data, self.summary, self.summary.gaps
        self.writer.heading("At a glance", anchor="section-glance")
        offered = len([tally for tally in summary.opportunities if tally.rows])
        drafts = f" ({data.drafts} more planned, not published)" if data.drafts else ""
        failing = wording.failing_at_a_glance(summary)
        for label, value in (
            ("Activities offered", f"{len(data.rows)} published{drafts}"),
            ("Opportunity types offered", f"{offered} of {len(summary.opportunities)}"),
            ("Decisions recorded", str(len(summary.decided))),
            ("Outcomes not published on time", str(len(gaps.not_on_time))),
            ("Consultations failing a fairness check", failing),
        ):
            self.item(label, [(value, None)])
        gaps_link = self.writer.pdf.get_named_destination("section-gaps")
        self.item("Gaps", [(str(gaps.count), gaps_link)])

    def to_whom(self) -> None:
        w, summary = self.writer, self.summary
        w.heading("Who it was for", anchor="section-to-whom")
        self.tallies("Local people aimed at, and how many took part", summary.audiences)
        w.para(
            "People are counted in one local-person category each, from what respondents said "
            "about themselves and event attendance by group; councillors are left out.",
            size=9,
        )
        self.tallies("Age groups aimed at", summary.age_groups)
        w.para(f"Open to all ages: {_activities(len(summary.all_ages))}.")
        w.para(f"For the whole council area: {_activities(len(summary.whole_area))}.")
        if summary.wards:
            self.tallies("Activities for particular wards", summary.wards)

    def mix(self) -> None:
        w, summary = self.writer, self.summary
        w.heading("Who took part: the mix", anchor="section-mix")
        if self.data.snapshot is None:
            w.para("Run the checks to see which groups were under-represented.")
            return
        checked = _activities(len(summary.mix_checked))
        marked = any(summary.is_changed(row) for row in summary.mix_checked)
        mark = wording.changed_mark(summary)
        w.para(
            f"Of {checked} whose participants were counted, these groups were under-represented "
            "against the area or the plan's target mix"
            + (f", as the checks last found them: an activity {mark} is marked." if marked else ".")
        )
        if summary.mix:
            self.tallies("Groups under-represented", summary.mix, marked=True)
        else:
            w.para("No group was under-represented.")

    def changed(self) -> None:
        w, summary = self.writer, self.summary
        w.heading("What changed as a result", anchor="section-changed")
        w.heading("Decisions recorded", level=1)
        for row in summary.decided:
            record = row.decision
            assert record is not None  # summary.decided holds rows with a decision
            text = _shortened(record.decision)
            when = f" (decided {day_text(record.decided_on) or 'Not recorded'})"
            w.runs([*self.activities([row], "decision"), (when, None)], size=10, gap=0.3)
            w.para(text, size=9.5, gap=1.5)
        if not summary.decided:
            w.para("No decision is recorded for this year's activities.")
        if summary.outcome_only:
            w.runs(
                [
                    ("What happened is recorded, without a decision record, for: ", None),
                    *self.activities(summary.outcome_only, "claim-outcome-summary"),
                    (".", None),
                ]
            )

    def fairness(self) -> None:
        w, summary = self.writer, self.summary
        w.heading("Fairness checks that failed", anchor="section-fairness")
        if self.data.snapshot is None:
            w.para("Run the checks to see them.")
            return
        if not summary.checks:
            w.para(wording.fairness_lead(summary))
            return
        checked = wording.number_of(
            len(summary.consultations_checked), "consultation", "consultations"
        )
        w.para(f"Checks failed or warned, of {checked} checked.")
        caveat = wording.fairness_caveat(summary)
        if caveat:
            w.para(caveat)
        for tally in summary.checks:
            w.para(tally.title, size=10, bold=True, gap=0.3)
            for row, check in tally.failing:
                w.runs(
                    [
                        ("Fail: ", None),
                        *self.activities([row], f"claim-{tally.id}", marked=True),
                        (f": {check.reason}", None),
                    ],
                    size=9.5,
                    gap=0.5,
                )
            if not tally.failing:
                w.para("Failed: none", size=9.5, gap=0.5)
            w.para(f"Warnings: {len(tally.warnings)}", size=9.5, gap=1.5)

    def gaps(self) -> None:
        gaps = self.summary.gaps
        self.writer.heading("Gaps", anchor="section-gaps")
        self.item("Without a complete plan", self.activities(gaps.no_plan, "plan"))
        self.item(
            "Closed, with no decision or outcome recorded",
            self.activities(gaps.no_outcome, "decision"),
        )
        self.item(
            "Outcome late or overdue", self.activities(gaps.not_on_time, "claim-outcome-timing")
        )
        reached: list[Run] = []
        for tally in gaps.never_reached:
            reached += [("; ", None)] if reached else []
            reached += [
                (f"{tally.label} (", None),
                *self.activities(tally.rows, "who"),
                (")", None),
            ]
        self.item("Aimed at, but nobody counted took part", reached or [("None", None)])
        not_offered = "; ".join(tally.label for tally in gaps.not_offered) or "None"
        self.item("Opportunity types not offered", [(not_offered, None)])
        failing = (
            self.activities(gaps.failing_checks, "fairness-gunning", marked=True)
            if self.data.snapshot
            else [("Not checked yet", None)]
        )
        self.item("Failing a fairness check", failing)
        since = f" on {wording.checked_on(self.summary)}" if self.data.snapshot else ""
        self.item(f"Changed since the checks last ran{since}", self.activities(gaps.changed))
        self.item("Not checked yet", self.activities(gaps.not_checked))

    def strategy(self) -> None:
        w, summary = self.writer, self.summary
        w.heading("Strategy and commissioning", anchor="section-strategy")
        lists = self.root.rstrip("/") + url_for("officer.list_strategy_items")
        w.runs(address_runs("See the strategy lists", lists))
        for kind, tallies in summary.strategy.items():
            if tallies:
                self.tallies(f"{kind.label} links", tallies)
            else:
                w.para(f"No activity is linked to a {kind.label}.")
        self.tallies("Commissioning stages", summary.stages)

    def every_activity(self) -> None:
        w, data = self.writer, self.data
        w.heading("Every activity", anchor="section-activities")
        w.para(
            f"{wording.number_of(len(data.rows), 'published activity', 'published activities')}."
        )
        for row in data.rows:
            activity = row.activity
            service = f", {activity.service.name}" if activity.service else ""
            people = "Not counted" if row.people is None else f"{row.people:,}"
            fairness = wording.row_fairness(self.summary, row)
            w.runs(address_runs(activity.title, self.address(row)), size=10, gap=0.3)
            w.para(
                f"{activity.format.label}{service}. {format_datetime(row.when, False)}. "
                f"People: {people}. Outcome: {row.timing.timeliness.label}. "
                f"Fairness: {fairness}.",
                size=9,
                gap=2,
            )
        if not data.rows:
            w.para("No published activities in this year.")


def render_year_pdf(
    summary: YearSummary, *, title: str, root_url: str, web_address: str, author: str
) -> bytes:
    """The year's report (one service or the whole council) as a PDF with working links."""
    return _YearPdf(summary, title=title, root_url=root_url, web=web_address, author=author).draw()
