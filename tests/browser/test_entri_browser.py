"""A planning staff member enters a quarter in the browser, as a person would."""

import re
from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import expect

from targets.models import Realisasi
from tests.browser.conftest import login, potret

pytestmark = pytest.mark.browser
SHOTS = Path(__file__).resolve().parents[2] / "out" / "screenshots"


def test_a_planner_enters_a_quarter_sees_the_capaian_and_corrects_a_rejected_value(
    demo_live, live_server, page
):
    SHOTS.mkdir(parents=True, exist_ok=True)
    login(page, live_server, "perencana.dinsos")
    page.goto(f"{live_server.url}/data/dinsos-kota-bekasi/")
    page.get_by_role("link", name="Triwulan 3 tahun 2024").click()
    expect(page.get_by_role("heading", name=re.compile("Triwulan 3"))).to_be_visible()

    psks = page.locator("tr", has=page.get_by_text("Persentase PSKS yang berfungsi", exact=True))
    psks.get_by_label("Pembilang").fill("262")
    psks.get_by_label("Penyebut").fill("262")
    # The capaian appears as the planner types, computed by the server.
    expect(psks.locator("td.capaian")).to_have_text("100,00%")

    ikm = page.locator(
        "tr", has=page.get_by_text("Nilai Indeks Kepuasan Masyarakat (IKM)", exact=True)
    )
    ikm.get_by_label("Nilai").fill("93.45")  # a dot is a thousands separator in Indonesian notation
    expect(ikm.locator("td.capaian")).to_contain_text("bukan angka yang sah")
    potret(page, path=str(SHOTS / "entri-salah.png"), full_page=False)

    page.get_by_role("button", name=re.compile("Simpan triwulan")).click()
    expect(page.locator(".galat-kotak")).to_contain_text("Tidak ada yang disimpan")
    # What was typed is still there, the message sits beside the field.
    expect(psks.get_by_label("Pembilang")).to_have_value("262")
    expect(ikm.locator("span.galat")).to_contain_text("93.45")
    assert not Realisasi.objects.filter(tahun=2024, periode=3).exists()

    ikm.get_by_label("Nilai").fill("93,45")
    page.get_by_role("button", name=re.compile("Simpan triwulan")).click()
    expect(page.locator("ul.pesan")).to_contain_text("tersimpan")
    potret(page, path=str(SHOTS / "entri-tersimpan.png"), full_page=False)
    assert Realisasi.objects.get(indikator__kode="IKU-2", tahun=2024, periode=3).nilai == Decimal(
        "93.45"
    )
    assert Realisasi.objects.get(indikator__kode="IKU-4", tahun=2024, periode=3).penyebut == 262
