"""Agencies of other shapes than the demo, built only through the exchange workbook: every
indicator and every program of each workbook is in its report, on paper inside the margins."""

import pytest

from reports.laporan import build_laporan, render_html, render_pdf
from tests.reports.agencies import AGENCIES, import_agency, indicators_of, programs_of
from tests.reports.cetak import di_luar_bidang_teks, normal, teks_html, teks_pdf

pytestmark = pytest.mark.django_db

SHAPES = sorted(AGENCIES)


@pytest.mark.parametrize("agency", SHAPES)
class AgencyReportTests:
    def test_every_indicator_and_every_program_of_the_workbook_is_in_the_html_and_the_pdf(
        self, agency
    ):
        kode, tahun = import_agency(agency)
        laporan = build_laporan(kode, tahun)
        html = normal(teks_html(render_html(laporan)))
        pdf = normal(teks_pdf(render_pdf(laporan)))
        for name in indicators_of(agency) + programs_of(agency):
            assert normal(name) in html, f"HTML: {name}"
            assert normal(name) in pdf, f"PDF: {name}"

    def test_no_character_of_the_pdf_lies_outside_the_text_area(self, agency):
        kode, tahun = import_agency(agency)
        halaman, di_luar = di_luar_bidang_teks(render_pdf(build_laporan(kode, tahun)))
        assert halaman > 10
        assert di_luar == [], "\n".join(map(str, di_luar))

    def test_an_indicator_with_only_a_target_or_only_a_realisation_is_a_data_health_warning(
        self, agency
    ):
        kode, tahun = import_agency(agency)
        laporan = build_laporan(kode, tahun)
        sepihak = {
            "dinkes": {"Indikator ISK-2"},
            "dishub": set(),
            "kesbang": {"Indikator IP-2", "Indikator IP-3"},
        }[agency]
        assert {t.lokasi for t in laporan.temuan if t.aturan == "VR-DATA-2"} == sepihak
