"""The pemda's own LKIP: load (all queries) → build a reports.laporan Laporan → the agency
report's renderers (HTML, PDF, XLSX, DOCX)."""

from rpjmd.laporan.build import build_laporan_pemda
from rpjmd.laporan.data import LaporanPemdaTidakDitemukan, load
from rpjmd.laporan.kesehatan import periksa_data

__all__ = ["LaporanPemdaTidakDitemukan", "build_laporan_pemda", "load", "periksa_data"]
