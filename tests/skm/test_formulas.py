"""SKM arithmetic (lkip.formulas.ikm) against spec §5: worked example, blanks, pooling, mutu."""

from decimal import Decimal as D

import pytest

from lkip import formulas
from lkip.formulas import (
    PENIMBANG_LAMA,
    UNSUR_IKM,
    JumlahJawaban,
    bulatkan,
    gabung_jumlah,
    hitung_ikm,
    ikm_dari_jumlah,
    jumlah_jawaban,
    mutu_ikm,
    mutu_nrr,
    sampel_minimum,
    unsur_terlemah,
)


def respon(*nilai):
    return dict(zip(UNSUR_IKM, nilai, strict=True))


#: Spec §5.4, five respondents.
CONTOH = [
    respon(4, 4, 3, 4, 4, 3, 4, 3, 4),
    respon(3, 4, 4, 4, 3, 4, 4, 3, 3),
    respon(4, 3, 4, 4, 4, 4, 4, 4, 4),
    respon(4, 4, 3, 4, 3, 4, 4, 3, 4),
    respon(3, 3, 4, 4, 4, 3, 4, 4, 3),
]


class WorkedExampleTests:
    def test_the_worked_example_gives_91_67_and_mutu_a(self):
        hasil = hitung_ikm(CONTOH)
        assert bulatkan(hasil.konversi) == D("91.67")
        assert bulatkan(hasil.ikm, 4) == D("3.6667")
        assert mutu_ikm(hasil.konversi).huruf == "A"
        assert mutu_ikm(hasil.konversi).kinerja == "Sangat Baik"

    def test_the_nrr_per_unsur_are_those_of_the_table(self):
        nrr = {k: bulatkan(v) for k, v in hitung_ikm(CONTOH).nrr.items()}
        assert nrr == {
            "U1": D("3.60"),
            "U2": D("3.60"),
            "U3": D("3.60"),
            "U4": D("4.00"),
            "U5": D("3.60"),
            "U6": D("3.60"),
            "U7": D("4.00"),
            "U8": D("3.40"),
            "U9": D("3.60"),
        }

    def test_the_legacy_weight_gives_90_75_still_a(self):
        hasil = hitung_ikm(CONTOH, penimbang=PENIMBANG_LAMA)
        assert hasil.konversi == D("90.75")
        assert mutu_ikm(hasil.konversi).huruf == "A"
        assert "0,11" in hasil.keterangan_penimbang
        assert "1/9" in hitung_ikm(CONTOH).keterangan_penimbang

    def test_the_weakest_unsur_is_u8_with_mutu_b(self):
        kode, nrr = unsur_terlemah(hitung_ikm(CONTOH))
        assert (kode, nrr) == ("U8", D("3.4"))
        assert mutu_nrr(nrr).huruf == "B"

    def test_the_sums_sql_would_return_give_the_same_result_as_raw_answers(self):
        sql = JumlahJawaban(
            jumlah={"U1": 18, "U2": 18, "U3": 18, "U4": 20, "U5": 18, "U6": 18, "U7": 20}
            | {"U8": 17, "U9": 18},
            terisi=dict.fromkeys(UNSUR_IKM, 5),
            responden=5,
        )
        assert ikm_dari_jumlah(sql) == hitung_ikm(CONTOH)


class MissingAnswerTests:
    def test_a_blank_is_divided_by_those_who_answered_not_counted_as_zero(self):
        hasil = hitung_ikm([*CONTOH, {"U4": None, "U1": 1} | {k: 4 for k in list(UNSUR_IKM)[1:3]}])
        assert hasil.responden_per_unsur["U4"] == 5
        assert hasil.nrr["U4"] == D(4)  # (20) / 5, the blank ignored
        assert bulatkan(hasil.nrr["U1"], 4) == D("3.1667")  # (18 + 1) / 6
        assert hasil.responden_per_unsur["U5"] == 5
        assert hasil.jumlah_responden == 6

    def test_an_unsur_nobody_answered_is_an_error_not_a_zero(self):
        data = jumlah_jawaban([{"U1": 4}])
        with pytest.raises(ValueError, match="U2, U3"):
            ikm_dari_jumlah(data)

    def test_sums_that_cannot_come_from_answers_1_to_4_are_refused(self):
        with pytest.raises(ValueError, match="U1"):
            JumlahJawaban(jumlah={"U1": 9}, terisi={"U1": 2}, responden=2)


class PoolingTests:
    def test_pooling_periods_adds_raw_answers_not_averages_of_ikm(self):
        tw1 = jumlah_jawaban(CONTOH)  # 5 respondents, 91,67
        tw2 = jumlah_jawaban([respon(*[2] * 9)])  # 1 respondent, 50,00
        pooled = ikm_dari_jumlah(gabung_jumlah([tw1, tw2]))
        assert pooled == hitung_ikm([*CONTOH, respon(*[2] * 9)])
        # respondent-weighted: (5 × 91,67 + 1 × 50) / 6, not (91,67 + 50) / 2 = 70,83
        assert bulatkan(pooled.konversi) == D("84.72")
        assert pooled.jumlah_responden == 6

    def test_pooling_nothing_is_empty(self):
        assert gabung_jumlah([]).responden == 0


class MutuBoundaryTests:
    @pytest.mark.parametrize(
        ("nilai", "huruf"),
        [
            ("88.30", "B"),
            ("88.31", "A"),
            ("76.60", "C"),
            ("76.61", "B"),
            ("64.99", "D"),
            ("65.00", "C"),
            ("25", "D"),
            ("100", "A"),
        ],
    )
    def test_the_mutu_boundaries(self, nilai, huruf):
        assert mutu_ikm(D(nilai)).huruf == huruf

    def test_an_nrr_is_judged_on_the_same_thresholds_times_25(self):
        assert mutu_nrr(D("3.5324")).huruf == "A"  # 88,31
        assert mutu_nrr(D("3.532")).huruf == "B"  # 88,30


class SampleSizeTests:
    @pytest.mark.parametrize(
        ("populasi", "sampel"),
        [(10, 10), (50, 44), (100, 80), (500, 217), (1000, 278), (10000, 370), (1000000, 384)],
    )
    def test_the_minimum_sample_follows_the_krejcie_morgan_table(self, populasi, sampel):
        assert sampel_minimum(populasi) == sampel

    def test_the_rule_is_stated_with_its_source(self):
        assert "Krejcie" in formulas.RUMUS_SAMPEL and "14 Tahun 2017" in formulas.RUMUS_SAMPEL

    def test_a_population_below_one_is_refused(self):
        with pytest.raises(ValueError):
            sampel_minimum(0)
