import datetime

import pytest
from django.utils import timezone


@pytest.fixture
def evaluasi(demo):
    """The demo agency's evaluation of 2025 (its performance in 2024), self-assessment open."""
    from evaluasi import services

    hari = timezone.localdate()
    services.buat_lembar(
        demo.pemda, 2025, hari - datetime.timedelta(days=1), hari + datetime.timedelta(days=30)
    )
    return services.buka_evaluasi(demo, 2025)


def isi(evaluasi, jenis, jawaban_per_sub, kualifikasi=None):
    """Answer every criterion: {sub kode: list of answers in criterion order} (others 'T')."""
    from evaluasi import services
    from evaluasi.skor import lembar_skor

    skor = lembar_skor(evaluasi)
    isian, kual = {}, {}
    for s in skor.subs:
        daftar = jawaban_per_sub.get(s.sub.kode, [])
        for i, b in enumerate(s.baris):
            bawaan = "T" if b.tipe == "yt" else "E"
            isian[b.kriteria.pk] = (daftar[i] if i < len(daftar) else bawaan, "")
        if kualifikasi and s.sub.kode in kualifikasi:
            kual[s.sub.pk] = kualifikasi[s.sub.kode]
    services.simpan_jawaban(evaluasi, jenis, isian, kual)


def ajukan(evaluasi):
    """Hand the self-assessment over complete: what is still unanswered is answered 'T' ('E')."""
    from evaluasi import services
    from evaluasi.skor import MANDIRI, lembar_skor

    isian = {
        b.kriteria.pk: ("T" if b.tipe == "yt" else "E", "")
        for s in lembar_skor(evaluasi).subs
        for b in s.baris
        if not b.mandiri
    }
    services.simpan_jawaban(evaluasi, MANDIRI, isian)
    services.ajukan_mandiri(evaluasi)
