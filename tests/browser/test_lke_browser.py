"""The evaluation of AKIP in the browser: the Inspektorat opens the year, the Perencana
self-assesses with evidence from the application, the Inspektorat evaluates and finalises, the
score lands in the agency's LKIP AKIP table, the Inspektur signs the LHE and it verifies."""

import re
from pathlib import Path

import pytest
from django.utils import timezone

from evaluasi.models import LHETertandatangani
from tests.browser.conftest import login, potret
from tests.browser.test_aksesibilitas import violations

SHOTS = Path(__file__).resolve().parents[2] / "out" / "screenshots" / "lke"
OPD = "dinsos-kota-bekasi"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.LKIP_SIGNING_P12 = ""
    return settings.MEDIA_ROOT


def foto(page, nama: str) -> None:
    """A screenshot of the screen, after axe-core finds no serious or critical violation on it."""
    assert not (found := violations(page)), f"{nama}: {found}"
    SHOTS.mkdir(parents=True, exist_ok=True)
    potret(page, path=str(SHOTS / f"{nama}.png"), full_page=True)


def jawab_semua(page, live_server, nilai: str) -> None:
    """From 1.a, every sub-component page in turn, every criterion answered `nilai`, saved."""
    page.wait_for_url(re.compile(rf"/evaluasi/{OPD}/2025/1a/$"))
    for _ in range(40):  # the worksheet has far fewer sub-components; a loop of links fails below
        radios = page.locator(f"table.lke input[type=radio][value={nilai}]")
        radios.first.wait_for()
        for i in range(radios.count()):
            radios.nth(i).check()
        # Wait for the saved page itself: the page before it shows a message too, and a check
        # made on it while the next one loads left three criteria unanswered once (CI, load).
        with page.expect_navigation():
            page.click("form.lke button[type=submit]")
        pesan = page.locator("ul.pesan li").first.inner_text()
        assert "disimpan" in pesan, pesan  # a refusal says why
        lanjut = page.locator("main p a:has-text('→')")
        if lanjut.count() == 0:
            return
        tujuan = lanjut.first.get_attribute("href")
        lanjut.first.click()
        page.wait_for_url(re.compile(re.escape(tujuan) + "$"))
    raise AssertionError("tautan → lembar kerja tidak berakhir setelah 40 halaman")


@pytest.mark.browser
class LkeBrowserTests:
    def test_self_assessment_evaluation_lkip_akip_table_and_signed_lhe(
        self, media, demo, live_server, page, tmp_path
    ):
        hari = timezone.localdate()
        # The Inspektorat opens 2025 (it evaluates 2024) from the menu.
        login(page, live_server, "inspektorat.bekasi")
        page.click("nav a:has-text('Evaluasi AKIP')")
        page.fill("#id_tahun", "2025")
        page.fill("#id_mulai", hari.isoformat())
        page.fill(
            "#id_selesai", hari.replace(day=28).isoformat() if hari.day < 28 else hari.isoformat()
        )
        page.click("form[action$='/evaluasi/buka/'] button[type=submit]")
        page.wait_for_selector("text=Evaluasi AKIP 2025 dibuka")
        foto(page, "1-inspektorat-beranda")

        # The Perencana answers from the menu, cites its Renstra and a quarterly realisation.
        page.context.clear_cookies()
        login(page, live_server, "perencana.dinsos")
        page.click("nav a:has-text('Evaluasi AKIP')")
        page.click("a.tahun:has-text('2025')")
        page.click("a.tombol:has-text('Isi penilaian mandiri')")
        page.locator("textarea[name^=teks-]").first.fill(
            "Perwal pedoman penyusunan Renstra, Renja, IKU dan PK."
        )
        jawab_semua(page, live_server, "Y")
        page.goto(f"{live_server.url}/evaluasi/{OPD}/2025/1a/")
        assert "Petunjuk dari data (bukan jawaban): Renstra 2024–2026 tercatat." in page.inner_text(
            "main"
        )
        foto(page, "2-perencana-1a")
        page.click("tr:has-text('jangka menengah') a:has-text('Bukti dukung')")
        page.select_option("#id_sumber", label="Renstra 2024–2026")
        page.fill("#id_keterangan", "Renstra Dinas Sosial 2024–2026")
        page.click("main form button:has-text('Tambah bukti')")
        page.wait_for_selector("text=Bukti ditambahkan.")
        page.click("td a:has-text('Renstra 2024–2026')")
        assert "/data/dinsos-kota-bekasi/renstra/" in page.url  # a live link into the app
        page.go_back()
        foto(page, "3-perencana-bukti")
        page.goto(f"{live_server.url}/evaluasi/{OPD}/2025/")
        assert "70,00 (B)" in page.inner_text("table.lke-nilai")  # self: all met, no qualifier
        page.click("button:has-text('Ajukan penilaian mandiri')")
        page.click("section.konfirmasi button:has-text('Ya, ajukan')")
        page.wait_for_selector("text=Penilaian mandiri diajukan")

        # The Inspektorat evaluates: 1.a all met and maintained ≥ 1 year (A), the rest met (B).
        page.context.clear_cookies()
        login(page, live_server, "inspektorat.bekasi")
        page.click("nav a:has-text('Evaluasi AKIP')")
        page.click("tr:has-text('Dinas Sosial') a.tahun:has-text('2025')")
        page.click("a.tombol:has-text('Nilai kriteria')")
        page.wait_for_selector("table.lke input[name^=jawaban-]")  # count() does not wait
        assert page.locator("table.lke input[name^=jawaban-]").count() > 0
        jawab_semua(page, live_server, "Y")
        page.goto(f"{live_server.url}/evaluasi/{OPD}/2025/1a/")
        page.select_option("#kualifikasi", value="2")
        page.click("form.lke button[type=submit]")
        page.wait_for_selector("text=Penilaian 1.a disimpan")
        foto(page, "4-inspektorat-1a")
        page.goto(f"{live_server.url}/evaluasi/{OPD}/2025/temuan/")
        page.fill("#id_teks", "Susun manual IKU untuk setiap indikator kinerja utama.")
        page.fill("#id_batas", hari.replace(year=hari.year + 1).isoformat())
        page.click("button:has-text('Tambah rekomendasi')")
        page.wait_for_selector("text=Rekomendasi ditambahkan.")
        foto(page, "5a-inspektorat-temuan")
        page.goto(f"{live_server.url}/evaluasi/{OPD}/2025/")
        nilai = page.inner_text("table.lke-nilai")
        assert "70,00 (B)" in nilai and "71,20 (BB)" in nilai  # self 70,00 beside final 71,20
        foto(page, "5-inspektorat-lembar")
        # On a phone (390 px) the worksheet's scores are cards: the page does not scroll sideways.
        layar = page.viewport_size
        page.set_viewport_size({"width": 390, "height": 844})
        lebar = page.evaluate("document.documentElement.scrollWidth")
        foto(page, "5b-inspektorat-lembar-390")
        page.set_viewport_size(layar)
        assert lebar <= 390, f"halaman selebar {lebar} px pada layar 390 px"
        page.fill("#nomor_lhe", "700.1.2.1/051-LHE/ITKO")
        page.fill("#tanggal_lhe", "2025-07-04")
        page.click("button:has-text('Finalkan evaluasi')")
        page.click("section.konfirmasi button:has-text('Ya, finalkan')")
        page.wait_for_selector("text=Evaluasi difinalkan.")

        # The score is the agency's LKIP 2025 AKIP table.
        page.goto(f"{live_server.url}/laporan/{OPD}/2025/")
        laporan = page.inner_text("body")
        assert (
            "Laporan Hasil Evaluasi nomor 700.1.2.1/051-LHE/ITKO tanggal 4 Juli 2025 adalah 71,20"
            in laporan
        )
        tabel = page.locator("table:has-text('Komponen yang Dinilai')").inner_text()
        assert re.search(r"Perencanaan Kinerja\s+30\s+22,94\s+22,2", tabel), tabel

        # The Inspektur signs the LHE; the public verifies the downloaded PDF.
        page.goto(f"{live_server.url}/evaluasi/{OPD}/2025/")
        page.click("button:has-text('Tandatangani LHE')")
        page.click("section.konfirmasi button:has-text('Ya, tandatangani')")
        page.wait_for_selector("text=LHE ditandatangani secara elektronik.")
        page.click("a:has-text('halaman verifikasi')")
        assert "Berlaku" in page.inner_text("#status-dokumen")
        with page.expect_download() as unduhan:
            page.click("a:has-text('Unduh PDF tertandatangani')")
        pdf = tmp_path / "lhe.pdf"
        unduhan.value.save_as(pdf)
        page.context.clear_cookies()
        page.goto(f"{live_server.url}/verifikasi/")
        page.set_input_files("#id_berkas", str(pdf))
        page.click("main form button[type=submit]")
        page.wait_for_selector("#verdikt")
        assert page.inner_text("#verdikt h2") == "SAH"
        assert "LHE AKIP" in page.inner_text("#verdikt")
        foto(page, "6-verifikasi-lhe")
        assert LHETertandatangani.objects.get().predikat == "BB"
