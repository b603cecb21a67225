"""The agency dashboard's and the year-on-year views' frozen dataclasses (values and display
text)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone

from lkip import formulas
from reports import health
from reports.dashboard.struktur import Band, Teks, kelas_band, rupiah_teks, tanggal_teks
from reports.models import StatusLaporan


class Keadaan:
    """State of one quarter's realisation of an IKU."""

    TERISI = "terisi"
    BELUM_DIISI = "belum-diisi"  # the quarter has a target and is over, but no realisation
    BELUM_BERAKHIR = "belum-berakhir"  # expected, but the quarter is not over yet
    TIDAK_DIUKUR = "tidak-diukur"  # no target for this quarter: nothing expected

    LABEL = {
        TERISI: "",
        BELUM_DIISI: "belum ada realisasi",
        BELUM_BERAKHIR: "triwulan belum berakhir",
        TIDAK_DIUKUR: "—",
    }


@dataclass(frozen=True)
class SelTriwulan:
    teks: str
    keadaan: str
    target_teks: str

    @property
    def label(self) -> str:
        return Keadaan.LABEL[self.keadaan]


@dataclass(frozen=True)
class BarisIku:
    kode: str
    uraian: str
    satuan: str
    sasaran: str
    polaritas: str
    target_teks: str
    realisasi_teks: str
    triwulan: tuple[SelTriwulan, ...]
    capaian: Decimal | None
    capaian_dibatasi: Decimal | None
    cap_persen: int | None
    pagu: Decimal | None
    realisasi_anggaran: Decimal | None
    serapan: Decimal | None
    efisiensi: Decimal | None
    kualifikasi: str
    ada_anggaran: bool
    ada_data: bool  # a target or a realisation recorded for the year

    band = Band("capaian")
    kelas_band = Teks("band", kelas_band)
    capaian_teks = Teks("capaian")
    efisiensi_teks = Teks("efisiensi")
    serapan_teks = Teks("serapan")

    @property
    def triwulan_kosong(self) -> int:
        return sum(1 for t in self.triwulan if t.keadaan == Keadaan.BELUM_DIISI)


@dataclass(frozen=True)
class BarisProgram:
    kode: str
    nama: str
    pagu: Decimal | None
    realisasi: Decimal | None
    serapan: Decimal | None
    serapan_tw: tuple[Decimal | None, ...]  # cumulative, TW I–IV

    pagu_teks = Teks("pagu", rupiah_teks)
    realisasi_teks = Teks("realisasi", rupiah_teks)
    serapan_teks = Teks("serapan")

    @property
    def serapan_tw_teks(self) -> tuple[str, ...]:
        return tuple(formulas.format_persen(s) if s is not None else "—" for s in self.serapan_tw)


@dataclass(frozen=True)
class LangkahStatus:
    dari: str
    ke: str
    aksi: str
    oleh: str
    waktu: datetime
    alasan: str

    @property
    def waktu_teks(self) -> str:
        local = timezone.localtime(self.waktu)
        return f"{formulas.format_tanggal(local.date())} {local:%H.%M}"


@dataclass(frozen=True)
class DasborOpd:
    opd_id: int
    kode: str
    nama: str
    tahun: int
    renstra: tuple[int, int] | None  # the Renstra period holding the year
    iku: tuple[BarisIku, ...]
    program: tuple[BarisProgram, ...]
    total: BarisProgram | None
    temuan: tuple[health.Temuan, ...]
    status: str
    status_sejak: datetime | None
    tanggal_laporan: date | None
    riwayat: tuple[LangkahStatus, ...]
    varian_efisiensi: str
    rumus_efisiensi: str

    @property
    def ada_data(self) -> bool:
        """A target, a realisation or a budget line recorded for the year (defined IKU alone are not
        data)."""
        return any(i.ada_data for i in self.iku) or bool(self.program)

    @property
    def ada_triwulan(self) -> bool:
        return self.total is not None and any(s is not None for s in self.total.serapan_tw)

    @property
    def terukur(self) -> list[BarisIku]:
        return [i for i in self.iku if i.capaian is not None]

    @property
    def iku_tercapai(self) -> int:
        return formulas.jumlah_mencapai_target(i.capaian for i in self.terukur)

    @property
    def rata_capaian(self) -> Decimal | None:
        return formulas.rata_rata_capaian(i.capaian_dibatasi for i in self.terukur)

    band = Band("rata_capaian")
    kelas_band = Teks("band", kelas_band)
    rata_capaian_teks = Teks("rata_capaian")

    @property
    def galat(self) -> list[health.Temuan]:
        return [t for t in self.temuan if t.tingkat == health.ERROR]

    @property
    def peringatan(self) -> list[health.Temuan]:
        return [t for t in self.temuan if t.tingkat != health.ERROR]

    @property
    def triwulan_kosong(self) -> int:
        return sum(i.triwulan_kosong for i in self.iku)

    @property
    def iku_diukur_triwulan(self) -> bool:
        """Some IKU has a quarterly target (otherwise a count of empty quarters says nothing)."""
        return any(t.keadaan != Keadaan.TIDAK_DIUKUR for i in self.iku for t in i.triwulan)

    @property
    def status_label(self) -> str:
        return StatusLaporan(self.status).label

    status_sejak_teks = Teks("status_sejak", tanggal_teks)


@dataclass(frozen=True)
class TitikTahun:
    tahun: int
    dalam_renstra: bool
    target_renstra_teks: str
    target_teks: str
    realisasi_teks: str
    realisasi: Decimal | None
    target_renstra: Decimal | None
    capaian: Decimal | None
    capaian_renstra: Decimal | None  # realisation against that year's Renstra target
    tren: str | None

    band = Band("capaian")
    kelas_band = Teks("band", kelas_band)
    capaian_teks = Teks("capaian")
    capaian_renstra_teks = Teks("capaian_renstra")


@dataclass(frozen=True)
class TrenIndikator:
    kode: str
    uraian: str
    satuan: str
    tingkat: str
    polaritas: str
    persen: bool
    renstra: tuple[int, int] | None
    titik: tuple[TitikTahun, ...]
    target_akhir_teks: str


@dataclass(frozen=True)
class AnggaranTahun:
    tahun: int
    pagu: Decimal | None
    realisasi: Decimal | None
    serapan: Decimal | None

    pagu_teks = Teks("pagu", rupiah_teks)
    realisasi_teks = Teks("realisasi", rupiah_teks)
    serapan_teks = Teks("serapan")


@dataclass(frozen=True)
class TrenProgram:
    kode: str
    nama: str
    anggaran: tuple[AnggaranTahun, ...]
    indikator: tuple[TrenIndikator, ...]
