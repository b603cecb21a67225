"""What a report needs beyond the measured data: its narrative and the figures printed in a source."""

from django.db import models

from lkip.models import PerangkatDaerah


class BagianNarasi(models.TextChoices):
    KATA_PENGANTAR = "kata_pengantar", "Kata Pengantar"
    IKHTISAR = "ikhtisar_eksekutif", "Ikhtisar Eksekutif"
    LATAR_BELAKANG = "latar_belakang", "Latar Belakang"
    TUGAS_FUNGSI = "tugas_fungsi", "Tugas, Fungsi dan Wewenang Organisasi"
    STRUKTUR_ORGANISASI = "struktur_organisasi", "Struktur Organisasi"
    SDM = "sdm", "Sumber Daya Manusia"
    ISU_STRATEGIS = "isu_strategis", "Isu Strategis"
    SISTEMATIKA = "sistematika", "Sistematika Penyajian"
    RENCANA_STRATEGIS = "rencana_strategis", "Rencana Strategis"
    PERJANJIAN_KINERJA = "perjanjian_kinerja", "Perjanjian Kinerja"
    CAPAIAN_PENGANTAR = "capaian_pengantar", "Capaian Kinerja Organisasi"
    REALISASI_ANGGARAN = "realisasi_anggaran", "Realisasi Anggaran"
    KESIMPULAN = "kesimpulan", "Kesimpulan"
    RENCANA_TINDAK = "rencana_tindak", "Rencana Tindak"


class NarasiLaporan(models.Model):
    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="narasi_set")
    tahun = models.PositiveSmallIntegerField()
    bagian = models.CharField(max_length=30, choices=BagianNarasi.choices)
    judul = models.CharField(max_length=200, blank=True)
    teks = models.TextField(blank=True)

    class Meta:
        verbose_name = "narasi laporan"
        verbose_name_plural = "narasi laporan"
        ordering = ["opd", "tahun", "bagian"]
        constraints = [
            models.UniqueConstraint(fields=["opd", "tahun", "bagian"], name="narasi_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.get_bagian_display()} {self.tahun}"


class Besaran(models.TextChoices):
    SERAPAN = "serapan", "Serapan anggaran (%)"
    REALISASI_ANGGARAN = "realisasi_anggaran", "Realisasi anggaran (Rp)"
    PAGU = "pagu", "Pagu (Rp)"
    PAGU_MURNI = "pagu_murni", "Pagu murni (Rp)"
    EFISIENSI = "efisiensi", "Tingkat efisiensi (%)"
    CAPAIAN = "capaian", "Capaian kinerja (%)"
    REALISASI_INDIKATOR = "realisasi_indikator", "Realisasi indikator"
    TOTAL_PAGU = "total_pagu", "Total pagu (Rp)"
    TOTAL_PAGU_MURNI = "total_pagu_murni", "Total pagu murni (Rp)"
    TOTAL_REALISASI = "total_realisasi", "Total realisasi (Rp)"
    TOTAL_SERAPAN = "total_serapan", "Total serapan (%)"
    PREDIKAT_AKIP = "predikat_akip", "Predikat AKIP"
    NILAI_AKIP = "nilai_akip", "Nilai AKIP"
    MUTU_IKM = "mutu_ikm", "Mutu IKM"
    JUMLAH_SDM = "jumlah_sdm", "Jumlah SDM"


class AngkaTercetak(models.Model):
    """A figure as an earlier document printed it, kept so the data-health check can compare."""

    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="tercetak_set")
    tahun = models.PositiveSmallIntegerField()
    lokasi = models.CharField(max_length=200, help_text="Mis. 'Tabel 3.18 baris 1'.")
    objek = models.CharField(
        max_length=40, help_text="Kode anggaran, kode indikator, atau 'opd' untuk total."
    )
    besaran = models.CharField(max_length=30, choices=Besaran.choices)
    teks = models.CharField("angka seperti tercetak", max_length=100)

    class Meta:
        verbose_name = "angka tercetak"
        verbose_name_plural = "angka tercetak"
        ordering = ["opd", "tahun", "lokasi"]
        constraints = [
            models.UniqueConstraint(
                fields=["opd", "tahun", "lokasi", "objek", "besaran"], name="angka_tercetak_unik"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.lokasi}: {self.teks}"


class VarianEfisiensi(models.TextChoices):
    V1 = "V1", "V1: capaian − serapan"
    V2 = "V2", "V2: 100 − serapan (sisa anggaran)"
    V3 = "V3", "V3: capaian / serapan × 100"


class LaporanTahunan(models.Model):
    """An agency's LKIP for one year: its date and report settings."""

    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="laporan_set")
    tahun = models.PositiveSmallIntegerField()
    tanggal = models.DateField("tanggal laporan", null=True, blank=True)
    varian_efisiensi = models.CharField(
        "rumus tingkat efisiensi", max_length=2, choices=VarianEfisiensi.choices, default=VarianEfisiensi.V1
    )

    class Meta:
        verbose_name = "laporan tahunan"
        verbose_name_plural = "laporan tahunan"
        ordering = ["opd", "-tahun"]
        constraints = [
            models.UniqueConstraint(fields=["opd", "tahun"], name="laporan_tahunan_unik"),
        ]

    def __str__(self) -> str:
        return f"LKIP {self.opd} {self.tahun}"
