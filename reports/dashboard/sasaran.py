"""The pemda's RPJMD sasaran on the pemda dashboard: a filter "Sasaran pemda" that keeps the
agencies whose IKU are linked (cascading) to the chosen sasaran.

The RPJMD lives in the rpjmd app, above this one; it registers its answers here once at start-up
(`rpjmd.apps.RpjmdConfig.ready`), as it registers the pemda's LKIP with the workflow. Without it
the filter is not offered.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Model


@dataclass(frozen=True)
class SumberSasaran:
    #: pemda_id -> [(value, label)] of the pemda's RPJMD sasaran (one query)
    pilihan: Callable[[int], list[tuple[str, str]]]
    #: (pemda_id, value) -> ids of the agencies with an IKU linked to that sasaran (one query)
    opd: Callable[[int, str], set[int]]
    #: audited models (sasaran, links) whose saves and deletes move the global data version and
    #: the pemda dashboard's fingerprint (`sidik.py`)
    model: tuple[type[Model], ...]


_sumber: SumberSasaran | None = None


def daftarkan_sasaran(sumber: SumberSasaran) -> None:
    """Called by the rpjmd app (which also has a delete of its models move the data version)."""
    global _sumber
    _sumber = sumber


def sumber_sasaran() -> SumberSasaran | None:
    return _sumber
