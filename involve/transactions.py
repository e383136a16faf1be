"""One commit per successful request; anything else rolls back (services only flush)."""

from __future__ import annotations

from flask import Flask, Response

from involve.extensions import db
from involve.jobs import dispatch_pending


def register_request_transaction(app: Flask) -> None:
    @app.after_request
    def commit_successful_request(response: Response) -> Response:
        if response.status_code < 400:
            db.session.commit()
            dispatch_pending()  # jobs start only once the rows they read are committed
        else:
            db.session.rollback()
        return response

    @app.teardown_request
    def roll_back_on_exception(error: BaseException | None) -> None:
        if error is not None:
            db.session.rollback()
