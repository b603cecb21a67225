"""The pemda's audit trail: what the Admin Pemda changes on the pemda screens is there, with who,
when, the old and the new value as the screens show them; the Inspektorat reads it; an agency's
people cannot."""

import pytest
from django.test import Client

from lkip.models import Pemda
from rpjmd.models import AnggaranPerangkatDaerah
from tests.reports.alur_data import make_user
from tests.rpjmd.pemda_workbook import KODE, import_pemda

pytestmark = pytest.mark.django_db

AUDIT = f"/pemda/{KODE}/audit/"


@pytest.fixture
def pemda(db):
    assert import_pemda().ok
    return Pemda.objects.get(kode=KODE)


def _ubah_pagu(c: Client, row: AnggaranPerangkatDaerah, pagu: str) -> None:
    r = c.post(
        f"/pemda/{KODE}/data/anggaran/{row.pk}/",
        {
            "tahun": row.tahun,
            "perangkat_daerah": row.perangkat_daerah,
            "opd": row.opd_id or "",
            "pagu": pagu,
            "realisasi": f"{row.realisasi:.2f}".replace(".", ","),
        },
    )
    assert r.status_code == 302, r.content.decode()[-2000:]


def test_a_budget_change_on_the_pemda_screen_is_in_the_pemda_audit_trail(pemda):
    admin = Client()
    admin.force_login(make_user("admin.sukamaju", "admin_pemda", pemda=pemda, nama="Siti Aminah"))
    row = AnggaranPerangkatDaerah.objects.filter(pemda=pemda).order_by("pk").first()
    _ubah_pagu(admin, row, "1234567,5")

    beranda = admin.get(f"/pemda/{KODE}/").content.decode()
    assert f'href="{AUDIT}"' in beranda  # reached from the pemda's page
    page = admin.get(AUDIT, {"jenis": "rpjmd.AnggaranPerangkatDaerah"}).content.decode()
    assert "Siti Aminah" in page and "diubah" in page
    assert "Rp1.234.567,50" in page  # the new value as the screens show it
    remah = page.split('<nav class="remah"', 1)[1].split("</nav>", 1)[0]
    assert pemda.nama in remah and "Jejak audit" in remah


def test_the_filter_by_kind_leaves_out_the_other_kinds(pemda):
    admin = Client()
    admin.force_login(make_user("admin.sukamaju", "admin_pemda", pemda=pemda))
    row = AnggaranPerangkatDaerah.objects.filter(pemda=pemda).order_by("pk").first()
    _ubah_pagu(admin, row, "999")
    page = admin.get(AUDIT, {"jenis": "rpjmd.Pembiayaan"}).content.decode()
    assert "Rp999,00" not in page
    bad = admin.get(AUDIT, {"dari": "2026-13-40"})
    assert bad.status_code == 200 and "Tanggal tidak sah" in bad.content.decode()


def test_the_inspektorat_reads_the_trail_and_an_agency_planner_cannot(pemda):
    insp = Client()
    insp.force_login(make_user("insp.sukamaju", "inspektorat", pemda=pemda))
    assert insp.get(AUDIT).status_code == 200
    opd = pemda.opd_set.first()
    perencana = Client()
    perencana.force_login(make_user("perencana.x", "perencana", opd=opd))
    assert perencana.get(AUDIT).status_code == 403
