"""One vocabulary on every screen (issue #12, observation 7).

A blocking finding was "error" in the report, "galat" on the dashboard and "kesalahan" on the
approval page, and users read engineers' words. This walk renders the pages each demo role
reaches and looks for those words in what a person reads (not in class names or scripts).
"""

import re

import pytest

from demo.opd import DEMO_PASSWORD
from tests.ui.halaman import OPD, ROLES, baca, jelajahi

pytestmark = pytest.mark.django_db

TERLARANG = [
    r"\bgalat\b",
    r"\berror\b",
    r"snapshot",
    r"PAdES",
    r"pyHanko",
    r"katalog validasi",
    r"spesifikasi domain",
    r"§\s?9",
]


def teks(html: str) -> str:
    """What a person reads: no tags, scripts, styles or attribute values."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S | re.I)
    html = re.sub(r"<!--.*?-->", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


@pytest.mark.parametrize("role", ROLES)
def test_no_page_a_role_reads_uses_the_engineers_words(demo, client, role):
    assert client.login(username=role, password=DEMO_PASSWORD)
    start = [href for _label, href in baca(client.get(f"/data/{OPD}/").content.decode()).menu]
    start += [f"/dasbor/opd/{OPD}/2024/", "/verifikasi/"]
    found, pages = [], 0
    for path, response in jelajahi(client, start, batas=90):
        if response.status_code != 200 or "text/html" not in response["Content-Type"]:
            continue
        pages += 1
        text = teks(response.content.decode())
        for pattern in TERLARANG:
            for match in re.finditer(pattern, text, flags=re.I):
                found.append(f"{path}: …{text[max(0, match.start() - 60) : match.end() + 40]}…")
    assert pages >= 15
    assert not found, "\n".join(found)


def test_a_blocking_finding_is_a_kesalahan_in_the_report_the_dashboard_and_the_panel(demo, client):
    assert client.login(username="perencana.dinsos", password=DEMO_PASSWORD)
    for path in (f"/laporan/{OPD}/2024/", f"/dasbor/opd/{OPD}/2024/", f"/laporan/{OPD}/2024/alur/"):
        text = teks(client.get(path).content.decode())
        assert "kesalahan" in text, path


def test_no_count_of_empty_quarters_beside_indicators_measured_only_yearly(demo, client):
    from targets.models import Target

    Target.objects.filter(indikator__opd=demo).exclude(periode=0).delete()
    assert client.login(username="perencana.dinsos", password=DEMO_PASSWORD)
    text = teks(client.get(f"/dasbor/opd/{OPD}/2024/").content.decode())
    assert "Triwulan tanpa realisasi" not in text
