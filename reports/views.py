"""Report screens: the LKIP in the browser and its PDF, XLSX and DOCX downloads."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from lkip import penyimpanan
from lkip.access import get_opd, opd_for_user
from lkip.kunci import tahun_terkunci_error
from lkip.models import PerangkatDaerah
from reports.dashboard.versi import dari_cache, versi_data
from reports.forms import NarasiForm
from reports.laporan import (
    LaporanTidakDitemukan,
    build_laporan,
    render_docx,
    render_html,
    render_pdf,
    render_xlsx,
)
from reports.laporan.batas import RenderTerlaluBerat
from reports.laporan.struktur import Laporan
from reports.models import BagianNarasi, DokumenTertandatangani, LaporanTahunan, NarasiLaporan
from targets.models import Renstra


@login_required
@require_safe
def beranda(request: HttpRequest) -> HttpResponse:
    agencies = list(opd_for_user(request.user).order_by("pemda__nama", "nama"))
    renstra = Renstra.objects.filter(opd__in=agencies).order_by("opd_id", "tahun_awal")
    years: dict[int, list[int]] = {}
    for r in renstra:
        years.setdefault(r.opd_id, []).extend(r.tahun_list)
    rows = [(opd, sorted(set(years.get(opd.pk, [])), reverse=True)) for opd in agencies]
    return render(request, "reports/beranda.html", {"rows": rows})


def _laporan(opd: PerangkatDaerah, tahun: int) -> Laporan:
    """The built report of an agency the user may see (scoped by the caller); 404 if none."""
    try:
        return build_laporan(opd.kode, tahun)
    except LaporanTidakDitemukan as exc:
        raise Http404(str(exc)) from exc


@login_required
@require_safe
def laporan_html(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    """The report in the browser, rendered once per data version (the page holds nothing per user
    but the narrative link, which is part of the key)."""
    opd = get_opd(request.user, kode)
    can_edit = request.user.has_perm("reports.change_narasilaporan")
    key = f"laporan:{opd.kode}:{tahun}:{int(can_edit)}:{timezone.localdate().isoformat()}"

    def render() -> str:
        resmi = (
            DokumenTertandatangani.objects.ringkas()
            .filter(laporan__opd=opd, laporan__tahun=tahun)
            .order_by("-revisi")
            .first()
        )
        return render_html(_laporan(opd, tahun), toolbar=True, bisa_ubah=can_edit, resmi=resmi)

    html = dari_cache(key, versi_data(), render)
    return HttpResponse(html)


@login_required
@require_safe
def laporan_pdf(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    opd = get_opd(request.user, kode)
    try:
        pdf = cached_pdf(opd.kode, tahun, lambda: _laporan(opd, tahun))
    except RenderTerlaluBerat as exc:  # past the render's time or memory limit: say so, no 500
        context = {"opd_kode": opd.kode, "tahun": tahun, "pesan": exc.pesan}
        return render(request, "reports/pdf_gagal.html", context, status=503)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="LKIP-{opd.kode}-{tahun}.pdf"'
    return response


@login_required
@require_safe
def laporan_xlsx(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    laporan = _laporan(get_opd(request.user, kode), tahun)
    response = HttpResponse(
        render_xlsx(laporan),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="LKIP-{laporan.opd_kode}-{laporan.tahun}.xlsx"'
    )
    return response


@login_required
@require_safe
def laporan_docx(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    """The report as an editable Word draft (the signed PDF stays the official copy)."""
    laporan = _laporan(get_opd(request.user, kode), tahun)
    response = HttpResponse(
        render_docx(laporan),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="LKIP-{laporan.opd_kode}-{laporan.tahun}-draf.docx"'
    )
    return response


def cached_pdf(kode: str, tahun: int, build: Callable[[], Laporan]) -> bytes:
    """The report's PDF; while the data version stays the same it is neither built nor rendered.

    The data version (one query) maps to the PDF file of that content, the file being named by the
    hash of the HTML it was rendered from. A change the data version cannot see (e.g. the
    efficiency variant) shows once that mapping expires, like the report page; a rebuilt report
    whose HTML did not change is served from the same file without rendering the PDF again.
    """
    key = f"pdf:{kode}:{tahun}:{timezone.localdate().isoformat()}"
    pdf = penyimpanan.baca(_nama_pdf(dari_cache(key, versi_data(), lambda: _write_pdf(build()))))
    if pdf is None:  # the file was removed meanwhile
        pdf = penyimpanan.baca(_nama_pdf(_write_pdf(build())))
    return pdf or b""


def _nama_pdf(name: str) -> str:
    """The PDF cache's file in the storage (shared by every instance)."""
    return f"cache/pdf/{name}.pdf"


def _write_pdf(laporan: Laporan) -> str:
    """The PDF of this exact content in the storage (rendered only if it is not there yet); its
    name. The same content always has the same bytes' name, so a file there is never replaced."""
    name = hashlib.sha256(render_html(laporan, font_base="").encode()).hexdigest()
    if not penyimpanan.ada(_nama_pdf(name)):
        try:
            penyimpanan.simpan_sekali(_nama_pdf(name), render_pdf(laporan))
        except penyimpanan.BerkasSudahAda:  # another request rendered it meanwhile
            pass
    return name


@login_required
@require_safe
@permission_required("reports.change_narasilaporan", raise_exception=True)
def narasi_daftar(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    opd = get_opd(request.user, kode)
    stored = {n.bagian: n for n in NarasiLaporan.objects.filter(opd=opd, tahun=tahun)}
    rows = [(value, label, stored.get(value)) for value, label in BagianNarasi.choices]
    return render(
        request,
        "reports/narasi_daftar.html",
        {
            "opd": opd,
            "tahun": tahun,
            "rows": rows,
            "terkunci": LaporanTahunan.objects.terkunci(opd.pk).get(tahun),
        },
    )


@login_required
@permission_required("reports.change_narasilaporan", raise_exception=True)
def narasi_ubah(request: HttpRequest, kode: str, tahun: int, bagian: str) -> HttpResponse:
    opd = get_opd(request.user, kode)
    if bagian not in BagianNarasi.values or not 2000 <= tahun <= 2100:
        raise Http404("Bagian narasi tidak ditemukan.")
    narasi = NarasiLaporan.objects.filter(
        opd=opd, tahun=tahun, bagian=bagian
    ).first() or NarasiLaporan(
        opd=opd, tahun=tahun, bagian=bagian, judul=BagianNarasi(bagian).label
    )
    terkunci = LaporanTahunan.objects.terkunci(opd.pk).get(tahun)
    form = NarasiForm(request.POST or None, instance=narasi)
    if (
        terkunci
    ):  # submitted or signed: the text stays what the reviewers read and the Kepala Dinas signs
        for field in form.fields.values():
            field.disabled = True
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():  # the lock check takes the agency's write lock (lkip.kunci)
            terkunci = tahun_terkunci_error(opd, tahun)
            if not terkunci:
                form.save()
        if terkunci:
            form.add_error(None, terkunci)
        else:
            messages.success(request, f"Narasi \u201c{narasi.judul}\u201d tersimpan.")
            return redirect("reports:narasi", kode=opd.kode, tahun=tahun)
    return render(
        request,
        "reports/narasi_ubah.html",
        {"opd": opd, "tahun": tahun, "form": form, "narasi": narasi, "terkunci": terkunci},
    )
