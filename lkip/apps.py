from django.apps import AppConfig
from django.db.models.signals import post_migrate


class LkipConfig(AppConfig):
    name = "lkip"
    verbose_name = "Organisasi"

    def ready(self) -> None:
        from lkip.roles import sync_role_groups

        post_migrate.connect(sync_role_groups, dispatch_uid="lkip.sync_role_groups")
        # A replaced or cleared emblem leaves the storage after the commit.
        from lkip import umur_berkas
        from lkip.models import Pemda

        umur_berkas.ikat(Pemda, "lambang")
        # A login stamps last_login without a save(): no empty entry in the users' audit trail, and
        # no new data version (which would drop every cached dashboard and report page at each
        # login).
        from django.contrib.auth import user_logged_in
        from django.contrib.auth.models import update_last_login

        user_logged_in.disconnect(update_last_login, dispatch_uid="update_last_login")
        user_logged_in.connect(stamp_last_login, dispatch_uid="lkip.stamp_last_login")
        # Django 6.1's blank choice of a select ("- Select an option -") has no Indonesian
        # translation; Django documents overriding it here.
        from django.db.models import fields

        fields.BLANK_CHOICE_LABEL = "— pilih —"


def stamp_last_login(sender, user, **kwargs) -> None:
    from django.utils import timezone

    user.last_login = timezone.now()
    type(user)._default_manager.filter(pk=user.pk).update(last_login=user.last_login)
