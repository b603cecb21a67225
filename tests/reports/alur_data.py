"""Data and fixtures for the approval-workflow and signing tests (also used by the browser test).

Two ways to reach a report that may be submitted:
- `opd_bersih`: a small agency with one IKU, its target and realisation (a 15-page LKIP, fast to
  sign);
- `perbaiki_data_demo(opd)`: the demo agency after a Perencana corrected what the data-health check
  reports as kesalahan (the over-spent line and the parent sums are corrected), dropped the seed's
  printed figures as reference, and acknowledged the remaining peringatan with a reason. The demo
  data itself stays the seed's.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from budget.models import Anggaran
from lkip import penyimpanan
from lkip.models import Penugasan, PerangkatDaerah
from lkip.roles import ROLE_GROUPS
from reports.health import ERROR, periksa
from reports.health.checks import NARASI_WAJIB
from reports.health.pengakuan import akui, penghalang
from reports.models import AngkaTercetak, LaporanTahunan, NarasiLaporan
from reports.signing import NAMA_SERTIFIKAT_DEMO, p12_demo
from tests.factories import make_indikator, make_opd, make_pemda, make_realisasi, make_target


@pytest.fixture
def media(settings, tmp_path):
    """MEDIA_ROOT in a temporary folder, with the configured certificate unset (the demo one is
    used)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.LKIP_SIGNING_P12 = ""
    settings.LKIP_SIGNING_PASSPHRASE = ""
    return settings.MEDIA_ROOT


@pytest.fixture(scope="session")
def _p12_demo() -> bytes:
    """One RSA-2048 demo certificate per test session (key generation is the slow part)."""
    return p12_demo("Perangkat Daerah Uji")


@pytest.fixture
def sertifikat_demo(media, _p12_demo) -> bytes:
    """The demo certificate in the file storage, as load_demo leaves it; its PKCS#12 bytes."""
    penyimpanan.simpan_sekali(NAMA_SERTIFIKAT_DEMO, _p12_demo)
    return _p12_demo


def make_user(
    username: str, role: str, opd: PerangkatDaerah | None = None, *, pemda=None, nama: str = ""
):
    """A user with one role group and an assignment (agency roles to `opd`, pemda roles to its
    pemda)."""
    first, _, last = nama.partition(" ")
    user = get_user_model().objects.create_user(
        username, password=None, first_name=first, last_name=last
    )
    user.groups.add(Group.objects.get(name=ROLE_GROUPS[role]))
    pemda = pemda or opd.pemda
    Penugasan.objects.create(
        user=user, pemda=pemda, opd=opd if role in {"perencana", "kepala_dinas"} else None
    )
    return get_user_model().objects.get(pk=user.pk)  # fresh: no stale permission cache


def make_opd_bersih(
    kode: str = "dinas-uji", nama: str = "Dinas Uji A", pemda_nama: str = "Pemerintah Kota Uji"
) -> PerangkatDaerah:
    """A small agency whose 2024 data has no data-health error."""
    opd = make_opd(
        kode,
        pemda=make_pemda(pemda_nama),
        nama=nama,
        kota_ttd="Kota Uji",
        kepala_nama="Dr. KEPALA UJI, M.Si.",
        kepala_jabatan=f"Kepala {nama}",
        kepala_pangkat="Pembina Utama Muda (IV/c)",
        kepala_nip="19660301 199003 1 010",
    )
    ind = make_indikator(opd, "IKU-1", uraian="Persentase layanan tepat waktu")
    make_target(ind, 80)
    make_realisasi(ind, 85)
    LaporanTahunan.objects.create(opd=opd, tahun=2024)
    for bagian in NARASI_WAJIB:
        NarasiLaporan.objects.create(opd=opd, tahun=2024, bagian=bagian, teks=f"Narasi {bagian}.")
    assert not penghalang(opd, 2024)
    return opd


class Pelaku:
    """The four people of one agency's workflow."""

    def __init__(self, opd: PerangkatDaerah, awalan: str):
        self.perencana = make_user(f"perencana.{awalan}", "perencana", opd)
        self.kepala = make_user(f"kepala.{awalan}", "kepala_dinas", opd, nama=opd.kepala_nama)
        self.inspektorat = make_user(f"inspektorat.{awalan}", "inspektorat", opd)
        self.admin = make_user(f"admin.{awalan}", "admin_pemda", opd)


@pytest.fixture
def opd_bersih(db) -> PerangkatDaerah:
    return make_opd_bersih()


@pytest.fixture
def pelaku(opd_bersih) -> Pelaku:
    return Pelaku(opd_bersih, "uji")


def perbaiki_data_demo(opd: PerangkatDaerah) -> None:
    """What a Perencana corrects before the demo's 2024 LKIP can be submitted (see the module
    docstring)."""
    AngkaTercetak.objects.filter(opd=opd, tahun=2024).delete()
    lines = {
        a.kode: a
        for a in Anggaran.objects.filter(
            opd=opd, tahun=2024, nomenklatur__kode__startswith="1.06.02"
        )
    }
    lines["1.06.02.2.03.0003"].realisasi = Decimal(
        96790000
    )  # what the seed's printed 96,79% implies
    lines["1.06.02.2.03.0003"].save()
    rincian = sum(a.realisasi for kode, a in lines.items() if kode.startswith("1.06.02.2.03."))
    for kode in ("1.06.02.2.03", "1.06.02"):
        lines[kode].realisasi = rincian
        lines[kode].save()
    assert not [t for t in periksa(opd, 2024) if t.tingkat == ERROR]
    perencana = get_user_model().objects.filter(
        penugasan__opd=opd, groups__name=ROLE_GROUPS["perencana"]
    ).first() or make_user("perencana.perbaikan", "perencana", opd)
    peringatan = [t.sidik for t in periksa(opd, 2024) if not t.adalah_kesalahan]
    akui(
        opd,
        2024,
        peringatan,
        "Rincian program 1.06.05 dan target di bawah 2023 sesuai DPA.",
        perencana,
    )
    assert not penghalang(opd, 2024)
