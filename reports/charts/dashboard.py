"""The dashboards' charts: colour for the screen, and every value and category also as text.

No script, no external service. Presentation attributes only (no style attributes), so the
pages work under a strict CSP.
"""

from __future__ import annotations

from decimal import Decimal
from html import escape

from lkip import formulas
from reports.charts.base import angka, nice_range, svg, wrap
from reports.models import StatusLaporan

WARNA = {
    "sangat-tinggi": "#1b7f3b",
    "tinggi": "#5aa65e",
    "sedang": "#d9a800",
    "rendah": "#e8772e",
    "sangat-rendah": "#c62f2b",
    "kosong": "#a8adb4",
    StatusLaporan.DRAF: "#8d99a6",
    StatusLaporan.DIAJUKAN: "#2f77c0",
    StatusLaporan.DIREVIU: "#7a57b8",
    StatusLaporan.DITANDATANGANI: "#1b7f3b",
    "serapan-0": "#c62f2b",
    "serapan-1": "#e8772e",
    "serapan-2": "#d9a800",
    "serapan-3": "#1b7f3b",
    "serapan-4": "#7a1f1f",
}
TEKS = "#1b1b1b"
GARIS_BANTU = "#d0d4da"


def distribusi(items: list[tuple[str, int, str]], label: str) -> str:
    """Vertical bars of counts per category (label, count, colour key); the count sits on each
    bar."""
    if not items:
        return ""
    bar_w, gap, top, bottom, left = 56, 18, 26, 58, 12
    width = left * 2 + len(items) * (bar_w + gap)
    height = 220
    plot_h = height - top - bottom
    hi = max([n for _, n, _ in items] + [1])
    parts = []
    for i, (name, n, key) in enumerate(items):
        x = left + gap / 2 + i * (bar_w + gap)
        h = plot_h * n / hi
        y = top + plot_h - h
        parts.append(
            f"<rect x='{x:.1f}' y='{y:.1f}' width='{bar_w}' height='{h:.1f}' "
            f"fill='{WARNA.get(key, '#555')}'><title>{escape(name)}: {n}</title></rect>"
        )
        parts.append(
            f"<text x='{x + bar_w / 2:.1f}' y='{y - 6:.1f}' font-size='13' font-weight='bold' "
            f"text-anchor='middle' fill='{TEKS}'>{n}</text>"
        )
        for k, line in enumerate(wrap(name, 11)[:3]):
            parts.append(
                f"<text x='{x + bar_w / 2:.1f}' y='{top + plot_h + 16 + k * 13}' font-size='11' "
                f"text-anchor='middle' fill='{TEKS}'>{escape(line)}</text>"
            )
    parts.append(
        f"<line x1='{left}' x2='{width - left}' y1='{top + plot_h}' y2='{top + plot_h}' "
        f"stroke='{TEKS}'/>"
    )
    return svg(width, height, "".join(parts), label)


def sebaran(points: list[tuple[str, Decimal, Decimal, str]], label: str) -> str:
    """Agencies as dots: serapan (x) against average capaian (y), with the 100% lines."""
    if not points:
        return ""
    width, height, left, right, top, bottom = 560, 340, 56, 20, 20, 48

    def top_of(values: list[Decimal], least: int) -> Decimal:
        """The axis end: the next multiple of 20 above every value (at least `least`)."""
        return Decimal(max(least, (int(max(values)) // 20 + 1) * 20))

    x_lo, x_hi = Decimal(0), top_of([p[1] for p in points], 120)
    y_lo, y_hi = Decimal(0), top_of([p[2] for p in points], 120)
    plot_w, plot_h = width - left - right, height - top - bottom

    def x(v: Decimal) -> float:
        return left + plot_w * float((v - x_lo) / (x_hi - x_lo))

    def y(v: Decimal) -> float:
        return top + plot_h * float((y_hi - v) / (y_hi - y_lo))

    parts = []
    for tick in range(0, int(x_hi) + 1, 20):
        parts.append(
            f"<line x1='{x(Decimal(tick)):.1f}' x2='{x(Decimal(tick)):.1f}' y1='{top}' "
            f"y2='{top + plot_h}' stroke='{GARIS_BANTU}'/>"
        )
        parts.append(
            f"<text x='{x(Decimal(tick)):.1f}' y='{top + plot_h + 16}' font-size='11' "
            f"text-anchor='middle'>{tick}%</text>"
        )
    for tick in range(0, int(y_hi) + 1, 20):
        parts.append(
            f"<line x1='{left}' x2='{left + plot_w}' y1='{y(Decimal(tick)):.1f}' "
            f"y2='{y(Decimal(tick)):.1f}' stroke='{GARIS_BANTU}'/>"
        )
        parts.append(
            f"<text x='{left - 6}' y='{y(Decimal(tick)) + 4:.1f}' font-size='11' "
            f"text-anchor='end'>{tick}%</text>"
        )
    for ref_x, ref_y in ((Decimal(100), None), (None, Decimal(100))):
        if ref_x is not None:
            parts.append(
                f"<line x1='{x(ref_x):.1f}' x2='{x(ref_x):.1f}' y1='{top}' y2='{top + plot_h}' "
                f"stroke='{TEKS}' stroke-dasharray='4 3'/>"
            )
        else:
            parts.append(
                f"<line x1='{left}' x2='{left + plot_w}' y1='{y(ref_y):.1f}' y2='{y(ref_y):.1f}' "
                f"stroke='{TEKS}' stroke-dasharray='4 3'/>"
            )
    for name, serapan, capaian, key in points:
        parts.append(
            f"<circle cx='{x(serapan):.1f}' cy='{y(capaian):.1f}' r='6' "
            f"fill='{WARNA.get(key, '#555')}' stroke='{TEKS}' stroke-width='1'>"
            f"<title>{escape(name)}: serapan {formulas.format_persen(serapan)}, rata-rata capaian "
            f"{formulas.format_persen(capaian)}</title></circle>"
        )
    parts.append(
        f"<text x='{left + plot_w / 2}' y='{height - 8}' font-size='12' "
        "text-anchor='middle'>Serapan anggaran</text>"
    )
    parts.append(
        f"<text x='14' y='{top + plot_h / 2}' font-size='12' text-anchor='middle' "
        f"transform='rotate(-90 14 {top + plot_h / 2})'>Rata-rata capaian IKU</text>"
    )
    return svg(width, height, "".join(parts), label)


def tren_tahunan(
    titik: list[tuple[str, Decimal | None, Decimal | None, bool]], label: str, satuan: str = ""
) -> str:
    """Realisation per year (solid line, values printed) against the Renstra target (dashed,
    squares).

    `titik`: (year, realisation, Renstra target, inside the Renstra period); the period is shaded.
    """
    values = [v for _, r, t, _ in titik for v in (r, t) if v is not None]
    if not values:
        return ""
    width, height, left, right, top, bottom = 640, 300, 56, 20, 34, 42
    lo, hi, step = nice_range(values)
    lo = max(lo, Decimal(0)) if min(values) >= 0 else lo
    plot_w, plot_h = width - left - right, height - top - bottom
    n = len(titik)

    def x(i: int) -> float:
        return left + plot_w * (i + 0.5) / n

    def y(v: Decimal) -> float:
        return top + plot_h * float((hi - v) / (hi - lo))

    parts = []
    inside = [i for i, t in enumerate(titik) if t[3]]
    if inside:
        x0, x1 = left + plot_w * inside[0] / n, left + plot_w * (inside[-1] + 1) / n
        parts.append(
            f"<rect x='{x0:.1f}' y='{top}' width='{x1 - x0:.1f}' height='{plot_h}' fill='#eef3f8'/>"
        )
        parts.append(
            f"<text x='{(x0 + x1) / 2:.1f}' y='{top - 8}' font-size='11' "
            "text-anchor='middle'>Periode Renstra</text>"
        )
    tick = lo
    while tick <= hi:
        parts.append(
            f"<line x1='{left}' x2='{width - right}' y1='{y(tick):.1f}' y2='{y(tick):.1f}' "
            f"stroke='{GARIS_BANTU}'/>"
        )
        parts.append(
            f"<text x='{left - 6}' y='{y(tick) + 4:.1f}' font-size='11' "
            f"text-anchor='end'>{angka(tick)}</text>"
        )
        tick += step
    target = [(i, t) for i, (_, _, t, _) in enumerate(titik) if t is not None]
    if len(target) > 1:
        parts.append(
            "<polyline points='"
            + " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in target)
            + "' fill='none' stroke='#2f77c0' stroke-width='2' stroke-dasharray='6 4'/>"
        )
    for i, v in target:
        parts.append(
            f"<rect x='{x(i) - 5:.1f}' y='{y(v) - 5:.1f}' width='10' height='10' fill='#fff' "
            f"stroke='#2f77c0' stroke-width='2'><title>Target Renstra {escape(titik[i][0])}: "
            f"{angka(v)}{escape(satuan)}</title></rect>"
        )
    real = [(i, r) for i, (_, r, _, _) in enumerate(titik) if r is not None]
    if len(real) > 1:
        parts.append(
            "<polyline points='"
            + " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in real)
            + f"' fill='none' stroke='{TEKS}' stroke-width='2.5'/>"
        )
    for i, v in real:
        parts.append(f"<circle cx='{x(i):.1f}' cy='{y(v):.1f}' r='5' fill='{TEKS}'/>")
        parts.append(
            f"<text x='{x(i):.1f}' y='{y(v) - 10:.1f}' font-size='11' font-weight='bold' "
            f"text-anchor='middle'>{angka(v)}{escape(satuan)}</text>"
        )
    for i, (name, _, _, _) in enumerate(titik):
        parts.append(
            f"<text x='{x(i):.1f}' y='{height - bottom + 18}' font-size='12' "
            f"text-anchor='middle'>{escape(name)}</text>"
        )
    parts.append(
        f"<line x1='{left}' x2='{width - right}' y1='{top + plot_h}' y2='{top + plot_h}' "
        f"stroke='{TEKS}'/>"
    )
    legend = (
        f"<line x1='{left}' x2='{left + 24}' y1='12' y2='12' stroke='{TEKS}' stroke-width='2.5'/>"
        f"<text x='{left + 30}' y='16' font-size='11'>Realisasi</text>"
        f"<line x1='{left + 100}' x2='{left + 124}' y1='12' y2='12' stroke='#2f77c0' "
        f"stroke-width='2' stroke-dasharray='6 4'/><text x='{left + 130}' y='16' "
        "font-size='11'>Target Renstra</text>"
    )
    return svg(width, height, legend + "".join(parts), label)


def serapan_triwulan(items: list[tuple[str, Decimal | None]], label: str) -> str:
    """Cumulative serapan per quarter as columns against the 100% line; empty quarters say so."""
    if not items:
        return ""
    width, height, left, top, bottom = 360, 220, 44, 24, 34
    col_w = (width - left - 10) / len(items)
    plot_h = height - top - bottom
    hi = max([Decimal(100)] + [v for _, v in items if v is not None])

    def y(v: Decimal) -> float:
        return top + plot_h * float((hi - v) / hi)

    parts = []
    for tick in (0, 25, 50, 75, 100):
        parts.append(
            f"<line x1='{left}' x2='{width - 10}' y1='{y(Decimal(tick)):.1f}' "
            f"y2='{y(Decimal(tick)):.1f}' stroke='{GARIS_BANTU}'/>"
        )
        parts.append(
            f"<text x='{left - 6}' y='{y(Decimal(tick)) + 4:.1f}' font-size='10' "
            f"text-anchor='end'>{tick}%</text>"
        )
    for i, (name, value) in enumerate(items):
        cx = left + col_w * i + col_w / 2
        if value is None:
            parts.append(
                f"<text x='{cx:.1f}' y='{top + plot_h - 6}' font-size='10' text-anchor='middle' "
                "font-style='italic'>belum ada</text>"
            )
        else:
            h = plot_h * float(value / hi) if value > 0 else 0
            parts.append(
                f"<rect x='{cx - col_w * 0.3:.1f}' y='{top + plot_h - h:.1f}' "
                f"width='{col_w * 0.6:.1f}' height='{h:.1f}' fill='#2f77c0'/>"
            )
            parts.append(
                f"<text x='{cx:.1f}' y='{top + plot_h - h - 5:.1f}' font-size='11' "
                f"font-weight='bold' text-anchor='middle'>{formulas.format_persen(value)}</text>"
            )
        parts.append(
            f"<text x='{cx:.1f}' y='{height - bottom + 16}' font-size='11' "
            f"text-anchor='middle'>{escape(name)}</text>"
        )
    parts.append(
        f"<line x1='{left}' x2='{width - 10}' y1='{y(Decimal(100)):.1f}' "
        f"y2='{y(Decimal(100)):.1f}' stroke='{TEKS}' stroke-dasharray='4 3'/>"
    )
    parts.append(
        f"<line x1='{left}' x2='{width - 10}' y1='{top + plot_h}' y2='{top + plot_h}' "
        f"stroke='{TEKS}'/>"
    )
    return svg(width, height, "".join(parts), label)


def anggaran_tahunan(items: list[tuple[str, Decimal | None, Decimal | None]], label: str) -> str:
    """Pagu (outlined) and realisation (filled) per year, amounts in millions of rupiah."""
    values = [v for _, p, r in items for v in (p, r) if v is not None]
    if not values:
        return ""
    width, height, left, top, bottom = 520, 240, 70, 30, 34
    group_w = (width - left - 10) / len(items)
    plot_h = height - top - bottom
    hi = max(values) or Decimal(1)
    parts = [
        f"<text x='{left}' y='14' font-size='11'>Juta rupiah</text>",
        f"<rect x='{left + 80}' y='4' width='14' height='12' fill='#fff' stroke='#2f77c0' "
        f"stroke-width='2'/><text x='{left + 100}' y='14' font-size='11'>Pagu</text>",
        f"<rect x='{left + 150}' y='4' width='14' height='12' fill='#2f77c0'/>"
        f"<text x='{left + 170}' y='14' font-size='11'>Realisasi</text>",
    ]
    for i, (name, pagu, realisasi) in enumerate(items):
        gx = left + group_w * i
        for j, (value, fill) in enumerate(((pagu, "#fff"), (realisasi, "#2f77c0"))):
            bx = gx + group_w * (0.15 + j * 0.36)
            if value is None:
                continue
            h = plot_h * float(value / hi) if value > 0 else 0
            parts.append(
                f"<rect x='{bx:.1f}' y='{top + plot_h - h:.1f}' width='{group_w * 0.32:.1f}' "
                f"height='{h:.1f}' fill='{fill}' stroke='#2f77c0' stroke-width='2'/>"
            )
            parts.append(
                f"<text x='{bx + group_w * 0.16:.1f}' y='{top + plot_h - h - 4:.1f}' "
                f"font-size='10' text-anchor='middle'>{formulas.format_juta(value)}</text>"
            )
        parts.append(
            f"<text x='{gx + group_w / 2:.1f}' y='{height - bottom + 16}' font-size='12' "
            f"text-anchor='middle'>{escape(name)}</text>"
        )
    parts.append(
        f"<line x1='{left}' x2='{width - 10}' y1='{top + plot_h}' y2='{top + plot_h}' "
        f"stroke='{TEKS}'/>"
    )
    return svg(width, height, "".join(parts), label)
