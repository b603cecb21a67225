"""Bab III, capaian kinerja program dan realisasi anggaran: every program, kegiatan and
sub-kegiatan indicator of the year, grouped by program with the budget beside it, whether or not
an IKU's budget lines point to it."""

from __future__ import annotations

from dataclasses import dataclass, field

from budget.models import Anggaran, TingkatAnggaran
from indicators.models import Indikator, Tingkat
from lkip import formulas
from reports.laporan.data import DataLaporan
from reports.laporan.nomor import Penomor
from reports.laporan.struktur import Bagian, Daftar, Kepala, Paragraf, Sel, pct, rp, teks
from reports.laporan.teks import arah, nilai_teks, persen_teks, rupiah_teks, sifat_indikator
from targets.models import JenisTarget

SUMBER = "Data olahan Sub Bagian Perencanaan"
NEGATIF = "\u2193 = indikator berpolaritas negatif (makin rendah makin baik)."
_TINGKAT = {
    Tingkat.PROGRAM: "program",
    Tingkat.KEGIATAN: "kegiatan",
    Tingkat.SUBKEGIATAN: "sub-kegiatan",
}


@dataclass
class _Program:
    kode: str
    nama: str
    anggaran: Anggaran | None
    #: budget code → the indicators of that program, kegiatan or sub-kegiatan
    indikator: dict[str, list[Indikator]] = field(default_factory=dict)


def kode_program(kode: str) -> str:
    """The program a budget code belongs to (1.06.04.2.01.0001 → 1.06.04)."""
    while (induk := formulas.kode_induk(kode)) is not None:
        kode = induk
    return kode


def indikator_tahun(d: DataLaporan) -> list[Indikator]:
    """The program, kegiatan and sub-kegiatan indicators the year's report covers: those with a
    PK target or a realisation in the year, or under a program budgeted in the year."""
    budgeted = {kode_program(a.kode) for a in d.anggaran}
    out = []
    for ind in d.indikator:
        if ind.tingkat == Tingkat.IKU or ind.nomenklatur is None:
            continue
        has_data = any(
            t.tahun == d.tahun and t.jenis == JenisTarget.PK for t in ind.targets
        ) or any(r.tahun == d.tahun for r in ind.realisasi_list)
        if has_data or kode_program(ind.nomenklatur.kode) in budgeted:
            out.append(ind)
    return out


def _nama_program(ind: Indikator) -> str:
    node = ind.nomenklatur
    while node is not None and node.tingkat != TingkatAnggaran.PROGRAM:
        node = node.induk
    return node.nama if node is not None else kode_program(ind.nomenklatur.kode)


def program_tahun(d: DataLaporan) -> list[_Program]:
    """Every program of the year (budgeted, or holding an indicator), in code order."""
    lines = {a.kode: a for a in d.anggaran}
    programs: dict[str, _Program] = {}
    for a in d.anggaran:
        if a.nomenklatur.tingkat == TingkatAnggaran.PROGRAM:
            programs[a.kode] = _Program(a.kode, a.nomenklatur.nama, a)
    for ind in indikator_tahun(d):
        kode = kode_program(ind.nomenklatur.kode)
        if kode not in programs:
            programs[kode] = _Program(kode, _nama_program(ind), lines.get(kode))
        programs[kode].indikator.setdefault(ind.nomenklatur.kode, []).append(ind)
    return [programs[k] for k in sorted(programs)]


def bagian(d: DataLaporan, n: Penomor, nomor: str) -> Bagian:
    programs = program_tahun(d)
    inds = [i for p in programs for group in p.indikator.values() for i in group]
    counts = [
        f"{sum(1 for i in inds if i.tingkat == t)} indikator {label}"
        for t, label in _TINGKAT.items()
        if any(i.tingkat == t for i in inds)
    ]
    intro = (
        f"Selain indikator kinerja utama, kinerja {d.opd.nama} tahun {d.tahun} diukur dengan "
        + _gabung(counts)
        + f" pada {len(programs)} program. Tabel berikut menyajikan capaian setiap indikator "
        "bersama pagu, realisasi dan serapan anggaran program, kegiatan atau sub-kegiatan "
        "tempat indikator itu berada."
        if inds
        else f"Pada tahun {d.tahun} belum ada indikator program, kegiatan atau sub-kegiatan "
        f"yang ditetapkan untuk {d.opd.nama}."
    )
    subs = tuple(_program(d, n, f"{nomor}.{k}", p) for k, p in enumerate(programs, start=1))
    return Bagian(
        "kinerja-program",
        nomor,
        "Capaian Kinerja Program dan Realisasi Anggaran",
        (Paragraf(intro),),
        subs,
        kelas="lanskap" if subs else "",
    )


def _gabung(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " dan " + items[-1]


def _program(d: DataLaporan, n: Penomor, nomor: str, p: _Program) -> Bagian:
    lines = {a.kode: a for a in d.anggaran}
    codes = sorted({p.kode, *p.indikator})
    rows: list[tuple[Sel, ...]] = []
    notes: list[str] = []
    kalimat: list[str] = []
    for kode in codes:
        line = lines.get(kode)
        inds = p.indikator.get(kode, [])
        span = max(1, len(inds))
        nama = line.nomenklatur.nama if line else (inds[0].nomenklatur.nama if inds else p.nama)
        level = formulas.tingkat_kode(kode).value
        kelas = {
            TingkatAnggaran.PROGRAM: "tebal",
            TingkatAnggaran.KEGIATAN: "indent-1",
            TingkatAnggaran.SUBKEGIATAN: "indent-2",
        }[level]
        budget = (
            rp(line.pagu if line else None, rowspan=span),
            rp(line.realisasi if line else None, rowspan=span),
            pct(line.serapan if line else None, rowspan=span),
        )
        head = (teks(kode, rowspan=span, kelas="kode"), teks(nama, rowspan=span, kelas=kelas))
        if not inds:
            rows.append(head + (teks("-"), teks("-"), teks("-"), teks("-"), teks("-")) + budget)
            continue
        for k, ind in enumerate(inds):
            c = d.capaian[ind.kode]
            cells = (
                teks(ind.uraian + (" \u2193" if _negatif(ind) else "")),
                teks(ind.satuan),
                _nilai(ind, c.target, c.target_predikat),
                _nilai(ind, c.realisasi, c.realisasi_predikat),
                pct(c.capaian),
            )
            rows.append((head + cells + budget) if k == 0 else cells)
            sifat = sifat_indikator(ind, c)
            if sifat:
                notes.append(f"{ind.uraian}: " + "; ".join(sifat) + ".")
            kalimat.append(analisis(d, ind))
    lead = _kalimat_program(d, p)
    table = n.tabel(
        f"Capaian Kinerja dan Realisasi Anggaran {p.nama} Tahun {d.tahun}",
        [
            (
                Kepala("Kode", rowspan=2, lebar="11%"),
                Kepala("Program/Kegiatan/Sub-kegiatan", rowspan=2, lebar="17%"),
                Kepala("Kinerja", colspan=5),
                Kepala("Anggaran", colspan=3),
            ),
            (
                Kepala("Indikator", lebar="20%"),
                Kepala("Satuan", lebar="6%"),
                Kepala("Target", lebar="7%"),
                Kepala("Realisasi", lebar="7%"),
                Kepala("Capaian (%)", lebar="7%"),
                Kepala("Pagu (Rp)", lebar="9%"),
                Kepala("Realisasi (Rp)", lebar="9%"),
                Kepala("Serapan (%)", lebar="7%"),
            ),
        ],
        rows,
        f"{SUMBER}; data realisasi anggaran {d.tahun} (SIPD/SIMDA)",
        catatan=tuple(
            [NEGATIF] * any(_negatif(i) for g in p.indikator.values() for i in g) + notes
        ),
        kelas="kecil",
    )
    blocks: list = [Paragraf(lead), table]
    if kalimat:
        blocks += [Paragraf("Analisis capaian setiap indikator:"), Daftar(tuple(kalimat))]
    return Bagian(f"program-{p.kode.replace('.', '-')}", nomor, p.nama, tuple(blocks))


def _negatif(ind: Indikator) -> bool:
    return ind.polaritas == formulas.Polaritas.NEGATIF


def _nilai(ind: Indikator, value, predikat: str = "") -> Sel:
    if value is None and not predikat:
        return teks(None, kelas="angka")
    return teks(nilai_teks(ind, value, predikat), kelas="angka")


def _kalimat_program(d: DataLaporan, p: _Program) -> str:
    a = p.anggaran
    inds = [i for g in p.indikator.values() for i in g]
    caps = [d.capaian[i.kode].capaian for i in inds]
    terukur = [c for c in caps if c is not None]
    text = (
        f"{p.nama} ({p.kode}) mendapat pagu {rupiah_teks(a.pagu)} dengan realisasi "
        f"{rupiah_teks(a.realisasi)} atau serapan {persen_teks(a.serapan)}."
        if a is not None and a.pagu is not None
        else f"Pagu dan realisasi anggaran {p.nama} ({p.kode}) tahun {d.tahun} belum tercatat."
    )
    if not inds:
        return text + " Program ini belum memiliki indikator kinerja pada tahun ini."
    text += f" Kinerjanya diukur dengan {len(inds)} indikator; "
    if terukur:
        text += (
            f"{formulas.jumlah_mencapai_target(terukur)} dari {len(terukur)} indikator yang "
            "terukur mencapai atau melampaui target."
        )
    else:
        text += "belum ada yang dapat diukur capaiannya."
    return text


def analisis(d: DataLaporan, ind: Indikator) -> str:
    """One indicator's analysis sentences: realisation against target, capaian and its category,
    what makes the figures special, and the change from last year."""
    c, lalu = d.capaian[ind.kode], d.capaian_lalu[ind.kode]
    level = _TINGKAT.get(ind.tingkat, "")
    text = f"Indikator {level} {ind.uraian}"
    ada_target = c.target is not None or bool(c.target_predikat)
    ada_realisasi = c.realisasi is not None or bool(c.realisasi_predikat)
    if ada_target and ada_realisasi:
        text += (
            f" terealisasi {nilai_teks(ind, c.realisasi, c.realisasi_predikat)} dari target "
            f"{nilai_teks(ind, c.target, c.target_predikat)}"
        )
        text += (
            f", capaian {persen_teks(c.capaian)} (kategori {c.band.lower()})."
            if c.capaian is not None
            else ", capaian belum dapat dihitung."
        )
    elif ada_target:
        text += (
            f" bertarget {nilai_teks(ind, c.target, c.target_predikat)}, tetapi realisasi tahun "
            f"{d.tahun} belum tercatat sehingga capaiannya belum dapat dihitung."
        )
    elif ada_realisasi:
        text += (
            f" terealisasi {nilai_teks(ind, c.realisasi, c.realisasi_predikat)}, tetapi target "
            f"tahun {d.tahun} belum tercatat sehingga capaiannya belum dapat dihitung."
        )
    else:
        text += f" belum memiliki target maupun realisasi tahun {d.tahun}."
    sifat = sifat_indikator(ind, c)
    if sifat:
        text += " Indikator ini " + "; ".join(sifat) + "."
    if lalu.realisasi is not None and c.realisasi is not None:
        word = arah(lalu.realisasi, c.realisasi)
        text += f" Dibanding tahun {d.tahun - 1} ({nilai_teks(ind, lalu.realisasi)}) realisasi " + (
            "tetap" if word == "tetap" else word
        )
        if word != "tetap" and _negatif(ind):
            text += " (membaik)" if word == "turun" else " (memburuk)"
        text += "."
    return text
