"""Survey fixtures: the demo agency, two service units, two quarters, its IKM indicator linked."""

import time

import pytest
from django.core import signing

from indicators.models import Indikator
from skm.models import JenisPeriode, PengaturanSurvei, PeriodeSurvei, Responden, UnitLayanan
from tests.skm.test_formulas import CONTOH


def cap_lalu(tautan, detik: int = 60) -> str:
    """A form stamp as if the page had been served `detik` seconds ago."""
    return signing.dumps([tautan.token, int(time.time()) - detik], salt="skm.mulai", compress=False)


def jawaban_lengkap(tautan, nilai=(4, 4, 3, 4, 4, 3, 4, 3, 4), **extra) -> dict:
    data = {f"u{i}": str(v) for i, v in enumerate(nilai, start=1)}
    data |= {"mulai": cap_lalu(tautan), "situs_web": "", "komentar": ""}
    return data | extra


def isi(opd, unit, periode, baris, **kwargs) -> list[Responden]:
    """Responses straight into the database (one per mapping U1…U9)."""
    return [
        Responden.objects.create(
            opd=opd,
            unit_layanan=unit,
            periode=periode,
            tanggal=periode.mulai,
            **{k.lower(): v for k, v in b.items()},
            **kwargs,
        )
        for b in baris
    ]


@pytest.fixture
def survei(demo):
    """Two units, TW I and TW II of 2024 (open), IKU-2 linked; no responses yet."""
    loket = UnitLayanan.objects.create(opd=demo, nama="Loket Rehabilitasi Sosial", populasi=100)
    bansos = UnitLayanan.objects.create(opd=demo, nama="Layanan Bantuan Sosial", populasi=1000)
    tw1 = PeriodeSurvei.objects.create(opd=demo, tahun=2024, jenis=JenisPeriode.TRIWULAN, ke=1)
    tw2 = PeriodeSurvei.objects.create(opd=demo, tahun=2024, jenis=JenisPeriode.TRIWULAN, ke=2)
    PengaturanSurvei.objects.create(
        opd=demo, indikator=Indikator.objects.get(opd=demo, kode="IKU-2")
    )
    from skm.services import buat_tautan

    buat_tautan(demo)
    return {"opd": demo, "loket": loket, "bansos": bansos, "tw1": tw1, "tw2": tw2}


@pytest.fixture
def contoh(survei):
    """The worked example of spec §5.4: three respondents in TW I, two in TW II, one unit."""
    isi(survei["opd"], survei["loket"], survei["tw1"], CONTOH[:3])
    isi(survei["opd"], survei["loket"], survei["tw2"], CONTOH[3:])
    return survei
