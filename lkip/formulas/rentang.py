"""The pemda's own LKIP (RPJMD): range targets, realisations not yet published, predicate scales
stored with an indicator, budget totals over agencies (no Django)."""

from collections.abc import Iterable, Sequence
from decimal import Decimal
from enum import StrEnum

from ._dasar import bagi, bulatkan, ke_decimal, ke_decimal_opsional, ke_enum
from .anggaran import serapan
from .kinerja import MetodeNegatif, Polaritas, capaian


class AcuanRentang(StrEnum):
    """The bound of a range target ("68,10 – 68,60") that capaian is computed against."""

    ATAS = "atas"
    BAWAH = "bawah"


class BelumTersedia:
    """A realisation that exists but is not yet published ("NA"): never 0, never averaged."""

    _instance = None

    def __new__(cls):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "BELUM_TERSEDIA"

    def __bool__(self) -> bool:
        return False


BELUM_TERSEDIA = BelumTersedia()

Nilai = Decimal | int | None | BelumTersedia


def acuan_baku(polaritas: Polaritas | str) -> AcuanRentang:
    """The default bound: the upper for positive polarity, the lower for negative."""
    polaritas = ke_enum(Polaritas, polaritas, "Polaritas")
    return AcuanRentang.ATAS if polaritas is Polaritas.POSITIF else AcuanRentang.BAWAH


def periksa_rentang(bawah: Decimal | int | None, atas: Decimal | int | None) -> None:
    """Raise ValueError for a range whose lower bound is above its upper bound, or half a range."""
    b = ke_decimal_opsional(bawah, "Batas bawah")
    a = ke_decimal_opsional(atas, "Batas atas")
    if (b is None) != (a is None):
        raise ValueError("Target rentang memerlukan batas bawah dan batas atas sekaligus.")
    if b is not None and a is not None and b > a:
        raise ValueError(
            f"Batas bawah rentang ({b}) lebih besar daripada batas atasnya ({a}); tukar keduanya."
        )


def target_acuan(
    nilai: Decimal | int | None,
    bawah: Decimal | int | None,
    atas: Decimal | int | None,
    *,
    polaritas: Polaritas | str,
    acuan: AcuanRentang | str | None = None,
) -> Decimal | None:
    """The target capaian is computed against: the single value, or the bound of a range that
    `acuan` names (default by polarity: `acuan_baku`)."""
    if bawah is None and atas is None:
        return ke_decimal_opsional(nilai, "Target")
    periksa_rentang(bawah, atas)
    pilih = ke_enum(AcuanRentang, acuan, "Acuan rentang") if acuan else acuan_baku(polaritas)
    return ke_decimal(atas if pilih is AcuanRentang.ATAS else bawah, "Target")


def capaian_rentang(
    nilai: Decimal | int | None,
    bawah: Decimal | int | None,
    atas: Decimal | int | None,
    realisasi: Nilai,
    *,
    polaritas: Polaritas | str = Polaritas.POSITIF,
    metode_negatif: MetodeNegatif | str = MetodeNegatif.A,
    acuan: AcuanRentang | str | None = None,
) -> Decimal | None:
    """Capaian (%) of a single or range target; None when the realisation is not yet published
    (`BELUM_TERSEDIA`), missing, or the target is undefined."""
    if realisasi is None or isinstance(realisasi, BelumTersedia):
        return None
    target = target_acuan(nilai, bawah, atas, polaritas=polaritas, acuan=acuan)
    return capaian(target, realisasi, polaritas=polaritas, metode_negatif=metode_negatif)


def rata_rata_tersedia(nilai: Iterable[Nilai]) -> Decimal | None:
    """Mean of the published values: not yet published (`BELUM_TERSEDIA`) and missing ones are
    left out, never read as 0; None when none is published."""
    ada = [
        ke_decimal(n, "Nilai") for n in nilai if n is not None and not isinstance(n, BelumTersedia)
    ]
    if not ada:
        return None
    return bagi(sum(ada, Decimal(0)), Decimal(len(ada)))


def jumlah_tersedia(nilai: Iterable[Nilai]) -> int:
    """How many values are published."""
    return sum(1 for n in nilai if n is not None and not isinstance(n, BelumTersedia))


#: Indeks reformasi birokrasi (workbook spec, Tingkat pemda): a predicate when the value is above
#: the threshold; the last one (None) takes every value at or below the one before.
SKALA_RB: tuple[tuple[str, Decimal | None], ...] = (
    ("AA", Decimal(90)),
    ("A", Decimal(80)),
    ("BB", Decimal(70)),
    ("B", Decimal(60)),
    ("CC", Decimal(50)),
    ("C", Decimal(30)),
    ("D", None),
)


def periksa_skala(skala: Sequence[tuple[str, Decimal | None]]) -> None:
    """Raise ValueError unless the thresholds fall strictly and only the last is open."""
    if not skala:
        raise ValueError("Skala predikat kosong.")
    batas = [b for _, b in skala[:-1]]
    if any(b is None for b in batas) or skala[-1][1] is not None:
        raise ValueError("Hanya predikat terakhir skala yang tanpa ambang batas.")
    if any(a <= b for a, b in zip(batas, batas[1:], strict=False)):
        raise ValueError("Ambang batas skala predikat harus menurun dari predikat tertinggi.")


def predikat_skala(
    nilai: Decimal | int | None, skala: Sequence[tuple[str, Decimal | None]]
) -> str | None:
    """The predicate of a value on a stored scale (judged on the value as printed, 2 dp)."""
    if nilai is None:
        return None
    tampil = bulatkan(nilai, 2)
    for predikat, ambang in skala:
        if ambang is None or tampil > ambang:
            return predikat
    return None


def total_anggaran(
    baris: Iterable[tuple[Decimal | int | None, Decimal | int | None]],
) -> tuple[Decimal, Decimal, Decimal | None]:
    """(total pagu, total realisasi, serapan of the totals) over agencies' (pagu, realisasi)."""
    pagu, realisasi = Decimal(0), Decimal(0)
    for p, r in baris:
        pagu += ke_decimal_opsional(p, "Pagu") or Decimal(0)
        realisasi += ke_decimal_opsional(r, "Realisasi") or Decimal(0)
    return pagu, realisasi, serapan(pagu, realisasi)


def format_rentang(bawah: Decimal | int, atas: Decimal | int) -> str:
    """'68,10 – 68,60' style: both bounds with the same number of decimals (half-up, ≤ 2)."""
    from .tampilan import format_angka, tempat_nilai

    tempat = max(tempat_nilai(bulatkan(bawah)), tempat_nilai(bulatkan(atas)))
    return f"{format_angka(bawah, tempat)} – {format_angka(atas, tempat)}"
