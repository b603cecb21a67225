"""The pemda-level records refuse contradictory data with messages naming the field."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from lkip.models import Pemda
from rpjmd.models import (
    IndikatorPemda,
    RealisasiPemda,
    Rpjmd,
    SasaranPemda,
    SkalaPredikat,
    TargetPemda,
    TujuanPemda,
)

pytestmark = pytest.mark.django_db


def _indikator(**kw) -> IndikatorPemda:
    pemda = Pemda.objects.create(nama="Pemerintah Kota Uji")
    rpjmd = Rpjmd.objects.create(pemda=pemda, tahun_awal=2021, tahun_akhir=2026)
    tujuan = TujuanPemda.objects.create(rpjmd=rpjmd, kode="T1", uraian="Tujuan")
    sasaran = SasaranPemda.objects.create(rpjmd=rpjmd, tujuan=tujuan, kode="S1", uraian="Sasaran")
    defaults = {"kode": "IKU-1", "uraian": "Indeks Pembangunan Manusia", "satuan": "indeks"}
    defaults |= {"jenis_nilai": "indeks", **kw}
    return IndikatorPemda.objects.create(rpjmd=rpjmd, sasaran=sasaran, **defaults)


class PemdaKodeTests:
    def test_a_pemda_created_without_a_code_gets_one_from_its_name(self):
        assert Pemda.objects.create(nama="Pemerintah Kota Uji Coba").kode == (
            "pemerintah-kota-uji-coba"
        )


class TargetPemdaTests:
    def test_a_target_both_single_and_ranged_is_refused(self):
        t = TargetPemda(
            indikator=_indikator(),
            tahun=2024,
            jenis="renstra",
            nilai=D("1"),
            nilai_bawah=D("1"),
            nilai_atas=D("2"),
        )
        with pytest.raises(ValidationError) as exc:
            t.full_clean()
        assert "tunggal dan rentang sekaligus" in exc.value.message_dict["nilai"][0]

    def test_a_lower_bound_above_the_upper_bound_is_refused_and_named(self):
        t = TargetPemda(
            indikator=_indikator(),
            tahun=2024,
            jenis="renstra",
            nilai_bawah=D("68.60"),
            nilai_atas=D("68.10"),
        )
        with pytest.raises(ValidationError) as exc:
            t.full_clean()
        assert exc.value.message_dict["nilai_bawah"] == [
            "Batas bawah (68,6) lebih besar daripada batas atas (68,1); tukar keduanya."
        ]

    def test_the_database_refuses_a_reversed_range_too(self):
        ind = _indikator()
        with pytest.raises(IntegrityError), transaction.atomic():
            TargetPemda.objects.create(
                indikator=ind, tahun=2024, jenis="pk", nilai_bawah=D("3"), nilai_atas=D("2")
            )

    def test_the_range_bound_follows_the_polarity_unless_stated(self):
        pos = _indikator()
        t = TargetPemda(indikator=pos, tahun=2024, jenis="pk", nilai_bawah=D(1), nilai_atas=D(2))
        assert t.target_acuan() == D(2)
        pos.polaritas = "negatif"
        assert t.target_acuan() == D(1)
        pos.acuan_rentang = "atas"
        assert t.target_acuan() == D(2)


class RealisasiPemdaTests:
    def test_a_realisation_not_yet_published_cannot_hold_a_value(self):
        ind = _indikator()
        with pytest.raises(IntegrityError), transaction.atomic():
            RealisasiPemda.objects.create(indikator=ind, tahun=2024, tersedia=False, nilai=D("0"))

    def test_a_realisation_not_yet_published_reads_as_belum_tersedia_not_zero(self):
        r = RealisasiPemda(tahun=2024, tersedia=False)
        assert r.nilai_efektif is not None and not r.nilai_efektif
        assert repr(r.nilai_efektif) == "BELUM_TERSEDIA"


class SkalaTests:
    def test_a_predicate_indicator_keeps_its_scale_with_it(self):
        ind = _indikator(jenis_nilai="predikat", skala_predikat=SkalaPredikat.RB)
        ind.refresh_from_db()
        assert ind.skala[0] == ["AA", "90"] and ind.skala[-1] == ["D", None]
        assert ind.predikat(D("75.2")) == "BB"

    def test_a_stored_scale_that_does_not_fall_is_refused(self):
        ind = _indikator(jenis_nilai="predikat", skala=[["A", "50"], ["B", "60"], ["C", None]])
        with pytest.raises(ValidationError) as exc:
            ind.full_clean()
        assert "menurun" in exc.value.message_dict["skala"][0]
