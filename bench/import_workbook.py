"""Benchmark: importing a large exchange workbook (10,000 budget lines, 500 indicators with
quarterly targets and realisations) into an empty database.

Prints the median and the fastest time over several runs (each into an emptied database), the number
of queries, peak memory (tracemalloc for Python objects, ru_maxrss for the process), and the same
file read with openpyxl's ordinary (non-streaming) load as the named alternative, measured in the
same run. A second, smaller workbook shows how memory grows with the file.

Usage: .venv/bin/python bench/import_workbook.py [--runs N] [--lines 10000] [--indicators 500]
(DATABASE_URL=postgres://… to run against PostgreSQL; otherwise a throw-away SQLite file.)
"""

import argparse
import io
import os
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from _setup import django_empty  # noqa: E402

OPD = "dinas-bench"


def generate(lines: int, indicators: int) -> bytes:
    """A workbook as planners send it: text in Indonesian notation mixed with numeric cells."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)

    def sheet(name, header, rows):
        ws = wb.create_sheet(name)
        ws.append(header)
        for row in rows:
            ws.append(row)

    sheet(
        "Perangkat_Daerah",
        [
            "kode",
            "nama",
            "pemda",
            "kota_ttd",
            "kepala_nama",
            "kepala_nip",
            "kepala_jabatan",
            "renstra_awal",
            "renstra_akhir",
        ],
        [
            [
                OPD,
                "Dinas Bench",
                "Pemerintah Kota Bench",
                "Bench",
                "Dr. BENCH, M.Si.",
                "19660301 199003 1 010",
                "Kepala Dinas Bench",
                2024,
                2026,
            ]
        ],
    )
    sheet("Tujuan", ["kode", "uraian"], [[f"T{t}", f"Tujuan {t}"] for t in range(1, 6)])
    sheet(
        "Sasaran",
        ["kode", "tujuan_kode", "uraian"],
        [[f"S{s}", f"T{(s - 1) // 5 + 1}", f"Sasaran strategis {s}"] for s in range(1, 26)],
    )
    codes: list[tuple[str, str]] = []
    p = 0
    while len(codes) < lines:
        p += 1
        codes.append((f"1.06.{p:02d}", "program"))
        for k in range(1, 11):
            if len(codes) >= lines:
                break
            codes.append((f"1.06.{p:02d}.2.{k:02d}", "kegiatan"))
            for s in range(1, 100):
                if len(codes) >= lines:
                    break
                codes.append((f"1.06.{p:02d}.2.{k:02d}.{s:04d}", "subkegiatan"))
    subs = [c for c, t in codes if t == "subkegiatan"]
    ind_rows, ind_codes = [], []
    for i in range(1, indicators + 1):
        kode = f"IKU-{i}" if i <= indicators // 5 else f"IP-{i}"
        ind_codes.append(kode)
        if kode.startswith("IKU"):
            ind_rows.append(
                [
                    kode,
                    "iku",
                    f"S{(i - 1) % 25 + 1}",
                    None,
                    f"Persentase layanan {i}",
                    "%",
                    "persen",
                    "positif",
                    "jumlah" if i % 2 else "terakhir",
                ]
            )
        else:
            ind_rows.append(
                [
                    kode,
                    "subkegiatan",
                    None,
                    subs[i % len(subs)],
                    f"Jumlah penerima {i}",
                    "orang",
                    "angka",
                    "negatif" if i % 7 == 0 else "positif",
                    "jumlah",
                ]
            )
    sheet(
        "Indikator",
        [
            "kode",
            "tingkat",
            "sasaran_kode",
            "anggaran_kode",
            "uraian",
            "satuan",
            "jenis_nilai",
            "polaritas",
            "agregasi",
        ],
        ind_rows,
    )
    targets = []
    for n, kode in enumerate(ind_codes):
        for y in (2024, 2025, 2026):
            targets.append([kode, y, "renstra", "TAHUNAN", f"{70 + n % 30},5"])
        targets.append([kode, 2024, "pk", "TAHUNAN", 80 + n % 20])
        for tw in range(1, 5):
            targets.append([kode, 2024, "pk", f"TW{tw}", f"{20 * tw},25"])
    sheet("Target", ["indikator_kode", "tahun", "jenis", "periode", "nilai"], targets)
    real = []
    for n, kode in enumerate(ind_codes):
        real.append([kode, 2023, "TAHUNAN", f"{60 + n % 30},75", None, None, "Data tahun lalu"])
        for tw in range(1, 5):
            if n % 3 == 0:
                real.append([kode, 2024, f"TW{tw}", None, 1000 + tw * n, 125_326, ""])
            else:
                real.append(
                    [kode, 2024, f"TW{tw}", f"{18 * tw},4", None, None, "Capaian sesuai rencana"]
                )
    sheet(
        "Realisasi",
        [
            "indikator_kode",
            "tahun",
            "periode",
            "nilai",
            "pembilang",
            "penyebut",
            "faktor_pendukung",
        ],
        real,
    )
    budget = []
    for n, (kode, tingkat) in enumerate(codes):
        pagu = 100_000_000 + n * 1_000
        tw = [pagu // 5, pagu // 5, pagu // 5, pagu // 10]
        links = (
            f"{ind_codes[n % indicators]}, {ind_codes[(n * 7) % indicators]}"
            if n % 10 == 0
            else None
        )
        budget.append(
            [
                2024,
                kode,
                tingkat,
                f"Uraian {tingkat} {kode}",
                f"Rp {pagu:,}".replace(",", ".") + ",-" if n % 2 else pagu,
                pagu + 5_000_000,
                sum(tw),
                *tw,
                "DAU" if n % 4 else "DBHCHT",
                links,
            ]
        )
    sheet(
        "Anggaran",
        [
            "tahun",
            "kode",
            "tingkat",
            "uraian",
            "pagu_murni",
            "pagu_perubahan",
            "realisasi",
            "realisasi_tw1",
            "realisasi_tw2",
            "realisasi_tw3",
            "realisasi_tw4",
            "sumber_dana",
            "indikator_kode",
        ],
        budget,
    )
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def wipe() -> None:
    from django.core.management import call_command

    call_command("flush", interactive=False, verbosity=0)


def import_once(data: bytes, *, dry_run: bool = False):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from exchange.workbook import impor_xlsx

    with CaptureQueriesContext(connection) as queries:
        result = impor_xlsx(data, dry_run=dry_run)
    assert result.ok, [str(m) for m in result.errors[:5]]
    return result, len(queries.captured_queries)


class Zeit:
    """Wall times of several runs: the median, and the fastest (least disturbed by other work)."""

    def __init__(self, times: list[float]) -> None:
        self.median, self.fastest = statistics.median(times), min(times)

    def __str__(self) -> str:
        return f"{self.median:6.2f} s (fastest {self.fastest:5.2f} s)"


def timed(fn, runs: int, before=None) -> tuple[Zeit, object]:
    times, value = [], None
    for _ in range(runs):
        if before:
            before()
        start = time.perf_counter()
        value = fn()
        times.append(time.perf_counter() - start)
    return Zeit(times), value


def traced(fn, before=None) -> tuple[int, object]:
    if before:
        before()
    tracemalloc.start()
    value = fn()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak, value


def streaming_read(data: bytes) -> int:
    from exchange.workbook import read_workbook

    count = 0
    with read_workbook(data) as bacaan:
        for lembar in bacaan.sheets.values():
            for _ in lembar.bernomor():
                count += 1
    return count


def full_load(data: bytes) -> int:
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data))  # the ordinary mode: every cell an object in memory
    count = sum(ws.max_row - 1 for ws in wb.worksheets)
    wb.close()
    return count


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--lines", type=int, default=10_000)
    parser.add_argument("--indicators", type=int, default=500)
    args = parser.parse_args()
    django_empty()
    from django.db import connection

    data = generate(args.lines, args.indicators)
    small = generate(args.lines // 4, args.indicators // 4)
    mib = 1024 * 1024
    load = os.getloadavg()[0]
    print(
        f"Workbook: {args.lines:,} budget lines, {args.indicators} indicators with quarterly "
        f"targets and realisations; {len(data) / mib:.2f} MiB xlsx. Database: {connection.vendor}. "
        f"{args.runs} runs each; {os.cpu_count()} CPUs, load average {load:.1f} at the start."
    )
    t_import, (result, queries) = timed(lambda: import_once(data), args.runs, before=wipe)
    rows = len(result.perubahan)
    print(
        f"{'import into an empty database':42} {t_import}  {rows:,} rows created, {queries} "
        f"queries ({rows / queries:.0f} rows per query)"
    )
    t_again, (again, q_again) = timed(lambda: import_once(data), args.runs)
    print(
        f"{'re-import of the same file (no change)':42} {t_again}  {again.hitung('ubah')} changed, "
        f"{again.hitung('baru')} created, {q_again} queries"
    )
    t_dry, _ = timed(lambda: import_once(data, dry_run=True), args.runs, before=wipe)
    print(f"{'preview (dry run) into an empty database':42} {t_dry}")

    peak_big, _ = traced(lambda: import_once(data), before=wipe)
    peak_small, _ = traced(lambda: import_once(small), before=wipe)
    print(
        f"{'peak Python memory of the import':42} {peak_big / mib:6.1f} MiB for the "
        f"{len(data) / mib:.2f} MiB file; {peak_small / mib:.1f} MiB for the quarter-size file "
        f"({len(small) / mib:.2f} MiB)"
    )

    t_stream, n_stream = timed(lambda: streaming_read(data), args.runs)
    t_full, _ = timed(lambda: full_load(data), args.runs)
    peak_stream, _ = traced(lambda: streaming_read(data))
    peak_full, _ = traced(lambda: full_load(data))
    print(
        f"{'reading only, streaming (exchange.workbook)':42} {t_stream}  peak "
        f"{peak_stream / mib:5.1f} MiB ({n_stream:,} rows)"
    )
    print(f"{'reading only, openpyxl ordinary load':42} {t_full}  peak {peak_full / mib:5.1f} MiB")
    print(
        f"ratio ordinary load / streaming: {t_full.median / t_stream.median:.2f}x time, "
        f"{peak_full / peak_stream:.1f}x memory"
    )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"process peak RSS (ru_maxrss, whole run): {rss:.0f} MiB; load average at the end "
        f"{os.getloadavg()[0]:.1f}"
    )
    wipe()


if __name__ == "__main__":
    main()
