"""The worksheet's scores (lkip.formulas.lke): the spec's worked example (§5) and the boundaries."""

from decimal import Decimal

import pytest

from lkip.formulas import bulatkan, lke
from lkip.formulas.lke import Kualifikasi, TipeJawaban


def test_worked_example_component_one_is_20_70_of_30_under_the_grade_model():
    sub_a = lke.nilai_sub_grade(6, ["Y"] * 6, 6, Kualifikasi.DIHARGAI)
    sub_b = lke.nilai_sub_grade(9, ["Y"] * 9 + ["T"] * 2, 11)
    sub_c = lke.nilai_sub_grade(15, ["Y"] * 5 + ["T"] * 3, 8)
    assert (sub_a.grade, sub_b.grade, sub_c.grade) == ("A", "B", "CC")
    assert (sub_a.nilai, sub_b.nilai, sub_c.nilai) == (Decimal("5.4"), Decimal("6.3"), Decimal(9))
    komponen = lke.jumlah([sub_a.nilai, sub_b.nilai, sub_c.nilai])
    assert bulatkan(komponen, 2) == Decimal("20.70")
    assert bulatkan(lke.persen_dari_bobot(komponen, Decimal(30)), 1) == Decimal("69.0")


def test_worked_example_total_70_15_is_bb_and_70_00_is_b():
    total = lke.jumlah([Decimal("20.70"), Decimal("21.00"), Decimal("10.95"), Decimal("17.50")])
    assert total == Decimal("70.15")
    assert lke.predikat_lke(total) == "BB"
    assert lke.predikat_lke(Decimal("70.00")) == "B"


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
        ("60.00", "CC"),
        ("50.00", "C"),
        ("30.01", "C"),
        ("30.00", "D"),
        ("0", "D"),
    ],
)
def test_predicate_bounds_are_lower_exclusive(nilai, predikat):
    assert lke.predikat_lke(Decimal(nilai)) == predikat


def test_worked_example_component_one_is_22_27_under_criterion_averaging():
    yt, ae = TipeJawaban.YT, TipeJawaban.AE
    sub_a = lke.nilai_sub_rata_rata(6, [("Y", yt)] * 6, 6)
    jawaban_b = [("Y", yt), ("Y", yt)] + [(j, ae) for j in "ABBCABCAB"]
    sub_b = lke.nilai_sub_rata_rata(9, jawaban_b, 11)
    sub_c = lke.nilai_sub_rata_rata(15, [(j, ae) for j in "BBCBCDBC"], 8)
    assert bulatkan(sub_a.nilai, 2) == Decimal("6.00")
    assert bulatkan(sub_b.nilai, 2) == Decimal("7.36")
    assert bulatkan(sub_c.nilai, 2) == Decimal("8.91")
    assert bulatkan(lke.jumlah([sub_a.nilai, sub_b.nilai, sub_c.nilai]), 2) == Decimal("22.27")


@pytest.mark.parametrize(
    ("terpenuhi", "aktif", "kualifikasi", "grade"),
    [
        (8, 8, Kualifikasi.INOVATIF, "AA"),
        (8, 8, Kualifikasi.DIHARGAI, "A"),
        (8, 8, Kualifikasi.MANDAT_NASIONAL, "BB"),
        (8, 8, Kualifikasi.TIDAK_ADA, "B"),
        (7, 8, Kualifikasi.INOVATIF, "B"),  # 87,5 %: a qualifier needs every criterion met
        (6, 8, Kualifikasi.TIDAK_ADA, "CC"),  # 75 % exactly is not > 75
        (4, 8, Kualifikasi.TIDAK_ADA, "C"),  # 50 %
        (2, 8, Kualifikasi.TIDAK_ADA, "D"),  # 25 %
        (1, 8, Kualifikasi.TIDAK_ADA, "D"),
        (0, 8, Kualifikasi.TIDAK_ADA, "E"),
    ],
)
def test_sub_component_grade_follows_the_share_met_and_the_qualifier(
    terpenuhi, aktif, kualifikasi, grade
):
    assert lke.grade_subkomponen(terpenuhi, aktif, kualifikasi) == grade


def test_an_unanswered_criterion_counts_as_not_met_in_both_models():
    assert lke.nilai_sub_grade(15, ["Y"] * 7 + [""], 8).grade == "B"
    assert lke.nilai_sub_rata_rata(8, [("A", TipeJawaban.AE)] * 7, 8).nilai == Decimal(7)


def test_an_answer_outside_the_criterion_type_is_refused_in_indonesian():
    assert lke.periksa_jawaban(" y ", TipeJawaban.YT) == "Y"
    with pytest.raises(ValueError, match="pilih Y atau T"):
        lke.periksa_jawaban("B", TipeJawaban.YT)
    with pytest.raises(ValueError, match="pilih A, B, C, D, E"):
        lke.periksa_jawaban("Y", TipeJawaban.AE)


def test_a_value_outside_its_weight_is_refused():
    assert lke.periksa_nilai(Decimal("4.5"), Decimal("4.5"), "sub-komponen 3.b") == Decimal("4.5")
    with pytest.raises(ValueError, match="antara 0 dan bobotnya"):
        lke.periksa_nilai(Decimal("4.51"), Decimal("4.5"), "sub-komponen 3.b")


def test_the_refusal_of_a_value_prints_its_numbers_in_indonesian_notation():
    with pytest.raises(ValueError) as galat:
        lke.periksa_nilai(Decimal(-5), Decimal(6), "sub-komponen 1.a")
    assert str(galat.value) == "Nilai sub-komponen 1.a (-5,00) harus antara 0 dan bobotnya (6,00)."
    with pytest.raises(ValueError, match=r"\(4,501\) harus antara 0 dan bobotnya \(4,50\)"):
        lke.periksa_nilai(Decimal("4.501"), Decimal("4.5"), "sub-komponen 3.b")


def test_the_grade_model_answers_yes_no_whatever_the_criterion_type():
    assert lke.tipe_efektif("subkomponen", "ae") == TipeJawaban.YT
    assert lke.tipe_efektif("rata_rata", "ae") == TipeJawaban.AE
