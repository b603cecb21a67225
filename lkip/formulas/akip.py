"""AKIP evaluation (PermenPANRB 88/2021): predicates, interpretations, component weights."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from ._dasar import bulatkan, ke_decimal

#: Predicates from lowest to highest, so ``PREDIKAT_AKIP.index(p) + 1`` is the ordinal rank
#: used by ``capaian_predikat`` (D=1 … AA=7). Reverse it to print the table AA first.
PREDIKAT_AKIP: tuple[str, ...] = ("D", "C", "CC", "B", "BB", "A", "AA")

PERINGKAT_PREDIKAT: dict[str, int] = {p: i for i, p in enumerate(PREDIKAT_AKIP, start=1)}

INTERPRETASI_AKIP: dict[str, str] = {
    "AA": "Sangat Memuaskan",
    "A": "Memuaskan",
    "BB": "Sangat Baik",
    "B": "Baik",
    "CC": "Cukup (Memadai)",
    "C": "Kurang",
    "D": "Sangat Kurang",
}

BOBOT_AKIP: dict[str, Decimal] = {
    "Perencanaan Kinerja": Decimal(30),
    "Pengukuran Kinerja": Decimal(30),
    "Pelaporan Kinerja": Decimal(15),
    "Evaluasi Akuntabilitas Kinerja Internal": Decimal(25),
}

#: The maximum AKIP score: Σ of the weights (100).
TOTAL_BOBOT_AKIP: Decimal = sum(BOBOT_AKIP.values(), Decimal(0))

# Exclusive lower bounds, highest first; anything from 0 to 30 inclusive is D.
_BATAS_BAWAH: tuple[tuple[Decimal, str], ...] = (
    (Decimal(90), "AA"),
    (Decimal(80), "A"),
    (Decimal(70), "BB"),
    (Decimal(60), "B"),
    (Decimal(50), "CC"),
    (Decimal(30), "C"),
)


@dataclass(frozen=True)
class BarisPredikatAKIP:
    """One row of the official predicate table, for printing."""

    predikat: str
    nilai: str
    interpretasi: str


#: The official table (spec §4.3), AA first, as printed in an LKIP.
TABEL_PREDIKAT_AKIP: tuple[BarisPredikatAKIP, ...] = (
    BarisPredikatAKIP("AA", "> 90 – 100", "Sangat Memuaskan"),
    BarisPredikatAKIP("A", "> 80 – 90", "Memuaskan"),
    BarisPredikatAKIP("BB", "> 70 – 80", "Sangat Baik"),
    BarisPredikatAKIP("B", "> 60 – 70", "Baik"),
    BarisPredikatAKIP("CC", "> 50 – 60", "Cukup (Memadai)"),
    BarisPredikatAKIP("C", "> 30 – 50", "Kurang"),
    BarisPredikatAKIP("D", "0 – 30", "Sangat Kurang"),
)


def normalisasi_predikat(predikat: str | None) -> str | None:
    """Return the predicate in upper case, None for blank; ValueError if it is not AA…D."""
    if predikat is None or not predikat.strip():
        return None
    hasil = predikat.strip().upper()
    if hasil not in PERINGKAT_PREDIKAT:
        raise ValueError(
            f"Predikat '{predikat}' tidak dikenal; gunakan salah satu dari AA, A, BB, B, CC, C, D."
        )
    return hasil


def predikat_akip(nilai: Decimal | int) -> str:
    """AKIP predicate of a 0–100 score (lower bounds exclusive), judged on the 2-dp value."""
    # Judge the value as printed, so "80,00" never appears beside an "A".
    dibulatkan = bulatkan(nilai, 2)
    if not Decimal(0) <= dibulatkan <= Decimal(100):
        raise ValueError(f"Nilai AKIP {nilai} di luar rentang 0–100.")
    for batas, predikat in _BATAS_BAWAH:
        if dibulatkan > batas:
            return predikat
    return "D"


def nilai_akip(komponen: Mapping[str, Decimal | int]) -> Decimal:
    """Total AKIP score = Σ the 4 component scores, each checked against its weight."""
    diberikan, wajib = set(komponen), set(BOBOT_AKIP)
    if diberikan != wajib:
        kurang = ", ".join(sorted(wajib - diberikan)) or "-"
        asing = ", ".join(sorted(diberikan - wajib)) or "-"
        raise ValueError(
            f"Komponen AKIP harus tepat empat komponen PermenPANRB 88/2021 "
            f"(kurang: {kurang}; tidak dikenal: {asing})."
        )
    total = Decimal(0)
    for nama, bobot in BOBOT_AKIP.items():
        nilai = ke_decimal(komponen[nama], nama)
        if not Decimal(0) <= nilai <= bobot:
            raise ValueError(
                f"Nilai komponen {nama} ({nilai}) harus antara 0 dan bobotnya {bobot}."
            )
        total += nilai
    return total


def jumlah_nilai_akip(nilai_komponen: Iterable[Decimal | int]) -> Decimal:
    """Σ of the component scores as recorded, unchecked (0 for none).

    What a report prints and what a printed figure is compared with: ``nilai_akip`` refuses an
    incomplete or out-of-range evaluation, which the data-health check reports instead.
    """
    return sum((ke_decimal(n, "Nilai komponen AKIP") for n in nilai_komponen), Decimal(0))
