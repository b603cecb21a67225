"""Dates of the evaluation are picked in a calendar, refused in Indonesian words naming the field,
and a follow-up deadline is never before today."""

import datetime
import html

import pytest
from django.contrib.messages import get_messages
from django.utils import timezone

from demo.opd import DEMO_PASSWORD
from evaluasi import services
from evaluasi.models import Komponen, Rekomendasi
from evaluasi.skor import AKHIR
from tests.evaluasi.conftest import ajukan, isi

pytestmark = pytest.mark.django_db


def test_opening_a_year_with_a_bad_date_names_the_field_in_plain_sentences(demo, client):
    client.login(username="inspektorat.bekasi", password=DEMO_PASSWORD)
    response = client.post(
        "/evaluasi/buka/",
        {"tahun": "2026", "mulai": "31-02-2026", "selesai": "2026-12-31", "model": "subkomponen"},
    )
    (pesan,) = [str(m) for m in get_messages(response.wsgi_request)]
    assert pesan == (
        "Evaluasi tidak dibuka. Tanggal pembukaan penilaian mandiri bukan tanggal yang valid; "
        "pilih tanggal pada kalender."
    )
    assert ";" not in pesan.split("valid;", 1)[1] and "Masukkan" not in pesan


def test_the_opening_form_asks_for_dates_in_date_inputs(demo, client):
    client.login(username="inspektorat.bekasi", password=DEMO_PASSWORD)
    halaman = client.get("/evaluasi/").content.decode()
    hari = timezone.localdate().isoformat()
    assert f'type="date" name="mulai" value="{hari}"' in halaman
    assert 'type="date" name="selesai"' in halaman


@pytest.fixture
def penilaian(evaluasi, client):
    ajukan(evaluasi)
    client.login(username="inspektorat.bekasi", password=DEMO_PASSWORD)
    return evaluasi


def _tambah(client, evaluasi, batas: str):
    komponen = Komponen.objects.get(lembar=evaluasi.lembar, kode="1")
    return client.post(
        f"/evaluasi/{evaluasi.opd.kode}/2025/temuan/",
        {"komponen": komponen.pk, "teks": "Susun manual IKU.", "batas": batas},
    )


def test_the_recommendation_form_has_plain_labels_and_date_inputs(penilaian, client):
    halaman = html.unescape(
        client.get(f"/evaluasi/{penilaian.opd.kode}/2025/temuan/").content.decode()
    )
    assert "TTTT-BB-HH" not in halaman
    assert "Batas waktu tindak lanjut</label>" in halaman
    assert 'type="date" name="batas"' in halaman
    isi(penilaian, AKHIR, {})
    lembar = html.unescape(client.get(f"/evaluasi/{penilaian.opd.kode}/2025/").content.decode())
    assert "TTTT-BB-HH" not in lembar
    assert "Tanggal LHE</label>" in lembar


def test_a_bad_follow_up_deadline_is_refused_naming_the_field(penilaian, client):
    response = _tambah(client, penilaian, "2026-13-45")
    assert response.status_code == 400
    assert "Batas waktu tindak lanjut bukan tanggal yang valid" in html.unescape(
        response.content.decode()
    )
    assert not Rekomendasi.objects.exists()


def test_a_follow_up_deadline_before_today_is_refused_and_today_is_accepted(penilaian, client):
    response = _tambah(client, penilaian, "2020-01-01")
    assert response.status_code == 400
    hari = timezone.localdate()
    assert (
        "Batas waktu tindak lanjut (1 Januari 2020) tidak boleh sebelum hari ini "
        f"({hari.day} " in html.unescape(response.content.decode())
    )
    assert not Rekomendasi.objects.exists()
    komponen = Komponen.objects.get(lembar=penilaian.lembar, kode="1")
    with pytest.raises(services.Ditolak, match="Batas waktu tindak lanjut"):
        services.tambah_rekomendasi(penilaian, komponen.pk, "x", hari - datetime.timedelta(1))
    assert _tambah(client, penilaian, hari.isoformat()).status_code == 302
    assert Rekomendasi.objects.get().batas == hari
