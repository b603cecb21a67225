"""The LHE and after: findings and recommendations, the LHE PDF and its signature, its public
verification page, the follow-up of recommendations, and the pemda's recap."""

from __future__ import annotations

from uuid import UUID

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from evaluasi import lhe as lhe_mod
from evaluasi import rekap as rekap_mod
from evaluasi import services
from evaluasi.models import (
    CatatanKomponen,
    Komponen,
    LHETertandatangani,
    Rekomendasi,
    StatusTindakLanjut,
)
from evaluasi.services import Ditolak
from evaluasi.views import LIHAT, _evaluasi, _kembali, _peran, isian_tanggal, remah
from lkip.access import get_opd, izin_wajib, opd_for_user
from lkip.forms import BUKTI_MAKS, BuktiField
from lkip.konfirmasi import dikonfirmasi, minta_konfirmasi
from lkip.uploads import tolak_terlalu_besar, upload_limit
from reports.laporan.batas import TANPA_PDF
from reports.signing import waktu_teks

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class RekomendasiForm(forms.Form):
    komponen = forms.TypedChoiceField(label="Komponen", coerce=int)
    teks = forms.CharField(label="Rekomendasi", widget=forms.Textarea(attrs={"rows": 3}))
    batas = isian_tanggal("Batas waktu tindak lanjut")

    def __init__(self, *args, komponen=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["komponen"].choices = [(k.pk, str(k)) for k in komponen]

    def clean_batas(self):
        batas = self.cleaned_data["batas"]
        if alasan := services.alasan_batas_tindak_lanjut(batas):
            raise forms.ValidationError(alasan)
        return batas


@login_required
@izin_wajib(LIHAT)
def temuan(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    """Findings per component and the recommendations (the LHE's chapters); the evaluator edits."""
    evaluasi = _evaluasi(request, kode, tahun)
    komponen = list(Komponen.objects.filter(lembar=evaluasi.lembar))
    peran = _peran(request, evaluasi)
    form = RekomendasiForm(komponen=komponen)
    status = 200
    if request.method == "POST":
        if not request.user.has_perm("evaluasi.nilai_evaluasi"):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied("Peran Anda tidak berhak mengubah temuan dan rekomendasi.")
        try:
            if "catatan" in request.POST:
                for k in komponen:
                    services.simpan_catatan(evaluasi, k.pk, request.POST.get(f"temuan-{k.pk}", ""))
                messages.success(request, "Catatan per komponen disimpan.")
                return redirect("evaluasi:temuan", kode=kode, tahun=tahun)
            form = RekomendasiForm(request.POST, komponen=komponen)
            if form.is_valid():
                d = form.cleaned_data
                services.tambah_rekomendasi(evaluasi, d["komponen"], d["teks"], d["batas"])
                messages.success(request, "Rekomendasi ditambahkan.")
                return redirect("evaluasi:temuan", kode=kode, tahun=tahun)
            status = 400
        except Ditolak as exc:
            messages.error(request, f"Tidak ada yang disimpan. {exc}")
            status = 400
    catatan = {c.komponen_id: c.temuan for c in CatatanKomponen.objects.filter(evaluasi=evaluasi)}
    rek = list(evaluasi.rekomendasi_set.select_related("komponen"))
    return render(
        request,
        "evaluasi/temuan.html",
        {
            "opd": evaluasi.opd,
            "evaluasi": evaluasi,
            "komponen": [(k, catatan.get(k.pk, "")) for k in komponen],
            "rekomendasi": rek,
            "form": form,
            **peran,
        },
        status=status,
    )


@login_required
@require_safe
@izin_wajib(LIHAT)
def lhe_pdf(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    """The newest signed LHE, or (before signing) the draft rendered from the current values."""
    evaluasi = _evaluasi(request, kode, tahun)
    dok = evaluasi.lhe_set.order_by("-revisi").first()
    if dok is not None and evaluasi.adalah_final:
        pdf, nama = bytes(dok.pdf), dok.nama_berkas
    else:
        try:
            pdf = lhe_mod.render_lhe_pdf(lhe_mod.bangun_lhe(evaluasi))
        except TANPA_PDF as exc:
            messages.error(request, f"PDF LHE tidak tersusun. {exc.pesan}")
            return redirect(_kembali(kode, tahun))
        nama = f"lhe-{kode}-{tahun}-draf.pdf"
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{nama}"'
    return response


@login_required
@require_POST
@izin_wajib("evaluasi.tandatangani_lhe")
def tandatangani(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    evaluasi = _evaluasi(request, kode, tahun)
    if not dikonfirmasi(request):
        return minta_konfirmasi(
            request,
            judul="Tandatangani LHE",
            pertanyaan=f"Tandatangani LHE AKIP {evaluasi.opd.nama} tahun {tahun} secara "
            "elektronik?",
            tombol="Ya, tandatangani",
            batal=_kembali(kode, tahun),
            akibat=[
                "PDF LHE dibekukan dan ditandatangani dengan sertifikat penandatanganan; "
                "siapa pun dapat memeriksanya di halaman verifikasi."
            ],
            terhalang=[alasan]
            if (alasan := lhe_mod.alasan_tidak_bisa_tandatangani(evaluasi))
            else [],
            opd=evaluasi.opd,
            remah=remah(evaluasi),
        )
    try:
        lhe_mod.tandatangani_lhe(evaluasi, request.user)
        messages.success(request, "LHE ditandatangani secara elektronik.")
    except Ditolak as exc:
        messages.error(request, str(exc))
    except TANPA_PDF as exc:
        messages.error(request, f"LHE belum ditandatangani. {exc.pesan}")
    return redirect(_kembali(kode, tahun))


def rincian_lhe(dok: LHETertandatangani) -> tuple[tuple[str, str], ...]:
    from lkip import formulas

    e = dok.evaluasi
    return (
        ("Dokumen", f"Laporan Hasil Evaluasi AKIP tahun {e.tahun} (kinerja {e.tahun_kinerja})"),
        ("Perangkat daerah", e.opd.nama),
        ("Nomor LHE", e.nomor_lhe),
        ("Nilai dan predikat", f"{formulas.format_angka(dok.nilai)} ({dok.predikat})"),
        ("Revisi", str(dok.revisi)),
        ("Penanda tangan", f"{dok.nama_penandatangan}, {dok.jabatan_penandatangan}"),
        ("Waktu penandatanganan", waktu_teks(dok.ditandatangani)),
        ("Sertifikat", dok.sertifikat_subjek),
        ("SHA-256", dok.sha256),
    )


def _status(dok: LHETertandatangani) -> str:
    baru = dok.evaluasi.lhe_set.order_by("-revisi").values_list("revisi", flat=True).first()
    return "berlaku" if baru == dok.revisi else f"digantikan oleh revisi {baru}"


@require_safe
def verifikasi_lhe(request: HttpRequest, dokumen_id: UUID) -> HttpResponse:
    """What the QR code on a signed LHE opens (no login)."""
    dok = get_object_or_404(
        LHETertandatangani.objects.select_related("evaluasi__opd").defer("pdf"), pk=dokumen_id
    )
    status = _status(dok)
    return render(
        request,
        "evaluasi/verifikasi.html",
        {
            "dok": dok,
            "status": status,
            "berlaku": status == "berlaku",
            "rincian": rincian_lhe(dok) + (("Status", status),),
        },
    )


@require_safe
def unduh_lhe(request: HttpRequest, dokumen_id: UUID) -> HttpResponse:
    dok = get_object_or_404(
        LHETertandatangani.objects.select_related("evaluasi__opd"), pk=dokumen_id
    )
    response = HttpResponse(bytes(dok.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{dok.nama_berkas}"'
    return response


# --- follow-up ---------------------------------------------------------------------------


@login_required
@require_safe
@izin_wajib(LIHAT)
def tindak_lanjut(request: HttpRequest, kode: str) -> HttpResponse:
    """Every recommendation of the agency's LHEs with its follow-up status, overdue first."""
    opd = get_opd(request.user, kode)
    hari = timezone.localdate()
    rek = list(
        Rekomendasi.objects.filter(evaluasi__opd=opd)
        .select_related("evaluasi", "komponen")
        .order_by("-evaluasi__tahun", "nomor")
    )
    return render(
        request,
        "evaluasi/tindak_lanjut.html",
        {"opd": opd, "rekomendasi": rek, "hari": hari, "selesai": StatusTindakLanjut.SELESAI},
    )


class TanggapanForm(forms.Form):
    tanggapan = forms.CharField(
        label="Uraian tindak lanjut", widget=forms.Textarea(attrs={"rows": 4})
    )
    bukti = BuktiField(label="Bukti tindak lanjut (PDF, PNG, JPEG; paling besar 5 MB)")


class VerifikasiForm(forms.Form):
    keputusan = forms.ChoiceField(
        label="Keputusan",
        choices=[("terima", "Terima (selesai)"), ("perbaikan", "Perlu perbaikan")],
        widget=forms.RadioSelect,
    )
    catatan = forms.CharField(
        label="Catatan Inspektorat", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


@login_required
@upload_limit(BUKTI_MAKS)
@izin_wajib(LIHAT)
def rekomendasi(request: HttpRequest, kode: str, pk: int) -> HttpResponse:
    """One recommendation: the agency responds with evidence; the Inspektorat accepts or returns."""
    opd = get_opd(request.user, kode)
    rek = (
        Rekomendasi.objects.filter(pk=pk, evaluasi__opd=opd)
        .select_related("evaluasi", "komponen")
        .first()
    )
    if rek is None:
        raise Http404("Rekomendasi tidak ditemukan.")
    user = request.user
    bisa_tanggapi = (
        user.has_perm("evaluasi.tanggapi_rekomendasi") and rek.status != StatusTindakLanjut.SELESAI
    )
    bisa_verifikasi = (
        user.has_perm("evaluasi.verifikasi_rekomendasi") and rek.status == StatusTindakLanjut.PROSES
    )
    tform, vform, status = (
        TanggapanForm(initial={"tanggapan": rek.tanggapan}),
        VerifikasiForm(),
        200,
    )
    if request.method == "POST":
        from django.core.exceptions import PermissionDenied

        try:
            if "keputusan" in request.POST:
                if not user.has_perm("evaluasi.verifikasi_rekomendasi"):
                    raise PermissionDenied("Peran Anda tidak berhak memverifikasi tindak lanjut.")
                vform = VerifikasiForm(request.POST)
                if vform.is_valid():
                    services.verifikasi_tl(
                        rek,
                        vform.cleaned_data["keputusan"] == "terima",
                        vform.cleaned_data["catatan"],
                    )
                    messages.success(request, "Verifikasi tindak lanjut disimpan.")
                    return redirect("evaluasi:rekomendasi", kode=kode, pk=pk)
            else:
                if not user.has_perm("evaluasi.tanggapi_rekomendasi"):
                    raise PermissionDenied("Peran Anda tidak berhak menanggapi rekomendasi.")
                tform = TanggapanForm(request.POST, request.FILES)
                terlalu_besar = tolak_terlalu_besar(request, tform, "bukti", "Berkas bukti")
                if not terlalu_besar and tform.is_valid():
                    services.tanggapi(
                        rek, tform.cleaned_data["tanggapan"], tform.cleaned_data["bukti"]
                    )
                    messages.success(request, "Tindak lanjut dikirim ke Inspektorat.")
                    return redirect("evaluasi:rekomendasi", kode=kode, pk=pk)
        except Ditolak as exc:
            messages.error(request, f"Tidak ada yang disimpan. {exc}")
        status = 400
    return render(
        request,
        "evaluasi/rekomendasi.html",
        {
            "opd": opd,
            "rek": rek,
            "tform": tform if bisa_tanggapi else None,
            "vform": vform if bisa_verifikasi else None,
            "terlambat": rek.status != StatusTindakLanjut.SELESAI
            and rek.batas < timezone.localdate(),
        },
        status=status,
    )


@login_required
@require_safe
@izin_wajib(LIHAT)
def unduh_bukti_tl(request: HttpRequest, kode: str, pk: int) -> HttpResponse:
    opd = get_opd(request.user, kode)
    rek = Rekomendasi.objects.filter(pk=pk, evaluasi__opd=opd).first()
    if rek is None or not rek.bukti:
        raise Http404("Berkas bukti tidak ditemukan.")
    try:
        handle = rek.bukti.open("rb")
    except FileNotFoundError as exc:
        raise Http404("Berkas bukti tidak ditemukan.") from exc
    return FileResponse(
        handle,
        as_attachment=True,
        filename=f"tindak-lanjut-{rek.pk}-{rek.bukti.name.rsplit('/', 1)[-1]}",
    )


# --- across the pemda --------------------------------------------------------------------


@login_required
@require_safe
@izin_wajib(LIHAT)
def rekap(request: HttpRequest, tahun: int) -> HttpResponse:
    """Ranking by score and predicate, distribution of predicates, movement on last year."""
    opd_list = list(opd_for_user(request.user))
    sebelum, sesudah = rekap_mod.tahun_tetangga(opd_list, tahun)
    return render(
        request,
        "evaluasi/rekap.html",
        {
            "rekap": rekap_mod.bangun(opd_list, tahun),
            "tahun": tahun,
            "sebelum": sebelum,
            "sesudah": sesudah,
        },
    )


@login_required
@require_safe
@izin_wajib(LIHAT)
def rekap_xlsx(request: HttpRequest, tahun: int) -> HttpResponse:
    data = rekap_mod.bangun(list(opd_for_user(request.user)), tahun)
    response = HttpResponse(rekap_mod.xlsx_rekap(data), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="rekap-evaluasi-akip-{tahun}.xlsx"'
    return response
