"""Workflow screens: the approval panel of an LKIP year, the public verification of signed PDFs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from uuid import UUID

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from lkip.access import get_opd, wajib_izin
from lkip.konfirmasi import dikonfirmasi, minta_konfirmasi
from lkip.uploads import upload_limit, upload_refused
from reports import signing, workflow
from reports.forms import AjukanForm, AlasanForm, KomentarForm, TandatanganiForm, VerifikasiForm
from reports.health import periksa
from reports.health.pengakuan import status_temuan
from reports.laporan import build_laporan
from reports.laporan.struktur import Laporan
from reports.models import (
    STATUS_TERKUNCI,
    DokumenTertandatangani,
    LaporanTahunan,
    StatusLaporan,
    pesan_terkunci,
)
from reports.verifikasi import MAKS_UKURAN, Verdikt, rincian_dokumen, verifikasi_pdf
from reports.workflow import AlurDitolak, Tindakan

LANGKAH = [
    (StatusLaporan.DRAF, "Draf"),
    (StatusLaporan.DIAJUKAN, "Diajukan"),
    (StatusLaporan.DIREVIU, "Direviu (opsional)"),
    (StatusLaporan.DITANDATANGANI, "Disetujui dan ditandatangani"),
]


def _laporan_tahunan(request: HttpRequest, kode: str, tahun: int) -> LaporanTahunan:
    opd = get_opd(request.user, kode)
    lap = workflow.laporan_tahunan(opd, tahun)
    if lap is None:
        raise Http404(f"{opd.nama} tidak memiliki periode Renstra yang memuat tahun {tahun}.")
    return lap


def acuan_pilihan(laporan: Laporan) -> list[tuple[str, list[tuple[str, str]]]]:
    """Chapters, tables and figures a review comment can point at (grouped for the select)."""
    bab = [("Kata Pengantar", "Kata Pengantar"), ("Ikhtisar Eksekutif", "Ikhtisar Eksekutif")]
    for b in laporan.bab:
        bab.append((b.judul_lengkap[:100], b.judul_lengkap))
        bab += [(s.judul_lengkap[:100], f"\u2003{s.judul_lengkap}") for s in b.sub]
    bab += [(x.judul_lengkap[:100], x.judul_lengkap) for x in laporan.lampiran]
    tabel = [(f"{t.label} {t.judul}"[:100], f"{t.label} {t.judul}") for t in laporan.semua_tabel()]
    gambar = [
        (f"{g.label} {g.judul}"[:100], f"{g.label} {g.judul}") for g in laporan.semua_gambar()
    ]
    return [("Bab dan bagian", bab), ("Tabel", tabel)] + ([("Gambar", gambar)] if gambar else [])


def _panel(
    request: HttpRequest,
    lap: LaporanTahunan,
    *,
    status: int = 200,
    penolakan: AlurDitolak | None = None,
    **forms,
) -> HttpResponse:
    laporan = build_laporan(
        lap.opd.kode, lap.tahun
    )  # what can be commented on, and the data-health check
    boleh = workflow.tindakan(request.user, lap)
    temuan = status_temuan(lap.opd, lap.tahun, periksa(lap.opd, lap.tahun))
    dokumen = list(lap.dokumen_set.ringkas().order_by("-revisi")) if lap.pk else []
    terakhir = dokumen[0].revisi if dokumen else None
    sertifikat, sertifikat_masalah = None, ""
    if Tindakan.TANDATANGANI in boleh:
        try:
            sertifikat = signing.muat_sertifikat()
        except signing.SertifikatBermasalah as exc:
            sertifikat_masalah = str(exc)
    context = {
        "lap": lap,
        "opd": lap.opd,
        "tahun": lap.tahun,
        "boleh": boleh,
        "penolakan": penolakan,
        "terkunci": pesan_terkunci(lap.tahun, lap.status) if lap.status in STATUS_TERKUNCI else "",
        "langkah": [(value, label, value == lap.status) for value, label in LANGKAH],
        "riwayat": list(lap.riwayat_set.select_related("oleh")) if lap.pk else [],
        "komentar": list(lap.komentar_set.select_related("oleh")) if lap.pk else [],
        "dokumen": [(d, d.status_teks(terakhir)) for d in dokumen],
        "kesalahan": [s.temuan for s in temuan if s.temuan.adalah_kesalahan],
        "jumlah_kesalahan": sum(1 for s in temuan if s.temuan.adalah_kesalahan),
        "peringatan_terbuka": sum(1 for s in temuan if s.menghalangi)
        - sum(1 for s in temuan if s.temuan.adalah_kesalahan),
        "peringatan_diakui": sum(1 for s in temuan if s.pengakuan is not None),
        "langkah_berikut": workflow.langkah_berikut(request.user, lap),
        "sertifikat": sertifikat,
        "sertifikat_masalah": sertifikat_masalah,
        "alasan_revisi_terbuka": workflow.alasan_revisi_terbuka(lap),
        "revisi_berikut": len(dokumen),
        "form_ajukan": forms.get("ajukan") or AjukanForm(prefix="ajukan"),
        "form_komentar": forms.get("komentar")
        or KomentarForm(prefix="komentar", pilihan=acuan_pilihan(laporan)),
        "form_kembalikan": forms.get("kembalikan") or AlasanForm(prefix="kembalikan"),
        "form_tandatangani": forms.get("tandatangani")
        or TandatanganiForm(
            prefix="ttd", initial={"alasan_revisi": workflow.alasan_revisi_terbuka(lap)}
        ),
        "form_revisi": forms.get("revisi") or AlasanForm(prefix="revisi"),
    }
    return render(request, "reports/workflow/alur.html", context, status=status)


@login_required
@require_safe
def alur(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    return _panel(request, _laporan_tahunan(request, kode, tahun))


def _selesai(request: HttpRequest, lap: LaporanTahunan, pesan: str) -> HttpResponse:
    messages.success(request, pesan)
    return redirect("reports:alur", kode=lap.opd.kode, tahun=lap.tahun)


@dataclass(frozen=True)
class Tanya:
    """The confirmation of an irreversible workflow action."""

    judul: str
    pertanyaan: str
    akibat: list[str]
    tombol: str


def _tindakan(
    request: HttpRequest,
    kode: str,
    tahun: int,
    *,
    izin: tuple[str, ...],
    kunci: str,
    form: Callable[[LaporanTahunan], forms.Form],
    jalankan: Callable[[LaporanTahunan, dict], str],
    tanya: Callable[[LaporanTahunan], Tanya] | None = None,
) -> HttpResponse:
    """Every workflow action: the agency's LKIP, the permission, the bound form, the action, the
    message.

    An invalid form shows the panel again with the errors beside the fields; a refusal by the
    workflow (AlurDitolak) shows it with the reason and status 409; success redirects with the
    message. An irreversible action (`tanya`) first answers a valid form with a confirmation page
    that posts it again confirmed (lkip.konfirmasi): without `konfirmasi=ya` nothing changes.
    """
    lap = _laporan_tahunan(request, kode, tahun)
    wajib_izin(request.user, *izin)
    bound = form(lap)
    if not bound.is_valid():
        return _panel(request, lap, **{kunci: bound})
    if tanya is not None and not dikonfirmasi(request):
        t = tanya(lap)
        return minta_konfirmasi(
            request,
            judul=t.judul,
            pertanyaan=t.pertanyaan,
            akibat=t.akibat,
            tombol=t.tombol,
            batal=reverse("reports:alur", args=[lap.opd.kode, lap.tahun]),
            opd=lap.opd,
        )
    try:
        pesan = jalankan(lap, bound.cleaned_data)
    except AlurDitolak as exc:
        return _panel(request, lap, status=409, penolakan=exc, **{kunci: bound})
    return _selesai(request, lap, pesan)


@login_required
@require_POST
def ajukan(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    def jalankan(lap: LaporanTahunan, data: dict) -> str:
        workflow.ajukan(lap, request.user, data["catatan"])
        return f"LKIP {lap.opd.nama} {lap.tahun} diajukan untuk persetujuan Kepala Dinas."

    return _tindakan(
        request,
        kode,
        tahun,
        izin=(workflow.IZIN_AJUKAN,),
        kunci="ajukan",
        form=lambda lap: AjukanForm(request.POST, prefix="ajukan"),
        jalankan=jalankan,
        tanya=lambda lap: Tanya(
            f"Ajukan LKIP {lap.tahun}?",
            f"LKIP {lap.opd.nama} {lap.tahun} akan diajukan untuk persetujuan Kepala Dinas.",
            [
                f"Data tahun {lap.tahun} serta Renstra, tujuan, sasaran dan indikator terkunci "
                "sampai LKIP dikembalikan untuk perbaikan.",
                "Inspektorat dapat memberi komentar reviu; Kepala Dinas menyetujui dan "
                "menandatangani atau mengembalikan.",
            ],
            "Ya, ajukan",
        ),
    )


@login_required
@require_POST
def komentar(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    def jalankan(lap: LaporanTahunan, data: dict) -> str:
        workflow.beri_komentar(lap, request.user, data["acuan"], data["teks"])
        return f"Komentar reviu pada {data['acuan']} tersimpan."

    return _tindakan(
        request,
        kode,
        tahun,
        izin=(workflow.IZIN_REVIU,),
        kunci="komentar",
        jalankan=jalankan,
        form=lambda lap: KomentarForm(
            request.POST,
            prefix="komentar",
            pilihan=acuan_pilihan(build_laporan(lap.opd.kode, lap.tahun)),
        ),
    )


@login_required
@require_POST
def kembalikan(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    def jalankan(lap: LaporanTahunan, data: dict) -> str:
        workflow.kembalikan(lap, request.user, data["alasan"])
        return f"LKIP {lap.opd.nama} {lap.tahun} dikembalikan ke Perencana untuk perbaikan."

    return _tindakan(
        request,
        kode,
        tahun,
        izin=(workflow.IZIN_REVIU, workflow.IZIN_TANDATANGANI),
        kunci="kembalikan",
        form=lambda lap: AlasanForm(request.POST, prefix="kembalikan"),
        jalankan=jalankan,
        tanya=lambda lap: Tanya(
            f"Kembalikan LKIP {lap.tahun}?",
            f"LKIP {lap.opd.nama} {lap.tahun} akan dikembalikan ke Perencana untuk perbaikan.",
            [
                "LKIP kembali menjadi draf dan datanya dapat diubah lagi.",
                "Perencana harus mengajukannya kembali sebelum dapat ditandatangani.",
            ],
            "Ya, kembalikan",
        ),
    )


@login_required
@require_POST
def tandatangani(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    def jalankan(lap: LaporanTahunan, data: dict) -> str:
        dokumen = workflow.setujui_dan_tandatangani(lap, request.user, data["alasan_revisi"])
        return (
            f"LKIP {lap.opd.nama} {lap.tahun} disetujui dan ditandatangani secara elektronik "
            f"(revisi {dokumen.revisi})."
        )

    return _tindakan(
        request,
        kode,
        tahun,
        izin=(workflow.IZIN_TANDATANGANI,),
        kunci="tandatangani",
        form=lambda lap: TandatanganiForm(request.POST, prefix="ttd"),
        jalankan=jalankan,
        tanya=lambda lap: Tanya(
            f"Setujui dan tandatangani LKIP {lap.tahun}?",
            f"LKIP {lap.opd.nama} {lap.tahun} akan disetujui dan ditandatangani secara "
            "elektronik atas nama Anda.",
            [
                "Isi LKIP dibekukan; dokumen PDF final dibuat dan diberi tanda tangan elektronik.",
                f"Data tahun {lap.tahun} terkunci; koreksi sesudahnya hanya lewat revisi yang "
                "ditandatangani kembali.",
            ],
            "Ya, setujui dan tandatangani",
        ),
    )


@login_required
@require_POST
def buka_revisi(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    def jalankan(lap: LaporanTahunan, data: dict) -> str:
        workflow.buka_revisi(lap, request.user, data["alasan"])
        return (
            f"Revisi LKIP {lap.opd.nama} {lap.tahun} dibuka; dokumen yang sudah ditandatangani "
            "tetap tersimpan dan dapat diunduh."
        )

    return _tindakan(
        request,
        kode,
        tahun,
        izin=(workflow.IZIN_AJUKAN, workflow.IZIN_TANDATANGANI),
        kunci="revisi",
        form=lambda lap: AlasanForm(request.POST, prefix="revisi"),
        jalankan=jalankan,
        tanya=lambda lap: Tanya(
            f"Buat revisi LKIP {lap.tahun}?",
            f"Revisi LKIP {lap.opd.nama} {lap.tahun} akan dibuka.",
            [
                "LKIP kembali menjadi draf; data tahun itu dapat dikoreksi.",
                "Dokumen yang sudah ditandatangani tidak berubah dan tetap dapat diunduh; "
                "koreksinya harus diajukan dan ditandatangani kembali sebagai revisi baru.",
            ],
            "Ya, buat revisi",
        ),
    )


# --- Public: no login ------------------------------------------------------------------------


@upload_limit(MAKS_UKURAN)
def verifikasi(request: HttpRequest) -> HttpResponse:
    """Upload a PDF and learn whether it is exactly a signed LKIP of this system."""
    bound = request.method == "POST"
    form = VerifikasiForm(request.POST if bound else None, request.FILES if bound else None)
    verdikt = None
    if refused := upload_refused(request):
        # Stopped at the limit while the body was read (lkip/uploads.py): nothing to verify.
        form.is_valid()
        form.errors.clear()
        form.add_error("berkas", refused.pesan("Berkas PDF"))
        context = {"form": form, "verdikt": None}
        return render(request, "reports/workflow/verifikasi.html", context, status=413)
    if bound and form.is_valid():
        berkas = form.cleaned_data["berkas"]
        if berkas.size > MAKS_UKURAN:
            verdikt = Verdikt(
                False, f"berkas terlalu besar; batasnya {MAKS_UKURAN // 1024 // 1024} MB."
            )
        else:
            verdikt = verifikasi_pdf(berkas.read())
    return render(request, "reports/workflow/verifikasi.html", {"form": form, "verdikt": verdikt})


@require_safe
def verifikasi_dokumen(request: HttpRequest, dokumen_id: UUID) -> HttpResponse:
    """What the QR code on a signed LKIP opens: the document's identity, whether it still stands."""
    dokumen = get_object_or_404(DokumenTertandatangani.objects.ringkas(), pk=dokumen_id)
    status = dokumen.status_teks()
    return render(
        request,
        "reports/workflow/dokumen.html",
        {
            "dokumen": dokumen,
            "status": status,
            "berlaku": status == "berlaku",
            "rincian": rincian_dokumen(dokumen, status),
        },
    )


@require_safe
def unduh_dokumen(request: HttpRequest, dokumen_id: UUID) -> HttpResponse:
    """The signed PDF exactly as stored (every revision stays downloadable)."""
    dokumen = get_object_or_404(
        DokumenTertandatangani.objects.select_related("laporan__opd"), pk=dokumen_id
    )
    response = HttpResponse(bytes(dokumen.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{dokumen.nama_berkas}"'
    return response
