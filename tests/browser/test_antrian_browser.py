"""A planner changes a realisation; the LKIP's PDF is rendered again in the background by the real
worker, and the download waits for it on a page that reloads itself (no script)."""

import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from reports.antrian.render import versi_laporan
from reports.models import FormatLaporan, RenderLaporan
from tests.browser.conftest import login, potret
from tests.browser.test_entri_browser import SHOTS

pytestmark = pytest.mark.browser


def test_a_changed_realisation_is_being_prepared_then_the_new_pdf_downloads_by_itself(
    demo_live, pekerja, live_server, page, tmp_path
):
    SHOTS.mkdir(parents=True, exist_ok=True)
    # The demo's load queued its renders before the worker's queue was this test's (they wait
    # where no worker reads): as if they were done, so the change below is what queues a render.
    RenderLaporan.objects.update(antre=False)
    login(page, live_server, "perencana.dinsos")
    page.goto(f"{live_server.url}/data/dinsos-kota-bekasi/entri/2024/tw3/")
    psks = page.locator("tr", has=page.get_by_text("Persentase PSKS yang berfungsi", exact=True))
    psks.get_by_label("Pembilang").fill("262")
    psks.get_by_label("Penyebut").fill("262")
    page.get_by_role("button", name=re.compile("Simpan triwulan")).click()
    expect(page.locator("ul.pesan")).to_contain_text("tersimpan")

    page.goto(f"{live_server.url}/laporan/dinsos-kota-bekasi/2024/")
    with page.expect_download(timeout=180_000) as download:
        page.get_by_role("link", name="Unduh PDF").click()
        expect(page.get_by_role("heading", name="PDF laporan sedang disiapkan")).to_be_visible()
        potret(page, path=str(SHOTS / "pdf-disiapkan.png"), full_page=False)
        # nothing clicked from here: the page reloads itself until the file is there
    pdf = tmp_path / "lkip.pdf"
    download.value.save_as(pdf)
    assert download.value.suggested_filename == "LKIP-dinsos-kota-bekasi-2024.pdf"
    row = RenderLaporan.objects.get(opd=demo_live, tahun=2024, jenis=FormatLaporan.PDF)
    assert row.versi == versi_laporan(demo_live)  # rendered from the data after the change
    assert "Laporan Kinerja" in PdfReader(pdf).pages[0].extract_text()
