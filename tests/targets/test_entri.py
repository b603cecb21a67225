"""Quarterly entry on one page: Indonesian input, errors beside the field, closed quarters, no
lost updates."""

from decimal import Decimal

import pytest

from budget.models import Anggaran
from demo.opd import DEMO_PASSWORD
from targets.entri import EntriForm, load_rows
from targets.models import PembukaanPeriode, PeriodeTertutup, Realisasi

pytestmark = pytest.mark.django_db

URL = "/data/dinsos-kota-bekasi/entri/2024/tw2/"


def page_data(client, url=URL) -> dict:
    """The form as the browser would post it back unchanged (initial values + hidden 'asal')."""
    response = client.get(url)
    assert response.status_code == 200
    form = response.context["form"]
    return {name: form[name].value() or "" for name in form.fields}


def ind_prefix(demo, kode):
    return f"r{demo.indikator_set.get(kode=kode).pk}"


class EntriTests:
    def test_a_quarter_is_entered_in_indonesian_notation_and_the_capaian_is_shown(
        self, demo, client
    ):
        client.login(username="perencana.dinsos", password=DEMO_PASSWORD)
        data = page_data(client)
        p = ind_prefix(demo, "IKU-4")
        data[f"{p}-pembilang"], data[f"{p}-penyebut"] = "250", "262"
        line = Anggaran.objects.get(opd=demo, tahun=2024, nomenklatur__kode="1.06.02.2.03.0001")
        data[f"a{line.pk}-tw"] = "Rp 200.000.000,-"
        # The line's annual realisation was typed without quarters: replacing it needs a yes.
        assert client.post(URL, data).status_code == 200
        data["ganti_tahunan"] = "on"
        response = client.post(URL, data)
        assert response.status_code == 302
        real = Realisasi.objects.get(indikator__kode="IKU-4", tahun=2024, periode=2)
        assert (real.pembilang, real.penyebut) == (Decimal(250), Decimal(262))
        line.refresh_from_db()
        assert line.realisasi_tw2 == Decimal(200_000_000) and line.realisasi == Decimal(200_000_000)
        page = client.get(URL).text
        assert "95,42%" in page  # 250/262 = 95,42% of a 100% target

    def test_a_wrong_value_gets_a_message_beside_it_and_everything_typed_stays(self, demo, client):
        client.login(username="perencana.dinsos", password=DEMO_PASSWORD)
        data = page_data(client)
        p3, p4 = ind_prefix(demo, "IKU-3"), ind_prefix(demo, "IKU-4")
        data[f"{p3}-nilai"] = "12,5.0"
        data[f"{p4}-pembilang"], data[f"{p4}-penyebut"] = "250", "262"
        response = client.post(URL, data)
        assert response.status_code == 200
        assert "bukan angka yang sah" in response.text
        assert 'value="12,5.0"' in response.text and 'value="250"' in response.text
        assert not Realisasi.objects.filter(tahun=2024, periode=2).exists()

    def test_the_live_figure_comes_from_the_server(self, demo, client):
        client.login(username="perencana.dinsos", password=DEMO_PASSWORD)
        ind = demo.indikator_set.get(kode="IKU-4")
        r = client.get(
            URL + "hitung/", {"indikator": ind.pk, "pembilang": "131", "penyebut": "262"}
        )
        assert r.json()["capaian"] == "50,00%"
        bad = client.get(URL + "hitung/", {"indikator": ind.pk, "nilai": "lima"})
        assert bad.status_code == 400 and "bukan angka" in bad.json()["pesan"]
        line = Anggaran.objects.get(opd=demo, tahun=2024, nomenklatur__kode="1.06.02")
        r = client.get(URL + "hitung/", {"anggaran": line.pk, "tw": "449.550.000"})
        assert r.json()["serapan"] == "10,00%"

    def test_a_second_save_over_someone_elses_change_is_refused_showing_what_changed(
        self, demo, client
    ):
        client.login(username="perencana.dinsos", password=DEMO_PASSWORD)
        mine = page_data(client)  # page opened
        p = ind_prefix(demo, "IKU-2")
        # Meanwhile a colleague saves a value for the same indicator.
        Realisasi.objects.create(
            indikator=demo.indikator_set.get(kode="IKU-2"),
            tahun=2024,
            periode=2,
            nilai=Decimal("90.10"),
        )
        mine[f"{p}-nilai"] = "88,00"
        response = client.post(URL, mine)
        assert response.status_code == 200
        assert "diubah orang lain" in response.text and "90.1" in response.text
        assert Realisasi.objects.get(
            indikator__kode="IKU-2", tahun=2024, periode=2
        ).nilai == Decimal("90.10")
        # Saving again, now knowingly, overrides.
        again = {k: v for k, v in response.context["form"].data.items()}
        assert client.post(URL, again).status_code == 302
        assert Realisasi.objects.get(
            indikator__kode="IKU-2", tahun=2024, periode=2
        ).nilai == Decimal("88")

    def test_a_closed_quarter_is_read_only_until_reopened_with_a_recorded_reason(
        self, demo, client
    ):
        client.login(username="perencana.dinsos", password=DEMO_PASSWORD)
        assert (
            client.post(
                "/data/dinsos-kota-bekasi/periode/2024/2/tutup/", {"konfirmasi": "ya"}
            ).status_code
            == 302
        )
        data = page_data(client)
        data[f"{ind_prefix(demo, 'IKU-2')}-nilai"] = "90"
        response = client.post(URL, data, follow=True)
        assert "sudah ditutup" in response.text
        assert not Realisasi.objects.filter(tahun=2024, periode=2).exists()
        # The planner may not reopen; the Kepala Dinas may, with a reason.
        assert (
            client.post(
                "/data/dinsos-kota-bekasi/periode/2024/2/buka/", {"alasan": "koreksi"}
            ).status_code
            == 403
        )
        client.login(username="kepala.dinsos", password=DEMO_PASSWORD)
        client.post("/data/dinsos-kota-bekasi/periode/2024/2/buka/", {"alasan": ""})
        assert PeriodeTertutup.objects.filter(tahun=2024, periode=2).exists()
        client.post(
            "/data/dinsos-kota-bekasi/periode/2024/2/buka/", {"alasan": "Koreksi data BLT tahap 2"}
        )
        assert not PeriodeTertutup.objects.filter(tahun=2024, periode=2).exists()
        assert PembukaanPeriode.objects.get().alasan == "Koreksi data BLT tahap 2"

    def test_the_inspektorat_sees_the_grid_but_cannot_save(self, demo, client):
        client.login(username="inspektorat.bekasi", password=DEMO_PASSWORD)
        response = client.get(URL)
        assert response.status_code == 200 and "Simpan triwulan" not in response.text
        assert client.post(URL, {}).status_code == 403

    def test_a_quarter_outside_1_to_4_is_a_404(self, demo, client):
        client.login(username="perencana.dinsos", password=DEMO_PASSWORD)
        assert client.get("/data/dinsos-kota-bekasi/entri/2024/tw5/").status_code == 404

    def test_the_grid_loads_with_a_constant_number_of_queries(
        self, demo, django_assert_max_num_queries
    ):
        from tests.factories import make_anggaran, make_indikator

        with django_assert_max_num_queries(5):
            rows, lines = load_rows(demo, 2024, 2)
        for k in range(20):
            make_indikator(
                demo, kode=f"IP-X{k}", tingkat="program", nomenklatur=lines[0].anggaran.nomenklatur
            )
            make_anggaran(demo, f"1.06.04.2.01.{8000 + k:04d}", 10, 1)
        with django_assert_max_num_queries(5):
            rows, lines = load_rows(demo, 2024, 2)
        assert EntriForm(rows=rows, lines=lines, tahun=2024, tw=2)


class RowIdentityTests:
    def test_row_ids_are_written_without_thousands_separators_so_the_live_figure_finds_them(
        self, demo, client
    ):
        ind = demo.indikator_set.get(kode="IKU-4")
        ind.pk, ind.kode = 123456, "IKU-99"  # a copy with an id as large as a busy database gives
        ind.save(force_insert=True)
        client.login(username="perencana.dinsos", password=DEMO_PASSWORD)
        page = client.get(URL).text
        assert 'data-indikator="123456"' in page
        live = client.get(
            URL + "hitung/", {"indikator": "123456", "pembilang": "1", "penyebut": "2"}
        )
        assert live.status_code == 200
