"""Model fields the apps share: free text with a bound that every write path enforces."""

from __future__ import annotations

from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.functional import cached_property


def _angka(n: int) -> str:
    return f"{n:_}".replace("_", ".")


class BatasPanjang(MaxLengthValidator):
    """At most `limit_value` characters, said in Indonesian with the field's name."""

    def __init__(self, limit_value: int, nama: str) -> None:
        super().__init__(limit_value)
        self.nama = str(nama)

    def __call__(self, value) -> None:
        if value is not None and len(value) > self.limit_value:
            from django.core.exceptions import ValidationError

            raise ValidationError(
                f"{self.nama[:1].upper()}{self.nama[1:]} paling banyak "
                f"{_angka(self.limit_value)} karakter (yang diisi {_angka(len(value))}).",
                code="max_length",
            )


class TeksField(models.TextField):
    """Free text that reaches the report, at most `max_length` characters.

    Django's TextField uses max_length only for its form field; here the model's own validation
    enforces it as well, so the workbook import (which validates with the models' rules) refuses
    what the forms refuse, with the same message naming the field. Unbounded text let one
    100.000-character word stall the PDF for ten minutes and 5 GB.
    """

    def __init__(self, *args, max_length: int, **kwargs) -> None:
        super().__init__(*args, max_length=max_length, **kwargs)

    @cached_property
    def validators(self):
        return [*super().validators, BatasPanjang(self.max_length, self.verbose_name)]

    def formfield(self, **kwargs):
        field = super().formfield(**kwargs)
        field.validators = [
            v for v in field.validators if not isinstance(v, MaxLengthValidator)
        ] + [BatasPanjang(self.max_length, field.label or self.verbose_name)]
        # No maxlength attribute: a browser cuts a longer paste silently; the message says it.
        field.widget.attrs.pop("maxlength", None)
        return field
