"""The optional "About you" question on what people do (work, study, retirement ...), worded so
its answers fall into the groups of the Census 2021 table of economic activity status (TS066).

TS066 counts usual residents aged 16 and over, so the question is asked only of individuals who
are 16 or over (or did not say their age), never of organisations or under-16s. The census puts
every full-time student in a student category, working or not ("economically active and a
full-time student", or "economically inactive: student"), and everyone with a job who is not a
full-time student in employment, retired or not. The hint asks people to choose in the same
order, so "Full-time student" on our side is both census student categories together, and
"Working" is the census's "in employment" (employees and the self-employed, excluding full-time
students). The answer is stored as the option's value in RespondentProfile.economic_activity,
"" when not given.
"""

from __future__ import annotations

from enum import StrEnum


class EconomicActivity(StrEnum):
    EMPLOYED = "employed"
    UNEMPLOYED = "unemployed"
    FULL_TIME_STUDENT = "full_time_student"
    RETIRED = "retired"
    LOOKING_AFTER_HOME = "looking_after_home"
    LONG_TERM_SICK = "long_term_sick_or_disabled"
    OTHER = "other"
    PREFER_NOT_TO_SAY = "prefer_not_to_say"


QUESTION = "Which of these best describes what you do?"
HINT = (
    "If you are a full-time student, choose that even if you also work. Otherwise, if you have a "
    "job, choose working, even if you are also retired."
)
# The options as residents read them.
ECONOMIC_ACTIVITY_LABELS = {
    EconomicActivity.EMPLOYED: "Working, as an employee or self-employed",
    EconomicActivity.UNEMPLOYED: "Unemployed and looking for work",
    EconomicActivity.FULL_TIME_STUDENT: "Full-time student (whether or not you also work)",
    EconomicActivity.RETIRED: "Retired",
    EconomicActivity.LOOKING_AFTER_HOME: "Looking after home or family",
    EconomicActivity.LONG_TERM_SICK: "Long-term sick or disabled",
    EconomicActivity.OTHER: "Something else",
    EconomicActivity.PREFER_NOT_TO_SAY: "Prefer not to say",
}
# The compared groups as officers read them in the report (no "prefer not to say": that is
# counted with the people who did not answer).
ECONOMIC_ACTIVITY_GROUPS = {
    EconomicActivity.EMPLOYED.value: "In work (employee or self-employed)",
    EconomicActivity.UNEMPLOYED.value: "Unemployed",
    EconomicActivity.FULL_TIME_STUDENT.value: "Full-time students",
    EconomicActivity.RETIRED.value: "Retired",
    EconomicActivity.LOOKING_AFTER_HOME.value: "Looking after home or family",
    EconomicActivity.LONG_TERM_SICK.value: "Long-term sick or disabled",
    EconomicActivity.OTHER.value: "Other",
}
# For check your answers and officers' screens: what a stored value says.
ANSWER_LABELS = {activity.value: label for activity, label in ECONOMIC_ACTIVITY_LABELS.items()}


def parse_economic_activity(text: str) -> str | None:
    """A stored value from a value or an option's words (any case); "" for blank; None when
    it is neither (the caller reports the problem)."""
    cleaned = text.strip().casefold()
    if not cleaned:
        return ""
    for activity, label in ECONOMIC_ACTIVITY_LABELS.items():
        if cleaned in (activity.value, label.casefold()):
            return activity.value
    return None
