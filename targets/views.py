"""The agency's data home (menu) and its evidence downloads."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from lkip.access import get_opd, izin_wajib
from lkip.crud import LAYAR
from lkip.models import PerangkatDaerah
from targets.models import Realisasi, Renstra


def _tahun_renstra(renstra: Renstra | None, this_year: int) -> int:
    """The Renstra's year nearest to this year (this year without a Renstra)."""
    return min(max(this_year, renstra.tahun_awal), renstra.tahun_akhir) if renstra else this_year


def tahun_bawaan(opd: PerangkatDaerah) -> int:
    """The year an agency's screens open on (the menu's Entri triwulan, Laporan, Persetujuan):
    the latest year up to this one with realisations, else the Renstra's year nearest to today."""
    this_year = timezone.localdate().year
    latest = (
        Realisasi.objects.filter(indikator__opd=opd, tahun__lte=this_year)
        .order_by("-tahun")
        .values_list("tahun", flat=True)
        .first()
    )
    if latest is not None:
        return latest
    renstra = Renstra.objects.filter(opd=opd).order_by("-tahun_awal").first()
    return _tahun_renstra(renstra, this_year)


@login_required
@require_safe
def menu(request: HttpRequest, kode: str) -> HttpResponse:
    """What the user may open of one agency's data: quarterly entry, data screens, reports,
    audit."""
    opd = get_opd(request.user, kode)
    screens = [s for s in LAYAR.values() if request.user.has_perm(s.perm % "view")]
    renstra = Renstra.objects.filter(opd=opd).order_by("-tahun_awal").first()
    this_year = timezone.localdate().year
    tahun = _tahun_renstra(renstra, this_year)
    extra = []
    if request.user.has_perm("targets.change_realisasi"):
        # The workbook lives in the exchange app, above this one: linked by URL name, not imported.
        try:
            extra.append(
                ("Impor/ekspor workbook Excel", reverse("exchange:impor", args=[opd.kode]))
            )
        except NoReverseMatch:
            pass
    years = renstra.tahun_list if renstra else [this_year]
    return render(
        request,
        "targets/menu.html",
        {
            "opd": opd,
            "screens": screens,
            "tahun_entri": tahun,
            "tahun_list": years,
            "tautan_tambahan": extra,
        },
    )


@login_required
@require_safe
@izin_wajib("targets.view_realisasi")
def bukti(request: HttpRequest, kode: str, pk: int) -> HttpResponse:
    """An evidence file, served only to users who may see that agency's realisations."""
    opd = get_opd(request.user, kode)
    realisasi = Realisasi.objects.filter(pk=pk, indikator__opd=opd).first()
    if realisasi is None or not realisasi.bukti:
        raise Http404("Berkas bukti tidak ditemukan.")
    try:
        handle = realisasi.bukti.open("rb")
    except FileNotFoundError as exc:
        raise Http404("Berkas bukti tidak ditemukan.") from exc
    name = realisasi.bukti.name.rsplit("/", 1)[-1]
    return FileResponse(
        handle,
        as_attachment=True,
        filename=f"bukti-{realisasi.indikator.kode}-{realisasi.tahun}-{name}",
    )
