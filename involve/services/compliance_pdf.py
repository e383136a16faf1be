"""The compliance reports as PDFs (fpdf2, pure Python): the writer both reports use, and an
activity's report. The year's report is drawn in compliance_year_pdf.py.

Every link is a real link annotation (the evidence, the web page, the contents), and its full
web address is written out once beside it, so a paper copy can still be followed. Each PDF has
a title shown in the reader's title bar, a language (en-GB), an author, a subject and an outline
(bookmarks) with one entry per section.

Not tagged. fpdf2 2.8 cannot make a tagged PDF (PDF/UA) of text: it puts only images given
`alt_text` (as /Figure), headings drawn by `start_section` with `section_title_styles` (also
as /Figure) and `link(alt_text=...)` areas (as a /Link element with no content or annotation
reference) in a structure tree; text from cell, multi_cell and write is never marked content,
there is no way to make paragraph, heading, list or table elements, and its
`DocumentCompliance` knows PDF/A only. Any of those calls would also mark the file as tagged
(/MarkInfo /Marked true) with a tree that leaves out almost all the text, which misleads screen
readers more than no tree, so none is made. The web page, print-ready, is the accessible version:
the PDF names it and links to it first, and the page says so beside the download.

Fonts: fpdf2's built-in fonts only know Latin-1, so the report uses DejaVu Sans (or Liberation
Sans) from the system when it is there (Debian: fonts-dejavu-core, which Chromium pulls in) and
embeds the characters it uses, with a ToUnicode map so the text can be copied and read aloud. A
character that font lacks (Chinese, most emoji) is printed as "?" and a note says the web page
shows the text in full. Without any such font the report falls back to the built-in Helvetica
with the text transliterated (accents dropped, curly quotes made straight, anything else "?").
Either way, no text a resident or officer typed can stop the PDF being made. Right-to-left text
is printed in stored order, unshaped: the web page is the authoritative copy.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.prefs import ViewerPreferences

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
LANGUAGE = "en-GB"
LINK_COLOUR = (29, 112, 184)  # GOV.UK's link blue, so a link looks like one on screen and paper
TEXT_COLOUR = (11, 12, 12)
REPLACEMENT = "?"
MISSING_NOTE = (
    "Some characters cannot be shown in this PDF and are printed as \u201c?\u201d. The web page "
    "shows the text in full."
)
NOT_TAGGED_NOTE = (
    "This PDF is for printing and sharing. It is not tagged for screen readers: the web page "
    "is the accessible version of this report."
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
# A run of text, linked when it has an address: ("Evidence: ", None), ("The plan", "https://…").
Run = tuple[str, str | None]


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


class PdfWriter:
    """An A4 report: metadata, page numbers, headings that are bookmarks, paragraphs and runs of
    text with links. Text goes through `safe`, so any characters print."""

    def __init__(self, *, title: str, subject: str, author: str, made_at: datetime) -> None:
        self.pdf = pdf = FPDF(format="A4")
        pdf.set_auto_page_break(auto=True, margin=15)
        pdf.set_margins(18, 15, 18)
        font = find_font()
        self.unicode = font is not None
        self.glyphs: frozenset[int] = frozenset()
        self.replaced = False
        if font is not None:
            regular, bold = font
            pdf.add_font("ReportSans", "", str(regular))
            pdf.add_font("ReportSans", "B", str(bold))
            pdf.set_font("ReportSans", "", 10)
            self.glyphs = frozenset(pdf.current_font.cmap)
        # Metadata is not drawn with the font: it keeps every character (as UTF-16 where needed).
        pdf.set_title(_without_controls(title))
        pdf.set_subject(_without_controls(subject))
        pdf.set_author(_without_controls(author))
        pdf.set_lang(LANGUAGE)
        pdf.set_creator("involve")
        pdf.set_creation_date(made_at)
        pdf.viewer_preferences = ViewerPreferences(display_doc_title=True)
        pdf.footer = self._footer  # type: ignore[method-assign]
        pdf.add_page()

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

    def font(self, size: float, bold: bool = False, link: bool = False) -> None:
        family = "ReportSans" if self.unicode else "Helvetica"
        self.pdf.set_font(family, ("B" if bold else "") + ("U" if link else ""), size)
        self.pdf.set_text_color(*(LINK_COLOUR if link else TEXT_COLOUR))

    def _footer(self) -> None:
        self.pdf.set_y(-12)
        self.font(8)
        self.pdf.cell(0, 5, f"Page {self.pdf.page_no()} of {{nb}}", align="C")

    def para(self, text: str, size: float = 10, bold: bool = False, gap: float = 1.5) -> None:
        self.font(size, bold)
        self.pdf.multi_cell(
            0, size * 0.5, self.safe(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )
        self.pdf.ln(gap)

    def runs(self, runs: Sequence[Run], size: float = 10, gap: float = 1.5) -> None:
        """One paragraph of text runs; a run with an address is a link, in link colour."""
        for text, address in runs:
            self.font(size, link=address is not None)
            self.pdf.write(size * 0.5, self.safe(text), link=address or "")
        self.font(size)
        self.pdf.ln(size * 0.5 + gap)

    def heading(self, text: str, *, level: int = 0, anchor: str = "") -> None:
        """A heading that is also a bookmark in the outline (level 0: a section); `anchor` names
        it as a destination for links from the contents."""
        size = (14.0, 11.5)[min(level, 1)]
        if self.pdf.will_page_break(size * 2.5):  # never a heading alone at the foot of a page
            self.pdf.add_page()
        self.pdf.ln(1 if level else 2)
        safe = self.safe(text)
        self.pdf.start_section(safe, level=level, strict=False)
        if anchor:
            self.pdf.set_link(name=anchor, page=self.pdf.page, y=self.pdf.get_y())
        self.para(safe, size=size, bold=True, gap=1)

    def contents(self, entries: Sequence[tuple[str, str]]) -> None:
        """A list of the sections, each linked to where it starts: (anchor, title)."""
        self.para("Contents", size=11.5, bold=True, gap=0.5)
        for anchor, title in entries:
            self.runs([(title, self.pdf.get_named_destination(anchor))], size=10, gap=0.5)
        self.pdf.ln(3)

    def output(self) -> bytes:
        if self.replaced:
            self.para(MISSING_NOTE, size=9)
        return bytes(self.pdf.output())


def address_runs(label: str, address: str) -> list[Run]:
    """ "{label} ({address})", both linked: the address written out once, for paper (just the
    address when the label already is it)."""
    if label.strip() == address:
        return [(address, address)]
    return [(label, address), (" (", None), (address, address), (")", None)]


# -- an activity's report ---------------------------------------------------------------------
@dataclass(frozen=True)
class PdfDocument:
    title: str
    subtitle: str
    web_address: str
    sections: tuple[Section, ...]
    root_url: str
    made_at: datetime
    author: str = ""


def _status_text(claim: Claim) -> str:
    return f" [{claim.status.label}]" if claim.status is not None else ""


def _evidence_runs(link: Link, root_url: str) -> list[Run]:
    return [("Evidence: ", None), *address_runs(link.text, link.address(root_url))]


def render_pdf(document: PdfDocument) -> bytes:
    writer = PdfWriter(
        title=document.title,
        subject="How the duty to involve was met for one activity, each claim with its evidence",
        author=document.author,
        made_at=document.made_at,
    )
    writer.para(document.title, size=18, bold=True, gap=2)
    writer.para(document.subtitle, size=10)
    writer.para(f"Worked out at {format_datetime(document.made_at)}.", size=9, gap=0.5)
    web = document.web_address
    writer.runs([("Web page (the accessible version): ", None), (web, web)], size=9)
    writer.para(NOT_TAGGED_NOTE, size=9, gap=3)
    writer.contents([(f"section-{section.id}", section.title) for section in document.sections])
    for section in document.sections:
        writer.heading(section.title, anchor=f"section-{section.id}")
        if section.intro:
            writer.para(section.intro, size=9)
        for claim in section.claims:
            writer.para(claim.label + _status_text(claim), size=10.5, bold=True, gap=0.5)
            writer.para(claim.value, size=10, gap=0.5)
            for line in claim.details:
                writer.para(f"- {line}", size=9, gap=0.3)
            for link in claim.links:
                writer.runs(_evidence_runs(link, document.root_url), size=8, gap=0.3)
            writer.pdf.ln(2)
        writer.pdf.ln(3)
    return writer.output()
