"""Upload limits per URL, enforced while the request body is read, not after it has all arrived.

`UploadLimitHandler` comes first in FILE_UPLOAD_HANDLERS, so it is in place before anything reads
the body (the CSRF check reads the form first). A view declares what its files may weigh in all
with `@upload_limit(bytes)`; any other URL allows UPLOAD_MAKS_MB. Past the limit the handler stops
reading the body (StopUpload with connection_reset: the rest is not even read to be discarded);
a body whose declared length cannot fit is refused at its first file, right after the form fields
before it (the CSRF token among them). The view then finds `request.unggahan_terlalu_besar` (an
`UploadRefused`; the workbook import's own handler sets the same attribute) and answers 413 with a
message on the field.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload

from lkip import formulas

#: Room a form's other fields and the multipart headers may take beside its files.
_RUANG_ISIAN = 256 * 1024


def upload_limit(nbytes: int) -> Callable:
    """Decorator: this view accepts uploaded files of at most `nbytes` in all."""

    def decorate(view: Callable) -> Callable:
        view.upload_limit = nbytes
        return view

    return decorate


def ukuran_teks(nbytes: int) -> str:
    """5242880 → '5 MB'; 1572864 → '1,5 MB'."""
    mb = Decimal(nbytes) / (1024 * 1024)
    return f"{formulas.format_angka(mb, 0 if mb == mb.to_integral_value() else 1)} MB"


@dataclass(frozen=True)
class UploadRefused:
    field_name: str
    limit: int

    def pesan(self, label: str = "Berkas") -> str:
        return (
            f"{label} terlalu besar: paling besar {ukuran_teks(self.limit)}. Berkas tidak "
            "diterima; perkecil ukurannya (misalnya pindai dengan resolusi lebih rendah) lalu "
            "unggah lagi."
        )


def upload_refused(request) -> UploadRefused | None:
    refused = getattr(request, "unggahan_terlalu_besar", None)
    return refused if isinstance(refused, UploadRefused) else None


class UploadLimitHandler(FileUploadHandler):
    """Counts the bytes of the uploaded files and stops reading at the URL's limit."""

    def __init__(self, request=None) -> None:
        super().__init__(request)
        self.received = 0
        self.cannot_fit = False

    def limit(self) -> int:
        match = getattr(self.request, "resolver_match", None)
        view = match.func if match else None
        return getattr(view, "upload_limit", settings.UPLOAD_MAKS_MB * 1024 * 1024)

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None) -> None:
        fields = settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0
        self.cannot_fit = content_length > self.limit() + fields + _RUANG_ISIAN
        return None  # the multipart parser goes on (with this handler counting)

    def new_file(self, field_name, *args, **kwargs) -> None:
        super().new_file(field_name, *args, **kwargs)
        if self.cannot_fit:
            self._refuse()

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > self.limit():
            self._refuse()
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None  # the next handlers keep the file

    def _refuse(self) -> None:
        if self.request is not None:
            self.request.unggahan_terlalu_besar = UploadRefused(self.field_name, self.limit())
        raise StopUpload(connection_reset=True)


def tolak_terlalu_besar(request, form, field: str, label: str = "Berkas") -> bool:
    """Whether the request's upload was stopped at its limit; if so the form is bound with what
    arrived and says so on `field` alone (nothing of it is to be saved)."""
    refused = upload_refused(request)
    if refused is None:
        return False
    form.is_valid()
    form.errors.clear()
    form.add_error(field, refused.pesan(label))
    return True
