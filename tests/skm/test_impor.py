"""Paper questionnaires (xlsx): all or nothing, errors by sheet/row/column, twice adds nothing."""

from datetime import date
from io import BytesIO, StringIO

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook, load_workbook

from skm.impor import ImporDitolak, impor_xlsx
from skm.models import Responden, UnitLayanan

KEPALA = ["unit_layanan", "tanggal", *[f"U{i}" for i in range(1, 10)]]


def xlsx(rows, kepala=KEPALA, lembar="Jawaban") -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = lembar
    ws.append(kepala)
    for row in rows:
        ws.append(row)
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


BARIS = ["Loket Rehabilitasi Sosial", date(2024, 2, 1), 4, 4, 3, 4, 4, 3, 4, 3, 4]


class ImportTests:
    def test_rows_are_imported_and_a_new_unit_name_creates_the_unit(self, survei):
        data = xlsx([BARIS, ["Loket Baru", "15/05/2024", 3, 3, 3, 3, 3, 3, 3, 3, None]])
        hasil = impor_xlsx(survei["opd"], data, "kertas.xlsx")
        assert hasil.ditambahkan == 2 and hasil.unit_baru == ["Loket Baru"]
        baru = Responden.objects.get(unit_layanan__nama="Loket Baru")
        assert baru.periode == survei["tw2"] and baru.u9 is None

    def test_two_identical_rows_are_two_respondents(self, survei):
        assert impor_xlsx(survei["opd"], xlsx([BARIS, BARIS])).ditambahkan == 2

    def test_errors_name_sheet_row_and_column_and_nothing_is_imported(self, survei):
        data = xlsx(
            [
                BARIS,
                ["Loket", date(2024, 2, 1), 5, 4, 3, 4, 4, 3, 4, 3, 4],
                ["Loket", "kemarin", 4, 4, 3, 4, 4, 3, 4, 3, 4],
                ["Loket", date(2025, 1, 1), 4, 4, 3, 4, 4, 3, 4, 3, 4],
            ]
        )
        with pytest.raises(ImporDitolak) as exc:
            impor_xlsx(survei["opd"], data)
        pesan = [str(m) for m in exc.value.masalah]
        assert any(p.startswith("Sheet Jawaban, baris 3, kolom U1: '5' tidak sah") for p in pesan)
        assert any(p.startswith("Sheet Jawaban, baris 4, kolom tanggal") for p in pesan)
        assert any("baris 5, kolom tanggal: tidak ada periode survei" in p for p in pesan)
        assert not Responden.objects.exists()
        assert not UnitLayanan.objects.filter(nama="Loket").exists()

    def test_a_missing_sheet_or_column_is_named(self, survei):
        with pytest.raises(ImporDitolak, match="sheet 'Jawaban' tidak ada"):
            impor_xlsx(survei["opd"], xlsx([BARIS], lembar="Data"))
        with pytest.raises(ImporDitolak, match="kolom wajib tidak ada: U9"):
            impor_xlsx(survei["opd"], xlsx([BARIS[:-1]], kepala=KEPALA[:-1]))

    def test_a_file_that_is_not_xlsx_is_refused_with_a_message(self, survei):
        with pytest.raises(ImporDitolak, match="PDF"):
            impor_xlsx(survei["opd"], b"%PDF-1.4 bukan workbook")

    def test_a_file_without_ids_imported_twice_is_refused_the_second_time(self, survei):
        data = xlsx([BARIS])
        impor_xlsx(survei["opd"], data)
        with pytest.raises(ImporDitolak, match="sudah diimpor"):
            impor_xlsx(survei["opd"], data)
        assert Responden.objects.count() == 1

    def test_a_file_with_ids_imported_twice_adds_nothing(self, survei):
        data = xlsx([["K-1", *BARIS], ["K-2", *BARIS]], kepala=["id", *KEPALA])
        assert impor_xlsx(survei["opd"], data).ditambahkan == 2
        again = impor_xlsx(survei["opd"], data)
        assert (again.ditambahkan, again.sudah_ada) == (0, 2)
        more = xlsx([["K-2", *BARIS], ["K-3", *BARIS]], kepala=["id", *KEPALA])
        assert impor_xlsx(survei["opd"], more).ditambahkan == 1
        assert Responden.objects.count() == 3

    def test_the_command_imports_and_reports_errors(self, survei, tmp_path):
        path = tmp_path / "kertas.xlsx"
        path.write_bytes(xlsx([BARIS]))
        out = StringIO()
        call_command("impor_skm", str(path), "--org", "dinsos-kota-bekasi", stdout=out)
        assert "1 jawaban ditambahkan" in out.getvalue()
        with pytest.raises(CommandError, match="tidak diimpor"):
            call_command("impor_skm", str(path), "--org", "dinsos-kota-bekasi", stderr=StringIO())

    def test_the_browser_upload_shows_the_errors(self, survei, perencana):
        from django.core.files.uploadedfile import SimpleUploadedFile

        bad = SimpleUploadedFile("k.xlsx", xlsx([["Loket", date(2024, 2, 1), 9] + [4] * 8]))
        response = perencana.post("/survei/dinsos-kota-bekasi/impor/", {"berkas": bad})
        assert response.status_code == 400
        assert "baris 2, kolom U1" in response.content.decode()


class ExportTests:
    def test_the_export_holds_each_response_and_quotes_formula_like_text(self, contoh, perencana):
        Responden.objects.filter(pk=Responden.objects.first().pk).update(komentar="=1+1")
        response = perencana.get("/survei/dinsos-kota-bekasi/jawaban/2024.xlsx")
        ws = load_workbook(BytesIO(response.content))["Jawaban"]
        rows = list(ws.iter_rows(values_only=True))
        assert rows[0][:4] == ("id", "unit_layanan", "periode", "tanggal")
        assert len(rows) == 6
        cell = next(c for row in ws.iter_rows() for c in row if c.value == "=1+1")
        assert cell.data_type == "s" and cell.quotePrefix

    def test_an_exported_file_imports_again_without_duplicates(self, contoh):
        from skm.ekspor import jawaban_xlsx

        hasil = impor_xlsx(contoh["opd"], _hanya_kolom_impor(jawaban_xlsx(contoh["opd"], 2024)))
        assert (hasil.ditambahkan, hasil.sudah_ada) == (0, 5)


def _hanya_kolom_impor(data: bytes) -> bytes:
    ws = load_workbook(BytesIO(data))["Jawaban"]
    rows = list(ws.iter_rows(values_only=True))
    keep = [i for i, h in enumerate(rows[0]) if h in ("id", *KEPALA)]
    return xlsx([[r[i] for i in keep] for r in rows[1:]], kepala=[rows[0][i] for i in keep])
