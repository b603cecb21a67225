"""Agencies of other shapes than the demo, built only through the exchange workbook: every
indicator and every program of each workbook is in its report (HTML, PDF, XLSX and DOCX), on
paper inside the margins; the XLSX holds their figures as numbers, the DOCX opens in LibreOffice
with the program indicators' section on landscape pages and the pemda's emblem on the cover."""

import io
import re
from decimal import Decimal
from pathlib import Path

import pdfplumber
import pytest
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook

from lkip.models import Pemda
from reports.laporan import build_laporan, render_docx, render_html, render_pdf, render_xlsx
from tests.reports.agencies import AGENCIES, import_agency, indicators_of, programs_of
from tests.reports.cetak import di_luar_bidang_teks, normal, teks_html, teks_pdf
from tests.reports.test_laporan_docx import soffice_pdf

pytestmark = pytest.mark.django_db

SHAPES = sorted(AGENCIES)

#: The emblem each agency's pemda uploads: an SVG, a PNG, none.
SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 120" width="100" height="120">'
    b'<path d="M50 2 L96 20 L90 80 Q50 118 10 80 L4 20 Z" fill="#1f6f3f" stroke="#222"/></svg>'
)


def png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (120, 140), (31, 111, 63)).save(out, "PNG")
    return out.getvalue()


def with_emblem(agency: str) -> tuple[str, int]:
    """The agency imported from its workbook, its pemda's emblem uploaded (dinkes: SVG, dishub:
    PNG, kesbang: none)."""
    kode, tahun = import_agency(agency)
    data = {"dinkes": SVG, "dishub": png(), "kesbang": b""}[agency]
    if data:
        pemda = Pemda.objects.get(opd_set__kode=kode)
        pemda.lambang.save("lambang.svg" if data is SVG else "lambang.png", io.BytesIO(data))
    return kode, tahun


def xlsx_cells(xlsx: bytes) -> list[list]:
    """Every row of every sheet as its list of values."""
    wb = load_workbook(io.BytesIO(xlsx))
    return [list(row) for ws in wb.worksheets for row in ws.iter_rows(values_only=True)]


def docx_text(document) -> str:
    """The document's paragraphs and the paragraphs of its tables' cells."""
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


def annual_values(agency: str, sheet: str, tahun: int) -> list[tuple[str, Decimal]]:
    """(indicator uraian, value as the XLSX stores it) of the workbook's annual targets (pk) or
    realisations of the report year; a percentage as the fraction a spreadsheet expects."""
    sheets = AGENCIES[agency][0]
    indicators = {row[0]: row for row in sheets["Indikator"][1:]}
    out = []
    for row in sheets[sheet][1:]:
        period = row[3] if sheet == "Target" else row[2]
        value = row[4] if sheet == "Target" else row[3]
        if row[1] != tahun or period != "TAHUNAN" or value is None:
            continue
        if sheet == "Target" and row[2] != "pk":
            continue
        ind = indicators[row[0]]
        number = Decimal(str(value).replace(",", "."))
        out.append((ind[4], number / 100 if ind[5] == "%" else number))
    return out


@pytest.fixture(scope="module")
def converted(tmp_path_factory) -> dict[str, bytes]:
    """Each agency's DOCX as LibreOffice converts it to PDF: once per agency (a conversion takes
    10–40 s), kept for the module's tests."""
    return {}


def libreoffice_pdf(agency: str, converted: dict, folder: Path) -> bytes:
    if agency not in converted:
        kode, tahun = with_emblem(agency)
        converted[agency] = soffice_pdf(render_docx(build_laporan(kode, tahun)), folder)
    return converted[agency]


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

    def test_every_indicator_and_every_program_of_the_workbook_is_in_the_xlsx_and_the_docx(
        self, agency
    ):
        kode, tahun = import_agency(agency)
        laporan = build_laporan(kode, tahun)
        xlsx = normal(" ".join(str(v) for row in xlsx_cells(render_xlsx(laporan)) for v in row))
        docx = normal(docx_text(Document(io.BytesIO(render_docx(laporan)))))
        for name in indicators_of(agency) + programs_of(agency):
            assert normal(name) in xlsx, f"XLSX: {name}"
            assert normal(name) in docx, f"DOCX: {name}"

    def test_the_xlsx_holds_each_indicators_target_and_realisation_as_a_number(self, agency):
        kode, tahun = import_agency(agency)
        laporan = build_laporan(kode, tahun)
        wb = load_workbook(io.BytesIO(render_xlsx(laporan)))
        names = wb.sheetnames
        assert len(names) == len({n.casefold() for n in names}) == len(laporan.semua_tabel()) + 1
        assert all(len(n) <= 31 for n in names)
        rows = [list(r) for ws in wb.worksheets for r in ws.iter_rows(values_only=True)]
        expected = annual_values(agency, "Target", tahun) + annual_values(
            agency, "Realisasi", tahun
        )
        assert len(expected) >= 6
        for name, value in expected:
            mine = [r for r in rows if name in r]
            assert mine, name
            numbers = [v for r in mine for v in r if isinstance(v, (int, float, Decimal))]
            assert any(abs(Decimal(str(v)) - value) < Decimal("0.000001") for v in numbers), (
                name,
                value,
                mine,
            )
            written_as_text = [  # '80,5', '5%' (a row's number "1" is a label, not a figure)
                v
                for r in mine
                for v in r
                if isinstance(v, str) and re.fullmatch(r"[\d.]*\d,\d+%?|[\d.,]+%", v)
            ]
            assert written_as_text == [], (name, written_as_text)

    def test_libreoffice_opens_the_docx_with_every_name_and_the_program_tables_landscape(
        self, agency, converted, tmp_path, media
    ):
        pdf = libreoffice_pdf(agency, converted, tmp_path)
        with pdfplumber.open(io.BytesIO(pdf)) as doc:
            pages = [(p.width > p.height, p.extract_text() or "") for p in doc.pages]
        text = normal(" ".join(t for _, t in pages))
        for name in indicators_of(agency) + programs_of(agency):
            assert normal(name) in text, name
        landscape = [t for wide, t in pages if wide]
        assert landscape and "Capaian Kinerja Program dan Realisasi Anggaran" in landscape[0]
        assert not pages[0][0] and not pages[-1][0]  # the cover and the appendices portrait

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


class AgencyDocxTests:
    def test_the_program_indicators_section_is_a_landscape_word_section(self):
        kode, tahun = import_agency("dinkes")
        document = Document(io.BytesIO(render_docx(build_laporan(kode, tahun))))
        wide = [s for s in document.sections if s.page_width > s.page_height]
        assert len(wide) == 1 and len(document.sections) == 3
        body = document.element.body
        breaks = [
            p for p in body.iter(qn("w:p")) if p.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None
        ]
        after_first = breaks[0].itersiblings()
        heading = next(p for p in after_first if p.tag == qn("w:p") and "".join(p.itertext()))
        assert "".join(heading.itertext()).endswith(
            "Capaian Kinerja Program dan Realisasi Anggaran"
        )
        assert not any(s.different_first_page_header_footer for s in document.sections[1:])

    @pytest.mark.parametrize("agency", ["dinkes", "dishub", "kesbang"])
    def test_the_pemdas_emblem_is_a_picture_on_the_cover(self, agency, media):
        kode, tahun = with_emblem(agency)
        document = Document(io.BytesIO(render_docx(build_laporan(kode, tahun))))
        first = document.paragraphs[0]
        pictures = first._p.findall(f".//{qn('w:drawing')}")
        assert len(pictures) == (0 if agency == "kesbang" else 1)
        if pictures:
            blip = first._p.find(f".//{qn('a:blip')}")
            image = document.part.related_parts[blip.get(qn("r:embed"))].blob
            assert image.startswith(b"\x89PNG")
        else:
            assert first.text == "LAPORAN KINERJA INSTANSI PEMERINTAH"


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
