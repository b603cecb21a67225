"""The budget nomenclature tree and each agency's budget lines per year (pagu, realisasi)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from lkip import formulas
from lkip.models import PerangkatDaerah
from lkip.validators import validate_kode_nomenklatur, validate_non_negatif


class TingkatAnggaran(models.TextChoices):
    PROGRAM = formulas.TingkatKode.PROGRAM.value, "Program"
    KEGIATAN = formulas.TingkatKode.KEGIATAN.value, "Kegiatan"
    SUBKEGIATAN = formulas.TingkatKode.SUBKEGIATAN.value, "Sub-kegiatan"


class Nomenklatur(models.Model):
    """A program, kegiatan or sub-kegiatan of Permendagri 90/2019 and its updates."""

    kode = models.CharField(
        max_length=30,
        unique=True,
        validators=[validate_kode_nomenklatur],
        error_messages={"unique": "Kode nomenklatur ini sudah ada."},
    )
    tingkat = models.CharField(max_length=12, choices=TingkatAnggaran.choices, editable=False)
    nama = models.CharField(max_length=500)
    induk = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="anak_set",
        editable=False,
    )
    keputusan = models.CharField(
        "berlaku sejak keputusan",
        max_length=100,
        blank=True,
        help_text="Mis. Kepmendagri 050-5889/2021.",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "nomenklatur"
        verbose_name_plural = "nomenklatur"
        ordering = ["kode"]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"

    def save(self, *args, **kwargs) -> None:
        self.tingkat = formulas.tingkat_kode(self.kode).value
        kode_induk = formulas.kode_induk(self.kode)
        self.induk = Nomenklatur.objects.filter(kode=kode_induk).first() if kode_induk else None
        super().save(*args, **kwargs)


class AnggaranQuerySet(models.QuerySet):
    def of_opd_tahun(self, opd: PerangkatDaerah, tahun: int) -> "AnggaranQuerySet":
        return self.filter(opd=opd, tahun=tahun).select_related("nomenklatur")


MONEY = {"max_digits": 18, "decimal_places": 2}


class Anggaran(models.Model):
    """One budget line: an agency's pagu and realisasi for one nomenclature code in one year."""

    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="anggaran_set")
    tahun = models.PositiveSmallIntegerField()
    nomenklatur = models.ForeignKey(
        Nomenklatur, on_delete=models.PROTECT, related_name="anggaran_set"
    )
    pagu_murni = models.DecimalField(
        "pagu murni (APBD)", **MONEY, null=True, blank=True, validators=[validate_non_negatif]
    )
    pagu_perubahan = models.DecimalField(
        "pagu perubahan (APBD-P)",
        **MONEY,
        null=True,
        blank=True,
        validators=[validate_non_negatif],
    )
    realisasi = models.DecimalField(
        **MONEY,
        default=Decimal(0),
        validators=[validate_non_negatif],
        help_text=(
            "Realisasi setahun. Setelah satu triwulan diisi, realisasi tahunan = jumlah TW I–IV; "
            "angka tahunan yang diketik tanpa rincian triwulan diganti hanya setelah Anda "
            "menyetujuinya di entri triwulan."
        ),
    )
    realisasi_tw1 = models.DecimalField(
        "realisasi TW I", **MONEY, null=True, blank=True, validators=[validate_non_negatif]
    )
    realisasi_tw2 = models.DecimalField(
        "realisasi TW II", **MONEY, null=True, blank=True, validators=[validate_non_negatif]
    )
    realisasi_tw3 = models.DecimalField(
        "realisasi TW III", **MONEY, null=True, blank=True, validators=[validate_non_negatif]
    )
    realisasi_tw4 = models.DecimalField(
        "realisasi TW IV", **MONEY, null=True, blank=True, validators=[validate_non_negatif]
    )
    sumber_dana = models.CharField("sumber dana", max_length=100, blank=True)
    indikator = models.ManyToManyField(
        "indicators.Indikator",
        blank=True,
        related_name="anggaran_set",
        help_text="Indikator yang didukung baris anggaran ini.",
    )

    objects = AnggaranQuerySet.as_manager()

    history = HistoricalRecords(m2m_fields=["indikator"])

    class Meta:
        verbose_name = "baris anggaran"
        verbose_name_plural = "anggaran"
        ordering = ["opd", "tahun", "nomenklatur__kode"]
        constraints = [
            models.UniqueConstraint(fields=["opd", "tahun", "nomenklatur"], name="anggaran_unik"),
            models.CheckConstraint(
                condition=models.Q(realisasi__gte=0)
                & (models.Q(pagu_murni__isnull=True) | models.Q(pagu_murni__gte=0))
                & (models.Q(pagu_perubahan__isnull=True) | models.Q(pagu_perubahan__gte=0)),
                name="anggaran_non_negatif",
                violation_error_message="Pagu dan realisasi tidak boleh negatif.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nomenklatur.kode} {self.tahun}"

    @property
    def kode(self) -> str:
        return self.nomenklatur.kode

    @property
    def pagu(self) -> Decimal | None:
        """The appropriation in force: APBD-P when there is one, else APBD murni."""
        return formulas.pagu_berlaku(self.pagu_murni, self.pagu_perubahan)

    @property
    def serapan(self) -> Decimal | None:
        return formulas.serapan(self.pagu, self.realisasi)

    @property
    def sisa(self) -> Decimal | None:
        return formulas.sisa_anggaran(self.pagu, self.realisasi)

    @property
    def realisasi_triwulan(self) -> list[Decimal | None]:
        return [self.realisasi_tw1, self.realisasi_tw2, self.realisasi_tw3, self.realisasi_tw4]

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.pagu_murni is None and self.pagu_perubahan is None:
            errors["pagu_murni"] = "Isi pagu murni atau pagu perubahan."
        terisi = any(v is not None for v in self.realisasi_triwulan)
        jumlah = formulas.jumlah_triwulan(self.realisasi_triwulan)
        if terisi and self.realisasi is not None and jumlah != self.realisasi:
            errors["realisasi"] = (
                f"Jumlah realisasi triwulan ({formulas.format_rupiah(jumlah)}) "
                f"tidak sama dengan realisasi tahunan ({formulas.format_rupiah(self.realisasi)})."
            )
        if errors:
            raise ValidationError(errors)


class CapaianOutput(models.Model):
    """A counted output of a budget line (persons served, recipients per stage)."""

    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="output_set")
    tahun = models.PositiveSmallIntegerField()
    nomenklatur = models.ForeignKey(
        Nomenklatur, on_delete=models.PROTECT, related_name="output_set"
    )
    uraian = models.CharField(max_length=300)
    satuan = models.CharField(max_length=50, default="orang")
    target = models.DecimalField(max_digits=18, decimal_places=2, validators=[validate_non_negatif])
    realisasi = models.DecimalField(
        max_digits=18, decimal_places=2, validators=[validate_non_negatif]
    )
    urutan = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "capaian output"
        verbose_name_plural = "capaian output"
        ordering = ["opd", "tahun", "nomenklatur__kode", "urutan", "uraian"]
        constraints = [
            models.UniqueConstraint(
                fields=["opd", "tahun", "nomenklatur", "uraian"], name="capaian_output_unik"
            ),
        ]

    def __str__(self) -> str:
        return self.uraian

    @property
    def persen(self) -> Decimal | None:
        return formulas.persen(self.realisasi, self.target)
