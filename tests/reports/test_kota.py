"""The city at once: every agency's LKIP of a pemda rendered again through the queue, with its
progress, by the command and by the Admin Pemda's page (reached from Beranda)."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from lkip.models import PerangkatDaerah
from reports.models import RenderKota
from tests.reports.agencies import import_agency


def test_render_kota_queues_every_agency_and_the_worker_renders_them_with_progress(pekerja):
    kode, tahun = import_agency("dinkes")
    pemda = PerangkatDaerah.objects.get(kode=kode).pemda
    out = io.StringIO()
    call_command("render_kota", pemda=pemda.nama, year=str(tahun), tunggu=True, stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith(f"1 LKIP {pemda.nama} tahun {tahun} diantrekan")
    assert lines[-1] == "1/1 selesai, 0 gagal"


@pytest.mark.django_db
def test_render_kota_names_a_pemda_or_year_it_cannot_use():
    with pytest.raises(CommandError, match="--pemda: pemda 'Tidak Ada' tidak ditemukan"):
        call_command("render_kota", pemda="Tidak Ada", year="2024")
    with pytest.raises(CommandError, match="--year: 'dua ribu' bukan tahun"):
        call_command("render_kota", pemda="1", year="dua ribu")


def test_the_admin_pemda_starts_it_from_beranda_and_sees_the_progress(demo, client):
    assert client.login(username="admin.pemda", password="lkip-demo-2024")
    home = client.get("/").content.decode()
    url = f"/laporan/pemda/{demo.pemda_id}/2024/susun-ulang/"
    assert f'href="{url}"' in home
    page = client.get(url).content.decode()
    assert "1 perangkat daerah memiliki LKIP tahun 2024" in page and "Susun ulang 1 LKIP" in page
    response = client.post(url)
    assert response.status_code == 302
    assert RenderKota.objects.get(pemda=demo.pemda, tahun=2024).oleh.username == "admin.pemda"
    progress = client.get(url)
    assert "0 dari 1 LKIP selesai" in progress.content.decode()
    assert progress["Refresh"] == "3"  # reloads itself until done


def test_other_roles_may_not_render_the_city_again(demo, client):
    assert client.login(username="perencana.dinsos", password="lkip-demo-2024")
    assert client.post(f"/laporan/pemda/{demo.pemda_id}/2024/susun-ulang/").status_code == 403
    assert "susun-ulang" not in client.get("/").content.decode()


@pytest.mark.django_db(transaction=True)
def test_render_kota_waiting_without_a_worker_stops_and_says_what_to_start(settings):
    kode, tahun = import_agency("dinkes")  # its renders go to a queue no worker reads here
    pemda = PerangkatDaerah.objects.get(kode=kode).pemda
    settings.LKIP_RENDER_BATAS_DETIK = 1  # no progress for twice the worker's limit: give up
    with pytest.raises(CommandError, match=r"Tidak ada kemajuan selama 2 detik .*db_worker"):
        call_command(
            "render_kota", pemda=pemda.nama, year=str(tahun), tunggu=True, stdout=io.StringIO()
        )
