"""The exchange workbook as a file: safe reading, export, template, and the import of an xlsx.

`impor_xlsx(data, ...)` is what `import_workbook` calls: the file is checked and streamed by
`reader`, its rows go through the one import service (`exchange.importer.impor`), and a refused
file comes back as a result with one problem on the pseudo-sheet "Berkas". The upload page
previews with `pratinjau_xlsx`, which also keeps the rows it read, and applies them with
`terapkan_tersimpan`: the file is parsed once.
"""

from __future__ import annotations

import logging

from exchange import tersimpan
from exchange.importer import ALASAN_BAKU, HasilImpor, Masalah, impor
from exchange.reader import BATAS_UKURAN, SHEET_BERKAS, WorkbookDitolak, read_workbook
from exchange.writer import (
    TeksTerlaluPanjang,
    blank_template,
    export_workbook,
    export_workbook_pemda,
)

logger = logging.getLogger(__name__)

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def impor_xlsx(
    data: bytes,
    *,
    opd_kode: str | None = None,
    dry_run: bool = False,
    user=None,
    alasan: str = ALASAN_BAKU,
    harapan: str | None = None,
) -> HasilImpor:
    """Check, read and import an xlsx workbook (all or nothing); never raises for a bad file."""
    try:
        bacaan = read_workbook(data)
    except WorkbookDitolak as exc:
        return HasilImpor(masalah=[Masalah(SHEET_BERKAS, None, None, exc.pesan)])
    with bacaan:
        return _impor(
            bacaan.sheets,
            bacaan.masalah,
            opd_kode=opd_kode,
            dry_run=dry_run,
            user=user,
            alasan=alasan,
            harapan=harapan,
        )


def pratinjau_xlsx(
    data: bytes, *, opd_kode: str | None = None, user=None
) -> tuple[HasilImpor, bytes | None]:
    """The preview of an upload (a dry run) and, when it is clean, the read workbook to apply it
    from later (`terapkan_tersimpan`), so that apply does not parse the file again."""
    try:
        bacaan = read_workbook(data, rekam=True)
    except WorkbookDitolak as exc:
        return HasilImpor(masalah=[Masalah(SHEET_BERKAS, None, None, exc.pesan)]), None
    with bacaan:
        result = _impor(bacaan.sheets, bacaan.masalah, opd_kode=opd_kode, dry_run=True, user=user)
        return result, (tersimpan.simpan(bacaan) if result.ok else None)


def terapkan_tersimpan(
    data: bytes,
    *,
    opd_kode: str | None = None,
    user=None,
    alasan: str = ALASAN_BAKU,
    harapan: str | None = None,
) -> HasilImpor:
    """Apply a preview from the rows `pratinjau_xlsx` kept (ValueError when they are unusable)."""
    sheets, masalah = tersimpan.muat(data)
    return _impor(sheets, masalah, opd_kode=opd_kode, user=user, alasan=alasan, harapan=harapan)


def _impor(sheets, masalah: list[Masalah], **kwargs) -> HasilImpor:
    try:
        return impor(sheets, masalah=masalah, **kwargs)
    except Exception:  # a bug must not become a 500 for the planner; it is logged in full
        logger.exception("Impor workbook gagal tak terduga")
        return HasilImpor(
            masalah=[
                *masalah,
                Masalah(
                    SHEET_BERKAS,
                    None,
                    None,
                    "workbook tidak dapat diproses karena kesalahan tak terduga di aplikasi; "
                    "tidak ada yang disimpan. Kesalahan ini sudah dicatat; hubungi admin bila "
                    "berulang.",
                ),
            ]
        )


__all__ = [
    "BATAS_UKURAN",
    "CONTENT_TYPE",
    "SHEET_BERKAS",
    "TeksTerlaluPanjang",
    "WorkbookDitolak",
    "blank_template",
    "export_workbook",
    "export_workbook_pemda",
    "impor_xlsx",
    "pratinjau_xlsx",
    "read_workbook",
    "terapkan_tersimpan",
]
