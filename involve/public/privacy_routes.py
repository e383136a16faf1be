"""A consultation's privacy notice for respondents: shown between the consultation page's Start
button and the first question, and linked from every page of that consultation's journey."""

from __future__ import annotations

import re

from flask import render_template, request, url_for
from markupsafe import Markup, escape
from sqlalchemy import select

from involve.extensions import db
from involve.models import Consultation
from involve.public.consultation_routes import public_consultation_or_404
from involve.public.routes import public
from involve.services.lifecycle import is_accepting_responses, is_public
from involve.services.privacy_notice import build_notice
from involve.services.responses import pages_for

# Public pages with a consultation's slug that are not part of answering it.
_NOT_JOURNEY = frozenset({"public.consultation_privacy_notice", "public.download_document"})
_LINKABLE = re.compile(r"https?://[^\s<>\"']*[^\s<>\"'.,;:!?)]|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


@public.route("/consultations/<slug>/privacy-notice")
def consultation_privacy_notice(slug: str) -> str:
    consultation = public_consultation_or_404(slug)
    continue_url = None
    if is_accepting_responses(consultation) and pages_for(consultation, None):
        continue_url = url_for("public.question_page", slug=slug, page_number=1)
    return render_template(
        "public/privacy_notice.html",
        consultation=consultation,
        parts=build_notice(
            consultation, withdraw_url=url_for("public.withdraw_equality", _external=True)
        ),
        continue_url=continue_url,
    )


@public.app_template_filter("notice_links")
def notice_links(text: str) -> Markup:
    """Escaped text with its web and e-mail addresses made into links (notices are plain text)."""
    pieces = []
    last = 0
    for found in _LINKABLE.finditer(text):
        target = found.group()
        href = target if target.startswith("http") else f"mailto:{target}"
        pieces.append(escape(text[last : found.start()]))
        pieces.append(Markup('<a class="govuk-link" href="{}">{}</a>').format(href, target))
        last = found.end()
    pieces.append(escape(text[last:]))
    return Markup("").join(pieces)


@public.context_processor
def journey_privacy_notice() -> dict[str, str]:
    """`journey_privacy_notice_url` for base.html on every page of a public consultation's
    journey (question pages, about you, equality, check answers, confirmation, saved, resume),
    found by the slug in the URL, so no journey template has to remember the link."""
    slug = (request.view_args or {}).get("slug")
    if not isinstance(slug, str) or request.endpoint in _NOT_JOURNEY:
        return {}
    # Also drawn on error pages: a slug no consultation can have (NUL, which PostgreSQL refuses)
    # must not send a second failing query from inside the error page.
    if len(slug) > 200 or not slug.isprintable():
        return {}
    consultation = db.session.scalars(select(Consultation).where(Consultation.slug == slug)).first()
    if consultation is None or not is_public(consultation):
        return {}
    return {"journey_privacy_notice_url": url_for("public.consultation_privacy_notice", slug=slug)}
