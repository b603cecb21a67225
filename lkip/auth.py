"""Login with a limit on failed attempts, then a lock-out.

The rule (README, production), with N = LOGIN_MAX_PERCOBAAN failures within LOGIN_KUNCI_DETIK:

- N failures for one username from one client address lock that username at that address (the
  account's owner elsewhere, and everyone else at that address, still log in);
- 4 N failures for one username from any addresses lock that username everywhere (an account
  guessed at from many addresses stays protected);
- 4 N failures from one client address, whatever the usernames, lock that address (one source
  trying one password on many accounts).

One attacker at one address therefore locks out only itself: its failures on an account stop at N,
short of the 4 N that lock the account everywhere. The client address is the one the HTTPS proxy
reports when BEHIND_HTTPS_PROXY is set (X-Forwarded-For's right-most address not of a trusted
proxy), else REMOTE_ADDR: behind a proxy REMOTE_ADDR is the proxy's, the same for a whole city.
"""

from __future__ import annotations

import hashlib
import ipaddress

from django import forms
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.core.cache import cache

#: Failures from one address, or for one username from anywhere, allowed per failure of a pair.
KELIPATAN_LUAS = 4


def _terpercaya(alamat: str) -> bool:
    """Is this address one of the further proxies in TRUSTED_PROXIES (addresses or networks)?"""
    try:
        ip = ipaddress.ip_address(alamat)
    except ValueError:
        return False
    for entry in settings.TRUSTED_PROXIES:
        try:
            if ip in ipaddress.ip_network(entry, strict=False):
                return True
        except ValueError:
            continue
    return False


def alamat_klien(request) -> str:
    """The client's address: as the trusted proxy reports it, or the connection's own."""
    remote = request.META.get("REMOTE_ADDR", "") if request else ""
    if not (request and settings.BEHIND_HTTPS_PROXY):
        return remote
    # Each proxy appends the address it received from; the client writes what it likes on the
    # left. The right-most address that no trusted proxy wrote is the client's.
    chain = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    chain = [a for a in chain if a]
    for alamat in reversed(chain):
        if not _terpercaya(alamat):
            return alamat[:64]
    return chain[0][:64] if chain else remote


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _keys(request, username: str) -> dict[str, str]:
    user = _hash(username.strip().lower())
    alamat = _hash(alamat_klien(request))
    return {
        "pasangan": f"login-gagal:ua:{user}:{alamat}",
        "pengguna": f"login-gagal:u:{user}",
        "alamat": f"login-gagal:a:{alamat}",
    }


def terkunci(request, username: str) -> bool:
    keys = _keys(request, username)
    counts = cache.get_many(keys.values())
    n = settings.LOGIN_MAX_PERCOBAAN
    return (
        counts.get(keys["pasangan"], 0) >= n
        or counts.get(keys["pengguna"], 0) >= KELIPATAN_LUAS * n
        or counts.get(keys["alamat"], 0) >= KELIPATAN_LUAS * n
    )


def catat_gagal(request, username: str) -> None:
    for key in _keys(request, username).values():
        # add() starts the window on the first failure; incr() keeps its expiry.
        if not cache.add(key, 1, settings.LOGIN_KUNCI_DETIK):
            try:
                cache.incr(key)
            except ValueError:
                cache.set(key, 1, settings.LOGIN_KUNCI_DETIK)


def bersihkan(request, username: str) -> None:
    """A successful login forgets its own address's failures for that username (not the others)."""
    cache.delete(_keys(request, username)["pasangan"])


class MasukForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Nama pengguna atau kata sandi salah. Periksa kembali lalu coba lagi.",
        "inactive": "Akun ini tidak aktif. Hubungi Admin Pemda.",
    }

    def clean(self):
        username = self.data.get("username", "")
        if terkunci(self.request, username):
            menit = settings.LOGIN_KUNCI_DETIK // 60
            raise forms.ValidationError(
                "Terlalu banyak percobaan masuk yang gagal. Masuk dengan akun ini dari alamat "
                f"ini dikunci sementara; coba lagi dalam {menit} menit.",
                code="terkunci",
            )
        try:
            data = super().clean()
        except forms.ValidationError:
            catat_gagal(self.request, username)
            raise
        bersihkan(self.request, username)
        return data


class MasukView(auth_views.LoginView):
    template_name = "masuk.html"
    authentication_form = MasukForm
    redirect_authenticated_user = True
