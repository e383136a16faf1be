"""The bulk download: everything the API publishes, as JSON Lines files in one zip, with a
README stating the licence and the small-number rule.

The payloads are gathered first, in the request and from a fixed number of queries; the zip is
then compressed and sent as it is written (zipfile writes to an unseekable stream with data
descriptors), a chunk at a time, so the archive never sits whole in memory and no temporary
file is left behind if the client goes away.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any
from zipfile import ZIP_DEFLATED, ZipFile

from involve.api.activity_serialisers import activity_detail
from involve.api.results import results_for
from involve.api.serialisers import consultation_detail
from involve.models.base import utc_now
from involve.public_urls import external_url
from involve.services import open_data
from involve.services.geography import ward_names
from involve.services.lifecycle import phase_of

CHUNK_BYTES = 64 * 1024

README = """# Open data: {authority}

Made {made_at} by {service}. Licence: Open Government Licence v3.0
(https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/), for the
council's data. Quotes are residents' own words, published after moderation: reuse them
fairly and in context.

Each file has one JSON object per line (JSON Lines, UTF-8):

- consultations.jsonl: each published consultation, as GET /api/v1/consultations/{{slug}}
  (open, closed or with the outcome published; never drafts or consultations not yet open).
- questions.jsonl: each question of those consultations, with its consultation's slug.
- results.jsonl: results of each closed consultation, as GET /api/v1/consultations/{{slug}}/results.
- activities.jsonl: each published activity, as GET /api/v1/activities/{{slug}}.

Small numbers are suppressed so nobody can be singled out: a count from 1 to {below} is
published as null with "suppressed": true. Where a table's counts add up to a total that is
shown, further counts are hidden too, so the total cannot give a hidden count away (counts of
options people may choose several of, and of themes, do not add up, so only the small ones are
hidden). Totals below {threshold} (how many answered a question, attendance) are null too.
When fewer than {threshold} organisations, or councillors and co-opted members, responded, the
total number of responses is null, the responses by channel leave them out
(by_channel_leaves_out), and so do the questions' and themes' counts (answers_leave_out), as on
the council's "We asked, you said, we did" pages.
No personal data is included: no names, contact details, postcodes, reference numbers,
individual answers or free text other than moderated quotes.

The schema of every object is in the OpenAPI description: {openapi}
"""


@dataclass(frozen=True)
class BulkData:
    readme: str
    members: list[tuple[str, list[dict[str, Any]]]]


def gather_bulk_data(*, threshold: int, authority: str, service: str) -> BulkData:
    """Every payload of the download, built now (while the request's context is alive)."""
    consultations = open_data.list_all_consultations()
    activities = open_data.list_all_activities()
    codes = {code for item in [*consultations, *activities] for code in item.ward_codes or []}
    names = ward_names(sorted(codes))
    outcomes = open_data.outcomes_for(consultations)
    closed = [c for c in consultations if phase_of(c) in open_data.RESULT_PHASES]
    results = results_for(closed, threshold=threshold)
    decisions = open_data.decisions_for(activities)
    details = [
        consultation_detail(c, ward_names=names, outcome=outcomes[c.id]) for c in consultations
    ]
    readme = README.format(
        authority=authority,
        service=service,
        made_at=utc_now().isoformat(timespec="seconds"),
        below=threshold - 1,
        threshold=threshold,
        openapi=external_url("api.openapi"),
    )
    activity_rows = [
        activity_detail(
            activity, ward_names=names, decision=decisions.get(activity.id), threshold=threshold
        )
        for activity in activities
    ]
    return BulkData(
        readme=readme,
        members=[
            ("consultations.jsonl", details),
            ("questions.jsonl", [q for detail in details for q in detail["questions"]]),
            ("results.jsonl", [results[c.id] for c in closed]),
            ("activities.jsonl", activity_rows),
        ],
    )


class _Sink(io.RawIOBase):
    """Where zipfile writes: collects bytes until the generator hands them on."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self.parts.append(bytes(data))
        self.size += len(data)
        return len(data)

    def take(self) -> bytes:
        data = b"".join(self.parts)
        self.parts, self.size = [], 0
        return data


def _lines(rows: Iterable[dict[str, Any]]) -> Iterator[bytes]:
    for row in rows:
        # The standard library's json: this runs after the request, outside the app context.
        yield json.dumps(row, ensure_ascii=False).encode() + b"\n"


def zip_chunks(data: BulkData) -> Iterator[bytes]:
    """The zip, a chunk at a time as it is compressed."""
    sink = _Sink()
    with ZipFile(sink, "w", ZIP_DEFLATED) as archive:
        archive.writestr("README.md", data.readme)
        for name, rows in data.members:
            with archive.open(name, "w") as member:
                for line in _lines(rows):
                    member.write(line)
                    if sink.size >= CHUNK_BYTES:
                        yield sink.take()
    yield sink.take()
