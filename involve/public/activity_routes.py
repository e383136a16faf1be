"""Public pages for every published involvement activity: events, panels, campaigns and
consultations, with when, where, access information and how to take part."""

from __future__ import annotations

from flask import abort, render_template

from involve.models import AudienceCategory
from involve.public.routes import public
from involve.services import activities
from involve.services.errors import NotFound
from involve.services.moderation_public import published_points
from involve.services.you_said import activity_has_published_page


@public.route("/activities")
def activities_list() -> str:
    """Upcoming events first, then ongoing activities, then past ones with their outcome."""
    return render_template(
        "public/activities/list.html", listing=activities.list_public_activities()
    )


@public.route("/activities/<activity_slug>")
def activity(activity_slug: str) -> str:
    try:
        found = activities.get_published_activity(activity_slug)
    except NotFound:
        abort(404)
    return render_template(
        "public/activities/activity.html",
        activity=found,
        timing=activities.timing_of(found),
        audience_text=", ".join(
            [
                AudienceCategory(value).label
                for value in found.audiences
                if value in AudienceCategory._value2member_map_
            ]
            + ([found.named_communities] if found.named_communities else [])
        ),
        published=published_points(found),  # only points approved in the moderation queue
        has_you_said=activity_has_published_page(found),
    )
