"""The coding screen: one text at a time with its themes, stance, note and highlighted excerpts;
"code next", which hands each analyst a different text; and the list of a codeframe's texts."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from markupsafe import Markup
from werkzeug.wrappers import Response

from involve.auth.permissions import Permission, has_permission, require_permission
from involve.auth.scope import require_can_change
from involve.extensions import db
from involve.models import Codeframe, Officer, ThemeItem
from involve.officer import officer
from involve.officer.theming_coding_forms import NO_THEME_FITS, STANCE_LABELS, CodingForm
from involve.services import theming_coding, theming_coding_claims, theming_coding_list
from involve.services.errors import NotFound
from involve.services.theming_items import codeframe_title, get_codeframe, get_item, sync_items


def _codeframe_or_404(codeframe_id: int) -> Codeframe:
    try:
        return get_codeframe(codeframe_id)
    except NotFound:
        abort(404)


def _item_or_404(codeframe: Codeframe, item_id: int) -> ThemeItem:
    try:
        return get_item(codeframe, item_id)
    except NotFound:
        abort(404)


def _officer_name(officer_id: int | None) -> str:
    found = db.session.get(Officer, officer_id) if officer_id else None
    return found.full_name if found else ""


SHORTCUT_THEMES = 9  # keys 1 to 9 tick the first nine themes (static/js/coding-keys.js)


def _with_key_hint(label: str, key: str) -> Markup:
    """The label with its keyboard shortcut, hidden until coding-keys.js shows it: without
    JavaScript there are no shortcuts to mention. Built from escaped pieces."""
    return Markup('{} <span class="involve-key-hint" data-key-hint hidden>Key {}</span>').format(
        label, key
    )


def _checkbox_items(
    codeframe: Codeframe, scores: dict[int, float], ticked: list[str]
) -> list[dict[str, Any]]:
    """GOV.UK checkbox items: each theme, with the model's suggestion as a hint (never ticked
    for the analyst), then "No theme fits", which unticks the others."""
    items: list[dict[str, Any]] = []
    for number, theme in enumerate(codeframe.themes, start=1):
        entry: dict[str, Any] = {
            "value": str(theme.id),
            "checked": str(theme.id) in ticked,
        }
        if number <= SHORTCUT_THEMES:
            entry["html"] = _with_key_hint(theme.name, str(number))
        else:
            entry["text"] = theme.name
        if theme.id in scores:
            entry["hint"] = {"text": f"Suggested, {round(scores[theme.id] * 100)}% confidence"}
        items.append(entry)
    if items:
        items.append({"divider": "or"})
    items.append(
        {
            "value": NO_THEME_FITS,
            "html": _with_key_hint("No theme fits", "0"),
            "checked": NO_THEME_FITS in ticked,
            "behaviour": "exclusive",
        }
    )
    return items


def _page(
    codeframe: Codeframe,
    item: ThemeItem,
    form: CodingForm,
    conflicts: dict[str, Any] | None = None,
    changed_by: dict[str, str] | None = None,
) -> str:
    scores = theming_coding.suggestion_scores(item)
    coded = theming_coding.coded_theme_ids(item)
    claimed_by = ""
    if theming_coding_claims.claimed_by_someone_else(item, current_user):
        claimed_by = _officer_name(item.claimed_by_id)
    return render_template(
        "officer/theming/code_item.html",
        codeframe=codeframe,
        codeframe_title=codeframe_title(codeframe),
        item=item,
        source=theming_coding.item_source(item),
        marked_text=theming_coding.mark_excerpts(item.text, item.highlights or []),
        progress=theming_coding.coding_progress(codeframe),
        form=form,
        checkbox_items=_checkbox_items(codeframe, scores, form.themes.data or []),
        has_suggestions=bool(scores),
        coded_themes=[theme.name for theme in codeframe.themes if theme.id in coded],
        shortcut_themes=codeframe.themes[:9],
        conflicts=conflicts or {},
        changed_by=changed_by or {},
        stance_labels=STANCE_LABELS,
        claimed_by=claimed_by,
        reviewed_by=_officer_name(item.reviewed_by_id),
        campaign_size=theming_coding.campaign_size(item),
        can_code=has_permission(current_user, Permission.CODE_RESPONSES),
    )


def _form(codeframe: Codeframe, item: ThemeItem, **kwargs: Any) -> CodingForm:
    return CodingForm(text=item.text, theme_ids={theme.id for theme in codeframe.themes}, **kwargs)


def _conflict_messages(
    codeframe: Codeframe, item: ThemeItem, form: CodingForm, conflict: theming_coding.CodingConflict
) -> tuple[dict[str, Any], dict[str, str]]:
    """An error on each box someone else changed meanwhile; returns what they saved, as shown,
    and who it was, for each."""
    who = _officer_name(conflict.current_reviewed_by) or "Someone else"
    wording = {
        "note": ("note", form.note),
        "stance": ("stance", form.stance),
        "highlights": ("highlighted excerpts", form.highlights),
    }
    shown = dict(conflict.theirs)
    changed_by = dict.fromkeys(shown, who)
    for name in conflict.theirs:
        if name == "themes":
            continue
        noun, field = wording[name]
        field.errors = [
            *field.errors,
            f"{who} changed the {noun} while you were coding. Theirs is shown with yours: "
            "combine them and save again",
        ]
    if "themes" in conflict.theirs:
        theme_ids = conflict.theirs["themes"]
        names = [theme.name for theme in codeframe.themes if theme.id in theme_ids]
        coders = theming_coding.coded_by(item, theme_ids)
        changed_by["themes"] = " and ".join(map(_officer_name, coders)) or "Someone else"
        shown["themes"] = names
        form.themes.errors = [
            *form.themes.errors,
            f"{changed_by['themes']} coded this response as {', '.join(names)} while you were "
            "coding. Keep those themes and save, or select No theme fits and save again",
        ]
    return shown, changed_by


@officer.route("/theming/<int:codeframe_id>/items/<int:item_id>", methods=["GET", "POST"])
@require_permission(Permission.READ_REPORTS)
def code_item(codeframe_id: int, item_id: int) -> str | Response:
    codeframe = _codeframe_or_404(codeframe_id)
    if request.method == "GET":
        item = _item_or_404(codeframe, item_id)
        form = _form(codeframe, item, formdata=None)
        form.load(theming_coding.loaded_state(item))
        return _page(codeframe, item, form)
    if not has_permission(current_user, Permission.CODE_RESPONSES):
        abort(403)
    require_can_change(codeframe)
    sync_items(codeframe)
    item = _item_or_404(codeframe, item_id)
    form = _form(codeframe, item)
    if not form.validate_on_submit():
        return _page(codeframe, item, form)
    first = form.loaded()
    try:
        theming_coding.save_coding(
            actor=current_user, item=item, loaded=first, chosen=form.chosen()
        )
    except theming_coding.CodingConflict as conflict:
        form.reload_after_conflict(first, conflict.current)
        shown, changed_by = _conflict_messages(codeframe, item, form, conflict)
        return _page(codeframe, item, form, conflicts=shown, changed_by=changed_by)
    saved_title = theming_coding.item_source(item).title
    if form.save_next.data:
        return _to_next(codeframe, done=f"Codes saved for {saved_title}")
    flash(f"Codes saved for {saved_title}", "success")
    return redirect(url_for("officer.code_item", codeframe_id=codeframe.id, item_id=item.id))


def _to_next(codeframe: Codeframe, done: str = "") -> Response:
    item = theming_coding_claims.claim_next_item(actor=current_user, codeframe=codeframe)
    if item is None:
        if theming_coding_claims.left_to_code(codeframe):
            minutes = theming_coding_claims.CLAIM_MINUTES
            flash(
                "The responses left to code are being coded by other analysts. "
                f"Any they do not save are handed out again after {minutes} minutes"
            )
        else:
            flash("Every response has been coded", "success")
        return redirect(url_for("officer.theming_hub", codeframe_id=codeframe.id))
    if done:
        flash(done, "success")
    return redirect(url_for("officer.code_item", codeframe_id=codeframe.id, item_id=item.id))


@officer.post("/theming/<int:codeframe_id>/next")
@require_permission(Permission.CODE_RESPONSES)
def code_next(codeframe_id: int) -> Response:
    codeframe = _codeframe_or_404(codeframe_id)
    require_can_change(codeframe)
    sync_items(codeframe)
    return _to_next(codeframe)


@officer.get("/theming/<int:codeframe_id>/items")
@require_permission(Permission.READ_REPORTS)
def theming_items(codeframe_id: int) -> str:
    codeframe = _codeframe_or_404(codeframe_id)
    filters = theming_coding_list.parse_filters(request.args, codeframe)
    result = theming_coding_list.list_items(
        codeframe=codeframe,
        filters=filters,
        page=request.args.get("page", 1, type=int) or 1,
    )
    return render_template(
        "officer/theming/items.html",
        codeframe=codeframe,
        codeframe_title=codeframe_title(codeframe),
        filters=filters,
        result=result,
        page_numbers=theming_coding_list.page_numbers(result.page, result.last_page),
        show_labels=theming_coding_list.SHOW_LABELS,
        progress=theming_coding.coding_progress(codeframe),
        can_code=has_permission(current_user, Permission.CODE_RESPONSES),
    )
