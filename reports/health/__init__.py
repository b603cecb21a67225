"""Data health: the validation catalogue of domain spec §9 run over an agency's stored year.

`periksa(opd, tahun)` is what the command `check_data`, the report's draft appendix, the
approval workflow and the agency dashboard read; the pemda dashboard loads every agency at once
(`muat_konteks(tahun, pemda_id=...)`) and runs `periksa_konteks` on each. Which findings block
submission, and acknowledging a warning: `reports.health.pengakuan`.
"""

from reports.health.checks import (
    ERROR,
    KESALAHAN,
    PERINGATAN,
    WARNING,
    Temuan,
    periksa,
    periksa_konteks,
)
from reports.health.context import Konteks, muat_konteks

__all__ = [
    "ERROR",
    "KESALAHAN",
    "PERINGATAN",
    "WARNING",
    "Konteks",
    "Temuan",
    "muat_konteks",
    "periksa",
    "periksa_konteks",
]
