"""A citizen answers the survey on a 390 px phone; the IKM then shows for the Perencana,
in the LKIP and in the dashboard."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import login, potret

pytestmark = pytest.mark.browser
SHOTS = Path(__file__).resolve().parents[2] / "out" / "screenshots"


def test_a_citizen_answers_on_a_phone_and_the_ikm_reaches_report_and_dashboard(
    demo_live, live_server, chromium, page, settings
):
    from indicators.models import Indikator
    from skm.models import JenisPeriode, PengaturanSurvei, PeriodeSurvei, TautanSurvei, UnitLayanan
    from skm.services import buat_tautan
    from tests.skm.conftest import isi
    from tests.skm.test_formulas import CONTOH

    SHOTS.mkdir(parents=True, exist_ok=True)
    settings.SKM_WAKTU_ISI_MINIMUM_DETIK = 1
    loket = UnitLayanan.objects.create(
        opd=demo_live, nama="Loket Rehabilitasi Sosial", populasi=100
    )
    tw1 = PeriodeSurvei.objects.create(opd=demo_live, tahun=2024, jenis=JenisPeriode.TRIWULAN, ke=1)
    PengaturanSurvei.objects.create(
        opd=demo_live, indikator=Indikator.objects.get(opd=demo_live, kode="IKU-2")
    )
    buat_tautan(demo_live)
    isi(demo_live, loket, tw1, CONTOH[:4])  # paper answers already in; the citizen adds the fifth
    tautan = TautanSurvei.objects.get()

    phone = chromium.new_context(viewport={"width": 390, "height": 844}, locale="id-ID")
    warga = phone.new_page()
    warga.goto(f"{live_server.url}/s/{tautan.token}/")
    expect(warga.get_by_role("heading", level=1)).to_have_text("Survei Kepuasan Masyarakat")
    potret(warga, path=str(SHOTS / "skm-formulir-ponsel.png"), full_page=True)
    # R5 of the worked example: 3 3 4 4 4 3 4 4 3, by keyboard-reachable labels
    for nomor, label in enumerate(
        [
            "Sesuai",
            "Mudah",
            "Sangat cepat",
            "Gratis",
            "Sangat sesuai",
            "Kompeten",
            "Sangat sopan dan ramah",
            "Dikelola dengan baik",
            "Baik",
        ],
        start=1,
    ):
        warga.locator("fieldset").nth(nomor - 1).get_by_label(label, exact=True).check()
    warga.get_by_label("Saran dan komentar").fill("Antrean <b>cepat</b>")
    warga.wait_for_timeout(1200)
    warga.get_by_role("button", name="Kirim jawaban").click()
    expect(warga.get_by_role("heading", level=1)).to_have_text("Terima kasih")
    potret(warga, path=str(SHOTS / "skm-terima-kasih.png"), full_page=True)
    warga.goto(f"{live_server.url}/s/{tautan.token}/")
    expect(warga.get_by_role("heading", level=1)).to_have_text("Anda sudah mengisi survei ini")
    phone.close()

    login(page, live_server, "perencana.dinsos")
    page.goto(f"{live_server.url}/data/dinsos-kota-bekasi/")
    page.get_by_role("link", name="Survei Kepuasan Masyarakat").click()
    page.get_by_role("link", name="Hasil survei 2024").click()
    expect(page.locator(".ikm-utama")).to_contain_text("IKM 91,67")
    expect(page.locator(".ikm-utama")).to_contain_text("mutu A")
    potret(page, path=str(SHOTS / "skm-hasil.png"), full_page=True)
    page.get_by_role("link", name="Tetapkan sebagai realisasi IKM 2024").click()
    page.get_by_role("button", name="Ya, tetapkan 91,67").click()
    expect(page.locator("ul.pesan")).to_contain_text("ditetapkan 91,67")

    page.goto(f"{live_server.url}/laporan/dinsos-kota-bekasi/2024/")
    tabel = page.locator("table", has=page.get_by_text("Jumlah responden"))
    expect(tabel).to_contain_text("91,67")
    tabel.scroll_into_view_if_needed()
    potret(page, path=str(SHOTS / "skm-laporan.png"))
    page.goto(f"{live_server.url}/dasbor/opd/dinsos-kota-bekasi/2024/")
    expect(page.locator(".angka-kartu.skm")).to_contain_text("91,67")
    expect(page.locator(".angka-kartu.skm")).to_contain_text("5 responden")
    potret(page, path=str(SHOTS / "skm-dasbor.png"))
