import copy
import faulthandler
import os
import uuid
from pathlib import Path

import pytest

#: Where a process that hangs past pytest-timeout leaves every thread's stack (.ci/run prints the
#: files that hold one): the test's own output is captured, and lost when the process ends.
MACET = Path(__file__).resolve().parents[1] / "out"
_berkas_macet = None


def pytest_timeout_set_timer(item, settings):
    """The backstop behind pytest-timeout's signal (which a wait in C may never see), armed with
    the test's effective timeout, as pytest-timeout arms its own (not under a debugger): two
    minutes after it, the stacks go to out/macet-<pid>.txt and the process ends (xdist reports
    the test as failed and starts another worker). Returns None: pytest-timeout's own timer is
    set after it."""
    global _berkas_macet
    if _berkas_macet is None:
        MACET.mkdir(exist_ok=True)
        _berkas_macet = open(MACET / f"macet-{os.getpid()}.txt", "w")  # noqa: SIM115
    faulthandler.dump_traceback_later(settings.timeout + 120, exit=True, file=_berkas_macet)


def pytest_timeout_cancel_timer(item):
    faulthandler.cancel_dump_traceback_later()


def pytest_sessionfinish(session, exitstatus):
    """No hang, no file: the stack file of a process that ended normally is removed."""
    if _berkas_macet is not None:
        _berkas_macet.close()
        Path(_berkas_macet.name).unlink(missing_ok=True)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Tests hash passwords with a cheap hasher: PBKDF2's cost is for attackers, not for CI."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session")
def _media_root(tmp_path_factory):
    return tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def media_in_a_temporary_folder(settings, _media_root):
    """Tests never write into the project's own media/ (uploads, the demo certificate, PDFs); with
    the files in object storage (LKIP_TEST_S3=1, tests/s3.py) each test has a prefix of its own in
    the bucket, an empty store like a new folder."""
    settings.MEDIA_ROOT = _media_root
    if settings.LKIP_S3_BUCKET:
        storages = copy.deepcopy(settings.STORAGES)
        storages["default"]["OPTIONS"]["location"] = f"uji/{uuid.uuid4().hex}"
        settings.STORAGES = storages


@pytest.fixture(autouse=True)
def fresh_page_cache():
    """Each test starts without the per-process page cache (the databases are rolled back under
    it)."""
    from reports.dashboard.versi import kosongkan_lokal

    kosongkan_lokal()


@pytest.fixture
def demo(db):
    """The demo agency (Dinas Sosial Kota Bekasi 2024) loaded through the workbook import."""
    from demo.opd import load_demo
    from lkip.models import PerangkatDaerah

    result, _users = load_demo()
    assert result.ok, result.errors
    return PerangkatDaerah.objects.get(kode="dinsos-kota-bekasi")


@pytest.fixture
def perencana(demo, client):
    """A client logged in as the demo agency's planner."""
    from demo.opd import DEMO_PASSWORD

    assert client.login(username="perencana.dinsos", password=DEMO_PASSWORD)
    return client


@pytest.fixture(scope="session")
def _pekerja_sesi(django_db_setup, _media_root, tmp_path_factory):
    """One real worker process for the whole session, started when a test first asks for it."""
    from django.db import connection

    from tests.antrian import Pekerja, url_basis_data

    log = tmp_path_factory.mktemp("pekerja") / "db_worker.log"
    pekerja = Pekerja(url_basis_data(connection.settings_dict), _media_root, log)
    yield pekerja
    pekerja.hentikan()


@pytest.fixture
def pekerja(transactional_db, _pekerja_sesi, settings):
    """The session's worker doing this test's background work: the test's tasks go to its queue,
    its files to the storage the worker uses (the test's data must be committed: transactional)."""
    settings.LKIP_ANTRIAN = _pekerja_sesi.antrian
    if settings.LKIP_S3_BUCKET:
        from lkip import penyimpanan
        from reports.signing import NAMA_SERTIFIKAT_DEMO

        # The demo certificate a fixture before this one stored (load_demo) goes along to the
        # worker's prefix: the worker signs with it.
        sertifikat = penyimpanan.baca(NAMA_SERTIFIKAT_DEMO)
        storages = copy.deepcopy(settings.STORAGES)
        storages["default"]["OPTIONS"]["location"] = _pekerja_sesi.prefix
        settings.STORAGES = storages
        if sertifikat is not None:
            try:
                penyimpanan.simpan_sekali(NAMA_SERTIFIKAT_DEMO, sertifikat)
            except penyimpanan.BerkasSudahAda:
                pass
    assert _pekerja_sesi.proc.poll() is None, _pekerja_sesi.log.read_text()[-3000:]
    yield _pekerja_sesi
    # Before the tables are emptied under it: nothing more to take, and the task it runs done.
    _pekerja_sesi.kosongkan()
