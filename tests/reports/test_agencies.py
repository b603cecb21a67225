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


class IndicatorKindTests:
    def test_a_quarter_only_indicator_shows_its_annual_value_and_says_where_it_comes_from(self):
        kode, tahun = import_agency("dinkes")
        laporan = build_laporan(kode, tahun)
        (table,) = [t for t in laporan.semua_tabel() if "Pemenuhan Upaya Kesehatan" in t.judul]
        row = next(
            r for r in table.baris if any(c.teks == "Jumlah posyandu aktif di Sukamaju" for c in r)
        )
        texts = [c.teks for c in row]
        assert "120" in texts and "92" in texts  # targets 4 × 30, realisations 28 + 31 + 33
        assert any("dihitung dari realisasi triwulan I–III (jumlah)" in n for n in table.catatan)

    def test_a_negative_polarity_indicator_is_marked_in_the_tables_and_explained_in_words(self):
        kode, tahun = import_agency("dishub")
        laporan = build_laporan(kode, tahun)
        (capaian,) = [
            t for t in laporan.semua_tabel() if t.judul.startswith("Capaian Kinerja Dinas")
        ]
        assert any(
            "berpolaritas negatif" in n and "(2T − R) / T × 100" in n for n in capaian.catatan
        )
        assert any("T / R × 100" in n for n in capaian.catatan)
        (program,) = [
            t
            for t in laporan.semua_tabel()
            if "Lalu Lintas" in t.judul and t.judul.startswith("Capaian Kinerja dan Realisasi")
        ]
        assert any(c.teks.endswith("\u2193") for r in program.baris for c in r)
        html = teks_html(render_html(laporan))
        assert "turun dibanding tahun 2024 (4,9) (membaik, karena makin rendah makin baik)" in html

    def test_every_program_indicator_has_its_own_analysis_sentence(self):
        kode, tahun = import_agency("kesbang")
        html = teks_html(render_html(build_laporan(kode, tahun)))
        assert (
            "Indikator program Persentase ormas yang aktif melapor keberadaannya terealisasi 80%"
            in html
        )
        assert (
            "Tingkat partisipasi pemilih pemula bertarget 68%, tetapi realisasi tahun 2026 belum"
            in html
        )
        assert (
            "Jumlah forum kewaspadaan dini yang aktif terealisasi 14, tetapi target tahun 2026"
            in html
        )
