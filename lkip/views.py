"""Agency-wide screens: the audit trail."""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from lkip.access import get_opd, izin_wajib
from lkip.audit import OPD_PATH, jenis_choices, pengguna_choices, riwayat


class AuditFilter(forms.Form):
    jenis = forms.ChoiceField(label="Jenis data", required=False)
    pengguna = forms.ChoiceField(label="Pengguna", required=False)
    dari = forms.DateField(
        label="Dari tanggal",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Tanggal tidak sah (gunakan format 2024-07-04)."},
    )
    sampai = forms.DateField(
        label="Sampai tanggal",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Tanggal tidak sah (gunakan format 2024-07-04)."},
    )

    def __init__(self, *args, pemda_id: int, jalur: dict[str, str] = OPD_PATH, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["jenis"].choices = [("", "Semua")] + jenis_choices(jalur)
        self.fields["pengguna"].choices = [("", "Semua")] + pengguna_choices(pemda_id)

    def clean(self):
        data = super().clean()
        if data.get("dari") and data.get("sampai") and data["dari"] > data["sampai"]:
            self.add_error("sampai", "Tanggal akhir tidak boleh sebelum tanggal awal.")
        return data


@login_required
@require_safe
@izin_wajib("targets.view_realisasi")
def audit(request: HttpRequest, kode: str) -> HttpResponse:
    """The agency's audit trail, read-only, for anyone who may view its data (Inspektorat too)."""
    opd = get_opd(request.user, kode)
    return halaman_audit(
        request,
        OPD_PATH,
        opd.pk,
        {"opd": opd},
        pemda_id=opd.pemda_id,
        konteks={"opd": opd, "subjek": opd},
    )


def halaman_audit(
    request: HttpRequest,
    jalur: dict[str, str],
    pk: int,
    penugasan: dict,
    *,
    pemda_id: int,
    konteks: dict,
) -> HttpResponse:
    """An owner's audit trail page (an agency's, or the pemda's own: rpjmd): the filter, one page
    of `riwayat`, its navigation."""
    saring = {k: v for k, v in request.GET.items() if k != "halaman"}
    form = AuditFilter(saring or None, pemda_id=pemda_id, jalur=jalur)
    page = None
    if not saring or form.is_valid():
        data = form.cleaned_data if saring else {}
        page = riwayat(
            jalur,
            pk,
            penugasan,
            jenis=data.get("jenis", ""),
            pengguna=data.get("pengguna", ""),
            dari=data.get("dari"),
            sampai=data.get("sampai"),
            halaman=request.GET.get("halaman", 1),
        )
    query = urlencode({k: v for k, v in saring.items() if k in form.fields and v})
    return render(
        request,
        "lkip/audit.html",
        {**konteks, "form": form, "page": page, "entries": page or [], "query": query},
    )
