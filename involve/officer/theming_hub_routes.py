"""A codeframe's home page, starting one from a question or an activity, and Discover themes:
start the job, read what it proposes, keep and rename the themes worth keeping."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from involve.auth.permissions import Permission, has_permission, require_permission
from involve.auth.scope import require_can_change
from involve.extensions import db
from involve.ids import id_from
from involve.models import Activity, Codeframe, Question
from involve.officer import officer
from involve.officer.theming_codeframe_forms import (
    DiscoverForm,
    build_proposal_form,
    check_proposal_names,
)
from involve.services import theming_discovery
from involve.services.errors import NotFound
from involve.services.theming_hub import hub_figures, theme_counts
from involve.services.theming_items import (
    NotThemable,
    codeframe_title,
    get_codeframe,
    start_codeframe,
    sync_items,
)
from involve.services.theming_suggestion_review import latest_result


def codeframe_or_404(codeframe_id: int) -> Codeframe:
    try:
        return get_codeframe(codeframe_id)
    except NotFound:
        abort(404)


def changing_codeframe(codeframe_id: int) -> Codeframe:
    """The codeframe for a POST, with texts that arrived since the last action included."""
    codeframe = codeframe_or_404(codeframe_id)
    require_can_change(codeframe)
    sync_items(codeframe)
    return codeframe


def to_hub(codeframe: Codeframe) -> Response:
    return redirect(url_for("officer.theming_hub", codeframe_id=codeframe.id))


def source_of(codeframe: Codeframe) -> tuple[str, str]:
    """(caption, back link) naming what is themed: the consultation, or the activity."""
    if codeframe.question is not None:
        consultation = codeframe.question.page.consultation
        url = url_for("officer.consultation_overview", consultation_id=consultation.id)
        return consultation.title, url
    assert codeframe.activity is not None
    return codeframe.activity.title, url_for(
        "officer.activity_event", activity_id=codeframe.activity.id
    )


def render_hub(codeframe: Codeframe, discover_form: DiscoverForm | None = None) -> str:
    caption, back_url = source_of(codeframe)
    figures = hub_figures(codeframe)
    return render_template(
        "officer/theming/hub.html",
        codeframe=codeframe,
        caption=caption,
        back_url=back_url,
        what=codeframe_title(codeframe),
        figures=figures,
        themes=theme_counts(codeframe),
        form=discover_form,
        discover_form=discover_form or DiscoverForm(formdata=None),
        enough_to_discover=figures.texts + figures.waiting >= theming_discovery.MIN_TEXTS,
        min_texts=theming_discovery.MIN_TEXTS,
        can_code=has_permission(current_user, Permission.CODE_RESPONSES),
        # Groups are found by "Update suggestions": before its first run, "0 to check" means
        # nobody has looked yet, not that there are none.
        groups_looked_for=bool(latest_result(codeframe)),
    )


@officer.post("/theming/start", endpoint="start_theming")
@require_permission(Permission.CODE_RESPONSES)
def start_theming() -> Response:
    question_field = request.form.get("question_id", "")
    activity_field = request.form.get("activity_id", "")
    question_id, activity_id = id_from(question_field), id_from(activity_field)
    if question_id is not None and not activity_field:
        question = db.session.get(Question, question_id)
        if question is None:
            abort(404)
        require_can_change(question.page.consultation)
        try:
            codeframe = start_codeframe(actor=current_user, question=question)
        except NotThemable:
            flash(
                f"Only answers typed in words can be themed. “{question.text}” is a "
                f"{question.kind.label.lower()} question",
                "error",
            )
            consultation_id = question.page.consultation_id
            return redirect(
                url_for("officer.consultation_overview", consultation_id=consultation_id)
            )
    elif activity_id is not None and not question_field:
        activity = db.session.get(Activity, activity_id)
        if activity is None:
            abort(404)
        require_can_change(activity)
        codeframe = start_codeframe(actor=current_user, activity=activity)
    else:
        abort(404)
    return to_hub(codeframe)


@officer.get("/theming/<int:codeframe_id>", endpoint="theming_hub")
@require_permission(Permission.READ_REPORTS)
def theming_hub(codeframe_id: int) -> str:
    return render_hub(codeframe_or_404(codeframe_id))


@officer.post("/theming/<int:codeframe_id>/discover", endpoint="discover_themes")
@require_permission(Permission.CODE_RESPONSES)
def discover_themes(codeframe_id: int) -> str | Response:
    codeframe = changing_codeframe(codeframe_id)
    form = DiscoverForm()
    if form.validate_on_submit():
        try:
            job = theming_discovery.start_discovery(
                actor=current_user, codeframe=codeframe, k=form.number
            )
        except theming_discovery.TooFewTexts as error:
            form.k.errors = [str(error)]
        else:
            return redirect(url_for("officer.job_status", job_id=job.id))
    return render_hub(codeframe, form)


def _discovery_job(codeframe: Codeframe, job_id: int):  # type: ignore[no-untyped-def]
    try:
        return theming_discovery.get_discovery_job(codeframe, job_id)
    except NotFound:
        abort(404)


def _render_proposal(codeframe: Codeframe, job, proposal, form) -> str:  # type: ignore[no-untyped-def]
    return render_template(
        "officer/theming/discover_proposal.html",
        codeframe=codeframe,
        caption=source_of(codeframe)[0],
        job=job,
        proposal=proposal,
        form=form if form.errors else None,
        proposal_form=form,
    )


@officer.get("/theming/<int:codeframe_id>/discover/<int:job_id>", endpoint="discovered_themes")
@require_permission(Permission.CODE_RESPONSES)
def discovered_themes(codeframe_id: int, job_id: int) -> str | Response:
    codeframe = codeframe_or_404(codeframe_id)
    require_can_change(codeframe)
    job = _discovery_job(codeframe, job_id)
    if not theming_discovery.is_finished(job):
        return redirect(url_for("officer.job_status", job_id=job.id))
    proposal = theming_discovery.read_proposal(codeframe, job)
    form = build_proposal_form(proposal.themes, formdata=None)
    return _render_proposal(codeframe, job, proposal, form)


@officer.post("/theming/<int:codeframe_id>/discover/<int:job_id>", endpoint="accept_discovered")
@require_permission(Permission.CODE_RESPONSES)
def accept_discovered(codeframe_id: int, job_id: int) -> str | Response:
    codeframe = changing_codeframe(codeframe_id)
    job = _discovery_job(codeframe, job_id)
    if not theming_discovery.is_finished(job):
        return redirect(url_for("officer.job_status", job_id=job.id))
    proposal = theming_discovery.read_proposal(codeframe, job)
    form = build_proposal_form(proposal.themes)
    taken = {theme.name.casefold() for theme in codeframe.themes}
    if form.validate_on_submit() and check_proposal_names(form, taken):
        added = theming_discovery.accept_discovered(
            actor=current_user, codeframe=codeframe, job=job, kept=form.kept()
        )
        flash(f"{len(added)} theme{'s' if len(added) != 1 else ''} added", "success")
        return redirect(url_for("officer.codeframe_themes", codeframe_id=codeframe.id))
    return _render_proposal(codeframe, job, proposal, form)
