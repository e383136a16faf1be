"""The plain-English wording of the representativeness report: the summary statistics (D, CV,
chi-square, R-indicator) in words, and the notes and messages that say why a dimension's table is
hidden, left incomplete or not compared.
"""

from __future__ import annotations

from analysis.representativeness import MixComparison
from involve.models import Activity
from involve.services.reference_groups import Dimension

HIDDEN_NOTE = (
    "Some counts in this table are hidden, so these figures treat the hidden groups as one group: "
    "they cannot be used to work the hidden counts out."
)
ORGANISATIONS_LEFT_OUT = (
    "Fewer than {threshold} organisations responded, so they are left out of this table (and "
    "their number cannot be worked out from it)."
)
ABOUT_YOU_OFF = (
    "Not asked: this consultation's 'About you' questions are switched off, so nobody was asked "
    "whether they work, study or are retired."
)
TOO_FEW_TO_SHOW = "Too few people answered to show the breakdown without giving small numbers away."
NOT_GIVEN_POOLED = (
    "The number who did not answer is hidden, so they are counted with the groups whose counts "
    "are hidden, and the shares are of everyone in the table: otherwise their number could be "
    "worked out from the total."
)


def _summary(
    comparison: MixComparison, labels: dict[str, str], against: str
) -> tuple[list[str], str]:
    lines = []
    if comparison.duncan_d is not None:
        lines.append(
            f"{comparison.duncan_d * 100:.0f}% of respondents would need to be in a different "
            f"group to match {against} (the dissimilarity index, D)."
        )
    if comparison.cv is not None:
        lines.append(
            f"Take-up varies between groups by a coefficient of variation (CV) of "
            f"{comparison.cv:.2f}: 0 means every group took part at the same rate; the higher, "
            "the more uneven."
        )
    if comparison.p_value is not None:
        chance = (
            "is unlikely to be chance"
            if comparison.p_value < 0.05
            else "could well be down to chance"
        )
        p_text = "p < 0.001" if comparison.p_value < 0.001 else f"p = {comparison.p_value:.3f}"
        merged = (
            f" Groups with too few expected to test on their own were pooled: "
            f"{'; '.join(', '.join(labels.get(g, g) for g in group) for group in comparison.merged)}."
            if comparison.merged
            else ""
        )
        lines.append(f"A difference this large {chance} (chi-square, {p_text}).{merged}")
    r_text = ""
    if comparison.r_indicator is not None:
        r_text = (
            f"R-indicator {comparison.r_indicator:.3f} (1 is fully representative). At the "
            "response rates of a consultation R is always close to 1, so read D and CV first."
        )
    return lines, r_text


def _not_compared(activity: Activity, dimension: str, groups: dict[str, str]) -> str:
    """Why a dimension has nothing to show, or "" when it has."""
    consultation = activity.consultation
    if (
        dimension == Dimension.ECONOMIC_ACTIVITY
        and consultation is not None
        and not consultation.about_you_enabled
    ):
        return ABOUT_YOU_OFF
    if activity.consultation_id is None and dimension not in (Dimension.CATEGORY, Dimension.AGE):
        return "Not recorded: attendance is counted by local-person category and age."
    if not groups:
        return (
            "No wards are loaded for the council's area: import them with "
            "flask involve import-wards to see who took part ward by ward."
        )
    return ""
