"""lkip.formulas for the pemda's LKIP: range targets on both polarities, NA realisations,
predicate scales stored with an indicator, budget totals over agencies."""

from decimal import Decimal as D

import pytest

from lkip import formulas
from lkip.formulas import BELUM_TERSEDIA, AcuanRentang, MetodeNegatif, Polaritas


class RentangTests:
    def test_positive_polarity_measures_against_the_upper_bound_by_default(self):
        # IPM target "68,10 – 68,60", realisation 68,40: 68,40 / 68,60 × 100
        c = formulas.capaian_rentang(None, D("68.10"), D("68.60"), D("68.40"))
        assert formulas.bulatkan(c) == D("99.71")

    def test_negative_polarity_measures_against_the_lower_bound_by_default(self):
        # Poverty rate target "4,20 – 4,50" %, realisation 4,30: (2 × 4,20 − 4,30) / 4,20 × 100
        c = formulas.capaian_rentang(
            None, D("4.20"), D("4.50"), D("4.30"), polaritas=Polaritas.NEGATIF
        )
        assert formulas.bulatkan(c) == D("97.62")

    def test_negative_polarity_with_method_b_divides_the_lower_bound_by_the_realisation(self):
        c = formulas.capaian_rentang(
            None,
            D("4.20"),
            D("4.50"),
            D("4.00"),
            polaritas=Polaritas.NEGATIF,
            metode_negatif=MetodeNegatif.B,
        )
        assert c == D("105")

    def test_a_stated_bound_overrides_the_default_on_either_polarity(self):
        atas = formulas.capaian_rentang(
            None,
            D("4.20"),
            D("4.50"),
            D("4.50"),
            polaritas=Polaritas.NEGATIF,
            acuan=AcuanRentang.ATAS,
        )
        assert atas == D("100")
        bawah = formulas.capaian_rentang(
            None, D("68.10"), D("68.60"), D("68.10"), acuan=AcuanRentang.BAWAH
        )
        assert bawah == D("100")

    def test_a_single_target_is_used_as_it_is(self):
        assert formulas.capaian_rentang(D("80"), None, None, D("88")) == D("110")

    def test_the_default_bound_follows_the_polarity(self):
        assert formulas.acuan_baku(Polaritas.POSITIF) is AcuanRentang.ATAS
        assert formulas.acuan_baku("negatif") is AcuanRentang.BAWAH

    def test_a_lower_bound_above_the_upper_bound_is_refused(self):
        with pytest.raises(ValueError, match="Batas bawah rentang"):
            formulas.target_acuan(None, D("5"), D("4"), polaritas=Polaritas.POSITIF)

    def test_half_a_range_is_refused(self):
        with pytest.raises(ValueError, match="sekaligus"):
            formulas.periksa_rentang(D("5"), None)


class BelumTersediaTests:
    def test_capaian_of_a_realisation_not_yet_published_is_undefined_not_zero(self):
        assert formulas.capaian_rentang(None, D("1"), D("2"), BELUM_TERSEDIA) is None
        assert formulas.capaian_rentang(D("5"), None, None, BELUM_TERSEDIA) is None

    def test_averages_leave_out_realisations_not_yet_published(self):
        assert formulas.rata_rata_tersedia([D("100"), BELUM_TERSEDIA, D("80")]) == D("90")
        assert formulas.rata_rata_tersedia([BELUM_TERSEDIA, None]) is None
        assert formulas.jumlah_tersedia([D("1"), BELUM_TERSEDIA, None, D("0")]) == 2

    def test_a_realisation_not_yet_published_is_false_and_one_object(self):
        assert not BELUM_TERSEDIA
        assert formulas.BelumTersedia() is BELUM_TERSEDIA


class SkalaTests:
    def test_the_bureaucratic_reform_scale_gives_each_predicate_above_its_threshold(self):
        skala = formulas.SKALA_RB
        assert formulas.predikat_skala(D("90.01"), skala) == "AA"
        assert formulas.predikat_skala(D("90"), skala) == "A"
        assert formulas.predikat_skala(D("70.5"), skala) == "BB"
        assert formulas.predikat_skala(D("30"), skala) == "D"
        assert formulas.predikat_skala(None, skala) is None

    def test_the_predicate_is_judged_on_the_printed_value(self):
        assert formulas.predikat_skala(D("80.004"), formulas.SKALA_RB) == "BB"
        assert formulas.predikat_skala(D("80.005"), formulas.SKALA_RB) == "A"

    def test_a_scale_whose_thresholds_do_not_fall_is_refused(self):
        with pytest.raises(ValueError, match="menurun"):
            formulas.periksa_skala((("A", D("50")), ("B", D("60")), ("C", None)))
        with pytest.raises(ValueError, match="terakhir"):
            formulas.periksa_skala((("A", D("50")), ("B", D("40"))))


class TotalAnggaranTests:
    def test_totals_and_serapan_of_the_totals(self):
        pagu, realisasi, serapan = formulas.total_anggaran(
            [(D("1000"), D("900")), (D("3000"), D("2100"))]
        )
        assert (pagu, realisasi) == (D("4000"), D("3000"))
        assert serapan == D("75")

    def test_no_budget_has_no_serapan(self):
        assert formulas.total_anggaran([]) == (D("0"), D("0"), None)


class FormatRentangTests:
    def test_both_bounds_are_printed_with_the_same_decimals(self):
        assert formulas.format_rentang(D("5.0"), D("5.5")) == "5,0 – 5,5"
        assert formulas.format_rentang(D("68.10"), D("68.65")) == "68,10 – 68,65"
        assert formulas.format_rentang(D("6"), D("7")) == "6 – 7"
