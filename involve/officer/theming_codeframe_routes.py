"""Editing a codeframe's themes: add, change, merge, split, delete and reorder. Everyone who may
read reports sees the list; only those who code may change it."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from involve.auth.permissions import Permission, has_permission, require_permission
from involve.auth.scope import require_can_change
from involve.models import Codeframe, Theme
from involve.officer import officer
from involve.officer.theming_codeframe_forms import (
    AddThemeForm,
    DeleteForm,
    MergeForm,
    SplitForm,
    ThemeForm,
)
from involve.officer.theming_hub_routes import changing_codeframe, codeframe_or_404, source_of
from involve.services import theming_codeframe as codeframes
from involve.services import theming_hub
from involve.services.errors import NotFound

SPLIT_LIST_LIMIT = 1_000  # texts listed on the split page; more would not be read anyway
BASE = "/theming/<int:codeframe_id>/themes"


def _theme_or_404(codeframe: Codeframe, theme_id: int) -> Theme:
    try:
        return codeframes.get_theme(codeframe, theme_id)
    except NotFound:
        abort(404)


def _to_themes(codeframe: Codeframe) -> Response:
    return redirect(url_for("officer.codeframe_themes", codeframe_id=codeframe.id))


def _render(template: str, codeframe: Codeframe, **context: object) -> str:
    return render_template(
        f"officer/theming/{template}",
        codeframe=codeframe,
        caption=source_of(codeframe)[0],
        themes_url=url_for("officer.codeframe_themes", codeframe_id=codeframe.id),
        **context,
    )


def _render_list(codeframe: Codeframe, add_form: AddThemeForm | None = None) -> str:
    return _render(
        "themes.html",
        codeframe,
        themes=theming_hub.theme_counts(codeframe),
        form=add_form,
        add_form=add_form or AddThemeForm(formdata=None),
        can_code=has_permission(current_user, Permission.CODE_RESPONSES),
    )


@officer.get(BASE, endpoint="codeframe_themes")
@require_permission(Permission.READ_REPORTS)
def codeframe_themes(codeframe_id: int) -> str:
    return _render_list(codeframe_or_404(codeframe_id))


@officer.post(f"{BASE}/add", endpoint="add_theme")
@require_permission(Permission.CODE_RESPONSES)
def add_theme(codeframe_id: int) -> str | Response:
    codeframe = changing_codeframe(codeframe_id)
    form = AddThemeForm()
    if form.validate_on_submit():
        try:
            theme = codeframes.add_theme(
                actor=current_user,
                codeframe=codeframe,
                name=form.name.data,
                description=form.description.data or "",
            )
        except codeframes.ThemeNameTaken as error:
            form.name.errors = [str(error)]
        else:
            flash(f"Theme {theme.name} added", "success")
            return _to_themes(codeframe)
    return _render_list(codeframe, form)


@officer.route(f"{BASE}/<int:theme_id>/edit", methods=["GET", "POST"], endpoint="edit_theme")
@require_permission(Permission.CODE_RESPONSES)
def edit_theme(codeframe_id: int, theme_id: int) -> str | Response:
    codeframe = codeframe_or_404(codeframe_id)
    require_can_change(codeframe)
    theme = _theme_or_404(codeframe, theme_id)
    form = ThemeForm(obj=theme)
    if form.validate_on_submit():
        changing_codeframe(codeframe_id)
        try:
            codeframes.edit_theme(
                actor=current_user,
                theme=theme,
                name=form.name.data,
                description=form.description.data or "",
            )
        except codeframes.ThemeNameTaken as error:
            form.name.errors = [str(error)]
        else:
            flash(f"Theme {theme.name} saved", "success")
            return _to_themes(codeframe)
    return _render("themes_edit.html", codeframe, theme=theme, form=form)


@officer.route(f"{BASE}/merge", methods=["GET", "POST"], endpoint="merge_themes")
@require_permission(Permission.CODE_RESPONSES)
def merge_themes(codeframe_id: int) -> str | Response:
    codeframe = codeframe_or_404(codeframe_id)
    require_can_change(codeframe)
    counts = theming_hub.theme_counts(codeframe)
    form = MergeForm()
    form.themes.choices = [
        (row.theme.id, f"{row.theme.name} ({row.coded + row.in_campaigns:,} coded)")
        for row in counts
    ]
    if form.validate_on_submit():
        changing_codeframe(codeframe_id)
        chosen = [row.theme for row in counts if row.theme.id in set(form.themes.data)]
        try:
            merged = codeframes.merge_themes(
                actor=current_user, codeframe=codeframe, themes=chosen, name=form.name.data
            )
        except codeframes.ThemeNameTaken as error:
            form.name.errors = [f"{error}: choose another name, or merge that theme too"]
        else:
            flash(f"{len(chosen)} themes merged into {merged.name}", "success")
            return _to_themes(codeframe)
    return _render(
        "themes_merge.html",
        codeframe,
        form=form if form.errors else None,
        merge_form=form,
        enough=len(counts) >= 2,
    )


@officer.route(f"{BASE}/<int:theme_id>/split", methods=["GET", "POST"], endpoint="split_theme")
@require_permission(Permission.CODE_RESPONSES)
def split_theme(codeframe_id: int, theme_id: int) -> str | Response:
    codeframe = codeframe_or_404(codeframe_id)
    require_can_change(codeframe)
    theme = _theme_or_404(codeframe, theme_id)
    texts = codeframes.coded_texts(theme, limit=SPLIT_LIST_LIMIT)
    total = codeframes.codes_count(theme)
    form = SplitForm()
    form.items.choices = [(item_id, text) for item_id, text in texts]
    if form.validate_on_submit():
        changing_codeframe(codeframe_id)
        try:
            new_theme = codeframes.split_theme(
                actor=current_user,
                theme=theme,
                name=form.name.data,
                description=form.description.data or "",
                item_ids=form.items.data,
            )
        except codeframes.ThemeNameTaken as error:
            form.name.errors = [str(error)]
        else:
            moved = len(set(form.items.data))
            flash(
                f"{moved} text{'s' if moved != 1 else ''} moved from {theme.name} "
                f"to {new_theme.name}",
                "success",
            )
            return _to_themes(codeframe)
    return _render(
        "themes_split.html",
        codeframe,
        theme=theme,
        texts=texts,
        total=total,
        form=form if form.errors else None,
        split_form=form,
    )


@officer.route(f"{BASE}/<int:theme_id>/delete", methods=["GET", "POST"], endpoint="delete_theme")
@require_permission(Permission.CODE_RESPONSES)
def delete_theme(codeframe_id: int, theme_id: int) -> str | Response:
    codeframe = codeframe_or_404(codeframe_id)
    require_can_change(codeframe)
    theme = _theme_or_404(codeframe, theme_id)
    form = DeleteForm()
    if form.validate_on_submit():
        changing_codeframe(codeframe_id)
        name = theme.name
        codes = codeframes.delete_theme(actor=current_user, theme=theme)
        flash(f"Theme {name} deleted with its {codes:,} code{'s' if codes != 1 else ''}", "success")
        return _to_themes(codeframe)
    return _render(
        "themes_delete.html",
        codeframe,
        theme=theme,
        codes=codeframes.codes_count(theme),
        reopened=codeframes.texts_left_without_a_theme(theme),
        delete_form=form,
    )


@officer.post(f"{BASE}/<int:theme_id>/move", endpoint="move_theme")
@require_permission(Permission.CODE_RESPONSES)
def move_theme(codeframe_id: int, theme_id: int) -> Response:
    codeframe = changing_codeframe(codeframe_id)
    theme = _theme_or_404(codeframe, theme_id)
    direction = request.form.get("direction")
    if direction not in ("up", "down"):
        abort(400)
    codeframes.move_theme(actor=current_user, theme=theme, offset=-1 if direction == "up" else 1)
    return redirect(
        url_for("officer.codeframe_themes", codeframe_id=codeframe.id, _anchor=f"theme-{theme.id}")
    )
