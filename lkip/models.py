"""The organisations every other app hangs off: pemda, perangkat daerah and their profile data."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from simple_history.models import HistoricalRecords

from lkip import formulas
from lkip.fields import TeksField
from lkip.validators import validate_nip

kode_opd_validator = RegexValidator(
    r"^[a-z0-9]+(?:-[a-z0-9]+)*$",
    "Kode hanya boleh berisi huruf kecil, angka dan tanda hubung (contoh: dinsos-kota-bekasi).",
)


class JenisPemda(models.TextChoices):
    PROVINSI = "provinsi", "Provinsi"
    KABUPATEN = "kabupaten", "Kabupaten"
    KOTA = "kota", "Kota"


class Pemda(models.Model):
    #: the pemda's short identifier (URLs, the pemda-level workbook); from the name when not given
    kode = models.SlugField(
        "kode pemda", max_length=80, unique=True, blank=True, validators=[kode_opd_validator]
    )
    nama = models.CharField("nama pemda", max_length=200, unique=True)
    jenis = models.CharField("jenis pemda", max_length=10, choices=JenisPemda.choices, blank=True)
    kota_ttd = models.CharField("tempat penandatanganan", max_length=100, blank=True)
    kepala_daerah_nama = models.CharField("nama kepala daerah", max_length=200, blank=True)
    kepala_daerah_jabatan = models.CharField("jabatan kepala daerah", max_length=200, blank=True)
    #: PNG or SVG checked by lkip.lambang on upload (and again when printed)
    lambang = models.FileField("lambang daerah", upload_to="lambang/", blank=True)

    class Meta:
        verbose_name = "pemerintah daerah"
        verbose_name_plural = "pemerintah daerah"
        ordering = ["nama"]

    def __str__(self) -> str:
        return self.nama

    def save(self, *args, **kwargs) -> None:
        if not self.kode:
            self.kode = kode_dari_nama(self.nama)
        super().save(*args, **kwargs)


def kode_dari_nama(nama: str) -> str:
    """'Pemerintah Kota Bekasi' → 'pemerintah-kota-bekasi' (a pemda created without a kode)."""
    from django.utils.text import slugify

    return slugify(nama)[:80].strip("-") or "pemda"


class PerangkatDaerah(models.Model):
    pemda = models.ForeignKey(Pemda, on_delete=models.PROTECT, related_name="opd_set")
    kode = models.SlugField("kode", max_length=80, unique=True, validators=[kode_opd_validator])
    kode_skpd = models.CharField("kode SKPD", max_length=40, blank=True)
    nama = models.CharField("nama perangkat daerah", max_length=200)
    kota_ttd = models.CharField("tempat penandatanganan", max_length=100)
    kepala_nama = models.CharField("nama kepala (dengan gelar)", max_length=200)
    kepala_nip = models.CharField(
        "NIP kepala", max_length=24, blank=True, validators=[validate_nip]
    )
    kepala_pangkat = models.CharField("pangkat/golongan kepala", max_length=100, blank=True)
    kepala_jabatan = models.CharField("jabatan kepala", max_length=200)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "perangkat daerah"
        verbose_name_plural = "perangkat daerah"
        ordering = ["pemda__nama", "nama"]

    def __str__(self) -> str:
        return self.nama

    def save(self, *args, **kwargs) -> None:
        if self.kepala_nip:
            # Stored in the printed 8-6-1-3 form whatever spacing was typed.
            try:
                self.kepala_nip = formulas.format_nip(formulas.parse_nip(self.kepala_nip).digits)
            except ValueError:
                pass  # full_clean reports it; raw save keeps what was given
        super().save(*args, **kwargs)


class Penugasan(models.Model):
    """Which pemda (and, for agency staff, which agency) a user works for."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="penugasan"
    )
    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="penugasan_set")
    opd = models.ForeignKey(
        PerangkatDaerah,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="penugasan_set",
        help_text="Kosong untuk pengguna tingkat pemda (Inspektorat, Admin Pemda).",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "penugasan pengguna"
        verbose_name_plural = "penugasan pengguna"

    def __str__(self) -> str:
        return f"{self.user} — {self.opd or self.pemda}"

    def clean(self) -> None:
        if self.opd_id and self.pemda_id and self.opd.pemda_id != self.pemda_id:
            raise ValidationError(
                {
                    "opd": "Perangkat daerah ini bukan milik pemda penugasan; pilih perangkat "
                    "daerah dari pemda yang sama."
                }
            )


class SdmKomposisi(models.Model):
    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="sdm_set")
    tahun = models.PositiveSmallIntegerField()
    kategori = models.CharField(max_length=100)
    jumlah = models.PositiveIntegerField()
    urutan = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "komposisi SDM"
        verbose_name_plural = "komposisi SDM"
        ordering = ["opd", "tahun", "urutan", "kategori"]
        constraints = [
            models.UniqueConstraint(fields=["opd", "tahun", "kategori"], name="sdm_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.kategori} {self.tahun}: {self.jumlah}"


class KebutuhanPersonil(models.Model):
    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="kebutuhan_set")
    nomor = models.PositiveSmallIntegerField()
    jabatan = models.CharField(max_length=200)
    kualifikasi_pendidikan = TeksField("kualifikasi pendidikan", blank=True, max_length=2000)
    beban_kerja = TeksField("analisis beban kerja", blank=True, max_length=2000)

    class Meta:
        verbose_name = "kebutuhan personil"
        verbose_name_plural = "kebutuhan personil"
        ordering = ["opd", "nomor"]
        constraints = [
            models.UniqueConstraint(fields=["opd", "nomor"], name="kebutuhan_personil_unik"),
        ]

    def __str__(self) -> str:
        return self.jabatan


class KategoriPPKS(models.Model):
    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="ppks_set")
    kode = models.CharField(max_length=10)
    nama = models.CharField(max_length=300)

    class Meta:
        verbose_name = "kategori PPKS"
        verbose_name_plural = "kategori PPKS"
        ordering = ["opd", "id"]
        constraints = [
            models.UniqueConstraint(fields=["opd", "kode"], name="kategori_ppks_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"


class KejadianBencana(models.Model):
    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="bencana_set")
    tahun = models.PositiveSmallIntegerField()
    kejadian = models.CharField(max_length=200)
    kepala_keluarga = models.PositiveIntegerField(null=True, blank=True)
    jiwa = models.PositiveIntegerField(null=True, blank=True)
    sumber = models.CharField(max_length=200, blank=True)
    urutan = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "kejadian bencana"
        verbose_name_plural = "kejadian bencana"
        ordering = ["opd", "tahun", "urutan", "kejadian"]
        constraints = [
            models.UniqueConstraint(
                fields=["opd", "tahun", "kejadian"], name="kejadian_bencana_unik"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kejadian} {self.tahun}"


def _register_user_history() -> None:
    """Users' roles (groups) and active flag are audited like the data; their passwords never."""
    from django.contrib.auth import get_user_model
    from simple_history import register
    from simple_history.exceptions import MultipleRegistrationsError

    try:
        register(
            get_user_model(),
            app="lkip",
            m2m_fields=["groups"],
            table_name="lkip_historicaluser",
            excluded_fields=["password", "last_login"],
        )
    except MultipleRegistrationsError:
        pass


_register_user_history()
