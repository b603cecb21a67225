"""Internal Decimal helpers shared by the formulas package (no Django, no float)."""

from decimal import ROUND_HALF_UP, Context, Decimal
from enum import StrEnum

SERATUS = Decimal(100)

# A fixed context for ratios (the only inexact operations here), so a percentage does not
# depend on the thread-local context of the caller. 34 significant digits (IEEE decimal128)
# is ample for rupiah.
KONTEKS = Context(prec=34)
_KONTEKS_BULAT = Context(prec=60)


def ke_decimal(nilai: Decimal | int, nama: str = "nilai") -> Decimal:
    """Return `nilai` as a finite Decimal; refuse float, bool and text."""
    if isinstance(nilai, bool) or not isinstance(nilai, (int, Decimal)):
        raise TypeError(
            f"{nama} harus berupa Decimal atau int, bukan {type(nilai).__name__} "
            "(ubah teks dengan parse_angka)."
        )
    hasil = Decimal(nilai)
    if not hasil.is_finite():
        raise ValueError(f"{nama} harus berupa angka terhingga, bukan {hasil}.")
    return hasil


def ke_decimal_opsional(nilai: Decimal | int | None, nama: str = "nilai") -> Decimal | None:
    """Like ke_decimal, but let None through."""
    return None if nilai is None else ke_decimal(nilai, nama)


def ke_enum[E: StrEnum](kelas: type[E], nilai: E | str, nama: str) -> E:
    """Coerce a stored string (e.g. a TextChoices value) to the enum, in Indonesian on error."""
    try:
        return kelas(nilai)
    except ValueError:
        pilihan = ", ".join(f"'{anggota.value}'" for anggota in kelas)
        raise ValueError(f"{nama} '{nilai}' tidak dikenal; pilihan: {pilihan}.") from None


def bagi(pembilang: Decimal, penyebut: Decimal) -> Decimal:
    """Divide in the fixed context (caller guarantees a non-zero divisor)."""
    return KONTEKS.divide(pembilang, penyebut)


def rasio_persen(pembilang: Decimal, penyebut: Decimal) -> Decimal:
    """Return pembilang / penyebut × 100, unrounded (caller guarantees a non-zero divisor)."""
    return KONTEKS.divide(KONTEKS.multiply(pembilang, SERATUS), penyebut)


def bulatkan(nilai: Decimal | int, tempat: int = 2) -> Decimal:
    """Round half-up (ties away from zero, like Excel's ROUND) to `tempat` decimals, for display."""
    if isinstance(tempat, bool) or not isinstance(tempat, int) or tempat < 0:
        raise ValueError(f"Jumlah tempat desimal harus bilangan bulat ≥ 0, bukan {tempat!r}.")
    hasil = ke_decimal(nilai).quantize(
        Decimal(1).scaleb(-tempat), rounding=ROUND_HALF_UP, context=_KONTEKS_BULAT
    )
    # -0.001 rounds to -0.00; a printed "-0,00" would be nonsense.
    return hasil.copy_abs() if hasil.is_zero() else hasil


def bulatkan_opsional(nilai: Decimal | int | None, tempat: int = 2) -> Decimal | None:
    """Like bulatkan, but let None through."""
    return None if nilai is None else bulatkan(nilai, tempat)
