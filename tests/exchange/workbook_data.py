"""Workbooks for the tests: built with openpyxl the way a planner's spreadsheet looks, and
byte-level edits of them (formulas with and without stored values, swapped content types)."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable

from openpyxl import Workbook

# A second agency, typed as a planner types: Indonesian notation in text cells, numbers in others.
AGENCY: dict[str, list[list]] = {
    "Perangkat_Daerah": [
        [
            "kode",
            "nama",
            "pemda",
            "kota_ttd",
            "kepala_nama",
            "kepala_nip",
            "kepala_pangkat",
            "kepala_jabatan",
            "renstra_awal",
            "renstra_akhir",
            "kepala_daerah_jabatan",
        ],
        [
            "dinkes-kota-contoh",
            "Dinas Kesehatan Kota Contoh",
            "Pemerintah Kota Contoh",
            "Contoh",
            "dr. SITI AMINAH, M.Kes.",
            "19700512 199803 2 004",
            "Pembina Tingkat I (IV/b)",
            "Kepala Dinas Kesehatan Kota Contoh",
            2025,
            2029,
            "Wali Kota Contoh",
        ],
    ],
    "Tujuan": [["kode", "uraian"], ["T1", "Meningkatkan derajat kesehatan masyarakat"]],
    "Sasaran": [["kode", "tujuan_kode", "uraian"], ["S1", "T1", "Meningkatnya cakupan imunisasi"]],
    "Indikator": [
        [
            "kode",
            "tingkat",
            "sasaran_kode",
            "anggaran_kode",
            "uraian",
            "satuan",
            "jenis_nilai",
            "polaritas",
            "agregasi",
            "rumus",
        ],
        [
            "IKU-1",
            "iku",
            "S1",
            None,
            "Persentase bayi yang diimunisasi lengkap",
            "%",
            "persen",
            "positif",
            "terakhir",
            "Bayi diimunisasi lengkap / jumlah bayi × 100",
        ],
        [
            "IKU-2",
            "iku",
            "S1",
            None,
            "Angka kematian bayi",
            "per 1.000",
            "angka",
            "negatif",
            "terakhir",
            None,
        ],
        [
            "IP-1",
            "program",
            None,
            "1.02.02",
            "Persentase puskesmas terakreditasi",
            "%",
            "persen",
            "positif",
            "terakhir",
            None,
        ],
    ],
    "Target": [
        ["indikator_kode", "tahun", "jenis", "periode", "nilai"],
        ["IKU-1", 2025, "renstra", "TAHUNAN", 90],
        ["IKU-1", 2029, "renstra", "TAHUNAN", 95],
        ["IKU-1", 2025, "pk", "TAHUNAN", "90,5"],
        ["IKU-1", 2025, "pk", "TW1", 20],
        ["IKU-1", 2025, "pk", "TW2", 45],
        ["IKU-1", 2025, "pk", "TW3", 70],
        ["IKU-1", 2025, "pk", "TW4", "90,5"],
        ["IKU-2", 2025, "pk", "TAHUNAN", "8,5"],
        ["IP-1", 2025, "pk", "TAHUNAN", 80],
    ],
    "Realisasi": [
        [
            "indikator_kode",
            "tahun",
            "periode",
            "nilai",
            "pembilang",
            "penyebut",
            "faktor_pendukung",
        ],
        ["IKU-1", 2025, "TW1", None, 1_812, 9_060, None],
        ["IKU-1", 2025, "TW4", None, "8.425", "9.060", "Posyandu aktif di semua kelurahan"],
        ["IKU-2", 2025, "TAHUNAN", "7,9", None, None, None],
        ["IP-1", 2025, "TAHUNAN", 75, None, None, None],
    ],
    "Anggaran": [
        [
            "tahun",
            "kode",
            "tingkat",
            "uraian",
            "pagu_murni",
            "pagu_perubahan",
            "realisasi",
            "realisasi_tw1",
            "realisasi_tw2",
            "realisasi_tw3",
            "realisasi_tw4",
            "indikator_kode",
        ],
        [
            2025,
            "1.02.02",
            "program",
            "Program Pemenuhan Upaya Kesehatan Perorangan dan Upaya Kesehatan Masyarakat",
            "Rp 2.000.000.000,-",
            "2.500.000.000",
            "2.250.000.000",
            500_000_000,
            500_000_000,
            600_000_000,
            650_000_000,
            "IP-1",
        ],
        [
            2025,
            "1.02.02.2.02",
            "kegiatan",
            "Penyediaan Layanan Kesehatan untuk UKM dan UKP Rujukan",
            None,
            2_500_000_000,
            "2.250.000.000",
            None,
            None,
            None,
            None,
            "IKU-1, IKU-2",
        ],
    ],
    "Evaluasi_AKIP": [
        ["tahun", "komponen", "bobot", "nilai"],
        [2025, "Perencanaan Kinerja", 30, "24,5"],
        [2025, "Pengukuran Kinerja", 30, 22],
        [2025, "Pelaporan Kinerja", 15, "11,75"],
        [2025, "Evaluasi Akuntabilitas Kinerja Internal", 25, 17],
    ],
    "IKM": [["tahun", "nilai"], [2025, "84,2"]],
}


def xlsx(sheets: dict[str, list[list]], *, edit: Callable[[str, str], str] | None = None) -> bytes:
    """An xlsx with these sheets (first row = header); `edit(part_name, xml)` rewrites parts."""
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    data = out.getvalue()
    return rewrite(data, edit) if edit else data


def rewrite(data: bytes, edit: Callable[[str, str], str]) -> bytes:
    """The same zip with every XML part passed through edit(name, text)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename.endswith((".xml", ".rels")):
                content = edit(info.filename, content.decode()).encode()
            target.writestr(info.filename, content)
    return out.getvalue()


def add_part(
    data: bytes, name: str, content: bytes, *, compress: int = zipfile.ZIP_DEFLATED
) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info))
        target.writestr(zipfile.ZipInfo(name), content, compress_type=compress)
    return out.getvalue()


def with_cached_values(values: dict[str, str]) -> Callable[[str, str], str]:
    """Give formula cells (by coordinate, e.g. 'E3') a stored value, as a spreadsheet program
    does."""

    def edit(name: str, xml: str) -> str:
        if not name.startswith("xl/worksheets/"):
            return xml
        for coordinate, value in values.items():
            xml = re.sub(
                rf'(<c r="{coordinate}"[^>]*>)(<f>[^<]*</f>)<v\s*/?>(</v>)?',
                rf"\1\2<v>{value}</v>",
                xml,
            )
        return xml

    return edit
