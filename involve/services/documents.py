"""Supporting documents and links: uploads checked by content, stored outside the web root
under random names, and served back only as downloads."""

from __future__ import annotations

import io
import re
import secrets
import shutil
import zipfile
from pathlib import Path
from typing import BinaryIO

from flask import current_app
from sqlalchemy import event

from involve.extensions import db
from involve.forms import remove_unprintable
from involve.models import Consultation, ConsultationDocument, ConsultationLink, Officer
from involve.models.base import utc_now
from involve.services.audit import record_event
from involve.services.errors import DomainError, NotFound

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"
EXTENSIONS = {PDF: ".pdf", DOCX: ".docx", ODT: ".odt"}
WRONG_TYPE = "The selected file must be a PDF, DOCX or ODT"


class DocumentRejected(DomainError):
    pass


def max_bytes() -> int:
    return int(current_app.config.get("DOCUMENT_MAX_BYTES", DEFAULT_MAX_BYTES))


def size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.0f}MB"
    if size >= 1024:
        return f"{size / 1024:.0f}KB"
    return f"{size} bytes"


def upload_folder() -> Path:
    folder = Path(current_app.instance_path) / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


# What a browser sniffing a file would take for a web page. None of them belongs near the start
# of a real document; a file carrying one is a polyglot, built to be read as a page.
_MARKUP = re.compile(rb"<(?:!doctype|html|head|body|script|iframe|svg|object|embed)[\s>/]", re.I)
# PDF readers look for the end-of-file marker in the last kilobyte.
_PDF_END_WINDOW = 1024


def detect_content_type(data: bytes) -> str | None:
    """PDF, DOCX or ODT judged by the bytes themselves, never by the name or the browser."""
    if _MARKUP.search(data[:1024]):
        return None
    if data.startswith(b"%PDF-"):
        return PDF if b"%%EOF" in data[-_PDF_END_WINDOW:] else None
    if not data.startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                with archive.open("mimetype") as entry:
                    if entry.read(100).strip() == ODT.encode():
                        return ODT
            if "[Content_Types].xml" in names and any(n.startswith("word/") for n in names):
                return DOCX
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError):
        return None
    return None


def store_document(
    *, actor: Officer, consultation: Consultation, title: str, filename: str, stream: BinaryIO
) -> ConsultationDocument:
    """Check and keep an uploaded file; raises DocumentRejected with a GOV.UK message."""
    limit = max_bytes()
    data = stream.read(limit + 1)
    if not data:
        raise DocumentRejected("The selected file is empty")
    if len(data) > limit:
        raise DocumentRejected(f"The selected file must be smaller than {size_text(limit)}")
    content_type = detect_content_type(data)
    if content_type is None or not filename.lower().endswith(EXTENSIONS[content_type]):
        raise DocumentRejected(WRONG_TYPE)
    stored_name = secrets.token_hex(16) + EXTENSIONS[content_type]
    (upload_folder() / stored_name).write_bytes(data)
    document = ConsultationDocument(
        consultation=consultation,
        title=title.strip(),
        original_filename=Path(remove_unprintable(filename).replace("\\", "/")).name[:255],
        stored_name=stored_name,
        content_type=content_type,
        size_bytes=len(data),
        uploaded_at=utc_now(),
    )
    db.session.add(document)
    db.session.flush()
    record_event(
        actor=actor,
        action="consultation.document_added",
        object_type="consultation",
        object_id=consultation.id,
        summary=f"Added document {document.title} to {consultation.title}",
        detail={"document_id": document.id, "size_bytes": len(data)},
    )
    return document


def get_document(consultation: Consultation, document_id: int) -> ConsultationDocument:
    document = db.session.get(ConsultationDocument, document_id)
    if document is None or document.consultation_id != consultation.id:
        raise NotFound("Document not found")
    return document


def open_document(document: ConsultationDocument) -> tuple[Path, str, str]:
    """(path on disk, content type, download name) for serving a stored document."""
    path = upload_folder() / Path(document.stored_name).name
    if not path.is_file():
        raise NotFound("Document file is missing")
    extension = EXTENSIONS.get(document.content_type, "")
    name = Path(document.original_filename).stem or "document"
    return path, document.content_type, f"{name}{extension}"


def remove_document(*, actor: Officer, document: ConsultationDocument) -> None:
    consultation = document.consultation
    path = upload_folder() / Path(document.stored_name).name
    db.session.delete(document)
    db.session.flush()
    record_event(
        actor=actor,
        action="consultation.document_removed",
        object_type="consultation",
        object_id=consultation.id,
        summary=f"Removed document {document.title} from {consultation.title}",
        detail={"document_id": document.id},
    )
    delete_file_after_commit(path)


def copy_document(document: ConsultationDocument) -> ConsultationDocument:
    """An unsaved copy with its own stored file (for copying a consultation)."""
    stored_name = secrets.token_hex(16) + Path(document.stored_name).suffix
    source = upload_folder() / Path(document.stored_name).name
    if source.is_file():
        shutil.copyfile(source, upload_folder() / stored_name)
    return ConsultationDocument(
        title=document.title,
        original_filename=document.original_filename,
        stored_name=stored_name,
        content_type=document.content_type,
        size_bytes=document.size_bytes,
        uploaded_at=utc_now(),
    )


def add_link(
    *, actor: Officer, consultation: Consultation, title: str, url: str
) -> ConsultationLink:
    link = ConsultationLink(consultation=consultation, title=title.strip(), url=url.strip())
    db.session.add(link)
    db.session.flush()
    record_event(
        actor=actor,
        action="consultation.link_added",
        object_type="consultation",
        object_id=consultation.id,
        summary=f"Added link {link.title} to {consultation.title}",
        detail={"url": link.url},
    )
    return link


def get_link(consultation: Consultation, link_id: int) -> ConsultationLink:
    link = db.session.get(ConsultationLink, link_id)
    if link is None or link.consultation_id != consultation.id:
        raise NotFound("Link not found")
    return link


def remove_link(*, actor: Officer, link: ConsultationLink) -> None:
    consultation = link.consultation
    db.session.delete(link)
    db.session.flush()
    record_event(
        actor=actor,
        action="consultation.link_removed",
        object_type="consultation",
        object_id=consultation.id,
        summary=f"Removed link {link.title} from {consultation.title}",
        detail={"url": link.url},
    )


def delete_file_after_commit(path: Path) -> None:
    """Remove a stored file only once the transaction that deleted its row has committed, so a
    failed commit never leaves a row pointing at a missing file. (An orphan file left by a
    crash after the commit is harmless: nothing refers to it.)"""
    session = db.session()

    def remove(_session: object) -> None:
        path.unlink(missing_ok=True)
        if event.contains(session, "after_soft_rollback", forget):
            event.remove(session, "after_soft_rollback", forget)

    def forget(_session: object, _previous: object) -> None:
        if event.contains(session, "after_commit", remove):
            event.remove(session, "after_commit", remove)

    event.listen(session, "after_commit", remove, once=True)
    event.listen(session, "after_soft_rollback", forget, once=True)
