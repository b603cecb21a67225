"""Results from the database: worked example in SQL, pooling, exclusions, confirmation, scoping."""

from decimal import Decimal as D
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from demo.opd import DEMO_PASSWORD
from indicators.models import HasilIKM
from lkip.models import Pemda, Penugasan
from skm import services
from skm.hasil import hasil_tahun
from skm.models import PengaturanSurvei, Pengecualian, Responden
from targets.models import Realisasi
from tests.factories import make_opd
from tests.skm.conftest import isi
from tests.skm.test_formulas import respon


class ResultTests:
    def test_the_worked_example_from_the_database_gives_91_67_a(self, contoh):
        h = hasil_tahun(contoh["opd"], 2024)
        assert h.total.konversi == D("91.67")
        assert h.total.mutu.huruf == "A"
        assert h.total.responden == 5
        assert h.total.terlemah[0] == "U8"
        assert h.per_unit[contoh["bansos"].pk].ikm is None  # no answers: said, not zero

    def test_the_legacy_weight_is_a_stated_switch(self, contoh):
        PengaturanSurvei.objects.filter(opd=contoh["opd"]).update(penimbang_lama=True)
        h = hasil_tahun(contoh["opd"], 2024)
        assert h.total.konversi == D("90.75")
        assert "0,11" in h.keterangan_penimbang

    def test_the_year_pools_raw_answers_of_its_periods(self, contoh):
        isi(contoh["opd"], contoh["bansos"], contoh["tw2"], [respon(*[2] * 9)])
        h = hasil_tahun(contoh["opd"], 2024)
        tw1, tw2 = h.per_periode[contoh["tw1"].pk], h.per_periode[contoh["tw2"].pk]
        assert h.total.responden == tw1.responden + tw2.responden == 6
        assert h.total.konversi == D("84.72")  # not the mean of the period IKMs

    def test_blank_answers_are_divided_by_those_who_answered(self, survei):
        isi(survei["opd"], survei["loket"], survei["tw1"], [respon(4, *[3] * 8), {"U1": 2}])
        nrr = hasil_tahun(survei["opd"], 2024).total.ikm.nrr
        assert nrr["U1"] == 3 and nrr["U2"] == 3

    def test_an_excluded_response_is_not_counted_but_kept_with_its_reason(self, contoh, perencana):
        r = Responden.objects.create(
            opd=contoh["opd"],
            unit_layanan=contoh["loket"],
            periode=contoh["tw1"],
            tanggal=contoh["tw1"].mulai,
            **{f"u{i}": 1 for i in range(1, 10)},
        )
        response = perencana.post(
            f"/survei/dinsos-kota-bekasi/jawaban/{r.pk}/kecualikan/", {"alasan": "Uji petugas"}
        )
        assert response.status_code == 302
        h = hasil_tahun(contoh["opd"], 2024)
        assert h.total.konversi == D("91.67") and h.dikecualikan == 1
        assert Responden.objects.filter(pk=r.pk).exists()
        riwayat = Pengecualian.history.get(responden_id=r.pk)
        assert riwayat.history_change_reason == "Uji petugas"
        assert riwayat.history_user.username == "perencana.dinsos"
        perencana.post(f"/survei/dinsos-kota-bekasi/jawaban/{r.pk}/sertakan/", {"alasan": "Keliru"})
        assert hasil_tahun(contoh["opd"], 2024).total.responden == 6
        assert Pengecualian.history.filter(responden_id=r.pk).count() == 2

    def test_excluding_returns_to_a_page_of_this_site_never_to_another(self, contoh, perencana):
        r = Responden.objects.first()
        url = f"/survei/dinsos-kota-bekasi/jawaban/{r.pk}/kecualikan/"
        back = "/survei/dinsos-kota-bekasi/jawaban/?halaman=2"
        response = perencana.post(url, {"alasan": "Uji", "kembali": back})
        assert response["Location"] == back
        url = f"/survei/dinsos-kota-bekasi/jawaban/{r.pk}/sertakan/"
        response = perencana.post(url, {"alasan": "Uji", "kembali": "https://jahat.example/"})
        assert response["Location"] == "/survei/dinsos-kota-bekasi/jawaban/"

    def test_an_exclusion_without_a_reason_is_refused(self, contoh, perencana):
        r = Responden.objects.first()
        perencana.post(f"/survei/dinsos-kota-bekasi/jawaban/{r.pk}/kecualikan/", {"alasan": ""})
        assert not Pengecualian.objects.exists()

    def test_the_results_page_needs_the_same_queries_for_few_or_many_responses(
        self, contoh, perencana
    ):
        def count():
            with CaptureQueriesContext(connection) as ctx:
                assert perencana.get("/survei/dinsos-kota-bekasi/hasil/2024/").status_code == 200
            # the data version (lkip.backends) is asked now and then, not per page: left out
            return len([q for q in ctx.captured_queries if "MAX(" not in q["sql"]])

        count()  # the first request also loads the kept user (lkip.backends)
        # session, 2 × permissions, agency, settings, periods, the one aggregate, units
        few = count()
        isi(contoh["opd"], contoh["bansos"], contoh["tw1"], [respon(*[3] * 9)] * 30)
        count()  # new responses move the data version: the kept user is loaded once more
        assert count() == few


class ConfirmTests:
    def test_confirming_sets_the_ikm_realisation_and_says_it_came_from_the_survey(
        self, contoh, perencana
    ):
        page = perencana.get("/survei/dinsos-kota-bekasi/hasil/2024/tetapkan/")
        assert "93,45" in page.content.decode() and "91,67" in page.content.decode()
        assert perencana.post("/survei/dinsos-kota-bekasi/hasil/2024/tetapkan/").status_code == 302
        real = Realisasi.objects.get(
            indikator__kode="IKU-2", indikator__opd=contoh["opd"], tahun=2024, periode=0
        )
        assert real.nilai == D("91.67")
        assert (
            "Survei Kepuasan Masyarakat 2024: 5 responden"
            in real.history.first().history_change_reason
        )
        ikm = HasilIKM.objects.get(opd=contoh["opd"], tahun=2024)
        assert ikm.nilai == D("91.67") and "Survei" in ikm.sumber

    def test_without_a_linked_indicator_nothing_is_written(self, contoh, perencana):
        PengaturanSurvei.objects.filter(opd=contoh["opd"]).update(indikator=None)
        perencana.post("/survei/dinsos-kota-bekasi/hasil/2024/tetapkan/")
        assert Realisasi.objects.get(indikator__kode="IKU-2", tahun=2024, periode=0).nilai == D(
            "93.45"
        )

    def test_the_kepala_dinas_reads_results_but_cannot_confirm_or_exclude(self, contoh, client):
        client.login(username="kepala.dinsos", password=DEMO_PASSWORD)
        assert client.get("/survei/dinsos-kota-bekasi/hasil/2024/").status_code == 200
        assert client.post("/survei/dinsos-kota-bekasi/hasil/2024/tetapkan/").status_code == 403
        r = Responden.objects.first()
        url = f"/survei/dinsos-kota-bekasi/jawaban/{r.pk}/kecualikan/"
        assert client.post(url, {"alasan": "x"}).status_code == 403


class ScopingTests:
    @pytest.fixture
    def luar(self, contoh, client, django_user_model):
        other = make_opd("dinas-luar", pemda=Pemda.objects.create(nama="Pemerintah Kota Luar"))
        user = django_user_model.objects.create_user("luar", password="rahasia-luar-123")
        user.groups.add(Group.objects.get(name="Perencana"))
        Penugasan.objects.create(user=user, pemda=other.pemda, opd=other)
        client.login(username="luar", password="rahasia-luar-123")
        return client

    def test_another_agencys_perencana_can_neither_see_nor_edit(self, contoh, luar):
        r = Responden.objects.first()
        base = "/survei/dinsos-kota-bekasi"
        for url in (
            "/",
            "/hasil/2024/",
            "/hasil/2024/tetapkan/",
            "/jawaban/",
            "/jawaban/2024.xlsx",
            "/impor/",
        ):
            assert luar.get(base + url).status_code == 404, url
        assert luar.post(f"{base}/jawaban/{r.pk}/kecualikan/", {"alasan": "x"}).status_code == 404
        assert luar.post(f"{base}/hasil/2024/tetapkan/").status_code == 404
        assert (
            luar.get(f"/data/dinsos-kota-bekasi/skm-unit/{contoh['loket'].pk}/").status_code == 404
        )
        assert not Pengecualian.objects.exists()

    def test_a_response_id_of_another_agency_is_404_in_ones_own(self, contoh, luar):
        r = Responden.objects.first()
        assert (
            luar.post(f"/survei/dinas-luar/jawaban/{r.pk}/kecualikan/", {"alasan": "x"}).status_code
            == 404
        )


class CommandTests:
    def test_hitung_ikm_prints_nrr_ikm_and_mutu(self, contoh):
        out = StringIO()
        call_command("hitung_ikm", "--org", "dinsos-kota-bekasi", "--year", "2024", stdout=out)
        text = out.getvalue()
        assert "U8 Penanganan Pengaduan" in text and "3,40" in text
        assert "3,6667" in text and "91,67" in text and "A (Sangat Baik)" in text

    def test_hitung_ikm_fails_without_responses(self, survei):
        with pytest.raises(CommandError, match="Belum ada jawaban"):
            call_command("hitung_ikm", "--org", "dinsos-kota-bekasi", "--year", "2023")

    def test_links_are_made_once_per_unit_and_open_period(self, survei):
        assert services.buat_tautan(survei["opd"]) == 0


class ReportTests:
    def test_the_lkip_prints_the_nrr_per_unsur_from_the_survey_and_a_chart(self, contoh, perencana):
        html = perencana.get("/laporan/dinsos-kota-bekasi/2024/").content.decode()
        assert "Nilai Rata-rata per Unsur Pelayanan (NRR)" in html
        assert "U8" in html and "3,40" in html and "91,67" in html
        assert "NRR per unsur pelayanan tahun 2024" in html

    def test_the_report_has_no_survey_table_without_responses(self, survei, perencana):
        html = perencana.get("/laporan/dinsos-kota-bekasi/2024/").content.decode()
        assert "Nilai Rata-rata per Unsur Pelayanan" not in html

    def test_the_dashboards_show_ikm_mutu_and_responses(self, contoh, client):
        client.login(username="inspektorat.bekasi", password=DEMO_PASSWORD)
        opd = client.get("/dasbor/opd/dinsos-kota-bekasi/2024/").content.decode()
        assert "IKM (survei kepuasan)" in opd and "91,67" in opd and "5 responden" in opd
        pemda = client.get("/dasbor/?tahun=2024").content.decode()
        assert "IKM gabungan" in pemda and "91,67" in pemda
