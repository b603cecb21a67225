"""The checks of the validation catalogue (domain spec §9) over one agency's loaded year.

Each check returns findings: the rule, the level, the record of this application it is about
(indicator, budget line, year, quarter: never a table number of an older document), a message in
Indonesian and links to the screens that fix it.

Levels, and what they mean for submitting the LKIP (`reports.workflow.ajukan`):
- **kesalahan**: the data itself is contradictory or missing (realisasi above pagu, a parent line
  that does not add up, an IKU without target): submission waits until the data is corrected.
- **peringatan**: worth a second look, not necessarily wrong (a figure printed by an earlier
  document that differs from what this LKIP computes, a target below last year's realisation,
  itemisation not yet complete): the planner corrects the data or the reference, or acknowledges
  the warning with a reason (`reports.health.pengakuan`); an acknowledgement lapses when the
  figures in the finding change. Submission waits for every warning to be acknowledged.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from decimal import Decimal

from django.urls import reverse

from indicators.models import (
    Indikator,
    JenisNilai,
    Polaritas,
    SkalaPredikat,
    Tingkat,
)
from lkip import formulas
from lkip.models import PerangkatDaerah
from reports.health.context import Konteks, muat_konteks
from reports.models import AngkaTercetak, BagianNarasi, Besaran
from targets.models import JenisTarget, Periode

KESALAHAN = "kesalahan"
PERINGATAN = "peringatan"
# The names the callers used before the vocabulary was settled.
ERROR = KESALAHAN
WARNING = PERINGATAN


@dataclass(frozen=True)
class Temuan:
    aturan: str
    tingkat: str
    lokasi: str
    pesan: str
    #: (label, URL) of the screens that fix it.
    tautan: tuple[tuple[str, str], ...] = ()
    #: Stable identity of the finding (rule and record), for an acknowledgement.
    kunci: str = ""
    #: Compares a figure printed by an earlier document (a reference, not this LKIP's data).
    rujukan: bool = False

    def __str__(self) -> str:
        return f"{self.aturan}\t{self.tingkat}\t{self.lokasi}\t{self.pesan}"

    @property
    def adalah_kesalahan(self) -> bool:
        return self.tingkat == KESALAHAN

    @property
    def identitas(self) -> str:
        return self.kunci or f"{self.aturan}|{self.lokasi}"

    @property
    def sidik(self) -> str:
        """The finding as read: rule, record and the figures in its message."""
        text = f"{self.identitas}|{self.pesan}"
        return hashlib.sha256(text.encode()).hexdigest()

    @property
    def uraian(self) -> str:
        return f"{self.lokasi}: {self.pesan}"


def _url(ctx: Konteks, name: str, *args) -> str:
    return reverse(name, args=[ctx.opd.kode, *args])


def _pendek(text: str, n: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "\u2026"


def _baris(ctx: Konteks, line) -> str:
    return f"Baris anggaran {line.kode} {_pendek(line.nomenklatur.nama)}, tahun {ctx.tahun}"


def _tautan_baris(ctx: Konteks, line) -> tuple[tuple[str, str], ...]:
    return ((f"Ubah baris anggaran {line.kode}", _url(ctx, "data:ubah", "anggaran", line.pk)),)


def _indikator(ctx: Konteks, ind: Indikator) -> str:
    return f"Indikator {ind.kode} {_pendek(ind.uraian)}, tahun {ctx.tahun}"


def _target_pk(ctx: Konteks, ind: Indikator):
    return next(
        (
            t
            for t in getattr(ind, "targets", [])
            if t.tahun == ctx.tahun and t.jenis == JenisTarget.PK and t.periode == Periode.TAHUNAN
        ),
        None,
    )


def _tautan_target(ctx: Konteks, ind: Indikator) -> tuple[tuple[str, str], ...]:
    target = _target_pk(ctx, ind)
    if target is not None:
        label = f"Ubah target {ind.kode} {ctx.tahun}"
        return ((label, _url(ctx, "data:ubah", "target", target.pk)),)
    return (("Tambah target", _url(ctx, "data:tambah", "target")),)


def _tautan_realisasi(ctx: Konteks, ind: Indikator) -> tuple[tuple[str, str], ...]:
    return (
        (
            f"Entri triwulan IV {ctx.tahun}",
            reverse("data:entri", args=[ctx.opd.kode, ctx.tahun, 4]) + f"#r{ind.pk}",
        ),
        ("Daftar realisasi", _url(ctx, "data:daftar", "realisasi")),
    )


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
        where, links = _baris(ctx, line), _tautan_baris(ctx, line)
        pagu = line.pagu
        if pagu is not None and line.realisasi > pagu:
            out.append(
                Temuan(
                    "VR-BUD-2",
                    KESALAHAN,
                    where,
                    f"realisasi {_rp(line.realisasi)} melebihi pagu {_rp(pagu)} "
                    f"(serapan {_pct(line.serapan)}).",
                    links,
                    f"VR-BUD-2|anggaran|{line.kode}",
                )
            )
        children = ctx.children.get(line.kode)
        if not children:
            continue
        complete = pagu is not None and formulas.jumlah_lengkap(c.pagu for c in children) == pagu
        rincian = ", ".join(c.kode for c in children[:3]) + (" …" if len(children) > 3 else "")
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
                        KESALAHAN,
                        where,
                        f"{label} {_rp(parent_value)} tidak sama dengan jumlah rinciannya "
                        f"({rincian}) {_rp(total)} "
                        f"(selisih {_rp(formulas.besar_selisih(total, parent_value))}): samakan "
                        f"{label} baris ini dengan jumlah rinciannya, atau perbaiki rinciannya.",
                        links,
                        f"VR-BUD-3|anggaran|{line.kode}|{field}",
                    )
                )
            else:
                out.append(
                    Temuan(
                        "VR-BUD-3",
                        PERINGATAN,
                        where,
                        f"rincian {label} belum lengkap: {_rp(total)} dari {_rp(parent_value)} "
                        f"(belum dirinci {_rp(belum_dirinci)}).",
                        links,
                        f"VR-BUD-3|anggaran|{line.kode}|{field}|rincian",
                    )
                )
    return out


def _indicator_checks(ctx: Konteks) -> list[Temuan]:
    out: list[Temuan] = []
    for kode, c in ctx.capaian.items():
        ind = c.indikator
        where = _indikator(ctx, ind)
        if ind.tingkat == Tingkat.IKU:
            if c.target is None and not c.target_predikat:
                out.append(
                    Temuan(
                        "VR-DATA-1",
                        KESALAHAN,
                        where,
                        f"belum ada target Perjanjian Kinerja {ctx.tahun}.",
                        _tautan_target(ctx, ind),
                        f"VR-DATA-1|indikator|{kode}|target",
                    )
                )
            if c.realisasi is None and not c.realisasi_predikat:
                out.append(
                    Temuan(
                        "VR-DATA-1",
                        KESALAHAN,
                        where,
                        f"belum ada realisasi {ctx.tahun} (tahunan atau triwulan).",
                        _tautan_realisasi(ctx, ind),
                        f"VR-DATA-1|indikator|{kode}|realisasi",
                    )
                )
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
                        PERINGATAN,
                        where,
                        f"target triwulan ({ind.get_agregasi_display().lower()}) = "
                        f"{formulas.format_angka(agregat)}, berbeda dari target tahunan "
                        f"{formulas.format_angka(c.target)}.",
                        (("Daftar target", _url(ctx, "data:daftar", "target")),),
                        f"VR-TGT-1|indikator|{kode}",
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
                    PERINGATAN,
                    where,
                    f"target {ctx.tahun} ({_num(c.target)}) lebih rendah dari "
                    f"realisasi {ctx.tahun - 1} ({_num(lalu.realisasi)}).",
                    _tautan_target(ctx, ind),
                    f"VR-PLAU-1|indikator|{kode}",
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
                            KESALAHAN,
                            where,
                            f"predikat {what} '{predikat}' tidak sesuai nilai "
                            f"{formulas.format_angka(nilai)} (seharusnya "
                            f"{formulas.predikat_akip(nilai)}).",
                            _tautan_target(ctx, ind)
                            if what == "target"
                            else _tautan_realisasi(ctx, ind),
                            f"VR-AKIP-1|indikator|{kode}|{what}",
                        )
                    )
            if ctx.akip and c.realisasi is not None:
                total = formulas.jumlah_nilai_akip(k.nilai for k in ctx.akip)
                if total != c.realisasi:
                    out.append(
                        Temuan(
                            "VR-CONS-1",
                            KESALAHAN,
                            where,
                            f"realisasi {formulas.format_angka(c.realisasi)} berbeda dari jumlah "
                            f"komponen evaluasi AKIP {formulas.format_angka(total)}.",
                            _tautan_realisasi(ctx, ind)
                            + (("Evaluasi AKIP", _url(ctx, "data:daftar", "evaluasi-akip")),),
                            f"VR-CONS-1|indikator|{kode}|akip",
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
                        KESALAHAN,
                        where,
                        f"realisasi {formulas.format_angka(c.realisasi)} berbeda dari hasil IKM "
                        f"{formulas.format_angka(ctx.ikm.nilai)}.",
                        _tautan_realisasi(ctx, ind)
                        + (("Hasil IKM", _url(ctx, "data:daftar", "ikm")),),
                        f"VR-CONS-1|indikator|{kode}|ikm",
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
    where = f"Evaluasi AKIP tahun {ctx.tahun}"
    links = (("Evaluasi AKIP", _url(ctx, "data:daftar", "evaluasi-akip")),)
    for k in ctx.akip:
        bobot = formulas.BOBOT_AKIP.get(k.komponen)
        if bobot is not None and k.bobot != bobot:
            out.append(
                Temuan(
                    "VR-AKIP-1",
                    KESALAHAN,
                    where,
                    f"bobot {k.komponen} {formulas.format_angka(k.bobot)}, seharusnya "
                    f"{formulas.format_angka(bobot)}.",
                    links,
                    f"VR-AKIP-1|akip|{k.komponen}|bobot",
                )
            )
        if k.nilai > k.bobot:
            out.append(
                Temuan(
                    "VR-AKIP-1",
                    KESALAHAN,
                    where,
                    f"nilai {k.komponen} melebihi bobotnya.",
                    links,
                    f"VR-AKIP-1|akip|{k.komponen}|nilai",
                )
            )
    if len(ctx.akip) != len(formulas.BOBOT_AKIP):
        out.append(
            Temuan(
                "VR-AKIP-1",
                KESALAHAN,
                where,
                f"komponen tercatat {len(ctx.akip)} dari {len(formulas.BOBOT_AKIP)}.",
                links,
                "VR-AKIP-1|akip|komponen",
            )
        )
    return out


def _signature_checks(ctx: Konteks) -> list[Temuan]:
    opd, out = ctx.opd, []
    where = f"Data kepala {opd.nama} (blok tanda tangan)"
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
                PERINGATAN,
                where,
                f"blok tanda tangan belum lengkap: {', '.join(missing)} (diisi oleh Admin Pemda "
                "atau lewat lembar Perangkat_Daerah workbook).",
                (),
                "VR-SIG-1|opd|lengkap",
            )
        )
    if opd.kepala_nip:
        try:
            formulas.parse_nip(opd.kepala_nip)
        except ValueError as exc:
            out.append(Temuan("VR-SIG-1", PERINGATAN, where, str(exc), (), "VR-SIG-1|opd|nip"))
    return out


#: The report's sections whose body is the planner's narrative alone (or nearly: an agency may
#: have no table to add), where they stand in the LKIP.
NARASI_WAJIB = {
    BagianNarasi.KATA_PENGANTAR: "halaman depan",
    BagianNarasi.LATAR_BELAKANG: "Bab I, 1.1",
    BagianNarasi.TUGAS_FUNGSI: "Bab I, 1.2",
    BagianNarasi.ISU_STRATEGIS: "Bab I, 1.3",
    BagianNarasi.RENCANA_TINDAK: "Bab IV, 4.2",
}


def _narrative_checks(ctx: Konteks) -> list[Temuan]:
    """VR-NAR-1: a section the LKIP prints with its heading and nothing under it."""
    out = []
    for bagian, tempat in NARASI_WAJIB.items():
        if bagian in ctx.narasi:
            continue
        label = BagianNarasi(bagian).label
        out.append(
            Temuan(
                "VR-NAR-1",
                PERINGATAN,
                f"Narasi LKIP {ctx.tahun}: {label} ({tempat})",
                "bagian ini belum berisi narasi; LKIP mencetak judulnya tanpa isi.",
                (("Tulis narasi", _url(ctx, "reports:narasi_ubah", ctx.tahun, bagian)),),
                f"VR-NAR-1|narasi|{bagian}",
            )
        )
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


def _rujukan_record(ctx: Konteks, a: AngkaTercetak) -> tuple[str, tuple[tuple[str, str], ...]]:
    """The record of this application a printed figure is about, and the screen that edits it."""
    line = ctx.by_kode.get(a.objek)
    if line is not None:
        return _baris(ctx, line), _tautan_baris(ctx, line)
    capaian = ctx.capaian.get(a.objek)
    if capaian is not None:
        return _indikator(ctx, capaian.indikator), _tautan_realisasi(ctx, capaian.indikator)
    match a.besaran:
        case Besaran.NILAI_AKIP | Besaran.PREDIKAT_AKIP:
            return f"Evaluasi AKIP tahun {ctx.tahun}", (
                ("Evaluasi AKIP", _url(ctx, "data:daftar", "evaluasi-akip")),
            )
        case Besaran.MUTU_IKM:
            return f"Hasil IKM tahun {ctx.tahun}", (("Hasil IKM", _url(ctx, "data:daftar", "ikm")),)
        case Besaran.JUMLAH_SDM:
            return f"Komposisi SDM {ctx.opd.nama} tahun {ctx.tahun}", ()
    return f"Jumlah anggaran {ctx.opd.nama} tahun {ctx.tahun}", (
        ("Daftar anggaran", _url(ctx, "data:daftar", "anggaran")),
    )


def _printed_message(ctx: Konteks, a: AngkaTercetak) -> tuple[str, str, str] | None:
    """(rule, level, message) comparing one printed figure with the data; None when they agree
    or there is nothing to compare."""
    rule, expected = _printed_value(ctx, a)
    if expected is None:
        return None
    if isinstance(expected, str):
        printed = a.teks.strip()
        if a.besaran == Besaran.PREDIKAT_AKIP:
            if printed.upper() != expected:
                pesan = f"predikat AKIP tercetak '{printed}', dari data '{expected}'"
                return rule, PERINGATAN, pesan
            return None
        mutu_huruf, mutu_teks = expected.split(" ", 1)
        if printed.upper() not in {mutu_huruf, mutu_teks.upper(), expected.upper()}:
            return (
                rule,
                PERINGATAN,
                f"mutu IKM tercetak '{printed}', dari data '{mutu_teks}' ({mutu_huruf})",
            )
        return None
    try:
        printed = formulas.parse_angka(a.teks)
    except ValueError as exc:
        return (
            "VR-FMT-1",
            PERINGATAN,
            f"{_label(a)} tercetak '{a.teks}' tidak dapat dibaca ({exc}); dari data "
            f"{formulas.format_angka(expected, _places_for(a, Decimal(expected)))}",
        )
    expected = Decimal(expected)
    places = _decimals(a.teks)
    if formulas.bulatkan(expected, places) == printed:
        return None
    partial = _partial_value(ctx, a)
    if partial is not None and formulas.bulatkan(partial, places) == printed:
        return (
            "VR-BUD-4",
            PERINGATAN,
            f"{_label(a)} tercetak {a.teks} hanya mencakup rincian yang tercatat, bukan seluruh "
            f"{ctx.by_kode[a.objek].nomenklatur.get_tingkat_display().lower()} "
            f"({_shown(a, expected)}); LKIP ini mencetak jumlah seluruhnya",
        )
    pesan = f"{_label(a)} tercetak {a.teks}, dihitung dari data {_shown(a, expected)}"
    return rule, PERINGATAN, pesan


def _printed_checks(ctx: Konteks) -> list[Temuan]:
    """Compare every figure an earlier document printed with the value recomputed from data.

    The earlier document's table numbers are not this LKIP's: a finding names the record of this
    application instead, and the same figure printed in several places is one finding.
    """
    groups: dict[tuple, list[AngkaTercetak]] = {}
    found: dict[tuple, tuple[str, str, str]] = {}
    for a in ctx.tercetak:
        result = _printed_message(ctx, a)
        if result is None:
            continue
        key = (a.objek, a.besaran, a.teks.strip())
        groups.setdefault(key, []).append(a)
        found[key] = result
    out = []
    for key, refs in groups.items():
        rule, level, message = found[key]
        where, links = _rujukan_record(ctx, refs[0])
        tempat = f" ({len(refs)} angka rujukan sama)" if len(refs) > 1 else ""
        rujukan = reverse("data:ubah", args=[ctx.opd.kode, "angka-tercetak", refs[0].pk])
        out.append(
            Temuan(
                rule,
                level,
                where,
                f"dokumen sumber: {message}{tempat}.",
                links + (("Tinjau angka rujukan", rujukan),),
                "rujukan|" + "|".join(key),
                rujukan=True,
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
        + _narrative_checks(ctx)
        + _printed_checks(ctx)
    )
    return sorted(findings, key=lambda t: (t.tingkat != KESALAHAN, t.aturan, t.lokasi, t.pesan))
