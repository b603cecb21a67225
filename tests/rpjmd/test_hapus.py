"""Deleting on the pemda screens: the Admin Pemda only, through a confirmation page naming what goes
with the record; refused while the year's pemda LKIP is submitted or signed."""

import pytest
from django.test import Client

from lkip.models import Pemda
from reports.models import LaporanTahunan, StatusLaporan
from rpjmd.models import IndikatorPemda, RealisasiPemda, TargetPemda
from tests.reports.alur_data import make_user
from tests.rpjmd.pemda_workbook import KODE, TAHUN, import_pemda

pytestmark = pytest.mark.django_db


@pytest.fixture
def pemda():
    assert import_pemda().ok
    return Pemda.objects.get(kode=KODE)


def _client(pemda, username: str, peran: str) -> Client:
    c = Client()
    c.force_login(make_user(username, peran, pemda=pemda))
    return c


def _url(layar: str, pk: int) -> str:
    return f"/pemda/{KODE}/data/{layar}/{pk}/hapus/"


class HapusTests:
    def test_the_admin_pemda_deletes_an_iku_after_a_page_naming_its_targets_and_realisations(
        self, pemda
    ):
        c = _client(pemda, "admin.sukamaju", "admin_pemda")
        iku = IndikatorPemda.objects.get(rpjmd__pemda=pemda, kode="IKU-2")
        targets = TargetPemda.objects.filter(indikator=iku).count()
        realisasi = RealisasiPemda.objects.filter(indikator=iku).count()
        assert targets and realisasi
        daftar = c.get(f"/pemda/{KODE}/data/indikator/").content.decode()
        assert _url("indikator", iku.pk) in daftar

        page = c.get(_url("indikator", iku.pk)).content.decode()
        assert "akan dihapus beserta" in page
        assert f"{targets} target IKU pemda: \u201cTarget" in page
        assert f"{realisasi} realisasi IKU pemda: \u201cRealisasi IKU-2" in page
        assert "Ya, hapus" in page
        assert IndikatorPemda.objects.filter(pk=iku.pk).exists()  # GET deletes nothing
        c.post(_url("indikator", iku.pk))  # nor a POST without the confirmation
        assert IndikatorPemda.objects.filter(pk=iku.pk).exists()

        r = c.post(_url("indikator", iku.pk), {"konfirmasi": "ya"})
        assert r.status_code == 302 and r.url == f"/pemda/{KODE}/data/indikator/"
        assert not IndikatorPemda.objects.filter(pk=iku.pk).exists()
        assert not TargetPemda.objects.filter(indikator_id=iku.pk).exists()
        assert "dihapus" in c.get(r.url).content.decode()

    def test_a_record_of_a_year_whose_pemda_lkip_is_submitted_is_not_deleted(self, pemda):
        LaporanTahunan.objects.create(
            pemda=pemda, opd=None, tahun=TAHUN, status=StatusLaporan.DIAJUKAN
        )
        c = _client(pemda, "admin.sukamaju", "admin_pemda")
        real = RealisasiPemda.objects.filter(indikator__rpjmd__pemda=pemda, tahun=TAHUN).first()
        page = c.get(_url("realisasi", real.pk)).content.decode()
        assert "Ya, hapus" not in page
        assert f"LKIP tahun {TAHUN} berstatus Diajukan: data tahun {TAHUN} terkunci" in page
        r = c.post(_url("realisasi", real.pk), {"konfirmasi": "ya"}, follow=True)
        assert RealisasiPemda.objects.filter(pk=real.pk).exists()
        assert "tidak dihapus" in r.content.decode()

    def test_a_signed_pemda_lkip_keeps_its_iku_too(self, pemda):
        LaporanTahunan.objects.create(
            pemda=pemda, opd=None, tahun=TAHUN, status=StatusLaporan.DITANDATANGANI
        )
        c = _client(pemda, "admin.sukamaju", "admin_pemda")
        iku = IndikatorPemda.objects.filter(rpjmd__pemda=pemda).first()
        c.post(_url("indikator", iku.pk), {"konfirmasi": "ya"})
        assert IndikatorPemda.objects.filter(pk=iku.pk).exists()

    def test_the_inspektorat_is_offered_no_delete_and_is_refused_one(self, pemda):
        c = _client(pemda, "insp.sukamaju", "inspektorat")
        iku = IndikatorPemda.objects.filter(rpjmd__pemda=pemda).first()
        assert "Hapus" not in c.get(f"/pemda/{KODE}/data/indikator/").content.decode()
        assert c.get(_url("indikator", iku.pk)).status_code == 403
        assert c.post(_url("indikator", iku.pk), {"konfirmasi": "ya"}).status_code == 403
        assert IndikatorPemda.objects.filter(pk=iku.pk).exists()
