"""The pemda dashboard as a workbook: the rows shown, in the order shown, numbers as numbers."""

from __future__ import annotations

import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from reports.dashboard.struktur import BELUM_ADA_DATA, BarisOpd
from reports.dashboard.tables import OpdTable

_HEAD_FILL = PatternFill("solid", fgColor="E6E6E6")

# (header, value of a row, number format); a percentage is written as a fraction with a % format.
KOLOM: list[tuple[str, object, str | None]] = [
    ("Kode", lambda r: r.kode, None),
    ("Perangkat daerah", lambda r: r.nama, None),
    ("Jumlah IKU", lambda r: r.jumlah_iku, "0"),
    ("IKU terukur", lambda r: r.iku_terukur, "0"),
    ("IKU mencapai target", lambda r: r.iku_tercapai, "0"),
    ("IKU mencapai target (%)", lambda r: r.persen_tercapai, "0.00%"),
    ("Rata-rata capaian (%)", lambda r: r.rata_capaian, "0.00%"),
    ("Kategori", lambda r: r.band or BELUM_ADA_DATA, None),
    ("Pagu (Rp)", lambda r: r.pagu, "#,##0"),
    ("Realisasi (Rp)", lambda r: r.realisasi, "#,##0"),
    ("Serapan (%)", lambda r: r.serapan, "0.00%"),
    ("Status LKIP", lambda r: r.status_label, None),
    ("Status sejak", lambda r: r.status_sejak_teks, None),
    ("Galat data", lambda r: r.galat, "0"),
    ("Peringatan data", lambda r: r.peringatan, "0"),
]


def _put(cell, value, number_format: str | None) -> None:
    if value is None:
        cell.value = BELUM_ADA_DATA
        cell.data_type = "s"
        cell.font = Font(italic=True, color="555555")
    elif isinstance(value, str):
        cell.value = value
        cell.data_type = "s"  # text that a spreadsheet would read as a formula stays text
    else:
        is_percent = number_format == "0.00%"
        cell.value = Decimal(value) / 100 if is_percent else value
        cell.number_format = number_format or "General"


def xlsx_pemda(pemda: str, tahun: int, table: OpdTable) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = f"Dasbor {tahun}"
    ws.cell(1, 1, f"Dasbor kinerja {pemda} tahun {tahun}").font = Font(bold=True, size=12)
    for col, (header, _, _) in enumerate(KOLOM, start=1):
        cell = ws.cell(3, col)
        _put(cell, header, None)
        cell.font, cell.fill = Font(bold=True), _HEAD_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    row: BarisOpd
    for r, row in enumerate(table.baris_ekspor(), start=4):
        for col, (_, get, number_format) in enumerate(KOLOM, start=1):
            _put(ws.cell(r, col), get(row), number_format)
    ws.freeze_panes = "C4"
    ws.column_dimensions["A"].width = 26
    ws.column_dimensions["B"].width = 48
    for letter in "CDEFGHIJKLMNO":
        ws.column_dimensions[letter].width = 16
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
