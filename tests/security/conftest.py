"""A small world for the probes: two pemdas, their agencies, an Admin Pemda, a superuser."""

import pytest
from django.contrib.auth.models import Group

from lkip.models import Penugasan
from lkip.roles import ROLE_GROUPS
from tests.factories import make_opd, make_pemda


def make_user(django_user_model, username: str, role: str | None, opd=None, pemda=None, **extra):
    """A user with a role (a key of ROLE_GROUPS) assigned to an agency or, without one, a pemda."""
    user = django_user_model.objects.create_user(
        username, password="kata-sandi-uji-panjang", **extra
    )
    if role:
        user.groups.add(Group.objects.get(name=ROLE_GROUPS[role]))
    if opd or pemda:
        Penugasan.objects.create(user=user, pemda=pemda or opd.pemda, opd=opd)
    return user


@pytest.fixture
def world(db, django_user_model):
    bekasi = make_pemda("Pemerintah Kota Bekasi")
    luar = make_pemda("Pemerintah Kota Luar")
    dinsos = make_opd("dinsos-uji", pemda=bekasi, nama="Dinas Sosial Uji")
    dinkes = make_opd("dinkes-uji", pemda=bekasi, nama="Dinas Kesehatan Uji")
    dinas_luar = make_opd("dinas-luar", pemda=luar, nama="Dinas Luar")
    return {
        "bekasi": bekasi,
        "luar": luar,
        "dinsos": dinsos,
        "dinkes": dinkes,
        "dinas_luar": dinas_luar,
        "admin": make_user(
            django_user_model, "admin.uji", "admin_pemda", pemda=bekasi, is_staff=True
        ),
        "perencana": make_user(django_user_model, "perencana.uji", "perencana", opd=dinsos),
        "kepala": make_user(django_user_model, "kepala.uji", "kepala_dinas", opd=dinsos),
        "perencana_luar": make_user(
            django_user_model, "perencana.luar", "perencana", opd=dinas_luar
        ),
        "admin_luar": make_user(
            django_user_model, "admin.luar", "admin_pemda", pemda=luar, is_staff=True
        ),
        "root": django_user_model.objects.create_superuser("root.uji", password="kata-sandi-root"),
    }


@pytest.fixture
def admin_pemda(world, client):
    """A client logged in as the Admin Pemda of Kota Bekasi."""
    client.force_login(world["admin"])
    return client
