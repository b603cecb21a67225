"""Tests for lkip.formulas: every derived number, checked against the domain spec and the seed."""

import subprocess
import sys
from dataclasses import FrozenInstanceError
from datetime import date, datetime
from decimal import Decimal, localcontext
from pathlib import Path

import pytest

from lkip import formulas
from lkip.formulas import (
    BOBOT_AKIP,
    INTERPRETASI_AKIP,
    NAMA_BULAN,
    PENIMBANG_LAMA,
    PREDIKAT_AKIP,
    RUMUS_EFISIENSI,
    TABEL_MUTU_IKM,
    TABEL_PREDIKAT_AKIP,
    TOTAL_BOBOT_AKIP,
    UNSUR_IKM,
    Agregasi,
    MetodeNegatif,
    ModePredikat,
    Polaritas,
    TingkatKode,
    VarianEfisiensi,
    agregasi_tahunan,
    band_capaian,
    bulatkan,
    capaian,
    capaian_dibatasi,
    capaian_predikat,
    efisiensi,
    format_angka,
    format_juta,
    format_nip,
    format_persen,
    format_rupiah,
    format_tanggal,
    hitung_ikm,
    jumlah_lengkap,
    jumlah_mencapai_target,
    jumlah_nilai_akip,
    kode_induk,
    kualifikasi_efisiensi,
    mencapai_target,
    mutu_ikm,
    nilai_akip,
    normalisasi_kode,
    pagu_berlaku,
    parse_angka,
    parse_nip,
    persen,
    perubahan_pagu,
    predikat_akip,
    rata_rata_capaian,
    realisasi_kumulatif,
    serapan,
    sisa_anggaran,
    terbilang,
    terbilang_rupiah,
    tingkat_kode,
    tren,
)

D = Decimal


def tampil(nilai: Decimal | None) -> Decimal | None:
    """The value as a table prints it (half-up, 2 dp)."""
    return None if nilai is None else bulatkan(nilai, 2)


# Seed figures (LKIP Dinas Sosial Kota Bekasi 2024).
PPKS_DIBINA, PPKS_TOTAL = 15216, 125326
PPKS_PAGU, PPKS_REALISASI = 9604306296, 8915908979  # Tabel 3.9 total
PSKS_PAGU, PSKS_REALISASI = 4495500000, 4103700625  # Tabel 3.16 kegiatan
OPD_PAGU, OPD_REALISASI = 31132479236, 27935447177  # Tabel 3.18 total


def capaian_ppks() -> Decimal:
    """PPKS capaian from the counts: realisasi 12,1411% against a 5% target."""
    return capaian(D(5), persen(PPKS_DIBINA, PPKS_TOTAL))


class CapaianTests:
    def test_positive_polarity_is_realisasi_over_target(self):
        assert capaian(D(80), D(60)) == D(75)

    def test_capaian_is_unrounded(self):
        hasil = capaian(D(3), D(1))
        assert str(hasil).startswith("33.333333333333333333")
        assert hasil != bulatkan(hasil)

    def test_ppks_capaian_from_counts_displays_242_82_not_240(self):
        assert persen(PPKS_DIBINA, PPKS_TOTAL).quantize(D("0.0001")) == D("12.1411")
        assert tampil(capaian_ppks()) == D("242.82")

    def test_ikm_capaian_is_116_09(self):
        assert tampil(capaian(D("80.50"), D("93.45"))) == D("116.09")

    def test_psks_capaian_is_100(self):
        assert capaian(D(100), persen(262, 262)) == D(100)

    def test_accepts_int_inputs(self):
        assert capaian(4, 5) == D(125)

    def test_negative_variant_a_is_two_t_minus_r_over_t(self):
        hasil = capaian(D("4.0"), D("3.8"), polaritas=Polaritas.NEGATIF)
        assert tampil(hasil) == D("105.00")

    def test_negative_variant_b_is_t_over_r(self):
        hasil = capaian(
            D("4.0"), D("3.8"), polaritas=Polaritas.NEGATIF, metode_negatif=MetodeNegatif.B
        )
        assert tampil(hasil) == D("105.26")

    def test_negative_variant_a_is_floored_at_zero(self):
        assert capaian(D(10), D(25), polaritas=Polaritas.NEGATIF) == D(0)

    def test_negative_variant_b_does_not_floor(self):
        hasil = capaian(D(10), D(25), polaritas=Polaritas.NEGATIF, metode_negatif=MetodeNegatif.B)
        assert hasil == D(40)

    def test_negative_variant_a_gives_200_when_realisasi_is_zero(self):
        assert capaian(D(10), D(0), polaritas=Polaritas.NEGATIF) == D(200)

    def test_negative_variant_a_is_the_default_method(self):
        assert capaian(D(10), D(25), polaritas="negatif") == D(0)

    def test_accepts_stored_string_values_of_the_enums(self):
        assert capaian(D(10), D(25), polaritas="negatif", metode_negatif="B") == D(40)

    def test_capaian_is_none_when_target_is_zero(self):
        assert capaian(D(0), D(5)) is None

    def test_capaian_is_none_when_target_is_missing(self):
        assert capaian(None, D(5)) is None

    def test_capaian_is_none_when_realisasi_is_missing(self):
        assert capaian(D(5), None) is None

    def test_capaian_is_none_for_variant_b_when_realisasi_is_zero(self):
        hasil = capaian(D(4), D(0), polaritas=Polaritas.NEGATIF, metode_negatif=MetodeNegatif.B)
        assert hasil is None

    def test_negative_target_is_rejected(self):
        with pytest.raises(ValueError, match="Target negatif"):
            capaian(D(-5), D(3))

    def test_float_input_is_rejected(self):
        with pytest.raises(TypeError, match="Decimal atau int"):
            capaian(5.0, D(3))

    def test_unknown_polarity_is_rejected_in_indonesian(self):
        with pytest.raises(ValueError, match="tidak dikenal"):
            capaian(D(5), D(3), polaritas="naik")

    def test_ratio_does_not_depend_on_the_callers_decimal_precision(self):
        with localcontext() as ctx:
            ctx.prec = 3
            hasil = capaian(D(PPKS_TOTAL), D(PPKS_DIBINA))
            hasil_negatif = capaian(D(PPKS_TOTAL), D(PPKS_DIBINA), polaritas="negatif")
        assert tampil(hasil) == D("12.14")
        assert tampil(hasil_negatif) == D("187.86")


class CapaianPredikatTests:
    def test_numeric_mode_uses_the_scores(self):
        hasil = capaian_predikat(
            "BB",
            "BB",
            mode=ModePredikat.NUMERIK,
            target_nilai=D("77.26"),
            realisasi_nilai=D("77.29"),
        )
        assert tampil(hasil) == D("100.04")

    def test_numeric_mode_is_none_when_a_score_is_missing(self):
        assert capaian_predikat("BB", "BB", mode="numerik", target_nilai=D("77.26")) is None

    def test_ordinal_mode_gives_100_for_equal_predicates(self):
        assert capaian_predikat("BB", "BB", mode=ModePredikat.ORDINAL) == D(100)

    def test_ordinal_mode_gives_100_when_realisasi_is_better(self):
        assert capaian_predikat("BB", "A", mode=ModePredikat.ORDINAL) == D(100)

    def test_ordinal_mode_divides_the_ranks_when_realisasi_is_worse(self):
        # B = 4, BB = 5
        assert capaian_predikat("BB", "B", mode=ModePredikat.ORDINAL) == D(80)

    def test_ordinal_mode_ranks_d_lowest_and_aa_highest(self):
        assert tampil(capaian_predikat("AA", "D", mode="ordinal")) == D("14.29")

    def test_ordinal_mode_is_none_when_a_predicate_is_missing(self):
        assert capaian_predikat(None, "BB", mode=ModePredikat.ORDINAL) is None

    def test_predicates_are_case_and_space_insensitive(self):
        assert capaian_predikat(" bb", "Bb ", mode=ModePredikat.ORDINAL) == D(100)

    def test_unknown_predicate_is_rejected_in_indonesian(self):
        with pytest.raises(ValueError, match="Predikat 'E' tidak dikenal"):
            capaian_predikat("BB", "E", mode=ModePredikat.ORDINAL)

    def test_unknown_predicate_is_rejected_in_numeric_mode_too(self):
        with pytest.raises(ValueError, match="tidak dikenal"):
            capaian_predikat("XX", "BB", mode="numerik", target_nilai=1, realisasi_nilai=1)


class CapaianDibatasiTests:
    def test_ppks_capaian_capped_at_120_is_120(self):
        assert capaian_dibatasi(capaian_ppks(), 120) == D(120)

    def test_capaian_below_the_cap_is_unchanged(self):
        assert capaian_dibatasi(D("99.5"), D(100)) == D("99.5")

    def test_no_cap_leaves_capaian_unchanged(self):
        assert capaian_dibatasi(D("242.82"), None) == D("242.82")

    def test_missing_capaian_stays_missing(self):
        assert capaian_dibatasi(None, 120) is None


class MencapaiTargetTests:
    def test_capaian_of_100_reaches_the_target(self):
        assert mencapai_target(D(100)) is True

    def test_capaian_that_prints_as_100_reaches_the_target(self):
        assert mencapai_target(D("99.995")) is True

    def test_capaian_that_prints_as_99_99_does_not(self):
        assert mencapai_target(D("99.994")) is False

    def test_an_unmeasured_indicator_does_not_reach_its_target(self):
        assert mencapai_target(None) is False

    def test_the_seed_reaches_the_target_on_all_four_iku(self):
        seed = [capaian(D("77.26"), D("77.29")), capaian(D("80.50"), D("93.45"))]
        seed += [capaian_ppks(), capaian(D(100), D(100))]
        assert jumlah_mencapai_target(seed) == 4

    def test_the_count_skips_unmeasured_and_missed_targets(self):
        assert jumlah_mencapai_target([D(120), None, D("99.99"), D(100)]) == 2

    def test_the_count_of_nothing_is_zero(self):
        assert jumlah_mencapai_target([]) == 0


class RataRataCapaianTests:
    def test_average_is_the_mean_of_the_measured_capaian(self):
        assert rata_rata_capaian([D(100), D(120), D(80)]) == D(100)

    def test_unmeasured_capaian_are_left_out_not_counted_as_zero(self):
        assert rata_rata_capaian([D(100), None, D(120)]) == D(110)

    def test_average_is_none_when_nothing_is_measured(self):
        assert rata_rata_capaian([]) is None
        assert rata_rata_capaian([None, None]) is None

    def test_the_seed_average_with_ppks_capped_at_120_prints_as_109_03(self):
        seed = [capaian(D("77.26"), D("77.29")), capaian(D("80.50"), D("93.45"))]
        seed += [capaian_dibatasi(capaian_ppks(), 120), capaian(D(100), D(100))]
        assert tampil(rata_rata_capaian(seed)) == D("109.03")

    def test_average_is_unrounded_and_independent_of_the_callers_precision(self):
        with localcontext() as ctx:
            ctx.prec = 5
            hasil = rata_rata_capaian([D(100), D(100), D(101)])
        assert hasil == D("100.3333333333333333333333333333333")

    def test_float_capaian_is_rejected(self):
        with pytest.raises(TypeError):
            rata_rata_capaian([100.0])


class PersenTests:
    def test_percent_is_numerator_over_denominator_times_100(self):
        assert persen(1, 8) == D("12.5")

    def test_percent_is_none_when_denominator_is_zero(self):
        assert persen(5, 0) is None

    def test_percent_is_none_when_denominator_is_missing(self):
        assert persen(5, None) is None

    def test_percent_is_none_when_numerator_is_missing(self):
        assert persen(None, 5) is None

    def test_blt_phase_percentage_rounds_half_up_to_95_45(self):
        assert tampil(persen(9896, 10368)) == D("95.45")


class NilaiPecahanTests:
    def test_a_percentage_indicator_takes_the_fraction_times_100(self):
        assert formulas.nilai_pecahan(1, 8, persen_=True) == D("12.5")

    def test_another_indicator_takes_the_plain_ratio(self):
        assert formulas.nilai_pecahan(D("125326"), D("4"), persen_=False) == D("31331.5")

    def test_no_value_when_the_denominator_is_zero_or_either_part_missing(self):
        assert formulas.nilai_pecahan(5, 0, persen_=False) is None
        assert formulas.nilai_pecahan(5, None, persen_=True) is None
        assert formulas.nilai_pecahan(None, 5, persen_=False) is None


class SelisihTests:
    def test_a_rise_is_positive_and_a_fall_negative(self):
        assert formulas.selisih(D("70.15"), D("72.40")) == D("2.25")
        assert formulas.selisih(D("72.40"), D("70.15")) == D("-2.25")

    def test_the_size_of_a_change_has_no_sign(self):
        assert formulas.besar_selisih(D("72.40"), D("70.15")) == D("2.25")

    def test_no_difference_when_a_value_is_missing(self):
        assert formulas.selisih(None, D("1")) is None
        assert formulas.besar_selisih(D("1"), None) is None


class JumlahTriwulanTests:
    def test_the_filled_in_quarters_add_up_and_the_empty_ones_are_left_out(self):
        assert formulas.jumlah_triwulan([D("100"), None, D("50.5"), None]) == D("150.5")

    def test_cumulative_to_a_quarter_stops_there(self):
        assert formulas.jumlah_triwulan([D("1"), D("2"), D("3"), D("4")], sampai=2) == D("3")

    def test_no_quarter_filled_in_adds_up_to_zero(self):
        assert formulas.jumlah_triwulan([None, None, None, None]) == D("0")


class AgregasiTahunanTests:
    def test_sum_adds_the_filled_quarters(self):
        assert agregasi_tahunan([D(1), None, D(2), D(3)], Agregasi.JUMLAH) == D(6)

    def test_last_takes_the_last_filled_quarter(self):
        assert agregasi_tahunan([D(100), D(90), None, None], Agregasi.TERAKHIR) == D(90)

    def test_average_is_the_mean_of_the_filled_quarters(self):
        assert agregasi_tahunan([D(1), None, D(2), None], Agregasi.RATA_RATA) == D("1.5")

    def test_all_empty_quarters_give_none(self):
        for metode in Agregasi:
            assert agregasi_tahunan([None, None, None, None], metode) is None

    def test_no_quarters_give_none(self):
        assert agregasi_tahunan([], "jumlah") is None

    def test_psks_target_in_every_quarter_aggregates_to_100_with_last(self):
        assert agregasi_tahunan([D(100)] * 4, "terakhir") == D(100)

    def test_target_only_in_the_fourth_quarter(self):
        assert agregasi_tahunan([None, None, None, D(5)], Agregasi.JUMLAH) == D(5)

    def test_zero_is_a_value_not_a_blank(self):
        assert agregasi_tahunan([D(4), D(0)], Agregasi.TERAKHIR) == D(0)

    def test_stored_string_value_rata_rata_is_accepted(self):
        assert agregasi_tahunan([D(1), D(2), D(3)], "rata-rata") == D(2)


class AnggaranTests:
    def test_pagu_in_force_is_perubahan_when_present(self):
        assert pagu_berlaku(D(24481589484), D(31132479236)) == D(31132479236)

    def test_pagu_in_force_is_murni_without_perubahan(self):
        assert pagu_berlaku(D(24481589484), None) == D(24481589484)

    def test_pagu_perubahan_of_zero_is_in_force(self):
        assert pagu_berlaku(D(1000), D(0)) == D(0)

    def test_total_serapan_is_89_73(self):
        assert tampil(serapan(OPD_PAGU, OPD_REALISASI)) == D("89.73")

    def test_program_penunjang_serapan_is_90_60_not_90_06(self):
        assert tampil(serapan(13609617940, 12329804929)) == D("90.60")

    def test_psks_kelembagaan_serapan_is_61_03_not_84_75(self):
        assert tampil(serapan(3426000000, 2090914900)) == D("61.03")

    def test_serapan_above_100_is_reported_as_is(self):
        assert tampil(serapan(100000000, 129355000)) == D("129.36")

    def test_serapan_is_none_when_pagu_is_zero(self):
        assert serapan(0, 100) is None

    def test_serapan_is_none_when_pagu_is_missing(self):
        assert serapan(None, 100) is None

    def test_serapan_is_none_when_realisasi_is_missing(self):
        assert serapan(100, None) is None

    def test_negative_pagu_is_rejected(self):
        with pytest.raises(ValueError, match="tidak boleh negatif"):
            serapan(-1, 0)

    def test_remaining_budget_of_the_opd_is_3_197_032_059(self):
        assert sisa_anggaran(OPD_PAGU, OPD_REALISASI) == D(3197032059)

    def test_remaining_budget_is_negative_when_overspent(self):
        assert sisa_anggaran(100000000, 129355000) == D(-29355000)

    def test_remaining_budget_is_none_when_realisasi_is_missing(self):
        assert sisa_anggaran(100, None) is None


class JumlahLengkapTests:
    def test_total_adds_every_value(self):
        assert jumlah_lengkap([D("4495500000"), D("5108806296")]) == D("9604306296")

    def test_total_is_none_when_one_value_is_missing(self):
        assert jumlah_lengkap([D(1), None, D(2)]) is None

    def test_total_of_nothing_is_none_not_zero(self):
        assert jumlah_lengkap([]) is None

    def test_zero_is_a_value_not_a_blank(self):
        assert jumlah_lengkap([D(0), D(0)]) == D(0)

    def test_accepts_a_generator(self):
        assert jumlah_lengkap(n for n in (1, 2, 3)) == D(6)


class PerubahanPaguTests:
    def test_change_is_perubahan_minus_murni(self):
        assert perubahan_pagu(D("24481589484"), D("31132479236")) == D("6650889752")

    def test_a_cut_is_negative(self):
        assert perubahan_pagu(D(100), D(80)) == D(-20)

    def test_change_is_none_without_perubahan_or_murni(self):
        assert perubahan_pagu(D(100), None) is None
        assert perubahan_pagu(None, D(100)) is None

    def test_negative_pagu_is_rejected(self):
        with pytest.raises(ValueError, match="tidak boleh negatif"):
            perubahan_pagu(D(-1), D(100))


class RealisasiKumulatifTests:
    def test_each_quarter_adds_to_the_ones_before(self):
        assert realisasi_kumulatif([D(10), D(20), D(30), D(40)]) == [D(10), D(30), D(60), D(100)]

    def test_a_quarter_without_a_record_stays_none_and_the_next_carries_on(self):
        assert realisasi_kumulatif([D(10), None, D(5), None]) == [D(10), None, D(15), None]

    def test_zero_is_a_recorded_quarter(self):
        assert realisasi_kumulatif([D(0), D(7)]) == [D(0), D(7)]


class EfisiensiTests:
    def test_psks_efficiency_in_the_three_variants(self):
        s = serapan(PSKS_PAGU, PSKS_REALISASI)
        assert tampil(s) == D("91.28")
        assert tampil(efisiensi(D(100), s, VarianEfisiensi.V1)) == D("8.72")
        assert tampil(efisiensi(D(100), s, VarianEfisiensi.V2)) == D("8.72")
        assert tampil(efisiensi(D(100), s, VarianEfisiensi.V3)) == D("109.55")

    def test_ppks_efficiency_in_the_three_variants_from_exact_values(self):
        c, s = capaian_ppks(), serapan(PPKS_PAGU, PPKS_REALISASI)
        assert (tampil(c), tampil(s)) == (D("242.82"), D("92.83"))
        assert tampil(efisiensi(c, s, VarianEfisiensi.V1)) == D("149.99")
        assert tampil(efisiensi(c, s, VarianEfisiensi.V2)) == D("7.17")
        assert tampil(efisiensi(c, s, VarianEfisiensi.V3)) == D("261.57")

    def test_psks_kelembagaan_efficiency_is_38_97(self):
        assert tampil(efisiensi(D(100), serapan(3426000000, 2090914900))) == D("38.97")

    def test_v1_is_the_default_variant(self):
        assert efisiensi(D(150), D(90)) == D(60)

    def test_efficiency_is_none_without_capaian(self):
        assert efisiensi(None, D(90), VarianEfisiensi.V2) is None

    def test_efficiency_is_none_without_serapan(self):
        assert efisiensi(D(100), None) is None

    def test_v3_is_none_when_serapan_is_zero(self):
        assert efisiensi(D(100), D(0), "V3") is None

    def test_every_variant_has_an_indonesian_formula_text(self):
        assert set(RUMUS_EFISIENSI) == set(VarianEfisiensi)
        assert RUMUS_EFISIENSI[VarianEfisiensi.V1].startswith(
            "Tingkat efisiensi = capaian kinerja (%) − serapan anggaran (%)"
        )
        assert "100% − serapan anggaran (%)" in RUMUS_EFISIENSI[VarianEfisiensi.V2]
        assert "capaian kinerja (%) / serapan anggaran (%) × 100%" in RUMUS_EFISIENSI["V3"]


class KualifikasiEfisiensiTests:
    def test_target_met_within_budget_is_efisien(self):
        assert kualifikasi_efisiensi(D(100), D("91.28")) == "efisien"

    def test_ppks_is_efisien(self):
        assert kualifikasi_efisiensi(capaian_ppks(), serapan(PPKS_PAGU, PPKS_REALISASI)) == (
            "efisien"
        )

    def test_target_met_but_budget_exceeded_is_tidak_efisien(self):
        assert kualifikasi_efisiensi(D(100), D("129.36")) == "tidak efisien"

    def test_target_met_with_serapan_above_100_is_tidak_efisien_even_if_v1_is_positive(self):
        assert kualifikasi_efisiensi(D(150), D(120)) == "tidak efisien"

    def test_capaian_below_100_cannot_be_measured(self):
        assert kualifikasi_efisiensi(D("99.5"), D(50)) == "tidak dapat diukur"

    def test_missing_values_cannot_be_measured(self):
        assert kualifikasi_efisiensi(None, D(50)) == "tidak dapat diukur"
        assert kualifikasi_efisiensi(D(100), None) == "tidak dapat diukur"

    def test_capaian_that_prints_as_100_counts_as_100(self):
        assert kualifikasi_efisiensi(D("99.996"), D(90)) == "efisien"

    def test_never_efisien_beside_a_negative_printed_v1(self):
        c, s = D("99.996"), D("100.004")
        assert tampil(efisiensi(c, s)) == D("-0.01")
        assert kualifikasi_efisiensi(c, s) == "tidak efisien"


class PredikatAkipTests:
    def test_seed_score_77_29_is_bb(self):
        assert predikat_akip(D("77.29")) == "BB"

    @pytest.mark.parametrize(
        ("nilai", "predikat"),
        [
            ("100", "AA"),
            ("90.01", "AA"),
            ("90.00", "A"),
            ("80.01", "A"),
            ("80.00", "BB"),
            ("70.01", "BB"),
            ("70.00", "B"),
            ("60.01", "B"),
            ("60.00", "CC"),
            ("50.01", "CC"),
            ("50.00", "C"),
            ("30.01", "C"),
            ("30.00", "D"),
            ("0", "D"),
        ],
    )
    def test_lower_bounds_are_exclusive(self, nilai, predikat):
        assert predikat_akip(D(nilai)) == predikat

    def test_judges_the_value_as_printed(self):
        assert predikat_akip(D("80.004")) == "BB"
        assert predikat_akip(D("80.005")) == "A"

    def test_accepts_int(self):
        assert predikat_akip(85) == "A"

    @pytest.mark.parametrize("nilai", [D("-0.01"), D("100.01"), 101])
    def test_value_outside_0_to_100_is_rejected(self, nilai):
        with pytest.raises(ValueError, match="di luar rentang 0–100"):
            predikat_akip(nilai)

    def test_predicates_are_ordered_lowest_first(self):
        assert PREDIKAT_AKIP == ("D", "C", "CC", "B", "BB", "A", "AA")

    def test_every_predicate_has_its_interpretation(self):
        assert INTERPRETASI_AKIP == {
            "AA": "Sangat Memuaskan",
            "A": "Memuaskan",
            "BB": "Sangat Baik",
            "B": "Baik",
            "CC": "Cukup (Memadai)",
            "C": "Kurang",
            "D": "Sangat Kurang",
        }

    def test_printed_table_lists_c_and_cc_correctly(self):
        baris = {b.predikat: b for b in TABEL_PREDIKAT_AKIP}
        assert [b.predikat for b in TABEL_PREDIKAT_AKIP] == list(reversed(PREDIKAT_AKIP))
        assert baris["CC"].nilai == "> 50 – 60"
        assert baris["C"].nilai == "> 30 – 50"
        assert all(b.interpretasi == INTERPRETASI_AKIP[b.predikat] for b in TABEL_PREDIKAT_AKIP)


class NilaiAkipTests:
    KOMPONEN_2024 = {
        "Perencanaan Kinerja": D("22.94"),
        "Pengukuran Kinerja": D("23.11"),
        "Pelaporan Kinerja": D("11.23"),
        "Evaluasi Akuntabilitas Kinerja Internal": D("20.01"),
    }

    def test_weights_are_30_30_15_25(self):
        assert list(BOBOT_AKIP.values()) == [30, 30, 15, 25]
        assert sum(BOBOT_AKIP.values()) == 100

    def test_seed_components_sum_to_77_29(self):
        assert nilai_akip(self.KOMPONEN_2024) == D("77.29")

    def test_seed_2023_components_sum_to_77_26(self):
        komponen = dict(
            zip(BOBOT_AKIP, [D("22.25"), D("22.12"), D("12.42"), D("20.47")], strict=True)
        )
        assert nilai_akip(komponen) == D("77.26")

    def test_missing_component_is_rejected(self):
        komponen = dict(self.KOMPONEN_2024)
        del komponen["Pelaporan Kinerja"]
        with pytest.raises(ValueError, match="kurang: Pelaporan Kinerja"):
            nilai_akip(komponen)

    def test_component_above_its_weight_is_rejected(self):
        with pytest.raises(ValueError, match="bobotnya 15"):
            nilai_akip({**self.KOMPONEN_2024, "Pelaporan Kinerja": D("15.01")})

    def test_the_weights_total_100(self):
        assert TOTAL_BOBOT_AKIP == D(100)

    def test_recorded_components_sum_like_the_checked_total(self):
        assert jumlah_nilai_akip(self.KOMPONEN_2024.values()) == D("77.29")

    def test_an_incomplete_evaluation_still_sums_what_is_recorded(self):
        assert jumlah_nilai_akip([D("22.94"), D("23.11")]) == D("46.05")
        assert jumlah_nilai_akip([]) == D(0)


def respon(*nilai: int | None) -> dict[str, int | None]:
    """One respondent's answers to U1 … U9."""
    return dict(zip(UNSUR_IKM, nilai, strict=True))


CONTOH_SKM = [  # spec §5.4
    respon(4, 4, 3, 4, 4, 3, 4, 3, 4),
    respon(3, 4, 4, 4, 3, 4, 4, 3, 3),
    respon(4, 3, 4, 4, 4, 4, 4, 4, 4),
    respon(4, 4, 3, 4, 3, 4, 4, 3, 4),
    respon(3, 3, 4, 4, 4, 3, 4, 4, 3),
]


class HitungIkmTests:
    def test_there_are_nine_unsur_keyed_u1_to_u9(self):
        assert list(UNSUR_IKM) == [f"U{i}" for i in range(1, 10)]
        assert UNSUR_IKM["U1"] == "Persyaratan"
        assert UNSUR_IKM["U9"] == "Sarana dan Prasarana"

    def test_worked_example_nrr_per_unsur(self):
        hasil = hitung_ikm(CONTOH_SKM)
        assert hasil.nrr["U1"] == D("3.6")
        assert hasil.nrr["U4"] == D(4)
        assert hasil.nrr["U8"] == D("3.4")
        assert sum(hasil.nrr.values()) == D(33)

    def test_worked_example_with_exact_weight_is_91_67_a(self):
        hasil = hitung_ikm(CONTOH_SKM)
        assert tampil(hasil.ikm) == D("3.67")
        assert tampil(hasil.konversi) == D("91.67")
        assert hasil.konversi == hasil.ikm * 25
        assert mutu_ikm(hasil.konversi).huruf == "A"
        assert hasil.jumlah_responden == 5
        assert hasil.penimbang is None
        assert "1/9" in hasil.keterangan_penimbang

    def test_worked_example_with_legacy_weight_is_90_75(self):
        hasil = hitung_ikm(CONTOH_SKM, penimbang=PENIMBANG_LAMA)
        assert hasil.ikm == D("3.63")
        assert hasil.konversi == D("90.75")
        assert hasil.keterangan_penimbang == "penimbang 0,11 (pembulatan lama)"

    def test_weakest_unsur_of_the_worked_example_is_u8_with_b(self):
        hasil = hitung_ikm(CONTOH_SKM)
        terendah = min(hasil.nrr, key=hasil.nrr.__getitem__)
        assert terendah == "U8"
        assert mutu_ikm(hasil.nrr[terendah] * 25).huruf == "B"

    def test_blank_answers_are_not_counted_as_zero(self):
        hasil = hitung_ikm([*CONTOH_SKM, respon(None, 1, 1, 1, 1, 1, 1, 1, 1)])
        assert hasil.nrr["U1"] == D("3.6")
        assert hasil.responden_per_unsur["U1"] == 5
        assert hasil.responden_per_unsur["U2"] == 6
        assert hasil.jumlah_responden == 6

    def test_missing_keys_count_as_blank(self):
        hasil = hitung_ikm([*CONTOH_SKM, {"U4": 1}])
        assert hasil.nrr["U4"] == D("3.5")
        assert hasil.nrr["U1"] == D("3.6")

    def test_fully_blank_questionnaire_is_not_a_respondent(self):
        hasil = hitung_ikm([*CONTOH_SKM, respon(*[None] * 9)])
        assert hasil.jumlah_responden == 5

    def test_unsur_keys_map_by_code_not_by_position(self):
        dibalik = [dict(reversed(list(r.items()))) for r in CONTOH_SKM]
        assert hitung_ikm(dibalik).nrr == hitung_ikm(CONTOH_SKM).nrr

    @pytest.mark.parametrize("jawaban", [0, 5, -1, True, 3.0, "4"])
    def test_answer_outside_1_to_4_is_rejected(self, jawaban):
        with pytest.raises(ValueError, match="responden ke-6 untuk unsur U3"):
            hitung_ikm([*CONTOH_SKM, {"U3": jawaban}])

    def test_unknown_unsur_is_rejected(self):
        with pytest.raises(ValueError, match="Unsur 'U10'"):
            hitung_ikm([*CONTOH_SKM, {"U10": 4}])

    def test_unsur_without_any_answer_is_rejected(self):
        jawaban = [{**r, "U9": None} for r in CONTOH_SKM]
        with pytest.raises(ValueError, match="Unsur U9 tidak memiliki jawaban"):
            hitung_ikm(jawaban)

    def test_no_respondents_is_rejected(self):
        with pytest.raises(ValueError, match="tidak memiliki jawaban"):
            hitung_ikm([])

    def test_accepts_a_generator(self):
        assert hitung_ikm(r for r in CONTOH_SKM).jumlah_responden == 5

    def test_result_is_frozen(self):
        with pytest.raises(FrozenInstanceError):
            hitung_ikm(CONTOH_SKM).ikm = D(4)  # type: ignore[misc]


class MutuIkmTests:
    @pytest.mark.parametrize(
        ("nilai", "huruf", "kinerja"),
        [
            ("93.45", "A", "Sangat Baik"),
            ("87.55", "B", "Baik"),
            ("80.50", "B", "Baik"),
            ("88.31", "A", "Sangat Baik"),
            ("88.30", "B", "Baik"),
            ("76.61", "B", "Baik"),
            ("76.60", "C", "Kurang Baik"),
            ("65.00", "C", "Kurang Baik"),
            ("64.99", "D", "Tidak Baik"),
            ("25", "D", "Tidak Baik"),
            ("100", "A", "Sangat Baik"),
        ],
    )
    def test_category_from_the_converted_value(self, nilai, huruf, kinerja):
        mutu = mutu_ikm(D(nilai))
        assert (mutu.huruf, mutu.kinerja) == (huruf, kinerja)

    def test_value_in_the_official_gap_is_rounded_half_up_first(self):
        assert mutu_ikm(D("88.305")).huruf == "A"
        assert mutu_ikm(D("88.3049")).huruf == "B"
        assert mutu_ikm(D("64.995")).huruf == "C"

    @pytest.mark.parametrize("nilai", [D("24.99"), D("100.01")])
    def test_value_outside_25_to_100_is_rejected(self, nilai):
        with pytest.raises(ValueError, match="di luar rentang 25–100"):
            mutu_ikm(nilai)

    def test_printed_table_has_the_four_official_rows(self):
        assert [(b.nilai_persepsi, b.mutu, b.kinerja) for b in TABEL_MUTU_IKM] == [
            (1, "D", "Tidak Baik"),
            (2, "C", "Kurang Baik"),
            (3, "B", "Baik"),
            (4, "A", "Sangat Baik"),
        ]
        assert TABEL_MUTU_IKM[3].interval_ikm == "3,5324 – 4,00"
        assert TABEL_MUTU_IKM[3].interval_konversi == "88,31 – 100,00"
        assert TABEL_MUTU_IKM[0].interval_ikm == "1,00 – 2,5996"

    def test_mutu_carries_the_nilai_persepsi(self):
        assert mutu_ikm(D("93.45")).nilai_persepsi == 4


class BandCapaianTests:
    @pytest.mark.parametrize(
        ("nilai", "band"),
        [
            ("242.82", "Sangat Tinggi"),
            ("91", "Sangat Tinggi"),
            ("90.99", "Tinggi"),
            ("76", "Tinggi"),
            ("75.99", "Sedang"),
            ("66", "Sedang"),
            ("65.99", "Rendah"),
            ("51", "Rendah"),
            ("50.99", "Sangat Rendah"),
            ("0", "Sangat Rendah"),
        ],
    )
    def test_band_boundaries(self, nilai, band):
        assert band_capaian(D(nilai)) == band

    def test_value_that_prints_as_91_is_sangat_tinggi(self):
        assert band_capaian(D("90.995")) == "Sangat Tinggi"

    def test_band_is_none_without_capaian(self):
        assert band_capaian(None) is None


class TrenTests:
    def test_higher_value_is_naik(self):
        assert tren(D("87.55"), D("93.45")) == "Naik"

    def test_lower_value_is_turun(self):
        assert tren(D("77.29"), D("77.26")) == "Turun"

    def test_values_equal_at_two_decimals_are_tetap(self):
        assert tren(D("100.001"), D("100.004")) == "Tetap"

    def test_rounding_is_half_up_before_comparing(self):
        assert tren(D("100.004"), D("100.005")) == "Naik"

    def test_trend_is_none_when_a_value_is_missing(self):
        assert tren(None, D(1)) is None
        assert tren(D(1), None) is None


class BulatkanTests:
    def test_rounds_half_up_not_to_even(self):
        assert bulatkan(D("242.825")) == D("242.83")
        assert bulatkan(D("0.125")) == D("0.13")

    def test_rounds_to_the_requested_places(self):
        assert bulatkan(D("12.1411"), 0) == D(12)
        assert bulatkan(D("96.84"), 0) == D(97)
        assert bulatkan(D("90.5"), 0) == D(91)

    def test_negative_half_rounds_away_from_zero(self):
        assert bulatkan(D("-2.425")) == D("-2.43")

    def test_tiny_negative_does_not_round_to_negative_zero(self):
        assert str(bulatkan(D("-0.001"))) == "0.00"

    def test_always_has_the_requested_places(self):
        assert str(bulatkan(100)) == "100.00"

    def test_rejects_float(self):
        with pytest.raises(TypeError):
            bulatkan(2.675)  # type: ignore[arg-type]


class FormatAngkaTests:
    def test_groups_thousands_with_dots_without_decimals(self):
        assert format_angka(31132479236, 0) == "31.132.479.236"

    def test_uses_decimal_comma(self):
        assert format_angka(D("1234.56")) == "1.234,56"

    def test_rounds_half_up(self):
        assert format_angka(D("242.825")) == "242,83"

    def test_pads_to_the_requested_places(self):
        assert format_angka(7) == "7,00"

    def test_small_numbers_have_no_separator(self):
        assert format_angka(D("999.5"), 0) == "1.000"
        assert format_angka(D("0.5")) == "0,50"

    def test_negative_uses_a_hyphen_minus(self):
        assert format_angka(D("-1234.5")) == "-1.234,50"

    def test_negative_zero_prints_without_sign(self):
        assert format_angka(D("-0.004")) == "0,00"

    def test_none_is_empty(self):
        assert format_angka(None) == ""

    def test_exponent_form_decimals_print_plainly(self):
        assert format_angka(D("1E+2"), 0) == "100"
        assert format_angka(D("1.2E+7")) == "12.000.000,00"


class FormatPersenTests:
    def test_percent_sign_is_attached(self):
        assert format_persen(D("89.73")) == "89,73%"

    def test_total_serapan_prints_as_89_73_percent(self):
        assert format_persen(serapan(OPD_PAGU, OPD_REALISASI)) == "89,73%"

    def test_ppks_capaian_prints_as_242_82_percent(self):
        assert format_persen(capaian_ppks()) == "242,82%"

    def test_places_can_be_reduced(self):
        assert format_persen(D("116.09"), 0) == "116%"

    def test_none_is_empty(self):
        assert format_persen(None) == ""


class FormatRupiahTests:
    def test_eyd_form_has_no_period_and_no_space(self):
        assert format_rupiah(31132479236) == "Rp31.132.479.236"

    def test_with_sen(self):
        assert format_rupiah(31132479236, sen=True) == "Rp31.132.479.236,00"
        assert format_rupiah(D("4103700625.5"), sen=True) == "Rp4.103.700.625,50"

    def test_without_sen_rounds_half_up_to_whole_rupiah(self):
        assert format_rupiah(D("1000.50")) == "Rp1.001"

    def test_negative_puts_the_sign_before_rp(self):
        assert format_rupiah(-29355000) == "-Rp29.355.000"

    def test_none_is_empty(self):
        assert format_rupiah(None) == ""


class FormatJutaTests:
    def test_rupiah_prints_in_whole_millions(self):
        assert format_juta(OPD_PAGU) == "31.132"

    def test_millions_round_half_up(self):
        assert format_juta(D("2500000")) == "3"
        assert format_juta(D("2499999.99")) == "2"

    def test_none_is_empty(self):
        assert format_juta(None) == ""


class FormatTanggalTests:
    def test_seed_signature_date(self):
        assert format_tanggal(date(2025, 1, 20)) == "20 Januari 2025"

    def test_no_leading_zero(self):
        assert format_tanggal(date(2024, 7, 4)) == "4 Juli 2024"

    def test_accepts_datetime(self):
        assert format_tanggal(datetime(2024, 12, 31, 23, 59)) == "31 Desember 2024"

    def test_none_is_empty(self):
        assert format_tanggal(None) == ""

    def test_month_names(self):
        assert list(NAMA_BULAN.values()) == [
            "Januari", "Februari", "Maret", "April", "Mei", "Juni",
            "Juli", "Agustus", "September", "Oktober", "November", "Desember",
        ]  # fmt: skip


class TerbilangTests:
    @pytest.mark.parametrize(
        ("angka", "kata"),
        [
            (0, "nol"),
            (1, "satu"),
            (10, "sepuluh"),
            (11, "sebelas"),
            (12, "dua belas"),
            (19, "sembilan belas"),
            (20, "dua puluh"),
            (21, "dua puluh satu"),
            (100, "seratus"),
            (101, "seratus satu"),
            (111, "seratus sebelas"),
            (200, "dua ratus"),
            (1000, "seribu"),
            (1001, "seribu satu"),
            (1100, "seribu seratus"),
            (2000, "dua ribu"),
            (11000, "sebelas ribu"),
            (100000, "seratus ribu"),
            (101000, "seratus satu ribu"),
            (1000000, "satu juta"),
            (1001000, "satu juta seribu"),
            (1000000000, "satu miliar"),
            (1000000000000, "satu triliun"),
            (
                999999999999999,
                "sembilan ratus sembilan puluh sembilan triliun "
                "sembilan ratus sembilan puluh sembilan miliar sembilan ratus sembilan puluh "
                "sembilan juta sembilan ratus sembilan puluh sembilan ribu sembilan ratus "
                "sembilan puluh sembilan",
            ),
        ],
    )
    def test_kbbi_words(self, angka, kata):
        assert terbilang(angka) == kata

    def test_uses_miliar_not_milyar(self):
        assert "miliar" in terbilang(4495500000)

    @pytest.mark.parametrize("angka", [-1, 10**15])
    def test_out_of_range_is_rejected(self, angka):
        with pytest.raises(ValueError, match="Terbilang hanya untuk"):
            terbilang(angka)

    def test_non_integer_is_rejected(self):
        with pytest.raises(TypeError):
            terbilang(D(5))  # type: ignore[arg-type]


class TerbilangRupiahTests:
    def test_psks_budget(self):
        assert terbilang_rupiah(4495500000) == (
            "empat miliar empat ratus sembilan puluh lima juta lima ratus ribu rupiah"
        )

    def test_opd_budget(self):
        assert terbilang_rupiah(D(31132479236)) == (
            "tiga puluh satu miliar seratus tiga puluh dua juta empat ratus tujuh puluh "
            "sembilan ribu dua ratus tiga puluh enam rupiah"
        )

    def test_opd_realisasi(self):
        assert terbilang_rupiah(27935447177) == (
            "dua puluh tujuh miliar sembilan ratus tiga puluh lima juta empat ratus empat puluh "
            "tujuh ribu seratus tujuh puluh tujuh rupiah"
        )

    def test_zero_sen_is_accepted(self):
        assert terbilang_rupiah(D("1000.00")) == "seribu rupiah"

    def test_fractional_rupiah_is_rejected(self):
        with pytest.raises(ValueError, match="ada sen"):
            terbilang_rupiah(D("1000.50"))


class ParseAngkaTests:
    @pytest.mark.parametrize(
        ("teks", "hasil"),
        [
            ("1.234,56", D("1234.56")),
            ("Rp 4.103.700.625,-", D(4103700625)),
            ("Rp. 4.103.700.625,-", D(4103700625)),
            ("Rp4.103.700.625,00", D(4103700625)),
            ("Rp\u00a031.132.479.236", D(31132479236)),
            ("rp 1.000", D(1000)),
            ("1.000,-", D(1000)),
            ("77,26", D("77.26")),
            ("12%", D(12)),
            ("91,53 %", D("91.53")),
            ("1234", D(1234)),
            ("1234,5", D("1234.5")),
            ("1.234", D(1234)),
            ("0", D(0)),
            ("0,5", D("0.5")),
            ("-5", D(-5)),
            ("−1.234,5", D("-1234.5")),
            ("-Rp 1.000", D(-1000)),
            ("Rp -1.000", D(-1000)),
            ("  \u00a012,5\u202f ", D("12.5")),
        ],
    )
    def test_accepts_indonesian_notation(self, teks, hasil):
        assert parse_angka(teks) == hasil

    def test_decimal_and_int_pass_through(self):
        assert parse_angka(D("77.26")) == D("77.26")
        assert parse_angka(15216) == D(15216)

    def test_excel_float_is_read_to_15_significant_digits(self):
        assert parse_angka(77.26) == D("77.26")
        assert parse_angka(0.1 + 0.2) == D("0.3")
        assert parse_angka(31132479236.0) == D(31132479236)

    def test_minus_zero_is_zero(self):
        assert str(parse_angka("-0")) == "0"
        assert str(parse_angka(-0.0)) == "0"

    def test_excel_nan_is_rejected(self):
        with pytest.raises(ValueError, match="bukan angka yang sah"):
            parse_angka(float("nan"))

    @pytest.mark.parametrize(
        "teks",
        ["4.8294.89.225", "77.26", "1.23", "1.2345", "0.123", "12.345.67", "4.103.700.625.,-"],
    )
    def test_dot_not_grouping_exactly_three_digits_is_rejected(self, teks):
        with pytest.raises(ValueError, match="titik adalah pemisah ribuan") as info:
            parse_angka(teks)
        assert f"'{teks}'" in str(info.value)

    def test_empty_is_rejected(self):
        with pytest.raises(ValueError, match="tidak boleh kosong"):
            parse_angka("")
        with pytest.raises(ValueError, match="tidak boleh kosong"):
            parse_angka("  ")

    def test_not_a_number_is_rejected_quoting_the_input(self):
        with pytest.raises(ValueError) as info:
            parse_angka("abc")
        assert str(info.value) == "'abc' bukan angka yang sah (gunakan format 1.234,56)."

    @pytest.mark.parametrize(
        "teks",
        ["1,234.56", "1 234", "Rp 12%", "1,5,-", "--5", "-Rp -5", ",5", "5,", "+5", "٣", "1e5"],
    )
    def test_other_malformed_input_is_rejected(self, teks):
        with pytest.raises(ValueError, match="bukan angka yang sah"):
            parse_angka(teks)

    def test_bool_is_rejected(self):
        with pytest.raises(TypeError):
            parse_angka(True)  # type: ignore[arg-type]


class NipTests:
    def test_seed_nip_is_valid(self):
        nip = parse_nip("19660301 199003 1 010")
        assert nip.digits == "196603011990031010"
        assert nip.tanggal_lahir == date(1966, 3, 1)
        assert nip.tmt_cpns == (1990, 3)
        assert nip.jenis_kelamin == 1
        assert nip.urut == "010"

    def test_accepts_digits_without_spaces_and_a_nip_prefix(self):
        assert parse_nip("NIP. 196603011990031010").digits == "196603011990031010"

    def test_formats_as_8_6_1_3(self):
        assert format_nip("196603011990031010") == "19660301 199003 1 010"
        assert str(parse_nip("196603011990031010")) == "19660301 199003 1 010"

    def test_female_code_is_2(self):
        assert parse_nip("19800101 200501 2 003").jenis_kelamin == 2

    def test_wrong_length_is_rejected(self):
        with pytest.raises(ValueError, match="harus terdiri atas 18 angka, bukan 17"):
            parse_nip("19660301 199003 1 01")

    def test_letters_are_rejected(self):
        with pytest.raises(ValueError, match="hanya boleh berisi angka"):
            parse_nip("19660301 199003 1 01O")

    def test_birth_month_13_is_rejected(self):
        with pytest.raises(ValueError, match="tanggal lahir '19661301'"):
            parse_nip("19661301 199003 1 010")

    def test_birth_date_31_february_is_rejected(self):
        with pytest.raises(ValueError, match="bukan tanggal yang sah"):
            parse_nip("19660231 199003 1 010")

    def test_tmt_month_13_is_rejected(self):
        with pytest.raises(ValueError, match="bulan TMT CPNS '13'"):
            parse_nip("19660301 199013 1 010")

    def test_tmt_before_birth_is_rejected(self):
        with pytest.raises(ValueError, match="lebih awal dari tanggal lahir"):
            parse_nip("19660301 196001 1 010")

    def test_sex_code_3_is_rejected(self):
        with pytest.raises(ValueError, match="kode jenis kelamin '3'"):
            parse_nip("19660301 199003 3 010")

    def test_format_nip_validates(self):
        with pytest.raises(ValueError):
            format_nip("196603011990033010")


class KodeNomenklaturTests:
    @pytest.mark.parametrize(
        ("teks", "kode"),
        [
            ("1.06.04", "1.06.04"),
            ("1.06.04.2.01", "1.06.04.2.01"),
            ("1.06.04.2.01.0001", "1.06.04.2.01.0001"),
            ("1.06.04.02.01.0001", "1.06.04.2.01.0001"),
            ("1.06.04.02.01", "1.06.04.2.01"),
            ("1.06.01.01 - 04.2.01.01", "1.06.04.2.01.0001"),
            ("1.06.01.01 - 04.2.01.12", "1.06.04.2.01.0012"),
            ("1.06.01.01 - 04.2.01", "1.06.04.2.01"),
            ("1.06.01.01 - 04", "1.06.04"),
            ("1.06.01.01 - \n04", "1.06.04"),
            ("1.06.01.01-05.2.02.03", "1.06.05.2.02.0003"),
            ("  1.06.02.2.03.0004 ", "1.06.02.2.03.0004"),
        ],
    )
    def test_normalises_every_accepted_form(self, teks, kode):
        assert normalisasi_kode(teks) == kode

    @pytest.mark.parametrize(
        "teks",
        [
            "",
            "1",
            "1.06",
            "1.06.4",
            "1.06.04.2",
            "1.06.04.2.1",
            "1.06.04.2.01.001",
            "1.06.04.2.01.00001",
            "1.06.04.12.01",
            "1.06.00",
            "1.06.04.0.01",
            "1.06.04.2.00",
            "1.06.04.2.01.0000",
            "1.06.01.01 - 04.2.01.00",
            "1.06.01 - 04",
            "X.XX.01",
            "1.06.04.2.01.0001.01",
        ],
    )
    def test_malformed_code_is_rejected_in_indonesian(self, teks):
        with pytest.raises(ValueError, match="tidak sah"):
            normalisasi_kode(teks)

    def test_level_of_each_code(self):
        assert tingkat_kode("1.06.04") == TingkatKode.PROGRAM
        assert tingkat_kode("1.06.04.2.01") == TingkatKode.KEGIATAN
        assert tingkat_kode("1.06.01.01 - 04.2.01.01") == TingkatKode.SUBKEGIATAN

    def test_parent_chain_runs_sub_kegiatan_to_kegiatan_to_program_to_none(self):
        assert kode_induk("1.06.04.2.01.0001") == "1.06.04.2.01"
        assert kode_induk("1.06.04.2.01") == "1.06.04"
        assert kode_induk("1.06.04") is None

    def test_parent_of_a_seed_code_is_normalised(self):
        assert kode_induk("1.06.01.01 - 04.2.01.01") == "1.06.04.2.01"

    def test_level_values_are_stable_strings(self):
        assert [t.value for t in TingkatKode] == ["program", "kegiatan", "subkegiatan"]


class EnumTests:
    def test_enum_values_match_the_stored_strings(self):
        assert [p.value for p in Polaritas] == ["positif", "negatif"]
        assert [m.value for m in MetodeNegatif] == ["A", "B"]
        assert [a.value for a in Agregasi] == ["jumlah", "terakhir", "rata-rata"]
        assert [m.value for m in ModePredikat] == ["numerik", "ordinal"]
        assert [v.value for v in VarianEfisiensi] == ["V1", "V2", "V3"]

    def test_module_does_not_import_django(self):
        # In a fresh interpreter: under pytest-django, Django is already loaded here.
        program = (
            "import sys, lkip.formulas; "
            "sys.exit(any(m == 'django' or m.startswith('django.') for m in sys.modules))"
        )
        akar = Path(__file__).resolve().parents[2]
        assert subprocess.run([sys.executable, "-c", program], cwd=akar).returncode == 0
