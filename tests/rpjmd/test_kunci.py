"""While the year's pemda LKIP is submitted or signed its records are shown read-only: the lists
offer no Ubah or Hapus on that year's rows (they say why), and the edit form says it is read-only
and has no Simpan."""

import pytest

from lkip.models import Pemda
from reports.models import LaporanTahunan, StatusLaporan
from rpjmd.models import TargetPemda
from tests.rpjmd.pemda_workbook import KODE, TAHUN

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(admin):
    """The Admin Pemda, with the year's pemda LKIP submitted (the year locked)."""
    pemda = Pemda.objects.get(kode=KODE)
    LaporanTahunan.objects.create(pemda=pemda, tahun=TAHUN, status=StatusLaporan.DIAJUKAN)
    return admin


def _target(tahun: int) -> TargetPemda:
    return TargetPemda.objects.filter(indikator__kode="IKU-1", tahun=tahun).first()


class KunciDaftarTests:
    def test_the_list_offers_no_change_or_delete_on_a_locked_years_rows_and_says_why(self, admin):
        terkunci, terbuka = _target(TAHUN), _target(2029)
        page = admin.get(f"/pemda/{KODE}/data/target/").content.decode()
        assert f"LKIP tahun {TAHUN} berstatus" in page and "terkunci" in page
        assert f"/data/target/{terkunci.pk}/hapus/" not in page
        assert f'href="/pemda/{KODE}/data/target/{terkunci.pk}/">Lihat</a>' in page
        assert f'href="/pemda/{KODE}/data/target/{terbuka.pk}/">Ubah</a>' in page
        assert f"/data/target/{terbuka.pk}/hapus/" in page

    def test_records_without_a_year_are_not_offered_for_deletion_while_a_year_is_locked(
        self, admin
    ):
        page = admin.get(f"/pemda/{KODE}/data/indikator/").content.decode()
        assert "/hapus/" not in page and "Hapus terkunci" in page
        assert ">Ubah</a>" in page  # the plan's records are still changed, as `ubah` allows


class KunciFormTests:
    def test_the_edit_form_of_a_locked_year_says_it_is_read_only_and_has_no_save(self, admin):
        t = _target(TAHUN)
        r = admin.get(f"/pemda/{KODE}/data/target/{t.pk}/")
        page = r.content.decode()
        assert r.status_code == 200
        assert "Hanya baca." in page and f"data tahun {TAHUN}" in page
        assert ">Simpan</button>" not in page and "Hapus…" not in page
        assert "disabled" in page

    def test_a_post_to_a_locked_record_still_changes_nothing(self, admin):
        t = _target(TAHUN)
        data = {"indikator": t.indikator_id, "tahun": TAHUN, "jenis": t.jenis, "nilai": "1"}
        r = admin.post(f"/pemda/{KODE}/data/target/{t.pk}/", data)
        assert r.status_code == 400
        t2 = TargetPemda.objects.get(pk=t.pk)
        assert (t2.nilai, t2.nilai_bawah, t2.nilai_atas) == (t.nilai, t.nilai_bawah, t.nilai_atas)

    def test_the_edit_form_of_an_open_year_still_saves(self, admin):
        t = _target(2029)
        data = {"indikator": t.indikator_id, "tahun": 2029, "jenis": t.jenis}
        data |= {"nilai": "71"} if not t.rentang else {"nilai_bawah": "71", "nilai_atas": "72"}
        r = admin.post(f"/pemda/{KODE}/data/target/{t.pk}/", data)
        assert r.status_code == 302, r.content.decode()[-1500:]

    def test_a_new_record_of_a_locked_year_is_refused_on_its_year_field(self, admin):
        from rpjmd.models import AnggaranPerangkatDaerah

        data = {"tahun": TAHUN, "perangkat_daerah": "Badan Baru", "pagu": "10", "realisasi": "5"}
        r = admin.post(f"/pemda/{KODE}/data/anggaran/tambah/", data)
        assert r.status_code == 400
        form = r.context["form"]
        assert list(form.errors) == ["tahun"]
        assert f"data tahun {TAHUN}" in form.errors["tahun"][0]
        assert not AnggaranPerangkatDaerah.objects.filter(perangkat_daerah="Badan Baru").exists()
