"""Configuration from the environment: safe defaults for development, refusals for production."""

from __future__ import annotations

import os
import secrets
from email.utils import parseaddr
from pathlib import Path
from urllib.parse import urlsplit

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def instance_dir() -> Path:
    """Where the SQLite database and the development secret key live (instance/ by default)."""
    return Path(os.environ.get("INVOLVE_INSTANCE_DIR") or PROJECT_ROOT / "instance")


class ConfigurationError(RuntimeError):
    """Raised at start-up when a setting is missing or unsafe for the chosen environment."""


def normalise_database_url(url: str) -> str:
    """Point PostgreSQL URLs at psycopg 3, whatever scheme the host platform hands us."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _development_secret_key() -> str:
    """A random key kept in instance/ so sessions survive a restart without any setting."""
    folder = instance_dir()
    folder.mkdir(parents=True, exist_ok=True)
    key_file = folder / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_hex(32))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def _int_env(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError as error:
        raise ConfigurationError(f"{name} must be a whole number, not {raw!r}") from error


EMAIL_ADAPTERS = ("outbox", "smtp", "notify")


def _bool_env(name: str, default: bool) -> bool:
    raw = (os.environ.get(name) or "").strip().lower()
    if raw == "":
        return default
    if raw in ("1", "true", "yes", "on"):
        return True
    if raw in ("0", "false", "no", "off"):
        return False
    raise ConfigurationError(f"{name} must be true or false, not {raw!r}")


def _public_url(raw: str) -> str:
    """INVOLVE_PUBLIC_URL without its trailing slash, refused unless it is a whole address
    (scheme and host): every link in every e-mail starts with it."""
    url = raw.strip().rstrip("/")
    if not url:
        return ""
    try:
        parts = urlsplit(url)
        is_whole = (
            parts.scheme in ("http", "https")
            and bool(parts.hostname)
            and (parts.port is None or parts.port > 0)
            and not (parts.query or parts.fragment)
        )
    except ValueError:  # a port that is not a number, an unclosed [
        is_whole = False
    if not is_whole or any(character.isspace() for character in url):
        raise ConfigurationError(
            "INVOLVE_PUBLIC_URL must be the site's whole address, such as "
            f"https://haveyoursay.example.gov.uk, not {raw!r}"
        )
    return url


def _email_from(raw: str, adapter: str) -> str:
    """INVOLVE_EMAIL_FROM, such as "Have your say <haveyoursay@stroud.gov.uk>": required to
    send by SMTP (a mail server refuses mail from no one)."""
    sender = raw.strip()
    if "\r" in sender or "\n" in sender or (sender and "@" not in parseaddr(sender)[1]):
        raise ConfigurationError(
            "INVOLVE_EMAIL_FROM must be an email address, such as "
            f"Have your say <haveyoursay@example.gov.uk>, not {raw!r}"
        )
    if adapter == "smtp" and not sender:
        raise ConfigurationError(
            "INVOLVE_EMAIL_FROM must be set to send by SMTP, such as "
            "Have your say <haveyoursay@example.gov.uk>"
        )
    return sender


def _email_settings(default_adapter: str) -> dict[str, object]:
    """E-mail (issue 8): which adapter sends (see involve.services.email_adapters) and its
    settings. Refuses a setting that could never work, rather than failing at the first send."""
    adapter = (os.environ.get("INVOLVE_EMAIL_ADAPTER") or default_adapter).strip().lower()
    if adapter not in EMAIL_ADAPTERS:
        raise ConfigurationError(
            f"INVOLVE_EMAIL_ADAPTER must be one of {', '.join(EMAIL_ADAPTERS)}, not {adapter!r}"
        )
    username = os.environ.get("INVOLVE_SMTP_USERNAME", "")
    settings: dict[str, object] = {
        "EMAIL_ADAPTER": adapter,
        "EMAIL_FROM": _email_from(os.environ.get("INVOLVE_EMAIL_FROM", ""), adapter),
        # Links in e-mails start with this, never with the Host header of whoever asked.
        "PUBLIC_URL": _public_url(os.environ.get("INVOLVE_PUBLIC_URL", "")),
        "EMAIL_OUTBOX_DIR": os.environ.get("INVOLVE_OUTBOX_DIR") or str(instance_dir() / "outbox"),
        "EMAIL_RETRY_SECONDS": _int_env("INVOLVE_EMAIL_RETRY_SECONDS", 10),
        "SMTP_HOST": os.environ.get("INVOLVE_SMTP_HOST", "localhost"),
        "SMTP_PORT": _int_env("INVOLVE_SMTP_PORT", 25),
        "SMTP_USERNAME": username,
        "SMTP_PASSWORD": os.environ.get("INVOLVE_SMTP_PASSWORD", ""),
        "SMTP_STARTTLS": _bool_env("INVOLVE_SMTP_STARTTLS", bool(username)),
        "NOTIFY_API_KEY": os.environ.get("INVOLVE_NOTIFY_API_KEY", ""),
        "NOTIFY_TEMPLATE_ID": os.environ.get("INVOLVE_NOTIFY_TEMPLATE_ID", ""),
    }
    if adapter == "smtp" and username and not settings["SMTP_STARTTLS"]:
        raise ConfigurationError(
            "INVOLVE_SMTP_STARTTLS must be on when INVOLVE_SMTP_USERNAME is set, "
            "so the password is never sent unencrypted"
        )
    if adapter == "notify" and not (settings["NOTIFY_API_KEY"] and settings["NOTIFY_TEMPLATE_ID"]):
        raise ConfigurationError(
            "INVOLVE_NOTIFY_API_KEY and INVOLVE_NOTIFY_TEMPLATE_ID must be set to send with Notify"
        )
    return settings


class Config:
    """Development defaults: SQLite under instance/, no settings needed."""

    ENV_NAME = "development"
    SQLALCHEMY_ENGINE_OPTIONS: dict = {}
    WTF_CSRF_TIME_LIMIT = None  # the token lives as long as the session; expiry loses typed answers
    SESSION_COOKIE_HTTPONLY = True
    # Lax, not Strict: a resident or officer arriving from a link in an e-mail must arrive with
    # their session (Strict would send none on that first request).
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    HSTS_SECONDS = 0  # Strict-Transport-Security is sent in production only (security_headers.py)
    # Argon2id cost: OWASP's second recommended profile (19 MiB, 2 passes) is cheap enough for a
    # 2-core server yet memory-hard; tests lower it so the suite stays fast.
    ARGON2_TIME_COST = 2
    ARGON2_MEMORY_COST_KIB = 19_456
    ARGON2_PARALLELISM = 1
    SIGN_IN_MAX_FAILURES = 10
    SIGN_IN_LOCK_MINUTES = 15
    # Sensitive officer actions ask for the password (and code) again after this long.
    REAUTHENTICATE_MINUTES = 15
    DEFAULT_TRUSTED_PROXIES = 0
    DEFAULT_EMAIL_ADAPTER = "outbox"  # e-mails are files in instance/outbox/, never sent

    def _secret_key(self) -> str:
        return os.environ.get("SECRET_KEY") or _development_secret_key()

    def __init__(self) -> None:
        self.SECRET_KEY = self._secret_key()
        default_db = f"sqlite:///{instance_dir() / 'involve.db'}"
        self.SQLALCHEMY_DATABASE_URI = normalise_database_url(
            os.environ.get("DATABASE_URL") or default_db
        )
        if self.SQLALCHEMY_DATABASE_URI.startswith("postgresql"):
            # A connection the server dropped (a restart) is replaced before a request uses it.
            self.SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
        self.REDIS_URL = os.environ.get("REDIS_URL", "")
        # Background jobs: on RQ workers when Redis is configured, otherwise on a thread in the
        # web process (the embedded default); INVOLVE_JOBS=thread|rq|eager overrides.
        self.JOBS_MODE = os.environ.get("INVOLVE_JOBS") or ("rq" if self.REDIS_URL else "thread")
        # A running job that has not reported progress for this long was lost with its worker.
        self.JOB_STALE_AFTER_SECONDS = _int_env("INVOLVE_JOB_STALE_AFTER_SECONDS", 600)
        # Whole-request cap; uploads of documents (a later issue) stay under it.
        self.MAX_CONTENT_LENGTH = _int_env("INVOLVE_MAX_REQUEST_BYTES", 25 * 1024 * 1024)
        self.MAX_FORM_MEMORY_SIZE = _int_env("INVOLVE_MAX_FORM_BYTES", 1024 * 1024)
        self.SERVICE_NAME = os.environ.get("INVOLVE_SERVICE_NAME", "Have your say")
        self.DOCUMENT_MAX_BYTES = _int_env("INVOLVE_DOCUMENT_MAX_BYTES", 10 * 1024 * 1024)
        self.TRUSTED_PROXIES = _int_env("INVOLVE_TRUSTED_PROXIES", self.DEFAULT_TRUSTED_PROXIES)
        # Longest answer to a long-text question, in characters (a question may set a lower one).
        self.LONG_TEXT_MAX = _int_env("INVOLVE_LONG_TEXT_MAX", 10_000)
        # Officers are signed out after this long without a request, and this long after signing
        # in whatever they do (involve/auth/session_lifetime.py). SESSION_WARNING_MINUTES is for
        # a warning before the idle time-out (not shown yet).
        self.SESSION_IDLE_MINUTES = _int_env("INVOLVE_SESSION_IDLE_MINUTES", 30)
        self.SESSION_MAX_HOURS = _int_env("INVOLVE_SESSION_MAX_HOURS", 12)
        self.SESSION_WARNING_MINUTES = _int_env("INVOLVE_SESSION_WARNING_MINUTES", 5)
        # Abuse limits (Flask-Limiter, see involve/abuse_limits.py): counted in Redis when there
        # is one, so every app instance shares the count, in memory otherwise. If Redis fails,
        # counting falls back to memory rather than refusing residents' forms.
        self.RATELIMIT_STORAGE_URI = self.REDIS_URL or "memory://"
        self.RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True
        self.RATELIMIT_SWALLOW_ERRORS = True
        self.RATELIMIT_HEADERS_ENABLED = True
        # Off only for a load test that sends thousands of responses from one address.
        self.RATELIMIT_ENABLED = _bool_env("INVOLVE_RATE_LIMITS", True)
        # Spam check: a whole response submitted sooner than this after its first page was saved
        # is asked to check and submit again (involve/public/spam.py); 0 turns the check off.
        self.RESPONSE_MIN_SECONDS = _int_env("INVOLVE_RESPONSE_MIN_SECONDS", 5)
        vars(self).update(_email_settings(self.DEFAULT_EMAIL_ADAPTER))


class TestConfig(Config):
    """Used by the test suite: a database it names and fast hashing; CSRF stays on."""

    __test__ = False  # not a pytest test class, despite its name
    ENV_NAME = "test"
    TESTING = True
    ARGON2_TIME_COST = 1
    ARGON2_MEMORY_COST_KIB = 1024

    def _secret_key(self) -> str:
        return "test-secret-key-not-for-production"

    def __init__(self, database_url: str | None = None) -> None:
        super().__init__()
        self.SQLALCHEMY_DATABASE_URI = normalise_database_url(
            database_url or os.environ.get("TEST_DATABASE_URL") or "sqlite://"
        )
        # Jobs run inline, inside the test's transaction, so tests see their results at once.
        self.JOBS_MODE = "eager"
        # Tests never send real e-mail, whatever the environment says, and retry at once.
        self.EMAIL_ADAPTER = "outbox"
        self.EMAIL_RETRY_SECONDS = 0
        # Counted in memory and reset before each test (tests/conftest.py), so one test's
        # sign-ins never count against the next.
        self.RATELIMIT_STORAGE_URI = "memory://"
        self.RATELIMIT_ENABLED = True
        # Tests post whole responses at once; the spam-check tests turn this on themselves.
        self.RESPONSE_MIN_SECONDS = 0


class ProductionConfig(Config):
    """Refuses to start without a real secret and PostgreSQL; cookies only over HTTPS."""

    ENV_NAME = "production"
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True
    PREFERRED_URL_SCHEME = "https"
    # __Host- cookies are only accepted over HTTPS, for this host, for the whole site.
    SESSION_COOKIE_NAME = "__Host-session"
    REMEMBER_COOKIE_NAME = "__Host-remember_token"
    HSTS_SECONDS = 365 * 24 * 60 * 60  # browsers then refuse http:// for this host for a year
    DEFAULT_TRUSTED_PROXIES = 1  # gunicorn behind one reverse proxy that terminates HTTPS
    # Real e-mail by default; the outbox only when INVOLVE_EMAIL_ADAPTER=outbox says so.
    DEFAULT_EMAIL_ADAPTER = "smtp"

    def __init__(self) -> None:
        secret = os.environ.get("SECRET_KEY", "")
        if len(secret) < 32:
            raise ConfigurationError(
                "SECRET_KEY must be set to at least 32 random characters in production"
            )
        database_url = os.environ.get("DATABASE_URL", "")
        if not database_url.startswith(("postgres://", "postgresql://", "postgresql+psycopg://")):
            raise ConfigurationError("DATABASE_URL must name a PostgreSQL database in production")
        super().__init__()
        self.SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
        if not self.RATELIMIT_ENABLED:
            raise ConfigurationError(
                "INVOLVE_RATE_LIMITS=false is for a load test in development only: in production "
                "the abuse limits guard sign-in and residents' forms, so they cannot be turned off"
            )
        if not self.PUBLIC_URL.startswith("https://"):
            # Otherwise links in e-mails would be built from the request's Host header, which
            # anyone can set: a confirmation e-mail could send a resident to another site.
            raise ConfigurationError(
                "INVOLVE_PUBLIC_URL must be the site's https:// address in production"
            )


def config_from_environment() -> Config:
    """Pick the configuration named by INVOLVE_ENV (development when unset)."""
    name = os.environ.get("INVOLVE_ENV", "development").strip().lower()
    if name == "production":
        return ProductionConfig()
    if name in ("development", ""):
        return Config()
    raise ConfigurationError(f"INVOLVE_ENV must be 'development' or 'production', not {name!r}")
