"""Every URL of the application with every role (and anonymous), and cross-agency attempts.

The walk discovers the URL patterns itself: a new URL without an expectation here fails the test,
so no screen goes unchecked.
"""

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
    "reports:narasi": EDIT,
    "reports:narasi_ubah": EDIT,
    "data:menu": READ,
    "data:audit": READ,
    "data:bukti": READ,
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
    "reports:verifikasi": {r: 200 for r in ROLES},
    "reports:verifikasi_dokumen": {r: 404 for r in ROLES},
    "reports:unduh_dokumen": {r: 404 for r in ROLES},
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
    return {"opd": demo, "other": other, "bukti": real, "tautan": tautan}


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
    }
    if name == "data:bukti":
        values["pk"] = str(world["bukti"].pk)
    if name.startswith("skm"):
        values["pk"] = str(world["tautan"].pk)
        values["token"] = world["tautan"].token
    out = []
    layar_list = list(LAYAR.values()) if "<slug:layar>" in route else [None]
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
