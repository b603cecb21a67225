"""Quarterly entry on one page, live capaian from the server, closing and reopening periods."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from budget.models import Anggaran
from indicators.models import Indikator, JenisNilai
from lkip import formulas
from lkip.access import get_opd, izin_wajib
from lkip.forms import AngkaField
from lkip.isian import banyak_isian
from lkip.konfirmasi import dikonfirmasi, minta_konfirmasi
from lkip.kunci import periode_tertutup_error, tahun_terkunci_error
from targets.entri import ANGKA, TEKS, EntriForm, PerluPersetujuan, load_rows, simpan_entri
from targets.models import JenisTarget, PembukaanPeriode, Periode, PeriodeTertutup, Target
from targets.services import buka_periode, tutup_periode


def _check_period(tahun: int, tw: int) -> None:
    if not 1 <= tw <= 4 or not 2000 <= tahun <= 2100:
        raise Http404("Triwulan atau tahun tidak sah.")


def _grid(form: EntriForm):
    rows = []
    for row in form.rows:
        p = row.prefix()
        rows.append(
            {
                "baris": row,
                "p": p,
                "angka": {name: form[f"{p}-{name}"] for name in ANGKA},
                "asal": [
                    form[f"asal-{p}-{name}"]
                    for name in (*ANGKA, "predikat", *TEKS)
                    if f"asal-{p}-{name}" in form.fields
                ],
                "predikat": form[f"{p}-predikat"] if f"{p}-predikat" in form.fields else None,
                "teks": [
                    (label, form[f"{p}-{name}"])
                    for name, label in zip(
                        TEKS, ("Faktor pendukung", "Faktor penghambat", "Upaya"), strict=True
                    )
                ],
                "capaian": _capaian_teks(
                    row.indikator, row.target, row.target_predikat, row.realisasi
                ),
            }
        )
    lines = [
        {
            "baris": ln,
            "field": form[f"{ln.prefix()}-tw"],
            "asal": form[f"asal-{ln.prefix()}-tw"],
            "kumulatif": _kumulatif(ln.anggaran, ln.tw, ln.nilai_tw),
        }
        for ln in form.lines
    ]
    return rows, lines


def _terpotong(form: EntriForm, request: HttpRequest, rows, lines, tahun: int, tw: int):
    """The grid as posted, when the post had more fields than the grid may send: nothing is saved,
    what arrived stays in the inputs (the rest shows the stored values) and the form says why."""
    data = request.POST.copy()
    for name, field in form.fields.items():
        if name not in data:
            value = field.prepare_value(form.get_initial_for_field(field, name))
            data[name] = "" if value is None else value
    form = EntriForm(data, rows=rows, lines=lines, tahun=tahun, tw=tw)
    form.is_valid()
    batas = f"{ISIAN_MAKS:_}".replace("_", ".")
    form.add_error(
        None,
        f"Tidak disimpan: formulir ini mengirim lebih dari {batas} isian, batas satu kali simpan. "
        "Isian yang terbaca masih ada di formulir; simpan sebagian baris, lalu sisanya.",
    )
    return form


def _capaian_teks(ind: Indikator, target, target_predikat, real) -> str:
    if real is None:
        return "belum ada realisasi"
    value = real.nilai_efektif
    c = ind.capaian(target, value, target_predikat, real.predikat)
    return (
        formulas.format_persen(c)
        if c is not None
        else ("tidak ada target triwulan ini" if target is None else "—")
    )


def _kumulatif(a: Anggaran, tw: int, nilai_tw) -> dict:
    values = a.realisasi_triwulan
    values[tw - 1] = nilai_tw
    total = formulas.jumlah_triwulan(values, sampai=tw)
    return {
        "rupiah": formulas.format_angka(total, 0),
        "serapan": formulas.format_persen(formulas.serapan(a.pagu, total)) if a.pagu else "—",
    }


#: Fields one save of the grid may send, instead of Django's global 1.000 (which the grid of an
#: agency with 406 budget lines and 18 indicators, 1.029 fields, already passed): two per budget
#: line and up to fourteen per indicator, so 20.000 hold 9.000 lines with 100 indicators. The body
#: stays under DATA_UPLOAD_MAX_MEMORY_SIZE (about 50 bytes a line).
ISIAN_MAKS = 20_000


@login_required
@izin_wajib("targets.view_realisasi")
@require_safe
def entri_awal(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    """The menu's "Entri triwulan": the year's first quarter still open (the fourth when every
    quarter or the whole year is closed)."""
    _check_period(tahun, 1)
    opd = get_opd(request.user, kode)
    closed = set(
        PeriodeTertutup.objects.filter(opd=opd, tahun=tahun).values_list("periode", flat=True)
    )
    tw = 4 if Periode.TAHUNAN in closed else next((t for t in range(1, 5) if t not in closed), 4)
    return redirect("data:entri", kode=opd.kode, tahun=tahun, tw=tw)


@login_required
@izin_wajib("targets.view_realisasi")
@banyak_isian(lambda: ISIAN_MAKS)
def entri(request: HttpRequest, kode: str, tahun: int, tw: int) -> HttpResponse:
    _check_period(tahun, tw)
    opd = get_opd(request.user, kode)
    rows, lines = load_rows(opd, tahun, tw)
    can_edit = request.user.has_perm("targets.change_realisasi") and request.user.has_perm(
        "budget.change_anggaran"
    )
    closed = periode_tertutup_error(opd, tahun, tw)
    locked = tahun_terkunci_error(
        opd, tahun
    )  # the LKIP is submitted or signed: no closing or reopening here
    form = EntriForm(request.POST or None, rows=rows, lines=lines, tahun=tahun, tw=tw)
    if closed or not can_edit:  # read-only: the inputs say so too, not only the missing save button
        for field in form.fields.values():
            field.disabled = True
    konflik, pengganti = [], []
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if closed:
            messages.error(request, closed)
        elif request.isian_terpotong:
            form = _terpotong(form, request, rows, lines, tahun, tw)
        elif form.is_valid():
            try:
                saved, konflik = simpan_entri(form, opd, tahun, tw)
            except PerluPersetujuan as exc:
                pengganti = exc.pengganti  # nothing saved; the form keeps what was typed
            except ValidationError as exc:
                if hasattr(exc, "error_dict"):
                    for field, errs in exc.message_dict.items():
                        for e in errs:
                            form.add_error(field if field in form.fields else None, e)
                else:
                    form.add_error(None, exc.messages[0])
            else:
                if not konflik:
                    messages.success(
                        request,
                        f"Triwulan {Periode(tw).label[9:]} {tahun}: {saved} baris tersimpan.",
                    )
                    return redirect("data:entri", kode=opd.kode, tahun=tahun, tw=tw)
                # Show the current values as the new baseline; what the user typed stays in the
                # inputs.
                data = request.POST.copy()
                fresh_rows, fresh_lines = load_rows(opd, tahun, tw)
                fresh = EntriForm(rows=fresh_rows, lines=fresh_lines, tahun=tahun, tw=tw)
                for key in fresh.fields:
                    if key.startswith("asal-"):
                        data[key] = fresh.initial.get(key, "")
                form = EntriForm(data, rows=fresh_rows, lines=fresh_lines, tahun=tahun, tw=tw)
                form.is_valid()
    grid_rows, grid_lines = _grid(form)
    return render(
        request,
        "targets/entri.html",
        {
            "opd": opd,
            "tahun": tahun,
            "tw": tw,
            "form": form,
            "rows": grid_rows,
            "lines": grid_lines,
            "bisa_ubah": can_edit and not closed,
            "tertutup": closed,
            "konflik": konflik,
            "pengganti": pengganti,
            "ganti_tahunan": form["ganti_tahunan"],
            "triwulan": [(n, Periode(n).label) for n in range(1, 5)],
            "bisa_tutup": request.user.has_perm("targets.add_periodetertutup") and not closed,
            "bisa_buka": request.user.has_perm("targets.delete_periodetertutup")
            and bool(closed)
            and not locked,
            "pembukaan": PembukaanPeriode.objects.filter(
                opd=opd, tahun=tahun, periode__in=[Periode.TAHUNAN, tw]
            )[:5],
        },
    )


@login_required
@require_safe
@izin_wajib("targets.view_realisasi")
def hitung(request: HttpRequest, kode: str, tahun: int, tw: int) -> JsonResponse:
    """Capaian (or cumulative serapan) for one row as typed, computed by the formulas module."""
    _check_period(tahun, tw)
    opd = get_opd(request.user, kode)
    field = AngkaField()
    try:
        if "anggaran" in request.GET:
            a = Anggaran.objects.filter(
                opd=opd, tahun=tahun, pk=_int(request.GET["anggaran"])
            ).first()
            if a is None:
                raise Http404("Baris anggaran tidak ditemukan.")
            return JsonResponse(_kumulatif(a, tw, _angka(field, request, "tw")))
        ind = Indikator.objects.filter(opd=opd, pk=_int(request.GET.get("indikator", ""))).first()
        if ind is None:
            raise Http404("Indikator tidak ditemukan.")
        nilai, num, den = (
            _angka(field, request, name) for name in ("nilai", "pembilang", "penyebut")
        )
    except ValidationError as exc:
        return JsonResponse({"pesan": exc.messages[0]}, status=400)
    target = Target.objects.filter(
        indikator=ind, tahun=tahun, jenis=JenisTarget.PK, periode=tw
    ).first()
    if num is not None and den:
        nilai = formulas.nilai_pecahan(num, den, persen_=ind.jenis_nilai == JenisNilai.PERSEN)
    predikat = request.GET.get("predikat", "")
    if nilai is None and not predikat:
        return JsonResponse({"capaian": "belum ada realisasi", "realisasi": ""})
    c = ind.capaian(
        target.nilai if target else None, nilai, target.predikat if target else "", predikat
    )
    return JsonResponse(
        {
            "capaian": formulas.format_persen(c)
            if c is not None
            else ("tidak ada target triwulan ini" if target is None else "—"),
            "realisasi": formulas.format_angka(nilai) if nilai is not None else "",
        }
    )


_LABEL = {"nilai": "Nilai", "pembilang": "Pembilang", "penyebut": "Penyebut", "tw": "Realisasi"}


def _angka(field: AngkaField, request: HttpRequest, name: str):
    """One number of the query, its error naming the input ("Pembilang: ... terlalu besar")."""
    try:
        return field.clean(request.GET.get(name, ""))
    except ValidationError as exc:
        raise ValidationError(f"{_LABEL[name]}: {exc.messages[0]}") from exc


def _int(text: str) -> int:
    if not str(text).isdigit():
        raise Http404("Baris tidak ditemukan.")
    return int(text)


@login_required
@require_POST
@izin_wajib("targets.add_periodetertutup")
def tutup(request: HttpRequest, kode: str, tahun: int, periode: int) -> HttpResponse:
    if not 0 <= periode <= 4:
        raise Http404("Periode tidak sah.")
    _check_period(tahun, periode or 1)
    opd = get_opd(request.user, kode)
    nama = "Tahun" if periode == Periode.TAHUNAN else Periode(periode).label
    kecil = nama[0].lower() + nama[1:]  # "triwulan II"
    if not dikonfirmasi(request):
        return minta_konfirmasi(
            request,
            judul=f"Tutup {kecil} {tahun}?",
            pertanyaan=f"{nama} {tahun} {opd.nama} akan ditutup.",
            akibat=[
                "Realisasi indikator dan anggaran periode ini tidak dapat diubah lagi, baik di "
                "layar, di entri triwulan, maupun lewat impor Excel.",
                "Hanya Kepala Dinas (atau Admin Pemda) yang dapat membukanya kembali, dengan "
                "alasan yang tercatat.",
            ],
            tombol=f"Ya, tutup {kecil}",
            batal=reverse("data:entri", args=[opd.kode, tahun, periode or 4]),
            opd=opd,
        )
    tutup_periode(opd, tahun, periode, request.user)
    messages.success(
        request,
        f"{'Tahun' if periode == Periode.TAHUNAN else Periode(periode).label} {tahun} ditutup; "
        "nilainya kini hanya dapat dibaca.",
    )
    return redirect("data:entri", kode=opd.kode, tahun=tahun, tw=periode or 4)


@login_required
@require_POST
@izin_wajib("targets.delete_periodetertutup")
def buka(request: HttpRequest, kode: str, tahun: int, periode: int) -> HttpResponse:
    if not 0 <= periode <= 4:
        raise Http404("Periode tidak sah.")
    _check_period(tahun, periode or 1)
    opd = get_opd(request.user, kode)
    try:
        buka_periode(opd, tahun, periode, request.user, request.POST.get("alasan", ""))
    except ValueError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            f"{'Tahun' if periode == Periode.TAHUNAN else Periode(periode).label} {tahun} dibuka "
            "kembali; alasannya tercatat.",
        )
    return redirect("data:entri", kode=opd.kode, tahun=tahun, tw=periode or 4)
