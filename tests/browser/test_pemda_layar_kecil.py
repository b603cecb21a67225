"""The pemda's lists on a 390 px phone fit the screen as the agency's do: the page does not scroll
sideways (the table scrolls inside its own box, as django-tables2's lists do)."""

from pathlib import Path

import pytest

from demo.kota import buat_kota
from tests.browser.conftest import login, potret

SHOTS = Path(__file__).resolve().parents[2] / "out" / "screenshots" / "pemda"


@pytest.mark.browser
@pytest.mark.parametrize("layar", ["indikator", "anggaran", "target", "tautan"])
def test_a_pemda_list_fits_a_390_px_screen(demo_live, live_server, phone, layar):
    buat_kota(2, 2, seed=1, rincian=1)
    login(phone, live_server, "admin.pemda")
    phone.goto(f"{live_server.url}/pemda/{demo_live.pemda.kode}/data/{layar}/")
    assert phone.locator("table.daftar tbody tr").count() > 0
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    SHOTS.mkdir(parents=True, exist_ok=True)
    potret(phone, path=str(SHOTS / f"daftar-{layar}-390.png"), full_page=True)
