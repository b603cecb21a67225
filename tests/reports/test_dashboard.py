"""Dashboards: the figures they show, read-only access, bad input, and the walk an Inspektorat
takes."""

import io
import re
from datetime import date, datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.utils import timezone
from openpyxl import load_workbook

from budget.models import Anggaran
from demo.opd import DEMO_PASSWORD
from lkip import formulas
from lkip.models import Pemda, Penugasan
from reports.dashboard import selectors
from reports.dashboard.versi import kosongkan_lokal, versi_data
from reports.health import ERROR, periksa
from reports.models import LaporanTahunan, RiwayatStatus, StatusLaporan
from targets.capaian import capaian_opd
from targets.models import Realisasi
from tests.factories import make_anggaran, make_indikator, make_opd, make_realisasi, make_target

pytestmark = pytest.mark.django_db

PEMDA_URL = "/dasbor/"
OPD_URL = "/dasbor/opd/dinsos-kota-bekasi/2024/"


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    kosongkan_lokal()
    yield
    cache.clear()
    kosongkan_lokal()


def login(client, username):
    assert client.login(username=username, password=DEMO_PASSWORD)


def row_of(html: str, name: str) -> str:
    """The table row (<tr>…</tr>) of the agency with this name."""
    match = re.search(r"<tr[^>]*>(?:(?!</tr>).)*?" + re.escape(name) + r".*?</tr>", html, re.S)
    assert match, f"{name} not in the table"
    return match.group(0)


def text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


class PemdaDashboardTests:
    def test_the_inspektorat_sees_every_agency_of_its_pemda_with_figures_from_the_formulas(
        self, demo, client
    ):
        make_opd("dinas-baru-bekasi", pemda=demo.pemda, nama="Dinas Baru Kota Bekasi")
        login(client, "inspektorat.bekasi")
        response = client.get(PEMDA_URL + "?tahun=2024")
        assert response.status_code == 200
        row = text(row_of(response.text, "Dinas Sosial Kota Bekasi"))
        caps = [c.capaian_dibatasi for c in capaian_opd(demo, 2024) if c.indikator.tingkat == "iku"]
        average = formulas.agregasi_tahunan(caps, formulas.Agregasi.RATA_RATA)
        assert formulas.format_persen(average) in row  # (100,04 + 116,09 + 242,82 + 100) / 4
        assert "139,74%" in row and "Sangat Tinggi" in row
        assert "89,73%" in row  # serapan = 27.935.447.177 / 31.132.479.236
        assert "100,00% (4 dari 4)" in row
        errors = sum(1 for t in periksa(demo, 2024) if t.tingkat == ERROR)
        assert f"{errors} kesalahan" in row
        assert "Draf" in row
        assert "belum ada data" in text(row_of(response.text, "Dinas Baru Kota Bekasi"))

    def test_the_default_year_is_the_latest_year_with_realisations(self, demo, client):
        login(client, "inspektorat.bekasi")
        html = client.get(PEMDA_URL).text
        assert re.search(r'<option value="2024" selected>', html)
        assert "tahun 2024" in html

    def test_a_kepala_dinas_sees_only_their_own_agency(self, demo, client):
        make_opd("dinas-baru-bekasi", pemda=demo.pemda, nama="Dinas Baru Kota Bekasi")
        login(client, "kepala.dinsos")
        html = client.get(PEMDA_URL).text
        assert "Dinas Sosial Kota Bekasi" in html
        assert "Dinas Baru Kota Bekasi" not in html
        assert client.get("/dasbor/opd/dinas-baru-bekasi/2024/").status_code == 404

    def test_a_user_without_assignment_is_told_so(self, db, client, django_user_model):
        user = django_user_model.objects.create_user("tanpa.tugas", password="rahasia-tanpa-123")
        user.groups.add(Group.objects.get(name="Inspektorat"))
        client.force_login(user)
        response = client.get(PEMDA_URL)
        assert response.status_code == 200
        assert "belum ditugaskan" in response.text

    def test_filters_narrow_the_rows_and_the_totals(self, demo, client):
        make_opd("dinas-baru-bekasi", pemda=demo.pemda, nama="Dinas Baru Kota Bekasi")
        login(client, "inspektorat.bekasi")
        cases = {
            "kategori=Sangat+Tinggi": (True, False),
            "kategori=kosong": (False, True),
            "status=draf": (True, True),
            "status=diajukan": (False, False),
            "galat=ada": (True, False),
            "galat=tidak": (False, True),
            "nama=baru": (False, True),
            "serapan=90%E2%80%93100%25": (False, False),
            "serapan=75%E2%80%93%3C+90%25": (True, False),
        }
        for query, (sosial, baru) in cases.items():
            html = client.get(f"{PEMDA_URL}?tahun=2024&{query}").text
            assert ("Dinas Sosial Kota Bekasi</a>" in html) is sosial, query
            assert ("Dinas Baru Kota Bekasi</a>" in html) is baru, query
        html = client.get(f"{PEMDA_URL}?tahun=2024&nama=tidak-ada").text
        assert "Tidak ada perangkat daerah yang cocok" in html

    def test_sorting_keeps_agencies_without_data_last_in_both_directions(self, demo, client):
        make_opd("dinas-baru-bekasi", pemda=demo.pemda, nama="Dinas A Tanpa Data")
        other = make_opd("dinas-c-bekasi", pemda=demo.pemda, nama="Dinas C Bekasi")
        make_anggaran(other, "1.06.07", 100, 99)
        login(client, "inspektorat.bekasi")
        for sort in ("serapan", "-serapan"):
            html = client.get(f"{PEMDA_URL}?tahun=2024&sort={sort}").text
            order = [
                html.index(n + "</a>")
                for n in ("Dinas Sosial Kota Bekasi", "Dinas C Bekasi", "Dinas A Tanpa Data")
            ]
            if sort == "serapan":
                assert order[0] < order[1] < order[2]  # 89,73% before 99,00%
            else:
                assert order[1] < order[0] < order[2]
            assert 'aria-sort="' in html

    @pytest.mark.parametrize(
        "query, message",
        [
            ("tahun=abc", "Tahun: “abc” tidak tersedia"),
            ("tahun=1999", "Tahun: “1999” tidak tersedia"),
            ("page=-1", "Halaman: paling kecil 1."),
            ("page=abc", "Halaman: harus berupa bilangan bulat."),
            ("page=99", "Halaman: halaman 99 tidak ada; hanya ada 1 halaman."),
            ("sort=zzz", "Urutan: “zzz” bukan kolom urutan"),
            ("kategori=zzz", "Kategori rata-rata capaian: “zzz” bukan kategori"),
            ("status=selesai", "Status LKIP: “selesai” bukan status LKIP"),
            ("per_page=0&galat=mungkin", "Kesalahan data: “mungkin” bukan pilihan"),
        ],
    )
    def test_filter_values_that_make_no_sense_are_form_errors_naming_the_field(
        self, demo, client, query, message
    ):
        login(client, "inspektorat.bekasi")
        for url in (PEMDA_URL, "/dasbor/dasbor-pemda.xlsx"):
            response = client.get(f"{url}?{query}")
            assert response.status_code == 400, url
            assert message in text(response.text), url
            assert "Isian saringan belum benar" in response.text

    def test_the_xlsx_export_has_the_rows_shown_in_their_order_with_numbers_as_numbers(
        self, demo, client
    ):
        other = make_opd("dinas-c-bekasi", pemda=demo.pemda, nama="=Dinas C Bekasi")
        make_anggaran(other, "1.06.07", 100, 99)
        login(client, "inspektorat.bekasi")
        response = client.get("/dasbor/dasbor-pemda.xlsx?tahun=2024&sort=-serapan")
        assert response.status_code == 200
        assert "attachment" in response["Content-Disposition"]
        ws = load_workbook(io.BytesIO(response.content)).active
        headers = [c.value for c in ws[3]]
        names = [ws.cell(r, 2).value for r in range(4, ws.max_row + 1)]
        assert names == ["=Dinas C Bekasi", "Dinas Sosial Kota Bekasi"]
        assert ws.cell(4, 2).data_type == "s"  # a name starting with "=" stays text
        serapan = ws.cell(5, headers.index("Serapan (%)") + 1)
        assert serapan.value == pytest.approx(
            float(formulas.serapan(Decimal("31132479236"), Decimal("27935447177")) / 100)
        )
        assert serapan.number_format == "0.00%"
        assert ws.cell(4, headers.index("Rata-rata capaian (%)") + 1).value == "belum ada data"

    def test_totals_and_distributions_are_shown_with_charts(self, demo, client):
        make_opd("dinas-baru-bekasi", pemda=demo.pemda, nama="Dinas Baru Kota Bekasi")
        login(client, "inspektorat.bekasi")
        html = client.get(PEMDA_URL + "?tahun=2024").text
        cards = text(html[html.index('class="kartu-ringkas"') : html.index('class="grafik-grid"')])
        assert "Perangkat daerah 2 1 dengan data" in cards
        assert "IKU terukur 4 dari 4 IKU" in cards
        assert "Serapan anggaran 89,73%" in cards
        assert html.count("<svg") == 4
        assert "aria-label='Jumlah perangkat daerah per kategori rata-rata capaian'" in html


class AgencyDashboardTests:
    def test_the_demo_agency_shows_its_iku_budget_findings_and_status(self, demo, client):
        login(client, "inspektorat.bekasi")
        response = client.get(OPD_URL)
        assert response.status_code == 200
        html = text(response.text)
        assert "Persentase PPKS binaan yang mandiri" in html and "242,82% Sangat Tinggi" in html
        assert (
            "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota 1.06.01 Rp13.609.617.940 "
            "Rp12.329.804.929 90,60%" in html
        )
        assert "Jumlah Rp31.132.479.236 Rp27.935.447.177 89,73%" in html
        assert "149,99% efisien; serapan 92,83%" in html  # V1 = 242,82 − 92,83 for the PPKS IKU
        assert (
            "VR-BUD-1" in html
            and "serapan anggaran (%) tercetak 90,06, dihitung dari data 90,60%." in html
        )
        assert "Draf" in html and "belum ada riwayat alur kerja" in html
        assert 'href="/laporan/dinsos-kota-bekasi/2024/"' in response.text

    def test_the_workflow_status_and_its_history_are_shown(self, demo, client):
        laporan = LaporanTahunan.objects.get(opd=demo, tahun=2024)
        perencana = Penugasan.objects.get(user__username="perencana.dinsos").user
        laporan.status, laporan.status_sejak = (
            StatusLaporan.DIAJUKAN,
            timezone.make_aware(datetime(2025, 1, 21, 9, 5)),
        )
        laporan.save()
        step = RiwayatStatus.objects.create(
            laporan=laporan,
            dari="draf",
            ke="diajukan",
            aksi="ajukan",
            oleh=perencana,
            alasan="Siap direviu.",
        )
        RiwayatStatus.objects.filter(pk=step.pk).update(waktu=laporan.status_sejak)
        login(client, "kepala.dinsos")
        html = text(client.get(OPD_URL).text)
        assert "Diajukan sejak 21 Januari 2025" in html
        assert (
            "21 Januari 2025 09.05" in html
            and "Siap direviu." in html
            and "(Draf → Diajukan)" in html
        )

    def test_quarters_without_realisation_are_flagged_and_future_quarters_are_not(
        self, db, client, django_user_model
    ):
        opd = make_opd("dinas-tw")
        ind = make_indikator(opd, "IKU-1", agregasi="terakhir")
        for year in (2024, 2026):
            for q in (1, 2, 3, 4):
                make_target(ind, 80, tahun=year, periode=q)
            make_realisasi(ind, 70, tahun=year, periode=1)
            make_realisasi(ind, 75, tahun=year, periode=3)
        user = django_user_model.objects.create_user("kepala.tw", password="rahasia-tw-12345")
        user.groups.add(Group.objects.get(name="Kepala Dinas"))
        Penugasan.objects.create(user=user, pemda=opd.pemda, opd=opd)
        client.force_login(user)
        data = selectors.dasbor_opd(opd, 2024, versi_data(), hari_ini=date(2026, 5, 2))
        assert [t.keadaan for t in data.iku[0].triwulan] == [
            "terisi",
            "belum-diisi",
            "terisi",
            "belum-diisi",
        ]
        assert data.triwulan_kosong == 2
        # In May 2026 only TW I is over: TW II is not yet due, TW IV neither.
        data = selectors.dasbor_opd(opd, 2026, versi_data(), hari_ini=date(2026, 5, 2))
        assert [t.keadaan for t in data.iku[0].triwulan] == [
            "terisi",
            "belum-berakhir",
            "terisi",
            "belum-berakhir",
        ]
        html = client.get("/dasbor/opd/dinas-tw/2024/").text
        assert html.count("belum ada realisasi") == 2
        assert "93,75%" in html  # TERAKHIR: 75 of 80

    def test_efficiency_per_iku_comes_from_its_linked_budget_lines(self, db):
        opd = make_opd("dinas-efisien")
        ind = make_indikator(opd, "IKU-1")
        make_target(ind, 80)
        make_realisasi(ind, 88)
        program = make_anggaran(opd, "1.06.04", 1000, 900)
        kegiatan = make_anggaran(opd, "1.06.04.2.01", 1000, 900)
        sub = make_anggaran(opd, "1.06.04.2.01.0001", 400, 380)
        kegiatan.indikator.add(ind)
        sub.indikator.add(ind)  # its ancestor is linked too: counted once, through the kegiatan
        row = selectors.dasbor_opd(opd, 2024, versi_data()).iku[0]
        assert row.serapan == Decimal(90)
        assert row.efisiensi == formulas.efisiensi(Decimal(110), Decimal(90))
        assert row.kualifikasi == "efisien"
        assert program.pk

    def test_an_agency_with_no_data_for_the_year_says_so_instead_of_zeros(self, demo, client):
        login(client, "inspektorat.bekasi")
        html = client.get("/dasbor/opd/dinsos-kota-bekasi/2026/").text
        assert "Belum ada data untuk tahun 2026." in html
        assert "0,00%" not in html and "Rp0" not in html

    @pytest.mark.parametrize(
        "url",
        [
            "/dasbor/opd/tidak-ada/2024/",
            "/dasbor/opd/dinsos-kota-bekasi/1999/",
            "/dasbor/opd/dinsos-kota-bekasi/99999999999999999999/",
            "/dasbor/opd/dinsos-kota-bekasi/2024/indikator/IKU-99/",
            "/dasbor/opd/dinsos-kota-bekasi/2024/program/1.06.99/",
            "/dasbor/opd/dinsos-kota-bekasi/2024/program/bukan-kode/",
            "/dasbor/opd/dinsos-kota-bekasi/2024/program/1.06.04.2.01/",
        ],
    )
    def test_an_unknown_agency_year_indicator_or_program_is_a_404_in_indonesian(
        self, demo, client, url
    ):
        login(client, "inspektorat.bekasi")
        response = client.get(url)
        assert response.status_code == 404
        assert "Halaman tidak ditemukan" in response.text

    def test_staff_of_another_pemda_cannot_reach_the_dashboard_by_changing_the_url(
        self, demo, client, django_user_model
    ):
        other = make_opd("dinas-lain", pemda=Pemda.objects.create(nama="Pemerintah Kota Lain"))
        user = django_user_model.objects.create_user("inspektorat.lain", password="rahasia-123-xyz")
        user.groups.add(Group.objects.get(name="Inspektorat"))
        Penugasan.objects.create(user=user, pemda=other.pemda)
        client.force_login(user)
        assert client.get(OPD_URL).status_code == 404
        assert "Dinas Sosial" not in client.get(PEMDA_URL).text


class YearOnYearTests:
    def test_an_iku_over_the_renstra_period_and_the_year_before_against_renstra_targets(
        self, demo, client
    ):
        login(client, "inspektorat.bekasi")
        response = client.get(OPD_URL + "indikator/IKU-3/")
        assert response.status_code == 200
        html = text(response.text)
        for year in ("2023 (sebelum Renstra)", "2024", "2025", "2026"):
            assert year in html
        assert "12,14%" in html and "242,82% Sangat Tinggi" in html
        assert "target akhir 7%" in html
        assert "<svg" in response.text and "Target Renstra" in html
        assert 'href="/laporan/dinsos-kota-bekasi/2024/#iku-iku-3"' in response.text

    def test_a_program_over_the_years_with_its_budget(self, demo, client):
        make_anggaran(demo, "1.06.04", 4_000_000_000, 3_500_000_000, tahun=2025)
        login(client, "inspektorat.bekasi")
        html = text(client.get(OPD_URL + "program/1.06.04/").text)
        assert "2024 Rp4.653.328.000 Rp4.259.258.784 91,53%" in html
        assert "2025 Rp4.000.000.000 Rp3.500.000.000 87,50%" in html


DASHBOARD_URLS = [
    PEMDA_URL,
    "/dasbor/dasbor-pemda.xlsx?tahun=2024",
    OPD_URL,
    OPD_URL + "indikator/IKU-1/",
    OPD_URL + "program/1.06.04/",
]


class ReadOnlyTests:
    @pytest.mark.parametrize(
        "username", ["inspektorat.bekasi", "kepala.dinsos", "perencana.dinsos", "admin.pemda"]
    )
    def test_a_write_request_is_refused_whoever_sends_it(self, demo, client, username):
        login(client, username)
        for url in DASHBOARD_URLS:
            assert client.get(url).status_code == 200, url
            for method in (client.post, client.put, client.patch, client.delete):
                response = method(url, {"tahun": "2024"})
                assert response.status_code == 405, (method, url)
                assert response["Allow"] == "GET, HEAD"
        assert Realisasi.objects.filter(indikator__opd=demo).count() == 14

    def test_no_dashboard_renders_a_form_that_writes(self, demo, client):
        for username in ("inspektorat.bekasi", "perencana.dinsos"):
            login(client, username)
            for url in DASHBOARD_URLS[:1] + DASHBOARD_URLS[2:]:
                html = client.get(url).text
                forms = re.findall(r"<form[^>]*>", html)
                writing = [
                    f for f in forms if 'method="post"' in f and 'action="/keluar/"' not in f
                ]
                assert not writing, (username, url, writing)
                assert "<textarea" not in html and "/narasi/" not in html

    def test_an_anonymous_visitor_is_sent_to_the_login_page(self, demo, client):
        for url in DASHBOARD_URLS:
            response = client.get(url)
            assert response.status_code == 302 and response["Location"].startswith("/masuk/")

    def test_the_inspektorat_cannot_change_data_elsewhere_either(self, demo, client):
        login(client, "inspektorat.bekasi")
        assert (
            client.post(
                "/laporan/dinsos-kota-bekasi/2024/narasi/latar_belakang/", {"teks": "x"}
            ).status_code
            == 403
        )


class AccessTests:
    def test_losing_the_role_takes_effect_on_the_next_request(
        self, demo, client, django_user_model
    ):
        login(client, "inspektorat.bekasi")
        assert client.get(OPD_URL).status_code == 200
        django_user_model.objects.get(username="inspektorat.bekasi").groups.clear()
        response = client.get(OPD_URL)
        assert response.status_code == 403 and "Akses ditolak" in response.text

    def test_a_changed_assignment_takes_effect_on_the_next_request(self, demo, client):
        other = make_opd("dinas-lain-bekasi", pemda=demo.pemda, nama="Dinas Lain Kota Bekasi")
        login(client, "kepala.dinsos")
        assert client.get(OPD_URL).status_code == 200
        penugasan = Penugasan.objects.get(user__username="kepala.dinsos")
        penugasan.opd = other
        penugasan.save()
        assert client.get(OPD_URL).status_code == 404
        assert client.get("/dasbor/opd/dinas-lain-bekasi/2024/").status_code == 200


class WalkTests:
    def test_the_inspektorat_goes_from_the_pemda_to_an_agency_its_iku_its_report_and_back(
        self, demo, client
    ):
        login(client, "inspektorat.bekasi")
        home = client.get("/").text
        pemda_href = re.search(r'href="(/dasbor/)"', home).group(1)
        pemda = client.get(pemda_href)
        assert pemda.status_code == 200
        agency_href = re.search(
            r'<a href="(/dasbor/opd/dinsos-kota-bekasi/2024/)">Dinas Sosial Kota Bekasi</a>',
            pemda.text,
        ).group(1)
        agency = client.get(agency_href)
        assert agency.status_code == 200
        iku_href = re.search(
            r'<a href="([^"]+/indikator/IKU-3/)">Persentase PPKS binaan yang mandiri</a>',
            agency.text,
        ).group(1)
        iku = client.get(iku_href)
        assert iku.status_code == 200 and "Dari tahun ke tahun" in iku.text
        report_href = re.search(
            r'href="(/laporan/dinsos-kota-bekasi/2024/)#iku-iku-3"', iku.text
        ).group(1)
        report = client.get(report_href)
        assert report.status_code == 200 and "242,82%" in report.text
        # Back: the breadcrumb of the IKU page leads to the agency and to the pemda dashboard.
        back = re.search(
            r'<a href="(/dasbor/opd/dinsos-kota-bekasi/2024/)">Dinas Sosial Kota Bekasi 2024</a>',
            iku.text,
        ).group(1)
        assert client.get(back).status_code == 200
        up = re.search(r'<a href="(/dasbor/\?tahun=2024)">Dasbor kinerja</a>', iku.text).group(1)
        assert "Dinas Sosial Kota Bekasi" in client.get(up).text


class CacheTests:
    def test_the_dashboards_show_a_change_as_soon_as_it_is_saved(self, demo, client):
        login(client, "inspektorat.bekasi")
        assert "242,82%" in client.get(OPD_URL).text
        before = versi_data()
        real = Realisasi.objects.get(
            indikator__opd=demo, indikator__kode="IKU-3", tahun=2024, periode=0
        )
        real.pembilang = Decimal("12532.6")  # 10% of 125.326 → capaian 200%
        real.save()
        assert versi_data() != before
        assert "200,00%" in client.get(OPD_URL).text
        assert "242,82%" not in client.get(PEMDA_URL + "?tahun=2024").text

    def test_a_cache_entry_that_cannot_be_read_is_recomputed_not_a_500(
        self, demo, client, monkeypatch
    ):
        from reports.dashboard import versi

        def broken(key, *args, **kwargs):
            raise AttributeError(
                "Can't get attribute 'BarisLama' on <module 'reports.dashboard.struktur'>"
            )

        monkeypatch.setattr(versi.cache, "get", broken)
        login(client, "inspektorat.bekasi")
        assert "242,82%" in client.get(OPD_URL).text
        assert client.get(PEMDA_URL).status_code == 200

    def test_bulk_written_rows_change_the_data_version_too(self, demo):
        before = versi_data()
        Anggaran.objects.bulk_create(
            [
                Anggaran(
                    opd=demo,
                    tahun=2025,
                    nomenklatur=Anggaran.objects.first().nomenklatur,
                    pagu_murni=Decimal(1),
                    realisasi=Decimal(0),
                )
            ]
        )
        assert versi_data() != before

    def test_within_a_second_the_version_is_reused_but_a_write_in_this_process_forgets_it(
        self, demo, monkeypatch
    ):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        from reports.dashboard import versi

        first = versi_data(maks_umur=60)
        with CaptureQueriesContext(connection) as queries:
            assert versi_data(maks_umur=60) == first
        assert len(queries) == 0
        real = Realisasi.objects.get(
            indikator__opd=demo, indikator__kode="IKU-3", tahun=2024, periode=0
        )
        real.pembilang = Decimal("12532.6")
        real.save()
        assert versi_data(maks_umur=60) != first
        # A write in another process is not signalled here: it shows once the reused version is too
        # old.
        versi._TERAKHIR["default"] = (versi._TERAKHIR["default"][0] - 61, first)
        assert versi_data(maks_umur=60) != first

    def test_after_a_write_request_this_process_reads_the_version_afresh_even_after_bulk_writes(
        self, demo, client
    ):
        from reports.dashboard import versi

        before = versi_data(maks_umur=60)
        Anggaran.objects.bulk_create(
            [
                Anggaran(  # as the workbook import writes: no model signal
                    opd=demo,
                    tahun=2025,
                    nomenklatur=Anggaran.objects.first().nomenklatur,
                    pagu_murni=Decimal(1),
                    realisasi=Decimal(0),
                )
            ]
        )
        assert versi_data(maks_umur=60) == before  # reused: nothing told this process
        client.post("/keluar/")  # any request that may write, as the import's apply is
        assert not versi._TERAKHIR
        assert versi_data(maks_umur=60) != before

    def test_forgetting_the_version_keeps_djangos_fast_delete_for_unaudited_tables(self, demo):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        from lkip.models import SdmKomposisi

        assert SdmKomposisi.objects.filter(opd=demo).exists()
        with CaptureQueriesContext(connection) as queries:
            SdmKomposisi.objects.filter(opd=demo).delete()
        assert len(queries) == 1  # one DELETE, not a fetch of every row to signal it


class ChartTests:
    def test_charts_are_well_formed_svg_with_every_value_and_category_as_text(self):
        import xml.etree.ElementTree as ET

        from reports import charts

        svgs = [
            charts.distribusi(
                [("Sangat Tinggi", 23, "sangat-tinggi"), ("Belum ada data", 0, "kosong")],
                "Per kategori",
            ),
            charts.sebaran(
                [("Dinas <A> & B", Decimal("95.5"), Decimal("142.1"), "sangat-tinggi")], "Sebaran"
            ),
            charts.tren_tahunan(
                [
                    ("2023", Decimal(84), None, False),
                    ("2024", None, Decimal(87), True),
                    ("2025", Decimal("83.89"), Decimal(90), True),
                ],
                "Tren",
                "%",
            ),
            charts.serapan_triwulan([("TW I", Decimal("12.7")), ("TW II", None)], "Serapan"),
            charts.anggaran_tahunan(
                [("2024", Decimal(27_008_148_000), Decimal(24_281_804_000))], "Anggaran"
            ),
        ]
        for svg in svgs:
            root = ET.fromstring(svg)
            assert root.get("role") == "img" and root.get("aria-label")
        texts = " ".join(
            t.text or "" for t in ET.fromstring(svgs[0]).iter("{http://www.w3.org/2000/svg}text")
        )
        assert "23" in texts and "Sangat" in texts and "Belum ada" in texts
        assert "Dinas &lt;A&gt; &amp; B" in svgs[1]  # names are escaped
        assert "83,89%" in svgs[2] and "belum ada" in svgs[3] and "27.008" in svgs[4]

    def test_a_chart_without_values_is_empty_rather_than_broken(self):
        from reports import charts

        assert (
            charts.sebaran([], "x") == ""
            and charts.tren_tahunan([("2024", None, None, True)], "x") == ""
        )
        assert (
            charts.distribusi([], "x") == ""
            and charts.anggaran_tahunan([("2024", None, None)], "x") == ""
        )
