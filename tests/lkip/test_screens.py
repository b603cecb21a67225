"""Planning screens: agency-scoped forms with Indonesian input, list exports, evidence, audit
trail."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from budget.models import Anggaran, Nomenklatur
from demo.opd import DEMO_PASSWORD
from indicators.models import Indikator
from lkip.models import Pemda, Penugasan
from targets.models import Realisasi, Sasaran, Target
from tests import berkas
from tests.berkas import hanya_pemilik
from tests.factories import make_indikator, make_opd

pytestmark = pytest.mark.django_db
BASE = "/data/dinsos-kota-bekasi/"


class ScreenTests:
    def test_the_planner_adds_a_target_typed_in_indonesian_notation(self, perencana, demo):
        ind = demo.indikator_set.get(kode="IKU-3")
        response = perencana.post(
            BASE + "target/tambah/",
            {"indikator": ind.pk, "tahun": "2025", "jenis": "pk", "periode": "0", "nilai": "6,5"},
        )
        assert response.status_code == 302
        assert Target.objects.get(
            indikator=ind, tahun=2025, jenis="pk", periode=0
        ).nilai == Decimal("6.5")

    def test_a_duplicate_target_is_refused_with_a_message_not_a_500(self, perencana, demo):
        ind = demo.indikator_set.get(kode="IKU-3")
        data = {"indikator": ind.pk, "tahun": "2024", "jenis": "pk", "periode": "0", "nilai": "5"}
        response = perencana.post(BASE + "target/tambah/", data)
        assert response.status_code == 200
        assert "sudah ada" in response.text

    def test_a_renstra_target_outside_the_period_is_refused(self, perencana, demo):
        ind = demo.indikator_set.get(kode="IKU-3")
        response = perencana.post(
            BASE + "target/tambah/",
            {
                "indikator": ind.pk,
                "tahun": "2030",
                "jenis": "renstra",
                "periode": "0",
                "nilai": "8",
            },
        )
        assert "di luar periode Renstra 2024–2026" in response.text

    def test_a_number_too_large_for_any_column_is_a_form_error_not_a_500(self, perencana, demo):
        huge = "9" * 40
        response = perencana.post(
            BASE + "renstra/tambah/", {"tahun_awal": huge, "tahun_akhir": "2026"}
        )
        assert response.status_code == 200 and response.context["form"].errors["tahun_awal"]
        nom = Nomenklatur.objects.get(kode="1.06.07")
        response = perencana.post(
            BASE + "anggaran/tambah/",
            {"nomenklatur": nom.pk, "tahun": "2025", "pagu_murni": "5", "indikator": [huge]},
        )
        assert response.status_code == 200 and response.context["form"].errors["indikator"]
        for odd in ("+" + huge, "²", "-" + huge):
            response = perencana.post(
                BASE + "anggaran/tambah/",
                {"nomenklatur": nom.pk, "tahun": "2025", "pagu_murni": "5", "indikator": [odd]},
            )
            assert response.status_code == 200 and response.context["form"].errors["indikator"], odd
        assert not Anggaran.objects.filter(tahun=2025).exists()

    def test_an_empty_choice_in_a_form_is_offered_in_indonesian(self, perencana, demo):
        html = perencana.get(f"{BASE}indikator/{demo.indikator_set.first().pk}/").text
        assert "— pilih —" in html and "Select an option" not in html

    def test_years_in_the_lists_are_written_without_a_thousands_separator(self, perencana):
        for layar in ("anggaran", "realisasi", "renstra"):
            html = perencana.get(BASE + layar + "/").text
            assert "2024" in html and "2.024" not in html, layar

    def test_another_agencys_record_cannot_be_reached_by_changing_the_id(self, perencana, demo):
        other = make_opd("dinas-lain", pemda=Pemda.objects.create(nama="Pemerintah Kota Lain"))
        foreign = make_indikator(other, kode="IKU-9")
        assert perencana.get(f"{BASE}indikator/{foreign.pk}/").status_code == 404
        assert perencana.post(f"{BASE}indikator/{foreign.pk}/hapus/").status_code == 404
        assert perencana.get("/data/dinas-lain/indikator/").status_code == 404
        # Nor through a form field.
        response = perencana.post(
            BASE + "realisasi/tambah/",
            {"indikator": foreign.pk, "tahun": "2024", "periode": "1", "nilai": "1"},
        )
        assert "bukan milik perangkat daerah Anda" in response.text
        assert Indikator.objects.filter(pk=foreign.pk).exists()

    def test_a_sasaran_of_another_renstra_tujuan_is_refused(self, perencana, demo):
        other = make_opd("dinas-lain2", pemda=demo.pemda)
        foreign_sasaran = __import__("tests.factories", fromlist=["make_sasaran"]).make_sasaran(
            other
        )
        renstra = demo.renstra_set.get()
        response = perencana.post(
            BASE + "sasaran/tambah/",
            {
                "renstra": renstra.pk,
                "tujuan": foreign_sasaran.tujuan.pk,
                "kode": "S9",
                "uraian": "x",
                "urutan": "1",
            },
        )
        assert response.status_code == 200 and not Sasaran.objects.filter(kode="S9").exists()

    def test_every_list_exports_what_it_shows_to_xlsx(self, perencana, demo):
        response = perencana.get(BASE + "anggaran/?format=xlsx")
        ws = load_workbook(io.BytesIO(response.content)).active
        header = [c.value for c in ws[1]]
        assert header[:3] == ["Kode", "Uraian", "Tahun"]
        assert ws.max_row == Anggaran.objects.filter(opd=demo).count() + 1

    def test_the_inspektorat_reads_lists_but_gets_no_edit_form(self, demo, client):
        client.login(username="inspektorat.bekasi", password=DEMO_PASSWORD)
        listing = client.get(BASE + "indikator/")
        assert listing.status_code == 200 and "Tambah" not in listing.text
        ind = demo.indikator_set.get(kode="IKU-1")
        assert client.get(f"{BASE}indikator/{ind.pk}/").status_code == 403
        assert client.post(f"{BASE}indikator/{ind.pk}/", {"uraian": "x"}).status_code == 403
        assert client.post(f"{BASE}indikator/{ind.pk}/hapus/").status_code == 403

    def test_an_indicator_in_use_cannot_be_deleted_and_says_why(self, perencana, demo):
        sasaran = demo.renstra_set.get().sasaran_set.first()
        response = perencana.post(f"{BASE}sasaran/{sasaran.pk}/hapus/", follow=True)
        assert "tidak dapat dihapus" in response.text
        assert Sasaran.objects.filter(pk=sasaran.pk).exists()


class EvidenceTests:
    def realisasi_form(self, demo, upload):
        ind = demo.indikator_set.get(kode="IKU-2")
        return {
            "indikator": ind.pk,
            "tahun": "2024",
            "periode": "3",
            "nilai": "90",
            "bukti": upload,
        }

    def test_a_pdf_is_accepted_stored_outside_static_and_served_only_within_the_agency(
        self, perencana, demo, settings, tmp_path, client, django_user_model
    ):
        settings.MEDIA_ROOT = tmp_path
        pdf = SimpleUploadedFile(
            "laporan-skm.pdf", b"%PDF-1.4\n%test\n", content_type="application/pdf"
        )
        assert (
            perencana.post(BASE + "realisasi/tambah/", self.realisasi_form(demo, pdf)).status_code
            == 302
        )
        real = Realisasi.objects.get(tahun=2024, periode=3)
        assert real.bukti.name.startswith("bukti/2") and real.bukti.name.endswith(".pdf")
        assert berkas.semua("bukti") == [real.bukti.name] and hanya_pemilik(real.bukti.name)
        download = perencana.get(f"{BASE}bukti/{real.pk}/")
        assert download.status_code == 200 and b"".join(download.streaming_content).startswith(
            b"%PDF"
        )
        other = make_opd("dinas-lain", pemda=Pemda.objects.create(nama="Pemerintah Kota Lain"))
        outsider = django_user_model.objects.create_user("orang.lain", password="x-rahasia-123")
        Penugasan.objects.create(user=outsider, pemda=other.pemda, opd=other)
        client.force_login(outsider)
        assert client.get(f"{BASE}bukti/{real.pk}/").status_code in (403, 404)

    def test_a_renamed_file_that_is_not_pdf_or_image_is_refused(
        self, perencana, demo, settings, tmp_path
    ):
        settings.MEDIA_ROOT = tmp_path
        fake = SimpleUploadedFile(
            "bukti.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"
        )
        response = perencana.post(BASE + "realisasi/tambah/", self.realisasi_form(demo, fake))
        assert "harus PDF, PNG atau JPEG" in response.text
        assert not Realisasi.objects.filter(tahun=2024, periode=3).exists()

    def test_a_file_over_5_mb_is_refused(self, perencana, demo, settings, tmp_path):
        settings.MEDIA_ROOT = tmp_path
        big = SimpleUploadedFile(
            "besar.pdf", b"%PDF-" + b"0" * (5 * 1024 * 1024 + 1), content_type="application/pdf"
        )
        response = perencana.post(BASE + "realisasi/tambah/", self.realisasi_form(demo, big))
        assert "terlalu besar" in response.text


class AuditTrailTests:
    def test_a_change_is_recorded_with_user_time_old_and_new_value(self, perencana, demo):
        ind = demo.indikator_set.get(kode="IKU-2")
        target = Target.objects.get(indikator=ind, tahun=2024, jenis="pk", periode=0)
        perencana.post(
            f"{BASE}target/{target.pk}/",
            {"indikator": ind.pk, "tahun": "2024", "jenis": "pk", "periode": "0", "nilai": "85"},
        )
        history = perencana.get(f"{BASE}target/{target.pk}/riwayat/").text
        assert "perencana.dinsos" in history and "diubah" in history
        assert "80.500000 → 85" in history or "80.5" in history

    def test_the_inspektorat_reads_the_agency_audit_trail_filtered_by_user(
        self, perencana, demo, client
    ):
        ind = demo.indikator_set.get(kode="IKU-2")
        target = Target.objects.get(indikator=ind, tahun=2024, jenis="pk", periode=0)
        perencana.post(
            f"{BASE}target/{target.pk}/",
            {"indikator": ind.pk, "tahun": "2024", "jenis": "pk", "periode": "0", "nilai": "85"},
        )
        client.login(username="inspektorat.bekasi", password=DEMO_PASSWORD)
        page = client.get(BASE + "audit/", {"pengguna": "perencana.dinsos"})
        assert page.status_code == 200 and "perencana.dinsos" in page.text and "diubah" in page.text
        bad = client.get(BASE + "audit/", {"dari": "kemarin"})
        assert bad.status_code == 200 and "Tanggal tidak sah" in bad.text

    def test_the_audit_trail_cannot_be_edited_through_the_application(self, perencana, demo):
        assert perencana.post(BASE + "audit/", {"hapus": "semua"}).status_code in (403, 405, 200)
        from django.contrib import admin

        history_models = [m for m in admin.site._registry if m.__name__.startswith("Historical")]
        assert history_models == []


class RoleAuditTests:
    def test_a_users_role_change_is_in_the_agency_audit_trail(self, demo, client, admin_user):
        from django.contrib.auth.models import Group, User

        user = User.objects.get(username="perencana.dinsos")
        user.groups.add(Group.objects.get(name="Kepala Dinas"))
        client.login(username="inspektorat.bekasi", password=DEMO_PASSWORD)
        page = client.get(BASE + "audit/", {"jenis": "auth.User"})
        assert page.status_code == 200
        assert "peran" in page.text and "Kepala Dinas, Perencana" in page.text
        assert "md5$" not in page.text and "pbkdf2" not in page.text  # never a password hash
