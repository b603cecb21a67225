"""Benchmark: citizens submitting the public survey form, and hitung_ikm over 100.000 responses.

Sets up PostgreSQL database `lkip_skm_bench` (created if missing; never the `test` database),
migrates it, loads the demo agency, creates a service unit, an open period and its public link,
starts gunicorn (2 × cores + 1 sync workers, 127.0.0.1, a free port) and lets 20 concurrent
clients (wrk, one thread) POST complete answers to /s/<token>/ for a bounded time. Each POST is a
new device (wrk keeps no cookies), carries a CSRF cookie and the signed form stamp fetched once,
and is answered 302 (stored) when accepted. Prints responses per second, p50/p90/p99, and the
number stored; then fills the table to 100.000 responses (bulk insert) and times `hitung_ikm`
(one grouped SUM/COUNT per unsur in SQL, then lkip.formulas).

The abuse rules would refuse a bench from one address: the server runs with bench-only settings
SKM_BATAS_PER_KLIEN and SKM_BATAS_PER_UNIT of 10^9 and SKM_WAKTU_ISI_MINIMUM_DETIK=0 (the rules
still run: the cache counters are incremented and the stamp is verified on every POST).

Usage: .venv/bin/python bench/skm.py [--seconds 20] [--clients 20] [--workers 5]
       [--responses 100000]
       [--database postgres://postgres@127.0.0.1:5432/lkip_skm_bench]
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode, urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent))
from dashboard import free_port, manage, request, server_env, start_gunicorn  # noqa: E402

DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/lkip_skm_bench"
AGENCY = "dinsos-kota-bekasi"

WRK_POST = """
wrk.method = "POST"
wrk.body = os.getenv("SKM_BODY")
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) diterima = 0 ditolak = 0 end
function response(status, headers, body)
  if status == 302 then diterima = diterima + 1 else ditolak = ditolak + 1 end
end
done = function(summary, latency, requests)
  local ok, bad = 0, 0
  for _, thread in ipairs(threads) do
    ok = ok + thread:get("diterima")
    bad = bad + thread:get("ditolak")
  end
  io.write(string.format("WRK %d %d %d %.0f %.0f %.0f\\n", summary.requests, ok, bad,
    latency:percentile(50), latency:percentile(90), latency:percentile(99)))
end
"""


def prepare_database(database: str) -> None:
    """Create the bench database if missing; refuse the shared ones."""
    import psycopg

    url = urlparse(database)
    name = url.path.lstrip("/")
    if name in ("test", "postgres", ""):
        sys.exit(f"Basis data '{name}' tidak boleh dipakai untuk benchmark.")
    user = url.username or "postgres"
    admin = f"host={url.hostname} port={url.port or 5432} user={user} dbname=postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
            print(f"basis data {name} dibuat")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--responses", type=int, default=100_000)
    parser.add_argument("--database", default=DEFAULT_DB)
    args = parser.parse_args()

    prepare_database(args.database)
    env = server_env(args.database) | {
        "SKM_BATAS_PER_KLIEN": "1000000000",
        "SKM_BATAS_PER_UNIT": "1000000000",
        "SKM_WAKTU_ISI_MINIMUM_DETIK": "0",
    }
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "createcachetable")
    manage(env, "collectstatic", "--noinput", "-v", "0")
    manage(env, "load_demo")
    os.environ.update({"DATABASE_URL": args.database, "DJANGO_SETTINGS_MODULE": "lkip.settings"})
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import django

    django.setup()
    from lkip.models import PerangkatDaerah
    from skm.models import JenisPeriode, PeriodeSurvei, Responden, TautanSurvei, UnitLayanan

    opd = PerangkatDaerah.objects.get(kode=AGENCY)
    unit, _ = UnitLayanan.objects.get_or_create(opd=opd, nama="Loket Bench")
    periode, _ = PeriodeSurvei.objects.get_or_create(
        opd=opd, tahun=2024, jenis=JenisPeriode.TAHUN, ke=1
    )
    tautan, _ = TautanSurvei.objects.get_or_create(unit_layanan=unit, periode=periode)
    Responden.objects.filter(opd=opd).delete()

    port = free_port()
    proc = start_gunicorn(env, port, args.workers)
    try:
        status, cookies, body = request(port, f"/s/{tautan.token}/", {})
        if status != 200:
            sys.exit(f"formulir: HTTP {status}")
        html = body.decode()
        csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        mulai = re.search(r'name="mulai" value="([^"]+)"', html).group(1)
        print(f"halaman formulir: {len(body):,} byte HTML".replace(",", "."))
        form = {"csrfmiddlewaretoken": csrf, "mulai": mulai, "situs_web": "", "komentar": "bench"}
        form |= {f"u{i}": str(1 + (i % 4)) for i in range(1, 10)}
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
            script.write(WRK_POST)
        try:
            out = subprocess.run(
                [
                    "wrk",
                    "-t1",
                    f"-c{args.clients}",
                    f"-d{max(1, round(args.seconds))}s",
                    "--timeout",
                    "10s",
                    "-s",
                    script.name,
                    "-H",
                    "Cookie: " + "; ".join(f"{k}={v}" for k, v in cookies.items()),
                    f"http://127.0.0.1:{port}/s/{tautan.token}/",
                ],
                capture_output=True,
                text=True,
                check=True,
                env=os.environ | {"SKM_BODY": urlencode(form)},
            ).stdout
        finally:
            os.unlink(script.name)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    line = next(x for x in out.splitlines() if x.startswith("WRK "))
    total, ok, bad, p50, p90, p99 = (int(x) for x in line.split()[1:])
    stored = Responden.objects.filter(opd=opd).count()
    print(
        f"{args.clients} klien, {args.seconds:.0f} detik, {args.workers} worker gunicorn: "
        f"{ok / args.seconds:.1f} jawaban/detik diterima; p50 {p50 / 1000:.1f} ms, "
        f"p90 {p90 / 1000:.1f} ms, p99 {p99 / 1000:.1f} ms; {bad} ditolak/galat; "
        f"{stored} tersimpan"
    )

    need = args.responses - stored
    started = time.perf_counter()
    batch = []
    for i in range(max(0, need)):
        jawaban = {f"u{k}": 1 + (i * k) % 4 if (i + k) % 23 else None for k in range(1, 10)}
        batch.append(
            Responden(opd=opd, unit_layanan=unit, periode=periode, tanggal=periode.mulai, **jawaban)
        )
        if len(batch) == 10_000:
            Responden.objects.bulk_create(batch)
            batch = []
    Responden.objects.bulk_create(batch)
    print(
        f"isi sampai {args.responses:,} jawaban: {time.perf_counter() - started:.1f} detik".replace(
            ",", "."
        )
    )
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE skm_responden")
    from io import StringIO

    from django.core.management import call_command

    times = []
    for _ in range(3):
        started = time.perf_counter()
        call_command("hitung_ikm", "--org", AGENCY, "--year", "2024", stdout=(buf := StringIO()))
        times.append(time.perf_counter() - started)
    print(buf.getvalue().splitlines()[-6])
    jumlah = f"{Responden.objects.filter(opd=opd).count():,}".replace(",", ".")
    print(
        f"hitung_ikm atas {jumlah} jawaban: terbaik {min(times):.3f} detik, "
        f"terburuk {max(times):.3f} detik (target < 2 detik)"
    )


if __name__ == "__main__":
    main()
