"""Form fields every data screen shares: numbers typed in Indonesian notation, evidence files."""

import uuid
from decimal import Decimal

from django import forms

from lkip import formulas


class AngkaField(forms.CharField):
    """A number as people type it (1.234,56 / Rp 4.103.700.625,- / 12%), read by the shared
    parser."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def prepare_value(self, value):
        """A stored number is shown as it is typed back (77,26; 12.662.367.600), never as Python
        writes it (77.260000; 12662367600.00), which the parser rightly refuses on saving."""
        if isinstance(value, (Decimal, int)) and not isinstance(value, bool):
            return formulas.format_masukan(value)
        return super().prepare_value(value)

    def to_python(self, value) -> Decimal | None:
        text = super().to_python(value)
        if not text:
            return None
        try:
            return formulas.parse_angka(text)
        except ValueError as exc:
            raise forms.ValidationError(str(exc), code="angka") from exc


BUKTI_MAKS = 5 * 1024 * 1024
_MAGIC = {b"%PDF-": ".pdf", b"\x89PNG\r\n\x1a\n": ".png", b"\xff\xd8\xff": ".jpg"}


class BuktiField(forms.FileField):
    """An evidence file: PDF, PNG or JPEG by content (not by name), at most 5 MB, stored under a
    new name."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if not upload or upload is initial or not hasattr(upload, "read"):
            return upload
        if upload.size > BUKTI_MAKS:
            raise forms.ValidationError(
                (
                    f"Berkas bukti terlalu besar ({upload.size / 1024 / 1024:.1f} MB); "
                    "paling besar 5 MB."
                ).replace(".", ",", 1)
            )
        head = upload.read(16)
        upload.seek(0)
        ext = next((e for magic, e in _MAGIC.items() if head.startswith(magic)), None)
        if ext is None:
            raise forms.ValidationError(
                "Berkas bukti harus PDF, PNG atau JPEG (isi berkas diperiksa, bukan namanya)."
            )
        upload.name = f"{uuid.uuid4().hex}{ext}"
        return upload
