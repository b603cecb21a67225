"""Budget figures (spec §6.3) and efficiency (spec §3)."""

from collections.abc import Iterable
from decimal import Decimal
from enum import StrEnum

from ._dasar import SERATUS, bulatkan, ke_decimal_opsional, ke_enum, rasio_persen


class VarianEfisiensi(StrEnum):
    """Efficiency formula: V1 = C − S (default), V2 = 100 − S, V3 = C / S × 100."""

    V1 = "V1"
    V2 = "V2"
    V3 = "V3"


class KualifikasiEfisiensi(StrEnum):
    """Qualifier printed beside an efficiency value."""

    EFISIEN = "efisien"
    TIDAK_EFISIEN = "tidak efisien"
    TIDAK_DAPAT_DIUKUR = "tidak dapat diukur"


#: Formula text printed under a table that shows efficiency (one per variant).
RUMUS_EFISIENSI: dict[VarianEfisiensi, str] = {
    VarianEfisiensi.V1: (
        "Tingkat efisiensi = capaian kinerja (%) − serapan anggaran (%), "
        "dengan serapan anggaran = realisasi anggaran / pagu anggaran × 100%"
    ),
    VarianEfisiensi.V2: (
        "Tingkat efisiensi = 100% − serapan anggaran (%) "
        "= (pagu anggaran − realisasi anggaran) / pagu anggaran × 100%"
    ),
    VarianEfisiensi.V3: (
        "Tingkat efisiensi = capaian kinerja (%) / serapan anggaran (%) × 100%, "
        "dengan serapan anggaran = realisasi anggaran / pagu anggaran × 100%"
    ),
}


def _pagu(nilai: Decimal | int | None, nama: str) -> Decimal | None:
    pagu = ke_decimal_opsional(nilai, nama)
    if pagu is not None and pagu < 0:
        raise ValueError(f"{nama} tidak boleh negatif ({pagu}).")
    return pagu


def pagu_berlaku(
    pagu_murni: Decimal | int | None, pagu_perubahan: Decimal | int | None
) -> Decimal | None:
    """Pagu in force: the APBD-P (perubahan) amount when it exists, else the murni amount."""
    murni = _pagu(pagu_murni, "Pagu murni")
    perubahan = _pagu(pagu_perubahan, "Pagu perubahan")
    return perubahan if perubahan is not None else murni


def jumlah_triwulan(nilai: Iterable[Decimal | int | None], sampai: int = 4) -> Decimal:
    """The quarters' values added up to quarter `sampai` (cumulative), the empty ones left out;
    0 when none is filled in."""
    terisi = [ke_decimal_opsional(v, "Nilai triwulan") for v in list(nilai)[:sampai]]
    return sum((v for v in terisi if v is not None), Decimal(0))


def jumlah_lengkap(nilai: Iterable[Decimal | int | None]) -> Decimal | None:
    """Σ of the values; None when there is none or one is missing (a partial total would
    mislead)."""
    daftar = [ke_decimal_opsional(n, "Nilai") for n in nilai]
    if not daftar or any(n is None for n in daftar):
        return None
    return sum(daftar, Decimal(0))


def perubahan_pagu(
    pagu_murni: Decimal | int | None, pagu_perubahan: Decimal | int | None
) -> Decimal | None:
    """Change of the pagu by the APBD-P (perubahan − murni); None unless both are recorded."""
    murni = _pagu(pagu_murni, "Pagu murni")
    perubahan = _pagu(pagu_perubahan, "Pagu perubahan")
    if murni is None or perubahan is None:
        return None
    return perubahan - murni


def realisasi_kumulatif(per_triwulan: Iterable[Decimal | int | None]) -> list[Decimal | None]:
    """Realisation up to each quarter; a quarter with nothing recorded stays None (not a zero)."""
    hasil: list[Decimal | None] = []
    berjalan = Decimal(0)
    for i, nilai in enumerate(per_triwulan, 1):
        n = ke_decimal_opsional(nilai, f"Realisasi triwulan ke-{i}")
        if n is None:
            hasil.append(None)
            continue
        berjalan += n
        hasil.append(berjalan)
    return hasil


def serapan(pagu: Decimal | int | None, realisasi: Decimal | int | None) -> Decimal | None:
    """Serapan = realisasi / pagu × 100, unrounded; None when pagu is missing or 0, or no R."""
    p = _pagu(pagu, "Pagu")
    r = ke_decimal_opsional(realisasi, "Realisasi anggaran")
    if p is None or r is None or p.is_zero():
        return None
    return rasio_persen(r, p)


def sisa_anggaran(pagu: Decimal | int | None, realisasi: Decimal | int | None) -> Decimal | None:
    """Unspent budget pagu − realisasi (negative when overspent); None if either is missing."""
    p = _pagu(pagu, "Pagu")
    r = ke_decimal_opsional(realisasi, "Realisasi anggaran")
    if p is None or r is None:
        return None
    return p - r


def efisiensi(
    capaian: Decimal | int | None,
    serapan: Decimal | int | None,
    varian: VarianEfisiensi | str = VarianEfisiensi.V1,
) -> Decimal | None:
    """Efficiency (%) by the chosen variant, unrounded; None unless both C and S are given."""
    varian = ke_enum(VarianEfisiensi, varian, "Varian efisiensi")
    c = ke_decimal_opsional(capaian, "Capaian")
    s = ke_decimal_opsional(serapan, "Serapan")
    if c is None or s is None:
        return None
    if varian is VarianEfisiensi.V1:
        return c - s
    if varian is VarianEfisiensi.V2:
        return SERATUS - s
    if s.is_zero():
        return None
    return rasio_persen(c, s)


def kualifikasi_efisiensi(capaian: Decimal | int | None, serapan: Decimal | int | None) -> str:
    """Qualifier for an efficiency value, per spec §3 and the LKE criterion (S9).

    Rules, judged on the values as printed (half-up to 2 dp):
    - "efisien": capaian ≥ 100, serapan ≤ 100 and V1 = C − S ≥ 0 (the target was met
      while spending no more than the budget);
    - "tidak efisien": capaian ≥ 100 but serapan > 100 (realisasi exceeds the pagu) or V1 < 0
      (with C ≥ 100 the latter only happens at the rounding edge);
    - "tidak dapat diukur": capaian < 100, or capaian or serapan missing ("efisiensi tidak
      dapat diukur karena capaian IKU < 100%").
    """
    c, s = ke_decimal_opsional(capaian, "Capaian"), ke_decimal_opsional(serapan, "Serapan")
    if c is None or s is None or bulatkan(c, 2) < SERATUS:
        return KualifikasiEfisiensi.TIDAK_DAPAT_DIUKUR
    # The second test only bites at the rounding edge (C 99,996 and S 100,004 both print as
    # 100,00 yet V1 prints as -0,01); "efisien" must never sit beside a negative V1.
    if bulatkan(s, 2) > SERATUS or bulatkan(c - s, 2) < 0:
        return KualifikasiEfisiensi.TIDAK_EFISIEN
    return KualifikasiEfisiensi.EFISIEN
