"""Benchmark: building and rendering the demo LKIP (HTML, XLSX, DOCX, PDF with WeasyPrint).

Prints median time and peak memory per step, and the PDF against Chromium's --print-to-pdf of
the same HTML, measured in the same run. Usage: .venv/bin/python bench/report.py [--runs N]
"""

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import tempfile
import time
import tracemalloc
from pathlib import Path

from _setup import django_with_demo

# The bench traces memory in one run, which slows the render several times over: the per-render
# time limit (LKIP_PDF_BATAS_DETIK, 25 s in production) must not stop that run.
os.environ.setdefault("LKIP_PDF_BATAS_DETIK", "600")


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


def chromium_pdf(html: str, runs: int):
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if not exe:
        return None
    folder = Path(tempfile.mkdtemp())
    source, target = folder / "lkip.html", folder / "lkip.pdf"
    source.write_text(html, encoding="utf-8")
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            [
                exe,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                f"--user-data-dir={folder / 'profile'}",
                "--no-pdf-header-footer",
                f"--print-to-pdf={target}",
                source.as_uri(),
            ],
            check=True,
            capture_output=True,
        )
        times.append(time.perf_counter() - start)
    return statistics.median(times), target.stat().st_size


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    django_with_demo()
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
    render_pdf(laporan)  # first call pays the WeasyPrint import
    t_pdf, mem, pdf = measure(lambda: render_pdf(laporan), args.runs)
    # The PDF is laid out in a child process (reports/laporan/batas.py): its peak memory is the
    # largest resident size of a child, not the traced Python memory of this process.
    child_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    rows.append(("render_pdf (WeasyPrint, child RSS)", t_pdf, max(mem, child_peak)))
    pages = len(PdfReader(__import__("io").BytesIO(pdf)).pages)

    print(
        f"LKIP demo report: {len(laporan.semua_tabel())} tables, {len(laporan.semua_gambar())} "
        f"figures, {pages} PDF pages, {len(pdf) / 1024:.0f} KiB PDF, {len(docx) / 1024:.0f} KiB "
        f"DOCX, median of {args.runs}+ runs"
    )
    print(f"{'step':40} {'median':>10} {'peak memory':>12}")
    for name, t, mem in rows:
        print(f"{name:40} {t * 1000:>8.0f} ms {mem / 2**20:>8.1f} MiB")
    font_base = settings.FONT_DIR.as_uri() + "/" if settings.FONT_DIR else ""
    chromium = chromium_pdf(render_html(laporan, font_base=font_base), args.runs)
    if chromium:
        t_chr, size = chromium
        print(
            f"{'chromium --print-to-pdf (same HTML)':40} {t_chr * 1000:>8.0f} ms   "
            f"({size / 1024:.0f} KiB PDF)"
        )
        print(
            f"ratio WeasyPrint / Chromium: {t_pdf / t_chr:.2f}x time, {len(pdf) / size:.2f}x size "
            f"(Chromium lacks running headers, 'Halaman X dari Y', TOC page numbers)"
        )
    else:
        print("chromium not installed: no comparison")


if __name__ == "__main__":
    main()
