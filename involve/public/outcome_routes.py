"""'We asked, you said, we did': the public page of a consultation or other activity once its
decision record is published (until then, there is no such page: 404)."""

from __future__ import annotations

import re

from flask import abort, redirect, render_template, url_for
from markupsafe import Markup, escape
from werkzeug.wrappers import Response

from involve.public.consultation_routes import public_consultation_or_404
from involve.public.routes import public
from involve.services import activities
from involve.services.errors import NotFound
from involve.services.you_said import (
    YouSaidPage,
    published_activity_page,
    published_consultation_page,
)

_BLANK_LINE = re.compile(r"\n[ \t]*\n")


@public.app_template_filter("paragraphs")
def paragraphs(text: str, classes: str = "govuk-body") -> Markup:
    """An officer's plain text as the paragraphs they typed, escaped: a blank line starts a new
    paragraph, a single line break stays a line break."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    return Markup("").join(
        Markup('<p class="{}">{}</p>').format(
            classes, Markup("<br>").join(escape(line.strip()) for line in block.split("\n"))
        )
        for block in _BLANK_LINE.split(text)
        if block.strip()
    )


def _render(page: YouSaidPage, back_url: str) -> str:
    return render_template("public/outcome/you_said.html", page=page, back_url=back_url)


@public.route("/consultations/<slug>/you-said-we-did")
def you_said_we_did(slug: str) -> str:
    consultation = public_consultation_or_404(slug)
    page = published_consultation_page(consultation)
    if page is None:
        abort(404)
    return _render(page, url_for("public.consultation", slug=consultation.slug))


@public.route("/activities/<activity_slug>/you-said-we-did")
def activity_you_said_we_did(activity_slug: str) -> str | Response:
    try:
        activity = activities.get_published_activity(activity_slug)
    except NotFound:
        abort(404)
    if activity.consultation is not None:
        # One page per consultation, at the consultation's address.
        return redirect(url_for("public.you_said_we_did", slug=activity.consultation.slug))
    page = published_activity_page(activity)
    if page is None:
        abort(404)
    return _render(page, url_for("public.activity", activity_slug=activity.slug))
