"""Report screens: the LKIP in the browser and its PDF, XLSX and DOCX downloads."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from lkip import penyimpanan
from lkip.access import get_opd, izin_wajib, opd_for_user, pemda_for_user
from lkip.kunci import tahun_terkunci_error
from lkip.models import Pemda, PerangkatDaerah
from reports.antrian import kota
from reports.antrian import render as render_antrian
from reports.dashboard.versi import dari_cache, versi_data
from reports.forms import NarasiForm
from reports.laporan import LaporanTidakDitemukan, build_laporan, render_html
from reports.laporan.struktur import Laporan
from reports.models import (
    BagianNarasi,
    DokumenTertandatangani,
    FormatLaporan,
    LaporanTahunan,
    NarasiLaporan,
)
from targets.models import Renstra


@login_required
@require_safe
def beranda(request: HttpRequest) -> HttpResponse:
    agencies = list(
        opd_for_user(request.user).select_related("pemda").order_by("pemda__nama", "nama")
    )
    renstra = Renstra.objects.filter(opd__in=agencies).order_by("opd_id", "tahun_awal")
    years: dict[int, list[int]] = {}
    for r in renstra:
        years.setdefault(r.opd_id, []).extend(r.tahun_list)
    rows = [(opd, sorted(set(years.get(opd.pk, [])), reverse=True)) for opd in agencies]
    # The pemda's own LKIP (rpjmd) for its pemda-level accounts.
    pemda = (
        list(pemda_for_user(request.user))
        if request.user.has_perm("rpjmd.view_indikatorpemda")
        else []
    )
    kota_tahun: list[tuple[Pemda, list[int]]] = []
    if request.user.has_perm("reports.susun_ulang_kota"):  # the Admin Pemda's re-render action
        by_pemda: dict[int, tuple[Pemda, set[int]]] = {}
        for opd, opd_years in rows:
            by_pemda.setdefault(opd.pemda_id, (opd.pemda, set()))[1].update(opd_years)
        kota_tahun = [(p, sorted(y, reverse=True)) for p, y in by_pemda.values() if y]
    return render(
        request,
        "reports/beranda.html",
        {"rows": rows, "pemda_list": pemda, "kota_tahun": kota_tahun},
    )


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
    # The role's menu is the user's own: added to the shared cached page, never cached with it;
    # so is the state of the PDF (queued now if it is stale: rendered ahead of the download).
    pdf = render_antrian.keadaan(opd, tahun, FormatLaporan.PDF)
    menu = (
        render_to_string("_menu.html", request=request)
        + render_to_string("reports/_remah_laporan.html", {"opd": opd, "tahun": tahun})
        + render_to_string("reports/_status_pdf.html", {"keadaan": pdf})
    )
    response = HttpResponse(html.replace("<!--menu-->", menu, 1))
    if not pdf.siap and not pdf.gagal:
        response["Refresh"] = str(SEGARKAN_LAPORAN_DETIK)  # until the PDF is ready
    return response


def _ada_laporan(opd: PerangkatDaerah, tahun: int) -> None:
    """404 unless the agency has an LKIP for the year (a Renstra period covers it)."""
    if not Renstra.objects.filter(opd=opd, tahun_awal__lte=tahun, tahun_akhir__gte=tahun).exists():
        raise Http404(f"{opd.nama} tidak memiliki Renstra yang mencakup tahun {tahun}.")


_JENIS = {
    FormatLaporan.PDF: ("application/pdf", "{kode}-{tahun}.pdf"),
    FormatLaporan.XLSX: (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "{kode}-{tahun}.xlsx",
    ),
    FormatLaporan.DOCX: (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "{kode}-{tahun}-draf.docx",
    ),
}

#: Seconds between the automatic reloads of a page waiting for a document, and of the report page
#: (someone reads it) while its PDF is being prepared.
SEGARKAN_DETIK = 3
SEGARKAN_LAPORAN_DETIK = 10


def _unduh(request: HttpRequest, kode: str, tahun: int, format: FormatLaporan) -> HttpResponse:
    """The newest finished render whose data version is the current one; while there is none, a
    page that says the document is being prepared (with its progress) and reloads itself (the
    `Refresh` header: no script), or why it failed, with 'Coba lagi'."""
    opd = get_opd(request.user, kode)
    _ada_laporan(opd, tahun)
    keadaan = render_antrian.keadaan(opd, tahun, format)
    if keadaan.siap:
        data = penyimpanan.baca(keadaan.berkas)
        if data is not None:
            content_type, name = _JENIS[format]
            response = HttpResponse(data, content_type=content_type)
            filename = "LKIP-" + name.format(kode=opd.kode, tahun=tahun)
            response["Content-Disposition"] = f'attachment; filename="{filename}"'
            return response
        # The file is gone (removed from the storage behind the row's back): rendered again.
        render_antrian.minta(opd.pk, tahun, paksa=True)
        keadaan = render_antrian.keadaan(opd, tahun, format, antrekan=False)
        if keadaan.siap:
            keadaan = render_antrian.Keadaan(siap=False, antrean=1)
    context = {"opd": opd, "tahun": tahun, "format": FormatLaporan(format), "keadaan": keadaan}
    response = render(
        request, "reports/disiapkan.html", context, status=503 if keadaan.gagal else 200
    )
    if not keadaan.gagal:
        response["Refresh"] = str(SEGARKAN_DETIK)
        response["Retry-After"] = str(SEGARKAN_DETIK)
    return response


@login_required
@require_safe
def laporan_pdf(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    return _unduh(request, kode, tahun, FormatLaporan.PDF)


@login_required
@require_safe
def laporan_xlsx(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    return _unduh(request, kode, tahun, FormatLaporan.XLSX)


@login_required
@require_safe
def laporan_docx(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    """The report as an editable Word draft (the signed PDF stays the official copy)."""
    return _unduh(request, kode, tahun, FormatLaporan.DOCX)


@login_required
@require_POST
def render_ulang(request: HttpRequest, kode: str, tahun: int, format: str) -> HttpResponse:
    """'Coba lagi' after a failed render: a fresh render, then back to the waiting download."""
    opd = get_opd(request.user, kode)
    _ada_laporan(opd, tahun)
    if format not in FormatLaporan.values:
        raise Http404("Format dokumen tidak dikenal.")
    render_antrian.ulangi(opd, tahun)
    return redirect(f"reports:laporan_{format}", kode=opd.kode, tahun=tahun)


@login_required
@require_safe
@izin_wajib("reports.change_narasilaporan")
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
@izin_wajib("reports.change_narasilaporan")
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


def _pemda_admin(request: HttpRequest, pemda_id: int) -> Pemda:
    """A pemda whose agencies the user may see (404 otherwise)."""
    pemda = Pemda.objects.filter(pk=pemda_id).first()
    if pemda is None or not opd_for_user(request.user).filter(pemda=pemda).exists():
        raise Http404("Pemerintah daerah tidak ditemukan.")
    return pemda


@login_required
@izin_wajib("reports.susun_ulang_kota")
def susun_ulang_kota(request: HttpRequest, pemda_id: int, tahun: int) -> HttpResponse:
    """The Admin Pemda renders the LKIP of every agency of the pemda for a year again (through the
    queue) and follows its progress: done / total, failures named (reloads itself until done)."""
    pemda = _pemda_admin(request, pemda_id)
    if request.method == "POST":
        jumlah = kota.susun_ulang(pemda, tahun, oleh=request.user)
        messages.success(
            request,
            f"{jumlah} LKIP tahun {tahun} diantrekan untuk disusun ulang di latar belakang.",
        )
        return redirect("reports:susun_ulang_kota", pemda_id=pemda.pk, tahun=tahun)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    kemajuan = kota.kemajuan(pemda, tahun)
    context = {
        "pemda": pemda,
        "tahun": tahun,
        "kemajuan": kemajuan,
        "jumlah_opd": kota.opd_kota(pemda, tahun).count(),
    }
    response = render(request, "reports/susun_ulang_kota.html", context)
    if kemajuan is not None and not kemajuan.tuntas:
        response["Refresh"] = str(SEGARKAN_DETIK)
    return response
