"""Walks app.url_map: every endpoint not listed as public needs a signed-in officer, and no GET
changes data. A new route is protected by default; making it public means listing it here."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from involve.extensions import db
from involve.models import Base, Consultation, ConsultationDocument
from involve.models.base import utc_now
from tests.factories import (
    AuthoritySettingsFactory,
    ConsultationFactory,
    OfficerFactory,
    PartnerFactory,
    QuestionFactory,
    QuestionPageFactory,
    ResponseFactory,
    ServiceFactory,
)
from tests.factories_activities import (
    ActivityMaterialFactory,
    ActivityPlanFactory,
    StrategyItemFactory,
)
from tests.factories_theming import codeframe_with_items

PUBLIC_ENDPOINTS = {
    "public.home",
    "public.accessibility_statement",
    "public.privacy_notice",
    "public.cookies",
    "public.withdraw_equality",
    "public.consultation_privacy_notice",
    "public.about_you",
    "public.about_you_age",
    "public.about_you_contact",
    "public.about_you_activity",
    "public.equality",
    "public.consultation",
    "public.activities_list",
    "public.activity",
    "public.download_document",
    "public.question_page",
    "public.saved",
    "public.resume",
    "public.check_answers",
    "public.confirmation",
    "auth.sign_in",
    "auth.sign_in_code",  # the second step: without a password just given, back to sign in
    "auth.sign_out",  # POST only; signing out when not signed in is harmless
    "static",
    "assets.static",
    # E-mail subscriptions (issue 8): residents subscribe, confirm and unsubscribe by link.
    "public.subscribe_start",
    "public.subscribe_topic",
    "public.subscribe_area",
    "public.subscribe_outcome",
    "public.check_your_email",
    "public.confirm_subscription",
    "public.unsubscribe",
    # "We asked, you said, we did" (issue 8): shown once a decision record is published.
    "public.you_said_we_did",
    "public.activity_you_said_we_did",
    # The open-data API (issue 8): read-only, published data only.
    "api.docs",
    "api.openapi",
    "api.consultations",
    "api.consultation",
    "api.consultation_results",
    "api.activities",
    "api.activity",
    "api.bulk_download",
}


def _rules(app):
    return sorted(app.url_map.iter_rules(), key=lambda rule: rule.rule)


def _url(app, rule, values: dict[str, Any]) -> str:
    arguments = {name: values.get(name, 1) for name in rule.arguments}
    with app.test_request_context():
        from flask import url_for

        return url_for(rule.endpoint, **arguments)


def _finished_discovery(codeframe, items) -> int:  # type: ignore[no-untyped-def]
    """A finished Discover themes job, so the proposal page is walked too."""
    from involve.models import BackgroundJob, JobStatus

    proposed = {"label": "a", "terms": ["a"], "size": 1, "item_ids": [items[0].id], "quotes": []}
    job = BackgroundJob(
        kind="discover_themes",
        subject_id=codeframe.id,
        status=JobStatus.SUCCEEDED,
        result={"texts": 1, "left_out": 0, "themes": [proposed]},
    )
    db.session.add(job)
    db.session.flush()
    return job.id


def _snapshot() -> dict[str, list[tuple]]:
    """Every row of every table: a GET must leave all of it as it was. The one exception is the
    personal-data access log, which records that a page showing personal data was viewed."""
    snapshot = {}
    for table in Base.metadata.sorted_tables:
        if table.name == "personal_data_access":
            continue
        rows = db.session.execute(select(table)).all()
        snapshot[table.name] = sorted(tuple(map(repr, row)) for row in rows)
    return snapshot


def test_every_endpoint_is_public_by_list_or_needs_sign_in(app, pages):
    protected = [rule for rule in _rules(app) if rule.endpoint not in PUBLIC_ENDPOINTS]
    assert protected, "expected some officer endpoints"
    for rule in protected:
        url = _url(app, rule, {})
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            response = pages.client.open(
                url, method=method, data={"csrf_token": pages.csrf_token()}
            )
            assert response.status_code == 302, f"{method} {url} answered {response.status_code}"
            assert response.headers["Location"].startswith("/sign-in?next="), f"{method} {url}"


def test_public_list_names_only_real_endpoints(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert endpoints >= PUBLIC_ENDPOINTS, PUBLIC_ENDPOINTS - endpoints


@pytest.mark.parametrize("role", ["admin", "engagement_officer", "analyst", "auditor"])
def test_no_get_changes_data(app, pages, sign_in_as, role):
    sign_in_as(role)
    values = {
        "officer_id": OfficerFactory().id,
        "service_id": ServiceFactory().id,
        "partner_id": PartnerFactory().id,
        "slug": ConsultationFactory().slug,
        # The officer builder's screens, on a real draft with a page and a question.
        "question_id": (built := QuestionFactory(page__consultation__published_at=None)).id,
        "page_id": built.page_id,
        "consultation_id": built.page.consultation_id,
        "kind": "grid",
        # Activities: a published event with a plan, and a strategy item.
        "activity_id": (event := ActivityPlanFactory().activity).id,
        "activity_slug": event.slug,
        "strategy_item_id": StrategyItemFactory().id,
        "material_id": ActivityMaterialFactory(activity=event).id,
    }
    submitted = ResponseFactory()  # a real response, so its consultation's pages are exercised
    values.setdefault("consultation_id", submitted.consultation_id)
    values["reference"] = submitted.reference
    # The journey's pages on the consultation named by "slug": a question page and a document.
    journey = db.session.scalars(
        select(Consultation).where(Consultation.slug == values["slug"])
    ).one()
    QuestionFactory(page=QuestionPageFactory(consultation=journey, position=1))
    values["page_number"] = 1
    document = ConsultationDocument(
        consultation=journey,
        title="Proposal",
        original_filename="proposal.pdf",
        stored_name="route-access-missing-file",  # no file: the download answers 404
        content_type="application/pdf",
        size_bytes=10,
        uploaded_at=utc_now(),
    )
    db.session.add(document)
    db.session.flush()
    values["document_id"] = document.id
    AuthoritySettingsFactory()
    # Theming: a codeframe over a free-text question, with one text to code.
    codeframe, theme_items, route_themes = codeframe_with_items(["Route access text"], ["A theme"])
    values.update(codeframe_id=codeframe.id, item_id=theme_items[0].id)
    values.update(theme_id=route_themes[0].id, job_id=_finished_discovery(codeframe, theme_items))
    db.session.commit()  # a savepoint release: makes the fixtures visible to requests
    for rule in _rules(app):
        if "GET" not in rule.methods or rule.endpoint in ("static", "assets.static"):
            continue
        url = _url(app, rule, values)
        before = _snapshot()
        response = pages.client.get(url)
        assert response.status_code < 500, f"GET {url} answered {response.status_code}"
        assert _snapshot() == before, f"GET {url} changed data"
