"""The LKIP report: build (all queries) → Laporan → render (HTML, PDF, XLSX, DOCX; no queries)."""

from reports.laporan.build import build_laporan
from reports.laporan.data import LaporanTidakDitemukan
from reports.laporan.docx import render_docx
from reports.laporan.render import render_html, render_pdf
from reports.laporan.xlsx import render_xlsx

__all__ = [
    "LaporanTidakDitemukan",
    "build_laporan",
    "render_docx",
    "render_html",
    "render_pdf",
    "render_xlsx",
]
