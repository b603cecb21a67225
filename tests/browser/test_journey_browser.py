"""A year, end to end, in the browser, on a freshly loaded demo: no shell step, no database write
by the test, every page reached through a link (issue 12).

The planner logs in at `/`, reaches the quarterly entry, enters TW I–IV for an indicator (IKU-3) and
a budget line (1.06.02.2.03.0003, the seed's over-spent sub-kegiatan, whose typed annual realisation
the quarters replace only after the planner agrees), attaches evidence, closes a quarter, clears the
kesalahan through the findings' links and acknowledges the peringatan with a reason, submits; the
Inspektorat comments; the Kepala Dinas approves and signs; an anonymous visitor verifies the
downloaded PDF. Screenshots of each step: out/screenshots/journey/.
"""

from decimal import Decimal
from pathlib import Path

import pytest

from budget.models import Anggaran
from reports.models import DokumenTertandatangani, LaporanTahunan, StatusLaporan
from targets.models import PeriodeTertutup, Realisasi
from tests.browser.conftest import login, potret

SHOTS = Path(__file__).resolve().parents[2] / "out" / "screenshots" / "journey"
KODE = "dinsos-kota-bekasi"
LAMBAT = 120_000  # rendering and signing the 44-page PDF takes over 30 s on a busy machine


@pytest.fixture
def media(settings):
    """The demo certificate (load_demo creates it) in the tests' storage, which the background
    worker that signs reads too."""
    settings.LKIP_SIGNING_P12 = ""
    return settings.MEDIA_ROOT


class Foto:
    def __init__(self, page):
        self.page, self.n = page, 0
        SHOTS.mkdir(parents=True, exist_ok=True)

    def __call__(self, name: str) -> None:
        self.n += 1
        potret(self.page, path=str(SHOTS / f"{self.n:02d}-{name}.png"), full_page=True)


def klik(page, selector: str, timeout: int = 30_000) -> None:
    """Click a link or button that loads a new page, and wait for it."""
    with page.expect_navigation(timeout=timeout):
        page.click(selector, timeout=timeout)


def ke_data(page) -> None:
    """From any page to the agency's data home, through the links the pages offer."""
    menu = page.locator(f"a[href='/data/{KODE}/']")
    if menu.count():
        klik(page, f"a[href='/data/{KODE}/'] >> nth=0")
        return
    # Without a menu: the report year → approval panel → findings → a record's form → its agency.
    klik(page, "a[href='/']")
    klik(page, f"a[href='/laporan/{KODE}/2024/']")
    klik(page, "a:has-text('Persetujuan dan tanda tangan')")
    klik(page, f"a[href='/laporan/{KODE}/2024/temuan/'] >> nth=0")
    klik(page, f"a[href^='/data/{KODE}/anggaran/'] >> nth=0")
    klik(page, f"a[href='/data/{KODE}/anggaran/']")
    klik(page, f"a[href='/data/{KODE}/']")


def ke_temuan(page) -> None:
    """From any page to the findings of the 2024 LKIP, through links."""
    ke_data(page)
    klik(page, f"a[href='/laporan/{KODE}/2024/'] >> nth=0")
    klik(page, "a:has-text('Persetujuan dan tanda tangan')")
    klik(page, f"a[href='/laporan/{KODE}/2024/temuan/'] >> nth=0")


def simpan_triwulan(page, tw: int, foto) -> None:
    klik(page, f"button:has-text('Simpan triwulan {tw}')")
    if page.locator("#ganti-tahunan").count():
        # The line's annual realisation was typed: the page says what will change and waits.
        assert "Belum disimpan" in page.inner_text("#ganti-tahunan")
        assert "129.355.000" in page.inner_text("#ganti-tahunan")
        potret(page.locator("#ganti-tahunan"), path=str(SHOTS / "05a-ganti-tahunan.png"))
        page.check("#id_ganti_tahunan")
        klik(page, "#ganti-tahunan button[type=submit]")
    page.wait_for_selector(f"text=Triwulan {'I' * tw if tw < 4 else 'IV'} 2024")


def konfirmasi_bila_ada(page) -> None:
    """A confirmation step (from the ux branch) before an irreversible action, when shown."""
    tombol = page.locator("main form button[type=submit]:has-text('Ya')")
    if tombol.count():
        klik(page, "main form button[type=submit]:has-text('Ya') >> nth=0")


@pytest.mark.browser
class JourneyTests:
    def test_a_year_from_login_to_a_verified_signed_pdf_through_the_screens_alone(
        self, media, demo, pekerja, live_server, page, tmp_path
    ):
        # `pekerja` after `demo`: the worker signs; the demo's renders stay in a queue no worker
        # reads (this journey does not download them).
        foto = Foto(page)
        iku3 = demo.indikator_set.get(kode="IKU-3")
        line = Anggaran.objects.get(opd=demo, tahun=2024, nomenklatur__kode="1.06.02.2.03.0003")

        # 1. The planner opens `/` and logs in.
        page.goto(live_server.url + "/")
        assert "/masuk/" in page.url
        foto("masuk")
        page.fill("#id_username", "perencana.dinsos")
        page.fill("#id_password", "lkip-demo-2024")
        klik(page, "button[type=submit]")
        foto("beranda-perencana")

        # 2. To the quarterly entry through links; TW I–IV for IKU-3 and the budget line.
        ke_data(page)
        foto("data")
        quarters = {1: ("3.320", "20.000.000"), 2: ("4.000", "25.000.000")}
        quarters |= {3: ("3.000", "25.000.000"), 4: ("4.896", "26.790.000")}
        for tw, (orang, rupiah) in quarters.items():
            klik(page, f"a[href='/data/{KODE}/entri/2024/tw{tw}/'] >> nth=0")
            page.fill(f"#id_r{iku3.pk}-pembilang", orang)
            page.fill(f"#id_r{iku3.pk}-penyebut", "125.326")
            page.fill(f"#id_a{line.pk}-tw", rupiah)
            if tw == 1:
                foto("entri-tw1")
            simpan_triwulan(page, tw, foto)
            if tw == 1:
                foto("entri-tw1-tersimpan")
        line.refresh_from_db()
        assert line.realisasi == Decimal(96_790_000)
        assert Realisasi.objects.filter(indikator=iku3, tahun=2024, periode__gte=1).count() == 4

        # 3. Evidence for IKU-3's TW IV, on its realisation's form.
        tw4 = Realisasi.objects.get(indikator=iku3, tahun=2024, periode=4)
        ke_data(page)
        klik(page, f"a[href='/data/{KODE}/realisasi/']")
        klik(page, f"a[href='/data/{KODE}/realisasi/{tw4.pk}/']")
        bukti = tmp_path / "bukti-ppks-tw4.pdf"
        bukti.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
        page.set_input_files("#id_bukti", str(bukti))
        foto("bukti")
        klik(page, "form.formulir button[type=submit]")
        tw4.refresh_from_db()
        assert tw4.bukti.name.endswith(".pdf")

        # 4. Close TW I (confirming when the page asks).
        ke_data(page)
        klik(page, f"a[href='/data/{KODE}/entri/2024/tw1/'] >> nth=0")
        klik(page, "button:has-text('Tutup triwulan 1')")
        konfirmasi_bila_ada(page)
        foto("tw1-ditutup")
        assert PeriodeTertutup.objects.filter(opd=demo, tahun=2024, periode=1).exists()

        # 5. The findings: correct each kesalahan through its link, acknowledge the peringatan.
        ke_data(page)
        klik(page, f"a[href='/laporan/{KODE}/2024/'] >> nth=0")
        klik(page, "a:has-text('Persetujuan dan tanda tangan')")
        foto("alur-belum-dapat-diajukan")
        klik(page, f"a[href='/laporan/{KODE}/2024/temuan/'] >> nth=0")
        foto("temuan")
        for _ in range(5):
            kesalahan = page.locator("tr.kesalahan")
            if not kesalahan.count():
                break
            row = kesalahan.first
            href = row.locator("a[href^='/data/']").first.get_attribute("href")
            kode = row.inner_text().split()[2]
            klik(page, f"tr.kesalahan a[href='{href}'] >> nth=0")
            rincian = sum(
                a.realisasi
                for a in Anggaran.objects.filter(
                    opd=demo, tahun=2024, nomenklatur__induk__kode=kode
                )
            )
            page.fill("#id_realisasi", f"{rincian:,.0f}".replace(",", "."))
            foto(f"perbaiki-{kode}")
            klik(page, "form.formulir button[type=submit]")
            ke_temuan(page)
        assert not page.locator("tr.kesalahan").count()
        for box in page.locator("input[name='akui-temuan']").all():
            box.check()
        page.fill("#id_akui-alasan", "Angka dokumen lama keliru ketik; data aplikasi sesuai SP2D.")
        foto("temuan-akui")
        klik(page, "button:has-text('Akui peringatan yang dicentang')")
        assert "Tidak ada yang menghalangi pengajuan" in page.inner_text("main")
        foto("temuan-bersih")

        # 6. Submit.
        klik(page, "a:has-text('Lanjut ke pengajuan')")
        page.fill("#id_ajukan-catatan", "TW I–IV lengkap; temuan sudah ditindaklanjuti.")
        klik(page, "#aksi-ajukan button[type=submit]")
        konfirmasi_bila_ada(page)
        page.wait_for_selector("text=diajukan untuk persetujuan Kepala Dinas")
        foto("diajukan")

        # 7. The Inspektorat comments.
        page.context.clear_cookies()
        login(page, live_server, "inspektorat.bekasi")
        klik(page, f"a[href='/laporan/{KODE}/2024/']")
        klik(page, "a:has-text('Persetujuan dan tanda tangan')")
        acuan = page.eval_on_selector(
            "#id_komentar-acuan option[value^='Tabel 3.1 ']", "o => o.value"
        )
        page.select_option("#id_komentar-acuan", value=acuan)
        page.fill("#id_komentar-teks", "Sumber data realisasi PPKS per triwulan sudah dilampirkan.")
        klik(page, "#aksi-komentar button[type=submit]")
        assert page.inner_text("span.status") == "Direviu"
        foto("direviu")

        # 8. The Kepala Dinas sees the approval action, approves and signs.
        page.context.clear_cookies()
        login(page, live_server, "kepala.dinsos")
        klik(page, f"a[href='/laporan/{KODE}/2024/']")
        klik(page, "a:has-text('Persetujuan dan tanda tangan')")
        assert page.locator("#aksi-tandatangani").count() == 1
        foto("kepala-setujui")
        page.check("#id_ttd-setuju")
        klik(page, "#aksi-tandatangani button[type=submit]", timeout=LAMBAT)
        konfirmasi_bila_ada(page)
        page.wait_for_selector(  # queued; the panel reloads itself until it is signed
            "#penandatanganan:has-text('Penandatanganan terakhir selesai')", timeout=LAMBAT
        )
        assert (
            LaporanTahunan.objects.get(opd=demo, tahun=2024).status == StatusLaporan.DITANDATANGANI
        )
        foto("ditandatangani")
        verifikasi_href = page.get_attribute("#dokumen a:text('verifikasi')", "href")

        # 9. An anonymous visitor downloads the signed PDF and verifies it.
        page.context.clear_cookies()
        page.goto(live_server.url + verifikasi_href)
        assert page.inner_text("#status-dokumen h2") == "Berlaku"
        with page.expect_download() as download:
            page.click("text=Unduh PDF tertandatangani")
        pdf = tmp_path / "lkip.pdf"
        download.value.save_as(pdf)
        assert pdf.read_bytes() == bytes(DokumenTertandatangani.objects.get().pdf)
        klik(page, "text=Periksa berkas PDF yang Anda pegang")
        page.set_input_files("#id_berkas", str(pdf))
        klik(page, "button[type=submit]")
        assert page.inner_text("#verdikt h2") == "SAH"
        foto("verifikasi-sah")
