"""What the pemda-level export writes: the pemda's rows per sheet (LEMBAR_PEMDA), keyed by column,
in the order the import numbers them, so that importing the export changes nothing."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from indicators.models import Tingkat
from rpjmd.models import (
    AnggaranPerangkatDaerah,
    IndikatorPemda,
    Pembiayaan,
    RealisasiPemda,
    Rpjmd,
    SasaranPemda,
    TargetPemda,
    TautanSasaran,
    TujuanPemda,
)

Row = dict[str, Any]


def rows_pemda(pemda, sheet: str) -> Iterable[Row]:
    rpjmd = Rpjmd.objects.filter(pemda=pemda).order_by("-tahun_awal").first()
    if sheet == "Pemda":
        yield {
            "kode": pemda.kode,
            "nama": pemda.nama,
            "jenis": pemda.jenis,
            "kota_ttd": pemda.kota_ttd,
            "kepala_daerah_nama": pemda.kepala_daerah_nama,
            "kepala_daerah_jabatan": pemda.kepala_daerah_jabatan,
            "rpjmd_awal": rpjmd.tahun_awal if rpjmd else None,
            "rpjmd_akhir": rpjmd.tahun_akhir if rpjmd else None,
        }
        return
    if sheet == "Anggaran_Perangkat_Daerah":
        for a in (
            AnggaranPerangkatDaerah.objects.filter(pemda=pemda)
            .select_related("opd")
            .order_by("tahun", "urutan", "id")  # the order the import keeps numbers for
        ):
            yield {
                "tahun": a.tahun,
                "perangkat_daerah": a.perangkat_daerah,
                "kode_perangkat_daerah": a.opd.kode if a.opd else None,
                "pagu": a.pagu,
                "realisasi": a.realisasi,
            }
        return
    if sheet == "Pembiayaan":
        for p in Pembiayaan.objects.filter(pemda=pemda).order_by("tahun", "jenis", "urutan", "id"):
            yield {
                "tahun": p.tahun,
                "jenis": p.jenis,
                "uraian": p.uraian,
                "anggaran": p.anggaran,
                "realisasi": p.realisasi,
            }
        return
    if rpjmd is None:
        return
    if sheet == "Tujuan":
        for t in TujuanPemda.objects.filter(rpjmd=rpjmd).order_by("urutan", "id"):
            yield {"kode": t.kode, "uraian": t.uraian}
    elif sheet == "Sasaran":
        for s in (
            SasaranPemda.objects.filter(rpjmd=rpjmd)
            .select_related("tujuan")
            .order_by("urutan", "id")
        ):
            yield {"kode": s.kode, "tujuan_kode": s.tujuan.kode, "uraian": s.uraian}
    elif sheet == "Indikator":
        for i in (
            IndikatorPemda.objects.filter(rpjmd=rpjmd)
            .select_related("sasaran")
            .order_by("urutan", "id")
        ):
            yield {
                "kode": i.kode,
                "tingkat": Tingkat.IKU.value,
                "sasaran_kode": i.sasaran.kode,
                "uraian": i.uraian,
                "satuan": i.satuan,
                "jenis_nilai": i.jenis_nilai,
                "polaritas": i.polaritas,
                "metode_negatif": i.metode_negatif,
                "skala_predikat": i.skala_predikat,
                "rumus": i.rumus,
                "sumber_data": i.sumber_data,
            }
    elif sheet == "Target":
        for t in (
            TargetPemda.objects.filter(indikator__rpjmd=rpjmd)
            .select_related("indikator")
            .order_by("indikator__urutan", "indikator_id", "tahun", "jenis")
        ):
            yield {
                "indikator_kode": t.indikator.kode,
                "tahun": t.tahun,
                "jenis": t.jenis,
                "periode": "TAHUNAN",
                "nilai": t.nilai,
                "nilai_bawah": t.nilai_bawah,
                "nilai_atas": t.nilai_atas,
                "acuan_rentang": t.indikator.acuan_rentang if t.rentang else None,
                "predikat": t.predikat,
            }
    elif sheet == "Realisasi":
        for r in (
            RealisasiPemda.objects.filter(indikator__rpjmd=rpjmd)
            .select_related("indikator")
            .order_by("indikator__urutan", "indikator_id", "tahun")
        ):
            yield {
                "indikator_kode": r.indikator.kode,
                "tahun": r.tahun,
                "periode": "TAHUNAN",
                "nilai": r.nilai if r.tersedia else "NA",
                "predikat": r.predikat,
                "faktor_pendukung": r.faktor_pendukung,
                "faktor_penghambat": r.faktor_penghambat,
                "upaya": r.upaya,
                "catatan": r.catatan,
            }
    elif sheet == "Tautan_Sasaran":
        for t in TautanSasaran.objects.filter(sasaran__rpjmd=rpjmd).select_related(
            "indikator__opd", "sasaran"
        ):
            yield {
                "kode_perangkat_daerah": t.indikator.opd.kode,
                "indikator_kode": t.indikator.kode,
                "sasaran_kode": t.sasaran.kode,
            }
