"""A large agency for the quarterly-grid probes and bench/entri.py: many budget lines, many IKU."""

from decimal import Decimal

from budget.models import Anggaran, Nomenklatur
from lkip import formulas
from lkip.models import PerangkatDaerah
from tests.factories import make_indikator, make_opd, make_realisasi, make_target


def make_agency_with_lines(
    lines: int = 2000, indicators: int = 18, kode: str = "dinas-besar", tahun: int = 2024
) -> PerangkatDaerah:
    """An agency with `lines` sub-kegiatan budget lines (pagu, TW1 realised) and `indicators`
    IKU (a TW2 target, a TW1 realisation)."""
    opd = make_opd(kode, nama="Dinas Besar")
    codes = [f"1.06.{p:02d}.2.01.{n:04d}" for p in range(1, 100) for n in range(1, 101)][:lines]
    existing = set(Nomenklatur.objects.filter(kode__in=codes).values_list("kode", flat=True))
    Nomenklatur.objects.bulk_create(
        Nomenklatur(kode=c, nama=f"Sub-kegiatan {c}", tingkat=formulas.tingkat_kode(c).value)
        for c in codes
        if c not in existing
    )
    nomenklatur = Nomenklatur.objects.filter(kode__in=codes)
    Anggaran.objects.bulk_create(
        Anggaran(
            opd=opd,
            tahun=tahun,
            nomenklatur=n,
            pagu_murni=Decimal("100000000.00"),
            realisasi=Decimal("12500000.50"),
            realisasi_tw1=Decimal("12500000.50"),
        )
        for n in nomenklatur
    )
    for i in range(1, indicators + 1):
        ind = make_indikator(opd, f"IKU-{i}", satuan="%", jenis_nilai="persen")
        make_target(ind, 80, tahun=tahun, periode=2)
        make_realisasi(ind, Decimal("77.260000"), tahun=tahun, periode=1)
    return opd
