"""The approval panel of the pemda's own LKIP: the agency's panel and its actions
(reports.views_workflow), given the pemda's `Alur` in rpjmd/urls.py: the Admin Pemda submits, the
Inspektorat reviews, the Kepala Daerah approves and signs (in the background, as a Kepala Dinas)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

from lkip.access import get_pemda, izin_wajib
from reports import views_workflow
from reports.models import LaporanTahunan
from reports.views_workflow import Alur
from rpjmd import workflow as alur_pemda
from rpjmd.laporan import build_laporan_pemda


def _lap(request: HttpRequest, kode: str, tahun: int) -> LaporanTahunan:
    pemda = get_pemda(request.user, kode)
    lap = alur_pemda.laporan_tahunan(pemda, tahun)
    if lap is None:
        raise Http404(f"{pemda.nama} tidak memiliki periode RPJMD yang memuat tahun {tahun}.")
    return lap


ALUR_PEMDA = Alur(
    namespace="rpjmd",
    templat="rpjmd/alur.html",
    laporan_tahunan=_lap,
    pemilik=lambda lap: lap.pemda,
    draf=lambda lap: build_laporan_pemda(lap.pemda.kode, lap.tahun, temuan=False),
    temuan=lambda lap: alur_pemda.status(lap.pemda, lap.tahun),
    izin_ajukan=alur_pemda.IZIN_AJUKAN,
    izin_reviu=alur_pemda.IZIN_REVIU,
    izin_tandatangani=alur_pemda.IZIN_TANDATANGANI,
    pengaju="Admin Pemda",
    penyetuju="Kepala Daerah",
    akibat_ajukan=lambda lap: [
        "Isinya dibekukan sebagai sidik: bila data atau narasi berubah sesudahnya, LKIP harus "
        "dikembalikan dan diajukan ulang sebelum dapat ditandatangani.",
    ],
    pengaku="Admin Pemda",
    izin_akui=alur_pemda.IZIN_AJUKAN,
    akui=lambda lap, sidik, alasan, user: alur_pemda.akui(
        lap.pemda, lap.tahun, sidik, alasan, user
    ),
    konteks=lambda lap: {"opd": None, "pemda": lap.pemda},
)


@login_required
@require_safe
@izin_wajib("rpjmd.view_indikatorpemda")
def alur(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    return views_workflow.alur(request, kode, tahun, jenis=ALUR_PEMDA)
