"""Discover themes: a background job groups a codeframe's texts into proposed themes (top terms,
size, example quotes), which the officer renames, keeps or drops before any become themes.
Membership of a proposed theme is the machine's guess, so it never becomes a code."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from flask import url_for

from involve.auth.permissions import Permission
from involve.extensions import db
from involve.jobs import JobContext, JobFailed, enqueue, job_kind
from involve.models import BackgroundJob, Codeframe, JobStatus, Officer, Theme
from involve.services.audit import record_event
from involve.services.errors import DomainError, NotFound
from involve.services.theming_codeframe import add_themes
from involve.services.theming_items import (
    codeframe_title,
    get_codeframe,
    item_count,
    item_texts,
    sync_items,
)

KIND = "discover_themes"
MIN_TEXTS = 20
K_RANGE = (2, 30)
QUOTES = 3
QUOTE_MAX_CHARS = 1_000  # a quote is an example, not the whole of a long letter


class TooFewTexts(DomainError):
    pass


def too_few_texts_message(count: int) -> str:
    have = "no texts" if count == 0 else f"only {count} text{'s' if count != 1 else ''}"
    return (
        f"There are {have} to theme. Discover themes needs at least {MIN_TEXTS} to find "
        "patterns that hold. Add themes yourself instead, or wait for more responses"
    )


def start_discovery(
    *, actor: Officer | None, codeframe: Codeframe, k: int | None = None
) -> BackgroundJob:
    """Queue the discovery job; refuses (TooFewTexts) when there is too little to group."""
    sync_items(codeframe)
    count = item_count(codeframe)
    if count < MIN_TEXTS:
        raise TooFewTexts(too_few_texts_message(count))
    job = enqueue(KIND, subject_id=codeframe.id, requested_by=actor, params={"k": k})
    record_event(
        actor=actor,
        action="theming.discovery_started",
        object_type="codeframe",
        object_id=codeframe.id,
        summary=f"Started discovering themes in {codeframe_title(codeframe)} (job {job.id})",
        detail={"job_id": job.id, "k": k, "texts": count},
    )
    return job


@job_kind(
    KIND,
    title="Discovering themes",
    permission=Permission.CODE_RESPONSES,
    next_url=lambda job: url_for(
        "officer.discovered_themes", codeframe_id=job.subject_id, job_id=job.id
    ),
    back_url=lambda job: url_for("officer.theming_hub", codeframe_id=job.subject_id),
)
def run_discovery(context: JobContext) -> dict[str, Any]:
    # Imported here so web processes load scikit-learn only when a job runs.
    from analysis.themes import discover_themes

    codeframe = get_codeframe(context.subject_id)
    context.progress(5, "Collecting the texts")
    sync_items(codeframe)
    context.checkpoint()
    texts = item_texts(codeframe)
    if len(texts) < MIN_TEXTS:
        raise JobFailed(too_few_texts_message(len(texts)))
    context.progress(15, f"Looking for themes in {len(texts):,} texts")
    found = discover_themes([text.text for text in texts], k=context.params.get("k"))
    if not found:
        raise JobFailed(
            "No themes could be found: the texts have too few words in common. "
            "Add themes yourself instead"
        )
    context.progress(95, "Choosing example quotes")
    themes = [
        {
            "label": theme.label,
            "terms": list(theme.top_terms),
            "size": len(theme.member_indices),
            "item_ids": [texts[index].item_id for index in theme.member_indices],
            "quotes": [quote[:QUOTE_MAX_CHARS] for quote in theme.representative_quotes[:QUOTES]],
        }
        for theme in found
    ]
    grouped = sum(theme["size"] for theme in themes)
    return {"texts": len(texts), "left_out": len(texts) - grouped, "themes": themes}


# -- reading and accepting the proposal ------------------------------------------------------------
@dataclass(frozen=True)
class ProposedTheme:
    index: int
    label: str
    terms: list[str]
    size: int
    quotes: list[str]
    name_in_use: bool  # a theme of this name is already in the codeframe


@dataclass(frozen=True)
class Proposal:
    texts: int
    left_out: int
    themes: list[ProposedTheme]


def get_discovery_job(codeframe: Codeframe, job_id: int) -> BackgroundJob:
    job = db.session.get(BackgroundJob, job_id)
    if job is None or job.kind != KIND or job.subject_id != codeframe.id:
        raise NotFound("discovery job")
    return job


def is_finished(job: BackgroundJob) -> bool:
    return job.status == JobStatus.SUCCEEDED


def read_proposal(codeframe: Codeframe, job: BackgroundJob) -> Proposal:
    result = job.result or {}
    names = {theme.name.casefold() for theme in codeframe.themes}
    themes = [
        ProposedTheme(
            index=index,
            label=str(theme.get("label", "")),
            terms=[str(term) for term in theme.get("terms", [])],
            size=int(theme.get("size", 0)),
            quotes=[str(quote) for quote in theme.get("quotes", [])],
            name_in_use=str(theme.get("label", "")).casefold() in names,
        )
        for index, theme in enumerate(result.get("themes", []))
    ]
    return Proposal(int(result.get("texts", 0)), int(result.get("left_out", 0)), themes)


def accept_discovered(
    *,
    actor: Officer | None,
    codeframe: Codeframe,
    job: BackgroundJob,
    kept: Sequence[tuple[int, str]],
) -> list[Theme]:
    """Add the kept proposed themes, (index, name) each, as themes of origin "discovered"."""
    proposal = read_proposal(codeframe, job)
    by_index = {theme.index: theme for theme in proposal.themes}
    if not kept or any(index not in by_index for index, _ in kept):
        raise ValueError("keep one or more of the proposed themes")
    added = add_themes(
        actor=actor,
        codeframe=codeframe,
        names=[name for _, name in kept],
        descriptions=[f"Common words: {', '.join(by_index[i].terms[:5])}" for i, _ in kept],
        origin="discovered",
    )
    renamed = {
        by_index[index].label: theme.name
        for (index, _), theme in zip(kept, added, strict=True)
        if by_index[index].label != theme.name
    }
    record_event(
        actor=actor,
        action="theming.discovered_accepted",
        object_type="codeframe",
        object_id=codeframe.id,
        summary=f"Added {len(added)} discovered theme{'s' if len(added) != 1 else ''} to "
        f"{codeframe_title(codeframe)} (job {job.id})",
        detail={
            "job_id": job.id,
            "after": [theme.name for theme in added],
            "renamed": renamed,
            "dropped": [t.label for t in proposal.themes if t.index not in dict(kept)],
        },
    )
    return added
