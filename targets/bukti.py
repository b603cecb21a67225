"""An evidence file lives as long as the realisation that points at it.

When a Realisasi's bukti is replaced or cleared, or the record is deleted (also by a cascade), the
file it no longer points at is deleted from storage once the transaction commits (a rollback keeps
it). The name loaded with the record is remembered at load time, so a save costs no extra query.
Historical rows (the audit trail) keep the old name; the download serves only the current file.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete, post_init, post_save

from targets.models import Realisasi

_DIMUAT = "_bukti_dimuat"


def _nama(value) -> str:
    return getattr(value, "name", value) or ""


def _ingat(sender, instance: Realisasi, **kwargs) -> None:
    # Deferred (not loaded): unknown, and then nothing is deleted on save.
    if "bukti" in instance.__dict__:
        setattr(instance, _DIMUAT, _nama(instance.__dict__["bukti"]))


def _hapus_nanti(nama: str, using: str) -> None:
    def hapus() -> None:
        if not Realisasi.objects.using(using).filter(bukti=nama).exists():
            Realisasi._meta.get_field("bukti").storage.delete(nama)

    transaction.on_commit(hapus, using=using)


def _setelah_simpan(sender, instance: Realisasi, using: str, **kwargs) -> None:
    lama, kini = getattr(instance, _DIMUAT, None), _nama(instance.bukti)
    if lama and lama != kini:
        _hapus_nanti(lama, using)
    setattr(instance, _DIMUAT, kini)


def _setelah_hapus(sender, instance: Realisasi, using: str, **kwargs) -> None:
    if nama := _nama(instance.bukti):
        _hapus_nanti(nama, using)


def hubungkan() -> None:
    """Called once from TargetsConfig.ready."""
    post_init.connect(_ingat, sender=Realisasi, dispatch_uid="targets.bukti.ingat")
    post_save.connect(_setelah_simpan, sender=Realisasi, dispatch_uid="targets.bukti.simpan")
    post_delete.connect(_setelah_hapus, sender=Realisasi, dispatch_uid="targets.bukti.hapus")
