"""While an LKIP is submitted or signed, the data of its year can only be read.

What the Inspektorat reviews must stay what the Kepala Dinas signs: every way a planner writes data
(the data screens, the quarterly grid, the workbook import, the narrative) refuses a change to that
year with the reason, and returning the report for correction (or opening a revision) lifts it.
"""

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from budget.models import Anggaran
from demo.opd import DEMO_PASSWORD
from exchange.workbook import export_workbook, impor_xlsx
from reports import workflow
from reports.models import LaporanTahunan, NarasiLaporan, StatusLaporan
from targets.models import Realisasi, Target
from tests.reports.alur_data import make_user

pytestmark = pytest.mark.django_db

BASE = "/data/dinsos-kota-bekasi/"


def set_status(opd, tahun: int, status: str) -> None:
    LaporanTahunan.objects.update_or_create(opd=opd, tahun=tahun, defaults={"status": status})


@pytest.fixture
def diajukan(demo):
    """The demo's 2024 LKIP as submitted (its data-health errors aside: this is about the lock)."""
    set_status(demo, 2024, StatusLaporan.DIAJUKAN)
    return demo


class DataScreenTests:
    def test_a_realisation_of_the_submitted_year_cannot_be_changed_and_the_form_says_why(
        self, perencana, diajukan
    ):
        real = Realisasi.objects.get(
            indikator__opd=diajukan, indikator__kode="IKU-3", tahun=2024, periode=0
        )
        response = perencana.post(
            f"{BASE}realisasi/{real.pk}/",
            {
                "indikator": real.indikator_id,
                "tahun": "2024",
                "periode": "0",
                "pembilang": "9999",
                "penyebut": "125326",
            },
        )
        assert response.status_code == 200
        assert "LKIP tahun 2024 berstatus Diajukan: data tahun 2024 terkunci" in response.text
        real.refresh_from_db()
        assert real.pembilang != Decimal(9999)

    def test_a_record_cannot_be_moved_into_or_out_of_the_locked_year(self, perencana, diajukan):
        ind = diajukan.indikator_set.get(kode="IKU-3")
        into = perencana.post(
            BASE + "target/tambah/",
            {"indikator": ind.pk, "tahun": "2024", "jenis": "pk", "periode": "1", "nilai": "2"},
        )
        assert "data tahun 2024 terkunci" in into.text
        assert not Target.objects.filter(indikator=ind, tahun=2024, periode=1).exists()
        line = Anggaran.objects.filter(opd=diajukan, tahun=2024).first()
        moved = perencana.post(
            f"{BASE}anggaran/{line.pk}/",
            {
                "nomenklatur": line.nomenklatur_id,
                "tahun": "2025",
                "pagu_murni": str(line.pagu_murni),
                "realisasi": str(line.realisasi),
            },
        )
        assert "data tahun 2024 terkunci" in moved.text
        assert Anggaran.objects.get(pk=line.pk).tahun == 2024

    def test_another_year_stays_open(self, perencana, diajukan):
        ind = diajukan.indikator_set.get(kode="IKU-3")
        response = perencana.post(
            BASE + "target/tambah/",
            {"indikator": ind.pk, "tahun": "2025", "jenis": "pk", "periode": "0", "nilai": "6,5"},
        )
        assert response.status_code == 302
        assert Target.objects.filter(indikator=ind, tahun=2025, periode=0).exists()

    def test_a_budget_line_of_the_locked_year_is_not_deleted(self, perencana, diajukan):
        line = (
            Anggaran.objects.filter(opd=diajukan, tahun=2024).order_by("-nomenklatur__kode").first()
        )
        response = perencana.post(
            f"{BASE}anggaran/{line.pk}/hapus/", {"konfirmasi": "ya"}, follow=True
        )
        assert Anggaran.objects.filter(pk=line.pk).exists()
        assert "tidak dihapus" in response.text and "data tahun 2024 terkunci" in response.text

    def test_the_list_says_which_years_are_locked(self, perencana, diajukan):
        set_status(diajukan, 2025, StatusLaporan.DITANDATANGANI)
        html = perencana.get(BASE + "anggaran/").text
        assert "LKIP tahun 2024 berstatus Diajukan" in html
        assert (
            "LKIP tahun 2025 sudah disetujui dan ditandatangani" in html
            and "buka revisi LKIP" in html
        )
        assert "terkunci" not in perencana.get(BASE + "indikator/").text  # indicators have no year


class OtherEntryTests:
    def test_the_quarterly_grid_is_read_only_and_offers_no_reopening(self, demo, client):
        set_status(demo, 2024, StatusLaporan.DIREVIU)
        assert client.login(username="perencana.dinsos", password=DEMO_PASSWORD)
        url = BASE + "entri/2024/tw2/"
        page = client.get(url)
        assert "LKIP tahun 2024 berstatus Direviu" in page.text
        assert not page.context["bisa_ubah"] and not page.context["bisa_buka"]
        data = {name: "" for name in page.context["form"].fields}
        data.update(
            {
                name: value
                for name, value in page.context["form"].initial.items()
                if value is not None
            }
        )
        data[f"r{demo.indikator_set.get(kode='IKU-2').pk}-nilai"] = "90"
        response = client.post(url, data, follow=True)
        assert "LKIP tahun 2024 berstatus Direviu" in response.text
        assert not Realisasi.objects.filter(indikator__opd=demo, tahun=2024, periode=2).exists()

    def test_saving_the_grid_directly_is_refused_too(self, demo):
        from django.core.exceptions import ValidationError

        from targets.entri import EntriForm, load_rows, simpan_entri

        set_status(demo, 2024, StatusLaporan.DIAJUKAN)
        rows, lines = load_rows(demo, 2024, 2)
        form = EntriForm({}, rows=rows, lines=lines, tahun=2024, tw=2)
        form.is_valid()
        with pytest.raises(ValidationError, match="data tahun 2024 terkunci"):
            simpan_entri(form, demo, 2024, 2)

    def test_a_closed_quarter_of_a_locked_year_is_not_reopened(self, demo, client):
        from targets.models import PeriodeTertutup

        assert client.login(username="kepala.dinsos", password=DEMO_PASSWORD)
        assert client.post(BASE + "periode/2024/2/tutup/", {"konfirmasi": "ya"}).status_code == 302
        set_status(demo, 2024, StatusLaporan.DIAJUKAN)
        response = client.post(BASE + "periode/2024/2/buka/", {"alasan": "Koreksi"}, follow=True)
        assert "data tahun 2024 terkunci" in response.text
        assert PeriodeTertutup.objects.filter(opd=demo, tahun=2024, periode=2).exists()

    def test_the_workbook_import_refuses_rows_of_the_locked_year_naming_sheet_row_and_column(
        self, diajukan
    ):
        planner = make_user("perencana.impor", "perencana", diajukan)
        wb = load_workbook(io.BytesIO(export_workbook(diajukan)))
        sheet = wb["Anggaran"]
        header = [c.value for c in sheet[1]]
        row = next(
            r
            for r in range(2, sheet.max_row + 1)
            if sheet.cell(r, header.index("tahun") + 1).value == 2024
        )
        column = header.index("pagu_murni") + 1
        sheet.cell(row, column).value = (sheet.cell(row, column).value or 0) + 1
        out = io.BytesIO()
        wb.save(out)
        before = list(Anggaran.objects.order_by("pk").values_list("pagu_murni", flat=True))
        result = impor_xlsx(out.getvalue(), opd_kode=diajukan.kode, user=planner)
        assert not result.ok
        assert {(m.sheet, m.baris, m.kolom) for m in result.errors} == {("Anggaran", row, "tahun")}
        assert (
            "LKIP tahun 2024 berstatus Diajukan" in result.errors[0].pesan
            and "lewat impor" in result.errors[0].pesan
        )
        assert list(Anggaran.objects.order_by("pk").values_list("pagu_murni", flat=True)) == before
        # The unchanged rows of that year do not stop an import of the others.
        assert impor_xlsx(export_workbook(diajukan), opd_kode=diajukan.kode, user=planner).ok

    def test_the_narrative_of_the_locked_year_is_shown_but_not_saved(self, perencana, diajukan):
        page = perencana.get("/laporan/dinsos-kota-bekasi/2024/narasi/")
        assert "data tahun 2024 terkunci" in page.text and ">Lihat<" in page.text
        url = "/laporan/dinsos-kota-bekasi/2024/narasi/latar_belakang/"
        before = (
            NarasiLaporan.objects.filter(opd=diajukan, tahun=2024, bagian="latar_belakang")
            .values_list("teks", flat=True)
            .first()
        )
        response = perencana.post(
            url, {"judul": "Latar Belakang", "teks": "Teks baru setelah diajukan."}
        )
        assert response.status_code == 200 and "data tahun 2024 terkunci" in response.text
        assert ">Simpan</button>" not in response.text
        after = (
            NarasiLaporan.objects.filter(opd=diajukan, tahun=2024, bagian="latar_belakang")
            .values_list("teks", flat=True)
            .first()
        )
        assert after == before


class PlanTests:
    def test_while_in_review_the_plan_cannot_be_changed_on_screen_or_by_workbook(
        self, perencana, diajukan
    ):
        ind = diajukan.indikator_set.get(kode="IKU-3")
        page = perencana.get(f"{BASE}indikator/{ind.pk}/")
        data = {
            name: value for name, value in page.context["form"].initial.items() if value is not None
        }
        data["uraian"] = "Uraian yang diubah selama reviu"
        response = perencana.post(f"{BASE}indikator/{ind.pk}/", data)
        assert (
            "sedang dalam pengajuan: Renstra, tujuan, sasaran dan indikator terkunci"
            in response.text
        )
        assert diajukan.indikator_set.get(kode="IKU-3").uraian != "Uraian yang diubah selama reviu"
        planner = make_user("perencana.impor", "perencana", diajukan)
        wb = load_workbook(io.BytesIO(export_workbook(diajukan)))
        sheet = wb["Tujuan"]
        header = [c.value for c in sheet[1]]
        sheet.cell(2, header.index("uraian") + 1).value = "Tujuan yang diubah selama reviu"
        out = io.BytesIO()
        wb.save(out)
        result = impor_xlsx(out.getvalue(), opd_kode=diajukan.kode, user=planner)
        assert {(m.sheet, m.baris, m.kolom) for m in result.errors} == {("Tujuan", 2, "uraian")}

    def test_once_signed_the_plan_is_open_but_an_indicator_with_that_years_data_is_not_deleted(
        self, perencana, demo
    ):
        set_status(demo, 2024, StatusLaporan.DITANDATANGANI)
        ind = demo.indikator_set.get(kode="IKU-3")
        page = perencana.get(f"{BASE}indikator/{ind.pk}/")
        data = {
            name: value for name, value in page.context["form"].initial.items() if value is not None
        }
        data["uraian"] = "Persentase PPKS binaan yang mandiri secara ekonomi"
        assert (
            perencana.post(f"{BASE}indikator/{ind.pk}/", data).status_code == 302
        )  # the plan is open again
        moved = perencana.post(f"{BASE}indikator/{ind.pk}/", {**data, "sasaran": ""})
        assert (
            "Sasaran indikator ini tidak dapat dipindah" in moved.text
        )  # … but not away from 2024's report
        response = perencana.post(
            f"{BASE}indikator/{ind.pk}/hapus/", {"konfirmasi": "ya"}, follow=True
        )
        assert (
            "tidak dihapus" in response.text
            and "sudah disetujui dan ditandatangani" in response.text
        )
        assert Realisasi.objects.filter(indikator=ind, tahun=2024).exists()

    def test_during_review_no_plan_record_is_created_either(self, perencana, diajukan):
        from targets.models import Renstra, Tujuan

        renstra = Renstra.objects.get(opd=diajukan)
        response = perencana.post(
            BASE + "tujuan/tambah/",
            {"renstra": renstra.pk, "kode": "T9", "uraian": "Baru", "urutan": "9"},
        )
        assert "Renstra, tujuan, sasaran dan indikator terkunci" in response.text
        assert not Tujuan.objects.filter(kode="T9").exists()

    def test_a_signed_years_renstra_is_neither_deleted_nor_taken_over_by_a_new_one(
        self, perencana, demo
    ):
        from targets.models import Renstra

        set_status(demo, 2024, StatusLaporan.DITANDATANGANI)
        renstra = Renstra.objects.get(opd=demo)
        response = perencana.post(
            f"{BASE}renstra/{renstra.pk}/hapus/", {"konfirmasi": "ya"}, follow=True
        )
        assert "tidak dihapus" in response.text and Renstra.objects.filter(pk=renstra.pk).exists()
        response = perencana.post(
            BASE + "renstra/tambah/",
            {"tahun_awal": "2024", "tahun_akhir": "2028", "dasar": "Renstra baru"},
        )
        assert "tidak boleh memuat tahun 2024" in response.text
        assert Renstra.objects.filter(opd=demo).count() == 1

    def test_a_workbook_cannot_move_a_signed_years_indicators_to_a_new_renstra(self, demo):
        from targets.models import Renstra

        set_status(demo, 2024, StatusLaporan.DITANDATANGANI)
        planner = make_user("perencana.impor", "perencana", demo)
        wb = load_workbook(io.BytesIO(export_workbook(demo)))
        sheet = wb["Perangkat_Daerah"]
        header = [c.value for c in sheet[1]]
        sheet.cell(2, header.index("renstra_awal") + 1).value = 2025
        sheet.cell(2, header.index("renstra_akhir") + 1).value = 2029
        targets = wb[
            "Target"
        ]  # the Renstra targets of 2024 would be outside the new period: left out
        header = [c.value for c in targets[1]]
        for row in range(targets.max_row, 1, -1):
            if targets.cell(row, header.index("tahun") + 1).value == 2024:
                targets.delete_rows(row)
        out = io.BytesIO()
        wb.save(out)
        result = impor_xlsx(out.getvalue(), opd_kode=demo.kode, user=planner)
        assert not result.ok
        refused = {(m.sheet, m.kolom) for m in result.errors}
        assert refused == {("Indikator", "sasaran_kode")}, (
            result.errors
        )  # the IKU stay with 2024's sasaran
        assert "tidak dapat dipindah" in result.errors[0].pesan
        assert list(Renstra.objects.filter(opd=demo).values_list("tahun_awal", "tahun_akhir")) == [
            (2024, 2026)
        ]

    def test_the_renstra_period_keeps_a_year_whose_lkip_is_signed(self, perencana, demo):
        from targets.models import Renstra

        set_status(demo, 2024, StatusLaporan.DITANDATANGANI)
        renstra = Renstra.objects.get(opd=demo)
        response = perencana.post(
            f"{BASE}renstra/{renstra.pk}/",
            {"tahun_awal": "2025", "tahun_akhir": "2029", "dasar": renstra.dasar},
        )
        assert "Periode Renstra harus tetap memuat tahun 2024" in response.text
        renstra.refresh_from_db()
        assert (renstra.tahun_awal, renstra.tahun_akhir) == (2024, 2026)
        assert perencana.get("/laporan/dinsos-kota-bekasi/2024/").status_code == 200


class WorkflowTests:
    def test_submitting_locks_the_year_and_returning_it_for_correction_lifts_the_lock(
        self, client, opd_bersih, pelaku
    ):
        real = Realisasi.objects.get(indikator__opd=opd_bersih, tahun=2024, periode=0)
        url = f"/data/{opd_bersih.kode}/realisasi/{real.pk}/"
        data = {"indikator": real.indikator_id, "tahun": "2024", "periode": "0", "nilai": "90"}
        client.force_login(pelaku.perencana)
        workflow.ajukan(LaporanTahunan.objects.get(opd=opd_bersih, tahun=2024), pelaku.perencana)
        assert "terkunci" in client.post(url, data).text
        panel = client.get(f"/laporan/{opd_bersih.kode}/2024/alur/").text
        assert "data tahun 2024 terkunci sampai LKIP dikembalikan" in panel
        workflow.kembalikan(
            LaporanTahunan.objects.get(opd=opd_bersih, tahun=2024),
            pelaku.inspektorat,
            "Realisasi IKU-1 belum sesuai bukti.",
        )
        assert client.post(url, data).status_code == 302
        real.refresh_from_db()
        assert real.nilai == Decimal(90)
        assert (
            "terkunci sampai"
            not in client.get(f"/laporan/{opd_bersih.kode}/2024/alur/").text.split("Ajukan untuk")[
                0
            ]
        )

    def test_a_signed_year_says_a_revision_must_be_opened(self, perencana, demo):
        set_status(demo, 2024, StatusLaporan.DITANDATANGANI)
        real = Realisasi.objects.get(
            indikator__opd=demo, indikator__kode="IKU-3", tahun=2024, periode=0
        )
        response = perencana.post(
            f"{BASE}realisasi/{real.pk}/",
            {
                "indikator": real.indikator_id,
                "tahun": "2024",
                "periode": "0",
                "pembilang": "1",
                "penyebut": "2",
            },
        )
        assert (
            "sudah disetujui dan ditandatangani" in response.text
            and "buka revisi LKIP" in response.text
        )
