"""An activity's compliance report as a PDF (fpdf2, pure Python), with every piece of evidence
written out as a full web address so the paper copy can be followed.

Fonts: fpdf2's built-in fonts only know Latin-1, so the report uses DejaVu Sans (or Liberation
Sans) from the system when it is there (Debian: fonts-dejavu-core, which Chromium pulls in) and
embeds the characters it uses. A character that font lacks (Chinese, most emoji) is printed as
"?" and a note says the web page shows the text in full. Without any such font the report falls
back to the built-in Helvetica with the text transliterated (accents dropped, curly quotes made
straight, anything else "?"). Either way, no text a resident or officer typed can stop the PDF
being made. Right-to-left text is printed in stored order, unshaped: the web page is the
authoritative copy.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from involve.services.compliance_claims import Claim, Link, Section
from involve.templating import format_datetime

# (regular, bold) in order of preference; the first whose regular file exists is used.
FONT_CANDIDATES: tuple[tuple[str, str], ...] = (
    (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    ),
    (
        "/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf",
        "/usr/share/fonts/dejavu-sans-fonts/DejaVuSans-Bold.ttf",
    ),
    ("/usr/share/fonts/TTF/DejaVuSans.ttf", "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf"),
    (
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
    ),
)
REPLACEMENT = "?"
MISSING_NOTE = (
    "Some characters cannot be shown in this PDF and are printed as \u201c?\u201d. The web page "
    "shows the text in full."
)
ASCII_PUNCTUATION = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2026": "...",
        "\u2022": "-",
        "\u00a0": " ",
        "\u2192": "->",
        "\u0141": "L",  # letters NFKD does not take apart
        "\u0142": "l",
        "\u0110": "D",
        "\u0111": "d",
        "\u0152": "OE",
        "\u0153": "oe",
    }
)


@dataclass(frozen=True)
class PdfDocument:
    title: str
    subtitle: str
    web_address: str
    sections: tuple[Section, ...]
    root_url: str
    made_at: datetime
    author: str = ""


def find_font(candidates: Iterable[tuple[str, str]] = FONT_CANDIDATES) -> tuple[Path, Path] | None:
    for regular, bold in candidates:
        if Path(regular).is_file():
            return Path(regular), Path(bold) if Path(bold).is_file() else Path(regular)
    return None


def _without_controls(text: str) -> str:
    """NFC text without NULs and other control characters (new lines kept)."""
    text = unicodedata.normalize("NFC", str(text))
    return "".join(
        char
        for char in text
        if char in "\n\t" or unicodedata.category(char) not in ("Cc", "Cf", "Cs", "Co", "Cn")
    ).replace("\t", " ")


def latin1_text(text: str) -> str:
    """Text the built-in fonts can print: accents dropped, punctuation made plain, the rest "?"."""
    plain = _without_controls(text).translate(ASCII_PUNCTUATION)
    out = []
    for char in plain:
        if ord(char) < 256:
            out.append(char)
            continue
        base = "".join(
            part
            for part in unicodedata.normalize("NFKD", char)
            if not unicodedata.combining(part) and ord(part) < 256
        )
        out.append(base or REPLACEMENT)
    return "".join(out)


@dataclass
class _Writer:
    pdf: FPDF
    unicode: bool
    glyphs: frozenset[int] = frozenset()
    replaced: bool = field(default=False)

    def safe(self, text: str) -> str:
        if not self.unicode:
            safe = latin1_text(text)
            self.replaced |= REPLACEMENT in safe and REPLACEMENT not in text
            return safe
        out = []
        for char in _without_controls(text):
            if char == "\n" or ord(char) in self.glyphs:
                out.append(char)
            else:
                out.append(REPLACEMENT)
                self.replaced = True
        return "".join(out)

    def font(self, size: float, bold: bool = False) -> None:
        family = "ReportSans" if self.unicode else "Helvetica"
        self.pdf.set_font(family, "B" if bold else "", size)

    def para(self, text: str, size: float = 10, bold: bool = False, gap: float = 1.5) -> None:
        self.font(size, bold)
        self.pdf.multi_cell(0, size * 0.5, self.safe(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.pdf.ln(gap)


def _status_text(claim: Claim) -> str:
    return f" [{claim.status.label}]" if claim.status is not None else ""


def _links_text(links: tuple[Link, ...], root_url: str) -> list[str]:
    return [f"Evidence: {link.text}: {link.address(root_url)}" for link in links]


def _new_pdf(document: PdfDocument) -> _Writer:
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.set_margins(18, 15, 18)
    font = find_font()
    writer = _Writer(pdf, unicode=font is not None)
    if font is not None:
        regular, bold = font
        pdf.add_font("ReportSans", "", str(regular))
        pdf.add_font("ReportSans", "B", str(bold))
        pdf.set_font("ReportSans", "", 10)
        writer.glyphs = frozenset(pdf.current_font.cmap)
    # Metadata is not drawn with the font: it keeps every character (as UTF-16 where needed).
    pdf.set_title(_without_controls(document.title))
    pdf.set_author(_without_controls(document.author))
    pdf.set_creator("involve")
    pdf.set_creation_date(document.made_at)
    return writer


def _footer(writer: _Writer) -> None:
    pdf = writer.pdf

    def footer() -> None:
        pdf.set_y(-12)
        writer.font(8)
        pdf.cell(0, 5, f"Page {pdf.page_no()} of {{nb}}", align="C")

    pdf.footer = footer  # type: ignore[method-assign]


def render_pdf(document: PdfDocument) -> bytes:
    writer = _new_pdf(document)
    _footer(writer)
    pdf = writer.pdf
    pdf.add_page()
    writer.para(document.title, size=18, bold=True, gap=2)
    writer.para(document.subtitle, size=10)
    writer.para(
        f"Worked out at {format_datetime(document.made_at)}. Web page: {document.web_address}",
        size=9,
        gap=4,
    )
    for section in document.sections:
        writer.para(section.title, size=14, bold=True, gap=1)
        if section.intro:
            writer.para(section.intro, size=9)
        for claim in section.claims:
            writer.para(claim.label + _status_text(claim), size=10.5, bold=True, gap=0.5)
            writer.para(claim.value, size=10, gap=0.5)
            for line in claim.details:
                writer.para(f"- {line}", size=9, gap=0.3)
            for line in _links_text(claim.links, document.root_url):
                writer.para(line, size=8, gap=0.3)
            pdf.ln(2)
        pdf.ln(3)
    if writer.replaced:
        writer.para(MISSING_NOTE, size=9)
    return bytes(pdf.output())
