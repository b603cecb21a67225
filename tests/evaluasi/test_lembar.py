"""The worksheet as master data, the self-assessment beside the evaluation, and the result in the
agency's LKIP data."""

import html
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from demo.opd import DEMO_PASSWORD
from evaluasi import services
from evaluasi.models import (
    Bukti,
    Evaluasi,
    Jawaban,
    Kriteria,
    Kualifikasi,
    StatusEvaluasi,
    SubKomponen,
)
from evaluasi.skor import AKHIR, MANDIRI, lembar_skor
from indicators.models import EvaluasiAKIP
from lkip.models import Pemda
from targets.models import Periode, Realisasi
from tests.evaluasi.conftest import ajukan, isi
from tests.factories import make_indikator, make_opd

pytestmark = pytest.mark.django_db

CONTOH = {  # the spec's worked example (§5): 1.a 6/6 maintained ≥ 1 year, 1.b 9/11, 1.c 5/8
    "1.a": ["Y"] * 6,
    "1.b": ["Y"] * 9,
    "1.c": ["Y"] * 5,
}


def test_the_default_worksheet_holds_the_80_criteria_and_weights_of_88_2021(evaluasi):
    skor = lembar_skor(evaluasi)
    assert skor.jumlah_kriteria == 80
    assert [k.komponen.bobot for k in skor.komponen] == [30, 30, 15, 25]
    assert [s.sub.bobot for s in skor.komponen[2].sub] == [
        Decimal(3),
        Decimal("4.5"),
        Decimal("7.5"),
    ]
    assert [len(s.baris) for s in skor.subs] == [6, 11, 8, 3, 7, 10, 6, 9, 7, 3, 5, 5]


def test_the_worked_example_through_the_worksheet_gives_20_70_for_component_one(evaluasi):
    ajukan(evaluasi)
    isi(evaluasi, AKHIR, CONTOH, {"1.a": Kualifikasi.DIHARGAI})
    komponen = lembar_skor(evaluasi).komponen[0]
    assert [s.nilai[AKHIR].grade for s in komponen.sub] == ["A", "B", "CC"]
    assert komponen.nilai_akhir == Decimal("20.70")


def test_self_assessment_and_final_values_are_scored_apart_and_never_mixed(evaluasi):
    semua_ya = {s.sub.kode: ["Y"] * 11 for s in lembar_skor(evaluasi).subs}
    isi(evaluasi, MANDIRI, semua_ya)
    ajukan(evaluasi)
    isi(evaluasi, AKHIR, CONTOH, {"1.a": Kualifikasi.DIHARGAI})
    skor = lembar_skor(evaluasi)
    assert skor.total_mandiri == Decimal(70)  # every sub-component all met, no qualifier: B
    assert skor.komponen[0].nilai_akhir == Decimal("20.70")
    assert skor.total_akhir == Decimal("20.70")  # components 2–4 answered T by the evaluator
    jawaban = Jawaban.objects.filter(evaluasi=evaluasi, kriteria__sub__kode="2.a")
    assert {(j.jawaban_mandiri, j.jawaban_akhir) for j in jawaban} == {("Y", "T")}


def test_the_evaluator_cannot_change_the_agencys_answers_and_the_agency_not_the_final_ones(
    evaluasi, client
):
    sub = SubKomponen.objects.get(komponen__lembar=evaluasi.lembar, kode="1.a")
    kriteria = Kriteria.objects.filter(sub=sub).order_by("nomor")
    data = {f"jawaban-{k.pk}": "Y" for k in kriteria}
    url = f"/evaluasi/{evaluasi.opd.kode}/2025/1a/"
    client.login(username="inspektorat.bekasi", password=DEMO_PASSWORD)
    assert client.post(url, {"jenis": "mandiri", **data}).status_code == 403
    client.login(username="perencana.dinsos", password=DEMO_PASSWORD)
    assert client.post(url, {"jenis": "akhir", **data}).status_code == 403
    assert client.post(url, {"jenis": "mandiri", **data}).status_code == 302
    assert set(
        Jawaban.objects.filter(evaluasi=evaluasi).values_list("jawaban_mandiri", "jawaban_akhir")
    ) == {("Y", "")}


def test_an_answer_outside_the_criterion_type_is_refused_and_nothing_is_written(evaluasi, client):
    kriteria = list(
        Kriteria.objects.filter(sub__komponen__lembar=evaluasi.lembar, sub__kode="1.a").order_by(
            "nomor"
        )
    )
    client.login(username="perencana.dinsos", password=DEMO_PASSWORD)
    data = {"jenis": "mandiri", f"jawaban-{kriteria[0].pk}": "Y", f"jawaban-{kriteria[1].pk}": "B"}
    response = client.post(f"/evaluasi/{evaluasi.opd.kode}/2025/1a/", data)
    assert response.status_code == 400
    assert "Kriteria 1.a.2: Jawaban 'B' tidak sesuai jenis kriteria: pilih Y atau T." in (
        html.unescape(response.content.decode())
    )
    assert not Jawaban.objects.filter(evaluasi=evaluasi).exists()


def test_the_agency_edits_its_self_assessment_only_while_the_schedule_is_open(evaluasi):
    lembar = evaluasi.lembar
    lembar.mandiri_selesai = lembar.mandiri_mulai
    lembar.save()
    kriteria = Kriteria.objects.filter(sub__komponen__lembar=lembar).first()
    evaluasi.lembar.mandiri_mulai = lembar.mandiri_mulai.replace(year=2020)
    evaluasi.lembar.mandiri_selesai = lembar.mandiri_mulai.replace(year=2020)
    evaluasi.lembar.save()
    with pytest.raises(services.Ditolak, match="tidak sedang berlangsung"):
        services.simpan_jawaban(evaluasi, MANDIRI, {kriteria.pk: ("Y", "")})
    assert not Jawaban.objects.exists()


def test_evidence_links_to_the_agencys_own_data_and_refuses_another_agencys(evaluasi, demo):
    kriteria = Kriteria.objects.get(sub__komponen__lembar=evaluasi.lembar, sub__kode="1.a", nomor=3)
    renstra = demo.renstra_set.first()
    bukti = services.tambah_bukti(evaluasi, kriteria.pk, None, sumber=f"renstra:{renstra.pk}")
    assert (bukti.jenis, bukti.objek) == ("renstra", str(renstra.pk))
    lain = make_indikator(make_opd("dinas-lain", pemda=Pemda.objects.create(nama="Kota Lain")))
    with pytest.raises(services.Ditolak, match="milik perangkat daerah lain"):
        services.tambah_bukti(evaluasi, kriteria.pk, None, sumber=f"indikator:{lain.pk}")
    assert Bukti.objects.count() == 1


def test_an_uploaded_evidence_file_is_checked_by_its_content(
    evaluasi, client, django_capture_on_commit_callbacks
):
    kriteria = Kriteria.objects.get(sub__komponen__lembar=evaluasi.lembar, sub__kode="1.a", nomor=1)
    url = f"/evaluasi/{evaluasi.opd.kode}/2025/kriteria/{kriteria.pk}/bukti/"
    client.login(username="perencana.dinsos", password=DEMO_PASSWORD)
    palsu = SimpleUploadedFile("pedoman.pdf", b"MZ bukan pdf")
    response = client.post(url, {"berkas": palsu})
    assert response.status_code == 400
    assert "harus PDF, PNG atau JPEG" in response.content.decode()
    asli = SimpleUploadedFile("pedoman.pdf", b"%PDF-1.4 pedoman")
    assert client.post(url, {"berkas": asli, "keterangan": "Perwal"}).status_code == 302
    bukti = Bukti.objects.get()
    assert client.get(f"/evaluasi/{evaluasi.opd.kode}/2025/berkas/{bukti.pk}/").status_code == 200
    # Deleting it asks first; confirmed, the file leaves the storage with the record.
    nama, storage = bukti.berkas.name, bukti.berkas.storage
    assert client.post(url, {"hapus": bukti.pk}).status_code == 200
    assert Bukti.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"hapus": bukti.pk, "konfirmasi": "ya"}).status_code == 302
    assert not Bukti.objects.exists() and not storage.exists(nama)


def test_the_final_result_becomes_the_lkip_years_akip_components_and_indicator_realisation(
    evaluasi, demo, django_user_model
):
    isi(evaluasi, MANDIRI, CONTOH)
    ajukan(evaluasi)
    semua = {s.sub.kode: ["Y"] * 11 for s in lembar_skor(evaluasi).subs}
    semua["1.a"] = CONTOH["1.a"]
    semua["1.b"] = CONTOH["1.b"]
    semua["1.c"] = CONTOH["1.c"]
    isi(evaluasi, AKHIR, semua, {"1.a": Kualifikasi.DIHARGAI})
    user = django_user_model.objects.get(username="inspektorat.bekasi")
    import datetime

    services.finalkan(
        evaluasi, user, nomor_lhe="700/LHE/2025", tanggal_lhe=datetime.date(2025, 6, 30)
    )
    evaluasi.refresh_from_db()
    assert evaluasi.status == StatusEvaluasi.FINAL
    # 20,70 + 21 + 10,5 + 17,5 (components 2–4 all met, no qualifier: B = 70 %)
    assert evaluasi.hasil["total_angka"] == "69.70"
    komponen = EvaluasiAKIP.objects.filter(opd=demo, tahun=2025).order_by("urutan")
    assert [(k.komponen, k.nilai) for k in komponen] == [
        ("Perencanaan Kinerja", Decimal("20.70")),
        ("Pengukuran Kinerja", Decimal("21.00")),
        ("Pelaporan Kinerja", Decimal("10.50")),
        ("Evaluasi Akuntabilitas Kinerja Internal", Decimal("17.50")),
    ]
    real = Realisasi.objects.get(
        indikator__opd=demo, indikator__kode="IKU-1", tahun=2025, periode=Periode.TAHUNAN
    )
    assert (real.nilai, real.predikat) == (Decimal("69.70"), "B")
    with pytest.raises(services.Ditolak, match="sudah final"):
        services.simpan_jawaban(evaluasi, AKHIR, {})
    with pytest.raises(services.Ditolak, match="wajib diisi"):
        services.buka_kembali(evaluasi, " ")
    services.buka_kembali(evaluasi, "Bukti 3.a.6 baru diterima")
    assert Evaluasi.history.filter(history_change_reason__contains="Bukti 3.a.6").exists()


def test_finalising_with_criteria_unanswered_names_them_and_changes_nothing(
    evaluasi, django_user_model
):
    ajukan(evaluasi)
    user = django_user_model.objects.get(username="inspektorat.bekasi")
    import datetime

    with pytest.raises(
        services.Ditolak,
        match=r"80 dari 80 kriteria belum dinilai evaluator \(sub-komponen 1.a: 6,",
    ):
        services.finalkan(evaluasi, user, nomor_lhe="1", tanggal_lhe=datetime.date(2025, 6, 1))
    evaluasi.refresh_from_db()
    assert evaluasi.status == StatusEvaluasi.PENILAIAN
    assert not EvaluasiAKIP.objects.filter(tahun=2025).exists()


def test_a_reworded_criterion_of_a_worksheet_used_by_a_final_evaluation_is_refused(evaluasi):
    kriteria = Kriteria.objects.filter(sub__komponen__lembar=evaluasi.lembar).first()
    services.ubah_kriteria(kriteria, teks="Teks baru.", tipe="yt", aktif=True)
    Evaluasi.objects.filter(pk=evaluasi.pk).update(status=StatusEvaluasi.FINAL)
    with pytest.raises(services.Ditolak, match="versi baru"):
        services.ubah_kriteria(kriteria, teks="Lagi.", tipe="yt", aktif=True)
    baru = services.salin_lembar(evaluasi.lembar)
    assert baru.versi == 2
    assert Kriteria.objects.filter(sub__komponen__lembar=baru).count() == 80


def test_the_inspektorat_rewords_deactivates_and_adds_criteria_on_the_worksheet_screen(
    evaluasi, client
):
    kriteria = Kriteria.objects.get(sub__komponen__lembar=evaluasi.lembar, sub__kode="1.a", nomor=2)
    client.login(username="perencana.dinsos", password=DEMO_PASSWORD)
    assert (
        client.post("/evaluasi/lke/2025/", {"kriteria": kriteria.pk, "teks": "x"}).status_code
        == 403
    )
    client.login(username="inspektorat.bekasi", password=DEMO_PASSWORD)
    data = {
        "kriteria": kriteria.pk,
        "teks": "Terdapat RPJPD (tidak berlaku bagi OPD).",
        "tipe": "yt",
    }
    assert client.post("/evaluasi/lke/2025/", data).status_code == 302
    kriteria.refresh_from_db()
    assert (kriteria.teks, kriteria.aktif) == ("Terdapat RPJPD (tidak berlaku bagi OPD).", False)
    baru = {"sub": "1.a", "teks": "Terdapat SOP penyusunan Renja.", "tipe": "yt"}
    assert client.post("/evaluasi/lke/2025/", baru).status_code == 302
    skor = lembar_skor(evaluasi)
    assert [b.kriteria.kode for b in skor.subs[0].baris] == [
        "1.a.1",
        "1.a.3",
        "1.a.4",
        "1.a.5",
        "1.a.6",
        "1.a.7",
    ]


def test_with_a_second_tier_another_inspektorat_user_approves_before_the_result_is_final(
    evaluasi, django_user_model
):
    import datetime

    from django.contrib.auth.models import Group

    from lkip.models import Penugasan

    evaluasi.lembar.perlu_reviu = True
    evaluasi.lembar.save()
    ajukan(evaluasi)
    isi(evaluasi, AKHIR, CONTOH, {"1.a": Kualifikasi.DIHARGAI})
    evaluator = django_user_model.objects.get(username="inspektorat.bekasi")
    pengendali = django_user_model.objects.create_user("pengendali", password="x-rahasia-123")
    pengendali.groups.add(Group.objects.get(name="Inspektorat"))
    Penugasan.objects.create(user=pengendali, pemda=evaluasi.opd.pemda)
    services.finalkan(evaluasi, evaluator, nomor_lhe="1/LHE", tanggal_lhe=datetime.date(2025, 7, 1))
    evaluasi.refresh_from_db()
    assert evaluasi.status == StatusEvaluasi.REVIU
    assert not EvaluasiAKIP.objects.filter(tahun=2025).exists()
    with pytest.raises(services.Ditolak, match="selain evaluatornya"):
        services.setujui_reviu(evaluasi, evaluator)
    services.setujui_reviu(evaluasi, pengendali)
    evaluasi.refresh_from_db()
    assert evaluasi.status == StatusEvaluasi.FINAL
    assert EvaluasiAKIP.objects.filter(opd=evaluasi.opd, tahun=2025).count() == 4


def test_the_worksheet_screens_cost_the_same_queries_with_one_answer_or_all_of_them(
    evaluasi, client, demo
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.login(username="perencana.dinsos", password=DEMO_PASSWORD)
    kode = evaluasi.opd.kode

    def hitung() -> list[int]:
        out = []
        for url in (f"/evaluasi/{kode}/2025/", f"/evaluasi/{kode}/2025/1a/"):
            client.get(url)  # warm: the session, the menu's agency
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(url).status_code == 200
            out.append(len(ctx.captured_queries))
        return out

    isi(evaluasi, MANDIRI, {"1.a": ["Y"]})
    sedikit = hitung()
    isi(evaluasi, MANDIRI, {s.sub.kode: ["Y"] * 11 for s in lembar_skor(evaluasi).subs})
    kriteria = Kriteria.objects.filter(sub__komponen__lembar=evaluasi.lembar, sub__kode="1.a")
    for k in kriteria:
        for r in demo.renstra_set.all():
            services.tambah_bukti(evaluasi, k.pk, None, sumber=f"renstra:{r.pk}")
    assert hitung() == sedikit


def test_data_checks_are_hints_from_the_performance_year_and_never_answers(evaluasi, client):
    from evaluasi.cek import petunjuk

    hint = petunjuk(evaluasi)  # 2025 evaluates 2024
    assert hint["renstra"].terpenuhi and "Renstra 2024–2026" in hint["renstra"].teks
    assert not hint["iku_triwulan"].terpenuhi
    assert "IKU-1 (Triwulan I, Triwulan II, Triwulan III, Triwulan IV)" in hint["iku_triwulan"].teks
    assert not hint["lkip_ada"].terpenuhi
    assert hint["lkip_tepat_waktu"].teks.endswith("(batas 28 Februari 2025).")
    client.login(username="inspektorat.bekasi", password=DEMO_PASSWORD)
    halaman = client.get(f"/evaluasi/{evaluasi.opd.kode}/2025/3a/").content.decode()
    assert "Petunjuk dari data (bukan jawaban): Belum ada LKIP 2024 yang ditandatangani" in halaman
    assert not Jawaban.objects.exists()


def test_an_evidence_file_over_5_mb_is_refused_while_it_is_read_and_nothing_is_written(
    evaluasi, client
):
    kriteria = Kriteria.objects.get(sub__komponen__lembar=evaluasi.lembar, sub__kode="1.a", nomor=1)
    client.login(username="perencana.dinsos", password=DEMO_PASSWORD)
    besar = SimpleUploadedFile("besar.pdf", b"%PDF-1.4 " + b"0" * (6 * 1024 * 1024))
    response = client.post(
        f"/evaluasi/{evaluasi.opd.kode}/2025/kriteria/{kriteria.pk}/bukti/", {"berkas": besar}
    )
    assert response.status_code == 413
    assert "Berkas bukti terlalu besar: paling besar 5 MB" in response.content.decode()
    assert not Bukti.objects.exists()


def test_the_agencys_audit_trail_lists_the_evaluations_changes(evaluasi, client):
    isi(evaluasi, MANDIRI, {"1.a": ["Y"]})
    ajukan(evaluasi)
    client.login(username="kepala.dinsos", password=DEMO_PASSWORD)
    halaman = html.unescape(client.get(f"/data/{evaluasi.opd.kode}/audit/").content.decode())
    assert "4.c.5 T / -" in halaman  # an answer of the self-assessment, as created
    assert "Penilaian evaluator" in halaman  # the evaluation's status after submission


def test_the_evaluator_may_adjust_a_sub_components_value_within_its_weight_with_a_reason(
    evaluasi, client
):
    ajukan(evaluasi)
    url = f"/evaluasi/{evaluasi.opd.kode}/2025/3b/"
    client.login(username="inspektorat.bekasi", password=DEMO_PASSWORD)
    luar = {"jenis": "akhir", "nilai_penyesuaian": "4,6", "alasan_penyesuaian": "Reviu LHR"}
    response = client.post(url, luar)
    assert response.status_code == 400
    assert "Nilai sub-komponen 3.b (4,60) harus antara 0 dan bobotnya (4,50)." in (
        html.unescape(response.content.decode())
    )
    tanpa_alasan = {"jenis": "akhir", "nilai_penyesuaian": "4,2", "alasan_penyesuaian": ""}
    assert client.post(url, tanpa_alasan).status_code == 400
    assert lembar_skor(evaluasi).subs[7].penyesuaian is None
    sah = {"jenis": "akhir", "nilai_penyesuaian": "4,2", "alasan_penyesuaian": "Reviu LHR"}
    assert client.post(url, sah).status_code == 302
    sub = lembar_skor(evaluasi).subs[7]
    assert (sub.nilai[AKHIR].nilai, sub.penyesuaian) == (
        Decimal("4.2"),
        (Decimal("4.2"), "Reviu LHR"),
    )
    assert sub.nilai[MANDIRI].nilai == Decimal(0)  # the agency's side is untouched


def test_the_proposed_qualification_is_a_select_styled_like_every_other_form_select(
    evaluasi, client
):
    client.login(username="perencana.dinsos", password=DEMO_PASSWORD)
    halaman = client.get(f"/evaluasi/{evaluasi.opd.kode}/2025/1a/").content.decode()
    kartu = halaman.split('<select id="kualifikasi"')[0].rsplit("<div", 1)[1]
    assert 'class="kartu formulir"' in kartu  # .formulir select in static/css/app.css
