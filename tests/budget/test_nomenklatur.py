"""Nomenclature codes are checked by the model and find their place (level, parent) in the tree."""

import pytest

from budget.models import Nomenklatur
from tests.factories import errors_of, make_nomenklatur

pytestmark = pytest.mark.django_db


class NomenklaturValidationTests:
    def test_a_malformed_code_is_refused_with_an_indonesian_message(self):
        errors = errors_of(Nomenklatur(kode="1.6.04.2", nama="Salah"))
        assert "kode" in errors
        assert "Kode" in errors["kode"][0] or "kode" in errors["kode"][0]

    def test_a_zero_padded_code_must_be_written_in_its_standard_form(self):
        errors = errors_of(Nomenklatur(kode="1.06.04.02.01.0001", nama="Permakanan"))
        assert "1.06.04.2.01.0001" in errors["kode"][0]

    def test_a_sub_kegiatan_finds_its_parent_and_level(self):
        make_nomenklatur("1.06.04", "Program Rehabilitasi Sosial")
        make_nomenklatur("1.06.04.2.01", "Rehabilitasi Sosial Dasar")
        sub = make_nomenklatur("1.06.04.2.01.0001", "Penyediaan Permakanan")
        assert sub.tingkat == "subkegiatan"
        assert sub.induk.kode == "1.06.04.2.01"
        assert sub.induk.induk.tingkat == "program"
