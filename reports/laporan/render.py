"""render_html / render_pdf / render_xlsx: no request, no queries, only formatting of a built Laporan."""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.template.loader import render_to_string
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from reports.laporan.struktur import Jenis, Laporan, Tabel, TandaTanganElektronik

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

    With `tte` (signed renders only) the signature blocks carry the QR code and the TTE stamp, and every
    page the electronic-signature footer; without it the output is exactly the unsigned report.
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


def _document(laporan: Laporan, options: dict, tte: TandaTanganElektronik | None = None):
    """Laid-out pages (what HTML.write_pdf does first), so positions can be read before writing."""
    from weasyprint import HTML

    html = render_html(laporan, font_base=_pdf_font_base(), tte=tte)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).render(**options)


def render_pdf(laporan: Laporan, *, pdf_variant: str | None = None) -> bytes:
    """A4 PDF with WeasyPrint; fonts embedded; pdf_variant='pdf/a-3b' for archiving."""
    options = _pdf_options(laporan, pdf_variant)
    return _document(laporan, options).write_pdf(**options)


@dataclass(frozen=True)
class KotakTandaTangan:
    """Where the TTE stamp box landed: page index and rectangle in PDF points (origin bottom-left)."""

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
    """The final PDF to be signed (PDF/A-3b, for the archive), and where the signature field must go."""
    if laporan.draf:
        raise ValueError("Laporan yang ditandatangani tidak boleh berupa draf.")
    options = _pdf_options(laporan, "pdf/a-3b")
    document = _document(laporan, options, tte)
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
    from weasyprint import HTML

    html = render_to_string(
        "reports/tte_stempel.html", {"tte": tte, "font_base": _pdf_font_base(), "stempel": True}
    )
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


_THIN = Side(style="thin", color="666666")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD_FILL = PatternFill("solid", fgColor="E6E6E6")
_FORMATS = {
    Jenis.BULAT: "#,##0",
    Jenis.ANGKA: "#,##0.00",
    Jenis.PERSEN: "0.00%",
    Jenis.NILAI: "#,##0.##",
}
_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def _put_text(cell, text: str) -> None:
    """Text that a spreadsheet would read as a formula stays text."""
    cell.value = text
    cell.data_type = "s"


def render_xlsx(laporan: Laporan) -> bytes:
    """Every table of the report in one workbook: one sheet per table, numbers as numbers."""
    wb = Workbook()
    index = wb.active
    index.title = "Daftar Tabel"
    _put_text(index.cell(1, 1), laporan.judul)
    index.cell(1, 1).font = Font(bold=True, size=12)
    for row, t in enumerate(laporan.semua_tabel(), start=3):
        _put_text(index.cell(row, 1), t.label)
        _put_text(index.cell(row, 2), t.judul)
        index.cell(row, 1).hyperlink = f"#'{_sheet_name(t)}'!A1"
    index.column_dimensions["A"].width = 12
    index.column_dimensions["B"].width = 100
    for t in laporan.semua_tabel():
        _write_table(wb.create_sheet(_sheet_name(t)), t)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _sheet_name(t: Tabel) -> str:
    return f"Tabel {t.nomor}"[:31]


def _write_table(ws, t: Tabel) -> None:
    _put_text(ws.cell(1, 1), f"{t.label} {t.judul}")
    ws.cell(1, 1).font = Font(bold=True, size=12)
    ncols = max(sum(k.colspan for k in row) for row in t.kepala) if t.kepala else 1
    occupied: set[tuple[int, int]] = set()
    row = 3
    for head in t.kepala:
        col = 1
        for k in head:
            while (row, col) in occupied:
                col += 1
            cell = ws.cell(row, col)
            _put_text(cell, k.label)
            cell.font, cell.fill, cell.border = Font(bold=True), _HEAD_FILL, _BORDER
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            _span(ws, row, col, k.rowspan, k.colspan, occupied)
            col += k.colspan
        row += 1
    first_data = row
    for line in t.baris:
        col = 1
        for c in line:
            while (row, col) in occupied:
                col += 1
            cell = ws.cell(row, col)
            if c.tidak_ada:
                _put_text(cell, c.kosong)
                cell.font = Font(italic=True, color="555555")
            elif c.jenis == Jenis.TEKS or isinstance(c.nilai, str):
                _put_text(cell, str(c.nilai))
            else:
                value = Decimal(c.nilai)
                cell.value = value / 100 if c.jenis == Jenis.PERSEN else value
                cell.number_format = _FORMATS[c.jenis]
            if "total" in c.kelas:
                cell.font = Font(bold=True)
            cell.border = _BORDER
            cell.alignment = Alignment(vertical="top", wrap_text=c.jenis == Jenis.TEKS)
            _span(ws, row, col, c.rowspan, c.colspan, occupied)
            col += c.colspan
        row += 1
    for note in t.catatan:
        row += 1
        _put_text(ws.cell(row, 1), note)
    _put_text(ws.cell(row + 1, 1), f"Sumber: {t.sumber}")
    ws.freeze_panes = ws.cell(first_data, 1)
    for col in range(1, ncols + 1):
        ws.column_dimensions[get_column_letter(col)].width = 16
    ws.column_dimensions["B"].width = 45


def _span(ws, row: int, col: int, rowspan: int, colspan: int, occupied: set) -> None:
    for r in range(row, row + rowspan):
        for c in range(col, col + colspan):
            occupied.add((r, c))
    if rowspan > 1 or colspan > 1:
        ws.merge_cells(
            start_row=row, start_column=col, end_row=row + rowspan - 1, end_column=col + colspan - 1
        )
