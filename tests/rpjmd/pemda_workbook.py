"""A pemda-level workbook in the shape of a kabupaten's LKIP (Pemerintah Kabupaten Sukamaju, RPJMD
2025–2029, LKIP 2025), written with openpyxl as ../shared/spec/workbook.md ("Tingkat pemda")
describes it and imported by the importer: range targets on both polarities (one with its bound
stated), a single target, an NA realisation, an indeks RB predicate, budget for 32 agencies,
pembiayaan, and a cascading link from the Dinas Kesehatan's IKU (tests/reports/agencies.py)."""

from __future__ import annotations

from decimal import Decimal

from exchange.workbook import impor_xlsx
from tests.reports.agencies import import_agency, xlsx_bytes

KODE = "pemkab-sukamaju"
TAHUN = 2025

#: The agencies of a kabupaten as its budget recap (Perda APBD-P, lampiran) prints them.
NAMA_OPD = [
    "Sekretariat Daerah",
    "Sekretariat DPRD",
    "Inspektorat Daerah",
    "Badan Perencanaan Pembangunan, Riset dan Inovasi Daerah",
    "Badan Pengelolaan Keuangan dan Aset Daerah",
    "Badan Pendapatan Daerah",
    "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
    "Badan Kesatuan Bangsa dan Politik",
    "Badan Penanggulangan Bencana Daerah",
    "Dinas Pendidikan",
    "Dinas Kesehatan Kabupaten Sukamaju",
    "RSUD Sukamaju",
    "Dinas Pekerjaan Umum dan Penataan Ruang",
    "Dinas Perumahan Rakyat dan Kawasan Permukiman",
    "Satuan Polisi Pamong Praja",
    "Dinas Sosial",
    "Dinas Tenaga Kerja",
    "Dinas Pemberdayaan Perempuan dan Perlindungan Anak",
    "Dinas Ketahanan Pangan",
    "Dinas Lingkungan Hidup",
    "Dinas Kependudukan dan Pencatatan Sipil",
    "Dinas Pemberdayaan Masyarakat dan Desa",
    "Dinas Pengendalian Penduduk dan Keluarga Berencana",
    "Dinas Perhubungan",
    "Dinas Komunikasi dan Informatika",
    "Dinas Koperasi dan Usaha Kecil Menengah",
    "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
    "Dinas Pemuda dan Olahraga",
    "Dinas Kebudayaan dan Pariwisata",
    "Dinas Perpustakaan dan Kearsipan",
    "Dinas Pertanian dan Perikanan",
    "Dinas Perindustrian dan Perdagangan",
]


def _anggaran() -> list[list]:
    rows = []
    for i, nama in enumerate(NAMA_OPD, start=1):
        pagu = 20_000_000_000 + i * 3_750_000_000
        realisasi = pagu * (880 + (i * 7) % 110) // 1000  # 88,0 % … 98,9 %
        kode = "dinkes-kab-sukamaju" if nama.startswith("Dinas Kesehatan") else None
        rows.append([TAHUN, nama, kode, pagu, realisasi])
    return rows


# fmt: off
SHEETS: dict[str, list[list]] = {
    "Pemda": [
        ["kode", "nama", "jenis", "kota_ttd", "kepala_daerah_nama", "kepala_daerah_jabatan",
         "rpjmd_awal", "rpjmd_akhir"],
        [KODE, "Pemerintah Kabupaten Sukamaju", "kabupaten", "Sukamaju",
         "H. ANDI SUPRIYADI, S.E., M.M.", "Bupati Sukamaju", 2025, 2029],
    ],
    "Tujuan": [
        ["kode", "uraian"],
        ["T1", "Meningkatkan kualitas sumber daya manusia dan kesejahteraan masyarakat"],
        ["T2", "Mewujudkan tata kelola pemerintahan yang bersih dan akuntabel"],
    ],
    "Sasaran": [
        ["kode", "tujuan_kode", "uraian"],
        ["S1", "T1", "Meningkatnya kualitas pembangunan manusia"],
        ["S2", "T1", "Meningkatnya pertumbuhan ekonomi yang inklusif"],
        ["S3", "T2", "Meningkatnya kualitas reformasi birokrasi"],
    ],
    "Indikator": [
        ["kode", "tingkat", "sasaran_kode", "uraian", "satuan", "jenis_nilai", "polaritas",
         "metode_negatif", "skala_predikat", "rumus", "sumber_data"],
        ["IKU-1", "iku", "S1", "Indeks Pembangunan Manusia", "indeks", "indeks", "positif", None,
         None, "Rata-rata geometrik indeks kesehatan, pendidikan dan pengeluaran", "BPS"],
        ["IKU-2", "iku", "S2", "Persentase penduduk miskin", "%", "persen", "negatif", "A", None,
         "Penduduk di bawah garis kemiskinan / jumlah penduduk × 100", "BPS"],
        ["IKU-3", "iku", "S2", "Tingkat pengangguran terbuka", "%", "persen", "negatif", "A",
         None, "Pengangguran / angkatan kerja × 100", "BPS (Sakernas Agustus)"],
        ["IKU-4", "iku", "S2", "PDRB per kapita", "juta rupiah", "angka", "positif", None, None,
         "PDRB ADHB / jumlah penduduk pertengahan tahun", "BPS"],
        ["IKU-5", "iku", "S2", "Laju pertumbuhan ekonomi", "%", "persen", "positif", None, None,
         None, "BPS"],
        ["IKU-6", "iku", "S3", "Indeks reformasi birokrasi", "nilai", "predikat", "positif", None,
         "RB", None, "KemenPANRB"],
    ],
    "Target": [
        ["indikator_kode", "tahun", "jenis", "periode", "nilai", "nilai_bawah", "nilai_atas",
         "acuan_rentang", "predikat"],
        ["IKU-1", 2025, "renstra", "TAHUNAN", None, "70,10", "70,60", None, None],
        ["IKU-1", 2025, "pk", "TAHUNAN", None, "70,10", "70,60", None, None],
        ["IKU-1", 2029, "renstra", "TAHUNAN", None, "72,00", "72,50", None, None],
        ["IKU-2", 2025, "pk", "TAHUNAN", None, "8,20", "8,60", None, None],
        ["IKU-2", 2029, "renstra", "TAHUNAN", None, "6,50", "7,00", None, None],
        ["IKU-3", 2025, "pk", "TAHUNAN", "5,10", None, None, None, None],
        ["IKU-3", 2029, "renstra", "TAHUNAN", "4,20", None, None, None, None],
        ["IKU-4", 2025, "pk", "TAHUNAN", "48,5", None, None, None, None],
        ["IKU-4", 2029, "renstra", "TAHUNAN", 60, None, None, None, None],
        ["IKU-5", 2025, "pk", "TAHUNAN", None, "5,0", "5,5", "bawah", None],
        ["IKU-5", 2029, "renstra", "TAHUNAN", None, "5,5", "6,0", "bawah", None],
        ["IKU-6", 2025, "pk", "TAHUNAN", 65, None, None, None, "B"],
        ["IKU-6", 2029, "renstra", "TAHUNAN", 75, None, None, None, "BB"],
    ],
    "Realisasi": [
        ["indikator_kode", "tahun", "periode", "nilai", "predikat", "faktor_pendukung",
         "faktor_penghambat", "upaya", "catatan"],
        ["IKU-1", 2024, "TAHUNAN", "69,80", None, None, None, None, None],
        ["IKU-1", 2025, "TAHUNAN", "70,45", None, "Program sekolah lapang dan posyandu", None,
         None, None],
        ["IKU-2", 2024, "TAHUNAN", "8,90", None, None, None, None, None],
        ["IKU-2", 2025, "TAHUNAN", "8,35", None, None, "Harga beras naik", None, None],
        ["IKU-3", 2024, "TAHUNAN", "5,40", None, None, None, None, None],
        ["IKU-3", 2025, "TAHUNAN", "NA", None, None, None, None,
         "Angka Sakernas Agustus 2025 belum dirilis BPS"],
        ["IKU-4", 2024, "TAHUNAN", "46,1", None, None, None, None, None],
        ["IKU-4", 2025, "TAHUNAN", "49,2", None, None, None, None, None],
        ["IKU-5", 2024, "TAHUNAN", "4,95", None, None, None, None, None],
        ["IKU-5", 2025, "TAHUNAN", "5,21", None, None, None, None, None],
        ["IKU-6", 2024, "TAHUNAN", "61,40", "B", None, None, None, None],
        ["IKU-6", 2025, "TAHUNAN", "67,12", "B", None, None, None, None],
    ],
    "Anggaran_Perangkat_Daerah": [
        ["tahun", "perangkat_daerah", "kode_perangkat_daerah", "pagu", "realisasi"],
        *_anggaran(),
    ],
    "Pembiayaan": [
        ["tahun", "jenis", "uraian", "anggaran", "realisasi"],
        [TAHUN, "penerimaan", "Sisa Lebih Perhitungan Anggaran Tahun Sebelumnya",
         125_000_000_000, 125_000_000_000],
        [TAHUN, "penerimaan", "Penerimaan kembali pemberian pinjaman daerah", 2_500_000_000,
         1_750_000_000],
        [TAHUN, "pengeluaran", "Penyertaan modal Perumda Air Minum Tirta Sukamaju",
         15_000_000_000, 15_000_000_000],
    ],
    "Tautan_Sasaran": [
        ["kode_perangkat_daerah", "indikator_kode", "sasaran_kode"],
        ["dinkes-kab-sukamaju", "IKU-1", "S1"],
    ],
}
# fmt: on


def pagu_total() -> Decimal:
    return Decimal(sum(row[3] for row in _anggaran()))


def realisasi_total() -> Decimal:
    return Decimal(sum(row[4] for row in _anggaran()))


def import_pemda(sheets: dict[str, list[list]] | None = None, **kwargs):
    """The Dinas Kesehatan through its agency workbook, then the pemda's workbook."""
    import_agency("dinkes")
    return impor_xlsx(xlsx_bytes(sheets or SHEETS), **kwargs)
