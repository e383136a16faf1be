"""Configuration: development needs nothing; production refuses unsafe settings."""

import pytest

from involve.config import (
    Config,
    ConfigurationError,
    ProductionConfig,
    config_from_environment,
    normalise_database_url,
)

STRONG_SECRET = "s" * 40


def test_development_needs_no_settings(monkeypatch, tmp_path):
    for name in ("SECRET_KEY", "DATABASE_URL", "INVOLVE_ENV"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("INVOLVE_INSTANCE_DIR", str(tmp_path))
    config = config_from_environment()
    assert isinstance(config, Config)
    assert f"sqlite:///{tmp_path / 'involve.db'}" == config.SQLALCHEMY_DATABASE_URI
    assert len(config.SECRET_KEY) >= 32
    # The generated key is kept, so sessions survive a restart.
    assert Config().SECRET_KEY == config.SECRET_KEY
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_production_refuses_to_start_without_a_secret_key(monkeypatch):
    monkeypatch.setenv("INVOLVE_ENV", "production")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("DATABASE_URL", "postgresql://db/involve")
    with pytest.raises(ConfigurationError, match="SECRET_KEY"):
        config_from_environment()
    monkeypatch.setenv("SECRET_KEY", "too-short")
    with pytest.raises(ConfigurationError, match="SECRET_KEY"):
        config_from_environment()


@pytest.mark.parametrize("url", ["", "sqlite:///instance/involve.db", "mysql://db/involve"])
def test_production_refuses_anything_but_postgresql(monkeypatch, url):
    monkeypatch.setenv("INVOLVE_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", STRONG_SECRET)
    monkeypatch.setenv("DATABASE_URL", url)
    with pytest.raises(ConfigurationError, match="PostgreSQL"):
        config_from_environment()


def test_production_sets_secure_cookies_and_psycopg(monkeypatch):
    monkeypatch.setenv("INVOLVE_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", STRONG_SECRET)
    monkeypatch.setenv("DATABASE_URL", "postgres://user@db:5432/involve")
    monkeypatch.setenv("INVOLVE_PUBLIC_URL", "https://haveyoursay.example.gov.uk")
    monkeypatch.setenv("INVOLVE_EMAIL_FROM", "haveyoursay@example.gov.uk")
    config = config_from_environment()
    assert isinstance(config, ProductionConfig)
    assert config.SESSION_COOKIE_SECURE is True
    assert config.SESSION_COOKIE_HTTPONLY is True
    assert config.SESSION_COOKIE_SAMESITE == "Lax"
    assert config.REMEMBER_COOKIE_SECURE is True
    assert config.SQLALCHEMY_DATABASE_URI == "postgresql+psycopg://user@db:5432/involve"


def test_unknown_environment_name_is_refused(monkeypatch):
    monkeypatch.setenv("INVOLVE_ENV", "staging")
    with pytest.raises(ConfigurationError, match="INVOLVE_ENV"):
        config_from_environment()


def test_bad_number_setting_is_refused_with_its_name(monkeypatch, tmp_path):
    monkeypatch.delenv("INVOLVE_ENV", raising=False)
    monkeypatch.setenv("INVOLVE_INSTANCE_DIR", str(tmp_path))
    monkeypatch.setenv("INVOLVE_MAX_REQUEST_BYTES", "lots")
    with pytest.raises(ConfigurationError, match="INVOLVE_MAX_REQUEST_BYTES"):
        config_from_environment()


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("postgres://u@h/d", "postgresql+psycopg://u@h/d"),
        ("postgresql://u@h/d", "postgresql+psycopg://u@h/d"),
        ("postgresql+psycopg://u@h/d", "postgresql+psycopg://u@h/d"),
        ("sqlite:///x.db", "sqlite:///x.db"),
    ],
)
def test_database_urls_are_pointed_at_psycopg(given, expected):
    assert normalise_database_url(given) == expected


def test_production_trusts_one_proxy_by_default(monkeypatch):
    monkeypatch.setenv("INVOLVE_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", STRONG_SECRET)
    monkeypatch.setenv("DATABASE_URL", "postgresql://db/involve")
    monkeypatch.delenv("INVOLVE_TRUSTED_PROXIES", raising=False)
    monkeypatch.setenv("INVOLVE_PUBLIC_URL", "https://haveyoursay.example.gov.uk")
    monkeypatch.setenv("INVOLVE_EMAIL_FROM", "haveyoursay@example.gov.uk")
    assert config_from_environment().TRUSTED_PROXIES == 1
    monkeypatch.setenv("INVOLVE_ENV", "development")
    assert config_from_environment().TRUSTED_PROXIES == 0


def test_document_size_limit_comes_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv("INVOLVE_ENV", raising=False)
    monkeypatch.setenv("INVOLVE_INSTANCE_DIR", str(tmp_path))
    monkeypatch.delenv("INVOLVE_DOCUMENT_MAX_BYTES", raising=False)
    assert config_from_environment().DOCUMENT_MAX_BYTES == 10 * 1024 * 1024
    monkeypatch.setenv("INVOLVE_DOCUMENT_MAX_BYTES", "2048")
    assert config_from_environment().DOCUMENT_MAX_BYTES == 2048
