"""The Admin Pemda in the admin site: its own pemda's agencies and users, nothing above its station.

Probe #15: as Admin Pemda one could make oneself superuser, take agency roles and move one's own
assignment to an agency (and then approve and sign its LKIP), create a pemda, and open any user's
password form. Superusers keep every power.
"""

import pytest
from django.contrib.auth.models import Group, Permission

from lkip.models import Pemda, Penugasan, PerangkatDaerah
from lkip.roles import ROLE_GROUPS
from tests.security.admin_forms import admin_form_data

pytestmark = pytest.mark.django_db

USERS = "/admin/auth/user/"


def group(role: str) -> Group:
    return Group.objects.get(name=ROLE_GROUPS[role])


def change(client, url: str, **changes):
    """GET an admin change page, change some values, POST it back."""
    page = client.get(url)
    data = admin_form_data(page) if page.status_code == 200 and page.context else {}
    data.update(changes)
    return client.post(url, data)


def fresh(obj):
    obj.refresh_from_db()
    return obj


class SelfPromotionTests:
    def test_admin_pemda_cannot_make_itself_superuser_or_grant_itself_permissions(
        self, world, admin_pemda
    ):
        me = world["admin"]
        sign = Permission.objects.get(codename="tandatangani_laporan")
        change(
            admin_pemda,
            f"{USERS}{me.pk}/change/",
            is_superuser="on",
            user_permissions=[str(sign.pk)],
        )
        me = fresh(me)
        assert not me.is_superuser
        assert not me.user_permissions.exists()

    def test_admin_pemda_cannot_give_itself_agency_roles(self, world, admin_pemda):
        me = world["admin"]
        change(
            admin_pemda,
            f"{USERS}{me.pk}/change/",
            groups=[str(group("perencana").pk), str(group("kepala_dinas").pk)],
        )
        assert set(fresh(me).groups.values_list("name", flat=True)) == {"Admin Pemda"}

    def test_admin_pemda_cannot_move_its_own_assignment_to_an_agency(self, world, admin_pemda):
        mine = world["admin"].penugasan
        response = change(
            admin_pemda,
            f"/admin/lkip/penugasan/{mine.pk}/change/",
            opd=str(world["dinsos"].pk),
            pemda=str(world["bekasi"].pk),
            user=str(world["admin"].pk),
        )
        assert response.status_code in (302, 403)
        assert fresh(mine).opd is None

    def test_admin_pemda_cannot_sign_after_trying_to_become_kepala_dinas(self, world, admin_pemda):
        from reports.workflow import _kepala_sendiri

        me = world["admin"]
        change(admin_pemda, f"{USERS}{me.pk}/change/", groups=[str(group("kepala_dinas").pk)])
        change(
            admin_pemda,
            f"/admin/lkip/penugasan/{me.penugasan.pk}/change/",
            opd=str(world["dinsos"].pk),
            pemda=str(world["bekasi"].pk),
            user=str(me.pk),
        )
        from django.contrib.auth import get_user_model

        me = get_user_model().objects.get(pk=me.pk)
        from reports.models import LaporanTahunan

        assert not _kepala_sendiri(me, LaporanTahunan(opd=world["dinsos"], tahun=2024))


class RoleAssignmentTests:
    def test_admin_pemda_gives_a_user_of_its_pemda_an_agency_role(self, world, admin_pemda):
        user = world["perencana"]
        response = change(
            admin_pemda,
            f"{USERS}{user.pk}/change/",
            groups=[str(group("perencana").pk), str(group("kepala_dinas").pk)],
        )
        assert response.status_code == 302, response.context and response.context.get("errors")
        assert set(fresh(user).groups.values_list("name", flat=True)) == {
            "Perencana",
            "Kepala Dinas",
        }

    def test_admin_pemda_cannot_give_anyone_the_admin_pemda_role(self, world, admin_pemda):
        user = world["perencana"]
        response = change(
            admin_pemda, f"{USERS}{user.pk}/change/", groups=[str(group("admin_pemda").pk)]
        )
        assert response.status_code == 200  # the form again, with the error on the roles field
        assert "groups" in response.context["adminform"].form.errors
        assert set(fresh(user).groups.values_list("name", flat=True)) == {"Perencana"}

    def test_admin_pemda_cannot_make_a_user_staff_superuser_or_grant_single_permissions(
        self, world, admin_pemda
    ):
        user = world["perencana"]
        sign = Permission.objects.get(codename="tandatangani_laporan")
        change(
            admin_pemda,
            f"{USERS}{user.pk}/change/",
            is_staff="on",
            is_superuser="on",
            user_permissions=[str(sign.pk)],
        )
        user = fresh(user)
        assert not user.is_staff and not user.is_superuser
        assert not user.user_permissions.exists()

    def test_admin_pemda_cannot_assign_a_user_to_another_pemdas_agency(self, world, admin_pemda):
        user = world["perencana"]
        page = admin_pemda.get(f"{USERS}{user.pk}/change/")
        data = admin_form_data(page)
        opd_field = next(k for k in data if k.startswith("penugasan") and k.endswith("-opd"))
        data[opd_field] = str(world["dinas_luar"].pk)
        response = admin_pemda.post(f"{USERS}{user.pk}/change/", data)
        assert response.status_code == 200
        assert fresh(user.penugasan).opd == world["dinsos"]

    def test_admin_pemda_cannot_change_another_admin_of_its_pemda(
        self, world, admin_pemda, django_user_model
    ):
        from tests.security.conftest import make_user

        peer = make_user(
            django_user_model, "admin.kedua", "admin_pemda", pemda=world["bekasi"], is_staff=True
        )
        response = change(admin_pemda, f"{USERS}{peer.pk}/change/", is_active="")
        assert response.status_code == 403
        assert fresh(peer).is_active
        assert admin_pemda.get(f"{USERS}{peer.pk}/password/").status_code == 403


class AddUserTests:
    def test_a_user_added_by_admin_pemda_belongs_to_its_pemda(self, world, admin_pemda):
        page = admin_pemda.get(f"{USERS}add/")
        assert page.status_code == 200
        data = admin_form_data(page)
        data.update(
            username="perencana.baru",
            usable_password="true",
            password1="kata-sandi-baru-panjang-1",
            password2="kata-sandi-baru-panjang-1",
        )
        data[next(k for k in data if k.endswith("-opd"))] = str(world["dinkes"].pk)
        response = admin_pemda.post(f"{USERS}add/", data)
        assert response.status_code == 302
        penugasan = Penugasan.objects.get(user__username="perencana.baru")
        assert (penugasan.pemda, penugasan.opd) == (world["bekasi"], world["dinkes"])
        assert penugasan.user.is_staff is False and penugasan.user.is_superuser is False

    def test_the_add_form_offers_no_superuser_staff_or_permission_fields(self, world, admin_pemda):
        page = admin_pemda.get(f"{USERS}add/")
        for name in ("is_superuser", "is_staff", "user_permissions"):
            assert f'name="{name}"' not in page.text


class ScopeTests:
    def test_admin_pemda_sees_only_the_users_of_its_pemda_and_no_superuser(
        self, world, admin_pemda
    ):
        listing = admin_pemda.get(USERS).text
        assert "perencana.uji" in listing
        for hidden in ("perencana.luar", "admin.luar", "root.uji"):
            assert hidden not in listing

    @pytest.mark.parametrize("who", ["perencana_luar", "admin_luar", "root"])
    def test_users_outside_its_pemda_are_unreachable_by_url(self, world, admin_pemda, who):
        user = world[who]
        for suffix in ("change/", "history/", "delete/"):
            response = admin_pemda.get(f"{USERS}{user.pk}/{suffix}")
            assert response.status_code in (302, 404), suffix
            assert user.username not in response.text
        assert admin_pemda.get(f"{USERS}{user.pk}/password/").status_code == 404
        response = admin_pemda.post(
            f"{USERS}{user.pk}/password/",
            {"password1": "diambil-alih-123456", "password2": "diambil-alih-123456"},
        )
        assert response.status_code == 404
        assert not fresh(user).check_password("diambil-alih-123456")

    def test_admin_pemda_cannot_open_its_own_password_form_in_the_user_admin(
        self, world, admin_pemda
    ):
        # Its own password is changed at /admin/password_change/, which asks for the old one.
        assert admin_pemda.get(f"{USERS}{world['admin'].pk}/password/").status_code == 403
        assert admin_pemda.get("/admin/password_change/").status_code == 200

    def test_admin_pemda_sees_and_changes_only_its_pemdas_agencies(self, world, admin_pemda):
        listing = admin_pemda.get("/admin/lkip/perangkatdaerah/").text
        assert "Dinas Sosial Uji" in listing and "Dinas Luar" not in listing
        other = world["dinas_luar"]
        assert admin_pemda.get(f"/admin/lkip/perangkatdaerah/{other.pk}/change/").status_code in (
            302,
            404,
        )
        response = change(
            admin_pemda,
            f"/admin/lkip/perangkatdaerah/{world['dinkes'].pk}/change/",
            pemda=str(world["luar"].pk),
        )
        assert response.status_code == 200  # refused with the error on the pemda field
        assert fresh(world["dinkes"]).pemda == world["bekasi"]

    def test_admin_pemda_cannot_create_or_delete_a_pemda(self, world, admin_pemda):
        before = Pemda.objects.count()
        assert admin_pemda.get("/admin/lkip/pemda/add/").status_code == 403
        admin_pemda.post("/admin/lkip/pemda/add/", {"nama": "Pemerintah Kota Baru"})
        bekasi = world["bekasi"]
        assert admin_pemda.post(f"/admin/lkip/pemda/{bekasi.pk}/delete/", {"post": "yes"})
        assert Pemda.objects.count() == before
        listing = admin_pemda.get("/admin/lkip/pemda/").text
        assert "Pemerintah Kota Bekasi" in listing and "Pemerintah Kota Luar" not in listing

    def test_admin_pemda_sees_only_the_assignments_of_its_pemda(self, world, admin_pemda):
        listing = admin_pemda.get("/admin/lkip/penugasan/").text
        assert "perencana.uji" in listing and "perencana.luar" not in listing
        other = world["perencana_luar"].penugasan
        response = change(
            admin_pemda, f"/admin/lkip/penugasan/{other.pk}/change/", opd=str(world["dinsos"].pk)
        )
        assert response.status_code in (302, 403, 404)
        assert fresh(other).opd == world["dinas_luar"]

    def test_the_agency_search_of_the_assignment_form_stops_at_its_pemda(self, world, admin_pemda):
        response = admin_pemda.get(
            "/admin/autocomplete/",
            {"app_label": "lkip", "model_name": "penugasan", "field_name": "opd", "term": "Dinas"},
        )
        names = {r["text"] for r in response.json()["results"]}
        assert names == {"Dinas Sosial Uji", "Dinas Kesehatan Uji"}

    def test_the_group_and_data_admin_screens_are_for_superusers_only(self, world, admin_pemda):
        for url in (
            "/admin/auth/group/",
            f"/admin/auth/group/{group('perencana').pk}/change/",
            "/admin/targets/realisasi/",
            "/admin/indicators/indikator/",
            "/admin/budget/anggaran/",
            "/admin/reports/narasilaporan/",
            "/admin/lkip/sdmkomposisi/",
        ):
            assert admin_pemda.get(url).status_code == 403, url


class SuperuserTests:
    def test_a_superuser_still_sees_every_user_and_may_grant_every_role(self, world, client):
        client.force_login(world["root"])
        listing = client.get(USERS).text
        for name in ("perencana.uji", "perencana.luar", "admin.luar"):
            assert name in listing
        user = world["perencana"]
        response = change(
            client,
            f"{USERS}{user.pk}/change/",
            groups=[str(group("admin_pemda").pk)],
            is_staff="on",
        )
        assert response.status_code == 302
        assert fresh(user).is_staff
        assert client.get("/admin/lkip/pemda/add/").status_code == 200
        assert client.get("/admin/targets/realisasi/").status_code == 200
        assert PerangkatDaerah.objects.count() == 3


class AdminPagesTests:
    @pytest.mark.parametrize("who", ["admin", "root"])
    def test_every_admin_page_answers_without_a_server_error(self, world, client, who):
        from django.contrib import admin

        client.force_login(world[who])
        assert client.get("/admin/").status_code == 200
        for model, model_admin in admin.site._registry.items():
            base = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
            urls = [base, f"{base}add/", f"{base}?q=uji"]
            obj = model_admin.get_queryset(_request(world[who])).first()
            if obj is not None:
                urls += [f"{base}{obj.pk}/change/", f"{base}{obj.pk}/history/"]
            for url in urls:
                assert client.get(url).status_code in (200, 302, 403), url


def _request(user):
    from django.test import RequestFactory

    request = RequestFactory().get("/admin/")
    request.user = user
    return request
