"""The synthetic city's budget: each agency's nomenclature tree and a year of pagu and realisasi."""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

from budget.models import Anggaran, Nomenklatur
from demo.kota_data import DataKota, DefOpd
from indicators.models import Indikator
from lkip import formulas
from lkip.models import PerangkatDaerah

RINCIAN_PENUH = 11  # sub-kegiatan per kegiatan of a specific program: about 300 lines per agency
BAGIAN_TW = (Decimal("0.14"), Decimal("0.22"), Decimal("0.27"), Decimal("0.37"))
RIBU = Decimal(1000)
KEGIATAN, PROGRAM, SUB = (
    formulas.TingkatKode.KEGIATAN,
    formulas.TingkatKode.PROGRAM,
    formulas.TingkatKode.SUBKEGIATAN,
)


def ribu(value: Decimal) -> Decimal:
    """Rupiah rounded down to whole thousands."""
    return (value / RIBU).to_integral_value(rounding=ROUND_FLOOR) * RIBU


def topik(program: str) -> str:
    return program.removeprefix("Program ").strip()


def pohon_anggaran(
    kota: DataKota, d: DefOpd, rincian: int = RINCIAN_PENUH
) -> list[tuple[str, str]]:
    """(code, name) of every budget line of an agency, parents before children."""
    out = [(f"{d.bidang}.01", "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota")]
    for keg in kota.penunjang:
        out.append((f"{d.bidang}.01.{keg.kode}", keg.nama))
        out += [
            (f"{d.bidang}.01.{keg.kode}.{sub}", sub_nama)
            for sub, sub_nama in keg.subkegiatan[:rincian]
        ]
    for nomor, program in d.program:
        code = f"{d.bidang}.{nomor}"
        out.append((code, program))
        for k, pola in enumerate(kota.pola_kegiatan, start=1):
            kegiatan = f"{pola} {topik(program)}"
            out.append((f"{code}.2.{k:02d}", kegiatan))
            out += [
                (f"{code}.2.{k:02d}.{s:04d}", f"{sub} untuk {kegiatan}")
                for s, sub in enumerate(kota.pola_subkegiatan[:rincian], start=1)
            ]
    return out


@dataclass(frozen=True)
class Tahun:
    """What a budget year needs to know about the city being generated."""

    tahun: int
    pertama: int  # the first generated year (pagu grows from there)
    berjalan: bool  # the year in progress: realisations up to TW III
    rincian: int
    nomenklatur: dict[str, Nomenklatur]


def baris_anggaran(
    kota: DataKota,
    d: DefOpd,
    opd: PerangkatDaerah,
    t: Tahun,
    *,
    serapan: float,
    galat: str,
    rng: random.Random,
    rng_pagu: Callable[[str], random.Random],
    iku: list[Indikator],
) -> tuple[list[Anggaran], list[tuple[str, Indikator]]]:
    """An agency's budget lines of a year, and which line supports which IKU (code, indicator).

    Sub-kegiatan get a pagu (murni and perubahan) and a realisation split over the quarters;
    parents are the exact sums of their children (domain spec §6.3), except for the deliberate
    errors: `galat == "bud2"` overspends one sub-kegiatan, `"bud3"` inflates one kegiatan.
    """
    tree = pohon_anggaran(kota, d, t.rincian)
    lines = {
        code: Anggaran(
            opd=opd, tahun=t.tahun, nomenklatur=t.nomenklatur[code], sumber_dana="APBD Kota Bekasi"
        )
        for code, _ in tree
    }
    levels = {code: formulas.tingkat_kode(code) for code in lines}
    children: dict[str, list[Anggaran]] = defaultdict(list)
    for code, line in lines.items():
        if parent := formulas.kode_induk(code):
            children[parent].append(line)
    leaves = [code for code in lines if levels[code] is SUB]
    over = rng.choice(leaves) if galat == "bud2" else None
    growth = Decimal(str(1 + 0.06 * (t.tahun - t.pertama)))
    for code in leaves:
        murni = ribu(
            Decimal(str(10 ** rng_pagu(code).uniform(7.6, 9.3)))
            * growth
            * Decimal(str(rng.uniform(0.93, 1.07)))
        )
        if code.endswith(".01.2.02.0001"):  # salaries dominate the support program
            murni *= 25
        perubahan = ribu(murni * Decimal(str(rng.uniform(0.93, 1.12))))
        spent = Decimal(str(max(0.3, min(1.0, serapan + rng.gauss(0, 0.07)))))
        realisasi = ribu(perubahan * (Decimal("1.08") if code == over else spent))
        line = lines[code]
        line.pagu_murni, line.pagu_perubahan = murni, perubahan
        _triwulan(line, realisasi, t.berjalan, rng)
    for level in (KEGIATAN, PROGRAM):
        for code, line in lines.items():
            if levels[code] is level:
                _jumlahkan(line, children[code])
        if level is KEGIATAN and galat == "bud3":
            line = lines[rng.choice([code for code in lines if levels[code] is KEGIATAN])]
            extra = Decimal("12500000")
            last = 3 if t.berjalan else 4
            line.realisasi += extra
            setattr(line, f"realisasi_tw{last}", getattr(line, f"realisasi_tw{last}") + extra)
    return list(lines.values()), _tautan(kota, d, iku)


def _triwulan(line: Anggaran, realisasi: Decimal, berjalan: bool, rng: random.Random) -> None:
    shares = [s * Decimal(str(rng.uniform(0.85, 1.15))) for s in BAGIAN_TW]
    total = sum(shares, Decimal(0))
    tw: list[Decimal | None] = [ribu(realisasi * s / total) for s in shares[:3]]
    tw.append(realisasi - sum(tw, Decimal(0)))
    if berjalan:
        tw[3] = None
        realisasi = sum(tw[:3], Decimal(0))
    line.realisasi = realisasi
    line.realisasi_tw1, line.realisasi_tw2, line.realisasi_tw3, line.realisasi_tw4 = tw


def _jumlahkan(line: Anggaran, children: list[Anggaran]) -> None:
    line.pagu_murni = sum((c.pagu_murni for c in children), Decimal(0))
    line.pagu_perubahan = sum((c.pagu_perubahan for c in children), Decimal(0))
    line.realisasi = sum((c.realisasi for c in children), Decimal(0))
    for q in range(1, 5):
        values = [getattr(c, f"realisasi_tw{q}") for c in children]
        setattr(line, f"realisasi_tw{q}", None if None in values else sum(values, Decimal(0)))


def _tautan(kota: DataKota, d: DefOpd, iku: list[Indikator]) -> list[tuple[str, Indikator]]:
    """Each IKU is supported by one or two kegiatan (for its efficiency)."""
    umum = {df.uraian for df in kota.iku_umum}
    programs = [nomor for nomor, _ in d.program]
    out = []
    for i, ind in enumerate(iku):
        if ind.uraian in umum:
            out.append((f"{d.bidang}.01.2.01", ind))
            continue
        nomor = programs[i % len(programs)]
        out.append((f"{d.bidang}.{nomor}.2.{(i // len(programs)) % 5 + 1:02d}", ind))
        if i % 3 == 0:
            out.append((f"{d.bidang}.{nomor}.2.{(i // len(programs) + 2) % 5 + 1:02d}", ind))
    return out
