"""Submitting an LKIP and every write path serialise on the agency's write lock (lkip.kunci).

SQLite runs one writing transaction at a time and ignores SELECT ... FOR UPDATE, so the race itself
cannot be staged here; these tests check what makes it impossible on PostgreSQL: the submission
checks, fingerprints and changes the status in one transaction that took the lock first, and each
write path takes the same lock, in the transaction that writes, before it reads the LKIP's status.
"""

import copy
import re
from contextlib import contextmanager
from dataclasses import dataclass

import pytest
from django.db import connection

from demo.opd import demo_sheets
from exchange.importer import impor
from indicators.models import HasilIKM
from reports import workflow
from reports.models import LaporanTahunan
from tests.reports.alur_data import Pelaku, make_opd_bersih
from tests.security.formulir import isian

pytestmark = pytest.mark.django_db
BASE = "/data/dinsos-kota-bekasi/"
KUNCI = re.compile(
    r'^SELECT "lkip_perangkatdaerah"\."id"( AS "pk")? FROM "lkip_perangkatdaerah" '
    r'WHERE "lkip_perangkatdaerah"\."id" = %s( FOR UPDATE)?$'
)
TULIS = re.compile(r"^(INSERT|UPDATE|DELETE) ")


@dataclass
class Kueri:
    sql: str
    transaksi: tuple  # the write path's own transaction (its savepoint inside the test's)


@contextmanager
def _kueri():
    base = len(connection.savepoint_ids)
    log: list[Kueri] = []

    def spy(execute, sql, params, many, context):
        log.append(Kueri(sql, tuple(connection.savepoint_ids[base : base + 1])))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(spy):
        yield log


def _assert_locked_then_checked_then_written(log: list[Kueri], opd_id_reads_status=True):
    tulis = next(i for i, q in enumerate(log) if TULIS.match(q.sql))
    assert log[tulis].transaksi, "the write path writes in a transaction of its own"
    kunci = next(  # in the transaction that writes (a page's checks for display lock nothing)
        (
            i
            for i, q in enumerate(log)
            if KUNCI.match(q.sql) and q.transaksi == log[tulis].transaksi
        ),
        None,
    )
    assert kunci is not None, "the lock is taken in the transaction that writes"
    assert kunci < tulis
    if opd_id_reads_status:  # (a page may read it before, for display: not what decides)
        status = next(
            i
            for i, q in enumerate(log)
            if '"reports_laporantahunan"' in q.sql and q.transaksi == log[kunci].transaksi
        )
        assert kunci < status < tulis, "the LKIP's status is read under the lock"
    if connection.features.has_select_for_update:
        assert "FOR UPDATE" in log[kunci].sql


@pytest.fixture
def opd(db):
    return make_opd_bersih()


def test_submitting_locks_the_agency_before_it_checks_and_fingerprints_the_data(opd, monkeypatch):
    pelaku = Pelaku(opd, "uji")
    base = len(connection.savepoint_ids)
    events: list[tuple[str, tuple]] = []

    def spy(name, real):
        def wrapped(*args, **kwargs):
            events.append((name, tuple(connection.savepoint_ids[base : base + 1])))
            return real(*args, **kwargs)

        return wrapped

    monkeypatch.setattr(workflow, "kunci_opd", spy("kunci", workflow.kunci_opd))
    monkeypatch.setattr(workflow, "penghalang", spy("periksa", workflow.penghalang))
    monkeypatch.setattr(workflow.signing, "bekukan", spy("bekukan", workflow.signing.bekukan))
    monkeypatch.setattr(workflow, "_pindah", spy("status", workflow._pindah))

    lap = workflow.ajukan(LaporanTahunan.objects.get(opd=opd, tahun=2024), pelaku.perencana)

    assert [name for name, _ in events] == ["kunci", "periksa", "bekukan", "status"]
    transactions = {t for _, t in events}
    assert len(transactions) == 1 and transactions != {()}, "all in one transaction"
    assert lap.status == "diajukan" and lap.sidik_ajuan


def test_a_refused_submission_writes_nothing(opd):
    pelaku = Pelaku(opd, "uji")
    opd.indikator_set.get().realisasi_set.all().delete()
    opd.indikator_set.get().target_set.all().delete()
    lap = LaporanTahunan.objects.get(opd=opd, tahun=2024)
    try:
        workflow.ajukan(lap, pelaku.perencana)
    except workflow.AlurDitolak:
        pass
    lap.refresh_from_db()
    assert lap.status == "draf" and not lap.sidik_ajuan


def test_a_data_screen_save_takes_the_lock_before_it_reads_the_status(perencana, demo):
    realisasi = demo.indikator_set.get(kode="IKU-1").realisasi_set.order_by("pk").first()
    url = f"{BASE}realisasi/{realisasi.pk}/"
    data = isian(perencana.get(url).text)
    data["catatan"] = ["Diubah."]
    with _kueri() as log:
        assert perencana.post(url, data).status_code == 302
    _assert_locked_then_checked_then_written(log)


def test_a_data_screen_delete_takes_the_lock_before_it_reads_the_status(perencana, demo):
    ikm = HasilIKM.objects.filter(opd=demo).order_by("pk").first()
    with _kueri() as log:
        assert perencana.post(f"{BASE}ikm/{ikm.pk}/hapus/", {"konfirmasi": "ya"}).status_code == 302
    assert not HasilIKM.objects.filter(pk=ikm.pk).exists()
    _assert_locked_then_checked_then_written(log)


def test_the_quarterly_grid_takes_the_lock_before_it_reads_the_status(perencana, demo):
    url = f"{BASE}entri/2024/tw2/"
    data = isian(perencana.get(url).text, "entri")
    line = next(k for k in data if re.fullmatch(r"a\d+-tw", k))
    data[line] = ["1.000"]
    data["ganti_tahunan"] = ["on"]  # the demo's annual realisation was typed without quarters
    with _kueri() as log:
        response = perencana.post(url, data)
    assert response.status_code == 302
    _assert_locked_then_checked_then_written(log)


def test_a_narrative_save_takes_the_lock_before_it_reads_the_status(perencana, demo):
    with _kueri() as log:
        response = perencana.post(
            "/laporan/dinsos-kota-bekasi/2024/narasi/kesimpulan/",
            {"judul": "Kesimpulan", "teks": "Teks baru."},
        )
    assert response.status_code == 302
    _assert_locked_then_checked_then_written(log)


def test_the_workbook_import_takes_the_lock_before_it_reads_the_status(demo):
    sheets = copy.deepcopy(demo_sheets())
    sheets["Narasi"][0]["teks"] = "Teks narasi yang diimpor ulang."
    with _kueri() as log:
        result = impor(sheets, opd_kode=demo.kode)
    assert result.ok, result.errors
    _assert_locked_then_checked_then_written(log, opd_id_reads_status=False)
    kunci = next(i for i, q in enumerate(log) if KUNCI.match(q.sql) and q.transaksi)
    status = next(i for i, q in enumerate(log) if '"reports_laporantahunan"' in q.sql)
    assert kunci < status
