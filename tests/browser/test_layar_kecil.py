"""The quarterly entry grid on a 390 px phone (issue #12, observation 8): it was 756 px wide, its
inputs and the capaian column cut off. Each row is now a card (CSS only)."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import login, potret

SHOTS = Path(__file__).resolve().parents[2] / "out" / "screenshots"
ENTRI = "/data/dinsos-kota-bekasi/entri/2024/tw1/"


@pytest.mark.browser
def test_the_entry_grid_fits_a_390_px_screen_with_every_input_and_capaian_visible(
    demo_live, live_server, phone
):
    login(phone, live_server, "perencana.dinsos")
    phone.goto(live_server.url + ENTRI)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    grid = phone.locator("table.entri").first.bounding_box()
    assert grid["x"] >= 0 and grid["x"] + grid["width"] <= 390
    outside = phone.evaluate(
        """() => [...document.querySelectorAll(
               'table.entri input:not([type=hidden]), table.entri select, table.entri td.capaian,'
               + ' table.entri td.serapan')]
             .map(e => e.getBoundingClientRect())
             .filter(r => r.width > 0 && (r.left < 0 || r.right > 390)).length"""
    )
    assert outside == 0
    # Typing still updates the capaian of that card.
    card = phone.locator("tr[data-anggaran]").first
    before = card.locator("td.kumulatif").inner_text()
    card.locator("input:not([type=hidden])").fill("1.000.000")
    expect(card.locator("td.kumulatif")).not_to_have_text(before)
    SHOTS.mkdir(parents=True, exist_ok=True)
    potret(phone, path=str(SHOTS / "entri-390-kartu.png"))


@pytest.mark.browser
def test_the_budget_list_indents_its_hierarchy_and_right_aligns_amounts(
    demo_live, live_server, page
):
    login(page, live_server, "perencana.dinsos")
    page.goto(live_server.url + "/data/dinsos-kota-bekasi/anggaran/")
    pad = {
        tingkat: page.eval_on_selector(
            f"tr.tingkat-{tingkat} td.uraian", "e => parseFloat(getComputedStyle(e).paddingLeft)"
        )
        for tingkat in ("program", "kegiatan", "subkegiatan")
    }
    assert pad["program"] < pad["kegiatan"] < pad["subkegiatan"]
    align = page.eval_on_selector("tr.tingkat-program td.num", "e => getComputedStyle(e).textAlign")
    assert align == "right"
