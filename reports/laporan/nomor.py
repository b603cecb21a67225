"""Automatic numbering of tables and figures, restarting each chapter (domain spec §1.3)."""

from __future__ import annotations

from reports.laporan.struktur import Gambar, Kepala, Sel, Tabel


class Penomor:
    def __init__(self) -> None:
        self.bab = "0"
        self._tabel = 0
        self._gambar = 0

    def bab_baru(self, bab: str) -> None:
        self.bab, self._tabel, self._gambar = bab, 0, 0

    def tabel(self, judul: str, kepala, baris, sumber: str, **kw) -> Tabel:
        self._tabel += 1
        nomor = f"{self.bab}.{self._tabel}"
        kepala = tuple(
            tuple(k if isinstance(k, Kepala) else Kepala(k) for k in row) for row in kepala
        )
        baris = tuple(tuple(c if isinstance(c, Sel) else Sel(c) for c in row) for row in baris)
        if kepala and all(k.lebar for k in kepala[0]):
            kw["kelas"] = (
                kw.get("kelas", "") + " tetap"
            ).strip()  # fixed layout: the widths given hold
        if len(baris) <= 12:
            # A short table is kept on one page rather than leaving a row or two behind.
            kw["kelas"] = (kw.get("kelas", "") + " utuh").strip()
        return Tabel(
            id=f"tabel-{nomor.replace('.', '-')}",
            nomor=nomor,
            judul=judul,
            kepala=kepala,
            baris=baris,
            sumber=sumber,
            **kw,
        )

    def gambar(self, judul: str, svg: str, sumber: str, keterangan: str = "") -> Gambar:
        self._gambar += 1
        nomor = f"{self.bab}.{self._gambar}"
        return Gambar(
            id=f"gambar-{nomor.replace('.', '-')}",
            nomor=nomor,
            judul=judul,
            svg=svg,
            sumber=sumber,
            keterangan=keterangan,
        )
