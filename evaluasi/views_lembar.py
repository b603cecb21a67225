"""The worksheet as master data: the Inspektorat rewords, retypes, (de)activates and adds criteria
of its pemda's worksheet for a year, or starts a new version (a worksheet a final evaluation was
scored with is never changed)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from evaluasi import services
from evaluasi.models import Kriteria, LembarKerja, SubKomponen, TipeJawaban
from evaluasi.services import Ditolak
from lkip.access import izin_wajib


def _pemda(request: HttpRequest):
    penugasan = getattr(request.user, "penugasan", None)
    if penugasan is None:
        raise Http404("Pengguna ini tidak ditugaskan ke pemda mana pun.")
    return penugasan.pemda


def _lembar(request: HttpRequest, tahun: int) -> LembarKerja:
    lembar = services.lembar_berlaku(_pemda(request), tahun)
    if lembar is None:
        raise Http404(f"Belum ada lembar kerja evaluasi {tahun}.")
    return lembar


class KriteriaForm(forms.Form):
    teks = forms.CharField(label="Teks kriteria", widget=forms.Textarea(attrs={"rows": 3}))
    tipe = forms.ChoiceField(label="Jenis jawaban (model rata-rata)", choices=TipeJawaban.choices)
    aktif = forms.BooleanField(label="Aktif (dinilai)", required=False, initial=True)


@login_required
@izin_wajib("evaluasi.change_kriteria")
def lembar_kerja(request: HttpRequest, tahun: int) -> HttpResponse:
    """The pemda's current worksheet of the year: every criterion, with a form each."""
    lembar = _lembar(request, tahun)
    if request.method == "POST":
        try:
            kriteria = Kriteria.objects.filter(
                pk=int(request.POST.get("kriteria", "0") or 0), sub__komponen__lembar=lembar
            ).first()
        except ValueError:
            kriteria = None
        sub = SubKomponen.objects.filter(
            komponen__lembar=lembar, kode=request.POST.get("sub", "")
        ).first()
        form = KriteriaForm(request.POST)
        if (kriteria is None and sub is None) or not form.is_valid():
            pesan = (
                "; ".join(" ".join(e) for e in form.errors.values()) or "kriteria tidak dikenal."
            )
            messages.error(request, f"Tidak ada yang disimpan: {pesan}")
        else:
            d = form.cleaned_data
            try:
                if kriteria:
                    services.ubah_kriteria(
                        kriteria, teks=d["teks"], tipe=d["tipe"], aktif=d["aktif"]
                    )
                    messages.success(request, f"Kriteria {kriteria.kode} disimpan.")
                else:
                    baru = services.tambah_kriteria(sub, teks=d["teks"], tipe=d["tipe"])
                    messages.success(request, f"Kriteria {baru.kode} ditambahkan.")
            except Ditolak as exc:
                messages.error(request, f"Tidak ada yang disimpan: {exc}")
        return redirect("evaluasi:lembar_kerja", tahun=tahun)
    subs = list(SubKomponen.objects.filter(komponen__lembar=lembar).select_related("komponen"))
    kriteria = list(Kriteria.objects.filter(sub__komponen__lembar=lembar))
    return render(
        request,
        "evaluasi/lembar_kerja.html",
        {
            "lembar": lembar,
            "tahun": tahun,
            "terkunci": lembar.terpakai_final,
            "subs": [(s, [k for k in kriteria if k.sub_id == s.pk]) for s in subs],
            "tipe": TipeJawaban.choices,
        },
    )


@login_required
@require_POST
@izin_wajib("evaluasi.add_lembarkerja")
def versi_baru(request: HttpRequest, tahun: int) -> HttpResponse:
    baru = services.salin_lembar(_lembar(request, tahun))
    messages.success(
        request,
        f"Lembar kerja {tahun} versi {baru.versi} dibuat; evaluasi yang dibuka sesudah ini "
        "memakainya.",
    )
    return redirect("evaluasi:lembar_kerja", tahun=tahun)
