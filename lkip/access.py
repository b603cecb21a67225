"""The one place that scopes a user to the agencies they may see."""

from __future__ import annotations

from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from lkip.models import Pemda, PerangkatDaerah


def opd_for_user(user) -> QuerySet[PerangkatDaerah]:
    """Agencies visible to a user: their own agency, every agency of their pemda, or none."""
    qs = PerangkatDaerah.objects.select_related("pemda")
    if not user.is_authenticated:
        return qs.none()
    if user.is_superuser:
        return qs
    penugasan = getattr(user, "penugasan", None)
    if penugasan is None:
        return qs.none()
    if penugasan.opd_id:
        return qs.filter(pk=penugasan.opd_id)
    return qs.filter(pemda_id=penugasan.pemda_id)


def get_opd(user, kode: str) -> PerangkatDaerah:
    """The agency with this code if the user may see it; 404 otherwise (no hint that it exists)."""
    # Once per code: the view and the page's menu (lkip.menu) ask for the same agency. The memo
    # lives on the user object: the request's own, or the one lkip.backends keeps per data version.
    memo = getattr(user, "_opd_per_kode", None)  # (request.user is a lazy proxy: no __dict__)
    if memo is None:
        memo = user._opd_per_kode = {}
    if kode not in memo:
        memo[kode] = opd_for_user(user).filter(kode=kode).first()
    opd = memo[kode]
    if opd is None:
        raise Http404("Perangkat daerah tidak ditemukan.")
    return opd


def pemda_for_user(user) -> QuerySet[Pemda]:
    """Pemda whose own (pemda-level) data a user may see: the pemda of a pemda-level account
    (Admin Pemda, Inspektorat, Kepala Daerah); none for agency staff."""
    qs = Pemda.objects.all()
    if not user.is_authenticated:
        return qs.none()
    if user.is_superuser:
        return qs
    penugasan = getattr(user, "penugasan", None)
    if penugasan is None or penugasan.opd_id:
        return qs.none()
    return qs.filter(pk=penugasan.pemda_id)


def get_pemda(user, kode: str) -> Pemda:
    """The pemda with this code if the user works at its level; 404 otherwise."""
    pemda = pemda_for_user(user).filter(kode=kode).first()
    if pemda is None:
        raise Http404("Pemerintah daerah tidak ditemukan.")
    return pemda


def wajib_izin(user, *izin: str) -> None:
    """Refuse (403) unless the user holds one of these model permissions.

    The guard for views whose permission depends on the URL (the generic data screens, the workflow
    actions); a view with a fixed permission says so with `@izin_wajib(...)` below (Django's
    `permission_required`, marked for the menu). `user.has_perm` alone only decides what a page
    shows (links, buttons), never whether it is served.
    """
    if not any(user.has_perm(p) for p in izin):
        raise PermissionDenied(
            "Peran Anda tidak berhak membuka halaman atau melakukan tindakan ini."
        )


def izin_wajib(*izin: str):
    """Django's `permission_required(izin, raise_exception=True)` that also marks the view with
    the permissions it demands, so that the menu (lkip.menu) offers the view exactly to the users
    it serves, from this one statement of the rule."""

    def decorator(view):
        wrapped = permission_required(izin, raise_exception=True)(view)
        wrapped.izin = izin
        return wrapped

    return decorator
