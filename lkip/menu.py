"""The role's menu in every page's header: the screens of the current agency this user may open.

Which entry a user sees is decided by the permission the view itself demands: a view guarded by
`lkip.access.izin_wajib` carries its permissions, and the menu resolves each entry's URL to its view
and asks the user for exactly those (views without one need only a login and the agency, which
`get_opd` already decided). So the menu and the views never hold two copies of one rule.

The menu names its screens by URL name only; the apps above this floor register nothing here but
the agency's default year (`daftarkan_tahun`, from `targets`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from django.http import Http404, HttpRequest
from django.urls import NoReverseMatch, resolve, reverse

from lkip import crud
from lkip.access import get_opd, opd_for_user
from lkip.models import PerangkatDaerah

#: (opd) -> the year the agency's screens open on (the Renstra year nearest to today).
_tahun_bawaan: Callable[[PerangkatDaerah], int] | None = None


def daftarkan_tahun(tahun_bawaan: Callable[[PerangkatDaerah], int]) -> None:
    """Called by the targets app: which year an agency's menu opens."""
    global _tahun_bawaan
    _tahun_bawaan = tahun_bawaan


@dataclass(frozen=True)
class Entri:
    label: str
    url_name: str
    #: what the URL needs: "" (none), "opd" (kode), "tahun" (kode, year)
    argumen: str = "opd"


#: The menu, in its order. Each shows only where the role may go.
ENTRI = (
    Entri("Beranda", "reports:beranda", ""),
    Entri("Entri triwulan", "data:entri_awal", "tahun"),
    Entri("Data", "data:menu"),
    Entri("Impor Excel", "exchange:impor"),
    Entri("Laporan", "reports:laporan", "tahun"),
    Entri("Persetujuan", "reports:alur", "tahun"),
    Entri("Dasbor", "reports:dashboard:pemda", ""),
    Entri("Audit", "data:audit"),
    Entri("Survei", "skm:beranda"),
    Entri("Evaluasi AKIP", "evaluasi:beranda", ""),
)


@dataclass(frozen=True)
class Tautan:
    label: str
    url: str
    aktif: bool


#: The generic screens' views (lkip.crud) and the permission each asks of the screen's model.
_AKSI_LAYAR = {
    "daftar": "view",
    "riwayat": "view",
    "tambah": "add",
    "ubah": "change",
    "hapus": "delete",
}


def boleh_membuka(user, url: str) -> bool:
    """Whether the view behind this URL would let the user in: its `izin_wajib` permissions, or
    for a generic screen (lkip.crud) the permission that view asks of the screen's model."""
    match = resolve(url.split("#", 1)[0].split("?", 1)[0])
    izin = list(getattr(match.func, "izin", ()))
    aksi = _AKSI_LAYAR.get(match.func.__name__)
    if aksi and match.func.__module__ == crud.__name__ and match.kwargs.get("layar") in crud.LAYAR:
        izin.append(crud.LAYAR[match.kwargs["layar"]].perm % aksi)
    return all(user.has_perm(p) for p in izin)


class Menu:
    """Computed only when a template asks for it (JSON answers and files never pay for it)."""

    def __init__(self, request: HttpRequest) -> None:
        self.request = request

    @cached_property
    def opd(self) -> PerangkatDaerah | None:
        user = self.request.user
        if not user.is_authenticated:
            return None
        match = self.request.resolver_match
        kode = match.kwargs.get("kode") if match else None
        if kode:
            try:
                return get_opd(user, kode)
            except Http404:
                return None
        penugasan = getattr(user, "penugasan", None)
        if penugasan is not None and penugasan.opd_id:
            return opd_for_user(user).first()
        return None

    @cached_property
    def tahun(self) -> int | None:
        if self.opd is None:
            return None
        match = self.request.resolver_match
        tahun = match.kwargs.get("tahun") if match else None
        if isinstance(tahun, int) and 2000 <= tahun <= 2100:
            return tahun
        return _tahun_bawaan(self.opd) if _tahun_bawaan else None

    def _url(self, entri: Entri) -> str | None:
        if entri.argumen == "":
            return reverse(entri.url_name)
        if self.opd is None or (entri.argumen != "opd" and self.tahun is None):
            return None
        args = {
            "opd": [self.opd.kode],
            "tahun": [self.opd.kode, self.tahun],
        }[entri.argumen]
        try:
            return reverse(entri.url_name, args=args)
        except NoReverseMatch:
            return None

    @cached_property
    def tautan(self) -> list[Tautan]:
        user = self.request.user
        if not user.is_authenticated:
            return []
        here = self.request.path
        out = []
        for entri in ENTRI:
            url = self._url(entri)
            if url is None or not boleh_membuka(user, url):
                continue
            aktif = here == url if entri.argumen == "" else here.startswith(url)
            out.append(Tautan(entri.label, url, aktif))
        # Only the most specific entry is the current one (Data's /data/<kode>/ holds the others).
        aktif = [t for t in out if t.aktif]
        if len(aktif) > 1:
            terpanjang = max(aktif, key=lambda t: len(t.url))
            out = [Tautan(t.label, t.url, t is terpanjang) for t in out]
        return out


def menu(request: HttpRequest) -> dict:
    """Context processor: `menu` (lazy) for base.html."""
    return {"menu": Menu(request)}
