"""The evaluation's Riwayat page tells every step: status, answers, qualifiers, the evaluator's
adjusted values with their reasons, evidence, findings and recommendations, and who did each."""

import datetime
import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from demo.opd import DEMO_PASSWORD
from evaluasi import services
from evaluasi.models import Komponen, SubKomponen
from evaluasi.skor import AKHIR, MANDIRI, lembar_skor
from tests.evaluasi.conftest import ajukan

pytestmark = pytest.mark.django_db


def _halaman(client, evaluasi) -> str:
    assert client.login(username="inspektorat.bekasi", password=DEMO_PASSWORD)
    response = client.get(f"/evaluasi/{evaluasi.opd.kode}/2025/riwayat/")
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_every_kind_of_change_is_on_the_history_page(evaluasi, client):
    sub_1a = SubKomponen.objects.get(komponen__lembar=evaluasi.lembar, kode="1.a")
    kriteria = lembar_skor(evaluasi).subs[0].baris[0].kriteria
    services.simpan_jawaban(evaluasi, MANDIRI, {kriteria.pk: ("Y", "Renstra")}, {sub_1a.pk: 2})
    services.tambah_bukti(
        evaluasi,
        kriteria.pk,
        None,
        berkas=SimpleUploadedFile("renstra.pdf", b"%PDF-1.4 renstra"),
        keterangan="Renstra 2021-2026",
    )
    ajukan(evaluasi)
    services.simpan_jawaban(
        evaluasi, AKHIR, {}, {}, {sub_1a.pk: ("4,5", "Dokumen ada, kualitas belum memadai")}
    )
    evaluasi.catatan_set.create(
        komponen=Komponen.objects.get(lembar=evaluasi.lembar, kode="1"), temuan="Renstra lama."
    )
    evaluasi.rekomendasi_set.create(
        komponen=Komponen.objects.get(lembar=evaluasi.lembar, kode="1"),
        nomor=1,
        teks="Perbarui Renstra.",
        batas=datetime.date(2026, 6, 30),
    )

    teks = _halaman(client, evaluasi)
    assert "Status: Penilaian evaluator" in teks
    assert f"Kriteria 1.a.{kriteria.nomor}: mandiri Y, evaluator —" in teks
    assert "Sub-komponen 1.a: kualifikasi mandiri Dipertahankan ≥ 1 tahun" in teks
    assert "nilai disesuaikan evaluator menjadi 4,50" in teks
    assert "Dokumen ada, kualitas belum memadai" in teks  # the adjustment's reason
    assert f"Bukti kriteria 1.a.{kriteria.nomor} ditambahkan (Berkas unggahan: Renstra" in teks
    assert "Catatan komponen 1 ditambahkan" in teks
    assert "Rekomendasi no. 1 (Perencanaan Kinerja) ditambahkan: Belum ditindaklanjuti" in teks


def test_the_history_takes_the_same_queries_for_one_change_or_eighty(evaluasi, client):
    assert client.login(username="inspektorat.bekasi", password=DEMO_PASSWORD)
    url = f"/evaluasi/{evaluasi.opd.kode}/2025/riwayat/"
    skor = lembar_skor(evaluasi)
    pertama = skor.subs[0].baris[0].kriteria
    services.simpan_jawaban(evaluasi, MANDIRI, {pertama.pk: ("Y", "")})
    client.get(url)  # the session's first page loads the user's permissions once
    with CaptureQueriesContext(connection) as sedikit:
        client.get(url)
    services.simpan_jawaban(
        evaluasi, MANDIRI, {b.kriteria.pk: ("T", "") for s in skor.subs for b in s.baris}
    )
    with CaptureQueriesContext(connection) as banyak:
        response = client.get(url)
    assert html.unescape(response.content.decode()).count("Kriteria ") >= 81
    assert _halaman_ini(banyak) == _halaman_ini(sedikit) == 8


def _halaman_ini(queries) -> int:
    """The page's own queries: not the data-version check the caches make now and then
    (reports.dashboard.versi, at most once per VERSI_DASBOR_DETIK)."""
    return sum('MAX("history_date")' not in q["sql"] for q in queries.captured_queries)
