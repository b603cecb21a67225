"""The quarterly grid of a large agency: 2.000 budget lines save; a refused save keeps what was
typed and says why."""

import logging
import re
from decimal import Decimal
from urllib.parse import urlencode

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from budget.models import Anggaran
from lkip.models import Penugasan
from lkip.roles import ROLE_GROUPS
from targets import views_entri
from targets.models import Realisasi
from tests.security.formulir import isian
from tests.security.grid_data import make_agency_with_lines

pytestmark = pytest.mark.django_db
LINE = re.compile(r"a(\d+)-tw")


def _planner(opd, **client_kwargs) -> Client:
    user = get_user_model().objects.create_user(f"perencana.{opd.kode}", password=None)
    user.groups.add(Group.objects.get(name=ROLE_GROUPS["perencana"]))
    Penugasan.objects.create(user=user, pemda=opd.pemda, opd=opd)
    client = Client(**client_kwargs)
    client.force_login(user)
    return client


def _post(client: Client, url: str, data: dict):
    """As a browser posts the grid: urlencoded (the form has no file input)."""
    return client.post(
        url, urlencode(data, doseq=True), content_type="application/x-www-form-urlencoded"
    )


def test_the_grid_of_2000_budget_lines_and_18_indicators_saves_every_line():
    opd = make_agency_with_lines(2000, 18)
    client, url = _planner(opd), f"/data/{opd.kode}/entri/2024/tw2/"
    data = isian(client.get(url).content.decode(), "entri")
    assert sum(len(v) for v in data.values()) > 4000  # four times Django's global limit
    for name in data:
        if LINE.fullmatch(name):
            data[name] = ["1.000.000,25"]
    with CaptureQueriesContext(connection) as queries:
        response = _post(client, url, data)
    assert response.status_code == 302
    lines = Anggaran.objects.filter(opd=opd, tahun=2024)
    assert lines.filter(realisasi_tw2=Decimal("1000000.25")).count() == 2000
    assert lines.filter(realisasi=Decimal("13500000.75")).count() == 2000  # TW1 + TW2
    assert Anggaran.history.filter(opd_id=opd.pk, history_type="~").count() == 2000
    # Bulk: a few statements per 500 lines, not three per line (6.000 before).
    assert len(queries.captured_queries) < 100


def test_a_post_over_the_grids_field_limit_keeps_what_was_typed_and_says_why(monkeypatch, caplog):
    opd = make_agency_with_lines(40, 2, kode="dinas-sedang")
    Anggaran.objects.filter(opd=opd).update(realisasi_tw2=Decimal(3000))
    client, url = _planner(opd), f"/data/{opd.kode}/entri/2024/tw2/"
    data = isian(client.get(url).content.decode(), "entri")
    names = [n for n in data if LINE.fullmatch(n)]
    data[names[0]] = ["7.777"]
    monkeypatch.setattr(views_entri, "ISIAN_MAKS", 50)
    with caplog.at_level(logging.WARNING, logger="lkip.isian"):
        response = _post(client, url, data)
    assert response.status_code == 200
    assert "lebih dari 50 isian" in response.text
    assert 'value="7.777"' in response.text  # typed, within what was read
    assert response.text.count('value="3.000"') == 39  # the rest: what is stored
    assert not Anggaran.objects.filter(opd=opd).exclude(realisasi_tw2=3000).exists()
    assert "lebih dari 50 isian" in caplog.text


def test_the_grid_still_checks_the_csrf_token():
    opd = make_agency_with_lines(5, 1, kode="dinas-kecil")
    client, url = _planner(opd, enforce_csrf_checks=True), f"/data/{opd.kode}/entri/2024/tw2/"
    data = isian(client.get(url).content.decode(), "entri")
    name = next(n for n in data if LINE.fullmatch(n))
    data[name] = ["5"]
    forged = {k: v for k, v in data.items() if k != "csrfmiddlewaretoken"}
    assert _post(client, url, forged).status_code == 403
    assert _post(client, url, data).status_code == 302


def test_a_grid_saved_unchanged_keeps_cents_and_six_decimals(perencana, demo):
    url = "/data/dinsos-kota-bekasi/entri/2024/tw2/"
    line = Anggaran.objects.filter(opd=demo, tahun=2024).order_by("pk").first()
    Anggaran.objects.filter(pk=line.pk).update(
        realisasi_tw2=Decimal("1234.56"), realisasi=Decimal("1234.56")
    )
    ind = demo.indikator_set.get(kode="IKU-1")
    real = Realisasi.objects.create(indikator=ind, tahun=2024, periode=2, nilai=Decimal("0.123456"))
    data = isian(perencana.get(url).text, "entri")
    assert data[f"a{line.pk}-tw"] == ["1.234,56"]
    assert data[f"r{ind.pk}-nilai"] == ["0,123456"]
    assert _post(perencana, url, data).status_code == 302
    line.refresh_from_db()
    real.refresh_from_db()
    assert line.realisasi_tw2 == Decimal("1234.56") and real.nilai == Decimal("0.123456")


def test_a_line_saved_in_bulk_has_its_history_with_user_and_indicator_links(perencana, demo):
    url = "/data/dinsos-kota-bekasi/entri/2024/tw2/"
    line = next(a for a in Anggaran.objects.filter(opd=demo, tahun=2024) if a.indikator.exists())
    data = isian(perencana.get(url).text, "entri")
    data[f"a{line.pk}-tw"] = ["2.500"]
    data["ganti_tahunan"] = ["on"]  # the demo's annual realisation was typed without quarters
    assert _post(perencana, url, data).status_code == 302
    record = line.history.order_by("-history_id").first()
    assert record.history_type == "~" and record.realisasi_tw2 == Decimal(2500)
    assert record.history_user.username == "perencana.dinsos"
    assert {i.indikator_id for i in record.indikator.all()} == set(
        line.indikator.values_list("pk", flat=True)
    )
