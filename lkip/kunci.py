"""Locked data: whether a write into an agency's year or quarter is refused now, and why.

The reasons belong to the apps that stand above this core package: a submitted or signed LKIP
(`reports`, whose status locks its year, and the plan while in review) and a closed quarter or
year (`targets`). Each app registers its answer once at start-up (its `AppConfig.ready`); every
write path — the data screens, the quarterly grid, the workbook import — asks here. So the floor
names no app above it, and there is still one definition of a locked year.

The check and the write are one transaction with the submission. Every check here first takes the
agency's write lock (`kunci_opd`: SELECT ... FOR UPDATE on the agency's row) when it runs inside a
transaction, and the write paths run their checks inside the transaction that writes; submitting
an LKIP (`reports.workflow.ajukan`) takes the same lock before it reads the data it fingerprints
and changes the status. The two therefore serialise: a write either commits before the submission
reads (and is part of what is submitted) or waits for it and then sees the year locked. Without
the lock a write that passed its check could commit between the submission's check and its status
change, and the LKIP would only be found changed at signing. The agency row rather than the
report row: it always exists, also for a year whose LKIP has no row yet. (SQLite ignores FOR UPDATE;
it serialises writing transactions on its own.)
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from lkip.models import PerangkatDaerah

#: (opd_id) -> {tahun: message} of the years whose LKIP is submitted or signed.
_tahun_terkunci: Callable[[int], dict[int, str]] | None = None
#: (opd_id) -> message while one of the agency's LKIPs is in review (its plan is then read-only).
_struktur_terkunci: Callable[[int], str | None] | None = None
#: (opd, tahun, periode) -> message when that quarter (periode 1..4) or year (0) is closed.
_periode_tertutup: Callable[[PerangkatDaerah, int, int], str | None] | None = None


def daftarkan_laporan(
    tahun_terkunci: Callable[[int], dict[int, str]],
    struktur_terkunci: Callable[[int], str | None],
) -> None:
    """Called by the reports app: how the LKIP's status locks years and the plan."""
    global _tahun_terkunci, _struktur_terkunci
    _tahun_terkunci, _struktur_terkunci = tahun_terkunci, struktur_terkunci


def daftarkan_periode(periode_tertutup: Callable[[PerangkatDaerah, int, int], str | None]) -> None:
    """Called by the targets app: how closed quarters and years refuse writes."""
    global _periode_tertutup
    _periode_tertutup = periode_tertutup


def _wajib(fn):
    if (
        fn is None
    ):  # never silently unlocked: an app that should answer is not installed or not ready
        raise ImproperlyConfigured("Aturan kunci data belum terdaftar (apps reports dan targets).")
    return fn


def kunci_opd(opd: PerangkatDaerah) -> None:
    """Take the agency's write lock until the current transaction ends (outside one: nothing).

    Every check below calls it, so a write path that checks inside its transaction holds it from
    the check to the commit; see the module's docstring.
    """
    if transaction.get_connection().in_atomic_block:
        rows = PerangkatDaerah.objects.select_for_update().filter(pk=opd.pk)
        list(rows.order_by().values_list("pk"))  # no ordering join: lock this one row only


def tahun_terkunci(opd: PerangkatDaerah) -> dict[int, str]:
    """The agency's years whose LKIP is submitted or signed, each with the refusal message."""
    kunci_opd(opd)
    return _wajib(_tahun_terkunci)(opd.pk)


def tahun_terkunci_error(opd: PerangkatDaerah, tahun: int) -> str | None:
    """The refusal message while the year's LKIP is submitted or signed, or None."""
    return tahun_terkunci(opd).get(tahun)


def struktur_terkunci(opd: PerangkatDaerah) -> str | None:
    """The refusal message for the plan's records while an LKIP is in review, or None."""
    kunci_opd(opd)
    return _wajib(_struktur_terkunci)(opd.pk)


def periode_tertutup_error(
    opd: PerangkatDaerah, tahun: int, periode: int, kunci: bool = True
) -> str | None:
    """The refusal message for a write into a closed period or (with `kunci`) a locked year, or
    None.

    The data screens' forms check the locked year for every record with a year
    (`lkip.crud.ScopedForm`) and ask here with `kunci=False`.
    """
    kunci_opd(opd)
    locked = tahun_terkunci_error(opd, tahun) if kunci else None
    return locked or _wajib(_periode_tertutup)(opd, tahun, periode)


def tahun_tersimpan(obj) -> int | None:
    """The stored year of a record with a `tahun` field (None for a new one or a model without it).

    In a form's clean() the instance still holds the stored values (the form's apply them later).
    """
    return getattr(obj, "tahun", None) if obj.pk is not None else None


def alasan_terkunci(
    opd: PerangkatDaerah, obj, tahun_baru: int | None = None, struktur: bool = False
) -> list[str]:
    """Why this record may not be created, changed or deleted now ([] when it may): its stored or
    new year has a submitted or signed LKIP, or (for the plan's records) an LKIP is in review."""
    kunci_opd(opd)  # also for a record without a year: the caller's write follows this check
    years = {tahun_baru, tahun_tersimpan(obj)} - {None}
    messages = []
    if years:
        locked = tahun_terkunci(opd)
        messages += [locked[tahun] for tahun in sorted(years & locked.keys())]
    if struktur:
        message = struktur_terkunci(opd)
        if message:
            messages.append(message)
    return messages
