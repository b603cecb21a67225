"""Indicator definitions (IKU and program/kegiatan level) and the AKIP and IKM results they read."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from lkip import formulas
from lkip.fields import TeksField
from lkip.models import PerangkatDaerah


class Tingkat(models.TextChoices):
    IKU = "iku", "IKU"
    PROGRAM = "program", "Program"
    KEGIATAN = "kegiatan", "Kegiatan"
    SUBKEGIATAN = "subkegiatan", "Sub-kegiatan"


class JenisNilai(models.TextChoices):
    ANGKA = "angka", "Angka"
    PERSEN = "persen", "Persen"
    INDEKS = "indeks", "Indeks"
    PREDIKAT = "predikat", "Predikat"


class SkalaPredikat(models.TextChoices):
    AKIP = "AKIP", "AKIP (PermenPANRB 88/2021)"
    IKM = "IKM", "Mutu IKM (PermenPANRB 14/2017)"


class Polaritas(models.TextChoices):
    POSITIF = formulas.Polaritas.POSITIF.value, "Positif (semakin tinggi semakin baik)"
    NEGATIF = formulas.Polaritas.NEGATIF.value, "Negatif (semakin rendah semakin baik)"


class MetodeNegatif(models.TextChoices):
    A = formulas.MetodeNegatif.A.value, "A: (2T − R) / T × 100"
    B = formulas.MetodeNegatif.B.value, "B: T / R × 100"


class Agregasi(models.TextChoices):
    JUMLAH = formulas.Agregasi.JUMLAH.value, "Jumlah"
    TERAKHIR = formulas.Agregasi.TERAKHIR.value, "Nilai terakhir"
    RATA_RATA = formulas.Agregasi.RATA_RATA.value, "Rata-rata"


class ModePredikat(models.TextChoices):
    NUMERIK = formulas.ModePredikat.NUMERIK.value, "Numerik (nilai realisasi / nilai target)"
    ORDINAL = formulas.ModePredikat.ORDINAL.value, "Ordinal (peringkat predikat)"


SKALA = {
    SkalaPredikat.AKIP: tuple(formulas.PREDIKAT_AKIP),
    SkalaPredikat.IKM: ("A", "B", "C", "D"),
}


class Berpolaritas(models.Model):
    """Polarity and the method for negative polarity: an agency IKU's and the Kepala Daerah's
    (rpjmd.IndikatorPemda) alike."""

    polaritas = models.CharField(
        max_length=10, choices=Polaritas.choices, default=Polaritas.POSITIF
    )
    metode_negatif = models.CharField(
        "metode polaritas negatif",
        max_length=1,
        choices=MetodeNegatif.choices,
        default=MetodeNegatif.A,
    )

    class Meta:
        abstract = True


class IndikatorQuerySet(models.QuerySet):
    def of_opd(self, opd: PerangkatDaerah) -> "IndikatorQuerySet":
        return self.filter(opd=opd)

    def iku(self) -> "IndikatorQuerySet":
        return self.filter(tingkat=Tingkat.IKU)


class Indikator(Berpolaritas):
    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="indikator_set")
    kode = models.CharField(max_length=30)
    tingkat = models.CharField(max_length=12, choices=Tingkat.choices)
    sasaran = models.ForeignKey(
        "targets.Sasaran",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="indikator_set",
    )
    nomenklatur = models.ForeignKey(
        "budget.Nomenklatur",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="indikator_set",
        help_text="Program/kegiatan/sub-kegiatan tempat indikator ini berada (selain IKU).",
    )
    uraian = models.CharField(max_length=500)
    satuan = models.CharField(max_length=50)
    jenis_nilai = models.CharField("jenis nilai", max_length=10, choices=JenisNilai.choices)
    skala_predikat = models.CharField(
        "skala predikat", max_length=10, choices=SkalaPredikat.choices, blank=True
    )
    mode_predikat = models.CharField(
        "mode capaian predikat",
        max_length=10,
        choices=ModePredikat.choices,
        default=ModePredikat.NUMERIK,
    )
    agregasi = models.CharField(
        "agregasi triwulan",
        max_length=10,
        choices=Agregasi.choices,
        default=Agregasi.TERAKHIR,
        help_text=(
            "Realisasi tahunan yang diisi langsung (periode Tahunan) selalu dipakai dan tidak "
            "diubah oleh triwulan. Tanpanya, realisasi tahunan dihitung dari triwulan: jumlah = "
            "TW I + … + TW IV (pecahan: jumlah pembilang dibagi penyebut terakhir); nilai "
            "terakhir = triwulan terakhir yang terisi; rata-rata = rata-rata triwulan yang terisi."
        ),
    )
    cap_persen = models.PositiveSmallIntegerField(
        "batas capaian untuk agregat (%)",
        null=True,
        blank=True,
        choices=[(100, "100%"), (110, "110%"), (120, "120%")],
    )
    rumus = TeksField("formula", blank=True, max_length=2000)
    pembilang = TeksField("definisi pembilang", blank=True, max_length=2000)
    penyebut = TeksField("definisi penyebut", blank=True, max_length=2000)
    sumber_data = models.CharField("sumber data", max_length=300, blank=True)
    alasan = TeksField("alasan/penjelasan", blank=True, max_length=2000)
    dasar_hukum = TeksField("dasar hukum", blank=True, max_length=5000)
    urutan = models.PositiveSmallIntegerField(default=0)

    objects = IndikatorQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        verbose_name = "indikator"
        verbose_name_plural = "indikator"
        ordering = ["opd", "tingkat", "urutan", "kode"]
        constraints = [
            models.UniqueConstraint(fields=["opd", "kode"], name="indikator_kode_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.kode} {self.uraian}"

    @property
    def adalah_iku(self) -> bool:
        return self.tingkat == Tingkat.IKU

    @property
    def adalah_persen(self) -> bool:
        return self.jenis_nilai == JenisNilai.PERSEN

    @property
    def adalah_predikat(self) -> bool:
        return self.jenis_nilai == JenisNilai.PREDIKAT

    @property
    def skala(self) -> tuple[str, ...]:
        return SKALA.get(self.skala_predikat, ())

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.tingkat == Tingkat.IKU and not self.sasaran_id:
            errors["sasaran"] = "Indikator tingkat IKU wajib terhubung ke sasaran."
        if self.tingkat != Tingkat.IKU and self.tingkat and not self.nomenklatur_id:
            errors["nomenklatur"] = (
                "Indikator program/kegiatan/sub-kegiatan wajib terhubung ke kode anggaran."
            )
        if self.jenis_nilai == JenisNilai.PREDIKAT and not self.skala_predikat:
            errors["skala_predikat"] = "Indikator berjenis predikat wajib memiliki skala predikat."
        if self.sasaran_id and self.opd_id and self.sasaran.renstra.opd_id != self.opd_id:
            errors["sasaran"] = "Sasaran ini milik perangkat daerah lain."
        if errors:
            raise ValidationError(errors)

    def validate_predikat(self, predikat: str) -> None:
        """Raise a ValidationError when a predicate is outside this indicator's scale."""
        if predikat and predikat not in self.skala:
            pilihan = ", ".join(self.skala) or "(indikator ini tidak memakai predikat)"
            raise ValidationError(
                f"Predikat '{predikat}' tidak ada dalam skala {self.skala_predikat or '-'}: "
                f"pilih salah satu dari {pilihan}."
            )

    def capaian(
        self,
        target: Decimal | None,
        realisasi: Decimal | None,
        target_predikat: str = "",
        realisasi_predikat: str = "",
    ) -> Decimal | None:
        """Capaian (unrounded %) of one target/realisation pair under this indicator's rules."""
        if self.adalah_predikat and self.mode_predikat == ModePredikat.ORDINAL:
            return formulas.capaian_predikat(
                target_predikat or None,
                realisasi_predikat or None,
                mode=formulas.ModePredikat.ORDINAL,
            )
        return formulas.capaian(
            target,
            realisasi,
            polaritas=formulas.Polaritas(self.polaritas),
            metode_negatif=formulas.MetodeNegatif(self.metode_negatif),
        )


class EvaluasiAKIP(models.Model):
    """One component score of the AKIP evaluation (LHE) used as the year's result."""

    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="akip_set")
    tahun = models.PositiveSmallIntegerField("tahun LKIP")
    komponen = models.CharField(max_length=100)
    bobot = models.DecimalField(max_digits=6, decimal_places=2)
    nilai = models.DecimalField(max_digits=6, decimal_places=2)
    nomor_lhe = models.CharField("nomor LHE", max_length=200, blank=True)
    tanggal_lhe = models.DateField("tanggal LHE", null=True, blank=True)
    urutan = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "komponen evaluasi AKIP"
        verbose_name_plural = "evaluasi AKIP"
        ordering = ["opd", "tahun", "urutan", "komponen"]
        constraints = [
            models.UniqueConstraint(fields=["opd", "tahun", "komponen"], name="akip_komponen_unik"),
            models.CheckConstraint(
                condition=models.Q(nilai__gte=0) & models.Q(bobot__gte=0),
                name="akip_nilai_non_negatif",
                violation_error_message="Bobot dan nilai komponen AKIP tidak boleh negatif.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.komponen} {self.tahun}"

    def clean(self) -> None:
        if self.nilai is not None and self.bobot is not None and self.nilai > self.bobot:
            raise ValidationError({"nilai": "Nilai komponen tidak boleh melebihi bobotnya."})


class HasilIKM(models.Model):
    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="ikm_set")
    tahun = models.PositiveSmallIntegerField()
    nilai = models.DecimalField("nilai IKM (konversi 25–100)", max_digits=6, decimal_places=2)
    sumber = models.CharField(max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "hasil IKM"
        verbose_name_plural = "hasil IKM"
        ordering = ["opd", "tahun"]
        constraints = [
            models.UniqueConstraint(fields=["opd", "tahun"], name="ikm_tahun_unik"),
            models.CheckConstraint(
                condition=models.Q(nilai__gte=25) & models.Q(nilai__lte=100),
                name="ikm_nilai_25_100",
                violation_error_message="Nilai IKM konversi harus antara 25 dan 100.",
            ),
        ]

    def __str__(self) -> str:
        return f"IKM {self.tahun}: {self.nilai}"

    @property
    def mutu(self) -> "formulas.MutuIKM":
        return formulas.mutu_ikm(self.nilai)
