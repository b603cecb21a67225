"""Capaian kinerja (spec §2): polarity, predicate indicators, capping, aggregation, bands, trend."""

from collections.abc import Iterable, Sequence
from decimal import Decimal
from enum import StrEnum

from ._dasar import (
    KONTEKS,
    SERATUS,
    bagi,
    bulatkan,
    bulatkan_opsional,
    ke_decimal_opsional,
    ke_enum,
    rasio_persen,
)
from .akip import PERINGKAT_PREDIKAT, normalisasi_predikat


class Polaritas(StrEnum):
    """Direction in which an indicator improves."""

    POSITIF = "positif"
    NEGATIF = "negatif"


class MetodeNegatif(StrEnum):
    """Negative-polarity formula: A = (2T − R)/T × 100 floored at 0; B = T/R × 100."""

    A = "A"
    B = "B"


class Agregasi(StrEnum):
    """How quarterly values consolidate into the annual value (spec §2.5)."""

    JUMLAH = "jumlah"
    TERAKHIR = "terakhir"
    RATA_RATA = "rata-rata"


class ModePredikat(StrEnum):
    """How a predicate indicator (e.g. AKIP "BB") is scored (spec §2.2)."""

    NUMERIK = "numerik"
    ORDINAL = "ordinal"


class BandCapaian(StrEnum):
    """Achievement rating band (spec §2.6)."""

    SANGAT_TINGGI = "Sangat Tinggi"
    TINGGI = "Tinggi"
    SEDANG = "Sedang"
    RENDAH = "Rendah"
    SANGAT_RENDAH = "Sangat Rendah"


class Tren(StrEnum):
    """Year-on-year comparison label."""

    NAIK = "Naik"
    TETAP = "Tetap"
    TURUN = "Turun"


def capaian(
    target: Decimal | int | None,
    realisasi: Decimal | int | None,
    *,
    polaritas: Polaritas | str = Polaritas.POSITIF,
    metode_negatif: MetodeNegatif | str = MetodeNegatif.A,
) -> Decimal | None:
    """Capaian (%), unrounded; None when undefined (no T, T = 0, no R, method B with R = 0)."""
    polaritas = ke_enum(Polaritas, polaritas, "Polaritas")
    metode = ke_enum(MetodeNegatif, metode_negatif, "Metode polaritas negatif")
    t = ke_decimal_opsional(target, "Target")
    r = ke_decimal_opsional(realisasi, "Realisasi")
    if t is None or r is None or t.is_zero():
        return None
    if t < 0:
        # Every formula here assumes T > 0; with T < 0 the sign of C flips silently.
        raise ValueError(f"Target negatif ({t}) tidak dapat dihitung capaiannya.")
    if polaritas is Polaritas.POSITIF:
        return rasio_persen(r, t)
    if metode is MetodeNegatif.A:
        return max(rasio_persen(KONTEKS.subtract(KONTEKS.multiply(2, t), r), t), Decimal(0))
    if r.is_zero():
        return None
    return rasio_persen(t, r)


def capaian_predikat(
    target_predikat: str | None,
    realisasi_predikat: str | None,
    *,
    mode: ModePredikat | str,
    target_nilai: Decimal | int | None = None,
    realisasi_nilai: Decimal | int | None = None,
) -> Decimal | None:
    """Capaian (%) of a predicate indicator: numeric R/T × 100, or ordinal by rank D=1 … AA=7."""
    mode = ke_enum(ModePredikat, mode, "Mode predikat")
    # Validate both predicates in either mode: a typo must not pass silently.
    tp = normalisasi_predikat(target_predikat)
    rp = normalisasi_predikat(realisasi_predikat)
    if mode is ModePredikat.NUMERIK:
        return capaian(target_nilai, realisasi_nilai)
    if tp is None or rp is None:
        return None
    peringkat_t, peringkat_r = PERINGKAT_PREDIKAT[tp], PERINGKAT_PREDIKAT[rp]
    if peringkat_r >= peringkat_t:
        return SERATUS
    return rasio_persen(Decimal(peringkat_r), Decimal(peringkat_t))


def capaian_dibatasi(capaian: Decimal | None, batas: Decimal | int | None) -> Decimal | None:
    """Capaian capped at `batas` (e.g. 120) for aggregates; unchanged when no cap is set."""
    c = ke_decimal_opsional(capaian, "Capaian")
    b = ke_decimal_opsional(batas, "Batas capaian")
    if c is None or b is None:
        return c
    return min(c, b)


def mencapai_target(capaian: Decimal | int | None) -> bool:
    """Target reached: capaian ≥ 100% as printed (half-up to 2 dp); False when not measured."""
    return capaian is not None and bulatkan(capaian, 2) >= SERATUS


def jumlah_mencapai_target(capaian: Iterable[Decimal | int | None]) -> int:
    """How many of these capaian reach their target (``mencapai_target``); None is not counted."""
    return sum(1 for c in capaian if mencapai_target(c))


def rata_rata_capaian(capaian: Iterable[Decimal | int | None]) -> Decimal | None:
    """Mean of the measured capaian (None ignored), unrounded; None when none is measured.

    Pass capped values (``capaian_dibatasi``) for an agency's or a pemda's average (spec §2.4).
    """
    terukur = [c for c in (ke_decimal_opsional(n, "Capaian") for n in capaian) if c is not None]
    if not terukur:
        return None
    return bagi(sum(terukur, Decimal(0)), Decimal(len(terukur)))


def persen(pembilang: Decimal | int | None, penyebut: Decimal | int | None) -> Decimal | None:
    """pembilang / penyebut × 100, unrounded; None when either is missing or penyebut is 0."""
    a = ke_decimal_opsional(pembilang, "Pembilang")
    b = ke_decimal_opsional(penyebut, "Penyebut")
    if a is None or b is None or b.is_zero():
        return None
    return rasio_persen(a, b)


def nilai_pecahan(
    pembilang: Decimal | int | None, penyebut: Decimal | int | None, *, persen_: bool
) -> Decimal | None:
    """The value a numerator and a denominator give: × 100 for a percentage indicator (`persen_`),
    the plain ratio otherwise; None when either is missing or the denominator is 0."""
    if persen_:
        return persen(pembilang, penyebut)
    a = ke_decimal_opsional(pembilang, "Pembilang")
    b = ke_decimal_opsional(penyebut, "Penyebut")
    if a is None or b is None or b.is_zero():
        return None
    return bagi(a, b)


def agregasi_tahunan(
    nilai_triwulan: Sequence[Decimal | int | None], metode: Agregasi | str
) -> Decimal | None:
    """Annual value from quarterly values, ignoring None; None when no quarter has a value."""
    metode = ke_enum(Agregasi, metode, "Metode agregasi")
    nilai = [
        ke_decimal_opsional(n, f"Nilai periode ke-{i}") for i, n in enumerate(nilai_triwulan, 1)
    ]
    terisi = [n for n in nilai if n is not None]
    if not terisi:
        return None
    if metode is Agregasi.JUMLAH:
        return sum(terisi, Decimal(0))
    if metode is Agregasi.TERAKHIR:
        return terisi[-1]
    return bagi(sum(terisi, Decimal(0)), Decimal(len(terisi)))


_BATAS_BAND: tuple[tuple[Decimal, BandCapaian], ...] = (
    (Decimal(91), BandCapaian.SANGAT_TINGGI),
    (Decimal(76), BandCapaian.TINGGI),
    (Decimal(66), BandCapaian.SEDANG),
    (Decimal(51), BandCapaian.RENDAH),
)


def band_capaian(capaian: Decimal | int | None) -> str | None:
    """Rating band of a capaian (≥91, 76–<91, 66–<76, 51–<66, <51), judged on the 2-dp value."""
    if capaian is None:
        return None
    dibulatkan = bulatkan(capaian, 2)
    for batas, band in _BATAS_BAND:
        if dibulatkan >= batas:
            return band
    return BandCapaian.SANGAT_RENDAH


def selisih(sebelum: Decimal | int | None, sesudah: Decimal | int | None) -> Decimal | None:
    """sesudah − sebelum (a rise is positive); None when either is missing."""
    a = ke_decimal_opsional(sebelum, "Nilai sebelum")
    b = ke_decimal_opsional(sesudah, "Nilai sesudah")
    if a is None or b is None:
        return None
    return b - a


def besar_selisih(a: Decimal | int | None, b: Decimal | int | None) -> Decimal | None:
    """How far apart two values are, |b − a| ("naik/turun sebesar …"); None if one is missing."""
    d = selisih(a, b)
    return None if d is None else abs(d)


def tren(sebelum: Decimal | int | None, sesudah: Decimal | int | None) -> str | None:
    """Return "Naik", "Tetap" or "Turun" comparing the 2-dp values; None if one is missing."""
    a, b = bulatkan_opsional(sebelum, 2), bulatkan_opsional(sesudah, 2)
    if a is None or b is None:
        return None
    if b > a:
        return Tren.NAIK
    if b < a:
        return Tren.TURUN
    return Tren.TETAP
