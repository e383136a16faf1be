"""GET /api/v1/bulk.zip: the whole open data set in one file."""

from __future__ import annotations

from flask import Response, current_app

from involve.api import api
from involve.api.bulk import gather_bulk_data, zip_chunks
from involve.public_urls import request_cache_control
from involve.services.authority import get_settings_or_placeholder
from involve.services.small_numbers import small_number_threshold

BULK_MAX_AGE = 3600  # seconds: the file is rebuilt on each request, so let caches share it


@api.route("/v1/bulk.zip")
def bulk_download() -> Response:
    data = gather_bulk_data(
        threshold=small_number_threshold(),
        authority=get_settings_or_placeholder().name,
        service=current_app.config["SERVICE_NAME"],
    )
    return Response(
        zip_chunks(data),
        mimetype="application/zip",
        headers={
            "Content-Disposition": 'attachment; filename="open-data.zip"',
            # Its links are the request's own when PUBLIC_URL is unset: then never shared.
            "Cache-Control": request_cache_control(f"public, max-age={BULK_MAX_AGE}"),
        },
    )
