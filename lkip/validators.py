"""Field validators that turn the formulas module's parse errors into Indonesian form errors."""

from decimal import Decimal

from django.core.exceptions import ValidationError

from lkip import formulas


def validate_nip(value: str) -> None:
    """An 18-digit NIP with a valid birth date, TMT month and sex digit."""
    if not value:
        return
    try:
        formulas.parse_nip(value)
    except ValueError as exc:
        raise ValidationError(str(exc), code="nip") from exc


def validate_kode_nomenklatur(value: str) -> None:
    """A program, kegiatan or sub-kegiatan code in the Permendagri 90/2019 form."""
    try:
        normal = formulas.normalisasi_kode(value)
    except ValueError as exc:
        raise ValidationError(str(exc), code="kode") from exc
    if normal != value:
        raise ValidationError(
            f"Kode '{value}' harus ditulis dalam bentuk baku '{normal}'.", code="kode"
        )


def validate_non_negatif(value: Decimal | None) -> None:
    """Money and counts are never negative."""
    if value is not None and value < 0:
        raise ValidationError("Nilai tidak boleh negatif.", code="negatif")
