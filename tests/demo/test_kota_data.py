"""The synthetic city's data file: read into typed definitions, refused with the entry named."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from demo import kota_data
from demo.kota_data import DataKotaRusak, DefIku


def rusak(tmp_path, old: str, new: str):
    """A copy of the Kota Bekasi file with one (unique) piece of text changed."""
    text = kota_data.KOTA_BEKASI.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path = tmp_path / "kota.toml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


STUNTING = (
    '{ uraian = "Prevalensi stunting pada balita", satuan = "%", jenis = "persen", pola = "tw4"'
)


class KotaDataTests:
    def test_the_bekasi_file_holds_31_agencies_and_12_kecamatan_in_order(self):
        kota = kota_data.muat()
        assert kota.kota == "Kota Bekasi"
        assert len(kota.opd) == 43
        assert kota.opd[0].singkatan == "disdik" and kota.opd[-1].singkatan == "kec-rawalumbu"
        camat = kota.opd[31]
        assert (camat.singkatan, camat.nama, camat.jabatan) == (
            "kec-bantargebang",
            "Kecamatan Bantargebang",
            "Camat Bantargebang",
        )

    def test_an_iku_reads_as_its_definition_with_the_numbers_as_written(self):
        dinkes = kota_data.muat().opd[1]
        assert dinkes.iku[1] == DefIku(
            "Prevalensi stunting pada balita", "%", "persen", "tw4", 14.2, -1.5, negatif=True
        )
        visits = dinkes.iku[4]
        assert (visits.awal, visits.desimal) == (1_250_000, 0) and type(visits.awal) is int

    def test_a_wrong_pola_names_the_agency_and_the_iku(self, tmp_path):
        path = rusak(tmp_path, STUNTING, STUNTING.replace('"tw4"', '"tw5"'))
        with pytest.raises(DataKotaRusak, match=r"opd 'dinkes': iku ke-2: pola: 'tw5' bukan"):
            kota_data.muat(path)

    def test_a_misspelt_key_is_named(self, tmp_path):
        path = rusak(tmp_path, STUNTING, STUNTING.replace("satuan", "satuam"))
        with pytest.raises(
            DataKotaRusak, match=r"opd 'dinkes': iku ke-2: kunci wajib tidak ada: satuan"
        ):
            kota_data.muat(path)

    def test_a_number_written_as_text_is_refused(self, tmp_path):
        old = "awal = 14.2, langkah = -1.5"
        path = rusak(tmp_path, old, 'awal = "14,2", langkah = -1.5')
        with pytest.raises(DataKotaRusak, match=r"iku ke-2: awal: harus berupa angka"):
            kota_data.muat(path)

    def test_an_agency_defined_twice_is_refused(self, tmp_path):
        path = rusak(tmp_path, 'singkatan = "rsud"', 'singkatan = "dinkes"')
        with pytest.raises(DataKotaRusak, match=r"opd 'dinkes': singkatan dipakai dua kali"):
            kota_data.muat(path)

    def test_program_01_is_reserved_for_program_penunjang(self, tmp_path):
        path = rusak(
            tmp_path,
            '{ nomor = "02", nama = "Program Pengelolaan Pendidikan" }',
            '{ nomor = "01", nama = "Program Pengelolaan Pendidikan" }',
        )
        with pytest.raises(DataKotaRusak, match=r"opd 'disdik': program ke-1: nomor '01'"):
            kota_data.muat(path)

    def test_a_kecamatan_iku_is_named_by_its_section(self, tmp_path):
        old = 'satuan = "usulan", jenis = "angka"'
        path = rusak(tmp_path, old, 'satuan = "usulan", jenis = "predikat"')
        with pytest.raises(DataKotaRusak, match=r"\[kecamatan\] iku ke-4: jenis: 'predikat'"):
            kota_data.muat(path)

    def test_a_file_that_is_not_toml_names_the_file(self, tmp_path):
        path = rusak(tmp_path, 'kota = "Kota Bekasi"', 'kota = "Kota Bekasi')
        with pytest.raises(DataKotaRusak, match=r"kota\.toml: berkas data kota tidak dapat dibaca"):
            kota_data.muat(path)

    def test_the_command_reports_a_malformed_file_before_writing_anything(
        self, tmp_path, monkeypatch, demo
    ):
        path = rusak(tmp_path, STUNTING, STUNTING.replace('"tw4"', '"tw5"'))
        monkeypatch.setattr(kota_data, "KOTA_BEKASI", path)
        with pytest.raises(CommandError, match=r"kota\.toml: opd 'dinkes': iku ke-2: pola"):
            call_command("generate_demo_city", "--agencies", "1", stdout=StringIO())
