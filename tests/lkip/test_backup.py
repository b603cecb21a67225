"""Backups that restore: the demo with a signed LKIP, backed up and restored into a fresh instance.

Each instance is a real one: `manage.py` processes on their own database and file storage (SQLite,
and PostgreSQL too when the suite runs with DATABASE_URL pointing at it; a MEDIA_ROOT of its own,
or with the files in S3 a prefix of its own in the test bucket).
"""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TANDA_TANGANI = """
from django.contrib.auth import get_user_model
from lkip.models import PerangkatDaerah
from reports import workflow
from reports.models import LaporanTahunan, StatusLaporan
opd = PerangkatDaerah.objects.get(kode="dinsos-kota-bekasi")
LaporanTahunan.objects.update_or_create(
    opd=opd, tahun=2024, defaults={"status": StatusLaporan.DIAJUKAN}
)
lap = LaporanTahunan.objects.get(opd=opd, tahun=2024)
kepala = get_user_model().objects.get(username="kepala.dinsos")
workflow.setujui_dan_tandatangani(lap, kepala)
"""

SIMPAN_BUKTI = """
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
default_storage.save("bukti/a.pdf", ContentFile(b"%PDF-1.4 bukti"))
"""
ISI_PENYIMPANAN = """
from django.core.files.storage import default_storage
try:
    dirs, files = default_storage.listdir("")
except FileNotFoundError:
    dirs, files = [], []
print(dirs, files)
"""


def _databases():
    urls = ["sqlite"]
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        urls.append("postgres")
    return urls


_CREATED: list[str] = []


def _pg_database(base: str) -> str:
    """A new, empty PostgreSQL database beside the test one (dropped after the test)."""
    import psycopg

    name = f"lkip_cadangan_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    _CREATED.append(name)
    return base.rsplit("/", 1)[0] + "/" + name


@pytest.fixture(autouse=True)
def _drop_created_databases():
    yield
    if _CREATED:
        import psycopg

        with psycopg.connect(os.environ["DATABASE_URL"], autocommit=True) as conn:
            while _CREATED:
                conn.execute(f'DROP DATABASE IF EXISTS "{_CREATED.pop()}" WITH (FORCE)')


def _instance(tmp_path: Path, label: str, vendor: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env["DJANGO_SETTINGS_MODULE"] = "lkip.settings"
    env["MEDIA_ROOT"] = str(tmp_path / f"media-{label}")
    if env.get("LKIP_S3_BUCKET"):
        env["LKIP_S3_PREFIX"] = f"uji/cadangan-{uuid.uuid4().hex}/{label}"
    if vendor == "sqlite":
        env["DATABASE_URL"] = f"sqlite:///{tmp_path / f'{label}.sqlite3'}"
    else:
        env["DATABASE_URL"] = _pg_database(os.environ["DATABASE_URL"])
    return env


def manage(env: dict[str, str], *args: str, check: bool = True) -> subprocess.CompletedProcess:
    run = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if check and run.returncode != 0:
        raise AssertionError(f"manage.py {' '.join(args)}: {run.stdout}\n{run.stderr}")
    return run


@pytest.mark.parametrize("vendor", _databases())
class BackupTests:
    def test_a_restored_instance_renders_the_same_report_and_verifies_the_same_signed_pdf(
        self, tmp_path, vendor
    ):
        asal = _instance(tmp_path, "asal", vendor)
        manage(asal, "migrate", "--noinput")
        manage(asal, "createcachetable")
        manage(asal, "load_demo")
        manage(asal, "shell", "-c", TANDA_TANGANI)
        manage(asal, "render_lkip", "--org", "dinsos-kota-bekasi", "--year", "2024",
               "--format", "html", "--output", str(tmp_path / "asal.html"))  # fmt: skip
        manage(asal, "render_lkip", "--org", "dinsos-kota-bekasi", "--year", "2024",
               "--signed", "--output", str(tmp_path / "asal.pdf"))  # fmt: skip
        cadangan = tmp_path / "cadangan"
        manage(asal, "cadangkan", str(cadangan))
        assert (cadangan / "manifest.json").is_file()

        baru = _instance(tmp_path, "baru", vendor)
        out = manage(baru, "pulihkan", str(cadangan)).stdout
        assert "checksum cocok" in out
        manage(baru, "render_lkip", "--org", "dinsos-kota-bekasi", "--year", "2024",
               "--format", "html", "--output", str(tmp_path / "baru.html"))  # fmt: skip
        manage(baru, "render_lkip", "--org", "dinsos-kota-bekasi", "--year", "2024",
               "--signed", "--output", str(tmp_path / "baru.pdf"))  # fmt: skip
        assert (tmp_path / "baru.html").read_bytes() == (tmp_path / "asal.html").read_bytes()
        assert (tmp_path / "baru.pdf").read_bytes() == (tmp_path / "asal.pdf").read_bytes()
        verified = manage(baru, "verify_lkip", str(tmp_path / "asal.pdf"), check=False)
        assert verified.returncode == 0, verified.stdout + verified.stderr

        again = manage(baru, "pulihkan", str(cadangan), check=False)
        assert again.returncode != 0
        assert "tidak kosong" in again.stderr

    def test_a_damaged_backup_is_refused_before_anything_is_written(self, tmp_path, vendor):
        asal = _instance(tmp_path, "asal", vendor)
        manage(asal, "migrate", "--noinput")
        manage(asal, "shell", "-c", SIMPAN_BUKTI)
        cadangan = tmp_path / "cadangan"
        manage(asal, "cadangkan", str(cadangan))
        (cadangan / "files" / "bukti" / "a.pdf").write_bytes(b"%PDF-1.4 diubah")
        baru = _instance(tmp_path, "baru", vendor)
        refused = manage(baru, "pulihkan", str(cadangan), check=False)
        assert refused.returncode != 0
        assert "Checksum berkas files/bukti/a.pdf tidak cocok" in refused.stderr
        assert manage(baru, "shell", "-c", ISI_PENYIMPANAN).stdout.splitlines()[-1] == "[] []"
