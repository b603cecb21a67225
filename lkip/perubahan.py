"""Rows written in bulk (which send no model signal) told to whoever needs to know: `reports`
registers its render queue here (`reports.antrian.pemicu`), so a bulk write in a lower app (the
quarterly entry's budget lines) queues the LKIP's render too, without importing upward."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.db.models import Model

_PENDENGAR: list[Callable[[Iterable[Model]], None]] = []


def daftarkan(fn: Callable[[Iterable[Model]], None]) -> None:
    if fn not in _PENDENGAR:
        _PENDENGAR.append(fn)


def catat_banyak(objs: Iterable[Model]) -> None:
    """Rows a bulk write changed (inside its transaction)."""
    objs = list(objs)
    for fn in _PENDENGAR:
        fn(objs)
