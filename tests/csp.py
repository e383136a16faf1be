"""Checks that a page can work under the Content-Security-Policy (involve/security_headers.py):
no inline style, no inline event handler, no javascript: link, and no inline script except the
ones whose hash the policy allows. PageClient runs it on every HTML page a test reads."""

from __future__ import annotations

import base64
import hashlib
import re

from bs4 import BeautifulSoup

from involve.security_headers import CONTENT_SECURITY_POLICY

_URL_ATTRIBUTES = ("href", "src", "action", "formaction")


def script_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode()).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def allowed_script_hashes(policy: str = CONTENT_SECURITY_POLICY) -> set[str]:
    for directive in policy.split(";"):
        name, *sources = directive.split()
        if name == "script-src":
            return {source for source in sources if source.startswith("'sha256-")}
    return set()


def csp_problems(page: BeautifulSoup) -> list[str]:
    """What in the page the policy would block (an empty list when nothing)."""
    problems = [f"<style> element: {str(tag)[:80]}" for tag in page.find_all("style")]
    allowed = allowed_script_hashes()
    for script in page.find_all("script"):
        if not script.get("src") and script_hash(script.string or "") not in allowed:
            problems.append(f"inline script: {str(script)[:80]}")
    for tag in page.find_all(True):
        if tag.has_attr("style"):
            problems.append(f"style attribute: {str(tag)[:80]}")
        handlers = [name for name in tag.attrs if re.fullmatch(r"on[a-z]+", name.lower())]
        if handlers:
            problems.append(f"event handler {handlers}: {str(tag)[:80]}")
        for name in _URL_ATTRIBUTES:
            value = "".join(str(tag.get(name) or "").split()).lower()
            if value.startswith("javascript:"):
                problems.append(f"javascript: URL: {str(tag)[:80]}")
    return problems
