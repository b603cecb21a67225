"""The worksheet in Excel from the browser: downloaded with what is stored, answered on paper or in
a spreadsheet, uploaded again by the side that fills it (no shell step: `impor_lke` stays the
administrator's tool for many agencies at once)."""

import html
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from demo.opd import DEMO_PASSWORD
from evaluasi.models import Jawaban, NilaiSubKomponen
from tests.evaluasi.conftest import ajukan, isi

pytestmark = pytest.mark.django_db


def _masuk(client, username):
    assert client.login(username=username, password=DEMO_PASSWORD)
    return client


def _unduh(client, evaluasi):
    response = client.get(f"/evaluasi/{evaluasi.opd.kode}/{evaluasi.tahun}/lke.xlsx")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(f'lke-{evaluasi.opd.kode}-2025.xlsx"')
    return load_workbook(io.BytesIO(response.content))


def _unggah(client, evaluasi, wb):
    out = io.BytesIO()
    wb.save(out)
    berkas = SimpleUploadedFile("lke.xlsx", out.getvalue())
    return client.post(f"/evaluasi/{evaluasi.opd.kode}/{evaluasi.tahun}/impor/", {"berkas": berkas})


def _baris(ws, kode):
    """The row of criterion `kode` (e.g. 1.a.1): {column header: cell}."""
    kepala = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        if row[2].value == kode:
            return dict(zip(kepala, row, strict=False))
    raise AssertionError(f"kriteria {kode} tidak ada di lembar")


def _teks(response) -> str:
    return html.unescape(response.content.decode())


def test_the_planner_downloads_the_worksheet_answers_it_in_excel_and_uploads_it_again(
    evaluasi, client
):
    _masuk(client, "perencana.dinsos")
    lembar = _teks(client.get(f"/evaluasi/{evaluasi.opd.kode}/2025/"))
    assert "Unduh lembar kerja (Excel)" in lembar
    assert "Impor jawaban dari Excel" in lembar

    wb = _unduh(client, evaluasi)
    ws = wb["Jawaban"]
    assert ws.max_row == 81  # the header and the 80 criteria of 88/2021
    baris = _baris(ws, "1.a.1")
    assert baris["kode_opd"].value == evaluasi.opd.kode and baris["tahun"].value == 2025
    assert baris["uraian_kriteria"].value  # the criterion's text to read while answering
    assert baris["pilihan_jawaban"].value == "Y / T"
    baris["jawaban_mandiri"].value = "y"
    baris["penjelasan"].value = "Renstra ditetapkan Perwal 12/2023"
    _baris(ws, "1.b.3")["jawaban_mandiri"].value = "T"
    wb["Kualifikasi"]["D2"].value = 2  # 1.a: maintained at least a year

    response = _unggah(client, evaluasi, wb)
    assert response.status_code == 302
    pesan = _teks(client.get(response["Location"]))
    assert "Lembar kerja diimpor: 3 isian mandiri berubah." in pesan
    assert sorted(Jawaban.objects.values_list("kriteria__sub__kode", "jawaban_mandiri")) == [
        ("1.a", "Y"),
        ("1.b", "T"),
    ]
    assert Jawaban.objects.get(jawaban_mandiri="Y").penjelasan.startswith("Renstra ditetapkan")
    assert NilaiSubKomponen.objects.get(sub__kode="1.a").kualifikasi_mandiri == 2

    # The download now carries what was imported: the round trip changes nothing.
    again = _unggah(client, evaluasi, _unduh(client, evaluasi))
    assert "tidak ada isian yang berubah" in _teks(client.get(again["Location"]))


def test_the_planner_cannot_change_the_evaluators_columns_or_another_agencys_rows(evaluasi, client):
    _masuk(client, "perencana.dinsos")
    wb = _unduh(client, evaluasi)
    ws = wb["Jawaban"]
    _baris(ws, "1.a.1")["jawaban_mandiri"].value = "Y"
    _baris(ws, "1.a.2")["jawaban_evaluator"].value = "Y"
    _baris(ws, "1.a.3")["kode_opd"].value = "dinkes-kota-bekasi"
    wb["Kualifikasi"]["E2"].value = 3

    response = _unggah(client, evaluasi, wb)
    assert response.status_code == 400
    teks = _teks(response)
    assert "Berkas tidak diimpor (3 masalah); tidak ada yang disimpan" in teks
    assert (
        "Sheet Jawaban, baris 3, kolom jawaban_evaluator: kolom ini diisi oleh evaluator "
        "(Inspektorat), bukan dari akun Anda; isinya berbeda dari yang tersimpan (kosong)"
    ) in teks
    assert "Sheet Jawaban, baris 4, kolom kode_opd: baris ini untuk 'dinkes-kota-bekasi'" in teks
    assert "Sheet Kualifikasi, baris 2, kolom kualifikasi_evaluator: kolom ini diisi oleh" in teks
    assert not Jawaban.objects.exists()  # the valid row 1.a.1 is not written either


def test_the_evaluator_imports_its_own_values_beside_the_agencys_unchanged_answers(
    evaluasi, client
):
    isi(evaluasi, "mandiri", {"1.a": ["Y", "Y"]})
    ajukan(evaluasi)
    _masuk(client, "inspektorat.bekasi")
    wb = _unduh(client, evaluasi)
    ws = wb["Jawaban"]
    assert _baris(ws, "1.a.1")["jawaban_mandiri"].value == "Y"
    _baris(ws, "1.a.1")["jawaban_evaluator"].value = "T"
    _baris(ws, "1.a.1")["catatan_evaluator"].value = "Dokumen belum ditetapkan"

    response = _unggah(client, evaluasi, wb)
    assert response.status_code == 302, _teks(response)
    jawaban = Jawaban.objects.get(kriteria__sub__kode="1.a", kriteria__nomor=1)
    assert (jawaban.jawaban_mandiri, jawaban.jawaban_akhir) == ("Y", "T")
    assert jawaban.catatan == "Dokumen belum ditetapkan"

    # What the agency answered stays the agency's: changing it in the file is refused.
    wb = _unduh(client, evaluasi)
    ws = wb["Jawaban"]
    _baris(ws, "1.a.2")["jawaban_mandiri"].value = "T"
    refused = _unggah(client, evaluasi, wb)
    assert refused.status_code == 400
    assert "kolom jawaban_mandiri: kolom ini diisi oleh perangkat daerah" in _teks(refused)
    assert "isinya berbeda dari yang tersimpan ('Y')" in _teks(refused)
    assert Jawaban.objects.get(kriteria__sub__kode="1.a", kriteria__nomor=2).jawaban_mandiri == "Y"


def test_the_upload_is_offered_only_to_the_side_that_can_fill_now(evaluasi, client):
    _masuk(client, "inspektorat.bekasi")
    halaman = _teks(client.get(f"/evaluasi/{evaluasi.opd.kode}/2025/"))
    assert "Unduh lembar kerja (Excel)" in halaman
    assert "Impor jawaban dari Excel" not in halaman  # the agency has not handed over yet
    assert client.get(f"/evaluasi/{evaluasi.opd.kode}/2025/impor/").status_code == 403
    client.logout()
    _masuk(client, "kepala.dinsos")
    assert "Impor jawaban dari Excel" not in _teks(
        client.get(f"/evaluasi/{evaluasi.opd.kode}/2025/")
    )


def test_a_file_that_is_not_a_workbook_or_answers_nothing_is_refused_in_words(evaluasi, client):
    _masuk(client, "perencana.dinsos")
    url = f"/evaluasi/{evaluasi.opd.kode}/2025/impor/"
    pdf = client.post(url, {"berkas": SimpleUploadedFile("lke.xlsx", b"%PDF-1.4 bukan")})
    assert pdf.status_code == 400
    assert "PDF" in _teks(pdf)
    kosong = client.post(url, {})
    assert kosong.status_code == 400
    assert "Pilih berkas .xlsx yang akan diimpor." in _teks(kosong)
    wb = _unduh(client, evaluasi)  # nothing answered yet: every answer cell empty
    del wb["Kualifikasi"]
    nihil = _unggah(client, evaluasi, wb)
    assert nihil.status_code == 400
    assert "tidak ada jawaban yang dapat diimpor dari berkas ini" in _teks(nihil)


def test_the_evaluator_side_of_an_import_is_recorded_as_the_evaluators(evaluasi, client):
    # The history of an answer says who set the evaluator's value (the import, like the screen).
    isi(evaluasi, "mandiri", {})
    ajukan(evaluasi)
    _masuk(client, "inspektorat.bekasi")
    wb = _unduh(client, evaluasi)
    _baris(wb["Jawaban"], "2.a.1")["jawaban_evaluator"].value = "Y"
    assert _unggah(client, evaluasi, wb).status_code == 302
    jawaban = Jawaban.objects.get(kriteria__sub__kode="2.a", kriteria__nomor=1)
    assert jawaban.jawaban_akhir == "Y"
    terakhir = jawaban.history.order_by("-history_date").first()
    assert terakhir.history_user.username == "inspektorat.bekasi"


def test_a_worksheet_over_20_mb_is_refused_at_the_limit_in_words(evaluasi, client):
    from lkip.xlsx_berkas import BATAS_UKURAN
    from tests.security.test_uploads import GeneratedBody, csrf_token, post_generated

    _masuk(client, "perencana.dinsos")
    url = f"/evaluasi/{evaluasi.opd.kode}/2025/impor/"
    body = GeneratedBody({"csrfmiddlewaretoken": csrf_token(client, url)}, "berkas", 60 * 2**20)
    response = post_generated(client, url, body)
    assert response.status_code == 413
    assert "Lembar kerja terlalu besar: paling besar 20 MB" in _teks(response)
    assert body.read_bytes <= BATAS_UKURAN + 256 * 1024, body.read_bytes


def test_a_download_answered_while_someone_saved_answers_is_refused_not_put_back(evaluasi, client):
    _masuk(client, "perencana.dinsos")
    lama = _unduh(client, evaluasi)
    baru = _unduh(client, evaluasi)
    _baris(baru["Jawaban"], "1.a.1")["jawaban_mandiri"].value = "Y"
    assert _unggah(client, evaluasi, baru).status_code == 302  # a colleague's answer, saved
    _baris(lama["Jawaban"], "1.b.1")["jawaban_mandiri"].value = "T"
    response = _unggah(client, evaluasi, lama)
    assert response.status_code == 400
    assert (
        "Sheet Versi, baris 2, kolom versi_jawaban: jawaban evaluasi dinsos-kota-bekasi tahun "
        "2025 sudah berubah sejak berkas ini diunduh"
    ) in _teks(response)
    assert list(Jawaban.objects.values_list("kriteria__sub__kode", "jawaban_mandiri")) == [
        ("1.a", "Y")
    ]
    # A sheet typed by hand, without the hidden Versi sheet, is not checked so.
    del lama["Versi"]
    assert _unggah(client, evaluasi, lama).status_code == 302
    assert Jawaban.objects.count() == 2


def test_a_qualifier_changed_alone_is_saved_and_said(evaluasi, client):
    _masuk(client, "perencana.dinsos")
    wb = _unduh(client, evaluasi)
    wb["Kualifikasi"]["D3"].value = 3
    response = _unggah(client, evaluasi, wb)
    assert "Lembar kerja diimpor: 1 isian mandiri berubah." in _teks(
        client.get(response["Location"])
    )
    assert NilaiSubKomponen.objects.get().kualifikasi_mandiri == 3  # no row for the zeros


def test_long_texts_repeated_criteria_and_qualifiers_under_averaging_are_named(client, demo):
    import datetime

    from django.utils import timezone

    from evaluasi import services
    from evaluasi.models import ModelPenilaian

    hari = timezone.localdate()
    services.buat_lembar(
        demo.pemda,
        2025,
        hari - datetime.timedelta(days=1),
        hari + datetime.timedelta(days=30),
        model=ModelPenilaian.RATA_RATA,
    )
    evaluasi = services.buka_evaluasi(demo, 2025)
    _masuk(client, "perencana.dinsos")
    wb = _unduh(client, evaluasi)
    assert "Kualifikasi" not in wb.sheetnames  # criteria are averaged: no qualifier to give
    ws = wb["Jawaban"]
    _baris(ws, "1.a.1")["penjelasan"].value = "x" * 5001
    ws.append([evaluasi.opd.kode, 2025, "1.a.2", "A"])  # 1.a.2 a second time
    wk = wb.create_sheet("Kualifikasi")
    wk.append(["kode_opd", "tahun", "sub_komponen", "kualifikasi_mandiri"])
    wk.append([evaluasi.opd.kode, 2025, "1.a", 2])
    teks = _teks(_unggah(client, evaluasi, wb))
    assert "Sheet Jawaban, baris 2, kolom penjelasan: paling panjang 5.000 karakter" in teks
    assert "Sheet Jawaban, baris 82, kolom kriteria: kriteria '1.a.2' sudah ada di baris 3" in teks
    assert "Sheet Kualifikasi, baris 2, kolom sub_komponen: lembar kerja evaluasi ini" in teks
    assert not Jawaban.objects.exists() and not NilaiSubKomponen.objects.exists()


def test_the_command_takes_a_downloaded_worksheet_whose_agency_answers_are_closed(
    evaluasi, client, tmp_path
):
    from django.core.management import call_command

    isi(evaluasi, "mandiri", {"1.a": ["Y"]})
    ajukan(evaluasi)  # the agency's answers are closed now, and every one is in the download
    _masuk(client, "inspektorat.bekasi")
    wb = _unduh(client, evaluasi)
    _baris(wb["Jawaban"], "1.a.1")["jawaban_evaluator"].value = "Y"
    berkas = tmp_path / "lke.xlsx"
    wb.save(berkas)
    out = io.StringIO()
    call_command("impor_lke", str(berkas), stdout=out)
    assert "0 isian mandiri berubah, 1 isian evaluator berubah" in out.getvalue()
