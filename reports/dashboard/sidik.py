"""Fingerprints of one pemda's data, agency by agency: what the pemda dashboard is cached on.

The global data version (`versi.versi_data`) moves with any write anywhere; at province scale (30
pemda, 1.200 agencies) it hardly stands still. The pemda dashboard is instead keyed on
`sidik_pemda`: one fingerprint per agency of the pemda, and one for the data all of them share
(the nomenclature, the pemda itself). A change in one agency changes that agency's fingerprint
only, so its row of the pemda summary is recomputed and the other rows come from the cache; a change
in another pemda changes nothing here.

An agency's fingerprint sees every write the global version sees for that agency, through the same
kind of markers, read for that agency alone:

- audited tables (a save, a delete or a many-to-many change through the ORM, and the workbook
  import, which writes history rows with its bulk writes): the number of history rows and the
  newest one (a save committed after a later one still adds a row);
- tables written in bulk without history (the synthetic city, the survey's responses, the status
  history, printed figures, staff tables): the number of rows and the newest id, and the staff
  total (a count edited in place);
- the LKIP rows (status, time of status, date, efficiency variant) and the agency's own row (name,
  code, head), compared by value: even an update that bypasses the model shows there.

The nomenclature (read by every row) and the pemda's row are shared. Who may see what is not part
of it: the access decision and the visible set stay keyed on the global version and the user's
scope (`versi.akses`, `versi.lingkup`).

Three statements whatever the number of agencies: the shared part, the LKIP rows of the pemda, and
one row per agency whose columns are sub-selects on that agency alone (an index lookup each; cost
at 1.200 agencies in bench/dashboard.py). Like the global version it does not see a
`QuerySet.update()` of an audited table that bypasses its history; the cache entries expire after
`versi.CACHE_DETIK` seconds for that. Nor does an agency's row see an indicator of another agency
that one of its budget lines is linked to (a link across agencies is possible but rare).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from functools import cache as memo

from django.db import connection
from django.db.models import Model

from budget.models import Anggaran, CapaianOutput, Nomenklatur
from indicators.models import EvaluasiAKIP, HasilIKM, Indikator
from lkip.models import (
    KategoriPPKS,
    KebutuhanPersonil,
    KejadianBencana,
    Pemda,
    Penugasan,
    PerangkatDaerah,
    SdmKomposisi,
)
from reports.dashboard.sasaran import sumber_sasaran
from reports.dashboard.versi import dari_cache
from reports.models import (
    AngkaTercetak,
    LaporanTahunan,
    NarasiLaporan,
    RiwayatStatus,
)
from skm.models import (
    PengaturanSurvei,
    Pengecualian,
    PeriodeSurvei,
    Responden,
    UnitLayanan,
    Unsur,
)
from targets.models import PeriodeTertutup, Realisasi, Renstra, Sasaran, Target, Tujuan


@dataclass(frozen=True)
class SidikPemda:
    """The fingerprints of a pemda's data: per agency, shared, and of the whole."""

    pemda_id: int
    opd: dict[int, str]  # agency id → fingerprint, in the order of the agencies' names
    bersama: str  # nomenclature (every agency's rows read it)
    semua: str  # the whole pemda: its row, `bersama` and every agency's fingerprint


def _table(model: type[Model]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _col(name: str) -> str:
    return connection.ops.quote_name(name)


def _history(model: type[Model]) -> str:
    return _table(model.history.model)


@memo
def _sql(vendor: str, per: str = "pemda_id") -> str:
    """The statement: one row per agency of the pemda (its id, its own columns, then one column
    per marker), each marker a sub-select on that agency alone (an index lookup). With
    `per="id"` the one agency whose id is given."""
    q = _col
    o = f"o.{q('id')}"
    markers: list[str] = []

    def marker(table: str, column: str, where: str, join: str = "", extra: str = "") -> str:
        """'rows:newest' over the agency's rows. Counting in the same select keeps PostgreSQL from
        answering MAX by walking the whole table's key backwards until it meets this agency (its
        plan for a lone MAX): the agency's rows are found through its index, whatever the size of
        the table; and a row committed after a newer one still changes the count."""
        text = ["CAST(COUNT(*) AS TEXT)", f"COALESCE(CAST(MAX(t.{q(column)}) AS TEXT), '')"]
        if extra:
            text.append(f"COALESCE(CAST({extra} AS TEXT), '')")
        return f"(SELECT {" || ':' || ".join(text)} FROM {table} t {join} WHERE {where})"

    def via(parent: type[Model], column: str) -> tuple[str, str]:
        """The agency of a row known through its parent (an indicator, a Renstra, a report...)."""
        return (
            f"JOIN {_table(parent)} j ON j.{q('id')} = t.{q(column)}",
            f"j.{q('opd_id')} = {o}",
        )

    own = f"t.{q('opd_id')} = {o}"
    # Audited tables: their history rows (saves, deletes, m2m changes, the workbook import).
    for model in (
        Indikator,
        Renstra,
        EvaluasiAKIP,
        HasilIKM,
        Anggaran,
        CapaianOutput,
        Penugasan,
        PeriodeTertutup,
        NarasiLaporan,
        UnitLayanan,
        PeriodeSurvei,
        PengaturanSurvei,
        Unsur,
    ):
        markers.append(marker(_history(model), "history_id", own))
    for model, parent, column in (
        (Target, Indikator, "indikator_id"),
        (Realisasi, Indikator, "indikator_id"),
        (Tujuan, Renstra, "renstra_id"),
        (Sasaran, Renstra, "renstra_id"),
        (Pengecualian, Responden, "responden_id"),
    ):
        join, where = via(parent, column)
        markers.append(marker(_history(model), "history_id", where, join))
    # Rows written in bulk without history, and unaudited tables: number of rows and newest id.
    for model in (
        Indikator,
        Anggaran,
        Responden,
        AngkaTercetak,
        KebutuhanPersonil,
        KategoriPPKS,
        KejadianBencana,
    ):
        markers.append(marker(_table(model), "id", own))
    for model, parent, column in (
        (Target, Indikator, "indikator_id"),
        (Realisasi, Indikator, "indikator_id"),
        (RiwayatStatus, LaporanTahunan, "laporan_id"),
    ):
        join, where = via(parent, column)
        markers.append(marker(_table(model), "id", where, join))
    # The staff composition, with its total (a count edited in place).
    markers.append(marker(_table(SdmKomposisi), "id", own, extra=f"SUM(t.{q('jumlah')})"))
    columns = ", ".join(f"o.{q(f)}" for f in _KOLOM_OPD)
    return (
        f"SELECT {o}, {columns}, {', '.join(markers)} FROM {_table(PerangkatDaerah)} o "
        f"WHERE o.{q(per)} = %s"
    )


@memo
def _sql_bersama(vendor: str) -> str:
    """What every agency's rows share (the nomenclature) and the pemda's own row."""
    q = _col
    pemda = ", ".join(
        f"p.{q(f)}" for f in ("nama", "kepala_daerah_nama", "kepala_daerah_jabatan", "lambang")
    )
    # The RPJMD sasaran and their links (rpjmd), read by the dashboard's "Sasaran pemda" filter
    # only: in the whole pemda's fingerprint, not in the agencies' rows. Any pemda's edits move
    # them (the history tables carry no pemda column); that only renders this body again.
    sumber = sumber_sasaran()
    rpjmd = "".join(
        f", (SELECT COUNT(*) FROM {_history(m)}), (SELECT MAX({q('history_date')}) "
        f"FROM {_history(m)})"
        for m in (sumber.model if sumber else ())
    )
    return (
        f"SELECT (SELECT MAX({q('history_date')}) FROM {_history(Nomenklatur)}), "
        f"(SELECT MAX({q('id')}) FROM {_table(Nomenklatur)}), "
        f"(SELECT COUNT(*) FROM {_table(Nomenklatur)}), {pemda}{rpjmd} "
        f"FROM {_table(Pemda)} p WHERE p.{q('id')} = %s"
    )


# The LKIP rows, compared by value (a few per agency).
_KOLOM_LAPORAN = ("opd_id", "tahun", "id", "status", "status_sejak", "tanggal", "varian_efisiensi")


@memo
def _sql_laporan(vendor: str, per: str = "pemda_id") -> str:
    q = _col
    return (
        f"SELECT {', '.join(f't.{q(f)}' for f in _KOLOM_LAPORAN)} FROM {_table(LaporanTahunan)} t "
        f"JOIN {_table(PerangkatDaerah)} o ON o.{q('id')} = t.{q('opd_id')} "
        f"WHERE o.{q(per)} = %s"
    )


# The agency's own columns the dashboards show or check (name first: it orders the rows).
_KOLOM_OPD = (
    "nama",
    "kode",
    "kode_skpd",
    "kota_ttd",
    "kepala_nama",
    "kepala_nip",
    "kepala_pangkat",
    "kepala_jabatan",
)


def _hash(value: object) -> str:
    return hashlib.blake2b(repr(value).encode(), digest_size=8).hexdigest()


def hitung_sidik(pemda_id: int) -> SidikPemda:
    """The fingerprints, read now (three queries)."""
    with connection.cursor() as cursor:
        cursor.execute(_sql_bersama(connection.vendor), [pemda_id])
        pemda = cursor.fetchone()
        cursor.execute(_sql(connection.vendor), [pemda_id])
        rows = cursor.fetchall()
        cursor.execute(_sql_laporan(connection.vendor), [pemda_id])
        laporan = defaultdict(list)
        for row in cursor.fetchall():
            laporan[row[0]].append(row[1:])
    rows.sort(key=lambda row: (row[1], row[0]))  # by name, as the agencies are listed
    opd = {row[0]: _hash((row[1:], sorted(laporan[row[0]]))) for row in rows}
    bersama = _hash(pemda[:3] if pemda else None)
    return SidikPemda(pemda_id, opd, bersama, _hash((pemda, bersama, list(opd.items()))))


def sidik_pemda(pemda_id: int, versi: str) -> SidikPemda:
    """The fingerprints at this global data version: read once per version (and pemda), then kept
    in the cache, so a change elsewhere costs each pemda's dashboard one query, not its rows."""
    return dari_cache(f"sidik:{pemda_id}", versi, lambda: hitung_sidik(pemda_id))


def sidik_opd(opd_id: int, pemda_id: int) -> str:
    """One agency's fingerprint, read now (three queries), with what it shares with its pemda
    (the nomenclature, the pemda's row and emblem): what the agency's LKIP is rendered from, the
    version of a rendered document (`reports.antrian`)."""
    with connection.cursor() as cursor:
        cursor.execute(_sql_bersama(connection.vendor), [pemda_id])
        pemda = cursor.fetchone()
        cursor.execute(_sql(connection.vendor, "id"), [opd_id])
        row = cursor.fetchone()
        cursor.execute(_sql_laporan(connection.vendor, "id"), [opd_id])
        laporan = sorted(r[1:] for r in cursor.fetchall())
    return _hash((pemda, row[1:] if row else None, laporan))
