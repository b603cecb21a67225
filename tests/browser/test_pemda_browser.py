"""The pemda's own LKIP (the Wali Kota's) of the generated city in the browser: the Admin Pemda
reaches it from Beranda and submits it, the Inspektorat comments, the Wali Kota approves and signs,
and anyone verifies the signed PDF at /verifikasi/."""

from pathlib import Path

import pytest

from demo.kota import buat_kota
from reports.models import DokumenTertandatangani, LaporanTahunan, StatusLaporan
from tests.browser.conftest import login, potret

SHOTS = Path(__file__).resolve().parents[2] / "out" / "screenshots" / "pemda"


@pytest.fixture
def media(settings):
    """The demo certificate (load_demo creates it) and the signed files in the tests' storage,
    which the background worker that signs reads too."""
    settings.LKIP_SIGNING_P12 = ""
    return settings.MEDIA_ROOT


@pytest.mark.browser
class PemdaBrowserTests:
    def test_admin_pemda_submits_inspektorat_reviews_wali_kota_signs_and_anyone_verifies(
        self, media, demo_live, pekerja, live_server, page, tmp_path
    ):
        buat_kota(2, 2, seed=1, rincian=1)
        pemda = demo_live.pemda
        SHOTS.mkdir(parents=True, exist_ok=True)

        login(page, live_server, "admin.pemda")
        page.click(f"a:text('LKIP {pemda.nama}')")  # Beranda leads to the pemda's own page
        page.click("a:text('Persetujuan LKIP 2025')")
        page.click("#aksi-ajukan button[type=submit]")
        page.wait_for_selector("section.konfirmasi")
        page.click("section.konfirmasi button:has-text('Ya, ajukan')")
        page.wait_for_selector("text=diajukan untuk persetujuan Kepala Daerah")
        assert page.inner_text("span.status") == "Diajukan"
        potret(page, path=str(SHOTS / "diajukan.png"), full_page=True)

        page.context.clear_cookies()
        login(page, live_server, "inspektorat.bekasi")
        page.click(f"a:text('LKIP {pemda.nama}')")
        page.click("a:text('Persetujuan LKIP 2025')")
        page.select_option("#id_komentar-acuan", index=1)
        page.fill("#id_komentar-teks", "Sumber angka TPT mohon dicantumkan.")
        page.click("#aksi-komentar button[type=submit]")
        page.wait_for_selector("#komentar >> text=Sumber angka TPT mohon dicantumkan.")
        assert page.inner_text("span.status") == "Direviu"
        assert page.locator("#aksi-tandatangani").count() == 0  # not the Inspektorat's to sign

        page.context.clear_cookies()
        login(page, live_server, "walikota.bekasi")
        page.click(f"a:text('LKIP {pemda.nama}')")
        page.click("a:text('Persetujuan LKIP 2025')")
        page.check("#id_ttd-setuju")
        page.click("#aksi-tandatangani button[type=submit]")
        page.wait_for_selector("section.konfirmasi")
        page.click("section.konfirmasi button[type=submit]")
        # Queued: the panel reloads itself until the worker has rendered and signed the PDF.
        page.wait_for_selector("#penandatanganan:has-text('sedang diproses')")
        page.wait_for_selector(
            "#penandatanganan:has-text('Penandatanganan terakhir selesai')", timeout=120_000
        )
        assert "revisi 0" in page.inner_text("#penandatanganan")
        assert page.inner_text("span.status") == "Disetujui dan ditandatangani"
        potret(page, path=str(SHOTS / "ditandatangani.png"), full_page=True)
        lap = LaporanTahunan.objects.get(pemda=pemda, opd__isnull=True, tahun=2025)
        assert lap.status == StatusLaporan.DITANDATANGANI
        dokumen = DokumenTertandatangani.objects.get(laporan=lap)
        with page.expect_download() as download:
            page.click("#dokumen a:text('PDF')")
        pdf = tmp_path / "lkip-pemda.pdf"
        download.value.save_as(pdf)
        assert pdf.read_bytes() == bytes(dokumen.pdf)

        page.context.clear_cookies()
        page.goto(live_server.url + "/verifikasi/")
        page.set_input_files("#id_berkas", str(pdf))
        page.click("button[type=submit]")
        page.wait_for_selector("#verdikt")
        assert page.inner_text("#verdikt h2") == "SAH"
        assert pemda.nama in page.inner_text("#verdikt")
        potret(page, path=str(SHOTS / "verifikasi.png"), full_page=True)
