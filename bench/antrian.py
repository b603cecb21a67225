"""Part of bench/report.py: the LKIP rendered ahead by the background worker. With a real
db_worker process against the bench database: the time from a data change (a realisation saved)
to a fresh PDF being available for download, and the download time of a ready render (median,
through the whole Django stack: session, permissions, data version, the file from the storage)."""

from __future__ import annotations

import os
import statistics
import tempfile
import time

from pekerja import Pekerja, tunggu


def cetak_antrian(runs: int) -> None:
    from django.conf import settings
    from django.test import Client

    from lkip.models import PerangkatDaerah
    from reports.antrian import render
    from reports.models import FormatLaporan
    from targets.models import Realisasi

    media = str(settings.MEDIA_ROOT)  # the worker's files and this process's: the same storage
    settings.ALLOWED_HOSTS = ["*"]
    opd = PerangkatDaerah.objects.get(kode="dinsos-kota-bekasi")
    worker = Pekerja(media)
    try:
        siap = lambda: render.keadaan(opd, 2024, FormatLaporan.PDF).siap  # noqa: E731
        tunggu(siap)  # the first render (queued by the demo's load or now)
        changes = []
        real = Realisasi.objects.filter(indikator__opd=opd, tahun=2024).exclude(nilai=None).first()
        for _ in range(runs):
            real.nilai += 1
            real.save()  # committed: the render is queued on commit
            start = time.perf_counter()
            tunggu(siap)
            changes.append(time.perf_counter() - start)
        client = Client()
        client.force_login(opd.penugasan_set.get(user__username="kepala.dinsos").user)
        downloads = []
        for _ in range(max(runs, 20)):
            start = time.perf_counter()
            response = client.get("/laporan/dinsos-kota-bekasi/2024/lkip.pdf")
            downloads.append(time.perf_counter() - start)
            assert response["Content-Type"] == "application/pdf", (
                response.status_code,
                response.content[:300],
            )
    finally:
        worker.hentikan()
    print(
        f"data change -> fresh PDF available (worker, median of {runs}): "
        f"{statistics.median(changes):.1f} s (all: {', '.join(f'{t:.1f}' for t in changes)})"
    )
    print(
        f"download of a ready render (median of {len(downloads)}): "
        f"{statistics.median(downloads) * 1000:.1f} ms (target < 100 ms; "
        f"max {max(downloads) * 1000:.1f} ms)"
    )


if __name__ == "__main__":  # this part alone: .venv/bin/python bench/antrian.py [--runs N]
    import argparse

    from _setup import django_with_demo

    os.environ["MEDIA_ROOT"] = tempfile.mkdtemp(prefix="lkip-bench-media-")
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    django_with_demo()
    cetak_antrian(parser.parse_args().runs)
