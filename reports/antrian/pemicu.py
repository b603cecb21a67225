"""When an agency-year's data changes, its LKIP is queued for a render once the change commits.

Saves and deletes through the ORM of the models the report reads are noted by signal receivers;
bulk writes (the workbook import) note their rows themselves (`catat_banyak`). The notes of one
transaction are gathered and, on commit, turned into at most one queued render per agency-year
(`render.minta`, itself coalesced with a render already waiting): a burst of edits or an import of
10.000 rows queues one. A change with no year (an indicator, a Renstra, the agency's own row)
queues the years the agency's LKIP covers that were rendered before or have a report row.

Nothing here decides what is served: a download compares the file's data version with the
current one (`render.keadaan`), so a write no receiver sees (raw SQL, `QuerySet.update()`) is
never served stale; it is rendered when first asked for.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Model
from django.db.models.signals import post_delete, post_save
from django.tasks.signals import task_finished

from budget.models import Anggaran, CapaianOutput
from indicators.models import EvaluasiAKIP, HasilIKM, Indikator
from lkip.models import KategoriPPKS, KebutuhanPersonil, KejadianBencana, SdmKomposisi
from reports.antrian import render
from reports.models import LaporanTahunan, NarasiLaporan, RenderLaporan
from targets.models import Realisasi, Renstra, Sasaran, Target, Tujuan

#: The models the LKIP reads, and how a row finds its agency.
LEWAT_OPD = (
    Anggaran,
    CapaianOutput,
    EvaluasiAKIP,
    HasilIKM,
    Indikator,
    Renstra,
    NarasiLaporan,
    LaporanTahunan,
    SdmKomposisi,
    KebutuhanPersonil,
    KategoriPPKS,
    KejadianBencana,
)
LEWAT_INDIKATOR = (Target, Realisasi)
LEWAT_RENSTRA = (Tujuan, Sasaran)

_catatan = threading.local()


def _kumpulan() -> dict[str, set]:
    """This transaction's notes; the first note registers the send on its commit (a rolled-back
    transaction drops that callback, and its notes start again with the next transaction)."""
    conn = transaction.get_connection()
    found = getattr(_catatan, "kumpulan", None)
    pending = any(func is _kirim for _sids, func, _robust in conn.run_on_commit)
    if found is None or (conn.in_atomic_block and not pending):
        found = _catatan.kumpulan = {"opd": set(), "indikator": set(), "renstra": set()}
        if conn.in_atomic_block:
            transaction.on_commit(_kirim, robust=True)
    return found


def catat(obj: Model) -> None:
    """Note a changed row; its agency-year is queued for a render when the transaction commits."""
    tahun = getattr(obj, "tahun", None)
    tahun = tahun if isinstance(tahun, int) else None
    if isinstance(obj, LEWAT_INDIKATOR):
        _kumpulan()["indikator"].add((obj.indikator_id, tahun))
    elif isinstance(obj, LEWAT_RENSTRA):
        _kumpulan()["renstra"].add((obj.renstra_id, tahun))
    elif getattr(obj, "opd_id", None) is not None:
        _kumpulan()["opd"].add((obj.opd_id, tahun))
    else:
        return
    if not transaction.get_connection().in_atomic_block:  # autocommit: committed already
        _kirim()


def catat_banyak(objs: Iterable[Model]) -> None:
    """Note the rows a bulk write changed (they send no signal)."""
    for obj in objs:
        catat(obj)


def _penerima(sender, instance: Model, **_kwargs) -> None:
    if not getattr(instance, "_lkip_tanpa_render", False):
        catat(instance)


def _kirim() -> None:
    """On commit: the noted rows' agency-years, each queued once."""
    kumpulan = _catatan.__dict__.pop("kumpulan", None)
    if not kumpulan:
        return
    pairs = set(kumpulan["opd"])
    if kumpulan["indikator"]:
        ids = {i for i, _ in kumpulan["indikator"]}
        opd = dict(Indikator.objects.filter(pk__in=ids).values_list("pk", "opd_id"))
        pairs |= {(opd[i], t) for i, t in kumpulan["indikator"] if i in opd}
    if kumpulan["renstra"]:
        ids = {i for i, _ in kumpulan["renstra"]}
        opd = dict(Renstra.objects.filter(pk__in=ids).values_list("pk", "opd_id"))
        pairs |= {(opd[i], t) for i, t in kumpulan["renstra"] if i in opd}
    for opd_id, tahun in sorted(_tahun_laporan(pairs)):
        render.minta(opd_id, tahun)


def _tahun_laporan(pairs: set[tuple[int, int | None]]) -> set[tuple[int, int]]:
    """The agency-years to render: the years given, within the agency's Renstra periods; for a
    change without a year, the years rendered before or with a report row."""
    agencies = {o for o, _ in pairs}
    periods: dict[int, list[tuple[int, int]]] = {}
    for opd_id, awal, akhir in Renstra.objects.filter(opd_id__in=agencies).values_list(
        "opd_id", "tahun_awal", "tahun_akhir"
    ):
        periods.setdefault(opd_id, []).append((awal, akhir))
    known: dict[int, set[int]] = {}
    if any(t is None for _, t in pairs):
        for model in (RenderLaporan, LaporanTahunan):
            for opd_id, tahun in model.objects.filter(opd_id__in=agencies).values_list(
                "opd_id", "tahun"
            ):
                known.setdefault(opd_id, set()).add(tahun)
    out = set()
    for opd_id, tahun in pairs:
        for year in [tahun] if tahun is not None else known.get(opd_id, ()):
            if any(awal <= year <= akhir for awal, akhir in periods.get(opd_id, ())):
                out.add((opd_id, year))
    return out


for _model in (*LEWAT_OPD, *LEWAT_INDIKATOR, *LEWAT_RENSTRA):
    post_save.connect(_penerima, sender=_model, dispatch_uid=f"lkip-render-simpan-{_model}")
    # A delete receiver on an unaudited table (staff, needs, PPKS, disasters) would take Django's
    # fast delete away from it (every row fetched to be signalled). No data screen deletes their
    # rows; the workbook import tells its changes itself, and the data version (sidik_opd) sees any
    # other delete: that render starts at the next download instead of ahead.
    if hasattr(_model, "history"):
        post_delete.connect(_penerima, sender=_model, dispatch_uid=f"lkip-render-hapus-{_model}")


def _sapu(**_kwargs) -> None:
    """After every task the worker runs: the work of workers that died is queued again."""
    from reports.antrian import tandatangan

    render.pulihkan_sewa_habis()
    tandatangan.pulihkan_sewa_habis()


task_finished.connect(_sapu, dispatch_uid="lkip-antrian-sapu")
