"""The exchange workbook's sheets and columns (shared/spec/workbook.md plus the extension sheets).

One catalogue for the import's header checks, the blank template, its README sheet and the
export, so that the four never disagree. Pure data: no Django imports.
"""

from __future__ import annotations

from dataclasses import dataclass

PERIODE = ("TAHUNAN", "TW1", "TW2", "TW3", "TW4")
TINGKAT_INDIKATOR = ("iku", "program", "kegiatan", "subkegiatan")
TINGKAT_ANGGARAN = ("program", "kegiatan", "subkegiatan")
JENIS_NILAI = ("angka", "persen", "indeks", "predikat")
POLARITAS = ("positif", "negatif")
METODE_NEGATIF = ("A", "B")
AGREGASI = ("jumlah", "terakhir", "rata-rata")
SKALA_PREDIKAT = ("AKIP", "IKM")
MODE_PREDIKAT = ("numerik", "ordinal")
JENIS_TARGET = ("renstra", "pk")
VARIAN_EFISIENSI = ("V1", "V2", "V3")
CAP_PERSEN = ("100", "110", "120")

README = "README"  # the explanation sheet of the template and the export; never imported


@dataclass(frozen=True)
class Kolom:
    nama: str
    wajib: bool
    keterangan: str
    pilihan: tuple[str, ...] = ()
    kunci: bool = False
    contoh: str = ""


@dataclass(frozen=True)
class Lembar:
    nama: str
    keterangan: str
    kolom: tuple[Kolom, ...]
    opsional: bool = True

    @property
    def nama_kolom(self) -> tuple[str, ...]:
        return tuple(k.nama for k in self.kolom)

    @property
    def wajib(self) -> tuple[str, ...]:
        return tuple(k.nama for k in self.kolom if k.wajib)


def K(
    nama: str,
    wajib: bool,
    keterangan: str,
    *,
    pilihan: tuple[str, ...] = (),
    kunci: bool = False,
    contoh: str = "",
) -> Kolom:
    return Kolom(nama, wajib, keterangan, pilihan, kunci, contoh)


_RP = "Rupiah; sel angka, atau teks seperti Rp 4.103.700.625,- atau 1.234.567,89"
_TAHUN = "tahun empat angka"

LEMBAR: tuple[Lembar, ...] = (
    Lembar(
        "Perangkat_Daerah",
        "Identitas perangkat daerah dan periode Renstra: tepat satu baris data.",
        (
            K(
                "kode",
                True,
                "kode singkat perangkat daerah: huruf kecil, angka dan tanda hubung",
                kunci=True,
                contoh="dinsos-kota-bekasi",
            ),
            K("kode_skpd", False, "kode organisasi", contoh="1.06.0.00.0.00.01.0000"),
            K("nama", True, "nama perangkat daerah", contoh="Dinas Sosial Kota Bekasi"),
            K("pemda", True, "nama pemerintah daerah", contoh="Pemerintah Kota Bekasi"),
            K("kota_ttd", True, "tempat yang dicetak di atas tanda tangan", contoh="Bekasi"),
            K(
                "kepala_nama",
                True,
                "nama lengkap kepala dengan gelar",
                contoh="Drs. H. ALEXANDER ZULKARNAIN, M.Si.",
            ),
            K("kepala_nip", False, "NIP 18 angka, spasi boleh", contoh="19660301 199003 1 010"),
            K(
                "kepala_pangkat",
                False,
                "pangkat/golongan kepala",
                contoh="Pembina Utama Muda (IV/c)",
            ),
            K("kepala_jabatan", True, "jabatan kepala", contoh="Kepala Dinas Sosial Kota Bekasi"),
            K("renstra_awal", True, f"tahun pertama periode Renstra ({_TAHUN})", contoh="2024"),
            K("renstra_akhir", True, f"tahun terakhir periode Renstra ({_TAHUN})", contoh="2026"),
            K(
                "kepala_daerah_nama",
                False,
                "nama kepala daerah (Pihak Kedua Perjanjian Kinerja); kolom yang "
                "tidak ada tidak mengubah data",
            ),
            K(
                "kepala_daerah_jabatan",
                False,
                "jabatan kepala daerah, mis. Wali Kota Bekasi; kolom yang tidak "
                "ada tidak mengubah data",
                contoh="Wali Kota Bekasi",
            ),
        ),
        opsional=False,
    ),
    Lembar(
        "Tujuan",
        "Tujuan Renstra.",
        (
            K("kode", True, "kode tujuan", kunci=True, contoh="T1"),
            K("uraian", True, "rumusan tujuan"),
        ),
    ),
    Lembar(
        "Sasaran",
        "Sasaran strategis Renstra.",
        (
            K("kode", True, "kode sasaran", kunci=True, contoh="S1"),
            K("tujuan_kode", True, "kode tujuan di sheet Tujuan", contoh="T1"),
            K("uraian", True, "rumusan sasaran"),
        ),
    ),
    Lembar(
        "Indikator",
        "Indikator kinerja utama (IKU) dan indikator program/kegiatan/sub-kegiatan.",
        (
            K("kode", True, "kode indikator", kunci=True, contoh="IKU-1"),
            K("tingkat", True, "tingkat indikator", pilihan=TINGKAT_INDIKATOR),
            K(
                "sasaran_kode",
                False,
                "wajib untuk tingkat iku: kode sasaran di sheet Sasaran",
                contoh="S1",
            ),
            K(
                "anggaran_kode",
                False,
                "wajib untuk tingkat selain iku: kode program/kegiatan/sub-kegiatan",
                contoh="1.06.04",
            ),
            K("uraian", True, "nama indikator", contoh="Persentase PPKS binaan yang mandiri"),
            K("satuan", True, "satuan", contoh="%"),
            K("jenis_nilai", True, "jenis nilai", pilihan=JENIS_NILAI),
            K(
                "polaritas",
                True,
                "positif: makin tinggi makin baik; negatif: makin rendah makin baik",
                pilihan=POLARITAS,
            ),
            K(
                "metode_negatif",
                False,
                "rumus capaian polaritas negatif: A = (2T − R)/T × 100, B = T/R × 100; kosong = A",
                pilihan=METODE_NEGATIF,
            ),
            K(
                "agregasi",
                True,
                "cara triwulan dijadikan nilai tahunan bila realisasi TAHUNAN tidak diisi: "
                "jumlah, terakhir (triwulan terakhir yang terisi), rata-rata",
                pilihan=AGREGASI,
            ),
            K(
                "skala_predikat",
                False,
                "wajib untuk jenis predikat: AKIP (PermenPANRB 88/2021) atau IKM "
                "(PermenPANRB 14/2017)",
                pilihan=SKALA_PREDIKAT,
            ),
            K(
                "mode_predikat",
                False,
                "capaian indikator predikat: numerik (nilai/target) atau ordinal "
                "(peringkat); kosong = numerik",
                pilihan=MODE_PREDIKAT,
            ),
            K(
                "cap_persen",
                False,
                "batas capaian untuk agregat: 100, 110 atau 120; kosong = tanpa batas",
                pilihan=CAP_PERSEN,
            ),
            K("rumus", False, "formula seperti tercetak di tabel IKU"),
            K("pembilang", False, "apa yang dihitung pembilang"),
            K("penyebut", False, "apa yang dihitung penyebut"),
            K("sumber_data", False, "sumber data"),
            K("alasan", False, "alasan/penjelasan pemilihan indikator"),
            K("dasar_hukum", False, "dasar hukum"),
        ),
    ),
    Lembar(
        "Target",
        "Target Renstra (per tahun) dan Perjanjian Kinerja (tahunan dan triwulan).",
        (
            K(
                "indikator_kode",
                True,
                "kode indikator di sheet Indikator",
                kunci=True,
                contoh="IKU-1",
            ),
            K("tahun", True, _TAHUN, kunci=True, contoh="2024"),
            K(
                "jenis",
                True,
                "renstra (jangka menengah) atau pk (Perjanjian Kinerja)",
                pilihan=JENIS_TARGET,
                kunci=True,
            ),
            K(
                "periode",
                True,
                "TAHUNAN untuk target Renstra dan PK tahunan; TW1–TW4 untuk target PK triwulan",
                pilihan=PERIODE,
                kunci=True,
            ),
            K("nilai", False, "nilai target; wajib kecuali predikat diisi", contoh="77,26"),
            K("predikat", False, "predikat target untuk indikator berjenis predikat", contoh="BB"),
        ),
    ),
    Lembar(
        "Realisasi",
        "Realisasi indikator per triwulan atau tahunan (tahun sebelumnya untuk perbandingan).",
        (
            K(
                "indikator_kode",
                True,
                "kode indikator di sheet Indikator",
                kunci=True,
                contoh="IKU-3",
            ),
            K("tahun", True, _TAHUN, kunci=True, contoh="2024"),
            K(
                "periode",
                True,
                "TW1–TW4, atau TAHUNAN bila hanya nilai setahun yang diketahui",
                pilihan=PERIODE,
                kunci=True,
            ),
            K(
                "nilai",
                False,
                "nilai realisasi; wajib kecuali pembilang dan penyebut (atau predikat) diisi",
                contoh="12,14",
            ),
            K("pembilang", False, "pembilang, mis. 15.216", contoh="15.216"),
            K(
                "penyebut",
                False,
                "penyebut, mis. 125.326; untuk jenis persen nilai = pembilang / penyebut × 100",
                contoh="125.326",
            ),
            K(
                "predikat",
                False,
                "predikat realisasi untuk indikator berjenis predikat",
                contoh="BB",
            ),
            K("faktor_pendukung", False, "faktor pendukung keberhasilan"),
            K("faktor_penghambat", False, "faktor penghambat"),
            K("upaya", False, "upaya/solusi dan langkah tindak lanjut"),
            K("catatan", False, "catatan"),
        ),
    ),
    Lembar(
        "Anggaran",
        "Baris anggaran per tahun: pagu dan realisasi program, kegiatan dan sub-kegiatan.",
        (
            K("tahun", True, "tahun anggaran", kunci=True, contoh="2024"),
            K(
                "kode",
                True,
                "kode nomenklatur: program 1.06.04, kegiatan 1.06.04.2.01, sub-kegiatan "
                "1.06.04.2.01.0001",
                kunci=True,
                contoh="1.06.04.2.01.0001",
            ),
            K("tingkat", True, "tingkat kode", pilihan=TINGKAT_ANGGARAN),
            K("uraian", True, "nama sesuai nomenklatur", contoh="Penyediaan Permakanan"),
            K(
                "induk_kode",
                False,
                "kode induk; tidak perlu diisi karena diturunkan dari kode (diabaikan)",
            ),
            K("pagu_murni", False, f"pagu APBD murni; wajib kecuali pagu_perubahan diisi. {_RP}"),
            K("pagu_perubahan", False, f"pagu setelah perubahan (APBD-P). {_RP}"),
            K(
                "realisasi",
                True,
                f"realisasi setahun; bila triwulan diisi, harus sama dengan jumlahnya. {_RP}",
            ),
            K(
                "realisasi_tw1",
                False,
                "realisasi dalam triwulan I; bila triwulan diisi, jumlahnya harus sama "
                "dengan realisasi",
            ),
            K("realisasi_tw2", False, "realisasi dalam triwulan II"),
            K("realisasi_tw3", False, "realisasi dalam triwulan III"),
            K("realisasi_tw4", False, "realisasi dalam triwulan IV"),
            K("sumber_dana", False, "sumber dana", contoh="DBHCHT"),
            K(
                "indikator_kode",
                False,
                "kode indikator yang didukung, dipisah koma",
                contoh="IKU-3, IP-1",
            ),
        ),
    ),
    Lembar(
        "Evaluasi_AKIP",
        "Nilai komponen evaluasi AKIP (LHE) yang dipakai laporan tahun itu.",
        (
            K("tahun", True, "tahun LKIP yang memakai hasil ini", kunci=True, contoh="2024"),
            K(
                "komponen",
                True,
                "komponen AKIP",
                kunci=True,
                pilihan=(
                    "Perencanaan Kinerja",
                    "Pengukuran Kinerja",
                    "Pelaporan Kinerja",
                    "Evaluasi Akuntabilitas Kinerja Internal",
                ),
            ),
            K("bobot", True, "bobot komponen (30, 30, 15, 25)", contoh="30"),
            K("nilai", True, "nilai komponen", contoh="22,25"),
            K("nomor_lhe", False, "nomor laporan hasil evaluasi"),
            K("tanggal_lhe", False, "tanggal LHE: sel tanggal, atau 4 Juli 2024, atau 2024-07-04"),
        ),
    ),
    Lembar(
        "IKM",
        "Indeks Kepuasan Masyarakat per tahun.",
        (
            K("tahun", True, _TAHUN, kunci=True, contoh="2024"),
            K("nilai", True, "nilai IKM konversi 25–100", contoh="93,45"),
            K("sumber", False, "sumber, mis. laporan survei"),
        ),
    ),
    Lembar(
        "SDM",
        "Komposisi sumber daya manusia (Bab I).",
        (
            K("tahun", True, _TAHUN, kunci=True, contoh="2024"),
            K("kategori", True, "kategori pegawai", kunci=True, contoh="ASN"),
            K("jumlah", True, "jumlah orang (bilangan bulat)", contoh="33"),
        ),
    ),
    Lembar(
        "Kebutuhan_Personil",
        "Kebutuhan personil (Bab I).",
        (
            K("nomor", True, "nomor urut", kunci=True, contoh="1"),
            K("jabatan", True, "jabatan", contoh="Analis Bencana"),
            K("kualifikasi_pendidikan", False, "kualifikasi pendidikan"),
            K("beban_kerja", False, "analisis beban kerja; satu butir per baris"),
        ),
    ),
    Lembar(
        "Kategori_PPKS",
        "Kategori Pemerlu Pelayanan Kesejahteraan Sosial (Bab I).",
        (
            K("kode", True, "kode kategori", kunci=True, contoh="F1"),
            K("nama", True, "nama kategori", contoh="Anak Balita Terlantar"),
        ),
    ),
    Lembar(
        "Kejadian_Bencana",
        "Kejadian bencana dan jumlah korban yang ditangani.",
        (
            K("tahun", True, _TAHUN, kunci=True, contoh="2024"),
            K("kejadian", True, "jenis kejadian", kunci=True, contoh="Bencana Banjir"),
            K("kepala_keluarga", False, "jumlah kepala keluarga", contoh="246"),
            K("jiwa", False, "jumlah jiwa", contoh="983"),
            K("sumber", False, "sumber data"),
        ),
    ),
    Lembar(
        "Capaian_Output",
        "Keluaran yang dihitung dari baris anggaran (orang dilayani, penerima).",
        (
            K("tahun", True, _TAHUN, kunci=True, contoh="2024"),
            K(
                "anggaran_kode",
                True,
                "kode program/kegiatan/sub-kegiatan",
                kunci=True,
                contoh="1.06.04.2.01",
            ),
            K("uraian", True, "uraian keluaran", kunci=True, contoh="Disabilitas"),
            K("satuan", False, "satuan; kosong = orang", contoh="orang"),
            K("target", True, "target keluaran", contoh="1.128"),
            K("realisasi", True, "realisasi keluaran", contoh="1.128"),
        ),
    ),
    Lembar(
        "Angka_Tercetak",
        "Angka seperti tercetak di dokumen sebelumnya, untuk dibandingkan pemeriksaan data. "
        "Isi teks 'hapus' untuk menghapus angka rujukan dengan kunci yang sama.",
        (
            K("tahun", True, _TAHUN, kunci=True, contoh="2024"),
            K("lokasi", True, "letak angka di dokumen", kunci=True, contoh="Tabel 3.18 baris 1"),
            K(
                "objek",
                True,
                "kode anggaran, kode indikator, atau opd untuk total",
                kunci=True,
                contoh="1.06.01",
            ),
            K("besaran", True, "besaran yang dicetak", kunci=True, contoh="serapan"),
            K(
                "teks",
                True,
                "angka persis seperti tercetak; 'hapus' menghapus angka rujukan ini",
                contoh="90,06",
            ),
        ),
    ),
    Lembar(
        "Narasi",
        "Teks bagian-bagian laporan.",
        (
            K("tahun", True, _TAHUN, kunci=True, contoh="2024"),
            K("bagian", True, "bagian laporan", kunci=True, contoh="kata_pengantar"),
            K("judul", False, "judul bagian"),
            K("teks", False, "isi; paragraf dipisah baris kosong"),
        ),
    ),
    Lembar(
        "Pengaturan_Laporan",
        "Pengaturan LKIP per tahun: tanggal laporan dan rumus efisiensi.",
        (
            K("tahun", True, _TAHUN, kunci=True, contoh="2024"),
            K("tanggal", False, "tanggal laporan (sel tanggal, 20 Januari 2025 atau 2025-01-20)"),
            K(
                "varian_efisiensi",
                False,
                "V1 = capaian − serapan; V2 = 100 − serapan; V3 = capaian / serapan "
                "× 100; kosong = V1",
                pilihan=VARIAN_EFISIENSI,
            ),
        ),
    ),
)

LEMBAR_MENURUT_NAMA: dict[str, Lembar] = {lembar.nama.lower(): lembar for lembar in LEMBAR}

ATURAN_UMUM: tuple[str, ...] = (
    "Workbook pertukaran LKIP (format 1): satu berkas .xlsx berisi semua data yang dipakai untuk "
    "menghitung LKIP satu perangkat daerah.",
    "Nama sheet dan judul kolom persis seperti di bawah (huruf besar/kecil dan spasi di tepi tidak "
    "berpengaruh). Judul di baris 1, data mulai baris 2. Urutan kolom bebas; kolom opsional boleh "
    "tidak ada. Sheet dan kolom yang tidak dikenal dilaporkan sebagai peringatan dan diabaikan.",
    "Baris kosong dilewati. Baris dikenali dari kolom kuncinya: bila kuncinya sudah ada, baris itu "
    "memperbarui data, sehingga mengimpor workbook yang sama dua kali tidak mengubah apa pun.",
    "Angka: sel angka dipakai apa adanya. Sel teks dibaca dalam notasi Indonesia: titik pemisah "
    "ribuan, koma desimal; Rp, Rp., spasi dan akhiran ,- boleh (Rp 4.103.700.625,-; 1.234,56; "
    "77,26). Teks yang bukan angka adalah kesalahan, tidak pernah dibaca sebagai 0.",
    "Rumus tidak dihitung. Sel berisi rumus dibaca dari nilai tersimpan (hasil hitungan terakhir "
    "program spreadsheet) dan dilaporkan sebagai peringatan; rumus tanpa nilai tersimpan adalah "
    "kesalahan.",
    "Tahun ditulis empat angka. Periode: TW1, TW2, TW3, TW4 (triwulan) atau TAHUNAN.",
    "Impor bersifat semua atau tidak sama sekali: satu kesalahan saja menolak seluruh workbook, "
    "dan setiap kesalahan ditampilkan dengan sheet, baris, kolom dan pesannya.",
    "Realisasi dan target untuk periode yang sudah ditutup tidak dapat diubah lewat impor.",
    "Hanya berkas .xlsx asli yang diterima (bukan .xls, .xlsm bermakro, CSV atau PDF yang diganti "
    "namanya).",
)


# --- Tingkat pemda (shared/spec/workbook.md, "Tingkat pemda"): the pemda's own LKIP -------------

PEMDA = "Pemda"  # the first sheet of a pemda-level workbook (an agency's is Perangkat_Daerah)
JENIS_PEMDA = ("provinsi", "kabupaten", "kota")
SKALA_PREDIKAT_PEMDA = ("RB", "AKIP", "IKM")
ACUAN_RENTANG = ("atas", "bawah")
JENIS_PEMBIAYAAN = ("penerimaan", "pengeluaran")
PERIODE_PEMDA = ("TAHUNAN",)


def _kolom(nama_lembar: str, *nama: str) -> tuple[Kolom, ...]:
    lembar = LEMBAR_MENURUT_NAMA[nama_lembar.lower()]
    return tuple(k for k in lembar.kolom if k.nama in nama)


LEMBAR_PEMDA: tuple[Lembar, ...] = (
    Lembar(
        PEMDA,
        "Identitas pemerintah daerah dan periode RPJMD: tepat satu baris data.",
        (
            K("kode", True, "kode singkat pemda", kunci=True, contoh="pemkot-bekasi"),
            K("nama", True, "nama pemda", contoh="Pemerintah Kota Bekasi"),
            K("jenis", True, "jenis pemda", pilihan=JENIS_PEMDA),
            K("kota_ttd", True, "tempat di atas tanda tangan", contoh="Bekasi"),
            K("kepala_daerah_nama", True, "nama lengkap kepala daerah seperti tercetak"),
            K("kepala_daerah_jabatan", True, "jabatan kepala daerah", contoh="Wali Kota Bekasi"),
            K("rpjmd_awal", True, "tahun pertama RPJMD (atau RPD)", contoh="2021"),
            K("rpjmd_akhir", True, "tahun terakhir RPJMD", contoh="2026"),
        ),
        opsional=False,
    ),
    Lembar("Tujuan", "Tujuan RPJMD.", _kolom("Tujuan", "kode", "uraian")),
    Lembar("Sasaran", "Sasaran RPJMD.", _kolom("Sasaran", "kode", "tujuan_kode", "uraian")),
    Lembar(
        "Indikator",
        "Indikator kinerja utama (IKU) kepala daerah.",
        (
            K("kode", True, "kode indikator", kunci=True, contoh="IKU-1"),
            K("tingkat", True, "selalu iku (IKU kepala daerah)", pilihan=("iku",)),
            K("sasaran_kode", True, "kode sasaran RPJMD di sheet Sasaran", contoh="S1"),
            K("uraian", True, "nama indikator", contoh="Indeks Pembangunan Manusia"),
            K("satuan", True, "satuan", contoh="indeks"),
            K("jenis_nilai", True, "jenis nilai", pilihan=JENIS_NILAI),
            K(
                "polaritas",
                True,
                "positif: makin tinggi makin baik; negatif: makin rendah makin baik",
                pilihan=POLARITAS,
            ),
            *_kolom("Indikator", "metode_negatif"),
            K(
                "agregasi",
                False,
                "diterima untuk keseragaman dengan workbook perangkat daerah; IKU pemda memakai "
                "realisasi tahunan",
                pilihan=AGREGASI,
            ),
            K(
                "skala_predikat",
                False,
                "wajib untuk jenis predikat: RB (indeks reformasi birokrasi: AA > 90, A > 80, "
                "BB > 70, B > 60, CC > 50, C > 30, D ≤ 30), AKIP atau IKM; skala disimpan "
                "bersama indikator",
                pilihan=SKALA_PREDIKAT_PEMDA,
            ),
            *_kolom("Indikator", "rumus", "sumber_data"),
        ),
    ),
    Lembar(
        "Target",
        "Target RPJMD (renstra) dan Perjanjian Kinerja kepala daerah (pk) per tahun: nilai "
        "tunggal, atau rentang nilai_bawah–nilai_atas.",
        (
            *_kolom("Target", "indikator_kode", "tahun", "jenis"),
            K("periode", True, "TAHUNAN", pilihan=PERIODE_PEMDA, kunci=True),
            K("nilai", False, "target tunggal; kosong bila target berupa rentang", contoh="72,5"),
            K("nilai_bawah", False, "batas bawah target rentang", contoh="68,10"),
            K("nilai_atas", False, "batas atas target rentang", contoh="68,60"),
            K(
                "acuan_rentang",
                False,
                "batas acuan capaian: atas atau bawah; kosong = atas untuk polaritas positif, "
                "bawah untuk negatif",
                pilihan=ACUAN_RENTANG,
            ),
            *_kolom("Target", "predikat"),
        ),
    ),
    Lembar(
        "Realisasi",
        "Realisasi IKU kepala daerah per tahun (tahun sebelumnya untuk perbandingan); NA bila "
        "angkanya belum terbit.",
        (
            *_kolom("Realisasi", "indikator_kode", "tahun"),
            K("periode", True, "TAHUNAN", pilihan=PERIODE_PEMDA, kunci=True),
            K(
                "nilai",
                False,
                "nilai realisasi, atau NA bila belum tersedia (tidak pernah dibaca 0)",
                contoh="72,81",
            ),
            *_kolom(
                "Realisasi",
                "predikat",
                "faktor_pendukung",
                "faktor_penghambat",
                "upaya",
                "catatan",
            ),
        ),
    ),
    Lembar(
        "Anggaran_Perangkat_Daerah",
        "Pagu (APBD-P) dan realisasi per perangkat daerah, dipakai bila baris anggaran perangkat "
        "daerah itu belum ada di aplikasi.",
        (
            K("tahun", True, "tahun anggaran", kunci=True, contoh="2024"),
            K(
                "perangkat_daerah",
                True,
                "nama perangkat daerah seperti tercetak",
                kunci=True,
                contoh="Dinas Kesehatan",
            ),
            K("kode_perangkat_daerah", False, "kode perangkat daerah di aplikasi, bila ada"),
            K("pagu", True, f"pagu setelah perubahan (APBD-P). {_RP}"),
            K("realisasi", True, _RP),
        ),
    ),
    Lembar(
        "Pembiayaan",
        "Penerimaan dan pengeluaran pembiayaan daerah.",
        (
            K("tahun", True, "tahun anggaran", kunci=True, contoh="2024"),
            K("jenis", True, "penerimaan atau pengeluaran", pilihan=JENIS_PEMBIAYAAN, kunci=True),
            K(
                "uraian",
                True,
                "uraian",
                kunci=True,
                contoh="Sisa Lebih Perhitungan Anggaran Tahun Sebelumnya",
            ),
            K("anggaran", True, _RP),
            K("realisasi", True, _RP),
        ),
    ),
    Lembar(
        "Tautan_Sasaran",
        "Cascading: IKU perangkat daerah yang mendukung sasaran RPJMD (perluasan format).",
        (
            K("kode_perangkat_daerah", True, "kode perangkat daerah di aplikasi", kunci=True),
            K("indikator_kode", True, "kode IKU perangkat daerah itu", kunci=True),
            K("sasaran_kode", True, "kode sasaran RPJMD di sheet Sasaran"),
        ),
    ),
)

LEMBAR_PEMDA_MENURUT_NAMA: dict[str, Lembar] = {
    lembar.nama.lower(): lembar for lembar in LEMBAR_PEMDA
}


def tingkat_pemda(nama_sheet: list[str]) -> bool:
    """A pemda-level workbook: its first sheet (after README) is `Pemda`."""
    data = [n for n in nama_sheet if n.strip().lower() != README.lower()]
    return bool(data) and data[0].strip().lower() == PEMDA.lower()


def katalog(pemda: bool) -> dict[str, Lembar]:
    return LEMBAR_PEMDA_MENURUT_NAMA if pemda else LEMBAR_MENURUT_NAMA
