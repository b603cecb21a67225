"""Each role is offered only what it may do on the evaluation's screens, at every stage: the walk
of tests/ui/test_tindakan_peran.py, from /evaluasi/ and within it, with an evaluation in
self-assessment, in evaluation and final (the demo has none of its own)."""

import datetime

import pytest

from demo.opd import DEMO_PASSWORD
from evaluasi import services
from evaluasi.skor import AKHIR, MANDIRI, lembar_skor
from tests.evaluasi.conftest import isi
from tests.ui.halaman import ROLES, baca, dilewati, internal, kunci_halaman

pytestmark = pytest.mark.django_db


def _jalan(client, awal: str):
    seen, todo, visited = set(), [awal], set()
    while todo:
        path = todo.pop(0)
        key = kunci_halaman(path)
        if path in visited or key in seen or dilewati(path) or not path.startswith("/evaluasi/"):
            continue
        seen.add(key)
        visited.add(path)
        response = client.get(path)
        yield path, response
        if response.status_code == 200:
            todo += [t for h in baca(response.content.decode()).links if (t := internal(h, path))]


def _tawaran_ditolak(client) -> list[str]:
    refused = []
    for path, response in _jalan(client, "/evaluasi/"):
        if response.status_code == 403:
            refused.append(f"GET {path}")
            continue
        if response.status_code != 200:
            continue
        for form in baca(response.content.decode()).forms:
            action = internal(form.action, path) if form.action else path
            if form.method != "post" or dilewati(action) or action.startswith("/keluar/"):
                continue
            if client.post(action, form.fields).status_code == 403:
                refused.append(f"POST {action} (formulir di {path})")
    return refused


@pytest.mark.parametrize("tahap", ["mandiri", "penilaian", "final"])
def test_no_link_or_form_of_the_evaluation_a_role_is_offered_answers_403(
    evaluasi, client, django_user_model, tahap
):
    semua = {s.sub.kode: ["Y"] * 11 for s in lembar_skor(evaluasi).subs}
    isi(evaluasi, MANDIRI, semua)
    if tahap != "mandiri":
        services.ajukan_mandiri(evaluasi)
        isi(evaluasi, AKHIR, semua)
    if tahap == "final":
        user = django_user_model.objects.get(username="inspektorat.bekasi")
        services.finalkan(evaluasi, user, nomor_lhe="1/LHE", tanggal_lhe=datetime.date(2025, 7, 1))
    for role in ROLES:
        assert client.login(username=role, password=DEMO_PASSWORD)
        assert not (refused := _tawaran_ditolak(client)), f"{role}: " + "\n".join(refused)
