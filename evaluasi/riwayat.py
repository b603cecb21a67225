"""The evaluation's history as read on its Riwayat page: every change of its status, answers,
qualifiers and adjusted values, evidence, findings and recommendations, newest first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from evaluasi.models import (
    Bukti,
    CatatanKomponen,
    Evaluasi,
    Jawaban,
    Kualifikasi,
    NilaiSubKomponen,
    Rekomendasi,
)
from lkip import formulas

_JENIS = {"+": "ditambahkan", "~": "diubah", "-": "dihapus"}


@dataclass(frozen=True)
class Entri:
    waktu: datetime
    oleh: str
    perubahan: str
    alasan: str


def _oleh(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else "sistem"


def _kualifikasi(nilai: int) -> str:
    return Kualifikasi(nilai).label if nilai in Kualifikasi.values else str(nilai)


def riwayat(evaluasi: Evaluasi) -> list[Entri]:
    """Six queries, whatever the number of changes."""
    out: list[tuple] = []
    for h in evaluasi.history.select_related("history_user"):
        out.append((h, f"Status: {h.get_status_display()}", h.history_change_reason or ""))
    for h in Jawaban.history.filter(evaluasi_id=evaluasi.pk).select_related(
        "history_user", "kriteria__sub"
    ):
        out.append(
            (
                h,
                f"Kriteria {h.kriteria.sub.kode}.{h.kriteria.nomor}: mandiri "
                f"{h.jawaban_mandiri or '—'}, evaluator {h.jawaban_akhir or '—'}",
                h.history_change_reason or "",
            )
        )
    for h in NilaiSubKomponen.history.filter(evaluasi_id=evaluasi.pk).select_related(
        "history_user", "sub"
    ):
        teks = (
            f"Sub-komponen {h.sub.kode}: kualifikasi mandiri {_kualifikasi(h.kualifikasi_mandiri)}"
            f", evaluator {_kualifikasi(h.kualifikasi_akhir)}"
        )
        if h.nilai_penyesuaian is not None:
            nilai = formulas.format_angka(h.nilai_penyesuaian)
            teks += f"; nilai disesuaikan evaluator menjadi {nilai}"
        out.append((h, teks, h.history_change_reason or h.alasan_penyesuaian or ""))
    for h in Bukti.history.filter(jawaban__evaluasi_id=evaluasi.pk).select_related(
        "history_user", "jawaban__kriteria__sub"
    ):
        k = h.jawaban.kriteria
        isi = h.get_jenis_display() + (f": {h.keterangan}" if h.keterangan else "")
        out.append(
            (h, f"Bukti kriteria {k.sub.kode}.{k.nomor} {_JENIS[h.history_type]} ({isi})", "")
        )
    for h in CatatanKomponen.history.filter(evaluasi_id=evaluasi.pk).select_related(
        "history_user", "komponen"
    ):
        out.append((h, f"Catatan komponen {h.komponen.kode} {_JENIS[h.history_type]}", ""))
    for h in Rekomendasi.history.filter(evaluasi_id=evaluasi.pk).select_related(
        "history_user", "komponen"
    ):
        out.append(
            (
                h,
                f"Rekomendasi no. {h.nomor} ({h.komponen.nama}) {_JENIS[h.history_type]}: "
                f"{h.get_status_display()}",
                h.history_change_reason or "",
            )
        )
    entri = [Entri(h.history_date, _oleh(h.history_user), t, a) for h, t, a in out]
    return sorted(entri, key=lambda e: e.waktu, reverse=True)
