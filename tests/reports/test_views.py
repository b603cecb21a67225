"""Report screens: reachable only through the agency scoping, downloads in the right format."""

import io

import pytest
from docx import Document
from openpyxl import load_workbook

from demo.opd import DEMO_PASSWORD
from lkip.models import Pemda, Penugasan
from tests import berkas
from tests.antrian import kerjakan_antrian
from tests.factories import make_opd

pytestmark = pytest.mark.django_db

URL = "/laporan/dinsos-kota-bekasi/2024/"


def login(client, username):
    assert client.login(username=username, password=DEMO_PASSWORD)


class ReportViewTests:
    def test_an_anonymous_user_is_sent_to_the_login_page(self, demo, client):
        response = client.get(URL)
        assert response.status_code == 302
        assert response["Location"].startswith("/masuk/")

    def test_the_planning_staff_reads_their_agencys_report(self, demo, client):
        login(client, "perencana.dinsos")
        response = client.get(URL)
        assert response.status_code == 200
        assert "242,82%" in response.text
        assert 'href="lkip.pdf"' in response.text
        assert 'href="lkip.docx"' in response.text
        assert "Unduh DOCX (draf yang dapat diubah)" in response.text

    def test_the_inspektorat_reads_every_agency_of_its_pemda(self, demo, client):
        login(client, "inspektorat.bekasi")
        make_opd("dinas-lain-bekasi", pemda=demo.pemda)
        home = client.get("/")
        assert "Dinas Sosial Kota Bekasi" in home.text and "Dinas Contoh" in home.text
        assert client.get(URL).status_code == 200

    def test_staff_of_another_agency_cannot_reach_the_report_by_changing_the_url(
        self, demo, client, django_user_model
    ):
        other = make_opd("dinas-lain", pemda=Pemda.objects.create(nama="Pemerintah Kota Lain"))
        user = django_user_model.objects.create_user("perencana.lain", password="rahasia-123-xyz")
        Penugasan.objects.create(user=user, pemda=other.pemda, opd=other)
        client.force_login(user)
        for suffix in ("", "lkip.pdf", "lkip.xlsx", "lkip.docx"):
            response = client.get(URL + suffix)
            assert response.status_code == 404
            assert "tidak ditemukan" in response.text.lower()

    def test_an_unknown_agency_or_year_is_a_404_in_indonesian(self, demo, client):
        login(client, "perencana.dinsos")
        assert client.get("/laporan/tidak-ada/2024/").status_code == 404
        response = client.get("/laporan/dinsos-kota-bekasi/1999/")
        assert response.status_code == 404
        assert "Halaman tidak ditemukan" in response.text

    def test_the_xlsx_download_is_a_workbook_of_the_reports_tables(self, demo, client):
        login(client, "kepala.dinsos")
        client.get(URL + "lkip.xlsx")  # queued
        kerjakan_antrian()
        response = client.get(URL + "lkip.xlsx")
        assert response.status_code == 200
        assert "attachment" in response["Content-Disposition"]
        wb = load_workbook(io.BytesIO(response.content))
        assert "3.1 Capaian Kinerja" in wb.sheetnames

    def test_the_pdf_download_says_it_is_being_prepared_until_the_worker_has_rendered_it(
        self, demo, client, django_capture_on_commit_callbacks
    ):
        login(client, "kepala.dinsos")
        before = set(berkas.semua(f"render/{demo.pk}/2024"))  # of earlier tests, rolled back
        waiting = client.get(URL + "lkip.pdf")
        assert waiting.status_code == 200 and waiting["Content-Type"].startswith("text/html")
        assert "PDF laporan sedang disiapkan" in waiting.text
        assert waiting["Refresh"] == "3"  # reloads itself: no script (the CSP stays)
        assert "<script" not in waiting.text
        with django_capture_on_commit_callbacks(execute=True):
            assert kerjakan_antrian() == 1  # one render of the agency-year, all three formats
        first = client.get(URL + "lkip.pdf")
        assert first.status_code == 200 and first["Content-Type"] == "application/pdf"
        assert first.content.startswith(b"%PDF")
        assert "Refresh" not in first
        assert client.get(URL + "lkip.pdf").content == first.content
        assert len(set(berkas.semua(f"render/{demo.pk}/2024")) - before) == 3  # pdf, xlsx, docx


class NarasiEditTests:
    def test_the_planning_staff_edits_a_narrative_section_and_the_report_shows_it(
        self, demo, client
    ):
        login(client, "perencana.dinsos")
        response = client.post(
            URL + "narasi/latar_belakang/",
            {"judul": "Latar Belakang", "teks": "Paragraf baru <b>uji</b>."},
        )
        assert response.status_code == 302
        html = client.get(URL).text
        assert "Paragraf baru &lt;b&gt;uji&lt;/b&gt;." in html

    def test_the_inspektorat_cannot_edit_narrative(self, demo, client):
        login(client, "inspektorat.bekasi")
        assert client.get(URL + "narasi/latar_belakang/").status_code == 403
        assert (
            client.post(URL + "narasi/latar_belakang/", {"judul": "x", "teks": "y"}).status_code
            == 403
        )

    def test_an_unknown_section_is_a_404(self, demo, client):
        login(client, "perencana.dinsos")
        assert client.get(URL + "narasi/tidak-ada/").status_code == 404


class ReportCacheTests:
    def test_the_report_is_rendered_once_per_data_version_and_a_change_shows_at_once(
        self, demo, client
    ):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        from reports.dashboard.versi import kosongkan_lokal
        from targets.models import Realisasi

        login(client, "perencana.dinsos")
        client.get(URL)  # rendered and kept
        kosongkan_lokal()  # as seen from another worker process: the shared cache still has it
        with CaptureQueriesContext(connection) as queries:
            assert "242,82%" in client.get(URL).text
        # Session, user, assignment, agency, 2 × permissions, data version, cache; the PDF's state:
        # its render row, the agency's fingerprint (3), its place in the queue.
        assert len(queries) <= 14

        client.post(
            URL + "narasi/latar_belakang/",
            {"judul": "Latar Belakang", "teks": "Paragraf sesudah cache."},
        )
        assert "Paragraf sesudah cache." in client.get(URL).text

        real = Realisasi.objects.get(indikator__kode="IKU-3", tahun=2024, periode=0)
        real.pembilang *= 2  # the capaian of 242,82% came from this realisation
        real.save()
        assert "242,82%" not in client.get(URL).text

    def test_a_ready_pdf_is_served_without_building_the_report_and_a_change_renders_anew(
        self, demo, client, django_capture_on_commit_callbacks
    ):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        from targets.models import Realisasi

        login(client, "kepala.dinsos")
        before = set(berkas.semua(f"render/{demo.pk}/2024"))  # of earlier tests, rolled back
        client.get(URL + "lkip.pdf")
        with django_capture_on_commit_callbacks(execute=True):
            kerjakan_antrian()
        with CaptureQueriesContext(connection) as queries:
            first = client.get(URL + "lkip.pdf")
        assert first["Content-Type"] == "application/pdf"
        # Session, data version and user (login), agency, its Renstra, the render row, the
        # agency's fingerprint (3): no report is built.
        assert len(queries) <= 10, [q["sql"][:80] for q in queries.captured_queries]

        real = Realisasi.objects.get(indikator__kode="IKU-3", tahun=2024, periode=0)
        real.pembilang *= 2
        real.save()
        stale = client.get(URL + "lkip.pdf")  # never the old file as if it were fresh
        assert "sedang disiapkan" in stale.text
        with django_capture_on_commit_callbacks(execute=True):
            kerjakan_antrian()
        third = client.get(URL + "lkip.pdf")
        assert third.status_code == 200 and third.content != first.content
        # The superseded files are gone: one file per format, however often it is rendered.
        assert len(set(berkas.semua(f"render/{demo.pk}/2024")) - before) == 3

    def test_a_published_file_removed_from_the_storage_is_rendered_again_not_a_500(
        self, demo, client, django_capture_on_commit_callbacks
    ):
        from lkip import penyimpanan
        from reports.models import FormatLaporan, RenderLaporan

        login(client, "kepala.dinsos")
        client.get(URL + "lkip.xlsx")
        with django_capture_on_commit_callbacks(execute=True):
            kerjakan_antrian()
        row = RenderLaporan.objects.get(opd=demo, tahun=2024, jenis=FormatLaporan.XLSX)
        penyimpanan.hapus(row.berkas)
        assert "XLSX laporan sedang disiapkan" in client.get(URL + "lkip.xlsx").text
        with django_capture_on_commit_callbacks(execute=True):
            assert kerjakan_antrian() == 1
        assert client.get(URL + "lkip.xlsx")["Content-Disposition"].startswith("attachment")

    def test_the_narrative_link_is_only_in_the_page_of_those_who_may_edit(self, demo, client):
        login(client, "perencana.dinsos")
        assert 'href="narasi/"' in client.get(URL).text
        client.logout()
        login(client, "inspektorat.bekasi")
        assert 'href="narasi/"' not in client.get(URL).text

    def test_the_docx_download_is_the_editable_word_draft(self, demo, client):
        login(client, "inspektorat.bekasi")
        client.get(URL + "lkip.docx")  # queued
        kerjakan_antrian()
        response = client.get(URL + "lkip.docx")
        assert response.status_code == 200
        assert response["Content-Type"] == (
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        )
        assert (
            'filename="LKIP-dinsos-kota-bekasi-2024-draf.docx"' in (response["Content-Disposition"])
        )
        document = Document(io.BytesIO(response.content))
        assert "draf yang dapat diubah" in document.core_properties.comments


def test_the_agency_lkip_page_leads_back_to_the_agency_page(demo, client):
    assert client.login(username="perencana.dinsos", password=DEMO_PASSWORD)
    page = client.get("/laporan/dinsos-kota-bekasi/2024/").content.decode()
    remah = page[page.index('<nav class="remah"') :]
    remah = remah[: remah.index("</nav>")]
    assert '<a href="/data/dinsos-kota-bekasi/">Dinas Sosial Kota Bekasi</a>' in remah
    assert "LKIP tahun 2024" in remah
