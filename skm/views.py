"""The survey's staff screens: home, links and posters, results, confirmation, responses, import."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST, require_safe

from lkip.access import get_opd, izin_wajib
from lkip.crud import LAYAR
from skm import ekspor as ekspor_xlsx
from skm import poster as poster_pdf
from skm import services
from skm.forms import ImporForm, PengecualianForm
from skm.hasil import hasil_tahun
from skm.impor import ImporDitolak, impor_xlsx
from skm.models import PeriodeSurvei, Responden, TautanSurvei, UnitLayanan
from skm.unsur import daftar_pertanyaan

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
@require_safe
@izin_wajib("skm.view_unitlayanan")
def beranda(request: HttpRequest, kode: str) -> HttpResponse:
    """Set-up at a glance: the set-up screens, the public links with posters, the years' results."""
    opd = get_opd(request.user, kode)
    tahun = sorted(
        set(PeriodeSurvei.objects.filter(opd=opd).values_list("tahun", flat=True)), reverse=True
    )
    tautan = (
        TautanSurvei.objects.filter(unit_layanan__opd=opd)
        .select_related("unit_layanan", "periode")
        .order_by("-periode__tahun", "periode__jenis", "periode__ke", "unit_layanan__nama")
    )
    return render(
        request,
        "skm/beranda.html",
        {
            "opd": opd,
            "layar": [s for s in LAYAR.values() if s.extra.get("kelompok") == "skm"],
            "pertanyaan": daftar_pertanyaan(opd),
            "tautan": tautan,
            "tahun_list": tahun,
            "tahun_ini": timezone.localdate().year,
        },
    )


@login_required
@require_POST
@izin_wajib("skm.add_tautansurvei")
def buat_tautan(request: HttpRequest, kode: str) -> HttpResponse:
    opd = get_opd(request.user, kode)
    baru = services.buat_tautan(opd)
    messages.success(request, f"{baru} tautan survei baru dibuat.")
    return redirect("skm:beranda", kode=opd.kode)


@login_required
@require_safe
@izin_wajib("skm.view_tautansurvei")
def poster(request: HttpRequest, kode: str, pk: int) -> HttpResponse:
    """A printable A4 poster with the QR code of the public form, for the service counter."""
    opd = get_opd(request.user, kode)
    tautan = (
        TautanSurvei.objects.filter(pk=pk, unit_layanan__opd=opd)
        .select_related("unit_layanan", "periode")
        .first()
    )
    if tautan is None:
        raise Http404("Tautan survei tidak ditemukan.")
    # The configured public address (as in the LKIP verification QR), not the request's host
    url = f"{settings.LKIP_PUBLIC_URL.rstrip('/')}/s/{tautan.token}/"
    response = HttpResponse(
        poster_pdf.render_poster(opd, tautan, url), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="poster-skm-{tautan.token}.pdf"'
    return response


@login_required
@require_safe
@izin_wajib("skm.view_responden")
def hasil(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    opd = get_opd(request.user, kode)
    data = hasil_tahun(opd, tahun)
    return render(
        request,
        "skm/hasil.html",
        {"opd": opd, "tahun": tahun, "h": data, "rumus_sampel": _rumus_sampel()},
    )


def _rumus_sampel() -> str:
    from lkip.formulas import RUMUS_SAMPEL

    return RUMUS_SAMPEL


@login_required
@izin_wajib("targets.change_realisasi")
def tetapkan(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    """The Perencana confirms: the year's IKM from the survey becomes the IKM realisation."""
    opd = get_opd(request.user, kode)
    if request.method == "POST":
        try:
            rencana = services.tetapkan_realisasi(opd, tahun, request.user)
        except ValueError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                f"Realisasi {rencana.indikator.kode} tahun {tahun} ditetapkan "
                f"{_angka(rencana.nilai)} dari survei ({rencana.responden} responden).",
            )
            return redirect("skm:hasil", kode=opd.kode, tahun=tahun)
    rencana = services.rencana_penetapan(opd, tahun)
    return render(request, "skm/tetapkan.html", {"opd": opd, "tahun": tahun, "r": rencana})


def _angka(nilai) -> str:
    from lkip.formulas import format_angka

    return format_angka(nilai, 2)


@login_required
@require_safe
@izin_wajib("skm.view_responden")
def jawaban(request: HttpRequest, kode: str) -> HttpResponse:
    """The raw responses (newest first), filtered; suspicious ones can be excluded with a reason."""
    opd = get_opd(request.user, kode)
    qs = Responden.objects.filter(opd=opd).select_related("unit_layanan", "periode", "pengecualian")
    periode = list(PeriodeSurvei.objects.filter(opd=opd))
    unit = list(UnitLayanan.objects.filter(opd=opd))
    saring = {
        "periode": request.GET.get("periode", ""),
        "unit": request.GET.get("unit", ""),
        "tanda": request.GET.get("tanda", ""),
    }
    if saring["periode"].isdigit():
        qs = qs.filter(periode_id=int(saring["periode"]))
    if saring["unit"].isdigit():
        qs = qs.filter(unit_layanan_id=int(saring["unit"]))
    if saring["tanda"] == "curiga":
        qs = qs.exclude(dicurigai="")
    elif saring["tanda"] == "dikecualikan":
        qs = qs.filter(pengecualian__isnull=False)
    halaman = Paginator(qs, 50).get_page(request.GET.get("halaman"))
    return render(
        request,
        "skm/jawaban.html",
        {
            "opd": opd,
            "halaman": halaman,
            "periode": periode,
            "unit": unit,
            "saring": saring,
            "form": PengecualianForm(),
            "bisa_kecualikan": request.user.has_perm("skm.add_pengecualian"),
        },
    )


def _responden(opd, pk: int) -> Responden:
    obj = Responden.objects.filter(opd=opd, pk=pk).first()
    if obj is None:
        raise Http404("Jawaban tidak ditemukan.")
    return obj


def _ubah_pengecualian(
    request: HttpRequest, kode: str, pk: int, aksi, gagal: str, berhasil: str
) -> HttpResponse:
    """Exclude or include one response with the reason the form gives, then back to the list."""
    opd = get_opd(request.user, kode)
    obj = _responden(opd, pk)
    form = PengecualianForm(request.POST)
    try:
        if not form.is_valid():
            raise ValueError(form.errors["alasan"][0])
        aksi(obj, form.cleaned_data["alasan"], request.user)
    except ValueError as exc:
        messages.error(request, f"Responden #{obj.pk} {gagal}: {exc}")
    else:
        messages.success(request, f"Responden #{obj.pk} {berhasil}.")
    kembali = request.POST.get("kembali", "")
    if not url_has_allowed_host_and_scheme(
        kembali, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        kembali = f"/survei/{opd.kode}/jawaban/"  # never back to another site (open redirect)
    return redirect(kembali)


@login_required
@require_POST
@izin_wajib("skm.add_pengecualian")
def kecualikan(request: HttpRequest, kode: str, pk: int) -> HttpResponse:
    return _ubah_pengecualian(
        request,
        kode,
        pk,
        services.kecualikan,
        "tidak dikecualikan",
        "dikecualikan dari perhitungan IKM",
    )


@login_required
@require_POST
@izin_wajib("skm.delete_pengecualian")
def sertakan(request: HttpRequest, kode: str, pk: int) -> HttpResponse:
    return _ubah_pengecualian(
        request, kode, pk, services.sertakan, "tidak disertakan kembali", "dihitung kembali"
    )


@login_required
@require_safe
@izin_wajib("skm.view_responden")
def ekspor(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    opd = get_opd(request.user, kode)
    response = HttpResponse(ekspor_xlsx.jawaban_xlsx(opd, tahun), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="skm-{opd.kode}-{tahun}.xlsx"'
    return response


@login_required
@izin_wajib("skm.add_responden")
def impor(request: HttpRequest, kode: str) -> HttpResponse:
    opd = get_opd(request.user, kode)
    form = ImporForm(request.POST or None, request.FILES or None)
    masalah = []
    if request.method == "POST" and form.is_valid():
        berkas = form.cleaned_data["berkas"]
        try:
            hasil_impor = impor_xlsx(opd, berkas.read(), berkas.name, request.user)
        except ImporDitolak as exc:
            masalah = exc.masalah
        else:
            messages.success(request, f"Impor selesai: {hasil_impor}")
            return redirect("skm:beranda", kode=opd.kode)
    status = 400 if masalah else 200
    return render(
        request, "skm/impor.html", {"opd": opd, "form": form, "masalah": masalah}, status=status
    )
