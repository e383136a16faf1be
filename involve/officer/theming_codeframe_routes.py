"""Placeholder: filled in by the theming work (issue 5)."""

from involve.officer import officer  # noqa: F401
