"""Every URL of the application with every role (and anonymous), and cross-agency attempts.

The walk discovers the URL patterns itself: a new URL without an expectation here fails the test,
so no screen goes unchecked.
"""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver

from demo.opd import DEMO_PASSWORD
from lkip.crud import LAYAR
from lkip.models import Pemda, Penugasan
from targets.models import Realisasi
from tests.factories import make_anggaran, make_indikator, make_opd, make_sasaran

pytestmark = pytest.mark.django_db

ROLES = ["anonim", "perencana.dinsos", "kepala.dinsos", "inspektorat.bekasi", "admin.pemda", "luar"]
READ = {
    "anonim": 302,
    "perencana.dinsos": 200,
    "kepala.dinsos": 200,
    "inspektorat.bekasi": 200,
    "admin.pemda": 200,
    "luar": 404,
}
EDIT = {
    "anonim": 302,
    "perencana.dinsos": 200,
    "kepala.dinsos": 403,
    "inspektorat.bekasi": 403,
    "admin.pemda": 403,
    "luar": 404,
}
# The pemda's own LKIP (rpjmd): read by its pemda-level accounts, edited by the Admin Pemda.
PEMDA_READ = {
    "anonim": 302,
    "perencana.dinsos": 403,
    "kepala.dinsos": 403,
    "inspektorat.bekasi": 200,
    "admin.pemda": 200,
    "luar": 403,
}
PEMDA_EDIT = {**PEMDA_READ, "inspektorat.bekasi": 403}
POST_ONLY = {
    "anonim": 302,
    "perencana.dinsos": 405,
    "kepala.dinsos": 405,
    "inspektorat.bekasi": 405,
    "admin.pemda": 405,
    "luar": 405,
}

EXPECTED = {
    "login": {"anonim": 200, **{r: 302 for r in ROLES[1:]}},
    "logout": {r: 405 for r in ROLES},
    "sehat": {r: 200 for r in ROLES},  # health probes: no login, nothing to hide
    "siap": {r: 200 for r in ROLES},
    "reports:beranda": {**READ, "luar": 200},
    "reports:laporan": READ,
    "reports:laporan_pdf": READ,
    "reports:laporan_xlsx": READ,
    "reports:laporan_docx": READ,
    "reports:render_ulang": POST_ONLY,  # 'Coba lagi' after a failed render
    # The Admin Pemda renders every agency's LKIP of the pemda again (tests/reports/test_kota.py).
    "reports:susun_ulang_kota": {
        "anonim": 302,
        "perencana.dinsos": 403,
        "kepala.dinsos": 403,
        "inspektorat.bekasi": 403,
        "admin.pemda": 200,
        "luar": 403,
    },
    "reports:narasi": EDIT,
    "reports:narasi_ubah": EDIT,
    "data:menu": READ,
    "data:audit": READ,
    "data:bukti": READ,
    "data:entri_awal": {**READ, **{r: 302 for r in ROLES[1:-1]}},
    "data:entri": READ,
    "data:entri_hitung": READ,
    "data:daftar": READ,
    "data:riwayat": READ,
    "data:tambah": EDIT,
    "data:ubah": EDIT,
    "data:hapus": EDIT,  # GET: the confirmation page naming what goes with the record
    "data:tutup": POST_ONLY,
    "data:buka": POST_ONLY,
    "exchange:impor": EDIT,
    "exchange:ekspor": READ,
    "exchange:impor_templat": {**READ, "luar": 200},
    "exchange:impor_pratinjau": POST_ONLY,
    "exchange:impor_terapkan": POST_ONLY,
    # Dashboards: read-only for every role; an outsider sees their own (empty) pemda, never this
    # one.
    "reports:dashboard:pemda": {**READ, "luar": 200},
    "reports:dashboard:pemda_xlsx": READ,
    "reports:dashboard:opd": READ,
    "reports:dashboard:indikator": READ,
    "reports:dashboard:program": READ,
    # LKIP approval workflow (actions are POST-only; tests/reports/test_workflow.py posts them per
    # role) and the public verification of signed PDFs (no login; an unknown document is 404 for
    # everyone).
    "reports:alur": READ,
    "reports:alur_ajukan": POST_ONLY,
    "reports:alur_komentar": POST_ONLY,
    "reports:alur_kembalikan": POST_ONLY,
    "reports:alur_tandatangani": POST_ONLY,
    "reports:alur_tandatangani_ulang": POST_ONLY,
    "reports:alur_revisi": POST_ONLY,
    # The data-health findings as a work list; acknowledging a warning is POST-only (the
    # Perencana alone, tests/reports/test_temuan.py).
    "reports:temuan": READ,
    "reports:temuan_akui": POST_ONLY,
    # The public satisfaction survey: set-up and results read by every role of the agency; the
    # Perencana alone confirms, excludes and imports. The public form needs no login.
    "skm:beranda": READ,
    "skm:buat_tautan": POST_ONLY,
    "skm:poster": READ,
    "skm:hasil": READ,
    "skm:tetapkan": EDIT,
    "skm:jawaban": READ,
    "skm:ekspor": READ,
    "skm:kecualikan": POST_ONLY,
    "skm:sertakan": POST_ONLY,
    "skm:impor": EDIT,
    "skm_publik:formulir": {r: 200 for r in ROLES},
    "skm_publik:terima_kasih": {r: 200 for r in ROLES},
    "rpjmd:beranda": PEMDA_READ,
    "rpjmd:audit": PEMDA_READ,
    "rpjmd:daftar": PEMDA_READ,
    "rpjmd:tambah": PEMDA_EDIT,
    "rpjmd:ubah": PEMDA_EDIT,
    "rpjmd:hapus": PEMDA_EDIT,  # GET: the confirmation page naming what goes with the record
    "rpjmd:laporan": PEMDA_READ,
    "rpjmd:laporan_pdf": PEMDA_READ,
    "rpjmd:laporan_xlsx": PEMDA_READ,
    "rpjmd:laporan_docx": PEMDA_READ,
    "rpjmd:alur": PEMDA_READ,
    "rpjmd:temuan": PEMDA_READ,
    "rpjmd:temuan_akui": POST_ONLY,
    "rpjmd:alur_ajukan": POST_ONLY,
    "rpjmd:alur_komentar": POST_ONLY,
    "rpjmd:alur_kembalikan": POST_ONLY,
    "rpjmd:alur_tandatangani": POST_ONLY,
    "rpjmd:alur_tandatangani_ulang": POST_ONLY,
    "rpjmd:alur_revisi": POST_ONLY,
    "exchange:impor_pemda": PEMDA_EDIT,
    "exchange:ekspor_pemda": PEMDA_READ,
    "exchange:impor_pemda_pratinjau": POST_ONLY,
    "exchange:impor_pemda_terapkan": POST_ONLY,
    "reports:verifikasi": {r: 200 for r in ROLES},
    "reports:verifikasi_dokumen": {r: 404 for r in ROLES},
    "reports:unduh_dokumen": {r: 404 for r in ROLES},
    # The evaluation of AKIP (evaluasi): read by every role of the pemda (an outsider sees its own
    # agencies on the overview and the recap, never this one); the steps are POST-only
    # (tests/evaluasi/ posts them per role). The LHE's public page needs no login.
    "evaluasi:beranda": {**READ, "luar": 200},
    "evaluasi:buka_tahun": POST_ONLY,
    "evaluasi:rekap": {**READ, "luar": 200},
    "evaluasi:rekap_xlsx": {**READ, "luar": 200},
    "evaluasi:verifikasi_lhe": {r: 404 for r in ROLES},
    "evaluasi:unduh_lhe": {r: 404 for r in ROLES},
    "evaluasi:tindak_lanjut": READ,
    "evaluasi:rekomendasi": READ,
    "evaluasi:unduh_bukti_tl": READ,
    "evaluasi:lembar": READ,
    "evaluasi:riwayat": READ,
    "evaluasi:unduh_lembar": READ,
    # Uploading answers: the side the user fills now; while the self-assessment is open, the
    # agency's planner alone (the Inspektorat evaluates after it is handed over).
    "evaluasi:impor": EDIT,
    "evaluasi:ajukan": POST_ONLY,
    "evaluasi:finalkan": POST_ONLY,
    "evaluasi:reviu": POST_ONLY,
    "evaluasi:buka_kembali": POST_ONLY,
    "evaluasi:temuan": READ,
    "evaluasi:lhe_pdf": READ,
    "evaluasi:tandatangani": POST_ONLY,
    "evaluasi:bukti": READ,
    "evaluasi:unduh_bukti": READ,
    "evaluasi:sub": READ,
    # The worksheet's criteria: the Inspektorat alone keeps them.
    "evaluasi:lembar_kerja": {
        **{r: 403 for r in ROLES},
        "anonim": 302,
        "inspektorat.bekasi": 200,
    },
    "evaluasi:versi_baru": POST_ONLY,
}


def walk(patterns, prefix="", ns=None):
    for p in patterns:
        if isinstance(p, URLResolver):
            if p.namespace == "admin":
                continue
            name = f"{ns}:{p.namespace}" if ns and p.namespace else (p.namespace or ns)
            yield from walk(p.url_patterns, prefix + str(p.pattern), name)
        elif isinstance(p, URLPattern):
            yield (f"{ns}:{p.name}" if ns else p.name), prefix + str(p.pattern)


@pytest.fixture
def world(demo, settings, tmp_path, django_user_model):
    settings.MEDIA_ROOT = tmp_path
    other = make_opd("dinas-luar", pemda=Pemda.objects.create(nama="Pemerintah Kota Luar"))
    outsider = django_user_model.objects.create_user("luar", password="rahasia-luar-123")
    from django.contrib.auth.models import Group

    outsider.groups.add(Group.objects.get(name="Perencana"))
    Penugasan.objects.create(user=outsider, pemda=other.pemda, opd=other)
    real = Realisasi.objects.filter(indikator__opd=demo).first()
    real.bukti = SimpleUploadedFile("b.pdf", b"%PDF-1.4 bukti")
    real.save()
    from skm.models import PeriodeSurvei, TautanSurvei, UnitLayanan

    tautan = TautanSurvei.objects.create(
        unit_layanan=UnitLayanan.objects.create(opd=demo, nama="Loket"),
        periode=PeriodeSurvei.objects.create(opd=demo, tahun=2024, jenis="tahun"),
    )
    from evaluasi import services as lke
    from evaluasi.models import Komponen, Kriteria

    hari = datetime.date.today()
    lke.buat_lembar(demo.pemda, 2024, hari, hari + datetime.timedelta(days=30))
    evaluasi = lke.buka_evaluasi(demo, 2024)
    kriteria = Kriteria.objects.filter(sub__komponen__lembar=evaluasi.lembar).first()
    bukti_lke = lke.tambah_bukti(
        evaluasi, kriteria.pk, None, berkas=SimpleUploadedFile("p.pdf", b"%PDF-1.4 pedoman")
    )
    rek = evaluasi.rekomendasi_set.create(
        komponen=Komponen.objects.filter(lembar=evaluasi.lembar).first(),
        nomor=1,
        teks="Lengkapi manual IKU.",
        batas=hari,
        bukti=SimpleUploadedFile("tl.pdf", b"%PDF-1.4 tindak lanjut"),
    )
    return {
        "opd": demo,
        "other": other,
        "bukti": real,
        "tautan": tautan,
        "kriteria": kriteria,
        "bukti_lke": bukti_lke,
        "rekomendasi": rek,
        "pemda": rpjmd_uji(demo.pemda),
    }


def rpjmd_uji(pemda):
    """An RPJMD with one IKU of the Kepala Daerah, a range target and a realisation, for the
    pemda's screens, unless the pemda has one."""
    from decimal import Decimal

    from rpjmd.models import (
        IndikatorPemda,
        RealisasiPemda,
        Rpjmd,
        SasaranPemda,
        TargetPemda,
        TujuanPemda,
    )

    if Rpjmd.objects.filter(pemda=pemda).exists():  # the demo's (load_demo)
        return pemda
    rpjmd = Rpjmd.objects.create(pemda=pemda, tahun_awal=2024, tahun_akhir=2026)
    tujuan = TujuanPemda.objects.create(rpjmd=rpjmd, kode="T1", uraian="Tujuan")
    sasaran = SasaranPemda.objects.create(rpjmd=rpjmd, tujuan=tujuan, kode="S1", uraian="Sasaran")
    ind = IndikatorPemda.objects.create(
        rpjmd=rpjmd,
        sasaran=sasaran,
        kode="IKU-1",
        uraian="IPM",
        satuan="indeks",
        jenis_nilai="indeks",
    )
    TargetPemda.objects.create(
        indikator=ind, tahun=2024, jenis="pk", nilai_bawah=Decimal(80), nilai_atas=Decimal(81)
    )
    RealisasiPemda.objects.create(indikator=ind, tahun=2024, nilai=Decimal("80.5"))
    return pemda


def urls_for(name: str, route: str, world) -> list[str]:
    demo = world["opd"]
    values = {
        "kode": demo.kode,
        "tahun": "2024",
        "tw": "2",
        "periode": "2",
        "bagian": "latar_belakang",
        "indikator": "IKU-1",
        "program": "1.06.04",
        "dokumen_id": "00000000-0000-4000-8000-000000000000",
        "pemda_id": str(demo.pemda_id),
        "format": "pdf",
    }
    if name == "data:bukti":
        values["pk"] = str(world["bukti"].pk)
    values["sub"] = "1a"
    if name in ("evaluasi:rekomendasi", "evaluasi:unduh_bukti_tl"):
        values["pk"] = str(world["rekomendasi"].pk)
    if name == "evaluasi:bukti":
        values["pk"] = str(world["kriteria"].pk)
    if name == "evaluasi:unduh_bukti":
        values["pk"] = str(world["bukti_lke"].pk)
    if name.startswith("skm"):
        values["pk"] = str(world["tautan"].pk)
        values["token"] = world["tautan"].token
    out = []
    layar_list = list(LAYAR.values()) if "<slug:layar>" in route else [None]
    if name.startswith("rpjmd:") or name.startswith("exchange:") and "pemda" in name:
        from rpjmd.screens import LAYAR as LAYAR_PEMDA

        values["kode"] = world["pemda"].kode
        demo = world["pemda"]
        layar_list = list(LAYAR_PEMDA.values()) if "<slug:layar>" in route else [None]
    for layar in layar_list:
        v = dict(values)
        if layar:
            v["layar"] = layar.slug
            if "<int:pk>" in route:
                obj = layar.queryset(demo).first()
                if obj is None:
                    continue
                v["pk"] = str(obj.pk)
        url = "/" + route
        for key, value in v.items():
            for conv in ("slug", "int", "str", "uuid"):
                url = url.replace(f"<{conv}:{key}>", value)
        assert "<" not in url, f"no value for a parameter of {name}: {url}"
        if name == "data:entri_hitung":
            url += f"?indikator={demo.indikator_set.first().pk}&nilai=5"
        out.append(url)
    return out


def test_every_url_answers_every_role_as_expected(world, client):
    patterns = list(walk(get_resolver().url_patterns))
    missing = [name for name, _ in patterns if name not in EXPECTED]
    assert not missing, f"URL tanpa harapan di tes izin: {missing}"
    failures = []
    for role in ROLES:
        client.logout()
        if role == "luar":
            client.login(username="luar", password="rahasia-luar-123")
        elif role != "anonim":
            assert client.login(username=role, password=DEMO_PASSWORD)
        for name, route in patterns:
            for url in urls_for(name, route, world):
                code = client.get(url).status_code
                if code != EXPECTED[name][role]:
                    failures.append(f"{role} GET {url}: {code}, diharapkan {EXPECTED[name][role]}")
    assert not failures, "\n".join(failures)


def test_read_only_roles_are_refused_every_write(world, client):
    demo = world["opd"]
    for role in ("kepala.dinsos", "inspektorat.bekasi", "admin.pemda"):
        client.login(username=role, password=DEMO_PASSWORD)
        for layar in LAYAR.values():
            obj = layar.queryset(demo).first()
            assert client.post(f"/data/{demo.kode}/{layar.slug}/tambah/", {}).status_code == 403
            if obj is not None:
                assert (
                    client.post(f"/data/{demo.kode}/{layar.slug}/{obj.pk}/", {}).status_code == 403
                )
                assert (
                    client.post(
                        f"/data/{demo.kode}/{layar.slug}/{obj.pk}/hapus/", {"konfirmasi": "ya"}
                    ).status_code
                    == 403
                )
        assert client.post(f"/data/{demo.kode}/entri/2024/tw2/", {}).status_code == 403
        assert (
            client.post(
                f"/laporan/{demo.kode}/2024/narasi/latar_belakang/", {"teks": "x"}
            ).status_code
            == 403
        )


def test_no_form_accepts_another_agencys_record(world, client):
    """Every foreign-key field of every planning form, given the id of another agency's record."""
    demo, other = world["opd"], world["other"]
    foreign = {
        "indikator": make_indikator(other, kode="IKU-LUAR"),
        "sasaran": make_sasaran(other, kode="S-LUAR"),
    }
    foreign["tujuan"] = foreign["sasaran"].tujuan
    foreign["renstra"] = foreign["sasaran"].renstra
    make_anggaran(other, "1.06.07", 10, 1)
    client.login(username="perencana.dinsos", password=DEMO_PASSWORD)
    tried = 0
    for layar in LAYAR.values():
        form = layar.form(opd=demo)
        for field_name, field in form.fields.items():
            if field_name not in foreign:
                continue
            value = foreign[field_name].pk
            data = {field_name: [value] if field.widget.allow_multiple_selected else value}
            response = client.post(f"/data/{demo.kode}/{layar.slug}/tambah/", data)
            assert response.status_code == 200, (layar.slug, field_name)
            assert field_name in response.context["form"].errors, (layar.slug, field_name)
            tried += 1
    assert tried >= 6
