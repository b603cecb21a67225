"""Uploads stop at the limit of their URL while the body is read, and evidence files do not linger.

Probe #15: the anonymous verifier (/verifikasi/) received a 400 MB upload whole (spooled to disk)
before answering "terlalu besar"; an evidence file (5 MB) was measured only after all of it had
arrived; a replaced evidence file stayed on disk.
"""

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.test.client import ClientHandler

from lkip.forms import BUKTI_MAKS
from reports.verifikasi import MAKS_UKURAN
from targets.models import Realisasi
from tests.factories import make_indikator, make_realisasi

pytestmark = pytest.mark.django_db

MB = 1024 * 1024
BOUNDARY = "----batas-uji-7MA4YWxkTrZu0gW"


class GeneratedBody:
    """A multipart body made on the fly (never held in memory) that counts the bytes read of it."""

    def __init__(self, fields: dict[str, str], file_field: str, file_size: int) -> None:
        head = b"".join(
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
            for k, v in fields.items()
        )
        head += (
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{file_field}"; '
            'filename="besar.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7\n'
        ).encode()
        self.parts = [head, file_size, f"\r\n--{BOUNDARY}--\r\n".encode()]
        self.length = len(head) + file_size + len(self.parts[2])
        self.position = 0
        self.read_bytes = 0

    def read(self, size: int = -1) -> bytes:
        head, filler, tail = self.parts
        if size is None or size < 0:
            size = self.length - self.position
        out = bytearray()
        while size > 0 and self.position < self.length:
            if self.position < len(head):
                piece = head[self.position : self.position + size]
            elif self.position < len(head) + filler:
                piece = b"0" * min(size, len(head) + filler - self.position)
            else:
                start = self.position - len(head) - filler
                piece = tail[start : start + size]
            out += piece
            self.position += len(piece)
            size -= len(piece)
        self.read_bytes += len(out)
        return bytes(out)

    def readline(self, size: int = -1) -> bytes:
        return self.read(size)


def post_generated(client, path: str, body: GeneratedBody):
    """POST the generated body through the whole middleware chain, CSRF checks included."""
    cookies = "; ".join(f"{k}={v.value}" for k, v in client.cookies.items())
    environ = RequestFactory()._base_environ(
        PATH_INFO=path,
        REQUEST_METHOD="POST",
        CONTENT_TYPE=f"multipart/form-data; boundary={BOUNDARY}",
        CONTENT_LENGTH=str(body.length),
        HTTP_COOKIE=cookies,
        **{"wsgi.input": body},
    )
    return ClientHandler(enforce_csrf_checks=True)(environ)


def csrf_token(client, path: str) -> str:
    client.get(path)
    return client.cookies["csrftoken"].value


class VerifierTests:
    def test_a_400_mb_upload_is_refused_after_reading_less_than_a_megabyte(self, db, client):
        body = GeneratedBody(
            {"csrfmiddlewaretoken": csrf_token(client, "/verifikasi/")}, "berkas", 400 * MB
        )
        response = post_generated(client, "/verifikasi/", body)
        assert response.status_code == 413
        assert "terlalu besar" in response.content.decode() and "50 MB" in response.content.decode()
        assert body.read_bytes < 1 * MB, body.read_bytes

    def test_an_upload_just_over_the_limit_is_refused_at_the_limit(self, db, client):
        body = GeneratedBody(
            {"csrfmiddlewaretoken": csrf_token(client, "/verifikasi/")},
            "berkas",
            MAKS_UKURAN + MB,
        )
        response = post_generated(client, "/verifikasi/", body)
        assert response.status_code == 413 and "terlalu besar" in response.content.decode()
        assert body.read_bytes <= MAKS_UKURAN + 256 * 1024, body.read_bytes

    def test_an_upload_under_the_limit_is_still_verified(self, db, client):
        response = client.post(
            "/verifikasi/", {"berkas": SimpleUploadedFile("x.pdf", b"bukan pdf sama sekali")}
        )
        assert response.status_code == 200 and "bukan PDF" in response.text


class OtherUrlTests:
    def test_a_large_file_posted_to_the_login_page_is_not_read(self, db, client):
        body = GeneratedBody(
            {"csrfmiddlewaretoken": csrf_token(client, "/masuk/"), "username": "x"},
            "berkas",
            400 * MB,
        )
        response = post_generated(client, "/masuk/", body)
        assert response.status_code < 500
        assert body.read_bytes < 1 * MB, body.read_bytes


@pytest.fixture
def perencana_bukti(world, client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(world["perencana"])
    indikator = make_indikator(world["dinsos"], kode="IKU-B")
    real = make_realisasi(indikator, 80, tahun=2024, periode=0)
    real.bukti = SimpleUploadedFile("lama.pdf", b"%PDF-1.4 bukti lama")
    real.save()
    return real


def realisasi_fields(real: Realisasi) -> dict[str, str]:
    return {
        "indikator": str(real.indikator_id),
        "tahun": "2024",
        "periode": "0",
        "nilai": "85",
    }


class EvidenceTests:
    def test_an_evidence_file_over_5_mb_is_refused_at_the_limit_with_the_fields_message(
        self, world, client, perencana_bukti
    ):
        real = perencana_bukti
        url = f"/data/{world['dinsos'].kode}/realisasi/{real.pk}/"
        fields = {"csrfmiddlewaretoken": csrf_token(client, url), **realisasi_fields(real)}
        body = GeneratedBody(fields, "bukti", BUKTI_MAKS + 3 * MB)
        response = post_generated(client, url, body)
        assert response.status_code == 413
        page = response.content.decode()
        assert "Berkas bukti" in page and "terlalu besar" in page and "5 MB" in page
        assert body.read_bytes <= BUKTI_MAKS + 256 * 1024, body.read_bytes
        real.refresh_from_db()
        assert real.nilai == 80  # nothing saved

    def test_a_replaced_evidence_file_is_deleted_from_storage(
        self, world, client, perencana_bukti, django_capture_on_commit_callbacks
    ):
        real = perencana_bukti
        old = real.bukti.name
        assert default_storage.exists(old)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                f"/data/{world['dinsos'].kode}/realisasi/{real.pk}/",
                {
                    **realisasi_fields(real),
                    "bukti": SimpleUploadedFile("baru.pdf", b"%PDF-1.4 bukti baru"),
                },
            )
        assert response.status_code == 302
        real.refresh_from_db()
        assert real.bukti.name != old and default_storage.exists(real.bukti.name)
        assert not default_storage.exists(old)

    def test_a_cleared_evidence_file_is_deleted_from_storage(
        self, world, client, perencana_bukti, django_capture_on_commit_callbacks
    ):
        real = perencana_bukti
        old = real.bukti.name
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                f"/data/{world['dinsos'].kode}/realisasi/{real.pk}/",
                {**realisasi_fields(real), "bukti-clear": "on"},
            )
        assert response.status_code == 302
        real.refresh_from_db()
        assert not real.bukti and not default_storage.exists(old)

    def test_deleting_a_realisation_deletes_its_evidence_file(
        self, world, client, perencana_bukti, django_capture_on_commit_callbacks
    ):
        real = perencana_bukti
        old = real.bukti.name
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                f"/data/{world['dinsos'].kode}/realisasi/{real.pk}/hapus/", {"konfirmasi": "ya"}
            )
        assert response.status_code == 302
        assert not Realisasi.objects.filter(pk=real.pk).exists()
        assert not default_storage.exists(old)

    def test_an_evidence_file_is_kept_when_the_save_is_rolled_back(
        self, world, perencana_bukti, django_capture_on_commit_callbacks
    ):
        from django.db import transaction

        real = perencana_bukti
        old = real.bukti.name
        with django_capture_on_commit_callbacks(execute=True):
            try:
                with transaction.atomic():
                    real.bukti = SimpleUploadedFile("baru.pdf", b"%PDF-1.4 bukti baru")
                    real.save()
                    raise RuntimeError("batal")
            except RuntimeError:
                pass
        assert default_storage.exists(old)


class FormDataTests:
    def test_form_fields_over_the_memory_limit_are_refused_with_a_400_page_in_indonesian(
        self, world, client
    ):
        client.force_login(world["perencana"])
        response = client.post(
            f"/data/{world['dinsos'].kode}/renstra/tambah/", {"dasar": "x" * (3 * MB)}
        )
        assert response.status_code == 400
        assert "Permintaan tidak dapat diproses" in response.content.decode()
