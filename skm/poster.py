"""The printable poster (A4 PDF) with the public form's QR code, for the service counter."""

from __future__ import annotations

import base64
import io

import qrcode
import qrcode.image.svg
from django.template.loader import render_to_string

from lkip.models import PerangkatDaerah
from skm.models import TautanSurvei


def qr_svg(url: str) -> str:
    """The QR code as an SVG data URI (vector: sharp at any print size)."""
    img = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=20, border=2)
    out = io.BytesIO()
    img.save(out)
    return "data:image/svg+xml;base64," + base64.b64encode(out.getvalue()).decode()


def render_poster(opd: PerangkatDaerah, tautan: TautanSurvei, url: str) -> bytes:
    from weasyprint import HTML

    html = render_to_string(
        "skm/poster.html", {"opd": opd, "tautan": tautan, "url": url, "qr": qr_svg(url)}
    )
    return HTML(string=html).write_pdf()
