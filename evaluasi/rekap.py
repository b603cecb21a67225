"""Across the pemda: agencies ranked by their final score, the distribution of predicates, the
movement on last year, and the same as xlsx (selectors; two queries)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from evaluasi.models import Evaluasi, StatusEvaluasi
from lkip import formulas, xlsx
from lkip.models import PerangkatDaerah


@dataclass(frozen=True)
class BarisRekap:
    peringkat: int | None
    opd: PerangkatDaerah
    status: str
    nilai: Decimal | None
    predikat: str
    nilai_lalu: Decimal | None
    predikat_lalu: str

    @property
    def selisih(self) -> Decimal | None:
        if self.nilai is None or self.nilai_lalu is None:
            return None
        return self.nilai - self.nilai_lalu

    @property
    def gerak(self) -> str:
        if self.selisih is None:
            return "—"
        return "naik" if self.selisih > 0 else "turun" if self.selisih < 0 else "tetap"


@dataclass(frozen=True)
class Rekap:
    tahun: int
    baris: tuple[BarisRekap, ...]
    sebaran: tuple[tuple[str, int], ...]

    @property
    def rata_rata(self) -> Decimal | None:
        nilai = [b.nilai for b in self.baris if b.nilai is not None]
        return sum(nilai, Decimal(0)) / len(nilai) if nilai else None


def _nilai(e: Evaluasi | None) -> tuple[Decimal | None, str]:
    if e is None or e.status != StatusEvaluasi.FINAL or "total_angka" not in e.hasil:
        return None, ""
    return Decimal(e.hasil["total_angka"]), e.hasil.get("predikat", "")


def bangun(opd_list: list[PerangkatDaerah], tahun: int) -> Rekap:
    semua = {
        (e.opd_id, e.tahun): e
        for e in Evaluasi.objects.filter(opd__in=opd_list, tahun__in=[tahun, tahun - 1])
    }
    baris = []
    for opd in opd_list:
        e = semua.get((opd.pk, tahun))
        nilai, predikat = _nilai(e)
        lalu, predikat_lalu = _nilai(semua.get((opd.pk, tahun - 1)))
        status = e.get_status_display() if e else "Belum dibuka"
        baris.append([opd, status, nilai, predikat, lalu, predikat_lalu])
    # Highest score first; agencies without a final score after them, by name.
    baris.sort(key=lambda b: (b[2] is None, -(b[2] or 0), b[0].nama))
    hasil = []
    peringkat = 0
    sebelumnya = None
    for i, b in enumerate(baris, start=1):
        if b[2] is not None and b[2] != sebelumnya:
            peringkat = i
        sebelumnya = b[2]
        hasil.append(BarisRekap(peringkat if b[2] is not None else None, *b))
    sebaran = tuple(
        (p, sum(1 for b in hasil if b.predikat == p)) for p in reversed(formulas.PREDIKAT_AKIP)
    )
    return Rekap(tahun, tuple(hasil), sebaran)


def tahun_tetangga(opd_list: list[PerangkatDaerah], tahun: int) -> tuple[int | None, int | None]:
    """The nearest years before and after `tahun` in which these agencies have an evaluation
    (None where there is none), so the ranking's year links never lead into empty years."""
    semua = Evaluasi.objects.filter(opd__in=opd_list).values_list("tahun", flat=True)
    sebelum = max((t for t in semua if t < tahun), default=None)
    sesudah = min((t for t in semua if t > tahun), default=None)
    return sebelum, sesudah


def xlsx_rekap(rekap: Rekap) -> bytes:
    header = [
        "Peringkat",
        "Perangkat daerah",
        "Status",
        f"Nilai {rekap.tahun}",
        f"Predikat {rekap.tahun}",
        f"Nilai {rekap.tahun - 1}",
        f"Predikat {rekap.tahun - 1}",
        "Selisih",
    ]
    rows = [
        [
            b.peringkat,
            b.opd.nama,
            b.status,
            b.nilai,
            b.predikat,
            b.nilai_lalu,
            b.predikat_lalu,
            b.selisih,
        ]
        for b in rekap.baris
    ]
    rows += [[], ["Sebaran predikat"]] + [[None, p, None, n] for p, n in rekap.sebaran]
    return xlsx.table_xlsx(f"Rekap AKIP {rekap.tahun}", header, rows)
