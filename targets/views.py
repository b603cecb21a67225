"""The agency's data home (menu) and its evidence downloads."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required, permission_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from lkip.access import get_opd
from lkip.crud import LAYAR
from targets.models import Realisasi, Renstra


@login_required
@require_safe
def menu(request: HttpRequest, kode: str) -> HttpResponse:
    """What the user may open of one agency's data: quarterly entry, data screens, reports,
    audit."""
    opd = get_opd(request.user, kode)
    screens = [s for s in LAYAR.values() if request.user.has_perm(s.perm % "view")]
    renstra = Renstra.objects.filter(opd=opd).order_by("-tahun_awal").first()
    this_year = timezone.localdate().year
    tahun = min(max(this_year, renstra.tahun_awal), renstra.tahun_akhir) if renstra else this_year
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
@permission_required("targets.view_realisasi", raise_exception=True)
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
