"""Reading an uploaded exchange workbook safely, as a stream of row dicts for `exchange.importer.impor`.

Before openpyxl sees the file, `lkip.xlsx_berkas.periksa_berkas` checks the container (size,
kind, zip bombs, DTDs; shared with the survey's import of paper questionnaires).

Then openpyxl reads it in read-only (streaming) mode, never evaluating a formula:
- a cell holding a formula is taken as the value the spreadsheet program stored with it (its
  last calculation), and the sheet gets a warning saying so; a formula without a stored value is
  an error naming sheet, row and column; so is a cell holding an Excel error (#DIV/0!, #N/A…);
- the header is row 1 (case-insensitive, surrounding spaces ignored), blank rows are skipped;
- numbers stay numbers (the import turns them into Decimal through `formulas.parse_angka`, the
  parser the forms use), dates stay dates, text stays text.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from exchange.importer import Masalah, SelTakTerbaca
from lkip.formulas import format_angka
from lkip.xlsx_berkas import (  # noqa: F401  (re-exported: the container check lives in lkip)
    BATAS_ANGGOTA,
    BATAS_RASIO,
    BATAS_UKURAN,
    BATAS_URAI,
    WorkbookDitolak,
    periksa_berkas,
)

BATAS_KOLOM = 200
BATAS_BARIS = 250_000

SHEET_BERKAS = "Berkas"


class Baris:
    """One data row: its values in header order, looked up by column name like a dict.

    A tuple and a shared index instead of a dict per row: a large sheet takes a third of the memory.
    """

    __slots__ = ("_indeks", "_nilai")

    def __init__(self, indeks: dict[str, int], nilai: tuple) -> None:
        self._indeks = indeks
        self._nilai = nilai

    def get(self, key: str, default: Any = None) -> Any:
        i = self._indeks.get(key)
        value = self._nilai[i] if i is not None else None
        return default if value is None else value

    def __getitem__(self, key: str) -> Any:
        return self._nilai[self._indeks[key]]

    def __contains__(self, key: object) -> bool:
        return key in self._indeks

    def keys(self):
        return self._indeks.keys()

    def items(self):
        return ((k, self._nilai[i]) for k, i in self._indeks.items())

    def __repr__(self) -> str:
        return f"Baris({dict(self.items())!r})"


@dataclass
class LembarBaca:
    """One sheet of the workbook: its headers now, its rows when `bernomor()` is iterated."""

    bacaan: Bacaan
    title: str
    kolom: list[str]
    _posisi: list[tuple[int, str]]  # (0-based column index, header)
    _ws: Any
    _ws_rumus: Any

    def bernomor(self) -> Iterator[tuple[int, Baris]]:
        formulas_per_col: dict[str, int] = {}
        masalah = self.bacaan.masalah
        width = max((i for i, _ in self._posisi), default=-1) + 1
        if width == 0:
            return
        indeks = {name: n for n, (_i, name) in enumerate(self._posisi)}
        values_only = self._ws_rumus is None
        rows = self._ws.iter_rows(min_row=2, max_col=width, values_only=values_only)
        rumus = (
            self._ws_rumus.iter_rows(min_row=2, max_col=width)
            if self._ws_rumus is not None
            else None
        )
        baris = 1
        count = 0
        try:
            for cells in rows:
                baris += 1
                rcells = next(rumus, None) if rumus is not None else None
                values = []
                for index, name in self._posisi:
                    if index >= len(cells):
                        value = None
                    elif values_only:
                        value = cells[index]
                    else:
                        value = self._nilai(
                            cells[index],
                            rcells[index] if rcells and index < len(rcells) else None,
                            name,
                            formulas_per_col,
                        )
                    if isinstance(value, str) and not value.strip():
                        value = None
                    values.append(value)
                if all(v is None for v in values):
                    continue
                count += 1
                if count > BATAS_BARIS:
                    masalah.append(
                        Masalah(
                            self.title,
                            baris,
                            None,
                            f"sheet ini berisi lebih dari {format_angka(BATAS_BARIS, 0)} baris "
                            "data; pecah workbook menjadi beberapa berkas.",
                        )
                    )
                    return
                yield baris, Baris(indeks, tuple(values))
        except Exception as exc:  # a broken part of the zip or XML: refuse the file, never a 500
            masalah.append(
                Masalah(
                    self.title,
                    baris,
                    None,
                    f"isi sheet rusak dan tidak dapat dibaca lebih lanjut ({type(exc).__name__}).",
                )
            )
            return
        for name, n in formulas_per_col.items():
            masalah.append(
                Masalah(
                    self.title,
                    None,
                    name,
                    f"{n} sel berisi rumus; yang diimpor adalah nilai yang tersimpan bersama rumus "
                    "(hasil hitungan terakhir program spreadsheet), rumusnya tidak dihitung.",
                    "peringatan",
                )
            )

    @staticmethod
    def _nilai(cell, cell_rumus, name: str, formulas_per_col: dict[str, int]) -> Any:
        value = getattr(cell, "value", None)
        if getattr(cell, "data_type", None) == "e":
            return SelTakTerbaca(f"sel berisi galat {value}; isi nilai yang benar.")
        if cell_rumus is not None and getattr(cell_rumus, "data_type", None) == "f":
            formula = str(cell_rumus.value)
            if value is None:
                return SelTakTerbaca(
                    f"sel berisi rumus {formula[:60]} tanpa nilai tersimpan; rumus tidak dihitung oleh aplikasi. "
                    "Isi nilainya langsung, atau buka dan simpan ulang berkas di program spreadsheet."
                )
            formulas_per_col[name] = formulas_per_col.get(name, 0) + 1
        return value


@dataclass
class Bacaan:
    """The sheets of a workbook (in workbook order) and the problems found reading it."""

    sheets: dict[str, LembarBaca] = field(default_factory=dict)
    masalah: list[Masalah] = field(default_factory=list)
    _books: list[Any] = field(default_factory=list)

    def close(self) -> None:
        for book in self._books:
            book.close()
        self._books.clear()

    def __enter__(self) -> Bacaan:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def read_workbook(data: bytes) -> Bacaan:
    """Check and open a workbook; raises WorkbookDitolak when the file itself is refused."""
    from openpyxl import load_workbook

    slow = periksa_berkas(data)
    bacaan = Bacaan()
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
        bacaan._books.append(book)
        book_rumus = None
        if slow:
            book_rumus = load_workbook(
                io.BytesIO(data), read_only=True, data_only=False, keep_links=False
            )
            bacaan._books.append(book_rumus)
        for ws in book.worksheets:
            ws_rumus = book_rumus[ws.title] if book_rumus is not None else None
            bacaan.sheets[ws.title] = _lembar(bacaan, ws, ws_rumus)
    except WorkbookDitolak:
        bacaan.close()
        raise
    except Exception as exc:  # openpyxl refuses: a damaged or unusual file, never a 500
        bacaan.close()
        raise WorkbookDitolak(
            f"workbook tidak dapat dibaca ({type(exc).__name__}); simpan ulang sebagai .xlsx "
            "di program spreadsheet lalu unggah lagi."
        ) from None
    return bacaan


def _lembar(bacaan: Bacaan, ws, ws_rumus) -> LembarBaca:
    ws.reset_dimensions()  # a file's own dimension record may claim a million columns
    if ws_rumus is not None:
        ws_rumus.reset_dimensions()
    if getattr(ws, "sheet_state", "visible") != "visible":
        bacaan.masalah.append(
            Masalah(
                ws.title, None, None, "sheet ini tersembunyi, tetapi tetap dibaca.", "peringatan"
            )
        )
    header = next(ws.iter_rows(min_row=1, max_row=1, max_col=BATAS_KOLOM + 1, values_only=True), ())
    posisi: list[tuple[int, str]] = []
    seen: dict[str, int] = {}
    from openpyxl.utils import get_column_letter

    for index, value in enumerate(header):
        if value is None or not str(value).strip():
            continue
        if index >= BATAS_KOLOM:
            bacaan.masalah.append(
                Masalah(
                    ws.title,
                    1,
                    None,
                    f"lebih dari {BATAS_KOLOM} kolom; kolom sesudahnya diabaikan.",
                    "peringatan",
                )
            )
            break
        name = str(value).strip().lower()
        if name in seen:
            bacaan.masalah.append(
                Masalah(
                    ws.title,
                    1,
                    name,
                    f"judul kolom ini muncul dua kali (kolom {get_column_letter(seen[name] + 1)} dan "
                    f"{get_column_letter(index + 1)}); hapus salah satunya.",
                )
            )
            continue
        seen[name] = index
        posisi.append((index, name))
    return LembarBaca(bacaan, ws.title, [n for _, n in posisi], posisi, ws, ws_rumus)
