"""The demo's capaian, IKM and AKIP figures, recomputed from the seed's data."""

from decimal import Decimal

import pytest

from indicators.models import EvaluasiAKIP, HasilIKM
from lkip import formulas
from targets.capaian import capaian_opd

pytestmark = pytest.mark.django_db


class DemoFiguresTests:
    def capaian(self, demo):
        return {c.indikator.kode: c for c in capaian_opd(demo, 2024)}

    def test_ppks_capaian_is_242_82_not_the_printed_240(self, demo):
        c = self.capaian(demo)["IKU-3"]
        assert formulas.format_persen(c.realisasi) == "12,14%"
        assert formulas.format_persen(c.capaian) == "242,82%"

    def test_ikm_capaian_is_116_09_and_its_category_is_a_sangat_baik(self, demo):
        c = self.capaian(demo)["IKU-2"]
        assert formulas.format_angka(c.capaian) == "116,09"
        mutu = HasilIKM.objects.get(opd=demo, tahun=2024).mutu
        assert (mutu.huruf, mutu.kinerja) == ("A", "Sangat Baik")

    def test_akip_components_add_up_to_77_29_which_is_bb(self, demo):
        total = sum(k.nilai for k in EvaluasiAKIP.objects.filter(opd=demo, tahun=2024))
        assert total == Decimal("77.29")
        assert formulas.predikat_akip(total) == "BB"
        assert formulas.format_angka(self.capaian(demo)["IKU-1"].capaian) == "100,04"
