"""The pemda dashboard filtered by an RPJMD sasaran: only the agencies whose IKU are linked to it
(cascading links, rpjmd) remain; a link added later shows at once."""

import copy

import pytest
from django.test import Client

from indicators.models import Indikator
from lkip.models import Pemda
from reports.dashboard import versi
from rpjmd.models import SasaranPemda, TautanSasaran
from tests.reports.agencies import DISHUB, impor_xlsx, xlsx_bytes
from tests.reports.alur_data import make_user
from tests.rpjmd.pemda_workbook import KODE, import_pemda

pytestmark = pytest.mark.django_db

DINKES = "Dinas Kesehatan Kabupaten Sukamaju"
DISHUB_NAMA = "Dinas Perhubungan Kabupaten Sukamaju"


@pytest.fixture
def inspektorat():
    assert import_pemda().ok
    # A second agency of the same pemda, through its own workbook, with no IKU linked yet.
    sheets = copy.deepcopy(DISHUB)
    row = sheets["Perangkat_Daerah"][1]
    row[0], row[1], row[2], row[3] = (
        "dishub-kab-sukamaju",
        DISHUB_NAMA,
        "Pemerintah Kabupaten Sukamaju",
        "Sukamaju",
    )
    result = impor_xlsx(xlsx_bytes(sheets))
    assert result.ok, [str(m) for m in result.errors]
    versi._TERAKHIR.clear()
    c = Client()
    c.force_login(make_user("insp.sukamaju", "inspektorat", pemda=Pemda.objects.get(kode=KODE)))
    return c


def _sasaran(kode: str) -> SasaranPemda:
    return SasaranPemda.objects.get(rpjmd__pemda__kode=KODE, kode=kode)


def _baris(html: str) -> list[str]:
    return [n for n in (DINKES, DISHUB_NAMA) if f">{n}</a>" in html]


class SasaranFilterTests:
    def test_the_filter_lists_the_pemdas_rpjmd_sasaran(self, inspektorat):
        html = inspektorat.get("/dasbor/?tahun=2025").content.decode()
        assert "Sasaran pemda" in html
        s1, s2 = _sasaran("S1"), _sasaran("S2")
        assert f'<option value="{s1.pk}">S1 Meningkatnya kualitas pembangunan manusia' in html
        assert f'<option value="{s2.pk}">S2 ' in html
        assert _baris(html) == [DINKES, DISHUB_NAMA]

    def test_choosing_a_sasaran_keeps_only_the_agencies_whose_iku_are_linked_to_it(
        self, inspektorat
    ):
        r = inspektorat.get(f"/dasbor/?tahun=2025&sasaran={_sasaran('S1').pk}")
        assert r.status_code == 200
        assert _baris(r.content.decode()) == [DINKES]
        r = inspektorat.get(f"/dasbor/?tahun=2025&sasaran={_sasaran('S2').pk}")
        assert _baris(r.content.decode()) == []

    def test_a_link_added_later_shows_on_the_filtered_dashboard_at_once(self, inspektorat):
        url = f"/dasbor/?tahun=2025&sasaran={_sasaran('S2').pk}"
        assert _baris(inspektorat.get(url).content.decode()) == []
        iku = Indikator.objects.filter(opd__kode="dishub-kab-sukamaju", kode="IKU-1").get()
        TautanSasaran.objects.create(indikator=iku, sasaran=_sasaran("S2"))
        versi._TERAKHIR.clear()  # as once the 1 s reuse of the data version has passed
        assert _baris(inspektorat.get(url).content.decode()) == [DISHUB_NAMA]

    def test_a_sasaran_of_another_pemda_or_not_a_sasaran_is_refused_with_a_message(
        self, inspektorat
    ):
        r = inspektorat.get("/dasbor/?tahun=2025&sasaran=999999")
        assert r.status_code == 400
        html = r.content.decode()
        assert "Sasaran pemda" in html and "bukan sasaran RPJMD pemda ini" in html
