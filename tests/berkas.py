"""What the tests ask of the file storage, whichever it is (the local disk or S3, tests/s3.py)."""

from __future__ import annotations

import os

from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage, storages


def semua(folder: str = "") -> list[str]:
    """Every file name in the default storage under `folder`, recursively, sorted."""
    try:
        dirs, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return []
    names = [f"{folder}/{name}" if folder else name for name in files]
    for sub in dirs:
        names += semua(f"{folder}/{sub}" if folder else sub)
    return sorted(names)


def tulis_ulang(nama: str, data: bytes) -> None:
    """Change a stored file behind the application's back (a tampering test)."""
    default_storage.delete(nama)
    assert default_storage.save(nama, ContentFile(data)) == nama


def hanya_pemilik(nama: str) -> bool:
    """The stored file is private: on the disk readable by the server's user only; in the bucket
    granted to no group (no public or any-AWS-user read)."""
    store = storages["default"]
    if isinstance(store, FileSystemStorage):
        return os.stat(store.path(nama)).st_mode & 0o077 == 0
    client = store.connection.meta.client
    acl = client.get_object_acl(Bucket=store.bucket_name, Key=store._normalize_name(nama))
    return not any(grant["Grantee"].get("Type") == "Group" for grant in acl["Grants"])
