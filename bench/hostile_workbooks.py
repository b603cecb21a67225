"""Benchmark: hostile workbooks, small files that ask for long work, against the upload's preview.

Builds from the demo agency's own export (Dinas Sosial, about 70 KB):
- `xfd`: one cell at XFD1048576 in every sheet (the last cell a spreadsheet has);
- `xfd-rumus`: the same cell holding a formula with its stored value;
- `kosong`: one million blank rows (three empty formatted cells each) after the Anggaran data;
- `kosong-isi`: the same with one value after them, so that the blank rows cannot be skipped;
and its siblings: `teks-bersama` (two million shared strings), `banyak-sheet` (4,000 sheets),
`teks-panjang` (one cell of 15 million characters), `xml-dalam` (XML nested a million deep);
plus, as the reference, `normal-10rb`: a normal workbook of 10,000 budget lines and 500
indicators (bench/import_workbook.generate).

For each file: its size, the preview's wall and CPU time (`impor_xlsx(..., dry_run=True)`, what
the upload page runs), the peak Python memory (tracemalloc, a second run), the growth of the
process's resident memory (VmHWM) and the verdict. Every file runs in its own forked process with
a time limit. Then the CPU time of reading every row of the 10,000-line workbook, and the upload
page's preview + apply of it with every budget line changed, through the views (wall and CPU
time; the apply used to parse the file a second time). On a shared machine, compare CPU times.

Usage: .venv/bin/python bench/hostile_workbooks.py [--only xfd,kosong] [--limit 120] [--no-views]
[--runs 3]
(a throw-away SQLite database with the demo agency; DATABASE_URL is ignored on purpose.)
"""

import argparse
import io
import multiprocessing
import os
import random
import re
import statistics
import sys
import time
import tracemalloc
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
os.environ.pop("DATABASE_URL", None)  # never the shared PostgreSQL: a throw-away SQLite file
from _setup import django_with_demo  # noqa: E402
from import_workbook import generate  # noqa: E402

DEMO = "dinsos-kota-bekasi"
MIB = 1024 * 1024


# --- building the files ------------------------------------------------------------------------


def _rewrite(data: bytes, edit) -> bytes:
    """The workbook with every part passed through edit(name, bytes) (None: drop the part)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            new = edit(info.filename, src.read(info.filename))
            if new is not None:
                dst.writestr(info.filename, new, compress_type=zipfile.ZIP_DEFLATED)
        for name, new in getattr(edit, "extra", {}).items():
            dst.writestr(name, new, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _sheets(data: bytes) -> dict[str, str]:
    """Sheet name → part name, read from workbook.xml and its relationships."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        book = z.read("xl/workbook.xml").decode()
        rels = z.read("xl/_rels/workbook.xml.rels").decode()
    targets = dict(re.findall(r'Id="([^"]+)"[^>]*?Target="([^"]+)"', rels))
    targets |= {i: t for t, i in re.findall(r'Target="([^"]+)"[^>]*?Id="([^"]+)"', rels)}
    out = {}
    for name, rid in re.findall(r'<sheet [^>]*?name="([^"]+)"[^>]*?r:id="([^"]+)"', book):
        out[name] = "xl/" + targets[rid].lstrip("/").removeprefix("xl/")
    return out


def _append_rows(xml: bytes, rows: bytes) -> bytes:
    if b"<sheetData/>" in xml:
        return xml.replace(b"<sheetData/>", b"<sheetData>" + rows + b"</sheetData>")
    return xml.replace(b"</sheetData>", rows + b"</sheetData>")


def xfd(demo: bytes, formula: bool) -> bytes:
    cell = (
        b'<c r="XFD1048576"><f>1+1</f><v>2</v></c>'
        if formula
        else b'<c r="XFD1048576"><v>1</v></c>'
    )

    def edit(name, raw):
        if name.startswith("xl/worksheets/sheet"):
            raw = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', raw)
            return _append_rows(raw, b'<row r="1048576">' + cell + b"</row>")
        return raw

    return _rewrite(demo, edit)


def blank_rows(demo: bytes, count: int, then_value: bool) -> bytes:
    part = _sheets(demo)["Anggaran"]

    def edit(name, raw):
        if name != part:
            return raw
        last = max(int(n) for n in re.findall(rb'<row r="(\d+)"', raw))
        rows = bytearray()
        for r in range(last + 1, last + 1 + count):
            rows += b'<row r="%d"><c r="A%d" s="1"/><c r="B%d" s="1"/><c r="C%d" s="1"/></row>' % (
                r,
                r,
                r,
                r,
            )
        if then_value:
            r = last + count + 1
            rows += b'<row r="%d"><c r="A%d"><v>2024</v></c></row>' % (r, r)
        return _append_rows(raw, bytes(rows))

    return _rewrite(demo, edit)


def shared_strings(demo: bytes, count: int) -> bytes:
    body = b"".join(b"<si><t>s%d</t></si>" % i for i in range(count))
    sst = (
        (
            b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" '
            b'uniqueCount="%d">' % (count, count)
        )
        + body
        + b"</sst>"
    )
    override = (
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    )
    rel = (
        b'<Relationship Id="rIdSst" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/sharedStrings" Target="sharedStrings.xml"/>'
    )

    def edit(name, raw):
        if name == "[Content_Types].xml":
            return raw.replace(b"</Types>", override + b"</Types>")
        if name == "xl/_rels/workbook.xml.rels":
            return raw.replace(b"</Relationships>", rel + b"</Relationships>")
        return None if name == "xl/sharedStrings.xml" else raw

    edit.extra = {"xl/sharedStrings.xml": sst}
    return _rewrite(demo, edit)


def many_sheets(demo: bytes, count: int) -> bytes:
    sheet = (
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        b'<row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>'
    )
    ct = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
    rel_type = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/extra{i}.xml" ContentType="{ct}"/>'
        for i in range(count)
    ).encode()
    rels = "".join(
        f'<Relationship Id="rIdX{i}" Type="{rel_type}" Target="worksheets/extra{i}.xml"/>'
        for i in range(count)
    ).encode()
    r_ns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    entries = "".join(
        f'<sheet xmlns:r="{r_ns}" name="Extra{i}" sheetId="{1000 + i}" r:id="rIdX{i}"/>'
        for i in range(count)
    ).encode()

    def edit(name, raw):
        if name == "[Content_Types].xml":
            return raw.replace(b"</Types>", overrides + b"</Types>")
        if name == "xl/_rels/workbook.xml.rels":
            return raw.replace(b"</Relationships>", rels + b"</Relationships>")
        if name == "xl/workbook.xml":
            return raw.replace(b"</sheets>", entries + b"</sheets>")
        return raw

    edit.extra = {f"xl/worksheets/extra{i}.xml": sheet for i in range(count)}
    return _rewrite(demo, edit)


def long_text(demo: bytes, chars: int) -> bytes:
    part = _sheets(demo)["Tujuan"]
    rng = random.Random(1)
    text = "".join(rng.choices("abcdefghijklmnopqrstuvwxyz ", k=chars)).encode()

    def edit(name, raw):
        if name != part:
            return raw
        # the first data row's uraian (column B) becomes the long text
        return re.sub(
            rb'(<c r="B2"[^>]*?)(?:/>|>.*?</c>)',
            lambda m: (
                re.sub(rb' t="[^"]*"', b"", m.group(1))
                + b' t="inlineStr"><is><t>'
                + text
                + b"</t></is></c>"
            ),
            raw,
            count=1,
            flags=re.S,
        )

    return _rewrite(demo, edit)


def deep_xml(demo: bytes, depth: int) -> bytes:
    part = _sheets(demo)["Tujuan"]
    rng = random.Random(2)
    tags = [b"x%d" % rng.randrange(10**6) for _ in range(depth)]
    nest = b"".join(b"<" + t + b">" for t in tags) + b"".join(
        b"</" + t + b">" for t in reversed(tags)
    )

    def edit(name, raw):
        if name != part:
            return raw
        return raw.replace(b"<sheetData>", b"<sheetData>" + nest, 1)

    return _rewrite(demo, edit)


# --- measuring ---------------------------------------------------------------------------------


def _vm(field: str) -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    return 0


def _preview(data: bytes, opd_kode: str | None):
    from exchange.workbook import impor_xlsx

    return impor_xlsx(data, opd_kode=opd_kode, dry_run=True)


def _verdict(result) -> str:
    errors = result.errors
    if not errors:
        return f"previewed: {result.ringkasan()}"
    first = str(errors[0])
    return f"refused, {len(errors)} error(s): {first[:150]}"


def _child(data: bytes, opd_kode: str | None, traced: bool, conn) -> None:
    try:
        rss0 = _vm("VmRSS")
        if traced:
            tracemalloc.start()
        start, cpu = time.perf_counter(), time.process_time()
        result = _preview(data, opd_kode)
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        peak = tracemalloc.get_traced_memory()[1] if traced else 0
        conn.send((seconds, cpu, peak, _vm("VmHWM") - rss0, _verdict(result)))
    except BaseException as exc:  # noqa: BLE001 - the bench reports whatever happened
        conn.send((None, 0, 0, 0, f"crashed: {type(exc).__name__}: {str(exc)[:150]}"))


def measure(data: bytes, opd_kode: str | None, traced: bool, limit: float):
    from django.db import connections

    connections.close_all()  # the child opens its own SQLite connection
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(data, opd_kode, traced, child))
    start = time.perf_counter()
    proc.start()
    if parent.poll(limit):
        out = parent.recv()
        proc.join()
        return out
    proc.kill()
    proc.join()
    return (None, 0, 0, 0, f"still running after {time.perf_counter() - start:.0f} s: stopped")


def views_preview_apply(big: bytes, changed: bytes, runs: int) -> list[tuple[float, ...]]:
    """The upload page's preview and apply of a changed workbook (the agency exists already),
    `runs` times, alternating the two versions so that every apply changes every budget line:
    (preview wall, preview CPU, apply wall, apply CPU) per run."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client

    from exchange.workbook import impor_xlsx

    settings.MEDIA_ROOT = str(Path(os.environ["LKIP_BENCH_TMP"]) / "media")
    settings.ALLOWED_HOSTS = ["testserver"]
    assert impor_xlsx(big).ok
    user = get_user_model().objects.create_superuser("bench.admin", "", "x")
    client = Client()
    client.force_login(user)
    out = []
    for run in range(runs):
        upload = SimpleUploadedFile("bench.xlsx", changed if run % 2 == 0 else big)
        wall, cpu = time.perf_counter(), time.process_time()
        page = client.post("/impor/dinas-bench/pratinjau/", {"berkas": upload})
        preview = (time.perf_counter() - wall, time.process_time() - cpu)
        token = re.search(rb'name="token" value="([^"]+)"', page.content)
        assert page.status_code == 200 and token, page.status_code
        wall, cpu = time.perf_counter(), time.process_time()
        done = client.post("/impor/dinas-bench/terapkan/", {"token": token.group(1).decode()})
        assert done.status_code == 302, done.status_code
        out.append((*preview, time.perf_counter() - wall, time.process_time() - cpu))
    return out


def reading_only(data: bytes, runs: int) -> float:
    """CPU seconds to read every row of the workbook (the median of `runs`)."""
    from exchange.workbook import read_workbook

    times = []
    for _ in range(runs):
        cpu = time.process_time()
        with read_workbook(data) as bacaan:
            for lembar in bacaan.sheets.values():
                for _ in lembar.bernomor():
                    pass
        times.append(time.process_time() - cpu)
    return statistics.median(times)


def changed_copy(data: bytes) -> bytes:
    """The 10,000-line workbook with every budget line's pagu_perubahan raised by one rupiah."""
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data))
    ws = wb["Anggaran"]
    header = [c.value for c in ws[1]]
    col = header.index("pagu_perubahan")
    for row in ws.iter_rows(min_row=2):
        row[col].value = row[col].value + 1
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", default="", help="comma-separated names of the files to run")
    parser.add_argument("--limit", type=float, default=120, help="seconds before a run is stopped")
    parser.add_argument("--no-views", action="store_true", help="skip the preview + apply")
    parser.add_argument("--runs", type=int, default=3, help="runs of the preview + apply")
    args = parser.parse_args()
    import tempfile

    os.environ["LKIP_BENCH_TMP"] = tempfile.mkdtemp()
    django_with_demo()
    from exchange.workbook import export_workbook
    from lkip.models import PerangkatDaerah

    demo = export_workbook(PerangkatDaerah.objects.get(kode=DEMO))
    files = {
        "normal-10rb": (lambda: generate(10_000, 500), None),
        "xfd": (lambda: xfd(demo, formula=False), DEMO),
        "xfd-rumus": (lambda: xfd(demo, formula=True), DEMO),
        "kosong": (lambda: blank_rows(demo, 1_000_000, then_value=False), DEMO),
        "kosong-isi": (lambda: blank_rows(demo, 1_000_000, then_value=True), DEMO),
        "teks-bersama": (lambda: shared_strings(demo, 2_000_000), DEMO),
        "banyak-sheet": (lambda: many_sheets(demo, 4_000), DEMO),
        "teks-panjang": (lambda: long_text(demo, 15_000_000), DEMO),
        "xml-dalam": (lambda: deep_xml(demo, 1_000_000), DEMO),
    }
    only = {n for n in args.only.split(",") if n}
    print(
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}; each preview in its own "
        f"process, stopped after {args.limit:.0f} s."
    )
    heads = ("size", "unpacked", "preview", "CPU", "py peak", "RSS +")
    print(f"{'file':14} " + " ".join(f"{h:>9}" for h in heads) + "  verdict")
    for name, (build, opd_kode) in files.items():
        if only and name not in only:
            continue
        data = build()
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            unpacked = sum(i.file_size for i in z.infolist())
        seconds, cpu, _, rss, verdict = measure(data, opd_kode, traced=False, limit=args.limit)
        peak = measure(data, opd_kode, traced=True, limit=args.limit)[2] if seconds else 0
        shown = (
            f"{seconds:8.2f}s {cpu:8.2f}s"
            if seconds is not None
            else f"{'>' + str(int(args.limit)):>8}s {'?':>8}s"
        )
        print(
            f"{name:14} {len(data) / 1024:8.0f}K {unpacked / MIB:8.1f}M {shown} "
            f"{peak / MIB:8.1f}M {rss / MIB:8.1f}M  {verdict}"
        )
    if not args.no_views and (not only or "views" in only):
        big = generate(10_000, 500)
        print(
            f"reading every row of the 10,000-line workbook: {reading_only(big, args.runs):.2f} s "
            f"CPU (median of {args.runs})"
        )
        runs = views_preview_apply(big, changed_copy(big), args.runs)
        med = [statistics.median(r[i] for r in runs) for i in range(4)]
        print(
            f"upload page, 10,000 budget lines all changed, median of {args.runs}: preview "
            f"{med[0]:.2f} s ({med[1]:.2f} s CPU), apply {med[2]:.2f} s ({med[3]:.2f} s CPU), "
            f"together {med[0] + med[2]:.2f} s ({med[1] + med[3]:.2f} s CPU)"
        )


if __name__ == "__main__":
    main()
