"""SVG charts of the report (black-and-white print) and of the dashboards (colour on screen).

Pure functions from values to an <svg> string: no queries, no script, no external service.
"""

from reports.charts.dashboard import (
    anggaran_tahunan,
    distribusi,
    sebaran,
    serapan_triwulan,
    tren_tahunan,
)
from reports.charts.report import batang_horizontal, batang_unsur, garis, target_realisasi

__all__ = [
    "anggaran_tahunan",
    "batang_horizontal",
    "batang_unsur",
    "distribusi",
    "garis",
    "sebaran",
    "serapan_triwulan",
    "target_realisasi",
    "tren_tahunan",
]
