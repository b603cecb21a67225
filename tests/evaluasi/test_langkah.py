"""The steps of the evaluation (submit, finalise, sign) are offered only when they can succeed;
otherwise the page says why, and the service still refuses them as a guard."""

import datetime
import html
import re

import pytest

from demo.opd import DEMO_PASSWORD
from evaluasi import lhe, services
from evaluasi.models import LHETertandatangani, StatusEvaluasi
from evaluasi.skor import AKHIR, MANDIRI, lembar_skor
from tests.evaluasi.conftest import ajukan, isi

pytestmark = pytest.mark.django_db


def _teks(response) -> str:
    return html.unescape(response.content.decode())


def _semua(evaluasi) -> dict[str, list[str]]:
    return {s.sub.kode: ["Y"] * 11 for s in lembar_skor(evaluasi).subs}


def _jawab_sebagian(evaluasi, jenis: str) -> None:
    """Answer only 1.a (6 of the 80 criteria)."""
    skor = lembar_skor(evaluasi)
    services.simpan_jawaban(evaluasi, jenis, {b.kriteria.pk: ("Y", "") for b in skor.subs[0].baris})


def test_an_incomplete_self_assessment_is_refused_naming_how_many_and_which_sub_components(
    evaluasi,
):
    _jawab_sebagian(evaluasi, MANDIRI)
    with pytest.raises(services.Ditolak) as galat:
        services.ajukan_mandiri(evaluasi)
    assert "74 dari 80 kriteria belum dijawab (sub-komponen 1.b: 11, 1.c: 8, 2.a: 3" in str(
        galat.value
    )
    evaluasi.refresh_from_db()
    assert evaluasi.status == StatusEvaluasi.MANDIRI


def test_the_agency_is_offered_submission_only_once_every_criterion_is_answered(evaluasi, client):
    _jawab_sebagian(evaluasi, MANDIRI)
    client.login(username="perencana.dinsos", password=DEMO_PASSWORD)
    url = f"/evaluasi/{evaluasi.opd.kode}/2025/"
    halaman = _teks(client.get(url))
    assert "Ajukan penilaian mandiri</button>" not in halaman
    assert "74 dari 80 kriteria belum dijawab" in halaman
    # Posted anyway: the confirmation page only says why, with nothing to confirm.
    konfirmasi = _teks(client.post(f"{url}ajukan/"))
    assert "74 dari 80 kriteria belum dijawab" in konfirmasi and "Ya, ajukan" not in konfirmasi
    isi(evaluasi, MANDIRI, _semua(evaluasi))
    halaman = _teks(client.get(url))
    assert "Ajukan penilaian mandiri</button>" in halaman
    assert "belum dijawab" not in halaman


def test_the_evaluator_is_offered_finalising_only_once_every_criterion_is_valued(evaluasi, client):
    ajukan(evaluasi)
    _jawab_sebagian(evaluasi, AKHIR)
    client.login(username="inspektorat.bekasi", password=DEMO_PASSWORD)
    url = f"/evaluasi/{evaluasi.opd.kode}/2025/"
    halaman = _teks(client.get(url))
    assert "Finalkan evaluasi</button>" not in halaman
    assert "74 dari 80 kriteria belum dinilai evaluator (sub-komponen 1.b: 11," in halaman
    data = {"nomor_lhe": "1/LHE", "tanggal_lhe": "2025-07-01"}
    konfirmasi = _teks(client.post(f"{url}finalkan/", data))
    assert "74 dari 80 kriteria belum dinilai evaluator" in konfirmasi
    assert "Ya, finalkan" not in konfirmasi
    isi(evaluasi, AKHIR, _semua(evaluasi))
    halaman = _teks(client.get(url))
    assert "Finalkan evaluasi</button>" in halaman and "belum dinilai" not in halaman
    assert "Ya, finalkan" in _teks(client.post(f"{url}finalkan/", data))


def test_a_signed_lhe_is_not_offered_for_signing_again(evaluasi, client, django_user_model):
    ajukan(evaluasi)
    isi(evaluasi, AKHIR, _semua(evaluasi))
    user = django_user_model.objects.get(username="inspektorat.bekasi")
    services.finalkan(evaluasi, user, nomor_lhe="1/LHE", tanggal_lhe=datetime.date(2025, 7, 1))
    evaluasi.refresh_from_db()
    client.login(username="inspektorat.bekasi", password=DEMO_PASSWORD)
    url = f"/evaluasi/{evaluasi.opd.kode}/2025/"
    assert "Tandatangani LHE</button>" in _teks(client.get(url))
    lhe.tandatangani_lhe(evaluasi, user)
    halaman = _teks(client.get(url))
    assert "Tandatangani LHE</button>" not in halaman
    assert "LHE ditandatangani" in halaman
    konfirmasi = _teks(client.post(f"{url}tandatangani/"))
    assert "sudah ditandatangani" in konfirmasi and "Ya, tandatangani" not in konfirmasi
    assert LHETertandatangani.objects.count() == 1


@pytest.mark.parametrize(
    ("pengguna", "aksi", "data"),
    [
        ("perencana.dinsos", "ajukan/", {}),
        ("inspektorat.bekasi", "finalkan/", {"nomor_lhe": "1", "tanggal_lhe": "2025-07-01"}),
        ("inspektorat.bekasi", "buka-kembali/", {"alasan": "x"}),
        ("inspektorat.bekasi", "tandatangani/", {}),
    ],
)
def test_a_confirmation_page_keeps_the_trail_to_the_evaluation(
    evaluasi, client, pengguna, aksi, data
):
    client.login(username=pengguna, password=DEMO_PASSWORD)
    url = f"/evaluasi/{evaluasi.opd.kode}/2025/"
    remah = re.search(r'<nav class="remah".*?</nav>', client.post(url + aksi, data).text, re.S)
    jejak = re.sub(r"<[^>]+>", "", remah.group(0)).split()
    assert (
        " ".join(jejak) == "Beranda › Dinas Sosial Kota Bekasi › Evaluasi AKIP › 2025 › Konfirmasi"
    )
    assert f'href="{url}"' in remah.group(0)


def test_a_recommendation_page_keeps_evaluasi_akip_in_its_trail(evaluasi, client):
    from django.utils import timezone

    from evaluasi.models import Komponen, Rekomendasi

    ajukan(evaluasi)
    komponen = Komponen.objects.get(lembar=evaluasi.lembar, kode="1")
    rek = services.tambah_rekomendasi(evaluasi, komponen.pk, "Susun IKU.", timezone.localdate())
    client.login(username="perencana.dinsos", password=DEMO_PASSWORD)
    halaman = client.get(f"/evaluasi/{evaluasi.opd.kode}/tindak-lanjut/{rek.pk}/").text
    remah = re.search(r'<nav class="remah".*?</nav>', halaman, re.S).group(0)
    assert " ".join(re.sub(r"<[^>]+>", "", remah).split()) == (
        "Beranda › Dinas Sosial Kota Bekasi › Evaluasi AKIP › Tindak lanjut › Rekomendasi 1"
    )
    assert Rekomendasi.objects.count() == 1


def test_the_evidence_removal_confirmation_keeps_the_trail_to_its_criterion(evaluasi, demo, client):
    from evaluasi.models import Kriteria

    kriteria = Kriteria.objects.get(sub__komponen__lembar=evaluasi.lembar, sub__kode="1.a", nomor=3)
    renstra = demo.renstra_set.first()
    bukti = services.tambah_bukti(evaluasi, kriteria.pk, None, sumber=f"renstra:{renstra.pk}")
    client.login(username="perencana.dinsos", password=DEMO_PASSWORD)
    url = f"/evaluasi/{evaluasi.opd.kode}/2025/kriteria/{kriteria.pk}/bukti/"
    remah = re.search(
        r'<nav class="remah".*?</nav>', client.post(url, {"hapus": bukti.pk}).text, re.S
    ).group(0)
    assert " ".join(re.sub(r"<[^>]+>", "", remah).split()) == (
        "Beranda › Dinas Sosial Kota Bekasi › Evaluasi AKIP › 2025 › 1.a › Bukti 1.a.3 › Konfirmasi"
    )
    assert f'href="/evaluasi/{evaluasi.opd.kode}/2025/1a/"' in remah
