"""Reference data of the synthetic city: agencies of Kota Bekasi, their programs and indicators.

Names follow the Permendagri 90/2019 nomenclature where it is known (codes of each agency's own
urusan; the generic Program Penunjang with its standard kegiatan and sub-kegiatan); the specific
programs' kegiatan and sub-kegiatan are composed from their topic. Indicators are the usual IKU of
each kind of agency, with a plausible baseline and yearly step.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DefIku:
    uraian: str
    satuan: str
    jenis: str  # JenisNilai: persen, indeks, angka
    pola: (
        str  # "tw4" measured once a year; "tetap" level each quarter; "jumlah" counts; "rata" mean
    )
    awal: float  # baseline (year before the Renstra)
    langkah: float  # target change per year (negative for indicators that should fall)
    negatif: bool = False
    desimal: int = 2


def iku(uraian, satuan, jenis, pola, awal, langkah, negatif=False, desimal=2) -> DefIku:
    return DefIku(uraian, satuan, jenis, pola, awal, langkah, negatif, desimal)


@dataclass(frozen=True)
class DefOpd:
    singkatan: str
    nama: str
    bidang: str  # bidang urusan code, e.g. "1.01"
    urusan: str  # name of the bidang urusan
    jabatan: str  # title of the head
    program: tuple[tuple[str, str], ...]  # (program number, name) besides Program Penunjang (01)
    iku: tuple[DefIku, ...]


KOTA = "Kota Bekasi"

# The standard kegiatan and sub-kegiatan of "Program Penunjang Urusan Pemerintahan Daerah".
PENUNJANG: tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...] = (
    (
        "2.01",
        "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah",
        (
            ("0001", "Penyusunan Dokumen Perencanaan Perangkat Daerah"),
            ("0002", "Koordinasi dan Penyusunan Dokumen RKA-SKPD"),
            ("0003", "Koordinasi dan Penyusunan Dokumen Perubahan RKA-SKPD"),
            ("0004", "Koordinasi dan Penyusunan DPA-SKPD"),
            ("0005", "Koordinasi dan Penyusunan Perubahan DPA-SKPD"),
            (
                "0006",
                "Koordinasi dan Penyusunan Laporan Capaian Kinerja dan Ikhtisar Realisasi Kinerja SKPD",
            ),
            ("0007", "Evaluasi Kinerja Perangkat Daerah"),
        ),
    ),
    (
        "2.02",
        "Administrasi Keuangan Perangkat Daerah",
        (
            ("0001", "Penyediaan Gaji dan Tunjangan ASN"),
            ("0002", "Penyediaan Administrasi Pelaksanaan Tugas ASN"),
            ("0003", "Pelaksanaan Penatausahaan dan Pengujian/Verifikasi Keuangan SKPD"),
            ("0004", "Koordinasi dan Pelaksanaan Akuntansi SKPD"),
            ("0005", "Koordinasi dan Penyusunan Laporan Keuangan Akhir Tahun SKPD"),
            (
                "0007",
                "Koordinasi dan Penyusunan Laporan Keuangan Bulanan/Triwulanan/Semesteran SKPD",
            ),
        ),
    ),
    (
        "2.03",
        "Administrasi Barang Milik Daerah pada Perangkat Daerah",
        (
            ("0001", "Penyusunan Perencanaan Kebutuhan Barang Milik Daerah SKPD"),
            ("0002", "Pengamanan Barang Milik Daerah SKPD"),
            ("0005", "Rekonsiliasi dan Penyusunan Laporan Barang Milik Daerah pada SKPD"),
            ("0006", "Penatausahaan Barang Milik Daerah pada SKPD"),
        ),
    ),
    (
        "2.05",
        "Administrasi Kepegawaian Perangkat Daerah",
        (
            ("0002", "Pengadaan Pakaian Dinas beserta Atribut Kelengkapannya"),
            ("0003", "Pendataan dan Pengolahan Administrasi Kepegawaian"),
            ("0009", "Pendidikan dan Pelatihan Pegawai Berdasarkan Tugas dan Fungsi"),
            ("0010", "Sosialisasi Peraturan Perundang-Undangan"),
            ("0011", "Bimbingan Teknis Implementasi Peraturan Perundang-Undangan"),
        ),
    ),
    (
        "2.06",
        "Administrasi Umum Perangkat Daerah",
        (
            ("0001", "Penyediaan Komponen Instalasi Listrik/Penerangan Bangunan Kantor"),
            ("0002", "Penyediaan Peralatan dan Perlengkapan Kantor"),
            ("0003", "Penyediaan Peralatan Rumah Tangga"),
            ("0004", "Penyediaan Bahan Logistik Kantor"),
            ("0005", "Penyediaan Barang Cetakan dan Penggandaan"),
            ("0006", "Penyediaan Bahan Bacaan dan Peraturan Perundang-undangan"),
            ("0008", "Fasilitasi Kunjungan Tamu"),
            ("0009", "Penyelenggaraan Rapat Koordinasi dan Konsultasi SKPD"),
        ),
    ),
    (
        "2.07",
        "Pengadaan Barang Milik Daerah Penunjang Urusan Pemerintah Daerah",
        (
            ("0001", "Pengadaan Kendaraan Perorangan Dinas atau Kendaraan Dinas Jabatan"),
            ("0002", "Pengadaan Kendaraan Dinas Operasional atau Lapangan"),
            ("0005", "Pengadaan Mebel"),
            ("0006", "Pengadaan Peralatan dan Mesin Lainnya"),
            ("0010", "Pengadaan Sarana dan Prasarana Gedung Kantor atau Bangunan Lainnya"),
        ),
    ),
    (
        "2.08",
        "Penyediaan Jasa Penunjang Urusan Pemerintahan Daerah",
        (
            ("0001", "Penyediaan Jasa Surat Menyurat"),
            ("0002", "Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik"),
            ("0003", "Penyediaan Jasa Peralatan dan Perlengkapan Kantor"),
            ("0004", "Penyediaan Jasa Pelayanan Umum Kantor"),
        ),
    ),
    (
        "2.09",
        "Pemeliharaan Barang Milik Daerah Penunjang Urusan Pemerintahan Daerah",
        (
            (
                "0001",
                "Penyediaan Jasa Pemeliharaan, Biaya Pemeliharaan, dan Pajak Kendaraan Perorangan Dinas atau Kendaraan Dinas Jabatan",
            ),
            (
                "0002",
                "Penyediaan Jasa Pemeliharaan, Biaya Pemeliharaan, Pajak dan Perizinan Kendaraan Dinas Operasional atau Lapangan",
            ),
            ("0006", "Pemeliharaan Peralatan dan Mesin Lainnya"),
            ("0009", "Pemeliharaan/Rehabilitasi Gedung Kantor dan Bangunan Lainnya"),
        ),
    ),
)

# Kegiatan of a specific program: "<pola> <topik>"; five per program.
POLA_KEGIATAN = (
    "Perencanaan dan Pengendalian",
    "Penyelenggaraan Layanan",
    "Pembinaan dan Pengawasan",
    "Pengembangan Sarana dan Prasarana",
    "Peningkatan Kapasitas dan Peran Serta Masyarakat dalam",
)
# Sub-kegiatan of such a kegiatan: "<pola> <topik>"; eleven per kegiatan.
POLA_SUBKEGIATAN = (
    "Penyusunan Kebijakan, Norma, Standar dan Prosedur",
    "Pendataan dan Pemetaan",
    "Penyediaan Layanan",
    "Pembangunan Sarana dan Prasarana",
    "Rehabilitasi Sarana dan Prasarana",
    "Pemeliharaan Sarana dan Prasarana",
    "Pengadaan Peralatan dan Perlengkapan",
    "Sosialisasi dan Edukasi",
    "Fasilitasi dan Pendampingan",
    "Peningkatan Kapasitas Sumber Daya Manusia",
    "Monitoring, Evaluasi dan Pelaporan",
)

# Indicators every agency may carry (measured once a year unless stated).
IKU_UMUM = (
    iku(
        "Nilai Akuntabilitas Kinerja Instansi Pemerintah (AKIP) perangkat daerah",
        "Nilai",
        "indeks",
        "tw4",
        68.5,
        1.8,
    ),
    iku(
        "Indeks Kepuasan Masyarakat (IKM) atas layanan perangkat daerah",
        "Nilai",
        "indeks",
        "tw4",
        80.2,
        1.2,
    ),
    iku(
        "Persentase rekomendasi hasil pemeriksaan yang ditindaklanjuti",
        "%",
        "persen",
        "tetap",
        82.0,
        4.0,
    ),
    iku("Indeks Profesionalitas ASN perangkat daerah", "Nilai", "indeks", "tw4", 71.0, 1.5),
)

_KECAMATAN_IKU = (
    iku(
        "Persentase layanan administrasi terpadu kecamatan (PATEN) yang selesai tepat waktu",
        "%",
        "persen",
        "tetap",
        86.0,
        3.0,
    ),
    iku(
        "Persentase kelurahan dengan kinerja penyelenggaraan pemerintahan kategori baik",
        "%",
        "persen",
        "tw4",
        70.0,
        5.0,
    ),
    iku(
        "Persentase gangguan ketenteraman dan ketertiban di wilayah kecamatan yang tertangani",
        "%",
        "persen",
        "tetap",
        88.0,
        2.5,
    ),
    iku(
        "Jumlah usulan musrenbang kelurahan yang terakomodasi",
        "usulan",
        "angka",
        "jumlah",
        120,
        10,
        desimal=0,
    ),
)
_KECAMATAN_PROGRAM = (
    ("02", "Program Penyelenggaraan Pemerintahan dan Pelayanan Publik"),
    ("03", "Program Pemberdayaan Masyarakat Desa dan Kelurahan"),
    ("04", "Program Koordinasi Ketenteraman dan Ketertiban Umum"),
    ("05", "Program Penyelenggaraan Urusan Pemerintahan Umum"),
)
_KECAMATAN = (
    "Bantargebang",
    "Bekasi Barat",
    "Bekasi Selatan",
    "Bekasi Timur",
    "Bekasi Utara",
    "Jatiasih",
    "Jatisampurna",
    "Medan Satria",
    "Mustikajaya",
    "Pondok Gede",
    "Pondok Melati",
    "Rawalumbu",
)

OPD: tuple[DefOpd, ...] = (
    DefOpd(
        "disdik",
        "Dinas Pendidikan",
        "1.01",
        "Pendidikan",
        "Kepala Dinas Pendidikan",
        (
            ("02", "Program Pengelolaan Pendidikan"),
            ("03", "Program Pengembangan Kurikulum"),
            ("04", "Program Pendidik dan Tenaga Kependidikan"),
            ("05", "Program Pengendalian Perizinan Pendidikan"),
        ),
        (
            iku("Angka Partisipasi Murni (APM) SD/MI", "%", "persen", "tw4", 96.1, 0.6),
            iku("Angka Partisipasi Murni (APM) SMP/MTs", "%", "persen", "tw4", 81.4, 1.5),
            iku("Rata-rata lama sekolah", "tahun", "angka", "tw4", 11.0, 0.1),
            iku("Persentase sekolah terakreditasi minimal B", "%", "persen", "tetap", 84.0, 3.0),
            iku("Angka putus sekolah SMP", "%", "persen", "tw4", 0.42, -0.05, negatif=True),
        ),
    ),
    DefOpd(
        "dinkes",
        "Dinas Kesehatan",
        "1.02",
        "Kesehatan",
        "Kepala Dinas Kesehatan",
        (
            ("02", "Program Pemenuhan Upaya Kesehatan Perorangan dan Upaya Kesehatan Masyarakat"),
            ("03", "Program Peningkatan Kapasitas Sumber Daya Manusia Kesehatan"),
            ("04", "Program Sediaan Farmasi, Alat Kesehatan dan Makanan Minuman"),
            ("05", "Program Pemberdayaan Masyarakat Bidang Kesehatan"),
        ),
        (
            iku(
                "Angka kematian ibu per 100.000 kelahiran hidup",
                "per 100.000 KH",
                "angka",
                "tw4",
                62.0,
                -4.0,
                negatif=True,
            ),
            iku("Prevalensi stunting pada balita", "%", "persen", "tw4", 14.2, -1.5, negatif=True),
            iku("Cakupan imunisasi dasar lengkap", "%", "persen", "tetap", 91.0, 1.5),
            iku(
                "Persentase fasilitas kesehatan tingkat pertama terakreditasi",
                "%",
                "persen",
                "tw4",
                78.0,
                6.0,
            ),
            iku(
                "Jumlah kunjungan pelayanan kesehatan di puskesmas",
                "kunjungan",
                "angka",
                "jumlah",
                1_250_000,
                40_000,
                desimal=0,
            ),
        ),
    ),
    DefOpd(
        "rsud",
        "RSUD dr. Chasbullah Abdulmadjid",
        "1.02",
        "Kesehatan",
        "Direktur RSUD dr. Chasbullah Abdulmadjid",
        (
            ("02", "Program Pemenuhan Upaya Kesehatan Perorangan dan Upaya Kesehatan Masyarakat"),
            ("03", "Program Peningkatan Kapasitas Sumber Daya Manusia Kesehatan"),
            ("04", "Program Sediaan Farmasi, Alat Kesehatan dan Makanan Minuman"),
            ("05", "Program Pemberdayaan Masyarakat Bidang Kesehatan"),
        ),
        (
            iku("Bed Occupancy Rate (BOR)", "%", "persen", "rata", 72.0, 2.0),
            iku(
                "Persentase pemenuhan standar pelayanan minimal rumah sakit",
                "%",
                "persen",
                "tetap",
                85.0,
                3.0,
            ),
            iku("Net Death Rate (NDR)", "‰", "angka", "rata", 24.0, -1.5, negatif=True),
            iku(
                "Rata-rata waktu tunggu rawat jalan",
                "menit",
                "angka",
                "rata",
                75.0,
                -8.0,
                negatif=True,
                desimal=0,
            ),
        ),
    ),
    DefOpd(
        "dbmsda",
        "Dinas Bina Marga dan Sumber Daya Air",
        "1.03",
        "Pekerjaan Umum dan Penataan Ruang",
        "Kepala Dinas Bina Marga dan Sumber Daya Air",
        (
            ("02", "Program Pengelolaan Sumber Daya Air (SDA)"),
            ("06", "Program Pengelolaan dan Pengembangan Sistem Drainase"),
            ("10", "Program Penyelenggaraan Jalan"),
            ("12", "Program Penyelenggaraan Bangunan Gedung"),
        ),
        (
            iku(
                "Persentase panjang jalan kota dalam kondisi mantap",
                "%",
                "persen",
                "tw4",
                79.0,
                3.0,
            ),
            iku("Persentase saluran drainase dalam kondisi baik", "%", "persen", "tw4", 68.0, 4.0),
            iku("Luas genangan banjir", "ha", "angka", "tw4", 410.0, -40.0, negatif=True),
            iku("Panjang jalan yang ditingkatkan", "km", "angka", "jumlah", 42.0, 3.0),
        ),
    ),
    DefOpd(
        "distaru",
        "Dinas Tata Ruang",
        "1.03",
        "Pekerjaan Umum dan Penataan Ruang",
        "Kepala Dinas Tata Ruang",
        (
            ("08", "Program Penyelenggaraan Penataan Ruang"),
            ("12", "Program Penyelenggaraan Bangunan Gedung"),
            ("13", "Program Penataan Bangunan dan Lingkungannya"),
            ("11", "Program Pengembangan Jasa Konstruksi"),
        ),
        (
            iku(
                "Persentase kesesuaian pemanfaatan ruang dengan RTRW",
                "%",
                "persen",
                "tw4",
                76.0,
                3.0,
            ),
            iku(
                "Persentase persetujuan bangunan gedung yang terbit tepat waktu",
                "%",
                "persen",
                "tetap",
                81.0,
                4.0,
            ),
            iku(
                "Persentase ketersediaan rencana detail tata ruang yang ditetapkan",
                "%",
                "persen",
                "tw4",
                40.0,
                15.0,
            ),
        ),
    ),
    DefOpd(
        "disperkimtan",
        "Dinas Perumahan, Kawasan Permukiman dan Pertanahan",
        "1.04",
        "Perumahan dan Kawasan Permukiman",
        "Kepala Dinas Perumahan, Kawasan Permukiman dan Pertanahan",
        (
            ("02", "Program Pengembangan Perumahan"),
            ("03", "Program Kawasan Permukiman"),
            ("04", "Program Perumahan dan Kawasan Permukiman Kumuh"),
            ("05", "Program Peningkatan Prasarana, Sarana dan Utilitas Umum (PSU)"),
        ),
        (
            iku("Persentase rumah layak huni", "%", "persen", "tw4", 88.0, 2.0),
            iku("Luas kawasan permukiman kumuh", "ha", "angka", "tw4", 95.0, -12.0, negatif=True),
            iku(
                "Persentase PSU perumahan yang telah diserahterimakan",
                "%",
                "persen",
                "tetap",
                55.0,
                6.0,
            ),
            iku(
                "Jumlah rumah tidak layak huni yang ditangani",
                "unit",
                "angka",
                "jumlah",
                600,
                50,
                desimal=0,
            ),
        ),
    ),
    DefOpd(
        "satpolpp",
        "Satuan Polisi Pamong Praja",
        "1.05",
        "Ketenteraman dan Ketertiban Umum serta Perlindungan Masyarakat",
        "Kepala Satuan Polisi Pamong Praja",
        (
            ("02", "Program Peningkatan Ketenteraman dan Ketertiban Umum"),
            ("05", "Program Pemberdayaan Masyarakat dalam Ketenteraman dan Ketertiban"),
            ("06", "Program Penegakan Peraturan Daerah"),
            ("07", "Program Perlindungan Masyarakat"),
        ),
        (
            iku(
                "Persentase penegakan Perda dan Perkada yang ditindaklanjuti",
                "%",
                "persen",
                "tetap",
                78.0,
                4.0,
            ),
            iku(
                "Persentase gangguan ketenteraman dan ketertiban umum yang tertangani",
                "%",
                "persen",
                "tetap",
                90.0,
                2.0,
            ),
            iku(
                "Jumlah operasi penertiban yang dilaksanakan",
                "kegiatan",
                "angka",
                "jumlah",
                480,
                20,
                desimal=0,
            ),
        ),
    ),
    DefOpd(
        "damkar",
        "Dinas Pemadam Kebakaran",
        "1.05",
        "Ketenteraman dan Ketertiban Umum serta Perlindungan Masyarakat",
        "Kepala Dinas Pemadam Kebakaran",
        (
            (
                "04",
                "Program Pencegahan, Penanggulangan, Penyelamatan Kebakaran dan Penyelamatan Non Kebakaran",
            ),
            ("02", "Program Peningkatan Ketenteraman dan Ketertiban Umum"),
            ("07", "Program Perlindungan Masyarakat"),
            ("05", "Program Pemberdayaan Masyarakat dalam Ketenteraman dan Ketertiban"),
        ),
        (
            iku(
                "Waktu tanggap penanganan kebakaran",
                "menit",
                "angka",
                "rata",
                17.0,
                -1.0,
                negatif=True,
                desimal=0,
            ),
            iku(
                "Persentase kejadian kebakaran yang tertangani sesuai standar pelayanan minimal",
                "%",
                "persen",
                "tetap",
                87.0,
                3.0,
            ),
            iku(
                "Jumlah kelurahan yang memiliki relawan pemadam kebakaran",
                "kelurahan",
                "angka",
                "tw4",
                30,
                8,
                desimal=0,
            ),
        ),
    ),
    DefOpd(
        "bpbd",
        "Badan Penanggulangan Bencana Daerah",
        "1.05",
        "Ketenteraman dan Ketertiban Umum serta Perlindungan Masyarakat",
        "Kepala Pelaksana Badan Penanggulangan Bencana Daerah",
        (
            ("03", "Program Penanggulangan Bencana"),
            ("02", "Program Peningkatan Ketenteraman dan Ketertiban Umum"),
            ("07", "Program Perlindungan Masyarakat"),
            ("05", "Program Pemberdayaan Masyarakat dalam Ketenteraman dan Ketertiban"),
        ),
        (
            iku("Indeks risiko bencana", "Nilai", "indeks", "tw4", 128.0, -6.0, negatif=True),
            iku("Persentase kelurahan tangguh bencana", "%", "persen", "tw4", 25.0, 10.0),
            iku(
                "Persentase korban bencana yang mendapat layanan dasar dalam 24 jam",
                "%",
                "persen",
                "tetap",
                92.0,
                2.0,
            ),
        ),
    ),
    DefOpd(
        "disnaker",
        "Dinas Ketenagakerjaan",
        "2.07",
        "Tenaga Kerja",
        "Kepala Dinas Ketenagakerjaan",
        (
            ("02", "Program Perencanaan Tenaga Kerja"),
            ("03", "Program Pelatihan Kerja dan Produktivitas Tenaga Kerja"),
            ("04", "Program Penempatan Tenaga Kerja"),
            ("05", "Program Hubungan Industrial"),
        ),
        (
            iku("Tingkat pengangguran terbuka", "%", "persen", "tw4", 7.9, -0.5, negatif=True),
            iku("Persentase pencari kerja yang ditempatkan", "%", "persen", "tetap", 38.0, 4.0),
            iku(
                "Jumlah tenaga kerja yang mengikuti pelatihan berbasis kompetensi",
                "orang",
                "angka",
                "jumlah",
                2400,
                200,
                desimal=0,
            ),
            iku(
                "Persentase perselisihan hubungan industrial yang terselesaikan",
                "%",
                "persen",
                "tetap",
                74.0,
                4.0,
            ),
        ),
    ),
    DefOpd(
        "dp3a",
        "Dinas Pemberdayaan Perempuan dan Perlindungan Anak",
        "2.08",
        "Pemberdayaan Perempuan dan Perlindungan Anak",
        "Kepala Dinas Pemberdayaan Perempuan dan Perlindungan Anak",
        (
            ("02", "Program Pengarusutamaan Gender dan Pemberdayaan Perempuan"),
            ("03", "Program Perlindungan Perempuan"),
            ("06", "Program Pemenuhan Hak Anak"),
            ("07", "Program Perlindungan Khusus Anak"),
        ),
        (
            iku("Indeks Pembangunan Gender (IPG)", "Nilai", "indeks", "tw4", 91.5, 0.4),
            iku(
                "Persentase kasus kekerasan terhadap perempuan dan anak yang tertangani",
                "%",
                "persen",
                "tetap",
                88.0,
                3.0,
            ),
            iku("Indeks Perlindungan Anak", "Nilai", "indeks", "tw4", 66.0, 1.5),
        ),
    ),
    DefOpd(
        "dkppp",
        "Dinas Ketahanan Pangan, Pertanian dan Perikanan",
        "2.09",
        "Pangan",
        "Kepala Dinas Ketahanan Pangan, Pertanian dan Perikanan",
        (
            (
                "02",
                "Program Pengelolaan Sumber Daya Ekonomi untuk Kedaulatan dan Kemandirian Pangan",
            ),
            ("03", "Program Peningkatan Diversifikasi dan Ketahanan Pangan Masyarakat"),
            ("04", "Program Penanganan Kerawanan Pangan"),
            ("05", "Program Pengawasan Keamanan Pangan"),
        ),
        (
            iku("Skor Pola Pangan Harapan (PPH)", "Nilai", "indeks", "tw4", 88.0, 1.2),
            iku("Persentase ketersediaan pangan strategis", "%", "persen", "tetap", 92.0, 1.5),
            iku("Produksi perikanan budidaya", "ton", "angka", "jumlah", 1250.0, 60.0),
        ),
    ),
    DefOpd(
        "dlh",
        "Dinas Lingkungan Hidup",
        "2.11",
        "Lingkungan Hidup",
        "Kepala Dinas Lingkungan Hidup",
        (
            ("05", "Program Pengendalian Pencemaran dan/atau Kerusakan Lingkungan Hidup"),
            (
                "08",
                "Program Peningkatan Pendidikan, Pelatihan dan Penyuluhan Lingkungan Hidup untuk Masyarakat",
            ),
            ("11", "Program Pengelolaan Persampahan"),
            ("09", "Program Penghargaan Lingkungan Hidup untuk Masyarakat"),
        ),
        (
            iku("Indeks Kualitas Lingkungan Hidup (IKLH)", "Nilai", "indeks", "tw4", 52.0, 1.5),
            iku("Persentase sampah yang tertangani", "%", "persen", "tetap", 72.0, 4.0),
            iku("Indeks Kualitas Udara", "Nilai", "indeks", "tw4", 68.0, 1.0),
            iku("Jumlah bank sampah aktif", "unit", "angka", "tw4", 410, 30, desimal=0),
        ),
    ),
    DefOpd(
        "disdukcapil",
        "Dinas Kependudukan dan Pencatatan Sipil",
        "2.12",
        "Administrasi Kependudukan dan Pencatatan Sipil",
        "Kepala Dinas Kependudukan dan Pencatatan Sipil",
        (
            ("02", "Program Pendaftaran Penduduk"),
            ("03", "Program Pencatatan Sipil"),
            ("04", "Program Pengelolaan Informasi Administrasi Kependudukan"),
            ("05", "Program Pengelolaan Profil Kependudukan"),
        ),
        (
            iku(
                "Persentase penduduk wajib KTP yang memiliki KTP-el",
                "%",
                "persen",
                "tetap",
                97.0,
                0.8,
            ),
            iku("Persentase anak yang memiliki akta kelahiran", "%", "persen", "tetap", 93.0, 1.5),
            iku(
                "Persentase anak yang memiliki Kartu Identitas Anak (KIA)",
                "%",
                "persen",
                "tetap",
                46.0,
                8.0,
            ),
        ),
    ),
    DefOpd(
        "dppkb",
        "Dinas Pengendalian Penduduk dan Keluarga Berencana",
        "2.14",
        "Pengendalian Penduduk dan Keluarga Berencana",
        "Kepala Dinas Pengendalian Penduduk dan Keluarga Berencana",
        (
            ("02", "Program Pengendalian Penduduk"),
            ("03", "Program Pembinaan Keluarga Berencana (KB)"),
            ("04", "Program Pemberdayaan dan Peningkatan Keluarga Sejahtera (KS)"),
            ("05", "Program Pembinaan Ketahanan Keluarga"),
        ),
        (
            iku(
                "Angka kelahiran total (TFR)",
                "anak per perempuan",
                "angka",
                "tw4",
                2.12,
                -0.03,
                negatif=True,
            ),
            iku(
                "Persentase kebutuhan ber-KB yang tidak terpenuhi (unmet need)",
                "%",
                "persen",
                "rata",
                11.5,
                -0.8,
                negatif=True,
            ),
            iku("Persentase peserta KB aktif", "%", "persen", "rata", 69.0, 1.2),
        ),
    ),
    DefOpd(
        "dishub",
        "Dinas Perhubungan",
        "2.15",
        "Perhubungan",
        "Kepala Dinas Perhubungan",
        (
            ("02", "Program Penyelenggaraan Lalu Lintas dan Angkutan Jalan (LLAJ)"),
            ("04", "Program Pengelolaan Perkeretaapian"),
            ("03", "Program Pengelolaan Pelayaran"),
            ("05", "Program Pengelolaan Perparkiran"),
        ),
        (
            iku(
                "Persentase titik rawan kecelakaan yang tertangani", "%", "persen", "tw4", 54.0, 8.0
            ),
            iku(
                "Rasio ketersediaan angkutan umum terhadap kebutuhan",
                "%",
                "persen",
                "tw4",
                62.0,
                4.0,
            ),
            iku(
                "Tingkat kinerja lalu lintas (rasio volume per kapasitas)",
                "rasio",
                "angka",
                "rata",
                0.86,
                -0.02,
                negatif=True,
            ),
            iku(
                "Pendapatan retribusi parkir",
                "juta rupiah",
                "angka",
                "jumlah",
                21000,
                1500,
                desimal=0,
            ),
        ),
    ),
    DefOpd(
        "diskominfostandi",
        "Dinas Komunikasi, Informatika, Statistik dan Persandian",
        "2.16",
        "Komunikasi dan Informatika",
        "Kepala Dinas Komunikasi, Informatika, Statistik dan Persandian",
        (
            ("02", "Program Informasi dan Komunikasi Publik"),
            ("03", "Program Aplikasi Informatika"),
            ("04", "Program Penyelenggaraan Statistik Sektoral"),
            ("05", "Program Penyelenggaraan Persandian untuk Pengamanan Informasi"),
        ),
        (
            iku(
                "Indeks Sistem Pemerintahan Berbasis Elektronik (SPBE)",
                "Nilai",
                "indeks",
                "tw4",
                2.9,
                0.25,
            ),
            iku(
                "Persentase perangkat daerah yang terhubung jaringan intra pemerintah",
                "%",
                "persen",
                "tetap",
                84.0,
                5.0,
            ),
            iku("Indeks Keterbukaan Informasi Publik", "Nilai", "indeks", "tw4", 81.0, 2.0),
        ),
    ),
    DefOpd(
        "diskopukm",
        "Dinas Koperasi dan Usaha Kecil Menengah",
        "2.17",
        "Koperasi, Usaha Kecil, dan Menengah",
        "Kepala Dinas Koperasi dan Usaha Kecil Menengah",
        (
            ("02", "Program Pelayanan Izin Usaha Simpan Pinjam"),
            ("05", "Program Pemberdayaan dan Perlindungan Koperasi"),
            ("07", "Program Pemberdayaan Usaha Menengah, Usaha Kecil, dan Usaha Mikro (UMKM)"),
            ("08", "Program Pengembangan UMKM"),
        ),
        (
            iku("Persentase koperasi aktif", "%", "persen", "tw4", 61.0, 3.0),
            iku("Pertumbuhan jumlah usaha mikro", "%", "persen", "tw4", 4.5, 0.5),
            iku("Jumlah UMKM yang difasilitasi", "unit", "angka", "jumlah", 1800, 150, desimal=0),
        ),
    ),
    DefOpd(
        "dpmptsp",
        "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
        "2.18",
        "Penanaman Modal",
        "Kepala Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
        (
            ("02", "Program Pengembangan Iklim Penanaman Modal"),
            ("03", "Program Promosi Penanaman Modal"),
            ("04", "Program Pelayanan Penanaman Modal"),
            ("05", "Program Pengendalian Pelaksanaan Penanaman Modal"),
        ),
        (
            iku(
                "Nilai realisasi investasi",
                "miliar rupiah",
                "angka",
                "jumlah",
                9800,
                600,
                desimal=0,
            ),
            iku("Persentase perizinan yang terbit tepat waktu", "%", "persen", "tetap", 89.0, 2.5),
            iku(
                "Indeks Kepuasan Masyarakat layanan perizinan", "Nilai", "indeks", "tw4", 82.0, 1.0
            ),
        ),
    ),
    DefOpd(
        "dispora",
        "Dinas Kepemudaan dan Olahraga",
        "2.19",
        "Kepemudaan dan Olahraga",
        "Kepala Dinas Kepemudaan dan Olahraga",
        (
            ("02", "Program Pengembangan Kapasitas Daya Saing Kepemudaan"),
            ("03", "Program Pengembangan Kapasitas Daya Saing Keolahragaan"),
            ("04", "Program Pengembangan Kapasitas Kepramukaan"),
            ("05", "Program Pengelolaan Sarana dan Prasarana Olahraga"),
        ),
        (
            iku(
                "Jumlah medali olahraga tingkat provinsi dan nasional",
                "medali",
                "angka",
                "jumlah",
                145,
                10,
                desimal=0,
            ),
            iku("Persentase organisasi kepemudaan yang aktif", "%", "persen", "tw4", 64.0, 4.0),
            iku("Indeks Pembangunan Pemuda", "Nilai", "indeks", "tw4", 54.0, 1.5),
        ),
    ),
    DefOpd(
        "disbudpar",
        "Dinas Kebudayaan dan Pariwisata",
        "3.26",
        "Pariwisata",
        "Kepala Dinas Kebudayaan dan Pariwisata",
        (
            ("02", "Program Peningkatan Daya Tarik Destinasi Pariwisata"),
            ("03", "Program Pemasaran Pariwisata"),
            (
                "04",
                "Program Pengembangan Ekonomi Kreatif melalui Pemanfaatan dan Perlindungan Hak Kekayaan Intelektual",
            ),
            ("05", "Program Pengembangan Sumber Daya Pariwisata dan Ekonomi Kreatif"),
        ),
        (
            iku(
                "Jumlah kunjungan wisatawan",
                "orang",
                "angka",
                "jumlah",
                1_450_000,
                90_000,
                desimal=0,
            ),
            iku("Persentase cagar budaya yang dilestarikan", "%", "persen", "tw4", 45.0, 8.0),
            iku(
                "Jumlah pelaku ekonomi kreatif yang difasilitasi",
                "orang",
                "angka",
                "jumlah",
                900,
                80,
                desimal=0,
            ),
        ),
    ),
    DefOpd(
        "dispusip",
        "Dinas Perpustakaan dan Kearsipan",
        "2.23",
        "Perpustakaan",
        "Kepala Dinas Perpustakaan dan Kearsipan",
        (
            ("02", "Program Pembinaan Perpustakaan"),
            ("03", "Program Pelestarian Koleksi Nasional dan Naskah Kuno"),
            ("04", "Program Pengelolaan Arsip"),
            ("05", "Program Perlindungan dan Penyelamatan Arsip"),
        ),
        (
            iku("Tingkat Gemar Membaca masyarakat", "Nilai", "indeks", "tw4", 62.0, 2.5),
            iku(
                "Persentase arsip perangkat daerah yang dikelola sesuai standar",
                "%",
                "persen",
                "tetap",
                58.0,
                8.0,
            ),
            iku(
                "Jumlah kunjungan perpustakaan",
                "orang",
                "angka",
                "jumlah",
                210_000,
                15_000,
                desimal=0,
            ),
        ),
    ),
    DefOpd(
        "disdagperin",
        "Dinas Perdagangan dan Perindustrian",
        "3.30",
        "Perdagangan",
        "Kepala Dinas Perdagangan dan Perindustrian",
        (
            ("03", "Program Peningkatan Sarana Distribusi Perdagangan"),
            ("04", "Program Stabilisasi Harga Barang Kebutuhan Pokok dan Barang Penting"),
            ("05", "Program Pengembangan Ekspor"),
            ("07", "Program Penggunaan dan Pemasaran Produk Dalam Negeri"),
        ),
        (
            iku("Persentase stabilitas harga bahan pokok", "%", "persen", "rata", 91.0, 1.5),
            iku("Persentase pasar rakyat yang direvitalisasi", "%", "persen", "tw4", 35.0, 10.0),
            iku(
                "Jumlah industri kecil menengah yang tersertifikasi",
                "unit",
                "angka",
                "jumlah",
                240,
                30,
                desimal=0,
            ),
        ),
    ),
    DefOpd(
        "setda",
        "Sekretariat Daerah",
        "4.01",
        "Sekretariat Daerah",
        "Sekretaris Daerah",
        (
            ("02", "Program Pemerintahan dan Kesejahteraan Rakyat"),
            ("03", "Program Perekonomian dan Pembangunan"),
            ("04", "Program Administrasi Umum Sekretariat Daerah"),
            ("05", "Program Pengadaan Barang dan Jasa"),
        ),
        (
            iku("Indeks Reformasi Birokrasi", "Nilai", "indeks", "tw4", 68.0, 2.0),
            iku(
                "Persentase produk hukum daerah yang ditetapkan tepat waktu",
                "%",
                "persen",
                "tetap",
                80.0,
                4.0,
            ),
            iku(
                "Persentase paket pengadaan yang tender tepat waktu",
                "%",
                "persen",
                "tetap",
                84.0,
                3.0,
            ),
        ),
    ),
    DefOpd(
        "setwan",
        "Sekretariat DPRD",
        "4.02",
        "Sekretariat DPRD",
        "Sekretaris DPRD",
        (
            ("02", "Program Dukungan Pelaksanaan Tugas dan Fungsi DPRD"),
            ("03", "Program Fasilitasi Pembentukan Peraturan Daerah"),
            ("04", "Program Fasilitasi Penganggaran dan Pengawasan DPRD"),
            ("05", "Program Publikasi dan Dokumentasi DPRD"),
        ),
        (
            iku(
                "Persentase rancangan Perda yang dibahas sesuai Propemperda",
                "%",
                "persen",
                "tw4",
                72.0,
                6.0,
            ),
            iku(
                "Persentase kegiatan fasilitasi DPRD yang terlaksana",
                "%",
                "persen",
                "tetap",
                90.0,
                2.0,
            ),
        ),
    ),
    DefOpd(
        "bappelitbangda",
        "Badan Perencanaan Pembangunan, Penelitian dan Pengembangan Daerah",
        "5.01",
        "Perencanaan",
        "Kepala Badan Perencanaan Pembangunan, Penelitian dan Pengembangan Daerah",
        (
            ("02", "Program Perencanaan, Pengendalian dan Evaluasi Pembangunan Daerah"),
            ("03", "Program Koordinasi dan Sinkronisasi Perencanaan Pembangunan Daerah"),
            ("04", "Program Penelitian dan Pengembangan Daerah"),
            ("05", "Program Pengelolaan Data Pembangunan Daerah"),
        ),
        (
            iku(
                "Persentase keselarasan program RPD/RPJMD dengan RKPD",
                "%",
                "persen",
                "tw4",
                86.0,
                3.0,
            ),
            iku(
                "Persentase rekomendasi hasil penelitian yang dimanfaatkan",
                "%",
                "persen",
                "tw4",
                48.0,
                6.0,
            ),
            iku("Indeks perencanaan pembangunan daerah", "Nilai", "indeks", "tw4", 3.1, 0.15),
        ),
    ),
    DefOpd(
        "bpkad",
        "Badan Pengelolaan Keuangan dan Aset Daerah",
        "5.02",
        "Keuangan",
        "Kepala Badan Pengelolaan Keuangan dan Aset Daerah",
        (
            ("02", "Program Pengelolaan Keuangan Daerah"),
            ("03", "Program Pengelolaan Barang Milik Daerah"),
            ("05", "Program Pengelolaan Pendapatan Daerah"),
            ("04", "Program Pengelolaan Akuntansi dan Pelaporan Keuangan Daerah"),
        ),
        (
            iku("Persentase aset daerah yang bersertifikat", "%", "persen", "tw4", 58.0, 7.0),
            iku(
                "Persentase laporan keuangan yang disusun tepat waktu",
                "%",
                "persen",
                "tetap",
                92.0,
                2.0,
            ),
            iku("Persentase serapan anggaran pemerintah kota", "%", "persen", "tetap", 88.0, 2.0),
        ),
    ),
    DefOpd(
        "bapenda",
        "Badan Pendapatan Daerah",
        "5.02",
        "Keuangan",
        "Kepala Badan Pendapatan Daerah",
        (
            ("05", "Program Pengelolaan Pendapatan Daerah"),
            ("02", "Program Pengelolaan Keuangan Daerah"),
            ("06", "Program Pengelolaan Pajak Daerah"),
            ("07", "Program Pengelolaan Retribusi Daerah"),
        ),
        (
            iku(
                "Persentase realisasi Pendapatan Asli Daerah terhadap target",
                "%",
                "persen",
                "tetap",
                94.0,
                1.5,
            ),
            iku(
                "Rasio Pendapatan Asli Daerah terhadap total pendapatan daerah",
                "%",
                "persen",
                "tw4",
                44.0,
                1.5,
            ),
            iku(
                "Jumlah wajib pajak daerah terdaftar",
                "wajib pajak",
                "angka",
                "tw4",
                410_000,
                18_000,
                desimal=0,
            ),
        ),
    ),
    DefOpd(
        "bkpsdm",
        "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
        "5.03",
        "Kepegawaian",
        "Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
        (
            ("02", "Program Kepegawaian Daerah"),
            ("03", "Program Pengembangan Sumber Daya Manusia"),
            ("04", "Program Pengelolaan Kinerja Aparatur"),
            ("05", "Program Penilaian dan Evaluasi Jabatan"),
        ),
        (
            iku(
                "Persentase ASN yang memenuhi standar kompetensi jabatan",
                "%",
                "persen",
                "tw4",
                62.0,
                5.0,
            ),
            iku(
                "Persentase ASN yang mengikuti pengembangan kompetensi minimal 20 jam pelajaran",
                "%",
                "persen",
                "jumlah",
                70.0,
                5.0,
            ),
            iku("Indeks Sistem Merit", "Nilai", "indeks", "tw4", 0.68, 0.04),
        ),
    ),
    DefOpd(
        "inspektorat",
        "Inspektorat Daerah",
        "6.01",
        "Pengawasan",
        "Inspektur",
        (
            ("02", "Program Penyelenggaraan Pengawasan"),
            ("03", "Program Perumusan Kebijakan, Pendampingan dan Asistensi"),
            ("04", "Program Pengawasan Kinerja dan Keuangan"),
            ("05", "Program Pencegahan Korupsi"),
        ),
        (
            iku("Level kapabilitas APIP", "level", "angka", "tw4", 2.6, 0.2),
            iku(
                "Persentase tindak lanjut temuan BPK yang diselesaikan",
                "%",
                "persen",
                "tetap",
                76.0,
                5.0,
            ),
            iku(
                "Level maturitas Sistem Pengendalian Intern Pemerintah (SPIP)",
                "level",
                "angka",
                "tw4",
                3.0,
                0.15,
            ),
        ),
    ),
    DefOpd(
        "kesbangpol",
        "Badan Kesatuan Bangsa dan Politik",
        "8.01",
        "Kesatuan Bangsa dan Politik",
        "Kepala Badan Kesatuan Bangsa dan Politik",
        (
            ("02", "Program Penguatan Ideologi Pancasila dan Karakter Kebangsaan"),
            ("03", "Program Peningkatan Peran Partai Politik dan Lembaga Pendidikan"),
            ("04", "Program Pemberdayaan dan Pengawasan Organisasi Kemasyarakatan"),
            ("05", "Program Pembinaan dan Pengembangan Ketahanan Ekonomi, Sosial, dan Budaya"),
        ),
        (
            iku(
                "Persentase potensi konflik sosial yang tertangani",
                "%",
                "persen",
                "tetap",
                85.0,
                3.0,
            ),
            iku("Indeks Demokrasi", "Nilai", "indeks", "tw4", 76.0, 1.0),
            iku(
                "Persentase organisasi kemasyarakatan yang terdaftar dan aktif",
                "%",
                "persen",
                "tw4",
                58.0,
                5.0,
            ),
        ),
    ),
) + tuple(
    DefOpd(
        f"kec-{nama.lower().replace(' ', '-')}",
        f"Kecamatan {nama}",
        "7.01",
        "Kewilayahan",
        f"Camat {nama}",
        _KECAMATAN_PROGRAM,
        _KECAMATAN_IKU,
    )
    for nama in _KECAMATAN
)

NAMA_DEPAN = (
    "Ahmad",
    "Budi",
    "Dedi",
    "Eko",
    "Hendra",
    "Irwan",
    "Joko",
    "Rudi",
    "Sutrisno",
    "Yusuf",
    "Agus",
    "Bambang",
    "Dadang",
    "Asep",
    "Ujang",
)
NAMA_DEPAN_P = ("Siti", "Dewi", "Rina", "Yuli", "Nurhayati", "Sri", "Lina", "Ratna", "Euis", "Tuti")
NAMA_BELAKANG = (
    "Hidayat",
    "Saputra",
    "Kurniawan",
    "Setiawan",
    "Wibowo",
    "Nugroho",
    "Suryadi",
    "Rahman",
    "Permana",
    "Gunawan",
    "Sulistyowati",
    "Rahmawati",
    "Lestari",
    "Maryani",
    "Santoso",
)
GELAR_DEPAN = ("", "Drs. ", "Dr. ", "Ir. ", "H. ", "Hj. ")
GELAR_BELAKANG = (
    ", S.Sos., M.Si.",
    ", S.H., M.H.",
    ", S.T., M.T.",
    ", S.E., M.M.",
    ", M.Si.",
    ", S.Kom., M.T.I.",
    ", S.Pd., M.Pd.",
    ", M.Kes.",
    ", S.IP., M.AP.",
)
PANGKAT = ("Pembina Utama Muda (IV/c)", "Pembina Tingkat I (IV/b)", "Pembina Utama Madya (IV/d)")
