"""The LKIP report: every number from stored data, built with constant queries, rendered with
none."""

import io
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook
from pypdf import PdfReader

from budget.models import Anggaran
from lkip import formulas
from reports.laporan import (
    LaporanTidakDitemukan,
    build_laporan,
    render_docx,
    render_html,
    render_pdf,
    render_xlsx,
)
from reports.models import NarasiLaporan
from tests.factories import make_anggaran, make_indikator, make_opd, make_target

pytestmark = pytest.mark.django_db

RECOMPUTED = [
    "242,82",
    "116,09",
    "89,73",
    "90,60",
    "61,03",
    "4.829.489.225",
    "31.132.479.236",
    "24.481.589.484",
]


def pdf_text(pdf: bytes) -> str:
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return re.sub(r"[ \t]+", " ", text)


def body_of(text: str) -> str:
    """The report without the draft's data-health appendix (which quotes the seed's wrong
    figures)."""
    return text.rsplit("Temuan Pemeriksaan Kesehatan Data (hanya pada draf)", 1)[0]


class ReportPdfTests:
    def test_the_pdf_shows_the_recomputed_figures_and_its_tables_match_the_database(self, demo):
        laporan = build_laporan("dinsos-kota-bekasi", 2024)
        pdf = render_pdf(laporan)
        assert pdf.startswith(b"%PDF")
        text = pdf_text(pdf)
        body = body_of(text)
        for figure in RECOMPUTED:
            assert figure in body, figure
        # The seed's wrong figures are not shown where the report prints them.
        assert "90,06" not in body
        assert not re.search(r"\b240(,00)?%", body)
        assert "4.8294.89.225" not in body
        # Every program row of the budget tables comes from the database.
        for line in Anggaran.objects.filter(opd=demo, tahun=2024, nomenklatur__tingkat="program"):
            assert formulas.format_angka(line.pagu, 0) in body
            assert formulas.format_angka(line.realisasi, 0) in body
            assert formulas.format_persen(line.serapan) in body
        # The footer and the running header are on the pages.
        assert f"Halaman 2 dari {len(PdfReader(io.BytesIO(pdf)).pages)}" in text
        assert "terbilang" not in body  # the words themselves, not the word "terbilang"
        assert (
            "tiga puluh satu miliar seratus tiga puluh dua juta empat ratus tujuh puluh sembilan "
            "ribu dua ratus tiga puluh enam rupiah" in " ".join(body.split())
        )

    def test_a_pdf_a_3b_variant_can_be_written_for_archiving(self, demo):
        pdf = render_pdf(build_laporan("dinsos-kota-bekasi", 2024), pdf_variant="pdf/a-3b")
        root = PdfReader(io.BytesIO(pdf)).trailer["/Root"]
        xmp = root["/Metadata"].get_object().get_data()
        assert b"pdfaid:part>3<" in xmp or b'pdfaid:part="3"' in xmp
        assert b"pdfaid:conformance>B<" in xmp or b'pdfaid:conformance="B"' in xmp
        assert "/OutputIntents" in root


class ReportQueryTests:
    def build_queries(self) -> int:
        with CaptureQueriesContext(connection) as ctx:
            build_laporan("dinsos-kota-bekasi", 2024)
        return len(ctx.captured_queries)

    def test_building_runs_a_constant_number_of_queries(self, demo):
        before = self.build_queries()
        # Many more indicators, targets and budget lines must not add queries.
        sasaran = demo.renstra_set.get().sasaran_set.first()
        for k in range(15):
            ind = make_indikator(demo, kode=f"IKU-X{k}", sasaran=sasaran)
            make_target(ind, 10)
            make_anggaran(demo, f"1.06.04.2.01.{9000 + k:04d}", 100 + k, 50)
        assert self.build_queries() == before

    def test_rendering_runs_no_query(self, demo, django_assert_num_queries):
        laporan = build_laporan("dinsos-kota-bekasi", 2024)
        with django_assert_num_queries(0):
            render_html(laporan)
            render_xlsx(laporan)


class ReportContentTests:
    def test_tables_are_numbered_per_chapter_without_gaps(self, demo):
        tables = build_laporan("dinsos-kota-bekasi", 2024).semua_tabel()
        by_chapter: dict[str, list[int]] = {}
        for t in tables:
            chapter, seq = t.nomor.split(".")
            by_chapter.setdefault(chapter, []).append(int(seq))
        assert list(by_chapter) == ["1", "2", "3", "L"]
        for seqs in by_chapter.values():
            assert seqs == list(range(1, len(seqs) + 1))
        assert all(t.sumber for t in tables)

    def test_the_efficiency_table_totals_the_linked_lines_with_the_formula_below(self, demo):
        html = render_html(build_laporan("dinsos-kota-bekasi", 2024))
        assert "9.604.306.296" in html and "8.915.908.979" in html and "92,83%" in html
        assert "149,99%" in html  # PPKS: 242,82 − 92,83
        assert "Tingkat efisiensi = capaian kinerja (%) − serapan anggaran (%)" in html

    def test_the_renstra_comparison_uses_the_final_renstra_year(self, demo):
        html = render_html(build_laporan("dinsos-kota-bekasi", 2024))
        assert "Target akhir Renstra (tahun 2026) sebesar 7%" in html
        assert "173,44%" in html  # 12,14 / 7

    def test_the_seven_analyses_are_there_for_every_iku(self, demo):
        laporan = build_laporan("dinsos-kota-bekasi", 2024)
        html = render_html(laporan)
        for heading in [
            "a. Perbandingan target dan realisasi tahun ini",
            "b. Perbandingan dengan tahun 2023",
            "c. Perbandingan dengan target akhir Renstra",
            "d. Perbandingan dengan standar nasional",
            "e. Analisis keberhasilan dan kegagalan serta upaya",
            "f. Analisis efisiensi penggunaan sumber daya",
            "g. Program dan kegiatan pendukung",
        ]:
            assert html.count(heading) == 4, heading
        assert "naik dari 100,00% menjadi 242,82%" in html

    def test_the_signature_block_has_place_date_jabatan_name_rank_and_nip(self, demo):
        html = render_html(build_laporan("dinsos-kota-bekasi", 2024))
        for part in [
            "Bekasi, 20 Januari 2025",
            "KEPALA DINAS SOSIAL KOTA BEKASI",
            "Drs. H. ALEXANDER ZULKARNAIN, M.Si.",
            "Pembina Utama Muda (IV/c)",
            "NIP. 19660301 199003 1 010",
        ]:
            assert part in html

    def test_the_draft_lists_the_data_health_findings_in_an_appendix(self, demo):
        html = render_html(build_laporan("dinsos-kota-bekasi", 2024))
        assert "Temuan Pemeriksaan Kesehatan Data" in html
        assert "VR-BUD-2" in html

    def test_narrative_text_is_escaped(self, demo):
        NarasiLaporan.objects.filter(opd=demo, tahun=2024, bagian="latar_belakang").update(
            teks="Awal <script>alert(1)</script> <b>tebal</b>"
        )
        html = render_html(build_laporan("dinsos-kota-bekasi", 2024))
        assert "<script>alert(1)</script>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


class MissingDataTests:
    def test_a_year_with_missing_targets_and_realisations_still_renders(self, db):
        opd = make_opd()
        make_indikator(opd)
        make_anggaran(opd, "1.06.04", 100, 40)
        laporan = build_laporan(opd.kode, 2024)
        html = render_html(laporan)
        assert "belum ada data" in html
        assert "VR-DATA-1" in html
        assert render_xlsx(laporan)
        assert render_docx(laporan).startswith(b"PK")

    def test_an_unknown_agency_or_year_is_a_clear_error(self, demo):
        with pytest.raises(LaporanTidakDitemukan, match="tidak ditemukan"):
            build_laporan("tidak-ada", 2024)
        with pytest.raises(LaporanTidakDitemukan, match="2031"):
            build_laporan("dinsos-kota-bekasi", 2031)


class ReportXlsxTests:
    def test_every_table_is_a_sheet_with_numbers_as_numbers(self, demo):
        laporan = build_laporan("dinsos-kota-bekasi", 2024)
        wb = load_workbook(io.BytesIO(render_xlsx(laporan)))
        assert len(wb.sheetnames) == len(laporan.semua_tabel()) + 1
        budget = next(
            t for t in laporan.semua_tabel() if t.judul.startswith("Pagu dan Realisasi Anggaran")
        )
        ws = next(wb[n] for n in wb.sheetnames if n.startswith(f"{budget.nomor} "))
        values = [c.value for row in ws.iter_rows() for c in row]
        assert Decimal("31132479236") in [
            Decimal(str(v)) for v in values if isinstance(v, (int, float, Decimal))
        ]
        assert ws.freeze_panes is not None
        percent_cells = [c for row in ws.iter_rows() for c in row if c.number_format.endswith("%")]
        assert percent_cells and all(
            isinstance(c.value, (int, float, Decimal)) for c in percent_cells
        )

    def test_text_that_looks_like_a_formula_stays_text(self, demo):
        NarasiLaporan.objects.none()
        from indicators.models import Indikator

        Indikator.objects.filter(opd=demo, kode="IKU-4").update(uraian='=HYPERLINK("http://x")')
        wb = load_workbook(io.BytesIO(render_xlsx(build_laporan("dinsos-kota-bekasi", 2024))))
        cells = [
            c
            for ws in wb.worksheets
            for row in ws.iter_rows()
            for c in row
            if isinstance(c.value, str) and "HYPERLINK" in c.value
        ]
        assert cells and all(c.data_type == "s" for c in cells)
