"""A pemda record's year lies in the RPJMD period (a realisation also in the year before it, the
baseline): the forms refuse another year on the year's field, naming the period, as the workbook
does on its sheet, row and column."""

import pytest

from rpjmd.models import AnggaranPerangkatDaerah, IndikatorPemda, Pembiayaan, TargetPemda
from tests.rpjmd.pemda_workbook import KODE, SHEETS, import_pemda

pytestmark = pytest.mark.django_db


def _post(admin, layar: str, data: dict):
    return admin.post(f"/pemda/{KODE}/data/{layar}/tambah/", data)


def _target(tahun: int) -> dict:
    ind = IndikatorPemda.objects.get(kode="IKU-1")
    return {"indikator": ind.pk, "tahun": tahun, "jenis": "pk", "nilai": "70"}


class TahunFormTests:
    def test_a_target_of_1850_is_refused_on_its_year_naming_the_rpjmd_period(self, admin):
        before = TargetPemda.objects.count()
        r = _post(admin, "target", _target(1850))
        assert r.status_code == 400
        assert "Tahun 1850 di luar periode RPJMD 2025–2029." in r.content.decode()
        assert TargetPemda.objects.count() == before

    def test_a_target_of_the_year_before_the_period_is_refused_too(self, admin):
        assert _post(admin, "target", _target(2024)).status_code == 400

    def test_a_target_in_the_period_is_saved(self, admin):
        TargetPemda.objects.filter(indikator__kode="IKU-1", tahun=2027, jenis="pk").delete()
        assert _post(admin, "target", _target(2027)).status_code == 302

    def test_a_realisation_after_the_period_is_refused_and_the_baseline_year_is_named(self, admin):
        ind = IndikatorPemda.objects.get(kode="IKU-1")
        r = _post(
            admin,
            "realisasi",
            {"indikator": ind.pk, "tahun": 2030, "tersedia": "on", "nilai": "70"},
        )
        assert r.status_code == 400
        assert "Tahun 2030 di luar periode RPJMD 2025–2029 (atau tahun sebelum periode" in (
            r.content.decode()
        )

    def test_a_budget_per_agency_and_a_pembiayaan_outside_the_period_are_refused(self, admin):
        anggaran = {
            "tahun": 1850,
            "perangkat_daerah": "Dinas Baru",
            "pagu": "1.000",
            "realisasi": "900",
        }
        r = _post(admin, "anggaran", anggaran)
        assert r.status_code == 400 and "Tahun 1850 di luar periode RPJMD" in r.content.decode()
        assert not AnggaranPerangkatDaerah.objects.filter(tahun=1850).exists()
        r = _post(
            admin,
            "pembiayaan",
            {
                "tahun": 2030,
                "jenis": "penerimaan",
                "uraian": "SiLPA",
                "anggaran": "1.000",
                "realisasi": "1.000",
            },
        )
        assert r.status_code == 400 and "Tahun 2030 di luar periode RPJMD" in r.content.decode()
        assert not Pembiayaan.objects.filter(tahun=2030).exists()


class TahunWorkbookTests:
    def test_a_target_before_the_period_is_refused_on_its_sheet_row_and_column(self):
        sheets = {k: [list(r) for r in v] for k, v in SHEETS.items()}
        target = sheets["Target"]
        target[1][target[0].index("tahun")] = 2024
        result = import_pemda(sheets)
        assert [(m.sheet, m.baris, m.kolom) for m in result.errors] == [("Target", 2, "tahun")]
        assert "tahun 2024 di luar periode RPJMD 2025–2029" in result.errors[0].pesan
