"""Parsing user input: Indonesian numbers (forms and Excel import) and NIP (spec §8.1, §8.3)."""

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ._dasar import ke_decimal

_CONTOH = "(gunakan format 1.234,56)"

# Integer part: either plain digits, or dot-grouped with groups of exactly three digits and a
# non-zero lead (so "0.123" is not silently read as 123). Decimal comma; "Rp"/"Rp." prefix;
# ",-" or "%" suffix; a minus sign before or after "Rp". \s also matches non-breaking spaces;
# digits are [0-9] because \d would accept other scripts' digits.
_POLA_ANGKA = re.compile(
    r"""
    (?P<tanda1>[-−])?\s*
    (?P<rp>rp\.?)?\s*
    (?P<tanda2>[-−])?\s*
    (?P<bulat>[1-9][0-9]{0,2}(?:\.[0-9]{3})+|[0-9]+)
    (?:,(?P<pecahan>[0-9]+))?
    \s*(?P<akhiran>,-|%)?
    """,
    re.VERBOSE | re.IGNORECASE,
)
_TITIK_DI_ANTARA_ANGKA = re.compile(r"[0-9]\.[0-9]")

#: Digits before and after the comma that any input may have. No column holds more (rupiah have
#: 16 digits before the comma, realisations 6 after it); the bound keeps an absurd magnitude
#: (1e30 over 1e-31) out of the ratios, whose rounding would otherwise fail (InvalidOperation).
MAKS_ANGKA_BULAT = 18
MAKS_ANGKA_PECAHAN = 10


def _dalam_batas(hasil: Decimal, teks: object) -> Decimal:
    """`hasil` unchanged, or ValueError when it has more digits than any column can hold."""
    _tanda, angka, eksponen = hasil.as_tuple()
    assert isinstance(eksponen, int)  # finite: the callers refuse NaN and infinity first
    nol_akhir = len(angka) - len(bytes(angka).rstrip(b"\0"))  # 1,50 has one decimal, 0,00 none
    if any(angka) and len(angka) + eksponen > MAKS_ANGKA_BULAT:
        raise ValueError(
            f"'{teks}' terlalu besar: paling banyak {MAKS_ANGKA_BULAT} angka sebelum koma."
        )
    if any(angka) and -(eksponen + nol_akhir) > MAKS_ANGKA_PECAHAN:
        raise ValueError(
            f"'{teks}' terlalu banyak angka di belakang koma: paling banyak {MAKS_ANGKA_PECAHAN}."
        )
    return hasil


def _angka_dari_float(nilai: float) -> Decimal:
    # Excel keeps 15 significant digits; openpyxl hands numeric cells over as float.
    if nilai != nilai or nilai in (float("inf"), float("-inf")):
        raise ValueError(f"'{nilai}' bukan angka yang sah {_CONTOH}.")
    hasil = Decimal(format(nilai, ".15g"))
    return _dalam_batas(hasil.copy_abs() if hasil.is_zero() else hasil, nilai)


def parse_angka(teks: str | int | Decimal | float) -> Decimal:
    """Parse Indonesian-notation input ("Rp 4.103.700.625,-", "1.234,56", "12%") to a Decimal."""
    if isinstance(teks, bool):
        raise TypeError("parse_angka tidak menerima bool.")
    if isinstance(teks, (int, Decimal)):
        return _dalam_batas(ke_decimal(teks, "Angka"), teks)
    if isinstance(teks, float):
        return _angka_dari_float(teks)
    if not isinstance(teks, str):
        raise TypeError(
            f"parse_angka menerima teks, int atau Decimal, bukan {type(teks).__name__}."
        )
    if not teks.strip():
        raise ValueError(f"Angka tidak boleh kosong {_CONTOH}.")
    cocok = _POLA_ANGKA.fullmatch(teks.strip())
    if (
        cocok is None
        or (cocok["tanda1"] and cocok["tanda2"])
        or (cocok["rp"] and cocok["akhiran"] == "%")
        or (cocok["pecahan"] and cocok["akhiran"] == ",-")
    ):
        if _TITIK_DI_ANTARA_ANGKA.search(teks):
            raise ValueError(
                f"'{teks}' bukan angka yang sah: titik adalah pemisah ribuan dan harus diikuti "
                f"tepat tiga angka, sedangkan desimal memakai koma {_CONTOH}."
            )
        raise ValueError(f"'{teks}' bukan angka yang sah {_CONTOH}.")
    angka = cocok["bulat"].replace(".", "")
    if cocok["pecahan"]:
        angka += "." + cocok["pecahan"]
    hasil = Decimal(angka)
    if (cocok["tanda1"] or cocok["tanda2"]) and not hasil.is_zero():
        hasil = -hasil
    return _dalam_batas(hasil, teks)


@dataclass(frozen=True)
class NIP:
    """A parsed 18-digit civil-servant number: birth date, TMT CPNS, sex code, sequence."""

    digits: str
    tanggal_lahir: date
    tmt_cpns: tuple[int, int]  # (year, month)
    jenis_kelamin: int  # 1 = laki-laki, 2 = perempuan
    urut: str  # three digits, kept as text to preserve leading zeros

    def __str__(self) -> str:
        """Display form "19660301 199003 1 010"."""
        d = self.digits
        return f"{d[:8]} {d[8:14]} {d[14]} {d[15:]}"


_AWALAN_NIP = re.compile(r"^nip\s*[.:]?", re.IGNORECASE)


def parse_nip(teks: str) -> NIP:
    """Parse and validate a NIP (spaces, "NIP." prefix allowed); ValueError says what is wrong."""
    if not isinstance(teks, str):
        raise TypeError(f"NIP harus berupa teks, bukan {type(teks).__name__}.")
    digits = re.sub(r"\s+", "", _AWALAN_NIP.sub("", teks.strip()))
    if not re.fullmatch(r"[0-9]*", digits):
        raise ValueError(f"NIP '{teks}' hanya boleh berisi angka dan spasi.")
    if len(digits) != 18:
        raise ValueError(f"NIP '{teks}' harus terdiri atas 18 angka, bukan {len(digits)}.")
    try:
        lahir = date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        raise ValueError(
            f"NIP '{teks}': tanggal lahir '{digits[:8]}' (TTTTBBHH) bukan tanggal yang sah."
        ) from None
    tahun_tmt, bulan_tmt = int(digits[8:12]), int(digits[12:14])
    if not 1 <= bulan_tmt <= 12:
        raise ValueError(f"NIP '{teks}': bulan TMT CPNS '{digits[12:14]}' tidak sah (harus 01–12).")
    if (tahun_tmt, bulan_tmt) < (lahir.year, lahir.month):
        raise ValueError(f"NIP '{teks}': TMT CPNS '{digits[8:14]}' lebih awal dari tanggal lahir.")
    if digits[14] not in "12":
        raise ValueError(
            f"NIP '{teks}': kode jenis kelamin '{digits[14]}' tidak sah "
            "(1 = laki-laki, 2 = perempuan)."
        )
    return NIP(
        digits=digits,
        tanggal_lahir=lahir,
        tmt_cpns=(tahun_tmt, bulan_tmt),
        jenis_kelamin=int(digits[14]),
        urut=digits[15:],
    )


def format_nip(digits: str) -> str:
    """Validated display form of a NIP: "19660301 199003 1 010"."""
    return str(parse_nip(digits))
