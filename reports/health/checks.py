"""The checks of the validation catalogue (domain spec §9) over one agency's loaded year.

Each check returns findings (rule, severity, where, message in Indonesian).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from indicators.models import (
    JenisNilai,
    Polaritas,
    SkalaPredikat,
    Tingkat,
)
from lkip import formulas
from lkip.models import PerangkatDaerah
from reports.health.context import Konteks, muat_konteks
from reports.models import AngkaTercetak, Besaran

ERROR = "error"
WARNING = "peringatan"


@dataclass(frozen=True)
class Temuan:
    aturan: str
    tingkat: str
    lokasi: str
    pesan: str

    def __str__(self) -> str:
        return f"{self.aturan}\t{self.tingkat}\t{self.lokasi}\t{self.pesan}"


def _rp(value: Decimal | None) -> str:
    return formulas.format_rupiah(value) if value is not None else "—"


def _pct(value: Decimal | None) -> str:
    return formulas.format_persen(value) if value is not None else "—"


def _num(value: Decimal) -> str:
    """A value with the decimals it has (at most 2): 5 → '5', 80.5 → '80,5'."""
    normal = formulas.bulatkan(value).normalize()
    exponent = normal.as_tuple().exponent
    return formulas.format_angka(
        value, min(2, max(0, -exponent)) if isinstance(exponent, int) else 2
    )


def _decimals(teks: str) -> int:
    """How many decimals a printed Indonesian number shows ('90,06' → 2, '240' → 0)."""
    core = teks.strip().rstrip("%").strip()
    return len(core.split(",", 1)[1]) if "," in core else 0


def _budget_checks(ctx: Konteks) -> list[Temuan]:
    out: list[Temuan] = []
    for line in ctx.lines:
        where = f"Anggaran {line.kode}"
        pagu = line.pagu
        if pagu is not None and line.realisasi > pagu:
            out.append(
                Temuan(
                    "VR-BUD-2",
                    ERROR,
                    where,
                    f"realisasi {_rp(line.realisasi)} melebihi pagu {_rp(pagu)} "
                    f"(serapan {_pct(line.serapan)}).",
                )
            )
        children = ctx.children.get(line.kode)
        if not children:
            continue
        complete = pagu is not None and formulas.jumlah_lengkap(c.pagu for c in children) == pagu
        for label, field in (
            ("pagu murni", "pagu_murni"),
            ("pagu", "pagu"),
            ("realisasi", "realisasi"),
        ):
            parent_value = getattr(line, field)
            total = formulas.jumlah_lengkap(getattr(c, field) for c in children)
            if parent_value is None or total is None or total == parent_value:
                continue
            belum_dirinci = formulas.selisih(total, parent_value)
            if total > parent_value or complete:
                out.append(
                    Temuan(
                        "VR-BUD-3",
                        ERROR,
                        where,
                        f"{label} {_rp(parent_value)} tidak sama dengan jumlah rinciannya "
                        f"{_rp(total)} "
                        f"(selisih {_rp(formulas.besar_selisih(total, parent_value))}).",
                    )
                )
            else:
                out.append(
                    Temuan(
                        "VR-BUD-3",
                        WARNING,
                        where,
                        f"rincian {label} belum lengkap: {_rp(total)} dari {_rp(parent_value)} "
                        f"(belum dirinci {_rp(belum_dirinci)}).",
                    )
                )
    return out


def _indicator_checks(ctx: Konteks) -> list[Temuan]:
    out: list[Temuan] = []
    for kode, c in ctx.capaian.items():
        ind = c.indikator
        where = f"Indikator {kode}"
        if ind.tingkat == Tingkat.IKU:
            if c.target is None and not c.target_predikat:
                out.append(
                    Temuan(
                        "VR-DATA-1",
                        ERROR,
                        where,
                        f"belum ada target Perjanjian Kinerja {ctx.tahun}.",
                    )
                )
            if c.realisasi is None and not c.realisasi_predikat:
                out.append(Temuan("VR-DATA-1", ERROR, where, f"belum ada realisasi {ctx.tahun}."))
        # Quarterly targets must add up to the annual one under the indicator's aggregation.
        tw = [v for v in c.target_triwulan if v is not None]
        if c.target_tahunan_tercatat and tw and c.target is not None:
            agregat = formulas.agregasi_tahunan(
                list(c.target_triwulan), formulas.Agregasi(ind.agregasi)
            )
            if agregat is not None and agregat != c.target:
                out.append(
                    Temuan(
                        "VR-TGT-1",
                        WARNING,
                        where,
                        f"target triwulan ({ind.get_agregasi_display().lower()}) = "
                        f"{formulas.format_angka(agregat)}, berbeda dari target tahunan "
                        f"{formulas.format_angka(c.target)}.",
                    )
                )
        lalu = ctx.capaian_lalu.get(kode)
        if (
            lalu
            and lalu.realisasi is not None
            and c.target is not None
            and ind.polaritas == Polaritas.POSITIF
            and c.target < lalu.realisasi
        ):
            out.append(
                Temuan(
                    "VR-PLAU-1",
                    WARNING,
                    where,
                    f"target {ctx.tahun} ({_num(c.target)}) lebih rendah dari "
                    f"realisasi {ctx.tahun - 1} ({_num(lalu.realisasi)}).",
                )
            )
        if ind.adalah_predikat and ind.skala_predikat == SkalaPredikat.AKIP:
            for nilai, predikat, what in (
                (c.realisasi, c.realisasi_predikat, "realisasi"),
                (c.target, c.target_predikat, "target"),
            ):
                if (
                    nilai is not None
                    and predikat
                    and 0 <= nilai <= 100
                    and formulas.predikat_akip(nilai) != predikat
                ):
                    out.append(
                        Temuan(
                            "VR-AKIP-1",
                            ERROR,
                            where,
                            f"predikat {what} '{predikat}' tidak sesuai nilai "
                            f"{formulas.format_angka(nilai)} (seharusnya "
                            f"{formulas.predikat_akip(nilai)}).",
                        )
                    )
            if ctx.akip and c.realisasi is not None:
                total = formulas.jumlah_nilai_akip(k.nilai for k in ctx.akip)
                if total != c.realisasi:
                    out.append(
                        Temuan(
                            "VR-CONS-1",
                            ERROR,
                            where,
                            f"realisasi {formulas.format_angka(c.realisasi)} berbeda dari jumlah "
                            f"komponen evaluasi AKIP {formulas.format_angka(total)}.",
                        )
                    )
        if (
            (ind.skala_predikat == SkalaPredikat.IKM or "IKM" in ind.uraian.upper())
            and ctx.ikm
            and c.realisasi is not None
        ):
            if ind.jenis_nilai != JenisNilai.PREDIKAT and c.realisasi != ctx.ikm.nilai:
                out.append(
                    Temuan(
                        "VR-CONS-1",
                        ERROR,
                        where,
                        f"realisasi {formulas.format_angka(c.realisasi)} berbeda dari hasil IKM "
                        f"{formulas.format_angka(ctx.ikm.nilai)}.",
                    )
                )
    return out


def _pair_checks(ctx: Konteks) -> list[Temuan]:
    """VR-DATA-2: a program, kegiatan or sub-kegiatan indicator with a target but no realisation
    in the year, or the reverse (IKU: VR-DATA-1 already asks for both)."""
    out: list[Temuan] = []
    for kode, c in ctx.capaian.items():
        if c.indikator.tingkat == Tingkat.IKU:
            continue
        target = c.target is not None or bool(c.target_predikat)
        realisasi = c.realisasi is not None or bool(c.realisasi_predikat)
        if target != realisasi:
            missing = "realisasi" if target else "target Perjanjian Kinerja"
            out.append(
                Temuan(
                    "VR-DATA-2",
                    WARNING,
                    f"Indikator {kode}",
                    f"ada {'target' if target else 'realisasi'} {ctx.tahun} tetapi belum ada "
                    f"{missing} {ctx.tahun}: capaiannya tidak dapat dihitung.",
                )
            )
    return out


def _akip_checks(ctx: Konteks) -> list[Temuan]:
    out: list[Temuan] = []
    if not ctx.akip:
        return out
    where = f"Evaluasi AKIP {ctx.tahun}"
    for k in ctx.akip:
        bobot = formulas.BOBOT_AKIP.get(k.komponen)
        if bobot is not None and k.bobot != bobot:
            out.append(
                Temuan(
                    "VR-AKIP-1",
                    ERROR,
                    where,
                    f"bobot {k.komponen} {formulas.format_angka(k.bobot)}, seharusnya "
                    f"{formulas.format_angka(bobot)}.",
                )
            )
        if k.nilai > k.bobot:
            out.append(Temuan("VR-AKIP-1", ERROR, where, f"nilai {k.komponen} melebihi bobotnya."))
    if len(ctx.akip) != len(formulas.BOBOT_AKIP):
        out.append(
            Temuan(
                "VR-AKIP-1",
                ERROR,
                where,
                f"komponen tercatat {len(ctx.akip)} dari {len(formulas.BOBOT_AKIP)}.",
            )
        )
    return out


def _signature_checks(ctx: Konteks) -> list[Temuan]:
    opd, out = ctx.opd, []
    missing = [
        label
        for label, value in (
            ("jabatan", opd.kepala_jabatan),
            ("nama", opd.kepala_nama),
            ("pangkat/golongan", opd.kepala_pangkat),
            ("NIP", opd.kepala_nip),
        )
        if not value
    ]
    if missing:
        out.append(
            Temuan(
                "VR-SIG-1",
                WARNING,
                "Kepala perangkat daerah",
                f"blok tanda tangan belum lengkap: {', '.join(missing)}.",
            )
        )
    if opd.kepala_nip:
        try:
            formulas.parse_nip(opd.kepala_nip)
        except ValueError as exc:
            out.append(Temuan("VR-SIG-1", WARNING, "Kepala perangkat daerah", str(exc)))
    return out


def _printed_value(ctx: Konteks, a: AngkaTercetak) -> tuple[str, Decimal | str | None]:
    """(rule, recomputed value) for a printed figure; None when there is nothing to compare."""
    line = ctx.by_kode.get(a.objek)
    capaian = ctx.capaian.get(a.objek)
    match a.besaran:
        case Besaran.SERAPAN:
            return "VR-BUD-1", line.serapan if line else None
        case Besaran.REALISASI_ANGGARAN:
            return "VR-CONS-1", line.realisasi if line else None
        case Besaran.PAGU:
            return "VR-CONS-1", line.pagu if line else None
        case Besaran.PAGU_MURNI:
            return "VR-BUD-5", line.pagu_murni if line else None
        case Besaran.EFISIENSI:
            if not line:
                return "VR-EFF-1", None
            iku = ctx.iku_of_line(line)
            if len(iku) != 1:
                return "VR-EFF-1", None
            return "VR-EFF-1", formulas.efisiensi(iku[0].capaian, line.serapan)
        case Besaran.CAPAIAN:
            return "VR-CAP-1", capaian.capaian if capaian else None
        case Besaran.REALISASI_INDIKATOR:
            return "VR-CONS-1", capaian.realisasi if capaian else None
        case Besaran.TOTAL_PAGU:
            return "VR-SUM-1", ctx.total("pagu")
        case Besaran.TOTAL_PAGU_MURNI:
            return "VR-BUD-5", ctx.total("pagu_murni")
        case Besaran.TOTAL_REALISASI:
            return "VR-SUM-1", ctx.total("realisasi")
        case Besaran.TOTAL_SERAPAN:
            return "VR-BUD-1", formulas.serapan(ctx.total("pagu"), ctx.total("realisasi"))
        case Besaran.NILAI_AKIP:
            return "VR-AKIP-1", _nilai_akip(ctx)
        case Besaran.PREDIKAT_AKIP:
            total = _nilai_akip(ctx)
            return "VR-AKIP-1", formulas.predikat_akip(total) if total is not None else None
        case Besaran.MUTU_IKM:
            if not ctx.ikm:
                return "VR-IKM-1", None
            mutu = formulas.mutu_ikm(ctx.ikm.nilai)
            return "VR-IKM-1", f"{mutu.huruf} {mutu.kinerja}"
        case Besaran.JUMLAH_SDM:
            return "VR-SUM-1", sum((s.jumlah for s in ctx.sdm), 0) if ctx.sdm else None
    return "VR-CONS-1", None


def _nilai_akip(ctx: Konteks) -> Decimal | None:
    """The AKIP score the recorded components add up to; None without an evaluation."""
    return formulas.jumlah_nilai_akip(k.nilai for k in ctx.akip) if ctx.akip else None


def _printed_checks(ctx: Konteks) -> list[Temuan]:
    """Compare every figure an earlier document printed with the value recomputed from data."""
    out: list[Temuan] = []
    for a in ctx.tercetak:
        rule, expected = _printed_value(ctx, a)
        where = f"{a.lokasi} ({a.objek})"
        if expected is None:
            continue
        if isinstance(expected, str):
            printed = a.teks.strip()
            if a.besaran == Besaran.PREDIKAT_AKIP:
                if printed.upper() != expected:
                    out.append(
                        Temuan(
                            rule,
                            ERROR,
                            where,
                            f"predikat tercetak '{printed}', seharusnya '{expected}'.",
                        )
                    )
                continue
            mutu_huruf, mutu_teks = expected.split(" ", 1)
            if printed.upper() not in {mutu_huruf, mutu_teks.upper(), expected.upper()}:
                out.append(
                    Temuan(
                        rule,
                        ERROR,
                        where,
                        f"tercetak '{printed}', seharusnya '{mutu_teks}' ({mutu_huruf}).",
                    )
                )
            continue
        try:
            printed = formulas.parse_angka(a.teks)
        except ValueError as exc:
            out.append(
                Temuan(
                    "VR-FMT-1",
                    ERROR,
                    where,
                    f"angka tercetak tidak dapat dibaca: {exc} Nilai dari data: "
                    f"{formulas.format_angka(expected, _places_for(a, Decimal(expected)))}.",
                )
            )
            continue
        expected = Decimal(expected)
        places = _decimals(a.teks)
        if formulas.bulatkan(expected, places) != printed:
            partial = _partial_value(ctx, a)
            if partial is not None and formulas.bulatkan(partial, places) == printed:
                out.append(
                    Temuan(
                        "VR-BUD-4",
                        WARNING,
                        where,
                        f"{_label(a)} tercetak {a.teks} hanya mencakup rincian yang tercatat, "
                        f"bukan seluruh {ctx.by_kode[a.objek].nomenklatur.tingkat} "
                        f"({_shown(a, expected)}); beri label sebagai bagian yang mendukung IKU.",
                    )
                )
                continue
            percent = a.besaran in {
                Besaran.SERAPAN,
                Besaran.EFISIENSI,
                Besaran.CAPAIAN,
                Besaran.TOTAL_SERAPAN,
            }
            shown = formulas.format_persen(expected) if percent else _shown(a, expected)
            out.append(
                Temuan(
                    rule,
                    ERROR,
                    where,
                    f"{_label(a)} tercetak {a.teks}, dihitung dari data {shown}.",
                )
            )
    return out


def _label(a: AngkaTercetak) -> str:
    text = a.get_besaran_display()
    return text[0].lower() + text[1:]


def _shown(a: AngkaTercetak, value: Decimal) -> str:
    if a.besaran in {Besaran.SERAPAN, Besaran.EFISIENSI, Besaran.CAPAIAN, Besaran.TOTAL_SERAPAN}:
        return formulas.format_persen(value)
    return formulas.format_angka(value, _places_for(a, value))


def _partial_value(ctx: Konteks, a: AngkaTercetak) -> Decimal | None:
    """The value a program/kegiatan row would show if it summed only its itemised children."""
    line = ctx.by_kode.get(a.objek)
    children = ctx.children.get(a.objek) if line else None
    if not children:
        return None
    total_pagu = formulas.jumlah_lengkap(c.pagu for c in children)
    if total_pagu is None:
        return None
    total_real = formulas.jumlah_lengkap(c.realisasi for c in children)
    return {
        Besaran.PAGU: total_pagu,
        Besaran.REALISASI_ANGGARAN: total_real,
        Besaran.SERAPAN: formulas.serapan(total_pagu, total_real),
    }.get(a.besaran)


def _places_for(a: AngkaTercetak, value: Decimal) -> int:
    money = {
        Besaran.PAGU,
        Besaran.PAGU_MURNI,
        Besaran.REALISASI_ANGGARAN,
        Besaran.TOTAL_PAGU,
        Besaran.TOTAL_PAGU_MURNI,
        Besaran.TOTAL_REALISASI,
        Besaran.JUMLAH_SDM,
    }
    return 0 if a.besaran in money and value == value.to_integral_value() else 2


def periksa(opd: PerangkatDaerah, tahun: int) -> list[Temuan]:
    """Every data-health finding for an agency's year, errors first."""
    (konteks,) = muat_konteks(tahun, opd=opd)
    return periksa_konteks(konteks)


def periksa_konteks(ctx: Konteks) -> list[Temuan]:
    """The findings for an already loaded context (the pemda dashboard loads every agency at
    once)."""
    findings = (
        _budget_checks(ctx)
        + _indicator_checks(ctx)
        + _pair_checks(ctx)
        + _akip_checks(ctx)
        + _signature_checks(ctx)
        + _printed_checks(ctx)
    )
    return sorted(findings, key=lambda t: (t.tingkat != ERROR, t.aturan, t.lokasi, t.pesan))
