"""Reading an uploaded exchange workbook safely, as a stream of rows for `exchange.importer.impor`.

What is checked before any XML is parsed (the content, never the file name):
- size: not empty, at most `BATAS_UKURAN`;
- kind: a zip (a PDF, an old .xls, an encrypted workbook, CSV or an OpenDocument file is named
  as such), whose `[Content_Types].xml` declares an OOXML spreadsheet (.xlsx) workbook; a
  workbook with macros (.xlsm, a vbaProject part), a template or a Word/PowerPoint file is refused;
- zip bombs: at most `BATAS_ANGGOTA` parts, a total uncompressed size of at most `BATAS_URAI`,
  and a compression ratio of at most `BATAS_RASIO` for every large part (Python's zipfile stops
  at the declared size and checks the CRC, so a part cannot lie about its size);
- the parts read whole (content types, the workbook part and its relationships, the styles) are
  at most `BATAS_XML_UTUH` each; at most `BATAS_SHEET` sheets and `BATAS_TEKS_BERSAMA` shared
  strings;
- no XML part declares a DTD or entities.
One streaming pass over every XML part does the last checks and notes, for each sheet, where its
last value ends (so that reading can stop where only formatted blank rows follow).

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
import re
import warnings
import zipfile
import zlib
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from xml.etree import ElementTree

from exchange.columns import LEMBAR_MENURUT_NAMA
from exchange.importer import Masalah, SelTakTerbaca
from exchange.sheet_xml import Format, Rumus, XmlDitolak, baris_sheet, teks_bersama
from lkip.formulas import format_angka

# Limits, comfortably above real use: the largest real agency has about 10,000 budget lines; its
# workbook (bench/import_workbook.py) is 0.8 MB, 7.5 MB unpacked, 17,000 rows, no sheet over
# 10,000 rows. Each limit refuses with a message saying which one and what to do.
BATAS_UKURAN = 20 * 1024 * 1024  # the file as uploaded
BATAS_URAI = 100 * 1024 * 1024  # all parts unpacked (13 times the largest real workbook)
BATAS_RASIO = 200  # compression ratio of a part over 1 MB
BATAS_ANGGOTA = 5_000  # parts in the zip
BATAS_XML_UTUH = 16 * 1024 * 1024  # a part openpyxl reads whole (workbook, relationships, styles)
BATAS_SHEET = 100  # sheets (the format has 20)
BATAS_TEKS_BERSAMA = 500_000  # shared strings
BATAS_KOLOM = 200  # header columns read
BATAS_BARIS = 100_000  # data rows in one sheet (ten times the largest real sheet)
BATAS_BARIS_KOSONG = 10_000  # blank rows read among a sheet's data

SHEET_BERKAS = "Berkas"

_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
_WORKSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
_SST = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
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

_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_SHEET = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?sheet[\s/>]")
_AKHIR_DATA = re.compile(rb"</(?:[A-Za-z_][\w.-]*:)?sheetData\s*>")
# What only a cell with content holds: a value (<v>), an inline string (<is>) or a formula (<f>),
# with any namespace prefix. A false match (a comment, <v/>) only means reading on a little longer;
# a missed one would skip data, so the pattern is loose.
_ISI = re.compile(rb"<(?:[^\s<>/!?\"'=]+:)?(?:v|is|f)[\s/>]")
_SI = (b"<si>", b"<si ", b"<si/>", b":si>", b":si ", b":si/>")  # prefixed: closing tags count too

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


@dataclass
class Pemeriksaan:
    """What the container check learned for the reader."""

    ujung_isi: dict[str, int] = field(default_factory=dict)  # sheet part → end of its last value


@dataclass
class _Bagian:
    """The parts named by [Content_Types].xml that the checks treat specially."""

    workbook: str
    sheets: set[str]
    teks_bersama: set[str]


def periksa_berkas(data: bytes) -> Pemeriksaan:
    """Check the container before any XML is parsed; WorkbookDitolak says why a file is refused."""
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
                "berkas ini spreadsheet OpenDocument (.ods); simpan sebagai Buku Kerja Excel "
                "(.xlsx)."
            )
        if "[Content_Types].xml" not in names:
            raise WorkbookDitolak("berkas ini arsip zip biasa, bukan workbook Excel (.xlsx).")
        if len(infos) > BATAS_ANGGOTA:
            raise WorkbookDitolak(
                f"berkas berisi {len(infos)} bagian (batas {BATAS_ANGGOTA}); ini bukan workbook "
                "biasa."
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
                    f"bagian {info.filename} memampat "
                    f"{info.file_size // max(info.compress_size, 1)} kali (batas {BATAS_RASIO} "
                    "kali): berkas ini tampak seperti bom zip dan ditolak."
                )
            if info.flag_bits & 0x1:
                raise WorkbookDitolak(
                    "berkas ini terenkripsi; simpan tanpa kata sandi lalu unggah lagi."
                )
        try:
            bagian = _periksa_jenis(archive)
            return _pindai(archive, infos, bagian)
        except WorkbookDitolak:
            raise
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError):
            raise WorkbookDitolak(
                "berkas .xlsx ini rusak (isi arsip zip tidak dapat diurai)."
            ) from None


def _baca_utuh(archive: zipfile.ZipFile, name: str) -> bytes:
    """A part that is parsed whole: bounded in size, and without a DTD."""
    size = archive.getinfo(name).file_size
    if size > BATAS_XML_UTUH:
        raise WorkbookDitolak(
            f"bagian {name} berukuran {_mib(size)} setelah diurai (batas {_mib(BATAS_XML_UTUH)}); "
            "ini bukan workbook biasa."
        )
    raw = archive.read(name)
    if _DTD.search(raw):
        raise WorkbookDitolak(
            f"bagian {name} berisi deklarasi DTD/entitas XML yang tidak diizinkan."
        )
    return raw


def _periksa_jenis(archive: zipfile.ZipFile) -> _Bagian:
    raw = _baca_utuh(archive, "[Content_Types].xml")
    try:
        root = ElementTree.fromstring(raw)
    except ElementTree.ParseError:
        raise WorkbookDitolak(
            "berkas .xlsx ini rusak ([Content_Types].xml tidak dapat dibaca)."
        ) from None
    overrides = [
        (el.get("PartName", "").lstrip("/"), el.get("ContentType", ""))
        for el in root.iter(f"{_CT_NS}Override")
    ]
    types = {t for _name, t in overrides}
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
    names = set(archive.namelist())
    # As openpyxl finds it: the part declared as the workbook, else the default location.
    workbook = next((n for n, t in overrides if t == _XLSX), "xl/workbook.xml")
    folder, _, base = workbook.rpartition("/")
    for name in (workbook, f"{folder}/_rels/{base}.rels", "xl/styles.xml"):
        if name in names:
            _baca_utuh(archive, name)  # raises when too large or with a DTD
    sheets = len(_SHEET.findall(archive.read(workbook))) if workbook in names else 0
    if sheets > BATAS_SHEET:
        raise WorkbookDitolak(
            f"workbook berisi {format_angka(sheets, 0)} sheet (batas {BATAS_SHEET}); hapus sheet "
            "yang tidak diperlukan lalu unggah lagi."
        )
    return _Bagian(
        workbook,
        {n.lower() for n, t in overrides if t == _WORKSHEET},
        {n.lower() for n, t in overrides if t == _SST},
    )


def _pindai(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo], bagian: _Bagian) -> Pemeriksaan:
    """Stream every XML part once: refuse DTDs and an oversized shared-string table, and note
    where each sheet's last value ends."""
    hasil = Pemeriksaan()
    for info in infos:
        name = info.filename.lower()
        if not name.endswith((".xml", ".rels", ".vml")):
            continue
        sheet, sst = name in bagian.sheets, name in bagian.teks_bersama
        tail, offset, ujung, data_selesai, strings = b"", 0, 0, False, 0
        with archive.open(info) as stream:
            while chunk := stream.read(1 << 20):
                window = tail + chunk
                start = offset - len(tail)  # where window begins in the part
                if b"<!" in window and _DTD.search(window):
                    raise WorkbookDitolak(
                        f"bagian {info.filename} berisi deklarasi DTD/entitas XML yang tidak "
                        "diizinkan."
                    )
                if sheet and not data_selesai:
                    found = _AKHIR_DATA.search(window) if b"sheetData" in window else None
                    limit = found.start() if found else len(window)
                    data_selesai = found is not None
                    last = _isi_terakhir(window, limit)
                    if last >= 0:
                        ujung = max(ujung, start + last)
                if sst:
                    strings += sum(window.count(s) - tail.count(s) for s in _SI)
                    if strings > BATAS_TEKS_BERSAMA:
                        raise WorkbookDitolak(
                            f"tabel teks bersama (sharedStrings) berisi lebih dari "
                            f"{format_angka(BATAS_TEKS_BERSAMA, 0)} teks; ini bukan workbook biasa."
                        )
                offset += len(chunk)
                tail = window[-32:]
        if sheet:
            hasil.ujung_isi[name] = ujung
    return hasil


def _isi_terakhir(window: bytes, limit: int) -> int:
    """Where the last content tag in window[:limit] ends, or -1: looked for near the end first,
    where a sheet with data has one."""
    for size in (4096, 65536, limit):
        begin = max(0, limit - size)
        last = deque(_ISI.finditer(window, begin, limit), maxlen=1)
        if last:
            return last[0].end()
        if begin == 0:
            break
    return -1


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
    spec = LEMBAR_MENURUT_NAMA.get(title.strip().lower())
    dibaca = [(i, n) for i, n in posisi if spec is None or n in spec.nama_kolom]
    return LembarBaca(bacaan, title, [n for _, n in posisi], dibaca, path)
