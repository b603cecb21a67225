"""Writing the exchange workbook: an agency's data (export) and the blank template.

Numbers go out as numeric cells (money with a thousands format), except a value with more
significant digits than a spreadsheet keeps (15), which goes out as text in Indonesian notation
so that it comes back exact. Every text goes out as a text cell: a value that starts with =, +,
-, @, a tab or a carriage return is written with the text type and Excel's "quote prefix" flag,
so that no spreadsheet program runs it as a formula, and the import reads it back unchanged.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from exchange import reader
from exchange.columns import ATURAN_UMUM, LEMBAR, LEMBAR_PEMDA, README, Lembar
from exchange.export_pemda import rows_pemda
from exchange.export_rows import rows_of
from lkip import formulas, xlsx
from reports.models import BagianNarasi, Besaran

BATAS_TEKS_SEL = xlsx.BATAS_TEKS_SEL  # Excel's limit for one cell
_UANG = {
    "pagu",
    "anggaran",
    "pagu_murni",
    "pagu_perubahan",
    "realisasi",
    "realisasi_tw1",
    "realisasi_tw2",
    "realisasi_tw3",
    "realisasi_tw4",
}
_LEBAR = {
    "uraian": 50,
    "teks": 80,
    "nama": 40,
    "rumus": 50,
    "faktor_pendukung": 50,
    "faktor_penghambat": 50,
    "upaya": 50,
    "catatan": 40,
    "alasan": 50,
    "dasar_hukum": 50,
    "beban_kerja": 50,
    "kode": 20,
    "kepala_nama": 36,
    "kepala_jabatan": 36,
    "lokasi": 26,
}


class TeksTerlaluPanjang(ValueError):
    """A text longer than one spreadsheet cell holds: exporting it would silently cut it."""


class _Penulis:
    """Turns Python values into cells of one write-only worksheet."""

    def __init__(self, ws, sheet: str) -> None:
        self.ws = ws
        self.sheet = sheet
        self.row = 1

    def cell(self, value: Any, column: str = "") -> Any:
        if value is None or value == "":
            return None
        if isinstance(value, bool):
            return "ya" if value else "tidak"
        if isinstance(value, Decimal):
            exact = xlsx.exact_in_spreadsheet(value)
            if value == value.to_integral_value() and exact:
                value = int(value)
            elif not exact:
                return self.text(
                    formulas.format_angka(
                        value, tempat=max(0, -value.normalize().as_tuple().exponent)
                    )
                )
            if column in _UANG:
                return xlsx.write_number(WriteOnlyCell(self.ws), value, xlsx.number_format(value))
            return value
        if isinstance(value, (int, float)):
            return value
        if isinstance(value, dt.date):
            return xlsx.write_date(WriteOnlyCell(self.ws), value)
        return self.text(str(value), column)

    def text(self, value: str, column: str = "") -> Any:
        value = xlsx.clean_text(value)
        if len(value) > BATAS_TEKS_SEL:
            raise TeksTerlaluPanjang(
                f"Sheet {self.sheet}, baris {self.row}, kolom {column}: teks "
                f"{formulas.format_angka(len(value), 0)} karakter melebihi batas satu sel "
                f"spreadsheet ({formulas.format_angka(BATAS_TEKS_SEL, 0)}); persingkat teks ini "
                "sebelum mengekspor."
            )
        return xlsx.text_cell(self.ws, value)

    def append(self, values: Iterable[Any], columns: Iterable[str]) -> None:
        self.row += 1
        self.ws.append([self.cell(v, c) for v, c in zip(values, columns, strict=True)])


def _header(ws, lembar: Lembar) -> None:
    cells = []
    for kolom in lembar.kolom:
        cell = xlsx.style_header(WriteOnlyCell(ws, value=kolom.nama), dark=True)
        note = ("WAJIB. " if kolom.wajib else "Opsional. ") + kolom.keterangan
        if kolom.pilihan:
            note += ". Pilihan: " + ", ".join(kolom.pilihan)
        cell.comment = Comment(note, "LKIP", width=320, height=120)
        cells.append(cell)
    ws.append(cells)


def _prepare(ws, lembar: Lembar, *, validations: bool = True) -> None:
    xlsx.set_widths(
        ws,
        {
            index: _LEBAR.get(kolom.nama, max(14, len(kolom.nama) + 4))
            for index, kolom in enumerate(lembar.kolom, start=1)
        },
    )
    ws.freeze_panes = "A2"
    if not validations:
        return
    for index, kolom in enumerate(lembar.kolom, start=1):
        if not kolom.pilihan:
            continue
        letter = get_column_letter(index)
        dv = DataValidation(
            type="list",
            formula1='"' + ",".join(kolom.pilihan) + '"',
            allow_blank=True,
            showErrorMessage=True,
            errorStyle="warning",
            errorTitle="Pilihan tidak dikenal",
            error=f"Kolom {kolom.nama} berisi salah satu dari: {', '.join(kolom.pilihan)}.",
        )
        dv.add(f"{letter}2:{letter}1048576")
        ws.data_validations.append(dv)


def _batas() -> str:
    """The reader's limits, as the README sheet states them."""
    return (
        f"Batas satu workbook: berkas paling besar {reader.BATAS_UKURAN // 1024 // 1024} MB "
        f"({reader.BATAS_URAI // 1024 // 1024} MB setelah diurai), paling banyak "
        f"{reader.BATAS_SHEET} sheet, {formulas.format_angka(reader.BATAS_BARIS, 0)} baris data "
        f"dan {formulas.format_angka(reader.BATAS_BARIS_KOSONG, 0)} baris kosong di antara data "
        f"per sheet, {formulas.format_angka(BATAS_TEKS_SEL, 0)} karakter per sel."
    )


def _readme(wb: Workbook, opd_nama: str | None, lembar_list: tuple[Lembar, ...] = LEMBAR) -> None:

    ws = wb.create_sheet(README)
    xlsx.set_widths(ws, {"A": 22, "B": 24, "C": 10, "D": 8, "E": 90, "F": 40})
    pen = _Penulis(ws, README)
    title = WriteOnlyCell(
        ws,
        value="Workbook pertukaran data LKIP"
        + (f": {opd_nama}" if opd_nama else " (templat kosong)"),
    )
    xlsx.style_title(title, size=14)
    ws.append([title])
    ws.append([])
    for aturan in (*ATURAN_UMUM, _batas()):  # one line each, across the empty columns to its right
        ws.append([pen.text(f"• {aturan}")])
    ws.append([])
    heads = []
    for label in ("Sheet", "Kolom", "Wajib", "Kunci", "Keterangan", "Pilihan / contoh"):
        heads.append(xlsx.style_header(WriteOnlyCell(ws, value=label), dark=True))
    ws.append(heads)
    extra = {
        ("Narasi", "bagian"): tuple(BagianNarasi.values),
        ("Angka_Tercetak", "besaran"): tuple(Besaran.values),
    }
    for lembar in lembar_list:
        sheet_cell = pen.text(lembar.nama)
        sheet_cell.font = Font(bold=True)
        ws.append([sheet_cell, None, None, None, pen.text(lembar.keterangan)])
        for kolom in lembar.kolom:
            pilihan = kolom.pilihan or extra.get((lembar.nama, kolom.nama), ())
            hint = (
                ("pilihan: " + ", ".join(pilihan))
                if pilihan
                else (f"contoh: {kolom.contoh}" if kolom.contoh else None)
            )
            desc = pen.text(kolom.keterangan)
            desc.alignment = Alignment(wrap_text=True, vertical="top")
            ws.append(
                [
                    None,
                    pen.text(kolom.nama),
                    "ya" if kolom.wajib else "tidak",
                    "ya" if kolom.kunci else None,
                    desc,
                    pen.text(hint) if hint else None,
                ]
            )


def blank_template() -> bytes:
    """Every sheet with its headers (comments explain each column), drop-down lists for the
    enumerations, and a README sheet that explains every column in Indonesian."""
    wb = xlsx.new_workbook(write_only=True)
    _readme(wb, None)
    for lembar in LEMBAR:
        ws = wb.create_sheet(lembar.nama)
        _prepare(ws, lembar)
        _header(ws, lembar)
    return xlsx.save(wb)


def export_workbook(opd) -> bytes:
    """The agency's data of every year, in the exchange format (an import of it changes nothing)."""

    wb = xlsx.new_workbook(write_only=True)
    _readme(wb, opd.nama)
    try:
        for lembar in LEMBAR:
            ws = wb.create_sheet(lembar.nama)
            _prepare(ws, lembar)
            _header(ws, lembar)
            pen = _Penulis(ws, lembar.nama)
            columns = lembar.nama_kolom
            for row in rows_of(opd, lembar.nama):
                pen.append((row.get(c) for c in columns), columns)
    except TeksTerlaluPanjang:
        xlsx.save(wb)  # close the sheets' streams properly before giving up
        raise
    return xlsx.save(wb)


def export_workbook_pemda(pemda) -> bytes:
    """The pemda's own data (RPJMD, IKU of the Kepala Daerah, targets, realisations, budget per
    agency, pembiayaan, cascading) as a pemda-level workbook (first data sheet `Pemda`)."""
    wb = xlsx.new_workbook(write_only=True)
    _readme(wb, pemda.nama, LEMBAR_PEMDA)
    try:
        for lembar in LEMBAR_PEMDA:
            ws = wb.create_sheet(lembar.nama)
            _prepare(ws, lembar)
            _header(ws, lembar)
            pen = _Penulis(ws, lembar.nama)
            columns = lembar.nama_kolom
            for row in rows_pemda(pemda, lembar.nama):
                pen.append((row.get(c) for c in columns), columns)
    except TeksTerlaluPanjang:
        xlsx.save(wb)
        raise
    return xlsx.save(wb)
