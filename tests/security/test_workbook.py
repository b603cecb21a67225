"""The exchange workbook under attack and at the edges (issue #15): its own exports come back
unchanged, and hostile files (far-away cells, a million blank rows, huge shared-string tables,
thousands of sheets, endless cell text, deep XML) are refused or read in moments, never a 500."""

import copy
import io
import re
import time
import zipfile
from decimal import Decimal
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from openpyxl import load_workbook

from demo.opd import DEMO_PASSWORD
from exchange import reader
from exchange.workbook import export_workbook, impor_xlsx
from indicators.models import HasilIKM, Indikator
from lkip import penyimpanan, xlsx_berkas
from lkip.models import PerangkatDaerah, SdmKomposisi
from reports.models import LaporanTahunan, StatusLaporan
from targets.models import Sasaran, Tujuan
from tests import berkas
from tests.exchange.workbook_data import AGENCY, xlsx

pytestmark = pytest.mark.django_db

DEMO = "dinsos-kota-bekasi"
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
R_NS = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships"
# CPU seconds a hostile file may cost; the code before issue #15 spent 20 s to over a minute.
SEKEJAP = 5


def unchanged(result) -> bool:
    return result.ok and result.hitung("baru") == 0 and result.hitung("ubah") == 0


def round_trip(opd: PerangkatDaerah, **kwargs):
    return impor_xlsx(export_workbook(opd), opd_kode=opd.kode, **kwargs)


def city() -> list[PerangkatDaerah]:
    """The demo agency and a synthetic city of three agencies over two years beside it."""
    call_command("generate_demo_city", agencies=3, years=2, seed=1, stdout=StringIO())
    return list(PerangkatDaerah.objects.order_by("kode"))


def put_in_review(opd: PerangkatDaerah, status: str, tahun: int = 2024) -> None:
    LaporanTahunan.objects.update_or_create(opd=opd, tahun=tahun, defaults={"status": status})


def generated(opds: list[PerangkatDaerah]) -> PerangkatDaerah:
    return next(o for o in opds if o.kode != DEMO)


def sheet_parts(data: bytes) -> dict[str, str]:
    """Sheet name → part name of an xlsx."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        book = z.read("xl/workbook.xml").decode()
        rels = z.read("xl/_rels/workbook.xml.rels").decode()
    targets = {}
    for rel in re.findall(r"<Relationship [^>]*>", rels):
        rid, target = re.search(r'Id="([^"]+)"', rel), re.search(r'Target="([^"]+)"', rel)
        targets[rid.group(1)] = "xl/" + target.group(1).lstrip("/").removeprefix("xl/")
    return {
        name: targets[rid]
        for name, rid in re.findall(r'<sheet [^>]*?name="([^"]+)"[^>]*?r:id="([^"]+)"', book)
    }


def rewrite(data: bytes, edit, extra: dict[str, bytes] | None = None) -> bytes:
    """The workbook with every part passed through edit(name, bytes), plus extra parts."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            dst.writestr(info.filename, edit(info.filename, src.read(info.filename)), 8, 1)
        for name, content in (extra or {}).items():
            dst.writestr(name, content, 8, 1)
    return out.getvalue()


def append_rows(xml: bytes, rows: bytes) -> bytes:
    if b"<sheetData/>" in xml:
        return xml.replace(b"<sheetData/>", b"<sheetData>" + rows + b"</sheetData>")
    return xml.replace(b"</sheetData>", rows + b"</sheetData>")


def in_sheet(data: bytes, sheet: str, edit) -> bytes:
    part = sheet_parts(data)[sheet]
    return rewrite(data, lambda name, raw: edit(raw) if name == part else raw)


def blank_rows_after_data(data: bytes, count: int, then: bytes = b"") -> bytes:
    """The Anggaran sheet followed by `count` rows of empty formatted cells (and `then`)."""

    def edit(raw: bytes) -> bytes:
        last = max(int(n) for n in re.findall(rb'<row r="(\d+)"', raw))
        rows = b"".join(
            b'<row r="%d"><c r="A%d" s="1"/><c r="B%d" s="1"/><c r="C%d" s="1"/></row>'
            % (r, r, r, r)
            for r in range(last + 1, last + 1 + count)
        )
        return append_rows(raw, rows + then.replace(b"{r}", b"%d" % (last + count + 1)))

    return in_sheet(data, "Anggaran", edit)


def saved(wb) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def ikm_changed(demo, nilai: str = "81,5") -> tuple[bytes, int]:
    """The demo's export with the first IKM row's value changed; and that row's year."""
    wb = load_workbook(io.BytesIO(export_workbook(demo)))
    ws = wb["IKM"]
    assert [c.value for c in ws[1]][:2] == ["tahun", "nilai"]
    ws["B2"] = nilai
    return saved(wb), ws["A2"].value


def timed(data: bytes, **kwargs):
    start = time.process_time()
    result = impor_xlsx(data, opd_kode=DEMO, dry_run=True, **kwargs)
    return result, time.process_time() - start


class OwnExportTests:
    def test_every_agency_of_the_synthetic_city_and_the_demo_import_their_own_export_unchanged(
        self, demo
    ):
        opds = city()
        assert len(opds) == 4
        for opd in opds:
            result = round_trip(opd)
            assert unchanged(result), (opd.kode, [str(m) for m in result.errors][:5])
            assert result.diterapkan

    @pytest.mark.parametrize("status", [StatusLaporan.DIAJUKAN, StatusLaporan.DIREVIU])
    def test_an_unchanged_round_trip_passes_while_the_agencys_lkip_is_in_review(self, demo, status):
        opds = city()
        for opd in (generated(opds), demo):
            put_in_review(opd, status)
            result = round_trip(opd)
            assert unchanged(result), (opd.kode, [str(m) for m in result.errors][:5])

    def test_a_real_change_to_a_plan_in_review_is_still_refused_naming_what_differs(self, demo):
        opd = generated(city())
        put_in_review(opd, StatusLaporan.DIREVIU)
        sasaran = Sasaran.objects.filter(renstra__opd=opd).order_by("urutan", "id").first()
        wb = load_workbook(io.BytesIO(export_workbook(opd)))
        ws = wb["Sasaran"]
        header = [c.value for c in ws[1]]
        row = next(
            r for r in ws.iter_rows(min_row=2) if r[header.index("kode")].value == sasaran.kode
        )
        row[header.index("uraian")].value = sasaran.uraian + " (diubah)"
        result = impor_xlsx(saved(wb), opd_kode=opd.kode, dry_run=True)
        assert [(m.sheet, m.kolom) for m in result.errors] == [("Sasaran", "uraian")]
        assert "sedang dalam pengajuan" in result.errors[0].pesan
        assert "berbeda dengan data di aplikasi: uraian" in result.errors[0].pesan

    def test_reordering_a_plan_in_review_is_refused_as_a_change_of_order(self, demo):
        put_in_review(demo, StatusLaporan.DIAJUKAN)
        wb = load_workbook(io.BytesIO(export_workbook(demo)))
        ws = wb["Tujuan"]
        first, second = ([c.value for c in ws[n]] for n in (2, 3))
        for col, (a, b) in enumerate(zip(first, second, strict=True), start=1):
            ws.cell(2, col).value, ws.cell(3, col).value = b, a
        result = impor_xlsx(saved(wb), opd_kode=DEMO, dry_run=True)
        assert result.errors and all(m.sheet == "Tujuan" for m in result.errors)
        assert "urutan baris di sheet" in result.errors[0].pesan

    def test_a_stored_order_with_gaps_is_kept_and_a_new_order_is_numbered_from_one(self, demo):
        rows = list(SdmKomposisi.objects.filter(opd=demo).order_by("tahun", "urutan", "id"))
        for n, row in enumerate(rows):
            row.urutan = 10 * (n + 1)
        SdmKomposisi.objects.bulk_update(rows, ["urutan"])
        indikator = list(Indikator.objects.filter(opd=demo).order_by("urutan", "id"))
        for n, ind in enumerate(indikator):
            ind.urutan = 101 + n
        Indikator.objects.bulk_update(indikator, ["urutan"])
        assert unchanged(round_trip(demo))
        assert list(
            Indikator.objects.filter(opd=demo).order_by("urutan").values_list("urutan")
        ) == [(101 + n,) for n in range(len(indikator))]

    @pytest.mark.parametrize(
        ("cap", "stored"),
        [(100, 100), (110, 110), (120, 120), ("120", 120), ("110,0", 110), (120.0, 120)],
    )
    def test_a_cap_of_100_110_or_120_is_accepted_as_a_number_or_as_text(self, cap, stored):
        book = copy.deepcopy(AGENCY)
        book["Indikator"][0].append("cap_persen")
        book["Indikator"][1].append(cap)
        for row in book["Indikator"][2:]:
            row.append(None)
        result = impor_xlsx(xlsx(book))
        assert result.ok, [str(m) for m in result.errors]
        assert Indikator.objects.get(kode="IKU-1").cap_persen == stored
        assert unchanged(round_trip(PerangkatDaerah.objects.get(kode="dinkes-kota-contoh")))

    def test_a_cap_other_than_100_110_or_120_is_refused(self):
        book = copy.deepcopy(AGENCY)
        book["Indikator"][0].append("cap_persen")
        book["Indikator"][1].append(115)
        for row in book["Indikator"][2:]:
            row.append(None)
        result = impor_xlsx(xlsx(book))
        assert [(m.sheet, m.baris, m.kolom) for m in result.errors] == [
            ("Indikator", 2, "cap_persen")
        ]


class SmallFileLongWorkTests:
    @pytest.mark.parametrize("cell", [b"<v>1</v>", b"<f>1+1</f><v>2</v>"])
    def test_a_cell_at_xfd1048576_in_every_sheet_is_read_in_moments(self, demo, cell):
        def edit(name: str, raw: bytes) -> bytes:
            if not name.startswith("xl/worksheets/"):
                return raw
            raw = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', raw)
            return append_rows(raw, b'<row r="1048576"><c r="XFD1048576">' + cell + b"</c></row>")

        result, seconds = timed(rewrite(export_workbook(demo), edit))
        assert unchanged(result), [str(m) for m in result.errors]
        assert seconds < SEKEJAP

    def test_a_million_formatted_blank_rows_after_the_data_are_not_read(self, demo):
        data = blank_rows_after_data(export_workbook(demo), 1_000_000)
        result, seconds = timed(data)
        assert unchanged(result), [str(m) for m in result.errors]
        assert seconds < SEKEJAP

    def test_data_after_more_blank_rows_than_the_limit_is_refused_naming_the_sheet(self, demo):
        data = blank_rows_after_data(
            export_workbook(demo),
            reader.BATAS_BARIS_KOSONG + 1,
            then=b'<row r="{r}"><c r="A{r}"><v>2024</v></c></row>',
        )
        result, seconds = timed(data)
        assert [(m.sheet, m.kolom) for m in result.errors] == [("Anggaran", None)]
        assert "lebih dari 10.000 baris kosong" in result.errors[0].pesan
        assert seconds < SEKEJAP

    def test_blank_rows_among_the_data_below_the_limit_are_skipped(self, demo):
        data = blank_rows_after_data(
            export_workbook(demo), 500, then=b'<row r="{r}"><c r="Z{r}"><v>1</v></c></row>'
        )
        assert unchanged(impor_xlsx(data, opd_kode=DEMO, dry_run=True))

    def test_a_value_after_blank_rows_is_read_however_its_tags_are_spelled(self, demo):
        data = blank_rows_after_data(
            export_workbook(demo),
            50,
            then=b'<row r="{r}"><c r="A{r}"><v xml:space="preserve">2024</v\n></c></row>',
        )
        result = impor_xlsx(data, opd_kode=DEMO, dry_run=True)
        last = max(m.baris or 0 for m in result.errors if m.sheet == "Anggaran")
        assert ("Anggaran", last, "kode") in {(m.sheet, m.baris, m.kolom) for m in result.errors}

    def test_more_data_rows_than_the_limit_are_refused_naming_the_sheet(self, monkeypatch):
        monkeypatch.setattr(reader, "BATAS_BARIS", 3)
        book = copy.deepcopy(AGENCY)
        result = impor_xlsx(xlsx(book))
        assert ("Target", 5, None) in {(m.sheet, m.baris, m.kolom) for m in result.errors}

    def test_columns_the_format_does_not_know_are_warned_about_but_never_read(self):
        book = copy.deepcopy(AGENCY)
        book["Tujuan"][0] += [f"catatan_{n}" for n in range(150)]
        book["Tujuan"][1] += ["x" * 100] * 150
        data = xlsx(book)
        with reader.read_workbook(data) as bacaan:
            rows = list(bacaan.sheets["Tujuan"].bernomor())
        assert [sorted(row.keys()) for _n, row in rows] == [["kode", "uraian"]]
        result = impor_xlsx(data)
        assert result.ok and len([m for m in result.peringatan if m.sheet == "Tujuan"]) == 150

    def test_apply_uses_the_rows_the_preview_read_without_parsing_the_file_again(
        self, demo, client, settings, tmp_path, monkeypatch
    ):
        settings.MEDIA_ROOT = tmp_path
        assert client.login(username="perencana.dinsos", password=DEMO_PASSWORD)
        data, tahun = ikm_changed(demo)
        page = client.post(
            f"/impor/{DEMO}/pratinjau/", {"berkas": SimpleUploadedFile("ikm.xlsx", data)}
        )
        token = page.context["token"]
        assert token and "1 diubah" in page.text

        def parsed_again(*_args, **_kwargs):
            raise AssertionError("apply parsed the workbook again")

        monkeypatch.setattr("exchange.workbook.read_workbook", parsed_again)
        done = client.post(f"/impor/{DEMO}/terapkan/", {"token": token}, follow=True)
        assert "diterapkan: 0 baru, 1 diubah" in done.text
        assert HasilIKM.objects.get(opd=demo, tahun=tahun).nilai == Decimal("81.5")
        assert not [name for name in berkas.semua("impor") if token in name]

    def test_rows_kept_for_apply_that_were_changed_on_the_server_are_refused(
        self, demo, client, settings, tmp_path
    ):
        settings.MEDIA_ROOT = tmp_path
        assert client.login(username="perencana.dinsos", password=DEMO_PASSWORD)
        data, tahun = ikm_changed(demo)
        token = client.post(
            f"/impor/{DEMO}/pratinjau/", {"berkas": SimpleUploadedFile("ikm.xlsx", data)}
        ).context["token"]
        kept = next(name for name in berkas.semua("impor") if name.endswith(f"{token}.baca"))
        berkas.tulis_ulang(kept, penyimpanan.baca(kept)[:-1] + b"\0")
        done = client.post(f"/impor/{DEMO}/terapkan/", {"token": token}, follow=True)
        assert "berubah di server" in done.text
        assert HasilIKM.objects.get(opd=demo, tahun=tahun).nilai != Decimal("81.5")


def shared_strings_part(body: bytes) -> dict:
    """A sharedStrings part with the content type and relationship that make it the table."""
    sst = b'<sst xmlns="' + MAIN_NS.encode() + b'">' + body + b"</sst>"
    override = (
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    )
    rel = (
        b'<Relationship Id="rIdSst" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/sharedStrings" Target="sharedStrings.xml"/>'
    )

    def edit(name: str, raw: bytes) -> bytes:
        if name == "[Content_Types].xml":
            return raw.replace(b"</Types>", override + b"</Types>")
        if name == "xl/_rels/workbook.xml.rels":
            return raw.replace(b"</Relationships>", rel + b"</Relationships>")
        return raw

    return {"edit": edit, "extra": {"xl/sharedStrings.xml": sst}}


def with_shared_strings(data: bytes, body: bytes) -> bytes:
    part = shared_strings_part(body)
    return rewrite(data, part["edit"], part["extra"])


def uraian_as_shared_string(data: bytes, si: bytes) -> bytes:
    """The workbook with Tujuan's first uraian (B2) taken from a one-entry shared-string table."""
    data = with_shared_strings(data, si)
    return in_sheet(
        data,
        "Tujuan",
        lambda raw: re.sub(
            rb'<c r="B2"[^>]*>.*?</c>', b'<c r="B2" t="s"><v>0</v></c>', raw, count=1, flags=re.S
        ),
    )


class HostileXmlTests:
    def test_a_huge_shared_string_table_is_refused_before_it_is_read(self, demo):
        body = b"".join(b"<si><t>s%d</t></si>" % i for i in range(reader.BATAS_TEKS_BERSAMA + 1))
        result, seconds = timed(with_shared_strings(export_workbook(demo), body))
        assert [m.sheet for m in result.errors] == ["Berkas"]
        assert "teks bersama" in result.errors[0].pesan and "500.000" in result.errors[0].pesan
        assert seconds < SEKEJAP

    def test_shared_strings_are_read_with_their_runs_but_not_their_phonetic_guide(self):
        rich = (
            b"<si><r><rPr><b/></rPr><t>Meningkatkan derajat </t></r><r><t>kesehatan "
            b'masyarakat</t></r><rPh sb="0" eb="1"><t>x</t></rPh></si>'
        )
        assert impor_xlsx(uraian_as_shared_string(xlsx(AGENCY), rich)).ok
        assert Tujuan.objects.get(kode="T1").uraian == "Meningkatkan derajat kesehatan masyarakat"

    def test_a_workbook_with_more_sheets_than_the_limit_is_refused_naming_the_limit(self, demo):
        count = reader.BATAS_SHEET + 1
        sheet = b'<worksheet xmlns="' + MAIN_NS.encode() + b'"><sheetData/></worksheet>'
        ct = b"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
        rel_type = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"

        def edit(name: str, raw: bytes) -> bytes:
            if name == "[Content_Types].xml":
                return raw.replace(
                    b"</Types>",
                    b"".join(
                        b'<Override PartName="/xl/worksheets/x%d.xml" ContentType="%s"/>' % (i, ct)
                        for i in range(count)
                    )
                    + b"</Types>",
                )
            if name == "xl/_rels/workbook.xml.rels":
                return raw.replace(
                    b"</Relationships>",
                    b"".join(
                        b'<Relationship Id="rX%d" Type="%s" Target="worksheets/x%d.xml"/>'
                        % (i, rel_type, i)
                        for i in range(count)
                    )
                    + b"</Relationships>",
                )
            if name == "xl/workbook.xml":
                return raw.replace(
                    b"</sheets>",
                    b"".join(
                        b'<sheet xmlns:r="%s" name="X%d" sheetId="%d" r:id="rX%d"/>'
                        % (R_NS, i, 900 + i, i)
                        for i in range(count)
                    )
                    + b"</sheets>",
                )
            return raw

        extra = {f"xl/worksheets/x{i}.xml": sheet for i in range(count)}
        result, seconds = timed(rewrite(export_workbook(demo), edit, extra))
        assert [m.sheet for m in result.errors] == ["Berkas"]
        assert "sheet (batas 100)" in result.errors[0].pesan
        assert seconds < SEKEJAP

    def test_a_cell_longer_than_a_spreadsheet_cell_is_an_error_naming_sheet_row_and_column(
        self, demo
    ):
        long = b"x" * 40_000

        def edit(raw: bytes) -> bytes:
            return re.sub(
                rb'<c r="B2"[^>]*>.*?</c>',
                b'<c r="B2" t="inlineStr"><is><t>' + long + b"</t></is></c>",
                raw,
                count=1,
                flags=re.S,
            )

        result, _ = timed(in_sheet(export_workbook(demo), "Tujuan", edit))
        assert [(m.sheet, m.baris, m.kolom) for m in result.errors] == [("Tujuan", 2, "uraian")]
        assert "lebih dari 32.767 karakter" in result.errors[0].pesan

    def test_a_shared_string_longer_than_a_cell_refuses_only_the_cells_that_use_it(self):
        long = b"<si><t>" + b"y" * 40_000 + b"</t></si>"
        result = impor_xlsx(uraian_as_shared_string(xlsx(AGENCY), long))
        first = result.errors[0]  # then the rows that refer to the refused goal T1
        assert (first.sheet, first.baris, first.kolom) == ("Tujuan", 2, "uraian")
        assert "lebih dari 32.767 karakter" in first.pesan
        assert not [m for m in result.errors if m.sheet == "Tujuan" and m is not first]

    @pytest.mark.parametrize(
        "cell",
        [
            b'<c r="B2" t="s"><v>99</v></c>',
            b'<c r="B2"><v>abc</v></c>',
            b'<c r="B2" t="b"><v>x</v></c>',
        ],
    )
    def test_a_damaged_cell_is_an_error_naming_sheet_row_and_column(self, demo, cell):
        data = in_sheet(
            export_workbook(demo),
            "Tujuan",
            lambda raw: re.sub(rb'<c r="B2"[^>]*>.*?</c>', cell, raw, count=1, flags=re.S),
        )
        result = impor_xlsx(data, opd_kode=DEMO, dry_run=True)
        assert [(m.sheet, m.baris, m.kolom) for m in result.errors] == [("Tujuan", 2, "uraian")]
        assert "tidak dapat dibaca" in result.errors[0].pesan

    def test_xml_nested_deeper_than_a_workbook_needs_is_refused_naming_the_sheet(self, demo):
        nest = b"<x>" * 20_000 + b"</x>" * 20_000
        data = in_sheet(
            export_workbook(demo),
            "Tujuan",
            lambda raw: raw.replace(b"<sheetData>", b"<sheetData>" + nest, 1),
        )
        result, seconds = timed(data)
        assert [m.sheet for m in result.errors] == ["Berkas"]
        assert "Tujuan" in result.errors[0].pesan and "bersarang" in result.errors[0].pesan
        assert seconds < SEKEJAP

    def test_a_styles_part_larger_than_the_limit_is_refused_before_it_is_parsed(
        self, demo, monkeypatch
    ):
        monkeypatch.setattr(xlsx_berkas, "BATAS_XML_UTUH", 10_000)
        data = rewrite(
            export_workbook(demo),
            lambda name, raw: (
                raw.replace(b"</styleSheet>", b" " * 20_000 + b"</styleSheet>")
                if name == "xl/styles.xml"
                else raw
            ),
        )
        result = impor_xlsx(data, opd_kode=DEMO, dry_run=True)
        assert [m.sheet for m in result.errors] == ["Berkas"]
        assert "xl/styles.xml" in result.errors[0].pesan

    def test_a_hostile_upload_gets_a_message_on_the_page_never_a_server_error(self, demo, client):
        assert client.login(username="perencana.dinsos", password=DEMO_PASSWORD)
        nest = b"<x>" * 20_000 + b"</x>" * 20_000
        data = in_sheet(
            export_workbook(demo),
            "Tujuan",
            lambda raw: raw.replace(b"<sheetData>", b"<sheetData>" + nest, 1),
        )
        page = client.post(
            f"/impor/{DEMO}/pratinjau/", {"berkas": SimpleUploadedFile("dalam.xlsx", data)}
        )
        assert page.status_code == 400 and "bersarang lebih dari 64 tingkat" in page.text
