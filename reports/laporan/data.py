"""All queries of a report, in one place and a fixed number (see ReportQueryTests)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from budget.models import Anggaran, CapaianOutput
from indicators.models import EvaluasiAKIP, HasilIKM, Indikator, Tingkat
from lkip import formulas
from lkip.models import (
    KategoriPPKS,
    KebutuhanPersonil,
    KejadianBencana,
    PerangkatDaerah,
    SdmKomposisi,
)
from reports.health import Temuan, periksa
from reports.models import LaporanTahunan, NarasiLaporan
from skm.hasil import Hasil, hasil_per_tahun
from targets.capaian import CapaianTahunan, hitung, indikator_dengan_data
from targets.models import JenisTarget, Renstra, Sasaran


class LaporanTidakDitemukan(Exception):
    """Unknown agency, or a year outside every Renstra period of the agency."""


@dataclass
class DataLaporan:
    opd: PerangkatDaerah
    tahun: int
    renstra: Renstra
    sasaran: list[Sasaran]
    indikator: list[Indikator]
    capaian: dict[str, CapaianTahunan]
    capaian_lalu: dict[str, CapaianTahunan]
    renstra_target: dict[str, dict[int, tuple]]  # kode → tahun → (nilai, predikat)
    anggaran: list[Anggaran]
    anggaran_lalu: list[Anggaran]
    akip: dict[int, list[EvaluasiAKIP]]
    ikm: list[HasilIKM]
    sdm: list[SdmKomposisi]
    kebutuhan: list[KebutuhanPersonil]
    ppks: list[KategoriPPKS]
    bencana: list[KejadianBencana]
    output: list[CapaianOutput]
    narasi: dict[str, NarasiLaporan]
    temuan: list[Temuan]
    pengaturan: LaporanTahunan
    #: The survey's pooled result per year (this year and the one before), when responses exist.
    skm: dict[int, Hasil] = field(default_factory=dict)

    def iku(self) -> list[Indikator]:
        return [i for i in self.indikator if i.tingkat == Tingkat.IKU]

    def iku_of(self, sasaran: Sasaran) -> list[Indikator]:
        return [
            i for i in self.indikator if i.tingkat == Tingkat.IKU and i.sasaran_id == sasaran.pk
        ]

    def teks(self, bagian: str) -> str:
        narasi = self.narasi.get(bagian)
        return narasi.teks if narasi else ""

    def children(self) -> dict[str, list[Anggaran]]:
        out: dict[str, list[Anggaran]] = defaultdict(list)
        codes = {a.kode for a in self.anggaran}
        for a in self.anggaran:
            parent = formulas.kode_induk(a.kode)
            if parent in codes:
                out[parent].append(a)
        return out


def load(opd_kode: str, tahun: int) -> DataLaporan:
    opd = PerangkatDaerah.objects.select_related("pemda").filter(kode=opd_kode).first()
    if opd is None:
        raise LaporanTidakDitemukan(f"Perangkat daerah dengan kode '{opd_kode}' tidak ditemukan.")
    renstra = Renstra.objects.filter(opd=opd, tahun_awal__lte=tahun, tahun_akhir__gte=tahun).first()
    if renstra is None:
        raise LaporanTidakDitemukan(
            f"{opd.nama} tidak memiliki periode Renstra yang memuat tahun {tahun}."
        )
    years = list(range(min(renstra.tahun_awal, tahun - 1), renstra.tahun_akhir + 1))
    indikator = list(
        indikator_dengan_data(opd, years)
        .select_related("nomenklatur__induk__induk")  # the program of a sub-kegiatan indicator
        .order_by("tingkat", "urutan", "kode")
    )
    capaian, lalu, renstra_target = {}, {}, {}
    for ind in indikator:
        capaian[ind.kode] = hitung(ind, tahun, ind.targets, ind.realisasi_list)
        lalu[ind.kode] = hitung(ind, tahun - 1, ind.targets, ind.realisasi_list)
        renstra_target[ind.kode] = {
            t.tahun: (t.nilai, t.predikat) for t in ind.targets if t.jenis == JenisTarget.RENSTRA
        }
    anggaran_all = list(
        Anggaran.objects.filter(opd=opd, tahun__in=[tahun - 1, tahun])
        .select_related("nomenklatur")
        .prefetch_related("indikator")
        .order_by("nomenklatur__kode")
    )
    akip: dict[int, list[EvaluasiAKIP]] = defaultdict(list)
    for k in EvaluasiAKIP.objects.filter(opd=opd, tahun__in=[tahun - 1, tahun]).order_by(
        "tahun", "urutan", "komponen"
    ):
        akip[k.tahun].append(k)
    return DataLaporan(
        opd=opd,
        tahun=tahun,
        renstra=renstra,
        sasaran=list(
            Sasaran.objects.filter(renstra=renstra)
            .select_related("tujuan")
            .order_by("urutan", "kode")
        ),
        indikator=indikator,
        capaian=capaian,
        capaian_lalu=lalu,
        renstra_target=renstra_target,
        anggaran=[a for a in anggaran_all if a.tahun == tahun],
        anggaran_lalu=[a for a in anggaran_all if a.tahun == tahun - 1],
        akip=dict(akip),
        ikm=list(HasilIKM.objects.filter(opd=opd, tahun__lte=tahun).order_by("tahun")),
        sdm=list(SdmKomposisi.objects.filter(opd=opd, tahun=tahun)),
        kebutuhan=list(KebutuhanPersonil.objects.filter(opd=opd)),
        ppks=list(KategoriPPKS.objects.filter(opd=opd)),
        bencana=list(KejadianBencana.objects.filter(opd=opd, tahun=tahun)),
        output=list(
            CapaianOutput.objects.filter(opd=opd, tahun=tahun).select_related("nomenklatur")
        ),
        narasi={n.bagian: n for n in NarasiLaporan.objects.filter(opd=opd, tahun=tahun)},
        temuan=periksa(opd, tahun),
        pengaturan=LaporanTahunan.objects.filter(opd=opd, tahun=tahun).first()
        or LaporanTahunan(opd=opd, tahun=tahun),
        skm={t: h for (_o, t), h in hasil_per_tahun([opd.pk], [tahun - 1, tahun]).items()},
    )
