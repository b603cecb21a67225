"""The pemda's own LKIP in the agency workflow (reports.workflow, reports.signing): its report row,
its findings that block submission, and its signed documents."""

from __future__ import annotations

import dataclasses

from lkip.models import Pemda
from reports.aturan_pemda import AturanPemda
from reports.health import Temuan
from reports.health.pengakuan import StatusTemuan, akui_pemda, status_temuan_pemda
from reports.laporan.struktur import Laporan
from reports.models import DokumenTertandatangani, LaporanTahunan
from rpjmd.laporan import LaporanPemdaTidakDitemukan, build_laporan_pemda, load, periksa_data
from rpjmd.models import Rpjmd

IZIN_AJUKAN = "rpjmd.ajukan_lkip_pemda"
IZIN_REVIU = "rpjmd.reviu_lkip_pemda"
IZIN_TANDATANGANI = "rpjmd.tandatangani_lkip_pemda"


def laporan_tahunan(pemda: Pemda, tahun: int) -> LaporanTahunan | None:
    """The pemda's report row of a year: stored, a fresh unsaved draft, or None outside every
    RPJMD."""
    stored = (
        LaporanTahunan.objects.select_related("pemda")
        .filter(pemda=pemda, opd__isnull=True, tahun=tahun)
        .first()
    )
    if stored is not None:
        return stored
    if not Rpjmd.objects.filter(
        pemda=pemda, tahun_awal__lte=tahun, tahun_akhir__gte=tahun
    ).exists():
        return None
    return LaporanTahunan(pemda=pemda, opd=None, tahun=tahun)


def status(pemda: Pemda, tahun: int) -> list[StatusTemuan]:
    """The year's findings, each with the Admin Pemda's acknowledgement that still applies."""
    return status_temuan_pemda(pemda, tahun, periksa_data(load(pemda.kode, tahun)))


def penghalang(pemda: Pemda, tahun: int) -> list[Temuan]:
    """What blocks submission, as for an agency: every kesalahan and every peringatan the Admin
    Pemda has neither fixed nor acknowledged with a reason."""
    return [s.temuan for s in status(pemda, tahun) if s.menghalangi]


def akui(pemda: Pemda, tahun: int, sidik: list[str], alasan: str, user) -> int:
    """Acknowledge the year's current warnings with a reason (reports.health.pengakuan)."""
    return akui_pemda(
        pemda, tahun, sidik, alasan, user, lambda: periksa_data(load(pemda.kode, tahun))
    )


def bangun_final(kode: str, tahun: int) -> Laporan:
    return dataclasses.replace(build_laporan_pemda(kode, tahun, temuan=False), draf=False)


def dokumen_resmi(pemda: Pemda, tahun: int) -> DokumenTertandatangani | None:
    return (
        DokumenTertandatangani.objects.ringkas()
        .filter(laporan__pemda=pemda, laporan__opd__isnull=True, laporan__tahun=tahun)
        .order_by("-revisi")
        .first()
    )


def periksa(kode: str, tahun: int) -> list[Temuan]:
    return periksa_data(load(kode, tahun))


ATURAN = AturanPemda(
    izin_ajukan=IZIN_AJUKAN,
    izin_reviu=IZIN_REVIU,
    izin_tandatangani=IZIN_TANDATANGANI,
    bangun=bangun_final,
    penghalang=penghalang,
    bangun_draf=build_laporan_pemda,
    periksa=periksa,
    tidak_ditemukan=LaporanPemdaTidakDitemukan,
)
