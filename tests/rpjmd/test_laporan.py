"""The pemda's own LKIP built from the pemda workbook: every figure recomputed, range rule on
both polarities, NA, budget totals, cascading; rendered to HTML, PDF and XLSX; submitted by the
Admin Pemda, reviewed by the Inspektorat, signed by the Kepala Daerah, verified."""

import io
from decimal import Decimal as D

import pytest
from django.core.management import call_command
from django.test import Client
from openpyxl import load_workbook

from lkip import formulas
from lkip.models import Pemda
from reports.laporan import render_html, render_pdf, render_xlsx
from reports.models import DokumenTertandatangani, LaporanTahunan, PengakuanTemuan, StatusLaporan
from reports.verifikasi import verifikasi_pdf
from rpjmd.laporan import build_laporan_pemda
from tests.antrian import kerjakan_antrian
from tests.reports.alur_data import _p12_demo, make_user, media, sertifikat_demo  # noqa: F401
from tests.rpjmd.pemda_workbook import KODE, TAHUN, import_pemda, pagu_total, realisasi_total

pytestmark = pytest.mark.django_db


@pytest.fixture
def pemda_lkip():
    result = import_pemda()
    assert result.ok, [str(m) for m in result.errors]
    return build_laporan_pemda(KODE, TAHUN)


def _tabel(laporan, awal: str):
    return next(t for t in laporan.semua_tabel() if t.judul.startswith(awal))


def _baris(tabel, teks: str):
    return next(r for r in tabel.baris if any(c.teks.startswith(teks) for c in r))


class BuildTests:
    def test_capaian_uses_the_upper_bound_for_positive_and_the_lower_for_negative(self, pemda_lkip):
        t31 = _tabel(pemda_lkip, "Capaian Indikator Kinerja Utama")
        ipm = _baris(t31, "Indeks Pembangunan Manusia")
        assert [c.teks for c in ipm[4:]] == ["70,1 – 70,6", "70,45", "99,79%"]
        miskin = _baris(t31, "Persentase penduduk miskin")
        # (2 × 8,20 − 8,35) / 8,20 × 100
        assert [c.teks for c in miskin[4:]] == ["8,2 – 8,6", "8,35", "98,17%"]
        lpe = _baris(t31, "Laju pertumbuhan ekonomi")  # stated: the lower bound
        assert lpe[6].teks == formulas.format_persen(D("5.21") / D("5.0") * 100)
        assert any("batas bawah (ditetapkan" in c for c in t31.catatan)

    def test_a_realisation_not_yet_published_is_printed_as_such_and_left_out_of_the_average(
        self, pemda_lkip
    ):
        t31 = _tabel(pemda_lkip, "Capaian Indikator Kinerja Utama")
        tpt = _baris(t31, "Tingkat pengangguran terbuka")
        assert [c.teks for c in tpt[5:]] == ["belum tersedia", "belum tersedia"]
        r = pemda_lkip.ringkasan
        caps = [
            D("70.45") / D("70.60") * 100,
            (2 * D("8.20") - D("8.35")) / D("8.20") * 100,
            D("49.2") / D("48.5") * 100,
            D("5.21") / D("5.0") * 100,
            D("67.12") / 65 * 100,
        ]
        assert (r["belum_tersedia"], r["terukur"]) == (1, 5)
        assert formulas.bulatkan(r["rata_capaian"]) == formulas.bulatkan(sum(caps) / 5)

    def test_budget_per_agency_totals_and_the_agencys_own_lines_win(self, pemda_lkip):
        t = _tabel(pemda_lkip, "Pagu dan Realisasi Anggaran per Perangkat Daerah")
        assert len(t.baris) == 33  # 32 agencies and the total
        dinkes = _baris(t, "Dinas Kesehatan Kabupaten Sukamaju")
        # its own program lines in the application: 8,5 + … billion, not the sheet's figure
        assert dinkes[5].teks == "baris anggaran perangkat daerah"
        sheet = next(
            r
            for r in __import__("tests.rpjmd.pemda_workbook", fromlist=["x"])._anggaran()
            if r[1].startswith("Dinas Kesehatan")
        )
        pagu = pagu_total() - sheet[3] + D(dinkes[2].nilai)
        real = realisasi_total() - sheet[4] + D(dinkes[3].nilai)
        jumlah = t.baris[-1]
        assert (jumlah[1].nilai, jumlah[2].nilai) == (pagu, real)
        assert jumlah[3].nilai == formulas.serapan(pagu, real)
        assert [x.aturan for x in pemda_lkip.temuan] == ["VR-BUD-5"]

    def test_pembiayaan_has_its_subtotals_and_the_net(self, pemda_lkip):
        t = _tabel(pemda_lkip, "Pembiayaan Daerah")
        netto = t.baris[-1]
        assert netto[1].nilai == D(125_000_000_000 + 2_500_000_000 - 15_000_000_000)
        assert netto[2].nilai == D(125_000_000_000 + 1_750_000_000 - 15_000_000_000)

    def test_the_cascading_table_shows_the_supporting_agency_iku_and_its_capaian(self, pemda_lkip):
        t = _tabel(pemda_lkip, "IKU Perangkat Daerah Pendukung Sasaran S1")
        row = t.baris[0]
        assert row[1].teks == "Dinas Kesehatan Kabupaten Sukamaju"
        assert row[2].teks.startswith("IKU-1 Persentase desa UCI")
        assert row[6].teks == formulas.format_persen(D("88.4") / 85 * 100)
        kosong = _tabel(pemda_lkip, "IKU Perangkat Daerah Pendukung Sasaran S3")
        assert "Belum ada IKU" in kosong.baris[0][1].teks

    def test_the_rb_index_gets_its_predicate_from_the_scale_stored_with_it(self, pemda_lkip):
        t = _tabel(pemda_lkip, "Indeks reformasi birokrasi")
        assert [r[3].teks for r in t.baris] == ["B", "B"]
        assert "AA > 90" in t.catatan[0]

    def test_html_pdf_and_xlsx_carry_the_figures(self, pemda_lkip):
        html = render_html(pemda_lkip)
        assert "70,1 – 70,6" in html and "belum tersedia" in html
        pdf = render_pdf(pemda_lkip)
        assert pdf.startswith(b"%PDF")
        wb = load_workbook(io.BytesIO(render_xlsx(pemda_lkip)))
        assert len(wb.sheetnames) >= 9

    def test_the_commands_render_and_check_the_pemda(self, pemda_lkip, tmp_path, capsys):
        out = tmp_path / "lkip.xlsx"
        call_command("render_lkip", pemda=KODE, year=str(TAHUN), format="xlsx", output=str(out))
        assert out.read_bytes()[:2] == b"PK"
        call_command("check_data", pemda=KODE, year=str(TAHUN))
        assert "VR-BUD-5\tperingatan" in capsys.readouterr().out


TEMUAN = f"/laporan/pemda/{KODE}/{TAHUN}/temuan/"


def _akui_semua(c: Client, alasan: str):
    """Acknowledge every open warning on the pemda's findings page, as the Admin Pemda does."""
    from rpjmd import workflow as alur_pemda

    pemda = Pemda.objects.get(kode=KODE)
    sidik = [s.temuan.sidik for s in alur_pemda.status(pemda, TAHUN) if s.menghalangi]
    r = c.post(TEMUAN + "akui/", {"akui-temuan": sidik, "akui-alasan": alasan})
    assert r.status_code == 302, r.content.decode()[:2000]
    return sidik


class TemuanTests:
    def _admin(self):
        return make_user("admin.sukamaju", "admin_pemda", pemda=Pemda.objects.get(kode=KODE))

    def test_an_unacknowledged_warning_blocks_submission_of_the_pemda_lkip(self, pemda_lkip):
        c = Client()
        c.force_login(self._admin())
        base = f"/laporan/pemda/{KODE}/{TAHUN}/alur/"
        panel = c.get(base).content.decode()
        assert "1 peringatan belum ditinjau" in panel and TEMUAN in panel
        r = c.post(base + "ajukan/", {"ajukan-catatan": "", "konfirmasi": "ya"})
        assert r.status_code == 409
        assert "VR-BUD-5" in r.content.decode()
        assert not LaporanTahunan.objects.filter(
            pemda__kode=KODE, status=StatusLaporan.DIAJUKAN
        ).exists()

    def test_the_admin_pemda_acknowledges_a_warning_with_a_reason_and_can_then_submit(
        self, pemda_lkip
    ):
        c = Client()
        c.force_login(self._admin())
        page = c.get(TEMUAN).content.decode()
        assert "VR-BUD-5" in page and "Akui peringatan yang dicentang" in page
        _akui_semua(c, "Selisih pagu sudah dikonfirmasi dengan BPKAD.")
        stored = PengakuanTemuan.objects.get(pemda__kode=KODE, tahun=TAHUN)
        assert stored.opd is None and stored.alasan.startswith("Selisih pagu")
        page = c.get(TEMUAN).content.decode()
        assert "Tidak ada yang menghalangi pengajuan" in page and "BPKAD" in page
        r = c.post(
            f"/laporan/pemda/{KODE}/{TAHUN}/alur/ajukan/",
            {"ajukan-catatan": "", "konfirmasi": "ya"},
        )
        assert r.status_code == 302
        lap = LaporanTahunan.objects.get(pemda__kode=KODE, opd__isnull=True, tahun=TAHUN)
        assert lap.status == StatusLaporan.DIAJUKAN
        # Submitted: the year is locked, no more acknowledgements.
        again = c.post(TEMUAN + "akui/", {"akui-temuan": [stored.sidik], "akui-alasan": "x"})
        assert again.status_code == 409

    def test_an_acknowledgement_without_a_reason_is_refused_and_nothing_is_stored(self, pemda_lkip):
        from rpjmd import workflow as alur_pemda

        c = Client()
        c.force_login(self._admin())
        sidik = [s.temuan.sidik for s in alur_pemda.status(Pemda.objects.get(kode=KODE), TAHUN)]
        r = c.post(TEMUAN + "akui/", {"akui-temuan": sidik, "akui-alasan": "  "})
        assert r.status_code == 200
        assert "Alasan pengakuan peringatan wajib diisi." in r.content.decode()
        assert not PengakuanTemuan.objects.exists()

    def test_the_inspektorat_reads_the_findings_but_cannot_acknowledge(self, pemda_lkip):
        from rpjmd import workflow as alur_pemda

        pemda = Pemda.objects.get(kode=KODE)
        c = Client()
        c.force_login(make_user("insp.sukamaju", "inspektorat", pemda=pemda))
        page = c.get(TEMUAN).content.decode()
        assert "VR-BUD-5" in page and "Akui peringatan yang dicentang" not in page
        # Where it is: Beranda › the pemda › its LKIP's approval › Temuan.
        remah = page.split('<nav class="remah"', 1)[1].split("</nav>", 1)[0]
        assert pemda.nama in remah and "Persetujuan LKIP" in remah and "Temuan" in remah
        sidik = [s.temuan.sidik for s in alur_pemda.status(pemda, TAHUN)]
        r = c.post(TEMUAN + "akui/", {"akui-temuan": sidik, "akui-alasan": "Tidak apa."})
        assert r.status_code == 403 and not PengakuanTemuan.objects.exists()

    def test_an_acknowledgement_lapses_when_the_figures_change(self, pemda_lkip):
        from rpjmd import workflow as alur_pemda
        from rpjmd.models import AnggaranPerangkatDaerah

        c = Client()
        c.force_login(self._admin())
        _akui_semua(c, "Selisih pagu sudah dikonfirmasi dengan BPKAD.")
        pemda = Pemda.objects.get(kode=KODE)
        assert alur_pemda.penghalang(pemda, TAHUN) == []
        stored = PengakuanTemuan.objects.get(pemda=pemda, tahun=TAHUN)
        rows = AnggaranPerangkatDaerah.objects.filter(pemda=pemda, opd__isnull=False)
        row = next(r for r in rows.select_related("opd") if r.opd.nama in stored.uraian)
        row.pagu += 1000
        row.save()
        blocking = alur_pemda.penghalang(pemda, TAHUN)
        assert [t.aturan for t in blocking] == ["VR-BUD-5"]
        assert blocking[0].identitas[:200] == stored.kunci and blocking[0].sidik != stored.sidik


class AlurTests:
    def test_submitted_reviewed_signed_and_verified(self, pemda_lkip, sertifikat_demo):  # noqa: F811
        from lkip.models import Pemda

        pemda = Pemda.objects.get(kode=KODE)
        admin = make_user("admin.sukamaju", "admin_pemda", pemda=pemda)
        inspektorat = make_user("insp.sukamaju", "inspektorat", pemda=pemda)
        bupati = make_user("bupati.sukamaju", "kepala_daerah", pemda=pemda, nama="Andi Supriyadi")
        base = f"/laporan/pemda/{KODE}/{TAHUN}/alur/"

        c = Client()
        c.force_login(admin)
        assert c.get(f"/pemda/{KODE}/").status_code == 200
        _akui_semua(c, "Selisih pagu sudah dikonfirmasi dengan BPKAD.")
        assert c.post(base + "ajukan/", {"ajukan-catatan": ""}).status_code == 200  # confirm
        r = c.post(base + "ajukan/", {"ajukan-catatan": "", "konfirmasi": "ya"})
        assert r.status_code == 302
        lap = LaporanTahunan.objects.get(pemda=pemda, opd__isnull=True, tahun=TAHUN)
        assert lap.status == StatusLaporan.DIAJUKAN

        c.force_login(inspektorat)
        r = c.post(
            base + "komentar/",
            {
                "komentar-acuan": "Tabel 3.1 " + _tabel(pemda_lkip, "Capaian").judul,
                "komentar-teks": "Sumber data TPT mohon dilengkapi.",
            },
        )
        assert r.status_code == 302, r.content.decode()[:2000]
        assert c.post(base + "tandatangani/", {"konfirmasi": "ya"}).status_code == 403

        c.force_login(bupati)
        r = c.post(base + "tandatangani/", {"ttd-setuju": "on", "konfirmasi": "ya"})
        assert r.status_code == 302, r.content.decode()[:3000]
        # Queued, as an agency's: the panel says so until the worker has signed.
        assert "Penandatanganan sedang diproses" in c.get(base).content.decode()
        assert kerjakan_antrian() >= 1
        assert "Penandatanganan terakhir selesai" in c.get(base).content.decode()
        dokumen = DokumenTertandatangani.objects.get(laporan=lap)
        assert verifikasi_pdf(bytes(dokumen.pdf)).sah
        page = Client().get(f"/verifikasi/{dokumen.pk}/")
        assert "Pemerintah Kabupaten Sukamaju" in page.content.decode()

    def test_an_agency_planner_cannot_open_the_pemda_screens(self, pemda_lkip):
        from lkip.models import PerangkatDaerah

        planner = make_user(
            "perencana.dinkes", "perencana", PerangkatDaerah.objects.get(kode="dinkes-kab-sukamaju")
        )
        c = Client()
        c.force_login(planner)
        assert c.get(f"/pemda/{KODE}/").status_code == 403
        assert c.get(f"/laporan/pemda/{KODE}/{TAHUN}/").status_code == 403


class ArahTests:
    def test_a_falling_poverty_rate_reads_as_an_improvement(self, pemda_lkip):
        t = _tabel(pemda_lkip, "Perbandingan Realisasi dan Capaian")
        assert _baris(t, "Persentase penduduk miskin")[-1].teks == "Turun (membaik)"
        assert _baris(t, "Indeks Pembangunan Manusia")[-1].teks == "Naik (membaik)"
