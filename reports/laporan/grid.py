"""A built table laid out on a grid: where each header and body cell starts and how far it spans.

The XLSX and the DOCX both need the cells' positions (an HTML table leaves them to the browser):
a cell of a lower header row, or a body row under a rowspan, starts in the first column not yet
covered from above. Any table the build makes, with any spans, is laid out the same way here.
"""

from __future__ import annotations

from dataclasses import dataclass

from reports.laporan.struktur import Kepala, Sel, Tabel


@dataclass(frozen=True)
class Letak:
    """One cell on the grid (0-based row and column)."""

    baris: int
    kolom: int
    rowspan: int
    colspan: int
    isi: Kepala | Sel


@dataclass(frozen=True)
class Kisi:
    """The table on a grid: header rows first, then the body rows."""

    kepala: tuple[Letak, ...]
    badan: tuple[Letak, ...]
    jumlah_baris_kepala: int
    jumlah_baris: int
    jumlah_kolom: int


def tata(t: Tabel) -> Kisi:
    """Place every header and body cell of `t` on the grid."""
    occupied: set[tuple[int, int]] = set()
    kepala = _place(t.kepala, 0, occupied)
    badan = _place(t.baris, len(t.kepala), occupied)
    placed = kepala + badan
    jumlah_kolom = max((p.kolom + p.colspan for p in placed), default=1)
    jumlah_baris = max((p.baris + p.rowspan for p in placed), default=0)
    return Kisi(
        tuple(kepala),
        tuple(badan),
        len(t.kepala),
        max(jumlah_baris, len(t.kepala) + len(t.baris)),
        jumlah_kolom,
    )


def _place(rows, start: int, occupied: set[tuple[int, int]]) -> list[Letak]:
    out: list[Letak] = []
    for r, row in enumerate(rows, start=start):
        col = 0
        for cell in row:
            while (r, col) in occupied:
                col += 1
            rowspan, colspan = max(cell.rowspan, 1), max(cell.colspan, 1)
            for rr in range(r, r + rowspan):
                for cc in range(col, col + colspan):
                    occupied.add((rr, cc))
            out.append(Letak(r, col, rowspan, colspan, cell))
            col += colspan
    return out
