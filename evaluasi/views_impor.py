"""The worksheet as a spreadsheet: downloaded filled with what is stored, answered on paper or in
Excel, and uploaded again (evaluasi/impor.py: the layout, the same rules as the screens)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from evaluasi.impor import PENGISI, impor_xlsx, lembar_xlsx
from evaluasi.skor import AKHIR, MANDIRI
from evaluasi.views import LIHAT, _evaluasi, _peran
from lkip.access import izin_wajib
from lkip.uploads import tolak_terlalu_besar, upload_limit
from lkip.xlsx_berkas import BATAS_UKURAN, ImporDitolak, Masalah

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ImporLkeForm(forms.Form):
    berkas = forms.FileField(
        label="Lembar kerja LKE (.xlsx)",
        error_messages={
            "required": "Pilih berkas .xlsx yang akan diimpor.",
            "empty": "Berkas yang dipilih kosong.",
        },
    )


@login_required
@require_safe
@izin_wajib(LIHAT)
def unduh_lembar(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    """The agency's worksheet as xlsx, in the layout the upload reads."""
    evaluasi = _evaluasi(request, kode, tahun)
    response = HttpResponse(lembar_xlsx(evaluasi), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="lke-{kode}-{tahun}.xlsx"'
    return response


def sisi_pengguna(peran: dict) -> frozenset[str]:
    """The sides the user may fill now: the agency's answers, the evaluator's, or none."""
    return frozenset(
        jenis
        for jenis, boleh in ((MANDIRI, peran["bisa_mandiri"]), (AKHIR, peran["bisa_nilai"]))
        if boleh
    )


@login_required
@upload_limit(BATAS_UKURAN)
@izin_wajib(LIHAT)
def impor(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    """Upload the answers of the user's own side, all or nothing."""
    evaluasi = _evaluasi(request, kode, tahun)
    peran = _peran(request, evaluasi)
    sisi = sisi_pengguna(peran)
    if not sisi:
        raise PermissionDenied(
            peran["alasan_mandiri"] or "Tidak ada jawaban yang dapat Anda isi pada tahap ini."
        )
    form = ImporLkeForm()
    masalah: list[Masalah] = []
    status = 200
    if request.method == "POST":
        form = ImporLkeForm(request.POST, request.FILES)
        if tolak_terlalu_besar(request, form, "berkas", "Lembar kerja"):
            status = 413
        elif form.is_valid():
            try:
                hasil = impor_xlsx(form.cleaned_data["berkas"].read(), evaluasi=evaluasi, sisi=sisi)
            except ImporDitolak as exc:
                masalah = exc.masalah
                status = 400
            else:
                ringkas = ", ".join(f"{n} {apa} berubah" for apa, n in hasil.items() if n) or (
                    "tidak ada isian yang berubah"
                )
                messages.success(request, f"Lembar kerja diimpor: {ringkas}.")
                return redirect("evaluasi:lembar", kode=kode, tahun=tahun)
        else:
            status = 400
    return render(
        request,
        "evaluasi/impor.html",
        {
            "opd": evaluasi.opd,
            "evaluasi": evaluasi,
            "form": form,
            "masalah": masalah,
            "pengisi": [PENGISI[j] for j in (MANDIRI, AKHIR) if j in sisi],
            "kolom_sendiri": [k for j in (MANDIRI, AKHIR) if j in sisi for k in _KOLOM[j]],
        },
        status=status,
    )


_KOLOM = {
    MANDIRI: ("jawaban_mandiri", "penjelasan", "kualifikasi_mandiri"),
    AKHIR: ("jawaban_evaluator", "catatan_evaluator", "kualifikasi_evaluator"),
}
