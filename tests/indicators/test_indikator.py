"""Indicator definitions are checked by the model: an IKU needs a sasaran, a predicate a scale."""

import pytest

from indicators.models import Indikator
from tests.factories import errors_of, make_indikator, make_opd

pytestmark = pytest.mark.django_db


class IndikatorValidationTests:
    def test_an_iku_needs_a_sasaran(self):
        ind = Indikator(
            opd=make_opd(),
            kode="IKU-1",
            tingkat="iku",
            uraian="x",
            satuan="%",
            jenis_nilai="persen",
            polaritas="positif",
            agregasi="terakhir",
        )
        assert "sasaran" in errors_of(ind)

    def test_a_predicate_indicator_needs_a_scale(self):
        opd = make_opd()
        ind = make_indikator(opd)
        ind.jenis_nilai = "predikat"
        assert "skala_predikat" in errors_of(ind)
