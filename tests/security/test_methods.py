"""Read-only pages answer GET and HEAD only: any other method is 405.

Probe #15: the report (HTML, PDF, XLSX), the audit trail, the data lists, the verification detail
and more answered a POST with 200. The walk below finds every URL itself: one that is not listed as
accepting a form must refuse POST, so a new page is read-only unless it says otherwise.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

#: The URLs that take a POST (a form, an upload or an action).
WRITES = {
    "login",
    "logout",
    "reports:narasi_ubah",
    "reports:alur_ajukan",
    "reports:alur_komentar",
    "reports:alur_kembalikan",
    "reports:alur_tandatangani",
    "reports:alur_tandatangani_ulang",
    "reports:render_ulang",
    "reports:susun_ulang_kota",
    "reports:alur_revisi",
    "reports:temuan_akui",
    "reports:verifikasi",
    "data:entri",
    "data:tambah",
    "data:ubah",
    "data:hapus",
    "data:tutup",
    "data:buka",
    "exchange:impor_pratinjau",
    "exchange:impor_terapkan",
    "exchange:impor_pemda_pratinjau",
    "exchange:impor_pemda_terapkan",
    "rpjmd:tambah",
    "rpjmd:ubah",
    "rpjmd:hapus",
    "rpjmd:temuan_akui",
    "rpjmd:alur_ajukan",
    "rpjmd:alur_komentar",
    "rpjmd:alur_kembalikan",
    "rpjmd:alur_tandatangani",
    "rpjmd:alur_tandatangani_ulang",
    "rpjmd:alur_revisi",
    "skm:buat_tautan",
    "skm:tetapkan",
    "skm:kecualikan",
    "skm:sertakan",
    "skm:impor",
    "skm_publik:formulir",
    "evaluasi:buka_tahun",
    "evaluasi:sub",
    "evaluasi:bukti",
    "evaluasi:impor",
    "evaluasi:ajukan",
    "evaluasi:finalkan",
    "evaluasi:reviu",
    "evaluasi:buka_kembali",
    "evaluasi:temuan",
    "evaluasi:tandatangani",
    "evaluasi:rekomendasi",
    "evaluasi:lembar_kerja",
    "evaluasi:versi_baru",
}
VALUES = {
    "kode": "dinsos-uji",
    "tahun": "2024",
    "tw": "1",
    "periode": "1",
    "pk": "1",
    "layar": "realisasi",
    "bagian": "latar_belakang",
    "indikator": "IKU-1",
    "program": "1.06.04",
    "dokumen_id": "00000000-0000-4000-8000-000000000000",
    "token": "tidak-ada",
    "sub": "1a",
    "pemda_id": "1",
    "format": "pdf",
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


def read_only_urls() -> list[tuple[str, str]]:
    out = []
    for name, route in walk(get_resolver().url_patterns):
        if name in WRITES:
            continue
        url = "/" + route
        for key, value in VALUES.items():
            for conv in ("slug", "int", "str", "uuid"):
                url = url.replace(f"<{conv}:{key}>", value)
        assert "<" not in url, f"no value for a parameter of {name}: {url}"
        out.append((name, url))
    return out


def test_every_read_only_url_refuses_post_put_and_delete_from_a_logged_in_user(world, client):
    client.force_login(world["perencana"])
    urls = read_only_urls()
    assert len(urls) >= 20
    failures = []
    for name, url in urls:
        for method in ("post", "put", "delete"):
            code = getattr(client, method)(url).status_code
            if code != 405:
                failures.append(f"{method.upper()} {url} ({name}): {code}")
    assert not failures, "\n".join(failures)


def test_read_only_urls_still_answer_head(world, client):
    client.force_login(world["perencana"])
    for url in ("/", "/data/dinsos-uji/", "/verifikasi/00000000-0000-4000-8000-000000000000/"):
        assert client.head(url).status_code in (200, 404), url
