"""render_xlsx: every table of a built report in one workbook that people can compute with.

Each table is a sheet named for what it holds (Excel allows 31 characters), reached from an index
sheet by hyperlinks and back. Numbers are number cells in Indonesian formats (rupiah, percentages,
values with the decimals they have); an indicator value in percent is the fraction a spreadsheet's
% format expects; a predicate ("BB") goes into its own column beside the value; a cell without data
is empty (a note under the table says so). Text goes out by the safe-cell rule of `lkip.xlsx`.

The tables are walked generically (`grid.tata`): any table the build adds appears here as it is.
"""

from __future__ import annotations

import re
from decimal import Decimal

from openpyxl.styles import Alignment, Border, Font, Side

from lkip import formulas, xlsx
from reports.laporan.grid import Kisi, Letak, tata
from reports.laporan.struktur import BELUM_ADA_DATA, Jenis, Kepala, Laporan, Sel, Tabel

JUDUL_INDEKS = "Daftar Tabel"
BATAS_NAMA_LEMBAR = 31
CATATAN_KOSONG = "Sel kosong: belum ada data."
#: Characters Excel does not allow in a sheet name.
_TERLARANG = re.compile(r"[\\/?*\[\]:]")
#: Long phrases the report's titles repeat, and their short form for a sheet name.
_SINGKATAN = (
    ("Alokasi dan Realisasi Anggaran serta Tingkat Efisiensi untuk Indikator", "Efisiensi"),
    ("Analisis Capaian Indikator", "Capaian"),
    ("Perbandingan Realisasi dan Capaian", "Tren"),
    ("Indikator Program Pendukung Indikator", "Ind. Program"),
    ("terhadap Target Akhir Renstra", "vs Renstra"),
    ("Indikator Kinerja Utama", "IKU"),
    ("Pagu dan Realisasi Anggaran", "Realisasi Anggaran"),
    ("Persentase", "%"),
    ("Indikator", "Ind."),
)
_PENGISI = {"dan", "serta", "yang", "untuk", "pada", "per", "di", "dari", "setelah"}

_THIN = Side(style="thin", color="666666")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_TENGAH = Alignment(horizontal="center", vertical="center", wrap_text=True)


def render_xlsx(laporan: Laporan) -> bytes:
    """Every table of the report in one workbook: an index sheet, then one sheet per table."""
    wb = xlsx.new_workbook()
    index = wb.active
    index.title = JUDUL_INDEKS
    tables = laporan.semua_tabel()
    names = sheet_names(laporan, tables)
    xlsx.style_title(xlsx.write_text(index.cell(1, 1), laporan.judul))
    xlsx.write_text(
        index.cell(2, 1),
        "Klik nama tabel untuk membuka lembarnya. Angka tersimpan sebagai angka; sel kosong "
        "berarti belum ada data.",
    )
    for col, label in enumerate(("Tabel", "Judul", "Lembar"), start=1):
        xlsx.style_header(xlsx.write_text(index.cell(4, col), label))
    for row, (t, name) in enumerate(zip(tables, names, strict=True), start=5):
        xlsx.link_to_sheet(index.cell(row, 1), name, t.label)
        xlsx.write_text(index.cell(row, 2), t.judul)
        xlsx.write_text(index.cell(row, 3), name)
    index.freeze_panes = "A5"
    xlsx.set_widths(index, {"A": 12, "B": 100, "C": 34})
    for t, name in zip(tables, names, strict=True):
        _write_table(wb.create_sheet(name), t)
    return xlsx.save(wb)


def sheet_names(laporan: Laporan, tables: list[Tabel]) -> list[str]:
    """One sheet name per table: its number and a short form of its title, unique, ≤ 31 chars."""
    names: list[str] = []
    taken = {JUDUL_INDEKS.casefold()}
    for t in tables:
        base = sheet_name(t, laporan)
        name, n = base, 1
        while name.casefold() in taken:  # Excel compares sheet names without case
            n += 1
            suffix = f" ({n})"
            name = base[: BATAS_NAMA_LEMBAR - len(suffix)].rstrip() + suffix
        taken.add(name.casefold())
        names.append(name)
    return names


def sheet_name(t: Tabel, laporan: Laporan) -> str:
    """'3.10 Capaian % PPKS binaan mandiri': the table's number and what it is, ≤ 31 chars."""
    title = t.judul
    for name in (laporan.opd_nama, laporan.pemda_nama):
        if name:
            title = title.replace(name, " ")
    title = re.sub(rf"\bTahun {laporan.tahun}\b(?!\s*[–-])", " ", title)
    title = re.sub(r"\bTahun (\d{4}) dan (\d{4})\b", "\\1–\\2", title)
    title = _acronyms(title)
    prefix = f"{t.nomor} "
    room = BATAS_NAMA_LEMBAR - len(prefix)
    words = _clean(title).split()
    if len(" ".join(words)) > room:
        text = " ".join(words)
        for long, short in _SINGKATAN:
            text = text.replace(long, short)
        words = text.split()
    if len(" ".join(words)) > room:
        words = [w for w in words if w.casefold() not in _PENGISI]
    while words and words[-1].casefold() in _PENGISI | {"tahun"}:
        words.pop()
    text = " ".join(words)
    if len(text) > room:
        cut = text[: room - 1]
        cut = cut.rsplit(" ", 1)[0] if " " in cut else cut
        text = cut.rstrip(" ,.–-") + "…"
    return _clean(prefix + text).strip("'")[:BATAS_NAMA_LEMBAR].rstrip()


def _acronyms(title: str) -> str:
    """'Nilai Akuntabilitas Kinerja Instansi Pemerintah (AKIP)' → 'Nilai AKIP': a phrase whose
    initials spell the acronym in brackets after it gives way to the acronym."""

    def replace(match: re.Match) -> str:
        words, acronym = match.group(1).split(), match.group(2)
        n = len(acronym)
        if len(words) >= n and "".join(w[0] for w in words[-n:]).upper() == acronym.upper():
            return " ".join(words[:-n] + [acronym])
        return match.group(0)

    return re.sub(r"((?:\S+\s+)*?\S+)\s*\(([A-Z]{2,6})\)", replace, title)


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", _TERLARANG.sub(" ", xlsx.clean_text(text))).strip()


def _split_columns(kisi: Kisi) -> set[int]:
    """The columns whose values carry a predicate somewhere: they get a predicate column."""
    return {
        p.kolom for p in kisi.badan if p.colspan == 1 and isinstance(p.isi, Sel) and p.isi.predikat
    }


def _write_table(ws, t: Tabel) -> None:
    kisi = tata(t)
    split = _split_columns(kisi)
    start = [1]  # the sheet column where each grid column starts
    for c in range(kisi.jumlah_kolom):
        start.append(start[-1] + (2 if c in split else 1))
    xlsx.style_title(xlsx.write_text(ws.cell(1, 1), f"{t.label} {t.judul}"))
    xlsx.link_to_sheet(ws.cell(2, 1), JUDUL_INDEKS, f"\u2190 {JUDUL_INDEKS}")
    top = 4
    for p in kisi.kepala:
        _write_header(ws, p, top, start, split, kisi.jumlah_baris_kepala)
    kosong = False
    for p in kisi.badan:
        kosong |= _write_body(ws, p, top, start, split)
    row = top + kisi.jumlah_baris
    notes = list(t.catatan) + ([CATATAN_KOSONG] if kosong else [])
    for note in notes:
        row += 1
        xlsx.write_text(ws.cell(row, 1), note)
    xlsx.write_text(ws.cell(row + 1, 1), f"Sumber: {t.sumber}")
    ws.freeze_panes = ws.cell(top + kisi.jumlah_baris_kepala, 1)
    widths = dict.fromkeys(range(1, start[-1]), 16)
    for p in kisi.badan:  # the widest text column (uraian) gets room
        if p.colspan == 1 and isinstance(p.isi, Sel) and not p.isi.angka:
            text = p.isi.teks if not p.isi.tidak_ada else ""
            col = start[p.kolom]
            widths[col] = max(widths[col], min(48, 8 + len(text) // 2))
    for c in split:
        widths[start[c] + 1] = 10
    xlsx.set_widths(ws, widths)


def _write_header(ws, p: Letak, top: int, start: list[int], split: set[int], rows: int) -> None:
    k: Kepala = p.isi  # type: ignore[assignment]
    row, col = top + p.baris, start[p.kolom]
    reaches_bottom = p.baris + p.rowspan == rows
    if p.colspan == 1 and p.kolom in split and reaches_bottom:
        _header_cell(ws, row, col, p.rowspan, 1, k.label)
        _header_cell(ws, row, col + 1, p.rowspan, 1, f"{k.label} \u2013 predikat")
        return
    width = start[p.kolom + p.colspan] - col
    _header_cell(ws, row, col, p.rowspan, width, k.label)


def _header_cell(ws, row: int, col: int, rowspan: int, colspan: int, label: str) -> None:
    cell = xlsx.style_header(xlsx.write_text(ws.cell(row, col), label))
    cell.alignment = _TENGAH
    _merge(ws, row, col, rowspan, colspan)


def _write_body(ws, p: Letak, top: int, start: list[int], split: set[int]) -> bool:
    """Write one body cell; True when it is empty for want of data."""
    c: Sel = p.isi  # type: ignore[assignment]
    row, col = top + p.baris, start[p.kolom]
    width = start[p.kolom + p.colspan] - col
    if p.colspan == 1 and p.kolom in split:
        width = 1
        pred = ws.cell(row, col + 1)
        if c.predikat:
            xlsx.write_text(pred, c.predikat)
        _style(pred, c, text=True)
        _merge(ws, row, col + 1, p.rowspan, 1)
    cell = ws.cell(row, col)
    empty = _write_value(cell, c)
    _style(cell, c, text=c.jenis == Jenis.TEKS)
    _merge(ws, row, col, p.rowspan, width)
    return empty


def _write_value(cell, c: Sel) -> bool:
    value = c.nilai
    if value is None or value == "":  # printed as its explanation; here an empty cell
        return not c.predikat and c.kosong == BELUM_ADA_DATA
    if isinstance(value, str):
        if c.angka or "angka" in c.kelas.split():
            if value.strip() in {"-", "\u2013"}:
                return False  # not applicable (a year still to come): empty, not missing
        xlsx.write_text(cell, value)
        return False
    number = Decimal(value)
    if c.jenis == Jenis.PERSEN:
        xlsx.write_percent(cell, number)
        cell.number_format = xlsx.format_persen(2)
    elif c.jenis == Jenis.NILAI and c.satuan == "%":
        xlsx.write_percent(cell, number)
        cell.number_format = xlsx.format_persen(_tempat(number))
    elif c.jenis == Jenis.RUPIAH:
        xlsx.write_number(cell, number, xlsx.FORMAT_RUPIAH)
    elif c.jenis == Jenis.BULAT:
        xlsx.write_number(cell, number, xlsx.format_desimal(0))
    elif c.jenis == Jenis.NILAI:
        xlsx.write_number(cell, number, xlsx.format_desimal(_tempat(number)))
    else:
        xlsx.write_number(cell, number, xlsx.format_desimal(2))
    return False


def _tempat(value: Decimal) -> int:
    """The decimals a value shows in its own unit (as the HTML and PDF print it)."""
    return formulas.tempat_nilai(formulas.bulatkan(value))


def _style(cell, c: Sel, *, text: bool) -> None:
    if "total" in c.kelas.split():
        cell.font = Font(bold=True)
    cell.border = _BORDER
    cell.alignment = Alignment(vertical="top", wrap_text=text)


def _merge(ws, row: int, col: int, rowspan: int, colspan: int) -> None:
    if rowspan > 1 or colspan > 1:
        ws.merge_cells(
            start_row=row, start_column=col, end_row=row + rowspan - 1, end_column=col + colspan - 1
        )
