"""A stored file lives as long as the record field that points at it.

When such a field's file is replaced or cleared, or its record is deleted (also by a cascade), the
file it no longer points at is deleted from storage once the transaction commits (a rollback keeps
it), unless another record of the model still points at it. The name loaded with the record is
remembered at load time, so a save costs no extra query. Historical rows (the audit trail) keep the
old name; downloads serve only the current file.

Bound once per field from an `AppConfig.ready`: `ikat(Model, "field")` — the quarterly evidence
(`targets`), the pemda's emblem (`lkip`).
"""

from __future__ import annotations

from django.db import models, transaction
from django.db.models.signals import post_delete, post_init, post_save


def _nama(value) -> str:
    return getattr(value, "name", value) or ""


def ikat(model: type[models.Model], field: str) -> None:
    """Delete `model.field`'s file when nothing points at it any more."""
    dimuat = f"_{field}_dimuat"
    uid = f"lkip.umur_berkas.{model._meta.label_lower}.{field}"

    def hapus_nanti(nama: str, using: str) -> None:
        def hapus() -> None:
            if not model._default_manager.using(using).filter(**{field: nama}).exists():
                model._meta.get_field(field).storage.delete(nama)

        transaction.on_commit(hapus, using=using)

    def ingat(sender, instance, **kwargs) -> None:
        # Deferred (not loaded): unknown, and then nothing is deleted on save.
        if field in instance.__dict__:
            setattr(instance, dimuat, _nama(instance.__dict__[field]))

    def setelah_simpan(sender, instance, using: str, **kwargs) -> None:
        lama, kini = getattr(instance, dimuat, None), _nama(getattr(instance, field))
        if lama and lama != kini:
            hapus_nanti(lama, using)
        setattr(instance, dimuat, kini)

    def setelah_hapus(sender, instance, using: str, **kwargs) -> None:
        if nama := _nama(getattr(instance, field)):
            hapus_nanti(nama, using)

    post_init.connect(ingat, sender=model, weak=False, dispatch_uid=f"{uid}.ingat")
    post_save.connect(setelah_simpan, sender=model, weak=False, dispatch_uid=f"{uid}.simpan")
    post_delete.connect(setelah_hapus, sender=model, weak=False, dispatch_uid=f"{uid}.hapus")
