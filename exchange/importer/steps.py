"""One step per sheet of the exchange workbook, in dependency order (see exchange.importer).

Each step reads the rows that exist with one query, validates and queues every row through
`Importer.upsert`, and flushes its table in bulk before the next step needs its keys. The steps
live in exchange.importer.rencana (the plan), .nilai (values and budget) and .lain (results and the
report's extension sheets).
"""

from __future__ import annotations

from exchange.importer.lain import (
    angka_tercetak,
    evaluasi_akip,
    ikm,
    pengaturan_laporan,
    pengguna,
    simple,
)
from exchange.importer.nilai import anggaran, nomenklatur_from_anggaran, realisasi, target
from exchange.importer.rencana import indikator, perangkat_daerah, sasaran, tujuan

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
    # Flat sheets: columns, required ones and keys from exchange.columns; here only what is not
    # text.
    ("SDM", simple("SDM", "lkip.SdmKomposisi", "SDM", {"tahun": "year", "jumlah": "int"})),
    (
        "Kebutuhan_Personil",
        simple(
            "Kebutuhan_Personil", "lkip.KebutuhanPersonil", "kebutuhan personil", {"nomor": "int"}
        ),
    ),
    ("Kategori_PPKS", simple("Kategori_PPKS", "lkip.KategoriPPKS", "PPKS")),
    (
        "Kejadian_Bencana",
        simple(
            "Kejadian_Bencana",
            "lkip.KejadianBencana",
            "bencana",
            {"tahun": "year", "kepala_keluarga": "int", "jiwa": "int"},
        ),
    ),
    (
        "Capaian_Output",
        simple(
            "Capaian_Output",
            "budget.CapaianOutput",
            "output",
            {"tahun": "year", "target": "decimal", "realisasi": "decimal"},
            nomenklatur_col="anggaran_kode",
        ),
    ),
    # A row whose teks is `hapus` deletes the reference with its key (exchange.importer.lain).
    ("Angka_Tercetak", angka_tercetak),
    ("Narasi", simple("Narasi", "reports.NarasiLaporan", "narasi", {"tahun": "year"})),
    ("Pengaturan_Laporan", pengaturan_laporan),
    ("Pengguna", pengguna),
]

KNOWN_SHEETS = {name.lower(): name for name, _step in STEPS}

__all__ = ["KNOWN_SHEETS", "STEPS"]
