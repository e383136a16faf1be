"""Reads a PDF back as a reader would, without a PDF library: the header, the cross-reference
table pointing at every object, a trailer naming the catalogue and the document information,
streams that decompress, and then what a person meets: the metadata (title, author, subject),
the catalogue's language and tagging, the outline (bookmarks), the link annotations on each
page, and the text each page shows (decoded through the fonts' ToUnicode maps)."""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field
from typing import Any

ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}
DELIMITERS = b"()<>[]{}/% \t\r\n\f\x00"


@dataclass(frozen=True)
class Ref:
    number: int


@dataclass(frozen=True)
class Name:
    value: str


@dataclass(frozen=True)
class PdfLink:
    page: int  # 1-based
    rect: tuple[float, float, float, float]
    uri: str | None  # a web address, or None for a link inside the document
    destination: str | None  # a named destination inside the document


@dataclass
class ParsedPdf:
    version: str
    objects: int
    info: dict[str, str]
    streams: list[bytes] = field(default_factory=list)  # decompressed
    bodies: dict[int, Any] = field(default_factory=dict)  # object number -> parsed object
    stream_of: dict[int, bytes] = field(default_factory=dict)  # object number -> its stream
    root: int = 0

    def text_bytes(self) -> bytes:
        return b"\n".join(self.streams)

    def get(self, value: Any) -> Any:
        """The object a reference points at (anything else as it is)."""
        return self.bodies.get(value.number) if isinstance(value, Ref) else value

    @property
    def catalog(self) -> dict:
        return self.bodies[self.root]

    @property
    def lang(self) -> str | None:
        lang = self.catalog.get("Lang")
        return _decode_text(lang) if isinstance(lang, bytes) else None

    def pages(self) -> list[tuple[int, dict]]:
        """(object number, page dictionary) in reading order."""
        found: list[tuple[int, dict]] = []

        def walk(ref: Ref) -> None:
            node = self.get(ref)
            if node.get("Type") == Name("Page"):
                found.append((ref.number, node))
            for kid in node.get("Kids", []):
                walk(kid)

        walk(self.catalog["Pages"])
        return found

    def links(self) -> list[PdfLink]:
        out = []
        for number, (_, page) in enumerate(self.pages(), start=1):
            for annotation in map(self.get, self.get(page.get("Annots", [])) or []):
                if annotation.get("Subtype") != Name("Link"):
                    continue
                action = self.get(annotation.get("A")) or {}
                uri = action.get("URI")
                dest = annotation.get("Dest")
                rect = tuple(float(x) for x in self.get(annotation["Rect"]))
                out.append(
                    PdfLink(
                        number,
                        rect,  # type: ignore[arg-type]
                        _decode_text(uri) if isinstance(uri, bytes) else None,
                        _decode_text(dest) if isinstance(dest, bytes) else None,
                    )
                )
        return out

    def outline(self) -> list[tuple[int, str]]:
        """The bookmarks as (level, title), depth first; level 0 is the top."""
        found: list[tuple[int, str]] = []

        def walk(ref: Any, level: int) -> None:
            while ref is not None:
                item = self.get(ref)
                found.append((level, _decode_text(item["Title"])))
                walk(item.get("First"), level + 1)
                ref = item.get("Next")

        outlines = self.get(self.catalog.get("Outlines"))
        if outlines:
            walk(outlines.get("First"), 0)
        return found

    def named_destinations(self) -> dict[str, int]:
        """Named destination -> the page number (1-based) it points at."""
        names = self.get(self.catalog.get("Names")) or {}
        dests = self.get(names.get("Dests")) or {}
        pairs = self.get(dests.get("Names", []))
        pages = {number: index for index, (number, _) in enumerate(self.pages(), start=1)}
        return {
            _decode_text(pairs[i]): pages.get(self.get(pairs[i + 1])[0].number, 0)
            for i in range(0, len(pairs), 2)
        }

    def page_texts(self) -> list[str]:
        """The text drawn on each page, one line per text operator, decoded with each font's
        ToUnicode map (two bytes a glyph), or as Latin-1 for a built-in font."""
        texts = []
        for _, page in self.pages():
            fonts = self.get(self.get(page.get("Resources", {})).get("Font", {})) or {}
            maps = {name: self._unicode_map(self.get(font)) for name, font in fonts.items()}
            contents = page.get("Contents")
            refs = contents if isinstance(contents, list) else [contents]
            content = b"\n".join(self.stream_of[ref.number] for ref in refs)
            texts.append(_show_text(content, maps))
        return texts

    def _unicode_map(self, font: dict) -> dict[int, str] | None:
        if "ToUnicode" not in font:
            return None
        cmap = self.stream_of[font["ToUnicode"].number].decode("latin-1")
        mapping: dict[int, str] = {}
        for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
            for code, uni in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
                mapping[int(code, 16)] = bytes.fromhex(uni).decode("utf-16-be")
        for block in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
            for low, high, start in re.findall(
                r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block
            ):
                for offset, code in enumerate(range(int(low, 16), int(high, 16) + 1)):
                    mapping[code] = chr(int(start, 16) + offset)
        return mapping


def _show_text(content: bytes, maps: dict[str, dict[int, str] | None]) -> str:
    """Each string shown (Tj, or inside a TJ array) on its own line, in the font set by Tf."""
    lines: list[str] = []
    font: dict[int, str] | None = None
    name, index = "", 0
    while index < len(content):
        index = _skip_space(content, index)
        char = content[index : index + 1]
        if char == b"(":
            raw, index = _literal(content, index)
            if font is None:
                lines.append(raw.decode("latin-1"))
            else:
                codes = [int.from_bytes(raw[i : i + 2], "big") for i in range(0, len(raw), 2)]
                lines.append("".join(font.get(code, "\ufffd") for code in codes))
            continue
        end = index + 1
        while end < len(content) and content[end : end + 1] not in DELIMITERS:
            end += 1
        token = content[index:end]
        if token.startswith(b"/"):
            name = token[1:].decode("latin-1")
        elif token == b"Tf":
            font = maps.get(name)
        index = end
    return "\n".join(lines)


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


def _skip_space(data: bytes, index: int) -> int:
    while index < len(data):
        if data[index : index + 1] == b"%":  # a comment runs to the end of the line
            while index < len(data) and data[index : index + 1] not in b"\r\n":
                index += 1
        elif data[index : index + 1] in b" \t\r\n\f\x00":
            index += 1
        else:
            break
    return index


def _value(data: bytes, index: int) -> tuple[Any, int]:
    """One PDF object (dictionary, array, string, name, number, reference) from data[index]."""
    index = _skip_space(data, index)
    if data.startswith(b"<<", index):
        return _dictionary(data, index + 2)
    char = data[index : index + 1]
    if char == b"[":
        return _array(data, index + 1)
    if char == b"(":
        return _literal(data, index)
    if char == b"<":
        end = data.index(b">", index)
        return bytes.fromhex(re.sub(rb"\s", b"", data[index + 1 : end]).decode()), end + 1
    return _token(data, index)


def _dictionary(data: bytes, index: int) -> tuple[dict[str, Any], int]:
    out: dict[str, Any] = {}
    index = _skip_space(data, index)
    while not data.startswith(b">>", index):
        key, index = _value(data, index)
        out[key.value], index = _value(data, index)
        index = _skip_space(data, index)
    return out, index + 2


def _array(data: bytes, index: int) -> tuple[list[Any], int]:
    items: list[Any] = []
    index = _skip_space(data, index)
    while data[index : index + 1] != b"]":
        item, index = _value(data, index)
        items.append(item)
        index = _skip_space(data, index)
    return items, index + 1


def _token(data: bytes, index: int) -> tuple[Any, int]:
    """A name, a number, a reference ("12 0 R") or a keyword."""
    end = index + 1
    while end < len(data) and data[end : end + 1] not in DELIMITERS:
        end += 1
    token = data[index:end]
    if token.startswith(b"/"):
        return Name(token[1:].decode("latin-1")), end
    reference = re.match(rb"\s+(\d+)\s+R(?![A-Za-z])", data[end : end + 24])
    if token.isdigit() and reference:
        return Ref(int(token)), end + reference.end()
    if re.fullmatch(rb"[+-]?(\d+\.?\d*|\.\d+)", token):
        return (float(token) if b"." in token else int(token)), end
    return token.decode("latin-1"), end  # true, false, null or an operator


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
    parsed = ParsedPdf(match.group(1).decode(), count, {})
    for number, (offset, _, kind) in enumerate(entries, start=first):
        if kind != b"n":
            continue
        at = int(offset)
        opening = re.match(rb"%d 0 obj" % number, data[at:])
        assert opening, f"object {number} is not at {at}"
        body, end = _value(data, at + opening.end())
        parsed.bodies[number] = body
        after = _skip_space(data, end)
        stream = re.match(rb"stream\r?\n", data[after : after + 8])
        if isinstance(body, dict) and stream:
            raw = data[after + stream.end() : after + stream.end() + int(body["Length"])]
            filters = body.get("Filter")
            unpacked = zlib.decompress(raw) if filters == Name("FlateDecode") else raw
            parsed.stream_of[number] = unpacked
            parsed.streams.append(unpacked)
    trailer, _ = _value(data, data.index(b"trailer", startxref) + len(b"trailer"))
    assert isinstance(trailer.get("Root"), Ref), "the trailer names no catalogue"
    parsed.root = trailer["Root"].number
    info = parsed.get(trailer.get("Info")) or {}
    parsed.info = {
        key: _decode_text(value) for key, value in info.items() if isinstance(value, bytes)
    }
    return parsed
