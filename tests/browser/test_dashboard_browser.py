"""The Inspektorat walks the dashboards in a browser: pemda → agency → IKU → report → and back."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import login, potret
from tests.factories import make_anggaran, make_opd

pytestmark = pytest.mark.browser
SHOTS = Path(__file__).resolve().parents[2] / "out" / "screenshots"


def test_the_inspektorat_goes_from_the_pemda_to_an_iku_and_its_report_and_back(
    demo_live, live_server, page
):
    SHOTS.mkdir(parents=True, exist_ok=True)
    other = make_opd("dinas-contoh-bekasi", pemda=demo_live.pemda, nama="Dinas Contoh Kota Bekasi")
    make_anggaran(other, "1.06.07", 1000, 990)
    login(page, live_server, "inspektorat.bekasi")

    page.get_by_role("link", name="Dasbor kinerja").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Dasbor kinerja Pemerintah Kota Bekasi"
    )
    table = page.locator("table.dasbor")
    expect(table.locator("tbody tr")).to_have_count(2)
    # Sorting by serapan, highest first: the example agency (99%) before Dinas Sosial (89,73%).
    page.get_by_role("link", name=re.compile("Serapan anggaran")).click()
    page.get_by_role("link", name=re.compile("Serapan anggaran")).click()
    expect(table.locator("tbody tr").first).to_contain_text("Dinas Contoh Kota Bekasi")
    # Filtering through the form (GET): only the agencies with a very high average capaian.
    page.get_by_label("Kategori rata-rata capaian", exact=True).select_option("Sangat Tinggi")
    page.get_by_role("button", name="Terapkan").click()
    expect(table.locator("tbody tr")).to_have_count(1)
    expect(table).to_contain_text("139,74%")
    potret(page, path=str(SHOTS / "dasbor-pemda.png"), full_page=True)

    page.get_by_role("link", name="Dinas Sosial Kota Bekasi", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Dinas Sosial Kota Bekasi")
    iku = page.locator("#iku tr", has=page.get_by_text("Persentase PPKS binaan yang mandiri"))
    expect(iku).to_contain_text("242,82%")
    expect(iku).to_contain_text("Sangat Tinggi")
    potret(page, path=str(SHOTS / "dasbor-opd.png"), full_page=True)

    page.get_by_role("link", name="Persentase PPKS binaan yang mandiri").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Persentase PPKS binaan yang mandiri")
    expect(page.locator("svg[role=img]")).to_have_count(1)
    potret(page, path=str(SHOTS / "dasbor-iku.png"), full_page=True)

    page.get_by_role("link", name=re.compile("Analisis di laporan LKIP 2024")).click()
    expect(page).to_have_url(re.compile(r"/laporan/dinsos-kota-bekasi/2024/#iku-iku-3$"))
    expect(page.locator("body")).to_contain_text("242,82%")

    page.go_back()
    expect(page.get_by_role("heading", level=1)).to_have_text("Persentase PPKS binaan yang mandiri")
    page.get_by_role("navigation", name="Lokasi").get_by_role("link", name="Dasbor kinerja").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("tahun 2024")
    expect(table.locator("tbody tr")).to_have_count(2)
    # Nothing on these pages writes: the only form that posts is the logout button.
    assert page.locator("form[method=post]").count() == 1
