"""Reading an uploaded exchange workbook safely, as a stream of rows for `exchange.importer.impor`.

First the container is checked before any XML is parsed (`lkip.xlsx_berkas.periksa_berkas`: size,
kind, zip bombs, sizes of the parts read whole, sheets and shared strings, no DTD), which also notes
where each sheet's last value ends.

Then openpyxl reads the workbook part and the styles, and every sheet is streamed by
`exchange.sheet_xml` (expat), never evaluating a formula:
- a cell holding a formula is taken as the value the spreadsheet program stored with it (its
  last calculation), and the sheet gets a warning saying so; a formula without a stored value is
  an error naming sheet, row and column; so is a cell holding an Excel error (#DIV/0!, #N/A…) or
  a text longer than a spreadsheet cell holds;
- the header is row 1 (case-insensitive, surrounding spaces ignored), blank rows are skipped;
  rows missing from the file cost nothing (a cell at XFD1048576 is one cell, not a million rows);
- reading a sheet stops at its `BATAS_BARIS`-th data row, and at its `BATAS_BARIS_KOSONG`-th blank
  row when something still follows (formatted blank rows after the data are never read);
- numbers stay numbers (the import turns them into Decimal through `formulas.parse_angka`, the
  parser the forms use), dates stay dates, text stays text.
"""

from __future__ import annotations

import io
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from exchange.columns import katalog, tingkat_pemda
from exchange.importer import Masalah, SelTakTerbaca
from exchange.sheet_xml import Format, Rumus, XmlDitolak, baris_sheet, teks_bersama
from lkip.formulas import format_angka

# The container check, shared with the survey's import; its limits are named here too (the
# workbook's README sheet and the views state them).
from lkip.xlsx_berkas import (
    BATAS_SHEET as BATAS_SHEET,
)
from lkip.xlsx_berkas import (
    BATAS_TEKS_BERSAMA,
    WorkbookDitolak,
    periksa_berkas,
)
from lkip.xlsx_berkas import (
    BATAS_UKURAN as BATAS_UKURAN,
)
from lkip.xlsx_berkas import (
    BATAS_URAI as BATAS_URAI,
)
from lkip.xlsx_berkas import (
    BATAS_XML_UTUH as BATAS_XML_UTUH,
)

BATAS_KOLOM = 200  # header columns read
BATAS_BARIS = 100_000  # data rows in one sheet (ten times the largest real sheet)
BATAS_BARIS_KOSONG = 10_000  # blank rows read among a sheet's data
SHEET_BERKAS = "Berkas"

warnings.filterwarnings("ignore", module=r"openpyxl(\..*)?$")


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
class Rekaman:
    """What one sheet gave while it was read: its rows and the problems the reader noted (kept
    when a preview is to be applied later without parsing the file again)."""

    baris: list[tuple[int, tuple]] = field(default_factory=list)
    masalah: list[Masalah] = field(default_factory=list)


@dataclass
class LembarBaca:
    """One sheet of the workbook: its headers now, its rows when `bernomor()` is iterated."""

    bacaan: Bacaan
    title: str
    kolom: list[str]
    _posisi: list[tuple[int, str]]  # (0-based column index, header) of the columns read
    _path: str

    def bernomor(self) -> Iterator[tuple[int, Baris]]:
        bacaan = self.bacaan
        mulai = len(bacaan.masalah)
        rekaman = bacaan.rekaman.setdefault(self.title, Rekaman()) if bacaan.rekam else None
        indeks = {name: n for n, (_i, name) in enumerate(self._posisi)}
        for nomor, values in self._baris():
            if rekaman is not None:
                rekaman.baris.append((nomor, values))
            yield nomor, Baris(indeks, values)
        if rekaman is not None:
            rekaman.masalah.extend(bacaan.masalah[mulai:])

    def _baris(self) -> Iterator[tuple[int, tuple]]:
        if not self._posisi:
            return
        bacaan, masalah = self.bacaan, self.bacaan.masalah
        columns = [i for i, _ in self._posisi]
        rumus = Rumus()
        # Where the part's last value ends; unknown (None): never stop before the limits.
        ujung = bacaan.ujung_isi.get(self._path.lower())
        baris, count, kosong = 1, 0, 0
        try:
            with bacaan.archive.open(self._path) as source:
                for row in baris_sheet(source, set(columns), bacaan.strings, bacaan.format, rumus):
                    if row.nomor <= 1:
                        continue  # the header (or a row claiming to be above it)
                    baris = row.nomor
                    values = tuple(_isi(row.sel.get(i)) for i in columns)
                    if all(v is None for v in values):
                        if ujung is not None and row.ujung >= ujung:
                            return  # only formatting follows: nothing is left to read
                        kosong += 1
                        if kosong > BATAS_BARIS_KOSONG:
                            masalah.append(
                                Masalah(
                                    self.title,
                                    baris,
                                    None,
                                    f"sheet ini berisi lebih dari "
                                    f"{format_angka(BATAS_BARIS_KOSONG, 0)} baris kosong di antara "
                                    "datanya, dan sesudah baris ini masih ada isi; hapus baris "
                                    "kosong itu (atau isi yang tersesat di bawahnya) lalu unggah "
                                    "lagi.",
                                )
                            )
                            return
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
                    yield baris, values
        except XmlDitolak as exc:
            masalah.append(
                Masalah(
                    self.title,
                    baris,
                    None,
                    f"isi sheet rusak dan tidak dapat dibaca lebih lanjut: {exc.pesan}",
                )
            )
            return
        except Exception as exc:  # a broken part of the zip: refuse the file, never a 500
            masalah.append(
                Masalah(
                    self.title,
                    baris,
                    None,
                    f"isi sheet rusak dan tidak dapat dibaca lebih lanjut ({type(exc).__name__}).",
                )
            )
            return
        names = dict(self._posisi)
        for index, n in rumus.per_kolom.items():
            masalah.append(
                Masalah(
                    self.title,
                    None,
                    names[index],
                    f"{n} sel berisi rumus; yang diimpor adalah nilai yang tersimpan bersama rumus "
                    "(hasil hitungan terakhir program spreadsheet), rumusnya tidak dihitung.",
                    "peringatan",
                )
            )


def _isi(value: Any) -> Any:
    return None if isinstance(value, str) and not value.strip() else value


@dataclass
class Bacaan:
    """The sheets of a workbook (in workbook order) and the problems found reading it."""

    sheets: dict[str, LembarBaca] = field(default_factory=dict)
    masalah: list[Masalah] = field(default_factory=list)
    archive: zipfile.ZipFile | None = None
    strings: list[Any] = field(default_factory=list)
    format: Format | None = None
    ujung_isi: dict[str, int] = field(default_factory=dict)
    rekam: bool = False  # keep every sheet's rows as they are read (see Rekaman)
    rekaman: dict[str, Rekaman] = field(default_factory=dict)
    masalah_awal: list[Masalah] = field(default_factory=list)  # noted before any row was read
    pemda: bool = False  # a pemda-level workbook (first sheet `Pemda`): its own columns

    def close(self) -> None:
        if self.archive is not None:
            self.archive.close()
            self.archive = None

    def __enter__(self) -> Bacaan:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _buku(data: bytes):
    """openpyxl's reader for what it does well (the workbook part, the sheet list, the date
    styles); the shared strings by `sheet_xml`, and no worksheet parsed by openpyxl at all."""
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.styles.stylesheet import apply_stylesheet
    from openpyxl.xml.constants import SHARED_STRINGS

    class Buku(ExcelReader):
        def read_strings(self) -> None:
            part = self.package.find(SHARED_STRINGS)
            if part is not None:
                with self.archive.open(part.PartName[1:]) as source:
                    self.shared_strings = teks_bersama(source, BATAS_TEKS_BERSAMA)

        def baca(self) -> list[tuple[str, str, str]]:
            """(name, state, part) of every worksheet, in workbook order."""
            self.read_manifest()
            self.read_strings()
            self.read_workbook()
            apply_stylesheet(self.archive, self.wb)
            return [
                (sheet.name, sheet.state or "visible", rel.target)
                for sheet, rel in self.parser.find_sheets()
                if rel.target in self.valid_files and "chartsheet" not in rel.Type
            ]

    return Buku(io.BytesIO(data), read_only=True, keep_vba=False, data_only=True, keep_links=False)


def read_workbook(data: bytes, *, rekam: bool = False) -> Bacaan:
    """Check and open a workbook; raises WorkbookDitolak when the file itself is refused."""
    pemeriksaan = periksa_berkas(data)
    bacaan = Bacaan(ujung_isi=pemeriksaan.ujung_isi, rekam=rekam)
    try:
        buku = _buku(data)
        bacaan.archive = buku.archive
        lembar = buku.baca()
        bacaan.strings = buku.shared_strings
        wb = buku.wb
        bacaan.format = Format(
            wb.epoch,
            frozenset(getattr(wb, "_date_formats", ()) or ()),
            frozenset(getattr(wb, "_timedelta_formats", ()) or ()),
        )
        bacaan.pemda = tingkat_pemda([title for title, _state, _path in lembar])
        for title, state, path in lembar:
            if title in bacaan.sheets:
                bacaan.masalah.append(
                    Masalah(title, None, None, "sheet dengan nama ini muncul dua kali.")
                )
                continue
            bacaan.sheets[title] = _lembar(bacaan, title, state, path)
    except WorkbookDitolak:
        bacaan.close()
        raise
    except XmlDitolak as exc:
        bacaan.close()
        raise WorkbookDitolak(f"workbook ditolak: {exc.pesan}") from None
    except Exception as exc:  # openpyxl refuses: a damaged or unusual file, never a 500
        bacaan.close()
        raise WorkbookDitolak(
            f"workbook tidak dapat dibaca ({type(exc).__name__}); simpan ulang sebagai .xlsx "
            "di program spreadsheet lalu unggah lagi."
        ) from None
    bacaan.masalah_awal = list(bacaan.masalah)
    return bacaan


def _lembar(bacaan: Bacaan, title: str, state: str, path: str) -> LembarBaca:
    from openpyxl.utils import get_column_letter

    if state != "visible":
        bacaan.masalah.append(
            Masalah(title, None, None, "sheet ini tersembunyi, tetapi tetap dibaca.", "peringatan")
        )
    header: dict[int, Any] = {}
    try:
        with bacaan.archive.open(path) as source:
            for row in baris_sheet(source, BATAS_KOLOM + 1, bacaan.strings, bacaan.format, Rumus()):
                if row.nomor == 1:
                    header = row.sel
                break  # the header is row 1 or there is none
    except XmlDitolak as exc:
        raise WorkbookDitolak(f"sheet {title}: isi sheet rusak: {exc.pesan}") from None
    posisi: list[tuple[int, str]] = []
    seen: dict[str, int] = {}
    for index, value in sorted(header.items()):
        if isinstance(value, SelTakTerbaca):
            bacaan.masalah.append(Masalah(title, 1, None, f"judul kolom: {value.pesan}"))
            continue
        if value is None or not str(value).strip():
            continue
        if index >= BATAS_KOLOM:
            bacaan.masalah.append(
                Masalah(
                    title,
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
                    title,
                    1,
                    name,
                    f"judul kolom ini muncul dua kali (kolom {get_column_letter(seen[name] + 1)} "
                    f"dan {get_column_letter(index + 1)}); hapus salah satunya.",
                )
            )
            continue
        seen[name] = index
        posisi.append((index, name))
    # Columns the format does not know are named (the import warns about them) but never read.
    spec = katalog(bacaan.pemda).get(title.strip().lower())
    dibaca = [(i, n) for i, n in posisi if spec is None or n in spec.nama_kolom]
    return LembarBaca(bacaan, title, [n for _, n in posisi], dibaca, path)
