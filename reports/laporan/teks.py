"""Narrative text into blocks, and the phrases the generated sentences share."""

from __future__ import annotations

import re
from decimal import Decimal

from indicators.models import Indikator, JenisNilai, Polaritas
from lkip import formulas
from reports.laporan.struktur import Blok, Daftar, Paragraf

_ITEM = re.compile(r"^\s*(?:\d{1,2}[.)]|[a-z][.)]|[-•*])\s+")


def narasi_blok(text: str) -> tuple[Blok, ...]:
    """Plain text/Markdown-ish narrative → paragraphs and lists (blank line between paragraphs)."""
    blocks: list[Blok] = []
    for chunk in re.split(r"\n\s*\n", (text or "").strip()):
        lines = [line.rstrip() for line in chunk.splitlines() if line.strip()]
        if not lines:
            continue
        if all(_ITEM.match(line) for line in lines):
            numbered = bool(re.match(r"^\s*(\d|[a-z])", lines[0]))
            blocks.append(
                Daftar(tuple(_ITEM.sub("", line).strip() for line in lines), bernomor=numbered)
            )
        elif len(lines) > 1 and all(_ITEM.match(line) for line in lines[1:]):
            blocks.append(Paragraf(lines[0].strip()))
            blocks.append(Daftar(tuple(_ITEM.sub("", line).strip() for line in lines[1:])))
        else:
            blocks.append(Paragraf(" ".join(line.strip() for line in lines)))
    return tuple(blocks)


def butir(text: str) -> tuple[str, ...]:
    """One item per line, list markers removed."""
    return tuple(_ITEM.sub("", line).strip() for line in (text or "").splitlines() if line.strip())


def nilai_teks(ind: Indikator, value: Decimal | None, predikat: str = "") -> str:
    """An indicator value as a sentence shows it: '12,14%', '93,45', '77,29 (BB)'."""
    if value is None and not predikat:
        return "belum ada data"
    if value is None:
        return predikat
    text = formulas.format_angka(value, formulas.tempat_nilai(formulas.bulatkan(value)))
    if ind.jenis_nilai == JenisNilai.PERSEN or ind.satuan.strip() == "%":
        text += "%"
    if predikat:
        text += f" ({predikat})"
    return text


def persen_teks(value: Decimal | None) -> str:
    return formulas.format_persen(value) if value is not None else "belum ada data"


def rupiah_teks(value: Decimal | None) -> str:
    return formulas.format_rupiah(value) if value is not None else "belum ada data"


def terbilang_teks(value: Decimal | None) -> str:
    """'Rp4.495.500.000 (empat miliar ... rupiah)'."""
    if value is None:
        return "belum ada data"
    whole = formulas.bulatkan(value, 0)
    return f"{formulas.format_rupiah(whole)} ({formulas.terbilang_rupiah(whole)})"


def arah(sebelum: Decimal | None, sesudah: Decimal | None) -> str:
    """The one word for a change between two values: 'naik', 'turun', 'tetap' (formulas.tren
    decides on the 2-dp values), or 'tidak dapat dibandingkan' when one is missing. Every table
    and sentence of the report that names a direction takes it from here."""
    return {
        formulas.Tren.NAIK: "naik",
        formulas.Tren.TURUN: "turun",
        formulas.Tren.TETAP: "tetap",
    }.get(formulas.tren(sebelum, sesudah), "tidak dapat dibandingkan")


def sifat_indikator(ind: Indikator, c) -> list[str]:
    """What a reader must know to read an indicator's figures: negative polarity, a predicate
    scale, annual values derived from quarters (c: its CapaianTahunan)."""
    out = []
    if ind.polaritas == Polaritas.NEGATIF:
        rumus = ind.get_metode_negatif_display().split(":", 1)[-1].strip()
        out.append(f"berpolaritas negatif (makin rendah makin baik; capaian = {rumus})")
    if ind.adalah_predikat:
        out.append(f"bernilai predikat (skala {ind.get_skala_predikat_display() or '-'})")
    diisi = [i for i, v in enumerate(c.realisasi_triwulan, start=1) if v is not None]
    if c.realisasi is not None and not c.realisasi_tahunan_tercatat and diisi:
        out.append(
            f"realisasi tahunan dihitung dari realisasi triwulan {_triwulan(diisi)} "
            f"({ind.get_agregasi_display().lower()})"
        )
    if c.target is not None and not c.target_tahunan_tercatat:
        diisi = [i for i, v in enumerate(c.target_triwulan, start=1) if v is not None]
        out.append(
            f"target tahunan dihitung dari target triwulan {_triwulan(diisi)} "
            f"({ind.get_agregasi_display().lower()})"
        )
    return out


_ROMAWI = {1: "I", 2: "II", 3: "III", 4: "IV"}


def _triwulan(nomor: list[int]) -> str:
    if len(nomor) > 1 and nomor == list(range(nomor[0], nomor[-1] + 1)):
        return f"{_ROMAWI[nomor[0]]}–{_ROMAWI[nomor[-1]]}"
    return ", ".join(_ROMAWI[i] for i in nomor)
