"""Narrative text into blocks, and the phrases the generated sentences share."""

from __future__ import annotations

import re
from decimal import Decimal

from indicators.models import Indikator, JenisNilai, Polaritas
from lkip import formulas
from reports.laporan.struktur import Blok, Daftar, Jenis, Paragraf, Sel

_ITEM = re.compile(r"^\s*(?:\d{1,2}[.)]|[a-zA-Z][.)]|[-•*])\s+")


def _penanda(line: str) -> str | None:
    """The kind of list marker a line starts with ('1.', '1)', 'a.', 'A.', '-'), or None."""
    m = re.match(r"^\s*(\d{1,2}|[a-z]|[A-Z])([.)])\s+|^\s*([-•*])\s+", line)
    if not m:
        return None
    if m.group(3):
        return "-"
    token, mark = m.group(1), m.group(2)
    kind = "1" if token.isdigit() else ("a" if token.islower() else "A")
    return kind + mark


def _gaya(kind: str | None) -> str:
    return "" if kind is None else kind[0]


def _daftar(items: list[tuple[str | None, str]]) -> Daftar:
    """Lines (marker kind, text) as a nested list: a marker not seen above opens a list inside
    the previous item; one seen above closes the lists opened since."""
    root: list = []  # [kind, [(text, children)]]
    stack: list[tuple[str | None, list]] = [(items[0][0], root)]
    for kind, text in items:
        kinds = [k for k, _ in stack]
        if kind in kinds:
            while stack[-1][0] != kind:
                stack.pop()
        else:
            parent_items = stack[-1][1]
            if not parent_items:  # nothing to nest under: a sibling after all
                stack[-1] = (kind, parent_items)
            else:
                children: list = []
                parent_items[-1][1].append((kind, children))
                stack.append((kind, children))
        stack[-1][1].append((text, []))

    def build(kind: str | None, entries: list) -> Daftar:
        butir = tuple(text for text, _ in entries)
        anak = tuple(build(*sub[0]) if sub else None for _, sub in entries)
        return Daftar(
            butir,
            bernomor=kind not in (None, "-"),
            anak=anak if any(anak) else (),
            gaya="polos" if kind is None else _gaya(kind),
        )

    return build(items[0][0], root)


def narasi_blok(text: str) -> tuple[Blok, ...]:
    """Plain text/Markdown-ish narrative → paragraphs and lists (blank line between paragraphs).

    Lists keep their nesting (1. … a. b. … 2.), and a run of lines where some carry list markers
    and others are labels ('BAB I PENDAHULUAN: …') is a list of those labels with the marked
    lines nested under them, never one run-on paragraph."""
    blocks: list[Blok] = []
    for chunk in re.split(r"\n\s*\n", (text or "").strip()):
        lines = [line.rstrip() for line in chunk.splitlines() if line.strip()]
        if not lines:
            continue
        kinds = [_penanda(line) for line in lines]
        if not any(kinds) or len(lines) == 1 and kinds[0] is None:
            blocks.append(Paragraf(" ".join(line.strip() for line in lines)))
            continue
        if kinds[0] is None and all(kinds[1:]):
            blocks.append(Paragraf(lines[0].strip()))
            lines, kinds = lines[1:], kinds[1:]
        items = [
            (k, _ITEM.sub("", line).strip() if k else line.strip())
            for k, line in zip(kinds, lines, strict=True)
        ]
        blocks.append(_daftar(items))
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


def awal_kecil(text: str) -> str:
    """A phrase put inside a sentence: only its first letter lowered, and not even that in an
    acronym or a name ('Jumlah PPKS di Kota Bekasi' → 'jumlah PPKS di Kota Bekasi'; 'PPKS …' and
    'Bekasi …' stay)."""
    text = text.strip()
    if not text:
        return text
    first = text.split(maxsplit=1)[0]
    if first[:1].isupper() and first[1:].islower() and first.lower() in _KATA_UMUM:
        return text[0].lower() + text[1:]
    return text


#: Words that open an indicator's numerator or denominator and are not names.
_KATA_UMUM = frozenset(
    "jumlah persentase rasio angka nilai indeks total banyaknya seluruh rata-rata cakupan "
    "tingkat proporsi".split()
)


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
