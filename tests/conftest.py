import copy
import uuid

import pytest


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
