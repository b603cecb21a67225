"""The pemda's data health: a budget per agency whose realisasi is above its pagu is a kesalahan
(the agency's rule VR-BUD-2) naming the agency and year, with a link to the form that fixes it."""

from decimal import Decimal as D

import pytest

from rpjmd.laporan import load, periksa_data
from rpjmd.models import AnggaranPerangkatDaerah
from tests.rpjmd.pemda_workbook import KODE, TAHUN

pytestmark = pytest.mark.django_db


def _di_atas_pagu(admin) -> AnggaranPerangkatDaerah:
    r = admin.post(
        f"/pemda/{KODE}/data/anggaran/tambah/",
        {"tahun": TAHUN, "perangkat_daerah": "Badan Baru", "pagu": "1.000", "realisasi": "999.999"},
    )
    assert r.status_code == 302, r.content.decode()[-1500:]
    return AnggaranPerangkatDaerah.objects.get(perangkat_daerah="Badan Baru")


class RealisasiMelebihiPaguTests:
    def test_a_budget_row_with_realisasi_above_pagu_is_a_kesalahan_naming_agency_and_year(
        self, admin
    ):
        baris = _di_atas_pagu(admin)
        temuan = [t for t in periksa_data(load(KODE, TAHUN)) if t.aturan == "VR-BUD-2"]
        assert len(temuan) == 1
        t = temuan[0]
        assert t.adalah_kesalahan
        assert t.lokasi == f"Anggaran Badan Baru, tahun {TAHUN}"
        assert "realisasi Rp999.999 melebihi pagu Rp1.000 (serapan 99.999,90%)" in t.pesan
        assert t.tautan == (
            (f"Ubah anggaran Badan Baru {TAHUN}", f"/pemda/{KODE}/data/anggaran/{baris.pk}/"),
        )

    def test_the_finding_is_on_the_work_list_with_its_link_and_gone_once_fixed(self, admin):
        baris = _di_atas_pagu(admin)
        page = admin.get(f"/laporan/pemda/{KODE}/{TAHUN}/temuan/").content.decode()
        assert "VR-BUD-2" in page and f"/pemda/{KODE}/data/anggaran/{baris.pk}/" in page
        baris.realisasi = D(900)
        baris.save()
        assert "VR-BUD-2" not in [t.aturan for t in periksa_data(load(KODE, TAHUN))]
