"""Reading an uploaded exchange workbook safely, as a stream of row dicts for `exchange.importer.impor`.

What is checked before openpyxl sees the file (the content, never the file name):
- size: not empty, at most `BATAS_UKURAN`;
- kind: a zip (a PDF, an old .xls, an encrypted workbook, CSV or an OpenDocument file is named
  as such), whose `[Content_Types].xml` declares an OOXML spreadsheet (.xlsx) workbook; a
  workbook with macros (.xlsm, a vbaProject part), a template or a Word/PowerPoint file is refused;
- zip bombs: at most `BATAS_ANGGOTA` parts, a total uncompressed size of at most `BATAS_URAI`,
  and a compression ratio of at most `BATAS_RASIO` for every large part (Python's zipfile stops
  at the declared size and checks the CRC, so a part cannot lie about its size);
- no XML part declares a DTD or entities.

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
import re
import warnings
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from xml.etree import ElementTree

from exchange.importer import Masalah, SelTakTerbaca
from lkip.formulas import format_angka

BATAS_UKURAN = 20 * 1024 * 1024
BATAS_URAI = 300 * 1024 * 1024
BATAS_RASIO = 200
BATAS_ANGGOTA = 5_000
BATAS_KOLOM = 200
BATAS_BARIS = 250_000

SHEET_BERKAS = "Berkas"

_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
_SIMPAN_ULANG = "simpan sebagai Buku Kerja Excel (.xlsx) lalu unggah lagi."
_MAIN_TYPES = {
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml": (
        "workbook ini berisi makro (.xlsm); simpan sebagai Buku Kerja Excel (.xlsx) tanpa makro "
        "lalu unggah lagi."
    ),
    "application/vnd.ms-excel.template.macroEnabled.main+xml": (
        f"berkas ini templat Excel bermakro (.xltm); {_SIMPAN_ULANG}"
    ),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml": (
        f"berkas ini templat Excel (.xltx); {_SIMPAN_ULANG}"
    ),
    "application/vnd.ms-excel.sheet.binary.macroEnabled.main": (
        f"berkas ini buku kerja biner Excel (.xlsb); {_SIMPAN_ULANG}"
    ),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": (
        "berkas ini dokumen Word (.docx), bukan workbook Excel (.xlsx)."
    ),
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": (
        "berkas ini presentasi PowerPoint (.pptx), bukan workbook Excel (.xlsx)."
    ),
}
_VBA = "application/vnd.ms-office.vbaProject"
_CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"

_RUMUS = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s/>]")
_GALAT = re.compile(rb"\st=[\"']e[\"']")
_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)

warnings.filterwarnings("ignore", module=r"openpyxl(\..*)?$")


class WorkbookDitolak(Exception):
    """The file is not a workbook this application reads; the message says why, in Indonesian."""

    def __init__(self, pesan: str) -> None:
        super().__init__(pesan)
        self.pesan = pesan


def _mib(n: int) -> str:
    return format_angka(Decimal(n) / 1024 / 1024, tempat=1) + " MB"


def _jenis_lain(data: bytes) -> str | None:
    """Name what a non-zip file really is, for the message."""
    head = data[:8]
    if head.startswith(b"%PDF"):
        return (
            "berkas ini sebenarnya PDF, bukan workbook Excel (.xlsx), walaupun namanya mungkin "
            "berakhiran .xlsx."
        )
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return (
            "berkas ini format Excel lama (.xls) atau workbook yang dilindungi kata sandi; buka di "
            "Excel, hapus kata sandinya bila ada, lalu simpan sebagai Buku Kerja Excel (.xlsx)."
        )
    if head[:2] in (b"\xff\xd8", b"\x89P") or head[:4] in (b"GIF8",):
        return "berkas ini gambar, bukan workbook Excel (.xlsx)."
    sample = data[:2048]
    if sample.lstrip().startswith((b"<", b"\xef\xbb\xbf<")):
        return "berkas ini teks HTML/XML, bukan workbook Excel (.xlsx)."
    try:
        sample.decode("utf-8")
        return (
            "berkas ini teks biasa (misalnya CSV), bukan workbook Excel (.xlsx); simpan sebagai "
            ".xlsx lalu unggah lagi."
        )
    except UnicodeDecodeError:
        return None


def periksa_berkas(data: bytes) -> bool:
    """Check the container; return whether any sheet holds formulas or error cells."""
    if not data:
        raise WorkbookDitolak("berkas kosong (0 byte); pilih workbook .xlsx yang berisi data.")
    if len(data) > BATAS_UKURAN:
        raise WorkbookDitolak(
            f"ukuran berkas {_mib(len(data))} melebihi batas {_mib(BATAS_UKURAN)}."
        )
    if not data.startswith(b"PK\x03\x04"):
        raise WorkbookDitolak(_jenis_lain(data) or "berkas ini bukan workbook Excel (.xlsx).")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        raise WorkbookDitolak("berkas .xlsx ini rusak (arsip zip tidak dapat dibaca).") from None
    with archive:
        infos = archive.infolist()
        names = {i.filename for i in infos}
        if "mimetype" in names and "[Content_Types].xml" not in names:
            raise WorkbookDitolak(
                "berkas ini spreadsheet OpenDocument (.ods); simpan sebagai Buku Kerja Excel (.xlsx)."
            )
        if "[Content_Types].xml" not in names:
            raise WorkbookDitolak("berkas ini arsip zip biasa, bukan workbook Excel (.xlsx).")
        if len(infos) > BATAS_ANGGOTA:
            raise WorkbookDitolak(
                f"berkas berisi {len(infos)} bagian (batas {BATAS_ANGGOTA}); ini bukan workbook biasa."
            )
        total = sum(i.file_size for i in infos)
        if total > BATAS_URAI:
            raise WorkbookDitolak(
                f"isi berkas setelah diurai {_mib(total)}, melebihi batas {_mib(BATAS_URAI)} "
                "(kemungkinan bom zip); pecah workbook menjadi beberapa berkas."
            )
        for info in infos:
            if info.file_size > 1024 * 1024 and info.file_size > BATAS_RASIO * max(
                info.compress_size, 1
            ):
                raise WorkbookDitolak(
                    f"bagian {info.filename} memampat {info.file_size // max(info.compress_size, 1)} kali "
                    f"(batas {BATAS_RASIO} kali): berkas ini tampak seperti bom zip dan ditolak."
                )
            if info.flag_bits & 0x1:
                raise WorkbookDitolak(
                    "berkas ini terenkripsi; simpan tanpa kata sandi lalu unggah lagi."
                )
        try:
            _periksa_jenis(archive)
            return _pindai(archive, infos)
        except WorkbookDitolak:
            raise
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError):
            raise WorkbookDitolak(
                "berkas .xlsx ini rusak (isi arsip zip tidak dapat diurai)."
            ) from None


def _periksa_jenis(archive: zipfile.ZipFile) -> None:
    raw = archive.read("[Content_Types].xml")
    if _DTD.search(raw):
        raise WorkbookDitolak("berkas berisi deklarasi DTD/entitas XML yang tidak diizinkan.")
    try:
        root = ElementTree.fromstring(raw)
    except ElementTree.ParseError:
        raise WorkbookDitolak(
            "berkas .xlsx ini rusak ([Content_Types].xml tidak dapat dibaca)."
        ) from None
    types = {el.get("ContentType", "") for el in root.iter(f"{_CT_NS}Override")}
    types |= {el.get("ContentType", "") for el in root.iter(f"{_CT_NS}Default")}
    for content_type, pesan in _MAIN_TYPES.items():
        if content_type in types:
            raise WorkbookDitolak(pesan)
    if _XLSX not in types:
        raise WorkbookDitolak(
            "berkas zip ini bukan workbook Excel (.xlsx): bagian workbook-nya tidak ada."
        )
    if _VBA in types or any(n.lower().endswith("vbaproject.bin") for n in archive.namelist()):
        raise WorkbookDitolak(
            "workbook ini berisi makro (VBA); simpan sebagai .xlsx tanpa makro lalu unggah lagi."
        )


def _pindai(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> bool:
    """Stream every XML part once: refuse DTDs, and find out whether any sheet holds formulas
    or error cells (only then does the reader pay for a second, value-only pass)."""
    slow = False
    for info in infos:
        name = info.filename.lower()
        if not name.endswith((".xml", ".rels", ".vml")):
            continue
        sheet = name.startswith("xl/worksheets/")
        tail = b""
        with archive.open(info) as stream:
            while chunk := stream.read(1 << 20):
                window = tail + chunk
                if _DTD.search(window):
                    raise WorkbookDitolak(
                        f"bagian {info.filename} berisi deklarasi DTD/entitas XML yang tidak diizinkan."
                    )
                if sheet and not slow and (_RUMUS.search(window) or _GALAT.search(window)):
                    slow = True
                tail = window[-32:]
    return slow


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
