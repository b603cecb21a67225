"""The audit trail people read (issue #12, observation 6): paginated, filtered, values shown as
the screens show them, no row for a save that changed nothing visible."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from budget.models import Anggaran
from demo.opd import DEMO_PASSWORD
from targets.models import Target
from tests.ui.halaman import OPD

pytestmark = pytest.mark.django_db
AUDIT = f"/data/{OPD}/audit/"


@pytest.fixture
def perencana(demo, client):
    assert client.login(username="perencana.dinsos", password=DEMO_PASSWORD)
    return client


def ubah_pagu(client, line: Anggaran, pagu: str) -> None:
    form = client.get(f"/data/{OPD}/anggaran/{line.pk}/").context["form"]
    data = {}
    for bf in form:
        value = bf.value()
        if isinstance(value, list):
            if value:
                data[bf.name] = [str(v) for v in value]
        else:
            data[bf.name] = bf.field.widget.format_value(value) or ""
    data.update(pagu_perubahan=pagu)
    response = client.post(f"/data/{OPD}/anggaran/{line.pk}/", data)
    assert response.status_code == 302, response.context["form"].errors


class AuditTrailTests:
    def test_values_are_shown_as_the_screens_show_them_with_names_instead_of_ids(
        self, demo, perencana
    ):
        line = Anggaran.objects.filter(opd=demo, tahun=2024).order_by("nomenklatur__kode").first()
        ubah_pagu(perencana, line, "114.000.000")
        html = perencana.get(AUDIT, {"jenis": "budget.Anggaran"}).content.decode()
        assert "Rp114.000.000,00" in html
        assert "Perangkat daerah</strong>: Dinas Sosial Kota Bekasi" in html
        for raw in ("opd:", "nomenklatur: 1", "114000000.00", "True", "False", "+00:00"):
            assert raw not in html, raw
        assert not re.search(r"\d{4}-\d{2}-\d{2}", html)  # no ISO dates
        assert f"{timezone.localdate().day} Desember" in html or "pukul" in html

    def test_a_save_that_changes_nothing_visible_is_not_listed(self, demo, perencana):
        target = Target.objects.filter(indikator__opd=demo).first()
        before = perencana.get(AUDIT).context["page"].paginator.count
        target.save()  # a new version, the same values
        page = perencana.get(AUDIT, {"jenis": "targets.Target"}).context["page"]
        assert all(e.aksi != "diubah" for e in page.object_list)
        assert perencana.get(AUDIT).context["page"].paginator.count == before + 1

    def test_the_trail_is_paginated_with_links_that_keep_the_filter(self, demo, perencana):
        target = Target.objects.filter(indikator__opd=demo).first()
        for n in range(60):
            target.nilai = n + 1
            target.save()
        response = perencana.get(AUDIT, {"jenis": "targets.Target"})
        page = response.context["page"]
        assert page.paginator.num_pages >= 2 and len(page.object_list) == 50
        html = response.content.decode()
        assert "jenis=targets.Target&amp;halaman=2" in html and "Berikutnya" in html
        second = perencana.get(AUDIT, {"jenis": "targets.Target", "halaman": 2})
        assert second.status_code == 200 and second.context["page"].number == 2

    def test_filters_by_kind_person_and_dates(self, demo, perencana):
        line = Anggaran.objects.filter(opd=demo, tahun=2024).order_by("nomenklatur__kode").first()
        ubah_pagu(perencana, line, "114.000.000")
        mine = perencana.get(AUDIT, {"pengguna": "perencana.dinsos"}).context["page"]
        assert mine.paginator.count == 1 and mine.object_list[0].jenis == "baris anggaran"
        assert "Rp114.000.000,00" in str(mine.object_list[0].perubahan)
        system = perencana.get(AUDIT, {"pengguna": "sistem"}).context["page"]
        assert system.paginator.count > 50
        tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
        assert perencana.get(AUDIT, {"dari": tomorrow}).context["page"].paginator.count == 0
        only = perencana.get(AUDIT, {"jenis": "indicators.Indikator"}).context["page"]
        assert {e.jenis for e in only.object_list} == {"indikator"}
        bad = perencana.get(AUDIT, {"dari": "2025-01-02", "sampai": "2025-01-01"})
        assert "Tanggal akhir tidak boleh sebelum tanggal awal." in bad.content.decode()
