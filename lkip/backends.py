"""The authentication backend: Django's model backend, with the logged-in user kept per process.

Every authenticated request otherwise reads its user (and, on most screens, the user's assignment)
from the database once more. The user is kept per process and data version
(`reports.dashboard.versi.pengguna_tersimpan`): a change to the user, their groups, permissions or
assignment moves the version, in this process at once and in the other processes within
`VERSI_DASBOR_DETIK` (1 s) — the same bound as the dashboards' pages.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class ModelBackendTersimpan(ModelBackend):
    def get_user(self, user_id):
        from reports.dashboard.versi import pengguna_tersimpan

        def muat():
            User = get_user_model()
            try:
                user = User._default_manager.select_related("penugasan").get(pk=user_id)
            except User.DoesNotExist:
                return None
            return user if self.user_can_authenticate(user) else None

        return pengguna_tersimpan(user_id, muat)
