"""The demo agency's 2024 LKIP submitted, reviewed, approved and signed in the browser, then
verified in public.

The demo data is the seed's, with the data-health errors a Perencana must correct first; the test
corrects them with `perbaiki_data_demo` (tests/reports/alur_data.py) before submitting.
"""

import re
from pathlib import Path

import pytest

from reports.models import DokumenTertandatangani, LaporanTahunan, StatusLaporan
from tests.browser.conftest import login, potret
from tests.reports.alur_data import perbaiki_data_demo

PANEL = "/laporan/dinsos-kota-bekasi/2024/alur/"
SHOTS = Path(__file__).resolve().parents[2] / "out" / "screenshots"


@pytest.fixture
def media(settings):
    """The demo certificate (load_demo creates it) and the signed files in the tests' storage,
    which the background worker that signs reads too."""
    settings.LKIP_SIGNING_P12 = ""
    return settings.MEDIA_ROOT


@pytest.mark.browser
class SigningBrowserTests:
    def test_perencana_submits_inspektorat_reviews_kepala_signs_and_the_public_page_says_berlaku(
        self, media, demo, pekerja, live_server, page, tmp_path
    ):
        # `pekerja` after `demo`: the worker signs; the demo's renders stay in a queue no worker
        # reads (this test does not download them).
        perbaiki_data_demo(demo)

        login(page, live_server, "perencana.dinsos")
        page.goto(live_server.url + PANEL)
        page.fill("#id_ajukan-catatan", "Data anggaran 1.06.02 sudah dikoreksi sesuai SP2D.")
        page.click("#aksi-ajukan button[type=submit]")
        # Submitting locks the year: a page asks first, and only its button submits.
        page.wait_for_selector("section.konfirmasi")
        page.click("section.konfirmasi button:has-text('Ya, ajukan')")
        page.wait_for_selector("text=diajukan untuk persetujuan Kepala Dinas")
        assert page.inner_text("span.status") == "Diajukan"
        assert "data tahun 2024 terkunci" in page.inner_text("p.terkunci")
        # While it is in review the planner's quarterly grid for 2024 says so and takes no input.
        page.goto(live_server.url + "/data/dinsos-kota-bekasi/entri/2024/tw4/")
        assert "LKIP tahun 2024 berstatus Diajukan" in page.inner_text("main")
        assert (
            page.locator(
                "main input:not([type=hidden]):not([disabled]), main textarea:not([disabled]), "
                "main select:not([disabled])"
            ).count()
            == 0
        )
        assert page.locator("main input:not([type=hidden])").count() > 0
        assert page.locator("main button:has-text('Simpan triwulan')").count() == 0
        SHOTS.mkdir(parents=True, exist_ok=True)
        potret(page, path=str(SHOTS / "terkunci-entri.png"), full_page=False)

        page.context.clear_cookies()
        login(page, live_server, "inspektorat.bekasi")
        page.goto(live_server.url + PANEL)
        page.select_option(
            "#id_komentar-acuan",
            label="Tabel 3.1 "
            + page.eval_on_selector(
                "#id_komentar-acuan option[value^='Tabel 3.1 ']", "o => o.textContent"
            ).removeprefix("Tabel 3.1 "),
        )
        page.fill("#id_komentar-teks", "Sumber data realisasi perlu disebutkan.")
        page.click("#aksi-komentar button[type=submit]")
        page.wait_for_selector("#komentar >> text=Sumber data realisasi perlu disebutkan.")
        assert page.inner_text("span.status") == "Direviu"

        page.context.clear_cookies()
        login(page, live_server, "kepala.dinsos")
        page.goto(live_server.url + PANEL)
        assert "SERTIFIKAT DEMO" in page.inner_text("#aksi-tandatangani")
        assert (
            page.get_attribute("#id_ttd-setuju", "required") is not None
        )  # the statement must be ticked
        page.check("#id_ttd-setuju")
        page.click("#aksi-tandatangani button[type=submit]")
        page.wait_for_selector("section.konfirmasi")
        page.click("section.konfirmasi button[type=submit]")
        # Queued: the panel says so and reloads itself until the worker has rendered and signed
        # the PDF (8 s on a quiet machine, over 30 s on a busy one).
        page.wait_for_selector("#penandatanganan:has-text('sedang diproses')")
        page.wait_for_selector(
            "#penandatanganan:has-text('Penandatanganan terakhir selesai')", timeout=120_000
        )
        assert "revisi 0" in page.inner_text("#penandatanganan")
        assert page.inner_text("span.status") == "Disetujui dan ditandatangani"
        riwayat = page.inner_text("#riwayat")
        for step in (
            "Diajukan untuk persetujuan",
            "Direviu Inspektorat",
            "Disetujui dan ditandatangani",
            "Data anggaran 1.06.02 sudah dikoreksi sesuai SP2D.",
        ):
            assert step in riwayat
        dokumen = DokumenTertandatangani.objects.get()
        assert (
            LaporanTahunan.objects.get(opd=demo, tahun=2024).status == StatusLaporan.DITANDATANGANI
        )
        assert dokumen.sha256 in page.inner_text("#dokumen")
        verifikasi_href = page.get_attribute("#dokumen a:text('verifikasi')", "href")

        # The live report now points to the signed revision as the official copy.
        page.goto(live_server.url + "/laporan/dinsos-kota-bekasi/2024/")
        resmi = page.locator("p.resmi")
        assert "revisi 0" in resmi.inner_text() and "bukan dokumen resmi" in resmi.inner_text()
        SHOTS.mkdir(parents=True, exist_ok=True)
        potret(page, path=str(SHOTS / "laporan-resmi.png"))

        # The public pages, without logging in.
        page.context.clear_cookies()
        page.goto(live_server.url + verifikasi_href)
        assert page.inner_text("#status-dokumen h2") == "Berlaku"
        for part in (
            "Dinas Sosial Kota Bekasi",
            "2024",
            "Drs. H. ALEXANDER ZULKARNAIN, M.Si.",
            dokumen.sha256,
        ):
            assert part in page.inner_text("main")
        with page.expect_download() as download:
            page.click("text=Unduh PDF tertandatangani")
        pdf = tmp_path / "lkip.pdf"
        download.value.save_as(pdf)
        assert pdf.read_bytes() == bytes(dokumen.pdf)

        page.click("text=Periksa berkas PDF yang Anda pegang")
        page.set_input_files("#id_berkas", str(pdf))
        page.click("button[type=submit]")
        page.wait_for_selector("#verdikt")
        assert page.inner_text("#verdikt h2") == "SAH"
        assert re.search(r"Status\s+berlaku", page.inner_text("#verdikt"))

        changed = bytearray(pdf.read_bytes())
        changed[len(changed) // 3] ^= 0x01
        (tmp_path / "diubah.pdf").write_bytes(bytes(changed))
        page.set_input_files("#id_berkas", str(tmp_path / "diubah.pdf"))
        page.click("button[type=submit]")
        page.wait_for_selector("#verdikt.tidak-sah")
        assert "Isi PDF telah diubah setelah ditandatangani" in page.inner_text("#verdikt")
