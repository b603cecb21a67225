"""The data-health catalogue finds contradictions in stored data."""

import pytest

from indicators.models import EvaluasiAKIP
from reports.health import muat_konteks
from reports.health import periksa as periksa_semua
from reports.health import periksa_konteks as periksa_konteks_semua
from reports.health.checks import NARASI_WAJIB
from reports.models import AngkaTercetak, BagianNarasi, NarasiLaporan
from tests.factories import (
    make_anggaran,
    make_indikator,
    make_opd,
    make_pemda,
    make_realisasi,
    make_target,
)

pytestmark = pytest.mark.django_db


def periksa(opd, tahun):
    """The findings about the data: these agencies are built without the report's narrative,
    whose own findings (VR-NAR-1) NarrativeHealthTests checks."""
    return [t for t in periksa_semua(opd, tahun) if t.aturan != "VR-NAR-1"]


def periksa_konteks(konteks):
    return [t for t in periksa_konteks_semua(konteks) if t.aturan != "VR-NAR-1"]


def rules(findings, tingkat=None):
    return [t.aturan for t in findings if tingkat is None or t.tingkat == tingkat]


class BudgetHealthTests:
    def test_clean_budget_has_no_findings(self):
        opd = make_opd()
        make_anggaran(opd, "1.06.04", 100, 90)
        make_anggaran(opd, "1.06.04.2.01", 100, 90)
        assert periksa(opd, 2024) == []

    def test_realisasi_above_pagu_is_an_error(self):
        opd = make_opd()
        make_anggaran(opd, "1.06.02", 100_000_000, 129_355_000)
        findings = periksa(opd, 2024)
        assert rules(findings, "kesalahan") == ["VR-BUD-2"]
        assert "129,36%" in findings[0].pesan

    def test_children_that_do_not_add_up_to_a_fully_itemised_parent_are_an_error(self):
        opd = make_opd()
        make_anggaran(opd, "1.06.02.2.03", 200, 150)
        make_anggaran(opd, "1.06.02.2.03.0001", 100, 50)
        make_anggaran(opd, "1.06.02.2.03.0002", 100, 60)
        findings = periksa(opd, 2024)
        assert rules(findings) == ["VR-BUD-3"]
        assert findings[0].tingkat == "kesalahan"
        assert "selisih Rp40" in findings[0].pesan

    def test_a_partly_itemised_parent_is_a_warning(self):
        opd = make_opd()
        make_anggaran(opd, "1.06.05", 500, 400)
        make_anggaran(opd, "1.06.05.2.02", 200, 150)
        assert {(t.aturan, t.tingkat) for t in periksa(opd, 2024)} == {("VR-BUD-3", "peringatan")}

    def test_a_printed_serapan_that_differs_from_the_recomputed_one_is_found(self):
        opd = make_opd()
        make_anggaran(opd, "1.06.01", 13_609_617_940, 12_329_804_929)
        AngkaTercetak.objects.create(
            opd=opd,
            tahun=2024,
            lokasi="Tabel 3.18 baris 1",
            objek="1.06.01",
            besaran="serapan",
            teks="90,06",
        )
        findings = periksa(opd, 2024)
        assert rules(findings) == ["VR-BUD-1"]
        assert "90,60%" in findings[0].pesan

    def test_a_printed_figure_at_lower_precision_is_compared_at_that_precision(self):
        opd = make_opd()
        ind = make_indikator(opd, kode="IKU-2", satuan="Nilai", jenis_nilai="indeks")
        make_target(ind, "80.50")
        make_realisasi(ind, "93.45")
        AngkaTercetak.objects.create(
            opd=opd, tahun=2024, lokasi="Tabel 3.1", objek="IKU-2", besaran="capaian", teks="116"
        )
        assert periksa(opd, 2024) == []

    def test_a_misgrouped_printed_number_is_a_format_error(self):
        opd = make_opd()
        make_anggaran(opd, "1.06.05", 5_858_895_062, 4_829_489_225)
        AngkaTercetak.objects.create(
            opd=opd,
            tahun=2024,
            lokasi="Tabel 3.18 baris 4",
            objek="1.06.05",
            besaran="realisasi_anggaran",
            teks="4.8294.89.225",
        )
        findings = periksa(opd, 2024)
        assert rules(findings) == ["VR-FMT-1"]
        assert "4.829.489.225" in findings[0].pesan


class IndicatorHealthTests:
    def test_an_iku_without_target_or_realisation_is_an_error(self):
        opd = make_opd()
        make_indikator(opd)
        assert rules(periksa(opd, 2024)) == ["VR-DATA-1", "VR-DATA-1"]

    def test_a_printed_capaian_computed_from_rounded_values_is_found(self):
        opd = make_opd()
        ind = make_indikator(opd, kode="IKU-3", agregasi="jumlah")
        make_target(ind, 5)
        make_realisasi(ind, pembilang=15216, penyebut=125326)
        AngkaTercetak.objects.create(
            opd=opd, tahun=2024, lokasi="Tabel 3.1", objek="IKU-3", besaran="capaian", teks="240"
        )
        findings = periksa(opd, 2024)
        assert rules(findings) == ["VR-CAP-1"]
        assert "242,82%" in findings[0].pesan

    def test_a_target_below_last_years_realisation_is_a_plausibility_warning(self):
        opd = make_opd()
        ind = make_indikator(opd)
        make_target(ind, 5)
        make_realisasi(ind, 12)
        make_realisasi(ind, 13, tahun=2023)
        assert {(t.aturan, t.tingkat) for t in periksa(opd, 2024)} == {("VR-PLAU-1", "peringatan")}

    def test_a_predicate_that_does_not_match_its_score_is_an_error(self):
        opd = make_opd()
        ind = make_indikator(
            opd, kode="IKU-1", jenis_nilai="predikat", skala_predikat="AKIP", satuan="Nilai"
        )
        make_target(ind, "77.26", predikat="BB")
        make_realisasi(ind, "80.01", predikat="BB")
        findings = periksa(opd, 2024)
        assert rules(findings) == ["VR-AKIP-1"]
        assert "seharusnya A" in findings[0].pesan

    def test_akip_realisation_must_equal_the_sum_of_its_components(self):
        opd = make_opd()
        ind = make_indikator(
            opd, kode="IKU-1", jenis_nilai="predikat", skala_predikat="AKIP", satuan="Nilai"
        )
        make_target(ind, "77.26", predikat="BB")
        make_realisasi(ind, "77.29", predikat="BB")
        for i, (komponen, bobot, nilai) in enumerate(
            [
                ("Perencanaan Kinerja", 30, "22.94"),
                ("Pengukuran Kinerja", 30, "23.11"),
                ("Pelaporan Kinerja", 15, "11.23"),
                ("Evaluasi Akuntabilitas Kinerja Internal", 25, "20.00"),
            ]
        ):
            EvaluasiAKIP.objects.create(
                opd=opd, tahun=2024, komponen=komponen, bobot=bobot, nilai=nilai, urutan=i
            )
        findings = periksa(opd, 2024)
        assert rules(findings) == ["VR-CONS-1"]
        assert "77,28" in findings[0].pesan

    def test_quarterly_targets_that_do_not_aggregate_to_the_annual_target_are_a_warning(self):
        opd = make_opd()
        ind = make_indikator(opd, agregasi="jumlah")
        make_target(ind, 10)
        make_target(ind, 3, periode=1)
        make_target(ind, 3, periode=4)
        make_realisasi(ind, 10)
        assert rules(periksa(opd, 2024)) == ["VR-TGT-1"]


def test_an_incomplete_signature_block_is_a_warning():
    opd = make_opd(kepala_pangkat="")
    findings = periksa(opd, 2024)
    assert [(t.aturan, t.tingkat) for t in findings] == [("VR-SIG-1", "peringatan")]


class HealthContextTests:
    def test_one_agency_and_its_pemda_are_loaded_into_the_same_findings(self):
        opd = make_opd()
        other = make_opd("dinas-lain", pemda=opd.pemda)
        make_anggaran(opd, "1.06.02", 100, 129)
        make_indikator(other, "IKU-9")
        loaded = {k.opd.kode: k for k in muat_konteks(2024, pemda_id=opd.pemda_id)}
        assert sorted(loaded) == ["dinas-contoh", "dinas-lain"]
        for agency in (opd, other):
            assert periksa_konteks(loaded[agency.kode]) == periksa(agency, 2024)

    def test_a_line_linked_to_another_pemdas_indicator_does_not_break_either_load(self):
        opd = make_opd()
        elsewhere = make_opd("dinas-jauh", pemda=make_pemda("Pemerintah Kabupaten Lain"))
        line = make_anggaran(opd, "1.06.02", 100, 90)
        line.indikator.add(make_indikator(elsewhere, "IKU-9"))
        (alone,) = muat_konteks(2024, opd=opd)
        (in_pemda,) = muat_konteks(2024, pemda_id=opd.pemda_id)
        assert [i.kode for i in alone.lines[0].indikator.all()] == ["IKU-9"]
        assert periksa_konteks(alone) == periksa_konteks(in_pemda) == []

    def test_the_loader_needs_exactly_one_scope(self):
        opd = make_opd()
        with pytest.raises(ValueError, match="tepat satu lingkup"):
            muat_konteks(2024)
        with pytest.raises(ValueError, match="tepat satu lingkup"):
            muat_konteks(2024, opd=opd, pemda_id=opd.pemda_id)


class NarrativeHealthTests:
    def test_a_section_printed_with_its_heading_alone_is_a_warning_linking_to_its_form(self):
        opd = make_opd()
        for bagian in NARASI_WAJIB:
            if bagian != BagianNarasi.RENCANA_TINDAK:
                NarasiLaporan.objects.create(opd=opd, tahun=2024, bagian=bagian, teks="Isi.")
        NarasiLaporan.objects.create(  # only spaces: nothing printed
            opd=opd, tahun=2024, bagian=BagianNarasi.RENCANA_TINDAK, teks="  \n "
        )
        (temuan,) = [t for t in periksa_semua(opd, 2024) if t.aturan == "VR-NAR-1"]
        assert temuan.tingkat == "peringatan"
        assert temuan.lokasi == "Narasi LKIP 2024: Rencana Tindak (Bab IV, 4.2)"
        assert temuan.pesan == "bagian ini belum berisi narasi; LKIP mencetak judulnya tanpa isi."
        assert temuan.tautan == (
            ("Tulis narasi", f"/laporan/{opd.kode}/2024/narasi/rencana_tindak/"),
        )

    def test_an_agency_without_narrative_has_one_warning_per_section_of_the_year_only(self):
        opd = make_opd()
        NarasiLaporan.objects.create(  # last year's text is not this year's
            opd=opd, tahun=2023, bagian=BagianNarasi.LATAR_BELAKANG, teks="2023."
        )
        lokasi = [t.lokasi for t in periksa_semua(opd, 2024) if t.aturan == "VR-NAR-1"]
        assert len(lokasi) == len(NARASI_WAJIB) == 5
        assert "Narasi LKIP 2024: Kata Pengantar (halaman depan)" in lokasi
