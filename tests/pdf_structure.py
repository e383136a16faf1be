"""Reads just enough of a PDF to show it is well formed: the header, the cross-reference table
pointing at every object, a trailer naming the catalogue and the document information, streams
that decompress, and the metadata strings (the title). No PDF library is needed."""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field

ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


@dataclass
class ParsedPdf:
    version: str
    objects: int
    info: dict[str, str]
    streams: list[bytes] = field(default_factory=list)  # decompressed

    def text_bytes(self) -> bytes:
        return b"\n".join(self.streams)


def _literal(data: bytes, start: int) -> tuple[bytes, int]:
    """The PDF literal string starting at data[start] == "(", and the index after it."""
    assert data[start : start + 1] == b"("
    out, depth, index = bytearray(), 1, start + 1
    while depth:
        char = data[index : index + 1]
        if char == b"\\":
            following = data[index + 1 : index + 2]
            if following in ESCAPES:
                out += ESCAPES[following]
                index += 2
            elif following.isdigit():
                digits = re.match(rb"[0-7]{1,3}", data[index + 1 : index + 4]).group()
                out.append(int(digits, 8))
                index += 1 + len(digits)
            elif following in b"\r\n":
                index += 2
            else:
                out += following
                index += 2
            continue
        if char == b"(":
            depth += 1
        elif char == b")":
            depth -= 1
            if not depth:
                break
        out += char
        index += 1
    return bytes(out), index + 1


def _decode_text(raw: bytes) -> str:
    if raw.startswith(b"\xfe\xff"):
        return raw[2:].decode("utf-16-be")
    return raw.decode("latin-1")


def parse_pdf(data: bytes) -> ParsedPdf:
    match = re.match(rb"%PDF-(\d\.\d)", data)
    assert match, "no %PDF- header"
    assert data.rstrip().endswith(b"%%EOF"), "no %%EOF at the end"
    startxref = int(re.findall(rb"startxref\s+(\d+)\s+%%EOF", data)[-1])
    assert data[startxref:].startswith(b"xref"), "startxref does not point at the xref table"
    header = re.match(rb"xref\s+(\d+)\s+(\d+)\s+", data[startxref:])
    first, count = int(header.group(1)), int(header.group(2))
    entries = re.findall(rb"(\d{10}) (\d{5}) ([nf])", data[startxref + header.end() :])[:count]
    assert len(entries) == count, "the xref table is short"
    for number, (offset, _, kind) in enumerate(entries, start=first):
        if kind == b"n":
            at = int(offset)
            assert re.match(rb"%d 0 obj" % number, data[at:]), f"object {number} is not at {at}"
    trailer = data[startxref:]
    assert re.search(rb"/Root \d+ 0 R", trailer), "the trailer names no catalogue"
    info_ref = re.search(rb"/Info (\d+) 0 R", trailer)
    info: dict[str, str] = {}
    if info_ref:
        body = data[data.index(b"\n%s 0 obj" % info_ref.group(1)) :]
        body = body[: body.index(b"endobj")]
        for key in re.finditer(rb"/(\w+) \(", body):
            raw, _ = _literal(body, key.end() - 1)
            info[key.group(1).decode()] = _decode_text(raw)
        for key in re.finditer(rb"/(\w+) <([0-9A-Fa-f\s]*)>", body):
            info[key.group(1).decode()] = _decode_text(bytes.fromhex(key.group(2).decode()))
    streams = []
    for found in re.finditer(rb"<<(.*?)>>\s*stream\r?\n", data, re.S):
        length = re.search(rb"/Length (\d+)", found.group(1))
        raw = data[found.end() : found.end() + int(length.group(1))]
        streams.append(zlib.decompress(raw) if b"/FlateDecode" in found.group(1) else raw)
    return ParsedPdf(match.group(1).decode(), count, info, streams)
