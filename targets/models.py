"""Renstra goals (tujuan, sasaran), targets (Renstra and Perjanjian Kinerja) and realisations."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from lkip import formulas
from lkip.fields import TeksField
from lkip.models import PerangkatDaerah
from lkip.validators import validate_non_negatif


class Periode(models.IntegerChoices):
    TAHUNAN = 0, "Tahunan"
    TW1 = 1, "Triwulan I"
    TW2 = 2, "Triwulan II"
    TW3 = 3, "Triwulan III"
    TW4 = 4, "Triwulan IV"


PERIODE_VALID = models.Q(periode__gte=0) & models.Q(periode__lte=4)
PERIODE_PESAN = "Periode harus TAHUNAN (0) atau triwulan 1–4."


class Renstra(models.Model):
    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="renstra_set")
    tahun_awal = models.PositiveSmallIntegerField("tahun awal")
    tahun_akhir = models.PositiveSmallIntegerField("tahun akhir")
    dasar = models.CharField("dokumen dasar", max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "periode Renstra"
        verbose_name_plural = "periode Renstra"
        ordering = ["opd", "-tahun_awal"]
        constraints = [
            models.UniqueConstraint(fields=["opd", "tahun_awal"], name="renstra_unik"),
            models.CheckConstraint(
                condition=models.Q(tahun_akhir__gte=models.F("tahun_awal")),
                name="renstra_periode_urut",
                violation_error_message="Tahun akhir Renstra tidak boleh sebelum tahun awal.",
            ),
        ]

    def __str__(self) -> str:
        return f"Renstra {self.opd} {self.tahun_awal}–{self.tahun_akhir}"

    @property
    def tahun_list(self) -> list[int]:
        return list(range(self.tahun_awal, self.tahun_akhir + 1))

    def memuat(self, tahun: int) -> bool:
        return self.tahun_awal <= tahun <= self.tahun_akhir


class Tujuan(models.Model):
    renstra = models.ForeignKey(Renstra, on_delete=models.CASCADE, related_name="tujuan_set")
    kode = models.CharField(max_length=20)
    uraian = TeksField(max_length=1000)
    urutan = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "tujuan"
        verbose_name_plural = "tujuan"
        ordering = ["renstra", "urutan", "kode"]
        constraints = [
            models.UniqueConstraint(fields=["renstra", "kode"], name="tujuan_kode_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.kode} {self.uraian}"


class Sasaran(models.Model):
    tujuan = models.ForeignKey(Tujuan, on_delete=models.CASCADE, related_name="sasaran_set")
    renstra = models.ForeignKey(Renstra, on_delete=models.CASCADE, related_name="sasaran_set")
    kode = models.CharField(max_length=20)
    uraian = TeksField(max_length=1000)
    urutan = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "sasaran"
        verbose_name_plural = "sasaran"
        ordering = ["renstra", "urutan", "kode"]
        constraints = [
            models.UniqueConstraint(fields=["renstra", "kode"], name="sasaran_kode_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.kode} {self.uraian}"

    def clean(self) -> None:
        if self.tujuan_id and self.renstra_id and self.tujuan.renstra_id != self.renstra_id:
            raise ValidationError({"tujuan": "Tujuan ini berasal dari periode Renstra lain."})


class JenisTarget(models.TextChoices):
    RENSTRA = "renstra", "Renstra"
    PK = "pk", "Perjanjian Kinerja"


def _predikat_errors(indikator, predikat: str) -> dict[str, str]:
    """The predicate must belong to the indicator's scale."""
    if predikat:
        try:
            indikator.validate_predikat(predikat)
        except ValidationError as exc:
            return {"predikat": exc.messages[0]}
    return {}


class Target(models.Model):
    indikator = models.ForeignKey(
        "indicators.Indikator", on_delete=models.CASCADE, related_name="target_set"
    )
    tahun = models.PositiveSmallIntegerField()
    jenis = models.CharField(max_length=10, choices=JenisTarget.choices)
    periode = models.PositiveSmallIntegerField(choices=Periode.choices, default=Periode.TAHUNAN)
    nilai = models.DecimalField(max_digits=20, decimal_places=6, null=True, blank=True)
    predikat = models.CharField(max_length=4, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "target"
        verbose_name_plural = "target"
        ordering = ["indikator", "tahun", "jenis", "periode"]
        constraints = [
            models.UniqueConstraint(
                fields=["indikator", "tahun", "jenis", "periode"], name="target_unik"
            ),
            models.CheckConstraint(
                condition=PERIODE_VALID,
                name="target_periode_valid",
                violation_error_message=PERIODE_PESAN,
            ),
            models.CheckConstraint(
                condition=~models.Q(jenis=JenisTarget.RENSTRA) | models.Q(periode=Periode.TAHUNAN),
                name="target_renstra_tahunan",
                violation_error_message="Target Renstra selalu tahunan.",
            ),
        ]

    def __str__(self) -> str:
        return (
            f"Target {self.get_jenis_display()} {self.indikator.kode} {self.tahun} "
            f"{self.get_periode_display()}"
        )

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.nilai is None and not self.predikat:
            errors["nilai"] = "Isi nilai target (atau predikat untuk indikator berjenis predikat)."
        if self.indikator_id:
            errors |= _predikat_errors(self.indikator, self.predikat)
        if errors:
            raise ValidationError(errors)


class RealisasiQuerySet(models.QuerySet):
    def of_opd(self, opd: PerangkatDaerah) -> "RealisasiQuerySet":
        return self.filter(indikator__opd=opd)


class Realisasi(models.Model):
    indikator = models.ForeignKey(
        "indicators.Indikator", on_delete=models.CASCADE, related_name="realisasi_set"
    )
    tahun = models.PositiveSmallIntegerField()
    periode = models.PositiveSmallIntegerField(choices=Periode.choices, default=Periode.TAHUNAN)
    nilai = models.DecimalField(max_digits=20, decimal_places=6, null=True, blank=True)
    pembilang = models.DecimalField(
        max_digits=20, decimal_places=4, null=True, blank=True, validators=[validate_non_negatif]
    )
    penyebut = models.DecimalField(
        max_digits=20, decimal_places=4, null=True, blank=True, validators=[validate_non_negatif]
    )
    predikat = models.CharField(max_length=4, blank=True)
    faktor_pendukung = TeksField("faktor pendukung", blank=True, max_length=5000)
    faktor_penghambat = TeksField("faktor penghambat", blank=True, max_length=5000)
    upaya = TeksField("upaya/solusi", blank=True, max_length=5000)
    catatan = TeksField(blank=True, max_length=5000)
    bukti = models.FileField("berkas bukti", upload_to="bukti/%Y/", blank=True)

    objects = RealisasiQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        verbose_name = "realisasi"
        verbose_name_plural = "realisasi"
        ordering = ["indikator", "tahun", "periode"]
        constraints = [
            models.UniqueConstraint(
                fields=["indikator", "tahun", "periode"], name="realisasi_unik"
            ),
            models.CheckConstraint(
                condition=PERIODE_VALID,
                name="realisasi_periode_valid",
                violation_error_message=PERIODE_PESAN,
            ),
            models.CheckConstraint(
                condition=(models.Q(pembilang__isnull=True) | models.Q(pembilang__gte=0))
                & (models.Q(penyebut__isnull=True) | models.Q(penyebut__gte=0)),
                name="realisasi_pembilang_non_negatif",
                violation_error_message="Pembilang dan penyebut tidak boleh negatif.",
            ),
        ]

    def __str__(self) -> str:
        return f"Realisasi {self.indikator.kode} {self.tahun} {self.get_periode_display()}"

    @property
    def nilai_efektif(self) -> Decimal | None:
        """The realised value: as typed, or computed from numerator and denominator."""
        if self.pembilang is not None and self.penyebut is not None:
            return formulas.nilai_pecahan(
                self.pembilang,
                self.penyebut,
                persen_=self.indikator.adalah_persen,
            )
        return self.nilai

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.nilai is None and self.pembilang is None and not self.predikat:
            errors["nilai"] = "Isi nilai realisasi, atau pembilang dan penyebut, atau predikat."
        if (self.pembilang is None) != (self.penyebut is None):
            errors["penyebut"] = "Pembilang dan penyebut harus diisi keduanya."
        if self.penyebut is not None and self.penyebut == 0:
            errors["penyebut"] = "Penyebut tidak boleh nol."
        if self.indikator_id:
            errors |= _predikat_errors(self.indikator, self.predikat)
            if self.predikat and not self.indikator.adalah_predikat:
                errors["predikat"] = "Indikator ini bukan berjenis predikat: isi nilai angka."
        if errors:
            raise ValidationError(errors)


class PeriodeTertutup(models.Model):
    """A closed quarter (1–4) or year (0) of an agency: its values are read-only until reopened."""

    opd = models.ForeignKey(
        PerangkatDaerah, on_delete=models.CASCADE, related_name="periode_tertutup_set"
    )
    tahun = models.PositiveSmallIntegerField()
    periode = models.PositiveSmallIntegerField(choices=Periode.choices)
    ditutup_oleh = models.ForeignKey("auth.User", on_delete=models.PROTECT, related_name="+")
    ditutup_pada = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "periode tertutup"
        verbose_name_plural = "periode tertutup"
        ordering = ["opd", "tahun", "periode"]
        constraints = [
            models.UniqueConstraint(
                fields=["opd", "tahun", "periode"], name="periode_tertutup_unik"
            ),
            models.CheckConstraint(
                condition=PERIODE_VALID,
                name="periode_tertutup_valid",
                violation_error_message=PERIODE_PESAN,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.opd} {self.tahun} {self.get_periode_display()} (ditutup)"

    @classmethod
    def tertutup(cls, opd_id: int, tahun: int, periode: int) -> bool:
        """A quarter is closed when it or its whole year is closed."""
        return cls.objects.filter(
            opd_id=opd_id, tahun=tahun, periode__in={Periode.TAHUNAN, periode}
        ).exists()


class PembukaanPeriode(models.Model):
    """A reopening of a closed period, with its recorded reason."""

    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="+")
    tahun = models.PositiveSmallIntegerField()
    periode = models.PositiveSmallIntegerField(choices=Periode.choices)
    alasan = TeksField(max_length=2000)
    oleh = models.ForeignKey("auth.User", on_delete=models.PROTECT, related_name="+")
    waktu = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "pembukaan periode"
        verbose_name_plural = "pembukaan periode"
        ordering = ["-waktu"]

    def __str__(self) -> str:
        return f"{self.opd} {self.tahun} {self.get_periode_display()} (dibuka kembali)"
