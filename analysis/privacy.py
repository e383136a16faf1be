"""Find and redact personal data in free text (issue 7): e-mail addresses, UK phone numbers,
full postcodes, National Insurance and NHS numbers, street addresses, titled names and any terms
the caller lists (the respondent's own name and address, the council's staff and councillors).

Kinds, as they appear in the redaction ("[kind]"): see KINDS. Precision matters as much as
recall, so each rule says what it keeps: road numbers (A38, M5, B4066), bus routes, years, prices,
times, dates, ordinary counts, outward codes alone ("GL5": a district of thousands of people, not
personal on its own) and street names without a house number ("the High Street").

Rules, in short:
- email: the whole address, domain included; also spelled out ("jane dot smith at gmail dot
  com", "bob [at] example [dot] com") when it ends in a common top-level domain.
- phone: phonenumbers' matcher (region GB, POSSIBLE leniency, so Ofcom's drama ranges count)
  filtered by our own checks: written with a leading 0, +, 00 or bracket; a valid number, or a
  UK-shaped one (9-10 digit national number starting 1, 2, 5 or 7). Non-geographic numbers
  (03, 080, 084, 087, 09) are organisations' lines ("ring the council on 0300 ...") and are kept.
- postcode: a full postcode in any case and spacing whose area (GL, SW, M ...) exists; the
  inward letters never include C I K M O V, so "M5 3pm" (a road and a time) is not one.
- ni number: HMRC prefix rules (first letter not D F I Q U V, second not D F I O Q U V, not BG
  GB KN NK NT TN ZZ), six digits, suffix A-D, spaces allowed.
- nhs number: ten digits, plain or grouped 3-3-4 with spaces or dashes, valid mod-11 check digit.
- address: an optional "Flat/Apartment/Unit n," then a house number (1-3 digits, letter or
  range allowed, so never a year) and one to three capitalised words ending in a street word
  (Road, St, Close ...; "4 The Crescent" too); or all lower case, one or two words and an
  unambiguous street word ("9 acacia avenue"). Counts stay: "40 houses on the lane".
- name: one or two capitalised words after a title (Mr, Mrs, Ms, Miss, Mx, Dr, Prof(essor), Cllr,
  Councillor, Sir, Dame, Rev, Revd, Lord, Lady); the title itself is kept ("Cllr [name]"); an
  honour followed by a street word is a street ("Lady Godiva Way"), "Mrs Green" a person.
- extra terms: whole-word, case-insensitive, any spacing, longest first; redacted as the kind
  the term itself is (a postcode listed stays "[postcode]"), "name" otherwise.
Overlapping matches: the longest wins (then the earliest). Pure: no Flask or SQLAlchemy.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass

import phonenumbers
from stdnum.gb import nhs


def _words(text: str) -> list[str]:
    """Word lists written as one string, so long lists stay readable."""
    return text.split()


# The kinds, each redacted as "[kind]": "[email]", "[phone]", "[postcode]", "[ni number]",
# "[nhs number]", "[address]", "[name]".
KINDS = ("email", "phone", "postcode", "ni number", "nhs number", "address", "name")


@dataclass(frozen=True)
class PiiMatch:
    kind: str
    start: int
    end: int
    text: str


# --- e-mail -------------------------------------------------------------------------------------

_EMAIL = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9][\w.+-]*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}\b"
)
_AT = r"\s*(?:\[at\]|\(at\)|\{at\})\s*|\s+at\s+"
_DOT = r"\s*(?:\[dot\]|\(dot\)|\{dot\})\s*|\s+dot\s+"
# Spelled-out addresses must end in a common top-level domain, or "meet at home dot" would count.
_TLD = r"(?:com|net|org|uk|info|me|io|biz|co|gov|ac)"
# Bounded repeats keep "x dot x dot x ..." from backtracking across a whole text.
_SPELLED_EMAIL = re.compile(
    rf"\b[A-Za-z0-9_+-]+(?:(?:{_DOT})[A-Za-z0-9_+-]+){{0,3}}(?:{_AT})"
    rf"[A-Za-z0-9-]+(?:(?:{_DOT})[A-Za-z0-9-]+){{0,3}}?(?:{_DOT}){_TLD}(?:(?:{_DOT})uk)?\b",
    re.IGNORECASE,
)


_MAIL_PROVIDERS = _words(
    "gmail googlemail hotmail outlook live yahoo icloud me aol btinternet sky virginmedia "
    "talktalk protonmail mail ntlworld blueyonder tiscali"
)
_EMAIL_CUE = re.compile(r"e-?mail|contact|write to|reply to|address", re.IGNORECASE)


def _emails(text: str) -> Iterable[PiiMatch]:
    for found in _EMAIL.finditer(text):
        yield PiiMatch("email", found.start(), found.end(), found.group())
    for found in _SPELLED_EMAIL.finditer(text):
        if _is_spelled_email(found.group(), text[max(0, found.start() - 40) : found.start()]):
            yield PiiMatch("email", found.start(), found.end(), found.group())


def _is_spelled_email(candidate: str, before: str) -> bool:
    """ "bob [at] example [dot] com" always; "jo at example dot com" only with a known mail
    provider or an e-mail cue just before, or "I looked at home dot com" would count."""
    if re.search(r"[\[({]at[\])}]", candidate, re.IGNORECASE):
        return True
    domain = re.split(r"\s+at\s+", candidate, maxsplit=1, flags=re.IGNORECASE)[-1]
    return domain.split()[0].lower() in _MAIL_PROVIDERS or bool(_EMAIL_CUE.search(before))


# --- phone --------------------------------------------------------------------------------------

_PHONE_START = re.compile(r"^(?:\+|00|0|\(0|\(\+)")
_UK_FIRST_DIGITS = "12357"
_ORGANISATION_PREFIXES = ("3", "80", "84", "87", "9")


def _phones(text: str) -> Iterable[PiiMatch]:
    if sum(character.isdigit() for character in text) < 9:
        return
    matcher = phonenumbers.PhoneNumberMatcher(text, "GB", leniency=phonenumbers.Leniency.POSSIBLE)
    for found in matcher:
        if _is_phone(found.raw_string, found.number):
            yield PiiMatch("phone", found.start, found.end, found.raw_string)


def _is_phone(raw: str, number: phonenumbers.PhoneNumber) -> bool:
    if not _PHONE_START.match(raw):
        return False
    national = phonenumbers.national_significant_number(number)
    if number.country_code != 44:
        return raw.startswith(("+", "00", "(+")) and phonenumbers.is_valid_number(number)
    if not 9 <= len(national) <= 10 or national[0] not in _UK_FIRST_DIGITS:
        return False
    if national.startswith(_ORGANISATION_PREFIXES):
        return False  # 03, 080, 084, 087, 09: non-geographic lines of organisations
    return phonenumbers.is_valid_number(number) or len(national) == 10


# --- postcode -----------------------------------------------------------------------------------

_POSTCODE_AREAS = frozenset(
    _words(
        "AB AL B BA BB BD BF BH BL BN BR BS BT BX CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN "
        "DT DY E EC EH EN EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY L LA "
        "LD LE LL LN LS LU M ME MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM S SA SE SG "
        "SK SL SM SN SO SP SR SS ST SW SY TA TD TF TN TQ TR TS TW UB W WA WC WD WF WN WR WS WV YO "
        "ZE"
    )
)
_POSTCODE = re.compile(
    r"(?<![\w£$.-])(?P<area>[A-Z]{1,2})(?P<district>\d[A-Z\d]?)\s*(?P<inward>\d[ABD-HJLNP-UW-Z]{2})"
    r"(?![\w-])",
    re.IGNORECASE,
)


def _postcodes(text: str) -> Iterable[PiiMatch]:
    for found in _POSTCODE.finditer(text):
        if found.group("area").upper() not in _POSTCODE_AREAS:
            continue
        yield PiiMatch("postcode", found.start(), found.end(), found.group())


# --- National Insurance and NHS numbers ---------------------------------------------------------

_NI = re.compile(
    r"(?<![\w-])(?P<prefix>[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z])\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]"
    r"(?![\w-])",
    re.IGNORECASE,
)
_NI_EXCLUDED_PREFIXES = frozenset({"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"})
_NHS = re.compile(r"(?<![\w/.,£-])(?:\d{3}([ -]?)\d{3}\1\d{4})(?![\w/-]|[.,]\d)")


def _ni_numbers(text: str) -> Iterable[PiiMatch]:
    for found in _NI.finditer(text):
        if found.group("prefix").upper() not in _NI_EXCLUDED_PREFIXES:
            yield PiiMatch("ni number", found.start(), found.end(), found.group())


def _nhs_numbers(text: str) -> Iterable[PiiMatch]:
    for found in _NHS.finditer(text):
        if nhs.is_valid(found.group()):
            yield PiiMatch("nhs number", found.start(), found.end(), found.group())


# --- address ------------------------------------------------------------------------------------

_STREET_WORDS = _words(
    "Road Rd Street St Lane Ln Avenue Ave Close Cl Drive Dr Way Crescent Cres Gardens Gdns Place "
    "Pl Terrace Terr Tce Court Ct Hill Row Walk Mews Green Grove Park Square Sq Parade Rise View "
    "Vale Yard Meadow Meadows Fields Croft Wharf Quay Boulevard Approach Chase Gate Hollow Lea "
    "Orchard Paddock Wynd Esplanade Embankment Villas Cottages Buildings"
)
# Lower-case addresses are only taken with a street word nobody uses for anything else.
_PLAIN_STREET_WORDS = _words("road street lane avenue close crescent drive gardens terrace mews")
_HOUSE = r"(?<![\w£$.,:/-])\d{1,3}[A-Za-z]?(?:\s?-\s?\d{1,3}[A-Za-z]?)?"
_FLAT = r"(?:(?i:flat|apartment|apt\.?|unit)\s+\d{1,3}[A-Za-z]?,?\s+)?"
_CAPITALISED = r"(?:St\.?|[A-Z][a-z]+(?:['\u2019]s)?(?:-[A-Z][a-z]+)*)"
_ADDRESS = re.compile(
    rf"{_FLAT}{_HOUSE},?\s+(?:{_CAPITALISED}\s+){{1,3}}(?i:{'|'.join(_STREET_WORDS)})\b\.?"
)
_PLAIN_ADDRESS = re.compile(
    rf"{_FLAT}{_HOUSE},?\s+(?:[a-z]+(?:'s)?\s+){{1,2}}(?:{'|'.join(_PLAIN_STREET_WORDS)})\b"
)
_NOT_STREET_NAMES = frozenset(
    _words(
        "the a an and or of on in at to by for from with along up down into round around near past "
        "our my your their his her its this that these those every each some more most all any no "
        "times people houses homes cars buses miles minutes hours years days weeks months"
    )
)


_WORDS = re.compile(r"(?<![\w'])[A-Za-z]+")


def _addresses(text: str) -> Iterable[PiiMatch]:
    for pattern in (_ADDRESS, _PLAIN_ADDRESS):
        for found in pattern.finditer(text):
            matched = _trim_dot(found.group())
            words = _WORDS.findall(matched)
            if any(word.lower() in _NOT_STREET_NAMES for word in words if word != "The"):
                continue
            yield PiiMatch("address", found.start(), found.start() + len(matched), matched)


def _trim_dot(matched: str) -> str:
    """Keep the full stop of "High St." only when it is an abbreviation's own dot."""
    if matched.endswith(".") and not _is_abbreviation(matched[:-1]):
        return matched[:-1]
    return matched


def _is_abbreviation(matched: str) -> bool:
    last = matched.rsplit(maxsplit=1)[-1]
    return len(last) <= 4 and last.lower() not in ("road", "way", "row", "hill", "park", "rise")


# --- titled names -------------------------------------------------------------------------------

_TITLES = r"Mr|Mrs|Ms|Miss|Mx|Dr|Professor|Prof|Cllr|Councillor|Sir|Dame|Rev|Revd|Lord|Lady"
_NAME_WORD = (
    r"(?:[A-Z]\.|(?:Mc|Mac|O['\u2019])?[A-Z][a-z]+(?:['\u2019][A-Z][a-z]+)?(?:-[A-Z][a-z]+)?)"
)
_TITLED_NAME = re.compile(
    rf"(?<![\w-])(?:{_TITLES})\.?\s+(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD})?)(?![\w-])"
)
_NOT_NAMES = frozenset(
    _words(
        "The A An And Or Of In On At To For From With By I It He She We They You This That These "
        "Those My Our Your Their His Her Its Is Are Was Were Be Thank Thanks Dear Yes No Not If "
        "When Why What Who How Please Council Councillor Mayor Sir Madam Mr Mrs Ms Dr"
    )
)


_HONOURS = ("Sir", "Dame", "Lord", "Lady")
_STREET_WORD = re.compile(rf"\s*(?:{'|'.join(_STREET_WORDS)})\b")


def _titled_names(text: str) -> Iterable[PiiMatch]:
    for found in _TITLED_NAME.finditer(text):
        words = found.group("name").split()
        while words and words[-1] in _NOT_NAMES:
            words.pop()
        if not words or words[0] in _NOT_NAMES or _is_street_name(found, text):
            continue
        start = found.start("name")
        end = start + len(" ".join(words)) if len(words) == 1 else found.end("name")
        yield PiiMatch("name", start, end, text[start:end])


def _is_street_name(found: re.Match[str], text: str) -> bool:
    """ "Lady Godiva Way", "Sir John Moore Road": honours name streets; "Mrs Green" is a person."""
    if not found.group().startswith(_HONOURS):
        return False
    last = found.group("name").split()[-1]
    return bool(_STREET_WORD.fullmatch(last) or _STREET_WORD.match(text, found.end("name")))


# --- extra terms --------------------------------------------------------------------------------


def _extra_terms(text: str, terms: Iterable[str]) -> Iterable[PiiMatch]:
    cleaned = sorted({" ".join(term.split()) for term in terms}, key=len, reverse=True)
    for term in cleaned:
        if len(term) < 2:
            continue
        kind = _kind_of_term(term)
        words = (re.escape(word) for word in term.split())
        pattern = re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", re.IGNORECASE)
        for found in pattern.finditer(text):
            yield PiiMatch(kind, found.start(), found.end(), found.group())


def _kind_of_term(term: str) -> str:
    """A listed term is redacted as what it is when one rule covers it whole, else as a name."""
    for match in _detected(term):
        if match.start == 0 and match.end == len(term):
            return match.kind
    return "name"


# --- putting it together ------------------------------------------------------------------------

_DETECTORS = (_emails, _phones, _postcodes, _ni_numbers, _nhs_numbers, _addresses, _titled_names)


def _detected(text: str) -> list[PiiMatch]:
    return [match for detector in _DETECTORS for match in detector(text)]


def find_pii(text: str, extra_terms: Iterable[str] = ()) -> list[PiiMatch]:
    """Every piece of personal data found in the text, in order; where matches overlap the
    longest wins (then the earliest, then the order of KINDS)."""
    candidates = _detected(text) + list(_extra_terms(text, extra_terms))
    candidates.sort(key=lambda m: (-(m.end - m.start), m.start, KINDS.index(m.kind)))
    chosen: list[PiiMatch] = []  # sorted by start, never overlapping
    starts: list[int] = []
    for candidate in candidates:
        index = bisect.bisect_left(starts, candidate.start)
        if index > 0 and chosen[index - 1].end > candidate.start:
            continue
        if index < len(chosen) and chosen[index].start < candidate.end:
            continue
        chosen.insert(index, candidate)
        starts.insert(index, candidate.start)
    return chosen


def redact(text: str, extra_terms: Iterable[str] = ()) -> str:
    """The text with each match replaced by "[kind]", e.g. "Call [phone] or write to [email]"."""
    pieces, position = [], 0
    for match in find_pii(text, extra_terms):
        pieces += [text[position : match.start], f"[{match.kind}]"]
        position = match.end
    return "".join([*pieces, text[position:]])
