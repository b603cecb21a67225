"""What the dashboards read: a fixed number of queries per screen, cached on the data version.

Every number is computed by `lkip.formulas` (capaian through `targets.capaian.hitung`); the
dataclasses of `reports.dashboard.struktur` hold values and display text, so templates only print.
Each public function takes the data version (`versi.versi_data()`, one query per request) and serves
from the cache when the data has not changed since the last computation; the pemda summary takes
the pemda's fingerprints instead (`sidik.sidik_pemda`) and keeps its rows agency by agency.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.db.models import Count, Prefetch, Sum
from django.db.models.functions import Substr
from django.utils import timezone

from budget.models import Anggaran, Nomenklatur, TingkatAnggaran
from indicators.models import Indikator, JenisNilai, Tingkat
from lkip import formulas
from lkip.models import Pemda, PerangkatDaerah
from reports import health
from reports.dashboard.sidik import SidikPemda, sidik_pemda
from reports.dashboard.struktur import (
    BELUM_ADA_DATA,
    TAHUN_MAKS,
    TAHUN_MIN,
    BarisOpd,
    MetaPemda,
    RingkasanPemda,
)
from reports.dashboard.struktur_opd import (
    AnggaranTahun,
    BarisIku,
    BarisProgram,
    DasborOpd,
    Keadaan,
    LangkahStatus,
    SelTriwulan,
    TitikTahun,
    TrenIndikator,
    TrenProgram,
)
from reports.dashboard.versi import dari_cache, dari_cache_per_butir
from reports.laporan.teks import nilai_teks
from reports.models import LaporanTahunan, RiwayatStatus, StatusLaporan
from targets.capaian import CapaianTahunan, hitung, indikator_dengan_data
from targets.models import JenisTarget, Realisasi, Renstra, Target


def meta_pemda(pemda_id: int, versi: str) -> MetaPemda | None:
    """The pemda's name, years and realised years per agency, kept while its data stays the same;
    the years of each agency are kept under its fingerprint, like the rows of the summary."""
    sidik = sidik_pemda(pemda_id, versi)
    return dari_cache(f"meta:{pemda_id}", sidik.semua, lambda: _meta_pemda(sidik))


def _meta_pemda(sidik: SidikPemda) -> MetaPemda | None:
    pemda = Pemda.objects.filter(pk=sidik.pemda_id).first()
    if pemda is None:
        return None
    keys = {pk: f"{pk}:{fp}" for pk, fp in sidik.opd.items()}
    per_opd = dari_cache_per_butir(f"tahun:{sidik.pemda_id}", keys, _tahun_per_opd)
    years: set[int] = set()
    for renstra, _ in per_opd.values():
        years |= renstra
    return MetaPemda(
        pemda.pk,
        pemda.nama,
        tuple(sorted(years)),
        {pk: realised for pk, (_, realised) in per_opd.items() if realised},
    )


def _tahun_per_opd(opd_ids: list[int]) -> dict[int, tuple[frozenset[int], tuple[int, ...]]]:
    """Per agency: its Renstra years (within the dashboards' range) and the years it has
    realisations for (2 queries)."""
    years: dict[int, set[int]] = defaultdict(set)
    for opd_id, awal, akhir in Renstra.objects.filter(opd_id__in=opd_ids).values_list(
        "opd_id", "tahun_awal", "tahun_akhir"
    ):
        years[opd_id].update(range(max(awal, TAHUN_MIN), min(akhir, TAHUN_MAKS) + 1))
    realised = defaultdict(set)
    rows = (
        Realisasi.objects.filter(indikator__opd_id__in=opd_ids)
        .values_list("indikator__opd_id", "tahun")
        .distinct()
    )
    for opd_id, tahun in rows:
        realised[opd_id].add(tahun)
    return {pk: (frozenset(years[pk]), tuple(sorted(realised[pk]))) for pk in opd_ids}


def ringkasan_pemda(pemda_id: int, tahun: int, versi: str) -> RingkasanPemda:
    """Every agency's row, each cached under its agency's fingerprint (`sidik.sidik_pemda`): after
    a change only the agencies whose data changed are computed again (`_baris_opd`), the others come
    from the cache (one entry per pemda and year); a change in another pemda computes nothing."""
    sidik = sidik_pemda(pemda_id, versi)
    return dari_cache(
        f"pemda:{pemda_id}:{tahun}", sidik.semua, lambda: _ringkasan_pemda(sidik, tahun)
    )


def _ringkasan_pemda(sidik: SidikPemda, tahun: int) -> RingkasanPemda:
    keys = {pk: f"{pk}:{fp}:{sidik.bersama}" for pk, fp in sidik.opd.items()}
    found = dari_cache_per_butir(
        f"baris:{sidik.pemda_id}:{tahun}", keys, lambda missing: _baris_opd(missing, tahun)
    )
    # In the order of the agencies' names; an agency deleted meanwhile has no row.
    rows = {pk: found[pk] for pk in sidik.opd if pk in found}
    return RingkasanPemda(sidik.pemda_id, tahun, rows)


def _baris_opd(opd_ids: list[int], tahun: int) -> dict[int, BarisOpd]:
    """The rows of these agencies: 12 queries (bulk health load + LKIP status) whatever their
    number."""
    laporan = {
        lt.opd_id: lt for lt in LaporanTahunan.objects.filter(opd_id__in=opd_ids, tahun=tahun)
    }
    rows: dict[int, BarisOpd] = {}
    for ctx in health.muat_konteks(tahun, opd_ids=opd_ids):
        iku = [c for c in ctx.capaian.values() if c.indikator.tingkat == Tingkat.IKU]
        terukur = [c for c in iku if c.capaian is not None]
        pagu, realisasi = ctx.total("pagu"), ctx.total("realisasi")
        tercapai = formulas.jumlah_mencapai_target(c.capaian for c in terukur)
        findings = health.periksa_konteks(ctx)
        lt = laporan.get(ctx.opd.pk)
        rows[ctx.opd.pk] = BarisOpd(
            opd_id=ctx.opd.pk,
            kode=ctx.opd.kode,
            nama=ctx.opd.nama,
            jumlah_iku=len(iku),
            iku_terukur=len(terukur),
            iku_tercapai=tercapai,
            rata_capaian=formulas.rata_rata_capaian(c.capaian_dibatasi for c in terukur),
            persen_tercapai=formulas.persen(tercapai, len(terukur)),
            pagu=pagu,
            realisasi=realisasi,
            serapan=formulas.serapan(pagu, realisasi),
            status=lt.status if lt else StatusLaporan.DRAF,
            status_sejak=lt.status_sejak if lt else None,
            galat=sum(1 for t in findings if t.tingkat == health.ERROR),
            peringatan=sum(1 for t in findings if t.tingkat != health.ERROR),
        )
    return rows


def dasbor_opd(
    opd: PerangkatDaerah, tahun: int, versi: str, hari_ini: date | None = None
) -> DasborOpd:
    hari_ini = hari_ini or timezone.localdate()
    # The day matters only through the quarters that are over, so it is part of the key.
    tw_selesai = _triwulan_selesai(tahun, hari_ini)
    return dari_cache(
        f"opd:{opd.pk}:{tahun}:{tw_selesai}", versi, lambda: _dasbor_opd(opd, tahun, tw_selesai)
    )


def _triwulan_selesai(tahun: int, hari_ini: date) -> int:
    """How many quarters of the year are over (0–4)."""
    if tahun < hari_ini.year:
        return 4
    if tahun > hari_ini.year:
        return 0
    return (hari_ini.month - 1) // 3


def _dasbor_opd(opd: PerangkatDaerah, tahun: int, tw_selesai: int) -> DasborOpd:
    """About twenty queries, none per indicator or budget line."""
    laporan = LaporanTahunan.objects.filter(opd=opd, tahun=tahun).first()
    varian = formulas.VarianEfisiensi(
        laporan.varian_efisiensi if laporan else formulas.VarianEfisiensi.V1
    )
    links = _anggaran_tertaut(opd, tahun)
    iku = [
        _baris_iku(
            ind,
            hitung(ind, tahun, ind.targets, ind.realisasi_list),
            links.get(ind.pk, []),
            varian,
            tw_selesai,
        )
        for ind in indikator_dengan_data(opd, [tahun])
        .filter(tingkat=Tingkat.IKU)
        .order_by("urutan", "kode")
    ]
    program, total = _program(opd, tahun)
    renstra = _periode_renstra(
        Renstra.objects.filter(opd=opd).values_list("tahun_awal", "tahun_akhir"), tahun
    )
    riwayat = (
        RiwayatStatus.objects.filter(laporan__opd=opd, laporan__tahun=tahun)
        .select_related("oleh")
        .order_by("waktu", "id")
    )
    return DasborOpd(
        opd_id=opd.pk,
        kode=opd.kode,
        nama=opd.nama,
        tahun=tahun,
        renstra=renstra,
        iku=tuple(iku),
        program=tuple(program),
        total=total,
        temuan=tuple(health.periksa(opd, tahun)),
        status=laporan.status if laporan else StatusLaporan.DRAF,
        status_sejak=laporan.status_sejak if laporan else None,
        tanggal_laporan=laporan.tanggal if laporan else None,
        riwayat=tuple(
            LangkahStatus(
                StatusLaporan(r.dari).label,
                StatusLaporan(r.ke).label,
                r.get_aksi_display(),
                r.oleh.get_full_name() or r.oleh.username,
                r.waktu,
                r.alasan,
            )
            for r in riwayat
        ),
        varian_efisiensi=varian.value,
        rumus_efisiensi=formulas.RUMUS_EFISIENSI[varian],
    )


def _anggaran_tertaut(
    opd: PerangkatDaerah, tahun: int
) -> dict[int, list[tuple[str, Decimal | None, Decimal]]]:
    """Budget lines linked to each IKU of the year: (code, pagu in force, realisasi), one query."""
    through = Anggaran.indikator.through.objects.filter(
        anggaran__opd=opd,
        anggaran__tahun=tahun,
        indikator__tingkat=Tingkat.IKU,
    ).values_list(
        "indikator_id",
        "anggaran__nomenklatur__kode",
        "anggaran__pagu_murni",
        "anggaran__pagu_perubahan",
        "anggaran__realisasi",
    )
    out: dict[int, list] = defaultdict(list)
    for ind_id, kode, murni, perubahan, realisasi in through:
        out[ind_id].append((kode, formulas.pagu_berlaku(murni, perubahan), realisasi))
    return out


def _baris_iku(
    ind: Indikator, c: CapaianTahunan, linked: list, varian, tw_selesai: int
) -> BarisIku:
    codes = {kode for kode, _, _ in linked}
    # A linked line counts once even when an ancestor is linked too (as in the report's Bab III).
    top = [
        (kode, pagu, real)
        for kode, pagu, real in linked
        if not any(kode.startswith(other + ".") for other in codes - {kode})
    ]
    pagu = formulas.jumlah_lengkap(p for _, p, _ in top)
    realisasi = formulas.jumlah_lengkap(r for _, _, r in top)
    serapan = formulas.serapan(pagu, realisasi)
    return BarisIku(
        kode=ind.kode,
        uraian=ind.uraian,
        satuan=ind.satuan,
        sasaran=ind.sasaran.uraian if ind.sasaran else "",
        polaritas=ind.get_polaritas_display(),
        target_teks=nilai_teks(ind, c.target, c.target_predikat),
        realisasi_teks=nilai_teks(ind, c.realisasi, c.realisasi_predikat),
        triwulan=_triwulan(ind, c, tw_selesai),
        capaian=c.capaian,
        capaian_dibatasi=c.capaian_dibatasi,
        cap_persen=ind.cap_persen,
        pagu=pagu,
        realisasi_anggaran=realisasi,
        serapan=serapan,
        efisiensi=formulas.efisiensi(c.capaian, serapan, varian),
        kualifikasi=formulas.kualifikasi_efisiensi(c.capaian, serapan),
        ada_anggaran=bool(top),
        ada_data=any(
            v not in (None, "")
            for v in (c.target, c.target_predikat, c.realisasi, c.realisasi_predikat)
        ),
    )


def _triwulan(ind: Indikator, c: CapaianTahunan, tw_selesai: int) -> tuple[SelTriwulan, ...]:
    cells = []
    for q, (target, nilai) in enumerate(
        zip(c.target_triwulan, c.realisasi_triwulan, strict=True), start=1
    ):
        target_teks = nilai_teks(ind, target) if target is not None else "—"
        if nilai is not None:
            cells.append(SelTriwulan(nilai_teks(ind, nilai), Keadaan.TERISI, target_teks))
        elif target is None or c.realisasi_tahunan_tercatat:
            cells.append(SelTriwulan("—", Keadaan.TIDAK_DIUKUR, target_teks))
        elif q <= tw_selesai:
            cells.append(SelTriwulan("", Keadaan.BELUM_DIISI, target_teks))
        else:
            cells.append(SelTriwulan("", Keadaan.BELUM_BERAKHIR, target_teks))
    return tuple(cells)


def _program(opd: PerangkatDaerah, tahun: int) -> tuple[list[BarisProgram], BarisProgram | None]:
    """Pagu, realisasi and cumulative quarterly serapan per program: two queries, sums in SQL."""
    lines = list(
        Anggaran.objects.filter(opd=opd, tahun=tahun, nomenklatur__tingkat=TingkatAnggaran.PROGRAM)
        .select_related("nomenklatur")
        .order_by("nomenklatur__kode")
    )
    if not lines:
        return [], None
    # Quarterly realisations summed per program and level (program codes are the first 7
    # characters).
    quarters = (
        Anggaran.objects.filter(opd=opd, tahun=tahun)
        .annotate(program=Substr("nomenklatur__kode", 1, 7))
        .values("program", "nomenklatur__tingkat")
        .annotate(
            **{f"tw{q}": Sum(f"realisasi_tw{q}") for q in range(1, 5)},
            **{f"n{q}": Count(f"realisasi_tw{q}") for q in range(1, 5)},
        )
        .order_by()
    )
    by_program: dict[str, dict[str, dict]] = defaultdict(dict)
    for row in quarters:
        by_program[row["program"]][row["nomenklatur__tingkat"]] = row
    rows, spent = [], []
    for line in lines:
        cumulative = _kumulatif(by_program.get(line.kode, {}))
        spent.append(cumulative)
        rows.append(
            BarisProgram(
                line.kode,
                line.nomenklatur.nama,
                line.pagu,
                line.realisasi,
                line.serapan,
                tuple(formulas.serapan(line.pagu, r) for r in cumulative),
            )
        )
    pagu = formulas.jumlah_lengkap(line.pagu for line in lines)
    realisasi = formulas.jumlah_lengkap(line.realisasi for line in lines)
    per_tw = tuple(
        formulas.serapan(pagu, formulas.jumlah_lengkap(c[q] for c in spent)) for q in range(4)
    )
    return rows, BarisProgram(
        "", "Jumlah", pagu, realisasi, formulas.serapan(pagu, realisasi), per_tw
    )


def _kumulatif(levels: dict[str, dict]) -> list[Decimal | None]:
    """Realisation up to each quarter, at the coarsest level of the program that records
    quarters."""
    source = next(
        (
            levels[t]
            for t in TingkatAnggaran
            if t in levels and any(levels[t][f"n{q}"] for q in range(1, 5))
        ),
        None,
    )
    if source is None:
        return [None] * 4
    return formulas.realisasi_kumulatif(
        source[f"tw{q}"] if source[f"n{q}"] else None for q in range(1, 5)
    )


def _periode_renstra(periods: Iterable[tuple[int, int]], tahun: int) -> tuple[int, int] | None:
    return next(((awal, akhir) for awal, akhir in sorted(periods) if awal <= tahun <= akhir), None)


def tren_indikator(ind: Indikator, tahun: int) -> TrenIndikator:
    """An indicator over the years: its Renstra period, the years before, against the Renstra
    targets."""
    periods = Renstra.objects.filter(opd_id=ind.opd_id).values_list("tahun_awal", "tahun_akhir")
    return _tren(
        ind,
        tahun,
        list(Target.objects.filter(indikator=ind)),
        list(Realisasi.objects.filter(indikator=ind)),
        _periode_renstra(periods, tahun),
    )


def _tren(
    ind: Indikator,
    tahun: int,
    targets: list[Target],
    realisasi: list[Realisasi],
    renstra: tuple[int, int] | None,
) -> TrenIndikator:
    years = {t.tahun for t in targets} | {r.tahun for r in realisasi} | {tahun}
    if renstra:
        # The Renstra period and the years before it, never those after it.
        years = {y for y in years | set(range(renstra[0], renstra[1] + 1)) if y <= renstra[1]}
    renstra_target = {t.tahun: t for t in targets if t.jenis == JenisTarget.RENSTRA}
    points, previous = [], None
    for y in sorted(years):
        c = hitung(ind, y, targets, realisasi)
        rt = renstra_target.get(y)
        rt_value, rt_pred = (rt.nilai, rt.predikat) if rt else (None, "")
        points.append(
            TitikTahun(
                tahun=y,
                dalam_renstra=bool(renstra and renstra[0] <= y <= renstra[1]),
                target_renstra_teks=nilai_teks(ind, rt_value, rt_pred) if rt else "—",
                target_teks=nilai_teks(ind, c.target, c.target_predikat),
                realisasi_teks=nilai_teks(ind, c.realisasi, c.realisasi_predikat),
                realisasi=c.realisasi,
                target_renstra=rt_value,
                capaian=c.capaian,
                capaian_renstra=ind.capaian(rt_value, c.realisasi, rt_pred, c.realisasi_predikat)
                if rt
                else None,
                tren=formulas.tren(previous.realisasi, c.realisasi) if previous else None,
            )
        )
        previous = c
    final = renstra_target.get(renstra[1]) if renstra else None
    return TrenIndikator(
        kode=ind.kode,
        uraian=ind.uraian,
        satuan=ind.satuan,
        tingkat=ind.get_tingkat_display(),
        polaritas=ind.get_polaritas_display(),
        persen=ind.jenis_nilai == JenisNilai.PERSEN or ind.satuan.strip() == "%",
        renstra=renstra,
        titik=tuple(points),
        target_akhir_teks=nilai_teks(ind, final.nilai, final.predikat) if final else BELUM_ADA_DATA,
    )


def tren_program(opd: PerangkatDaerah, program: Nomenklatur, tahun: int) -> TrenProgram:
    """A program over the years: its budget line each year and its program indicators (5
    queries)."""
    lines = Anggaran.objects.filter(opd=opd, nomenklatur=program).order_by("tahun")
    budget = tuple(AnggaranTahun(a.tahun, a.pagu, a.realisasi, a.serapan) for a in lines)
    indicators = (
        Indikator.objects.filter(opd=opd, nomenklatur=program)
        .order_by("urutan", "kode")
        .prefetch_related(
            Prefetch("target_set", to_attr="targets"),
            Prefetch("realisasi_set", to_attr="realisasi_list"),
        )
    )
    renstra = _periode_renstra(
        Renstra.objects.filter(opd=opd).values_list("tahun_awal", "tahun_akhir"), tahun
    )
    return TrenProgram(
        program.kode,
        program.nama,
        budget,
        tuple(_tren(i, tahun, i.targets, i.realisasi_list, renstra) for i in indicators),
    )
