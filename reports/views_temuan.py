"""The data-health findings of an LKIP year as a work list: what blocks submission, the screen
that fixes each, and the acknowledgement of warnings with a reason. An agency's, or (given the
pemda's `Alur` in rpjmd's URLs) the pemda's own: one code path."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from lkip.access import wajib_izin
from reports.forms import AkuiTemuanForm
from reports.models import LaporanTahunan, StatusLaporan
from reports.views_workflow import ALUR_OPD, Alur


def _halaman(
    request: HttpRequest,
    jenis: Alur,
    lap: LaporanTahunan,
    form: AkuiTemuanForm | None = None,
    status: int = 200,
) -> HttpResponse:
    daftar = jenis.temuan(lap)
    kesalahan = [s for s in daftar if s.temuan.adalah_kesalahan]
    terbuka = [s for s in daftar if not s.temuan.adalah_kesalahan and s.pengakuan is None]
    diakui = [s for s in daftar if s.pengakuan is not None]
    boleh_akui = request.user.has_perm(jenis.izin_akui) and lap.status == StatusLaporan.DRAF
    if form is None:
        form = AkuiTemuanForm(prefix="akui", sidik=[s.temuan.sidik for s in terbuka])
    dipilih = set(form["temuan"].value() or []) if form.is_bound else set()
    u = jenis.url(lap)
    context = {
        **jenis.konteks(lap),
        "u_alur": u["alur"],
        "u_akui": u["akui"],
        "subjek": jenis.pemilik(lap),
        "pengaku": jenis.pengaku,
        "lap": lap,
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
def temuan(request: HttpRequest, kode: str, tahun: int, jenis: Alur = ALUR_OPD) -> HttpResponse:
    return _halaman(request, jenis, jenis.laporan_tahunan(request, kode, tahun))


@login_required
@require_POST
def akui_temuan(
    request: HttpRequest, kode: str, tahun: int, jenis: Alur = ALUR_OPD
) -> HttpResponse:
    lap = jenis.laporan_tahunan(request, kode, tahun)
    wajib_izin(request.user, jenis.izin_akui)
    sidik = [s.temuan.sidik for s in jenis.temuan(lap) if not s.temuan.adalah_kesalahan]
    form = AkuiTemuanForm(request.POST, prefix="akui", sidik=sidik)
    if not form.is_valid():
        return _halaman(request, jenis, lap, form)
    try:
        n = jenis.akui(lap, form.cleaned_data["temuan"], form.cleaned_data["alasan"], request.user)
    except ValidationError as exc:
        errors = exc.message_dict if hasattr(exc, "error_dict") else {None: exc.messages}
        for field, items in errors.items():
            for item in items:
                form.add_error(field if field in form.fields else None, item)
        return _halaman(request, jenis, lap, form, status=409)
    messages.success(request, f"{n} peringatan diakui dengan alasan yang Anda tulis.")
    return redirect(jenis.url(lap)["temuan"])
