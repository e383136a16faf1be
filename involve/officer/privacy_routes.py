"""Placeholder: a consultation's privacy notice and retention settings (issue 7). Being built."""
