"""Writing xlsx: the one safe-cell rule and the helpers every workbook of the project shares.

The rule (`write_text`): every text goes out as a text cell, never as a formula. Characters a
workbook cannot hold are dropped, the cell gets the text type, and a text that a spreadsheet
would run as a formula (it starts with =, +, -, @, a tab or a carriage return) also gets Excel's
"quote prefix" flag, so it shows as typed and reads back unchanged. Numbers go out as numbers.

Used by the report's tables (`reports.laporan.render`), the pemda dashboard export
(`reports.dashboard.export`), the list screens (`table_xlsx`) and the exchange workbook.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell, WriteOnlyCell
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

#: Text starting with one of these is a formula (or DDE) to a spreadsheet program.
BERBAHAYA = ("=", "+", "-", "@", "\t", "\r")
#: The most characters one cell holds (Excel).
BATAS_TEKS_SEL = 32_767
#: The most significant digits a spreadsheet keeps of a number (IEEE double).
DIGIT_SPREADSHEET = 15

FORMAT_BULAT = "#,##0"
FORMAT_DESIMAL = "#,##0.00"
FORMAT_NILAI = "#,##0.##"  # as many decimals as the value has, at most 2
FORMAT_PERSEN = "0.00%"  # the cell holds the fraction (12.5% is 0.125)
FORMAT_TANGGAL = "d mmmm yyyy"
#: Formats tagged Indonesian (LCID 421): Excel's own code for rupiah, and numbers a spreadsheet in
#: the Indonesian locale shows as 1.234,56 and 89,73%.
LOKAL = "[$-421]"
FORMAT_RUPIAH = "[$Rp-421]#,##0"

_KEPALA = (Font(bold=True), PatternFill("solid", fgColor="E6E6E6"))
_KEPALA_GELAP = (Font(bold=True, color="FFFFFF"), PatternFill("solid", fgColor="1F4E79"))
_KOSONG = Font(italic=True, color="555555")


def new_workbook(*, write_only: bool = False) -> Workbook:
    """An empty workbook (write-only for big streamed exports: build cells with `text_cell`)."""
    return Workbook(write_only=write_only)


def save(wb: Workbook) -> bytes:
    """The workbook as xlsx bytes."""
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def clean_text(text: str) -> str:
    """The text without the control characters an xlsx file cannot hold."""
    return ILLEGAL_CHARACTERS_RE.sub("", text)


def write_text(cell: Cell, text: str) -> Cell:
    """THE safe-cell rule: `text` as a text cell, never a formula (quote prefix when it looks like
    one)."""
    text = clean_text(str(text))
    cell.value = text
    cell.data_type = "s"  # never a formula, never an error code such as #N/A
    if text.startswith(BERBAHAYA):
        cell.quotePrefix = True
    return cell


def text_cell(ws, text: str) -> Cell:
    """A cell of a write-only sheet holding `text` by the safe-cell rule."""
    return write_text(WriteOnlyCell(ws), text)


def write_missing(cell: Cell, text: str) -> Cell:
    """A missing value: its explanation (e.g. "belum ada data") as text, in grey italics."""
    write_text(cell, text)
    cell.font = _KOSONG
    return cell


def number_format(value: Decimal | int) -> str:
    """Thousands format of an amount: without decimals when it is whole, else with two."""
    if isinstance(value, int) or value == value.to_integral_value():
        return FORMAT_BULAT
    return FORMAT_DESIMAL


def format_desimal(tempat: int) -> str:
    """An Indonesian number format with `tempat` decimals (0: whole, with thousands)."""
    return f"{LOKAL}#,##0" + ("." + "0" * tempat if tempat else "")


def format_persen(tempat: int) -> str:
    """An Indonesian percentage format with `tempat` decimals (the cell holds the fraction)."""
    return f"{LOKAL}0" + ("." + "0" * tempat if tempat else "") + "%"


def link_to_sheet(cell: Cell, sheet: str, text: str) -> Cell:
    """`text` as a hyperlink to cell A1 of the sheet named `sheet` in the same workbook."""
    from openpyxl.worksheet.hyperlink import Hyperlink

    cell.style = "Hyperlink"  # first: a named style resets the cell's other formatting
    write_text(cell, text)
    quoted = sheet.replace("'", "''")
    cell.hyperlink = Hyperlink(ref=cell.coordinate, location=f"'{quoted}'!A1", display=text)
    return cell


def write_number(cell: Cell, value: Decimal | int | float, fmt: str | None = None) -> Cell:
    """A number as a number cell, with `fmt` (default: `number_format` for a Decimal)."""
    cell.value = value
    if fmt is not None:
        cell.number_format = fmt
    elif isinstance(value, Decimal):
        cell.number_format = number_format(value)
    return cell


def write_date(cell: Cell, value: date) -> Cell:
    """A date as a date cell, shown the Indonesian way ("20 Januari 2025" in an Indonesian
    Excel)."""
    cell.value = value
    cell.number_format = FORMAT_TANGGAL
    return cell


def write_percent(cell: Cell, value: Decimal | int) -> Cell:
    """A percentage (89.73) as the fraction a spreadsheet's % format expects (0.8973)."""
    cell.value = Decimal(value) / 100
    cell.number_format = FORMAT_PERSEN
    return cell


def exact_in_spreadsheet(value: Decimal) -> bool:
    """True when a spreadsheet keeps every significant digit of `value` (at most 15)."""
    return len(value.normalize().as_tuple().digits) <= DIGIT_SPREADSHEET


def put(cell: Cell, value) -> None:
    """Any value: None stays empty, yes/no for a bool, numbers as numbers, the rest as text."""
    if value is None:
        return
    if isinstance(value, bool):
        write_text(cell, "ya" if value else "tidak")
    elif isinstance(value, (int, float, Decimal)):
        write_number(cell, value)
    else:
        write_text(cell, str(value))


def style_header(cell: Cell, *, dark: bool = False) -> Cell:
    """A header cell: bold on light grey, or (dark) white bold on dark blue."""
    cell.font, cell.fill = _KEPALA_GELAP if dark else _KEPALA
    return cell


def style_title(cell: Cell, size: int = 12) -> Cell:
    """A sheet's title line: bold, larger."""
    cell.font = Font(bold=True, size=size)
    return cell


def set_widths(ws, widths: Mapping[int | str, float]) -> None:
    """Column widths by 1-based index or letter: ``set_widths(ws, {1: 26, "B": 48})``."""
    for column, width in widths.items():
        letter = get_column_letter(column) if isinstance(column, int) else column
        ws.column_dimensions[letter].width = width


def table_xlsx(title: str, header: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    """One sheet: a bold header row, then the rows (a list screen as a spreadsheet)."""
    wb = new_workbook()
    ws = wb.active
    ws.title = title[:31]
    for col, label in enumerate(header, start=1):
        put(ws.cell(1, col), label)
        ws.cell(1, col).font = Font(bold=True)
    for r, row in enumerate(rows, start=2):
        for col, value in enumerate(row, start=1):
            put(ws.cell(r, col), value)
    ws.freeze_panes = "A2"
    set_widths(ws, dict.fromkeys(range(1, len(header) + 1), 22))
    return save(wb)
