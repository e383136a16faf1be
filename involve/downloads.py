"""Serving stored uploads: always as an attachment, with the type we detected, never sniffed."""

from __future__ import annotations

from pathlib import Path

from flask import send_file
from werkzeug.wrappers import Response

STORED_FILE_POLICY = "default-src 'none'; sandbox"


def send_stored_file(path: Path, content_type: str, download_name: str) -> Response:
    """An uploaded file as a download. Attachment + nosniff: a file that is not what it claims
    can never be rendered by the browser as a page of this site."""
    response = send_file(
        path, mimetype=content_type, as_attachment=True, download_name=download_name
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    # Stricter than the site's policy: were a browser ever to open it in place, the file could
    # run nothing, load nothing and reach nothing of this site (sandbox: an origin of its own).
    response.headers["Content-Security-Policy"] = STORED_FILE_POLICY
    return response
