"""Survey results: answers summed per unsur in SQL, then every number from lkip.formulas.ikm.

One aggregate query per call (grouped by period and service unit); pooling across periods, units
or both adds those sums (spec §5.5) before the formulas compute NRR, IKM and mutu.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, Sum

from lkip import formulas
from lkip.models import PerangkatDaerah
from skm.models import KOLOM_UNSUR, PengaturanSurvei, PeriodeSurvei, Responden, UnitLayanan


@dataclass(frozen=True)
class Hasil:
    """One cell of the results: an IKM (or why there is none) with its counts."""

    judul: str
    jumlah: formulas.JumlahJawaban
    ikm: formulas.HasilIKM | None
    galat: str = ""
    sampel_minimum: int | None = None

    @property
    def responden(self) -> int:
        return self.jumlah.responden

    @property
    def konversi(self) -> Decimal | None:
        return formulas.bulatkan(self.ikm.konversi, 2) if self.ikm else None

    @property
    def mutu(self) -> formulas.MutuIKM | None:
        return formulas.mutu_ikm(self.ikm.konversi) if self.ikm else None

    @property
    def terlemah(self) -> tuple[str, str, Decimal] | None:
        if not self.ikm:
            return None
        kode, nrr = formulas.unsur_terlemah(self.ikm)
        return kode, formulas.UNSUR_IKM[kode], nrr

    @property
    def nrr(self) -> list[tuple[str, str, Decimal, Decimal, int, formulas.MutuIKM]]:
        """Per unsur: code, name, NRR, NRR converted (× 25), respondents who answered, mutu."""
        if not self.ikm:
            return []
        return [
            (
                kode,
                nama,
                self.ikm.nrr[kode],
                formulas.konversi_ikm(self.ikm.nrr[kode]),
                self.ikm.responden_per_unsur[kode],
                formulas.mutu_nrr(self.ikm.nrr[kode]),
            )
            for kode, nama in formulas.UNSUR_IKM.items()
        ]

    @property
    def kurang_sampel(self) -> int:
        """Respondents still missing to reach the minimum sample (0 when reached or unknown)."""
        return max(0, (self.sampel_minimum or 0) - self.responden)


def _hasil(judul: str, jumlah: formulas.JumlahJawaban, penimbang, sampel: int | None) -> Hasil:
    if jumlah.responden == 0:
        return Hasil(judul, jumlah, None, "Belum ada jawaban.", sampel)
    try:
        return Hasil(
            judul, jumlah, formulas.ikm_dari_jumlah(jumlah, penimbang=penimbang), "", sampel
        )
    except ValueError as exc:
        return Hasil(judul, jumlah, None, str(exc), sampel)


@dataclass(frozen=True)
class HasilTahun:
    """A year's survey of one agency: per period × unit, per period, per unit and pooled."""

    opd: PerangkatDaerah
    tahun: int
    periode: list[PeriodeSurvei]
    unit: list[UnitLayanan]
    sel: dict[tuple[int, int], Hasil]  # (periode pk, unit pk)
    per_periode: dict[int, Hasil]
    per_unit: dict[int, Hasil]  # pooled over the year's periods
    total: Hasil  # the agency, pooled over periods and units
    penimbang: Decimal | None
    indikator_id: int | None
    dikecualikan: int

    @property
    def keterangan_penimbang(self) -> str:
        if self.penimbang is None:
            return "penimbang 1/9 (eksak)"
        return "penimbang 0,11 (pembulatan lama; IKM 1% lebih rendah daripada dengan 1/9)"

    @property
    def baris_unit(self) -> list[tuple[UnitLayanan, Hasil]]:
        return [(u, self.per_unit[u.pk]) for u in self.unit]

    @property
    def baris_periode(self) -> list[tuple[PeriodeSurvei, Hasil, list[tuple[UnitLayanan, Hasil]]]]:
        return [
            (p, self.per_periode[p.pk], [(u, self.sel[(p.pk, u.pk)]) for u in self.unit])
            for p in self.periode
        ]


def _agregat() -> dict:
    dihitung = Q(pengecualian__isnull=True)
    agregat: dict = {"n": Count("id", filter=dihitung), "kecuali": Count("pengecualian")}
    for kolom in KOLOM_UNSUR.values():
        agregat[f"s_{kolom}"] = Sum(kolom, filter=dihitung)
        agregat[f"c_{kolom}"] = Count(kolom, filter=dihitung)
    return agregat


def _jumlah(row: dict) -> formulas.JumlahJawaban:
    return formulas.JumlahJawaban(
        jumlah={kode: row[f"s_{k}"] or 0 for kode, k in KOLOM_UNSUR.items()},
        terisi={kode: row[f"c_{k}"] for kode, k in KOLOM_UNSUR.items()},
        responden=row["n"],
    )


def hasil_per_tahun(opd_ids: list[int], tahun_list: list[int]) -> dict[tuple[int, int], Hasil]:
    """(agency, year) → the year's pooled result, for the report and the dashboards: two queries.

    Only the years with responses are keys. Each agency's weight setting applies to its own result.
    """
    rows = (
        Responden.objects.filter(opd_id__in=opd_ids, periode__tahun__in=tahun_list)
        .values("opd_id", "periode__tahun")
        .annotate(**_agregat())
        .order_by()
    )
    rows = list(rows)
    if not rows:
        return {}
    lama = set(
        PengaturanSurvei.objects.filter(opd_id__in=opd_ids, penimbang_lama=True).values_list(
            "opd_id", flat=True
        )
    )
    return {
        (row["opd_id"], row["periode__tahun"]): _hasil(
            str(row["periode__tahun"]),
            _jumlah(row),
            formulas.PENIMBANG_LAMA if row["opd_id"] in lama else None,
            None,
        )
        for row in rows
    }


def gabungan(hasil: list[Hasil], penimbang=None) -> Hasil:
    """Several agencies' results pooled (their raw answers together), e.g. for the pemda."""
    return _hasil("gabungan", formulas.gabung_jumlah(h.jumlah for h in hasil), penimbang, None)


def jumlah_per_sel(
    opd: PerangkatDaerah, tahun: int
) -> tuple[dict[tuple[int, int], formulas.JumlahJawaban], int]:
    """Σ and count per unsur of each (period, unit) of the year, and how many were excluded.

    One grouped query; excluded responses are left out of the sums (and counted apart).
    """
    rows = (
        Responden.objects.filter(opd=opd, periode__tahun=tahun)
        .values("periode_id", "unit_layanan_id")
        .annotate(**_agregat())
        .order_by()
    )
    out: dict[tuple[int, int], formulas.JumlahJawaban] = {}
    kecuali = 0
    for row in rows:
        kecuali += row["kecuali"]
        out[(row["periode_id"], row["unit_layanan_id"])] = _jumlah(row)
    return out, kecuali


def hasil_tahun(opd: PerangkatDaerah, tahun: int) -> HasilTahun:
    """The year's results of an agency in four queries (settings, periods, units, the aggregate)."""
    pengaturan = PengaturanSurvei.objects.filter(opd=opd).first()
    penimbang = pengaturan.penimbang if pengaturan else None
    periode = list(PeriodeSurvei.objects.filter(opd=opd, tahun=tahun).order_by("jenis", "ke"))
    jumlah, kecuali = jumlah_per_sel(opd, tahun)
    unit_ids = {u for _, u in jumlah}
    unit = list(
        UnitLayanan.objects.filter(opd=opd)
        .filter(Q(aktif=True) | Q(pk__in=unit_ids))
        .order_by("urutan", "nama")
    )
    kosong = formulas.JumlahJawaban()
    sel = {
        (p.pk, u.pk): _hasil(f"{u.nama}, {p}", jumlah.get((p.pk, u.pk), kosong), penimbang, None)
        for p in periode
        for u in unit
    }
    per_periode = {
        p.pk: _hasil(
            str(p),
            formulas.gabung_jumlah(jumlah.get((p.pk, u.pk), kosong) for u in unit),
            penimbang,
            None,
        )
        for p in periode
    }
    per_unit = {
        u.pk: _hasil(
            u.nama,
            formulas.gabung_jumlah(jumlah.get((p.pk, u.pk), kosong) for p in periode),
            penimbang,
            u.sampel_minimum,
        )
        for u in unit
    }
    populasi = [u.populasi for u in unit if u.populasi]
    total = _hasil(
        opd.nama,
        formulas.gabung_jumlah(jumlah.values()),
        penimbang,
        formulas.sampel_minimum(sum(populasi)) if populasi else None,
    )
    return HasilTahun(
        opd=opd,
        tahun=tahun,
        periode=periode,
        unit=unit,
        sel=sel,
        per_periode=per_periode,
        per_unit=per_unit,
        total=total,
        penimbang=penimbang,
        indikator_id=pengaturan.indikator_id if pengaturan else None,
        dikecualikan=kecuali,
    )
