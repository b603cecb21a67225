"""Reading a rendered PDF the way a printer and a reader see it (pdfplumber): where each
character lies on the page, and the text with line breaks and hyphenation undone."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from html import unescape

import pdfplumber

CM = 72 / 2.54
#: The report's @page margins (laporan.css): top, right, bottom, left.
MARGIN = {"top": 2.5 * CM, "right": 2.5 * CM, "bottom": 2.5 * CM, "left": 3 * CM}
#: The running header and the page number sit in the top and bottom margins (page margin boxes),
#: never nearer the paper's edge than this.
TEPI_MINIMUM = 1 * CM
TOLERANSI = 0.5  # pt: rounding of glyph boxes


@dataclass(frozen=True)
class DiLuar:
    halaman: int
    teks: str
    x0: float
    x1: float
    top: float
    bottom: float

    def __str__(self) -> str:
        return (
            f"halaman {self.halaman}: '{self.teks}' x {self.x0:.1f}–{self.x1:.1f}, "
            f"y {self.top:.1f}–{self.bottom:.1f}"
        )


def di_luar_bidang_teks(pdf: bytes) -> tuple[int, list[DiLuar]]:
    """The page count and every run of characters outside the page's text area: left of the left
    margin, right of the right margin (on portrait and landscape pages alike), or nearer the top
    or bottom edge than the header and footer boxes allow."""
    out: list[DiLuar] = []
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for nomor, page in enumerate(doc.pages, start=1):
            kiri, kanan = MARGIN["left"] - TOLERANSI, page.width - MARGIN["right"] + TOLERANSI
            atas, bawah = TEPI_MINIMUM, page.height - TEPI_MINIMUM
            for line in page.extract_text_lines(return_chars=True):
                bad = [
                    c
                    for c in line["chars"]
                    if c["text"].strip()
                    and not (kiri <= c["x0"] and c["x1"] <= kanan)
                    or c["text"].strip()
                    and not (atas <= c["top"] and c["bottom"] <= bawah)
                ]
                if bad:
                    out.append(
                        DiLuar(
                            nomor,
                            "".join(c["text"] for c in bad)[:60],
                            min(c["x0"] for c in bad),
                            max(c["x1"] for c in bad),
                            min(c["top"] for c in bad),
                            max(c["bottom"] for c in bad),
                        )
                    )
        return len(doc.pages), out


def normal(text: str) -> str:
    """Text compared without case, spaces, hyphens or punctuation of line breaks: a name wrapped
    and hyphenated over two lines still matches itself."""
    return re.sub(r"[\W_]+", "", text.casefold())


def teks_pdf(pdf: bytes) -> str:
    """The PDF's text without each page's running header and page number, so that a sentence
    running on to the next page reads on."""
    pages = []
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            lines = (page.extract_text() or "").splitlines()
            if lines and lines[0].startswith("Laporan Kinerja Instansi Pemerintah (LKIP)"):
                lines = lines[1:]
            lines = [x for x in lines if not re.fullmatch(r"Halaman \d+ dari \d+", x.strip())]
            pages.append("\n".join(lines))
    return "\n".join(pages)


def teks_html(html: str) -> str:
    """The HTML's visible text (styles and tags removed)."""
    html = re.sub(r"<(style|script|svg)\b.*?</\1>", " ", html, flags=re.S | re.I)
    return unescape(re.sub(r"<[^>]+>", " ", html))
