"""Narrative text into blocks, and the phrases the generated sentences share."""

from __future__ import annotations

import re
from decimal import Decimal

from indicators.models import Indikator, JenisNilai
from lkip import formulas
from reports.laporan.struktur import Blok, Daftar, Jenis, Paragraf, Sel

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


def nilai_sel(ind: Indikator, value: Decimal | None, predikat: str = "", **kw) -> Sel:
    """An indicator value as a table cell: printed as nilai_teks prints it, kept as a number (with
    its unit and predicate apart) for the XLSX and DOCX."""
    persen = ind.jenis_nilai == JenisNilai.PERSEN or ind.satuan.strip() == "%"
    kw.setdefault("kelas", "angka")
    return Sel(value, Jenis.NILAI, satuan="%" if persen else "", predikat=predikat or "", **kw)


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
