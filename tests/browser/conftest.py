"""A real server process (`flask run` on a fresh SQLite database, migrated and seeded as
`make run` does) and Debian's Chromium driven by Playwright. No browser is ever downloaded."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[2]
RESULTS = PROJECT_ROOT / "test-results"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DEMO_PASSWORD = "browser test passphrase"
# An error page's title; tests wait for it with expect(page).to_have_title(ERROR_TITLE), since a
# form posted back to its own address gives no new URL to wait for.
ERROR_TITLE = re.compile(r"^Error: ")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
# Content-Security-Policy violations reported by any tab of the current test (Chromium's console
# and the page's securitypolicyviolation events); no_csp_violations fails the test on any.
CSP_VIOLATIONS: list[str] = []
_REPORT_CSP_VIOLATIONS = """document.addEventListener("securitypolicyviolation", (event) =>
  window.__reportCspViolation(`${event.effectiveDirective} refused ${event.blockedURI || "inline"}`
    + ` at ${event.sourceFile || document.location.pathname}:${event.lineNumber}`));"""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def demo_server(
    prefix: str, *, env: dict[str, str] | None = None, prepare: Sequence[str] = ()
) -> Iterator[tuple[str, str]]:
    """A migrated, seeded server on a fresh SQLite database, as `make run` makes one.
    `prepare`: Python snippets run in the server's environment before it starts (to set up
    data a test needs); yields the base URL and what the last snippet printed."""
    instance = Path(tempfile.mkdtemp(prefix=prefix))
    server_env = {
        **os.environ,
        "INVOLVE_INSTANCE_DIR": str(instance),
        "INVOLVE_DEMO_PASSWORD": DEMO_PASSWORD,
        "INVOLVE_ENV": "development",
        # Journeys here answer faster than a person: no "check and submit again" (spam check).
        "INVOLVE_RESPONSE_MIN_SECONDS": "0",
        **(env or {}),
    }
    server_env.pop("DATABASE_URL", None)
    flask = [sys.executable, "-m", "flask", "--app", "wsgi"]
    for command in (["db", "upgrade"], ["involve", "seed-demo"]):
        subprocess.run(
            flask + command, cwd=PROJECT_ROOT, env=server_env, check=True, capture_output=True
        )
    printed = ""
    for snippet in prepare:
        printed = subprocess.run(
            [sys.executable, "-c", snippet],
            cwd=PROJECT_ROOT,
            env=server_env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    port = _free_port()
    with open(instance / "server.log", "w") as log:
        server = subprocess.Popen(
            [*flask, "run", "--host", "127.0.0.1", "--port", str(port)],
            cwd=PROJECT_ROOT,
            env=server_env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            _wait_for_port(port, server, instance)
            yield f"http://127.0.0.1:{port}", printed
        finally:
            server.terminate()
            server.wait(timeout=10)


def _wait_for_port(port: int, server: subprocess.Popen, instance: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError(f"server did not start: {(instance / 'server.log').read_text()}")


@pytest.fixture(scope="session")
def live_server() -> Iterator[str]:
    with demo_server("involve-browser-") as (base_url, _):
        yield base_url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.fail(
            "Debian's chromium is missing: `make test` installs it (apt-get install chromium)"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        new_context = launched.new_context

        def watched_context(**options):  # type: ignore[no-untyped-def]
            context = new_context(**options)
            _watch_for_csp_violations(context)
            return context

        launched.new_context = watched_context  # every tab of every test, however it is made
        yield launched
        launched.close()


def _record_csp_violation(text: str) -> None:
    CSP_VIOLATIONS.append(text)


def _watch_for_csp_violations(context) -> None:  # type: ignore[no-untyped-def]
    context.on(
        "console",
        lambda message: (
            CSP_VIOLATIONS.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    context.expose_function("__reportCspViolation", _record_csp_violation)
    context.add_init_script(_REPORT_CSP_VIOLATIONS)


@pytest.fixture(autouse=True)
def no_csp_violations() -> Iterator[None]:
    """Every browser test fails if a page broke the Content-Security-Policy (an inline style or
    script, a resource from elsewhere): the pages must work under the real policy."""
    CSP_VIOLATIONS.clear()
    yield
    violations, CSP_VIOLATIONS[:] = list(CSP_VIOLATIONS), []
    assert not violations, "Content-Security-Policy violations:\n" + "\n".join(violations)


@pytest.fixture
def page(browser) -> Iterator[object]:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1024, "height": 800})
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def page_without_javascript(browser) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """A tab with JavaScript off. Never call page.evaluate on it: with no JS it waits forever."""
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    yield tab
    context.close()


def assert_accessible(page, label: str) -> None:  # type: ignore[no-untyped-def]
    """Run axe with the WCAG 2.0/2.1/2.2 A and AA rules; fail with each violation spelled out."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    violations = results.response["violations"]
    details = [
        f"{violation['id']}: {violation['help']} at {[node['target'] for node in violation['nodes']]}"
        for violation in violations
    ]
    assert not violations, f"axe found violations on {label}:\n" + "\n".join(details)


def screenshot(page, name: str) -> Path:  # type: ignore[no-untyped-def]
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
