"""Odd input at the edges: absurd magnitudes and NUL characters end in a message, never a 500."""

from contextlib import contextmanager

import pytest
from django.db import connection

from lkip import formulas

pytestmark = pytest.mark.django_db
ENTRI = "/data/dinsos-kota-bekasi/entri/2024/tw2/"


@contextmanager
def _queries_with_nul():
    """Every SQL parameter that carries a NUL (PostgreSQL refuses one with a DataError)."""
    found: list = []

    def spy(execute, sql, params, many, context):
        rows = params if many else [params]
        for row in rows or []:
            values = row.values() if isinstance(row, dict) else row or ()
            found.extend(v for v in values if isinstance(v, str | bytes) and "\x00" in str(v))
        if "\x00" in sql:
            found.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(spy):
        yield found


class AbsurdMagnitudeTests:
    def test_a_thirty_digit_numerator_over_a_tiny_denominator_is_a_message_not_a_500(
        self, perencana, demo
    ):
        ind = demo.indikator_set.get(kode="IKU-1")
        response = perencana.get(
            ENTRI + "hitung/",
            {
                "indikator": ind.pk,
                "pembilang": "999999999999999999999999999999",
                "penyebut": "0,0000000000000000000000000000001",
            },
        )
        assert response.status_code == 400
        assert response.json()["pesan"].startswith("Pembilang: ")
        assert "terlalu besar" in response.json()["pesan"]

    def test_a_denominator_with_thirty_decimals_names_the_denominator(self, perencana, demo):
        ind = demo.indikator_set.get(kode="IKU-1")
        response = perencana.get(
            ENTRI + "hitung/",
            {"indikator": ind.pk, "pembilang": "5", "penyebut": "0," + "0" * 30 + "1"},
        )
        assert response.status_code == 400
        assert response.json()["pesan"].startswith("Penyebut: ")

    def test_the_largest_numbers_the_parser_accepts_still_compute_a_capaian(self, perencana, demo):
        ind = demo.indikator_set.get(kode="IKU-1")
        response = perencana.get(
            ENTRI + "hitung/",
            {"indikator": ind.pk, "pembilang": "9" * 18, "penyebut": "0,0000000001"},
        )
        assert response.status_code == 200 and response.json()["realisasi"]

    def test_the_parser_refuses_more_digits_than_any_column_holds(self):
        for text in ("9" * 19, "1," + "0" * 10 + "1", 1e300, 1e-20):
            with pytest.raises(ValueError):
                formulas.parse_angka(text)
        assert formulas.parse_angka("999.999.999.999.999.999") == 999999999999999999
        assert formulas.parse_angka("1,5000000000000000") == formulas.parse_angka("1,5")

    def test_a_too_large_number_in_an_edit_form_is_a_field_error(self, perencana, demo):
        realisasi = demo.indikator_set.get(kode="IKU-1").realisasi_set.first()
        response = perencana.post(
            f"/data/dinsos-kota-bekasi/realisasi/{realisasi.pk}/",
            {
                "indikator": realisasi.indikator_id,
                "tahun": "2024",
                "periode": "0",
                "nilai": "9" * 30,
            },
        )
        assert response.status_code == 200
        assert "terlalu besar" in str(response.context["form"].errors["nilai"])


class NulCharacterTests:
    @pytest.mark.parametrize(
        "path",
        [
            "/dasbor/opd/dinsos-kota-bekasi/2024/indikator/IKU-1%00/",
            "/dasbor/opd/dinsos-kota-bekasi/2024/program/1.06.02%00/",
            "/dasbor/?nama=%00",
            "/dasbor/?sort=%00nama",
            "/data/dinsos-kota-bekasi/audit/?pengguna=%00",
            "/data/dinsos-kota-bekasi/realisasi/?sort=indikator%00",
            ENTRI + "hitung/?indikator=1%00&nilai=5",
            "/laporan/dinsos-kota-bekasi/2024/narasi/kata_pengantar%00/",
        ],
    )
    def test_a_nul_in_the_address_or_query_is_refused_before_any_query(self, perencana, demo, path):
        with _queries_with_nul() as found:
            response = perencana.get(path)
        assert response.status_code in (400, 404)
        assert found == []

    def test_the_refusal_is_a_400_that_says_why_in_indonesian(self, perencana, demo):
        response = perencana.get("/dasbor/opd/dinsos-kota-bekasi/2024/indikator/IKU-1%00/")
        assert response.status_code == 400
        assert "karakter NUL" in response.text

    def test_a_nul_in_a_cookie_never_reaches_the_session_lookup(self, client, demo):
        client.cookies["sessionid"] = "abcdefgh\x00ijkl"
        with _queries_with_nul() as found:
            response = client.get("/")
        assert response.status_code == 400 and found == []

    def test_a_nul_typed_into_a_reopening_reason_is_refused_with_a_message(self, demo, client):
        from demo.opd import DEMO_PASSWORD
        from targets.models import PeriodeTertutup

        assert client.login(username="kepala.dinsos", password=DEMO_PASSWORD)
        PeriodeTertutup.objects.create(
            opd=demo, tahun=2024, periode=2, ditutup_oleh=demo.penugasan_set.first().user
        )
        with _queries_with_nul() as found:
            response = client.post(
                "/data/dinsos-kota-bekasi/periode/2024/2/buka/",
                {"alasan": "salah\x00ketik"},
                follow=True,
            )
        assert found == []
        assert "NUL" in response.text
        assert PeriodeTertutup.objects.filter(opd=demo, tahun=2024, periode=2).exists()
