"""render_html / render_pdf: no request, no queries, only formatting of a built Laporan (the XLSX:
`reports.laporan.xlsx`, the DOCX: `reports.laporan.docx`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape, unescape

from django.conf import settings
from django.template.loader import render_to_string

from reports.laporan.batas import dalam_batas
from reports.laporan.struktur import Laporan, TandaTanganElektronik

PT_PER_PX = 0.75  # WeasyPrint lays out in CSS px (1/96 in); PDF user space is in points (1/72 in)


def render_html(
    laporan: Laporan,
    font_base: str | None = None,
    toolbar: bool = False,
    bisa_ubah: bool = False,
    tte: TandaTanganElektronik | None = None,
    resmi=None,
) -> str:
    """The whole report as one self-contained HTML document (screen and print CSS).

    With `tte` (signed renders only) the signature blocks carry the QR code and the TTE stamp, and
    every page the electronic-signature footer; without it the output is exactly the unsigned
    report.
    """
    if font_base is None:
        font_base = settings.STATIC_URL + "fonts/"
    resmi_tanggal = ""
    if resmi is not None:
        from django.utils import timezone

        from lkip import formulas

        local = timezone.localtime(resmi.ditandatangani)
        resmi_tanggal = f"{formulas.format_tanggal(local.date())} pukul {local:%H.%M}"
    return render_to_string(
        "reports/laporan.html",
        {
            "laporan": laporan,
            "font_base": font_base,
            "toolbar": toolbar,
            "bisa_ubah": bisa_ubah,
            "tte": tte,
            "resmi": resmi,
            "resmi_tanggal": resmi_tanggal,
        },
    )


def _pdf_font_base() -> str:
    return settings.FONT_DIR.as_uri() + "/" if settings.FONT_DIR else ""


def _pdf_options(laporan: Laporan, pdf_variant: str | None = None) -> dict:
    from weasyprint import DEFAULT_OPTIONS

    options = {
        **DEFAULT_OPTIONS,
        "pdf_identifier": f"lkip-{laporan.opd_kode}-{laporan.tahun}".encode(),
        "custom_metadata": True,
    }
    if pdf_variant:
        options["pdf_variant"] = pdf_variant
    return options


#: A run of characters without a break longer than this is cut into pieces of POTONGAN for the PDF.
KATA_PANJANG = 30
POTONGAN = 20
_BUKAN_TEKS = re.compile(r"<(style|script|title|svg)\b.*?</\1\s*>|<!--.*?-->|<[^>]*>", re.S | re.I)
_KATA = re.compile(rf"([^ \t\n\r\f\v\u200b]{{{KATA_PANJANG + 1},}})")


def pecah_kata_panjang(html: str) -> str:
    """The report's HTML with every over-long word (an address, a code, text pasted without
    spaces) cut by zero-width spaces and marked `kata-panjang` (no hyphenation there).

    WeasyPrint lays out a word without a break opportunity again for every line and every
    hyphenation point it tries, so the time grows with the square of the word's length: 5.000
    characters took 101 s, 100.000 over ten minutes. Cut, each piece is a short word and the
    whole is laid out in about the time of ordinary text. Only text between tags is touched
    (not styles, scripts, the title or charts); the browser view is not cut (browsers break long
    words themselves).
    """
    out, pos = [], 0
    for tag in _BUKAN_TEKS.finditer(html):
        out += [_pecah_teks(html[pos : tag.start()]), tag[0]]
        pos = tag.end()
    out.append(_pecah_teks(html[pos:]))
    return "".join(out)


def _pecah_teks(segment: str) -> str:
    if not _KATA.search(segment):  # unescaping only shortens a run: none here, none after
        return segment
    parts = _KATA.split(unescape(segment))
    for i in range(1, len(parts), 2):
        word = parts[i]
        pieces = (
            escape(word[j : j + POTONGAN], quote=False) for j in range(0, len(word), POTONGAN)
        )
        parts[i] = '<span class="kata-panjang">' + "\u200b".join(pieces) + "</span>"
    for i in range(0, len(parts), 2):
        parts[i] = escape(parts[i], quote=False)
    return "".join(parts)


def _html_pdf(laporan: Laporan, tte: TandaTanganElektronik | None = None) -> str:
    """The report's HTML as the PDF lays it out (in this process: templates, no query)."""
    import weasyprint  # noqa: F401  (imported here once, not in every child that renders)

    return pecah_kata_panjang(render_html(laporan, font_base=_pdf_font_base(), tte=tte))


def _document(html: str, options: dict):
    """Laid-out pages (what HTML.write_pdf does first), so positions can be read before writing."""
    from weasyprint import HTML

    return HTML(string=html, base_url=str(settings.BASE_DIR)).render(**options)


def _tulis_pdf(html: str, options: dict) -> bytes:
    return _document(html, options).write_pdf(**options)


def render_pdf(laporan: Laporan, *, pdf_variant: str | None = None) -> bytes:
    """A4 PDF with WeasyPrint; fonts embedded; pdf_variant='pdf/a-3b' for archiving.

    Laid out in a child process within a time and memory limit (RenderTerlaluBerat past them).
    """
    options = _pdf_options(laporan, pdf_variant)
    return dalam_batas(_tulis_pdf, _html_pdf(laporan), options)


@dataclass(frozen=True)
class KotakTandaTangan:
    """Where the TTE stamp box landed: page index and rectangle in PDF points (origin
    bottom-left)."""

    halaman: int
    kiri: float
    bawah: float
    kanan: float
    atas: float

    @property
    def kotak(self) -> tuple[float, float, float, float]:
        return (self.kiri, self.bawah, self.kanan, self.atas)


def render_pdf_bertanda(
    laporan: Laporan, tte: TandaTanganElektronik
) -> tuple[bytes, KotakTandaTangan]:
    """The final PDF to be signed (PDF/A-3b, for the archive), and where the signature field must
    go."""
    if laporan.draf:
        raise ValueError("Laporan yang ditandatangani tidak boleh berupa draf.")
    options = _pdf_options(laporan, "pdf/a-3b")
    return dalam_batas(_tulis_pdf_bertanda, _html_pdf(laporan, tte), options)


def _tulis_pdf_bertanda(html: str, options: dict) -> tuple[bytes, KotakTandaTangan]:
    document = _document(html, options)
    for index, page in enumerate(document.pages):
        if "tte-kotak" in page.anchors:
            x1, y1, x2, y2 = page.anchors["tte-kotak"]
            tinggi = page.height
            kotak = KotakTandaTangan(
                index,
                x1 * PT_PER_PX,
                (tinggi - y2) * PT_PER_PX,
                x2 * PT_PER_PX,
                (tinggi - y1) * PT_PER_PX,
            )
            return document.write_pdf(**options), kotak
    raise ValueError("Blok tanda tangan Kepala Dinas tidak ditemukan pada laporan.")


def render_stempel(tte: TandaTanganElektronik) -> bytes:
    """The visible signature appearance: a one-page PDF exactly the size of the stamp box."""
    import weasyprint  # noqa: F401  (once here, not in every child)

    html = render_to_string(
        "reports/tte_stempel.html", {"tte": tte, "font_base": _pdf_font_base(), "stempel": True}
    )
    return dalam_batas(_tulis_stempel, html)


def _tulis_stempel(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
