"""Benchmark: the dashboards at city scale under gunicorn and PostgreSQL.

Sets up PostgreSQL database `lkip_dash_bench` (created if missing; never the `test` database),
migrates it, loads the demo agency and generates the synthetic city (40 agencies × 3 years, seed 1)
unless it is there already; with `--skala provinsi` the database `lkip_dash_bench_provinsi` and a
province of 30 such pemda (1.200 agencies, `generate_demo_city --pemda 30`, its time printed). Then
it updates the planner's statistics (ANALYZE, as autovacuum would after a bulk load), starts
gunicorn (2 × cores + 1 workers, 127.0.0.1, a free port, no control socket), logs in as the demo
Inspektorat, and drives each page with 20 concurrent clients for a bounded time: 20 connections from
wrk (Debian's package `wrk`, C: it takes little of the two cores the server needs), or, without wrk
or with `--client python`, 20 Python threads in 4 processes, which take about as much CPU as the
server and so measure mostly themselves. Prints, per page: the first request with an empty cache;
the first request after a data change (one realisation of one agency of the pemda saved through the
ORM by another process, then, once the servers' kept version has expired, one request: the median of
several such changes and the slowest), and for the pemda dashboard at province scale the same after
a change in another pemda, and its load figures again while another process keeps saving data of
other pemda (`--tulis-lain`); requests per second, p50, p90 and p99 latency; and, as a reference for
how busy the machine is, the same for Django's login page (anonymous, no database query), with the
load average. Two configurations in the same run: A, the default (sessions and cache in PostgreSQL),
and B, the README's production setting (cache and sessions in Redis, sessions written through to
PostgreSQL), with the ratio of their throughputs.

Usage: .venv/bin/python bench/dashboard.py [--skala kota|provinsi] [--seconds 20] [--clients 20]
       [--workers 5] [--client wrk|python] [--perubahan 5] [--tulis-lain 0.5]
       [--database postgres://postgres@127.0.0.1:5432/lkip_dash_bench]
       [--redis redis://127.0.0.1:6379/5]
"""

from __future__ import annotations

import argparse
import http.client
import multiprocessing
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode, urlparse

ROOT = Path(__file__).resolve().parent.parent
VERSI_DASBOR_DETIK = 1.0  # reports/dashboard/versi.py (not imported: this script sets up no Django)
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
DEFAULT_DB = {
    "kota": "postgres://postgres@127.0.0.1:5432/lkip_dash_bench",
    "provinsi": "postgres://postgres@127.0.0.1:5432/lkip_dash_bench_provinsi",
}
PEMDA = {"kota": 1, "provinsi": 30}
AGENCY = "disdik-kota-bekasi"
OTHER_AGENCY = "disdik-sintetis-02"  # an agency of another pemda (province scale only)
YEAR = 2025
# p50, p99 and the first request after a data change, in ms (None: no target)
TARGETS = {
    "kota": {"pemda dashboard": (50, 250, 300), "agency dashboard": (30, None, None)},
    "provinsi": {"pemda dashboard": (None, 250, 1000)},
}


def server_env(database: str, redis_url: str | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DATABASE_URL": database,
            "DATABASE_CONN_MAX_AGE": "60",
            "DEBUG": "false",
            "SECRET_KEY": "bench-only-" + "k" * 50,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            # Plain HTTP on the loopback: no HTTPS redirect, cookies without the Secure flag.
            "SECURE_SSL_REDIRECT": "false",
            "SESSION_COOKIE_SECURE": "false",
            "CSRF_COOKIE_SECURE": "false",
            "DJANGO_SETTINGS_MODULE": "lkip.settings",
            # The per-request log line (on in production) would fill this script's output.
            "LOG_PERMINTAAN": "false",
        }
    )
    # The production setting of the README: cache and sessions in Redis (sessions also in the DB).
    if redis_url:
        env.update(
            {
                "CACHE_BACKEND": "django.core.cache.backends.redis.RedisCache",
                "CACHE_LOCATION": redis_url,
                "SESSION_ENGINE": "django.contrib.sessions.backends.cached_db",
            }
        )
    return env


def manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        sys.exit(f"manage.py {' '.join(args)} gagal:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def prepare(database: str, pemda: int) -> dict[str, str]:
    import psycopg

    url = urlparse(database)
    name = url.path.lstrip("/")
    if name in ("test", "postgres", ""):
        sys.exit(f"Basis data '{name}' tidak boleh dipakai untuk benchmark.")
    admin = (
        f"host={url.hostname} port={url.port or 5432} user={url.username or 'postgres'} "
        "dbname=postgres"
    )
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
            print(f"basis data {name} dibuat")
    env = server_env(database)
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "createcachetable")
    manage(env, "collectstatic", "--noinput", "-v", "0")  # served by WhiteNoise, as in production
    manage(env, "load_demo")
    started = time.perf_counter()
    command = ["generate_demo_city", "--agencies", "40", "--years", "3", "--seed", "1"]
    out = subprocess.run(
        [PYTHON, "manage.py", *command, "--pemda", str(pemda)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    made = [line for line in out.stdout.splitlines() if "dibuat dalam" in line]
    if out.returncode == 0 and made:
        print(
            f"{made[0]}\n{len(made)} pemda dibuat, {40 * len(made)} perangkat daerah: "
            f"{time.perf_counter() - started:.1f} detik (perintah)"
        )
    elif out.returncode == 0 or "dua kali" in out.stderr:
        print(f"data sintetis sudah ada ({pemda} pemda × 40 perangkat daerah × 3 tahun, seed 1)")
    else:
        sys.exit(out.stderr)
    # The planner's statistics, as autovacuum would gather them some time after a bulk load.
    with psycopg.connect(database.replace("postgres://", "postgresql://"), autocommit=True) as conn:
        conn.execute("ANALYZE")
    return env


CHANGE = """
from decimal import Decimal
from targets.models import Realisasi
r = Realisasi.objects.filter(indikator__opd__kode={kode!r}, tahun={tahun}).order_by("pk").first()
r.nilai += Decimal("0.01") if r.nilai < 50 else Decimal("-0.01")
r.save()
"""


def change_data(env: dict[str, str], kode: str) -> None:
    """One realisation of the agency saved through the ORM (a history row, as a user's edit)."""
    manage(env, "shell", "-c", CHANGE.format(kode=kode, tahun=YEAR))


WRITER = """
import time
from decimal import Decimal
from targets.models import Realisasi
ids = list(
    Realisasi.objects.filter(indikator__opd__pemda__nama__startswith="Pemerintah Kota Sintetis")
    .order_by("pk")
    .values_list("pk", flat=True)[:: 97]
)
i = 0
while True:
    r = Realisasi.objects.get(pk=ids[i % len(ids)])
    r.nilai += Decimal("0.01") if r.nilai < 50 else Decimal("-0.01")
    r.save()
    i += 1
    time.sleep({interval})
"""


def start_writer(env: dict[str, str], interval: float) -> subprocess.Popen:
    """Another process saving a realisation of an agency of another pemda every `interval` s."""
    return subprocess.Popen(
        [PYTHON, "manage.py", "shell", "-c", WRITER.format(interval=interval)],
        cwd=ROOT,
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(
    env: dict[str, str], port: int, workers: int, threads: int = 1
) -> subprocess.Popen:
    proc = subprocess.Popen(
        [
            GUNICORN,
            "lkip.wsgi:application",
            "--no-control-socket",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    for _ in range(100):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return proc
        except OSError:
            time.sleep(0.1)
    proc.terminate()
    sys.exit("gunicorn tidak mau mulai")


def request(
    port: int,
    path: str,
    cookies: dict[str, str],
    method: str = "GET",
    body: str | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    all_headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()), **(headers or {})}
    conn.request(method, path, body=body, headers=all_headers)
    response = conn.getresponse()
    data = response.read()
    set_cookies = {}
    for key, value in response.getheaders():
        if key.lower() == "set-cookie":
            name, _, rest = value.partition("=")
            set_cookies[name] = rest.split(";", 1)[0]
    conn.close()
    return response.status, set_cookies, data


def login(port: int, username: str, password: str) -> dict[str, str]:
    status, cookies, body = request(port, "/masuk/", {})
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
    form = urlencode(
        {"username": username, "password": password, "csrfmiddlewaretoken": token, "next": "/"}
    )
    status, more, _ = request(
        port,
        "/masuk/",
        cookies,
        "POST",
        form,
        {"Content-Type": "application/x-www-form-urlencoded"},
    )
    cookies |= more
    if status != 302 or "sessionid" not in cookies:
        sys.exit(f"login gagal ({status})")
    return cookies


def clear_cache(database: str, redis_url: str | None) -> None:
    if redis_url:
        import redis

        redis.Redis.from_url(redis_url).flushdb()
        return
    import psycopg

    with psycopg.connect(database.replace("postgres://", "postgresql://"), autocommit=True) as conn:
        conn.execute("DELETE FROM lkip_cache")


def redis_available(url: str) -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


def _drive_threads(
    port: int, path: str, cookies: dict[str, str], deadline: float, threads: int
) -> tuple[list[float], int]:
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()

    def worker() -> None:
        mine, failed = [], 0
        while time.time() < deadline:
            start = time.perf_counter()
            try:
                status, _, _ = request(port, path, cookies)
            except OSError:
                status = 0
            mine.append(time.perf_counter() - start)
            failed += status != 200
        with lock:
            latencies.extend(mine)
            errors[0] += failed

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    return latencies, errors[0]


def _drive_process(args) -> tuple[list[float], int]:
    return _drive_threads(*args)


def drive_python(
    port: int, path: str, cookies: dict[str, str], seconds: float, clients: int
) -> tuple[list[float], int]:
    """`clients` concurrent clients, each sending its next request when the last one is answered.

    The clients run as threads spread over a few processes, so that one interpreter lock does not
    delay the clock readings (which would inflate the measured latencies).
    """
    processes = max(1, min(4, clients // 5))
    per = [clients // processes + (1 if i < clients % processes else 0) for i in range(processes)]
    deadline = time.time() + seconds
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        results = pool.map(_drive_process, [(port, path, cookies, deadline, n) for n in per])
    return [x for lat, _ in results for x in lat], sum(err for _, err in results)


WRK_SCRIPT = """
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) bukan200 = 0 end
function response(status, headers, body) if status ~= 200 then bukan200 = bukan200 + 1 end end
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout
  for _, thread in ipairs(threads) do errors = errors + thread:get("bukan200") end
  io.write(string.format("WRK %d %d %.0f %.0f %.0f\\n", summary.requests, errors,
    latency:percentile(50), latency:percentile(90), latency:percentile(99)))
end
"""


@dataclass
class Hasil:
    """One page driven for a while: requests answered, failures, latency percentiles in ms."""

    requests: int
    errors: int
    p50: float
    p90: float
    p99: float


def drive(
    port: int, path: str, cookies: dict[str, str], seconds: float, clients: int, client: str
) -> Hasil:
    if client == "python":
        latencies, errors = drive_python(port, path, cookies, seconds, clients)
        p50, p90, p99 = (percentile(latencies, p) * 1000 for p in (50, 90, 99))
        return Hasil(len(latencies), errors, p50, p90, p99)
    return drive_wrk(port, path, cookies, seconds, clients)


def drive_wrk(port: int, path: str, cookies: dict[str, str], seconds: float, clients: int) -> Hasil:
    """`clients` connections from wrk (C, one thread: it needs little of the CPU the server shares).

    Every answer other than 200 counts as an error, as in the Python driver (a redirect to the login
    page would otherwise be a fast success).

    Each connection sends its next request when the last one is answered; gunicorn's sync workers
    close the connection after each response, so every request opens a new one, as a browser's
    first request does.
    """
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT)
    try:
        command = [
            "wrk",
            "-t1",
            f"-c{clients}",
            f"-d{max(1, round(seconds))}s",
            "--timeout",
            "10s",
            "-s",
            script.name,
            "-H",
            "Cookie: " + "; ".join(f"{k}={v}" for k, v in cookies.items()),
            f"http://127.0.0.1:{port}{path}",
        ]
        out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(script.name)
    line = next(line for line in out.splitlines() if line.startswith("WRK "))
    requests, errors, p50, p90, p99 = (int(x) for x in line.split()[1:])
    return Hasil(requests, errors, p50 / 1000, p90 / 1000, p99 / 1000)  # wrk reports microseconds


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def first_request(port: int, path: str, cookies: dict[str, str]) -> float:
    start = time.perf_counter()
    status, _, _ = request(port, path, cookies)
    elapsed = (time.perf_counter() - start) * 1000
    if status != 200:
        sys.exit(f"{path}: HTTP {status}")
    return elapsed


def after_change(
    env: dict[str, str], port: int, path: str, cookies: dict[str, str], kode: str, times: int
) -> list[float]:
    """The first request after each of `times` changes of one realisation of agency `kode`."""
    out = []
    for _ in range(times):
        request(port, path, cookies)  # warm before the change
        change_data(env, kode)
        # Each server process reuses the data version it read for up to a second (a write in
        # another process shows within that time; see reports/dashboard/versi.py).
        time.sleep(VERSI_DASBOR_DETIK + 0.2)
        out.append(first_request(port, path, cookies))
    return out


def _load() -> str:
    return "beban " + " ".join(f"{x:.2f}".replace(".", ",") for x in os.getloadavg())


def run(label: str, args, database: str, redis_url: str | None) -> dict[str, float]:
    env = server_env(database, redis_url)
    port = free_port()
    proc = start_gunicorn(env, port, args.workers, args.threads)
    results: dict[str, float] = {}
    targets = TARGETS[args.skala]
    try:
        cookies = login(port, "inspektorat.bekasi", "lkip-demo-2024")
        pages = {
            "pemda dashboard": f"/dasbor/?tahun={YEAR}",
            "agency dashboard": f"/dasbor/opd/{AGENCY}/{YEAR}/",
            "report HTML": f"/laporan/{AGENCY}/{YEAR}/",
        }
        print(f"\n{label}")
        print(
            f"{'halaman':18} {'cache kosong':>12} {'setelah perubahan':>22} "
            f"{'permintaan/dtk':>15} {'p50':>8} {'p90':>8} {'p99':>8} {'galat':>6}"
        )
        # The floor on this machine right now: Django's login page, anonymous (no query at all).
        floor = drive(port, "/masuk/", {}, min(args.seconds, 10), args.clients, args.client)
        print(
            f"{'(acuan) /masuk/':18} {'':>12} {'':>22} "
            f"{floor.requests / min(args.seconds, 10):>15.1f} "
            f"{floor.p50:>5.1f} ms {floor.p90:>5.1f} ms {floor.p99:>5.1f} ms {floor.errors:>6}  "
            f"tanpa basis data: batas bawah mesin ini saat ini ({_load()})"
        )
        for name, path in pages.items():
            clear_cache(database, redis_url)
            first = first_request(port, path, cookies)
            changed = sorted(after_change(env, port, path, cookies, AGENCY, args.perubahan))
            median = changed[len(changed) // 2]
            elsewhere = ""
            if args.skala == "provinsi" and name == "pemda dashboard":
                other = sorted(after_change(env, port, path, cookies, OTHER_AGENCY, 3))
                elsewhere = f"; setelah perubahan di pemda lain: {other[1]:.0f} ms (median dari 3)"
            hasil = drive(port, path, cookies, args.seconds, args.clients, args.client)
            rps, p50, p90, p99, errors = (
                hasil.requests / args.seconds,
                hasil.p50,
                hasil.p90,
                hasil.p99,
                hasil.errors,
            )
            results[name] = rps
            target = targets.get(name)
            verdict = ""
            if target:
                t50, t99, tcold = target
                ok = (
                    (t50 is None or p50 < t50)
                    and (t99 is None or p99 < t99)
                    and (tcold is None or median < tcold)
                )
                wanted = [
                    f"{what} < {limit} ms"
                    for what, limit in (("p50", t50), ("p99", t99), ("setelah perubahan", tcold))
                    if limit is not None
                ]
                verdict = (
                    "  memenuhi target" if ok else f"  TIDAK memenuhi target ({', '.join(wanted)})"
                )
            print(
                f"{name:18} {first:>9.0f} ms {median:>8.0f} ms (maks {changed[-1]:>5.0f}) "
                f"{rps:>15.1f} {p50:>5.1f} ms {p90:>5.1f} ms "
                f"{p99:>5.1f} ms {errors:>6}{verdict}{elsewhere}  ({_load()})"
            )
            if args.skala == "provinsi" and name == "pemda dashboard" and args.tulis_lain:
                # The province at work: the other pemda's staff keep saving, and every save moves
                # the global data version this pemda's page is first looked up under.
                writer = start_writer(env, args.tulis_lain)
                try:
                    time.sleep(3)  # Django started, writing
                    busy = drive(port, path, cookies, args.seconds, args.clients, args.client)
                finally:
                    os.killpg(writer.pid, signal.SIGTERM)
                    writer.wait(timeout=30)
                every = f"{args.tulis_lain:g}".replace(".", ",")
                print(
                    f"{'  + pemda lain menulis':24} {'':>30} {busy.requests / args.seconds:>9.1f} "
                    f"{busy.p50:>5.1f} ms {busy.p90:>5.1f} ms {busy.p99:>5.1f} ms "
                    f"{busy.errors:>6}  (satu realisasi pemda lain disimpan tiap {every} detik; "
                    f"{_load()})"
                )
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--skala",
        choices=("kota", "provinsi"),
        default="kota",
        help="kota: 1 pemda × 40 perangkat daerah; provinsi: 30 pemda × 40 (1.200)",
    )
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument(
        "--perubahan",
        type=int,
        default=5,
        help="berapa kali data diubah untuk mengukur permintaan pertama setelah perubahan",
    )
    parser.add_argument(
        "--tulis-lain",
        type=float,
        default=0.5,
        help=(
            "skala provinsi: ukur dasbor pemda sekali lagi sementara proses lain menyimpan satu "
            "realisasi pemda lain tiap sekian detik (0: tidak)"
        ),
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=2 * (os.cpu_count() or 1) + 1,
        help="gunicorn's recommendation: 2 × cores + 1 (workers wait on the database and Redis)",
    )
    parser.add_argument(
        "--client",
        choices=("wrk", "python"),
        default="wrk" if shutil.which("wrk") else "python",
        help=(
            "load generator: wrk (Debian package wrk; the default when installed) or Python "
            "threads (http.client in 4 processes: uses much more of the CPU the server shares)"
        ),
    )
    parser.add_argument(
        "--threads", type=int, default=1, help="threads per worker (gthread when > 1)"
    )
    parser.add_argument("--database", default=os.environ.get("BENCH_DATABASE_URL"))
    parser.add_argument(
        "--redis",
        default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/5"),
        help=(
            "Redis database for the second configuration (flushed by the benchmark); '' to skip it"
        ),
    )
    args = parser.parse_args()
    args.database = args.database or DEFAULT_DB[args.skala]
    pemda = PEMDA[args.skala]
    prepare(args.database, pemda)
    if args.client == "python" and not shutil.which("wrk"):
        print(
            "wrk tidak terpasang (apt-get install wrk): klien Python dipakai, yang ikut memakai "
            "CPU server"
        )
    print(
        f"klien: {args.client}; gunicorn {args.workers} worker × {args.threads} thread, "
        f"{args.clients} klien serentak, {args.seconds:.0f} detik per halaman, PostgreSQL, "
        f"{pemda} pemda × 40 perangkat daerah × 3 tahun; {os.cpu_count()} inti CPU; {_load()}"
    )
    db = run("A. sesi dan cache di PostgreSQL (bawaan)", args, args.database, None)
    if args.redis and redis_available(args.redis):
        redis_run = run(
            "B. cache dan sesi di Redis (cached_db), basis data PostgreSQL (setelan produksi "
            "README)",
            args,
            args.database,
            args.redis,
        )
        print(
            "\nB/A permintaan per detik: "
            + ", ".join(f"{name} {redis_run[name] / db[name]:.2f}×" for name in db)
        )
    elif args.redis:
        print(f"\nRedis tidak tersedia di {args.redis}: konfigurasi B dilewati")


if __name__ == "__main__":
    main()
