"""What the data-health checks read, loaded by one function for one agency or a whole pemda.

`muat_konteks(tahun, opd=...)` serves `periksa(opd, tahun)` (the command, the report's draft
appendix, the agency dashboard); `muat_konteks(tahun, pemda_id=...)` (or `opd_ids=...`, the rows
whose data changed) serves the pemda dashboard, which needs the findings of every agency: the same
queries over the wider scope, so the query count does not grow with the number of agencies, and
each agency's share becomes the same `Konteks` the single load gives.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from django.db.models import Prefetch

from budget.models import Anggaran, Nomenklatur, TingkatAnggaran
from indicators.models import EvaluasiAKIP, HasilIKM, Indikator, Tingkat
from lkip import formulas
from lkip.models import PerangkatDaerah, SdmKomposisi
from reports.models import AngkaTercetak, NarasiLaporan
from targets.capaian import CapaianTahunan, hitung
from targets.models import Realisasi, Target


class Konteks:
    """Everything the checks read for one agency's year, and what they derive from it."""

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
        narasi: dict[str, str] | None = None,
    ):
        self.opd, self.tahun = opd, tahun
        #: The report's narrative sections that hold text: {bagian: teks}.
        self.narasi = narasi or {}
        self.lines = lines
        self.by_kode = {line.kode: line for line in lines}
        self.children: dict[str, list[Anggaran]] = defaultdict(list)
        for line in lines:
            parent = formulas.kode_induk(line.kode)
            if parent in self.by_kode:
                self.children[parent].append(line)
        self.capaian: dict[str, CapaianTahunan] = {}
        self.capaian_lalu: dict[str, CapaianTahunan] = {}
        for ind in indikator:
            self.capaian[ind.kode] = hitung(ind, tahun, ind.targets, ind.realisasi_list)
            self.capaian_lalu[ind.kode] = hitung(ind, tahun - 1, ind.targets, ind.realisasi_list)
        self.akip, self.ikm, self.sdm, self.tercetak = akip, ikm, sdm, tercetak

    def program_lines(self) -> list[Anggaran]:
        return [line for line in self.lines if line.nomenklatur.tingkat == TingkatAnggaran.PROGRAM]

    def total(self, field: str) -> Decimal | None:
        return formulas.jumlah_lengkap(getattr(line, field) for line in self.program_lines())

    def iku_of_line(self, line: Anggaran) -> list[CapaianTahunan]:
        """The IKU a line supports, directly or through its descendants."""
        codes: set[str] = set()
        stack = [line]
        while stack:
            current = stack.pop()
            codes |= {i.kode for i in current.indikator.all() if i.tingkat == Tingkat.IKU}
            stack.extend(self.children.get(current.kode, []))
        return [self.capaian[c] for c in sorted(codes) if c in self.capaian]


def _per_opd(rows: Iterable) -> dict[int, list]:
    out: dict[int, list] = defaultdict(list)
    for row in rows:
        out[row.opd_id].append(row)
    return out


def muat_konteks(
    tahun: int,
    *,
    opd: PerangkatDaerah | None = None,
    pemda_id: int | None = None,
    opd_ids: Iterable[int] | None = None,
) -> list[Konteks]:
    """The health context of one agency (`opd`), of every agency of a pemda (`pemda_id`) or of
    some agencies (`opd_ids`: the rows of the pemda dashboard whose data changed), by name, for a
    year: about ten queries, whatever the number of agencies, indicators and lines."""
    if sum(x is not None for x in (opd, pemda_id, opd_ids)) != 1:
        raise ValueError("Sebutkan tepat satu lingkup: opd, pemda_id atau opd_ids.")
    if opd is not None:
        opds, scope = [opd], {"opd": opd}
    elif pemda_id is not None:
        opds = list(PerangkatDaerah.objects.filter(pemda_id=pemda_id).order_by("nama"))
        scope = {"opd__pemda_id": pemda_id}
    else:
        ids = sorted(set(opd_ids))
        opds = list(PerangkatDaerah.objects.filter(pk__in=ids).order_by("nama"))
        scope = {"opd_id__in": ids}
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
    lines = _anggaran(scope, tahun, {i.pk: i for i in indikator})
    akip = _per_opd(EvaluasiAKIP.objects.filter(**scope, tahun=tahun))
    ikm = {h.opd_id: h for h in HasilIKM.objects.filter(**scope, tahun=tahun)}
    sdm = _per_opd(SdmKomposisi.objects.filter(**scope, tahun=tahun))
    tercetak = _per_opd(AngkaTercetak.objects.filter(**scope, tahun=tahun))
    narasi: dict[int, dict[str, str]] = defaultdict(dict)
    for opd_id, bagian, isi in NarasiLaporan.objects.filter(**scope, tahun=tahun).values_list(
        "opd_id", "bagian", "teks"
    ):
        if isi.strip():
            narasi[opd_id][bagian] = isi
    by_opd = _per_opd(indikator)
    return [
        Konteks(
            o,
            tahun,
            lines.get(o.pk, []),
            by_opd.get(o.pk, []),
            akip.get(o.pk, []),
            ikm.get(o.pk),
            sdm.get(o.pk, []),
            tercetak.get(o.pk, []),
            narasi.get(o.pk, {}),
        )
        for o in opds
    ]


def _anggaran(
    scope: dict, tahun: int, indikator: dict[int, Indikator]
) -> dict[int, list[Anggaran]]:
    """A year's budget lines of the agencies in scope, each with its nomenclature and linked
    indicators.

    What `select_related`/`prefetch_related` would do, without one nomenclature object and one
    related manager per line (a city has tens of thousands of lines, but few codes and few links).
    """
    lines = list(
        Anggaran.objects.filter(**scope, tahun=tahun).order_by("opd_id", "nomenklatur__kode")
    )
    codes = {
        n.pk: n for n in Nomenklatur.objects.filter(pk__in={line.nomenklatur_id for line in lines})
    }
    through = Anggaran.indikator.through.objects.filter(
        **{f"anggaran__{key}": value for key, value in scope.items()}, anggaran__tahun=tahun
    ).values_list("anggaran_id", "indikator_id")
    pairs = list(through)
    # A line linked to an indicator outside the scope (another agency's) still shows it.
    missing = {ind_id for _, ind_id in pairs if ind_id not in indikator}
    if missing:
        indikator = indikator | {i.pk: i for i in Indikator.objects.filter(pk__in=missing)}
    links: dict[int, list[Indikator]] = defaultdict(list)
    for anggaran_id, indikator_id in pairs:
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
