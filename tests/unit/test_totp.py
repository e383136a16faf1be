"""RFC 6238 codes: the RFC's own test vector, one step of drift either way, each step once."""

from __future__ import annotations

import pyotp
import pytest

from involve.services.totp import WrongCode, clean_code, grouped, is_code_shaped, matching_step

# RFC 6238 appendix B: the ASCII secret "12345678901234567890", SHA-1, at T = 59 seconds the
# 8-digit code is 94287082, so the 6-digit code is its last six digits.
RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"


def test_the_rfc_6238_test_vector():
    assert matching_step(RFC_SECRET, "287082", after=None, now=59) == 1


def test_one_step_of_drift_either_way_and_no_more():
    now = 1_800_000_000.0
    step = int(now // 30)
    totp = pyotp.TOTP(RFC_SECRET)
    for drift in (-1, 0, 1):
        assert matching_step(RFC_SECRET, totp.generate_otp(step + drift), after=None, now=now) == (
            step + drift
        )
    for drift in (-2, 2):
        with pytest.raises(WrongCode):
            matching_step(RFC_SECRET, totp.generate_otp(step + drift), after=None, now=now)


def test_a_step_already_used_or_an_earlier_one_is_refused():
    now = 1_800_000_000.0
    step = int(now // 30)
    code = pyotp.TOTP(RFC_SECRET).generate_otp(step)
    with pytest.raises(WrongCode):
        matching_step(RFC_SECRET, code, after=step, now=now)
    assert matching_step(RFC_SECRET, code, after=step - 1, now=now) == step


def test_typed_codes_are_cleaned_and_checked_for_shape():
    assert clean_code(" 123 456 ") == "123456" and clean_code("123-456") == "123456"
    assert is_code_shaped("123 456")
    assert not any(is_code_shaped(code) for code in ("12345", "1234567", "12a456", "١٢٣٤٥٦"))


def test_keys_are_shown_in_groups_of_four():
    assert grouped("ABCDEFGHIJ") == "ABCD EFGH IJ"
