"""The city at once: the LKIP of every agency of a pemda for a year rendered again through the
queue (`manage.py render_kota`, and the Admin Pemda's page), with its progress: done / total, and
the agencies whose render failed, named with the reason."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from lkip.models import Pemda, PerangkatDaerah
from reports.antrian import render
from reports.models import FormatLaporan, RenderKota, RenderLaporan, StatusRender

#: Behind single agencies' changes: a city's re-render does not make a planner wait.
PRIORITAS = -10


def opd_kota(pemda: Pemda, tahun: int):
    """The pemda's agencies with an LKIP for the year (a Renstra period covers it)."""
    return PerangkatDaerah.objects.filter(
        pemda=pemda, renstra_set__tahun_awal__lte=tahun, renstra_set__tahun_akhir__gte=tahun
    ).distinct()


def susun_ulang(pemda: Pemda, tahun: int, oleh=None) -> int:
    """Queue a render of every agency's LKIP of the year; how many agencies."""
    ids = list(opd_kota(pemda, tahun).values_list("pk", flat=True))
    with transaction.atomic():
        RenderKota.objects.update_or_create(
            pemda=pemda, tahun=tahun, defaults={"diminta": timezone.now(), "oleh": oleh}
        )
        for opd_id in ids:
            render.minta(opd_id, tahun, paksa=True, prioritas=PRIORITAS)
    return len(ids)


@dataclass(frozen=True)
class Kemajuan:
    """Where the pemda's latest re-render stands (PDF of each agency)."""

    total: int
    selesai: int
    gagal: list[tuple[str, str]] = field(default_factory=list)  # (agency, reason)
    diminta: object = None

    @property
    def tuntas(self) -> bool:
        return self.selesai + len(self.gagal) >= self.total

    @property
    def persen(self) -> int:
        return int(100 * (self.selesai + len(self.gagal)) / self.total) if self.total else 100


def kemajuan(pemda: Pemda, tahun: int) -> Kemajuan | None:
    """The progress of the latest re-render of the pemda's year (None if there was none)."""
    request = RenderKota.objects.filter(pemda=pemda, tahun=tahun).first()
    if request is None:
        return None
    render.pulihkan_sewa_habis(opd__pemda=pemda, tahun=tahun)
    agencies = dict(opd_kota(pemda, tahun).values_list("pk", "nama"))
    rows = RenderLaporan.objects.filter(
        opd_id__in=agencies, tahun=tahun, jenis=FormatLaporan.PDF, mulai__gte=request.diminta
    ).exclude(antre=True)
    selesai = rows.filter(status=StatusRender.SIAP).count()
    gagal = sorted(
        (agencies[opd_id], galat)
        for opd_id, galat in rows.filter(status=StatusRender.GAGAL).values_list("opd_id", "galat")
    )
    return Kemajuan(len(agencies), selesai, gagal, request.diminta)
