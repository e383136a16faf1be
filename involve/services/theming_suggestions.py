"""Placeholder: filled in by the theming work (issue 5)."""
