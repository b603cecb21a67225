"""The report's XLSX, read back with openpyxl: numbers people can compute with, predicates apart,
empty cells for missing data, sheet names that say what the table is, an index with links."""

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from lkip import xlsx
from reports.laporan import build_laporan, render_xlsx
from reports.laporan.struktur import Kepala, Laporan, Penandatangan, Tabel, nilai, teks
from reports.laporan.xlsx import CATATAN_KOSONG, JUDUL_INDEKS, sheet_names
from tests.factories import make_indikator, make_opd, make_target

pytestmark = pytest.mark.django_db

NUMBER = (int, float, Decimal)


def workbook(kode: str = "dinsos-kota-bekasi", tahun: int = 2024):
    laporan = build_laporan(kode, tahun)
    return laporan, load_workbook(io.BytesIO(render_xlsx(laporan)))


def sheet_of(wb, nomor: str):
    return next(wb[name] for name in wb.sheetnames if name.startswith(f"{nomor} "))


def header_row(ws, label: str) -> tuple[int, dict[str, int]]:
    """The row holding the header `label` and every header label of that row → its column."""
    for row in ws.iter_rows():
        labels = {c.value: c.column for c in row if isinstance(c.value, str)}
        if label in labels:
            return row[0].row, labels
    raise AssertionError(f"no header {label!r} in {ws.title}")


def row_of(ws, text: str) -> int:
    return next(c.row for row in ws.iter_rows() for c in row if c.value == text)


def capaian_table(laporan):
    return next(t for t in laporan.semua_tabel() if t.judul.startswith("Capaian Kinerja"))


class ReportXlsxValuesTests:
    def test_indicator_values_are_numbers_with_the_predicate_in_its_own_column(self, demo):
        laporan, wb = workbook()
        ws = sheet_of(wb, capaian_table(laporan).nomor)
        _, cols = header_row(ws, "Target")
        assert {"Target \u2013 predikat", "Realisasi \u2013 predikat"} <= set(cols)
        akip = row_of(ws, "Nilai Akuntabilitas Kinerja Instansi Pemerintah (AKIP)")
        target = ws.cell(akip, cols["Target"])
        assert Decimal(str(target.value)) == Decimal("77.26")
        assert target.number_format == xlsx.format_desimal(2)
        assert ws.cell(akip, cols["Target \u2013 predikat"]).value == "BB"
        assert Decimal(str(ws.cell(akip, cols["Realisasi"]).value)) == Decimal("77.29")
        assert ws.cell(akip, cols["Realisasi \u2013 predikat"]).value == "BB"
        ikm = row_of(ws, "Nilai Indeks Kepuasan Masyarakat (IKM)")
        assert ws.cell(ikm, cols["Target"]).value == pytest.approx(80.5)
        assert ws.cell(ikm, cols["Target"]).number_format == xlsx.format_desimal(1)

    def test_percent_values_are_fractions_in_an_indonesian_percent_format(self, demo):
        laporan, wb = workbook()
        ws = sheet_of(wb, capaian_table(laporan).nomor)
        _, cols = header_row(ws, "Target")
        ppks = row_of(ws, "Persentase PPKS binaan yang mandiri")
        target, capaian = ws.cell(ppks, cols["Target"]), ws.cell(ppks, cols["Capaian"])
        assert target.value == pytest.approx(0.05) and target.number_format == "[$-421]0%"
        assert capaian.value == pytest.approx(2.4282, abs=1e-4)  # 242,82%
        assert capaian.number_format == "[$-421]0.00%"

    def test_rupiah_are_whole_numbers_in_the_rupiah_format(self, demo):
        laporan, wb = workbook()
        budget = next(
            t for t in laporan.semua_tabel() if t.judul.startswith("Pagu dan Realisasi Anggaran")
        )
        ws = sheet_of(wb, budget.nomor)
        _, cols = header_row(ws, "Pagu (Rp)")
        total = row_of(ws, "Jumlah")
        pagu, realisasi = ws.cell(total, cols["Pagu (Rp)"]), ws.cell(total, cols["Realisasi (Rp)"])
        assert Decimal(str(pagu.value)) == Decimal("31132479236") == laporan.ringkasan["pagu"]
        assert Decimal(str(realisasi.value)) == laporan.ringkasan["realisasi"]
        assert pagu.number_format == xlsx.FORMAT_RUPIAH == "[$Rp-421]#,##0"
        assert pagu.font.bold

    def test_no_cell_says_belum_ada_data_and_missing_values_are_empty(self, demo):
        laporan, wb = workbook(tahun=2025)  # the demo's next year: no realisation yet
        texts = [c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value]
        assert "belum ada data" not in texts
        ws = sheet_of(wb, capaian_table(laporan).nomor)
        _, cols = header_row(ws, "Realisasi")
        ppks = row_of(ws, "Persentase PPKS binaan yang mandiri")
        assert ws.cell(ppks, cols["Realisasi"]).value is None
        assert ws.cell(ppks, cols["Capaian"]).value is None
        assert CATATAN_KOSONG in texts

    def test_every_numeric_column_holds_only_numbers(self, demo):
        _, wb = workbook()
        for ws in wb.worksheets[1:]:
            columns: dict[int, set[type]] = {}
            for row in ws.iter_rows(min_row=ws.freeze_panes and int(ws.freeze_panes[1:]) or 1):
                for c in row:
                    if c.value is not None and c.number_format != "General":
                        columns.setdefault(c.column, set()).add(type(c.value))
            for column, types in columns.items():
                assert all(issubclass(t, NUMBER) for t in types), (ws.title, column, types)


class ReportXlsxSheetsTests:
    def test_sheet_names_say_what_the_table_is_fit_excel_and_are_unique(self, demo):
        laporan, wb = workbook()
        names = wb.sheetnames[1:]
        assert len({n.casefold() for n in wb.sheetnames}) == len(wb.sheetnames)
        assert all(len(n) <= 31 for n in wb.sheetnames)
        for t, name in zip(laporan.semua_tabel(), names, strict=True):
            assert name.startswith(f"{t.nomor} ") and len(name) > len(t.nomor) + 4
        assert any(n.endswith("Capaian Nilai AKIP") for n in names)
        assert any("Kategori PPKS" in n for n in names)  # (PPKS) stands for its phrase
        assert "Dinas Sosial" not in " ".join(names)  # the agency is the whole workbook's

    def test_the_index_links_to_every_sheet_and_every_sheet_links_back(self, demo):
        laporan, wb = workbook()
        index = wb[JUDUL_INDEKS]
        links = [c for row in index.iter_rows() for c in row if c.hyperlink]
        assert [c.value for c in links] == [t.label for t in laporan.semua_tabel()]
        for cell, name in zip(links, wb.sheetnames[1:], strict=True):
            assert cell.hyperlink.location == f"'{name}'!A1"
            back = wb[name]["A2"]
            assert back.hyperlink.location == f"'{JUDUL_INDEKS}'!A1"

    def test_long_and_repeated_titles_get_distinct_names_within_31_characters(self, db):
        judul = "Capaian Kinerja Program dan Realisasi Anggaran Program Perlindungan Sosial"
        tables = [
            Tabel(f"t{i}", f"3.{i}", judul, ((Kepala("Uraian"),),), ((teks("x"),),), "s")
            for i in (1, 1, 2)
        ]
        laporan = Laporan(
            "x", "Dinas X", "Kota X", 2024, "LKIP", None, Penandatangan("", "", "", "", ""),
            (), (), (), (),
        )  # fmt: skip
        names = sheet_names(laporan, tables)
        assert len(set(names)) == 3 and all(len(n) <= 31 for n in names)
        assert names[0].startswith("3.1 Capaian Kinerja Program") and names[1].endswith("(2)")

    def test_an_agency_of_another_shape_renders_its_values_as_numbers(self, db):
        opd = make_opd()
        ind = make_indikator(opd, uraian="Jumlah desa mandiri", satuan="desa", jenis_nilai="angka")
        make_target(ind, 12)
        wb = load_workbook(io.BytesIO(render_xlsx(build_laporan(opd.kode, 2024))))
        values = [
            c.value
            for ws in wb.worksheets
            for row in ws.iter_rows()
            for c in row
            if isinstance(c.value, NUMBER)
        ]
        assert 12 in values
        assert nilai(Decimal("12")).teks == "12"
