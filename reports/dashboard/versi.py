"""The data version the dashboards' and the report HTML's caches are keyed on, and those caches.

The version is one statement over change markers. Every data model except a few report settings
keeps its audit history (django-simple-history), so the newest ``history_date`` of those tables
moves whenever a row is saved or deleted through the ORM, or a many-to-many link changes.
``MAX(id)`` of the big tables catches rows written in bulk without history (the synthetic city),
and the unaudited tables the dashboards read (LKIP status and its steps, printed figures, staff
composition) add their newest id, count and status time. The same statement covers who may see
what (assignments, users' groups and permissions), so an access decision can be kept for as long
as the version does not move. Each part is an index lookup or a count over a small table; on
PostgreSQL the statement is prepared once per connection.

What this does not see: a ``QuerySet.update()`` that bypasses the history, or an edit of an
unaudited field that leaves id, count and status time unchanged (e.g. the efficiency variant of a
report). For those the cache entries also expire after ``CACHE_DETIK`` seconds.

Any write anywhere moves this version. The pemda dashboard therefore keys its body, its years and
its rows on the pemda's own fingerprints as well (``sidik.py``): when the version moves, one query
tells whether this pemda's data changed and which agencies' rows to compute again.
"""

from __future__ import annotations

import copy
import hashlib
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache as memo
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest
from django.utils import timezone

from budget.models import Anggaran, CapaianOutput, Nomenklatur
from indicators.models import EvaluasiAKIP, HasilIKM, Indikator
from lkip.access import opd_for_user
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
from reports.models import AngkaTercetak, LaporanTahunan, NarasiLaporan, RiwayatStatus
from skm.models import PengaturanSurvei, Pengecualian, PeriodeSurvei, Responden, UnitLayanan
from targets.models import PeriodeTertutup, Realisasi, Renstra, Sasaran, Target, Tujuan

#: Upper bound on the staleness of anything the data version cannot see.
CACHE_DETIK = 300


def _sidik_kode() -> str:
    """A fingerprint of the dashboards' code and templates: a deploy never reads older cache
    entries."""
    from django.conf import settings

    digest = hashlib.blake2b(digest_size=6)
    reports = Path(
        __file__
    ).parent.parent  # the dashboards, and the charts and health checks they draw
    files = [
        *sorted((reports / "dashboard").glob("*.py")),
        *sorted((reports / "charts").glob("*.py")),
        *sorted((reports / "health").glob("*.py")),
    ] + sorted((Path(settings.BASE_DIR) / "templates" / "reports" / "dashboard").glob("*.html"))
    for path in files:
        digest.update(path.read_bytes())
    return digest.hexdigest()


#: Part of every key, so values cached by other code (another deploy) are never read.
SKEMA = _sidik_kode()
SESI_AKSES = "lkip_dasbor_akses"


def _diaudit() -> list:
    """Audited models: a save, a delete or a change of a many-to-many field adds a history row."""
    tracked = [
        PerangkatDaerah,
        Renstra,
        Tujuan,
        Sasaran,
        Target,
        Realisasi,
        Indikator,
        EvaluasiAKIP,
        HasilIKM,
        Nomenklatur,
        Anggaran,
        Penugasan,
        PeriodeTertutup,
        # read by the report only (its HTML is cached on this version too)
        NarasiLaporan,
        CapaianOutput,
        # the survey's line on the dashboards and its table in the report
        UnitLayanan,
        PeriodeSurvei,
        PengaturanSurvei,
        Pengecualian,
    ]
    sumber = sumber_sasaran()  # the RPJMD sasaran and their links (rpjmd), for the filter
    if sumber is not None:
        tracked += list(sumber.model)
    User = get_user_model()
    if hasattr(User, "history"):
        tracked.append(User)  # account flags (superuser) and roles are audited too
    return tracked


@memo
def _bagian(vendor: str) -> tuple[tuple[str, bool], ...]:
    """The statement's sub-selects, each with whether the access decision depends on it (who may
    log in, with which rights, assigned where)."""
    q = connection.ops.quote_name

    def newest(table: str, column: str = "id") -> str:
        return f"(SELECT MAX({q(column)}) FROM {q(table)})"

    def count(table: str) -> str:
        return f"(SELECT COUNT(*) FROM {q(table)})"

    User = get_user_model()
    access = {User, Penugasan}
    parts = [
        (newest(model.history.model._meta.db_table, "history_date"), model in access)
        for model in _diaudit()
    ]
    # MAX(history_date) is the time of the save, not of the commit: a save committed after a later
    # one would not move it. For the users (who may log in, with which rights) the number of rows
    # does.
    if hasattr(User, "history"):
        parts.append((count(User.history.model._meta.db_table), True))
    # Rows written in bulk bypass the history; the big tables of a bulk load show it in their ids.
    parts += [
        (newest(model._meta.db_table), False)
        for model in (Anggaran, Target, Realisasi, Indikator, PerangkatDaerah, Responden)
    ]
    laporan = LaporanTahunan._meta.db_table
    parts += [
        (newest(laporan), False),
        (newest(laporan, "status_sejak"), False),
        (newest(RiwayatStatus._meta.db_table), False),
    ]
    # Unaudited tables the dashboards or the access decision read.
    for table, for_access in (
        (AngkaTercetak._meta.db_table, False),
        (SdmKomposisi._meta.db_table, False),
        (Pemda._meta.db_table, False),
        (KebutuhanPersonil._meta.db_table, False),
        (KategoriPPKS._meta.db_table, False),
        (KejadianBencana._meta.db_table, False),
        (User.groups.through._meta.db_table, True),
        (User.user_permissions.through._meta.db_table, True),
        (Group.permissions.through._meta.db_table, True),
    ):
        parts += [(newest(table), for_access), (count(table), for_access)]
    parts.append((f"(SELECT SUM({q('jumlah')}) FROM {q(SdmKomposisi._meta.db_table)})", False))
    return tuple(parts)


@memo
def _sql(vendor: str) -> str:
    return "SELECT " + ", ".join(part for part, _ in _bagian(vendor))


@memo
def _akses(vendor: str) -> tuple[int, ...]:
    return tuple(i for i, (_, for_access) in enumerate(_bagian(vendor)) if for_access)


def _fetch(sql: str) -> tuple:
    if connection.vendor != "postgresql" or not connection.settings_dict.get("CONN_MAX_AGE"):
        with connection.cursor() as cursor:
            cursor.execute(sql)
            return cursor.fetchone()
    # Django's cursors bind on the client and never prepare, so PostgreSQL would plan the
    # sub-selects on every request. With persistent connections a server-side cursor prepares this
    # one statement once per connection; the huge threshold keeps psycopg from preparing anything
    # not asked to be.
    import psycopg

    connection.ensure_connection()
    raw = connection.connection
    if raw.prepare_threshold is None:
        raw.prepare_threshold = 2**31 - 1
    start = time.monotonic()
    with psycopg.Cursor(raw) as cursor:
        cursor.execute(sql, prepare=True)
        row = cursor.fetchone()
    if connection.queries_logged:  # counted like any other query (assertNumQueries, debug)
        connection.queries_log.append({"sql": sql, "time": f"{time.monotonic() - start:.3f}"})
    return row


#: How long a dashboard request may reuse the version another request of this process read
#: (a write in this process forgets it at once; a write in another process shows within this time).
VERSI_DASBOR_DETIK = 1.0
_TERAKHIR: dict[str, tuple[float, str]] = {}  # database alias → (monotonic time read, version)


_GENERASI = [0]  # bumped whenever the kept version is forgotten (threads: see versi_data)


# data version → its access version (the part of the same row the access decision depends on)
_VERSI_AKSES: OrderedDict[str, str] = OrderedDict()


def versi_data(maks_umur: float = 0.0) -> str:
    """A short fingerprint that changes whenever the data the dashboards read changes (1 query).

    With `maks_umur` a version read by this process at most that many seconds ago is reused.
    """
    now = time.monotonic()
    if maks_umur:
        kept = _TERAKHIR.get(connection.alias)
        if kept and now - kept[0] < maks_umur:
            return kept[1]
    generasi = _GENERASI[0]
    row = _fetch(_sql(connection.vendor))
    versi = hashlib.blake2b(repr(row).encode(), digest_size=8).hexdigest()
    access = repr([row[i] for i in _akses(connection.vendor)])
    with _KUNCI:
        _VERSI_AKSES[versi] = "a" + hashlib.blake2b(access.encode(), digest_size=8).hexdigest()
        while len(_VERSI_AKSES) > 64:
            _VERSI_AKSES.popitem(last=False)
        if (
            generasi == _GENERASI[0]
        ):  # not if another thread forgot the version meanwhile (it may be older)
            _TERAKHIR[connection.alias] = (now, versi)
    return versi


def versi_akses(maks_umur: float = 0.0) -> str:
    """The part of the data version the access decision depends on (users, their groups and
    permissions, assignments): it stays the same while other data changes, so a province whose
    pemda keep saving does not make every request after a save ask the user's permissions and
    rewrite the session."""
    found = _VERSI_AKSES.get(versi_data(maks_umur))
    return found if found is not None else _VERSI_AKSES[versi_data()]


def _lupakan() -> None:
    with _KUNCI:
        _GENERASI[0] += 1
        _TERAKHIR.clear()


def lupakan_versi(**_kwargs) -> None:
    """Any write through the ORM in this process: the next request reads the version afresh."""
    _lupakan()


def lupakan_versi_setelah_tulis(get_response):
    """Middleware: after a request that may have written (anything but GET, HEAD, OPTIONS) this
    process reads the version afresh — bulk writes (the workbook import) send no model signal."""

    def middleware(request):
        response = get_response(request)
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            _lupakan()
        return response

    return middleware


post_save.connect(lupakan_versi, dispatch_uid="lkip-versi-simpan")
m2m_changed.connect(lupakan_versi, dispatch_uid="lkip-versi-m2m")
# Deletes only of the audited models: they have a post_delete receiver (their history) anyway. A
# receiver for every model would take Django's fast delete path away (rows fetched one by one).
for _model in _diaudit():
    post_delete.connect(
        lupakan_versi, sender=_model, dispatch_uid=f"lkip-versi-hapus-{_model._meta.label}"
    )


# A small per-process layer in front of the shared cache: the keys carry the data version, so an
# entry is never stale, and the page bodies of the busiest screens skip one round trip.
_LOKAL: OrderedDict[str, tuple[float, object]] = OrderedDict()
_LOKAL_MAKS = 64
_KUNCI = threading.Lock()


def _ambil(key: str):
    """A cached value, or None; a value that cannot be read (e.g. pickled by older code) is a
    miss."""
    now = time.monotonic()
    with _KUNCI:
        found = _LOKAL.get(key)
        if found is not None and found[0] > now:
            _LOKAL.move_to_end(key)
            return found[1]
    try:
        value = cache.get(key)
    except Exception:  # noqa: BLE001 — a broken cache entry must never break a page
        return None
    if value is not None:
        _lokal(key, value)
    return value


def _simpan(key: str, value) -> None:
    cache.set(key, value, CACHE_DETIK)
    _lokal(key, value)


def _lokal(key: str, value, seconds: float = CACHE_DETIK) -> None:
    with _KUNCI:
        _LOKAL[key] = (time.monotonic() + seconds, value)
        _LOKAL.move_to_end(key)
        while len(_LOKAL) > _LOKAL_MAKS:
            _LOKAL.popitem(last=False)


def kosongkan_lokal() -> None:
    """Forget the per-process layer (tests, whose databases are rolled back under it)."""
    with _KUNCI:
        _LOKAL.clear()
        _PENGGUNA.clear()
    _lupakan()


# The logged-in users, per process: (database, user id, data version) → (time kept, the loaded
# User). The version covers the users' audit history (every save: password, active flag, superuser),
# their groups and permissions and their assignments, so a kept user is one the database had at that
# version. A write the version cannot see (a QuerySet.update(), raw SQL) shows within
# PENGGUNA_DETIK.
_PENGGUNA: OrderedDict[tuple, tuple[float, object]] = OrderedDict()
_PENGGUNA_MAKS = 512
PENGGUNA_DETIK = 5.0


def pengguna_tersimpan[T](
    user_id,
    muat: Callable[[], T | None],
    cocok: Callable[[T], bool] = lambda _u: True,
    salin: Callable[[T], T] = copy.copy,
) -> T | None:
    """The user `muat` loads, kept per process while the data version stays the same (at most
    PENGGUNA_DETIK seconds).

    A kept user that does not match the request (`cocok`: e.g. its password hash is older than the
    session's, changed by another process less than a second ago) is loaded afresh. Each request
    gets its own copy (`salin`). A user that does not exist or may not log in (None) is never kept.
    """
    now = time.monotonic()
    key = (connection.alias, user_id, versi_data(maks_umur=VERSI_DASBOR_DETIK))
    with _KUNCI:
        found = _PENGGUNA.get(key)
        user = found[1] if found is not None and now - found[0] < PENGGUNA_DETIK else None
        if user is not None:
            _PENGGUNA.move_to_end(key)
    if user is None or not cocok(user):
        user = muat()
        if user is None:
            return None
        with _KUNCI:
            _PENGGUNA[key] = (now, user)
            _PENGGUNA.move_to_end(key)
            while len(_PENGGUNA) > _PENGGUNA_MAKS:
                _PENGGUNA.popitem(last=False)
    return salin(user)


def dari_cache[T](kunci: str, versi: str, hitung: Callable[[], T]) -> T:
    """The cached value for this key and data version, computed (and stored) on a miss."""
    key = f"lkip:dasbor:{SKEMA}:{kunci}:{versi}"
    value = _ambil(key)
    if value is None:
        value = hitung()
        _simpan(key, value)
    return value


def dari_cache_per_butir[K, T](
    kumpulan: str, kunci: dict[K, str], hitung: Callable[[list[K]], dict[K, T]]
) -> dict[K, T]:
    """Values kept item by item inside one cache entry (`kumpulan`, e.g. a pemda's year).

    `kunci` maps each item to its key, which carries the item's own fingerprint; `hitung` computes
    the items whose key is not in the entry, together, and the entry is stored again with the
    current keys only. One read and at most one write whatever the number of items; two processes
    writing at once keep the last entry (every value in it is right for its key).
    """
    key = f"lkip:dasbor:{SKEMA}:{kumpulan}"
    stored = _ambil(key) or {}
    out = {item: stored[k] for item, k in kunci.items() if k in stored}
    missing = [item for item in kunci if item not in out]
    if missing:
        out |= hitung(missing)
        _simpan(key, {kunci[item]: value for item, value in out.items()})
    return out


def lingkup(user) -> str:
    """The set of agencies a user may see, as a key: the SQL of the one scoping query itself.

    Two users with the same key see exactly the same agencies, whatever `opd_for_user` decides,
    so a page body rendered for one (after the access check) may be served to the other.
    """
    try:
        sql = str(opd_for_user(user).query)
    except EmptyResultSet:
        sql = "kosong"
    return hashlib.blake2b(sql.encode(), digest_size=8).hexdigest()


def akses(request: HttpRequest, versi: str, permission: str) -> str | None:
    """The user's scope key if they may read the dashboards (None if not).

    Decided with the permission and the scoping function, then kept in the session for as long as
    `versi` stays the same: the access version (`versi_akses`: assignments, groups, permissions,
    the users' own rows), which other data does not move.
    """
    kept = request.session.get(SESI_AKSES)
    if kept and kept[0] == versi:
        return kept[1]
    scope = lingkup(request.user) if request.user.has_perm(permission) else None
    request.session[SESI_AKSES] = [versi, scope]
    return scope


@dataclass(frozen=True)
class Fragmen:
    """A rendered page body: its title, its HTML and its status."""

    judul: str
    isi: str
    status: int = 200


def fragmen_tersimpan(
    request: HttpRequest, versi: str, scope: str, hitung: Callable[[], Fragmen]
) -> Fragmen:
    """The page body for this URL, scope, day and data version; rendered (and kept if 200) on a
    miss.

    The body holds no per-user content (the header with the user's name and CSRF token is rendered
    around it on every request). Errors and 404s are never kept.
    """
    where = (
        f"{request.path}?{request.META.get('QUERY_STRING', '')}:{timezone.localdate().isoformat()}"
    )
    key = (
        f"lkip:dasbor:{SKEMA}:halaman:{scope}:"
        f"{hashlib.blake2b(where.encode(), digest_size=12).hexdigest()}:{versi}"
    )
    value = _ambil(key)
    if value is None:
        value = hitung()
        if value.status == 200:
            _simpan(key, value)
    return value
