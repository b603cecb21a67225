"""The data-health findings of an LKIP year as a work list: what blocks submission, the screen
that fixes each, and the acknowledgement of warnings with a reason."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from lkip.access import get_opd, wajib_izin
from reports import workflow
from reports.forms import AkuiTemuanForm
from reports.health import periksa
from reports.health.pengakuan import IZIN_AKUI, StatusTemuan, akui, status_temuan
from reports.models import LaporanTahunan, StatusLaporan


def _laporan(request: HttpRequest, kode: str, tahun: int) -> LaporanTahunan:
    opd = get_opd(request.user, kode)
    lap = workflow.laporan_tahunan(opd, tahun)
    if lap is None:
        raise Http404(f"{opd.nama} tidak memiliki periode Renstra yang memuat tahun {tahun}.")
    return lap


def _halaman(
    request: HttpRequest, lap: LaporanTahunan, form: AkuiTemuanForm | None = None, status: int = 200
) -> HttpResponse:
    daftar = status_temuan(lap.opd, lap.tahun, periksa(lap.opd, lap.tahun))
    kesalahan = [s for s in daftar if s.temuan.adalah_kesalahan]
    terbuka = [s for s in daftar if not s.temuan.adalah_kesalahan and s.pengakuan is None]
    diakui = [s for s in daftar if s.pengakuan is not None]
    boleh_akui = request.user.has_perm(IZIN_AKUI) and lap.status == StatusLaporan.DRAF
    if form is None:
        form = AkuiTemuanForm(prefix="akui", sidik=[s.temuan.sidik for s in terbuka])
    dipilih = set(form["temuan"].value() or []) if form.is_bound else set()
    context = {
        "lap": lap,
        "opd": lap.opd,
        "tahun": lap.tahun,
        "kesalahan": kesalahan,
        "terbuka": [(s, s.temuan.sidik in dipilih) for s in terbuka],
        "diakui": diakui,
        "boleh_akui": boleh_akui,
        "dapat_diajukan": not kesalahan and not terbuka,
        "form": form,
    }
    return render(request, "reports/workflow/temuan.html", context, status=status)


@login_required
@require_safe
def temuan(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    return _halaman(request, _laporan(request, kode, tahun))


@login_required
@require_POST
def akui_temuan(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    lap = _laporan(request, kode, tahun)
    wajib_izin(request.user, IZIN_AKUI)
    current: list[StatusTemuan] = status_temuan(lap.opd, lap.tahun, periksa(lap.opd, lap.tahun))
    sidik = [s.temuan.sidik for s in current if not s.temuan.adalah_kesalahan]
    form = AkuiTemuanForm(request.POST, prefix="akui", sidik=sidik)
    if not form.is_valid():
        return _halaman(request, lap, form)
    try:
        n = akui(
            lap.opd,
            lap.tahun,
            form.cleaned_data["temuan"],
            form.cleaned_data["alasan"],
            request.user,
        )
    except ValidationError as exc:
        errors = exc.message_dict if hasattr(exc, "error_dict") else {None: exc.messages}
        for field, items in errors.items():
            for item in items:
                form.add_error(field if field in form.fields else None, item)
        return _halaman(request, lap, form, status=409)
    messages.success(request, f"{n} peringatan diakui dengan alasan yang Anda tulis.")
    return redirect("reports:temuan", kode=lap.opd.kode, tahun=lap.tahun)
