"""The lease a worker holds on the work it is doing, renewed from a thread while it works: a worker
that dies (killed, out of memory, the machine restarted) stops renewing, the lease lapses, and the
work is taken up again by another task (LKIP_RENDER_SEWA_DETIK)."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, OperationalError, connection
from django.db.models import QuerySet
from django.utils import timezone

logger = logging.getLogger("lkip.antrian")


#: Pauses (s) before a claim is tried again when the database refuses it at once. SQLite does
#: ("database is locked") when the claim's read turns into a write while another process writes
#: the file; PostgreSQL waits instead. A task that failed there left its work marked as waiting
#: with no task to do it: "sedang disiapkan" for ever (render_kota --tunggu waited for ever in CI).
JEDA_AMBIL = [0.2, 0.5, 1.0, 2.0, 4.0, 8.0]


def ambil_lagi_bila_terkunci[T](ambil: Callable[[], T], apa: str) -> T:
    """`ambil()` (a task's claim of its work), tried again after the pauses above while the
    database refuses it at once; the last refusal is raised."""
    for jeda in (*JEDA_AMBIL, None):
        try:
            return ambil()
        except OperationalError:
            if jeda is None:
                raise
            logger.warning("%s: basis data terkunci; dicoba lagi dalam %s detik", apa, jeda)
            time.sleep(jeda)
    raise AssertionError("tidak tercapai")  # the last attempt returns or raises


def sewa() -> timedelta:
    return timedelta(seconds=settings.LKIP_RENDER_SEWA_DETIK)


class PerpanjangSewa:
    """While the block runs, a thread sets `sewa_sampai` of the rows every third of the lease."""

    def __init__(self, rows: QuerySet) -> None:
        self.rows = rows
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True, name="sewa")

    def _run(self) -> None:
        try:
            while not self.stop.wait(settings.LKIP_RENDER_SEWA_DETIK / 3):
                try:
                    self.rows.update(sewa_sampai=timezone.now() + sewa())
                except DatabaseError as exc:  # busy: the next renewal comes within the lease
                    logger.warning("Sewa tidak dapat diperpanjang: %s", exc)
        finally:
            connection.close()  # this thread's own connection

    def __enter__(self) -> None:
        self.thread.start()

    def __exit__(self, *exc) -> None:
        self.stop.set()
        self.thread.join()
