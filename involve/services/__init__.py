"""Use cases as typed functions: they flush, never commit, never touch the request or session."""
