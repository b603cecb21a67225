"""Dashboards: read-only screens for the Inspektorat, the Kepala Dinas and planning staff.

Every view is GET-only (a write request is answered 405) and reaches agencies only through
`lkip.access`; no view renders a form that writes. The page body (never the header with the
user's name and CSRF token) is cached per data version and per visible set of agencies.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import EmptyPage
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from budget.models import Nomenklatur, TingkatAnggaran
from indicators.models import Indikator
from lkip import formulas
from lkip.access import get_opd, opd_for_user
from reports import charts
from reports.dashboard import export, pemberitahuan, selectors, struktur, struktur_opd
from reports.dashboard.filters import DasborPemdaFilter
from reports.dashboard.sidik import sidik_pemda
from reports.dashboard.tables import OpdTable
from reports.dashboard.versi import (
    VERSI_DASBOR_DETIK,
    Fragmen,
    akses,
    fragmen_tersimpan,
    versi_akses,
    versi_data,
)
from skm.hasil import gabungan, hasil_per_tahun

PERMISSION = "indicators.view_indikator"


def _dasbor(view: Callable) -> Callable:
    """Logged in, GET or HEAD only (dashboards change nothing, whoever asks), with the permission.

    The view receives the data version and the user's scope key.
    """

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(
                ["GET", "HEAD"],
                "Dasbor hanya untuk dibaca: permintaan mengubah data ditolak.",
                content_type="text/plain; charset=utf-8",
            )
        versi = versi_data(maks_umur=VERSI_DASBOR_DETIK)
        scope = akses(request, versi_akses(maks_umur=VERSI_DASBOR_DETIK), PERMISSION)
        if scope is None:
            raise PermissionDenied
        return view(request, versi, scope, *args, **kwargs)

    return login_required(wrapper)


def _halaman(request: HttpRequest, fragmen: Fragmen) -> HttpResponse:
    return render(
        request,
        "reports/dashboard/halaman.html",
        {
            "judul": fragmen.judul,
            "isi": mark_safe(fragmen.isi),
            "pemberitahuan": _pemberitahuan(request),
        },
        status=fragmen.status,
    )


def _isi(
    request: HttpRequest, template: str, judul: str, context: dict, status: int = 200
) -> Fragmen:
    return Fragmen(
        judul, render_to_string(f"reports/dashboard/{template}", context, request), status
    )


def _pemberitahuan(request: HttpRequest) -> list[pemberitahuan.Pemberitahuan]:
    """The notices of the apps above (e.g. overdue LHE recommendations) for the page's agency or
    the user's agencies: read on every request, outside the cached body (one query a source), so
    they follow the date and every change at once."""
    kode = request.resolver_match.kwargs.get("kode") if request.resolver_match else None
    opd = opd_for_user(request.user)
    return pemberitahuan.untuk(request.user, (opd.filter(kode=kode) if kode else opd).values("pk"))


# --- The pemda ---------------------------------------------------------------------------------


def _pemda_id(request: HttpRequest) -> int | None:
    penugasan = getattr(request.user, "penugasan", None)
    if penugasan is not None:
        return penugasan.pemda_id
    return (
        opd_for_user(request.user)
        .order_by("pemda__nama")
        .values_list("pemda_id", flat=True)
        .first()
    )


def _pemda_context(request: HttpRequest, versi: str) -> tuple[dict, int]:
    """Filter, table and totals of the pemda dashboard; (context, status) for both HTML and XLSX."""
    pemda_id = _pemda_id(request)
    meta = selectors.meta_pemda(pemda_id, versi) if pemda_id else None
    if meta is None or not meta.tahun:
        return {"meta": meta, "kosong": True}, 200
    visible = opd_for_user(request.user).filter(pemda_id=meta.pemda_id)
    params = request.GET.copy()
    if not params.get("tahun"):
        params["tahun"] = str(meta.tahun_bawaan(visible.values_list("pk", flat=True)))
    filterset = DasborPemdaFilter(
        params, queryset=visible, tahun_list=meta.tahun, pemda_id=meta.pemda_id
    )
    context = {"meta": meta, "filter": filterset, "kosong": False}
    if not filterset.form.is_valid():
        return context, 400
    data = filterset.form.cleaned_data
    tahun = int(data["tahun"])
    filterset.ringkasan = selectors.ringkasan_pemda(meta.pemda_id, tahun, versi)
    ids = set(filterset.qs.values_list("pk", flat=True))
    rows = [row for pk, row in filterset.ringkasan.baris.items() if pk in ids]
    table = OpdTable(rows, order_by=data.get("sort") or "nama")
    try:
        table.paginate(page=data.get("page") or 1, per_page=OpdTable._meta.per_page)
    except EmptyPage:
        filterset.form.add_error(
            "page",
            f"halaman {data['page']} tidak ada; hanya ada {table.paginator.num_pages} halaman.",
        )
        return context, 400
    context |= {"tahun": tahun, "table": table, "total": struktur.total_pemda(rows)}
    return context, 200


@_dasbor
def pemda(request: HttpRequest, versi: str, scope: str) -> HttpResponse:
    def build() -> Fragmen:
        context, status = _pemda_context(request, versi)
        if "total" in context:
            context["grafik"] = _grafik_pemda(context["total"], context["table"].baris_ekspor())
            context["skm"] = _skm_pemda(request, context["meta"].pemda_id, context["tahun"])
        tahun = f" {context['tahun']}" if "tahun" in context else ""
        return _isi(request, "pemda.html", f"Dasbor kinerja{tahun}", context, status)

    def per_pemda() -> Fragmen:
        # The body is the same for as long as this pemda's data is (a change in another pemda
        # moves the global version, not the pemda's fingerprint): kept under both.
        pemda_id = _pemda_id(request)
        if pemda_id is None:
            return build()
        return fragmen_tersimpan(request, "p" + sidik_pemda(pemda_id, versi).semua, scope, build)

    return _halaman(request, fragmen_tersimpan(request, versi, scope, per_pemda))


def _skm_pemda(request: HttpRequest, pemda_id: int, tahun: int) -> dict | None:
    """The survey across the visible agencies: responses pooled (spec §5.5), agencies counted."""
    ids = list(opd_for_user(request.user).filter(pemda_id=pemda_id).values_list("pk", flat=True))
    hasil = list(hasil_per_tahun(ids, [tahun]).values())
    if not hasil:
        return None
    return {"hasil": gabungan(hasil), "opd": len(hasil)}


@_dasbor
def pemda_xlsx(request: HttpRequest, versi: str, scope: str) -> HttpResponse:
    context, status = _pemda_context(request, versi)
    if "table" not in context:
        fragmen = _isi(
            request, "pemda.html", "Dasbor kinerja", context, status if status != 200 else 404
        )
        return _halaman(request, fragmen)
    meta, tahun = context["meta"], context["tahun"]
    response = HttpResponse(
        export.xlsx_pemda(meta.nama, tahun, context["table"]),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="dasbor-pemda-{tahun}.xlsx"'
    return response


def _grafik_pemda(total: struktur.TotalPemda, rows: list[struktur.BarisOpd]) -> dict[str, str]:
    return {
        "band": mark_safe(
            charts.distribusi(
                [(j.label, j.jumlah, j.kelas) for j in total.per_band],
                "Jumlah perangkat daerah per kategori rata-rata capaian",
            )
        ),
        "serapan": mark_safe(
            charts.distribusi(
                [(j.label, j.jumlah, j.kelas) for j in total.per_serapan],
                "Jumlah perangkat daerah per tingkat serapan anggaran",
            )
        ),
        "status": mark_safe(
            charts.distribusi(
                [(j.label, j.jumlah, j.kelas) for j in total.per_status], "Jumlah LKIP per status"
            )
        ),
        "sebaran": mark_safe(
            charts.sebaran(
                [
                    (r.nama, r.serapan, r.rata_capaian, r.kelas_band)
                    for r in rows
                    if r.serapan is not None and r.rata_capaian is not None
                ],
                "Sebaran perangkat daerah: serapan anggaran terhadap rata-rata capaian IKU",
            )
        ),
    }


# --- One agency --------------------------------------------------------------------------------


def _tahun_opd(opd, tahun: int, versi: str) -> struktur.MetaPemda:
    meta = selectors.meta_pemda(opd.pemda_id, versi)
    if meta is None or tahun not in meta.tahun:
        raise Http404("Tahun tidak tersedia.")
    return meta


@_dasbor
def opd(request: HttpRequest, versi: str, scope: str, kode: str, tahun: int) -> HttpResponse:
    def build() -> Fragmen:
        agency = get_opd(request.user, kode)
        meta = _tahun_opd(agency, tahun, versi)
        data = selectors.dasbor_opd(agency, tahun, versi)
        grafik = {}
        if data.program:
            grafik["program"] = mark_safe(
                charts.batang_horizontal(
                    [(p.nama, p.serapan) for p in data.program], "Serapan anggaran per program"
                )
            )
            grafik["triwulan"] = mark_safe(
                charts.serapan_triwulan(
                    list(
                        zip(
                            ("TW I", "TW II", "TW III", "TW IV"), data.total.serapan_tw, strict=True
                        )
                    ),
                    "Serapan anggaran kumulatif per triwulan",
                )
            )
        skm = hasil_per_tahun([agency.pk], [tahun]).get((agency.pk, tahun))
        context = {
            "opd": agency,
            "meta": meta,
            "tahun": tahun,
            "d": data,
            "grafik": grafik,
            "skm": skm,
        }
        return _isi(request, "opd.html", f"{data.nama} {tahun} — dasbor", context)

    return _halaman(request, fragmen_tersimpan(request, versi, scope, build))


@_dasbor
def indikator(
    request: HttpRequest, versi: str, scope: str, kode: str, tahun: int, indikator: str
) -> HttpResponse:
    agency = get_opd(request.user, kode)
    meta = _tahun_opd(agency, tahun, versi)
    ind = (
        Indikator.objects.filter(opd=agency, kode=indikator)
        .select_related("sasaran", "nomenklatur")
        .first()
    )
    if ind is None:
        raise Http404("Indikator tidak ditemukan.")
    tren = selectors.tren_indikator(ind, tahun)
    context = {
        "opd": agency,
        "meta": meta,
        "tahun": tahun,
        "ind": ind,
        "tren": tren,
        "grafik": _grafik_tren(tren),
    }
    return _halaman(request, _isi(request, "indikator.html", f"{tren.uraian} — dasbor", context))


def _grafik_tren(tren: struktur_opd.TrenIndikator) -> str:
    return mark_safe(
        charts.tren_tahunan(
            [(str(t.tahun), t.realisasi, t.target_renstra, t.dalam_renstra) for t in tren.titik],
            f"{tren.uraian}: realisasi per tahun terhadap target Renstra",
            "%" if tren.persen else "",
        )
    )


@_dasbor
def program(
    request: HttpRequest, versi: str, scope: str, kode: str, tahun: int, program: str
) -> HttpResponse:
    agency = get_opd(request.user, kode)
    meta = _tahun_opd(agency, tahun, versi)
    try:
        code = formulas.normalisasi_kode(program)
    except ValueError as exc:
        raise Http404("Kode program tidak dikenal.") from exc
    nomenklatur = Nomenklatur.objects.filter(kode=code, tingkat=TingkatAnggaran.PROGRAM).first()
    if nomenklatur is None or not (
        nomenklatur.anggaran_set.filter(opd=agency).exists()
        or nomenklatur.indikator_set.filter(opd=agency).exists()
    ):
        raise Http404("Program tidak ditemukan pada perangkat daerah ini.")
    tren = selectors.tren_program(agency, nomenklatur, tahun)
    context = {
        "opd": agency,
        "meta": meta,
        "tahun": tahun,
        "tren": tren,
        "grafik_anggaran": mark_safe(
            charts.anggaran_tahunan(
                [(str(a.tahun), a.pagu, a.realisasi) for a in tren.anggaran],
                f"Pagu dan realisasi {tren.nama}",
            )
        ),
        "indikator": [(t, _grafik_tren(t)) for t in tren.indikator],
    }
    return _halaman(request, _isi(request, "program.html", f"{tren.nama} — dasbor", context))
