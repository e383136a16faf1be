"""Placeholder: running retention from the officer screens (issue 7). Being built."""
