"""The exchange workbook under attack and at the edges (issue #15): its own exports come back
unchanged, and hostile files (far-away cells, a million blank rows, huge shared-string tables,
thousands of sheets, endless cell text, deep XML) are refused or read in moments, never a 500."""

import copy
import io
import re
import time
import zipfile
from io import StringIO

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from exchange.workbook import export_workbook, impor_xlsx
from indicators.models import Indikator
from lkip.models import PerangkatDaerah, SdmKomposisi
from reports.models import LaporanTahunan, StatusLaporan
from targets.models import Sasaran
from tests.exchange.workbook_data import AGENCY, xlsx

pytestmark = pytest.mark.django_db

DEMO = "dinsos-kota-bekasi"
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
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
