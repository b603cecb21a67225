"""The LKIP rendered in the background by a real worker process (tests/antrian.py): coalesced on
commit, served only while its data version is the current one, retried after a worker dies."""

from __future__ import annotations

import pytest
from django.conf import settings as django_settings
from django_tasks_db.models import DBTaskResult

from lkip.models import PerangkatDaerah
from reports.antrian import render, sewa
from reports.models import FormatLaporan, RenderLaporan, StatusRender
from targets.models import Realisasi
from tests import berkas
from tests.antrian import Pekerja, tunggu, url_basis_data
from tests.reports.agencies import import_agency

TUGAS_RENDER = "reports.antrian.render.render_laporan"


def _tugas() -> list[tuple[int, int]]:
    """The agency-years of the queued renders."""
    return sorted(
        tuple(t.args_kwargs["args"][:2])
        for t in DBTaskResult.objects.filter(task_path=TUGAS_RENDER).ready()
    )


def _unduh(client, kode: str, tahun: int, format: str = "pdf"):
    return client.get(f"/laporan/{kode}/{tahun}/lkip.{format}")


def _siap(client, kode: str, tahun: int, format: str = "pdf"):
    response = _unduh(client, kode, tahun, format)
    return response if "attachment" in response.get("Content-Disposition", "") else None


def _ubah_realisasi(opd: PerangkatDaerah, tahun: int) -> None:
    real = Realisasi.objects.filter(indikator__opd=opd, tahun=tahun).exclude(nilai=None).first()
    real.nilai += 7
    real.save()


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("admin.uji", password="rahasia-uji-123")
    client.force_login(user)
    return client


class CoalescingTests:
    def test_an_import_queues_one_render_per_agency_year_and_a_burst_of_edits_adds_none(
        self, transactional_db
    ):
        # No worker reads the default queue here: the queued tasks stay to be counted.
        kode, tahun = import_agency("dinkes")
        opd = PerangkatDaerah.objects.get(kode=kode)
        queued = _tugas()
        assert (opd.pk, tahun) in queued
        assert len(queued) == len(set(queued))  # one per agency-year, whatever the rows
        for _ in range(20):
            _ubah_realisasi(opd, tahun)  # each committed on its own
        assert _tugas() == queued  # one render waits already: nothing more is queued

    def test_a_change_in_a_rolled_back_transaction_queues_nothing(self, transactional_db):
        from django.db import transaction

        kode, tahun = import_agency("dinkes")
        opd = PerangkatDaerah.objects.get(kode=kode)
        DBTaskResult.objects.all().delete()
        RenderLaporan.objects.update(antre=False)
        with pytest.raises(RuntimeError), transaction.atomic():
            _ubah_realisasi(opd, tahun)
            raise RuntimeError("batal")
        assert _tugas() == []
        _ubah_realisasi(opd, tahun)
        assert _tugas() == [(opd.pk, tahun)]


class WorkerTests:
    def test_a_change_is_rendered_by_the_worker_and_the_download_serves_only_the_fresh_file(
        self, pekerja, admin_client
    ):
        kode, tahun = import_agency("dinkes")
        opd = PerangkatDaerah.objects.get(kode=kode)
        first = tunggu(lambda: _siap(admin_client, kode, tahun), pesan="PDF pertama")
        assert first.content.startswith(b"%PDF")
        for format in ("xlsx", "docx"):
            assert tunggu(lambda f=format: _siap(admin_client, kode, tahun, f), pesan=format)

        _ubah_realisasi(opd, tahun)  # committed: queued on commit
        waiting = _unduh(admin_client, kode, tahun)
        assert "PDF laporan sedang disiapkan" in waiting.text and waiting["Refresh"]
        fresh = tunggu(lambda: _siap(admin_client, kode, tahun), pesan="PDF baru")
        assert fresh.content != first.content
        row = RenderLaporan.objects.get(opd=opd, tahun=tahun, jenis=FormatLaporan.PDF)
        assert row.versi == render.versi_laporan(opd) and row.status == StatusRender.SIAP
        # The superseded files were deleted: one file per format of the agency-year.
        tunggu(
            lambda: len(berkas.semua(f"render/{opd.pk}/{tahun}")) == 3,
            detik=30,
            pesan=f"berkas lama terhapus: {berkas.semua(f'render/{opd.pk}/{tahun}')}",
        )


@pytest.fixture
def pekerja_rapuh(pekerja, _media_root, tmp_path, settings):
    """A second worker of its own queue, with a lease of 2 s and a render limit of 2 s: the one a
    test kills, or whose PDF renders fail."""
    from django.db import connection

    other = Pekerja(
        url_basis_data(connection.settings_dict),
        _media_root,
        tmp_path / "rapuh.log",
        LKIP_RENDER_SEWA_DETIK="2",
        LKIP_PDF_BATAS_DETIK="1",
        LKIP_RENDER_BATAS_DETIK="2",
        LKIP_PDF_PROSES="1",
    )
    other.prefix = pekerja.prefix
    settings.LKIP_ANTRIAN = other.antrian
    yield other
    other.hentikan()


@pytest.fixture
def pekerja_gagal(pekerja, _media_root, tmp_path, settings):
    """A worker of its own queue whose PDF renders always fail: each may take 1 MB of memory more
    than its process holds (a time limit would fail only on a slow enough machine)."""
    from django.db import connection

    other = Pekerja(
        url_basis_data(connection.settings_dict),
        _media_root,
        tmp_path / "gagal.log",
        LKIP_RENDER_SEWA_DETIK="2",
        LKIP_PDF_BATAS_MB="1",
        LKIP_PDF_PROSES="1",
    )
    other.prefix = pekerja.prefix
    settings.LKIP_ANTRIAN = other.antrian
    yield other
    other.hentikan()


class FaultTests:
    def test_a_worker_killed_mid_render_serves_no_half_file_and_the_render_is_retried(
        self, pekerja, pekerja_rapuh, admin_client, settings
    ):
        kode, tahun = import_agency("dinkes")
        opd = PerangkatDaerah.objects.get(kode=kode)
        tunggu(
            lambda: RenderLaporan.objects.filter(
                opd=opd, tahun=tahun, status=StatusRender.BERJALAN
            ).exists(),
            pesan="pekerja mulai menyusun",
        )
        pekerja_rapuh.bunuh()  # SIGKILL in the middle of the render
        assert "sedang disiapkan" in _unduh(admin_client, kode, tahun).text
        assert (
            not RenderLaporan.objects.filter(opd=opd, tahun=tahun, jenis=FormatLaporan.PDF)
            .exclude(berkas="")
            .exists()
        )  # nothing published
        # The session's worker takes the render up once the dead worker's lease lapsed (2 s):
        # the next look at the download queues it again.
        settings.LKIP_ANTRIAN = pekerja.antrian
        fresh = tunggu(lambda: _siap(admin_client, kode, tahun), pesan="render diulang")
        assert fresh.content.startswith(b"%PDF")
        row = RenderLaporan.objects.get(opd=opd, tahun=tahun, jenis=FormatLaporan.PDF)
        assert row.percobaan == 2  # the killed attempt, then the one that finished

    def test_a_worker_stopped_as_a_service_mid_pdf_reports_no_limit_and_the_render_is_retried(
        self, pekerja, admin_client, settings, _media_root, tmp_path
    ):
        # A deploy stops the worker (SIGTERM to its process group): the PDF's child dies of it.
        # That is no memory limit — the reader was told so before — and the render is resumed.
        from django.db import connection

        berhenti = Pekerja(
            url_basis_data(connection.settings_dict),
            _media_root,
            tmp_path / "berhenti.log",
            grup=True,
            LKIP_RENDER_SEWA_DETIK="2",
            LKIP_PDF_PROSES="1",
        )
        berhenti.prefix = pekerja.prefix
        settings.LKIP_ANTRIAN = berhenti.antrian
        try:
            kode, tahun = import_agency("dinkes")
            rows = RenderLaporan.objects.filter(opd__kode=kode, tahun=tahun)

            def pdf_ini_berjalan() -> bool:
                # This year's XLSX is written first, then its PDF's child forks (another year's
                # render has children too: only while this PDF is under way is it this one's).
                status = dict(rows.values_list("jenis", "status"))
                return (
                    status.get(FormatLaporan.XLSX) == StatusRender.SIAP
                    and status.get(FormatLaporan.PDF) == StatusRender.BERJALAN
                    and bool(berhenti.anak())
                )

            tunggu(pdf_ini_berjalan, pesan="anak penyusun PDF tahun ini berjalan")
            berhenti.hentikan_layanan()
        finally:
            berhenti.hentikan()
        row = RenderLaporan.objects.get(opd__kode=kode, tahun=tahun, jenis=FormatLaporan.PDF)
        assert row.status == StatusRender.BERJALAN and not row.galat and not row.berkas
        assert "dihentikan dari luar" in berhenti.log.read_text()
        settings.LKIP_ANTRIAN = pekerja.antrian  # the session's worker takes it up
        assert "sedang disiapkan" in _unduh(admin_client, kode, tahun).text
        fresh = tunggu(lambda: _siap(admin_client, kode, tahun), pesan="render dilanjutkan")
        assert fresh.content.startswith(b"%PDF")

    def test_a_failed_render_says_why_in_indonesian_and_coba_lagi_renders_it_again(
        self, pekerja, pekerja_gagal, admin_client, settings
    ):
        kode, tahun = import_agency("dinkes")
        failed = tunggu(
            lambda: (r := _unduh(admin_client, kode, tahun)).status_code == 503 and r,
            pesan="render gagal (batas memori 1 MB)",
        )
        assert "PDF laporan tidak dapat disusun" in failed.text
        assert "batas memori 1 MB" in failed.text and "Coba lagi" in failed.text
        assert "Refresh" not in failed  # a failure does not reload itself
        settings.LKIP_ANTRIAN = pekerja.antrian
        again = admin_client.post(f"/laporan/{kode}/{tahun}/susun-ulang/pdf/")
        assert again.status_code == 302 and again["Location"].endswith("lkip.pdf")
        assert tunggu(lambda: _siap(admin_client, kode, tahun), pesan="render setelah Coba lagi")
        assert "Render LKIP" in pekerja_gagal.log.read_text()  # the admin's side: the log


def test_the_workers_render_limit_is_longer_than_the_web_requests():
    assert django_settings.LKIP_RENDER_BATAS_DETIK > django_settings.LKIP_PDF_BATAS_DETIK


def test_a_claim_the_database_refuses_at_once_is_tried_again_not_left_queued_forever(
    transactional_db, monkeypatch
):
    # SQLite refuses a transaction's read-then-write at once while another process writes the
    # file ("database is locked"); the task then failed and left the agency-year marked as
    # queued with no task to render it (CI: render_kota --tunggu waited for ever).
    from django.db import OperationalError

    from tests.antrian import kerjakan_antrian

    kode, tahun = import_agency("dinkes")
    asli, tolak = render._ambil, iter([True, True])

    def ambil(*args):
        if next(tolak, False):
            raise OperationalError("database is locked")
        return asli(*args)

    monkeypatch.setattr(render, "_ambil", ambil)
    monkeypatch.setattr(sewa, "JEDA_AMBIL", [0.01, 0.01, 0.01])
    assert kerjakan_antrian() >= 1
    row = RenderLaporan.objects.get(opd__kode=kode, tahun=tahun, jenis=FormatLaporan.PDF)
    assert (row.status, row.antre, bool(row.berkas)) == (StatusRender.SIAP, False, True)
