"""Three agencies unlike the demo, each built only through the exchange workbook: written with
openpyxl in the shape of ../shared/spec/workbook.md and imported by the importer.

- DINKES: program, kegiatan and sub-kegiatan indicators, no IKU budget links; a quarter-only
  indicator, one with a target but no realisation.
- DISHUB: negative-polarity IKU (methods A and B), an AKIP predicate IKU, last year's values.
- KESBANG: no AKIP or IKM data; budget only at program level.
"""

from __future__ import annotations

import io

from openpyxl import Workbook

from exchange.workbook import impor_xlsx

HEAD_OPD = [
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
]
HEAD_IND = [
    "kode",
    "tingkat",
    "sasaran_kode",
    "anggaran_kode",
    "uraian",
    "satuan",
    "jenis_nilai",
    "polaritas",
    "metode_negatif",
    "agregasi",
    "skala_predikat",
    "rumus",
]
HEAD_TARGET = ["indikator_kode", "tahun", "jenis", "periode", "nilai", "predikat"]
HEAD_REAL = ["indikator_kode", "tahun", "periode", "nilai", "predikat", "faktor_pendukung"]
HEAD_ANG = [
    "tahun",
    "kode",
    "tingkat",
    "uraian",
    "pagu_murni",
    "pagu_perubahan",
    "realisasi",
    "indikator_kode",
]

# fmt: off
DINKES: dict[str, list[list]] = {
    "Perangkat_Daerah": [
        HEAD_OPD,
        [
            "dinkes-kab-sukamaju",
            "Dinas Kesehatan Kabupaten Sukamaju",
            "Pemerintah Kabupaten Sukamaju",
            "Sukamaju",
            "dr. RINA KARTIKA SARI, M.K.M.",
            "19750314 200212 2 003",
            "Pembina Tingkat I (IV/b)",
            "Kepala Dinas Kesehatan Kabupaten Sukamaju",
            2025,
            2029,
        ],
    ],
    "Tujuan": [["kode", "uraian"], ["T1", "Meningkatkan derajat kesehatan masyarakat Sukamaju"]],
    "Sasaran": [
        ["kode", "tujuan_kode", "uraian"],
        ["S1", "T1", "Meningkatnya cakupan pelayanan kesehatan dasar di Sukamaju"],
    ],
    "Indikator": [
        HEAD_IND,
        ["IKU-1", "iku", "S1", None, "Persentase desa UCI di Kabupaten Sukamaju", "%", "persen",
         "positif", None, "terakhir", None, "Desa UCI / jumlah desa × 100"],
        ["IP-1", "program", None, "1.02.02", "Persentase puskesmas terakreditasi paripurna", "%",
         "persen", "positif", None, "terakhir", None, None],
        ["IP-2", "program", None, "1.02.03", "Rasio tenaga kesehatan per 10.000 penduduk",
         "rasio", "angka", "positif", None, "terakhir", None, None],
        ["IK-1", "kegiatan", None, "1.02.02.2.02", "Jumlah posyandu aktif di Sukamaju", "unit",
         "angka", "positif", None, "jumlah", None, None],
        ["ISK-1", "subkegiatan", None, "1.02.02.2.02.0001",
         "Cakupan balita ditimbang di posyandu", "%", "persen", "positif", None, "rata-rata",
         None, None],
        ["ISK-2", "subkegiatan", None, "1.02.02.2.02.0002",
         "Jumlah kader kesehatan terlatih", "orang", "angka", "positif", None, "jumlah", None,
         None],
    ],
    "Target": [
        HEAD_TARGET,
        ["IKU-1", 2025, "renstra", "TAHUNAN", 85, None],
        ["IKU-1", 2029, "renstra", "TAHUNAN", 95, None],
        ["IKU-1", 2025, "pk", "TAHUNAN", 85, None],
        ["IP-1", 2025, "pk", "TAHUNAN", 60, None],
        ["IP-2", 2025, "pk", "TAHUNAN", "12,5", None],
        # quarter-only: targets and realisations per quarter, no annual row
        ["IK-1", 2025, "pk", "TW1", 30, None],
        ["IK-1", 2025, "pk", "TW2", 30, None],
        ["IK-1", 2025, "pk", "TW3", 30, None],
        ["IK-1", 2025, "pk", "TW4", 30, None],
        ["ISK-1", 2025, "pk", "TAHUNAN", 80, None],
        ["ISK-2", 2025, "pk", "TAHUNAN", 120, None],  # a target, no realisation
    ],
    "Realisasi": [
        HEAD_REAL,
        ["IKU-1", 2025, "TAHUNAN", "88,4", None, "Sweeping imunisasi di desa terpencil"],
        ["IP-1", 2025, "TAHUNAN", 55, None, None],
        ["IP-2", 2025, "TAHUNAN", "11,75", None, None],
        ["IK-1", 2025, "TW1", 28, None, None],
        ["IK-1", 2025, "TW2", 31, None, None],
        ["IK-1", 2025, "TW3", 33, None, None],
        ["ISK-1", 2025, "TAHUNAN", "82,6", None, None],
    ],
    "Anggaran": [
        HEAD_ANG,
        [2025, "1.02.02", "program",
         "Program Pemenuhan Upaya Kesehatan Perorangan dan Upaya Kesehatan Masyarakat",
         8_000_000_000, 8_500_000_000, 7_900_000_000, None],
        [2025, "1.02.02.2.02", "kegiatan",
         "Penyediaan Layanan Kesehatan untuk UKM dan UKP Rujukan Tingkat Daerah",
         8_000_000_000, 8_500_000_000, 7_900_000_000, None],
        [2025, "1.02.02.2.02.0001", "subkegiatan", "Pengelolaan Pelayanan Kesehatan Balita",
         5_000_000_000, 5_300_000_000, 4_950_000_000, None],
        [2025, "1.02.02.2.02.0002", "subkegiatan",
         "Pengelolaan Pelayanan Promosi Kesehatan", 3_000_000_000, 3_200_000_000,
         2_950_000_000, None],
        [2025, "1.02.03", "program",
         "Program Peningkatan Kapasitas Sumber Daya Manusia Kesehatan",
         1_200_000_000, 1_150_000_000, 1_020_500_000, None],
        [2025, "1.02.01", "program",
         "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota",
         20_000_000_000, 21_000_000_000, 19_800_000_000, None],
    ],
}

DISHUB: dict[str, list[list]] = {
    "Perangkat_Daerah": [
        HEAD_OPD,
        [
            "dishub-kota-lautan",
            "Dinas Perhubungan Kota Lautan",
            "Pemerintah Kota Lautan",
            "Lautan",
            "Ir. BAMBANG SUTRISNO, M.T.",
            "19690801 199503 1 002",
            "Pembina Utama Muda (IV/c)",
            "Kepala Dinas Perhubungan Kota Lautan",
            2024,
            2026,
        ],
    ],
    "Tujuan": [["kode", "uraian"], ["T1", "Mewujudkan transportasi kota yang aman dan tertib"]],
    "Sasaran": [
        ["kode", "tujuan_kode", "uraian"],
        ["S1", "T1", "Menurunnya fatalitas kecelakaan lalu lintas di Kota Lautan"],
        ["S2", "T1", "Meningkatnya akuntabilitas kinerja Dinas Perhubungan"],
    ],
    "Indikator": [
        HEAD_IND,
        ["IKU-1", "iku", "S1", None, "Angka fatalitas kecelakaan per 100.000 penduduk",
         "per 100.000", "angka", "negatif", "A", "terakhir", None, None],
        ["IKU-2", "iku", "S1", None, "Rata-rata waktu tempuh koridor utama Kota Lautan",
         "menit", "angka", "negatif", "B", "rata-rata", None, None],
        ["IKU-3", "iku", "S2", None, "Nilai AKIP Dinas Perhubungan", "Nilai", "predikat",
         "positif", None, "terakhir", "AKIP", None],
        ["IP-1", "program", None, "2.15.02", "Persentase ruas jalan dengan rambu lengkap", "%",
         "persen", "positif", None, "terakhir", None, None],
        ["IP-2", "program", None, "2.15.02",
         "Jumlah titik rawan kecelakaan di jalan kota", "titik", "angka", "negatif", "A",
         "terakhir", None, None],
    ],
    "Target": [
        HEAD_TARGET,
        ["IKU-1", 2024, "renstra", "TAHUNAN", "4,5", None],
        ["IKU-1", 2025, "renstra", "TAHUNAN", "4,2", None],
        ["IKU-1", 2026, "renstra", "TAHUNAN", "3,8", None],
        ["IKU-1", 2024, "pk", "TAHUNAN", "4,5", None],
        ["IKU-1", 2025, "pk", "TAHUNAN", "4,2", None],
        ["IKU-2", 2025, "pk", "TAHUNAN", 35, None],
        ["IKU-2", 2026, "renstra", "TAHUNAN", 30, None],
        ["IKU-3", 2025, "pk", "TAHUNAN", 72, "BB"],
        ["IKU-3", 2026, "renstra", "TAHUNAN", 75, "BB"],
        ["IP-1", 2025, "pk", "TAHUNAN", 70, None],
        ["IP-2", 2025, "pk", "TAHUNAN", 12, None],
    ],
    "Realisasi": [
        HEAD_REAL,
        ["IKU-1", 2024, "TAHUNAN", "4,9", None, None],
        ["IKU-1", 2025, "TAHUNAN", "3,9", None, "Operasi keselamatan bersama kepolisian"],
        ["IKU-2", 2025, "TAHUNAN", 38, None, None],
        ["IKU-3", 2025, "TAHUNAN", "70,25", "BB", None],
        ["IP-1", 2025, "TAHUNAN", "72,5", None, None],
        ["IP-2", 2025, "TAHUNAN", 10, None, None],
    ],
    "Anggaran": [
        HEAD_ANG,
        [2025, "2.15.02", "program", "Program Penyelenggaraan Lalu Lintas dan Angkutan Jalan",
         6_000_000_000, 6_250_000_000, 5_812_500_000, "IKU-1, IKU-2"],
        [2025, "2.15.02.2.01", "kegiatan",
         "Penetapan Rencana Induk Jaringan LLAJ Kabupaten/Kota", 6_000_000_000,
         6_250_000_000, 5_812_500_000, "IKU-1"],
        [2025, "2.15.01", "program", "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota",
         9_000_000_000, 9_100_000_000, 8_645_000_000, "IKU-3"],
    ],
    "Evaluasi_AKIP": [
        ["tahun", "komponen", "bobot", "nilai", "nomor_lhe", "tanggal_lhe"],
        [2025, "Perencanaan Kinerja", 30, "21,5", "700/45/Itko/2025", "2025-07-04"],
        [2025, "Pengukuran Kinerja", 30, "21,25", "700/45/Itko/2025", "2025-07-04"],
        [2025, "Pelaporan Kinerja", 15, "11,5", "700/45/Itko/2025", "2025-07-04"],
        [2025, "Evaluasi Akuntabilitas Kinerja Internal", 25, 16, "700/45/Itko/2025",
         "2025-07-04"],
    ],
    "IKM": [["tahun", "nilai"], [2025, "81,3"]],
}

KESBANG: dict[str, list[list]] = {
    "Perangkat_Daerah": [
        HEAD_OPD,
        [
            "kesbangpol-kab-tirta",
            "Badan Kesatuan Bangsa dan Politik Kabupaten Tirta",
            "Pemerintah Kabupaten Tirta",
            "Tirta",
            "Drs. YUSUF HABIBIE SIREGAR, M.Si.",
            None,
            None,
            "Kepala Badan Kesatuan Bangsa dan Politik Kabupaten Tirta",
            2025,
            2026,
        ],
    ],
    "Tujuan": [["kode", "uraian"], ["T1", "Terpeliharanya stabilitas politik dan keamanan"]],
    "Sasaran": [
        ["kode", "tujuan_kode", "uraian"],
        ["S1", "T1", "Meningkatnya kerukunan dan partisipasi politik warga Tirta"],
    ],
    "Indikator": [
        HEAD_IND,
        ["IKU-1", "iku", "S1", None, "Indeks kerukunan umat beragama Kabupaten Tirta", "Indeks",
         "indeks", "positif", None, "terakhir", None, None],
        ["IKU-2", "iku", "S1", None, "Jumlah konflik sosial yang terjadi", "kejadian", "angka",
         "negatif", "A", "jumlah", None, None],
        ["IP-1", "program", None, "8.01.02",
         "Persentase ormas yang aktif melapor keberadaannya", "%", "persen", "positif", None,
         "terakhir", None, None],
        ["IP-2", "program", None, "8.01.03", "Tingkat partisipasi pemilih pemula", "%",
         "persen", "positif", None, "terakhir", None, None],
        ["IP-3", "program", None, "8.01.04", "Jumlah forum kewaspadaan dini yang aktif",
         "forum", "angka", "positif", None, "terakhir", None, None],
    ],
    "Target": [
        HEAD_TARGET,
        ["IKU-1", 2026, "pk", "TAHUNAN", "72,5", None],
        ["IKU-1", 2026, "renstra", "TAHUNAN", "72,5", None],
        ["IKU-2", 2026, "pk", "TW1", 2, None],
        ["IKU-2", 2026, "pk", "TW2", 1, None],
        ["IKU-2", 2026, "pk", "TW3", 1, None],
        ["IKU-2", 2026, "pk", "TW4", 1, None],
        ["IP-1", 2026, "pk", "TAHUNAN", 75, None],
        ["IP-2", 2026, "pk", "TAHUNAN", 68, None],
    ],
    "Realisasi": [
        HEAD_REAL,
        ["IKU-1", 2026, "TAHUNAN", "74,1", None, None],
        ["IKU-2", 2026, "TW1", 1, None, None],
        ["IKU-2", 2026, "TW2", 0, None, None],
        ["IKU-2", 2026, "TW3", 2, None, None],
        ["IP-1", 2026, "TAHUNAN", 80, None, None],
        ["IP-3", 2026, "TAHUNAN", 14, None, None],  # a realisation without a target
    ],
    "Anggaran": [
        HEAD_ANG,
        [2026, "8.01.02", "program",
         "Program Penguatan Ideologi Pancasila dan Karakter Kebangsaan", 900_000_000,
         950_000_000, 880_750_000, None],
        [2026, "8.01.03", "program", "Program Peningkatan Peran Partai Politik dan Lembaga "
         "Pendidikan melalui Pendidikan Politik dan Pengembangan Etika serta Budaya Politik",
         1_100_000_000, 1_050_000_000, 987_000_000, None],
        [2026, "8.01.04", "program",
         "Program Pemberdayaan dan Pengawasan Organisasi Kemasyarakatan", 700_000_000,
         700_000_000, 612_340_000, None],
    ],
}

# fmt: on

#: (workbook, agency code, report year)
AGENCIES = {
    "dinkes": (DINKES, "dinkes-kab-sukamaju", 2025),
    "dishub": (DISHUB, "dishub-kota-lautan", 2025),
    "kesbang": (KESBANG, "kesbangpol-kab-tirta", 2026),
}


def xlsx_bytes(sheets: dict[str, list[list]]) -> bytes:
    """The workbook as a planner's spreadsheet: one sheet per name, header in row 1."""
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def import_agency(name: str) -> tuple[str, int]:
    """Import one agency's workbook through the importer; its code and report year."""
    sheets, kode, tahun = AGENCIES[name]
    result = impor_xlsx(xlsx_bytes(sheets))
    assert result.ok, [str(m) for m in result.errors]
    return kode, tahun


def indicators_of(name: str) -> list[str]:
    """Every indicator's uraian in the workbook."""
    return [row[4] for row in AGENCIES[name][0]["Indikator"][1:]]


def programs_of(name: str) -> list[str]:
    """Every program's uraian in the workbook."""
    return [row[3] for row in AGENCIES[name][0]["Anggaran"][1:] if row[2] == "program"]
