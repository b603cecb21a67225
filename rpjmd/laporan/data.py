"""Everything the pemda's LKIP of one year is computed from, loaded in a fixed number of queries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import DecimalField, Sum
from django.db.models.functions import Coalesce

from budget.models import Anggaran, TingkatAnggaran
from indicators.models import Indikator
from lkip import formulas
from lkip.models import Pemda
from rpjmd.models import (
    AnggaranPerangkatDaerah,
    IndikatorPemda,
    JenisTarget,
    Pembiayaan,
    RealisasiPemda,
    Rpjmd,
    SasaranPemda,
    TargetPemda,
    TautanSasaran,
    TujuanPemda,
)
from targets.models import JenisTarget as JenisTargetOpd
from targets.models import Periode, Realisasi, Target


class LaporanPemdaTidakDitemukan(Exception):
    """No pemda with that code, or no RPJMD covering the year."""


@dataclass(frozen=True)
class AnggaranOpd:
    """One agency's budget of the year, and where it comes from."""

    nama: str
    kode: str  # '' for an agency not in the application
    pagu: Decimal
    realisasi: Decimal
    sumber: str  # "aplikasi" (the agency's own budget lines) or "rekap" (the pemda's sheet)
    rekap: tuple[Decimal, Decimal] | None = None  # the sheet's figures where both exist
    rekap_pk: int | None = None  # the pemda's recap row (AnggaranPerangkatDaerah), if any

    @property
    def angka_rekap(self) -> tuple[Decimal, Decimal] | None:
        """The pagu and realisasi of the pemda's recap row, where it has one."""
        return (self.pagu, self.realisasi) if self.sumber == "rekap" else self.rekap

    @property
    def serapan(self) -> Decimal | None:
        return formulas.serapan(self.pagu, self.realisasi)


@dataclass(frozen=True)
class Dukungan:
    """An agency IKU supporting a pemda sasaran, with its year's target, realisation, capaian."""

    opd_nama: str
    opd_kode: str
    indikator: Indikator
    target: Decimal | None
    realisasi: Decimal | None
    target_predikat: str
    realisasi_predikat: str

    @property
    def capaian(self) -> Decimal | None:
        return self.indikator.capaian(
            self.target, self.realisasi, self.target_predikat, self.realisasi_predikat
        )


@dataclass
class DataPemda:
    pemda: Pemda
    rpjmd: Rpjmd
    tahun: int
    tujuan: list[TujuanPemda]
    sasaran: list[SasaranPemda]
    indikator: list[IndikatorPemda]
    target: dict[tuple[int, int, str], TargetPemda]
    realisasi: dict[tuple[int, int], RealisasiPemda]
    anggaran: list[AnggaranOpd]
    pembiayaan: list[Pembiayaan]
    dukungan: dict[int, list[Dukungan]] = field(default_factory=dict)

    def target_tahun(self, ind: IndikatorPemda, tahun: int) -> TargetPemda | None:
        """The year's target: the Kepala Daerah's PK, else the RPJMD's."""
        return self.target.get((ind.pk, tahun, JenisTarget.PK)) or self.target.get(
            (ind.pk, tahun, JenisTarget.RPJMD)
        )

    def target_rpjmd(self, ind: IndikatorPemda, tahun: int) -> TargetPemda | None:
        return self.target.get((ind.pk, tahun, JenisTarget.RPJMD)) or self.target.get(
            (ind.pk, tahun, JenisTarget.PK)
        )

    def iku_of(self, sasaran: SasaranPemda) -> list[IndikatorPemda]:
        return [i for i in self.indikator if i.sasaran_id == sasaran.pk]


def load(kode: str, tahun: int) -> DataPemda:
    pemda = Pemda.objects.filter(kode=kode).first()
    if pemda is None:
        raise LaporanPemdaTidakDitemukan(f"Pemda dengan kode '{kode}' tidak ditemukan.")
    rpjmd = (
        Rpjmd.objects.filter(pemda=pemda, tahun_awal__lte=tahun, tahun_akhir__gte=tahun)
        .order_by("-tahun_awal")
        .first()
    )
    if rpjmd is None:
        raise LaporanPemdaTidakDitemukan(
            f"{pemda.nama} belum memiliki RPJMD yang mencakup tahun {tahun}."
        )
    indikator = list(
        IndikatorPemda.objects.filter(rpjmd=rpjmd)
        .select_related("sasaran__tujuan")
        .order_by("sasaran__urutan", "sasaran_id", "urutan", "id")
    )
    target = {
        (t.indikator_id, t.tahun, t.jenis): t
        for t in TargetPemda.objects.filter(indikator__rpjmd=rpjmd)
    }
    realisasi = {
        (r.indikator_id, r.tahun): r for r in RealisasiPemda.objects.filter(indikator__rpjmd=rpjmd)
    }
    for t in target.values():  # the indicator the target reads its polarity and rule from
        t.indikator = next(i for i in indikator if i.pk == t.indikator_id)
    return DataPemda(
        pemda=pemda,
        rpjmd=rpjmd,
        tahun=tahun,
        tujuan=list(TujuanPemda.objects.filter(rpjmd=rpjmd).order_by("urutan", "id")),
        sasaran=list(
            SasaranPemda.objects.filter(rpjmd=rpjmd)
            .select_related("tujuan")
            .order_by("tujuan__urutan", "urutan", "id")
        ),
        indikator=indikator,
        target=target,
        realisasi=realisasi,
        anggaran=_anggaran(pemda, tahun),
        pembiayaan=list(Pembiayaan.objects.filter(pemda=pemda, tahun=tahun)),
        dukungan=_dukungan(rpjmd, tahun),
    )


def _anggaran(pemda: Pemda, tahun: int) -> list[AnggaranOpd]:
    """Per agency: its own program-level budget lines when the application has them, else the
    pemda's recap sheet; both are kept where both exist (a data-health finding if they differ)."""
    nol = Decimal(0)
    uang = DecimalField(max_digits=20, decimal_places=2)
    sendiri = {
        row["opd"]: row
        for row in Anggaran.objects.filter(
            opd__pemda=pemda, tahun=tahun, nomenklatur__tingkat=TingkatAnggaran.PROGRAM
        )
        .values("opd", "opd__nama", "opd__kode")
        .annotate(
            pagu=Sum(Coalesce("pagu_perubahan", "pagu_murni"), output_field=uang),
            realisasi=Sum("realisasi", output_field=uang),
        )
    }
    out, dipakai = [], set()
    for a in AnggaranPerangkatDaerah.objects.filter(pemda=pemda, tahun=tahun).select_related("opd"):
        row = sendiri.get(a.opd_id) if a.opd_id else None
        if row is not None:
            dipakai.add(a.opd_id)
            out.append(
                AnggaranOpd(
                    a.perangkat_daerah,
                    a.opd.kode,
                    row["pagu"] or nol,
                    row["realisasi"] or nol,
                    "aplikasi",
                    (a.pagu, a.realisasi),
                    a.pk,
                )
            )
        else:
            out.append(
                AnggaranOpd(
                    a.perangkat_daerah,
                    a.opd.kode if a.opd else "",
                    a.pagu,
                    a.realisasi,
                    "rekap",
                    rekap_pk=a.pk,
                )
            )
    for opd_id, row in sendiri.items():
        if opd_id not in dipakai:
            out.append(
                AnggaranOpd(
                    row["opd__nama"],
                    row["opd__kode"],
                    row["pagu"] or nol,
                    row["realisasi"] or nol,
                    "aplikasi",
                )
            )
    return out


def _dukungan(rpjmd: Rpjmd, tahun: int) -> dict[int, list[Dukungan]]:
    tautan = list(
        TautanSasaran.objects.filter(sasaran__rpjmd=rpjmd).select_related("indikator__opd")
    )
    ids = [t.indikator_id for t in tautan]
    targets: dict[int, dict[str, Target]] = defaultdict(dict)
    for t in Target.objects.filter(indikator_id__in=ids, tahun=tahun, periode=Periode.TAHUNAN):
        targets[t.indikator_id][t.jenis] = t
    reals: dict[int, dict[int, Realisasi]] = defaultdict(dict)
    for r in Realisasi.objects.filter(indikator_id__in=ids, tahun=tahun).select_related(
        "indikator"
    ):
        reals[r.indikator_id][r.periode] = r
    out: dict[int, list[Dukungan]] = defaultdict(list)
    for link in sorted(tautan, key=lambda x: (x.indikator.opd.nama, x.indikator.kode)):
        ind = link.indikator
        t = targets[ind.pk].get(JenisTargetOpd.PK) or targets[ind.pk].get(JenisTargetOpd.RENSTRA)
        per = reals[ind.pk]
        tahunan = per.get(Periode.TAHUNAN)
        if tahunan is not None:
            nilai, predikat = tahunan.nilai_efektif, tahunan.predikat
        else:
            tw = [per.get(p) for p in (1, 2, 3, 4)]
            nilai = formulas.agregasi_tahunan(
                [r.nilai_efektif if r else None for r in tw], ind.agregasi
            )
            predikat = next((r.predikat for r in reversed(tw) if r and r.predikat), "")
        out[link.sasaran_id].append(
            Dukungan(
                ind.opd.nama,
                ind.opd.kode,
                ind,
                t.nilai if t else None,
                nilai,
                t.predikat if t else "",
                predikat,
            )
        )
    return dict(out)
