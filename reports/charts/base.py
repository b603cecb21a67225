"""What every chart shares: the SVG frame (font, hatching), round axis ranges, label wrapping."""

from __future__ import annotations

import hashlib
from decimal import Decimal
from html import escape

from lkip import formulas

FONT = "font-family='Source Sans Pro, DejaVu Sans, sans-serif'"
DEFS = (
    "<defs><pattern id='arsir' width='6' height='6' patternUnits='userSpaceOnUse' "
    "patternTransform='rotate(45)'><rect width='6' height='6' fill='#fff'/>"
    "<line x1='0' y1='0' x2='0' y2='6' stroke='#555' stroke-width='2'/></pattern></defs>"
)


def svg(width: int, height: int, body: str, label: str) -> str:
    """The chart's <svg> element: fixed size, an accessible label, the shared font and patterns.

    The hatch pattern gets an id of this chart's own (from its content, so the HTML stays the same
    for the same data): a document with several charts would otherwise define `arsir` twice.
    """
    own = "arsir-" + hashlib.blake2b(f"{label}{body}".encode(), digest_size=4).hexdigest()
    defs = DEFS.replace("id='arsir'", f"id='{own}'")
    body = body.replace("url(#arsir)", f"url(#{own})")
    return (
        f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {width} {height}' width='{width}' "
        f"height='{height}' role='img' aria-label='{escape(label, quote=True)}' "
        f"{FONT}>{defs}{body}</svg>"
    )


def kosong(width: int, height: int, pesan: str, label: str) -> str:
    """A chart without any value: one framed message in the middle, nothing else."""
    body = (
        f"<rect x='1' y='1' width='{width - 2}' height='{height - 2}' fill='#fff' stroke='#999' "
        "stroke-dasharray='4 3'/>"
        f"<text x='{width / 2:.0f}' y='{height / 2 + 4:.0f}' font-size='13' text-anchor='middle' "
        f"font-style='italic'>{escape(pesan)}</text>"
    )
    return svg(width, height, body, label)


def nice_range(values: list[Decimal]) -> tuple[Decimal, Decimal, Decimal]:
    """Axis bounds and step that contain the values, in round numbers."""
    lo, hi = min(values), max(values)
    span = hi - lo or abs(hi) or Decimal(1)
    for step in (
        Decimal(1),
        Decimal(2),
        Decimal(5),
        Decimal(10),
        Decimal(20),
        Decimal(25),
        Decimal(50),
        Decimal(100),
    ):
        if span / step <= 6:
            break
    bottom = (lo / step).to_integral_value(rounding="ROUND_FLOOR") * step - step
    top = (hi / step).to_integral_value(rounding="ROUND_CEILING") * step + step
    return bottom, top, step


def wrap(text: str, width: int) -> list[str]:
    """The words of `text` in lines of at most `width` characters (a longer word stands alone)."""
    lines, current = [], ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    if current:
        lines.append(current)
    return lines


def angka(value: Decimal) -> str:
    """A value as a label: no decimals when it is whole, else two."""
    return formulas.format_angka(value, 0 if value == value.to_integral_value() else 2)
