"""Checking an uploaded xlsx file before openpyxl opens it: the content, never the file name.

- size: not empty, at most `BATAS_UKURAN`;
- kind: a zip (a PDF, an old .xls, an encrypted workbook, CSV or an OpenDocument file is named
  as such), whose `[Content_Types].xml` declares an OOXML spreadsheet (.xlsx) workbook; a
  workbook with macros (.xlsm, a vbaProject part), a template or a Word/PowerPoint file is refused;
- zip bombs: at most `BATAS_ANGGOTA` parts, a total uncompressed size of at most `BATAS_URAI`,
  and a compression ratio of at most `BATAS_RASIO` for every large part (Python's zipfile stops
  at the declared size and checks the CRC, so a part cannot lie about its size);
- no XML part declares a DTD or entities.

Shared by every upload of a workbook (the exchange workbook, the survey's paper questionnaires).
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
import zlib
from decimal import Decimal
from xml.etree import ElementTree

from lkip.formulas import format_angka

BATAS_UKURAN = 20 * 1024 * 1024
BATAS_URAI = 300 * 1024 * 1024
BATAS_RASIO = 200
BATAS_ANGGOTA = 5_000

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
                    f"{info.file_size // max(info.compress_size, 1)} kali "
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
                        f"bagian {info.filename} berisi deklarasi DTD/entitas XML yang tidak "
                        "diizinkan."
                    )
                if sheet and not slow and (_RUMUS.search(window) or _GALAT.search(window)):
                    slow = True
                tail = window[-32:]
    return slow
