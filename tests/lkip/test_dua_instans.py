"""Two application servers, one truth: two gunicorn instances on two ports, as behind a load
balancer, sharing the database, Redis (cache and sessions) and the S3 store.

The database is PostgreSQL when the suite runs on it (a new database beside the test one), else a
SQLite file both instances open. Redis is `LKIP_TEST_REDIS` (default redis://127.0.0.1:6379/5);
the S3 server is the suite's (LKIP_TEST_S3=1) or one started for this test. A missing service
fails the test with what to start; nothing here is skipped.
"""

import io
import os
import re
import secrets
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import requests

from reports.dashboard.versi import VERSI_DASBOR_DETIK
from tests import s3
from tests.lkip.test_backup import _CREATED, _drop_created_databases, _pg_database  # noqa: F401

pytestmark = pytest.mark.dua_instans

ROOT = Path(__file__).resolve().parents[2]
OPD = "dinsos-kota-bekasi"
PASSWORD = "lkip-demo-2024"
REDIS = os.environ.get("LKIP_TEST_REDIS", "redis://127.0.0.1:6379/5")


def _redis_reachable() -> None:
    import redis

    try:
        redis.Redis.from_url(REDIS, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        pytest.fail(
            f"Redis {REDIS} (LKIP_TEST_REDIS) tidak terjangkau ({exc}); jalankan redis-server "
            "(.ci/run menjalankannya) atau arahkan LKIP_TEST_REDIS ke Redis lain.",
            pytrace=False,
        )


def _env(tmp_path: Path, s3_endpoint: str) -> dict[str, str]:
    """One production-like configuration both instances share."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "LKIP_S3_"))}
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        database = _pg_database(os.environ["DATABASE_URL"])
    else:
        database = f"sqlite:///{tmp_path / 'bersama.sqlite3'}"
    env.update(
        DJANGO_SETTINGS_MODULE="lkip.settings",
        DATABASE_URL=database,
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        SESSION_COOKIE_SECURE="false",
        CSRF_COOKIE_SECURE="false",
        SECURE_HSTS_SECONDS="0",
        CACHE_BACKEND="django.core.cache.backends.redis.RedisCache",
        CACHE_LOCATION=REDIS,
        SESSION_ENGINE="django.contrib.sessions.backends.cached_db",
        DATABASE_CONN_MAX_AGE="60",
        MEDIA_ROOT=str(tmp_path / "media-tidak-dipakai"),
        LOG_PERMINTAAN="false",
        **s3.env_s3(s3_endpoint, prefix=f"uji/dua-instans-{uuid.uuid4().hex}"),
    )
    return env


def _manage(env: dict[str, str], *args: str) -> None:
    run = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert run.returncode == 0, f"manage.py {' '.join(args)}: {run.stdout}\n{run.stderr}"


class _Instans:
    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.port = s3.port_bebas()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "lkip.wsgi", "--no-control-socket",
             "--bind", f"127.0.0.1:{self.port}", "--workers", "2", "--timeout", "60"],
            cwd=ROOT, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT,
            preexec_fn=s3.mati_bersama_induk,
        )  # fmt: skip

    def tunggu_siap(self) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                pytest.fail(f"gunicorn {self.url} berhenti:\n{self.log.read_text()[-3000:]}")
            try:
                if requests.get(f"{self.url}/siap/", timeout=10).status_code == 200:
                    return
            except requests.RequestException:  # not listening yet, or busy starting
                pass
            time.sleep(0.3)
        pytest.fail(f"gunicorn {self.url} tidak siap dalam 60 detik:\n{self.log.read_text()}")

    def berhenti(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()


@pytest.fixture
def dua_instans(tmp_path, s3_endpoint):
    _redis_reachable()
    env = _env(tmp_path, s3_endpoint)
    _manage(env, "migrate", "--noinput")
    _manage(env, "load_demo")
    servers = [_Instans(env, tmp_path / f"gunicorn-{label}.log") for label in "ab"]
    try:
        for server in servers:
            server.tunggu_siap()
        yield servers
    finally:
        for server in servers:
            server.berhenti()


def _csrf(browser: requests.Session, url: str) -> str:
    page = browser.get(url, timeout=30)
    assert page.status_code == 200, (url, page.status_code)
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)


def _login(browser: requests.Session, base: str, username: str) -> None:
    token = _csrf(browser, f"{base}/masuk/")
    done = browser.post(
        f"{base}/masuk/",
        {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token},
        timeout=30,
    )
    assert done.status_code == 200 and "/masuk/" not in done.url, done.text[:500]


def _target_iku2(xlsx: bytes, nilai: str) -> bytes:
    """The exported workbook with IKU-2's 2024 Perjanjian Kinerja target changed."""
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(xlsx))
    ws = wb["Target"]
    header = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        cells = dict(zip(header, row, strict=True))
        key = tuple(cells[c].value for c in ("indikator_kode", "tahun", "jenis", "periode"))
        if key == ("IKU-2", 2024, "pk", "TAHUNAN"):
            cells["nilai"].value = nilai
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


class TwoInstanceTests:
    def test_two_instances_share_files_sessions_and_fresh_data(self, dua_instans):
        a, b = (server.url for server in dua_instans)
        browser = requests.Session()  # cookies of 127.0.0.1 go to both ports, as to one balancer

        # A session started on A is valid on B.
        _login(browser, a, "perencana.dinsos")
        home = browser.get(f"{b}/", timeout=30)
        assert home.status_code == 200 and "/masuk/" not in home.url
        assert "perencana.dinsos" in home.text or "Dinas Sosial" in home.text

        # An evidence file uploaded through A is downloaded through B.
        form_url = f"{a}/data/{OPD}/realisasi/tambah/"
        token = _csrf(browser, form_url)
        page = browser.get(form_url, timeout=30).text
        indikator = re.search(r'<option value="(\d+)"[^>]*>IKU-2\b', page).group(1)
        data = b"%PDF-1.4\n%bukti dua instans " + uuid.uuid4().hex.encode() + b"\n"
        saved = browser.post(
            form_url,
            {"csrfmiddlewaretoken": token, "indikator": indikator, "tahun": "2024",
             "periode": "3", "nilai": "90"},
            files={"bukti": ("surat.pdf", data, "application/pdf")},
            timeout=30,
            allow_redirects=False,
        )  # fmt: skip
        assert saved.status_code == 302, saved.text[:2000]
        listing = browser.get(f"{b}/data/{OPD}/realisasi/", timeout=30).text
        links = set(re.findall(rf"/data/{OPD}/bukti/(\d+)/", listing))
        downloads = {pk: browser.get(f"{b}/data/{OPD}/bukti/{pk}/", timeout=30) for pk in links}
        assert any(r.status_code == 200 and r.content == data for r in downloads.values())

        # A workbook previewed on A (kept in the store, the token in the session) applies on B,
        # and A's dashboard, warm before, shows the new target within the documented time.
        dasbor = f"{a}/dasbor/opd/{OPD}/2024/indikator/IKU-2/"
        for _ in range(4):  # each of A's workers
            page = browser.get(dasbor, timeout=60)
            assert page.status_code == 200 and "81,5" not in page.text
        export = browser.get(f"{a}/impor/{OPD}/ekspor.xlsx", timeout=60)
        assert export.status_code == 200, export.status_code
        token = _csrf(browser, f"{a}/impor/{OPD}/")
        preview = browser.post(
            f"{a}/impor/{OPD}/pratinjau/",
            {"csrfmiddlewaretoken": token},
            files={"berkas": ("dinsos.xlsx", _target_iku2(export.content, "81,5"))},
            timeout=120,
        )
        assert preview.status_code == 200, preview.text[:2000]
        kept = re.search(r'name="token" value="([^"]+)"', preview.text).group(1)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', preview.text).group(1)
        applied = browser.post(
            f"{b}/impor/{OPD}/terapkan/",
            {"csrfmiddlewaretoken": token, "token": kept, "aksi": "terapkan"},
            timeout=120,
        )
        assert applied.status_code == 200 and "diterapkan: 0 baru, 1 diubah" in applied.text
        time.sleep(VERSI_DASBOR_DETIK)
        for _ in range(4):
            assert "81,5" in browser.get(dasbor, timeout=60).text

        # A change saved through A is visible on B: B's report page first (its caches warm),
        # then the narrative changed on A, then B again at once (the report reads the version).
        report = f"{b}/laporan/{OPD}/2024/"
        for _ in range(4):  # each of B's workers
            assert browser.get(report, timeout=60).status_code == 200
        teks = f"Kesimpulan baru {uuid.uuid4().hex}"
        narasi = f"{a}/laporan/{OPD}/2024/narasi/kesimpulan/"
        changed = browser.post(
            narasi,
            {"csrfmiddlewaretoken": _csrf(browser, narasi), "judul": "Kesimpulan", "teks": teks},
            timeout=30,
        )
        assert changed.status_code == 200 and teks in browser.get(narasi, timeout=30).text
        for _ in range(4):
            assert teks in browser.get(report, timeout=60).text

        # Logging out on B ends the session on A too.
        browser.post(f"{b}/keluar/", {"csrfmiddlewaretoken": _csrf(browser, f"{b}/")}, timeout=30)
        assert "/masuk/" in browser.get(f"{a}/data/{OPD}/realisasi/", timeout=30).url
