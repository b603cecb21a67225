"""The pemda screens name records as the user reads them: 'Tambah periode RPJMD', 'Target IKU
kepala daerah … akan dihapus', a target's kind as 'RPJMD' in the import preview, columns as the
sheet's column headers."""

import pytest

from exchange.workbook import impor_xlsx
from rpjmd.models import TargetPemda
from tests.reports.agencies import xlsx_bytes
from tests.rpjmd.pemda_workbook import KODE, SHEETS, import_pemda

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("layar", "judul"),
    [
        ("rpjmd", "Tambah periode RPJMD"),
        ("tujuan", "Tambah tujuan RPJMD"),
        ("indikator", "Tambah IKU kepala daerah"),
        ("target", "Tambah target IKU kepala daerah"),
    ],
)
def test_the_add_form_is_headed_with_the_records_name_as_written(admin, layar, judul):
    page = admin.get(f"/pemda/{KODE}/data/{layar}/tambah/").content.decode()
    assert f"<h1>{judul}</h1>" in page
    assert f"<title>{judul} — " in page


def test_the_delete_page_names_the_record_with_its_capitals(admin):
    t = TargetPemda.objects.filter(indikator__kode="IKU-1").first()
    page = admin.get(f"/pemda/{KODE}/data/target/{t.pk}/hapus/").content.decode()
    assert "Target IKU kepala daerah \u201c" in page and "iku pemda" not in page.lower()


def test_the_import_preview_names_a_targets_kind_as_the_screens_do():
    assert import_pemda().ok
    sheets = {k: [list(r) for r in v] for k, v in SHEETS.items()}
    baris = next(i for i, r in enumerate(sheets["Target"]) if r[:3] == ["IKU-3", 2029, "renstra"])
    sheets["Target"][baris][sheets["Target"][0].index("nilai")] = "4,10"
    hasil = impor_xlsx(xlsx_bytes(sheets), dry_run=True)
    assert [p.kunci for p in hasil.perubahan if p.aksi == "ubah"] == ["IKU-3 2029 RPJMD"]
