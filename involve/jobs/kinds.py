"""Imports every module that defines a job kind, so web processes and RQ workers alike know
them all by name before a job arrives."""

from involve.services import (  # noqa: F401
    compliance_checks,
    email_sending,
    retention_job,
    theming_discovery,
    theming_suggestions,
)
