"""The data-health findings of the pemda's own LKIP as a work list: the agency's page and its
acknowledgement (reports.views_temuan), given the pemda's `Alur`; the Admin Pemda acknowledges."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

from lkip.access import izin_wajib
from reports import views_temuan
from rpjmd.views_alur import ALUR_PEMDA


@login_required
@require_safe
@izin_wajib("rpjmd.view_indikatorpemda")
def temuan(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    return views_temuan.temuan(request, kode, tahun, jenis=ALUR_PEMDA)
