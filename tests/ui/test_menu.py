"""The role's menu: each demo role sees exactly the screens it may open, each answering 200.

Observation 1 of issue #12: the planner's home page linked nothing to the agency's data (entry,
lists, import, audit). The menu in every page's header now leads there.
"""

import pytest

from demo.opd import DEMO_PASSWORD
from tests.ui.halaman import OPD, baca

pytestmark = pytest.mark.django_db

SEMUA = [
    "Beranda",
    "Entri triwulan",
    "Data",
    "Impor Excel",
    "Laporan",
    "Persetujuan",
    "Dasbor",
    "Audit",
    "Survei",
    "Evaluasi AKIP",
]
TANPA_IMPOR = [m for m in SEMUA if m != "Impor Excel"]

#: The menu on the agency's data page, per role.
DI_DATA = {
    "perencana.dinsos": SEMUA,
    "kepala.dinsos": TANPA_IMPOR,
    "inspektorat.bekasi": TANPA_IMPOR,
    "admin.pemda": TANPA_IMPOR,
}
#: The menu on the home page: an agency's own staff see their agency's screens at once; the
#: pemda-wide roles choose an agency first (the list on the home page links each to its data).
DI_BERANDA = {
    "perencana.dinsos": SEMUA,
    "kepala.dinsos": TANPA_IMPOR,
    "inspektorat.bekasi": ["Beranda", "Dasbor", "Evaluasi AKIP"],
    "admin.pemda": ["Beranda", "Dasbor", "Evaluasi AKIP"],
}


def menu_of(client, path: str) -> list[tuple[str, str]]:
    response = client.get(path)
    assert response.status_code == 200, path
    return baca(response.content.decode()).menu


@pytest.mark.parametrize("role", DI_DATA)
def test_each_roles_menu_holds_exactly_what_it_may_open_and_every_entry_answers_200(
    demo, client, role
):
    assert client.login(username=role, password=DEMO_PASSWORD)
    for path, expected in ((f"/data/{OPD}/", DI_DATA[role]), ("/", DI_BERANDA[role])):
        menu = menu_of(client, path)
        assert [label for label, _ in menu] == expected, (role, path)
        for label, href in menu:
            assert client.get(href, follow=True).status_code == 200, (role, label, href)


def test_the_planners_home_page_leads_to_the_quarterly_entry_and_the_agencys_data(demo, client):
    assert client.login(username="perencana.dinsos", password=DEMO_PASSWORD)
    html = client.get("/").content.decode()
    menu = dict(baca(html).menu)
    assert menu["Entri triwulan"] == f"/data/{OPD}/entri/2024/"
    assert menu["Data"] == f"/data/{OPD}/"
    assert menu["Impor Excel"] == f"/impor/{OPD}/"
    assert menu["Audit"] == f"/data/{OPD}/audit/"
    # The agency's name in the header and in the list of agencies both lead to its data.
    assert html.count(f'href="/data/{OPD}/"') >= 3


def test_the_current_screen_is_marked_in_the_menu_and_inner_pages_have_breadcrumbs(demo, client):
    assert client.login(username="perencana.dinsos", password=DEMO_PASSWORD)
    html = client.get(f"/data/{OPD}/audit/").content.decode()
    assert f'<a href="/data/{OPD}/audit/" aria-current="page">Audit</a>' in html
    assert f'<a href="/data/{OPD}/" aria-current="page">' not in html
    assert '<nav class="remah" aria-label="Lokasi">' in html and "Jejak audit" in html
    html = client.get(f"/laporan/{OPD}/2024/").content.decode()
    assert 'id="menu"' in html and f'href="/laporan/{OPD}/2024/" aria-current="page"' in html


def test_the_report_page_carries_each_users_own_menu_though_the_page_is_cached(demo, client):
    assert client.login(username="perencana.dinsos", password=DEMO_PASSWORD)
    assert "Impor Excel" in client.get(f"/laporan/{OPD}/2024/").content.decode()
    client.logout()
    assert client.login(username="kepala.dinsos", password=DEMO_PASSWORD)
    html = client.get(f"/laporan/{OPD}/2024/").content.decode()
    assert "Impor Excel" not in html and "Persetujuan" in html


def test_the_quarterly_entry_opens_on_the_first_quarter_still_open(demo, client):
    from django.contrib.auth.models import User

    from targets.models import Periode, PeriodeTertutup

    assert client.login(username="perencana.dinsos", password=DEMO_PASSWORD)
    entri = dict(menu_of(client, "/"))["Entri triwulan"]
    assert client.get(entri).url == f"/data/{OPD}/entri/2024/tw1/"
    planner = User.objects.get(username="perencana.dinsos")
    for tw in (Periode.TW1, Periode.TW2):
        PeriodeTertutup.objects.create(opd=demo, tahun=2024, periode=tw, ditutup_oleh=planner)
    assert client.get(entri).url == f"/data/{OPD}/entri/2024/tw3/"
    PeriodeTertutup.objects.create(
        opd=demo, tahun=2024, periode=Periode.TAHUNAN, ditutup_oleh=planner
    )
    assert client.get(entri).url == f"/data/{OPD}/entri/2024/tw4/"
    # On a quarter's page the menu marks the entry as the current screen.
    html = client.get(f"/data/{OPD}/entri/2024/tw2/").text
    assert f'<a href="{entri}" aria-current="page">Entri triwulan</a>' in html
