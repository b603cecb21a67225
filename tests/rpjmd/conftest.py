"""Shared by the pemda tests: the kabupaten of tests/rpjmd/pemda_workbook.py imported, and its
Admin Pemda logged in."""

import pytest
from django.test import Client

from lkip.models import Pemda
from tests.reports.alur_data import make_user
from tests.rpjmd.pemda_workbook import KODE, import_pemda


@pytest.fixture
def admin(db) -> Client:
    """The Admin Pemda of the imported kabupaten (RPJMD 2025–2029), logged in; a server error
    answers 500 rather than raising, as a browser would see it."""
    assert import_pemda().ok
    c = Client(raise_request_exception=False)
    c.force_login(make_user("admin.sukamaju", "admin_pemda", pemda=Pemda.objects.get(kode=KODE)))
    return c
