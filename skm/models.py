"""The public satisfaction survey (SKM, PermenPANRB 14/2017): set-up, responses, exclusions."""

from __future__ import annotations

import secrets
from calendar import monthrange
from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from lkip import formulas
from lkip.models import PerangkatDaerah

KODE_UNSUR = list(formulas.UNSUR_IKM)
#: The answer columns of a response, one per unsur code (u1 … u9).
KOLOM_UNSUR = {kode: kode.lower() for kode in KODE_UNSUR}


class JenisPeriode(models.TextChoices):
    TAHUN = "tahun", "Tahun"
    SEMESTER = "semester", "Semester"
    TRIWULAN = "triwulan", "Triwulan"


_BAGIAN = {JenisPeriode.TAHUN: 1, JenisPeriode.SEMESTER: 2, JenisPeriode.TRIWULAN: 4}
_ROMAWI = {1: "I", 2: "II", 3: "III", 4: "IV"}


class KelompokUmur(models.TextChoices):
    U_17_25 = "17-25", "17–25 tahun"
    U_26_35 = "26-35", "26–35 tahun"
    U_36_45 = "36-45", "36–45 tahun"
    U_46_55 = "46-55", "46–55 tahun"
    U_56 = "56+", "56 tahun ke atas"


class JenisKelamin(models.TextChoices):
    LAKI_LAKI = "L", "Laki-laki"
    PEREMPUAN = "P", "Perempuan"


class Pendidikan(models.TextChoices):
    SD = "sd", "SD atau sederajat"
    SMP = "smp", "SMP atau sederajat"
    SMA = "sma", "SMA atau sederajat"
    DIPLOMA = "diploma", "D1–D3"
    SARJANA = "sarjana", "D4/S1"
    PASCASARJANA = "pascasarjana", "S2/S3"


class Pekerjaan(models.TextChoices):
    PNS = "pns", "PNS/ASN"
    TNI_POLRI = "tni-polri", "TNI/Polri"
    SWASTA = "swasta", "Pegawai swasta"
    WIRAUSAHA = "wirausaha", "Wirausaha"
    PELAJAR = "pelajar", "Pelajar/mahasiswa"
    LAINNYA = "lainnya", "Lainnya"


class Sumber(models.TextChoices):
    DARING = "daring", "Formulir daring"
    KERTAS = "kertas", "Kuesioner kertas (impor)"


class UnitLayanan(models.Model):
    """A service counter or unit of an agency whose users are surveyed."""

    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="unit_layanan")
    nama = models.CharField("nama unit layanan", max_length=200)
    populasi = models.PositiveIntegerField(
        "populasi pengguna layanan per tahun",
        null=True,
        blank=True,
        help_text="Jumlah penerima layanan setahun; dasar sampel minimum (Krejcie dan Morgan).",
    )
    aktif = models.BooleanField(default=True, help_text="Hanya unit aktif menerima jawaban daring.")
    urutan = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "unit layanan"
        verbose_name_plural = "unit layanan"
        ordering = ["opd", "urutan", "nama"]
        constraints = [
            models.UniqueConstraint(fields=["opd", "nama"], name="unit_layanan_nama_unik"),
        ]

    def __str__(self) -> str:
        return self.nama

    @property
    def sampel_minimum(self) -> int | None:
        return formulas.sampel_minimum(self.populasi) if self.populasi else None


class PeriodeSurvei(models.Model):
    """A survey period of an agency: a year, a semester or a quarter. Periods do not overlap."""

    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="periode_skm")
    tahun = models.PositiveSmallIntegerField()
    jenis = models.CharField(max_length=10, choices=JenisPeriode.choices)
    ke = models.PositiveSmallIntegerField(
        "semester/triwulan ke", default=1, help_text="1 untuk periode tahunan."
    )
    terbuka = models.BooleanField(
        "menerima jawaban daring",
        default=True,
        help_text="Formulir publik hanya menerima jawaban pada periode terbuka.",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "periode survei"
        verbose_name_plural = "periode survei"
        ordering = ["opd", "-tahun", "jenis", "ke"]
        constraints = [
            models.UniqueConstraint(
                fields=["opd", "tahun", "jenis", "ke"], name="periode_skm_unik"
            ),
            models.CheckConstraint(
                condition=models.Q(ke__gte=1) & models.Q(ke__lte=4),
                name="periode_skm_ke_1_4",
                violation_error_message="Periode ke harus 1–4.",
            ),
        ]

    def __str__(self) -> str:
        if self.jenis == JenisPeriode.TAHUN:
            return f"Tahun {self.tahun}"
        return f"{self.get_jenis_display()} {_ROMAWI.get(self.ke, self.ke)} {self.tahun}"

    @property
    def bulan(self) -> tuple[int, int]:
        """First and last month of the period."""
        panjang = 12 // _BAGIAN[JenisPeriode(self.jenis)]
        return (self.ke - 1) * panjang + 1, self.ke * panjang

    @property
    def mulai(self) -> date:
        return date(self.tahun, self.bulan[0], 1)

    @property
    def selesai(self) -> date:
        akhir = self.bulan[1]
        return date(self.tahun, akhir, monthrange(self.tahun, akhir)[1])

    def memuat(self, tanggal: date) -> bool:
        return self.mulai <= tanggal <= self.selesai

    def clean(self) -> None:
        if not self.jenis or not self.tahun:
            return
        if self.ke and self.ke > _BAGIAN.get(self.jenis, 4):
            raise ValidationError(
                {"ke": f"{self.get_jenis_display()} hanya sampai ke-{_BAGIAN[self.jenis]}."}
            )
        lain = PeriodeSurvei.objects.filter(opd_id=self.opd_id, tahun=self.tahun).exclude(
            pk=self.pk
        )
        for periode in lain:
            if periode.mulai <= self.selesai and self.mulai <= periode.selesai:
                raise ValidationError(
                    f"Periode ini tumpang tindih dengan {periode}; setiap tanggal hanya boleh "
                    "termasuk satu periode survei."
                )


class PengaturanSurvei(models.Model):
    """The agency's survey settings: its IKM indicator, the weight, optional respondent fields."""

    opd = models.OneToOneField(
        PerangkatDaerah, on_delete=models.CASCADE, related_name="pengaturan_skm"
    )
    indikator = models.ForeignKey(
        "indicators.Indikator",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="indikator IKM",
        help_text="Indikator (IKU) yang realisasinya diisi dari hasil survei.",
    )
    penimbang_lama = models.BooleanField(
        "pakai penimbang 0,11 (pembulatan lama)",
        default=False,
        help_text="Bawaan: penimbang eksak 1/9. Penimbang 0,11 menurunkan IKM tepat 1%.",
    )
    tanya_umur = models.BooleanField("tanyakan kelompok umur", default=True)
    tanya_jenis_kelamin = models.BooleanField("tanyakan jenis kelamin", default=True)
    tanya_pendidikan = models.BooleanField("tanyakan pendidikan", default=True)
    tanya_pekerjaan = models.BooleanField("tanyakan pekerjaan", default=True)
    tanya_layanan = models.BooleanField("tanyakan jenis layanan yang diterima", default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "pengaturan survei"
        verbose_name_plural = "pengaturan survei"

    def __str__(self) -> str:
        return f"Pengaturan survei {self.opd}"

    @property
    def penimbang(self):
        return formulas.PENIMBANG_LAMA if self.penimbang_lama else None

    def clean(self) -> None:
        if self.indikator_id and self.opd_id and self.indikator.opd_id != self.opd_id:
            raise ValidationError({"indikator": "Indikator ini milik perangkat daerah lain."})


class Unsur(models.Model):
    """The agency's wording of one unsur's question and answer labels (blank: the regulation's)."""

    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="unsur_skm")
    kode = models.CharField(
        "kode unsur", max_length=2, help_text="U1–U9 menurut PermenPANRB 14/2017 (bukan urutan)."
    )
    pertanyaan = models.CharField(
        max_length=300, blank=True, help_text="Kosong: kalimat pertanyaan PermenPANRB 14/2017."
    )
    label_1 = models.CharField("jawaban nilai 1", max_length=80, blank=True)
    label_2 = models.CharField("jawaban nilai 2", max_length=80, blank=True)
    label_3 = models.CharField("jawaban nilai 3", max_length=80, blank=True)
    label_4 = models.CharField("jawaban nilai 4", max_length=80, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "pertanyaan unsur"
        verbose_name_plural = "pertanyaan unsur"
        ordering = ["opd", "kode"]
        constraints = [models.UniqueConstraint(fields=["opd", "kode"], name="unsur_skm_unik")]

    def __str__(self) -> str:
        return f"{self.kode} {formulas.UNSUR_IKM.get(self.kode, '')}"

    def clean(self) -> None:
        if self.kode and self.kode not in formulas.UNSUR_IKM:
            raise ValidationError({"kode": "Kode unsur harus U1–U9."})

    @property
    def label(self) -> list[str]:
        return [self.label_1, self.label_2, self.label_3, self.label_4]


def token_baru() -> str:
    return secrets.token_urlsafe(6)


class TautanSurvei(models.Model):
    """The public form of one service unit in one period, at /s/<token>/."""

    unit_layanan = models.ForeignKey(UnitLayanan, on_delete=models.CASCADE, related_name="tautan")
    periode = models.ForeignKey(PeriodeSurvei, on_delete=models.CASCADE, related_name="tautan")
    token = models.CharField(max_length=16, unique=True, default=token_baru)

    class Meta:
        verbose_name = "tautan survei"
        verbose_name_plural = "tautan survei"
        ordering = ["periode", "unit_layanan"]
        constraints = [
            models.UniqueConstraint(fields=["unit_layanan", "periode"], name="tautan_skm_unik")
        ]

    def __str__(self) -> str:
        return f"{self.unit_layanan} — {self.periode}"


class ImporSkm(models.Model):
    """A workbook of paper questionnaires already imported (a file without ids is refused twice)."""

    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="+")
    checksum = models.CharField("SHA-256 berkas", max_length=64)
    nama_berkas = models.CharField(max_length=255, blank=True)
    jumlah = models.PositiveIntegerField("jumlah jawaban ditambahkan")
    oleh = models.ForeignKey("auth.User", on_delete=models.SET_NULL, null=True, related_name="+")
    waktu = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "impor SKM"
        verbose_name_plural = "impor SKM"
        ordering = ["-waktu"]
        constraints = [
            models.UniqueConstraint(fields=["opd", "checksum"], name="impor_skm_berkas_unik")
        ]

    def __str__(self) -> str:
        return f"Impor {self.nama_berkas or self.checksum[:12]} ({self.jumlah} jawaban)"


class RespondenQuerySet(models.QuerySet):
    def of_opd(self, opd: PerangkatDaerah) -> RespondenQuerySet:
        return self.filter(opd=opd)

    def dihitung(self) -> RespondenQuerySet:
        """The responses that count: every one except those the Perencana excluded."""
        return self.filter(pengecualian__isnull=True)


class Responden(models.Model):
    """One citizen's answers (no personal identifier): U1–U9 on 1–4, blank = not answered."""

    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="+")
    unit_layanan = models.ForeignKey(
        UnitLayanan, on_delete=models.PROTECT, related_name="responden"
    )
    periode = models.ForeignKey(PeriodeSurvei, on_delete=models.PROTECT, related_name="responden")
    tanggal = models.DateField()
    diterima_pada = models.DateTimeField(auto_now_add=True)
    sumber = models.CharField(max_length=10, choices=Sumber.choices, default=Sumber.DARING)
    id_impor = models.CharField("id pada berkas impor", max_length=64, blank=True)
    impor = models.ForeignKey(
        ImporSkm, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    u1 = models.PositiveSmallIntegerField("U1", null=True, blank=True)
    u2 = models.PositiveSmallIntegerField("U2", null=True, blank=True)
    u3 = models.PositiveSmallIntegerField("U3", null=True, blank=True)
    u4 = models.PositiveSmallIntegerField("U4", null=True, blank=True)
    u5 = models.PositiveSmallIntegerField("U5", null=True, blank=True)
    u6 = models.PositiveSmallIntegerField("U6", null=True, blank=True)
    u7 = models.PositiveSmallIntegerField("U7", null=True, blank=True)
    u8 = models.PositiveSmallIntegerField("U8", null=True, blank=True)
    u9 = models.PositiveSmallIntegerField("U9", null=True, blank=True)
    kelompok_umur = models.CharField(max_length=5, choices=KelompokUmur.choices, blank=True)
    jenis_kelamin = models.CharField(max_length=1, choices=JenisKelamin.choices, blank=True)
    pendidikan = models.CharField(max_length=12, choices=Pendidikan.choices, blank=True)
    pekerjaan = models.CharField(max_length=12, choices=Pekerjaan.choices, blank=True)
    layanan = models.CharField("layanan yang diterima", max_length=200, blank=True)
    komentar = models.TextField("saran dan komentar", max_length=2000, blank=True)
    dicurigai = models.CharField(
        "tanda mencurigakan", max_length=200, blank=True, help_text="Mengapa jawaban ini ditandai."
    )

    objects = RespondenQuerySet.as_manager()

    class Meta:
        verbose_name = "responden"
        verbose_name_plural = "responden"
        ordering = ["-diterima_pada", "-id"]
        indexes = [
            models.Index(fields=["opd", "periode", "unit_layanan"], name="responden_skm_agregat")
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["opd", "id_impor"],
                condition=~models.Q(id_impor=""),
                name="responden_id_impor_unik",
            ),
            *[
                models.CheckConstraint(
                    condition=models.Q(**{f"{kolom}__isnull": True})
                    | models.Q(**{f"{kolom}__gte": 1, f"{kolom}__lte": 4}),
                    name=f"responden_{kolom}_1_4",
                    violation_error_message=f"Jawaban {kolom.upper()} harus 1–4 atau kosong.",
                )
                for kolom in KOLOM_UNSUR.values()
            ],
        ]

    def __str__(self) -> str:
        return f"Responden #{self.pk} {self.unit_layanan} {self.tanggal}"

    @property
    def jawaban(self) -> dict[str, int | None]:
        return {kode: getattr(self, kolom) for kode, kolom in KOLOM_UNSUR.items()}


class Pengecualian(models.Model):
    """A response the Perencana excluded from the IKM, with the reason (deleted = counted again)."""

    responden = models.OneToOneField(
        Responden, on_delete=models.CASCADE, related_name="pengecualian"
    )
    alasan = models.CharField(max_length=300)
    oleh = models.ForeignKey("auth.User", on_delete=models.PROTECT, related_name="+")
    waktu = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "pengecualian jawaban"
        verbose_name_plural = "pengecualian jawaban"

    def __str__(self) -> str:
        return f"Responden #{self.responden_id} dikecualikan: {self.alasan}"
