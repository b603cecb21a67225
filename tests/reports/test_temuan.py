"""Findings a planner can act on: each names a record of this application and links to the screen
that fixes it; kesalahan block submission until corrected, peringatan until corrected or
acknowledged with a reason; printed figures of an old document are references a planner reviews,
corrects or removes (on a screen, or with a workbook row whose teks is `hapus`)."""

import copy
from decimal import Decimal

import pytest
from django.urls import reverse

from budget.models import Anggaran
from exchange.importer import impor
from lkip import formulas
from lkip.audit import record_history
from reports import workflow
from reports.health import KESALAHAN, PERINGATAN, periksa
from reports.health.pengakuan import akui, penghalang
from reports.models import AngkaTercetak, LaporanTahunan, PengakuanTemuan, StatusLaporan
from tests.exchange.test_importer import WORKBOOK
from tests.reports.alur_data import make_user
from tests.security.formulir import isian

pytestmark = pytest.mark.django_db


def temuan_url(opd, name: str = "temuan") -> str:
    return reverse(f"reports:{name}", args=[opd.kode, 2024])


def line(opd, kode: str) -> Anggaran:
    return Anggaran.objects.get(opd=opd, tahun=2024, nomenklatur__kode=kode)


class FindingsNameRecordsTests:
    def test_every_demo_finding_names_a_record_of_this_application_and_no_old_table(self, demo):
        findings = periksa(demo, 2024)
        assert findings
        for t in findings:
            assert t.lokasi.startswith(
                (
                    "Baris anggaran ",
                    "Indikator ",
                    "Hasil IKM",
                    "Evaluasi AKIP",
                    "Komposisi SDM",
                    "Jumlah anggaran",
                    "Data kepala",
                )
            ), t
            assert "2024" in t.lokasi
            assert "Tabel" not in t.lokasi and "Tabel" not in t.pesan, t

    def test_each_budget_finding_links_to_the_form_of_its_budget_line(self, demo):
        over = line(demo, "1.06.02.2.03.0003")
        (finding,) = [t for t in periksa(demo, 2024) if t.aturan == "VR-BUD-2"]
        assert finding.tingkat == KESALAHAN
        assert finding.lokasi.startswith("Baris anggaran 1.06.02.2.03.0003 ")
        assert (
            "Ubah baris anggaran 1.06.02.2.03.0003",
            f"/data/{demo.kode}/anggaran/{over.pk}/",
        ) in finding.tautan

    def test_printed_figures_of_the_old_document_are_warnings_linked_to_their_reference(self, demo):
        printed = [t for t in periksa(demo, 2024) if t.rujukan]
        assert printed and all(t.tingkat == PERINGATAN for t in printed)
        for t in printed:
            assert any(label == "Tinjau angka rujukan" for label, _url in t.tautan)
        capaian = [t for t in printed if t.aturan == "VR-CAP-1"]
        # Tabel 3.1, 3.4 and 3.5 of the old document printed the same 240: one finding.
        assert len(capaian) == 1 and "(3 angka rujukan sama)" in capaian[0].pesan

    def test_on_the_demo_only_the_two_contradictions_in_the_data_are_kesalahan(self, demo):
        kesalahan = [t for t in periksa(demo, 2024) if t.tingkat == KESALAHAN]
        assert sorted(t.aturan for t in kesalahan) == ["VR-BUD-2", "VR-BUD-3"]


class AcknowledgementTests:
    def test_an_acknowledged_warning_no_longer_blocks_and_the_audit_trail_keeps_the_reason(
        self, demo
    ):
        perencana = make_user("perencana.lain", "perencana", demo)
        plau = next(t for t in periksa(demo, 2024) if t.aturan == "VR-PLAU-1")
        assert plau.sidik in {s.temuan.sidik for s in penghalang(demo, 2024)}
        assert akui(demo, 2024, [plau.sidik], "Target sesuai Renstra 2024–2026.", perencana) == 1
        assert plau.sidik not in {s.temuan.sidik for s in penghalang(demo, 2024)}
        stored = PengakuanTemuan.objects.get(opd=demo, tahun=2024)
        assert stored.alasan == "Target sesuai Renstra 2024–2026." and stored.oleh == perencana
        (entry,) = record_history(stored)
        assert entry.pengguna and any(
            p.baru == "Target sesuai Renstra 2024–2026." for p in entry.perubahan
        )

    def test_an_acknowledgement_lapses_when_the_figures_of_the_finding_change(self, demo):
        perencana = make_user("perencana.lain", "perencana", demo)
        ref = next(
            t for t in periksa(demo, 2024) if t.aturan == "VR-BUD-1" and "1.06.01" in t.lokasi
        )
        akui(demo, 2024, [ref.sidik], "Dokumen lama salah ketik.", perencana)
        assert ref.sidik not in {s.temuan.sidik for s in penghalang(demo, 2024)}
        program = line(demo, "1.06.01")
        program.realisasi = program.realisasi - Decimal(1_000_000)
        program.save()
        blocking = [s.temuan for s in penghalang(demo, 2024) if s.temuan.identitas == ref.identitas]
        assert len(blocking) == 1 and blocking[0].sidik != ref.sidik

    def test_a_kesalahan_cannot_be_acknowledged_and_a_reason_is_required(self, demo):
        from django.core.exceptions import ValidationError

        perencana = make_user("perencana.lain", "perencana", demo)
        error = next(t for t in periksa(demo, 2024) if t.tingkat == KESALAHAN)
        warning = next(t for t in periksa(demo, 2024) if t.tingkat == PERINGATAN)
        with pytest.raises(ValidationError, match="Kesalahan tidak dapat diakui"):
            akui(demo, 2024, [error.sidik], "Nanti saja.", perencana)
        with pytest.raises(ValidationError, match="Alasan pengakuan peringatan wajib diisi"):
            akui(demo, 2024, [warning.sidik], "  ", perencana)
        assert not PengakuanTemuan.objects.exists()


class FindingsScreenTests:
    def test_the_planner_sees_kesalahan_with_fix_links_and_acknowledges_warnings_on_the_screen(
        self, client, demo
    ):
        client.force_login(make_user("perencana.lain", "perencana", demo))
        html = client.get(temuan_url(demo)).content.decode()
        assert "LKIP belum dapat diajukan:" in html
        assert "Kesalahan (2)" in html and "Peringatan belum ditinjau (17)" in html
        over = line(demo, "1.06.02.2.03.0003")
        assert f'href="/data/{demo.kode}/anggaran/{over.pk}/"' in html
        warnings = [t.sidik for t in periksa(demo, 2024) if t.tingkat == PERINGATAN]
        response = client.post(
            temuan_url(demo, "temuan_akui"),
            {"akui-temuan": warnings[:2], "akui-alasan": "Sudah dicek dengan DPA."},
        )
        assert response.status_code == 302
        html = client.get(temuan_url(demo)).content.decode()
        assert "Peringatan belum ditinjau (15)" in html and "Sudah dicek dengan DPA." in html

    def test_acknowledging_without_a_reason_names_the_field_and_writes_nothing(self, client, demo):
        client.force_login(make_user("perencana.lain", "perencana", demo))
        warning = next(t for t in periksa(demo, 2024) if t.tingkat == PERINGATAN)
        response = client.post(
            temuan_url(demo, "temuan_akui"), {"akui-temuan": [warning.sidik], "akui-alasan": ""}
        )
        assert response.status_code == 200
        assert "Alasan pengakuan peringatan wajib diisi." in response.content.decode()
        assert not PengakuanTemuan.objects.exists()

    def test_only_the_planner_acknowledges(self, client, demo):
        client.force_login(make_user("kepala.lain", "kepala_dinas", demo))
        warning = next(t for t in periksa(demo, 2024) if t.tingkat == PERINGATAN)
        html = client.get(temuan_url(demo)).content.decode()
        assert "Akui peringatan yang dicentang" not in html
        response = client.post(
            temuan_url(demo, "temuan_akui"), {"akui-temuan": [warning.sidik], "akui-alasan": "x"}
        )
        assert response.status_code == 403 and not PengakuanTemuan.objects.exists()

    def test_through_screens_alone_a_fresh_demo_becomes_submittable(self, client, demo):
        """Correct the two kesalahan in the budget forms, acknowledge the warnings, submit."""
        client.force_login(make_user("perencana.lain", "perencana", demo))
        for kode, realisasi in (
            ("1.06.02.2.03.0003", "96.790.000"),
            ("1.06.02.2.03", "3.082.770.900"),
            ("1.06.02", None),
        ):
            obj = line(demo, kode)
            form_url = f"/data/{demo.kode}/anggaran/{obj.pk}/"
            data = isian(client.get(form_url).content.decode())
            if realisasi is None:  # the program: its kegiatan now add up to a new total
                rincian = sum(
                    a.realisasi
                    for a in Anggaran.objects.filter(
                        opd=demo, tahun=2024, nomenklatur__induk__kode=kode
                    )
                )
                realisasi = formulas.format_angka(rincian, 0)
            data["realisasi"] = [realisasi]
            response = client.post(form_url, data)
            assert response.status_code == 302, response.content.decode()[-3000:]
        assert not [t for t in periksa(demo, 2024) if t.tingkat == KESALAHAN]
        warnings = [t.sidik for t in periksa(demo, 2024) if t.tingkat == PERINGATAN]
        client.post(
            temuan_url(demo, "temuan_akui"),
            {
                "akui-temuan": warnings,
                "akui-alasan": "Angka dokumen lama keliru; data sesuai SP2D.",
            },
        )
        response = client.post(
            temuan_url(demo, "alur_ajukan"), {"ajukan-catatan": "", "konfirmasi": "ya"}
        )
        assert response.status_code == 302
        assert LaporanTahunan.objects.get(opd=demo, tahun=2024).status == StatusLaporan.DIAJUKAN


class PrintedFigureReferenceTests:
    def test_the_planner_corrects_and_removes_a_printed_figure_on_its_data_screen(
        self, client, demo
    ):
        client.force_login(make_user("perencana.lain", "perencana", demo))
        ref = AngkaTercetak.objects.get(opd=demo, objek="1.06.01", besaran="serapan")
        listing = client.get(f"/data/{demo.kode}/angka-tercetak/").content.decode()
        assert "Angka rujukan dokumen sumber" in listing and "90,06" in listing
        response = client.post(
            f"/data/{demo.kode}/angka-tercetak/{ref.pk}/",
            {
                "tahun": 2024,
                "objek": "1.06.01",
                "besaran": "serapan",
                "teks": "90,60",
                "lokasi": ref.lokasi,
            },
        )
        assert response.status_code == 302
        assert not [t for t in periksa(demo, 2024) if "1.06.01 " in t.lokasi]
        response = client.post(
            f"/data/{demo.kode}/angka-tercetak/{ref.pk}/hapus/", {"konfirmasi": "ya"}
        )
        assert response.status_code == 302 and not AngkaTercetak.objects.filter(pk=ref.pk).exists()

    def test_the_kepala_dinas_reads_the_references_but_cannot_change_them(self, client, demo):
        client.force_login(make_user("kepala.lain", "kepala_dinas", demo))
        ref = AngkaTercetak.objects.filter(opd=demo).first()
        assert client.get(f"/data/{demo.kode}/angka-tercetak/").status_code == 200
        assert client.get(f"/data/{demo.kode}/angka-tercetak/{ref.pk}/").status_code == 403

    def test_a_submitted_year_refuses_acknowledgements(self, demo):
        from django.core.exceptions import ValidationError

        perencana = make_user("perencana.lain", "perencana", demo)
        LaporanTahunan.objects.update_or_create(
            opd=demo, tahun=2024, defaults={"status": StatusLaporan.DIAJUKAN}
        )
        warning = next(t for t in periksa(demo, 2024) if t.tingkat == PERINGATAN)
        with pytest.raises(ValidationError, match="terkunci"):
            akui(demo, 2024, [warning.sidik], "x", perencana)


def _tercetak_workbook(rows):
    book = copy.deepcopy(WORKBOOK)
    book["Angka_Tercetak"] = rows
    return book


SERAPAN = {
    "tahun": "2024",
    "lokasi": "Tabel 3.18 baris 1",
    "objek": "1.06.04",
    "besaran": "serapan",
}


class WorkbookDeletesReferencesTests:
    def test_a_row_whose_teks_is_hapus_deletes_the_reference_with_that_key(self):
        assert impor(_tercetak_workbook([{**SERAPAN, "teks": "90,06"}])).ok
        assert AngkaTercetak.objects.count() == 1
        result = impor(_tercetak_workbook([{**SERAPAN, "teks": "HAPUS"}]))
        assert result.ok and result.hitung("hapus") == 1
        assert "1 dihapus" in result.ringkasan()
        assert not AngkaTercetak.objects.exists()

    def test_deleting_a_reference_that_does_not_exist_rejects_the_whole_workbook(self):
        assert impor(_tercetak_workbook([{**SERAPAN, "teks": "90,06"}])).ok
        other = {**SERAPAN, "lokasi": "Tabel 9.9"}
        result = impor(
            _tercetak_workbook([{**SERAPAN, "teks": "hapus"}, {**other, "teks": "hapus"}])
        )
        assert not result.ok
        (error,) = result.errors
        assert (error.sheet, error.baris, error.kolom) == ("Angka_Tercetak", 3, "teks")
        assert "tidak ada angka rujukan" in error.pesan
        assert AngkaTercetak.objects.count() == 1  # all or nothing: the first row deleted nothing

    def test_a_dry_run_shows_the_deletion_and_deletes_nothing(self):
        assert impor(_tercetak_workbook([{**SERAPAN, "teks": "90,06"}])).ok
        result = impor(_tercetak_workbook([{**SERAPAN, "teks": "hapus"}]), dry_run=True)
        assert result.ok and result.hitung("hapus") == 1
        assert AngkaTercetak.objects.count() == 1


def test_the_workflow_refusal_message_counts_both_levels(demo):
    perencana = make_user("perencana.lain", "perencana", demo)
    with pytest.raises(workflow.AlurDitolak, match="2 kesalahan harus diperbaiki"):
        workflow.ajukan(workflow.laporan_tahunan(demo, 2024), perencana)


def test_the_import_preview_lists_a_deletion_before_it_is_applied():
    import io

    from exchange.management.commands.import_workbook import cetak_pratinjau

    class Out(io.StringIO):
        def write(self, text):  # as BaseCommand's stdout: one line per call
            return super().write(text + "\n")

    assert impor(_tercetak_workbook([{**SERAPAN, "teks": "90,06"}])).ok
    result = impor(_tercetak_workbook([{**SERAPAN, "teks": "hapus"}]), dry_run=True)
    out = Out()
    cetak_pratinjau(out, result)
    assert "- Angka_Tercetak: tercetak 2024 Tabel 3.18 baris 1 1.06.04 serapan" in out.getvalue()
    assert "1 dihapus" in out.getvalue()
