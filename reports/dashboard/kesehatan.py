"""The data-health contexts of every agency of a pemda, loaded at once with a fixed number of queries.

`reports.health.periksa(opd, tahun)` loads one agency (about ten queries). The pemda dashboard
needs the findings of every agency, so it loads the same rows for all agencies in one pass and runs
the same checks (`health.periksa_konteks`) on each agency's share: the query count does not grow
with the number of agencies. `KonteksMassal` derives exactly what `health._Context` derives.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Prefetch

from budget.models import Anggaran, Nomenklatur
from indicators.models import EvaluasiAKIP, HasilIKM, Indikator
from lkip import formulas
from lkip.models import PerangkatDaerah, SdmKomposisi
from reports import health
from reports.models import AngkaTercetak
from targets.capaian import hitung
from targets.models import Realisasi, Target


class KonteksMassal(health._Context):
    """One agency's share of a bulk load, shaped like the context `periksa` builds itself."""

    def __init__(
        self,
        opd: PerangkatDaerah,
        tahun: int,
        lines: list[Anggaran],
        indikator: Iterable[Indikator],
        akip: list[EvaluasiAKIP],
        ikm: HasilIKM | None,
        sdm: list[SdmKomposisi],
        tercetak: list[AngkaTercetak],
    ):
        self.opd, self.tahun = opd, tahun
        self.lines = lines
        self.by_kode = {line.kode: line for line in lines}
        self.children = defaultdict(list)
        for line in lines:
            parent = formulas.kode_induk(line.kode)
            if parent in self.by_kode:
                self.children[parent].append(line)
        self.capaian, self.capaian_lalu = {}, {}
        for ind in indikator:
            self.capaian[ind.kode] = hitung(ind, tahun, ind.targets, ind.realisasi_list)
            self.capaian_lalu[ind.kode] = hitung(ind, tahun - 1, ind.targets, ind.realisasi_list)
        self.akip, self.ikm, self.sdm, self.tercetak = akip, ikm, sdm, tercetak


def _per_opd(rows: Iterable) -> dict[int, list]:
    out: dict[int, list] = defaultdict(list)
    for row in rows:
        out[row.opd_id].append(row)
    return out


def muat_pemda(pemda_id: int, tahun: int) -> list[KonteksMassal]:
    """The health context of every agency of a pemda for a year: 12 queries whatever the size."""
    opds = list(PerangkatDaerah.objects.filter(pemda_id=pemda_id).order_by("nama"))
    scope = {"opd__pemda_id": pemda_id}
    years = [tahun - 1, tahun]
    indikator = list(
        Indikator.objects.filter(**scope)
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
    lines = _anggaran(pemda_id, tahun, {i.pk: i for i in indikator})
    akip = _per_opd(EvaluasiAKIP.objects.filter(**scope, tahun=tahun))
    ikm = {h.opd_id: h for h in HasilIKM.objects.filter(**scope, tahun=tahun)}
    sdm = _per_opd(SdmKomposisi.objects.filter(**scope, tahun=tahun))
    tercetak = _per_opd(AngkaTercetak.objects.filter(**scope, tahun=tahun))
    by_opd = _per_opd(indikator)
    return [
        KonteksMassal(
            opd,
            tahun,
            lines.get(opd.pk, []),
            by_opd.get(opd.pk, []),
            akip.get(opd.pk, []),
            ikm.get(opd.pk),
            sdm.get(opd.pk, []),
            tercetak.get(opd.pk, []),
        )
        for opd in opds
    ]


def _anggaran(
    pemda_id: int, tahun: int, indikator: dict[int, Indikator]
) -> dict[int, list[Anggaran]]:
    """A year's budget lines of every agency, each with its nomenclature and linked indicators.

    What `select_related`/`prefetch_related` would do, without one nomenclature object and one
    related manager per line (a city has tens of thousands of lines, but few codes and few links).
    """
    lines = list(
        Anggaran.objects.filter(opd__pemda_id=pemda_id, tahun=tahun).order_by(
            "opd_id", "nomenklatur__kode"
        )
    )
    codes = {
        n.pk: n for n in Nomenklatur.objects.filter(pk__in={line.nomenklatur_id for line in lines})
    }
    links: dict[int, list[Indikator]] = defaultdict(list)
    through = Anggaran.indikator.through.objects.filter(
        anggaran__opd__pemda_id=pemda_id, anggaran__tahun=tahun
    )
    for anggaran_id, indikator_id in through.values_list("anggaran_id", "indikator_id"):
        links[anggaran_id].append(indikator[indikator_id])
    none = _hasil(Indikator.objects.none(), [])
    for line in lines:
        line.nomenklatur = codes[line.nomenklatur_id]
        linked = links.get(line.pk)
        # The cache `line.indikator.all()` reads, as prefetch_related("indikator") would fill it.
        line._prefetched_objects_cache = {
            "indikator": _hasil(line.indikator.all(), linked) if linked else none
        }
    return _per_opd(lines)


def _hasil(queryset, rows: list) -> object:
    queryset._result_cache = rows
    queryset._prefetch_done = True
    return queryset
