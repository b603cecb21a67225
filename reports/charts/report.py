"""The report's charts, the same in HTML and PDF: greys and hatching so they read in black-and-white
print."""

from __future__ import annotations

from decimal import Decimal
from html import escape

from lkip import formulas
from reports.charts.base import kosong, nice_range, svg, wrap

BELUM_ADA_DATA = "Belum ada data untuk grafik ini."


def garis(titik: list[tuple[str, Decimal]], label: str, satuan: str = "") -> str:
    """A line chart with a label on every point (e.g. IKM per year)."""
    width, height, left, right, top, bottom = 640, 280, 50, 20, 20, 40
    if not titik:
        return ""
    lo, hi, step = nice_range([v for _, v in titik])
    plot_w, plot_h = width - left - right, height - top - bottom
    n = len(titik)

    def x(i: int) -> float:
        return left + (plot_w * (i + 0.5) / n)

    def y(v: Decimal) -> float:
        return top + plot_h * float((hi - v) / (hi - lo))

    parts = []
    tick = lo
    while tick <= hi:
        parts.append(
            f"<line x1='{left}' x2='{width - right}' y1='{y(tick):.1f}' y2='{y(tick):.1f}' "
            "stroke='#ccc' stroke-width='0.7'/>"
        )
        parts.append(
            f"<text x='{left - 6}' y='{y(tick) + 4:.1f}' font-size='11' "
            f"text-anchor='end'>{formulas.format_angka(tick, 0)}</text>"
        )
        tick += step
    points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, (_, v) in enumerate(titik))
    parts.append(f"<polyline points='{points}' fill='none' stroke='#222' stroke-width='2'/>")
    for i, (name, v) in enumerate(titik):
        parts.append(
            f"<circle cx='{x(i):.1f}' cy='{y(v):.1f}' r='4' fill='#fff' stroke='#222' "
            "stroke-width='2'/>"
        )
        parts.append(
            f"<text x='{x(i):.1f}' y='{y(v) - 9:.1f}' font-size='11' text-anchor='middle' "
            f"font-weight='bold'>{formulas.format_angka(v)}{escape(satuan)}</text>"
        )
        parts.append(
            f"<text x='{x(i):.1f}' y='{height - bottom + 18}' font-size='12' "
            f"text-anchor='middle'>{escape(name)}</text>"
        )
    parts.append(
        f"<line x1='{left}' x2='{width - right}' y1='{height - bottom}' y2='{height - bottom}' "
        "stroke='#222'/>"
    )
    return svg(width, height, "".join(parts), label)


def target_realisasi(
    panel: list[tuple[str, Decimal | None, Decimal | None, str]], label: str
) -> str:
    """One small panel per indicator: a target bar (hatched) and a realisation bar (dark)."""
    if not panel:
        return ""
    panel_w, height, top, bottom = 160, 250, 34, 78
    width = max(panel_w * len(panel), 320)
    if all(t is None and r is None for _, t, r, _s in panel):
        return kosong(width, 120, "Belum ada data target maupun realisasi.", label)
    missing = False
    plot_h = height - top - bottom
    parts = []
    for i, (name, target, realisasi, satuan) in enumerate(panel):
        x0 = i * panel_w
        values = [v for v in (target, realisasi) if v is not None]
        hi = max(values) if values else Decimal(1)
        hi = hi if hi > 0 else Decimal(1)
        for j, (value, fill, caption) in enumerate(
            ((target, "url(#arsir)", "Target"), (realisasi, "#333", "Realisasi"))
        ):
            bx = x0 + 30 + j * 55
            if value is None:
                # One short mark per missing bar; the legend says once what it means.
                missing = True
                parts.append(
                    f"<text x='{bx + 20}' y='{top + plot_h - 4}' font-size='12' "
                    "text-anchor='middle'>\u2013</text>"
                )
            else:
                h = plot_h * float(value / hi) if value > 0 else 0
                parts.append(
                    f"<rect x='{bx}' y='{top + plot_h - h:.1f}' width='40' height='{h:.1f}' "
                    f"fill='{fill}' stroke='#222'/>"
                )
                parts.append(
                    f"<text x='{bx + 20}' y='{top + plot_h - h - 5:.1f}' font-size='11' "
                    "text-anchor='middle' "
                    f"font-weight='bold'>{formulas.format_angka(value)}{escape(satuan)}</text>"
                )
            parts.append(
                f"<text x='{bx + 20}' y='{top + plot_h + 14}' font-size='10' "
                f"text-anchor='middle'>{caption}</text>"
            )
        parts.append(
            f"<line x1='{x0 + 20}' x2='{x0 + panel_w - 20}' y1='{top + plot_h}' "
            f"y2='{top + plot_h}' stroke='#222'/>"
        )
        for k, line in enumerate(wrap(name, 24)[:3]):
            parts.append(
                f"<text x='{x0 + panel_w / 2}' y='{top + plot_h + 32 + k * 13}' font-size='11' "
                f"text-anchor='middle'>{escape(line)}</text>"
            )
    legend = (
        "<rect x='10' y='6' width='14' height='12' fill='url(#arsir)' stroke='#222'/>"
        "<text x='30' y='16' font-size='11'>Target</text>"
        "<rect x='90' y='6' width='14' height='12' fill='#333' stroke='#222'/>"
        "<text x='110' y='16' font-size='11'>Realisasi</text>"
    ) + ("<text x='180' y='16' font-size='11'>\u2013 belum ada data</text>" if missing else "")
    return svg(width, height, legend + "".join(parts), label)


def batang_horizontal(
    items: list[tuple[str, Decimal | None]], label: str, batas: Decimal = Decimal(100)
) -> str:
    """Horizontal bars in percent with a reference line (e.g. serapan per program against 100%)."""
    if not items:
        return ""
    label_w, bar_w, row_h, top = 270, 290, 36, 24
    width, height = label_w + bar_w + 80, top + row_h * len(items) + 20
    if all(v is None for _, v in items):
        return kosong(width, 120, BELUM_ADA_DATA, label)
    hi = max([batas] + [v for _, v in items if v is not None])
    parts = []
    for i, (name, value) in enumerate(items):
        y0 = top + i * row_h
        for k, line in enumerate(wrap(name, 40)[:2]):
            parts.append(
                f"<text x='{label_w - 8}' y='{y0 + 13 + k * 13}' font-size='11' "
                f"text-anchor='end'>{escape(line)}</text>"
            )
        if value is None:
            parts.append(
                f"<text x='{label_w + 4}' y='{y0 + 15}' font-size='11' "
                "font-style='italic'>belum ada data</text>"
            )
            continue
        w = bar_w * float(value / hi) if value > 0 else 0
        parts.append(
            f"<rect x='{label_w}' y='{y0 + 4}' width='{w:.1f}' height='{row_h - 12}' fill='#555' "
            "stroke='#222'/>"
        )
        # Values sit in their own column right of the bars, clear of the reference line.
        parts.append(
            f"<text x='{label_w + bar_w + 12}' y='{y0 + 19}' font-size='11' "
            f"font-weight='bold'>{formulas.format_persen(value)}</text>"
        )
    ref = label_w + bar_w * float(batas / hi)
    parts.append(
        f"<line x1='{ref:.1f}' x2='{ref:.1f}' y1='{top - 6}' y2='{height - 14}' stroke='#000' "
        "stroke-dasharray='4 3'/>"
    )
    parts.append(
        f"<text x='{ref:.1f}' y='{top - 9}' font-size='10' "
        f"text-anchor='middle'>{formulas.format_persen(batas, 0)}</text>"
    )
    return svg(width, height, "".join(parts), label)


def batang_unsur(items: list[tuple[str, Decimal]], label: str) -> str:
    """Horizontal bars of the survey's NRR per unsur on the 1–4 scale, the A threshold dashed."""
    if not items:
        return ""
    label_w, bar_w, row_h, top = 270, 290, 30, 24
    width, height = label_w + bar_w + 70, top + row_h * len(items) + 24
    lo, hi = Decimal(1), Decimal(4)

    def x(v: Decimal) -> float:
        return label_w + bar_w * float((v - lo) / (hi - lo))

    parts = []
    for i, (name, value) in enumerate(items):
        y0 = top + i * row_h
        parts.append(
            f"<text x='{label_w - 8}' y='{y0 + 16}' font-size='11' "
            f"text-anchor='end'>{escape(wrap(name, 42)[0])}</text>"
        )
        parts.append(
            f"<rect x='{label_w}' y='{y0 + 4}' width='{x(value) - label_w:.1f}' "
            f"height='{row_h - 10}' fill='#555' stroke='#222'/>"
        )
        parts.append(
            f"<text x='{label_w + bar_w + 10}' y='{y0 + 17}' font-size='11' "
            f"font-weight='bold'>{formulas.format_angka(value)}</text>"
        )
    for tick in (1, 2, 3, 4):
        parts.append(
            f"<text x='{x(Decimal(tick)):.1f}' y='{height - 6}' font-size='10' "
            f"text-anchor='middle'>{tick}</text>"
        )
    # mutu A starts at an NRR of 88,31 / 25 (spec §5.3)
    batas_a = Decimal("88.31") / 25
    parts.append(
        f"<line x1='{x(batas_a):.1f}' x2='{x(batas_a):.1f}' y1='{top - 6}' y2='{height - 18}' "
        "stroke='#000' stroke-dasharray='4 3'/>"
    )
    parts.append(
        f"<text x='{x(batas_a):.1f}' y='{top - 9}' font-size='10' "
        "text-anchor='middle'>batas mutu A</text>"
    )
    return svg(width, height, "".join(parts), label)
