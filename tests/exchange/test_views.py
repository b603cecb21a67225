"""The workbook screens: template and export downloads, upload → preview → apply, all scoped."""

import io
import time
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group, User
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import load_workbook

from demo.opd import DEMO_PASSWORD
from exchange import views
from exchange.workbook import export_workbook
from lkip.models import Pemda, Penugasan, PerangkatDaerah
from targets.models import Target
from tests import berkas
from tests.exchange.workbook_data import AGENCY, xlsx
from tests.factories import make_opd

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def perencana(demo, client, media):
    assert client.login(username="perencana.dinsos", password=DEMO_PASSWORD)
    return client


def xlsx_tersimpan() -> list[str]:
    """The uploaded workbooks waiting for their preview to be applied, in the file storage."""
    return [name for name in berkas.semua("impor") if name.endswith(".xlsx")]


def changed_export(demo, nilai="78,5") -> bytes:
    wb = load_workbook(io.BytesIO(export_workbook(demo)))
    ws = wb["Target"]
    header = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        cells = dict(zip(header, row, strict=True))
        key = tuple(cells[c].value for c in ("indikator_kode", "tahun", "jenis", "periode"))
        if key == ("IKU-2", 2024, "pk", "TAHUNAN"):
            cells["nilai"].value = nilai
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def upload(client, data: bytes, name: str = "data.xlsx", kode: str = "dinsos-kota-bekasi"):
    return client.post(
        f"/impor/{kode}/pratinjau/", {"berkas": SimpleUploadedFile(name, data, content_type=XLSX)}
    )


def target_ikm(demo) -> Decimal:
    return Target.objects.get(
        indikator__opd=demo, indikator__kode="IKU-2", tahun=2024, jenis="pk", periode=0
    ).nilai


class ImportPageTests:
    def test_the_planner_sees_the_downloads_and_the_upload_form(self, perencana):
        response = perencana.get("/impor/dinsos-kota-bekasi/")
        assert response.status_code == 200
        text = response.text
        assert "/impor/dinsos-kota-bekasi/ekspor.xlsx" in text and "/impor/templat.xlsx" in text
        assert 'enctype="multipart/form-data"' in text and "Paling besar 20 MB" in text

    def test_read_only_roles_and_other_agencies_cannot_import(
        self, demo, client, media, django_user_model
    ):
        client.login(username="kepala.dinsos", password=DEMO_PASSWORD)
        assert client.get("/impor/dinsos-kota-bekasi/").status_code == 403
        assert upload(client, xlsx(AGENCY)).status_code == 403
        other = make_opd("dinas-luar", pemda=Pemda.objects.create(nama="Pemerintah Kota Luar"))
        outsider = django_user_model.objects.create_user("luar", password="rahasia-luar-123")
        outsider.groups.add(Group.objects.get(name="Perencana"))
        Penugasan.objects.create(user=outsider, pemda=other.pemda, opd=other)
        client.login(username="luar", password="rahasia-luar-123")
        assert client.get("/impor/dinsos-kota-bekasi/").status_code == 404
        assert upload(client, export_workbook(demo)).status_code == 404
        assert client.get("/impor/dinsos-kota-bekasi/ekspor.xlsx").status_code == 404

    def test_the_template_and_the_export_download_as_xlsx(self, demo, client, media):
        client.login(username="kepala.dinsos", password=DEMO_PASSWORD)
        for url in ("/impor/templat.xlsx", "/impor/dinsos-kota-bekasi/ekspor.xlsx"):
            response = client.get(url)
            assert response.status_code == 200 and response["Content-Type"] == XLSX
            assert "attachment" in response["Content-Disposition"]
            assert (
                "Perangkat_Daerah"
                in load_workbook(io.BytesIO(response.content), read_only=True).sheetnames
            )


class PreviewAndApplyTests:
    def test_upload_shows_the_preview_and_writes_nothing(self, demo, perencana, media):
        response = upload(perencana, changed_export(demo))
        assert response.status_code == 200
        text = response.text
        assert "1 diubah" in text and "IKU-2 2024 pk TAHUNAN" in text
        assert "80,5" in text and "78,5" in text  # old → new
        assert target_ikm(demo) == Decimal("80.5")
        stored = xlsx_tersimpan()
        assert len(stored) == 1 and stored[0].split("/")[1] == str(
            User.objects.get(username="perencana.dinsos").pk
        )

    def test_apply_writes_the_changes_and_deletes_the_stored_file(self, demo, perencana, media):
        token = upload(perencana, changed_export(demo)).context["token"]
        response = perencana.post(
            "/impor/dinsos-kota-bekasi/terapkan/", {"token": token, "aksi": "terapkan"}, follow=True
        )
        assert response.status_code == 200
        assert "diterapkan: 0 baru, 1 diubah" in response.text
        assert target_ikm(demo) == Decimal("78.5")
        assert not xlsx_tersimpan()
        again = perencana.post(
            "/impor/dinsos-kota-bekasi/terapkan/", {"token": token, "aksi": "terapkan"}, follow=True
        )
        assert "tidak ditemukan atau bukan milik Anda" in again.text

    def test_the_change_appears_in_the_report(self, demo, perencana):
        token = upload(perencana, changed_export(demo, nilai="81,25")).context["token"]
        perencana.post("/impor/dinsos-kota-bekasi/terapkan/", {"token": token, "aksi": "terapkan"})
        assert "81,25" in perencana.get("/laporan/dinsos-kota-bekasi/2024/").text

    def test_cancel_deletes_the_stored_file_and_writes_nothing(self, demo, perencana, media):
        token = upload(perencana, changed_export(demo)).context["token"]
        response = perencana.post(
            "/impor/dinsos-kota-bekasi/terapkan/", {"token": token, "aksi": "batal"}, follow=True
        )
        assert "Impor dibatalkan" in response.text
        assert not xlsx_tersimpan() and target_ikm(demo) == Decimal("80.5")

    def test_an_unchanged_workbook_needs_no_apply(self, demo, perencana, media):
        response = upload(perencana, export_workbook(demo))
        assert response.context["token"] is None
        assert "tidak ada yang akan berubah" in response.text
        assert not xlsx_tersimpan()

    def test_errors_are_listed_with_sheet_row_and_column_and_nothing_is_stored(
        self, demo, perencana, media
    ):
        wb = load_workbook(io.BytesIO(export_workbook(demo)))
        wb["Target"]["E2"] = "tujuh puluh"
        wb["Realisasi"]["A3"] = "IKU-99"
        out = io.BytesIO()
        wb.save(out)
        response = upload(perencana, out.getvalue())
        assert response.status_code == 422
        rows = response.context["errors"].items
        assert {(m.sheet, m.baris, m.kolom) for m in rows} == {
            ("Target", 2, "nilai"),
            ("Realisasi", 3, "indikator_kode"),
        }
        assert "Workbook ditolak: 2 kesalahan" in response.text and "tujuh puluh" in response.text
        assert response.context["token"] is None and not berkas.semua("impor")

    def test_a_workbook_of_another_agency_is_refused(self, perencana):
        response = upload(perencana, xlsx(AGENCY))
        assert response.status_code == 422
        assert (
            "milik perangkat daerah &#x27;dinkes-kota-contoh&#x27;, "
            "bukan &#x27;dinsos-kota-bekasi&#x27;" in response.text
        )
        assert not PerangkatDaerah.objects.filter(kode="dinkes-kota-contoh").exists()

    def test_a_renamed_pdf_gets_a_message_next_to_the_field(self, perencana):
        response = upload(perencana, b"%PDF-1.4 bukan workbook", name="laporan.xlsx")
        assert response.status_code == 400
        assert "laporan.xlsx: Berkas ini sebenarnya PDF" in response.text

    def test_an_empty_upload_is_refused(self, perencana):
        response = upload(perencana, b"", name="kosong.xlsx")
        assert response.status_code == 400 and "Berkas kosong" in response.text

    def test_an_upload_over_the_size_limit_is_stopped_with_a_clear_message(
        self, perencana, monkeypatch, media
    ):
        monkeypatch.setattr(views, "BATAS_UKURAN", 10_000)
        response = upload(perencana, b"PK\x03\x04" + b"\0" * 50_000)
        assert response.status_code == 413
        assert "melebihi batas" in response.text and not berkas.semua("impor")

    def test_a_stale_preview_is_refused(self, demo, perencana, monkeypatch):
        token = upload(perencana, changed_export(demo)).context["token"]
        monkeypatch.setattr(views, "UMUR_PRATINJAU", -1)
        response = perencana.post(
            "/impor/dinsos-kota-bekasi/terapkan/", {"token": token, "aksi": "terapkan"}, follow=True
        )
        assert "kedaluwarsa" in response.text and target_ikm(demo) == Decimal("80.5")

    def test_another_users_token_is_refused(self, demo, perencana, django_user_model):
        token = upload(perencana, changed_export(demo)).context["token"]
        twin = django_user_model.objects.create_user("perencana.dua", password="rahasia-dua-123")
        twin.groups.add(Group.objects.get(name="Perencana"))
        Penugasan.objects.create(user=twin, pemda=demo.pemda, opd=demo)
        other = Client()
        other.login(username="perencana.dua", password="rahasia-dua-123")
        response = other.post(
            "/impor/dinsos-kota-bekasi/terapkan/", {"token": token, "aksi": "terapkan"}, follow=True
        )
        assert "bukan milik Anda" in response.text and target_ikm(demo) == Decimal("80.5")

    def test_a_token_of_another_agency_is_refused(self, demo, client, media, django_user_model):
        kedua = make_opd("dinas-kedua", pemda=demo.pemda)
        planner = django_user_model.objects.create_user(
            "perencana.pemda", password="rahasia-pemda-123"
        )
        planner.groups.add(Group.objects.get(name="Perencana"))
        Penugasan.objects.create(
            user=planner, pemda=demo.pemda, opd=None
        )  # sees every agency of the pemda
        client.login(username="perencana.pemda", password="rahasia-pemda-123")
        token = upload(client, changed_export(demo)).context["token"]
        response = client.post(
            f"/impor/{kedua.kode}/terapkan/", {"token": token, "aksi": "terapkan"}, follow=True
        )
        assert "perangkat daerah lain" in response.text and target_ikm(demo) == Decimal("80.5")

    def test_a_forged_token_is_refused_without_touching_files(self, perencana):
        for token in ("../../settings", "x" * 32, ""):
            response = perencana.post(
                "/impor/dinsos-kota-bekasi/terapkan/",
                {"token": token, "aksi": "terapkan"},
                follow=True,
            )
            assert "tidak ditemukan atau bukan milik Anda" in response.text

    def test_a_change_made_after_the_preview_stops_the_apply(self, demo, perencana):
        token = upload(perencana, changed_export(demo)).context["token"]
        Target.objects.filter(
            indikator__opd=demo, indikator__kode="IKU-2", tahun=2024, jenis="pk", periode=0
        ).update(nilai=Decimal("79"))
        response = perencana.post(
            "/impor/dinsos-kota-bekasi/terapkan/", {"token": token, "aksi": "terapkan"}
        )
        assert response.status_code == 422
        assert "berubah sejak pratinjau" in response.text
        assert target_ikm(demo) == Decimal("79")

    def test_a_file_changed_on_the_server_is_refused(self, demo, perencana, media):
        token = upload(perencana, changed_export(demo)).context["token"]
        name = next(n for n in xlsx_tersimpan() if n.endswith(f"{token}.xlsx"))
        berkas.tulis_ulang(name, changed_export(demo, nilai="1"))
        response = perencana.post(
            "/impor/dinsos-kota-bekasi/terapkan/", {"token": token, "aksi": "terapkan"}, follow=True
        )
        assert "berubah di server" in response.text and target_ikm(demo) == Decimal("80.5")

    def test_old_previews_are_swept_on_the_next_upload(self, demo, perencana, media, monkeypatch):
        upload(perencana, changed_export(demo))
        [old] = xlsx_tersimpan()
        later = time.time() + 2 * views.UMUR_PRATINJAU  # two hours on: the file and token are old
        monkeypatch.setattr(views, "time", SimpleNamespace(time=lambda: later))
        upload(perencana, changed_export(demo, nilai="79,5"))
        files = xlsx_tersimpan()
        assert len(files) == 1 and files[0] != old and not default_storage.exists(old)
