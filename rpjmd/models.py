"""The pemda's own performance plan and results (RPJMD, the Kepala Daerah's IKU), the budget per
perangkat daerah, pembiayaan, and the agency IKU that support each RPJMD sasaran."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from indicators.models import (  # the agency IKU's, the same
    Berpolaritas,
    JenisNilai,
)
from lkip import formulas
from lkip.fields import TeksField
from lkip.models import Pemda


class Rpjmd(models.Model):
    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="rpjmd_set")
    tahun_awal = models.PositiveSmallIntegerField("tahun awal")
    tahun_akhir = models.PositiveSmallIntegerField("tahun akhir")
    dasar = models.CharField("dokumen dasar", max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "periode RPJMD"
        verbose_name_plural = "periode RPJMD"
        ordering = ["pemda", "-tahun_awal"]
        constraints = [
            models.UniqueConstraint(fields=["pemda", "tahun_awal"], name="rpjmd_unik"),
            models.CheckConstraint(
                condition=models.Q(tahun_akhir__gte=models.F("tahun_awal")),
                name="rpjmd_periode_urut",
                violation_error_message="Tahun akhir RPJMD tidak boleh sebelum tahun awal.",
            ),
        ]
        permissions = [
            ("ajukan_lkip_pemda", "Dapat mengajukan LKIP pemda untuk persetujuan"),
            ("reviu_lkip_pemda", "Dapat mereviu LKIP pemda"),
            ("tandatangani_lkip_pemda", "Dapat menyetujui dan menandatangani LKIP pemda"),
        ]

    def __str__(self) -> str:
        return f"RPJMD {self.pemda} {self.tahun_awal}–{self.tahun_akhir}"

    @property
    def tahun_list(self) -> list[int]:
        return list(range(self.tahun_awal, self.tahun_akhir + 1))

    def memuat(self, tahun: int) -> bool:
        return self.tahun_awal <= tahun <= self.tahun_akhir


def luar_periode(tahun: int, rpjmds: Iterable[Rpjmd], *, kondisi_awal: bool = False) -> str:
    """Why a year is outside the pemda's RPJMD periods ('' when it lies in one); a realisation may
    also be of the year before a period (its baseline, kondisi awal)."""
    rpjmds = sorted(rpjmds, key=lambda r: r.tahun_awal)
    if not rpjmds:
        return "belum ada periode RPJMD; tambahkan periode RPJMD lebih dahulu."
    mundur = 1 if kondisi_awal else 0
    if any(r.tahun_awal - mundur <= tahun <= r.tahun_akhir for r in rpjmds):
        return ""
    periode = ", ".join(f"{r.tahun_awal}\u2013{r.tahun_akhir}" for r in rpjmds)
    pesan = f"tahun {tahun} di luar periode RPJMD {periode}"
    if kondisi_awal:
        pesan += " (atau tahun sebelum periode, kondisi awal)"
    return pesan + "."


class TujuanPemda(models.Model):
    rpjmd = models.ForeignKey(
        Rpjmd, on_delete=models.CASCADE, related_name="tujuan_set", verbose_name="RPJMD"
    )
    kode = models.CharField(max_length=20)
    uraian = TeksField(max_length=1000)
    urutan = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "tujuan RPJMD"
        verbose_name_plural = "tujuan RPJMD"
        ordering = ["rpjmd", "urutan", "kode"]
        constraints = [
            models.UniqueConstraint(fields=["rpjmd", "kode"], name="tujuan_pemda_kode_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.kode} {self.uraian}"


class SasaranPemda(models.Model):
    tujuan = models.ForeignKey(TujuanPemda, on_delete=models.CASCADE, related_name="sasaran_set")
    rpjmd = models.ForeignKey(
        Rpjmd, on_delete=models.CASCADE, related_name="sasaran_set", verbose_name="RPJMD"
    )
    kode = models.CharField(max_length=20)
    uraian = TeksField(max_length=1000)
    urutan = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "sasaran RPJMD"
        verbose_name_plural = "sasaran RPJMD"
        ordering = ["rpjmd", "urutan", "kode"]
        constraints = [
            models.UniqueConstraint(fields=["rpjmd", "kode"], name="sasaran_pemda_kode_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.kode} {self.uraian}"

    def clean(self) -> None:
        if self.tujuan_id and self.rpjmd_id and self.tujuan.rpjmd_id != self.rpjmd_id:
            raise ValidationError({"tujuan": "Tujuan ini berasal dari periode RPJMD lain."})


class AcuanRentang(models.TextChoices):
    ATAS = formulas.AcuanRentang.ATAS.value, "Batas atas"
    BAWAH = formulas.AcuanRentang.BAWAH.value, "Batas bawah"


class SkalaPredikat(models.TextChoices):
    RB = "RB", "Indeks reformasi birokrasi (AA … D)"
    AKIP = "AKIP", "AKIP (PermenPANRB 88/2021)"
    IKM = "IKM", "Mutu IKM (PermenPANRB 14/2017)"


def _ambang(nilai: int | str | None) -> str | None:
    return None if nilai is None else str(nilai)


#: Each named scale as stored with an indicator: [predikat, ambang] from the highest, the last
#: without ambang (a predicate when the value is above its ambang).
SKALA_BAKU: dict[str, list[list[str | None]]] = {
    SkalaPredikat.RB: [[p, _ambang(a)] for p, a in formulas.SKALA_RB],
    SkalaPredikat.AKIP: [
        ["AA", "90"],
        ["A", "80"],
        ["BB", "70"],
        ["B", "60"],
        ["CC", "50"],
        ["C", "30"],
        ["D", None],
    ],
    SkalaPredikat.IKM: [["A", "88.31"], ["B", "76.60"], ["C", "65"], ["D", None]],
}


class IndikatorPemda(Berpolaritas):
    """One indicator of the Kepala Daerah's IKU, under an RPJMD sasaran."""

    rpjmd = models.ForeignKey(
        Rpjmd, on_delete=models.CASCADE, related_name="indikator_set", verbose_name="RPJMD"
    )
    sasaran = models.ForeignKey(
        SasaranPemda, on_delete=models.PROTECT, related_name="indikator_set"
    )
    kode = models.CharField(max_length=30)
    uraian = models.CharField(max_length=500)
    satuan = models.CharField(max_length=50)
    jenis_nilai = models.CharField("jenis nilai", max_length=10, choices=JenisNilai.choices)
    acuan_rentang = models.CharField(
        "acuan target rentang",
        max_length=5,
        choices=AcuanRentang.choices,
        blank=True,
        help_text="Batas rentang yang menjadi acuan capaian; kosong: batas atas untuk polaritas "
        "positif, batas bawah untuk polaritas negatif.",
    )
    skala_predikat = models.CharField(
        "skala predikat", max_length=10, choices=SkalaPredikat.choices, blank=True
    )
    #: the predicate scale kept with the indicator: [[predikat, ambang], …], highest first
    skala = models.JSONField("skala predikat (ambang)", default=list, blank=True)
    rumus = TeksField("formula", blank=True, max_length=2000)
    sumber_data = models.CharField("sumber data", max_length=300, blank=True)
    urutan = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "indikator kinerja utama pemda"
        verbose_name_plural = "indikator kinerja utama pemda"
        ordering = ["rpjmd", "urutan", "kode"]
        constraints = [
            models.UniqueConstraint(fields=["rpjmd", "kode"], name="indikator_pemda_kode_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.kode} {self.uraian}"

    def save(self, *args, **kwargs) -> None:
        if self.skala_predikat and not self.skala:
            self.skala = SKALA_BAKU[self.skala_predikat]
        super().save(*args, **kwargs)

    @property
    def adalah_predikat(self) -> bool:
        return self.jenis_nilai == JenisNilai.PREDIKAT

    @property
    def acuan(self) -> formulas.AcuanRentang:
        """The bound range targets are measured against (stated or by polarity)."""
        if self.acuan_rentang:
            return formulas.AcuanRentang(self.acuan_rentang)
        return formulas.acuan_baku(self.polaritas)

    @property
    def skala_ambang(self) -> tuple[tuple[str, Decimal | None], ...]:
        return tuple((p, None if a is None else Decimal(a)) for p, a in self.skala)

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.jenis_nilai == JenisNilai.PREDIKAT and not (self.skala_predikat or self.skala):
            errors["skala_predikat"] = "Indikator berjenis predikat wajib memiliki skala predikat."
        if self.skala:
            try:
                formulas.periksa_skala(self.skala_ambang)
            except (ValueError, TypeError, ArithmeticError) as exc:
                errors["skala"] = f"Skala predikat tidak sah: {exc}"
        if self.sasaran_id and self.rpjmd_id and self.sasaran.rpjmd_id != self.rpjmd_id:
            errors["sasaran"] = "Sasaran ini berasal dari periode RPJMD lain."
        if errors:
            raise ValidationError(errors)

    def predikat(self, nilai: Decimal | None) -> str | None:
        """The predicate of a value on this indicator's stored scale."""
        if not self.skala:
            return None
        return formulas.predikat_skala(nilai, self.skala_ambang)


class JenisTarget(models.TextChoices):
    RPJMD = "renstra", "RPJMD"
    PK = "pk", "Perjanjian Kinerja Kepala Daerah"


class TargetPemda(models.Model):
    """A target of one year: a single value or a range (lower and upper bound)."""

    indikator = models.ForeignKey(
        IndikatorPemda, on_delete=models.CASCADE, related_name="target_set"
    )
    tahun = models.PositiveSmallIntegerField()
    jenis = models.CharField(max_length=10, choices=JenisTarget.choices)
    nilai = models.DecimalField(max_digits=20, decimal_places=6, null=True, blank=True)
    nilai_bawah = models.DecimalField(
        "batas bawah", max_digits=20, decimal_places=6, null=True, blank=True
    )
    nilai_atas = models.DecimalField(
        "batas atas", max_digits=20, decimal_places=6, null=True, blank=True
    )
    predikat = models.CharField(max_length=4, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "target IKU pemda"
        verbose_name_plural = "target IKU pemda"
        ordering = ["indikator", "tahun", "jenis"]
        constraints = [
            models.UniqueConstraint(
                fields=["indikator", "tahun", "jenis"], name="target_pemda_unik"
            ),
            models.CheckConstraint(
                condition=models.Q(nilai__isnull=True)
                | (models.Q(nilai_bawah__isnull=True) & models.Q(nilai_atas__isnull=True)),
                name="target_pemda_satu_jenis",
                violation_error_message="Target berisi nilai tunggal atau rentang, tidak keduanya.",
            ),
            models.CheckConstraint(
                condition=models.Q(nilai_bawah__lte=models.F("nilai_atas"))
                | models.Q(nilai_bawah__isnull=True)
                | models.Q(nilai_atas__isnull=True),
                name="target_pemda_rentang_urut",
                violation_error_message="Batas bawah rentang tidak boleh melebihi batas atasnya.",
            ),
        ]

    def __str__(self) -> str:
        return f"Target {self.get_jenis_display()} {self.indikator.kode} {self.tahun}"

    @property
    def rentang(self) -> bool:
        return self.nilai_bawah is not None or self.nilai_atas is not None

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.nilai is not None and self.rentang:
            errors["nilai"] = (
                "Target berisi nilai tunggal dan rentang sekaligus; isi nilai target tunggal "
                "saja, atau batas bawah dan batas atas rentang saja."
            )
        elif (self.nilai_bawah is None) != (self.nilai_atas is None):
            errors["nilai_atas" if self.nilai_atas is None else "nilai_bawah"] = (
                "Target rentang memerlukan batas bawah dan batas atas sekaligus."
            )
        elif self.rentang and self.nilai_bawah > self.nilai_atas:
            errors["nilai_bawah"] = (
                f"Batas bawah ({formulas.format_masukan(self.nilai_bawah)}) lebih besar daripada "
                f"batas atas ({formulas.format_masukan(self.nilai_atas)}); tukar keduanya."
            )
        elif self.nilai is None and not self.rentang and not self.predikat:
            errors["nilai"] = "Isi nilai target, rentang (batas bawah dan atas), atau predikat."
        if errors:
            raise ValidationError(errors)

    def target_acuan(self) -> Decimal | None:
        ind = self.indikator
        return formulas.target_acuan(
            self.nilai, self.nilai_bawah, self.nilai_atas, polaritas=ind.polaritas, acuan=ind.acuan
        )


class RealisasiPemda(models.Model):
    """The realisation of one year; `tersedia` False is "NA": not yet published (never 0)."""

    indikator = models.ForeignKey(
        IndikatorPemda, on_delete=models.CASCADE, related_name="realisasi_set"
    )
    tahun = models.PositiveSmallIntegerField()
    nilai = models.DecimalField(max_digits=20, decimal_places=6, null=True, blank=True)
    tersedia = models.BooleanField(
        "sudah tersedia",
        default=True,
        help_text="Kosongkan bila angkanya belum terbit (NA: belum tersedia).",
    )
    predikat = models.CharField(max_length=4, blank=True)
    faktor_pendukung = TeksField("faktor pendukung", blank=True, max_length=5000)
    faktor_penghambat = TeksField("faktor penghambat", blank=True, max_length=5000)
    upaya = TeksField("upaya/solusi", blank=True, max_length=5000)
    catatan = TeksField(blank=True, max_length=5000)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "realisasi IKU pemda"
        verbose_name_plural = "realisasi IKU pemda"
        ordering = ["indikator", "tahun"]
        constraints = [
            models.UniqueConstraint(fields=["indikator", "tahun"], name="realisasi_pemda_unik"),
            models.CheckConstraint(
                condition=models.Q(tersedia=True) | models.Q(nilai__isnull=True),
                name="realisasi_pemda_na_tanpa_nilai",
                violation_error_message="Realisasi yang belum tersedia (NA) tidak berisi nilai.",
            ),
        ]

    def __str__(self) -> str:
        return f"Realisasi {self.indikator.kode} {self.tahun}"

    @property
    def nilai_efektif(self) -> Decimal | formulas.BelumTersedia | None:
        return self.nilai if self.tersedia else formulas.BELUM_TERSEDIA

    def clean(self) -> None:
        if self.tersedia and self.nilai is None and not self.predikat:
            raise ValidationError(
                {"nilai": "Isi nilai realisasi, atau tandai belum tersedia (NA)."}
            )


class AnggaranPerangkatDaerah(models.Model):
    """An agency's budget total of one year as the pemda's sheet gives it (the budget system's
    recap), used where the agency's own budget lines are not in the application."""

    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="anggaran_opd_set")
    tahun = models.PositiveSmallIntegerField()
    perangkat_daerah = models.CharField("perangkat daerah", max_length=200)
    opd = models.ForeignKey(
        "lkip.PerangkatDaerah",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="perangkat daerah di aplikasi",
    )
    pagu = models.DecimalField(max_digits=18, decimal_places=2)
    realisasi = models.DecimalField(max_digits=18, decimal_places=2)
    urutan = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "anggaran perangkat daerah"
        verbose_name_plural = "anggaran perangkat daerah"
        ordering = ["pemda", "tahun", "urutan", "perangkat_daerah"]
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "tahun", "perangkat_daerah"], name="anggaran_opd_unik"
            ),
            models.CheckConstraint(
                condition=models.Q(pagu__gte=0) & models.Q(realisasi__gte=0),
                name="anggaran_opd_non_negatif",
                violation_error_message="Pagu dan realisasi tidak boleh negatif.",
            ),
        ]

    def __str__(self) -> str:
        return f"Anggaran {self.perangkat_daerah} {self.tahun}"

    def clean(self) -> None:
        errors = _negatif(self, {"pagu": "Pagu", "realisasi": "Realisasi"})
        if self.opd_id and self.pemda_id and self.opd.pemda_id != self.pemda_id:
            errors["opd"] = "Perangkat daerah ini milik pemda lain."
        if errors:
            raise ValidationError(errors)


def _negatif(obj: models.Model, fields: dict[str, str]) -> dict[str, str]:
    """A message on each amount below zero, on its own field (the form's field, the sheet's
    column), where the check constraint alone could only name the record."""
    return {
        name: f"{label} tidak boleh negatif."
        for name, label in fields.items()
        if getattr(obj, name) is not None and getattr(obj, name) < 0
    }


class JenisPembiayaan(models.TextChoices):
    PENERIMAAN = "penerimaan", "Penerimaan pembiayaan"
    PENGELUARAN = "pengeluaran", "Pengeluaran pembiayaan"


class Pembiayaan(models.Model):
    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="pembiayaan_set")
    tahun = models.PositiveSmallIntegerField()
    jenis = models.CharField(max_length=12, choices=JenisPembiayaan.choices)
    uraian = models.CharField(max_length=300)
    anggaran = models.DecimalField(max_digits=18, decimal_places=2)
    realisasi = models.DecimalField(max_digits=18, decimal_places=2)
    urutan = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "pembiayaan"
        verbose_name_plural = "pembiayaan"
        ordering = ["pemda", "tahun", "jenis", "urutan", "uraian"]
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "tahun", "jenis", "uraian"], name="pembiayaan_unik"
            ),
            models.CheckConstraint(
                condition=models.Q(anggaran__gte=0) & models.Q(realisasi__gte=0),
                name="pembiayaan_non_negatif",
                violation_error_message="Anggaran dan realisasi pembiayaan tidak boleh negatif.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} {self.uraian} {self.tahun}"

    def clean(self) -> None:
        if errors := _negatif(self, {"anggaran": "Anggaran", "realisasi": "Realisasi"}):
            raise ValidationError(errors)


class TautanSasaran(models.Model):
    """Cascading: an agency IKU supports one RPJMD sasaran of its pemda."""

    indikator = models.OneToOneField(
        "indicators.Indikator", on_delete=models.CASCADE, related_name="tautan_sasaran_pemda"
    )
    sasaran = models.ForeignKey(SasaranPemda, on_delete=models.CASCADE, related_name="tautan_set")

    history = HistoricalRecords()

    class Meta:
        verbose_name = "tautan IKU perangkat daerah ke sasaran RPJMD"
        verbose_name_plural = "tautan IKU perangkat daerah ke sasaran RPJMD"
        ordering = ["sasaran", "indikator"]

    def __str__(self) -> str:
        return f"{self.indikator} → {self.sasaran.kode}"

    def clean(self) -> None:
        if not (self.indikator_id and self.sasaran_id):
            return
        if not self.indikator.adalah_iku:
            raise ValidationError({"indikator": "Hanya IKU perangkat daerah yang dapat ditautkan."})
        if self.indikator.opd.pemda_id != self.sasaran.rpjmd.pemda_id:
            raise ValidationError({"sasaran": "Sasaran ini milik RPJMD pemda lain."})
