"""The exchange workbook as a file: safe reading, the import of an xlsx, export, template, round
trip."""

import copy
import io
import re
import zipfile
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from budget.models import Anggaran, Nomenklatur
from exchange.columns import LEMBAR, README
from exchange.workbook import blank_template, export_workbook, impor_xlsx, read_workbook
from exchange.writer import TeksTerlaluPanjang
from indicators.models import EvaluasiAKIP, Indikator
from lkip import formulas, xlsx_berkas
from lkip.models import Pemda, PerangkatDaerah
from reports.laporan import build_laporan, render_html
from reports.models import NarasiLaporan
from targets.capaian import capaian_opd
from targets.models import PeriodeTertutup, Realisasi, Target
from tests.exchange.workbook_data import AGENCY, add_part, with_cached_values, xlsx

pytestmark = pytest.mark.django_db


def agency(**changes) -> dict[str, list[list]]:
    book = copy.deepcopy(AGENCY)
    book.update(changes)
    return book


def counts() -> tuple:
    """How much is stored: an import that is refused must leave every number unchanged."""
    return (
        PerangkatDaerah.objects.count(),
        Indikator.objects.count(),
        Target.objects.count(),
        Realisasi.objects.count(),
        Anggaran.objects.count(),
        Nomenklatur.objects.count(),
        Target.history.count(),
        Anggaran.history.count(),
    )


def where(result) -> set[tuple]:
    return {(m.sheet, m.baris, m.kolom) for m in result.errors}


def imported_with_closed_periods(django_user_model, *periods: int, tahun: int = 2025):
    """The example agency imported, then these periods of its year closed by its Kepala Dinas."""
    assert impor_xlsx(xlsx(AGENCY)).ok
    opd = PerangkatDaerah.objects.get(kode="dinkes-kota-contoh")
    user = django_user_model.objects.create_user("kadis")
    for periode in periods:
        PeriodeTertutup.objects.create(opd=opd, tahun=tahun, periode=periode, ditutup_oleh=user)
    return opd, user


def refused(data: bytes, **kwargs):
    before = counts()
    result = impor_xlsx(data, **kwargs)
    assert not result.ok and not result.diterapkan
    assert counts() == before, "a refused workbook must write nothing"
    return result


def with_main_part_type(content_type: str) -> bytes:
    """The agency workbook with its main part declared as another kind of document."""
    return xlsx(
        AGENCY,
        edit=lambda name, text: text.replace(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
            content_type,
        ),
    )


class FileCheckTests:
    def test_a_renamed_pdf_is_refused_saying_what_it_really_is(self):
        result = refused(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n")
        assert result.errors[0].sheet == "Berkas"
        assert "sebenarnya PDF" in result.errors[0].pesan

    def test_an_empty_file_is_refused(self):
        assert "berkas kosong" in refused(b"").errors[0].pesan

    def test_an_old_xls_or_encrypted_workbook_is_refused(self):
        assert ".xls" in refused(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600).errors[0].pesan

    def test_a_csv_file_is_refused(self):
        assert "CSV" in refused(b"kode;nama\ndinas;Dinas\n").errors[0].pesan

    def test_a_zip_that_is_not_a_workbook_is_refused(self):
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as z:
            z.writestr("catatan.txt", "bukan excel")
        assert "arsip zip biasa" in refused(out.getvalue()).errors[0].pesan

    def test_a_workbook_with_macros_is_refused(self):
        macro = with_main_part_type("application/vnd.ms-excel.sheet.macroEnabled.main+xml")
        assert ".xlsm" in refused(macro).errors[0].pesan

    def test_a_vba_part_inside_an_xlsx_is_refused(self):
        assert (
            "makro"
            in refused(add_part(xlsx(AGENCY), "xl/vbaProject.bin", b"\0" * 100)).errors[0].pesan
        )

    def test_a_word_document_is_refused(self):
        docx = with_main_part_type(
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
        )
        assert "Word" in refused(docx).errors[0].pesan

    def test_a_zip_bomb_is_refused_by_its_compression_ratio(self):
        bomb = add_part(
            xlsx(AGENCY), "xl/media/isi.xml", b"<a>" + b"0" * (40 * 1024 * 1024) + b"</a>"
        )
        assert len(bomb) < 1024 * 1024
        result = refused(bomb)
        assert "bom zip" in result.errors[0].pesan and "xl/media/isi.xml" in result.errors[0].pesan

    def test_a_workbook_larger_than_the_uncompressed_limit_is_refused(self, monkeypatch):
        monkeypatch.setattr(xlsx_berkas, "BATAS_URAI", 10_000)
        assert "melebihi batas" in refused(xlsx(AGENCY)).errors[0].pesan

    def test_a_file_larger_than_the_size_limit_is_refused(self, monkeypatch):
        monkeypatch.setattr(xlsx_berkas, "BATAS_UKURAN", 1_000)
        assert "ukuran berkas" in refused(xlsx(AGENCY)).errors[0].pesan

    def test_an_xml_part_with_a_dtd_is_refused(self):
        evil = xlsx(
            AGENCY,
            edit=lambda name, text: (
                text.replace("<worksheet", '<!DOCTYPE x [<!ENTITY a "aaaa">]><worksheet', 1)
                if "worksheets/sheet1" in name
                else text
            ),
        )
        assert "DTD" in refused(evil).errors[0].pesan

    def test_a_damaged_zip_is_refused(self):
        data = bytearray(xlsx(AGENCY))
        data[len(data) // 2 : len(data) // 2 + 200] = b"\0" * 200
        result = refused(bytes(data))
        assert result.errors and "Traceback" not in str(result.errors[0])


class ReadingTests:
    def test_headers_are_case_insensitive_and_blank_rows_are_skipped_keeping_row_numbers(self):
        book = agency(
            Tujuan=[
                ["  KODE ", "Uraian"],
                ["T1", "Tujuan satu"],
                [None, "   "],
                [None, None],
                ["T2", "Tujuan dua"],
            ]
        )
        with read_workbook(xlsx(book)) as bacaan:
            rows = list(bacaan.sheets["Tujuan"].bernomor())
        assert [(n, r.get("kode"), r.get("uraian")) for n, r in rows] == [
            (2, "T1", "Tujuan satu"),
            (5, "T2", "Tujuan dua"),
        ]

    def test_a_duplicate_header_is_an_error_naming_both_columns(self):
        result = refused(xlsx(agency(Tujuan=[["kode", "uraian", "Kode"], ["T1", "x", "T2"]])))
        assert any(
            m.sheet == "Tujuan" and m.kolom == "kode" and "kolom A dan C" in m.pesan
            for m in result.errors
        )

    def test_a_formula_without_a_stored_value_is_an_error_naming_sheet_row_and_column(self):
        book = agency()
        book["Target"][3][4] = "=80+10,5"
        result = refused(xlsx(book))
        assert ("Target", 4, "nilai") in where(result)
        assert "rumus" in next(m.pesan for m in result.errors if m.sheet == "Target")

    def test_a_formula_with_a_stored_value_is_taken_and_reported_as_a_warning(self):
        book = agency()
        book["Target"][3][4] = "=SUM(90,0.5)"
        result = impor_xlsx(xlsx(book, edit=with_cached_values({"E4": "90.5"})))
        assert result.ok, result.errors
        assert Target.objects.get(indikator__kode="IKU-1", jenis="pk", periode=0).nilai == Decimal(
            "90.5"
        )
        assert any(
            m.sheet == "Target" and m.kolom == "nilai" and "rumus" in m.pesan
            for m in result.peringatan
        )

    def test_a_cell_holding_an_excel_error_is_an_error(self):
        book = agency()
        book["Target"][3][4] = "=1/0"
        data = xlsx(
            book,
            edit=lambda name, text: text.replace(
                '<c r="E4"><f>1/0</f><v></v></c>', '<c r="E4" t="e"><f>1/0</f><v>#DIV/0!</v></c>'
            ),
        )
        result = refused(data)
        assert any(m.kolom == "nilai" and "#DIV/0!" in m.pesan for m in result.errors)

    def test_numbers_are_read_exactly_from_numeric_cells_and_indonesian_text(self):
        book = agency()
        book["Target"][3][4] = 90.3  # a float cell
        assert impor_xlsx(xlsx(book)).ok
        assert Target.objects.get(indikator__kode="IKU-1", jenis="pk", periode=0).nilai == Decimal(
            "90.3"
        )
        line = Anggaran.objects.get(nomenklatur__kode="1.02.02")
        assert (line.pagu_murni, line.pagu_perubahan) == (
            Decimal(2_000_000_000),
            Decimal(2_500_000_000),
        )
        real = Realisasi.objects.get(indikator__kode="IKU-1", periode=4)
        assert (real.pembilang, real.penyebut) == (Decimal(8425), Decimal(9060))

    def test_a_date_cell_is_read_as_a_date(self):
        import datetime as dt

        book = agency()
        book["Evaluasi_AKIP"] = [
            ["tahun", "komponen", "bobot", "nilai", "tanggal_lhe"],
            [2025, "Perencanaan Kinerja", 30, 24, dt.datetime(2025, 7, 4)],
        ]
        assert impor_xlsx(xlsx(book)).ok
        assert EvaluasiAKIP.objects.get().tanggal_lhe == dt.date(2025, 7, 4)

    def test_a_text_that_is_not_a_number_is_an_error_never_a_zero(self):
        book = agency()
        book["Anggaran"][1][6] = "dua miliar"
        result = refused(xlsx(book))
        assert ("Anggaran", 2, "realisasi") in where(result)

    def test_a_dimension_record_claiming_a_million_columns_does_not_slow_reading(self):
        data = xlsx(
            AGENCY,
            edit=lambda name, text: re.sub(
                r'<dimension ref="[^"]*"/>', '<dimension ref="A1:XFD1048576"/>', text
            ),
        )
        assert impor_xlsx(data, dry_run=True).ok

    def test_a_missing_required_column_is_one_error_naming_sheet_and_column(self):
        book = agency()
        book["Indikator"] = [
            [c for c in row[:5]] + row[6:] for row in book["Indikator"]
        ]  # no satuan
        result = refused(xlsx(book))
        assert [(m.sheet, m.baris, m.kolom) for m in result.errors if m.sheet == "Indikator"] == [
            ("Indikator", 1, "satuan")
        ]

    def test_an_unknown_column_and_sheet_are_warnings(self):
        book = agency(Catatan=[["isi"], ["apa saja"]])
        book["Tujuan"] = [["kode", "uraian", "keterangan"], ["T1", "Tujuan", "x"]]
        result = impor_xlsx(xlsx(book))
        assert result.ok
        assert {(m.sheet, m.kolom) for m in result.peringatan} >= {
            ("Catatan", None),
            ("Tujuan", "keterangan"),
        }


class BadInputTests:
    """The issue's list of bad workbooks: each refused with a clear message, none writing
    anything."""

    def test_a_workbook_of_another_agency_is_refused(self):
        result = refused(xlsx(AGENCY), opd_kode="dinsos-kota-bekasi")
        assert (
            "milik perangkat daerah 'dinkes-kota-contoh', bukan 'dinsos-kota-bekasi'"
            in result.errors[0].pesan
        )

    def test_an_indicator_code_that_does_not_exist_is_refused(self):
        book = agency()
        book["Realisasi"][2][0] = "IKU-9"
        result = refused(xlsx(book))
        assert ("Realisasi", 3, "indikator_kode") in where(result)
        assert "'IKU-9' tidak ada" in result.errors[0].pesan

    def test_a_duplicate_key_within_a_sheet_is_refused_naming_the_first_row(self):
        book = agency()
        book["Target"].append(list(book["Target"][3]))
        result = refused(xlsx(book))
        assert [(m.sheet, m.baris) for m in result.errors] == [("Target", 11)]
        assert "baris 4" in result.errors[0].pesan

    def test_a_year_outside_the_renstra_period_is_refused(self):
        book = agency()
        book["Target"][1][1] = 2031  # a Renstra target after 2029
        book["Realisasi"][3][1] = 2030  # a realisation after the period
        result = refused(xlsx(book))
        assert {("Target", 2, "tahun"), ("Realisasi", 4, "tahun")} <= where(result)
        assert all("2025–2029" in m.pesan for m in result.errors)

    def test_a_realisation_for_a_closed_quarter_is_refused(self, django_user_model):
        imported_with_closed_periods(django_user_model, 1)
        book = agency()
        book["Realisasi"][1][4] = 1_900  # TW1 changed
        result = refused(xlsx(book))
        assert ("Realisasi", 2, "periode") in where(result)
        assert "TW1 2025 sudah ditutup" in result.errors[0].pesan
        assert Realisasi.objects.get(indikator__kode="IKU-1", periode=1).pembilang == Decimal(1812)

    def test_an_unchanged_closed_quarter_does_not_stop_the_import(self, django_user_model):
        imported_with_closed_periods(django_user_model, 1)
        book = agency()
        book["Realisasi"][2][3] = None
        book["Realisasi"][2][4:6] = [8_500, 9_060]  # TW4 is open
        result = impor_xlsx(xlsx(book))
        assert result.ok, result.errors
        assert result.hitung("ubah") == 1

    def test_a_closed_year_refuses_budget_changes_and_a_closed_quarter_its_quarter_column(
        self, django_user_model
    ):
        opd, user = imported_with_closed_periods(django_user_model, 2)
        book = agency()
        book["Anggaran"][1][8] = 400_000_000  # realisasi_tw2
        book["Anggaran"][1][10] = 750_000_000  # realisasi_tw4 keeps the sum
        assert ("Anggaran", 2, "realisasi_tw2") in where(refused(xlsx(book)))
        PeriodeTertutup.objects.create(opd=opd, tahun=2025, periode=0, ditutup_oleh=user)
        book = agency()
        book["Anggaran"][2][5] = 2_600_000_000
        assert ("Anggaran", 3, "tahun") in where(refused(xlsx(book)))

    def test_a_database_check_constraint_is_checked_in_python_with_its_indonesian_message(self):
        book = agency()
        book["Evaluasi_AKIP"][1][3] = "-2,5"  # the model's CheckConstraint: never negative
        result = refused(xlsx(book))
        assert ("Evaluasi_AKIP", 2, None) in where(result)
        assert "tidak boleh negatif" in next(m.pesan for m in result.errors)

    def test_a_boolean_or_a_date_where_a_number_belongs_is_an_error(self):
        import datetime as dt

        book = agency()
        book["IKM"][1][1] = True
        book["Target"][2][4] = dt.datetime(2025, 1, 1)
        result = refused(xlsx(book))
        assert {("IKM", 2, "nilai"), ("Target", 3, "nilai")} <= where(result)

    def test_a_write_the_database_refuses_stops_the_import_with_a_message(self, monkeypatch):
        from django.db import IntegrityError

        from exchange.importer import importer as tulis

        def refuse(objs):
            if objs and type(objs[0]).__name__ == "Target":
                raise IntegrityError("UNIQUE constraint failed: targets_target")
            return real(objs)

        real = tulis.sisip
        monkeypatch.setattr(tulis, "sisip", refuse)
        result = refused(xlsx(AGENCY))
        assert [(m.sheet, m.baris) for m in result.errors] == [("Target", None)]
        assert "perubahan lain sedang disimpan" in result.errors[0].pesan

    def test_an_unexpected_failure_is_a_message_and_is_logged_not_a_crash(
        self, monkeypatch, caplog
    ):
        from exchange import importer

        broken = [(n, (lambda *args: 1 / 0) if n == "Tujuan" else f) for n, f in importer.STEPS]
        monkeypatch.setattr(importer, "STEPS", broken)
        result = refused(xlsx(AGENCY))
        assert "kesalahan tak terduga" in result.errors[0].pesan
        assert "ZeroDivisionError" in caplog.text

    def test_a_planner_cannot_change_the_agencys_identity_or_rename_the_nomenclature(self, demo):
        from django.contrib.auth import get_user_model

        planner = get_user_model().objects.get(username="perencana.dinsos")
        for sheet, cell, value, column in (
            ("Perangkat_Daerah", "F2", "Dr. KEPALA BARU, M.Si.", "kepala_nama"),
            ("Anggaran", "D2", "Program Penunjang yang Diganti Namanya", "uraian"),
        ):
            wb = load_workbook(io.BytesIO(export_workbook(demo)))
            wb[sheet][cell] = value
            out = io.BytesIO()
            wb.save(out)
            result = refused(out.getvalue(), opd_kode=demo.kode, user=planner)
            assert where(result) == {(sheet, 2, column)}
            assert "Admin Pemda" in result.errors[0].pesan
        # The same workbook from the command line (an administrator's tool) is applied.
        assert impor_xlsx(out.getvalue(), opd_kode=demo.kode).ok

    def test_a_planner_may_add_a_budget_line_with_a_new_nomenclature_code(self, demo):
        from django.contrib.auth import get_user_model

        planner = get_user_model().objects.get(username="perencana.dinsos")
        wb = load_workbook(io.BytesIO(export_workbook(demo)))
        wb["Anggaran"].append(
            [2024, "1.06.09", "program", "Program Uji Tambahan", None, 1_000_000, None, 0]
        )
        out = io.BytesIO()
        wb.save(out)
        result = impor_xlsx(out.getvalue(), opd_kode=demo.kode, user=planner)
        assert result.ok, result.errors
        assert Anggaran.objects.filter(opd=demo, nomenklatur__kode="1.06.09").exists()

    def test_every_error_of_a_workbook_is_listed_at_once(self):
        book = agency()
        book["Target"][2][4] = "sembilan puluh"
        book["Realisasi"][2][0] = "IKU-9"
        book["Anggaran"][2][1] = "1.2.2"
        result = refused(xlsx(book))
        assert {
            ("Target", 3, "nilai"),
            ("Realisasi", 3, "indikator_kode"),
            ("Anggaran", 3, "kode"),
        } <= where(result)


class ExportTests:
    def test_the_export_has_every_sheet_the_import_reads_and_a_readme(self, demo):
        wb = load_workbook(io.BytesIO(export_workbook(demo)), read_only=True)
        assert wb.sheetnames == [README] + [lembar.nama for lembar in LEMBAR]

    def test_importing_the_export_again_changes_nothing(self, demo):
        result = impor_xlsx(export_workbook(demo), opd_kode=demo.kode)
        assert result.ok, result.errors
        assert result.hitung("baru") == 0 and result.hitung("ubah") == 0
        assert result.hitung("tetap") > 200

    def test_text_that_starts_like_a_formula_is_written_as_text_and_comes_back_unchanged(
        self, demo
    ):
        risky = [
            '=HYPERLINK("http://contoh.invalid","klik")',
            "+62 21 555",
            "-3+2",
            "@SUM(A1)",
            "=1+1",
        ]
        for n, teks in enumerate(risky):
            NarasiLaporan.objects.create(
                opd=demo,
                tahun=2025,
                bagian=["latar_belakang", "sdm", "isu_strategis", "sistematika", "kesimpulan"][n],
                teks=teks,
            )
        data = export_workbook(demo)
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = {n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")}
        xml = "".join(archive.read(n).decode() for n in names)
        assert "<f>" not in xml and "<f " not in xml
        assert 'quotePrefix="1"' in archive.read("xl/styles.xml").decode()
        narasi = load_workbook(io.BytesIO(data))["Narasi"]
        cells = {c.value: c for row in narasi.iter_rows(min_row=2) for c in row if c.value in risky}
        assert set(cells) == set(risky)
        assert all(c.data_type == "s" and c.quotePrefix for c in cells.values())
        result = impor_xlsx(data)
        assert result.ok and result.hitung("ubah") == 0

    def test_text_that_starts_with_a_tab_or_carriage_return_is_marked_as_text(self, demo):
        NarasiLaporan.objects.create(opd=demo, tahun=2025, bagian="sdm", teks="\t=1+1")
        NarasiLaporan.objects.create(opd=demo, tahun=2025, bagian="kesimpulan", teks="\r=2+2")
        narasi = load_workbook(io.BytesIO(export_workbook(demo)))["Narasi"]
        cells = [
            c
            for row in narasi.iter_rows(min_row=2)
            for c in row
            if str(c.value).startswith(("\t", "\r"))
        ]
        assert len(cells) == 2 and all(c.data_type == "s" and c.quotePrefix for c in cells)

    def test_a_value_with_more_digits_than_a_spreadsheet_keeps_comes_back_exact(self, demo):
        real = Realisasi.objects.filter(indikator__opd=demo).first()
        real.pembilang, real.penyebut = Decimal("1234567890123456.1234"), Decimal("3")
        real.save()
        result = impor_xlsx(export_workbook(demo))
        assert result.ok and result.hitung("ubah") == 0

    def test_a_text_longer_than_one_cell_is_refused_instead_of_cut(self, demo):
        NarasiLaporan.objects.create(opd=demo, tahun=2025, bagian="sdm", teks="x" * 40_000)
        with pytest.raises(TeksTerlaluPanjang, match="Sheet Narasi"):
            export_workbook(demo)

    def test_the_export_needs_the_same_queries_for_one_row_or_many(self, demo):
        assert impor_xlsx(xlsx(AGENCY)).ok
        small = PerangkatDaerah.objects.select_related("pemda").get(kode="dinkes-kota-contoh")
        with CaptureQueriesContext(connection) as few:
            export_workbook(small)
        big = PerangkatDaerah.objects.select_related("pemda").get(pk=demo.pk)
        with CaptureQueriesContext(connection) as many:
            export_workbook(big)
        # One query per sheet (two for Anggaran with its indicators, one more for the Renstra of
        # three sheets), the same whatever the number of rows.
        assert len(few.captured_queries) == len(many.captured_queries) <= 25


class TemplateTests:
    def test_the_template_has_every_sheet_with_its_headers_and_a_readme_for_every_column(self):
        wb = load_workbook(io.BytesIO(blank_template()))
        assert wb.sheetnames[0] == README
        readme = {
            (row[0].value or "", row[1].value) for row in wb[README].iter_rows() if len(row) > 1
        }
        for lembar in LEMBAR:
            ws = wb[lembar.nama]
            assert [c.value for c in ws[1]] == list(lembar.nama_kolom)
            assert ws.max_row == 1
            for kolom in lembar.kolom:
                assert ws.cell(1, lembar.nama_kolom.index(kolom.nama) + 1).comment is not None
        described = {kolom for _sheet, kolom in readme if kolom}
        assert all(k.nama in described for lembar in LEMBAR for k in lembar.kolom)

    def test_the_template_offers_lists_for_the_enumerations(self):
        wb = load_workbook(io.BytesIO(blank_template()))
        formulas_ = [dv.formula1 for dv in wb["Indikator"].data_validations.dataValidation]
        assert '"iku,program,kegiatan,subkegiatan"' in formulas_
        assert '"positif,negatif"' in formulas_

    def test_the_blank_template_imports_as_a_clear_error_not_a_crash(self):
        result = refused(blank_template())
        assert result.errors[0].sheet == "Perangkat_Daerah"
        assert "tepat satu baris data (ada 0)" in result.errors[0].pesan


def _wipe() -> None:
    """An empty database but for users and groups: everything the import would create."""
    from django.apps import apps

    for model in (
        Anggaran,
        "budget.CapaianOutput",
        Target,
        Realisasi,
        Indikator,
        "targets.Sasaran",
        "targets.Tujuan",
        "targets.Renstra",
        "reports.LaporanTahunan",
        "lkip.Penugasan",
        "rpjmd.IndikatorPemda",  # it protects its sasaran; then the RPJMD (load_demo's)
        "rpjmd.Rpjmd",
        PerangkatDaerah,
        Pemda,
    ):
        model = apps.get_model(model) if isinstance(model, str) else model
        model.objects.all().delete()
    for tingkat in ("subkegiatan", "kegiatan", "program"):
        Nomenklatur.objects.filter(tingkat=tingkat).delete()
    assert not PerangkatDaerah.objects.exists() and not Nomenklatur.objects.exists()


class RoundTripTests:
    def test_the_demo_exported_and_imported_into_an_empty_database_gives_the_same_report(
        self, demo
    ):
        before = {tahun: render_html(build_laporan(demo.kode, tahun)) for tahun in (2024, 2025)}
        data = export_workbook(demo)
        _wipe()
        result = impor_xlsx(data)
        assert result.ok, result.errors
        assert result.hitung("tetap") == 0
        after = {tahun: render_html(build_laporan(demo.kode, tahun)) for tahun in (2024, 2025)}
        assert after == before
        again = impor_xlsx(data)
        assert again.ok and again.hitung("baru") == 0 and again.hitung("ubah") == 0

    def test_a_second_agency_built_only_from_a_workbook_renders_its_report(self):
        result = impor_xlsx(xlsx(AGENCY))
        assert result.ok, result.errors
        opd = PerangkatDaerah.objects.get(kode="dinkes-kota-contoh")
        capaian = {c.indikator.kode: c for c in capaian_opd(opd, 2025)}
        assert formulas.format_persen(capaian["IKU-1"].realisasi) == "92,99%"
        assert formulas.format_persen(capaian["IKU-1"].capaian) == "102,75%"
        html = render_html(build_laporan(opd.kode, 2025))
        assert "Dinas Kesehatan Kota Contoh" in html and "Wali Kota Contoh".upper() in html
        assert (
            "Rp2.250.000.000" in html and "90,00%" in html
        )  # realisasi and serapan of the program
        assert (
            formulas.predikat_akip(sum(k.nilai for k in EvaluasiAKIP.objects.filter(opd=opd)))
            == "BB"
        )
        again = impor_xlsx(xlsx(AGENCY))
        assert again.ok and again.hitung("baru") == 0 and again.hitung("ubah") == 0

    def test_the_import_is_audited_with_user_reason_and_the_budget_lines_links(
        self, django_user_model
    ):
        user = django_user_model.objects.create_superuser("admin.contoh")
        assert impor_xlsx(xlsx(AGENCY), user=user, alasan="Impor workbook dinkes.xlsx").ok
        record = Anggaran.history.get(nomenklatur__kode="1.02.02.2.02")
        assert (record.history_type, record.history_user, record.history_change_reason) == (
            "+",
            user,
            "Impor workbook dinkes.xlsx",
        )
        assert sorted(record.indikator.values_list("indikator__kode", flat=True)) == [
            "IKU-1",
            "IKU-2",
        ]
        book = agency()
        book["Anggaran"][2][11] = "IKU-1"
        result = impor_xlsx(xlsx(book), user=user)
        assert [p.detail for p in result.perubahan if p.aksi == "ubah"] == [
            (("indikator", "IKU-1, IKU-2", "IKU-1"),)
        ]
        latest = Anggaran.history.filter(nomenklatur__kode="1.02.02.2.02").latest("history_date")
        assert latest.history_type == "~"
        assert list(latest.indikator.values_list("indikator__kode", flat=True)) == ["IKU-1"]
        assert list(
            Anggaran.objects.get(nomenklatur__kode="1.02.02.2.02").indikator.values_list(
                "kode", flat=True
            )
        ) == ["IKU-1"]

    def test_an_import_needs_a_fixed_number_of_queries_whatever_the_number_of_rows(self):
        small = impor_xlsx(xlsx(AGENCY), dry_run=True)
        book = agency()
        book["Realisasi"] += [
            ["IKU-2", 2025, f"TW{tw}", f"{tw},5", None, None, None] for tw in range(1, 5)
        ]
        book["Target"] += [["IP-1", 2025, "pk", f"TW{tw}", 20 * tw] for tw in range(1, 5)]
        with CaptureQueriesContext(connection) as few:
            impor_xlsx(xlsx(AGENCY), dry_run=True)
        with CaptureQueriesContext(connection) as many:
            impor_xlsx(xlsx(book), dry_run=True)
        assert small.ok and len(few.captured_queries) == len(many.captured_queries)


class CommandTests:
    def run(self, *args):
        out = StringIO()
        try:
            call_command(*args, stdout=out)
        except SystemExit as exc:
            return exc.code, out.getvalue()
        return 0, out.getvalue()

    def test_import_workbook_dry_run_prints_the_preview_and_writes_nothing(self, tmp_path):
        path = tmp_path / "dinkes.xlsx"
        path.write_bytes(xlsx(AGENCY))
        code, out = self.run("import_workbook", str(path), "--dry-run")
        assert code == 0
        assert "+ Target: IKU-1 2025 pk TW1" in out and "Pratinjau saja" in out
        assert not PerangkatDaerah.objects.exists()

    def test_import_workbook_applies_and_shows_old_and_new_values(self, tmp_path):
        path = tmp_path / "dinkes.xlsx"
        path.write_bytes(xlsx(AGENCY))
        assert self.run("import_workbook", str(path))[0] == 0
        book = agency()
        book["Target"][3][4] = "91,5"
        path.write_bytes(xlsx(book))
        code, out = self.run("import_workbook", str(path), "--org", "dinkes-kota-contoh")
        assert code == 0
        assert "~ Target: IKU-1 2025 pk TAHUNAN: nilai: 90,5 → 91,5" in out

    def test_import_workbook_lists_every_error_and_exits_1(self, tmp_path):
        book = agency()
        book["Target"][2][4] = "lima"
        path = tmp_path / "salah.xlsx"
        path.write_bytes(xlsx(book))
        code, out = self.run("import_workbook", str(path))
        assert code == 1
        assert "Target, baris 3, kolom nilai: 'lima' bukan angka yang sah" in out
        assert not PerangkatDaerah.objects.exists()

    def test_import_workbook_refuses_a_renamed_pdf_with_exit_1(self, tmp_path):
        path = tmp_path / "laporan.xlsx"
        path.write_bytes(b"%PDF-1.4 bukan workbook")
        code, out = self.run("import_workbook", str(path))
        assert code == 1 and "Berkas: berkas ini sebenarnya PDF" in out

    def test_import_workbook_refuses_bad_arguments_in_indonesian(self, tmp_path):
        with pytest.raises(CommandError, match="Sebutkan berkas"):
            call_command("import_workbook")
        with pytest.raises(CommandError, match="tidak ditemukan"):
            call_command("import_workbook", str(tmp_path / "tidak-ada.xlsx"))
        path = tmp_path / "a.xlsx"
        path.write_bytes(xlsx(AGENCY))
        with pytest.raises(CommandError, match="tidak sah"):
            call_command("import_workbook", str(path), "--org", "Dinas Saya!")

    def test_export_workbook_writes_the_agency_and_refuses_bad_arguments(self, demo, tmp_path):
        out = tmp_path / "demo.xlsx"
        code, text = self.run("export_workbook", "--org", demo.kode, "--output", str(out))
        assert code == 0 and "Dinas Sosial Kota Bekasi" in text
        assert load_workbook(out, read_only=True)["Perangkat_Daerah"]["A2"].value == demo.kode
        with pytest.raises(CommandError, match="tidak ditemukan"):
            call_command("export_workbook", "--org", "tidak-ada", "--output", str(out))
        with pytest.raises(CommandError, match="--org"):
            call_command("export_workbook", "--output", str(out))
        with pytest.raises(CommandError, match=".xlsx"):
            call_command(
                "export_workbook", "--org", demo.kode, "--output", str(tmp_path / "demo.csv")
            )
        with pytest.raises(CommandError, match="Folder"):
            call_command(
                "export_workbook", "--org", demo.kode, "--output", str(tmp_path / "x" / "demo.xlsx")
            )
