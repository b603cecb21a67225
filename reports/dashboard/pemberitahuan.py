"""Notices the dashboards show above their (cached) body, from apps above this one.

An app registers a function in its AppConfig.ready (e.g. `evaluasi`: overdue recommendations of
the LHE); reports imports none of them. Each function gets the user and a query of the ids of the
agencies the page covers (`.values("pk")`, to use as a subquery) and returns (text, url) pairs.
They run on every request, outside the cached body, in one query each and without a permission
lookup (whoever may see the dashboard may see the agencies' notices), so a notice follows the date
and every change at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Pemberitahuan:
    teks: str
    url: str


_SUMBER: list[Callable[[object, object], list[tuple[str, str]]]] = []


def daftarkan(fn: Callable[[object, object], list[tuple[str, str]]]) -> None:
    if fn not in _SUMBER:
        _SUMBER.append(fn)


def untuk(user, opd_ids) -> list[Pemberitahuan]:
    return [Pemberitahuan(t, u) for fn in _SUMBER for t, u in fn(user, opd_ids)]
