"""The exchange workbook in the browser: download the template or the agency's data, upload a
workbook, read the preview (created / changed old → new / unchanged, every error), apply it.

Between preview and apply the uploaded file waits as impor/<user id>/<token>.xlsx in the file
storage (lkip.penyimpanan: the local disk or the object store every instance shares; never under
the static files), beside the rows the preview read from it (<token>.baca, see exchange.tersimpan),
so that apply does not parse the file again, even on another instance; the token lives in the user's
session together with the agency, both files' SHA-256 and the preview's fingerprint, so a token
of another user or agency, a stale token or a file changed in storage is refused, and an apply that
would now do something other than the preview showed writes nothing.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_POST

from exchange.importer import HasilImpor
from exchange.workbook import (
    BATAS_UKURAN,
    CONTENT_TYPE,
    SHEET_BERKAS,
    TeksTerlaluPanjang,
    blank_template,
    export_workbook,
    export_workbook_pemda,
    impor_xlsx,
    pratinjau_xlsx,
    terapkan_tersimpan,
)
from lkip import penyimpanan
from lkip.access import get_opd, get_pemda, izin_wajib
from lkip.models import Pemda, PerangkatDaerah
from targets.models import Renstra

UMUR_PRATINJAU = 60 * 60  # seconds a preview can be applied
TAMPIL = 200  # rows per list on the preview page
_SESI = "impor_workbook"
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{32}$")
_BATAS_TEKS = f"{BATAS_UKURAN // 1024 // 1024} MB"
_AKHIRAN = (".xlsx", ".baca")  # the uploaded file, the rows its preview read


class UnggahForm(forms.Form):
    berkas = forms.FileField(
        label="Workbook (.xlsx)",
        help_text=f"Paling besar {_BATAS_TEKS}. Tidak ada yang disimpan sebelum Anda memeriksa "
        "pratinjau dan menekan Terapkan.",
        error_messages={
            "required": "Pilih berkas workbook .xlsx yang akan diunggah.",
            "empty": "Berkas kosong (0 byte); pilih workbook .xlsx yang berisi data.",
            "invalid": "Berkas tidak terkirim dengan benar; coba unggah lagi.",
        },
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx," + CONTENT_TYPE}),
    )


class _BatasUnggahan(FileUploadHandler):
    """Stops receiving an upload as soon as it passes the size limit (nothing big is kept)."""

    def __init__(self, request: HttpRequest) -> None:
        super().__init__(request)
        self.diterima = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.diterima += len(raw_data)
        if self.diterima > BATAS_UKURAN:
            self.request.unggahan_terlalu_besar = True
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


@dataclass(frozen=True)
class _Pemilik:
    """Whose data a stored preview changes: an agency (its kode) or a pemda ('pemda:<kode>')."""

    kode: str


def _nama(request: HttpRequest, token: str, akhiran: str) -> str:
    """The storage name of one of a preview's two files."""
    return f"impor/{request.user.pk}/{token}{akhiran}"


def _sapu(request: HttpRequest) -> None:
    """Forget previews that were never applied: this user's tokens, and anyone's old files."""
    store = request.session.get(_SESI, {})
    now = time.time()
    for token, entry in list(store.items()):
        if now - entry["waktu"] > UMUR_PRATINJAU:
            _hapus(request, token)
            del store[token]
    for folder in penyimpanan.subfolder("impor"):
        for nama in penyimpanan.isi_folder(folder):
            waktu = penyimpanan.waktu_ubah(nama)
            if nama.endswith(_AKHIRAN) and waktu and now - waktu.timestamp() > UMUR_PRATINJAU:
                penyimpanan.hapus(nama)
    request.session[_SESI] = store


def _hapus(request: HttpRequest, token: str) -> None:
    for akhiran in _AKHIRAN:
        penyimpanan.hapus(_nama(request, token, akhiran))


def _simpan(
    request: HttpRequest,
    opd: PerangkatDaerah | _Pemilik,
    data: bytes,
    nama: str,
    result: HasilImpor,
    baca: bytes,
) -> str:
    _sapu(request)
    token = secrets.token_urlsafe(24)
    penyimpanan.simpan_sekali(_nama(request, token, ".xlsx"), data)
    penyimpanan.simpan_sekali(_nama(request, token, ".baca"), baca)
    store = request.session.get(_SESI, {})
    store[token] = {
        "opd": opd.kode,
        "sha256": hashlib.sha256(data).hexdigest(),
        "sha256_baca": hashlib.sha256(baca).hexdigest(),
        "sidik": result.sidik,
        "nama": nama,
        "waktu": time.time(),
    }
    request.session[_SESI] = store
    return token


def _ambil(
    request: HttpRequest, opd: PerangkatDaerah | _Pemilik, token: str
) -> tuple[dict | None, bytes | None, str]:
    """The stored preview for a token (the rows it read), or why it cannot be applied."""
    store = request.session.get(_SESI, {})
    entry = store.get(token) if _TOKEN.fullmatch(token or "") else None
    if entry is None:
        return (
            None,
            None,
            "Pratinjau ini tidak ditemukan atau bukan milik Anda; unggah workbook sekali lagi.",
        )
    if entry["opd"] != opd.kode:
        return (
            None,
            None,
            "Pratinjau ini untuk perangkat daerah lain; unggah workbook sekali lagi di halaman "
            "ini.",
        )
    data = None
    if time.time() - entry["waktu"] <= UMUR_PRATINJAU:
        data = penyimpanan.baca(_nama(request, token, ".xlsx"))
    if data is None:
        _lupakan(request, token)
        return (
            None,
            None,
            "Pratinjau ini sudah kedaluwarsa (lebih dari satu jam); unggah workbook sekali lagi.",
        )
    berubah = hashlib.sha256(data).hexdigest() != entry["sha256"]
    baca = None
    if "sha256_baca" in entry:  # a preview stored before the rows were kept has only the file
        baca = penyimpanan.baca(_nama(request, token, ".baca")) or b""
        berubah = berubah or hashlib.sha256(baca).hexdigest() != entry["sha256_baca"]
    if berubah:
        _lupakan(request, token)
        return None, None, "Berkas pratinjau berubah di server; unggah workbook sekali lagi."
    return entry, baca, ""


def _lupakan(request: HttpRequest, token: str) -> None:
    store = request.session.get(_SESI, {})
    store.pop(token, None)
    request.session[_SESI] = store
    if _TOKEN.fullmatch(token or ""):
        _hapus(request, token)


def _halaman(
    request: HttpRequest, opd: PerangkatDaerah, form: UnggahForm, status: int = 200
) -> HttpResponse:
    renstra = Renstra.objects.filter(opd=opd).order_by("-tahun_awal").first()
    tahun_list = renstra.tahun_list if renstra else []
    return render(
        request,
        "exchange/impor.html",
        {"opd": opd, "form": form, "tahun_list": tahun_list},
        status=status,
    )


@dataclass(frozen=True)
class _Potongan:
    """The first rows of a long list, and how many more there are."""

    items: list
    jumlah: int
    sisa: int


def _potong(items: list, n: int = TAMPIL) -> _Potongan:
    return _Potongan(items[:n], len(items), max(0, len(items) - n))


def _pratinjau_page(
    request: HttpRequest,
    opd: PerangkatDaerah | None,
    result: HasilImpor,
    nama: str,
    token: str | None,
    pemda: Pemda | None = None,
) -> HttpResponse:
    ctx = {
        "opd": opd,
        **_url(opd, pemda),
        "result": result,
        "nama": nama,
        "token": token,
        "form": UnggahForm(),
        "baru": _potong([p for p in result.perubahan if p.aksi == "baru"]),
        "ubah": _potong([p for p in result.perubahan if p.aksi == "ubah"]),
        "tetap": _potong([p for p in result.perubahan if p.aksi == "tetap"]),
        "hapus": _potong([p for p in result.perubahan if p.aksi == "hapus"]),
        "errors": _potong(result.errors, 500),
        "peringatan": _potong(result.peringatan),
    }
    return render(request, "exchange/impor_pratinjau.html", ctx, status=200 if result.ok else 422)


def _url(opd: PerangkatDaerah | None, pemda: Pemda | None) -> dict[str, str]:
    """Where the upload, preview and apply of an agency's or a pemda's workbook post."""
    if pemda is not None:
        return {
            "url_halaman": reverse("exchange:impor_pemda", args=[pemda.kode]),
            "url_pratinjau": reverse("exchange:impor_pemda_pratinjau", args=[pemda.kode]),
            "url_terapkan": reverse("exchange:impor_pemda_terapkan", args=[pemda.kode]),
        }
    return {
        "url_halaman": reverse("exchange:impor", args=[opd.kode]),
        "url_pratinjau": reverse("exchange:impor_pratinjau", args=[opd.kode]),
        "url_terapkan": reverse("exchange:impor_terapkan", args=[opd.kode]),
    }


@login_required
@require_GET
@izin_wajib("targets.change_realisasi")
def impor(request: HttpRequest, kode: str) -> HttpResponse:
    opd = get_opd(request.user, kode)
    return _halaman(request, opd, UnggahForm())


@login_required
@require_POST
@izin_wajib("targets.change_realisasi")
# The size-limit handler must be installed before the body is read; CSRF is checked below.
@csrf_exempt
def pratinjau(request: HttpRequest, kode: str) -> HttpResponse:
    request.upload_handlers.insert(0, _BatasUnggahan(request))
    return _pratinjau(request, _impor_opd(request, kode))


@dataclass(frozen=True)
class _Impor:
    """Whose workbook an upload → preview → apply changes: an agency's or the pemda's. Both take
    the same path; this is what differs."""

    pemilik: PerangkatDaerah | _Pemilik  # whose kept preview (_simpan, _ambil)
    opd: PerangkatDaerah | None
    pemda: Pemda | None
    halaman: Callable[..., HttpResponse]  # (request, form, status) -> the upload page
    baca: Callable[[bytes, object], tuple[HasilImpor, bytes | None]]  # (data, user)
    opsi: dict  # what applying needs besides the user
    url_halaman: str


def _impor_opd(request: HttpRequest, kode: str) -> _Impor:
    opd = get_opd(request.user, kode)
    return _Impor(
        pemilik=opd,
        opd=opd,
        pemda=None,
        halaman=lambda req, form, status: _halaman(req, opd, form, status=status),
        baca=lambda data, user: pratinjau_xlsx(data, opd_kode=opd.kode, user=user),
        opsi={"opd_kode": opd.kode},
        url_halaman=reverse("exchange:impor", args=[opd.kode]),
    )


@csrf_protect
def _pratinjau(request: HttpRequest, impor: _Impor) -> HttpResponse:
    form = UnggahForm(request.POST, request.FILES)
    if getattr(request, "unggahan_terlalu_besar", False):
        form.is_valid()
        form.errors.clear()
        form.add_error(
            "berkas",
            f"Ukuran berkas melebihi batas {_BATAS_TEKS}; pecah workbook menjadi beberapa berkas.",
        )
        return impor.halaman(request, form, 413)
    if not form.is_valid():
        return impor.halaman(request, form, 400)
    upload = form.cleaned_data["berkas"]
    data = upload.read()
    result, baca = impor.baca(data, request.user)
    berkas_ditolak = [m for m in result.errors if m.sheet == SHEET_BERKAS]
    if berkas_ditolak:
        form.add_error(
            "berkas",
            f"{upload.name}: {berkas_ditolak[0].pesan[:1].upper()}{berkas_ditolak[0].pesan[1:]}",
        )
        return impor.halaman(request, form, 400)
    token = (
        _simpan(request, impor.pemilik, data, upload.name, result, baca)
        if baca is not None and result.ok and _ada_perubahan(result)
        else None
    )
    return _pratinjau_page(request, impor.opd, result, upload.name, token, pemda=impor.pemda)


def _terapkan(request: HttpRequest, impor: _Impor) -> HttpResponse:
    token = request.POST.get("token", "")
    if request.POST.get("aksi") == "batal":
        _lupakan(request, token)
        messages.info(request, "Impor dibatalkan; tidak ada yang disimpan.")
        return redirect(impor.url_halaman)
    entry, baca, alasan = _ambil(request, impor.pemilik, token)
    if entry is None:
        messages.error(request, alasan)
        return redirect(impor.url_halaman)
    kwargs = {
        **impor.opsi,
        "user": request.user,
        "harapan": entry["sidik"],
        "alasan": f"Impor workbook {entry['nama']}"[:100],
    }
    try:
        if baca is None:
            raise ValueError("tidak ada baris tersimpan")
        result = terapkan_tersimpan(baca, **kwargs)
    except ValueError:  # kept by another version of the application: read the file once more
        result = impor_xlsx(penyimpanan.baca(_nama(request, token, ".xlsx")) or b"", **kwargs)
    _lupakan(request, token)
    if not result.ok:
        return _pratinjau_page(request, impor.opd, result, entry["nama"], None, pemda=impor.pemda)
    messages.success(request, f"Workbook {entry['nama']} diterapkan: {result.ringkasan()}.")
    return redirect(impor.url_halaman)


def _ada_perubahan(result: HasilImpor) -> bool:
    return bool(result.hitung("baru") or result.hitung("ubah") or result.hitung("hapus"))


@login_required
@require_POST
@izin_wajib("targets.change_realisasi")
def terapkan(request: HttpRequest, kode: str) -> HttpResponse:
    return _terapkan(request, _impor_opd(request, kode))


def _xlsx(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_GET
def templat(request: HttpRequest) -> HttpResponse:
    return _xlsx(blank_template(), "templat-workbook-lkip.xlsx")


@login_required
@require_GET
@izin_wajib("targets.view_realisasi")
def ekspor(request: HttpRequest, kode: str) -> HttpResponse:
    opd = get_opd(request.user, kode)
    try:
        data = export_workbook(opd)
    except TeksTerlaluPanjang as exc:
        messages.error(request, str(exc))
        return redirect("exchange:impor", kode=opd.kode)
    return _xlsx(data, f"workbook-{opd.kode}-{timezone.localdate():%Y-%m-%d}.xlsx")


# --- The pemda-level workbook (the Admin Pemda's): the same upload → preview → apply ---------

IZIN_IMPOR_PEMDA = "rpjmd.change_indikatorpemda"


def _pemilik(pemda: Pemda) -> _Pemilik:
    return _Pemilik(f"pemda:{pemda.kode}")


def _halaman_pemda(
    request: HttpRequest, pemda: Pemda, form: UnggahForm, status: int = 200
) -> HttpResponse:
    return render(
        request, "exchange/impor_pemda.html", {"pemda": pemda, "form": form}, status=status
    )


@login_required
@require_GET
@izin_wajib(IZIN_IMPOR_PEMDA)
def impor_pemda(request: HttpRequest, kode: str) -> HttpResponse:
    return _halaman_pemda(request, get_pemda(request.user, kode), UnggahForm())


@login_required
@require_POST
@izin_wajib(IZIN_IMPOR_PEMDA)
@csrf_exempt
def pratinjau_pemda(request: HttpRequest, kode: str) -> HttpResponse:
    request.upload_handlers.insert(0, _BatasUnggahan(request))
    return _pratinjau(request, _impor_pemda(request, kode))


def _impor_pemda(request: HttpRequest, kode: str) -> _Impor:
    pemda = get_pemda(request.user, kode)

    def baca(data: bytes, user) -> tuple[HasilImpor, bytes | None]:
        result, rows = pratinjau_xlsx(data, user=user)
        return _harus_pemda(result, pemda), rows

    return _Impor(
        pemilik=_pemilik(pemda),
        opd=None,
        pemda=pemda,
        halaman=lambda req, form, status: _halaman_pemda(req, pemda, form, status=status),
        baca=baca,
        opsi={},
        url_halaman=reverse("exchange:impor_pemda", args=[pemda.kode]),
    )


def _harus_pemda(result: HasilImpor, pemda: Pemda) -> HasilImpor:
    """An agency's workbook, or another pemda's, is not this page's: refused, nothing kept."""
    from exchange.importer import Masalah

    if result.ok and result.pemda_kode != pemda.kode:
        pesan = (
            "ini workbook perangkat daerah (sheet pertamanya Perangkat_Daerah), bukan workbook "
            f"tingkat pemda; impor di halaman Impor Excel perangkat daerah '{result.opd_kode}'."
            if result.opd_kode
            else f"workbook ini milik pemda '{result.pemda_kode}', bukan '{pemda.kode}'."
        )
        result.masalah.append(Masalah("Pemda", None, None, pesan))
    return result


@login_required
@require_POST
@izin_wajib(IZIN_IMPOR_PEMDA)
def terapkan_pemda(request: HttpRequest, kode: str) -> HttpResponse:
    return _terapkan(request, _impor_pemda(request, kode))


@login_required
@require_GET
@izin_wajib("rpjmd.view_indikatorpemda")
def ekspor_pemda(request: HttpRequest, kode: str) -> HttpResponse:
    pemda = get_pemda(request.user, kode)
    try:
        data = export_workbook_pemda(pemda)
    except TeksTerlaluPanjang as exc:
        messages.error(request, str(exc))
        return redirect("reports:beranda")
    return _xlsx(data, f"workbook-{pemda.kode}-{timezone.localdate():%Y-%m-%d}.xlsx")
