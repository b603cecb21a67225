"""One step per sheet of the exchange workbook, in dependency order (see lkip.exchange).

Each step reads the rows that exist with one query, validates and queues every row through
`Importer.upsert`, and flushes its table in bulk before the next step needs its keys. The steps
live in lkip.exchange.rencana (the plan), .nilai (values and budget) and .lain (results and the
report's extension sheets).
"""

from __future__ import annotations

from lkip.exchange.lain import evaluasi_akip, ikm, pengaturan_laporan, pengguna, simple
from lkip.exchange.nilai import anggaran, nomenklatur_from_anggaran, realisasi, target
from lkip.exchange.rencana import indikator, perangkat_daerah, sasaran, tujuan

STEPS = [
    ("Perangkat_Daerah", perangkat_daerah),
    ("Tujuan", tujuan),
    ("Sasaran", sasaran),
    ("Anggaran", nomenklatur_from_anggaran),
    ("Indikator", indikator),
    ("Target", target),
    ("Realisasi", realisasi),
    ("Anggaran", anggaran),
    ("Evaluasi_AKIP", evaluasi_akip),
    ("IKM", ikm),
    (
        "SDM",
        simple(
            "lkip.SdmKomposisi",
            ("tahun", "kategori"),
            {"tahun": ("year", True), "kategori": ("text", True), "jumlah": ("int", True)},
            "SDM",
        ),
    ),
    (
        "Kebutuhan_Personil",
        simple(
            "lkip.KebutuhanPersonil",
            ("nomor",),
            {
                "nomor": ("int", True),
                "jabatan": ("text", True),
                "kualifikasi_pendidikan": ("text", False),
                "beban_kerja": ("text", False),
            },
            "kebutuhan personil",
        ),
    ),
    (
        "Kategori_PPKS",
        simple(
            "lkip.KategoriPPKS", ("kode",), {"kode": ("text", True), "nama": ("text", True)}, "PPKS"
        ),
    ),
    (
        "Kejadian_Bencana",
        simple(
            "lkip.KejadianBencana",
            ("tahun", "kejadian"),
            {
                "tahun": ("year", True),
                "kejadian": ("text", True),
                "kepala_keluarga": ("int", False),
                "jiwa": ("int", False),
                "sumber": ("text", False),
            },
            "bencana",
        ),
    ),
    (
        "Capaian_Output",
        simple(
            "budget.CapaianOutput",
            ("tahun", "anggaran_kode", "uraian"),
            {
                "tahun": ("year", True),
                "anggaran_kode": ("text", True),
                "uraian": ("text", True),
                "satuan": ("text", False),
                "target": ("decimal", True),
                "realisasi": ("decimal", True),
            },
            "output",
            nomenklatur_col="anggaran_kode",
        ),
    ),
    (
        "Angka_Tercetak",
        simple(
            "reports.AngkaTercetak",
            ("tahun", "lokasi", "objek", "besaran"),
            {
                "tahun": ("year", True),
                "lokasi": ("text", True),
                "objek": ("text", True),
                "besaran": ("text", True),
                "teks": ("text", True),
            },
            "tercetak",
        ),
    ),
    (
        "Narasi",
        simple(
            "reports.NarasiLaporan",
            ("tahun", "bagian"),
            {
                "tahun": ("year", True),
                "bagian": ("text", True),
                "judul": ("text", False),
                "teks": ("text", False),
            },
            "narasi",
        ),
    ),
    ("Pengaturan_Laporan", pengaturan_laporan),
    ("Pengguna", pengguna),
]

KNOWN_SHEETS = {name.lower(): name for name, _step in STEPS}

__all__ = ["KNOWN_SHEETS", "STEPS"]
