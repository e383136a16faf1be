"""Flask extensions, created unbound here and bound to the app in create_app."""

from flask_limiter import Limiter
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect

from involve.models.base import Base

db = SQLAlchemy(model_class=Base)
migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()


def _client_key() -> str:
    """Rate limits count a short-lived hash of the client's address, never the address."""
    from flask import request

    from involve.services.abuse_keys import hashed_client_key

    return hashed_client_key(request.remote_addr)


# Limits are declared on the views that need them (see involve/abuse_limits.py); storage comes
# from RATELIMIT_STORAGE_URI (Redis in production, memory on the embedded default).
limiter = Limiter(key_func=_client_key, default_limits=[])
