"""Placeholder (issue 8): being built."""
