"""The audit trail of the pemda's own data: its RPJMD and what hangs on it, its budget per agency,
pembiayaan, the cascading links, its acknowledged findings, its agencies and assignments, and the
accounts of its pemda-level people; read-only, as an agency's (lkip.views.halaman_audit)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

from lkip.access import get_pemda, izin_wajib
from lkip.views import halaman_audit

#: model → lookup from its historical row to the pemda
PEMDA_PATH = {
    "rpjmd.Rpjmd": "pemda",
    "rpjmd.TujuanPemda": "rpjmd__pemda",
    "rpjmd.SasaranPemda": "rpjmd__pemda",
    "rpjmd.IndikatorPemda": "rpjmd__pemda",
    "rpjmd.TargetPemda": "indikator__rpjmd__pemda",
    "rpjmd.RealisasiPemda": "indikator__rpjmd__pemda",
    "rpjmd.AnggaranPerangkatDaerah": "pemda",
    "rpjmd.Pembiayaan": "pemda",
    "rpjmd.TautanSasaran": "sasaran__rpjmd__pemda",
    "reports.PengakuanTemuan": "pemda",
    "lkip.PerangkatDaerah": "pemda",
    "lkip.Penugasan": "pemda",
}


@login_required
@require_safe
@izin_wajib("rpjmd.view_indikatorpemda")
def audit(request: HttpRequest, kode: str) -> HttpResponse:
    pemda = get_pemda(request.user, kode)
    return halaman_audit(
        request,
        PEMDA_PATH,
        pemda.pk,
        {"pemda": pemda, "opd__isnull": True},
        pemda_id=pemda.pk,
        konteks={"pemda": pemda, "subjek": pemda, "opd": None},
    )
