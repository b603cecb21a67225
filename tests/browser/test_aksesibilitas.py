"""axe-core over every screen each demo role reaches (issue #12): no violation of impact
"serious" or "critical".

The screens are the ones the role's pages link to (walked with Django's test client, one page per
kind of screen, as tests/ui/test_tindakan_peran.py does), plus the confirmation pages and a form
shown with its errors. The main screens are also photographed at 1280 px and 390 px into
out/screenshots/ to be looked at.
"""

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.test import Client

from demo.opd import DEMO_PASSWORD
from tests.browser.conftest import login, potret
from tests.reports.alur_data import perbaiki_data_demo
from tests.ui.halaman import OPD, ROLES, baca, jelajahi

SHOTS = Path(__file__).resolve().parents[2] / "out" / "screenshots"
BERAT = {"serious", "critical"}
AXE = Axe()


def screens_of(role: str) -> tuple[list[str], list[tuple[str, str]]]:
    """(every HTML page the role reaches, the menu's entries) — from the test client's walk."""
    client = Client()
    assert client.login(username=role, password=DEMO_PASSWORD)
    menu = baca(client.get(f"/data/{OPD}/").content.decode()).menu
    start = [href for _label, href in menu] + [f"/dasbor/opd/{OPD}/2024/", "/verifikasi/"]
    pages = [
        path
        for path, response in jelajahi(client, start, batas=80)
        if response.status_code == 200 and "text/html" in response["Content-Type"]
    ]
    return pages, menu


def violations(page) -> list[str]:
    result = AXE.run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(n["target"][0] for n in v["nodes"][:3])
        for v in result.response["violations"]
        if v["impact"] in BERAT
    ]


def periksa(page, url: str, found: list[str]) -> None:
    for v in violations(page):
        found.append(f"{url}: {v}")


@pytest.mark.browser
@pytest.mark.parametrize("role", ROLES)
def test_every_screen_of_every_role_has_no_serious_or_critical_axe_violation(
    demo_live, live_server, chromium, role
):
    pages, menu = screens_of(role)
    found: list[str] = []
    SHOTS.mkdir(parents=True, exist_ok=True)
    nama = role.split(".")[0]
    for width in (1280, 390):
        context = chromium.new_context(viewport={"width": width, "height": 900}, locale="id-ID")
        page = context.new_page()
        page.set_default_timeout(60_000)
        login(page, live_server, role)
        if width == 1280:
            for path in pages:
                page.goto(live_server.url + path)
                periksa(page, path, found)
        for label, href in menu:
            page.goto(live_server.url + href)
            slug = label.lower().replace(" ", "-")
            potret(page, path=str(SHOTS / f"{nama}-{slug}-{width}.png"))
            if width == 390:
                periksa(page, f"{href} (390 px)", found)
        context.close()
    assert len(pages) >= 20
    assert not found, "\n".join(found)


@pytest.mark.browser
def test_the_forms_confirmations_and_error_states_have_no_serious_or_critical_violation(
    demo_live, live_server, page
):
    found: list[str] = []
    login(page, live_server, "perencana.dinsos")
    # A form shown with its errors.
    page.goto(live_server.url + f"/data/{OPD}/indikator/tambah/")
    page.click("form.formulir button[type=submit]")
    page.wait_for_selector(".galat")
    periksa(page, "indikator/tambah (galat)", found)
    # Closing a quarter: the confirmation page.
    page.goto(live_server.url + f"/data/{OPD}/entri/2024/tw1/")
    page.click("#penutupan button[type=submit]")
    page.wait_for_selector("section.konfirmasi")
    periksa(page, "tutup (konfirmasi)", found)
    potret(page, path=str(SHOTS / "perencana-konfirmasi-tutup-1280.png"))
    # Submitting: the confirmation page (offered once the data has no finding left open).
    perbaiki_data_demo(demo_live)
    page.goto(live_server.url + f"/laporan/{OPD}/2024/alur/")
    page.click("#aksi-ajukan button[type=submit]")
    page.wait_for_selector("section.konfirmasi")
    periksa(page, "ajukan (konfirmasi)", found)
    # The public verification form and its answer to a file that is not a PDF.
    page.context.clear_cookies()
    page.goto(live_server.url + "/verifikasi/")
    periksa(page, "/verifikasi/", found)
    page.goto(live_server.url + "/masuk/")
    periksa(page, "/masuk/", found)
    assert not found, "\n".join(found)
