"""Every form rejects a missing or wrong CSRF token: each rule in app.url_map that takes a POST
is posted without a token and with wrong ones, by a signed-in administrator, and must answer 400
with the GOV.UK "Your form could not be sent" page, changing nothing in the database. A new POST
route is covered the moment it exists; leaving it out means listing it in EXEMPT with a reason."""

from __future__ import annotations

from typing import Any

import pytest
from flask import url_for
from itsdangerous import URLSafeTimedSerializer
from sqlalchemy import func, select

from involve.extensions import csrf, db
from involve.models import Base
from tests.factories import ConsultationFactory, QuestionFactory, ResponseFactory
from tests.factories_activities import ActivityMaterialFactory, ActivityPlanFactory
from tests.factories_theming import codeframe_with_items
from tests.pages import heading

# Endpoint -> why it takes a POST without a CSRF token. Nothing else may.
EXEMPT = {
    # RFC 8058 one-click unsubscribe: mail programs POST "List-Unsubscribe=One-Click" with no
    # form and no cookies; the unguessable token in the address is the protection, and all it
    # can do is stop e-mails to the person the token was sent to.
    "public.unsubscribe": "one-click unsubscribe from a mail program (RFC 8058)",
}
CSRF_HEADING = "Your form could not be sent"
_CSRF_H1 = f'<h1 class="govuk-heading-xl">{CSRF_HEADING}</h1>'


def _post_rules(app) -> list[Any]:  # type: ignore[no-untyped-def]
    return sorted(
        (rule for rule in app.url_map.iter_rules() if "POST" in rule.methods),
        key=lambda rule: (rule.rule, rule.endpoint),
    )


def _fixtures() -> dict[str, Any]:
    """Real rows for every kind of id in a URL, so each form is one that could succeed."""
    question = QuestionFactory(page__consultation__published_at=None)
    consultation = question.page.consultation
    open_consultation = ConsultationFactory()
    QuestionFactory(page__consultation=open_consultation, page__position=1)
    activity = ActivityPlanFactory().activity
    codeframe, items, themes = codeframe_with_items(["A text to code"], ["A theme"])
    return {
        "consultation_id": consultation.id,
        "page_id": question.page_id,
        "question_id": question.id,
        "kind": "short_text",
        "slug": open_consultation.slug,
        "page_number": 1,
        "activity_id": activity.id,
        "material_id": ActivityMaterialFactory(activity=activity).id,
        "codeframe_id": codeframe.id,
        "item_id": items[0].id,
        "theme_id": themes[0].id,
        "reference": ResponseFactory(consultation=open_consultation).reference,
        "token": "not-a-real-token",
        "section": "purpose",
        "dimension": "age_band",
    }


def _url(app, rule, values: dict[str, Any]) -> str:  # type: ignore[no-untyped-def]
    with app.test_request_context():
        return url_for(rule.endpoint, **{name: values.get(name, 1) for name in rule.arguments})


def _row_counts() -> tuple[int, ...]:
    """One query: how many rows every table holds."""
    counts = [
        select(func.count()).select_from(table).scalar_subquery()
        for table in Base.metadata.sorted_tables
    ]
    return tuple(db.session.execute(select(*counts)).one())


def _every_row() -> dict[str, list[str]]:
    return {
        table.name: sorted(repr(tuple(row)) for row in db.session.execute(select(table)))
        for table in Base.metadata.sorted_tables
    }


def _wrong_tokens(app) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {
        "garbage": "not-a-csrf-token",
        # Well formed and signed with the app's key, but for another session's secret.
        "another session's": URLSafeTimedSerializer(app.secret_key, salt="wtf-csrf-token").dumps(
            "0" * 40
        ),
        # Right shape, wrong key: what a forger without SECRET_KEY would send.
        "forged": URLSafeTimedSerializer("not-the-secret-key", salt="wtf-csrf-token").dumps(
            "0" * 40
        ),
    }


def test_csrf_protection_is_on_for_every_form(app):
    assert app.config.get("WTF_CSRF_ENABLED", True) is True
    assert app.config.get("WTF_CSRF_CHECK_DEFAULT", True) is True
    assert not csrf._exempt_blueprints
    exempt = {view.rsplit(".", 1)[-1] for view in csrf._exempt_views}
    allowed = {endpoint.split(".")[-1] for endpoint in EXEMPT}
    assert exempt <= allowed, f"CSRF-exempt views not listed (with a reason) in EXEMPT: {exempt}"


def test_every_post_route_refuses_a_missing_or_wrong_token(app, pages, sign_in_as):
    sign_in_as("admin")
    values = _fixtures()
    db.session.commit()
    rules = [rule for rule in _post_rules(app) if rule.endpoint not in EXEMPT]
    assert len(rules) > 100, "expected every form of the app"
    pages.csrf_token()  # the session has a real token, so a wrong one is a mismatch
    wrong = _wrong_tokens(app)
    before_rows, before_counts = _every_row(), _row_counts()
    # The page itself is checked in full once (it is the same page every time).
    assert heading(pages.post(rules[0].rule, {}, csrf=False, expected_status=400)) == CSRF_HEADING
    refused = 0
    for rule in rules:
        url = _url(app, rule, values)
        for name, token in [("missing", None), *wrong.items()]:
            form = {"title": "Changed", "action": "save"}
            if token is not None:
                form["csrf_token"] = token
            response = pages.client.post(url, data=form)
            assert response.status_code == 400, f"POST {url} with a {name} token"
            assert _CSRF_H1 in response.get_data(as_text=True), f"POST {url} with a {name} token"
            refused += 1
        assert _row_counts() == before_counts, f"POST {url} changed data"
    assert _every_row() == before_rows
    assert refused == len(rules) * 4
    # Still signed in: even signing out needs the token.
    assert pages.client.get("/officer/").status_code == 200


@pytest.mark.parametrize("endpoint", sorted(EXEMPT))
def test_exempt_routes_exist_and_say_why(app, endpoint):
    assert endpoint in {rule.endpoint for rule in _post_rules(app)}
    assert EXEMPT[endpoint]


def test_a_token_from_the_page_is_accepted(pages):
    """The other side of the coin: the same POST with the page's own token goes through."""
    consultation = ConsultationFactory()
    db.session.commit()
    pages.post(
        f"/consultations/{consultation.slug}/get-outcome-email",
        {"email": "resident@example.com"},
        expected_status=302,
    )
