"""The background worker for the tests: one real `manage.py db_worker` process per test session,
against the test database and the tests' file storage, started by the first test that asks for
it (the `pekerja` fixture in tests/conftest.py).

It works only the session's own queue (`LKIP_ANTRIAN`): a test that wants its work done sets that
queue (the fixture does); any other test's queued renders wait in the default queue, which no
worker reads, and cost nothing.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def url_basis_data(settings_dict: dict) -> str:
    """DATABASE_URL of the (test) database this process uses."""
    if settings_dict["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{settings_dict['NAME']}"
    user = settings_dict.get("USER") or ""
    password = f":{settings_dict['PASSWORD']}" if settings_dict.get("PASSWORD") else ""
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{settings_dict['NAME']}"


class Pekerja:
    """A db_worker process: its queue, its storage prefix, its log."""

    def __init__(
        self, database_url: str, media_root: Path, log: Path, *, grup: bool = False, **extra: str
    ) -> None:
        """`grup`: in a process group of its own, as a service runs (hentikan_layanan)."""
        self.antrian = f"uji-{uuid.uuid4().hex[:12]}"
        self.prefix = f"uji/pekerja-{uuid.uuid4().hex}" if os.environ.get("LKIP_S3_BUCKET") else ""
        env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_ALLOW")}
        env.update(
            DATABASE_URL=database_url,
            MEDIA_ROOT=str(media_root),
            LKIP_ANTRIAN=self.antrian,
            LKIP_S3_PREFIX=self.prefix,
            LOG_LEVEL="WARNING",
            **extra,
        )
        self.log = log
        self.proc = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--no-reload", "--interval", "0.2",
             "--no-startup-delay", "--queue-name", self.antrian],
            cwd=ROOT, env=env, stdout=log.open("ab"), stderr=subprocess.STDOUT,
            start_new_session=grup,
        )  # fmt: skip

    def kosongkan(self, detik: float = 120) -> None:
        """Drop its waiting tasks and wait for the running one to end (a test's tables are
        emptied after it: a task whose row vanished under it would end the worker)."""
        from django_tasks_db.compat import TaskResultStatus
        from django_tasks_db.models import DBTaskResult

        tasks = DBTaskResult.objects.filter(queue_name=self.antrian)
        tasks.filter(status=TaskResultStatus.READY).delete()
        tunggu(
            lambda: (
                self.proc.poll() is not None
                or not tasks.filter(status=TaskResultStatus.RUNNING).exists()
            ),
            detik,
            "pekerja selesai dengan tugasnya",
        )

    def hentikan(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def anak(self) -> list[int]:
        """The copies of itself it forked (a PDF render's children), not the programs it runs
        (a library lookup's gcc)."""
        found: list[int] = []
        for task in Path(f"/proc/{self.proc.pid}/task").iterdir():
            try:
                pids = (task / "children").read_text().split()
            except (FileNotFoundError, ProcessLookupError):  # the thread ended meanwhile
                continue
            for pid in pids:
                try:
                    if b"db_worker" in Path(f"/proc/{pid}/cmdline").read_bytes():
                        found.append(int(pid))
                except (FileNotFoundError, ProcessLookupError):  # ended meanwhile
                    pass
        return found

    def hentikan_layanan(self) -> None:
        """SIGTERM to its whole process group, as systemd stops a service: the worker and the
        render child it forked both receive it."""
        os.killpg(self.proc.pid, signal.SIGTERM)
        self.proc.wait(timeout=120)

    def bunuh(self) -> None:
        """Kill it at once (SIGKILL: no cleanup), as the kernel's OOM killer would."""
        self.proc.kill()
        self.proc.wait()


def tunggu[T](cek: Callable[[], T], detik: float = 90, pesan: str = "") -> T:
    """Wait until `cek()` answers something true; its answer."""
    batas = time.monotonic() + detik
    while True:
        hasil = cek()
        if hasil:
            return hasil
        if time.monotonic() > batas:
            raise AssertionError(f"tidak terjadi dalam {detik} detik: {pesan}")
        time.sleep(0.3)


def kerjakan_antrian(batas_detik: float | None = None) -> int:
    """Run the queued tasks in this process, as the worker would; how many.

    For tests whose data lives in their own uncommitted transaction (the `db` fixture), which a
    worker process cannot see: the task functions themselves run, with their real renders, under
    the worker's render limit (lkip/settings.py gives the worker LKIP_RENDER_BATAS_DETIK) or
    `batas_detik`.
    """
    from django.conf import settings
    from django.test import override_settings
    from django_tasks_db.models import DBTaskResult

    count = 0
    limit = batas_detik or settings.LKIP_RENDER_BATAS_DETIK
    with override_settings(LKIP_PDF_BATAS_DETIK=limit):
        while True:
            pending = DBTaskResult.objects.ready().order_by("enqueued_at").first()
            if pending is None:
                return count
            # A task that queues itself again would keep this loop (and the test) going forever.
            assert count < 200, f"antrian tidak pernah kosong: {pending.task_path} terus diantrekan"
            pending.claim("uji")
            result = pending.task_result
            pending.task.call(*result.args, **result.kwargs)
            pending.set_successful(None)
            count += 1
