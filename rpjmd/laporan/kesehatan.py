"""Data health of a pemda's LKIP year: what contradicts itself or is missing (kesalahan blocks
submission) and what is worth a second look (peringatan)."""

from __future__ import annotations

from django.urls import reverse

from lkip import formulas
from reports.health import KESALAHAN, PERINGATAN, Temuan
from rpjmd.laporan.data import AnggaranOpd, DataPemda


def periksa_data(d: DataPemda) -> list[Temuan]:
    out: list[Temuan] = []
    for ind in d.indikator:
        lokasi = f"IKU {ind.kode} {ind.uraian}, tahun {d.tahun}"
        if d.target_tahun(ind, d.tahun) is None:
            out.append(Temuan("VR-DATA-1", KESALAHAN, lokasi, "target tahun ini belum diisi."))
        real = d.realisasi.get((ind.pk, d.tahun))
        if real is None:
            out.append(
                Temuan(
                    "VR-DATA-1",
                    KESALAHAN,
                    lokasi,
                    "realisasi belum diisi; isi nilainya, atau NA bila angkanya belum terbit.",
                )
            )
        elif real.tersedia and real.predikat and ind.skala:
            hitung = ind.predikat(real.nilai)
            if hitung and hitung != real.predikat:
                out.append(
                    Temuan(
                        "VR-PRED-1",
                        PERINGATAN,
                        lokasi,
                        f"predikat tercatat {real.predikat}, sedangkan nilai "
                        f"{formulas.format_angka(real.nilai)} menurut skala indikator ini "
                        f"berpredikat {hitung}.",
                    )
                )
    for a in d.anggaran:
        out += _melebihi_pagu(d, a)
        if a.rekap is None:
            continue
        pagu, realisasi = a.rekap
        if (pagu, realisasi) != (a.pagu, a.realisasi):
            out.append(
                Temuan(
                    "VR-BUD-5",
                    PERINGATAN,
                    f"Anggaran {a.nama} ({a.kode}), tahun {d.tahun}",
                    "rekap anggaran pemda (pagu "
                    f"{formulas.format_rupiah(pagu)}, realisasi "
                    f"{formulas.format_rupiah(realisasi)}) berbeda dengan jumlah baris program "
                    f"perangkat daerah itu di aplikasi (pagu {formulas.format_rupiah(a.pagu)}, "
                    f"realisasi {formulas.format_rupiah(a.realisasi)}); laporan memakai baris "
                    "anggaran perangkat daerah.",
                )
            )
    return out


def _melebihi_pagu(d: DataPemda, a: AnggaranOpd) -> list[Temuan]:
    """VR-BUD-2, the agency's rule for a budget line: realisasi cannot exceed pagu, in the
    pemda's recap row (fixed on its form) or in the total of the agency's own lines (fixed on
    the agency's budget screen)."""
    out: list[Temuan] = []
    nama = f"{a.nama} ({a.kode})" if a.kode else a.nama
    lokasi = f"Anggaran {nama}, tahun {d.tahun}"
    rekap = a.angka_rekap
    if rekap is not None and a.rekap_pk is not None and rekap[1] > rekap[0]:
        pagu, realisasi = rekap
        out.append(
            Temuan(
                "VR-BUD-2",
                KESALAHAN,
                lokasi,
                f"realisasi {formulas.format_rupiah(realisasi)} melebihi pagu "
                f"{formulas.format_rupiah(pagu)} (serapan "
                f"{formulas.format_persen(formulas.serapan(pagu, realisasi))}) pada anggaran per "
                "perangkat daerah pemda.",
                (
                    (
                        f"Ubah anggaran {a.nama} {d.tahun}",
                        reverse("rpjmd:ubah", args=[d.pemda.kode, "anggaran", a.rekap_pk]),
                    ),
                ),
                f"VR-BUD-2|anggaran-pemda|{a.rekap_pk}",
            )
        )
    if a.sumber == "aplikasi" and a.realisasi > a.pagu:
        out.append(
            Temuan(
                "VR-BUD-2",
                KESALAHAN,
                lokasi,
                f"jumlah realisasi baris program perangkat daerah itu "
                f"({formulas.format_rupiah(a.realisasi)}) melebihi jumlah pagunya "
                f"({formulas.format_rupiah(a.pagu)}, serapan {formulas.format_persen(a.serapan)}).",
                (
                    (
                        f"Anggaran {a.nama}",
                        reverse("data:daftar", args=[a.kode, "anggaran"]),
                    ),
                ),
                f"VR-BUD-2|anggaran-opd|{a.kode}|{d.tahun}",
            )
        )
    return out
