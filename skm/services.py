"""Writes of the survey: a citizen's response, links, exclusions, and the IKM into the indicator."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from indicators.models import HasilIKM, Indikator
from lkip import formulas
from lkip.kunci import periode_tertutup_error
from lkip.models import PerangkatDaerah
from skm.hasil import hasil_tahun
from skm.models import (
    KOLOM_UNSUR,
    Pengecualian,
    PeriodeSurvei,
    Responden,
    Sumber,
    TautanSurvei,
    UnitLayanan,
)
from targets.models import Periode, Realisasi


def simpan_jawaban(tautan: TautanSurvei, data: dict, curiga: str = "") -> Responden:
    """A response from the public form (cleaned data of JawabanForm)."""
    nilai = {kolom: data.get(kolom) for kolom in KOLOM_UNSUR.values()}
    responden = {
        nama: data.get(nama) or ""
        for nama in ("kelompok_umur", "jenis_kelamin", "pendidikan", "pekerjaan", "layanan")
    }
    return Responden.objects.create(
        opd_id=tautan.unit_layanan.opd_id,
        unit_layanan_id=tautan.unit_layanan_id,
        periode_id=tautan.periode_id,
        tanggal=timezone.localdate(),
        sumber=Sumber.DARING,
        komentar=data.get("komentar") or "",
        dicurigai=curiga[:200],
        **nilai,
        **responden,
    )


@transaction.atomic
def buat_tautan(opd: PerangkatDaerah) -> int:
    """A public link for every active service unit in every open period; how many were new."""
    unit = list(UnitLayanan.objects.filter(opd=opd, aktif=True))
    baru = 0
    for periode in PeriodeSurvei.objects.filter(opd=opd, terbuka=True):
        for u in unit:
            _, dibuat = TautanSurvei.objects.get_or_create(unit_layanan=u, periode=periode)
            baru += dibuat
    return baru


@transaction.atomic
def kecualikan(responden: Responden, alasan: str, user) -> Pengecualian:
    if not alasan.strip():
        raise ValueError("Alasan wajib diisi: jawaban tidak dikecualikan tanpa alasan.")
    if hasattr(responden, "pengecualian"):
        raise ValueError(f"Responden #{responden.pk} sudah dikecualikan.")
    obj = Pengecualian(responden=responden, alasan=alasan.strip(), oleh=user)
    obj._change_reason = alasan.strip()
    obj.save()
    return obj


@transaction.atomic
def sertakan(responden: Responden, alasan: str, user) -> None:
    """Count an excluded response again; the reason stays in the exclusion's history."""
    if not alasan.strip():
        raise ValueError("Alasan wajib diisi: jawaban tidak disertakan kembali tanpa alasan.")
    obj = Pengecualian.objects.filter(responden=responden).first()
    if obj is None:
        raise ValueError(f"Responden #{responden.pk} tidak sedang dikecualikan.")
    obj._change_reason = f"Disertakan kembali: {alasan.strip()}"
    obj.delete()


@dataclass(frozen=True)
class Penetapan:
    """What confirming writes: the indicator's realisation for the year, from the survey."""

    indikator: Indikator | None
    nilai: Decimal | None
    sekarang: Decimal | None  # the realisation as it stands
    responden: int
    keterangan: str
    alasan_tolak: str = ""


def rencana_penetapan(opd: PerangkatDaerah, tahun: int) -> Penetapan:
    """The confirmation screen's content: the survey's IKM next to the current realisation."""
    hasil = hasil_tahun(opd, tahun)
    indikator = (
        Indikator.objects.filter(opd=opd, pk=hasil.indikator_id).first()
        if hasil.indikator_id
        else None
    )
    sekarang = None
    if indikator:
        real = Realisasi.objects.filter(
            indikator=indikator, tahun=tahun, periode=Periode.TAHUNAN
        ).first()
        sekarang = real.nilai_efektif if real else None
    keterangan = (
        f"Dari Survei Kepuasan Masyarakat {tahun}: {hasil.total.responden} responden, "
        f"{hasil.keterangan_penimbang}"
    )
    alasan = ""
    if indikator is None:
        alasan = "Belum ada indikator IKM yang ditautkan ke survei: isi di Pengaturan survei (SKM)."
    elif hasil.total.ikm is None:
        alasan = f"IKM tahun {tahun} belum dapat dihitung: {hasil.total.galat}"
    else:
        alasan = periode_tertutup_error(opd, tahun, Periode.TAHUNAN) or ""
    return Penetapan(
        indikator, hasil.total.konversi, sekarang, hasil.total.responden, keterangan, alasan
    )


@transaction.atomic
def tetapkan_realisasi(opd: PerangkatDaerah, tahun: int, user) -> Penetapan:
    """Set the IKM indicator's realisation (and the IKM result) of the year from the survey."""
    rencana = rencana_penetapan(opd, tahun)
    if rencana.alasan_tolak:
        raise ValueError(rencana.alasan_tolak)
    nilai = formulas.bulatkan(rencana.nilai, 2)
    real = Realisasi.objects.filter(
        indikator=rencana.indikator, tahun=tahun, periode=Periode.TAHUNAN
    ).first() or Realisasi(indikator=rencana.indikator, tahun=tahun, periode=Periode.TAHUNAN)
    real.nilai, real.pembilang, real.penyebut = nilai, None, None
    real._change_reason = rencana.keterangan
    real.full_clean()
    real.save()
    hasil = HasilIKM.objects.filter(opd=opd, tahun=tahun).first() or HasilIKM(opd=opd, tahun=tahun)
    hasil.nilai = nilai
    hasil.sumber = f"Survei Kepuasan Masyarakat (aplikasi LKIP), {rencana.responden} responden"
    hasil._change_reason = rencana.keterangan
    hasil.full_clean()
    hasil.save()
    return rencana
