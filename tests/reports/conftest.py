"""Fixtures of the approval-workflow and signing tests (defined in alur_data.py, opt-in by name)."""

from tests.reports.alur_data import _p12_demo, media, opd_bersih, pelaku, sertifikat_demo  # noqa: F401
