from django.apps import AppConfig
from django.db.models.signals import post_migrate


class LkipConfig(AppConfig):
    name = "lkip"
    verbose_name = "Organisasi"

    def ready(self) -> None:
        from lkip.roles import sync_role_groups

        post_migrate.connect(sync_role_groups, dispatch_uid="lkip.sync_role_groups")
