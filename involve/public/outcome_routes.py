"""'We asked, you said, we did': the public page of a consultation or other activity once its
decision record is published (until then, there is no such page: 404)."""

from __future__ import annotations

from flask import abort, redirect, render_template, url_for
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
