"""Workflow screens: the approval panel of an LKIP year, the public verification of signed PDFs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
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
from lkip.uploads import tolak_terlalu_besar, upload_limit
from reports import signing, workflow
from reports.antrian import tandatangan as antrian_ttd
from reports.forms import AjukanForm, AlasanForm, KomentarForm, TandatanganiForm, VerifikasiForm
from reports.health import periksa
from reports.health.pengakuan import IZIN_AKUI, StatusTemuan, akui, status_temuan
from reports.laporan import build_laporan
from reports.laporan.struktur import Laporan
from reports.models import (
    STATUS_TERKUNCI,
    DokumenTertandatangani,
    LaporanTahunan,
    PenandatangananLaporan,
    StatusLaporan,
    StatusTandaTangan,
    pesan_terkunci,
)
from reports.verifikasi import MAKS_UKURAN, Verdikt, rincian_dokumen, verifikasi_pdf
from reports.workflow import AlurDitolak, Tindakan

#: Seconds between the automatic reloads of the panel while a signing is under way.
SEGARKAN_DETIK = 3

LANGKAH = [
    (StatusLaporan.DRAF, "Draf"),
    (StatusLaporan.DIAJUKAN, "Diajukan"),
    (StatusLaporan.DIREVIU, "Direviu (opsional)"),
    (StatusLaporan.DITANDATANGANI, "Disetujui dan ditandatangani"),
]


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


@dataclass(frozen=True)
class Alur:
    """What differs between the approval panel of an agency's LKIP and the pemda's own: where its
    report row comes from (access checked), who submits and who signs and their permissions, its
    draft (what a comment can point at), its findings, its routes and its page. rpjmd passes its
    own to these views in its URLs (`jenis`); everything else is one code path."""

    namespace: str
    templat: str
    laporan_tahunan: Callable[[HttpRequest, str, int], LaporanTahunan]
    pemilik: Callable[[LaporanTahunan], Any]  # the PerangkatDaerah or the Pemda
    draf: Callable[[LaporanTahunan], Laporan]
    temuan: Callable[[LaporanTahunan], list[StatusTemuan]]
    izin_ajukan: str
    izin_reviu: str
    izin_tandatangani: str
    pengaju: str
    penyetuju: str
    #: What submitting does to the data (the confirmation and the panel say it).
    akibat_ajukan: Callable[[LaporanTahunan], list[str]]
    #: Who acknowledges a warning with a reason, with which permission, and how it is stored:
    #: (lap, sidik, alasan, user) -> how many.
    pengaku: str
    izin_akui: str
    akui: Callable[[LaporanTahunan, list[str], str, Any], int]
    konteks: Callable[[LaporanTahunan], dict] = lambda lap: {"opd": lap.opd}

    def url(self, lap: LaporanTahunan) -> dict[str, str]:
        """Where the panel links and posts."""
        args = [self.pemilik(lap).kode, lap.tahun]
        return {
            nama: reverse(f"{self.namespace}:{url}", args=args)
            for nama, url in (
                ("alur", "alur"),
                ("laporan", "laporan"),
                ("ajukan", "alur_ajukan"),
                ("tandatangani", "alur_tandatangani"),
                ("tandatangani_ulang", "alur_tandatangani_ulang"),
                ("komentar", "alur_komentar"),
                ("kembalikan", "alur_kembalikan"),
                ("revisi", "alur_revisi"),
                ("temuan", "temuan"),
                ("akui", "temuan_akui"),
            )
        }


def _laporan_tahunan_opd(request: HttpRequest, kode: str, tahun: int) -> LaporanTahunan:
    opd = get_opd(request.user, kode)
    lap = workflow.laporan_tahunan(opd, tahun)
    if lap is None:
        raise Http404(f"{opd.nama} tidak memiliki periode Renstra yang memuat tahun {tahun}.")
    return lap


ALUR_OPD = Alur(
    namespace="reports",
    templat="reports/workflow/alur.html",
    laporan_tahunan=_laporan_tahunan_opd,
    pemilik=lambda lap: lap.opd,
    draf=lambda lap: build_laporan(lap.opd.kode, lap.tahun),
    temuan=lambda lap: status_temuan(lap.opd, lap.tahun, periksa(lap.opd, lap.tahun)),
    izin_ajukan=workflow.IZIN_AJUKAN,
    izin_reviu=workflow.IZIN_REVIU,
    izin_tandatangani=workflow.IZIN_TANDATANGANI,
    pengaju="Perencana",
    penyetuju="Kepala Dinas",
    akibat_ajukan=lambda lap: [
        f"Data tahun {lap.tahun} serta Renstra, tujuan, sasaran dan indikator terkunci sampai "
        "LKIP dikembalikan untuk perbaikan; setelah ditandatangani, data tahun itu terkunci "
        "sampai revisi dibuka.",
    ],
    pengaku="Perencana perangkat daerah",
    izin_akui=IZIN_AKUI,
    akui=lambda lap, sidik, alasan, user: akui(lap.opd, lap.tahun, sidik, alasan, user),
)


def _panel(
    request: HttpRequest,
    jenis: Alur,
    lap: LaporanTahunan,
    *,
    status: int = 200,
    penolakan: AlurDitolak | None = None,
    **forms,
) -> HttpResponse:
    ttd = antrian_ttd.keadaan(lap) if lap.pk else None
    if (
        ttd is not None
        and ttd.berhasil
        and lap.status != StatusLaporan.DITANDATANGANI
        and (lap.status_sejak or ttd.selesai) < ttd.selesai
    ):
        # Signed by the worker after `lap` was read: read it again (the signing's row is read
        # first, and the worker records it after the report's status).
        lap.refresh_from_db()
    boleh = workflow.tindakan(request.user, lap)
    temuan = jenis.temuan(lap)
    kesalahan = [s.temuan for s in temuan if s.temuan.adalah_kesalahan]
    dokumen = list(lap.dokumen_set.ringkas().order_by("-revisi")) if lap.pk else []
    terakhir = dokumen[0].revisi if dokumen else None
    sertifikat, sertifikat_masalah = None, ""
    if Tindakan.TANDATANGANI in boleh:
        try:
            sertifikat = signing.muat_sertifikat()
        except signing.SertifikatBermasalah as exc:
            sertifikat_masalah = str(exc)
    context = {
        **jenis.konteks(lap),
        "lap": lap,
        "subjek": jenis.pemilik(lap),
        "u": jenis.url(lap),
        "tahun": lap.tahun,
        "pengaju": jenis.pengaju,
        "penyetuju": jenis.penyetuju,
        "akibat_ajukan": jenis.akibat_ajukan(lap),
        "boleh": boleh,
        "penolakan": penolakan,
        "terkunci": pesan_terkunci(lap.tahun, lap.status) if lap.status in STATUS_TERKUNCI else "",
        "langkah": [(value, label, value == lap.status) for value, label in LANGKAH],
        "riwayat": list(lap.riwayat_set.select_related("oleh")) if lap.pk else [],
        "komentar": list(lap.komentar_set.select_related("oleh")) if lap.pk else [],
        "dokumen": [(d, d.status_teks(terakhir)) for d in dokumen],
        "kesalahan": kesalahan,
        "jumlah_kesalahan": len(kesalahan),
        "peringatan_terbuka": sum(1 for s in temuan if s.menghalangi) - len(kesalahan),
        "peringatan_diakui": sum(1 for s in temuan if s.pengakuan is not None),
        "langkah_berikut": workflow.langkah_berikut(request.user, lap),
        "sertifikat": sertifikat,
        "sertifikat_masalah": sertifikat_masalah,
        "alasan_revisi_terbuka": workflow.alasan_revisi_terbuka(lap),
        "revisi_berikut": len(dokumen),
        "form_ajukan": forms.get("ajukan") or _form_ajukan(jenis),
        "form_komentar": forms.get("komentar")
        or KomentarForm(prefix="komentar", pilihan=acuan_pilihan(jenis.draf(lap))),
        "form_kembalikan": forms.get("kembalikan") or AlasanForm(prefix="kembalikan"),
        "form_tandatangani": forms.get("tandatangani")
        or TandatanganiForm(
            prefix="ttd", initial={"alasan_revisi": workflow.alasan_revisi_terbuka(lap)}
        ),
        "form_revisi": forms.get("revisi") or AlasanForm(prefix="revisi"),
        "penandatanganan": ttd,
        "ttd_sedang": ttd is not None and ttd.sedang,
    }
    response = render(request, jenis.templat, context, status=status)
    if context["ttd_sedang"]:
        response["Refresh"] = str(SEGARKAN_DETIK)  # reloads itself until the signing is done
    return response


def _form_ajukan(jenis: Alur, data=None) -> AjukanForm:
    form = AjukanForm(data, prefix="ajukan")
    form.fields["catatan"].label = f"Catatan untuk {jenis.penyetuju} (opsional)"
    return form


@login_required
@require_safe
def alur(request: HttpRequest, kode: str, tahun: int, jenis: Alur = ALUR_OPD) -> HttpResponse:
    return _panel(request, jenis, jenis.laporan_tahunan(request, kode, tahun))


def _selesai(request: HttpRequest, jenis: Alur, lap: LaporanTahunan, pesan: str) -> HttpResponse:
    messages.success(request, pesan)
    return redirect(jenis.url(lap)["alur"])


@dataclass(frozen=True)
class Tanya:
    """The confirmation of an irreversible workflow action."""

    judul: str
    pertanyaan: str
    akibat: list[str]
    tombol: str


def _tindakan(
    request: HttpRequest,
    jenis: Alur,
    kode: str,
    tahun: int,
    *,
    izin: Callable[[Alur], tuple[str, ...]],
    kunci: str,
    form: Callable[[LaporanTahunan], forms.Form],
    jalankan: Callable[[LaporanTahunan, dict], str],
    tanya: Callable[[LaporanTahunan], Tanya] | None = None,
) -> HttpResponse:
    """Every workflow action: the LKIP, the permission, the bound form, the action, the message.

    An invalid form shows the panel again with the errors beside the fields; a refusal by the
    workflow (AlurDitolak) shows it with the reason and status 409; success redirects with the
    message. An irreversible action (`tanya`) first answers a valid form with a confirmation page
    that posts it again confirmed (lkip.konfirmasi): without `konfirmasi=ya` nothing changes.
    """
    lap = jenis.laporan_tahunan(request, kode, tahun)
    wajib_izin(request.user, *izin(jenis))
    bound = form(lap)
    if not bound.is_valid():
        return _panel(request, jenis, lap, **{kunci: bound})
    if tanya is not None and not dikonfirmasi(request):
        t = tanya(lap)
        return minta_konfirmasi(
            request,
            judul=t.judul,
            pertanyaan=t.pertanyaan,
            akibat=t.akibat,
            tombol=t.tombol,
            batal=jenis.url(lap)["alur"],
            opd=lap.opd,
        )
    try:
        pesan = jalankan(lap, bound.cleaned_data)
    except AlurDitolak as exc:
        return _panel(request, jenis, lap, status=409, penolakan=exc, **{kunci: bound})
    return _selesai(request, jenis, lap, pesan)


def _nama(lap: LaporanTahunan) -> str:
    return (lap.opd or lap.pemda).nama


@login_required
@require_POST
def ajukan(request: HttpRequest, kode: str, tahun: int, jenis: Alur = ALUR_OPD) -> HttpResponse:
    def jalankan(lap: LaporanTahunan, data: dict) -> str:
        workflow.ajukan(lap, request.user, data["catatan"])
        return f"LKIP {_nama(lap)} {lap.tahun} diajukan untuk persetujuan {jenis.penyetuju}."

    return _tindakan(
        request,
        jenis,
        kode,
        tahun,
        izin=lambda j: (j.izin_ajukan,),
        kunci="ajukan",
        form=lambda lap: _form_ajukan(jenis, request.POST),
        jalankan=jalankan,
        tanya=lambda lap: Tanya(
            f"Ajukan LKIP {lap.tahun}?",
            f"LKIP {_nama(lap)} {lap.tahun} akan diajukan untuk persetujuan {jenis.penyetuju}.",
            [
                *jenis.akibat_ajukan(lap),
                f"Inspektorat dapat memberi komentar reviu; {jenis.penyetuju} menyetujui dan "
                "menandatangani atau mengembalikan.",
            ],
            "Ya, ajukan",
        ),
    )


@login_required
@require_POST
def komentar(request: HttpRequest, kode: str, tahun: int, jenis: Alur = ALUR_OPD) -> HttpResponse:
    def jalankan(lap: LaporanTahunan, data: dict) -> str:
        workflow.beri_komentar(lap, request.user, data["acuan"], data["teks"])
        return f"Komentar reviu pada {data['acuan']} tersimpan."

    return _tindakan(
        request,
        jenis,
        kode,
        tahun,
        izin=lambda j: (j.izin_reviu,),
        kunci="komentar",
        jalankan=jalankan,
        form=lambda lap: KomentarForm(
            request.POST, prefix="komentar", pilihan=acuan_pilihan(jenis.draf(lap))
        ),
    )


@login_required
@require_POST
def kembalikan(request: HttpRequest, kode: str, tahun: int, jenis: Alur = ALUR_OPD) -> HttpResponse:
    def jalankan(lap: LaporanTahunan, data: dict) -> str:
        workflow.kembalikan(lap, request.user, data["alasan"])
        return f"LKIP {_nama(lap)} {lap.tahun} dikembalikan ke {jenis.pengaju} untuk perbaikan."

    return _tindakan(
        request,
        jenis,
        kode,
        tahun,
        izin=lambda j: (j.izin_reviu, j.izin_tandatangani),
        kunci="kembalikan",
        form=lambda lap: AlasanForm(request.POST, prefix="kembalikan"),
        jalankan=jalankan,
        tanya=lambda lap: Tanya(
            f"Kembalikan LKIP {lap.tahun}?",
            f"LKIP {_nama(lap)} {lap.tahun} akan dikembalikan ke {jenis.pengaju} untuk perbaikan.",
            [
                "LKIP kembali menjadi draf dan datanya dapat diubah lagi.",
                f"{jenis.pengaju} harus mengajukannya kembali sebelum dapat ditandatangani.",
            ],
            "Ya, kembalikan",
        ),
    )


@login_required
@require_POST
def tandatangani(
    request: HttpRequest, kode: str, tahun: int, jenis: Alur = ALUR_OPD
) -> HttpResponse:
    def jalankan(lap: LaporanTahunan, data: dict) -> str:
        antrian_ttd.minta(lap, request.user, data["alasan_revisi"])
        return (
            f"Persetujuan dan tanda tangan LKIP {_nama(lap)} {lap.tahun} sedang diproses di "
            "latar belakang; halaman ini menampilkan kemajuan dan hasilnya."
        )

    return _tindakan(
        request,
        jenis,
        kode,
        tahun,
        izin=lambda j: (j.izin_tandatangani,),
        kunci="tandatangani",
        form=lambda lap: TandatanganiForm(request.POST, prefix="ttd"),
        jalankan=jalankan,
        tanya=lambda lap: Tanya(
            f"Setujui dan tandatangani LKIP {lap.tahun}?",
            f"LKIP {_nama(lap)} {lap.tahun} akan disetujui dan ditandatangani secara "
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
def tandatangani_ulang(
    request: HttpRequest, kode: str, tahun: int, jenis: Alur = ALUR_OPD
) -> HttpResponse:
    """'Coba lagi' after a failed signing: the same request (its reason of revision) queued again
    for the signer who retries it (the workflow checks it is theirs to sign)."""
    lap = jenis.laporan_tahunan(request, kode, tahun)
    wajib_izin(request.user, jenis.izin_tandatangani)
    gagal = PenandatangananLaporan.objects.filter(
        laporan=lap, status=StatusTandaTangan.GAGAL
    ).first()
    try:
        antrian_ttd.minta(lap, request.user, gagal.alasan_revisi if gagal else "")
    except AlurDitolak as exc:
        return _panel(request, jenis, lap, status=409, penolakan=exc)
    return _selesai(request, jenis, lap, "Penandatanganan diantrekan kembali.")


@login_required
@require_POST
def buka_revisi(
    request: HttpRequest, kode: str, tahun: int, jenis: Alur = ALUR_OPD
) -> HttpResponse:
    def jalankan(lap: LaporanTahunan, data: dict) -> str:
        workflow.buka_revisi(lap, request.user, data["alasan"])
        return (
            f"Revisi LKIP {_nama(lap)} {lap.tahun} dibuka; dokumen yang sudah ditandatangani "
            "tetap tersimpan dan dapat diunduh."
        )

    return _tindakan(
        request,
        jenis,
        kode,
        tahun,
        izin=lambda j: (j.izin_ajukan, j.izin_tandatangani),
        kunci="revisi",
        form=lambda lap: AlasanForm(request.POST, prefix="revisi"),
        jalankan=jalankan,
        tanya=lambda lap: Tanya(
            f"Buat revisi LKIP {lap.tahun}?",
            f"Revisi LKIP {_nama(lap)} {lap.tahun} akan dibuka.",
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
    if tolak_terlalu_besar(request, form, "berkas", "Berkas PDF"):
        # Stopped at the limit while the body was read (lkip/uploads.py): nothing to verify.
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
        DokumenTertandatangani.objects.select_related("laporan__opd", "laporan__pemda"),
        pk=dokumen_id,
    )
    response = HttpResponse(bytes(dokumen.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{dokumen.nama_berkas}"'
    return response
