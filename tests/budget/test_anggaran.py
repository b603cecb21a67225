"""Budget lines: the model refuses bad pagu and realisasi; the demo's serapan matches the seed."""

from decimal import Decimal

import pytest

from budget.models import Anggaran
from lkip import formulas
from tests.factories import errors_of, make_nomenklatur, make_opd

pytestmark = pytest.mark.django_db


class AnggaranValidationTests:
    def test_a_negative_amount_is_refused(self):
        opd = make_opd()
        line = Anggaran(
            opd=opd,
            tahun=2024,
            nomenklatur=make_nomenklatur("1.06.04"),
            pagu_murni=Decimal("-1"),
            realisasi=Decimal(0),
        )
        errors = errors_of(line)
        assert errors["pagu_murni"] == ["Nilai tidak boleh negatif."]

    def test_the_database_refuses_a_negative_realisasi_too(self):
        from django.db import IntegrityError, transaction

        opd = make_opd()
        with pytest.raises(IntegrityError), transaction.atomic():
            Anggaran.objects.create(
                opd=opd,
                tahun=2024,
                nomenklatur=make_nomenklatur("1.06.04"),
                pagu_murni=Decimal(10),
                realisasi=Decimal(-5),
            )

    def test_quarterly_realisasi_must_add_up_to_the_annual_one(self):
        opd = make_opd()
        line = Anggaran(
            opd=opd,
            tahun=2024,
            nomenklatur=make_nomenklatur("1.06.04"),
            pagu_murni=Decimal(100),
            realisasi=Decimal(90),
            realisasi_tw1=Decimal(10),
            realisasi_tw2=Decimal(10),
        )
        assert "tidak sama dengan realisasi tahunan" in errors_of(line)["realisasi"][0]


def line(opd, kode):
    return Anggaran.objects.get(opd=opd, tahun=2024, nomenklatur__kode=kode)


class DemoFiguresTests:
    def test_total_serapan_is_89_73(self, demo):
        programs = Anggaran.objects.filter(opd=demo, tahun=2024, nomenklatur__tingkat="program")
        pagu = sum(p.pagu for p in programs)
        realisasi = sum(p.realisasi for p in programs)
        assert (pagu, realisasi) == (Decimal("31132479236"), Decimal("27935447177"))
        assert formulas.format_angka(formulas.serapan(pagu, realisasi)) == "89,73"

    def test_program_penunjang_serapan_is_90_60_not_the_printed_90_06(self, demo):
        assert formulas.format_angka(line(demo, "1.06.01").serapan) == "90,60"

    def test_psks_kelembagaan_serapan_is_61_03(self, demo):
        assert formulas.format_angka(line(demo, "1.06.02.2.03.0004").serapan) == "61,03"

    def test_the_pemberdayaan_sosial_pagu_in_words(self, demo):
        pagu = line(demo, "1.06.02").pagu
        assert formulas.terbilang_rupiah(pagu) == (
            "empat miliar empat ratus sembilan puluh lima juta lima ratus ribu rupiah"
        )
