"""The workbook import service: all or nothing, every error as sheet, row, column and message."""

import copy
from decimal import Decimal

import pytest

from budget.models import Anggaran
from exchange.importer import impor
from indicators.models import Indikator
from lkip.models import PerangkatDaerah
from targets.models import Realisasi, Target

pytestmark = pytest.mark.django_db

WORKBOOK = {
    "Perangkat_Daerah": [
        {
            "kode": "dinas-uji",
            "nama": "Dinas Uji",
            "pemda": "Pemerintah Kota Uji",
            "kota_ttd": "Uji",
            "kepala_nama": "Dr. UJI, M.Si.",
            "kepala_nip": "19660301 199003 1 010",
            "kepala_jabatan": "Kepala Dinas Uji",
            "renstra_awal": "2024",
            "renstra_akhir": "2026",
        }
    ],
    "Tujuan": [{"kode": "T1", "uraian": "Meningkatkan layanan"}],
    "Sasaran": [{"kode": "S1", "tujuan_kode": "T1", "uraian": "Meningkatnya layanan"}],
    "Indikator": [
        {
            "kode": "IKU-1",
            "tingkat": "iku",
            "sasaran_kode": "S1",
            "uraian": "Persentase layanan",
            "satuan": "%",
            "jenis_nilai": "persen",
            "polaritas": "positif",
            "agregasi": "jumlah",
        },
        {
            "kode": "IP-1",
            "tingkat": "program",
            "anggaran_kode": "1.06.04",
            "uraian": "Persentase program",
            "satuan": "%",
            "jenis_nilai": "persen",
            "polaritas": "positif",
            "agregasi": "terakhir",
        },
    ],
    "Target": [
        {
            "indikator_kode": "IKU-1",
            "tahun": "2024",
            "jenis": "pk",
            "periode": "TAHUNAN",
            "nilai": "5",
        },
        {
            "indikator_kode": "IKU-1",
            "tahun": "2025",
            "jenis": "renstra",
            "periode": "TAHUNAN",
            "nilai": "6",
        },
    ],
    "Realisasi": [
        {
            "indikator_kode": "IKU-1",
            "tahun": "2024",
            "periode": "TAHUNAN",
            "pembilang": "15.216",
            "penyebut": "125.326",
        },
    ],
    "Anggaran": [
        {
            "tahun": "2024",
            "kode": "1.06.01.01 - 04",
            "tingkat": "program",
            "uraian": "Program Rehabilitasi Sosial",
            "pagu_murni": "Rp 4.047.900.000,-",
            "pagu_perubahan": "4.653.328.000",
            "realisasi": "4.259.258.784",
            "indikator_kode": "IP-1",
        },
        {
            "tahun": "2024",
            "kode": "1.06.04.2.01",
            "tingkat": "kegiatan",
            "uraian": "Rehabilitasi Sosial Dasar",
            "pagu_perubahan": "4.653.328.000",
            "realisasi": "4.259.258.784",
        },
    ],
}


def workbook(**changes):
    book = copy.deepcopy(WORKBOOK)
    for sheet, rows in changes.items():
        book[sheet] = rows
    return book


class ImportTests:
    def test_a_workbook_creates_the_agency_and_its_data(self):
        result = impor(workbook())
        assert result.ok, result.errors
        opd = PerangkatDaerah.objects.get(kode="dinas-uji")
        assert opd.pemda.nama == "Pemerintah Kota Uji"
        real = Realisasi.objects.get(indikator__kode="IKU-1")
        assert (real.pembilang, real.penyebut) == (Decimal(15216), Decimal(125326))
        line = Anggaran.objects.get(nomenklatur__kode="1.06.04")
        assert line.pagu_murni == Decimal("4047900000")
        assert list(line.indikator.values_list("kode", flat=True)) == ["IP-1"]
        assert Indikator.objects.get(kode="IP-1").nomenklatur.kode == "1.06.04"

    def test_importing_the_same_workbook_again_changes_nothing(self):
        impor(workbook())
        again = impor(workbook())
        assert again.ok
        assert again.hitung("baru") == 0 and again.hitung("ubah") == 0
        assert again.hitung("tetap") > 0

    def test_a_changed_value_is_reported_with_old_and_new(self):
        impor(workbook())
        book = workbook()
        book["Target"][0]["nilai"] = "6"
        result = impor(book)
        changed = [p for p in result.perubahan if p.aksi == "ubah"]
        assert len(changed) == 1
        assert changed[0].detail == (("nilai", "5", "6"),)
        assert Target.objects.get(tahun=2024).nilai == Decimal(6)

    def test_a_dry_run_writes_nothing_but_lists_what_would_be_created(self):
        result = impor(workbook(), dry_run=True)
        assert result.ok and not result.diterapkan
        assert result.hitung("baru") > 5
        assert not PerangkatDaerah.objects.exists()

    def test_every_error_is_listed_and_nothing_is_written(self):
        book = workbook()
        book["Target"][0]["nilai"] = "lima"
        book["Realisasi"][0]["indikator_kode"] = "IKU-99"
        book["Anggaran"][1]["kode"] = "1.6.4"
        result = impor(book)
        assert not result.ok
        where = {(m.sheet, m.baris, m.kolom) for m in result.errors}
        assert ("Target", 2, "nilai") in where
        assert ("Realisasi", 2, "indikator_kode") in where
        assert ("Anggaran", 3, "kode") in where
        assert all("Traceback" not in str(m) for m in result.errors)
        assert not PerangkatDaerah.objects.exists()
        assert not Anggaran.objects.exists()

    def test_a_workbook_of_another_agency_is_refused(self):
        result = impor(workbook(), opd_kode="dinas-lain")
        assert not result.ok
        assert "bukan 'dinas-lain'" in result.errors[0].pesan
        assert not PerangkatDaerah.objects.exists()

    def test_a_duplicate_key_within_a_sheet_is_an_error(self):
        book = workbook()
        book["Target"].append(dict(book["Target"][0]))
        result = impor(book)
        assert [(m.sheet, m.baris) for m in result.errors] == [("Target", 4)]

    def test_a_renstra_target_outside_the_renstra_period_is_an_error(self):
        book = workbook()
        book["Target"][1]["tahun"] = "2030"
        result = impor(book)
        assert "di luar periode Renstra 2024–2026" in result.errors[0].pesan

    def test_a_predicate_outside_the_scale_is_an_error_naming_the_column(self):
        book = workbook()
        book["Indikator"].append(
            {
                "kode": "IKU-2",
                "tingkat": "iku",
                "sasaran_kode": "S1",
                "uraian": "Nilai AKIP",
                "satuan": "Nilai",
                "jenis_nilai": "predikat",
                "skala_predikat": "AKIP",
                "polaritas": "positif",
                "agregasi": "terakhir",
            }
        )
        book["Realisasi"].append(
            {
                "indikator_kode": "IKU-2",
                "tahun": "2024",
                "periode": "TAHUNAN",
                "nilai": "77,29",
                "predikat": "ZZ",
            }
        )
        result = impor(book)
        assert [(m.sheet, m.kolom) for m in result.errors] == [("Realisasi", "predikat")]

    def test_a_bad_quarter_is_an_error(self):
        book = workbook()
        book["Realisasi"][0]["periode"] = "TW5"
        result = impor(book)
        assert "TW5" in result.errors[0].pesan

    def test_realisasi_above_pagu_is_stored_for_the_health_check_not_refused(self):
        book = workbook()
        book["Anggaran"][1]["realisasi"] = "5.000.000.000"
        assert impor(book).ok

    def test_a_missing_agency_sheet_is_an_error(self):
        book = workbook()
        del book["Perangkat_Daerah"]
        result = impor(book)
        assert result.errors[0].sheet == "Perangkat_Daerah"

    def test_an_unknown_sheet_is_a_warning_and_ignored(self):
        book = workbook()
        book["Lain"] = [{"x": 1}]
        result = impor(book)
        assert result.ok
        assert [m.tingkat for m in result.masalah] == ["peringatan"]
