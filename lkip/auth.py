"""Login with a limit on failed attempts (per username and per address), then a lock-out."""

from __future__ import annotations

import hashlib

from django import forms
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.core.cache import cache


def _keys(request, username: str) -> list[str]:
    address = request.META.get("REMOTE_ADDR", "") if request else ""
    digest = hashlib.sha256(username.strip().lower().encode()).hexdigest()[:32]
    return [f"login-gagal:u:{digest}", f"login-gagal:ip:{address}"]


def terkunci(request, username: str) -> bool:
    user_key, address_key = _keys(request, username)
    # One office often shares one address: the address gets a larger allowance than a username.
    return (cache.get(user_key) or 0) >= settings.LOGIN_MAX_PERCOBAAN or (
        cache.get(address_key) or 0
    ) >= 4 * settings.LOGIN_MAX_PERCOBAAN


def catat_gagal(request, username: str) -> None:
    for key in _keys(request, username):
        # add() starts the window on the first failure; incr() keeps its expiry.
        if not cache.add(key, 1, settings.LOGIN_KUNCI_DETIK):
            try:
                cache.incr(key)
            except ValueError:
                cache.set(key, 1, settings.LOGIN_KUNCI_DETIK)


def bersihkan(request, username: str) -> None:
    cache.delete(_keys(request, username)[0])


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
                f"Terlalu banyak percobaan masuk yang gagal. Akun dan alamat ini dikunci sementara; "
                f"coba lagi dalam {menit} menit.",
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
