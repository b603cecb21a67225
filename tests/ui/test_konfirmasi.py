"""Deleting a record and closing a quarter ask first (issue #12, observation 4).

"Hapus" used to delete at once and "Tutup triwulan" to close at once. Now a GET (or a POST
without `konfirmasi`) shows a page naming what goes with the record, and changes nothing.
"""

import pytest

from budget.models import Anggaran
from demo.opd import DEMO_PASSWORD
from indicators.models import Indikator
from targets.models import PeriodeTertutup, Realisasi, Target
from tests.ui.halaman import OPD, baca

pytestmark = pytest.mark.django_db
BASE = f"/data/{OPD}/"


@pytest.fixture
def perencana(demo, client):
    assert client.login(username="perencana.dinsos", password=DEMO_PASSWORD)
    return client


def indikator_with_data(demo) -> Indikator:
    return next(
        i
        for i in Indikator.objects.filter(opd=demo).order_by("kode")
        if i.target_set.exists() and i.realisasi_set.exists()
    )


class DeleteTests:
    def test_the_edit_form_links_to_a_confirmation_page_that_names_what_goes_with_it(
        self, demo, perencana
    ):
        ind = indikator_with_data(demo)
        edit = perencana.get(f"{BASE}indikator/{ind.pk}/").content.decode()
        assert f'href="{BASE}indikator/{ind.pk}/hapus/"' in edit
        response = perencana.get(f"{BASE}indikator/{ind.pk}/hapus/")
        html = response.content.decode()
        assert response.status_code == 200 and "akan dihapus beserta:" in html
        n_target = Target.objects.filter(indikator=ind).count()
        n_real = Realisasi.objects.filter(indikator=ind).count()
        assert f"{n_target} target" in html and f"{n_real} realisasi" in html
        assert "Ya, hapus" in html
        assert Indikator.objects.filter(pk=ind.pk).exists()

    def test_a_post_without_confirmation_deletes_nothing(self, demo, perencana):
        line = Anggaran.objects.filter(opd=demo).first()
        response = perencana.post(f"{BASE}anggaran/{line.pk}/hapus/")
        assert response.status_code == 200 and "Ya, hapus" in response.content.decode()
        assert Anggaran.objects.filter(pk=line.pk).exists()

    def test_the_confirmation_page_posts_the_delete_confirmed(self, demo, perencana):
        line = Anggaran.objects.filter(opd=demo).first()
        page = baca(perencana.get(f"{BASE}anggaran/{line.pk}/hapus/").content.decode())
        form = next(f for f in page.forms if f.action.endswith("/hapus/"))
        response = perencana.post(form.action, form.fields)
        assert response.status_code == 302
        assert not Anggaran.objects.filter(pk=line.pk).exists()

    def test_read_only_roles_are_offered_no_edit_and_no_delete(self, demo, client):
        assert client.login(username="kepala.dinsos", password=DEMO_PASSWORD)
        html = client.get(f"{BASE}indikator/").content.decode()
        assert ">Ubah<" not in html and "Hapus" not in html and ">Riwayat<" in html
        assert "Hanya baca." in html  # and it says so, and why


class CloseQuarterTests:
    def test_closing_without_confirmation_asks_and_closes_nothing(self, demo, perencana):
        response = perencana.post(f"{BASE}periode/2024/2/tutup/")
        html = response.content.decode()
        assert response.status_code == 200 and "Tutup triwulan II 2024?" in html
        assert "Ya, tutup" in html and "Kepala Dinas" in html
        assert not PeriodeTertutup.objects.filter(opd=demo, tahun=2024, periode=2).exists()
        page = baca(html)
        form = next(f for f in page.forms if f.action.endswith("/tutup/"))
        assert perencana.post(form.action, form.fields).status_code == 302
        assert PeriodeTertutup.objects.filter(opd=demo, tahun=2024, periode=2).exists()

    def test_the_kepala_dinas_reopens_a_closed_quarter_where_it_is_shown(self, demo, client):
        assert client.login(username="kepala.dinsos", password=DEMO_PASSWORD)
        client.post(f"{BASE}periode/2024/2/tutup/", {"konfirmasi": "ya"})
        assert PeriodeTertutup.objects.filter(opd=demo, tahun=2024, periode=2).exists()
        html = client.get(f"{BASE}entri/2024/tw2/").content.decode()
        assert "berwenang" not in html
        assert f'action="{BASE}periode/2024/2/buka/"' in html and "Buka kembali triwulan 2" in html
        response = client.post(f"{BASE}periode/2024/2/buka/", {"alasan": "Koreksi SP2D."})
        assert response.status_code == 302
        assert not PeriodeTertutup.objects.filter(opd=demo, tahun=2024, periode=2).exists()
