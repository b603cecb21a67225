"""Writing xlsx safely: text that a spreadsheet would run as a formula stays text."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Font


def put(cell, value) -> None:
    """Numbers as numbers; every string as a string cell (never a formula)."""
    if value is None:
        return
    if isinstance(value, bool):
        cell.value = "ya" if value else "tidak"
        cell.data_type = "s"
    elif isinstance(value, (int, float, Decimal)):
        cell.value = value
        if isinstance(value, Decimal):
            cell.number_format = "#,##0" if value == value.to_integral_value() else "#,##0.00"
    else:
        cell.value = str(value)
        cell.data_type = "s"


def table_xlsx(title: str, header: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = title[:31]
    for col, label in enumerate(header, start=1):
        put(ws.cell(1, col), label)
        ws.cell(1, col).font = Font(bold=True)
    for r, row in enumerate(rows, start=2):
        for col, value in enumerate(row, start=1):
            put(ws.cell(r, col), value)
    ws.freeze_panes = "A2"
    for col in range(1, len(header) + 1):
        ws.column_dimensions[ws.cell(1, col).column_letter].width = 22
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
