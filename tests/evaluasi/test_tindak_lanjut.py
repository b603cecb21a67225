"""Follow-up of the LHE's recommendations, overdue ones on the dashboards, next year's worksheet,
and the pemda's ranking."""

import datetime
import io
import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import load_workbook

from demo.opd import DEMO_PASSWORD
from evaluasi import services
from evaluasi.models import Komponen, Rekomendasi, StatusTindakLanjut
from evaluasi.skor import AKHIR, lembar_skor
from tests.evaluasi.conftest import ajukan, isi
from tests.factories import make_opd

pytestmark = pytest.mark.django_db


def _final(evaluasi, jawaban, user, rekomendasi=()):
    ajukan(evaluasi)
    isi(evaluasi, AKHIR, jawaban)
    for teks, batas in rekomendasi:
        komponen = Komponen.objects.get(lembar=evaluasi.lembar, kode="4")
        services.tambah_rekomendasi(evaluasi, komponen.pk, teks, batas)
    services.finalkan(
        evaluasi, user, nomor_lhe=f"LHE-{evaluasi.opd.kode}", tanggal_lhe=timezone.localdate()
    )
    evaluasi.refresh_from_db()
    return evaluasi


@pytest.fixture
def inspektur(django_user_model):
    return django_user_model.objects.get(username="inspektorat.bekasi")


@pytest.fixture
def rekomendasi(evaluasi, inspektur):
    """A recommendation whose deadline (today when it was given) has since passed."""
    _final(
        evaluasi,
        {},
        inspektur,
        [("Susun manual IKU untuk setiap indikator.", timezone.localdate())],
    )
    Rekomendasi.objects.update(batas=timezone.localdate() - datetime.timedelta(days=1))
    return Rekomendasi.objects.get()


def test_the_agency_responds_with_evidence_and_the_inspektorat_accepts(rekomendasi, client):
    url = f"/evaluasi/{rekomendasi.evaluasi.opd.kode}/tindak-lanjut/{rekomendasi.pk}/"
    client.login(username="inspektorat.bekasi", password=DEMO_PASSWORD)
    assert client.post(url, {"tanggapan": "Sudah"}).status_code == 403
    client.login(username="perencana.dinsos", password=DEMO_PASSWORD)
    assert client.post(url, {"keputusan": "terima"}).status_code == 403
    bukti = SimpleUploadedFile("manual.pdf", b"%PDF-1.4 manual IKU")
    assert (
        client.post(url, {"tanggapan": "Manual IKU ditetapkan.", "bukti": bukti}).status_code == 302
    )
    rekomendasi.refresh_from_db()
    assert rekomendasi.status == StatusTindakLanjut.PROSES
    client.login(username="inspektorat.bekasi", password=DEMO_PASSWORD)
    response = client.post(url, {"keputusan": "perbaikan", "catatan": ""})
    assert response.status_code == 400
    assert "Catatan wajib diisi" in response.content.decode()
    assert client.post(url, {"keputusan": "terima", "catatan": "Sesuai."}).status_code == 302
    rekomendasi.refresh_from_db()
    assert rekomendasi.status == StatusTindakLanjut.SELESAI
    assert client.get(f"{url}bukti/").status_code == 200


def test_overdue_recommendations_show_on_the_pemda_and_agency_dashboards(rekomendasi, client):
    client.login(username="inspektorat.bekasi", password=DEMO_PASSWORD)
    pesan = "Dinas Sosial Kota Bekasi: 1 rekomendasi LHE melewati batas waktu tindak lanjut"
    assert pesan in client.get("/dasbor/").content.decode()
    assert pesan in client.get("/dasbor/opd/dinsos-kota-bekasi/2024/").content.decode()
    # Accepting the follow-up (a save with history) moves the data version: the cached page goes.
    rek = Rekomendasi.objects.get()
    rek.status = StatusTindakLanjut.SELESAI
    rek.save()
    assert pesan not in client.get("/dasbor/").content.decode()


def test_next_years_worksheet_lists_last_years_open_recommendations(rekomendasi, client, demo):
    hari = timezone.localdate()
    services.buat_lembar(demo.pemda, 2026, hari, hari + datetime.timedelta(days=10))
    services.buka_evaluasi(demo, 2026)
    client.login(username="perencana.dinsos", password=DEMO_PASSWORD)
    halaman = client.get("/evaluasi/dinsos-kota-bekasi/2026/").content.decode()
    assert "Rekomendasi tahun lalu yang belum selesai" in halaman
    assert "Susun manual IKU untuk setiap indikator." in halaman


def test_the_pemda_ranking_orders_by_score_counts_predicates_and_exports(
    evaluasi, inspektur, client, demo
):
    lain = make_opd("dinas-kedua", pemda=demo.pemda, nama="Dinas Kedua")
    semua_ya = {s.sub.kode: ["Y"] * 11 for s in lembar_skor(evaluasi).subs}
    _final(evaluasi, semua_ya, inspektur)  # 70,00: B
    kedua = services.buka_evaluasi(lain, 2025)
    _final(kedua, {"1.a": ["Y"] * 6}, inspektur)  # 1.a all met: 4,20: D
    client.login(username="inspektorat.bekasi", password=DEMO_PASSWORD)
    halaman = client.get("/evaluasi/rekap/2025/")
    rekap = halaman.context["rekap"]
    assert [(b.peringkat, b.opd.kode, b.nilai, b.predikat) for b in rekap.baris][:2] == [
        (1, "dinsos-kota-bekasi", Decimal("70.00"), "B"),
        (2, "dinas-kedua", Decimal("4.20"), "D"),
    ]
    assert dict(rekap.sebaran) == {"AA": 0, "A": 0, "BB": 0, "B": 1, "CC": 0, "C": 0, "D": 1}
    ws = load_workbook(io.BytesIO(client.get("/evaluasi/rekap/2025.xlsx").content)).active
    assert [c.value for c in ws[2]][:5] == [1, "Dinas Sosial Kota Bekasi", "Final", 70, "B"]


def test_the_rankings_year_links_lead_only_to_years_with_evaluations(evaluasi, client, demo):
    hari = timezone.localdate()
    services.buat_lembar(demo.pemda, 2022, hari, hari)
    services.buka_evaluasi(demo, 2022)
    client.login(username="inspektorat.bekasi", password=DEMO_PASSWORD)

    def tautan(tahun: int) -> list[str]:
        halaman = client.get(f"/evaluasi/rekap/{tahun}/").content.decode()
        return re.findall(r'href="/evaluasi/rekap/(\d+)/"', halaman)

    assert tautan(2025) == ["2022"]  # no 2024 or 2026: no agency was evaluated then
    assert tautan(2022) == ["2025"]
    assert tautan(2013) == ["2022"]
    assert tautan(2047) == ["2025"]
