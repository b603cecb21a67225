"""Tests for lkip.xlsx: the one safe-cell rule and the helpers every workbook shares."""

import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from lkip import xlsx

D = Decimal


def round_trip(write) -> object:
    """Write one cell with `write(cell)`, save, and read the cell back from the file."""
    wb = xlsx.new_workbook()
    write(wb.active.cell(1, 1))
    return load_workbook(io.BytesIO(xlsx.save(wb))).active.cell(1, 1)


def round_trip_write_only(text: str) -> object:
    wb = xlsx.new_workbook(write_only=True)
    ws = wb.create_sheet("Lembar")
    ws.append([xlsx.text_cell(ws, text)])
    return load_workbook(io.BytesIO(xlsx.save(wb)))["Lembar"].cell(1, 1)


class SafeCellTests:
    @pytest.mark.parametrize("text", ["=1+1", "+62 812", "-5", "@SUM(A1)", "\tx", "\rx"])
    def test_text_that_a_spreadsheet_would_run_is_written_as_text_with_a_quote_prefix(self, text):
        cell = round_trip(lambda c: xlsx.write_text(c, text))
        assert (cell.value, cell.data_type, cell.quotePrefix) == (text, "s", True)

    def test_ordinary_text_is_text_without_a_quote_prefix(self):
        cell = round_trip(lambda c: xlsx.write_text(c, "Dinas Sosial"))
        assert (cell.value, cell.data_type, cell.quotePrefix) == ("Dinas Sosial", "s", False)

    def test_the_write_only_cell_follows_the_same_rule(self):
        cell = round_trip_write_only('=HYPERLINK("x")')
        assert (cell.value, cell.data_type, cell.quotePrefix) == ('=HYPERLINK("x")', "s", True)

    def test_characters_a_workbook_cannot_hold_are_dropped_not_an_error(self):
        cell = round_trip(lambda c: xlsx.write_text(c, "a\x00b\x1fc"))
        assert cell.value == "abc"

    def test_put_writes_text_by_the_same_rule_and_numbers_as_numbers(self):
        assert round_trip(lambda c: xlsx.put(c, "=1")).data_type == "s"
        assert round_trip(lambda c: xlsx.put(c, True)).value == "ya"
        number = round_trip(lambda c: xlsx.put(c, D("1234.50")))
        assert (number.value, number.number_format) == (1234.5, "#,##0.00")

    def test_put_leaves_none_empty(self):
        assert round_trip(lambda c: xlsx.put(c, None)).value is None


class NumberTests:
    def test_whole_amounts_have_no_decimals_and_others_two(self):
        assert xlsx.number_format(D("31132479236.00")) == "#,##0"
        assert xlsx.number_format(D("0.5")) == "#,##0.00"

    def test_whole_int_amounts_have_no_decimals(self):
        assert xlsx.number_format(27935447177) == "#,##0"

    def test_a_date_is_a_date_cell_with_the_day_month_year_format(self):
        cell = round_trip(lambda c: xlsx.write_date(c, date(2025, 1, 20)))
        assert (cell.value.date(), cell.number_format) == (date(2025, 1, 20), "d mmmm yyyy")

    def test_a_percentage_is_written_as_the_fraction_with_a_percent_format(self):
        cell = round_trip(lambda c: xlsx.write_percent(c, D("89.73")))
        assert (cell.value, cell.number_format) == (pytest.approx(0.8973), "0.00%")

    def test_a_missing_value_is_its_explanation_in_grey_italics(self):
        cell = round_trip(lambda c: xlsx.write_missing(c, "belum ada data"))
        assert (cell.value, cell.data_type, cell.font.i) == ("belum ada data", "s", True)

    def test_fifteen_significant_digits_are_exact_in_a_spreadsheet_sixteen_are_not(self):
        assert xlsx.exact_in_spreadsheet(D("1234567890123.45"))
        assert not xlsx.exact_in_spreadsheet(D("12345678901234.56"))


class WorkbookTests:
    def test_widths_are_set_by_index_or_letter(self):
        wb = xlsx.new_workbook()
        xlsx.set_widths(wb.active, {1: 26, "B": 48})
        assert wb.active.column_dimensions["A"].width == 26
        assert wb.active.column_dimensions["B"].width == 48

    def test_headers_are_bold_light_or_white_on_dark_blue(self):
        wb = xlsx.new_workbook()
        light = xlsx.style_header(wb.active.cell(1, 1))
        dark = xlsx.style_header(wb.active.cell(1, 2), dark=True)
        assert light.font.b and light.fill.fgColor.rgb == "00E6E6E6"
        assert dark.font.b and dark.font.color.rgb == "00FFFFFF"
        assert dark.fill.fgColor.rgb == "001F4E79"

    def test_a_list_screen_becomes_one_sheet_with_a_bold_header(self):
        data = xlsx.table_xlsx("Indikator", ["Kode", "Nilai"], [["=IKU", D("5")]])
        ws = load_workbook(io.BytesIO(data)).active
        assert ws.title == "Indikator" and ws.cell(1, 1).font.b
        assert (ws.cell(2, 1).value, ws.cell(2, 1).data_type) == ("=IKU", "s")
        assert ws.cell(2, 2).value == 5

    def test_indonesian_formats_carry_the_indonesian_locale_and_the_decimals_asked(self):
        assert xlsx.format_desimal(0) == "[$-421]#,##0"
        assert xlsx.format_desimal(2) == "[$-421]#,##0.00"
        assert xlsx.format_persen(1) == "[$-421]0.0%"
        assert xlsx.FORMAT_RUPIAH == "[$Rp-421]#,##0"

    def test_a_link_to_a_sheet_points_inside_the_workbook_and_stays_text(self):
        wb = xlsx.new_workbook()
        wb.create_sheet("3.1 Capaian O'Brien")
        xlsx.link_to_sheet(wb.active.cell(1, 1), "3.1 Capaian O'Brien", "=Tabel 3.1")
        cell = load_workbook(io.BytesIO(xlsx.save(wb))).active.cell(1, 1)
        assert cell.hyperlink.location == "'3.1 Capaian O''Brien'!A1"
        assert (cell.value, cell.data_type) == ("=Tabel 3.1", "s")
