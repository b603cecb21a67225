"""The dashboards' frozen dataclasses: values computed by the formulas module, and their display
text.

Built by `reports.dashboard.selectors`, cached (pickled) per data version, printed by the templates
and the XLSX export without any arithmetic.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone

from lkip import formulas
from reports.models import StatusLaporan

BELUM_ADA_DATA = "belum ada data"
TAHUN_MIN, TAHUN_MAKS = 2000, 2100

# Band of a capaian → CSS modifier (the text label is always printed beside the colour).
KELAS_BAND = {
    formulas.BandCapaian.SANGAT_TINGGI: "sangat-tinggi",
    formulas.BandCapaian.TINGGI: "tinggi",
    formulas.BandCapaian.SEDANG: "sedang",
    formulas.BandCapaian.RENDAH: "rendah",
    formulas.BandCapaian.SANGAT_RENDAH: "sangat-rendah",
}
URUT_STATUS = {s: i for i, s in enumerate(StatusLaporan.values)}

# Serapan classes of the pemda distribution: (lower bound inclusive, label); "> 100%" is
# overspending.
KELAS_SERAPAN = (
    (Decimal("100.005"), "> 100% (melebihi pagu)"),
    (Decimal(90), "90–100%"),
    (Decimal(75), "75–< 90%"),
    (Decimal(50), "50–< 75%"),
    (Decimal(0), "< 50%"),
)


def persen_teks(value: Decimal | None) -> str:
    return formulas.format_persen(value) if value is not None else BELUM_ADA_DATA


def rupiah_teks(value: Decimal | None) -> str:
    return formulas.format_rupiah(value) if value is not None else BELUM_ADA_DATA


def tanggal_teks(value: datetime | date | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value).date()
    return formulas.format_tanggal(value)


def kelas_band(band: str | None) -> str:
    return KELAS_BAND.get(band, "kosong")


def kelas_serapan(serapan: Decimal | None) -> str:
    if serapan is None:
        return BELUM_ADA_DATA
    shown = formulas.bulatkan(serapan)
    return next(label for batas, label in KELAS_SERAPAN if shown >= batas)


class Teks:
    """A display property of a frozen dataclass: ``serapan_teks = Teks("serapan")`` prints
    ``self.serapan`` with `persen_teks` (or the formatter given); the value itself stays a
    Decimal."""

    def __init__(self, field: str, format=None):
        self.field, self.format = field, format or persen_teks

    def __get__(self, obj, owner=None):
        return self if obj is None else self.format(getattr(obj, self.field))


class Band:
    """``band = Band("capaian")``: the capaian band (domain spec §2.6) of a field, or None."""

    def __init__(self, field: str):
        self.field = field

    def __get__(self, obj, owner=None):
        return self if obj is None else formulas.band_capaian(getattr(obj, self.field))


@dataclass(frozen=True)
class MetaPemda:
    pemda_id: int
    nama: str
    tahun: tuple[int, ...]  # the years the dashboards offer: every Renstra year of its agencies
    tahun_realisasi: dict[int, tuple[int, ...]]  # agency id → the years it has realisations for

    def tahun_bawaan(self, opd_ids: Iterable[int], hari_ini: date | None = None) -> int | None:
        """The year to show first: the latest year up to now in which one of these agencies has
        realisations, else the latest year up to now."""
        if not self.tahun:
            return None
        now = (hari_ini or timezone.localdate()).year
        realised = {y for pk in opd_ids for y in self.tahun_realisasi.get(pk, ())}
        with_data = [y for y in realised if y <= now and y in self.tahun]
        if with_data:
            return max(with_data)
        past = [y for y in self.tahun if y <= now]
        return max(past) if past else min(self.tahun)


@dataclass(frozen=True)
class BarisOpd:
    """One agency's year at a glance (every value computed by the formulas module)."""

    opd_id: int
    kode: str
    nama: str
    jumlah_iku: int
    iku_terukur: int
    iku_tercapai: int
    rata_capaian: Decimal | None  # mean of the capped capaian of the measured IKU
    persen_tercapai: Decimal | None
    pagu: Decimal | None
    realisasi: Decimal | None
    serapan: Decimal | None
    status: str
    status_sejak: datetime | None
    galat: int
    peringatan: int

    @property
    def ada_data(self) -> bool:
        """Something measured this year: a capaian or a budget (defined IKU alone are not data)."""
        return self.iku_terukur > 0 or self.pagu is not None

    band = Band("rata_capaian")
    kelas_band = Teks("band", kelas_band)
    kelas_serapan = Teks("serapan", kelas_serapan)

    @property
    def status_label(self) -> str:
        return StatusLaporan(self.status).label

    @property
    def status_urut(self) -> int:
        return URUT_STATUS[self.status]

    rata_capaian_teks = Teks("rata_capaian")
    persen_tercapai_teks = Teks("persen_tercapai")
    serapan_teks = Teks("serapan")
    status_sejak_teks = Teks("status_sejak", tanggal_teks)


@dataclass(frozen=True)
class RingkasanPemda:
    pemda_id: int
    tahun: int
    baris: dict[int, BarisOpd]  # every agency of the pemda, by id


@dataclass(frozen=True)
class Jumlah:
    label: str
    jumlah: int
    kelas: str = ""


@dataclass(frozen=True)
class TotalPemda:
    """Totals and distributions over the agencies shown."""

    jumlah_opd: int
    opd_dengan_data: int
    jumlah_iku: int
    iku_terukur: int
    iku_tercapai: int
    persen_tercapai: Decimal | None
    rata_capaian: Decimal | None  # mean of the agencies' averages
    pagu: Decimal | None
    realisasi: Decimal | None
    serapan: Decimal | None
    galat: int
    opd_dengan_galat: int
    per_band: tuple[Jumlah, ...]
    per_status: tuple[Jumlah, ...]
    per_serapan: tuple[Jumlah, ...]

    band = Band("rata_capaian")
    kelas_band = Teks("band", kelas_band)
    rata_capaian_teks = Teks("rata_capaian")
    persen_tercapai_teks = Teks("persen_tercapai")
    serapan_teks = Teks("serapan")
    pagu_teks = Teks("pagu", rupiah_teks)
    realisasi_teks = Teks("realisasi", rupiah_teks)


def total_pemda(rows: list[BarisOpd]) -> TotalPemda:
    with_data = [r for r in rows if r.ada_data]
    budget = [r for r in rows if r.pagu is not None]
    pagu = formulas.jumlah_lengkap(r.pagu for r in budget)
    realisasi = formulas.jumlah_lengkap(r.realisasi for r in budget)
    terukur = sum(r.iku_terukur for r in rows)
    tercapai = sum(r.iku_tercapai for r in rows)
    bands = [r.band for r in rows]
    per_band = tuple(
        Jumlah(b.value, bands.count(b.value), KELAS_BAND[b]) for b in formulas.BandCapaian
    )
    per_band += (Jumlah("Belum ada data", bands.count(None), "kosong"),)
    statuses = [r.status for r in rows]
    per_status = tuple(
        Jumlah(label, statuses.count(value), value) for value, label in StatusLaporan.choices
    )
    classes = [r.kelas_serapan for r in rows]
    per_serapan = tuple(
        Jumlah(label, classes.count(label), f"serapan-{i}")
        for i, (_, label) in enumerate(reversed(KELAS_SERAPAN))
    )
    per_serapan += (Jumlah("Belum ada data", classes.count(BELUM_ADA_DATA), "kosong"),)
    return TotalPemda(
        jumlah_opd=len(rows),
        opd_dengan_data=len(with_data),
        jumlah_iku=sum(r.jumlah_iku for r in rows),
        iku_terukur=terukur,
        iku_tercapai=tercapai,
        persen_tercapai=formulas.persen(tercapai, terukur),
        rata_capaian=formulas.rata_rata_capaian(r.rata_capaian for r in rows),
        pagu=pagu,
        realisasi=realisasi,
        serapan=formulas.serapan(pagu, realisasi),
        galat=sum(r.galat for r in rows),
        opd_dengan_galat=sum(1 for r in rows if r.galat),
        per_band=per_band,
        per_status=per_status,
        per_serapan=per_serapan,
    )
