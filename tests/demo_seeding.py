"""Running `flask involve seed-demo` in a test, as a council would: once, or once and again."""

from __future__ import annotations

from collections.abc import Callable

DEMO_PASSWORD = "a demo passphrase"


def seed_demo(app, monkeypatch) -> str:  # type: ignore[no-untyped-def]
    """Seed the demo; returns what the command printed."""
    monkeypatch.setenv("INVOLVE_DEMO_PASSWORD", DEMO_PASSWORD)
    result = app.test_cli_runner().invoke(args=["involve", "seed-demo"])
    assert result.exit_code == 0, result.output
    return result.output


def seed_demo_twice(app, monkeypatch, counts: Callable[[], object]) -> str:  # type: ignore[no-untyped-def]
    """Seed the demo, then again, and check the second run added nothing (what `counts` returns
    is unchanged); returns what the first run printed."""
    output = seed_demo(app, monkeypatch)
    before = counts()
    seed_demo(app, monkeypatch)
    assert counts() == before  # seeding again adds nothing
    return output
