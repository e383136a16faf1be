"""What retention did, or would do, to one consultation: counts by kind of personal data,
never the data itself, so a report can go in the audit log and a background job's result."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

NAME, EMAIL, POSTCODE, OTHER_CONNECTION = "name", "email address", "postcode", "other connection"
RESUME_CODE, ANSWERS_REDACTED = "resume code", "personal data in answers"
ANSWERS_TO_CHECK = "free-text answers to check"  # a dry run cannot know what redaction finds

# How each kind reads in a sentence, for the command line, the screens and the audit log.
KIND_PHRASES = {
    NAME: ("name", "names"),
    EMAIL: ("e-mail address", "e-mail addresses"),
    POSTCODE: ("full postcode", "full postcodes"),
    OTHER_CONNECTION: ("connection in their own words", "connections in their own words"),
    RESUME_CODE: ("resume or submission code", "resume or submission codes"),
    ANSWERS_REDACTED: ("answer", "answers"),
    ANSWERS_TO_CHECK: ("free-text answer", "free-text answers"),
}


def plural(count: int, kind: str) -> str:
    one, many = KIND_PHRASES.get(kind, (kind, kind + "s"))
    return f"{count:,} {one if count == 1 else many}"


@dataclass
class RetentionReport:
    """What retention did (or, in a dry run, would do) to one consultation. Counts only: no
    personal data, so it can go in the audit log and a job's result."""

    consultation_id: int
    title: str
    closed_at: datetime
    due_at: datetime
    dry_run: bool = False
    responses_anonymised: int = 0
    unfinished_deleted: int = 0
    removed: Counter[str] = field(default_factory=Counter)
    published_redacted: int = 0

    def counts(self) -> dict[str, Any]:
        return {
            "responses_anonymised": self.responses_anonymised,
            "unfinished_deleted": self.unfinished_deleted,
            "removed": dict(sorted(self.removed.items())),
            "published_redacted": self.published_redacted,
        }

    def as_dict(self) -> dict[str, Any]:
        """For a job's result (JSON); read back with from_dict."""
        return {
            "consultation_id": self.consultation_id,
            "title": self.title,
            "closed_at": self.closed_at.isoformat(),
            "due_at": self.due_at.isoformat(),
            "dry_run": self.dry_run,
            **self.counts(),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RetentionReport:
        return cls(
            consultation_id=data["consultation_id"],
            title=data["title"],
            closed_at=datetime.fromisoformat(data["closed_at"]),
            due_at=datetime.fromisoformat(data["due_at"]),
            dry_run=data.get("dry_run", False),
            responses_anonymised=data.get("responses_anonymised", 0),
            unfinished_deleted=data.get("unfinished_deleted", 0),
            removed=Counter(data.get("removed", {})),
            published_redacted=data.get("published_redacted", 0),
        )

    def lines(self) -> list[str]:
        """What was (or would be) done, one plain sentence each."""
        if not (self.responses_anonymised or self.unfinished_deleted or self.removed):
            return ["No response holds personal data" if self.dry_run else "Nothing was held"]

        def were(count: int) -> str:
            return "would be" if self.dry_run else "was" if count == 1 else "were"

        anonymised, unfinished = self.responses_anonymised, self.unfinished_deleted
        lines = [f"{plural(anonymised, 'response')} {were(anonymised)} anonymised"]
        if unfinished:
            lines.append(f"{plural(unfinished, 'unfinished response')} {were(unfinished)} deleted")
        for kind in KIND_PHRASES:
            count = self.removed.get(kind, 0)
            if not count:
                continue
            if kind == ANSWERS_REDACTED:
                lines.append(f"{plural(count, kind)} had personal data redacted")
            elif kind == ANSWERS_TO_CHECK:
                lines.append(f"{plural(count, kind)} would be checked for personal data")
            else:
                lines.append(f"{plural(count, kind)} {were(count)} removed")
        if self.published_redacted:
            changed = self.published_redacted
            lines.append(
                f"{plural(changed, 'published quote')} had the respondent's own details "
                "removed (published quotes stay published)"
            )
        return lines

    def summary(self) -> str:
        return "; ".join(self.lines())
