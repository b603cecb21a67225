"""Reference data of the synthetic city, read from its data file (fixtures/kota/bekasi.toml).

The file holds the agencies of Kota Bekasi, their programs and IKU, and the nomenclature and names
the generator composes from; `muat()` reads it into the frozen dataclasses below and refuses a
malformed file with a message that names the entry (DataKotaRusak, a ValueError).
"""

from __future__ import annotations

import math
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings

KOTA_BEKASI = Path(settings.BASE_DIR) / "fixtures" / "kota" / "bekasi.toml"

JENIS = ("persen", "indeks", "angka")  # JenisNilai values the generator can produce
POLA = ("tw4", "tetap", "jumlah", "rata")
JUMLAH_POLA_KEGIATAN = (
    5  # each IKU is linked to kegiatan 01–05 of a program (kota_anggaran._tautan)
)


@dataclass(frozen=True)
class DefIku:
    uraian: str
    satuan: str
    jenis: str  # JenisNilai: persen, indeks, angka
    # "tw4" once a year; "tetap" level each quarter; "jumlah" counts; "rata" mean; and "program"
    # for the generated program indicators (a yearly value), which are not in the data file
    pola: str
    awal: float  # baseline (year before the Renstra)
    langkah: float  # target change per year (negative for indicators that should fall)
    negatif: bool = False
    desimal: int = 2


@dataclass(frozen=True)
class DefOpd:
    singkatan: str
    nama: str
    bidang: str  # bidang urusan code, e.g. "1.01"
    urusan: str  # name of the bidang urusan
    jabatan: str  # title of the head
    program: tuple[tuple[str, str], ...]  # (program number, name) besides Program Penunjang (01)
    iku: tuple[DefIku, ...]


@dataclass(frozen=True)
class DefKegiatan:
    """A kegiatan of Program Penunjang and its sub-kegiatan, as (code, name)."""

    kode: str  # e.g. "2.01"
    nama: str
    subkegiatan: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class DataKota:
    kota: str
    opd: tuple[DefOpd, ...]  # in the order of `--agencies N`
    iku_umum: tuple[DefIku, ...]  # filled in up to 8 IKU per agency
    penunjang: tuple[DefKegiatan, ...]
    pola_kegiatan: tuple[str, ...]  # kegiatan of a specific program: "<pola> <topik>"
    pola_subkegiatan: tuple[str, ...]  # sub-kegiatan of such a kegiatan
    nama_depan: tuple[str, ...]
    nama_depan_perempuan: tuple[str, ...]
    nama_belakang: tuple[str, ...]
    gelar_depan: tuple[str, ...]
    gelar_belakang: tuple[str, ...]
    pangkat: tuple[str, ...]


class DataKotaRusak(ValueError):
    """The city's data file is missing or malformed; the message names the file and the entry."""


def muat(path: Path | None = None) -> DataKota:
    """Read and check the city's data file (Kota Bekasi's unless another is given)."""
    path = path or KOTA_BEKASI
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise DataKotaRusak(f"{path}: berkas data kota tidak dapat dibaca: {exc}") from exc
    try:
        return _kota(raw)
    except DataKotaRusak as exc:
        raise DataKotaRusak(f"{path}: {exc}") from None


# --- reading and checking, entry by entry ---------------------------------------------------------

SINGKATAN = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
BIDANG = re.compile(r"\d\.\d{2}")
NOMOR_PROGRAM = re.compile(r"\d{2}")
KODE_KEGIATAN = re.compile(r"2\.\d{2}")
KODE_SUBKEGIATAN = re.compile(r"\d{4}")


def _kota(raw: dict[str, Any]) -> DataKota:
    top = _tabel(
        raw, "berkas", {"kota", "iku_umum", "opd", "kecamatan", "penunjang", "pola", "nama"}
    )
    pola = _tabel(top["pola"], "[pola]", {"kegiatan", "subkegiatan"})
    nama = _tabel(
        top["nama"],
        "[nama]",
        {"depan", "depan_perempuan", "belakang", "gelar_depan", "gelar_belakang", "pangkat"},
    )
    opd = tuple(_opd(entry, f"opd ke-{i}") for i, entry in enumerate(_daftar(top["opd"], "opd"), 1))
    opd += _kecamatan(top["kecamatan"])
    seen: set[str] = set()
    for d in opd:
        if d.singkatan in seen:
            raise DataKotaRusak(f"opd '{d.singkatan}': singkatan dipakai dua kali")
        seen.add(d.singkatan)
    penunjang = tuple(
        _kegiatan(entry, f"penunjang ke-{i}")
        for i, entry in enumerate(_daftar(top["penunjang"], "penunjang"), 1)
    )
    if "2.01" not in {k.kode for k in penunjang}:
        # The general IKU are supported by kegiatan 2.01 (perencanaan) of Program Penunjang.
        raise DataKotaRusak("penunjang: kegiatan '2.01' wajib ada")
    kegiatan = _daftar_teks(pola["kegiatan"], "[pola] kegiatan")
    if len(kegiatan) < JUMLAH_POLA_KEGIATAN:
        raise DataKotaRusak(
            f"[pola] kegiatan: minimal {JUMLAH_POLA_KEGIATAN} pola, bukan {len(kegiatan)}"
        )
    return DataKota(
        kota=_teks(top["kota"], "kota"),
        opd=opd,
        iku_umum=_daftar_iku(top["iku_umum"], "iku_umum"),
        penunjang=penunjang,
        pola_kegiatan=kegiatan,
        pola_subkegiatan=_daftar_teks(pola["subkegiatan"], "[pola] subkegiatan"),
        nama_depan=_daftar_teks(nama["depan"], "[nama] depan"),
        nama_depan_perempuan=_daftar_teks(nama["depan_perempuan"], "[nama] depan_perempuan"),
        nama_belakang=_daftar_teks(nama["belakang"], "[nama] belakang"),
        gelar_depan=_daftar_teks(nama["gelar_depan"], "[nama] gelar_depan", kosong=True),
        gelar_belakang=_daftar_teks(nama["gelar_belakang"], "[nama] gelar_belakang", kosong=True),
        pangkat=_daftar_teks(nama["pangkat"], "[nama] pangkat"),
    )


def _opd(entry: Any, where: str) -> DefOpd:
    if isinstance(entry, dict) and isinstance(entry.get("singkatan"), str):
        where = f"opd '{entry['singkatan']}'"
    t = _tabel(entry, where, {"singkatan", "nama", "bidang", "urusan", "jabatan", "program", "iku"})
    return DefOpd(
        singkatan=_kode(
            t["singkatan"], f"{where}: singkatan", SINGKATAN, "huruf kecil, angka, '-'"
        ),
        nama=_teks(t["nama"], f"{where}: nama"),
        bidang=_kode(t["bidang"], f"{where}: bidang", BIDANG, "mis. '1.01'"),
        urusan=_teks(t["urusan"], f"{where}: urusan"),
        jabatan=_teks(t["jabatan"], f"{where}: jabatan"),
        program=_program(t["program"], where),
        iku=_daftar_iku(t["iku"], f"{where}: iku"),
    )


def _kecamatan(entry: Any) -> tuple[DefOpd, ...]:
    """The kecamatan share their programs and IKU; each is an agency of its own."""
    where = "[kecamatan]"
    t = _tabel(entry, where, {"nama", "bidang", "urusan", "program", "iku"})
    bidang = _kode(t["bidang"], f"{where} bidang", BIDANG, "mis. '7.01'")
    urusan = _teks(t["urusan"], f"{where} urusan")
    program = _program(t["program"], where)
    iku = _daftar_iku(t["iku"], f"{where} iku")
    out = []
    for i, nama in enumerate(_daftar_teks(t["nama"], f"{where} nama"), 1):
        singkatan = f"kec-{nama.lower().replace(' ', '-')}"
        _kode(singkatan, f"{where} nama ke-{i}", SINGKATAN, "huruf, angka, spasi")
        out.append(
            DefOpd(
                singkatan=singkatan,
                nama=f"Kecamatan {nama}",
                bidang=bidang,
                urusan=urusan,
                jabatan=f"Camat {nama}",
                program=program,
                iku=iku,
            )
        )
    return tuple(out)


def _program(value: Any, where: str) -> tuple[tuple[str, str], ...]:
    out = []
    for i, entry in enumerate(_daftar(value, f"{where}: program"), 1):
        at = f"{where}: program ke-{i}"
        t = _tabel(entry, at, {"nomor", "nama"})
        nomor = _kode(t["nomor"], f"{at}: nomor", NOMOR_PROGRAM, "dua angka, mis. '02'")
        if nomor == "01" or nomor in {n for n, _ in out}:
            raise DataKotaRusak(
                f"{at}: nomor '{nomor}' sudah dipakai (01 adalah Program Penunjang)"
            )
        out.append((nomor, _teks(t["nama"], f"{at}: nama")))
    return tuple(out)


def _kegiatan(entry: Any, where: str) -> DefKegiatan:
    if isinstance(entry, dict) and isinstance(entry.get("kode"), str):
        where = f"penunjang '{entry['kode']}'"
    t = _tabel(entry, where, {"kode", "nama", "subkegiatan"})
    subs = []
    for i, sub in enumerate(_daftar(t["subkegiatan"], f"{where}: subkegiatan"), 1):
        at = f"{where}: subkegiatan ke-{i}"
        s = _tabel(sub, at, {"kode", "nama"})
        kode = _kode(s["kode"], f"{at}: kode", KODE_SUBKEGIATAN, "empat angka, mis. '0001'")
        subs.append((kode, _teks(s["nama"], f"{at}: nama")))
    return DefKegiatan(
        kode=_kode(t["kode"], f"{where}: kode", KODE_KEGIATAN, "mis. '2.01'"),
        nama=_teks(t["nama"], f"{where}: nama"),
        subkegiatan=tuple(subs),
    )


def _daftar_iku(value: Any, where: str) -> tuple[DefIku, ...]:
    return tuple(_iku(entry, f"{where} ke-{i}") for i, entry in enumerate(_daftar(value, where), 1))


def _iku(entry: Any, where: str) -> DefIku:
    t = _tabel(
        entry,
        where,
        {"uraian", "satuan", "jenis", "pola", "awal", "langkah"},
        opsional={"negatif", "desimal"},
    )
    desimal = t.get("desimal", 2)
    if type(desimal) is not int or not 0 <= desimal <= 6:
        raise DataKotaRusak(f"{where}: desimal harus bilangan bulat 0–6, bukan {desimal!r}")
    negatif = t.get("negatif", False)
    if not isinstance(negatif, bool):
        raise DataKotaRusak(f"{where}: negatif harus true atau false, bukan {negatif!r}")
    return DefIku(
        uraian=_teks(t["uraian"], f"{where}: uraian"),
        satuan=_teks(t["satuan"], f"{where}: satuan"),
        jenis=_pilihan(t["jenis"], f"{where}: jenis", JENIS),
        pola=_pilihan(t["pola"], f"{where}: pola", POLA),
        awal=_angka(t["awal"], f"{where}: awal"),
        langkah=_angka(t["langkah"], f"{where}: langkah"),
        negatif=negatif,
        desimal=desimal,
    )


def _tabel(
    value: Any, where: str, wajib: set[str], opsional: frozenset[str] | set[str] = frozenset()
):
    if not isinstance(value, dict):
        raise DataKotaRusak(f"{where}: harus berupa tabel, bukan {value!r}")
    if missing := sorted(wajib - value.keys()):
        raise DataKotaRusak(f"{where}: kunci wajib tidak ada: {', '.join(missing)}")
    if unknown := sorted(value.keys() - wajib - opsional):
        raise DataKotaRusak(f"{where}: kunci tidak dikenal: {', '.join(unknown)}")
    return value


def _daftar(value: Any, where: str) -> list:
    if not isinstance(value, list) or not value:
        raise DataKotaRusak(f"{where}: harus berupa daftar yang tidak kosong, bukan {value!r}")
    return value


def _daftar_teks(value: Any, where: str, *, kosong: bool = False) -> tuple[str, ...]:
    return tuple(
        _teks(v, f"{where} ke-{i}", kosong=kosong) for i, v in enumerate(_daftar(value, where), 1)
    )


def _teks(value: Any, where: str, *, kosong: bool = False) -> str:
    if not isinstance(value, str) or not (kosong or value.strip()):
        raise DataKotaRusak(f"{where}: harus berupa teks yang tidak kosong, bukan {value!r}")
    return value


def _kode(value: Any, where: str, pattern: re.Pattern, bentuk: str) -> str:
    if not isinstance(value, str) or not pattern.fullmatch(value):
        raise DataKotaRusak(f"{where}: {value!r} bukan kode yang sah ({bentuk})")
    return value


def _pilihan(value: Any, where: str, pilihan: tuple[str, ...]) -> str:
    if value not in pilihan:
        raise DataKotaRusak(f"{where}: {value!r} bukan salah satu dari {', '.join(pilihan)}")
    return value


def _angka(value: Any, where: str) -> int | float:
    # Kept as written (int or float): the targets are computed from it as before.
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise DataKotaRusak(f"{where}: harus berupa angka, bukan {value!r}")
    return value
