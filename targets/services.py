"""Writes that touch several rows: closing and reopening periods, saving a quarter's entry grid."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from lkip.kunci import tahun_terkunci_error
from lkip.models import PerangkatDaerah
from targets.models import PembukaanPeriode, Periode, PeriodeTertutup


def pesan_periode_tertutup(opd: PerangkatDaerah, tahun: int, periode: int) -> str | None:
    """The refusal message for a write into a closed quarter (or a quarter of a closed year), or
    None.

    Registered with `lkip.kunci` (TargetsConfig.ready): every write path asks there.
    """
    if PeriodeTertutup.tertutup(opd.pk, tahun, periode):
        label = "Tahun" if periode == Periode.TAHUNAN else Periode(periode).label
        return (
            f"{label} {tahun} sudah ditutup: nilainya hanya dapat dibaca. "
            "Kepala Dinas dapat membukanya kembali dengan alasan."
        )
    closed_year = (
        periode
        and PeriodeTertutup.objects.filter(opd=opd, tahun=tahun, periode=Periode.TAHUNAN).exists()
    )
    if closed_year:
        return f"Tahun {tahun} sudah ditutup: nilainya hanya dapat dibaca."
    return None


@transaction.atomic
def tutup_periode(opd: PerangkatDaerah, tahun: int, periode: int, user) -> PeriodeTertutup:
    obj, _ = PeriodeTertutup.objects.get_or_create(
        opd=opd, tahun=tahun, periode=periode, defaults={"ditutup_oleh": user}
    )
    return obj


#: The longest reason for reopening a period (the form's textarea says so too).
ALASAN_MAKS = 2000


@transaction.atomic
def buka_periode(opd: PerangkatDaerah, tahun: int, periode: int, user, alasan: str) -> None:
    if not alasan.strip():
        raise ValueError("Alasan membuka kembali wajib diisi.")
    if "\x00" in alasan:
        raise ValueError("Alasan membuka kembali berisi karakter NUL yang tidak sah.")
    if len(alasan.strip()) > ALASAN_MAKS:
        raise ValueError(
            f"Alasan membuka kembali paling banyak {ALASAN_MAKS:_} karakter "
            f"(sekarang {len(alasan.strip()):_}).".replace("_", ".")
        )
    locked = tahun_terkunci_error(opd, tahun)
    if locked:
        raise ValueError(locked)
    deleted, _ = PeriodeTertutup.objects.filter(opd=opd, tahun=tahun, periode=periode).delete()
    if not deleted:
        raise ValueError("Periode ini tidak sedang ditutup.")
    PembukaanPeriode.objects.create(
        opd=opd, tahun=tahun, periode=periode, alasan=alasan.strip(), oleh=user
    )


@dataclass(frozen=True)
class Konflik:
    """A value someone else saved after this user opened the page."""

    baris: str
    kolom: str
    semula: str
    sekarang: str


def same(a: Decimal | str | None, b: Decimal | str | None) -> bool:
    if isinstance(a, Decimal) or isinstance(b, Decimal):
        return (
            a is not None
            and b is not None
            and Decimal(a) == Decimal(b)
            or (a is None and b is None)
        )
    return (a or "") == (b or "")
