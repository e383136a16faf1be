"""Placeholder: a consultation's privacy notice for respondents (issue 7). Being built."""
