"""manage.py nilai_lke and impor_lke."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from evaluasi import services
from evaluasi.models import Jawaban, NilaiSubKomponen
from evaluasi.skor import AKHIR, lembar_skor
from tests.evaluasi.conftest import ajukan, isi

pytestmark = pytest.mark.django_db

KEPALA = [
    "kode_opd",
    "tahun",
    "kriteria",
    "jawaban_mandiri",
    "penjelasan",
    "jawaban_evaluator",
    "catatan_evaluator",
]


def _xlsx(path, rows, kualifikasi=None):
    wb = Workbook()
    ws = wb.active
    ws.title = "Jawaban"
    ws.append(KEPALA)
    for row in rows:
        ws.append(row)
    if kualifikasi:
        wk = wb.create_sheet("Kualifikasi")
        wk.append(
            ["kode_opd", "tahun", "sub_komponen", "kualifikasi_mandiri", "kualifikasi_evaluator"]
        )
        for row in kualifikasi:
            wk.append(row)
    wb.save(path)
    return str(path)


def test_nilai_lke_prints_every_component_and_exits_1_while_not_final(evaluasi):
    out = io.StringIO()
    with pytest.raises(CommandError, match="belum final"):
        call_command("nilai_lke", "--org", evaluasi.opd.kode, "--year", "2025", stdout=out)
    teks = out.getvalue()
    assert "1. Perencanaan Kinerja: 0,00 dari 30,00" in teks
    assert "Total: 0,00" in teks and "Predikat: D" in teks


def test_nilai_lke_prints_the_final_total_and_predicate(evaluasi, django_user_model):
    ajukan(evaluasi)
    isi(evaluasi, AKHIR, {s.sub.kode: ["Y"] * 11 for s in lembar_skor(evaluasi).subs})
    user = django_user_model.objects.get(username="inspektorat.bekasi")
    services.finalkan(evaluasi, user, nomor_lhe="1/LHE", tanggal_lhe=datetime.date(2025, 7, 1))
    out = io.StringIO()
    call_command("nilai_lke", "--org", evaluasi.opd.kode, "--year", "2025", stdout=out)
    assert "Total: 70,00" in out.getvalue()
    assert "Predikat: B\n" in out.getvalue()  # 70,00 exactly is B, not BB


def test_impor_lke_writes_the_agencys_answers_and_qualifiers(evaluasi, tmp_path):
    kode = evaluasi.opd.kode
    berkas = _xlsx(
        tmp_path / "lke.xlsx",
        [
            [kode, 2025, "1.a.1", "Y", "Perwal 12/2023", None, None],
            [kode, 2025, "1.b.3", "t", "", None, None],
        ],
        [[kode, 2025, "1.a", 2, None]],
    )
    out = io.StringIO()
    call_command("impor_lke", berkas, stdout=out)
    assert "3 isian mandiri berubah" in out.getvalue()
    assert sorted(Jawaban.objects.values_list("jawaban_mandiri", "penjelasan")) == [
        ("T", ""),
        ("Y", "Perwal 12/2023"),
    ]
    assert NilaiSubKomponen.objects.get().kualifikasi_mandiri == 2


def test_impor_lke_names_sheet_row_and_column_of_every_problem_and_writes_nothing(
    evaluasi, tmp_path
):
    kode = evaluasi.opd.kode
    berkas = _xlsx(
        tmp_path / "lke.xlsx",
        [
            [kode, 2025, "1.a.1", "Y", "", None, None],
            [kode, 2025, "1.a.2", "B", "", None, None],
            [kode, 2025, "9.z.1", "Y", "", None, None],
            [kode, 2025, "1.a.3", None, None, "Y", "evaluator terlalu dini"],
            ["dinas-tidak-ada", 2025, "1.a.1", "Y", "", None, None],
        ],
    )
    err = io.StringIO()
    with pytest.raises(CommandError, match="4 masalah; tidak ada yang disimpan"):
        call_command("impor_lke", berkas, stderr=err)
    teks = err.getvalue()
    assert (
        "Sheet Jawaban, baris 3, kolom jawaban_mandiri: Jawaban 'B' tidak sesuai jenis kriteria"
        in teks
    )
    assert "Sheet Jawaban, baris 4, kolom kriteria: kriteria '9.z.1' tidak ada" in teks
    assert (
        "Sheet Jawaban, baris 5, kolom jawaban_evaluator: Penilaian mandiri belum diajukan" in teks
    )
    assert "Sheet Jawaban, baris 6, kolom kode_opd: tidak ada evaluasi 2025" in teks
    assert not Jawaban.objects.exists()


def test_impor_lke_refuses_a_file_that_is_not_a_workbook(tmp_path):
    path = tmp_path / "lke.xlsx"
    path.write_bytes(b"%PDF-1.4 bukan workbook")
    with pytest.raises(CommandError, match="1 masalah"):
        call_command("impor_lke", str(path), stderr=io.StringIO())
