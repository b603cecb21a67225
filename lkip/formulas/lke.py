"""The LKE AKIP worksheet's scores (PermenPANRB 88/2021; ../shared/domain/lke-88-2021.md §3).

Two scoring models:

* **Sub-component grade** (model A, the default): every criterion is answered Y/T; each
  sub-component gets a grade AA…E from the share of criteria met and, when all are met, the
  qualifier the evaluator records; its value is its weight × the grade's factor.
* **Criterion averaging** (model B): each criterion is answered Y/T (1/0) or A–E
  (1 / 0,75 / 0,5 / 0,25 / 0); a sub-component's value is its weight × the mean over its active
  criteria (an unanswered criterion counts 0).

Everything stays unrounded; a component is the sum of its sub-components, the total the sum of the
components; the predicate is judged on the total rounded to 2 decimals (`predikat_akip`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import IntEnum, StrEnum

from ._dasar import SERATUS, bagi, ke_decimal, rasio_persen
from .akip import predikat_akip
from .tampilan import format_angka


class ModelPenilaian(StrEnum):
    SUBKOMPONEN = "subkomponen"  # model A
    RATA_RATA = "rata_rata"  # model B


class TipeJawaban(StrEnum):
    YT = "yt"
    AE = "ae"


class Dimensi(StrEnum):
    KEBERADAAN = "keberadaan"
    KUALITAS = "kualitas"
    PEMANFAATAN = "pemanfaatan"


class Kualifikasi(IntEnum):
    """What lifts a sub-component whose criteria are all met above B (spec §3.1, step 2)."""

    TIDAK_ADA = 0  # → B
    MANDAT_NASIONAL = 1  # → BB: in line with the national policy mandate
    DIHARGAI = 2  # → A: Keberadaan maintained ≥ 1 year / Kualitas, Pemanfaatan: worth appreciating
    INOVATIF = 3  # → AA: Keberadaan maintained ≥ 5 years / an innovation worthy of a national pilot


#: The answers each type accepts, and their model-B values.
NILAI_JAWABAN: dict[TipeJawaban, dict[str, Decimal]] = {
    TipeJawaban.YT: {"Y": Decimal(1), "T": Decimal(0)},
    TipeJawaban.AE: {
        "A": Decimal(1),
        "B": Decimal("0.75"),
        "C": Decimal("0.5"),
        "D": Decimal("0.25"),
        "E": Decimal(0),
    },
}

#: Sub-component grades (model A) and their value out of 100.
NILAI_GRADE: dict[str, Decimal] = {
    "AA": Decimal(100),
    "A": Decimal(90),
    "BB": Decimal(80),
    "B": Decimal(70),
    "CC": Decimal(60),
    "C": Decimal(50),
    "D": Decimal(30),
    "E": Decimal(0),
}

_GRADE_KUALIFIKASI = {
    Kualifikasi.TIDAK_ADA: "B",
    Kualifikasi.MANDAT_NASIONAL: "BB",
    Kualifikasi.DIHARGAI: "A",
    Kualifikasi.INOVATIF: "AA",
}

#: The sub-component weights as shares of their component (spec §1).
PORSI_DIMENSI: dict[Dimensi, Decimal] = {
    Dimensi.KEBERADAAN: Decimal("0.2"),
    Dimensi.KUALITAS: Decimal("0.3"),
    Dimensi.PEMANFAATAN: Decimal("0.5"),
}


def tipe_efektif(model: ModelPenilaian | str, tipe: TipeJawaban | str) -> TipeJawaban:
    """Model A answers every criterion Y/T; model B uses the criterion's own type."""
    if ModelPenilaian(model) == ModelPenilaian.SUBKOMPONEN:
        return TipeJawaban.YT
    return TipeJawaban(tipe)


def periksa_jawaban(jawaban: str, tipe: TipeJawaban | str) -> str:
    """The answer in upper case, '' for none; ValueError naming the allowed answers."""
    teks = (jawaban or "").strip().upper()
    if not teks:
        return ""
    pilihan = NILAI_JAWABAN[TipeJawaban(tipe)]
    if teks not in pilihan:
        raise ValueError(
            f"Jawaban '{jawaban.strip()}' tidak sesuai jenis kriteria: pilih "
            + (" atau ".join(pilihan) if len(pilihan) == 2 else ", ".join(pilihan))
            + "."
        )
    return teks


def persen_terpenuhi(terpenuhi: int, aktif: int) -> Decimal:
    """p = criteria met / active criteria × 100 (0 with no active criterion)."""
    if aktif <= 0:
        return Decimal(0)
    if not 0 <= terpenuhi <= aktif:
        raise ValueError(f"Kriteria terpenuhi ({terpenuhi}) harus antara 0 dan {aktif}.")
    return rasio_persen(Decimal(terpenuhi), Decimal(aktif))


def grade_subkomponen(
    terpenuhi: int, aktif: int, kualifikasi: Kualifikasi | int = Kualifikasi.TIDAK_ADA
) -> str:
    """Model A's grade: AA…B when all criteria are met (by the qualifier), else by p's band."""
    p = persen_terpenuhi(terpenuhi, aktif)
    if aktif > 0 and p == SERATUS:
        return _GRADE_KUALIFIKASI[Kualifikasi(kualifikasi)]
    for batas, grade in ((75, "B"), (50, "CC"), (25, "C"), (0, "D")):
        if p > batas:
            return grade
    return "E"


@dataclass(frozen=True)
class NilaiSub:
    bobot: Decimal
    nilai: Decimal
    grade: str = ""  # model A only
    persen: Decimal | None = None  # model A: criteria met in %


def nilai_sub_grade(
    bobot: Decimal | int,
    jawaban: Sequence[str],
    aktif: int,
    kualifikasi: Kualifikasi | int = Kualifikasi.TIDAK_ADA,
) -> NilaiSub:
    """Model A: weight × factor of the grade from the Y answers among `aktif` criteria."""
    bobot = ke_decimal(bobot, "Bobot sub-komponen")
    terpenuhi = sum(1 for j in jawaban if (j or "").upper() == "Y")
    grade = grade_subkomponen(terpenuhi, aktif, kualifikasi)
    nilai = bagi(bobot * NILAI_GRADE[grade], SERATUS)
    return NilaiSub(bobot, nilai, grade, persen_terpenuhi(terpenuhi, aktif))


def nilai_sub_rata_rata(
    bobot: Decimal | int, jawaban: Sequence[tuple[str, TipeJawaban | str]], aktif: int
) -> NilaiSub:
    """Model B: weight × Σ answer values / active criteria (unanswered count 0)."""
    bobot = ke_decimal(bobot, "Bobot sub-komponen")
    if aktif <= 0:
        return NilaiSub(bobot, Decimal(0))
    total = sum(
        (NILAI_JAWABAN[TipeJawaban(t)][j.upper()] for j, t in jawaban if j),
        Decimal(0),
    )
    return NilaiSub(bobot, bagi(bobot * total, Decimal(aktif)))


def jumlah(nilai: Iterable[Decimal]) -> Decimal:
    """A component = Σ its sub-components; the total = Σ the components (unrounded)."""
    return sum(nilai, Decimal(0))


def predikat_lke(total: Decimal) -> str:
    """The AKIP predicate of a worksheet total (lower bounds exclusive, on the 2-dp value)."""
    return predikat_akip(total)


def _tempat(nilai: Decimal) -> int:
    """Decimal places that show a typed value as typed (at least 2): 4,501 is not 4,50."""
    return max(2, -int(nilai.normalize().as_tuple().exponent))


def periksa_nilai(nilai: Decimal | int, bobot: Decimal | int, nama: str) -> Decimal:
    """A value typed for a component or sub-component: between 0 and its weight."""
    nilai, bobot = ke_decimal(nilai, nama), ke_decimal(bobot, f"Bobot {nama}")
    if not Decimal(0) <= nilai <= bobot:
        raise ValueError(
            f"Nilai {nama} ({format_angka(nilai, _tempat(nilai))}) harus antara 0 dan bobotnya "
            f"({format_angka(bobot)})."
        )
    return nilai


def persen_dari_bobot(nilai: Decimal, bobot: Decimal) -> Decimal | None:
    """A component's value in % of its weight (the '69,0%' beside '20,70 / 30')."""
    return rasio_persen(nilai, bobot) if bobot else None
