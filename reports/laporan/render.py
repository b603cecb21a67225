"""render_html / render_pdf / render_xlsx: no request, no queries, only formatting of a built
Laporan."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.template.loader import render_to_string
from openpyxl.styles import Alignment, Border, Font, Side

from lkip import xlsx
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
_FORMATS = {
    Jenis.BULAT: xlsx.FORMAT_BULAT,
    Jenis.ANGKA: xlsx.FORMAT_DESIMAL,
    Jenis.NILAI: xlsx.FORMAT_NILAI,
}


def render_xlsx(laporan: Laporan) -> bytes:
    """Every table of the report in one workbook: one sheet per table, numbers as numbers."""
    wb = xlsx.new_workbook()
    index = wb.active
    index.title = "Daftar Tabel"
    xlsx.style_title(xlsx.write_text(index.cell(1, 1), laporan.judul))
    for row, t in enumerate(laporan.semua_tabel(), start=3):
        xlsx.write_text(index.cell(row, 1), t.label)
        xlsx.write_text(index.cell(row, 2), t.judul)
        index.cell(row, 1).hyperlink = f"#'{_sheet_name(t)}'!A1"
    xlsx.set_widths(index, {"A": 12, "B": 100})
    for t in laporan.semua_tabel():
        _write_table(wb.create_sheet(_sheet_name(t)), t)
    return xlsx.save(wb)


def _sheet_name(t: Tabel) -> str:
    return f"Tabel {t.nomor}"[:31]


def _write_table(ws, t: Tabel) -> None:
    xlsx.style_title(xlsx.write_text(ws.cell(1, 1), f"{t.label} {t.judul}"))
    ncols = max(sum(k.colspan for k in row) for row in t.kepala) if t.kepala else 1
    occupied: set[tuple[int, int]] = set()
    row = 3
    for head in t.kepala:
        col = 1
        for k in head:
            while (row, col) in occupied:
                col += 1
            cell = xlsx.style_header(xlsx.write_text(ws.cell(row, col), k.label))
            cell.border = _BORDER
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
                xlsx.write_missing(cell, c.kosong)
            elif c.jenis == Jenis.TEKS or isinstance(c.nilai, str):
                xlsx.write_text(cell, str(c.nilai))
            elif c.jenis == Jenis.PERSEN:
                xlsx.write_percent(cell, c.nilai)
            else:
                xlsx.write_number(cell, Decimal(c.nilai), _FORMATS[c.jenis])
            if "total" in c.kelas:
                cell.font = Font(bold=True)
            cell.border = _BORDER
            cell.alignment = Alignment(vertical="top", wrap_text=c.jenis == Jenis.TEKS)
            _span(ws, row, col, c.rowspan, c.colspan, occupied)
            col += c.colspan
        row += 1
    for note in t.catatan:
        row += 1
        xlsx.write_text(ws.cell(row, 1), note)
    xlsx.write_text(ws.cell(row + 1, 1), f"Sumber: {t.sumber}")
    ws.freeze_panes = ws.cell(first_data, 1)
    xlsx.set_widths(ws, dict.fromkeys(range(1, ncols + 1), 16) | {"B": 45})


def _span(ws, row: int, col: int, rowspan: int, colspan: int, occupied: set) -> None:
    for r in range(row, row + rowspan):
        for c in range(col, col + colspan):
            occupied.add((r, c))
    if rowspan > 1 or colspan > 1:
        ws.merge_cells(
            start_row=row, start_column=col, end_row=row + rowspan - 1, end_column=col + colspan - 1
        )
