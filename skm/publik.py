"""The public questionnaire at /s/<token>/: no login, no JavaScript, a page per unit and period."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from skm import penjaga
from skm.forms import JawabanForm
from skm.models import PengaturanSurvei, TautanSurvei
from skm.services import simpan_jawaban
from skm.unsur import daftar_pertanyaan


def _tautan(token: str) -> TautanSurvei:
    return get_object_or_404(
        TautanSurvei.objects.select_related("unit_layanan__opd", "periode"), token=token
    )


def _halaman(request, tautan, template: str, context: dict | None = None, status: int = 200):
    context = {"tautan": tautan, "opd": tautan.unit_layanan.opd, **(context or {})}
    return render(request, f"skm/{template}", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
def formulir(request: HttpRequest, token: str) -> HttpResponse:
    tautan = _tautan(token)
    if not (tautan.periode.terbuka and tautan.unit_layanan.aktif):
        return _halaman(request, tautan, "publik_tutup.html", status=410)
    if penjaga.sudah_mengisi(request, tautan):
        return _halaman(request, tautan, "publik_sudah.html", status=409 if request.POST else 200)
    opd = tautan.unit_layanan.opd
    kwargs = {
        "pertanyaan": daftar_pertanyaan(opd),
        "pengaturan": PengaturanSurvei.objects.filter(opd=opd).first(),
    }
    pesan, status = "", 200
    if request.method == "POST":
        form = JawabanForm(request.POST, **kwargs)
        hasil = penjaga.periksa(request, tautan)
        if hasil.tolak:
            pesan, status = hasil.tolak.pesan, hasil.tolak.status
            form.is_valid()  # show the answers' own errors too
        elif form.is_valid():
            simpan_jawaban(tautan, form.cleaned_data, hasil.curiga)
            response = redirect("skm_publik:terima_kasih", token=tautan.token)
            penjaga.tandai_perangkat(response, tautan)
            return response
        else:
            pesan, status = "Masih ada pertanyaan yang belum dijawab; lihat tanda di bawah.", 400
    else:
        form = JawabanForm(initial={"mulai": penjaga.cap_mulai(tautan)}, **kwargs)
    return _halaman(request, tautan, "publik.html", {"form": form, "pesan": pesan}, status)


@require_http_methods(["GET", "HEAD"])
def terima_kasih(request: HttpRequest, token: str) -> HttpResponse:
    return _halaman(request, _tautan(token), "publik_terima_kasih.html")
