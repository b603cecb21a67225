"""The approval workflow of an agency's LKIP year: Draf → Diajukan → (Direviu) → Ditandatangani.

Every service checks the user's permission and agency, runs in one transaction with the report row
locked, and records who, when and why in RiwayatStatus. A refusal raises AlurDitolak with an
Indonesian message (for a refused submission also the data-health errors that block it); nothing
is written then. Code checks permissions, never group names (lkip/roles.py bundles them).
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone

from lkip.access import opd_for_user, pemda_for_user
from lkip.kunci import kunci_opd
from lkip.models import PerangkatDaerah
from reports import signing
from reports.aturan_pemda import aturan_pemda
from reports.health import Temuan
from reports.health.pengakuan import penghalang
from reports.laporan.batas import RenderTerlaluBerat
from reports.models import (
    AksiAlur,
    DokumenTertandatangani,
    KomentarReviu,
    LaporanTahunan,
    RiwayatStatus,
    StatusLaporan,
)
from targets.models import Renstra

IZIN_AJUKAN = "reports.ajukan_laporan"
IZIN_REVIU = "reports.reviu_laporan"
IZIN_TANDATANGANI = "reports.tandatangani_laporan"

SEDANG_DIAJUKAN = (StatusLaporan.DIAJUKAN, StatusLaporan.DIREVIU)


_IZIN_OPD = {
    "izin_ajukan": IZIN_AJUKAN,
    "izin_reviu": IZIN_REVIU,
    "izin_tandatangani": IZIN_TANDATANGANI,
}


def izin(lap: LaporanTahunan, langkah: str) -> str:
    """The permission of a workflow step ('izin_ajukan', 'izin_reviu', 'izin_tandatangani') at
    the report's level."""
    if lap.adalah_pemda:
        return getattr(aturan_pemda(), langkah)
    return _IZIN_OPD[langkah]


def _kepala(lap: LaporanTahunan) -> str:
    return "Kepala Daerah" if lap.adalah_pemda else "Kepala Dinas"


def _penyusun(lap: LaporanTahunan) -> str:
    return "Admin Pemda" if lap.adalah_pemda else "Perencana"


class AlurDitolak(Exception):
    """A workflow step that may not happen; `pesan` says why, `temuan` lists blocking data
    errors."""

    def __init__(self, pesan: str, temuan: tuple[Temuan, ...] | list[Temuan] = ()):
        super().__init__(pesan)
        self.pesan = pesan
        self.temuan = tuple(temuan)


class Tindakan:
    """The workflow actions (and the buttons on the panel)."""

    AJUKAN = "ajukan"
    KOMENTAR = "komentar"
    KEMBALIKAN = "kembalikan"
    TANDATANGANI = "tandatangani"
    BUKA_REVISI = "buka_revisi"


def laporan_tahunan(opd: PerangkatDaerah, tahun: int) -> LaporanTahunan | None:
    """The report row of an agency's year: stored, a fresh unsaved draft, or None outside every
    Renstra."""
    stored = (
        LaporanTahunan.objects.select_related("opd__pemda").filter(opd=opd, tahun=tahun).first()
    )
    if stored is not None:
        return stored
    if not Renstra.objects.filter(opd=opd, tahun_awal__lte=tahun, tahun_akhir__gte=tahun).exists():
        return None
    return LaporanTahunan(opd=opd, tahun=tahun)


def tindakan(user, lap: LaporanTahunan) -> set[str]:
    """The actions this user may take on this report now (the panel shows only these)."""
    if not _boleh_akses(user, lap):
        return set()
    out: set[str] = set()
    if lap.status == StatusLaporan.DRAF and user.has_perm(izin(lap, "izin_ajukan")):
        out.add(Tindakan.AJUKAN)
    if lap.status in SEDANG_DIAJUKAN:
        if user.has_perm(izin(lap, "izin_reviu")):
            out |= {Tindakan.KOMENTAR, Tindakan.KEMBALIKAN}
        if _kepala_sendiri(user, lap):
            out |= {Tindakan.KEMBALIKAN, Tindakan.TANDATANGANI}
    if lap.status == StatusLaporan.DITANDATANGANI and (
        user.has_perm(izin(lap, "izin_ajukan")) or _kepala_sendiri(user, lap)
    ):
        out.add(Tindakan.BUKA_REVISI)
    return out


def langkah_berikut(user, lap: LaporanTahunan) -> str:
    """Where the report stands and who takes the next step, for a user with no action now."""
    nama, kepala, penyusun = lap.pemilik.nama, _kepala(lap), _penyusun(lap)
    if lap.status == StatusLaporan.DRAF:
        if user.has_perm(izin(lap, "izin_tandatangani")):
            return (
                f"LKIP ini masih draf: {penyusun} {nama} belum mengajukannya. Setelah diajukan "
                "(dan direviu Inspektorat bila perlu), tombol Setujui dan tandatangani muncul di "
                f"halaman ini untuk {kepala}."
            )
        if user.has_perm(izin(lap, "izin_reviu")):
            return (
                f"LKIP ini masih draf: {penyusun} {nama} belum mengajukannya. Komentar reviu "
                "dapat diberikan setelah LKIP diajukan."
            )
        return f"LKIP ini masih draf: menunggu {penyusun} {nama} mengajukannya."
    if lap.status in SEDANG_DIAJUKAN:
        if user.has_perm(izin(lap, "izin_tandatangani")) and not _kepala_sendiri(user, lap):
            return (
                f"Hanya {kepala} {nama} sendiri yang dapat menyetujui dan menandatangani LKIP ini."
            )
        return (
            f"LKIP ini {lap.get_status_display().lower()}: menunggu persetujuan dan tanda tangan "
            f"{kepala} {nama} (Inspektorat dapat memberi komentar reviu atau "
            "mengembalikannya untuk perbaikan)."
        )
    return (
        "LKIP ini sudah disetujui dan ditandatangani. Dokumennya dapat diunduh dan diverifikasi "
        f"di bawah; koreksi hanya melalui revisi yang dibuka {penyusun} atau {kepala}."
    )


def ajukan(lap: LaporanTahunan, user, catatan: str = "") -> LaporanTahunan:
    """Perencana submits the draft; refused while the data-health check finds a kesalahan or a
    peringatan nobody acknowledged (`reports.health.pengakuan`).

    One transaction from the check to the status change, holding the agency's write lock
    (`lkip.kunci.kunci_opd`) from before the data is checked and fingerprinted: every write path
    takes the same lock in its lock check, so an edit either committed before (and is part of what
    is submitted) or waits and then finds the year locked. Before, an edit could commit between
    the check and the status change, and the LKIP was only found changed at signing.
    """
    _cek_izin(
        user,
        izin(lap, "izin_ajukan"),
        "Hanya Admin Pemda yang dapat mengajukan LKIP pemda."
        if lap.adalah_pemda
        else "Hanya Perencana perangkat daerah yang dapat mengajukan LKIP.",
    )
    _cek_akses(user, lap)
    with transaction.atomic():
        if lap.adalah_pemda:
            if lap.pk is None:
                lap, _ = LaporanTahunan.objects.get_or_create(
                    pemda=lap.pemda, opd=None, tahun=lap.tahun
                )
        else:
            kunci_opd(lap.opd)
            if lap.pk is None:
                lap, _ = LaporanTahunan.objects.get_or_create(opd=lap.opd, tahun=lap.tahun)
        locked = _kunci(lap)
        if locked.status != StatusLaporan.DRAF:
            raise AlurDitolak(
                f"{_nama(locked)} berstatus {locked.get_status_display()}; hanya draf yang dapat "
                "diajukan."
            )
        blocking = (
            aturan_pemda().penghalang(locked.pemda, locked.tahun)
            if locked.adalah_pemda
            else [s.temuan for s in penghalang(locked.opd, locked.tahun)]
        )
        if blocking:
            raise AlurDitolak(pesan_penghalang(blocking), blocking)
        # What the reviewers and the Kepala Dinas will see, read under the lock.
        locked.sidik_ajuan = signing.sidik(signing.bekukan(locked))
        locked.save(update_fields=["sidik_ajuan"])
        _pindah(locked, StatusLaporan.DIAJUKAN, user, AksiAlur.AJUKAN, catatan)
    return locked


def pesan_penghalang(blocking: list[Temuan]) -> str:
    """Why a submission is refused, in the words of the findings screen."""
    kesalahan = sum(1 for t in blocking if t.adalah_kesalahan)
    peringatan = len(blocking) - kesalahan
    parts = []
    if kesalahan:
        parts.append(f"{kesalahan} kesalahan harus diperbaiki")
    if peringatan:
        parts.append(f"{peringatan} peringatan belum ditinjau (perbaiki, atau akui dengan alasan)")
    return (
        "LKIP belum dapat diajukan: pemeriksaan kesehatan data menemukan "
        + " dan ".join(parts)
        + ". Tindak lanjuti di halaman Temuan pemeriksaan data, lalu ajukan kembali."
    )


def beri_komentar(lap: LaporanTahunan, user, acuan: str, teks: str) -> KomentarReviu:
    """Inspektorat comments on a chapter or table; the first comment marks the report as
    reviewed."""
    _cek_izin(user, izin(lap, "izin_reviu"), "Hanya Inspektorat yang dapat memberi komentar reviu.")
    _cek_akses(user, lap)
    acuan, teks = (acuan or "").strip(), (teks or "").strip()
    if not acuan:
        raise AlurDitolak("Bab atau tabel yang dikomentari wajib dipilih.")
    if not teks:
        raise AlurDitolak("Isi komentar reviu wajib diisi.")
    with transaction.atomic():
        locked = _kunci_tersimpan(lap)
        if locked.status not in SEDANG_DIAJUKAN:
            raise AlurDitolak(
                "Komentar reviu hanya dapat diberikan pada LKIP yang sedang diajukan "
                f"(status sekarang: {locked.get_status_display()})."
            )
        komentar = KomentarReviu.objects.create(
            laporan=locked, acuan=acuan[:100], teks=teks, oleh=user
        )
        if locked.status == StatusLaporan.DIAJUKAN:
            _pindah(
                locked, StatusLaporan.DIREVIU, user, AksiAlur.REVIU, f"Komentar pada {acuan[:100]}."
            )
    return komentar


def kembalikan(lap: LaporanTahunan, user, alasan: str) -> LaporanTahunan:
    """Inspektorat or the agency's Kepala Dinas returns a submitted report to draft, with a
    reason."""
    if not (
        user.has_perm(izin(lap, "izin_reviu")) or user.has_perm(izin(lap, "izin_tandatangani"))
    ):
        raise AlurDitolak(
            f"Hanya Inspektorat atau {_kepala(lap)} yang dapat mengembalikan LKIP untuk perbaikan."
        )
    if user.has_perm(izin(lap, "izin_reviu")):
        _cek_akses(user, lap)
    else:
        _cek_kepala_sendiri(user, lap)
    alasan = (alasan or "").strip()
    if not alasan:
        raise AlurDitolak("Alasan pengembalian wajib diisi.")
    with transaction.atomic():
        locked = _kunci_tersimpan(lap)
        if locked.status not in SEDANG_DIAJUKAN:
            raise AlurDitolak(
                "Hanya LKIP yang sedang diajukan yang dapat dikembalikan "
                f"(status sekarang: {locked.get_status_display()})."
            )
        _pindah(locked, StatusLaporan.DRAF, user, AksiAlur.KEMBALIKAN, alasan)
    return locked


def buka_revisi(lap: LaporanTahunan, user, alasan: str) -> LaporanTahunan:
    """A signed report goes back to draft for a correction; it is signed again as the next
    revision."""
    if not (
        user.has_perm(izin(lap, "izin_ajukan")) or user.has_perm(izin(lap, "izin_tandatangani"))
    ):
        raise AlurDitolak(
            f"Hanya {_penyusun(lap)} atau {_kepala(lap)} yang dapat membuka revisi LKIP."
        )
    if user.has_perm(izin(lap, "izin_ajukan")):
        _cek_akses(user, lap)
    else:
        _cek_kepala_sendiri(user, lap)
    alasan = (alasan or "").strip()
    if not alasan:
        raise AlurDitolak("Alasan revisi wajib diisi.")
    with transaction.atomic():
        locked = _kunci_tersimpan(lap)
        if locked.status != StatusLaporan.DITANDATANGANI:
            raise AlurDitolak(
                "Revisi hanya dapat dibuka untuk LKIP yang sudah ditandatangani "
                f"(status sekarang: {locked.get_status_display()})."
            )
        _pindah(locked, StatusLaporan.DRAF, user, AksiAlur.BUKA_REVISI, alasan)
    return locked


def alasan_revisi_terbuka(lap: LaporanTahunan) -> str:
    """The reason given when the current revision was opened ('' if none is open)."""
    if lap.pk is None:
        return ""
    last = (
        lap.riwayat_set.filter(aksi__in=[AksiAlur.BUKA_REVISI, AksiAlur.TANDATANGANI])
        .order_by("-waktu", "-id")
        .first()
    )
    return last.alasan if last and last.aksi == AksiAlur.BUKA_REVISI else ""


def prasyarat_tanda_tangan(
    lap: LaporanTahunan, user, alasan_revisi: str = ""
) -> tuple[LaporanTahunan, int, str]:
    """What approve-and-sign checks before any slow work (AlurDitolak otherwise): the permission,
    the agency's own Kepala Dinas, a submitted LKIP, the reason of a revision. The LKIP read
    again, the revision it becomes, and its reason."""
    _cek_izin(
        user,
        izin(lap, "izin_tandatangani"),
        f"Hanya {_kepala(lap)} yang dapat menyetujui dan menandatangani LKIP.",
    )
    _cek_kepala_sendiri(user, lap)
    if lap.pk is None:
        raise AlurDitolak(
            f"{_nama(lap)} belum diajukan; hanya LKIP yang telah diajukan yang dapat "
            "ditandatangani."
        )
    lap = LaporanTahunan.objects.select_related("opd__pemda", "pemda").get(pk=lap.pk)
    _cek_bisa_ditandatangani(lap)
    revisi = lap.dokumen_set.count()
    alasan = (alasan_revisi or "").strip() or (alasan_revisi_terbuka(lap) if revisi else "")
    if revisi and not alasan:
        raise AlurDitolak(
            f"Alasan revisi wajib diisi: {_nama(lap)} sudah pernah ditandatangani, "
            f"penandatanganan ini menjadi revisi {revisi}."
        )
    return lap, revisi, alasan


def setujui_dan_tandatangani(
    lap: LaporanTahunan, user, alasan_revisi: str = ""
) -> DokumenTertandatangani:
    """The agency's own Kepala Dinas approves and signs: snapshot, final PDF, PAdES signature,
    stored (in the background worker: reports/antrian/tandatangan.py).

    The slow part (render and sign) runs before the transaction; the transaction re-checks the
    status under a row lock, so two clicks cannot produce two signatures of the same revision.
    """
    lap, revisi, alasan = prasyarat_tanda_tangan(lap, user, alasan_revisi)
    try:
        sertifikat = signing.muat_sertifikat()
    except signing.SertifikatBermasalah as exc:
        raise AlurDitolak(str(exc)) from exc
    laporan = signing.bekukan(lap)
    if lap.sidik_ajuan and signing.sidik(laporan) != lap.sidik_ajuan:
        raise AlurDitolak(
            f"Data atau narasi {_nama(lap)} berubah setelah diajukan, sehingga isinya tidak lagi "
            f"sama dengan yang diajukan dan direviu. Kembalikan ke {_penyusun(lap)}, lalu ajukan "
            "ulang "
            "sebelum ditandatangani."
        )
    try:
        dokumen = signing.buat_dokumen(lap, user, sertifikat, revisi, alasan, laporan)
    except RenderTerlaluBerat as exc:  # past the PDF render's time or memory limit
        raise AlurDitolak(f"{_nama(lap)} belum ditandatangani. {exc.pesan}") from exc
    try:
        with transaction.atomic():
            locked = _kunci(lap)
            _cek_bisa_ditandatangani(locked)
            if locked.dokumen_set.count() != revisi:
                raise AlurDitolak(f"{_nama(locked)} baru saja ditandatangani oleh pengguna lain.")
            dokumen.laporan = locked
            dokumen.save(force_insert=True)
            if locked.tanggal is None:
                locked.tanggal = timezone.localdate(dokumen.ditandatangani)
                locked.save(update_fields=["tanggal"])
            _pindah(
                locked,
                StatusLaporan.DITANDATANGANI,
                user,
                AksiAlur.TANDATANGANI,
                f"Revisi {revisi}: {alasan}" if revisi else "",
            )
    except IntegrityError as exc:
        raise AlurDitolak(f"{_nama(lap)} revisi {revisi} sudah ditandatangani.") from exc
    return dokumen


# --- checks and the one place a status changes -----------------------------------------------


def _nama(lap: LaporanTahunan) -> str:
    return f"LKIP {lap.pemilik.nama} tahun {lap.tahun}"


def _cek_izin(user, izin: str, pesan: str) -> None:
    if not user.is_authenticated or not user.has_perm(izin):
        raise AlurDitolak(pesan)


def _cek_opd(user, opd: PerangkatDaerah) -> None:
    if not opd_for_user(user).filter(pk=opd.pk).exists():
        raise AlurDitolak(f"Akun Anda tidak ditugaskan pada {opd.nama}.")


def _boleh_akses(user, lap: LaporanTahunan) -> bool:
    if lap.adalah_pemda:
        return pemda_for_user(user).filter(pk=lap.pemda_id).exists()
    return opd_for_user(user).filter(pk=lap.opd_id).exists()


def _cek_akses(user, lap: LaporanTahunan) -> None:
    if lap.adalah_pemda:
        if not _boleh_akses(user, lap):
            raise AlurDitolak(f"Akun Anda tidak ditugaskan pada {lap.pemda.nama}.")
        return
    _cek_opd(user, lap.opd)


def _kepala_sendiri(user, lap: LaporanTahunan) -> bool:
    penugasan = getattr(user, "penugasan", None)
    if not (user.has_perm(izin(lap, "izin_tandatangani")) and penugasan):
        return False
    if lap.adalah_pemda:
        return penugasan.opd_id is None and penugasan.pemda_id == lap.pemda_id
    return penugasan.opd_id == lap.opd_id


def _cek_kepala_sendiri(user, lap: LaporanTahunan) -> None:
    """Approving and signing is for the Kepala Dinas of that same agency only (not pemda-wide
    accounts); the pemda's own LKIP for its Kepala Daerah only."""
    if not _kepala_sendiri(user, lap):
        if lap.adalah_pemda:
            raise AlurDitolak(
                f"Hanya Kepala Daerah {lap.pemda.nama} sendiri yang dapat menyetujui dan "
                "menandatangani LKIP pemda; akun Anda tidak ditugaskan sebagai kepala daerah "
                "pemda ini."
            )
        raise AlurDitolak(
            f"Hanya Kepala Dinas {lap.opd.nama} sendiri yang dapat menyetujui dan menandatangani "
            "LKIP-nya; akun Anda tidak ditugaskan sebagai kepala perangkat daerah ini."
        )


def _cek_bisa_ditandatangani(lap: LaporanTahunan) -> None:
    if lap.status in SEDANG_DIAJUKAN:
        return
    if lap.status == StatusLaporan.DITANDATANGANI:
        terakhir = lap.dokumen_set.order_by("-revisi").values_list("revisi", flat=True).first()
        raise AlurDitolak(
            f"{_nama(lap)} sudah ditandatangani (revisi {terakhir}). Penandatanganan ulang hanya "
            "melalui revisi baru: buka revisi dengan alasannya, ajukan kembali, lalu tandatangani."
        )
    raise AlurDitolak(
        f"{_nama(lap)} belum diajukan untuk persetujuan (status: {lap.get_status_display()}); "
        "hanya LKIP yang telah diajukan yang dapat disetujui dan ditandatangani."
    )


def _kunci(lap: LaporanTahunan) -> LaporanTahunan:
    return (
        LaporanTahunan.objects.select_for_update(of=("self",))
        .select_related("opd", "pemda")
        .get(pk=lap.pk)
    )


def _kunci_tersimpan(lap: LaporanTahunan) -> LaporanTahunan:
    if lap.pk is None:
        raise AlurDitolak(f"{_nama(lap)} belum diajukan (status: Draf).")
    return _kunci(lap)


def _pindah(lap: LaporanTahunan, ke: str, user, aksi: str, alasan: str) -> None:
    RiwayatStatus.objects.create(
        laporan=lap, dari=lap.status, ke=ke, aksi=aksi, oleh=user, alasan=alasan
    )
    lap.status, lap.status_sejak = ke, timezone.now()
    lap.save(update_fields=["status", "status_sejak"])
