"""Plain helpers that build test data; each returns a saved object."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from budget.models import Anggaran, Nomenklatur
from indicators.models import Indikator
from lkip.models import Pemda, PerangkatDaerah
from targets.models import Realisasi, Renstra, Sasaran, Target, Tujuan


def make_pemda(nama: str = "Pemerintah Kota Contoh") -> Pemda:
    return Pemda.objects.get_or_create(nama=nama)[0]


def make_opd(kode: str = "dinas-contoh", **kwargs) -> PerangkatDaerah:
    defaults = {
        "pemda": kwargs.pop("pemda", None) or make_pemda(),
        "nama": "Dinas Contoh",
        "kota_ttd": "Contoh",
        "kepala_nama": "Dr. CONTOH, M.Si.",
        "kepala_nip": "19660301 199003 1 010",
        "kepala_pangkat": "Pembina Utama Muda (IV/c)",
        "kepala_jabatan": "Kepala Dinas Contoh",
    }
    defaults.update(kwargs)
    return PerangkatDaerah.objects.create(kode=kode, **defaults)


def make_sasaran(opd: PerangkatDaerah, kode: str = "S1") -> Sasaran:
    renstra, _ = Renstra.objects.get_or_create(
        opd=opd, tahun_awal=2024, defaults={"tahun_akhir": 2026}
    )
    tujuan, _ = Tujuan.objects.get_or_create(
        renstra=renstra, kode="T1", defaults={"uraian": "Tujuan"}
    )
    return Sasaran.objects.create(
        renstra=renstra, tujuan=tujuan, kode=kode, uraian=f"Sasaran {kode}"
    )


def make_indikator(opd: PerangkatDaerah, kode: str = "IKU-1", **kwargs) -> Indikator:
    defaults = {
        "tingkat": "iku",
        "uraian": f"Indikator {kode}",
        "satuan": "%",
        "jenis_nilai": "persen",
        "polaritas": "positif",
        "agregasi": "terakhir",
    }
    defaults.update(kwargs)
    if defaults["tingkat"] == "iku" and "sasaran" not in defaults:
        defaults["sasaran"] = make_sasaran(opd, kode=f"S-{kode}")
    return Indikator.objects.create(opd=opd, kode=kode, **defaults)


def make_target(
    indikator: Indikator,
    nilai,
    tahun: int = 2024,
    periode: int = 0,
    jenis: str = "pk",
    predikat: str = "",
) -> Target:
    return Target.objects.create(
        indikator=indikator,
        tahun=tahun,
        jenis=jenis,
        periode=periode,
        nilai=Decimal(nilai) if nilai is not None else None,
        predikat=predikat,
    )


def make_realisasi(
    indikator: Indikator, nilai=None, tahun: int = 2024, periode: int = 0, **kwargs
) -> Realisasi:
    return Realisasi.objects.create(
        indikator=indikator,
        tahun=tahun,
        periode=periode,
        nilai=Decimal(nilai) if nilai is not None else None,
        **kwargs,
    )


def make_nomenklatur(kode: str, nama: str | None = None) -> Nomenklatur:
    obj = Nomenklatur.objects.filter(kode=kode).first()
    if obj:
        return obj
    obj = Nomenklatur(kode=kode, nama=nama or f"Nomenklatur {kode}")
    obj.save()
    return obj


def make_anggaran(
    opd: PerangkatDaerah, kode: str, pagu, realisasi, tahun: int = 2024, pagu_murni=None
) -> Anggaran:
    return Anggaran.objects.create(
        opd=opd,
        tahun=tahun,
        nomenklatur=make_nomenklatur(kode),
        pagu_perubahan=Decimal(pagu) if pagu is not None else None,
        pagu_murni=Decimal(pagu_murni) if pagu_murni is not None else None,
        realisasi=Decimal(realisasi),
    )


def errors_of(obj) -> dict[str, list[str]]:
    """The messages per field with which `full_clean` refuses `obj` (it must refuse it)."""
    with pytest.raises(ValidationError) as exc:
        obj.full_clean()
    return exc.value.message_dict
