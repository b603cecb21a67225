"""Budget screens: the anggaran form refuses bad amounts beside their fields."""

import pytest

from budget.models import Anggaran, Nomenklatur

pytestmark = pytest.mark.django_db
BASE = "/data/dinsos-kota-bekasi/"


class AnggaranScreenTests:
    def test_a_negative_pagu_and_a_malformed_amount_are_refused_beside_their_fields(
        self, perencana, demo
    ):
        nom = Nomenklatur.objects.get(kode="1.06.07")
        response = perencana.post(
            BASE + "anggaran/tambah/",
            {"nomenklatur": nom.pk, "tahun": "2025", "pagu_murni": "-5", "realisasi": "12,3,4"},
        )
        assert response.status_code == 200
        assert "tidak boleh negatif" in response.text and "bukan angka yang sah" in response.text
        assert not Anggaran.objects.filter(tahun=2025).exists()
