"""Confirm before the irreversible: a POST without `konfirmasi=ya` changes nothing and answers
with a page that names what will happen and posts the same fields again, confirmed.

No JavaScript: the confirmation is a page of its own (the CSP allows no inline script), so it works
in every browser and a script or a stray double click never deletes, closes or signs by accident.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

KONFIRMASI = "konfirmasi"
YA = "ya"


def dikonfirmasi(request: HttpRequest) -> bool:
    """Whether this POST comes from the confirmation page."""
    return request.method == "POST" and request.POST.get(KONFIRMASI) == YA


def minta_konfirmasi(
    request: HttpRequest,
    *,
    judul: str,
    pertanyaan: str,
    tombol: str,
    batal: str,
    akibat: Iterable[str] = (),
    terhalang: Iterable[str] = (),
    opd=None,
    aksi: str | None = None,
    remah: Iterable[tuple[str, str]] = (),
) -> HttpResponse:
    """The confirmation page: the question, what goes with it, and a form that posts the fields of
    this request again with `konfirmasi=ya` (or only the reasons it cannot be done, `terhalang`).

    `remah`: the (label, url) crumbs between the agency and "Konfirmasi", so the trail names the
    page the action belongs to."""
    isian = [
        (name, value)
        for name in request.POST
        if name not in ("csrfmiddlewaretoken", KONFIRMASI)
        for value in request.POST.getlist(name)
    ]
    context = {
        "judul": judul,
        "pertanyaan": pertanyaan,
        "tombol": tombol,
        "batal": batal,
        "akibat": list(akibat),
        "terhalang": list(terhalang),
        "isian": isian,
        "aksi": aksi or request.path,
        "opd": opd,
        "remah": list(remah),
        "konfirmasi": (KONFIRMASI, YA),
    }
    return render(request, "konfirmasi.html", context)
