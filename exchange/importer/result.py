"""What an import reports: problems (sheet, row, column, message) and changes (old → new)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Protocol

from lkip.formulas import format_angka

ALASAN_BAKU = "Impor workbook"


@dataclass(frozen=True)
class Masalah:
    sheet: str
    baris: int | None
    kolom: str | None
    pesan: str
    tingkat: str = "error"  # or "peringatan"

    def __str__(self) -> str:
        where = self.sheet
        if self.baris is not None:
            where += f", baris {self.baris}"
        if self.kolom:
            where += f", kolom {self.kolom}"
        return f"{where}: {self.pesan}"


@dataclass(frozen=True)
class Perubahan:
    sheet: str
    kunci: str
    aksi: str  # "baru", "ubah", "tetap", "hapus" (an Angka_Tercetak row whose teks is `hapus`)
    detail: tuple[tuple[str, str, str], ...] = ()  # (field, old, new)


@dataclass
class HasilImpor:
    masalah: list[Masalah] = field(default_factory=list)
    perubahan: list[Perubahan] = field(default_factory=list)
    diterapkan: bool = False
    opd_kode: str | None = None
    pemda_kode: str | None = None  # a pemda-level workbook (first sheet `Pemda`)

    @property
    def errors(self) -> list[Masalah]:
        return [m for m in self.masalah if m.tingkat == "error"]

    @property
    def peringatan(self) -> list[Masalah]:
        return [m for m in self.masalah if m.tingkat != "error"]

    @property
    def ok(self) -> bool:
        return not self.errors

    def hitung(self, aksi: str) -> int:
        return sum(1 for p in self.perubahan if p.aksi == aksi)

    def ringkasan(self) -> str:
        baru, ubah, tetap = (format_angka(self.hitung(a), 0) for a in ("baru", "ubah", "tetap"))
        hapus = self.hitung("hapus")
        dihapus = f", {format_angka(hapus, 0)} dihapus" if hapus else ""
        return f"{baru} baru, {ubah} diubah{dihapus}, {tetap} tidak berubah"

    def per_sheet(self) -> list[tuple[str, int, int, int, int]]:
        """(sheet, baru, ubah, tetap, hapus) in workbook order."""
        counts: dict[str, dict[str, int]] = {}
        for p in self.perubahan:
            counts.setdefault(p.sheet, {"baru": 0, "ubah": 0, "tetap": 0, "hapus": 0})[p.aksi] += 1
        return [(s, c["baru"], c["ubah"], c["tetap"], c["hapus"]) for s, c in counts.items()]

    @property
    def sidik(self) -> str:
        """Fingerprint of what the import would do: a preview and its apply must agree."""
        digest = hashlib.sha256()
        for p in self.perubahan:
            if p.aksi != "tetap":
                digest.update(repr((p.sheet, p.kunci, p.aksi, p.detail)).encode())
        return digest.hexdigest()


class SelTakTerbaca:
    """A cell the reader could not turn into a value (a formula without a cached value, an
    Excel error such as #DIV/0!): using it in a row is an error naming sheet, row and column."""

    __slots__ = ("pesan",)

    def __init__(self, pesan: str) -> None:
        self.pesan = pesan

    def __repr__(self) -> str:
        return f"SelTakTerbaca({self.pesan!r})"


class PencatatMasalah(Protocol):
    """Where a sheet records its problems: the importer (the sheet needs nothing else of it)."""

    masalah: list[Masalah]

    def error(self, masalah: Masalah) -> None: ...


def periode_teks(periode: int) -> str:
    return "TAHUNAN" if periode == 0 else f"TW{periode}"
