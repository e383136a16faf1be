"""Officer sign-in, sign-out, password changes and permission checks."""
