"""E-mail settings: the outbox by default in development, SMTP by default in production (the
outbox only when asked for), and settings that could never work refused at start-up."""

from __future__ import annotations

import pytest

from involve.config import ConfigurationError, config_from_environment

EMAIL_VARIABLES = (
    "INVOLVE_EMAIL_ADAPTER",
    "INVOLVE_EMAIL_FROM",
    "INVOLVE_PUBLIC_URL",
    "INVOLVE_SMTP_HOST",
    "INVOLVE_SMTP_PORT",
    "INVOLVE_SMTP_USERNAME",
    "INVOLVE_SMTP_PASSWORD",
    "INVOLVE_SMTP_STARTTLS",
    "INVOLVE_NOTIFY_API_KEY",
    "INVOLVE_NOTIFY_TEMPLATE_ID",
)


@pytest.fixture
def development(monkeypatch, tmp_path):  # type: ignore[no-untyped-def]
    for name in EMAIL_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("INVOLVE_ENV", raising=False)
    monkeypatch.setenv("INVOLVE_INSTANCE_DIR", str(tmp_path))
    return monkeypatch


@pytest.fixture
def production(development):  # type: ignore[no-untyped-def]
    development.setenv("INVOLVE_ENV", "production")
    development.setenv("SECRET_KEY", "s" * 40)
    development.setenv("DATABASE_URL", "postgresql://db/involve")
    development.setenv("INVOLVE_PUBLIC_URL", "https://haveyoursay.example.gov.uk/")
    development.setenv("INVOLVE_EMAIL_FROM", "Have your say <haveyoursay@example.gov.uk>")
    return development


def test_development_writes_emails_to_the_outbox_folder(development, tmp_path):
    config = config_from_environment()
    assert config.EMAIL_ADAPTER == "outbox"
    assert str(tmp_path / "outbox") == config.EMAIL_OUTBOX_DIR


def test_production_sends_by_smtp_unless_told_to_use_the_outbox(production):
    config = config_from_environment()
    assert config.EMAIL_ADAPTER == "smtp"
    assert config.PUBLIC_URL == "https://haveyoursay.example.gov.uk"
    production.setenv("INVOLVE_EMAIL_ADAPTER", "outbox")
    assert config_from_environment().EMAIL_ADAPTER == "outbox"


@pytest.mark.parametrize("url", ["", "http://haveyoursay.example.gov.uk", "https://", "https:///"])
def test_production_needs_the_sites_https_address_for_links_in_emails(production, url):
    production.setenv("INVOLVE_PUBLIC_URL", url)
    with pytest.raises(ConfigurationError, match="INVOLVE_PUBLIC_URL"):
        config_from_environment()


@pytest.mark.parametrize(
    "url",
    [
        "https://",
        "http://",
        "haveyoursay.example.gov.uk",
        "ftp://haveyoursay.example.gov.uk",
        "https://:443",
        "https://haveyoursay.example.gov.uk:port",
        "https://haveyoursay.example.gov.uk/?page=1",
        "https://haveyoursay.example.gov.uk/#top",
        "https://have your say.example.gov.uk",
    ],
)
def test_a_public_url_that_is_not_a_whole_address_is_refused(development, url):
    development.setenv("INVOLVE_PUBLIC_URL", url)
    with pytest.raises(ConfigurationError, match="INVOLVE_PUBLIC_URL must be the site's whole"):
        config_from_environment()


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("http://localhost:5000/", "http://localhost:5000"),
        (
            "https://council.example.gov.uk/have-your-say/",
            "https://council.example.gov.uk/have-your-say",
        ),
    ],
)
def test_a_public_url_may_have_a_port_or_a_path(development, url, kept):
    development.setenv("INVOLVE_PUBLIC_URL", url)
    assert kept == config_from_environment().PUBLIC_URL


def test_production_smtp_needs_a_from_address(production):
    production.delenv("INVOLVE_EMAIL_FROM")
    with pytest.raises(ConfigurationError, match="INVOLVE_EMAIL_FROM must be set to send by SMTP"):
        config_from_environment()
    production.setenv("INVOLVE_EMAIL_ADAPTER", "outbox")  # no mail server: no From needed
    assert config_from_environment().EMAIL_FROM == ""


def test_smtp_in_development_needs_a_from_address_too(development):
    development.setenv("INVOLVE_EMAIL_ADAPTER", "smtp")
    with pytest.raises(ConfigurationError, match="INVOLVE_EMAIL_FROM"):
        config_from_environment()


@pytest.mark.parametrize("sender", ["haveyoursay", "Have your say", "a@b.gov.uk\nBcc: x@y.com"])
def test_a_from_address_that_is_not_an_address_is_refused(production, sender):
    production.setenv("INVOLVE_EMAIL_FROM", sender)
    with pytest.raises(ConfigurationError, match="INVOLVE_EMAIL_FROM must be an email address"):
        config_from_environment()


def test_an_unknown_adapter_is_refused(development):
    development.setenv("INVOLVE_EMAIL_ADAPTER", "carrier-pigeon")
    with pytest.raises(ConfigurationError, match="INVOLVE_EMAIL_ADAPTER"):
        config_from_environment()


def test_notify_needs_its_key_and_template(development):
    development.setenv("INVOLVE_EMAIL_ADAPTER", "notify")
    development.setenv("INVOLVE_NOTIFY_API_KEY", "key")
    with pytest.raises(ConfigurationError, match="INVOLVE_NOTIFY_TEMPLATE_ID"):
        config_from_environment()
    development.setenv("INVOLVE_NOTIFY_TEMPLATE_ID", "template")
    assert config_from_environment().EMAIL_ADAPTER == "notify"


def test_an_smtp_password_is_never_sent_unencrypted(development):
    development.setenv("INVOLVE_EMAIL_ADAPTER", "smtp")
    development.setenv("INVOLVE_EMAIL_FROM", "haveyoursay@example.gov.uk")
    development.setenv("INVOLVE_SMTP_USERNAME", "council")
    config = config_from_environment()
    assert config.SMTP_STARTTLS is True  # on by default with a sign-in
    development.setenv("INVOLVE_SMTP_STARTTLS", "false")
    with pytest.raises(ConfigurationError, match="INVOLVE_SMTP_STARTTLS"):
        config_from_environment()
    development.setenv("INVOLVE_SMTP_STARTTLS", "perhaps")
    with pytest.raises(ConfigurationError, match="true or false"):
        config_from_environment()
