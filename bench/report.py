"""Benchmark: building and rendering the demo LKIP (HTML, XLSX, DOCX, PDF with WeasyPrint).

Prints median time and peak memory per step, then the cold PDF render against Chromium's
--print-to-pdf of the same HTML, measured in the same run and the same rounds: the PDF as a
download after a data change gets it (the server process is up, WeasyPrint imported and warmed;
the render's children start fresh), the PDF from a fresh process (render_lkip), and Chromium cold
(a new browser with a new profile each time). Then, with a real background worker, the time from a
data change to a fresh PDF and the download time of a ready render (bench/antrian.py). Then the
pemda's own LKIP (the Wali Kota's) of the generated 40-agency city: build, HTML, XLSX and the PDF
against Chromium's of the same HTML.
Usage: .venv/bin/python bench/report.py [--runs N] [--hanya-pemda]
"""

import argparse
import io
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from _setup import ROOT, django_with_demo

# The bench traces memory in one run, which slows the render several times over: the per-render
# time limit (LKIP_PDF_BATAS_DETIK, 25 s in production) must not stop that run; the worker's limit
# must stay above it (the settings refuse otherwise).
os.environ.setdefault("LKIP_PDF_BATAS_DETIK", "600")
os.environ.setdefault("LKIP_RENDER_BATAS_DETIK", "1200")


def measure(fn, runs: int):
    """Median wall time over runs (untraced), then one traced run for the peak Python memory."""
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    fn()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return statistics.median(times), peak, result


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def _cpu_anak() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _timed(fn) -> tuple[float, float]:
    """Wall time and CPU time (this process and its children) of fn()."""
    cpu, start = _cpu_anak() + time.process_time(), time.perf_counter()
    fn()
    return time.perf_counter() - start, _cpu_anak() + time.process_time() - cpu


def chromium_cold(source: Path) -> None:
    """Chromium's --print-to-pdf of the same HTML file, cold: a new browser process with a new,
    empty profile each time."""
    folder = Path(tempfile.mkdtemp())
    subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={folder / 'profile'}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={folder / 'lkip.pdf'}",
            source.as_uri(),
        ],
        check=True,
        capture_output=True,
    )
    shutil.rmtree(folder, ignore_errors=True)


def render_lkip_process(target: Path) -> None:
    """The PDF from a fresh Python process: interpreter, Django, WeasyPrint's import, the
    queries, the render."""
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "render_lkip",
            "--org",
            "dinsos-kota-bekasi",
            "--year",
            "2024",
            "--format",
            "pdf",
            "--output",
            str(target),
        ],
        check=True,
        capture_output=True,
        cwd=ROOT,
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--hanya-pemda", action="store_true", help="only the pemda LKIP of the 40-agency city"
    )
    args = parser.parse_args()
    django_with_demo()
    if args.hanya_pemda:
        pemda_kota(args.runs)
        return
    from django.conf import settings
    from pypdf import PdfReader

    from reports.laporan import build_laporan, render_docx, render_html, render_pdf, render_xlsx

    rows = []
    t, mem, laporan = measure(lambda: build_laporan("dinsos-kota-bekasi", 2024), args.runs * 3)
    rows.append(("build_laporan (queries + formulas)", t, mem))
    t, mem, html = measure(lambda: render_html(laporan), args.runs * 3)
    rows.append(("render_html", t, mem))
    t, mem, _ = measure(lambda: render_xlsx(laporan), args.runs)
    rows.append(("render_xlsx", t, mem))
    render_docx(laporan)  # first call pays the python-docx and CairoSVG imports
    t, mem, docx = measure(lambda: render_docx(laporan), args.runs)
    rows.append(("render_docx (python-docx, charts PNG)", t, mem))
    # The first call pays WeasyPrint's import and warms it in this process (pdf_siap), as a
    # server's first PDF does; every later render forks new children that start from there.
    from django.test import override_settings

    with override_settings(LKIP_PDF_PROSES=1):
        render_pdf(laporan)
        pdf = render_pdf(laporan)
    # The PDF is laid out in child processes (batas.py, pdf_paralel.py): its peak memory is the
    # largest resident size of a child, read before Chromium or another process ran (one
    # process laying out the whole report: a parallel child holds only its part).
    child_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    print(
        f"LKIP demo report: {len(laporan.semua_tabel())} tables, {len(laporan.semua_gambar())} "
        f"figures, {pages} PDF pages, {len(pdf) / 1024:.0f} KiB PDF, {len(docx) / 1024:.0f} KiB "
        f"DOCX, {settings.LKIP_PDF_PROSES} render processes at most, median of {args.runs} runs"
    )
    print(f"{'step':44} {'median':>10} {'peak memory':>12}")
    for name, t, mem in rows:
        print(f"{name:44} {t * 1000:>8.0f} ms {mem / 2**20:>8.1f} MiB")
    if not CHROMIUM:
        print("chromium not installed: no comparison")
        return
    # Cold renders, each kind once per round so that all share the machine's load of the moment.
    folder = Path(tempfile.mkdtemp())
    source = folder / "lkip.html"
    from reports.laporan.pdf_paralel import proses_sekarang, render_paralel
    from reports.laporan.render import _html_pdf, _pdf_options

    # Chromium gets exactly the document WeasyPrint lays out (the fonts by file URL, over-long
    # words already cut by zero-width spaces).
    html_pdf = _html_pdf(laporan)
    source.write_text(html_pdf, encoding="utf-8")
    n = settings.LKIP_PDF_PROSES
    print(f"HTML given to Chromium and to WeasyPrint: the same ({len(html_pdf):,} characters)")
    kinds = {
        "PDF after a change (running server)": lambda: render_pdf(laporan),
        f"  the same, always in {n} processes": lambda: render_paralel(
            _html_pdf(laporan), _pdf_options(laporan), proses=n
        ),
        "PDF from a fresh process (render_lkip)": lambda: render_lkip_process(folder / "c.pdf"),
        "chromium --print-to-pdf, cold (same HTML)": lambda: chromium_cold(source),
    }
    walls: dict[str, list[float]] = {k: [] for k in kinds}
    cpus: dict[str, list[float]] = {k: [] for k in kinds}
    loads, proses = [], []
    for _ in range(args.runs):
        loads.append(os.getloadavg()[0])
        proses.append(proses_sekarang())
        for name, fn in kinds.items():
            wall, cpu = _timed(fn)
            walls[name].append(wall)
            cpus[name].append(cpu)
    med = {k: statistics.median(v) for k, v in walls.items()}
    print(
        f"cold renders (load average {min(loads):.1f}-{max(loads):.1f} on {os.cpu_count()} "
        f"cores; the default render used {'/'.join(map(str, proses))} process(es) by round)"
        f"{'median':>8} {'CPU s':>8}"
    )
    for name in kinds:
        extra = f"   peak RSS of a render child (one process) {child_peak / 2**20:.0f} MiB"
        extra = extra if "server" in name else ""
        print(
            f"  {name:50} {med[name] * 1000:>6.0f} ms {statistics.median(cpus[name]):>7.2f}{extra}"
        )
    chr_name = "chromium --print-to-pdf, cold (same HTML)"
    for name in [k for k in kinds if k != chr_name]:
        print(f"ratio {name} / Chromium: {med[name] / med[chr_name]:.2f}x")
    print(
        "(CPU s: this process and its children; Chromium's count misses processes it does not "
        "wait for. Chromium lacks running headers, 'Halaman X dari Y', TOC page numbers, "
        "bookmarks, hyphenation, PDF/A.)"
    )
    shutil.rmtree(folder, ignore_errors=True)
    # The PDF rendered ahead by the background worker (bench/antrian.py).
    from antrian import cetak_antrian

    cetak_antrian(args.runs)
    pemda_kota(args.runs)


def pemda_kota(runs: int) -> None:
    """The pemda's own LKIP of the generated city of 40 agencies (3 years)."""
    from django.test import override_settings
    from pypdf import PdfReader

    from demo.kota import buat_kota
    from lkip.models import Pemda
    from reports.laporan import render_html, render_pdf, render_xlsx
    from reports.laporan.render import _html_pdf
    from rpjmd.laporan import build_laporan_pemda

    start = time.perf_counter()
    buat_kota(40, 3, seed=1)
    print(f"\ngenerated city: 40 agencies, 3 years in {time.perf_counter() - start:.1f} s")
    kode = Pemda.objects.get(nama="Pemerintah Kota Bekasi").kode
    rows = []
    t, mem, laporan = measure(lambda: build_laporan_pemda(kode, 2025), runs * 3)
    rows.append(("build_laporan_pemda (queries + formulas)", t, mem))
    t, mem, _ = measure(lambda: render_html(laporan), runs * 3)
    rows.append(("render_html", t, mem))
    t, mem, _ = measure(lambda: render_xlsx(laporan), runs)
    rows.append(("render_xlsx", t, mem))
    with override_settings(LKIP_PDF_PROSES=1):
        pdf = render_pdf(laporan)
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    print(
        f"LKIP pemda {kode} 2025: {len(laporan.semua_tabel())} tables, "
        f"{len(laporan.semua_gambar())} figures, {pages} PDF pages, {len(pdf) / 1024:.0f} KiB, "
        f"median of {runs} runs"
    )
    print(f"{'step':44} {'median':>10} {'peak memory':>12}")
    for name, t, mem in rows:
        print(f"{name:44} {t * 1000:>8.0f} ms {mem / 2**20:>8.1f} MiB")
    folder = Path(tempfile.mkdtemp())
    source = folder / "lkip-pemda.html"
    source.write_text(_html_pdf(laporan), encoding="utf-8")
    kinds = {"PDF after a change (running server)": lambda: render_pdf(laporan)}
    if CHROMIUM:
        kinds["chromium --print-to-pdf, cold (same HTML)"] = lambda: chromium_cold(source)
    walls: dict[str, list[float]] = {k: [] for k in kinds}
    for _ in range(runs):
        for name, fn in kinds.items():
            walls[name].append(_timed(fn)[0])
    med = {k: statistics.median(v) for k, v in walls.items()}
    for name in kinds:
        print(f"  {name:50} {med[name] * 1000:>6.0f} ms")
    if CHROMIUM:
        ratio = (
            med["PDF after a change (running server)"]
            / med["chromium --print-to-pdf, cold (same HTML)"]
        )
        print(f"ratio PDF after a change / Chromium: {ratio:.2f}x")
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
