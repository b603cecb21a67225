"""The pemda's emblem (lambang daerah) printed on the LKIP cover: a PNG or an SVG, checked by its
content, at most LAMBANG_MAKS bytes. An SVG is refused, never cleaned, when it holds anything but
plain drawing: no scripts, no event attributes, no styles, no external references, no entities."""

from __future__ import annotations

import base64
import io
import re
import uuid
import xml.etree.ElementTree as ET

from django import forms

LAMBANG_MAKS = 512 * 1024
PIKSEL_MAKS = 4000  # per side: a PNG larger than this is not an emblem (and may be a pixel bomb)
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
#: The SVG elements an emblem may use: shapes, text, groups, gradients, clipping, local reuse.
SVG_ELEMEN = frozenset(
    """svg g path rect circle ellipse line polyline polygon text tspan textPath defs title desc
    linearGradient radialGradient stop clipPath mask pattern use symbol metadata""".split()
)
_URL = re.compile(r"url\s*\(\s*['\"]?\s*([^'\")\s]*)", re.I)


class LambangDitolak(ValueError):
    """An emblem file that is not a plain PNG or SVG within the limits (message in Indonesian)."""


def jenis_lambang(data: bytes) -> str:
    """The emblem's media type ('image/png' or 'image/svg+xml') after checking its content;
    raises LambangDitolak naming what is wrong."""
    if len(data) > LAMBANG_MAKS:
        raise LambangDitolak(
            f"Berkas lambang terlalu besar ({_kb(len(data))} KB); paling besar "
            f"{LAMBANG_MAKS // 1024} KB."
        )
    if not data:
        raise LambangDitolak("Berkas lambang kosong.")
    if data.startswith(PNG_MAGIC):
        _periksa_png(data)
        return "image/png"
    _periksa_svg(data)
    return "image/svg+xml"


def _kb(size: int) -> str:
    return f"{size / 1024:.1f}".replace(".", ",")


def _periksa_png(data: bytes) -> None:
    from PIL import Image

    # The size from the header (IHDR, always the first chunk) before any pixel is decoded.
    if len(data) < 24 or data[12:16] != b"IHDR":
        raise LambangDitolak("Berkas lambang rusak: PNG tidak dapat dibaca.")
    width, height = int.from_bytes(data[16:20]), int.from_bytes(data[20:24])
    if width > PIKSEL_MAKS or height > PIKSEL_MAKS:
        raise LambangDitolak(
            f"Gambar lambang terlalu besar ({width} × {height} piksel); paling besar "
            f"{PIKSEL_MAKS} × {PIKSEL_MAKS}."
        )
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format != "PNG":
                raise LambangDitolak("Berkas lambang bukan PNG yang sah.")
            image.verify()
        with Image.open(io.BytesIO(data)) as image:
            image.load()  # every pixel decodes: a truncated or corrupt file is refused here
    except LambangDitolak:
        raise
    except Exception:
        raise LambangDitolak("Berkas lambang rusak: PNG tidak dapat dibaca.") from None


def _periksa_svg(data: bytes) -> None:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise LambangDitolak(
            "Berkas lambang harus PNG atau SVG (isi berkas diperiksa, bukan namanya)."
        ) from None
    head = text.lstrip("\ufeff \t\r\n")
    if not head.startswith(("<?xml", "<svg", "<!--", "<!DOCTYPE")):
        raise LambangDitolak(
            "Berkas lambang harus PNG atau SVG (isi berkas diperiksa, bukan namanya)."
        )
    # DTDs bring entities (expansion bombs, external files); a plain emblem needs none.
    if re.search(r"<!DOCTYPE|<!ENTITY|<\?(?!xml\s)", text, re.I):
        raise LambangDitolak("SVG lambang tidak boleh memuat DOCTYPE, ENTITY atau instruksi.")
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        raise LambangDitolak(f"SVG lambang tidak dapat dibaca: {exc}.") from None
    if root.tag != f"{{{SVG_NS}}}svg":
        raise LambangDitolak("Berkas lambang bukan SVG (elemen akar harus <svg>).")
    for element in root.iter():
        ns, name = _nama(element.tag)
        if ns != SVG_NS or name not in SVG_ELEMEN:
            raise LambangDitolak(
                f"SVG lambang memuat elemen <{name}> yang tidak diizinkan (hanya gambar biasa: "
                "tanpa skrip, gaya, gambar atau objek dari luar; dari Inkscape simpan sebagai "
                "'Plain SVG')."
            )
        for attr, value in element.attrib.items():
            _periksa_atribut(name, attr, value)


def _nama(tag: str) -> tuple[str, str]:
    if tag.startswith("{"):
        ns, _, name = tag[1:].partition("}")
        return ns, name
    return "", tag


def _periksa_atribut(element: str, attr: str, value: str) -> None:
    ns, name = _nama(attr)
    lower = name.lower()
    if lower.startswith("on"):
        raise LambangDitolak(f"SVG lambang memuat atribut {name} (skrip) pada <{element}>.")
    if ns not in ("", XLINK_NS, "http://www.w3.org/XML/1998/namespace"):
        raise LambangDitolak(f"SVG lambang memuat atribut {name} dari namespace lain.")
    if lower == "style":
        raise LambangDitolak("SVG lambang tidak boleh memuat atribut style.")
    if lower == "href" and not value.strip().startswith("#"):
        raise LambangDitolak(
            f'SVG lambang merujuk ke luar berkas ({name}="{value[:60]}") pada <{element}>.'
        )
    for target in _URL.findall(value):
        if not target.startswith("#"):
            raise LambangDitolak(f"SVG lambang merujuk ke luar berkas (url({target[:60]})).")
    if re.search(r"javascript:|data:", value, re.I):
        raise LambangDitolak(f"SVG lambang memuat alamat yang tidak diizinkan pada {name}.")


def data_uri(data: bytes) -> str:
    """The checked emblem as a data: URI for the report ('' when it does not pass the check
    any more)."""
    try:
        jenis = jenis_lambang(data)
    except LambangDitolak:
        return ""
    return f"data:{jenis};base64,{base64.b64encode(data).decode('ascii')}"


class LambangField(forms.FileField):
    """The emblem upload: PNG or SVG by content, checked as above, stored under a new name."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "help_text",
            f"PNG atau SVG, paling besar {LAMBANG_MAKS // 1024} KB; dicetak pada sampul LKIP. "
            "SVG hanya berisi gambar (tanpa skrip, gaya atau rujukan ke luar berkas).",
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if not upload or upload is initial or not hasattr(upload, "read"):
            return upload
        if upload.size > LAMBANG_MAKS:
            raise forms.ValidationError(
                f"Berkas lambang terlalu besar ({_kb(upload.size)} KB); paling besar "
                f"{LAMBANG_MAKS // 1024} KB."
            )
        content = upload.read()
        upload.seek(0)
        try:
            jenis = jenis_lambang(content)
        except LambangDitolak as exc:
            raise forms.ValidationError(str(exc), code="lambang") from None
        upload.name = f"{uuid.uuid4().hex}{'.png' if jenis == 'image/png' else '.svg'}"
        return upload
