"""A planner uploads a workbook, reads the preview, applies it and sees the change in the report."""

import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from exchange.workbook import export_workbook
from targets.models import Realisasi
from tests.browser.conftest import login, potret

pytestmark = pytest.mark.browser
SHOTS = Path(__file__).resolve().parents[2] / "out" / "screenshots"


def test_a_planner_uploads_a_workbook_reads_the_preview_applies_it_and_sees_the_report(
    demo_live, live_server, page, tmp_path
):
    SHOTS.mkdir(parents=True, exist_ok=True)
    wb = load_workbook(io.BytesIO(export_workbook(demo_live)))
    ws = wb["Realisasi"]
    header = [str(c.value).strip().lower() for c in ws[1]]
    col = {name: i for i, name in enumerate(header)}
    changed = 0
    for row in ws.iter_rows(min_row=2):
        if (
            row[col["indikator_kode"]].value == "IKU-2"
            and str(row[col["tahun"]].value) == "2024"
            and str(row[col["periode"]].value).upper() == "TAHUNAN"
        ):
            row[col["nilai"]].value = "94,10"
            changed += 1
    assert changed == 1
    upload = tmp_path / "dinsos-koreksi.xlsx"
    wb.save(upload)

    login(page, live_server, "perencana.dinsos")
    page.goto(f"{live_server.url}/impor/dinsos-kota-bekasi/")
    page.locator("input[type=file]").set_input_files(str(upload))
    page.get_by_role("button", name="Unggah dan lihat pratinjau").click()
    expect(page.get_by_role("heading", name=re.compile(r"Akan diubah \(1\)"))).to_be_visible()
    expect(page.locator("main")).to_contain_text("94,1")
    potret(page, path=str(SHOTS / "impor-pratinjau.png"), full_page=False)
    # Nothing is written before the planner applies it.
    assert Realisasi.objects.get(indikator__kode="IKU-2", tahun=2024, periode=0).nilai == Decimal(
        "93.45"
    )
    page.get_by_role("button", name="Terapkan impor").click()
    expect(page.locator("ul.pesan")).to_be_visible()
    assert Realisasi.objects.get(indikator__kode="IKU-2", tahun=2024, periode=0).nilai == Decimal(
        "94.1"
    )

    page.goto(f"{live_server.url}/laporan/dinsos-kota-bekasi/2024/")
    capaian = page.locator("#tabel-3-1")
    expect(capaian).to_contain_text("94,1")
    expect(capaian).to_contain_text("116,89%")  # 94,10 / 80,50
    potret(page, path=str(SHOTS / "impor-laporan.png"), full_page=False)
