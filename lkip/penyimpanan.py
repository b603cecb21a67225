"""The file storage every file goes through: the local disk or an S3-compatible object store.

Which one is a setting (`STORAGES["default"]`, from the `LKIP_S3_*` variables in lkip/settings.py).
Code names files by storage names (`bukti/2024/surat.pdf`, `impor/7/<token>.xlsx`), never by paths
under MEDIA_ROOT, so every instance behind a load balancer reads the files another one wrote, and
`cadangkan`/`pulihkan` copy them the same way from either store. No file is ever served by the
store's own URL: views read it and answer after their permission check.
"""

from __future__ import annotations

from datetime import datetime

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage


class BerkasSudahAda(Exception):
    """A file that is written once is there already; it is never written over."""

    def __init__(self, nama: str) -> None:
        super().__init__(f"Berkas '{nama}' sudah ada dan tidak boleh ditimpa.")
        self.nama = nama


def simpan(nama: str, data: bytes) -> str:
    """Store `data` under `nama` (a fresh name: a random token or a content hash); the stored name.

    A name that exists already is never written over: the store picks another and returns it.
    """
    return default_storage.save(nama, ContentFile(data))


def simpan_sekali(nama: str, data: bytes) -> str:
    """Store a file that must never change under exactly this name; BerkasSudahAda if it exists.

    The local disk creates the file exclusively (O_EXCL); an object store is asked first, and if
    another instance stored the name in between, the store saved ours under another name, which is
    removed again: either way the first file stays as it was.
    """
    if default_storage.exists(nama):
        raise BerkasSudahAda(nama)
    saved = simpan(nama, data)
    if saved != nama:
        default_storage.delete(saved)
        raise BerkasSudahAda(nama)
    return saved


def baca(nama: str) -> bytes | None:
    """The stored file's bytes, or None when there is no such file."""
    try:
        with default_storage.open(nama, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        return None


def ada(nama: str) -> bool:
    return default_storage.exists(nama)


def hapus(nama: str) -> None:
    """Remove a stored file; a file that is not there is not an error."""
    default_storage.delete(nama)


def isi_folder(folder: str) -> list[str]:
    """The names of the files directly in a folder of the store (none when it does not exist)."""
    try:
        _dirs, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return []
    return [f"{folder.rstrip('/')}/{name}" for name in files]


def subfolder(folder: str) -> list[str]:
    """The folders directly in a folder of the store."""
    try:
        dirs, _files = default_storage.listdir(folder)
    except FileNotFoundError:
        return []
    return [f"{folder.rstrip('/')}/{name}" for name in dirs]


def waktu_ubah(nama: str) -> datetime | None:
    """When the stored file was last written (aware), or None when it is gone."""
    try:
        return default_storage.get_modified_time(nama)
    except Exception:  # noqa: BLE001 — gone meanwhile (the disk's OSError, the store's 404 error)
        return None
