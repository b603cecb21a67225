"""The authentication backend: Django's model backend, with the logged-in user kept per process.

Every authenticated request otherwise reads its user (and, on most screens, the user's assignment)
from the database once more. The user is kept per process and data version by the keeper the
reports app registers at start-up (`daftarkan_penyimpan`; it is
`reports.dashboard.versi.pengguna_tersimpan`, which knows the data version over every app's tables,
so this core module names no app): a change to the user, their groups, permissions or assignment
moves the version, in this process at once and in the other processes within `VERSI_DASBOR_DETIK`
(1 s); a write the version cannot see shows within `PENGGUNA_DETIK` (5 s).

A kept user whose password hash no longer matches the session's (the password was changed a moment
ago in another process, which then stored the new hash in this session) is read afresh rather than
ending the session: the middleware `sesi_untuk_pengguna` lets the backend see the session.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from contextvars import ContextVar

from django.contrib.auth import HASH_SESSION_KEY, get_user_model
from django.contrib.auth.backends import ModelBackend
from django.utils.crypto import constant_time_compare

_SESI: ContextVar = ContextVar("lkip_sesi_pengguna", default=None)

#: (user_id, load, matches, copy) -> user: keeps loaded users; without one each request loads
#: afresh.
_penyimpan: Callable | None = None


def daftarkan_penyimpan(penyimpan: Callable) -> None:
    """Called by the reports app: the keeper of logged-in users (per process and data version)."""
    global _penyimpan
    _penyimpan = penyimpan


def sesi_untuk_pengguna(get_response):
    """Middleware, after SessionMiddleware: the backend may compare a kept user with this
    session."""

    def middleware(request):
        token = _SESI.set(getattr(request, "session", None))
        try:
            return get_response(request)
        finally:
            _SESI.reset(token)

    return middleware


def _salin(user):
    """The request's own copy: of the user and of the assignment loaded with it."""
    salinan = copy.copy(user)
    penugasan = user._state.fields_cache.get("penugasan")
    if penugasan is not None:
        penugasan = copy.copy(penugasan)
        penugasan._state.fields_cache["user"] = salinan
        salinan._state.fields_cache["penugasan"] = penugasan
    return salinan


class ModelBackendTersimpan(ModelBackend):
    def get_user(self, user_id):
        def muat():
            User = get_user_model()
            try:
                user = User._default_manager.select_related("penugasan").get(pk=user_id)
            except User.DoesNotExist:
                return None
            if not self.user_can_authenticate(user):
                return None
            # What the requests learn about the kept user is kept with it (each request's copy
            # shares these two dicts): its permissions, once a request has read them, and the
            # agencies looked up by code (lkip.access.get_opd). A change to the user's groups or
            # permissions, to an agency or to an assignment moves the data version and so reloads
            # the user with both empty.
            user._izin_tersimpan = {}
            user._opd_per_kode = {}
            return user

        session = _SESI.get()
        expected = session.get(HASH_SESSION_KEY) if session is not None else None

        def cocok(user) -> bool:
            return not expected or constant_time_compare(expected, user.get_session_auth_hash())

        if _penyimpan is None:
            return muat()
        user = _penyimpan(user_id, muat, cocok, _salin)
        izin = getattr(user, "_izin_tersimpan", {}).get("semua")
        if izin is not None:
            user._user_perm_cache, user._group_perm_cache, user._perm_cache = izin
        return user

    def get_all_permissions(self, user_obj, obj=None):
        perms = super().get_all_permissions(user_obj, obj)
        tersimpan = getattr(user_obj, "_izin_tersimpan", None)
        if tersimpan is not None and obj is None and hasattr(user_obj, "_perm_cache"):
            tersimpan.setdefault(
                "semua",
                (user_obj._user_perm_cache, user_obj._group_perm_cache, user_obj._perm_cache),
            )
        return perms
