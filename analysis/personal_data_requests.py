"""Which kinds of personal data a question's wording asks for, and whether a plan's text
mentions a kind (data minimisation, issue 7). Pure: no Flask or SQLAlchemy.

A question asks for a kind when its wording asks the respondent about themselves: "What is your
name?", "Do you have a long-term health condition?", "Which ethnic group are you?". A topic
word alone does not count, so "What do you think of the library's name?" (the name of a thing,
not a person), "How can we reach people from ethnic minority groups?" and "What do you think of
health services?" are not flagged. Opinion verbs between "do you" and the word ("do you think",
"do you agree") stop a match for the same reason. The rules lean towards precision: a warning an
officer learns to ignore protects nobody. Known gaps: lists of options are not read (an
unlabelled "White / Asian / Black" choice is missed), and nor are other languages.

A plan mentions a kind when one of its words appears outside a negation in the same clause:
"Names and e-mail addresses, to reply" mentions both; "attendance is counted, not recorded by
name" and "no postcodes" do not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class DataKind:
    key: str
    label: str  # as it reads after "asks for": "a name", "health information"
    special: bool  # special category data (UK GDPR Article 9)
    asks: re.Pattern[str]
    mentioned_by: re.Pattern[str]


# Words that turn a "do you ..." question into a question about opinions, not about the person.
_OPINION = r"(?:think|feel|agree|disagree|believe|know|like|want|prefer|expect|support)"
_BETWEEN = rf"(?:[\s,]+(?!{_OPINION}\b)[\w'-]+){{0,4}}"


def _about_you(term: str) -> str:
    """`term` in a question about the respondent: "your ...", "do/are/have you ... term",
    "term ... are/do you", "term ... describes you", "you identify as ... term"."""
    return (
        rf"\byour(?:\s+[\w'-]+){{0,2}}\s+(?:{term})\b"
        rf"|\b(?:do|are|have|were|did)\s+you\b{_BETWEEN}[\s,]+(?:{term})\b"
        rf"|\b(?:{term})\b{_BETWEEN}[\s,]+(?:are|do|have|were|did|would)\s+you\b"
        rf"|\b(?:{term})\b(?:[\s,]+[\w'-]+){{0,3}}\s+(?:describes?|applies|apply)\s+(?:to\s+)?you"
        rf"|\byou\s+(?:identify|consider\s+yourself|describe\s+yourself)\b{_BETWEEN}"
        rf"[\s,]+(?:{term})\b"
    )


def _pattern(*parts: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{part})" for part in parts), re.IGNORECASE | re.MULTILINE)


_NOT_EMAIL = r"(?<!e-mail )(?<!email )"

KINDS: tuple[DataKind, ...] = (
    DataKind(
        "name",
        "a name",
        False,
        _pattern(
            r"\byour\s+(?:full\s+|first\s+|last\s+|given\s+|family\s+|sur)?names?\b",
            r"\b(?:full|first|last|given|family|maiden)\s+names?\b",
            r"\bsurnames?\b|\bforenames?\b",
            r"^\s*(?:full\s+)?names?\s*[:?]?\s*$",
        ),
        _pattern(r"\b(?:full |first |last |sur|fore)?names?\b"),
    ),
    DataKind(
        "email",
        "an e-mail address",
        False,
        _pattern(
            r"\b(?:your|an?|the)\s+e-?mail\b",
            r"\be-?mail\s+address(?:es)?\b",
            r"\b(?:names?|phone(?:\s+number)?|address)\s*(?:,|and|or)\s*e-?mail\b",
        ),
        _pattern(r"\be-?mails?\b"),
    ),
    DataKind(
        "address",
        "a home address",
        False,
        _pattern(
            r"\b(?:your|home|postal|street|full|house|residential)\s+address(?:es)?\b",
            r"^\s*address\s*[:?]?\s*$",
        ),
        _pattern(rf"{_NOT_EMAIL}\baddress(?:es)?\b"),
    ),
    DataKind(
        "postcode",
        "a postcode",
        False,
        _pattern(r"\bpost\s?codes?\b", r"\bpostal\s+codes?\b"),
        _pattern(r"\bpost\s?codes?\b", r"\bpostal codes?\b", rf"{_NOT_EMAIL}\baddress(?:es)?\b"),
    ),
    DataKind(
        "phone",
        "a phone number",
        False,
        _pattern(
            r"\b(?:tele)?phone\s+(?:number|no)\b",
            r"\bmobile\s+(?:phone\s+)?(?:number|no)\b",
            r"\bcontact\s+(?:tele)?(?:phone\s+)?number\b",
        ),
        _pattern(r"\b(?:tele)?phones?\b", r"\bmobile numbers?\b", r"\bcontact numbers?\b"),
    ),
    DataKind(
        "date_of_birth",
        "a date of birth",
        False,
        _pattern(
            r"\bdate\s+of\s+birth\b|\bbirth\s?date\b|\bbirthday\b|\bdob\b",
            r"\bwhen\s+were\s+you\s+born\b|\byear\s+of\s+birth\b",
            r"\b(?:which|what)\s+year\s+(?:were\s+)?you\s+(?:were\s+)?born\b",
        ),
        _pattern(r"\bdates? of birth\b|\bbirth ?dates?\b|\bbirthdays?\b|\bdob\b|\byears? of birth"),
    ),
    DataKind(
        "age",
        "an age",
        False,
        _pattern(
            r"\bhow\s+old\s+are\s+you\b|\bwhat\s+age\s+are\s+you\b",
            _about_you(r"age|aged|age\s+(?:group|band|range|bracket)"),
        ),
        _pattern(r"\bages?\b|\baged\b|\bdates? of birth\b|\bhow old\b"),
    ),
    DataKind(
        "health",
        "health information",
        True,
        _pattern(
            r"\byour\s+(?:own\s+|physical\s+|mental\s+|general\s+)?health\b"
            r"(?!\s+(?:centres?|services?|visitors?|board|care|clinics?|practices?))",
            _about_you(
                r"(?:long[- ]term\s+)?(?:health|medical)\s+(?:conditions?|problems?|issues?"
                r"|needs?|history)|mental\s+health|physical\s+health|illness(?:es)?|medications?"
            ),
            r"\bmedical\s+(?:conditions?|history|records?)\b",
        ),
        _pattern(r"\bhealth\b|\bmedical\b|\billness|\bconditions?\b|\bmedication"),
    ),
    DataKind(
        "disability",
        "information about disability",
        True,
        _pattern(
            _about_you(r"disabilit(?:y|ies)|impairments?"),
            r"\b(?:are\s+you|consider\s+yourself(?:\s+to\s+be)?|you\s+are)\s+disabled\b",
        ),
        _pattern(r"\bdisab\w*|\bimpairments?\b"),
    ),
    DataKind(
        "religion",
        "religion or belief",
        True,
        _pattern(_about_you(r"religion(?:\s+or\s+belief)?|religious(?:\s+beliefs?)?|faith")),
        _pattern(r"\breligio\w*|\bfaith\b|\bbeliefs?\b"),
    ),
    DataKind(
        "ethnicity",
        "ethnic group",
        True,
        _pattern(
            _about_you(
                r"ethnic(?:ity|\s+group|\s+origin|\s+background)?|race|nationality"
                r"|national\s+identity"
            )
        ),
        _pattern(r"\bethnic\w*|\brace\b|\bnationality\b"),
    ),
    DataKind(
        "sexual_orientation",
        "sexual orientation",
        True,
        _pattern(_about_you(r"sexual\s+orientation|sexuality|lesbian|gay|bisexual|heterosexual")),
        _pattern(r"\bsexual orientation\b|\bsexuality\b|\blgb\w*"),
    ),
    DataKind(
        "sex_or_gender",
        "sex or gender",
        False,
        _pattern(
            _about_you(
                r"sex|gender(?:\s+identity)?|trans(?:gender)?|male|female|a\s+man|a\s+woman"
                r"|non-binary"
            )
        ),
        _pattern(r"\bsex\b|\bgender\b"),
    ),
    DataKind(
        "income",
        "income or benefits",
        False,
        _pattern(
            _about_you(
                r"(?:household\s+)?income|salary|wages?|earnings|savings|debts?"
                r"|(?:state|welfare|housing|disability)\s+benefits?|universal\s+credit"
                r"|pension\s+credit"
            ),
            r"\bhow\s+much\s+(?:do\s+)?you\s+earn\b",
            r"\byou\b[^.?!]{0,30}\b(?:receive|claim|get)\s+(?:any\s+)?benefits\b",
        ),
        _pattern(r"\bincome|\bsalar\w*|\bwages?\b|\bearn\w*|\bbenefits?\b|\bfinanc\w*|\bcredit\b"),
    ),
    DataKind(
        "marital_status",
        "marital status",
        False,
        _pattern(r"\bmarital\s+status\b", _about_you(r"married|civil\s+partner(?:ship)?")),
        _pattern(r"\bmarital\b|\bmarri\w*|\bcivil partner\w*"),
    ),
    DataKind(
        "pregnancy",
        "pregnancy",
        True,  # health data
        _pattern(_about_you(r"pregnant|pregnancy|maternity\s+leave")),
        _pattern(r"\bpregnan\w*|\bmaternity\b"),
    ),
    DataKind(
        "identity_number",
        "an identity number",
        False,
        _pattern(
            r"\bnational\s+insurance\s+(?:number|no)\b|\bni\s+number\b|\bnhs\s+number\b",
            r"\bpassport\s+number\b|\bdriving\s+licen[cs]e\s+number\b",
        ),
        _pattern(
            r"\bnational insurance\b|\bni numbers?\b|\bnhs numbers?\b|\bpassport\b"
            r"|\bdriving licen[cs]e\b"
        ),
    ),
)
KINDS_BY_KEY = {kind.key: kind for kind in KINDS}

_NEGATIONS = frozenset(
    [
        "no",
        "not",
        "never",
        "without",
        "nor",
        "neither",
        "none",
        "don't",
        "dont",
        "doesn't",
        "won't",
        "isn't",
        "aren't",
    ]
)
_CLAUSE_BREAK = re.compile(r"[.,;:!?()\n]")


def _normalise(text: str) -> str:
    return text.replace("\u2019", "'").replace("\u2018", "'")


def requested_kinds(text: str, *, is_postcode_question: bool = False) -> list[DataKind]:
    """The kinds of personal data a question's wording (text and hint) asks for, in KINDS order.
    A postcode question asks for a postcode whatever its wording."""
    text = _normalise(text)
    found = []
    for kind in KINDS:
        if (kind.key == "postcode" and is_postcode_question) or kind.asks.search(text):
            found.append(kind)
    return found


def _is_negated(before: str) -> bool:
    """A negation among the few words before a mention, in the same clause."""
    clause = _CLAUSE_BREAK.split(before)[-1]
    words = re.findall(r"[\w']+", clause.lower())[-4:]
    return any(word in _NEGATIONS for word in words)


def mentions_kind(text: str, kind: DataKind) -> bool:
    """Whether a plan's text says it needs this kind of data (a mention not negated)."""
    text = _normalise(text)
    return any(not _is_negated(text[: found.start()]) for found in kind.mentioned_by.finditer(text))
