"""The demo agency: Dinas Sosial Kota Bekasi's LKIP 2024 data, loaded through the workbook
import."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from exchange.importer import HasilImpor, impor
from lkip.models import Penugasan, PerangkatDaerah
from lkip.roles import ROLE_GROUPS
from reports.models import LaporanTahunan
from reports.signing import buat_sertifikat_demo

DEMO_FILE = Path(settings.BASE_DIR) / "fixtures" / "demo" / "dinsos-kota-bekasi-2024.json"
DEMO_OPD = "dinsos-kota-bekasi"
DEMO_TAHUN = 2024
DEMO_PASSWORD = "lkip-demo-2024"
DEMO_TANGGAL = date(2025, 1, 20)  # the seed's Kata Pengantar is signed "Bekasi, 20 Januari 2025"


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: str
    nama: str
    created: bool


def demo_sheets() -> dict[str, list[dict]]:
    sheets = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
    for row in sheets.get("Narasi", []):
        row.setdefault("tahun", str(DEMO_TAHUN))
    return sheets


def load_demo() -> tuple[HasilImpor, list[DemoUser]]:
    """Load (or re-load, changing nothing) the demo agency and its demo users."""
    sheets = demo_sheets()
    with transaction.atomic():
        result = impor(sheets)
        if not result.ok:
            return result, []
        opd = PerangkatDaerah.objects.get(kode=DEMO_OPD)
        _report_settings(opd)
        users = [_demo_user(row, opd) for row in sheets.get("Pengguna", [])]
        users.append(_pemda(opd))
    if not settings.LKIP_SIGNING_P12:
        # Self-signed, marked SERTIFIKAT DEMO, kept if it exists; one for the server, so it names
        # the pemda (it signs the pemda's LKIP and the Inspektorat's LHE too), not the agency.
        buat_sertifikat_demo(opd.pemda.nama)
    return result, users


def _pemda(opd: PerangkatDaerah) -> DemoUser:
    """The pemda's own level, so its LKIP can be prepared, reviewed and signed on a first run: the
    RPD 2024–2026 of the synthetic city (demo.kota_pemda) with its data for the demo year, the
    agency's IKU on PPKS linked to the sasaran on poverty and its AKIP score to the one on
    bureaucratic reform, and the Wali Kota's account. Nothing is written twice;
    generate_demo_city later fills the other years and agencies in."""
    from demo.kota_pemda import KEPALA_DAERAH, tulis_pemda  # it imports this module's password

    User = get_user_model()
    ada = User.objects.filter(username=KEPALA_DAERAH).exists()
    tulis_pemda(
        opd.pemda, [opd], (2024, 2026), [DEMO_TAHUN], 1, 1, tautan={"IKU-3": "S2", "IKU-1": "S4"}
    )
    user = User.objects.get(username=KEPALA_DAERAH)
    return DemoUser(
        user.username, ROLE_GROUPS["kepala_daerah"], user.get_full_name(), created=not ada
    )


def _demo_user(row: dict, opd: PerangkatDaerah) -> DemoUser:
    User = get_user_model()
    role = row["role"]
    nama = row.get("nama_lengkap", "")
    first, _, last = nama.partition(" ")
    user, created = User.objects.get_or_create(
        username=row["username"],
        defaults={
            "first_name": first[:150],
            "last_name": last[:150],
            "is_staff": role == "admin_pemda",
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    user.groups.add(Group.objects.get(name=ROLE_GROUPS[role]))
    scoped_opd = opd if role in {"perencana", "kepala_dinas"} else None
    Penugasan.objects.update_or_create(user=user, defaults={"pemda": opd.pemda, "opd": scoped_opd})
    return DemoUser(user.username, ROLE_GROUPS[role], nama, created)


def _report_settings(opd: PerangkatDaerah) -> None:
    """What the seed states outside the workbook: the signing date and the second PK signatory."""
    LaporanTahunan.objects.get_or_create(
        opd=opd, tahun=DEMO_TAHUN, defaults={"tanggal": DEMO_TANGGAL}
    )
    if not opd.pemda.kepala_daerah_jabatan:
        opd.pemda.kepala_daerah_jabatan = "Wali Kota Bekasi"
        opd.pemda.save(update_fields=["kepala_daerah_jabatan"])
