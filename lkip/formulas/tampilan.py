"""Indonesian display formatting (spec §8.1) and terbilang (spec §8.2)."""

from datetime import date
from decimal import Decimal

from ._dasar import bulatkan, ke_decimal

NAMA_BULAN: dict[int, str] = {
    1: "Januari",
    2: "Februari",
    3: "Maret",
    4: "April",
    5: "Mei",
    6: "Juni",
    7: "Juli",
    8: "Agustus",
    9: "September",
    10: "Oktober",
    11: "November",
    12: "Desember",
}


def format_angka(nilai: Decimal | int | None, tempat: int = 2) -> str:
    """Indonesian notation, half-up: 1234.565 → "1.234,57"; None → "" (tempat=0: no comma)."""
    if nilai is None:
        return ""
    dibulatkan = bulatkan(nilai, tempat)
    tanda = "-" if dibulatkan < 0 else ""
    bulat, _, pecahan = f"{dibulatkan.copy_abs():f}".partition(".")
    bulat = f"{int(bulat):,}".replace(",", ".")
    return f"{tanda}{bulat},{pecahan}" if pecahan else f"{tanda}{bulat}"


def tempat_nilai(value: Decimal | int) -> int:
    """Decimals to show for a value in its own unit: those it has, at most 2 (5 → 5;
    77.26 → 77,26)."""
    d = Decimal(value)
    if d == d.to_integral_value():
        return 0
    exponent = d.normalize().as_tuple().exponent
    return min(2, -exponent) if isinstance(exponent, int) else 2


def format_masukan(nilai: Decimal | int | None) -> str:
    """A stored number as a person types it back, exactly: Indonesian notation with every decimal it
    has and none added (77.260000 → "77,26", 12662367600.00 → "12.662.367.600"); None → ""."""
    if nilai is None:
        return ""
    d = ke_decimal(nilai)
    _tanda, angka, eksponen = d.as_tuple()
    assert isinstance(eksponen, int)  # ke_decimal refuses NaN and infinity
    nol_akhir = len(angka) - len(bytes(angka).rstrip(b"\0"))
    tempat = max(0, -(eksponen + nol_akhir)) if any(angka) else 0
    return format_angka(d, tempat)


def format_persen(nilai: Decimal | int | None, tempat: int = 2) -> str:
    """Percentage with the sign attached: "91,53%"; None → ""."""
    return "" if nilai is None else f"{format_angka(nilai, tempat)}%"


def format_rupiah(nilai: Decimal | int | None, sen: bool = False) -> str:
    """EYD currency "Rp31.132.479.236" (sen=True: "Rp31.132.479.236,00"); None → ""."""
    if nilai is None:
        return ""
    # Without sen the amount is rounded half-up to whole rupiah.
    dibulatkan = bulatkan(nilai, 2 if sen else 0)
    tanda = "-" if dibulatkan < 0 else ""
    return f"{tanda}Rp{format_angka(dibulatkan.copy_abs(), 2 if sen else 0)}"


def format_juta(nilai: Decimal | int | None) -> str:
    """Rupiah in whole millions for chart labels: 31132479236 → "31.132"; None → ""."""
    if nilai is None:
        return ""
    return format_angka(ke_decimal(nilai) / 1_000_000, 0)


def format_tanggal(tanggal: date | None) -> str:
    """Indonesian date without leading zero: "20 Januari 2025"; None → ""."""
    if tanggal is None:
        return ""
    return f"{tanggal.day} {NAMA_BULAN[tanggal.month]} {tanggal.year}"


_SATUAN = (
    "",
    "satu",
    "dua",
    "tiga",
    "empat",
    "lima",
    "enam",
    "tujuh",
    "delapan",
    "sembilan",
)
# (value of the group, name); "ribu" is special: 1 000 reads "seribu", 1 000 000 "satu juta".
_KELOMPOK = ((10**12, "triliun"), (10**9, "miliar"), (10**6, "juta"), (10**3, "ribu"))
_BATAS_TERBILANG = 10**15


def _ratusan(n: int) -> list[str]:
    """Words for 1..999 (KBBI: seratus, sepuluh, sebelas, N belas, N puluh)."""
    kata: list[str] = []
    ratus, sisa = divmod(n, 100)
    if ratus == 1:
        kata.append("seratus")
    elif ratus > 1:
        kata += [_SATUAN[ratus], "ratus"]
    if sisa == 10:
        kata.append("sepuluh")
    elif sisa == 11:
        kata.append("sebelas")
    elif 12 <= sisa <= 19:
        kata += [_SATUAN[sisa - 10], "belas"]
    elif sisa >= 20:
        puluh, satuan = divmod(sisa, 10)
        kata += [_SATUAN[puluh], "puluh"]
        if satuan:
            kata.append(_SATUAN[satuan])
    elif sisa:
        kata.append(_SATUAN[sisa])
    return kata


def terbilang(n: int) -> str:
    """Whole number 0 … < 10^15 in KBBI words, lower case: 1000 → "seribu", 10^9 → "satu miliar"."""
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"terbilang memerlukan bilangan bulat (int), bukan {type(n).__name__}.")
    if not 0 <= n < _BATAS_TERBILANG:
        raise ValueError(
            f"Terbilang hanya untuk bilangan bulat 0 sampai di bawah 1.000 triliun ({n})."
        )
    if n == 0:
        return "nol"
    kata: list[str] = []
    for nilai_kelompok, nama in _KELOMPOK:
        jumlah, n = divmod(n, nilai_kelompok)
        if jumlah == 1 and nama == "ribu":
            kata.append("seribu")
        elif jumlah:
            kata += [*_ratusan(jumlah), nama]
    kata += _ratusan(n)
    return " ".join(kata)


def terbilang_rupiah(jumlah: Decimal | int) -> str:
    """Rupiah amount in words + " rupiah"; ValueError for fractional (sen) or negative amounts."""
    nilai = ke_decimal(jumlah, "Jumlah rupiah")
    if nilai != nilai.to_integral_value():
        raise ValueError(
            f"Terbilang rupiah hanya untuk jumlah rupiah bulat, bukan {nilai} (ada sen)."
        )
    return f"{terbilang(int(nilai))} rupiah"
