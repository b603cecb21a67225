"""What the application's own data says about a criterion: hints for the evaluator, never answers,
and the records an answer may cite as live evidence."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.urls import reverse

from evaluasi.models import Evaluasi, JenisBukti, Rekomendasi, StatusTindakLanjut
from indicators.models import EvaluasiAKIP, Indikator, Tingkat
from lkip import formulas
from reports.models import DokumenTertandatangani, LaporanTahunan, StatusLaporan
from reports.signing import url_verifikasi
from targets.models import JenisTarget, Periode, Realisasi, Renstra, Target

TRIWULAN = (Periode.TW1, Periode.TW2, Periode.TW3, Periode.TW4)


@dataclass(frozen=True)
class Petunjuk:
    """One data check's result: `terpenuhi` True/False, with what it saw."""

    terpenuhi: bool
    teks: str


def _iku(opd) -> list[Indikator]:
    return list(Indikator.objects.filter(opd=opd, tingkat=Tingkat.IKU).order_by("kode"))


def petunjuk(evaluasi: Evaluasi) -> dict[str, Petunjuk]:
    """Every data check of this evaluation's agency for its performance year (n−1), by key."""
    opd, tahun = evaluasi.opd, evaluasi.tahun_kinerja
    iku = _iku(opd)
    kode = {i.pk: i.kode for i in iku}
    target = set(
        Target.objects.filter(indikator__in=iku, tahun=tahun, jenis=JenisTarget.PK).values_list(
            "indikator_id", "periode"
        )
    )
    realisasi = set(
        Realisasi.objects.filter(indikator__in=iku, tahun=tahun).values_list(
            "indikator_id", "periode"
        )
    )
    hasil: dict[str, Petunjuk] = {}

    renstra = Renstra.objects.filter(opd=opd, tahun_awal__lte=tahun, tahun_akhir__gte=tahun).first()
    hasil["renstra"] = Petunjuk(
        renstra is not None,
        f"Renstra {renstra.tahun_awal}–{renstra.tahun_akhir} tercatat."
        if renstra
        else f"Tidak ada Renstra yang mencakup tahun {tahun}.",
    )
    tanpa_pk = [kode[i.pk] for i in iku if (i.pk, Periode.TAHUNAN) not in target]
    hasil["pk"] = Petunjuk(
        bool(iku) and not tanpa_pk,
        f"Semua {len(iku)} IKU memiliki target PK {tahun}."
        if iku and not tanpa_pk
        else f"IKU tanpa target PK tahunan {tahun}: {', '.join(tanpa_pk) or 'belum ada IKU'}.",
    )
    kurang = []
    for i in iku:
        tw_kurang = [
            p.label for p in TRIWULAN if (i.pk, p) not in target or (i.pk, p) not in realisasi
        ]
        if tw_kurang:
            kurang.append(f"{i.kode} ({', '.join(tw_kurang)})")
    hasil["iku_triwulan"] = Petunjuk(
        bool(iku) and not kurang,
        f"Setiap IKU memiliki target dan realisasi di keempat triwulan {tahun}."
        if iku and not kurang
        else "Target atau realisasi triwulan belum lengkap: "
        + ("; ".join(kurang) or "belum ada IKU")
        + ".",
    )
    tanpa_definisi = [i.kode for i in iku if not i.rumus.strip() or not i.sumber_data.strip()]
    hasil["iku_definisi"] = Petunjuk(
        bool(iku) and not tanpa_definisi,
        "Semua IKU memiliki formula dan sumber data."
        if iku and not tanpa_definisi
        else "IKU tanpa formula atau sumber data: "
        + (", ".join(tanpa_definisi) or "belum ada IKU")
        + ".",
    )
    tanpa_realisasi = [kode[i.pk] for i in iku if (i.pk, Periode.TAHUNAN) not in realisasi]
    hasil["capaian_iku"] = Petunjuk(
        bool(iku) and not tanpa_realisasi,
        f"Semua IKU memiliki realisasi tahunan {tahun} (lihat capaiannya di LKIP)."
        if iku and not tanpa_realisasi
        else "IKU tanpa realisasi tahunan: "
        + (", ".join(tanpa_realisasi) or "belum ada IKU")
        + ".",
    )

    lap = LaporanTahunan.objects.filter(opd=opd, tahun=tahun).first()
    dok = (
        DokumenTertandatangani.objects.filter(laporan=lap).order_by("revisi").first()
        if lap
        else None
    )
    batas = datetime.date(tahun + 1, 2, 28)
    hasil["lkip_ada"] = Petunjuk(
        dok is not None,
        f"LKIP {tahun} ditandatangani pada {formulas.format_tanggal(dok.ditandatangani.date())}."
        if dok
        else f"Belum ada LKIP {tahun} yang ditandatangani di aplikasi ini.",
    )
    hasil["lkip_reviu"] = Petunjuk(
        lap is not None and (lap.status in (StatusLaporan.DIREVIU, StatusLaporan.DITANDATANGANI)),
        f"Status LKIP {tahun}: {lap.get_status_display()}."
        if lap
        else f"LKIP {tahun} belum diajukan untuk direviu.",
    )
    tepat = dok is not None and dok.ditandatangani.date() <= batas
    hasil["lkip_tepat_waktu"] = Petunjuk(
        tepat,
        (
            f"LKIP {tahun} ditandatangani {formulas.format_tanggal(dok.ditandatangani.date())}, "
            + ("sebelum" if tepat else "setelah")
            + f" batas {formulas.format_tanggal(batas)}."
        )
        if dok
        else f"Belum ada LKIP {tahun} yang ditandatangani (batas "
        f"{formulas.format_tanggal(batas)}).",
    )

    lalu = Rekomendasi.objects.filter(evaluasi__opd=opd, evaluasi__tahun=evaluasi.tahun - 1)
    total = lalu.count()
    selesai = lalu.filter(status=StatusTindakLanjut.SELESAI).count()
    hasil["tindak_lanjut"] = Petunjuk(
        total > 0 and selesai == total,
        f"{selesai} dari {total} rekomendasi LHE {evaluasi.tahun - 1} selesai ditindaklanjuti."
        if total
        else f"Tidak ada rekomendasi LHE {evaluasi.tahun - 1} yang tercatat di aplikasi ini.",
    )
    nilai = {}
    for k in EvaluasiAKIP.objects.filter(opd=opd, tahun__in=[tahun - 1, tahun]):
        nilai[k.tahun] = nilai.get(k.tahun, Decimal(0)) + k.nilai
    lalu, kini = nilai.get(tahun - 1), nilai.get(tahun)
    hasil["nilai_naik"] = Petunjuk(
        lalu is not None and kini is not None and kini > lalu,
        f"Nilai AKIP {tahun - 1}: {formulas.format_angka(lalu)}; {tahun}: "
        f"{formulas.format_angka(kini)}."
        if lalu is not None and kini is not None
        else f"Nilai AKIP {tahun - 1} dan {tahun} belum keduanya tercatat.",
    )
    return hasil


@dataclass(frozen=True)
class Sumber:
    """A record of the agency that an answer may cite: its key, label and live link."""

    jenis: str
    objek: str
    label: str
    url: str

    @property
    def kunci(self) -> str:
        return f"{self.jenis}:{self.objek}"


def sumber_bukti(evaluasi: Evaluasi) -> list[Sumber]:
    """What the agency holds in this application that its answers may cite (live links)."""
    opd, kode = evaluasi.opd, evaluasi.opd.kode
    tahun = evaluasi.tahun_kinerja
    out: list[Sumber] = []
    for r in Renstra.objects.filter(opd=opd):
        out.append(
            Sumber(
                JenisBukti.RENSTRA,
                str(r.pk),
                f"Renstra {r.tahun_awal}–{r.tahun_akhir}",
                reverse("data:daftar", args=[kode, "renstra"]),
            )
        )
    for i in _iku(opd):
        out.append(
            Sumber(
                JenisBukti.INDIKATOR,
                str(i.pk),
                f"Indikator {i.kode}: {i.uraian}",
                reverse("data:riwayat", args=[kode, "indikator", i.pk]),
            )
        )
    for t in (
        Target.objects.filter(indikator__opd=opd, tahun=tahun, jenis=JenisTarget.PK)
        .select_related("indikator")
        .order_by("indikator__kode", "periode")
    ):
        out.append(
            Sumber(
                JenisBukti.TARGET,
                str(t.pk),
                f"Target PK {tahun} {t.indikator.kode} ({t.get_periode_display()})",
                reverse("data:riwayat", args=[kode, "target", t.pk]),
            )
        )
    for r in (
        Realisasi.objects.filter(indikator__opd=opd, tahun=tahun)
        .select_related("indikator")
        .order_by("indikator__kode", "periode")
    ):
        url = (
            reverse("data:bukti", args=[kode, r.pk])
            if r.bukti
            else reverse("data:entri", args=[kode, tahun, r.periode or 4])
        )
        berkas = " — berkas bukti" if r.bukti else ""
        out.append(
            Sumber(
                JenisBukti.REALISASI,
                str(r.pk),
                f"Realisasi {tahun} {r.indikator.kode} ({r.get_periode_display()}){berkas}",
                url,
            )
        )
    for d in DokumenTertandatangani.objects.filter(laporan__opd=opd).select_related("laporan"):
        out.append(
            Sumber(
                JenisBukti.LKIP,
                str(d.pk),
                f"LKIP {d.laporan.tahun} tertandatangani, revisi {d.revisi}",
                url_verifikasi(d.pk),
            )
        )
    out.append(
        Sumber(JenisBukti.AUDIT, "opd", "Jejak audit data", reverse("data:audit", args=[kode]))
    )
    return out
