"""The pemda's LKIP in the browser has a breadcrumb back to the pemda's page, as its other
pages do."""

import pytest
from django.test import Client

from lkip.models import Pemda
from tests.reports.alur_data import make_user
from tests.rpjmd.pemda_workbook import KODE, TAHUN, import_pemda

pytestmark = pytest.mark.django_db


def test_the_pemda_lkip_page_leads_back_to_the_pemda_page():
    assert import_pemda().ok
    pemda = Pemda.objects.get(kode=KODE)
    c = Client()
    c.force_login(make_user("admin.sukamaju", "admin_pemda", pemda=pemda))
    page = c.get(f"/laporan/pemda/{KODE}/{TAHUN}/").content.decode()
    remah = page[page.index('<nav class="remah"') :]
    remah = remah[: remah.index("</nav>")]
    assert f'<a href="/pemda/{KODE}/">{pemda.nama}</a>' in remah
    assert f"LKIP tahun {TAHUN}" in remah
