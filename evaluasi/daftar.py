"""What evaluasi tells the floors below it at start-up (EvaluasiConfig.ready): the signed LHE is
verified on the LKIP's verification page, and overdue recommendations show on the dashboards."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone


def _cari_lhe(sha256: str):
    from evaluasi.models import LHETertandatangani
    from evaluasi.views_lhe import _status, rincian_lhe
    from reports.verifikasi import DokumenLain

    dok = (
        LHETertandatangani.objects.filter(sha256=sha256)
        .select_related("evaluasi__opd")
        .defer("pdf")
        .first()
    )
    if dok is None:
        return None
    return DokumenLain(
        sertifikat=bytes(dok.sertifikat),
        sertifikat_sha256=dok.sertifikat_sha256,
        jenis="LHE AKIP",
        rincian=rincian_lhe(dok) + (("Status", _status(dok)),),
        url=reverse("evaluasi:verifikasi_lhe", args=[dok.pk]),
    )


def _sertifikat(sidik: str) -> bytes | None:
    from evaluasi.models import LHETertandatangani

    der = (
        LHETertandatangani.objects.filter(sertifikat_sha256=sidik)
        .values_list("sertifikat", flat=True)
        .first()
    )
    return bytes(der) if der is not None else None


def _terlambat(user, opd_ids) -> list[tuple[str, str]]:
    from evaluasi.models import Rekomendasi

    rek = list(
        Rekomendasi.objects.filter(evaluasi__opd_id__in=opd_ids)
        .terlambat(timezone.localdate())
        .select_related("evaluasi__opd")
        .order_by("evaluasi__opd__nama", "batas")
    )
    per_opd: dict = {}
    for r in rek:
        per_opd.setdefault(r.evaluasi.opd, []).append(r)
    return [
        (
            f"{opd.nama}: {len(daftar)} rekomendasi LHE melewati batas waktu tindak lanjut "
            f"(paling lama sejak {daftar[0].batas:%d-%m-%Y})",
            reverse("evaluasi:tindak_lanjut", args=[opd.kode]),
        )
        for opd, daftar in per_opd.items()
    ]


def daftarkan() -> None:
    from reports.dashboard import pemberitahuan
    from reports.verifikasi import daftarkan_dokumen

    daftarkan_dokumen(_cari_lhe, _sertifikat)
    pemberitahuan.daftarkan(_terlambat)
