"""The LHE: rendered with the LKIP's stack, signed by the Inspektur, verified on the public page."""

import datetime
import io
from decimal import Decimal

import pdfplumber
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from demo.opd import DEMO_PASSWORD
from evaluasi import lhe, services
from evaluasi.models import Komponen, Kualifikasi, LHETertandatangani
from evaluasi.skor import AKHIR, lembar_skor
from reports.verifikasi import verifikasi_pdf
from tests.evaluasi.conftest import ajukan, isi

pytestmark = pytest.mark.django_db


def _batas() -> datetime.date:
    """A follow-up deadline to come (none before today is accepted)."""
    return datetime.date(timezone.localdate().year + 1, 12, 31)


@pytest.fixture
def final(evaluasi, django_user_model):
    ajukan(evaluasi)
    jawaban = {s.sub.kode: ["Y"] * 11 for s in lembar_skor(evaluasi).subs}
    jawaban |= {"1.b": ["Y"] * 9, "1.c": ["Y"] * 5}
    isi(evaluasi, AKHIR, jawaban, {"1.a": Kualifikasi.DIHARGAI})
    komponen = Komponen.objects.get(lembar=evaluasi.lembar, kode="1")
    services.simpan_catatan(evaluasi, komponen.pk, "Cascading kinerja belum sampai eselon IV.")
    services.tambah_rekomendasi(
        evaluasi, komponen.pk, "Susun pohon kinerja sampai eselon IV.", _batas()
    )
    user = django_user_model.objects.get(username="inspektorat.bekasi")
    services.finalkan(
        evaluasi, user, nomor_lhe="700/LHE-AKIP/2025", tanggal_lhe=datetime.date(2025, 6, 30)
    )
    evaluasi.refresh_from_db()
    return evaluasi


def _teks(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return "\n".join(page.extract_text() or "" for page in doc.pages)


def test_the_lhe_states_basis_scope_scores_predicate_findings_and_recommendations(final):
    teks = _teks(lhe.render_lhe_pdf(lhe.bangun_lhe(final)))
    for bagian in (
        "LAPORAN HASIL EVALUASI",
        "700/LHE-AKIP/2025",
        "Peraturan Menteri PANRB Nomor 88 Tahun 2021",
        "C. Ruang Lingkup",
        "Perencanaan Kinerja",
        "20,70",
        "69,70",
        "Cascading kinerja belum sampai eselon IV.",
        "Susun pohon kinerja sampai eselon IV.",
        f"31 Desember {_batas().year}",
    ):
        assert bagian in teks, bagian
    assert "Baik" in teks and "predikat B" in teks.replace("\n", " ")


def test_the_inspektur_signs_the_lhe_and_anyone_verifies_it(final, client, django_user_model):
    client.login(username="perencana.dinsos", password=DEMO_PASSWORD)
    url = f"/evaluasi/{final.opd.kode}/2025/tandatangani/"
    assert client.post(url, {"konfirmasi": "ya"}).status_code == 403
    client.login(username="inspektorat.bekasi", password=DEMO_PASSWORD)
    assert client.post(url).status_code == 200  # the confirmation page; nothing signed yet
    assert not LHETertandatangani.objects.exists()
    assert client.post(url, {"konfirmasi": "ya"}).status_code == 302
    dok = LHETertandatangani.objects.get()
    assert (dok.nilai, dok.predikat, dok.revisi) == (Decimal("69.70"), "B", 0)
    pdf = bytes(dok.pdf)
    verdikt = verifikasi_pdf(pdf)
    assert verdikt.sah, verdikt.alasan
    assert "LHE AKIP" in verdikt.alasan
    client.logout()
    halaman = client.post("/verifikasi/", {"berkas": SimpleUploadedFile("lhe.pdf", pdf)})
    assert "SAH" in halaman.content.decode()
    assert client.get(f"/evaluasi/verifikasi/{dok.pk}/").status_code == 200
    diubah = bytearray(pdf)
    diubah[len(pdf) // 3] ^= 0x01  # one bit of the signed content
    assert not verifikasi_pdf(bytes(diubah)).sah
    # Signed once: a second signature without a change is refused.
    client.login(username="inspektorat.bekasi", password=DEMO_PASSWORD)
    client.post(url, {"konfirmasi": "ya"})
    assert LHETertandatangani.objects.count() == 1


def test_an_lhe_past_the_render_limit_is_a_message_on_the_worksheet_not_a_500(
    final, client, settings
):
    client.login(username="inspektorat.bekasi", password=DEMO_PASSWORD)
    lembar = f"/evaluasi/{final.opd.kode}/2025/"
    assert client.get(lembar + "lhe.pdf").content.startswith(b"%PDF")
    # A limit no render meets on any machine (a memory limit depends on the address space the
    # process already holds: on a long-running test process a 1 MB margin was enough).
    settings.LKIP_PDF_BATAS_DETIK = 0.001
    draf = client.get(lembar + "lhe.pdf", follow=True)
    assert draf.redirect_chain == [(lembar, 302)]
    assert "PDF LHE tidak tersusun" in draf.content.decode()
    ditandatangani = client.post(lembar + "tandatangani/", {"konfirmasi": "ya"}, follow=True)
    teks = ditandatangani.content.decode()
    assert "LHE belum ditandatangani" in teks and "batas waktu 0.001 detik" in teks
    assert not LHETertandatangani.objects.exists()
