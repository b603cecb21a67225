"""What a report needs beyond the measured data: its narrative and the figures printed in a
source."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.text import capfirst
from simple_history.models import HistoricalRecords

from lkip.fields import TeksField
from lkip.models import Pemda, PerangkatDaerah


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


#: The longest narrative section, in characters.
NARASI_MAKS = 20_000


class NarasiLaporan(models.Model):
    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="narasi_set")
    tahun = models.PositiveSmallIntegerField()
    bagian = models.CharField(max_length=30, choices=BagianNarasi.choices)
    judul = models.CharField(max_length=200, blank=True)
    #: About six A4 pages (the longest section of the demo LKIP has 7.159 characters).
    teks = TeksField(blank=True, max_length=NARASI_MAKS)

    history = HistoricalRecords()

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
    """A figure as an earlier document printed it: a reference the data-health check compares
    with the value this application computes. The planner reviews, corrects or removes it
    (`/data/<kode>/angka-tercetak/`, or a workbook row whose `teks` is `hapus`)."""

    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="tercetak_set")
    tahun = models.PositiveSmallIntegerField()
    lokasi = models.CharField(
        "letak di dokumen sumber",
        max_length=200,
        help_text="Letak angka di dokumen lama (bukan di LKIP ini), mis. 'Tabel 3.18 baris 1'.",
    )
    objek = models.CharField(
        max_length=40, help_text="Kode anggaran, kode indikator, atau 'opd' untuk total."
    )
    besaran = models.CharField(max_length=30, choices=Besaran.choices)
    teks = models.CharField("angka seperti tercetak", max_length=100)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "angka rujukan dokumen sumber"
        verbose_name_plural = "angka rujukan dokumen sumber"
        ordering = ["opd", "tahun", "lokasi"]
        constraints = [
            models.UniqueConstraint(
                fields=["opd", "tahun", "lokasi", "objek", "besaran"], name="angka_tercetak_unik"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_besaran_display()} {self.objek} {self.tahun}: {self.teks}"


class PengakuanTemuan(models.Model):
    """A planner's acknowledgement of a data-health warning (peringatan), with the reason.

    It holds for the finding as it was read (`sidik`: rule, record and figures); once the figures
    change the finding reads differently and the acknowledgement no longer applies.
    """

    opd = models.ForeignKey(
        PerangkatDaerah, on_delete=models.CASCADE, related_name="+", null=True, blank=True
    )
    #: the pemda's own LKIP (rpjmd): its warnings are acknowledged by the Admin Pemda
    pemda = models.ForeignKey(
        Pemda, on_delete=models.CASCADE, related_name="+", null=True, blank=True
    )
    tahun = models.PositiveSmallIntegerField()
    kunci = models.CharField("temuan", max_length=200)
    sidik = models.CharField("sidik temuan", max_length=64)
    uraian = models.CharField("temuan yang diakui", max_length=1000)
    alasan = TeksField(max_length=2000)
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    waktu = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "pengakuan peringatan"
        verbose_name_plural = "pengakuan peringatan"
        ordering = ["opd", "tahun", "kunci"]
        constraints = [
            models.UniqueConstraint(fields=["opd", "tahun", "kunci"], name="pengakuan_temuan_unik"),
            models.UniqueConstraint(
                fields=["pemda", "tahun", "kunci"],
                condition=models.Q(opd__isnull=True),
                name="pengakuan_temuan_pemda_unik",
            ),
            models.CheckConstraint(
                condition=models.Q(opd__isnull=True, pemda__isnull=False)
                | models.Q(opd__isnull=False, pemda__isnull=True),
                name="pengakuan_satu_pemilik",
                violation_error_message="Pengakuan milik satu perangkat daerah atau satu pemda.",
            ),
        ]

    def __str__(self) -> str:
        return f"Peringatan diakui {self.tahun}: {self.uraian[:80]}"


class VarianEfisiensi(models.TextChoices):
    V1 = "V1", "V1: capaian − serapan"
    V2 = "V2", "V2: 100 − serapan (sisa anggaran)"
    V3 = "V3", "V3: capaian / serapan × 100"


class StatusLaporan(models.TextChoices):
    DRAF = "draf", "Draf"
    DIAJUKAN = "diajukan", "Diajukan"
    DIREVIU = "direviu", "Direviu"
    DITANDATANGANI = "ditandatangani", "Disetujui dan ditandatangani"


#: While an LKIP has one of these statuses, the data of its year can only be read (see `terkunci`).
STATUS_TERKUNCI = (StatusLaporan.DIAJUKAN, StatusLaporan.DIREVIU, StatusLaporan.DITANDATANGANI)
#: While an LKIP has one of these, the agency's plan (Renstra, tujuan, sasaran, indicators) is
#: read-only too.
STATUS_DALAM_REVIU = (StatusLaporan.DIAJUKAN, StatusLaporan.DIREVIU)


class LaporanQuerySet(models.QuerySet):
    def terkunci(self, opd_id: int) -> dict[int, str]:
        """The years of an agency whose data is locked, each with the refusal message (one query).

        Submitted or under review: what the reviewers read must stay what the Kepala Dinas signs, so
        the data waits until the report is returned for correction. Signed: a change needs a new
        revision, opened with its reason.
        """
        rows = self.filter(opd_id=opd_id, status__in=STATUS_TERKUNCI).values_list("tahun", "status")
        return {tahun: pesan_terkunci(tahun, status) for tahun, status in rows}

    def struktur_terkunci(self, opd_id: int) -> str | None:
        """The refusal message while one of the agency's LKIPs is in review, for its plan's
        records."""
        tahun = (
            self.filter(opd_id=opd_id, status__in=STATUS_DALAM_REVIU)
            .order_by("tahun")
            .values_list("tahun", flat=True)
            .first()
        )
        if tahun is None:
            return None
        return (
            f"LKIP tahun {tahun} sedang dalam pengajuan: Renstra, tujuan, sasaran dan indikator "
            "terkunci sampai LKIP dikembalikan untuk perbaikan."
        )


def pesan_terkunci(tahun: int, status: str) -> str:
    if status == StatusLaporan.DITANDATANGANI:
        return (
            f"LKIP tahun {tahun} sudah disetujui dan ditandatangani: data tahun {tahun} hanya "
            "dapat dibaca. Untuk mengubahnya, buka revisi LKIP dengan alasannya."
        )
    return (
        f"LKIP tahun {tahun} berstatus {StatusLaporan(status).label}: data tahun {tahun} "
        "terkunci sampai LKIP dikembalikan untuk perbaikan."
    )


class LaporanTahunan(models.Model):
    """An LKIP for one year: an agency's, or (with `pemda` instead of `opd`) the pemda's own, the
    Kepala Daerah's; its date, report settings and workflow status."""

    opd = models.ForeignKey(
        PerangkatDaerah,
        on_delete=models.CASCADE,
        related_name="laporan_set",
        null=True,
        blank=True,
    )
    #: the pemda's own LKIP (rpjmd): the same workflow and signing, one level up
    pemda = models.ForeignKey(
        Pemda,
        on_delete=models.CASCADE,
        related_name="laporan_pemda_set",
        null=True,
        blank=True,
    )
    tahun = models.PositiveSmallIntegerField()
    tanggal = models.DateField("tanggal laporan", null=True, blank=True)
    varian_efisiensi = models.CharField(
        "rumus tingkat efisiensi",
        max_length=2,
        choices=VarianEfisiensi.choices,
        default=VarianEfisiensi.V1,
    )
    status = models.CharField(
        max_length=16, choices=StatusLaporan.choices, default=StatusLaporan.DRAF
    )
    # Indexed: the dashboards' data version reads its newest value on every version check.
    status_sejak = models.DateTimeField("status sejak", null=True, blank=True, db_index=True)
    sidik_ajuan = models.CharField(
        "sidik isi saat diajukan",
        max_length=64,
        blank=True,
        help_text=(
            "SHA-256 snapshot LKIP saat diajukan: yang ditandatangani harus sama dengan yang "
            "direviu."
        ),
    )

    objects = LaporanQuerySet.as_manager()

    class Meta:
        verbose_name = "laporan tahunan"
        verbose_name_plural = "laporan tahunan"
        ordering = ["opd", "-tahun"]
        constraints = [
            models.UniqueConstraint(fields=["opd", "tahun"], name="laporan_tahunan_unik"),
            models.UniqueConstraint(
                fields=["pemda", "tahun"],
                condition=models.Q(opd__isnull=True),
                name="laporan_pemda_unik",
            ),
            models.CheckConstraint(
                condition=models.Q(opd__isnull=True, pemda__isnull=False)
                | models.Q(opd__isnull=False, pemda__isnull=True),
                name="laporan_satu_pemilik",
                violation_error_message="LKIP milik satu perangkat daerah atau satu pemda.",
            ),
        ]
        permissions = [
            ("ajukan_laporan", "Dapat mengajukan LKIP untuk persetujuan"),
            ("reviu_laporan", "Dapat mereviu LKIP (komentar, mengembalikan)"),
            ("tandatangani_laporan", "Dapat menyetujui dan menandatangani LKIP"),
        ]

    def __str__(self) -> str:
        return f"LKIP {self.pemilik} {self.tahun}"

    @property
    def adalah_pemda(self) -> bool:
        return self.opd_id is None

    @property
    def pemilik(self) -> PerangkatDaerah | Pemda:
        """Whose LKIP it is: the agency, or the pemda (its own LKIP)."""
        return self.pemda if self.opd_id is None else self.opd


class AksiAlur(models.TextChoices):
    AJUKAN = "ajukan", "Diajukan untuk persetujuan"
    REVIU = "reviu", "Direviu Inspektorat"
    KEMBALIKAN = "kembalikan", "Dikembalikan untuk perbaikan"
    TANDATANGANI = "tandatangani", "Disetujui dan ditandatangani"
    BUKA_REVISI = "buka_revisi", "Revisi dibuka"


class RiwayatStatus(models.Model):
    """One workflow step of an LKIP year: who moved it from which status to which, when and why."""

    laporan = models.ForeignKey(
        LaporanTahunan, on_delete=models.CASCADE, related_name="riwayat_set"
    )
    dari = models.CharField(max_length=16, choices=StatusLaporan.choices)
    ke = models.CharField(max_length=16, choices=StatusLaporan.choices)
    aksi = models.CharField(max_length=40, choices=AksiAlur.choices)
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    waktu = models.DateTimeField(auto_now_add=True)
    alasan = models.TextField(blank=True)

    class Meta:
        verbose_name = "riwayat status laporan"
        verbose_name_plural = "riwayat status laporan"
        ordering = ["laporan", "waktu", "id"]

    def __str__(self) -> str:
        return f"{self.laporan}: {self.dari} → {self.ke}"


class KomentarReviu(models.Model):
    """An Inspektorat review comment, linked to a chapter or table of the report."""

    laporan = models.ForeignKey(
        LaporanTahunan, on_delete=models.CASCADE, related_name="komentar_set"
    )
    acuan = models.CharField(
        "bab atau tabel", max_length=100, help_text="Mis. 'Tabel 3.13' atau 'Bab III'."
    )
    teks = models.TextField()
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    waktu = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "komentar reviu"
        verbose_name_plural = "komentar reviu"
        ordering = ["laporan", "waktu"]

    def __str__(self) -> str:
        return f"{self.acuan}: {self.teks[:40]}"


class DokumenQuerySet(models.QuerySet):
    def ringkas(self) -> "DokumenQuerySet":
        """For lists and the public page: without the PDF bytes, the snapshot and the
        certificate."""
        return self.defer("pdf", "snapshot", "sertifikat").select_related(
            "laporan__opd", "laporan__pemda"
        )


class BerkasTertandatangani(models.Model):
    """A signed PDF, written once, with who signed it and with which certificate: an LKIP's
    revision (an agency's or the pemda's) or an Inspektorat's LHE. A correction is a new
    revision, never an update."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    revisi = models.PositiveSmallIntegerField(default=0)
    pdf = models.BinaryField()
    sha256 = models.CharField(max_length=64, unique=True)
    penandatangan = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    nama_penandatangan = models.CharField(max_length=200)
    jabatan_penandatangan = models.CharField(max_length=200, blank=True)
    sertifikat_subjek = models.CharField(max_length=500)
    sertifikat_penerbit = models.CharField(max_length=500, blank=True)
    sertifikat = models.BinaryField("sertifikat penanda tangan (DER)", default=b"")
    sertifikat_sha256 = models.CharField(max_length=64, blank=True, db_index=True)
    sertifikat_demo = models.BooleanField(default=False)
    ditandatangani = models.DateTimeField()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise ValueError(
                f"{capfirst(self._meta.verbose_name)} tidak dapat diubah; buat revisi baru."
            )
        super().save(*args, **kwargs)


class DokumenTertandatangani(BerkasTertandatangani):
    """One signed revision of an LKIP year: the frozen snapshot, the signed PDF and its hash."""

    laporan = models.ForeignKey(
        LaporanTahunan, on_delete=models.PROTECT, related_name="dokumen_set"
    )
    alasan_revisi = models.TextField(blank=True)
    snapshot = models.JSONField()

    objects = DokumenQuerySet.as_manager()

    class Meta:
        verbose_name = "dokumen LKIP tertandatangani"
        verbose_name_plural = "dokumen LKIP tertandatangani"
        ordering = ["laporan", "revisi"]
        constraints = [
            models.UniqueConstraint(fields=["laporan", "revisi"], name="dokumen_revisi_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.laporan} revisi {self.revisi}"

    @property
    def nama_berkas(self) -> str:
        return f"LKIP-{self.laporan.pemilik.kode}-{self.laporan.tahun}-revisi-{self.revisi}.pdf"

    def revisi_terakhir(self) -> int:
        """The number of the newest signed revision of the same LKIP year (one query)."""
        return DokumenTertandatangani.objects.filter(laporan_id=self.laporan_id).aggregate(
            n=models.Max("revisi")
        )["n"]

    def status_teks(self, revisi_terakhir: int | None = None) -> str:
        """'berlaku', or 'digantikan oleh revisi N' once a newer revision is signed."""
        terakhir = self.revisi_terakhir() if revisi_terakhir is None else revisi_terakhir
        return "berlaku" if terakhir == self.revisi else f"digantikan oleh revisi {terakhir}"


class FormatLaporan(models.TextChoices):
    PDF = "pdf", "PDF"
    XLSX = "xlsx", "XLSX"
    DOCX = "docx", "DOCX"


class StatusRender(models.TextChoices):
    MENUNGGU = "menunggu", "Menunggu giliran"
    BERJALAN = "berjalan", "Sedang disusun"
    SIAP = "siap", "Siap"
    GAGAL = "gagal", "Gagal"


class RenderLaporan(models.Model):
    """One agency-year's LKIP in one format, rendered by the background worker (reports/antrian):
    the published file with the data version it was rendered from, and the render under way.

    A file is published (`berkas`, `versi`) only once it is completely stored; the file it
    replaces is then deleted, so an agency-year holds at most one file per format. A render runs
    under a lease (`sewa_sampai`) its worker renews; a worker that dies lets it lapse and the render
    is taken up again (`percobaan`).
    """

    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="render_set")
    tahun = models.PositiveSmallIntegerField()
    jenis = models.CharField("format", max_length=4, choices=FormatLaporan.choices)
    # the published file
    versi = models.CharField("versi data", max_length=32, blank=True)
    berkas = models.CharField(max_length=300, blank=True)
    selesai = models.DateTimeField(null=True, blank=True)
    detik = models.FloatField("lama penyusunan (detik)", null=True, blank=True)
    # the render asked for and under way
    status = models.CharField(
        max_length=10, choices=StatusRender.choices, default=StatusRender.SIAP
    )
    antre = models.BooleanField("menunggu di antrean", default=False)
    diminta = models.DateTimeField(null=True, blank=True)
    mulai = models.DateTimeField(null=True, blank=True)
    sewa_sampai = models.DateTimeField(null=True, blank=True)
    pekerja = models.CharField(max_length=32, blank=True)
    percobaan = models.PositiveSmallIntegerField(default=0)
    galat = models.TextField(blank=True)
    versi_gagal = models.CharField(max_length=32, blank=True)
    berkas_sementara = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = "dokumen LKIP tersusun"
        verbose_name_plural = "dokumen LKIP tersusun"
        permissions = [("susun_ulang_kota", "Menyusun ulang LKIP semua perangkat daerah pemda")]
        constraints = [
            models.UniqueConstraint(fields=["opd", "tahun", "jenis"], name="render_satu_per_format")
        ]
        indexes = [models.Index(fields=["antre", "diminta"])]

    def __str__(self) -> str:
        return f"{self.opd_id} {self.tahun} {self.jenis}"


class StatusTandaTangan(models.TextChoices):
    MENUNGGU = "menunggu", "Menunggu giliran"
    BERJALAN = "berjalan", "Sedang ditandatangani"
    BERHASIL = "berhasil", "Berhasil"
    GAGAL = "gagal", "Gagal"


class PenandatangananLaporan(models.Model):
    """An approve-and-sign the Kepala Dinas asked for, done by the background worker: one row per
    LKIP (the latest request), with its progress and its result or the reason it failed."""

    laporan = models.OneToOneField(
        LaporanTahunan, on_delete=models.CASCADE, related_name="penandatanganan"
    )
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    alasan_revisi = models.TextField(blank=True)
    status = models.CharField(
        max_length=10, choices=StatusTandaTangan.choices, default=StatusTandaTangan.MENUNGGU
    )
    diminta = models.DateTimeField()
    mulai = models.DateTimeField(null=True, blank=True)
    sewa_sampai = models.DateTimeField(null=True, blank=True)
    selesai = models.DateTimeField(null=True, blank=True)
    percobaan = models.PositiveSmallIntegerField(default=0)
    galat = models.TextField(blank=True)
    revisi = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = "penandatanganan LKIP"
        verbose_name_plural = "penandatanganan LKIP"

    def __str__(self) -> str:
        return f"{self.laporan_id} {self.status}"

    @property
    def sedang(self) -> bool:
        """Waiting for a worker or being signed."""
        return self.status in (StatusTandaTangan.MENUNGGU, StatusTandaTangan.BERJALAN)

    @property
    def berjalan(self) -> bool:
        return self.status == StatusTandaTangan.BERJALAN

    @property
    def gagal(self) -> bool:
        return self.status == StatusTandaTangan.GAGAL

    @property
    def berhasil(self) -> bool:
        return self.status == StatusTandaTangan.BERHASIL


class RenderKota(models.Model):
    """The latest request to render the LKIP of every agency of a pemda for a year again (the
    Admin Pemda's action, `render_kota`): its time is where the progress counts from."""

    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="+")
    tahun = models.PositiveSmallIntegerField()
    diminta = models.DateTimeField()
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "penyusunan ulang LKIP pemda"
        verbose_name_plural = "penyusunan ulang LKIP pemda"
        constraints = [models.UniqueConstraint(fields=["pemda", "tahun"], name="render_kota_satu")]

    def __str__(self) -> str:
        return f"{self.pemda_id} {self.tahun}"
