"""Benchmark: the city at once. 40 agencies (generate_demo_city) rendered again through the queue
(render_kota: PDF, XLSX and DOCX each) by one worker, then by two, in the same run: total time, the
peak resident memory of a worker (with the render children it forks), and the ratio of the two.

Usage: .venv/bin/python bench/render_kota.py [--agencies 40]
"""

import argparse
import os
import tempfile
import time

from _setup import django_with_demo
from pekerja import Pekerja, tunggu

os.environ.setdefault("LKIP_PDF_PROSES", "1")  # one child per render: the workers share 2 cores


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--agencies", type=int, default=40)
    args = parser.parse_args()
    media = tempfile.mkdtemp(prefix="lkip-bench-media-")
    os.environ["MEDIA_ROOT"] = media
    django_with_demo()
    from django.conf import settings
    from django.core.management import call_command

    settings.MEDIA_ROOT = media
    from django_tasks_db.models import DBTaskResult

    from lkip.models import Pemda
    from reports.antrian import kota
    from targets.models import Renstra

    call_command("generate_demo_city", agencies=args.agencies, years=1, seed=1, pemda=2)
    DBTaskResult.objects.all().delete()  # the demo's own renders: not part of this measure
    pemda = Pemda.objects.exclude(opd_set__kode="dinsos-kota-bekasi").get()
    tahun = Renstra.objects.filter(opd__pemda=pemda).values_list("tahun_awal", flat=True).first()
    print(f"{kota.opd_kota(pemda, tahun).count()} agencies of {pemda.nama}, year {tahun}")
    hasil = {}
    for jumlah in (1, 2):
        workers = [Pekerja(media) for _ in range(jumlah)]
        try:
            time.sleep(3)  # the workers are up (Django imported) before the clock starts
            start = time.perf_counter()
            n = kota.susun_ulang(pemda, tahun)
            tunggu(lambda: kota.kemajuan(pemda, tahun).tuntas, detik=4 * 3600)
            total = time.perf_counter() - start
            k = kota.kemajuan(pemda, tahun)
        finally:
            for w in workers:
                w.hentikan()
        puncak = max(w.puncak for w in workers)
        hasil[jumlah] = total
        print(
            f"{jumlah} worker(s): {n} agencies in {total:.1f} s ({total / n:.2f} s each), "
            f"{len(k.gagal)} failed, peak memory of a worker with its render children "
            f"{puncak / 2**20:.0f} MiB",
            flush=True,
        )
        for nama, pesan in k.gagal:
            print(f"  failed: {nama}: {pesan}")
    print(f"ratio 2 workers / 1 worker (total time): {hasil[2] / hasil[1]:.2f}x")
    print(f"machine: {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
