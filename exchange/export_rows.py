"""What the export writes: an agency's rows per sheet, as dicts keyed by the workbook's columns.

One query (or two) per sheet, whatever the number of rows. Rows come in the order the import
numbers them (`urutan`), so that importing the export changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from budget.models import Anggaran
from exchange.importer import periode_teks
from indicators.models import Indikator
from targets.models import Realisasi, Renstra, Sasaran, Target, Tujuan

Row = dict[str, Any]


def _renstra(opd):

    return Renstra.objects.filter(opd=opd).order_by("-tahun_awal").first()


def _perangkat_daerah(opd) -> Iterable[Row]:
    renstra = _renstra(opd)
    yield {
        "kode": opd.kode,
        "kode_skpd": opd.kode_skpd,
        "nama": opd.nama,
        "pemda": opd.pemda.nama,
        "kota_ttd": opd.kota_ttd,
        "kepala_nama": opd.kepala_nama,
        "kepala_nip": opd.kepala_nip,
        "kepala_pangkat": opd.kepala_pangkat,
        "kepala_jabatan": opd.kepala_jabatan,
        "renstra_awal": renstra.tahun_awal if renstra else None,
        "renstra_akhir": renstra.tahun_akhir if renstra else None,
        "kepala_daerah_nama": opd.pemda.kepala_daerah_nama,
        "kepala_daerah_jabatan": opd.pemda.kepala_daerah_jabatan,
    }


def _tujuan(opd) -> Iterable[Row]:

    for t in Tujuan.objects.filter(renstra=_renstra(opd)).order_by("urutan", "id"):
        yield {"kode": t.kode, "uraian": t.uraian}


def _sasaran(opd) -> Iterable[Row]:

    for s in (
        Sasaran.objects.filter(renstra=_renstra(opd))
        .select_related("tujuan")
        .order_by("urutan", "id")
    ):
        yield {"kode": s.kode, "tujuan_kode": s.tujuan.kode, "uraian": s.uraian}


def _indikator(opd) -> Iterable[Row]:

    for i in (
        Indikator.objects.filter(opd=opd)
        .select_related("sasaran", "nomenklatur")
        .order_by("urutan", "id")
    ):
        yield {
            "kode": i.kode,
            "tingkat": i.tingkat,
            "sasaran_kode": i.sasaran.kode if i.sasaran else None,
            "anggaran_kode": i.nomenklatur.kode if i.nomenklatur else None,
            "uraian": i.uraian,
            "satuan": i.satuan,
            "jenis_nilai": i.jenis_nilai,
            "polaritas": i.polaritas,
            "metode_negatif": i.metode_negatif,
            "agregasi": i.agregasi,
            "skala_predikat": i.skala_predikat,
            "mode_predikat": i.mode_predikat,
            "cap_persen": i.cap_persen,
            "rumus": i.rumus,
            "pembilang": i.pembilang,
            "penyebut": i.penyebut,
            "sumber_data": i.sumber_data,
            "alasan": i.alasan,
            "dasar_hukum": i.dasar_hukum,
        }


def _target(opd) -> Iterable[Row]:

    qs = (
        Target.objects.filter(indikator__opd=opd)
        .select_related("indikator")
        .order_by("indikator__urutan", "indikator_id", "tahun", "-jenis", "periode")
    )
    for t in qs:
        yield {
            "indikator_kode": t.indikator.kode,
            "tahun": t.tahun,
            "jenis": t.jenis,
            "periode": periode_teks(t.periode),
            "nilai": t.nilai,
            "predikat": t.predikat,
        }


def _realisasi(opd) -> Iterable[Row]:

    qs = (
        Realisasi.objects.filter(indikator__opd=opd)
        .select_related("indikator")
        .order_by("indikator__urutan", "indikator_id", "tahun", "periode")
    )
    for r in qs:
        yield {
            "indikator_kode": r.indikator.kode,
            "tahun": r.tahun,
            "periode": periode_teks(r.periode),
            "nilai": r.nilai,
            "pembilang": r.pembilang,
            "penyebut": r.penyebut,
            "predikat": r.predikat,
            "faktor_pendukung": r.faktor_pendukung,
            "faktor_penghambat": r.faktor_penghambat,
            "upaya": r.upaya,
            "catatan": r.catatan,
        }


def _anggaran(opd) -> Iterable[Row]:

    qs = (
        Anggaran.objects.filter(opd=opd)
        .select_related("nomenklatur")
        .prefetch_related("indikator")
        .order_by("tahun", "nomenklatur__kode")
    )
    for a in qs:
        yield {
            "tahun": a.tahun,
            "kode": a.nomenklatur.kode,
            "tingkat": a.nomenklatur.tingkat,
            "uraian": a.nomenklatur.nama,
            "pagu_murni": a.pagu_murni,
            "pagu_perubahan": a.pagu_perubahan,
            "realisasi": a.realisasi,
            "realisasi_tw1": a.realisasi_tw1,
            "realisasi_tw2": a.realisasi_tw2,
            "realisasi_tw3": a.realisasi_tw3,
            "realisasi_tw4": a.realisasi_tw4,
            "sumber_dana": a.sumber_dana,
            "indikator_kode": ", ".join(sorted(i.kode for i in a.indikator.all())),
        }


def _flat(
    model_path: str,
    order: tuple[str, ...],
    columns: dict[str, Callable[[Any], Any] | str],
    related: tuple[str, ...] = (),
) -> Callable[[Any], Iterable[Row]]:
    def rows(opd) -> Iterable[Row]:
        from django.apps import apps

        qs = apps.get_model(model_path).objects.filter(opd=opd).order_by(*order)
        if related:
            qs = qs.select_related(*related)
        for obj in qs:
            yield {
                col: (get(obj) if callable(get) else getattr(obj, get))
                for col, get in columns.items()
            }

    return rows


def _same(*names: str) -> dict[str, str]:
    return {n: n for n in names}


_ROWS: dict[str, Callable[[Any], Iterable[Row]]] = {
    "Perangkat_Daerah": _perangkat_daerah,
    "Tujuan": _tujuan,
    "Sasaran": _sasaran,
    "Indikator": _indikator,
    "Target": _target,
    "Realisasi": _realisasi,
    "Anggaran": _anggaran,
    "Evaluasi_AKIP": _flat(
        "indicators.EvaluasiAKIP",
        ("tahun", "urutan", "id"),
        _same("tahun", "komponen", "bobot", "nilai", "nomor_lhe", "tanggal_lhe"),
    ),
    "IKM": _flat("indicators.HasilIKM", ("tahun",), _same("tahun", "nilai", "sumber")),
    "SDM": _flat(
        "lkip.SdmKomposisi", ("tahun", "urutan", "id"), _same("tahun", "kategori", "jumlah")
    ),
    "Kebutuhan_Personil": _flat(
        "lkip.KebutuhanPersonil",
        ("nomor",),
        _same("nomor", "jabatan", "kualifikasi_pendidikan", "beban_kerja"),
    ),
    "Kategori_PPKS": _flat("lkip.KategoriPPKS", ("id",), _same("kode", "nama")),
    "Kejadian_Bencana": _flat(
        "lkip.KejadianBencana",
        ("tahun", "urutan", "id"),
        _same("tahun", "kejadian", "kepala_keluarga", "jiwa", "sumber"),
    ),
    "Capaian_Output": _flat(
        "budget.CapaianOutput",
        ("tahun", "urutan", "id"),
        {
            **_same("tahun", "uraian", "satuan", "target", "realisasi"),
            "anggaran_kode": lambda o: o.nomenklatur.kode,
        },
        ("nomenklatur",),
    ),
    "Angka_Tercetak": _flat(
        "reports.AngkaTercetak",
        ("tahun", "id"),
        _same("tahun", "lokasi", "objek", "besaran", "teks"),
    ),
    "Narasi": _flat(
        "reports.NarasiLaporan", ("tahun", "bagian"), _same("tahun", "bagian", "judul", "teks")
    ),
    "Pengaturan_Laporan": _flat(
        "reports.LaporanTahunan", ("tahun",), _same("tahun", "tanggal", "varian_efisiensi")
    ),
}


def rows_of(opd, sheet: str) -> Iterable[Row]:
    """The agency's rows of one sheet."""
    return _ROWS[sheet](opd)
