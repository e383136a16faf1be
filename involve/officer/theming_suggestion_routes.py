"""Suggestions and campaigns for a codeframe: start "Update suggestions" (a background job), read
how well the model matches the officers' codes, review and accept suggestions at a confidence
threshold, and confirm or dismiss groups of near-identical responses."""

from __future__ import annotations

from contextlib import suppress
from dataclasses import replace
from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from involve.auth.permissions import Permission, require_permission
from involve.auth.scope import require_can_change
from involve.ids import id_from
from involve.jobs import enqueue
from involve.models import Codeframe, ModelVersion
from involve.officer import officer
from involve.officer.theming_suggestion_forms import (
    AcceptForm,
    CampaignDecisionForm,
    ThresholdForm,
    parse_threshold,
    threshold_form,
)
from involve.services import theming_campaigns as campaigns
from involve.services import theming_suggestion_review as review
from involve.services.audit import record_event
from involve.services.errors import NotFound
from involve.services.theming_coding import item_name
from involve.services.theming_items import codeframe_title, get_codeframe, sync_items
from involve.services.theming_model_store import (
    CAUTION_EXAMPLES,
    MIN_EXAMPLES,
    MIN_THEMES,
    latest_model_version,
    trained_by,
)
from involve.services.theming_scores import theme_scores
from involve.services.theming_suggestions import JOB_NAME

CHANGED_MEANWHILE = (
    "The suggestions were updated while you were looking at them. Check them again before "
    "accepting."
)


def _codeframe_or_404(codeframe_id: int, *, changing: bool = False) -> Codeframe:
    try:
        codeframe = get_codeframe(codeframe_id)
    except NotFound:
        abort(404)
    if changing:  # every theming action includes texts that arrived since the last one
        require_can_change(codeframe)
        sync_items(codeframe)
    return codeframe


def _filter_args(values: Any) -> dict[str, str]:
    """The list's threshold, theme and page, carried through a POST and back (when valid)."""
    kept: dict[str, str] = {}
    with suppress(ValueError):  # a bad threshold is dropped: the list falls back to 0.80
        kept["threshold"] = f"{parse_threshold(values.get('threshold', '')):.2f}"
    if id_from(values.get("theme")) is not None:
        kept["theme"] = values["theme"]
    if id_from(values.get("page")) not in (None, 1):
        kept["page"] = values["page"]
    return kept


def _to_list(codeframe: Codeframe, values: Any = None) -> Response:
    return redirect(
        url_for(
            "officer.theme_suggestions", codeframe_id=codeframe.id, **_filter_args(values or {})
        )
    )


@officer.post("/theming/<int:codeframe_id>/suggestions/update", endpoint="update_suggestions")
@require_permission(Permission.CODE_RESPONSES)
def update_suggestions(codeframe_id: int) -> Response:
    codeframe = _codeframe_or_404(codeframe_id, changing=True)
    job = review.running_job(codeframe)
    if job is None:  # one run at a time: a second click follows the run already going
        job = enqueue(JOB_NAME, subject_id=codeframe.id, requested_by=current_user)
        record_event(
            actor=current_user,
            action="theming.suggestions_requested",
            object_type="codeframe",
            object_id=codeframe.id,
            summary=f"Started updating suggestions for {codeframe_title(codeframe)} (job {job.id})",
        )
    return redirect(url_for("officer.job_status", job_id=job.id))


def _suggestions_page(codeframe: Codeframe, form: ThresholdForm) -> str:
    version = latest_model_version(codeframe)
    valid = not form.errors
    chosen = form.filter() if valid else review.SuggestionFilter()
    page = max(1, min(request.args.get("page", 1, type=int) or 1, 100_000))
    counts = review.count_suggestions(codeframe, chosen) if version and valid else None
    return render_template(
        "officer/theming/suggestions.html",
        codeframe=codeframe,
        what=codeframe_title(codeframe),
        form=form,
        version=version,
        trained_by=trained_by(version) if version else None,
        scores=theme_scores(codeframe, version) if version else [],
        stale=review.staleness(codeframe, version) if version else [],
        result=review.latest_result(codeframe),
        running=review.running_job(codeframe),
        chosen=chosen,
        counts=counts,
        items=review.list_suggestions(codeframe, chosen, page=page) if counts else [],
        page=page,
        pages=-(-counts.responses // review.PER_PAGE) if counts else 0,
        filter_args=_filter_args(request.args),
        caution=CAUTION_EXAMPLES,
        min_examples=MIN_EXAMPLES,
        min_themes=MIN_THEMES,
    )


@officer.get("/theming/<int:codeframe_id>/suggestions", endpoint="theme_suggestions")
@require_permission(Permission.READ_REPORTS)
def theme_suggestions(codeframe_id: int) -> str:
    codeframe = _codeframe_or_404(codeframe_id)
    form = threshold_form(codeframe.themes, request.args)
    form.validate()
    return _suggestions_page(codeframe, form)


@officer.get("/theming/<int:codeframe_id>/suggestions/accept", endpoint="confirm_accept")
@require_permission(Permission.CODE_RESPONSES)
def confirm_accept(codeframe_id: int) -> str | Response:
    codeframe = _codeframe_or_404(codeframe_id)
    require_can_change(codeframe)
    form = threshold_form(codeframe.themes, request.args)
    version = latest_model_version(codeframe)
    if not form.validate() or version is None:
        return _to_list(codeframe, request.args)
    return _confirm_page(codeframe, form.filter(), version)


def _confirm_page(
    codeframe: Codeframe,
    chosen: review.SuggestionFilter,
    version: ModelVersion,
    form: AcceptForm | None = None,
) -> str:
    """The bulk-accept confirmation: themes whose suggestions were often wrong when tested are
    named with a warning and start unticked, so accepting them is a choice, not a default."""
    everything = replace(chosen, theme_ids=None)
    by_theme = review.counts_by_theme(codeframe, everything)
    scores = {score.theme.id: score for score in theme_scores(codeframe, version)}
    often_wrong = [
        (theme, scores.get(theme.id))
        for theme, _count in by_theme
        if theme.id not in scores or scores[theme.id].is_often_wrong(chosen.threshold)
    ]
    wrong_ids = {theme.id for theme, _score in often_wrong}
    ticked = (
        {str(theme.id) for theme, _count in by_theme if theme.id not in wrong_ids}
        if form is None
        else set(form.themes.data or [])
    )
    return render_template(
        "officer/theming/suggestions_confirm.html",
        codeframe=codeframe,
        what=codeframe_title(codeframe),
        version=version,
        chosen=everything,
        counts=review.count_suggestions(codeframe, everything),
        by_theme=by_theme,
        scores=scores,
        often_wrong=often_wrong,
        ticked=ticked,
        form=form,
        filter_args=_filter_args(request.args if form is None else request.form),
        caution=CAUTION_EXAMPLES,
    )


@officer.post("/theming/<int:codeframe_id>/suggestions/accept", endpoint="accept_suggestions")
@require_permission(Permission.CODE_RESPONSES)
def accept_suggestions(codeframe_id: int) -> str | Response:
    codeframe = _codeframe_or_404(codeframe_id, changing=True)
    form = AcceptForm(codeframe.themes)
    if not form.validate() and (form.threshold.errors or form.theme.errors):
        shown = ThresholdForm(codeframe.themes, formdata=request.form)
        shown.validate()
        return _suggestions_page(codeframe, shown)
    version = latest_model_version(codeframe)
    if (
        form.errors.keys() - {"themes"}
        or version is None
        or form.model_version.data != str(version.id)
    ):
        flash(CHANGED_MEANWHILE)
        return _to_list(codeframe, request.form)
    if form.themes.errors:  # every theme unticked
        return _confirm_page(codeframe, form.filter(), version, form)
    chosen = form.filter()
    accepted = review.accept_suggestions(
        actor=current_user, codeframe=codeframe, chosen=chosen, model_version=version
    )
    message = f"{accepted:,} suggestion{'s' if accepted != 1 else ''} accepted"
    left = review.count_suggestions(codeframe, chosen).responses
    if left:  # on responses other analysts had open: theirs to code
        message += (
            f". {left:,} response{'s' if left != 1 else ''} other analysts are coding "
            f"{'were' if left != 1 else 'was'} left for them"
        )
    flash(message, "success")
    return _to_list(codeframe, request.form)


def _one_suggestion(codeframe_id: int, suggestion_id: int) -> tuple[Codeframe, Any]:
    codeframe = _codeframe_or_404(codeframe_id, changing=True)
    try:
        return codeframe, review.get_suggestion(codeframe, suggestion_id)
    except NotFound:
        abort(404)


@officer.post(
    "/theming/<int:codeframe_id>/suggestions/<int:suggestion_id>/accept",
    endpoint="accept_suggestion",
)
@require_permission(Permission.CODE_RESPONSES)
def accept_suggestion(codeframe_id: int, suggestion_id: int) -> Response:
    codeframe, suggestion = _one_suggestion(codeframe_id, suggestion_id)
    theme, named = suggestion.theme.name, item_name(suggestion.item)
    try:
        review.accept_suggestion(actor=current_user, suggestion=suggestion)
    except review.NotSuggestible as error:
        flash(str(error))
    else:
        flash(f"Suggestion accepted: {theme} for {named}", "success")
    return _to_list(codeframe, request.form)


@officer.post(
    "/theming/<int:codeframe_id>/suggestions/<int:suggestion_id>/reject",
    endpoint="reject_suggestion",
)
@require_permission(Permission.CODE_RESPONSES)
def reject_suggestion(codeframe_id: int, suggestion_id: int) -> Response:
    codeframe, suggestion = _one_suggestion(codeframe_id, suggestion_id)
    theme, named = suggestion.theme.name, item_name(suggestion.item)
    try:
        review.reject_suggestion(actor=current_user, suggestion=suggestion)
    except review.NotSuggestible as error:
        flash(str(error))
    else:
        flash(f"Suggestion rejected: {theme} for {named}", "success")
    return _to_list(codeframe, request.form)


# -- campaigns -------------------------------------------------------------------------------------
def _campaigns_page(codeframe: Codeframe, form: CampaignDecisionForm | None = None) -> str:
    groups = campaigns.list_groups(codeframe)
    shown = groups[: campaigns.SHOWN_GROUPS]
    return render_template(
        "officer/theming/campaigns.html",
        codeframe=codeframe,
        what=codeframe_title(codeframe),
        form=form,
        groups=shown,
        versions=campaigns.other_versions_of(shown),
        decided_by=campaigns.decided_by_names(shown),
        total_groups=len(groups),
        summary=campaigns.duplicate_summary(codeframe),
        running=review.running_job(codeframe),
        decision_words=campaigns.DECISION_WORDS,
        min_size=campaigns.MIN_GROUP_SIZE,
        min_words=campaigns.MIN_WORDS,
    )


@officer.get("/theming/<int:codeframe_id>/campaigns", endpoint="theming_campaigns")
@require_permission(Permission.READ_REPORTS)
def theming_campaigns(codeframe_id: int) -> str:
    return _campaigns_page(_codeframe_or_404(codeframe_id))


@officer.post("/theming/<int:codeframe_id>/campaigns/<int:group_id>", endpoint="decide_campaign")
@require_permission(Permission.CODE_RESPONSES)
def decide_campaign(codeframe_id: int, group_id: int) -> str | Response:
    codeframe = _codeframe_or_404(codeframe_id, changing=True)
    try:
        group = campaigns.get_group(codeframe, group_id)
    except NotFound:
        abort(404)
    form = CampaignDecisionForm()
    if not form.validate():
        return _campaigns_page(codeframe, form)
    campaigns.decide_campaign(actor=current_user, group=group, status=form.status)
    flash(
        f"{campaigns.DECISION_DONE[form.status]}: a group of {group.size:,} near-identical responses",
        "success",
    )
    return redirect(
        url_for("officer.theming_campaigns", codeframe_id=codeframe.id, _anchor=f"group-{group.id}")
    )
