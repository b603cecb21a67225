"""Benchmark: the quarterly entry grid of a large agency (2.000 budget lines, 18 IKU by default).

Prints the time and query count of opening the grid and of saving it with every budget line
changed, through the test client (one process, no server). Usage:
.venv/bin/python bench/entri.py [--lines N] [--indicators N]
"""

import argparse
import re
import time
from urllib.parse import urlencode

from _setup import ROOT, django_empty


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=2000)
    parser.add_argument("--indicators", type=int, default=18)
    args = parser.parse_args()
    django_empty()
    import sys

    sys.path.insert(0, str(ROOT))
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from lkip.models import Penugasan
    from lkip.roles import ROLE_GROUPS
    from tests.security.formulir import isian
    from tests.security.grid_data import make_agency_with_lines

    opd = make_agency_with_lines(args.lines, args.indicators)
    user = get_user_model().objects.create_user("perencana.besar", password="bench-entri-2024")
    user.groups.add(Group.objects.get(name=ROLE_GROUPS["perencana"]))
    Penugasan.objects.create(user=user, pemda=opd.pemda, opd=opd)
    client = Client()
    client.force_login(user)
    url = f"/data/{opd.kode}/entri/2024/tw2/"

    with CaptureQueriesContext(connection) as q:
        start = time.perf_counter()
        page = client.get(url)
        t_get = time.perf_counter() - start
    data = isian(page.content.decode(), "entri")
    fields = sum(len(v) for v in data.values())
    for name in data:
        if re.fullmatch(r"a\d+-tw", name):
            data[name] = ["1.000.000,25"]
    with CaptureQueriesContext(connection) as s:
        start = time.perf_counter()
        response = client.post(  # as a browser posts the form: urlencoded
            url, urlencode(data, doseq=True), content_type="application/x-www-form-urlencoded"
        )
        t_post = time.perf_counter() - start
    print(f"{args.lines} baris anggaran, {args.indicators} indikator: {fields} isian terkirim")
    print(f"buka grid    {t_get:6.2f} s  {len(q.captured_queries):5d} kueri  {page.status_code}")
    print(
        f"simpan grid  {t_post:6.2f} s  {len(s.captured_queries):5d} kueri  {response.status_code}"
    )


if __name__ == "__main__":
    main()
