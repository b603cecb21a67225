"""An indicator's year in numbers: target, realisation and capaian, from stored rows."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch

from indicators.models import Indikator, JenisNilai
from lkip import formulas
from lkip.models import PerangkatDaerah
from targets.models import JenisTarget, Periode, Realisasi, Target


@dataclass(frozen=True)
class CapaianTahunan:
    indikator: Indikator
    tahun: int
    target: Decimal | None
    target_predikat: str
    target_triwulan: tuple[Decimal | None, ...]
    realisasi: Decimal | None
    realisasi_predikat: str
    realisasi_triwulan: tuple[Decimal | None, ...]
    pembilang: Decimal | None
    penyebut: Decimal | None
    capaian: Decimal | None
    target_tahunan_tercatat: bool
    realisasi_tahunan_tercatat: bool
    faktor_pendukung: str = ""
    faktor_penghambat: str = ""
    upaya: str = ""

    @property
    def capaian_dibatasi(self) -> Decimal | None:
        return formulas.capaian_dibatasi(self.capaian, self.indikator.cap_persen)

    @property
    def band(self) -> str | None:
        return formulas.band_capaian(self.capaian)

    @property
    def ada_data(self) -> bool:
        return self.capaian is not None


def _nilai_realisasi(indikator: Indikator, row: Realisasi) -> Decimal | None:
    if row.pembilang is not None and row.penyebut is not None:
        return formulas.nilai_pecahan(
            row.pembilang, row.penyebut, persen_=indikator.jenis_nilai == JenisNilai.PERSEN
        )
    return row.nilai


def hitung(
    indikator: Indikator, tahun: int, targets: Iterable[Target], realisasi: Iterable[Realisasi]
) -> CapaianTahunan:
    """Combine one indicator's stored rows for a year into its annual figures and capaian."""
    metode = formulas.Agregasi(indikator.agregasi)
    pk = {t.periode: t for t in targets if t.tahun == tahun and t.jenis == JenisTarget.PK}
    tw_target = tuple(pk[p].nilai if p in pk else None for p in range(1, 5))
    tahunan = pk.get(Periode.TAHUNAN)
    if tahunan is not None:
        target, target_predikat = tahunan.nilai, tahunan.predikat
    else:
        target = formulas.agregasi_tahunan(list(tw_target), metode)
        last = next((pk[p] for p in (4, 3, 2, 1) if p in pk), None)
        target_predikat = last.predikat if last else ""

    rows = {r.periode: r for r in realisasi if r.tahun == tahun}
    tw_real = tuple(
        _nilai_realisasi(indikator, rows[p]) if p in rows else None for p in range(1, 5)
    )
    annual = rows.get(Periode.TAHUNAN)
    pembilang = penyebut = None
    if annual is not None:
        nilai, predikat = _nilai_realisasi(indikator, annual), annual.predikat
        pembilang, penyebut = annual.pembilang, annual.penyebut
        narrative = annual
    else:
        quarters = [rows[p] for p in range(1, 5) if p in rows]
        narrative = quarters[-1] if quarters else None
        predikat = narrative.predikat if narrative else ""
        fractions = [q for q in quarters if q.pembilang is not None and q.penyebut is not None]
        if fractions and metode == formulas.Agregasi.JUMLAH:
            # Counts add up over the year against a fixed population (domain spec §2.5).
            pembilang = formulas.jumlah_triwulan(q.pembilang for q in fractions)
            penyebut = fractions[-1].penyebut
            nilai = formulas.nilai_pecahan(
                pembilang, penyebut, persen_=indikator.jenis_nilai == JenisNilai.PERSEN
            )
        else:
            nilai = formulas.agregasi_tahunan(list(tw_real), metode)
    capaian = indikator.capaian(target, nilai, target_predikat, predikat)
    return CapaianTahunan(
        indikator=indikator,
        tahun=tahun,
        target=target,
        target_predikat=target_predikat or "",
        target_triwulan=tw_target,
        realisasi=nilai,
        realisasi_predikat=predikat or "",
        realisasi_triwulan=tw_real,
        pembilang=pembilang,
        penyebut=penyebut,
        capaian=capaian,
        target_tahunan_tercatat=tahunan is not None,
        realisasi_tahunan_tercatat=annual is not None,
        faktor_pendukung=narrative.faktor_pendukung if narrative else "",
        faktor_penghambat=narrative.faktor_penghambat if narrative else "",
        upaya=narrative.upaya if narrative else "",
    )


def indikator_dengan_data(opd: PerangkatDaerah, tahun_list: Iterable[int]):
    """Indicators of an agency with their targets and realisations of the given years: 3 queries."""
    years = list(tahun_list)
    return (
        Indikator.objects.filter(opd=opd)
        .select_related("sasaran", "nomenklatur")
        .prefetch_related(
            Prefetch(
                "target_set", queryset=Target.objects.filter(tahun__in=years), to_attr="targets"
            ),
            Prefetch(
                "realisasi_set",
                queryset=Realisasi.objects.filter(tahun__in=years),
                to_attr="realisasi_list",
            ),
        )
    )


def capaian_opd(opd: PerangkatDaerah, tahun: int) -> list[CapaianTahunan]:
    """Every indicator of an agency with its capaian for the year."""
    return [
        hitung(i, tahun, i.targets, i.realisasi_list) for i in indikator_dengan_data(opd, [tahun])
    ]
