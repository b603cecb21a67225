"""Abuse rules of the public form: rate limits, one response per device, honeypot, fill time.

Nothing here stores who the citizen is: the client address only keys a short-lived counter in the
cache (hashed), the device mark is a signed cookie on the citizen's own phone.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse

from lkip.auth import alamat_klien  # one rule: what the trusted proxy reports, or the connection
from skm.models import TautanSurvei

_GARAM_MULAI = "skm.mulai"
_GARAM_PERANGKAT = "skm.perangkat"
#: A form older than this is stale: the citizen reloads it (the timestamp is signed, not stored).
UMUR_FORMULIR_DETIK = 6 * 60 * 60
#: A response this fast (or from a busy address) is kept but flagged for the Perencana to review.
FAKTOR_CURIGA = 3
SETAHUN = 400 * 24 * 60 * 60


@dataclass(frozen=True)
class Penolakan:
    status: int
    pesan: str


def _kunci_klien(request: HttpRequest) -> str:
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{alamat_klien(request)}".encode()).hexdigest()
    return f"skm:klien:{digest[:32]}"


def _hitung(kunci: str, jendela: int) -> int:
    """Count one more event in a window that starts with the first one; the new count."""
    if cache.add(kunci, 1, jendela):
        return 1
    try:
        return cache.incr(kunci)
    except ValueError:  # expired between add and incr
        cache.set(kunci, 1, jendela)
        return 1


def cap_mulai(tautan: TautanSurvei) -> str:
    """The signed time the form was served, sent back with the answers."""
    return signing.dumps([tautan.token, int(time.time())], salt=_GARAM_MULAI, compress=False)


def lama_mengisi(tautan: TautanSurvei, cap: str) -> int | None:
    """Seconds since the form was served, or None when the stamp is missing, forged or stale."""
    try:
        token, waktu = signing.loads(cap, salt=_GARAM_MULAI, max_age=UMUR_FORMULIR_DETIK)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if token != tautan.token:
        return None
    return int(time.time()) - int(waktu)


def _nama_cookie(tautan: TautanSurvei) -> str:
    return f"skm_{tautan.token}"


def sudah_mengisi(request: HttpRequest, tautan: TautanSurvei) -> bool:
    return (
        request.get_signed_cookie(
            _nama_cookie(tautan), default=None, salt=_GARAM_PERANGKAT, max_age=SETAHUN
        )
        == tautan.token
    )


def tandai_perangkat(response: HttpResponse, tautan: TautanSurvei) -> None:
    response.set_signed_cookie(
        _nama_cookie(tautan),
        tautan.token,
        salt=_GARAM_PERANGKAT,
        max_age=SETAHUN,
        path=f"/s/{tautan.token}/",
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


@dataclass(frozen=True)
class Pemeriksaan:
    """The verdict on a submission: refused (with why), or accepted with any suspicion noted."""

    tolak: Penolakan | None
    curiga: str = ""
    detik: int | None = None


def periksa(request: HttpRequest, tautan: TautanSurvei) -> Pemeriksaan:
    """Rate limits, honeypot and fill time of a POST, in that order (every POST counts)."""
    per_klien = _hitung(_kunci_klien(request), settings.SKM_JENDELA_KLIEN_DETIK)
    per_unit = _hitung(f"skm:unit:{tautan.pk}", settings.SKM_JENDELA_UNIT_DETIK)
    if per_klien > settings.SKM_BATAS_PER_KLIEN:
        menit = max(1, settings.SKM_JENDELA_KLIEN_DETIK // 60)
        return Pemeriksaan(
            Penolakan(
                429,
                "Terlalu banyak jawaban dikirim dari jaringan ini. Silakan coba lagi dalam "
                f"{menit} menit.",
            )
        )
    if per_unit > settings.SKM_BATAS_PER_UNIT:
        return Pemeriksaan(
            Penolakan(
                429,
                "Unit layanan ini sedang menerima terlalu banyak jawaban sekaligus. Silakan coba "
                "lagi sebentar lagi.",
            )
        )
    if request.POST.get("situs_web"):
        return Pemeriksaan(Penolakan(400, "Jawaban tidak dapat diterima."))
    detik = lama_mengisi(tautan, request.POST.get("mulai", ""))
    if detik is None:
        return Pemeriksaan(
            Penolakan(
                400,
                "Formulir ini sudah kedaluwarsa atau tidak lengkap. Muat ulang halaman lalu isi "
                "kembali.",
            )
        )
    minimum = settings.SKM_WAKTU_ISI_MINIMUM_DETIK
    if detik < minimum:
        return Pemeriksaan(
            Penolakan(
                400,
                f"Formulir dikirim terlalu cepat ({detik} detik). Periksa kembali jawaban Anda, "
                "lalu kirim lagi.",
            ),
            detik=detik,
        )
    curiga = []
    if detik < FAKTOR_CURIGA * minimum:
        curiga.append(f"diisi sangat cepat ({detik} detik)")
    if per_klien > max(2, settings.SKM_BATAS_PER_KLIEN // 2):
        curiga.append(f"jawaban ke-{per_klien} dari alamat yang sama dalam jendela waktu")
    return Pemeriksaan(None, "; ".join(curiga), detik)
