"""Helpers for the hostile-input tests: the corpus, raw form bodies (which may hold lone
surrogates and invalid UTF-8, which no str-based client can send) and the reflection check."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import quote_from_bytes

from bs4 import BeautifulSoup
from hypothesis import HealthCheck, Phase, settings

from involve.extensions import db
from involve.forms import remove_unprintable
from involve.models import QuestionKind
from tests.factories import ConsultationFactory, QuestionFactory, QuestionPageFactory
from tests.pages import check_page

CORPUS = Path(__file__).parent / "data" / "hostile_strings.txt"
FORM = "application/x-www-form-urlencoded"


@cache
def hostile_strings() -> tuple[str, ...]:
    lines = CORPUS.read_text(encoding="ascii").splitlines()
    return tuple(json.loads(line) for line in lines if line and not line.startswith("#"))


def encode(value: str | bytes) -> bytes:
    """UTF-8, letting lone surrogates through as the (invalid) bytes a broken client sends."""
    return value if isinstance(value, bytes) else value.encode("utf-8", "surrogatepass")


def form_body(pairs: Iterable[tuple[str, str | bytes]]) -> bytes:
    """An application/x-www-form-urlencoded body, byte for byte, repeats and all."""
    return b"&".join(
        quote_from_bytes(encode(name)).encode() + b"=" + quote_from_bytes(encode(value)).encode()
        for name, value in pairs
    )


def post_raw(client: Any, url: str, pairs: Sequence[tuple[str, str | bytes]], **kwargs: Any) -> Any:
    return client.post(url, data=form_body(pairs), content_type=FORM, **kwargs)


def rotate(strings: Sequence[str], fields: Sequence[str]) -> Iterable[dict[str, str]]:
    """Forms that put every string into one field each, the field changing from string to
    string, so each field gets its share of the corpus in len(strings) / len(fields) posts."""
    for start in range(0, len(strings), len(fields)):
        chunk = strings[start : start + len(fields)]
        offset = start // len(fields)
        yield {fields[(index + offset) % len(fields)]: text for index, text in enumerate(chunk)}


_TAG_OPENER = re.compile(r"<[A-Za-z/!?]")
# Attributes a page may gain from what was sent without anything being injected: a choice shown
# as chosen, a field marked as wrong.
_STATE_ATTRIBUTES = {"checked", "selected", "aria-invalid", "aria-describedby"}
_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "srcdoc", "data"}


def unescaped_reflections(html: str, sent: Iterable[str], *, baseline: str = "") -> list[str]:
    """The sent strings that could open a tag and appear in the page exactly as sent (escaping
    would have turned their "<" into "&lt;"), unless the page without them (`baseline`) already
    had them (every page has "<a")."""
    found = []
    for text in sent:
        cleaned = remove_unprintable(text)  # what the forms keep of it
        for shown in {text, cleaned, cleaned.strip()}:
            if _TAG_OPENER.search(shown) and shown in html and shown not in baseline:
                found.append(text)
                break
    return found


class _Structure(HTMLParser):
    """The page's tags and attribute names, and anything that could run: script elements,
    on...= event handlers and javascript: addresses."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.attributes: set[str] = set()
        self.scripts = 0
        self.active: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.scripts += tag == "script"
        for name, value in attrs:
            self.attributes.add(name)
            if name.startswith("on"):
                self.active.append(f"{tag} {name}=")
            address = re.sub(r"[\s\x00-\x1f]", "", value or "").lower()
            if name in _URL_ATTRIBUTES and address.startswith(("javascript:", "vbscript:")):
                self.active.append(f"{tag} {name}={value!r}")


@lru_cache(maxsize=8)  # a baseline is read again and again
def _structure(html: str) -> _Structure:
    parser = _Structure()
    parser.feed(html)
    parser.close()
    return parser


def injected_markup(html: str, baseline: str) -> list[str]:
    """What the page has that the baseline (the same page without the hostile input) has not:
    more script elements, scripts in attributes or addresses, new kinds of tags or attributes."""
    page, usual = _structure(html), _structure(baseline)
    problems = [f"active markup {item}" for item in page.active if item not in usual.active]
    if page.scripts > usual.scripts:
        problems.append("a <script> element")
    if new_tags := page.tags - usual.tags:
        problems.append(f"new tags {sorted(new_tags)}")
    new_attributes = {
        name
        for name in page.attributes - usual.attributes - _STATE_ATTRIBUTES
        if not name.startswith("aria-") and name != "role"  # page furniture that runs nothing
    }
    if new_attributes:
        problems.append(f"new attributes {sorted(new_attributes)}")
    return problems


def page_baseline(client: Any, url: str, fields: Iterable[str], *, token: str) -> str:
    """The page as it is shown (GET) and as it comes back with a harmless wrong answer in each
    field: what the page looks like without anything hostile in it."""
    shown = client.get(url).get_data(as_text=True)
    sent_back = post_raw(client, url, [("csrf_token", token), *((name, "x") for name in fields)])
    return shown + sent_back.get_data(as_text=True)


def home_with_errors(client: Any, fields: Iterable[str]) -> str:
    """The home page searched with a harmless wrong value in each of its fields."""
    return client.get("/?" + form_body((name, "x") for name in fields).decode()).get_data(
        as_text=True
    )


def assert_safe_page(response: Any, sent: Iterable[str | bytes], *, baseline: str = "") -> str:
    """Never a 5xx; an HTML page whose sent strings are all escaped. Returns the page."""
    assert response.status_code < 500, f"{response.status_code} for {list(sent)[:5]!r}"
    if 300 <= response.status_code < 400:
        return ""  # a redirect shows nothing sent
    html = response.get_data(as_text=True)
    texts = [value for value in sent if isinstance(value, str)]
    leaks = unescaped_reflections(html, texts, baseline=baseline)
    if leaks:
        cleaned = remove_unprintable(leaks[0]).strip()
        where = html.find(cleaned) if cleaned in html else html.find(leaks[0])
        raise AssertionError(
            f"sent text shown unescaped: {leaks[:3]!r}\n{html[max(where - 300, 0) : where + 100]}"
        )
    injected = injected_markup(html, baseline)
    assert not injected, f"{injected} appeared after sending {texts[:5]!r}"
    return html


def assert_sent_back_with_errors(html: str, app: Any) -> None:
    """A form sent back rather than accepted: a sound page titled "Error: ", whose GOV.UK error
    summary says what is wrong and links to fields that are on the page."""
    check_page(html, app)  # well formed, one h1, unique ids
    soup = BeautifulSoup(html, "html.parser")
    assert soup.title.get_text().startswith("Error: ")
    links = soup.select(".govuk-error-summary__list a")
    assert links, "a form sent back must say what is wrong"
    for link in links:
        assert soup.find(id=link["href"].lstrip("#")) is not None, link["href"]


def http_property(*, max_examples: int) -> settings:
    """Hypothesis settings for properties that post to the app: repeatable, and no shrinking (a
    failing example is reported as found: shrinking HTTP posts takes minutes)."""
    return settings(
        max_examples=max_examples,
        deadline=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.reuse, Phase.generate],
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


OPTIONS = ["Swings", "Slides", "Benches"]
KINDS = [
    {"kind": QuestionKind.SHORT_TEXT},
    {"kind": QuestionKind.LONG_TEXT, "max_length": 200},
    {"kind": QuestionKind.SINGLE_CHOICE, "options": OPTIONS},
    {"kind": QuestionKind.MULTIPLE_CHOICE, "options": OPTIONS, "allow_other": True},
    {"kind": QuestionKind.AGREE_SCALE},
    {"kind": QuestionKind.GRID, "statements": ["Clean", "Safe"], "options": ["Good", "Poor"]},
    {"kind": QuestionKind.RANKING, "options": OPTIONS},
    {"kind": QuestionKind.NUMBER, "min_value": 0, "max_value": 1000},
    {"kind": QuestionKind.DATE},
    {"kind": QuestionKind.POSTCODE},
]


def field_names(question) -> list[str]:  # type: ignore[no-untyped-def]
    name = f"q{question.id}"
    if question.kind == QuestionKind.MULTIPLE_CHOICE:
        return [name, f"{name}-other"]
    if question.kind == QuestionKind.DATE:
        return [f"{name}-{part}" for part in ("day", "month", "year")]
    if question.kind == QuestionKind.GRID:
        return [f"{name}-s{index}" for index in range(len(question.statements))]
    if question.kind == QuestionKind.RANKING:
        return [f"{name}-o{index}" for index in range(len(question.options))]
    return [name]


def every_kind_page(*, required: bool = True):  # type: ignore[no-untyped-def]
    """A consultation whose one page asks every kind of question."""
    consultation = ConsultationFactory(about_you_enabled=False, equality_questions_enabled=False)
    page = QuestionPageFactory(consultation=consultation, position=1, title="Everything")
    questions = [
        QuestionFactory(page=page, position=index, required=required, **fields)
        for index, fields in enumerate(KINDS)
    ]
    db.session.commit()
    return consultation, questions
