"""Imports every module that defines a job kind, so web processes and RQ workers alike know
them all by name before a job arrives."""

from involve.services import theming_discovery, theming_suggestions  # noqa: F401
