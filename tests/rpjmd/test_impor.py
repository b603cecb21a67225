"""The pemda-level exchange workbook: imported all or nothing, bad input named by sheet, row and
column."""

from decimal import Decimal as D

import pytest

from exchange.workbook import impor_xlsx
from rpjmd.models import (
    AnggaranPerangkatDaerah,
    IndikatorPemda,
    Pembiayaan,
    RealisasiPemda,
    TargetPemda,
    TautanSasaran,
)
from tests.reports.agencies import xlsx_bytes
from tests.rpjmd.pemda_workbook import KODE, SHEETS, import_pemda, pagu_total

pytestmark = pytest.mark.django_db


def _ubah(sheet: str, baris: int, kolom: str, nilai) -> dict:
    sheets = {k: [list(r) for r in v] for k, v in SHEETS.items()}
    sheets[sheet][baris - 1][sheets[sheet][0].index(kolom)] = nilai
    return sheets


def _pesan(result) -> list[str]:
    return [str(m) for m in result.errors]


class ImporPemdaTests:
    def test_the_workbook_is_told_apart_by_its_first_sheet_and_imported_whole(self):
        result = import_pemda()
        assert result.ok, _pesan(result)
        assert result.pemda_kode == KODE and result.opd_kode is None
        assert IndikatorPemda.objects.filter(rpjmd__pemda__kode=KODE).count() == 6
        ipm = TargetPemda.objects.get(indikator__kode="IKU-1", tahun=2025, jenis="pk")
        assert (ipm.nilai, ipm.nilai_bawah, ipm.nilai_atas) == (None, D("70.10"), D("70.60"))
        assert IndikatorPemda.objects.get(kode="IKU-5").acuan_rentang == "bawah"
        na = RealisasiPemda.objects.get(indikator__kode="IKU-3", tahun=2025)
        assert (na.tersedia, na.nilai) == (False, None)
        rb = IndikatorPemda.objects.get(kode="IKU-6")
        assert rb.skala[0] == ["AA", "90"]
        assert AnggaranPerangkatDaerah.objects.filter(pemda__kode=KODE).count() == 32
        assert sum(a.pagu for a in AnggaranPerangkatDaerah.objects.all()) == pagu_total()
        dinkes = AnggaranPerangkatDaerah.objects.get(perangkat_daerah__startswith="Dinas Kes")
        assert dinkes.opd.kode == "dinkes-kab-sukamaju"
        assert Pembiayaan.objects.count() == 3
        assert TautanSasaran.objects.get().sasaran.kode == "S1"

    def test_importing_the_same_workbook_again_changes_nothing(self):
        import_pemda()
        again = impor_xlsx(xlsx_bytes(SHEETS))
        assert again.ok and again.hitung("baru") == 0 and again.hitung("ubah") == 0

    def test_a_lower_bound_above_the_upper_bound_is_refused_and_nothing_is_written(self):
        result = import_pemda(_ubah("Target", 2, "nilai_bawah", "71,00"))
        assert _pesan(result) == [
            "Target, baris 2, kolom nilai_bawah: kolom nilai_bawah (71) lebih besar daripada "
            "kolom nilai_atas (70,6); tukar keduanya."
        ]
        assert not IndikatorPemda.objects.exists()

    def test_a_target_both_single_and_ranged_is_refused(self):
        result = import_pemda(_ubah("Target", 2, "nilai", 70))
        assert _pesan(result) == [
            "Target, baris 2, kolom nilai: target ini berisi nilai tunggal dan rentang "
            "sekaligus; isi kolom nilai saja, atau kolom nilai_bawah dan nilai_atas saja."
        ]
        assert not TargetPemda.objects.exists()

    def test_an_agency_name_close_to_one_of_the_pemda_is_named_with_the_closest_match(self):
        baris = next(
            i
            for i, r in enumerate(SHEETS["Anggaran_Perangkat_Daerah"], 1)
            if str(r[1]).startswith("Dinas Kesehatan")
        )
        sheets = _ubah("Anggaran_Perangkat_Daerah", baris, "kode_perangkat_daerah", None)
        sheets["Anggaran_Perangkat_Daerah"][baris - 1][1] = "Dinas Kesehatn Kabupaten Sukamaju"
        result = import_pemda(sheets)
        assert _pesan(result) == [
            f"Anggaran_Perangkat_Daerah, baris {baris}, kolom perangkat_daerah: 'Dinas Kesehatn "
            "Kabupaten Sukamaju' bukan nama perangkat daerah Pemerintah Kabupaten Sukamaju di "
            "aplikasi; maksud Anda 'Dinas Kesehatan Kabupaten Sukamaju'? Tulis namanya persis, "
            "atau isi kolom kode_perangkat_daerah."
        ]
        assert not AnggaranPerangkatDaerah.objects.exists()

    def test_an_agency_code_not_of_the_pemda_is_named_with_the_closest_code(self):
        result = import_pemda(
            _ubah("Anggaran_Perangkat_Daerah", 12, "kode_perangkat_daerah", "dinkes-kab-sukamju")
        )
        assert _pesan(result) == [
            "Anggaran_Perangkat_Daerah, baris 12, kolom kode_perangkat_daerah: "
            "'dinkes-kab-sukamju' bukan kode perangkat daerah Pemerintah Kabupaten Sukamaju; "
            "maksud Anda 'dinkes-kab-sukamaju'?"
        ]

    def test_a_realisation_that_is_not_a_number_nor_na_is_an_error_not_zero(self):
        result = import_pemda(_ubah("Realisasi", 7, "nilai", "belum"))
        assert [m.kolom for m in result.errors] == ["nilai"]
        assert not RealisasiPemda.objects.exists()

    def test_a_pemda_workbook_on_an_agency_page_is_refused(self):
        result = import_pemda(opd_kode="dinkes-kab-sukamaju")
        assert "ini workbook tingkat pemda" in _pesan(result)[0]
        assert not IndikatorPemda.objects.exists()


class EksporPemdaTests:
    def test_the_export_imported_again_changes_nothing(self, tmp_path):
        from django.core.management import call_command

        import_pemda()
        out = tmp_path / "pemda.xlsx"
        call_command("export_workbook", pemda=KODE, output=str(out))
        data = out.read_bytes()
        again = impor_xlsx(data, dry_run=True)
        assert again.ok, _pesan(again)
        assert again.pemda_kode == KODE
        assert again.hitung("baru") == 0 and again.hitung("ubah") == 0, [
            p for p in again.perubahan if p.aksi != "tetap"
        ]
        assert again.hitung("tetap") > 50


class KunciTests:
    def test_a_year_whose_pemda_lkip_is_signed_cannot_be_changed_by_import(self):
        from lkip.models import Pemda
        from reports.models import LaporanTahunan, StatusLaporan

        import_pemda()
        LaporanTahunan.objects.create(
            pemda=Pemda.objects.get(kode=KODE), tahun=2025, status=StatusLaporan.DITANDATANGANI
        )
        result = impor_xlsx(xlsx_bytes(_ubah("Realisasi", 3, "nilai", "70,50")))
        assert [m.kolom for m in result.errors] == ["tahun"]
        assert "sudah disetujui dan ditandatangani" in result.errors[0].pesan
        assert RealisasiPemda.objects.get(indikator__kode="IKU-1", tahun=2025).nilai == D("70.45")
        # the same workbook unchanged is still accepted (nothing of 2025 changes)
        assert impor_xlsx(xlsx_bytes(SHEETS)).ok


class ImporBrowserTests:
    def test_the_admin_pemda_uploads_previews_and_applies_the_pemda_workbook(self, client):
        from django.core.files.uploadedfile import SimpleUploadedFile

        from lkip.models import Pemda
        from tests.reports.agencies import import_agency
        from tests.reports.alur_data import make_user

        import_agency("dinkes")
        pemda = Pemda.objects.get(nama="Pemerintah Kabupaten Sukamaju")
        pemda.kode = KODE
        pemda.save()
        client.force_login(make_user("admin.sukamaju", "admin_pemda", pemda=pemda))
        berkas = SimpleUploadedFile("pemda.xlsx", xlsx_bytes(SHEETS))
        r = client.post(f"/impor/pemda/{KODE}/pratinjau/", {"berkas": berkas})
        assert r.status_code == 200
        assert not IndikatorPemda.objects.exists()  # a preview writes nothing
        token = r.context["token"]
        r = client.post(f"/impor/pemda/{KODE}/terapkan/", {"token": token, "aksi": "terapkan"})
        assert r.status_code == 302
        assert IndikatorPemda.objects.filter(rpjmd__pemda=pemda).count() == 6

    def test_an_agency_planner_is_refused_the_pemda_workbook_and_nothing_is_written(self):
        from lkip.models import PerangkatDaerah
        from tests.reports.agencies import import_agency
        from tests.reports.alur_data import make_user

        import_agency("dinkes")
        planner = make_user(
            "perencana.dinkes", "perencana", PerangkatDaerah.objects.get(kode="dinkes-kab-sukamaju")
        )
        result = impor_xlsx(xlsx_bytes(SHEETS), user=planner)
        assert _pesan(result) == [
            "Pemda: workbook tingkat pemda hanya dapat diimpor oleh Admin Pemda; akun Anda tidak "
            "berhak mengubah data RPJMD dan IKU kepala daerah. Tidak ada yang disimpan."
        ]
        assert not IndikatorPemda.objects.exists()

    def test_an_agency_planner_cannot_open_the_pemda_import_page(self, client):
        from lkip.models import PerangkatDaerah
        from tests.reports.agencies import import_agency
        from tests.reports.alur_data import make_user

        import_agency("dinkes")
        opd = PerangkatDaerah.objects.get(kode="dinkes-kab-sukamaju")
        client.force_login(make_user("perencana.dinkes", "perencana", opd))
        assert client.get(f"/impor/pemda/{opd.pemda.kode}/").status_code == 403


class NegatifTests:
    def test_a_negative_pagu_is_named_on_its_column_and_nothing_is_written(self):
        result = import_pemda(_ubah("Anggaran_Perangkat_Daerah", 2, "pagu", -5))
        assert [(m.sheet, m.baris, m.kolom) for m in result.errors] == [
            ("Anggaran_Perangkat_Daerah", 2, "pagu")
        ]
        assert result.errors[0].pesan == "Pagu tidak boleh negatif."
        assert not AnggaranPerangkatDaerah.objects.exists()

    def test_a_negative_pembiayaan_realisasi_is_named_on_its_column(self):
        result = import_pemda(_ubah("Pembiayaan", 2, "realisasi", -1))
        assert [(m.sheet, m.baris, m.kolom, m.pesan) for m in result.errors] == [
            ("Pembiayaan", 2, "realisasi", "Realisasi tidak boleh negatif.")
        ]
