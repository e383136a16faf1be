"""Hashed client keys for abuse limits: stable within the hour, different the next, and never the
address itself."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

from involve.services.abuse_keys import KEY_LENGTH, hashed_client_key
from involve.templating import UK

SECRET = "a test secret key that is long enough"
ADDRESS = "203.0.113.77"
NOON = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)


def test_the_key_is_stable_within_the_hour():
    first = hashed_client_key(ADDRESS, NOON, secret=SECRET)
    assert hashed_client_key(ADDRESS, NOON + timedelta(minutes=59, seconds=59), secret=SECRET) == (
        first
    )


def test_a_new_hour_gives_an_unrelated_key():
    keys = {
        hashed_client_key(ADDRESS, NOON + timedelta(hours=hours), secret=SECRET)
        for hours in range(48)
    }
    assert len(keys) == 48


def test_the_address_cannot_be_read_from_the_key_or_found_without_the_secret():
    key = hashed_client_key(ADDRESS, NOON, secret=SECRET)
    assert len(key) == KEY_LENGTH and set(key) <= set("0123456789abcdef")
    assert ADDRESS not in key and ADDRESS.replace(".", "") not in key
    # Hashing every candidate address without the secret key never reproduces it.
    for candidate in (f"203.0.113.{n}" for n in range(256)):
        for message in (candidate, f"2026-05-01T12|{candidate}"):
            assert hashlib.sha256(message.encode()).hexdigest()[:KEY_LENGTH] != key
        assert hashed_client_key(candidate, NOON, secret="") != key


def test_addresses_secrets_and_time_zones():
    key = hashed_client_key(ADDRESS, NOON, secret=SECRET)
    assert hashed_client_key("203.0.113.78", NOON, secret=SECRET) != key
    assert hashed_client_key("2001:db8::1", NOON, secret=SECRET) != key
    assert hashed_client_key(ADDRESS, NOON, secret="another secret key, another council") != key
    # The same instant written in UK summer time is the same hour.
    assert hashed_client_key(ADDRESS, NOON.astimezone(UK), secret=SECRET) == key
    assert hashed_client_key(None, NOON, secret=SECRET) != key  # no address: one shared key


def test_the_apps_secret_key_is_used_by_default(app):
    with app.app_context():
        assert hashed_client_key(ADDRESS, NOON) == hashed_client_key(
            ADDRESS, NOON, secret=app.config["SECRET_KEY"]
        )
        assert hashed_client_key(ADDRESS, NOON) != hashed_client_key(ADDRESS, NOON, secret=SECRET)
