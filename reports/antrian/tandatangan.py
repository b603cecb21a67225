"""Approve-and-sign in the background: the request checks what can be checked at once and queues
the signing; the worker renders the final PDF and signs it (`workflow.setujui_dan_tandatangani`);
the workflow page shows the progress, then the result or the reason it failed (a certificate that
cannot be opened, a wrong passphrase), with 'Coba lagi'.

One row per LKIP (`PenandatangananLaporan`, the latest request). While one waits or runs, asking
again queues nothing; the workflow itself re-checks the status under a row lock, so signing twice
never makes two revisions. A worker that dies lets its lease lapse and the signing is taken up
again (`pulihkan_sewa_habis`), up to LKIP_RENDER_PERCOBAAN attempts.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import transaction
from django.tasks import task
from django.utils import timezone

from reports import workflow
from reports.antrian.sewa import PerpanjangSewa, ambil_lagi_bila_terkunci, sewa
from reports.laporan.batas import RenderTerputus
from reports.models import LaporanTahunan, PenandatangananLaporan, StatusTandaTangan

logger = logging.getLogger("lkip.antrian")

SEDANG = (StatusTandaTangan.MENUNGGU, StatusTandaTangan.BERJALAN)
#: Before renders: the Kepala Dinas waits on the page for it.
PRIORITAS = 10


def minta(lap: LaporanTahunan, user, alasan_revisi: str = "") -> PenandatangananLaporan:
    """Queue the signing of the LKIP by `user` after the immediate checks (AlurDitolak); a signing
    already waiting or running is returned as it is."""
    lap, _revisi, alasan = workflow.prasyarat_tanda_tangan(lap, user, alasan_revisi)
    with transaction.atomic():
        row = PenandatangananLaporan.objects.select_for_update().filter(laporan=lap).first()
        if row is not None and row.status in SEDANG:
            return row
        row = row or PenandatangananLaporan(laporan=lap)
        row.oleh, row.alasan_revisi = user, alasan
        row.status, row.diminta, row.percobaan = StatusTandaTangan.MENUNGGU, timezone.now(), 0
        row.mulai = row.selesai = row.sewa_sampai = row.revisi = None
        row.galat = ""
        row.save()
        tandatangani_laporan.using(queue_name=settings.LKIP_ANTRIAN, priority=PRIORITAS).enqueue(
            row.pk
        )
    return row


def pulihkan_sewa_habis() -> int:
    """Queue again the signings whose worker died (its lease lapsed); how many."""
    lapsed = list(
        PenandatangananLaporan.objects.filter(
            status=StatusTandaTangan.BERJALAN, sewa_sampai__lt=timezone.now()
        ).values_list("pk", flat=True)
    )
    for pk in lapsed:
        logger.warning("Penandatanganan %s: sewa pekerja habis; diantrekan lagi", pk)
        tandatangani_laporan.using(queue_name=settings.LKIP_ANTRIAN, priority=PRIORITAS).enqueue(pk)
    return len(lapsed)


def keadaan(lap: LaporanTahunan) -> PenandatangananLaporan | None:
    """The LKIP's latest signing request for the workflow page (a lapsed one queued again)."""
    row = PenandatangananLaporan.objects.filter(laporan=lap).select_related("oleh").first()
    if (
        row is not None
        and row.status == StatusTandaTangan.BERJALAN
        and row.sewa_sampai
        and row.sewa_sampai < timezone.now()
    ):
        pulihkan_sewa_habis()
    return row


@task()
def tandatangani_laporan(penandatanganan_id: int) -> str:
    """Sign the LKIP as its request says (in the worker)."""
    row = ambil_lagi_bila_terkunci(
        lambda: _ambil(penandatanganan_id), f"Penandatanganan {penandatanganan_id}"
    )
    if row is None:
        return "tidak ada"
    with PerpanjangSewa(PenandatangananLaporan.objects.filter(pk=row.pk, mulai=row.mulai)):
        try:
            dokumen = workflow.setujui_dan_tandatangani(row.laporan, row.oleh, row.alasan_revisi)
        except workflow.AlurDitolak as exc:
            logger.warning("Penandatanganan %s ditolak: %s", row.pk, exc.pesan)
            return _selesai(row, StatusTandaTangan.GAGAL, galat=exc.pesan)
        except RenderTerputus:
            # The worker is being stopped: the lease lapses and the signing is taken up again.
            logger.warning("Penandatanganan %s dihentikan dari luar", row.pk)
            raise
        except Exception:
            logger.exception("Penandatanganan %s gagal", row.pk)
            return _selesai(
                row,
                StatusTandaTangan.GAGAL,
                galat="LKIP belum ditandatangani karena terjadi kesalahan pada server (rinciannya "
                "tercatat di log server untuk admin). Coba lagi; bila terulang, hubungi admin.",
            )
    return _selesai(row, StatusTandaTangan.BERHASIL, revisi=dokumen.revisi)


def _ambil(pk: int) -> PenandatangananLaporan | None:
    now = timezone.now()
    with transaction.atomic():
        row = (
            PenandatangananLaporan.objects.select_for_update(of=("self",))
            .select_related("laporan__opd", "oleh")
            .filter(pk=pk)
            .first()
        )
        if row is None or row.status not in SEDANG:
            return None
        if row.status == StatusTandaTangan.BERJALAN and row.sewa_sampai >= now:
            return None  # another worker signs it now
        row.percobaan += 1
        if row.percobaan > settings.LKIP_RENDER_PERCOBAAN:
            row.status, row.selesai = StatusTandaTangan.GAGAL, now
            row.galat = (
                f"Penandatanganan terhenti {row.percobaan - 1} kali karena pekerja latar berhenti "
                "di tengah jalan. Periksa log server, lalu coba lagi."
            )
            row.save()
            return None
        row.status, row.mulai, row.sewa_sampai = StatusTandaTangan.BERJALAN, now, now + sewa()
        row.save()
    return row


def _selesai(row: PenandatangananLaporan, status: str, **fields) -> str:
    PenandatangananLaporan.objects.filter(pk=row.pk, mulai=row.mulai).update(
        status=status, selesai=timezone.now(), sewa_sampai=None, **fields
    )
    return status
