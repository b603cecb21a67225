"""The built report: frozen dataclasses with every number computed, ready to render without
queries."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields, is_dataclass, replace
from datetime import date
from decimal import Decimal
from typing import ClassVar

from lkip import formulas

BELUM_ADA_DATA = "belum ada data"


class Jenis:
    """How a cell's value is shown (and typed in the XLSX)."""

    TEKS = "teks"
    ANGKA = "angka"  # 2 decimals
    BULAT = "bulat"  # whole number with thousands dots (counts)
    RUPIAH = "rupiah"  # printed as BULAT (the header says "(Rp)"); Rp in the XLSX
    PERSEN = "persen"  # 2 decimals + %
    NILAI = "nilai"  # a value in the indicator's own unit: as many decimals as it has (≤ 2)


@dataclass(frozen=True)
class Sel:
    nilai: Decimal | int | str | None
    jenis: str = Jenis.TEKS
    rowspan: int = 1
    colspan: int = 1
    kelas: str = ""
    kosong: str = BELUM_ADA_DATA  # what to print for None
    satuan: str = ""  # printed after a NILAI ("%": the value is a percentage)
    predikat: str = ""  # a predicate beside (or instead of) the value: "77,26 (BB)", "BB"

    @property
    def angka(self) -> bool:
        return self.jenis != Jenis.TEKS

    @property
    def tidak_ada(self) -> bool:
        return (self.nilai is None or self.nilai == "") and not self.predikat

    @property
    def teks(self) -> str:
        """The value as printed (Indonesian notation, half-up)."""
        if self.tidak_ada:
            return self.kosong
        value = self.nilai
        if value is None or value == "":
            return self.predikat
        if self.jenis == Jenis.TEKS or isinstance(value, str):
            return str(value)
        if self.jenis in (Jenis.BULAT, Jenis.RUPIAH):
            return formulas.format_angka(value, 0)
        if self.jenis == Jenis.PERSEN:
            return formulas.format_persen(value)
        if self.jenis == Jenis.NILAI:
            shown = formulas.format_angka(value, formulas.tempat_nilai(formulas.bulatkan(value)))
            return shown + self.satuan + (f" ({self.predikat})" if self.predikat else "")
        return formulas.format_angka(value)


def teks(value: str | None, **kw) -> Sel:
    return Sel(value, Jenis.TEKS, **kw)


def baris_berjenjang(
    sasaran_list: Sequence,
    indikator_of: Callable[[object], Sequence],
    tujuan_sel: Callable[[object, int], Sequence[Sel]],
    indikator_sel: Callable[[object | None], Sequence[Sel]],
) -> list[tuple[Sel, ...]]:
    """The rows of a tujuan › sasaran › indicator table (Tabel 2.1 of the agency's LKIP and of
    the pemda's): a tujuan's cells span the rows of all its sasaran, a sasaran's cell the rows of
    its indicators, and a sasaran without an indicator has one row, `indikator_sel(None)`.
    `tujuan_sel(sasaran, nomor)`: its tujuan's cells (nomor 1, 2, … in order of appearance)."""
    rows = []
    tujuan_seen: set[int] = set()
    for sasaran in sasaran_list:
        inds = indikator_of(sasaran) or [None]
        tujuan_rows = sum(
            len(indikator_of(s) or [None]) for s in sasaran_list if s.tujuan_id == sasaran.tujuan_id
        )
        for k, ind in enumerate(inds):
            row: list[Sel] = []
            if sasaran.tujuan_id not in tujuan_seen:
                tujuan_seen.add(sasaran.tujuan_id)
                row += [
                    replace(sel, rowspan=tujuan_rows)
                    for sel in tujuan_sel(sasaran, len(tujuan_seen))
                ]
            if k == 0:
                row.append(teks(sasaran.uraian, rowspan=len(inds)))
            row += indikator_sel(ind)
            rows.append(tuple(row))
    return rows


def rp(value: Decimal | int | None, **kw) -> Sel:
    return Sel(value, Jenis.RUPIAH, **kw)


def pct(value: Decimal | None, **kw) -> Sel:
    return Sel(value, Jenis.PERSEN, **kw)


def nilai(value: Decimal | int | None, **kw) -> Sel:
    return Sel(value, Jenis.NILAI, **kw)


@dataclass(frozen=True)
class Kepala:
    """A header cell."""

    label: str
    rowspan: int = 1
    colspan: int = 1
    lebar: str = ""  # CSS width, e.g. "30%"


@dataclass(frozen=True)
class Tabel:
    jenis: ClassVar[str] = "tabel"
    id: str
    nomor: str
    judul: str
    kepala: tuple[tuple[Kepala, ...], ...]
    baris: tuple[tuple[Sel, ...], ...]
    sumber: str
    catatan: tuple[str, ...] = ()
    kelas: str = ""
    nomor_kolom: bool = False  # print the (1) (2) (3) row under the header

    @property
    def jumlah_kolom(self) -> int:
        return (
            sum(k.colspan for k in self.kepala[-1])
            if len(self.kepala) == 1
            else max(sum(k.colspan for k in row) for row in self.kepala)
        )

    @property
    def label(self) -> str:
        return f"Tabel {self.nomor}"


@dataclass(frozen=True)
class Gambar:
    jenis: ClassVar[str] = "gambar"
    id: str
    nomor: str
    judul: str
    svg: str
    sumber: str
    keterangan: str = ""

    @property
    def label(self) -> str:
        return f"Gambar {self.nomor}"


@dataclass(frozen=True)
class Paragraf:
    jenis: ClassVar[str] = "paragraf"
    teks: str


@dataclass(frozen=True)
class Daftar:
    """A bulleted or numbered list; an item may hold a list of its own (the seed's 1. … a. b.)."""

    jenis: ClassVar[str] = "daftar"

    butir: tuple[str, ...]
    bernomor: bool = True
    #: the nested list under each item (None where an item has none); empty: no nesting
    anak: tuple[Daftar | None, ...] = ()
    #: the markers: "1" (1. 2.), "a" (a. b.), "A" (A. B.), "-" (bullets), "polos" (none);
    #: "" = as `bernomor` says
    gaya: str = ""

    @property
    def penanda(self) -> str:
        return self.gaya or ("1" if self.bernomor else "-")

    @property
    def isi(self) -> tuple[tuple[str, Daftar | None], ...]:
        """Each item with its nested list (None when it has none)."""
        anak = self.anak or (None,) * len(self.butir)
        return tuple(zip(self.butir, anak, strict=True))


@dataclass(frozen=True)
class Subjudul:
    jenis: ClassVar[str] = "subjudul"
    teks: str
    tingkat: int = 3
    id: str = ""


Blok = Paragraf | Daftar | Tabel | Gambar | Subjudul


@dataclass(frozen=True)
class Bagian:
    id: str
    nomor: str  # "BAB I", "1.1", "A", "" ...
    judul: str
    blok: tuple[Blok, ...] = ()
    sub: tuple[Bagian, ...] = ()
    kelas: str = ""  # "lanskap": printed on landscape pages (the widest tables)

    @property
    def judul_lengkap(self) -> str:
        return f"{self.nomor} {self.judul}".strip()


@dataclass(frozen=True)
class Penandatangan:
    tempat_tanggal: str
    jabatan: str
    nama: str
    pangkat: str
    nip: str
    label: str = ""  # "PIHAK PERTAMA"

    @property
    def lengkap(self) -> bool:
        return all([self.jabatan, self.nama, self.pangkat, self.nip])


@dataclass(frozen=True)
class Temuan:
    aturan: str
    tingkat: str
    lokasi: str
    pesan: str


@dataclass(frozen=True)
class Laporan:
    opd_kode: str
    opd_nama: str
    pemda_nama: str
    tahun: int
    judul: str
    tanggal: date | None
    penandatangan: Penandatangan
    kata_pengantar: tuple[Blok, ...]
    ikhtisar: tuple[Blok, ...]
    bab: tuple[Bagian, ...]
    lampiran: tuple[Bagian, ...]
    temuan: tuple[Temuan, ...] = ()
    draf: bool = True
    ringkasan: dict = field(default_factory=dict)
    penandatangan_pk: tuple[Penandatangan, ...] = ()
    #: the pemda's emblem for the cover, a checked PNG or SVG as a data: URI ('' without one)
    lambang: str = ""

    def semua_tabel(self) -> list[Tabel]:
        return [b for b in self._blok() if isinstance(b, Tabel)]

    def semua_gambar(self) -> list[Gambar]:
        return [b for b in self._blok() if isinstance(b, Gambar)]

    def _blok(self):
        def walk(bagian: Bagian):
            yield from bagian.blok
            for sub in bagian.sub:
                yield from walk(sub)

        yield from self.ikhtisar
        for bagian in (*self.bab, *self.lampiran):
            yield from walk(bagian)


@dataclass(frozen=True)
class TandaTanganElektronik:
    """What a signed render adds to the report: the TTE stamp, its QR code and the page footer."""

    dokumen_id: str
    revisi: int
    nama: str
    jabatan: str
    waktu: str  # as printed, e.g. "27 November 2026 pukul 21.18 WIB"
    url_verifikasi: str
    qr_svg: str
    sertifikat_subjek: str
    penerbit: str
    demo: bool
    lebar_mm: int = 66  # the stamp box that the PDF signature field covers exactly
    tinggi_mm: int = 24

    @property
    def kaki(self) -> tuple[str, ...]:
        """The customary electronic-signature footer (domain spec §8.4), honest about a demo
        certificate."""
        if self.demo:
            sertifikat = (
                "SERTIFIKAT DEMO yang dibuat sendiri oleh aplikasi LKIP, bukan sertifikat "
                "elektronik dari BSrE, BSSN; tidak sah untuk penggunaan resmi"
            )
        else:
            sertifikat = f"sertifikat elektronik yang diterbitkan oleh {self.penerbit}"
        return (
            f"Dokumen ini telah ditandatangani secara elektronik menggunakan {sertifikat}.",
            (
                "UU ITE Pasal 5 ayat (1): Informasi Elektronik dan/atau Dokumen Elektronik "
                "dan/atau hasil cetaknya merupakan alat bukti hukum yang sah."
            ),
            f"Verifikasi keaslian: {self.url_verifikasi}"
            + (f" \u00b7 Revisi {self.revisi}" if self.revisi else ""),
        )

    @property
    def kaki_css(self) -> str:
        """The footer lines as one CSS string (for the page margin boxes)."""
        text = "\n".join(self.kaki)
        for char, escaped in (("\\", "\\\\"), ('"', '\\"'), ("<", "\\3C "), ("\n", "\\A ")):
            text = text.replace(char, escaped)
        return f'"{text}"'  # safe inside <style>: no quote, backslash or "<" left unescaped


# --- Snapshot: the built report as JSON, so a signed revision can be rendered again unchanged ----

SNAPSHOT_VERSI = 1
_KELAS = {
    cls.__name__: cls
    for cls in (
        Sel,
        Kepala,
        Tabel,
        Gambar,
        Paragraf,
        Daftar,
        Subjudul,
        Bagian,
        Penandatangan,
        Temuan,
        Laporan,
    )
}


def to_json(laporan: Laporan) -> dict:
    """The whole report tree as JSON-safe data (Decimal and date kept exactly)."""
    return {"versi": SNAPSHOT_VERSI, "laporan": _encode(laporan)}


def from_json(data: dict) -> Laporan:
    """The report tree back from to_json(); raises ValueError on data it does not understand."""
    if not isinstance(data, dict) or data.get("versi") != SNAPSHOT_VERSI:
        raise ValueError("Snapshot laporan tidak dikenali (versi berbeda).")
    laporan = _decode(data["laporan"])
    if not isinstance(laporan, Laporan):
        raise ValueError("Snapshot laporan tidak memuat laporan.")
    return laporan


def _encode(value):
    if is_dataclass(value):
        out = {"_t": type(value).__name__}
        for f in fields(value):
            out[f.name] = _encode(getattr(value, f.name))
        return out
    if isinstance(value, Decimal):
        return {"_d": str(value)}
    if isinstance(value, date):
        return {"_date": value.isoformat()}
    if isinstance(value, (list, tuple)):
        return [_encode(v) for v in value]
    if isinstance(value, dict):
        return {"_map": {str(k): _encode(v) for k, v in value.items()}}
    if value is None or isinstance(value, (str, int, bool)):
        return value
    raise TypeError(f"Nilai {type(value).__name__} tidak dapat disimpan dalam snapshot.")


def _decode(value):
    if isinstance(value, list):
        return tuple(_decode(v) for v in value)
    if isinstance(value, dict):
        if "_d" in value:
            return Decimal(value["_d"])
        if "_date" in value:
            return date.fromisoformat(value["_date"])
        if "_map" in value:
            return {k: _decode(v) for k, v in value["_map"].items()}
        cls = _KELAS.get(value.get("_t", ""))
        if cls is None:
            raise ValueError(f"Jenis '{value.get('_t')}' tidak dikenal dalam snapshot.")
        return cls(**{k: _decode(v) for k, v in value.items() if k != "_t"})
    return value
