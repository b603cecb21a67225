"""The pemda's emblem on the LKIP cover: the Admin Pemda uploads a PNG or SVG in the admin site;
anything but a plain image within the limits is refused with a message, never cleaned."""

import io
import struct
import zlib

import pdfplumber
import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from lkip.lambang import LAMBANG_MAKS, LambangDitolak, jenis_lambang
from lkip.models import Pemda
from reports.laporan import build_laporan, render_html, render_pdf
from tests.security.admin_forms import admin_form_data

pytestmark = pytest.mark.django_db

SVG = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
    b'viewBox="0 0 100 120" width="100" height="120"><title>Lambang</title>'
    b'<defs><linearGradient id="g"><stop offset="0" stop-color="#1f6f3f"/></linearGradient></defs>'
    b'<path id="p" d="M50 2 L96 20 L90 80 Q50 118 10 80 L4 20 Z" fill="url(#g)" stroke="#222"/>'
    b'<use xlink:href="#p"/><text x="50" y="100">KOTA</text></svg>'
)


def png(width: int = 120, height: int = 140) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (31, 111, 63)).save(out, "PNG")
    return out.getvalue()


def png_header_claiming(width: int, height: int) -> bytes:
    """A PNG whose header claims a huge picture (a decompression bomb's first bytes)."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    return (
        b"\x89PNG\r\n\x1a\n"
        + struct.pack(">I", len(ihdr))
        + chunk
        + struct.pack(">I", zlib.crc32(chunk))
    )


def svg(body: str, head: str = "") -> bytes:
    return (
        f'{head}<svg xmlns="http://www.w3.org/2000/svg" '
        f'xmlns:xlink="http://www.w3.org/1999/xlink">{body}</svg>'
    ).encode()


HOSTILE = {
    "script element": svg("<script>alert(1)</script>"),
    "event attribute": svg('<rect width="10" height="10" onload="alert(1)"/>').replace(
        b"<svg ", b'<svg onload="alert(1)" '
    ),
    "external image": svg('<image href="https://contoh.invalid/x.png" width="9" height="9"/>'),
    "external use": svg('<use xlink:href="https://contoh.invalid/a.svg#x"/>'),
    "javascript link": svg('<a href="javascript:alert(1)"><text>x</text></a>'),
    "style element": svg("<style>@import url(https://contoh.invalid/x.css);</style>"),
    "style attribute": svg('<rect style="fill:url(https://contoh.invalid/p)"/>'),
    "external paint": svg('<rect fill="url(https://contoh.invalid/p.svg#g)"/>'),
    "foreign object": svg(
        "<foreignObject><div xmlns='http://www.w3.org/1999/xhtml'/></foreignObject>"
    ),
    "entity expansion": svg(
        "<text>&lol3;</text>",
        '<!DOCTYPE svg [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">'
        '<!ENTITY lol3 "&lol2;&lol2;&lol2;">]>',
    ),
    "external entity": svg(
        "<text>&xxe;</text>", '<!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    ),
    "data uri": svg(
        '<use xlink:href="data:image/svg+xml;base64,PHN2Zy8+"/>'.replace("xlink:", "")
    ).replace(b'href="data', b'xlink:href="data'),
    "html page": b"<html><body><script>alert(1)</script></body></html>",
    "svg without namespace": b"<svg><rect width='1' height='1'/></svg>",
    "binary": b"\x00\x01\x02 not an image at all",
    "truncated png": png()[:60],
    "pixel bomb": png_header_claiming(100_000, 100_000),
    "oversized picture": png_header_claiming(5_000, 5_000),
    "too large": svg("<!--" + "x" * LAMBANG_MAKS + "-->"),
    "empty": b"",
}


class LambangCheckTests:
    def test_a_plain_png_and_a_plain_svg_are_accepted(self):
        assert jenis_lambang(png()) == "image/png"
        assert jenis_lambang(SVG) == "image/svg+xml"

    @pytest.mark.parametrize("name", sorted(HOSTILE))
    def test_a_hostile_or_broken_file_is_refused_with_a_message(self, name):
        with pytest.raises(LambangDitolak) as refused:
            jenis_lambang(HOSTILE[name])
        assert str(refused.value)

    def test_the_message_names_what_is_wrong(self):
        def pesan(name: str) -> str:
            with pytest.raises(LambangDitolak) as refused:
                jenis_lambang(HOSTILE[name])
            return str(refused.value)

        assert "<script>" in pesan("script element")
        assert "onload" in pesan("event attribute")
        assert "DOCTYPE" in pesan("entity expansion")
        assert "https://contoh.invalid" in pesan("external use")
        assert "5000 × 5000 piksel" in pesan("oversized picture")
        assert "paling besar 512 KB" in pesan("too large")


def admin_pemda_client(client):
    client.force_login(get_user_model().objects.get(username="admin.pemda"))
    return client


def upload(client, pemda: Pemda, name: str, content: bytes):
    url = f"/admin/lkip/pemda/{pemda.pk}/change/"
    data = admin_form_data(client.get(url))
    data["lambang"] = SimpleUploadedFile(name, content)
    return client.post(url, data)


@pytest.fixture
def media_sementara(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


class LambangUploadTests:
    def test_admin_pemda_uploads_a_png_and_the_lkip_cover_shows_it_in_html_and_pdf(
        self, demo, client, media_sementara
    ):
        response = upload(admin_pemda_client(client), demo.pemda, "lambang.png", png())
        assert response.status_code == 302
        laporan = build_laporan(demo.kode, 2024)
        assert laporan.lambang.startswith("data:image/png;base64,")
        assert 'class="sampul-lambang" src="data:image/png;base64,' in render_html(laporan)
        with pdfplumber.open(io.BytesIO(render_pdf(laporan))) as pdf:
            assert pdf.pages[0].images

    def test_a_replaced_emblem_leaves_only_the_new_file_in_storage(
        self, demo, client, media_sementara, django_capture_on_commit_callbacks
    ):
        from django.core.files.storage import default_storage

        with django_capture_on_commit_callbacks(execute=True):
            upload(admin_pemda_client(client), demo.pemda, "lambang.png", png())
        old = Pemda.objects.get(pk=demo.pemda.pk).lambang.name
        assert default_storage.exists(old)
        with django_capture_on_commit_callbacks(execute=True):
            response = upload(admin_pemda_client(client), demo.pemda, "lambang.svg", SVG)
        assert response.status_code == 302
        new = Pemda.objects.get(pk=demo.pemda.pk).lambang.name
        assert new != old and default_storage.exists(new)
        assert not default_storage.exists(old)

    def test_an_svg_emblem_is_drawn_on_the_pdf_cover(self, demo, client, media_sementara):
        upload(admin_pemda_client(client), demo.pemda, "lambang.svg", SVG)
        laporan = build_laporan(demo.kode, 2024)
        assert laporan.lambang.startswith("data:image/svg+xml;base64,")
        with pdfplumber.open(io.BytesIO(render_pdf(laporan))) as pdf:
            cover = pdf.pages[0]
            assert cover.images or cover.curves or cover.rects

    @pytest.mark.parametrize("name", ["script element", "external image", "entity expansion"])
    def test_a_hostile_svg_is_refused_on_the_form_and_nothing_is_stored(
        self, demo, client, media_sementara, name
    ):
        response = upload(admin_pemda_client(client), demo.pemda, "lambang.svg", HOSTILE[name])
        assert response.status_code == 200
        errors = response.context["adminform"].form.errors
        assert "lambang" in errors
        demo.pemda.refresh_from_db()
        assert not demo.pemda.lambang
        assert not list(media_sementara.rglob("*.svg"))
        assert build_laporan(demo.kode, 2024).lambang == ""

    def test_a_file_named_png_that_is_not_one_is_refused(self, demo, client, media_sementara):
        response = upload(
            admin_pemda_client(client), demo.pemda, "lambang.png", HOSTILE["html page"]
        )
        assert "lambang" in response.context["adminform"].form.errors

    def test_without_an_emblem_the_cover_has_none(self, demo):
        assert 'class="sampul-lambang"' not in render_html(build_laporan(demo.kode, 2024))
