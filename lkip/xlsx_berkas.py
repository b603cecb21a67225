"""Checking an uploaded spreadsheet file (.xlsx) before any XML is parsed, for every upload that
takes one (the exchange workbook, the survey's paper answers): the content, never the file name.
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
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections import deque
from dataclasses import dataclass, field
from decimal import Decimal
from xml.etree import ElementTree

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


class WorkbookDitolak(Exception):
    """The file is not a workbook this application reads; the message says why, in Indonesian."""

    def __init__(self, pesan: str) -> None:
        super().__init__(pesan)
        self.pesan = pesan


@dataclass(frozen=True)
class Masalah:
    """One thing wrong in an imported sheet, where it is: 'Sheet Jawaban, baris 4, kolom U3: …'
    (the survey's answers and the LKE worksheet's; the exchange workbook has its own, with a
    level: a warning there does not stop the import)."""

    lembar: str | None  # None: the file as a whole (not a workbook, unreadable)
    baris: int | None
    kolom: str | None
    pesan: str

    def __str__(self) -> str:
        if self.lembar is None:
            return self.pesan[:1].upper() + self.pesan[1:]
        tempat = [f"Sheet {self.lembar}"]
        if self.baris:
            tempat.append(f"baris {self.baris}")
        if self.kolom:
            tempat.append(f"kolom {self.kolom}")
        return f"{', '.join(tempat)}: {self.pesan}"


class ImporDitolak(Exception):
    """The import wrote nothing: every problem found, each where it is."""

    def __init__(self, masalah: list[Masalah]) -> None:
        super().__init__("\n".join(str(m) for m in masalah))
        self.masalah = masalah


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
