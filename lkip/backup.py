"""Consistent backups of an instance, and their restore: the database plus every stored file.

A backup folder holds `database.sqlite3` (SQLite's online backup API: a consistent copy while the
application runs) or `database.dump` (`pg_dump --format=custom`, one snapshot transaction),
`files/` with every file of the default storage (evidence, signed documents, the signing
certificate, rendered PDFs), and `manifest.json` with the size and SHA-256 of each. A restore
checks every checksum first, refuses a database or storage that already holds data, and checks
the restored files again. Files are read and written through Django's storage API, so the same
commands serve local disk and object storage.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import DEFAULT_DB_ALIAS, connections

FORMAT = 1
MANIFEST = "manifest.json"


class CadanganGagal(Exception):
    """A backup or restore that cannot go on, with the reason in Indonesian."""


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _storage_files(folder: str = "") -> Iterator[str]:
    """Every file name in the default storage, recursively."""
    try:
        dirs, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for sub in sorted(dirs):
        yield from _storage_files(f"{folder}/{sub}" if folder else sub)


def _pg_env(db: dict) -> tuple[list[str], dict[str, str]]:
    args = ["--host", db.get("HOST") or "127.0.0.1", "--port", str(db.get("PORT") or 5432)]
    if db.get("USER"):
        args += ["--username", db["USER"]]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return args, env


def cadangkan(folder: Path) -> dict:
    """Write a backup of the database and the stored files into an empty `folder`; the manifest."""
    folder = Path(folder)
    if folder.exists() and any(folder.iterdir()):
        raise CadanganGagal(f"Folder {folder} tidak kosong: pilih folder baru untuk cadangan.")
    folder.mkdir(parents=True, exist_ok=True)
    connection = connections[DEFAULT_DB_ALIAS]
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        target = folder / "database.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(target) as dest:
            connection.connection.backup(dest)
        dest.close()
    elif connection.vendor == "postgresql":
        target = folder / "database.dump"
        args, env = _pg_env(db)
        run = subprocess.run(
            ["pg_dump", "--format=custom", "--no-owner", "--file", str(target), *args, db["NAME"]],
            env=env,
            capture_output=True,
            text=True,
        )
        if run.returncode != 0:
            raise CadanganGagal(f"pg_dump gagal: {run.stderr.strip()}")
    else:
        raise CadanganGagal(f"Basis data {connection.vendor} tidak didukung untuk cadangan.")
    files = []
    for name in _storage_files():
        dest = folder / "files" / name
        dest.parent.mkdir(parents=True, exist_ok=True)
        with default_storage.open(name, "rb") as source, dest.open("wb") as out:
            shutil.copyfileobj(source, out)
        files.append({"nama": name, "ukuran": dest.stat().st_size, "sha256": _sha256(dest)})
    manifest = {
        "format": FORMAT,
        "dibuat": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "basis_data": {
            "jenis": connection.vendor,
            "berkas": target.name,
            "ukuran": target.stat().st_size,
            "sha256": _sha256(target),
        },
        "berkas": files,
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False), "utf-8")
    return manifest


def periksa(folder: Path) -> dict:
    """The backup's manifest once every checksum in it holds; CadanganGagal naming what differs."""
    folder = Path(folder)
    try:
        manifest = json.loads((folder / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise CadanganGagal(f"{folder / MANIFEST} tidak dapat dibaca: {exc}") from exc
    if manifest.get("format") != FORMAT:
        raise CadanganGagal(f"Format cadangan {manifest.get('format')!r} tidak dikenal.")
    entries = [(manifest["basis_data"]["berkas"], manifest["basis_data"])] + [
        (Path("files") / e["nama"], e) for e in manifest["berkas"]
    ]
    for relative, entry in entries:
        path = folder / relative
        if not path.is_file():
            raise CadanganGagal(f"Berkas cadangan hilang: {relative}")
        if _sha256(path) != entry["sha256"]:
            raise CadanganGagal(f"Checksum berkas {relative} tidak cocok: cadangan rusak.")
    return manifest


def _database_empty() -> bool:
    return not connections[DEFAULT_DB_ALIAS].introspection.table_names()


def pulihkan(folder: Path) -> dict:
    """Restore a checked backup into an empty database and an empty storage; the manifest."""
    folder = Path(folder)
    manifest = periksa(folder)
    connection = connections[DEFAULT_DB_ALIAS]
    if manifest["basis_data"]["jenis"] != connection.vendor:
        raise CadanganGagal(
            f"Cadangan ini dari {manifest['basis_data']['jenis']}, basis data tujuan "
            f"{connection.vendor}."
        )
    if not _database_empty():
        raise CadanganGagal("Basis data tujuan tidak kosong: pulihkan hanya ke basis data baru.")
    if next(_storage_files(), None) is not None:
        raise CadanganGagal("Penyimpanan berkas tujuan tidak kosong: pulihkan ke penyimpanan baru.")
    source = folder / manifest["basis_data"]["berkas"]
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(source) as backup:
            backup.backup(connection.connection)
        backup.close()
    else:
        connection.close()
        args, env = _pg_env(db)
        run = subprocess.run(
            [
                "pg_restore",
                "--no-owner",
                "--exit-on-error",
                "--dbname",
                db["NAME"],
                *args,
                str(source),
            ],
            env=env,
            capture_output=True,
            text=True,
        )
        if run.returncode != 0:
            raise CadanganGagal(f"pg_restore gagal: {run.stderr.strip()}")
    for entry in manifest["berkas"]:
        with (folder / "files" / entry["nama"]).open("rb") as handle:
            saved = default_storage.save(entry["nama"], File(handle))
        if saved != entry["nama"]:
            raise CadanganGagal(f"Berkas {entry['nama']} tersimpan sebagai {saved}.")
        digest = hashlib.sha256()
        with default_storage.open(saved, "rb") as handle:
            for block in iter(lambda h=handle: h.read(1 << 20), b""):
                digest.update(block)
        if digest.hexdigest() != entry["sha256"]:
            raise CadanganGagal(f"Berkas {entry['nama']} berbeda setelah dipulihkan.")
    return manifest
