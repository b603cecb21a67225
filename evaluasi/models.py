"""The Inspektorat's evaluation of AKIP (LKE, PermenPANRB 88/2021): worksheets, answers, evidence,
the LHE and the follow-up of its recommendations."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from lkip.fields import TeksField
from lkip.formulas import lke
from lkip.models import Pemda, PerangkatDaerah
from reports.models import BerkasTertandatangani


class ModelPenilaian(models.TextChoices):
    SUBKOMPONEN = lke.ModelPenilaian.SUBKOMPONEN.value, "Nilai per sub-komponen (AA–E), bawaan"
    RATA_RATA = lke.ModelPenilaian.RATA_RATA.value, "Rata-rata nilai kriteria (Y/T, A–E)"


class TipeJawaban(models.TextChoices):
    YT = lke.TipeJawaban.YT.value, "Y/T"
    AE = lke.TipeJawaban.AE.value, "A–E"


class Dimensi(models.TextChoices):
    KEBERADAAN = lke.Dimensi.KEBERADAAN.value, "Keberadaan"
    KUALITAS = lke.Dimensi.KUALITAS.value, "Kualitas"
    PEMANFAATAN = lke.Dimensi.PEMANFAATAN.value, "Pemanfaatan"


class Kualifikasi(models.IntegerChoices):
    TIDAK_ADA = lke.Kualifikasi.TIDAK_ADA.value, "Tidak ada (B)"
    MANDAT_NASIONAL = lke.Kualifikasi.MANDAT_NASIONAL.value, "Sesuai mandat kebijakan nasional (BB)"
    DIHARGAI = (
        lke.Kualifikasi.DIHARGAI.value,
        "Dipertahankan ≥ 1 tahun / ada upaya yang dapat dihargai (A)",
    )
    INOVATIF = (
        lke.Kualifikasi.INOVATIF.value,
        "Dipertahankan ≥ 5 tahun / upaya inovatif percontohan nasional (AA)",
    )


class LembarKerja(models.Model):
    """One version of a pemda's worksheet for an evaluation year (the master data)."""

    pemda = models.ForeignKey(Pemda, on_delete=models.PROTECT, related_name="lembar_kerja_set")
    tahun = models.PositiveSmallIntegerField("tahun evaluasi")
    versi = models.PositiveSmallIntegerField(default=1)
    nama = models.CharField(max_length=200)
    dasar = TeksField("dasar (juknis)", blank=True, max_length=2000)
    model = models.CharField(
        "model penilaian",
        max_length=12,
        choices=ModelPenilaian.choices,
        default=ModelPenilaian.SUBKOMPONEN,
    )
    mandiri_mulai = models.DateField("penilaian mandiri dibuka")
    mandiri_selesai = models.DateField("penilaian mandiri ditutup")
    perlu_reviu = models.BooleanField(
        "reviu berjenjang (pengendali teknis)",
        default=False,
        help_text="Bila dicentang, nilai akhir evaluator disetujui lebih dahulu oleh penanggung "
        "jawab sebelum final.",
    )
    dibuat = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "lembar kerja evaluasi (LKE)"
        verbose_name_plural = "lembar kerja evaluasi (LKE)"
        ordering = ["pemda", "-tahun", "-versi"]
        constraints = [
            models.UniqueConstraint(fields=["pemda", "tahun", "versi"], name="lke_versi_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.nama} {self.tahun} (versi {self.versi})"

    @property
    def terpakai_final(self) -> bool:
        """A worksheet a finished evaluation was scored with is never changed (a new version)."""
        return self.evaluasi_set.filter(status=StatusEvaluasi.FINAL).exists()


class Komponen(models.Model):
    lembar = models.ForeignKey(LembarKerja, on_delete=models.CASCADE, related_name="komponen_set")
    kode = models.CharField(max_length=5)
    nama = models.CharField(max_length=200)
    bobot = models.DecimalField(max_digits=6, decimal_places=2)

    class Meta:
        verbose_name = "komponen LKE"
        verbose_name_plural = "komponen LKE"
        ordering = ["lembar", "kode"]
        constraints = [
            models.UniqueConstraint(fields=["lembar", "kode"], name="lke_komponen_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.kode}. {self.nama}"


class SubKomponen(models.Model):
    komponen = models.ForeignKey(Komponen, on_delete=models.CASCADE, related_name="sub_set")
    kode = models.CharField(max_length=8)
    nama = TeksField(max_length=1000)
    dimensi = models.CharField(max_length=12, choices=Dimensi.choices)
    bobot = models.DecimalField(max_digits=6, decimal_places=2)

    class Meta:
        verbose_name = "sub-komponen LKE"
        verbose_name_plural = "sub-komponen LKE"
        ordering = ["komponen", "kode"]

    def __str__(self) -> str:
        return f"{self.kode} {self.get_dimensi_display()}"


class Kriteria(models.Model):
    sub = models.ForeignKey(SubKomponen, on_delete=models.CASCADE, related_name="kriteria_set")
    nomor = models.PositiveSmallIntegerField()
    teks = TeksField(max_length=2000)
    tipe = models.CharField(
        "jenis jawaban", max_length=2, choices=TipeJawaban.choices, default=TipeJawaban.YT
    )
    bukti_dukung = TeksField("bukti dukung yang lazim", blank=True, max_length=2000)
    cek = models.CharField("pemeriksaan data", max_length=30, blank=True)
    aktif = models.BooleanField(default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "kriteria LKE"
        verbose_name_plural = "kriteria LKE"
        ordering = ["sub", "nomor"]
        constraints = [
            models.UniqueConstraint(fields=["sub", "nomor"], name="lke_kriteria_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.sub.kode}.{self.nomor}"

    @property
    def kode(self) -> str:
        return f"{self.sub.kode}.{self.nomor}"


class StatusEvaluasi(models.TextChoices):
    MANDIRI = "mandiri", "Penilaian mandiri"
    PENILAIAN = "penilaian", "Penilaian evaluator"
    REVIU = "reviu", "Reviu penanggung jawab"
    FINAL = "final", "Final"


class Evaluasi(models.Model):
    """One agency's evaluation in year n (of its performance in year n−1)."""

    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="evaluasi_set")
    tahun = models.PositiveSmallIntegerField("tahun evaluasi")
    lembar = models.ForeignKey(LembarKerja, on_delete=models.PROTECT, related_name="evaluasi_set")
    status = models.CharField(
        max_length=10, choices=StatusEvaluasi.choices, default=StatusEvaluasi.MANDIRI
    )
    diajukan = models.DateTimeField("penilaian mandiri diajukan", null=True, blank=True)
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    final = models.DateTimeField(null=True, blank=True)
    nomor_lhe = models.CharField("nomor LHE", max_length=200, blank=True)
    tanggal_lhe = models.DateField("tanggal LHE", null=True, blank=True)
    #: the frozen result at finalisation: {"komponen": [[kode, nama, bobot, nilai]...], "total"...}
    hasil = models.JSONField(default=dict, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "evaluasi AKIP (LKE)"
        verbose_name_plural = "evaluasi AKIP (LKE)"
        ordering = ["opd", "-tahun"]
        constraints = [
            models.UniqueConstraint(fields=["opd", "tahun"], name="evaluasi_opd_tahun_unik"),
        ]
        permissions = [
            ("isi_mandiri", "Mengisi penilaian mandiri LKE"),
            ("nilai_evaluasi", "Menetapkan nilai akhir LKE (evaluator)"),
            ("reviu_evaluasi", "Menyetujui nilai akhir LKE (penanggung jawab)"),
            ("tandatangani_lhe", "Menandatangani LHE (Inspektur)"),
        ]

    def __str__(self) -> str:
        return f"Evaluasi AKIP {self.opd} {self.tahun}"

    @property
    def tahun_kinerja(self) -> int:
        """Year n evaluates the performance of year n−1 (spec §4.5)."""
        return self.tahun - 1

    @property
    def adalah_final(self) -> bool:
        return self.status == StatusEvaluasi.FINAL

    @property
    def nilai_final(self) -> Decimal | None:
        """The total frozen at finalisation (2 dp), None before."""
        teks = self.hasil.get("total_angka") if self.adalah_final else None
        return Decimal(teks) if teks is not None else None


class Jawaban(models.Model):
    """One criterion's answers: the agency's (self-assessment) and the evaluator's (final)."""

    evaluasi = models.ForeignKey(Evaluasi, on_delete=models.CASCADE, related_name="jawaban_set")
    kriteria = models.ForeignKey(Kriteria, on_delete=models.PROTECT, related_name="+")
    jawaban_mandiri = models.CharField("jawaban mandiri", max_length=2, blank=True)
    penjelasan = TeksField("penjelasan perangkat daerah", blank=True, max_length=5000)
    jawaban_akhir = models.CharField("jawaban evaluator", max_length=2, blank=True)
    catatan = TeksField("catatan evaluator", blank=True, max_length=5000)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "jawaban LKE"
        verbose_name_plural = "jawaban LKE"
        constraints = [
            models.UniqueConstraint(fields=["evaluasi", "kriteria"], name="jawaban_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.kriteria} {self.jawaban_mandiri or '-'} / {self.jawaban_akhir or '-'}"


class NilaiSubKomponen(models.Model):
    """The qualifier (model A, all criteria met) proposed by the agency and set by the evaluator."""

    evaluasi = models.ForeignKey(Evaluasi, on_delete=models.CASCADE, related_name="sub_set")
    sub = models.ForeignKey(SubKomponen, on_delete=models.PROTECT, related_name="+")
    kualifikasi_mandiri = models.PositiveSmallIntegerField(
        choices=Kualifikasi.choices, default=Kualifikasi.TIDAK_ADA
    )
    kualifikasi_akhir = models.PositiveSmallIntegerField(
        choices=Kualifikasi.choices, default=Kualifikasi.TIDAK_ADA
    )
    #: The evaluator's adjusted value of the sub-component (instead of the derived one), with why.
    nilai_penyesuaian = models.DecimalField(
        "nilai sub-komponen (penyesuaian evaluator)",
        max_digits=7,
        decimal_places=4,
        null=True,
        blank=True,
    )
    alasan_penyesuaian = TeksField("alasan penyesuaian", blank=True, max_length=2000)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "kualifikasi sub-komponen"
        verbose_name_plural = "kualifikasi sub-komponen"
        constraints = [
            models.UniqueConstraint(fields=["evaluasi", "sub"], name="nilai_sub_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.sub} {self.kualifikasi_mandiri}/{self.kualifikasi_akhir}"


class JenisBukti(models.TextChoices):
    BERKAS = "berkas", "Berkas unggahan"
    RENSTRA = "renstra", "Renstra"
    INDIKATOR = "indikator", "Indikator kinerja"
    TARGET = "target", "Target Perjanjian Kinerja"
    REALISASI = "realisasi", "Realisasi triwulan/tahunan"
    LKIP = "lkip", "LKIP tertandatangani"
    AUDIT = "audit", "Jejak audit"


class Bukti(models.Model):
    """Supporting evidence of one answer: an uploaded file or a live link into this application."""

    jawaban = models.ForeignKey(Jawaban, on_delete=models.CASCADE, related_name="bukti_set")
    jenis = models.CharField(max_length=10, choices=JenisBukti.choices)
    objek = models.CharField("rujukan", max_length=40, blank=True)
    berkas = models.FileField(upload_to="lke/%Y/", blank=True)
    keterangan = models.CharField(max_length=300, blank=True)
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    dibuat = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "bukti dukung LKE"
        verbose_name_plural = "bukti dukung LKE"
        ordering = ["jawaban", "dibuat"]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} {self.objek or self.berkas.name}"


class CatatanKomponen(models.Model):
    """The evaluator's findings on one component, printed in the LHE."""

    evaluasi = models.ForeignKey(Evaluasi, on_delete=models.CASCADE, related_name="catatan_set")
    komponen = models.ForeignKey(Komponen, on_delete=models.PROTECT, related_name="+")
    temuan = TeksField("catatan/temuan", max_length=5000)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "catatan komponen"
        verbose_name_plural = "catatan komponen"
        constraints = [
            models.UniqueConstraint(fields=["evaluasi", "komponen"], name="catatan_komponen_unik"),
        ]

    def __str__(self) -> str:
        return f"Catatan {self.komponen}"


class StatusTindakLanjut(models.TextChoices):
    BELUM = "belum", "Belum ditindaklanjuti"
    PROSES = "proses", "Dalam proses"
    SELESAI = "selesai", "Selesai (diterima)"
    PERLU_PERBAIKAN = "perbaikan", "Perlu perbaikan"


class RekomendasiQuerySet(models.QuerySet):
    def terbuka(self) -> RekomendasiQuerySet:
        return self.exclude(status=StatusTindakLanjut.SELESAI)

    def terlambat(self, hari) -> RekomendasiQuerySet:
        return self.terbuka().filter(batas__lt=hari, evaluasi__status=StatusEvaluasi.FINAL)


class Rekomendasi(models.Model):
    """One recommendation of the LHE and its follow-up (tindak lanjut)."""

    evaluasi = models.ForeignKey(Evaluasi, on_delete=models.CASCADE, related_name="rekomendasi_set")
    komponen = models.ForeignKey(Komponen, on_delete=models.PROTECT, related_name="+")
    nomor = models.PositiveSmallIntegerField()
    teks = TeksField("rekomendasi", max_length=3000)
    batas = models.DateField("batas waktu tindak lanjut")
    status = models.CharField(
        max_length=10, choices=StatusTindakLanjut.choices, default=StatusTindakLanjut.BELUM
    )
    tanggapan = TeksField("tanggapan perangkat daerah", blank=True, max_length=5000)
    bukti = models.FileField("bukti tindak lanjut", upload_to="lke-tl/%Y/", blank=True)
    catatan_verifikasi = TeksField("catatan Inspektorat", blank=True, max_length=3000)

    objects = RekomendasiQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "rekomendasi LHE"
        verbose_name_plural = "rekomendasi LHE"
        ordering = ["evaluasi", "nomor"]
        constraints = [
            models.UniqueConstraint(fields=["evaluasi", "nomor"], name="rekomendasi_nomor_unik"),
        ]
        permissions = [
            ("tanggapi_rekomendasi", "Menanggapi rekomendasi LHE (tindak lanjut)"),
            ("verifikasi_rekomendasi", "Menerima atau menolak tindak lanjut"),
        ]

    def __str__(self) -> str:
        return f"Rekomendasi {self.nomor}: {self.teks[:60]}"


class LHETertandatangani(BerkasTertandatangani):
    """A signed LHE PDF, written once (a reopened and refinalised evaluation gets a revision)."""

    evaluasi = models.ForeignKey(Evaluasi, on_delete=models.PROTECT, related_name="lhe_set")
    nilai = models.DecimalField(max_digits=6, decimal_places=2, default=Decimal(0))
    predikat = models.CharField(max_length=2, blank=True)

    class Meta:
        verbose_name = "LHE tertandatangani"
        verbose_name_plural = "LHE tertandatangani"
        ordering = ["evaluasi", "-revisi"]
        constraints = [
            models.UniqueConstraint(fields=["evaluasi", "revisi"], name="lhe_revisi_unik"),
        ]

    def __str__(self) -> str:
        return f"LHE {self.evaluasi} revisi {self.revisi}"

    @property
    def nama_berkas(self) -> str:
        return f"lhe-{self.evaluasi.opd.kode}-{self.evaluasi.tahun}-r{self.revisi}.pdf"
