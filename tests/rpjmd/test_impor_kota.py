"""The generated city's pemda workbook: its export imported back unchanged is accepted and changes
nothing, also after a budget row was added on the form and while a year's pemda LKIP is signed."""

import pytest
from django.core.management import call_command
from django.test import Client

from demo.kota import buat_kota
from exchange.workbook import impor_xlsx
from reports.models import LaporanTahunan, StatusLaporan
from rpjmd.models import AnggaranPerangkatDaerah
from tests.reports.alur_data import make_user

pytestmark = pytest.mark.django_db


def _ekspor(pemda, tmp_path) -> bytes:
    out = tmp_path / "pemda.xlsx"
    call_command("export_workbook", pemda=pemda.kode, output=str(out))
    return out.read_bytes()


class EksporKotaTests:
    def test_the_city_export_with_a_budget_row_added_on_the_form_imports_back_unchanged(
        self, demo, tmp_path
    ):
        buat_kota(2, 2, seed=1, rincian=1)
        pemda = demo.pemda
        admin = Client()
        admin.force_login(make_user("admin.kota", "admin_pemda", pemda=pemda))
        opd = pemda.opd_set.order_by("kode").last()
        r = admin.post(
            f"/pemda/{pemda.kode}/data/anggaran/tambah/",
            {
                "tahun": 2025,
                "perangkat_daerah": opd.nama,
                "opd": opd.pk,
                "pagu": "1.000.000",
                "realisasi": "900.000",
            },
        )
        assert r.status_code == 302, r.content.decode()[-1500:]
        # Rows the form added before it numbered them kept urutan 0 and are listed first: a
        # stored numbering that is not 1, 2, 3 … which the import must keep.
        AnggaranPerangkatDaerah.objects.filter(tahun=2025, opd=opd).update(urutan=0)
        LaporanTahunan.objects.update_or_create(
            pemda=pemda, opd=None, tahun=2025, defaults={"status": StatusLaporan.DITANDATANGANI}
        )
        sebelum = list(AnggaranPerangkatDaerah.objects.values_list("id", "urutan", "pagu"))

        again = impor_xlsx(_ekspor(pemda, tmp_path))

        assert again.ok, [str(m) for m in again.errors]
        assert again.hitung("baru") == 0 and again.hitung("ubah") == 0, [
            (p.sheet, p.kunci, p.detail) for p in again.perubahan if p.aksi != "tetap"
        ]
        assert list(AnggaranPerangkatDaerah.objects.values_list("id", "urutan", "pagu")) == sebelum
