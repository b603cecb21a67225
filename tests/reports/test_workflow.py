"""The approval workflow: who may move an LKIP year from draft to submitted, reviewed and back,
and why."""

import pytest
from django.urls import reverse

from budget.models import Anggaran
from reports import workflow
from reports.laporan import build_laporan
from reports.models import AksiAlur, KomentarReviu, LaporanTahunan, RiwayatStatus, StatusLaporan
from reports.workflow import AlurDitolak, Tindakan
from tests.reports.alur_data import Pelaku, make_opd_bersih, make_user

pytestmark = pytest.mark.django_db


def lap_of(opd) -> LaporanTahunan:
    return LaporanTahunan.objects.get(opd=opd, tahun=2024)


def url(name: str, opd, tahun: int = 2024) -> str:
    return reverse(f"reports:{name}", args=[opd.kode, tahun])


def diajukan(opd, pelaku) -> LaporanTahunan:
    return workflow.ajukan(lap_of(opd), pelaku.perencana, "Siap direviu.")


class SubmitTests:
    def test_perencana_submits_a_draft_and_the_history_records_who_when_and_why(
        self, opd_bersih, pelaku
    ):
        lap = workflow.ajukan(
            lap_of(opd_bersih), pelaku.perencana, "Data triwulan IV sudah lengkap."
        )
        assert lap.status == StatusLaporan.DIAJUKAN and lap.status_sejak is not None
        step = RiwayatStatus.objects.get(laporan=lap)
        assert (step.dari, step.ke, step.aksi, step.oleh) == (
            "draf",
            "diajukan",
            AksiAlur.AJUKAN,
            pelaku.perencana,
        )
        assert step.alasan == "Data triwulan IV sudah lengkap." and step.waktu is not None

    def test_submitting_is_refused_while_kesalahan_or_unacknowledged_peringatan_remain(self, demo):
        perencana = make_user("perencana.lain", "perencana", demo)
        with pytest.raises(AlurDitolak) as refused:
            workflow.ajukan(lap_of(demo), perencana)
        assert "2 kesalahan harus diperbaiki dan 17 peringatan belum ditinjau" in (
            refused.value.pesan
        )
        assert {"VR-BUD-2", "VR-BUD-3", "VR-CAP-1"} <= {t.aturan for t in refused.value.temuan}
        assert {t.tingkat for t in refused.value.temuan} == {"kesalahan", "peringatan"}
        assert lap_of(demo).status == StatusLaporan.DRAF and not RiwayatStatus.objects.exists()

    def test_the_panel_shows_the_refusal_with_each_finding_linked_to_the_screen_that_fixes_it(
        self, client, demo
    ):
        client.force_login(make_user("perencana.lain", "perencana", demo))
        response = client.post(url("alur_ajukan", demo), {"konfirmasi": "ya", "ajukan-catatan": ""})
        assert response.status_code == 409
        html = response.content.decode()
        assert "LKIP belum dapat diajukan: pemeriksaan kesehatan data menemukan 2 kesalahan" in html
        assert "Baris anggaran 1.06.02.2.03.0003" in html and "VR-BUD-2" in html
        line = Anggaran.objects.get(opd=demo, tahun=2024, nomenklatur__kode="1.06.02.2.03.0003")
        assert f'href="/data/{demo.kode}/anggaran/{line.pk}/"' in html
        assert "Tabel 3.16" not in html  # the old document's table numbers are not this LKIP's

    def test_a_report_year_without_a_row_yet_is_created_when_submitted(self, pelaku, opd_bersih):
        LaporanTahunan.objects.all().delete()
        lap = workflow.laporan_tahunan(opd_bersih, 2024)
        assert lap.pk is None and lap.status == StatusLaporan.DRAF
        assert workflow.ajukan(lap, pelaku.perencana).pk is not None

    def test_a_submitted_report_cannot_be_submitted_again(self, opd_bersih, pelaku):
        diajukan(opd_bersih, pelaku)
        with pytest.raises(AlurDitolak, match="hanya draf yang dapat diajukan"):
            workflow.ajukan(lap_of(opd_bersih), pelaku.perencana)


class ReviewTests:
    def test_an_inspektorat_comment_is_linked_to_a_table_and_marks_the_report_reviewed(
        self, client, opd_bersih, pelaku
    ):
        diajukan(opd_bersih, pelaku)
        tabel_31 = next(
            t for t in build_laporan(opd_bersih.kode, 2024).semua_tabel() if t.nomor == "3.1"
        )
        client.force_login(pelaku.inspektorat)
        response = client.post(
            url("alur_komentar", opd_bersih),
            {
                "komentar-acuan": f"{tabel_31.label} {tabel_31.judul}"[:100],
                "komentar-teks": "Sumber data realisasi belum disebutkan.",
            },
        )
        comment = KomentarReviu.objects.get()
        assert response.status_code == 302, response.content.decode()[:2000]
        assert comment.acuan.startswith("Tabel 3.1") and comment.oleh == pelaku.inspektorat
        lap = lap_of(opd_bersih)
        assert lap.status == StatusLaporan.DIREVIU
        assert lap.riwayat_set.last().aksi == AksiAlur.REVIU
        # A second comment keeps the status and adds no step.
        workflow.beri_komentar(
            lap, pelaku.inspektorat, "BAB IV PENUTUP", "Rencana tindak terlalu umum."
        )
        assert lap_of(opd_bersih).riwayat_set.count() == 2 and KomentarReviu.objects.count() == 2

    def test_a_comment_must_point_at_a_chapter_or_table_of_the_report(
        self, client, opd_bersih, pelaku
    ):
        diajukan(opd_bersih, pelaku)
        client.force_login(pelaku.inspektorat)
        response = client.post(
            url("alur_komentar", opd_bersih),
            {"komentar-acuan": "Tabel 9.9 Karangan", "komentar-teks": "x"},
        )
        assert response.status_code == 200
        assert "Bab atau tabel itu tidak ada dalam laporan ini." in response.content.decode()
        assert not KomentarReviu.objects.exists()

    def test_comments_are_only_for_a_submitted_report(self, opd_bersih, pelaku):
        with pytest.raises(
            AlurDitolak,
            match=r"hanya dapat diberikan pada LKIP yang sedang diajukan \(status sekarang: Draf\)",
        ):
            workflow.beri_komentar(lap_of(opd_bersih), pelaku.inspektorat, "BAB I PENDAHULUAN", "x")

    def test_returning_needs_a_reason_and_sends_the_report_back_to_draft(
        self, client, opd_bersih, pelaku
    ):
        diajukan(opd_bersih, pelaku)
        client.force_login(pelaku.inspektorat)
        response = client.post(
            url("alur_kembalikan", opd_bersih), {"konfirmasi": "ya", "kembalikan-alasan": "  "}
        )
        assert response.status_code == 200 and "Alasan wajib diisi." in response.content.decode()
        assert lap_of(opd_bersih).status == StatusLaporan.DIAJUKAN
        client.post(
            url("alur_kembalikan", opd_bersih),
            {"konfirmasi": "ya", "kembalikan-alasan": "Tabel 3.1 belum memuat sumber."},
        )
        lap = lap_of(opd_bersih)
        assert lap.status == StatusLaporan.DRAF
        step = lap.riwayat_set.last()
        assert (step.aksi, step.oleh, step.alasan) == (
            AksiAlur.KEMBALIKAN,
            pelaku.inspektorat,
            "Tabel 3.1 belum memuat sumber.",
        )

    def test_the_kepala_dinas_can_return_the_report_of_their_own_agency(self, opd_bersih, pelaku):
        diajukan(opd_bersih, pelaku)
        workflow.kembalikan(lap_of(opd_bersih), pelaku.kepala, "Narasi Bab IV perlu dilengkapi.")
        assert lap_of(opd_bersih).status == StatusLaporan.DRAF


class PermissionTests:
    @pytest.mark.parametrize(
        "role, action",
        [
            ("perencana", "alur_komentar"),
            ("perencana", "alur_tandatangani"),
            ("perencana", "alur_kembalikan"),
            ("inspektorat", "alur_tandatangani"),
            ("inspektorat", "alur_ajukan"),
            ("inspektorat", "alur_revisi"),
            ("kepala", "alur_ajukan"),
            ("kepala", "alur_komentar"),
            ("admin", "alur_ajukan"),
            ("admin", "alur_komentar"),
            ("admin", "alur_tandatangani"),
            ("admin", "alur_kembalikan"),
            ("admin", "alur_revisi"),
        ],
    )
    def test_a_role_without_the_permission_gets_403_and_nothing_changes(
        self, client, opd_bersih, pelaku, role, action
    ):
        diajukan(opd_bersih, pelaku)
        client.force_login(getattr(pelaku, role))
        response = client.post(url(action, opd_bersih), {})
        assert response.status_code == 403
        assert lap_of(opd_bersih).riwayat_set.count() == 1 and not KomentarReviu.objects.exists()

    def test_the_actions_are_post_only_with_csrf(self, opd_bersih, pelaku):
        from django.test import Client

        client = Client(enforce_csrf_checks=True)
        client.force_login(pelaku.perencana)
        assert client.get(url("alur_ajukan", opd_bersih)).status_code == 405
        assert (
            client.post(url("alur_ajukan", opd_bersih), {"konfirmasi": "ya"}).status_code == 403
        )  # no CSRF token
        assert lap_of(opd_bersih).status == StatusLaporan.DRAF

    def test_anonymous_users_are_sent_to_the_login_page(self, client, opd_bersih):
        for name in ("alur", "alur_ajukan", "alur_tandatangani"):
            response = (
                client.post(url(name, opd_bersih))
                if name != "alur"
                else client.get(url(name, opd_bersih))
            )
            assert response.status_code == 302 and response["Location"].startswith("/masuk/")

    def test_another_agency_is_not_reachable_through_the_panel_or_its_forms(
        self, client, opd_bersih, pelaku
    ):
        lain = make_opd_bersih("dinas-lain", "Dinas Lain", "Pemerintah Kota Lain")
        orang_lain = Pelaku(lain, "lain")
        diajukan(opd_bersih, pelaku)
        for user in (orang_lain.perencana, orang_lain.kepala, orang_lain.inspektorat):
            client.force_login(user)
            assert client.get(url("alur", opd_bersih)).status_code == 404
            for action in (
                "alur_ajukan",
                "alur_komentar",
                "alur_kembalikan",
                "alur_tandatangani",
                "alur_revisi",
            ):
                assert (
                    client.post(
                        url(action, opd_bersih), {"kembalikan-alasan": "x", "ttd-setuju": "on"}
                    ).status_code
                    == 404
                )
        assert lap_of(opd_bersih).riwayat_set.count() == 1

    def test_a_kepala_dinas_of_another_agency_of_the_same_pemda_is_refused_by_the_service(
        self, opd_bersih, pelaku
    ):
        tetangga = make_opd_bersih("dinas-tetangga", "Dinas Tetangga", "Pemerintah Kota Uji")
        kepala_tetangga = make_user("kepala.tetangga", "kepala_dinas", tetangga)
        diajukan(opd_bersih, pelaku)
        with pytest.raises(AlurDitolak, match="Hanya Kepala Dinas Dinas Uji A sendiri"):
            workflow.setujui_dan_tandatangani(lap_of(opd_bersih), kepala_tetangga)
        with pytest.raises(AlurDitolak, match="Hanya Kepala Dinas Dinas Uji A sendiri"):
            workflow.kembalikan(lap_of(opd_bersih), kepala_tetangga, "x")
        assert (
            lap_of(opd_bersih).status == StatusLaporan.DIAJUKAN
            and not lap_of(opd_bersih).dokumen_set.exists()
        )

    def test_inspektorat_of_the_pemda_reviews_every_agency_but_cannot_submit_or_sign(
        self, opd_bersih, pelaku
    ):
        diajukan(opd_bersih, pelaku)
        lap = lap_of(opd_bersih)
        assert workflow.tindakan(pelaku.inspektorat, lap) == {
            Tindakan.KOMENTAR,
            Tindakan.KEMBALIKAN,
        }
        with pytest.raises(AlurDitolak, match="Hanya Kepala Dinas yang dapat"):
            workflow.setujui_dan_tandatangani(lap, pelaku.inspektorat)


class PanelTests:
    def test_each_role_sees_only_the_buttons_it_may_use(self, client, opd_bersih, pelaku):
        diajukan(opd_bersih, pelaku)
        expected = {
            "perencana": set(),
            "kepala": {"aksi-tandatangani", "aksi-kembalikan"},
            "inspektorat": {"aksi-komentar", "aksi-kembalikan"},
            "admin": set(),
        }
        for role, sections in expected.items():
            client.force_login(getattr(pelaku, role))
            html = client.get(url("alur", opd_bersih)).content.decode()
            shown = {
                s
                for s in (
                    "aksi-ajukan",
                    "aksi-komentar",
                    "aksi-kembalikan",
                    "aksi-tandatangani",
                    "aksi-revisi",
                )
                if f'id="{s}"' in html
            }
            assert shown == sections, role

    def test_the_panel_shows_status_history_and_comments(self, client, opd_bersih, pelaku):
        diajukan(opd_bersih, pelaku)
        workflow.beri_komentar(
            lap_of(opd_bersih),
            pelaku.inspektorat,
            "BAB III AKUNTABILITAS KINERJA",
            "Analisis efisiensi perlu angka pembanding.",
        )
        client.force_login(pelaku.kepala)
        html = client.get(url("alur", opd_bersih)).content.decode()
        assert 'class="status direviu">Direviu<' in html
        assert "Diajukan untuk persetujuan" in html and "Siap direviu." in html
        assert (
            "Direviu Inspektorat" in html and "Komentar pada BAB III AKUNTABILITAS KINERJA." in html
        )
        assert "Analisis efisiensi perlu angka pembanding." in html
        assert 'aria-current="step">Direviu (opsional)<' in html

    def test_the_perencana_sees_what_blocks_submission_and_where_to_follow_it_up(
        self, client, demo
    ):
        client.force_login(make_user("perencana.lain", "perencana", demo))
        html = client.get(url("alur", demo)).content.decode()
        assert 'id="aksi-ajukan"' in html
        # Blocked: what blocks it and where to follow it up, but no Ajukan to be refused.
        assert f'action="{url("alur_ajukan", demo)}"' not in html
        assert (
            "Belum dapat diajukan: 2 kesalahan harus diperbaiki dan 17 peringatan belum "
            "ditinjau." in html
        )
        assert f'href="{url("temuan", demo)}"' in html

    def test_the_kepala_dinas_is_told_the_state_and_the_next_step_while_the_lkip_is_a_draft(
        self, client, opd_bersih, pelaku
    ):
        client.force_login(pelaku.kepala)
        html = client.get(url("alur", opd_bersih)).content.decode()
        assert "Tidak ada tindakan persetujuan" not in html
        assert "LKIP ini masih draf: Perencana Dinas Uji A belum mengajukannya." in html
        assert "tombol Setujui dan tandatangani muncul di halaman ini" in html

    def test_once_submitted_and_reviewed_the_kepala_dinas_sees_the_approval_action(
        self, client, opd_bersih, pelaku
    ):
        diajukan(opd_bersih, pelaku)
        workflow.beri_komentar(lap_of(opd_bersih), pelaku.inspektorat, "BAB I", "Cukup.")
        client.force_login(pelaku.kepala)
        html = client.get(url("alur", opd_bersih)).content.decode()
        assert 'id="aksi-tandatangani"' in html and "Setujui dan tandatangani</button>" in html

    def test_the_report_toolbar_links_to_the_panel(self, client, opd_bersih, pelaku):
        client.force_login(pelaku.perencana)
        html = client.get(url("laporan", opd_bersih)).content.decode()
        assert '<a href="alur/">Persetujuan dan tanda tangan</a>' in html

    def test_a_year_outside_every_renstra_is_not_found(self, client, opd_bersih, pelaku):
        client.force_login(pelaku.perencana)
        assert client.get(url("alur", opd_bersih, 2031)).status_code == 404
        assert client.post(url("alur_ajukan", opd_bersih, 2031)).status_code == 404

    def test_the_panel_runs_a_constant_number_of_queries(self, client, opd_bersih, pelaku):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        diajukan(opd_bersih, pelaku)
        client.force_login(pelaku.kepala)

        def count() -> int:
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(url("alur", opd_bersih)).status_code == 200
            return len(ctx.captured_queries)

        before = count()
        lap = lap_of(opd_bersih)
        for k in range(6):
            workflow.beri_komentar(lap, pelaku.inspektorat, "BAB I PENDAHULUAN", f"Komentar {k}")
            workflow.kembalikan(lap, pelaku.inspektorat, f"Alasan {k}")
            workflow.ajukan(lap, pelaku.perencana)
        assert count() == before


class ConfirmationTests:
    """Submitting, returning, signing and opening a revision ask first (issue #12, observation
    4): a POST without `konfirmasi` answers with a page naming what will happen, and changes
    nothing."""

    def test_submitting_without_confirmation_asks_and_changes_nothing(
        self, client, opd_bersih, pelaku
    ):
        client.force_login(pelaku.perencana)
        response = client.post(url("alur_ajukan", opd_bersih), {"ajukan-catatan": "Siap."})
        html = response.content.decode()
        assert response.status_code == 200 and "Ajukan LKIP 2024?" in html
        assert "terkunci" in html and 'name="ajukan-catatan" value="Siap."' in html
        assert 'name="konfirmasi" value="ya"' in html
        assert lap_of(opd_bersih).status == StatusLaporan.DRAF
        assert not RiwayatStatus.objects.exists()

    def test_returning_signing_and_opening_a_revision_change_nothing_unconfirmed(
        self, client, opd_bersih, pelaku, sertifikat_demo
    ):
        diajukan(opd_bersih, pelaku)
        client.force_login(pelaku.inspektorat)
        response = client.post(url("alur_kembalikan", opd_bersih), {"kembalikan-alasan": "x"})
        assert "Kembalikan LKIP 2024?" in response.content.decode()
        client.force_login(pelaku.kepala)
        response = client.post(url("alur_tandatangani", opd_bersih), {"ttd-setuju": "on"})
        assert "Setujui dan tandatangani LKIP 2024?" in response.content.decode()
        assert lap_of(opd_bersih).status == StatusLaporan.DIAJUKAN
        assert lap_of(opd_bersih).riwayat_set.count() == 1
        workflow.setujui_dan_tandatangani(lap_of(opd_bersih), pelaku.kepala)
        response = client.post(url("alur_revisi", opd_bersih), {"revisi-alasan": "Koreksi."})
        assert "Buat revisi LKIP 2024?" in response.content.decode()
        assert lap_of(opd_bersih).status == StatusLaporan.DITANDATANGANI

    def test_an_invalid_form_shows_its_errors_before_any_confirmation(
        self, client, opd_bersih, pelaku
    ):
        diajukan(opd_bersih, pelaku)
        client.force_login(pelaku.inspektorat)
        response = client.post(url("alur_kembalikan", opd_bersih), {"kembalikan-alasan": " "})
        html = response.content.decode()
        assert "Alasan wajib diisi." in html and "Kembalikan LKIP 2024?" not in html
