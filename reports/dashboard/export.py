"""The pemda dashboard as a workbook: the rows shown, in the order shown, numbers as numbers."""

from __future__ import annotations

from openpyxl.styles import Alignment

from lkip import xlsx
from reports.dashboard.struktur import BELUM_ADA_DATA, BarisOpd
from reports.dashboard.tables import OpdTable

# (header, value of a row, number format); a percentage is written as a fraction with a % format.
KOLOM: list[tuple[str, object, str | None]] = [
    ("Kode", lambda r: r.kode, None),
    ("Perangkat daerah", lambda r: r.nama, None),
    ("Jumlah IKU", lambda r: r.jumlah_iku, "0"),
    ("IKU terukur", lambda r: r.iku_terukur, "0"),
    ("IKU mencapai target", lambda r: r.iku_tercapai, "0"),
    ("IKU mencapai target (%)", lambda r: r.persen_tercapai, xlsx.FORMAT_PERSEN),
    ("Rata-rata capaian (%)", lambda r: r.rata_capaian, xlsx.FORMAT_PERSEN),
    ("Kategori", lambda r: r.band or BELUM_ADA_DATA, None),
    ("Pagu (Rp)", lambda r: r.pagu, xlsx.FORMAT_BULAT),
    ("Realisasi (Rp)", lambda r: r.realisasi, xlsx.FORMAT_BULAT),
    ("Serapan (%)", lambda r: r.serapan, xlsx.FORMAT_PERSEN),
    ("Status LKIP", lambda r: r.status_label, None),
    ("Status sejak", lambda r: r.status_sejak_teks, None),
    ("Kesalahan data", lambda r: r.galat, "0"),
    ("Peringatan data", lambda r: r.peringatan, "0"),
]


def _put(cell, value, number_format: str | None) -> None:
    if value is None:
        xlsx.write_missing(cell, BELUM_ADA_DATA)
    elif isinstance(value, str):
        xlsx.write_text(cell, value)
    elif number_format == xlsx.FORMAT_PERSEN:
        xlsx.write_percent(cell, value)
    else:
        xlsx.write_number(cell, value, number_format or "General")


def xlsx_pemda(pemda: str, tahun: int, table: OpdTable) -> bytes:
    wb = xlsx.new_workbook()
    ws = wb.active
    ws.title = f"Dasbor {tahun}"
    xlsx.style_title(xlsx.write_text(ws.cell(1, 1), f"Dasbor kinerja {pemda} tahun {tahun}"))
    for col, (header, _, _) in enumerate(KOLOM, start=1):
        cell = xlsx.style_header(xlsx.write_text(ws.cell(3, col), header))
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    row: BarisOpd
    for r, row in enumerate(table.baris_ekspor(), start=4):
        for col, (_, get, number_format) in enumerate(KOLOM, start=1):
            _put(ws.cell(r, col), get(row), number_format)
    ws.freeze_panes = "C4"
    xlsx.set_widths(ws, {"A": 26, "B": 48} | dict.fromkeys("CDEFGHIJKLMNO", 16))
    return xlsx.save(wb)
