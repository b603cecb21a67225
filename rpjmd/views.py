"""The pemda's own screens: its home (RPJMD, years, the work to do) and its LKIP in the browser,
as PDF, XLSX and DOCX. Scoped by lkip.access.get_pemda (pemda-level accounts of that pemda)."""

from __future__ import annotations

import hashlib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import ProtectedError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.text import capfirst
from django.views.decorators.http import require_http_methods, require_safe

from lkip import penyimpanan
from lkip.access import get_pemda, izin_wajib, wajib_izin
from lkip.crud import ikut_terhapus
from lkip.konfirmasi import dikonfirmasi, minta_konfirmasi
from lkip.models import Pemda
from reports.laporan import render_docx, render_html, render_pdf, render_xlsx
from reports.laporan.batas import TANPA_PDF
from reports.laporan.struktur import Laporan
from rpjmd.laporan import LaporanPemdaTidakDitemukan, build_laporan_pemda
from rpjmd.models import AnggaranPerangkatDaerah, IndikatorPemda, Rpjmd, TautanSasaran
from rpjmd.screens import LAYAR, alasan_terkunci, tahun_terkunci

IZIN_BACA = "rpjmd.view_indikatorpemda"


@login_required
@require_safe
@izin_wajib(IZIN_BACA)
def beranda(request: HttpRequest, kode: str) -> HttpResponse:
    pemda = get_pemda(request.user, kode)
    rpjmd = Rpjmd.objects.filter(pemda=pemda).order_by("-tahun_awal").first()
    ctx = {
        "pemda": pemda,
        "rpjmd": rpjmd,
        "tahun_list": list(reversed(rpjmd.tahun_list)) if rpjmd else [],
        "jumlah_iku": IndikatorPemda.objects.filter(rpjmd=rpjmd).count() if rpjmd else 0,
        "jumlah_tautan": TautanSasaran.objects.filter(sasaran__rpjmd=rpjmd).count() if rpjmd else 0,
        "jumlah_anggaran": AnggaranPerangkatDaerah.objects.filter(pemda=pemda).count(),
        "layar": [(slug, layar.judul) for slug, layar in LAYAR.items()],
    }
    return render(request, "rpjmd/beranda.html", ctx)


def _laporan(pemda: Pemda, tahun: int, *, temuan: bool = True) -> Laporan:
    try:
        return build_laporan_pemda(pemda.kode, tahun, temuan=temuan)
    except LaporanPemdaTidakDitemukan as exc:
        raise Http404(str(exc)) from exc


@login_required
@require_safe
@izin_wajib(IZIN_BACA)
def laporan_html(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    from rpjmd.workflow import dokumen_resmi

    pemda = get_pemda(request.user, kode)
    html = render_html(_laporan(pemda, tahun), toolbar=True, resmi=dokumen_resmi(pemda, tahun))
    menu = render_to_string("_menu.html", request=request) + render_to_string(
        "rpjmd/_remah_laporan.html", {"pemda": pemda, "tahun": tahun}
    )
    return HttpResponse(html.replace("<!--menu-->", menu, 1))


def pdf_tersimpan(laporan: Laporan) -> bytes:
    """The PDF of this exact content from the file storage, rendered once per content."""
    nama = (
        "cache/pdf/pemda-"
        + hashlib.sha256(render_html(laporan, font_base="").encode()).hexdigest()
        + ".pdf"
    )
    pdf = penyimpanan.baca(nama)
    if pdf is None:
        pdf = render_pdf(laporan)
        try:
            penyimpanan.simpan_sekali(nama, pdf)
        except penyimpanan.BerkasSudahAda:
            pass
    return pdf


@login_required
@require_safe
@izin_wajib(IZIN_BACA)
def laporan_pdf(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    pemda = get_pemda(request.user, kode)
    try:
        pdf = pdf_tersimpan(_laporan(pemda, tahun))
    except TANPA_PDF as exc:
        context = {"pemda_kode": pemda.kode, "tahun": tahun, "pesan": exc.pesan}
        return render(request, "rpjmd/pdf_gagal.html", context, status=503)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="LKIP-{pemda.kode}-{tahun}.pdf"'
    return response


@login_required
@require_safe
@izin_wajib(IZIN_BACA)
def laporan_xlsx(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    pemda = get_pemda(request.user, kode)
    response = HttpResponse(
        render_xlsx(_laporan(pemda, tahun)),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="LKIP-{pemda.kode}-{tahun}.xlsx"'
    return response


@login_required
@require_safe
@izin_wajib(IZIN_BACA)
def laporan_docx(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    pemda = get_pemda(request.user, kode)
    response = HttpResponse(
        render_docx(_laporan(pemda, tahun)),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="LKIP-{pemda.kode}-{tahun}-draf.docx"'
    return response


# --- The pemda-level data screens (rpjmd.screens) -------------------------------------------


def _layar(slug: str):
    if slug not in LAYAR:
        raise Http404("Daftar data tidak ditemukan.")
    return LAYAR[slug]


@login_required
@require_safe
@izin_wajib(IZIN_BACA)
def daftar(request: HttpRequest, kode: str, layar: str) -> HttpResponse:
    screen = _layar(layar)
    wajib_izin(request.user, screen.app_model.replace(".", ".view_"))
    pemda = get_pemda(request.user, kode)
    terkunci = tahun_terkunci(pemda)
    kelas = [screen.kelas(label) for label, _fn in screen.kolom]
    rows = [
        (
            obj,
            list(zip([fn(obj) for _label, fn in screen.kolom], kelas, strict=True)),
            _kunci_baris(screen, obj, terkunci),
        )
        for obj in screen.queryset(pemda)
    ]
    bisa_ubah = request.user.has_perm(screen.app_model.replace(".", ".change_"))
    bisa_hapus = request.user.has_perm(screen.app_model.replace(".", ".delete_"))
    return render(
        request,
        "rpjmd/daftar.html",
        {
            "pemda": pemda,
            "layar": screen,
            "kepala": list(zip([label for label, _fn in screen.kolom], kelas, strict=True)),
            "rows": rows,
            "bisa_ubah": bisa_ubah,
            "bisa_hapus": bisa_hapus,
            "terkunci": list(terkunci.values()) if bisa_ubah or bisa_hapus else [],
        },
    )


def _kunci_baris(screen, obj, terkunci: dict[int, str]) -> tuple[bool, bool]:
    """(read-only, not deletable) for a row: a record of a locked year is neither changed nor
    deleted; one without a year (the plan) is changed, but not deleted while any year is locked
    (the rule of `ubah` and `hapus` below)."""
    tahun = screen.tahun(obj)
    if tahun is None:
        return False, bool(terkunci)
    return tahun in terkunci, tahun in terkunci


@login_required
def ubah(request: HttpRequest, kode: str, layar: str, pk: int | None = None) -> HttpResponse:
    screen = _layar(layar)
    aksi = "change" if pk else "add"
    wajib_izin(request.user, screen.app_model.replace(".", f".{aksi}_"))
    pemda = get_pemda(request.user, kode)
    obj = get_object_or_404(screen.queryset(pemda), pk=pk) if pk else None
    form = screen.form(request.POST or None, instance=obj, pemda=pemda)
    hanya_baca = alasan_terkunci(pemda, screen.tahun(obj)) if obj and screen.tahun(obj) else ""
    for field in form.fields.values() if hanya_baca else ():
        field.disabled = True  # shown, not sent: the year's LKIP is submitted or signed
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            terkunci = (
                alasan_terkunci(pemda, screen.tahun(form.instance))
                if screen.tahun(form.instance) is not None
                else ""
            )
            if not terkunci:
                form.save()
        if terkunci:
            # on the year's field when the form has one (a new record of a locked year)
            form.add_error("tahun" if "tahun" in form.fields and not hanya_baca else None, terkunci)
        else:
            messages.success(request, f"{screen.judul}: {form.instance} tersimpan.")
            return redirect("rpjmd:daftar", kode=pemda.kode, layar=screen.slug)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "rpjmd/form.html",
        {
            "pemda": pemda,
            "layar": screen,
            "form": form,
            "obj": obj,
            "hanya_baca": hanya_baca,
            "bisa_hapus": request.user.has_perm(screen.app_model.replace(".", ".delete_"))
            and not hanya_baca,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def hapus(request: HttpRequest, kode: str, layar: str, pk: int) -> HttpResponse:
    """Delete a pemda-level record (Admin Pemda), after a confirmation page naming what goes with
    it (GET, or a POST without `konfirmasi`, deletes nothing); refused while the year's pemda LKIP
    (for a record without a year: any of its LKIP) is submitted or signed."""
    screen = _layar(layar)
    wajib_izin(request.user, screen.app_model.replace(".", ".delete_"))
    pemda = get_pemda(request.user, kode)
    obj = get_object_or_404(screen.queryset(pemda), pk=pk)
    daftar_url = reverse("rpjmd:daftar", args=[pemda.kode, screen.slug])
    nama = screen.nama
    if not dikonfirmasi(request):
        ikut, dipakai = ikut_terhapus(obj)
        terhalang = [t for t in [alasan_terkunci(pemda, screen.tahun(obj))] if t]
        if dipakai:
            terhalang.append("Masih dipakai oleh " + "; ".join(dipakai) + ".")
        return minta_konfirmasi(
            request,
            judul=f"Hapus {nama} \u201c{obj}\u201d?",
            pertanyaan=(
                f"{capfirst(nama)} \u201c{obj}\u201d akan dihapus"
                + (" beserta:" if ikut else ".")
                + " Penghapusan tidak dapat dibatalkan; jejak audit tetap menyimpan nilai lamanya."
            ),
            akibat=ikut,
            terhalang=terhalang,
            tombol="Ya, hapus",
            batal=daftar_url,
        )
    try:
        with transaction.atomic():
            terkunci = alasan_terkunci(pemda, screen.tahun(obj))
            if not terkunci:
                obj.delete()
    except ProtectedError:
        messages.error(
            request, f"\u201c{obj}\u201d tidak dapat dihapus karena masih dipakai oleh data lain."
        )
    else:
        if terkunci:
            messages.error(request, f"\u201c{obj}\u201d tidak dihapus. {terkunci}")
        else:
            messages.success(request, f"\u201c{obj}\u201d dihapus.")
    return redirect(daftar_url)
