"""Bad input is refused by the models themselves, with Indonesian messages naming the field."""

from decimal import Decimal

import pytest

from targets.models import Realisasi, Target
from targets.screens import RealisasiScreenForm as RealisasiForm
from tests.factories import errors_of, make_indikator, make_opd, make_target

pytestmark = pytest.mark.django_db


class TargetAndRealisasiValidationTests:
    def test_a_quarter_outside_1_to_4_is_refused(self):
        ind = make_indikator(make_opd())
        errors = errors_of(
            Target(indikator=ind, tahun=2024, jenis="pk", periode=5, nilai=Decimal(1))
        )
        assert "periode" in errors

    def test_the_database_refuses_a_quarter_outside_1_to_4(self):
        from django.db import IntegrityError, transaction

        ind = make_indikator(make_opd())
        with pytest.raises(IntegrityError), transaction.atomic():
            Realisasi.objects.create(indikator=ind, tahun=2024, periode=7, nilai=Decimal(1))

    def test_a_predicate_outside_the_indicators_scale_is_refused(self):
        ind = make_indikator(
            make_opd(), jenis_nilai="predikat", skala_predikat="AKIP", satuan="Nilai"
        )
        errors = errors_of(
            Realisasi(indikator=ind, tahun=2024, periode=0, nilai=Decimal("77.29"), predikat="XB")
        )
        assert "tidak ada dalam skala AKIP" in errors["predikat"][0]

    def test_a_predicate_on_a_numeric_indicator_is_refused(self):
        ind = make_indikator(make_opd())
        errors = errors_of(Realisasi(indikator=ind, tahun=2024, periode=0, predikat="BB"))
        assert "predikat" in errors

    def test_a_realisation_needs_a_value(self):
        ind = make_indikator(make_opd())
        assert "nilai" in errors_of(Realisasi(indikator=ind, tahun=2024, periode=1))

    def test_a_zero_denominator_is_refused(self):
        ind = make_indikator(make_opd())
        errors = errors_of(
            Realisasi(
                indikator=ind, tahun=2024, periode=0, pembilang=Decimal(1), penyebut=Decimal(0)
            )
        )
        assert errors["penyebut"] == ["Penyebut tidak boleh nol."]


class RealisasiFormTests:
    def test_indonesian_notation_is_understood(self):
        opd = make_opd()
        ind = make_indikator(opd)
        form = RealisasiForm(
            {"indikator": ind.pk, "tahun": "2024", "periode": "1", "nilai": "1.234,56"}, opd=opd
        )
        assert form.is_valid(), form.errors
        assert form.cleaned_data["nilai"] == Decimal("1234.56")

    def test_a_non_numeric_value_for_a_numeric_indicator_is_refused_naming_the_input(self):
        opd = make_opd()
        ind = make_indikator(opd)
        form = RealisasiForm(
            {"indikator": ind.pk, "tahun": "2024", "periode": "1", "nilai": "dua belas"}, opd=opd
        )
        assert not form.is_valid()
        assert "'dua belas'" in form.errors["nilai"][0]

    def test_a_realisation_for_an_indicator_of_another_agency_is_refused(self):
        mine = make_opd("dinas-saya")
        other = make_opd("dinas-lain")
        foreign = make_indikator(other, kode="IKU-9")
        form = RealisasiForm(
            {"indikator": foreign.pk, "tahun": "2024", "periode": "1", "nilai": "5"}, opd=mine
        )
        assert not form.is_valid()
        assert "indikator" in form.errors
        assert not Realisasi.objects.exists()

    def test_a_quarter_outside_1_to_4_is_refused_by_the_form(self):
        opd = make_opd()
        ind = make_indikator(opd)
        form = RealisasiForm(
            {"indikator": ind.pk, "tahun": "2024", "periode": "5", "nilai": "5"}, opd=opd
        )
        assert not form.is_valid()
        assert "periode" in form.errors


class PerangkatDaerahValidationTests:
    def test_an_18_digit_nip_that_is_not_a_valid_date_is_refused(self):
        opd = make_opd()
        opd.kepala_nip = "19661301 199003 1 010"
        errors = errors_of(opd)
        assert "kepala_nip" in errors

    def test_a_valid_nip_is_stored_in_its_printed_form(self):
        opd = make_opd(kepala_nip="196603011990031010")
        opd.refresh_from_db()
        assert opd.kepala_nip == "19660301 199003 1 010"


def test_a_target_without_value_is_refused():
    ind = make_indikator(make_opd())
    assert "nilai" in errors_of(Target(indikator=ind, tahun=2024, jenis="pk", periode=0))


def test_make_target_helper_accepts_predicates():
    ind = make_indikator(make_opd(), jenis_nilai="predikat", skala_predikat="AKIP", satuan="Nilai")
    assert make_target(ind, "77.26", predikat="BB").predikat == "BB"
