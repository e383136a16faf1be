"""The abuse limits can be turned off for a load test in development, never in production."""

from __future__ import annotations

import pytest

from involve.config import Config, ConfigurationError, config_from_environment


@pytest.fixture
def production(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    monkeypatch.setenv("INVOLVE_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "s" * 64)
    monkeypatch.setenv("DATABASE_URL", "postgresql://user@db:5432/involve")
    monkeypatch.setenv("INVOLVE_PUBLIC_URL", "https://haveyoursay.example.gov.uk")
    monkeypatch.setenv("INVOLVE_EMAIL_FROM", "haveyoursay@example.gov.uk")
    return monkeypatch


@pytest.mark.parametrize("value", ["false", "0", "no", "off"])
def test_production_refuses_to_start_with_the_abuse_limits_off(production, value):
    production.setenv("INVOLVE_RATE_LIMITS", value)
    with pytest.raises(ConfigurationError, match="INVOLVE_RATE_LIMITS"):
        config_from_environment()


def test_production_starts_with_the_abuse_limits_on(production):
    production.delenv("INVOLVE_RATE_LIMITS", raising=False)
    assert config_from_environment().RATELIMIT_ENABLED is True
    production.setenv("INVOLVE_RATE_LIMITS", "true")
    assert config_from_environment().RATELIMIT_ENABLED is True


def test_development_may_turn_them_off_for_a_load_test(monkeypatch, tmp_path):
    monkeypatch.delenv("INVOLVE_ENV", raising=False)
    monkeypatch.setenv("INVOLVE_INSTANCE_DIR", str(tmp_path))
    monkeypatch.setenv("INVOLVE_RATE_LIMITS", "false")
    assert Config().RATELIMIT_ENABLED is False
