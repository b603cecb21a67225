"""Adding records on the pemda screens: every screen's form saves a new record of the pemda, or
answers with its errors (never a 500)."""

import pytest

from indicators.models import JenisNilai, Polaritas
from rpjmd.models import IndikatorPemda, SasaranPemda, TujuanPemda
from rpjmd.screens import LAYAR
from tests.rpjmd.pemda_workbook import KODE

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("layar", list(LAYAR))
def test_an_empty_form_on_every_screen_answers_with_its_errors(admin, layar):
    url = f"/pemda/{KODE}/data/{layar}/tambah/"
    assert admin.get(url).status_code == 200
    assert admin.post(url, {}).status_code == 400


def test_the_admin_pemda_adds_an_iku_to_a_sasaran(admin):
    sasaran = SasaranPemda.objects.filter(rpjmd__pemda__kode=KODE).first()
    before = IndikatorPemda.objects.count()
    data = {
        "sasaran": sasaran.pk,
        "kode": "IKU-9",
        "uraian": "Indeks kepuasan masyarakat",
        "jenis_nilai": JenisNilai.ANGKA,
        "satuan": "indeks",
        "polaritas": Polaritas.POSITIF,
        "metode_negatif": "A",
        "acuan_rentang": "",
        "rumus": "",
        "sumber_data": "",
    }
    r = admin.post(f"/pemda/{KODE}/data/indikator/tambah/", data)
    assert r.status_code == 302, r.content.decode()[-1500:]
    assert IndikatorPemda.objects.count() == before + 1
    iku = IndikatorPemda.objects.get(rpjmd=sasaran.rpjmd, kode="IKU-9")
    assert iku.sasaran == sasaran
    # The same kode again in that RPJMD: a message on the form, nothing written, no 500.
    again = admin.post(f"/pemda/{KODE}/data/indikator/tambah/", data)
    assert again.status_code == 400 and "sudah ada" in again.content.decode()
    assert "RPJMD dan Kode" in again.content.decode()  # the field's name, not "Rpjmd"
    assert IndikatorPemda.objects.count() == before + 1


def test_the_rpjmd_its_tujuan_and_sasaran_have_screens_of_their_own(admin):
    tujuan = TujuanPemda.objects.filter(rpjmd__pemda__kode=KODE).first()
    for layar in ("rpjmd", "tujuan", "sasaran"):
        assert admin.get(f"/pemda/{KODE}/data/{layar}/").status_code == 200
    assert tujuan.uraian in admin.get(f"/pemda/{KODE}/data/tujuan/").content.decode()
    r = admin.post(
        f"/pemda/{KODE}/data/sasaran/tambah/",
        {"tujuan": tujuan.pk, "kode": "S-9", "uraian": "Meningkatnya tata kelola", "urutan": 9},
    )
    assert r.status_code == 302
    assert SasaranPemda.objects.get(kode="S-9").rpjmd == tujuan.rpjmd


def test_a_budget_row_added_on_the_form_is_listed_after_that_years_rows(admin):
    from rpjmd.models import AnggaranPerangkatDaerah

    data = {"tahun": 2025, "perangkat_daerah": "Badan Baru", "pagu": "10", "realisasi": "5"}
    assert admin.post(f"/pemda/{KODE}/data/anggaran/tambah/", data).status_code == 302
    tahun_ini = AnggaranPerangkatDaerah.objects.filter(pemda__kode=KODE, tahun=2025)
    assert list(tahun_ini)[-1].perangkat_daerah == "Badan Baru"
