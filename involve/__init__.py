"""involve: the app factory. Nothing here runs at import time."""

from __future__ import annotations

from flask import Flask
from flask_login import current_user
from jinja2 import ChainableUndefined, ChoiceLoader, FileSystemLoader, PackageLoader, PrefixLoader
from werkzeug.routing import IntegerConverter

from involve.config import PROJECT_ROOT, Config, config_from_environment, instance_dir


def create_app(config: Config | None = None) -> Flask:
    """Build the app from a config object (from the environment when none is given)."""
    config = config or config_from_environment()
    app = Flask(
        __name__,
        static_folder=str(PROJECT_ROOT / "static"),
        template_folder=str(PROJECT_ROOT / "templates"),
        instance_path=str(instance_dir()),
    )
    app.config.from_object(config)
    if app.config["TRUSTED_PROXIES"]:
        from werkzeug.middleware.proxy_fix import ProxyFix

        hops = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]
    # Ids in URLs must fit the database's integer columns: a larger number is a page that does
    # not exist (404), not an overflow in the database driver (500).
    app.url_map.converters["int"] = DatabaseIdConverter
    _configure_templates(app)
    _init_extensions(app)
    _register_blueprints(app)

    from involve.auth.session_lifetime import register_session_lifetime
    from involve.errors import register_error_handlers
    from involve.security_headers import register_security_headers
    from involve.transactions import register_request_transaction

    register_error_handlers(app)
    register_request_transaction(app)
    register_security_headers(app)  # CSP, HSTS in production, frames, sniffing, referrer
    register_session_lifetime(app)  # officers signed out when idle or after SESSION_MAX_HOURS

    import involve.jobs.kinds  # noqa: F401  (every job kind known before a job runs)
    from involve.cli import involve_cli

    app.cli.add_command(involve_cli)
    return app


class DatabaseIdConverter(IntegerConverter):
    """`<int:...>` in every route: 0 to 2,147,483,647 (PostgreSQL's integer), ASCII digits."""

    def __init__(self, url_map, *args, **kwargs):  # type: ignore[no-untyped-def]
        kwargs.setdefault("max", 2**31 - 1)
        super().__init__(url_map, *args, **kwargs)


def _configure_templates(app: Flask) -> None:
    from govuk_frontend_wtf.main import WTFormsHelpers

    app.jinja_loader = ChoiceLoader(
        [
            FileSystemLoader(str(PROJECT_ROOT / "templates")),
            PrefixLoader(
                {
                    "govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja"),
                    "govuk_frontend_wtf": PackageLoader("govuk_frontend_wtf"),
                }
            ),
        ]
    )
    # govuk-frontend-jinja's template.html calls macros with missing params; ChainableUndefined
    # lets those render as empty instead of raising.
    app.jinja_env.undefined = ChainableUndefined
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    WTFormsHelpers(app)

    from involve.auth.permissions import Permission, has_permission
    from involve.navigation import service_navigation_items
    from involve.services.authority import get_settings_or_placeholder
    from involve.templating import format_datetime

    app.jinja_env.filters["datetime"] = format_datetime
    from involve.public_urls import external_url

    app.jinja_env.globals["external_url"] = external_url  # full addresses from PUBLIC_URL

    @app.context_processor
    def inject_globals() -> dict:
        return {
            "authority": get_settings_or_placeholder(),
            "service_name": app.config["SERVICE_NAME"],
            "can": lambda permission: has_permission(current_user, Permission(permission)),
            "service_navigation_items": service_navigation_items,
        }


def _init_extensions(app: Flask) -> None:
    from involve.extensions import csrf, db, limiter, login_manager, migrate

    db.init_app(app)
    from involve.database import configure_engine, render_migration_item

    migrate.init_app(
        app,
        db,
        directory=str(PROJECT_ROOT / "migrations"),
        render_as_batch=True,
        compare_type=True,
        render_item=render_migration_item,
    )
    csrf.init_app(app)
    login_manager.init_app(app)
    limiter.init_app(app)

    from involve.auth.session import configure_login_manager

    configure_login_manager(login_manager)
    with app.app_context():
        configure_engine(db.engine)


def _register_blueprints(app: Flask) -> None:
    from involve.api import api
    from involve.assets import assets
    from involve.auth.routes import auth
    from involve.officer import officer
    from involve.public.routes import public

    app.register_blueprint(assets)
    app.register_blueprint(public)
    app.register_blueprint(auth)
    app.register_blueprint(officer, url_prefix="/officer")
    app.register_blueprint(api, url_prefix="/api")
