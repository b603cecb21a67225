"""Each role is offered only what it may do (issue #12, observation 5).

The Kepala Dinas's lists offered "Ubah" links that led to "Akses ditolak". This walk starts at each
demo role's menu, follows the links every page offers (one page per kind of screen) and sends
every form a page offers as the page would (without `konfirmasi`, so nothing irreversible
happens): none may answer 403 for the role that was offered it.
"""

import pytest

from demo.opd import DEMO_PASSWORD
from tests.ui.halaman import OPD, ROLES, baca, dilewati, internal, jelajahi

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ROLES)
def test_no_link_or_form_a_role_is_offered_answers_403(demo, client, role):
    assert client.login(username=role, password=DEMO_PASSWORD)
    start = [href for _label, href in baca(client.get(f"/data/{OPD}/").content.decode()).menu]
    refused, pages, forms = [], 0, 0
    for path, response in jelajahi(client, start + [f"/data/{OPD}/"], batas=90):
        pages += 1
        if response.status_code == 403:
            refused.append(f"GET {path}")
            continue
        if response.status_code != 200 or "text/html" not in response["Content-Type"]:
            continue
        for form in baca(response.content.decode()).forms:
            action = internal(form.action, path) if form.action else path
            if form.method != "post" or dilewati(action):
                continue
            forms += 1
            answer = client.post(action, form.fields)
            if answer.status_code == 403:
                refused.append(f"POST {action} (formulir di {path})")
    assert not refused, f"{role}: ditawarkan tetapi ditolak:\n" + "\n".join(refused)
    assert pages >= 20 and (forms >= 3 or role != "perencana.dinsos"), (pages, forms)
