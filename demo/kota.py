"""A synthetic city beside the demo agency: many agencies, years of data, reproducible from a seed.

`buat_kota(40, 3, seed=1)` creates 40 agencies of "Pemerintah Kota Bekasi" (the demo agency
dinsos-kota-bekasi is not touched): a Renstra, about 8 IKU with quarterly Perjanjian Kinerja targets
and realisations, 10 program indicators, about 300 budget lines per year with codes of the agency's
own urusan, LKIP workflow states with their history, and a Kepala Dinas and a Perencana user each.
Capaian and serapan vary by agency; some agencies carry deliberate data-health errors (realisasi
above pagu, a kegiatan whose realisasi differs from its sub-kegiatan, an IKU without a target) and
some report a quarter late. The last year is the year in progress: realisations up to TW III.

`pemda_ke=n` (n ≥ 2) builds the same kind of city for another pemda, "Pemerintah Kota Sintetis n"
(created when missing), with its own agency codes (`disdik-sintetis-02`), user names
(`kepala.disdik.02`) and random numbers: `generate_demo_city --pemda 30` writes a province of 30
pemda, about 1.200 agencies, one transaction per pemda.

Everything is written with bulk_create in one transaction (no audit history for synthetic rows);
the same seed gives the same data. A second run is refused rather than merged. The workflow
states are data only: an LKIP marked "ditandatangani" has its history but no signed PDF.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from budget.models import Anggaran, Nomenklatur
from demo import kota_data
from demo.kota_anggaran import (
    RINCIAN_PENUH,
    Tahun,
    baris_anggaran,
    pohon_anggaran,
    topik,
)
from demo.kota_data import DataKota, DefIku, DefOpd
from demo.kota_pemda import tulis_pemda
from demo.opd import DEMO_PASSWORD
from indicators.models import Agregasi, Indikator, JenisNilai, Polaritas, Tingkat
from lkip import formulas
from lkip.models import Pemda, Penugasan, PerangkatDaerah
from lkip.roles import ROLE_GROUPS
from reports.models import AksiAlur, LaporanTahunan, RiwayatStatus, StatusLaporan
from targets.models import JenisTarget, Realisasi, Renstra, Sasaran, Target, Tujuan

PEMDA = "Pemerintah Kota Bekasi"


class KotaSudahAda(Exception):
    """The synthetic city (or one of its agencies or users) already exists."""


class KotaSudahDibuat(KotaSudahAda):
    """This pemda's synthetic agencies (or users) are there already (a province may skip it)."""


@dataclass
class HasilKota:
    opd: int = 0
    anggaran: int = 0
    indikator: int = 0
    target: int = 0
    realisasi: int = 0
    pengguna: int = 0
    galat_sengaja: dict[str, str] = field(default_factory=dict)  # agency code → kind of error
    pemda: bool = False  # the pemda-level data (RPJMD, IKU of the Kepala Daerah) was written
    detik: float = 0.0


def kode_opd(d: DefOpd, pemda_ke: int = 1) -> str:
    return (
        f"{d.singkatan}-kota-bekasi" if pemda_ke == 1 else f"{d.singkatan}-sintetis-{pemda_ke:02d}"
    )


def nama_pemda(pemda_ke: int) -> str:
    return PEMDA if pemda_ke == 1 else f"Pemerintah Kota Sintetis {pemda_ke:02d}"


def _kota(pemda_ke: int, kota: str) -> str:
    """The city's name in agency names ("Dinas Pendidikan Kota Bekasi")."""
    return kota if pemda_ke == 1 else f"Kota Sintetis {pemda_ke:02d}"


def _pengguna_nama(role: str, d: DefOpd, pemda_ke: int) -> str:
    return f"{role}.{d.singkatan}" if pemda_ke == 1 else f"{role}.{d.singkatan}.{pemda_ke:02d}"


def _d(value: float | Decimal, places: int = 2) -> Decimal:
    return formulas.bulatkan(Decimal(str(value)), places)


def buat_kota(
    jumlah_opd: int = 40,
    jumlah_tahun: int = 3,
    seed: int = 1,
    *,
    tahun_awal: int = 2024,
    rincian: int = RINCIAN_PENUH,
    mulai: int = 0,
    pemda_ke: int = 1,
) -> HasilKota:
    """Create the synthetic city in one transaction; KotaSudahAda if it (partly) exists.

    `mulai` skips the first agencies of the list, so a city can grow in steps (the tests do).
    The agencies and their programs and IKU come from the city's data file (kota_data.muat()).
    `pemda_ke` ≥ 2 writes the city of another pemda (see the module's docstring).
    """
    kota = kota_data.muat()
    if not 1 <= jumlah_opd <= len(kota.opd) - mulai or mulai < 0:
        raise ValueError(
            f"Jumlah perangkat daerah harus antara 1 dan {len(kota.opd) - mulai}, bukan "
            f"{jumlah_opd}."
        )
    if not 1 <= jumlah_tahun <= 5:
        raise ValueError(f"Jumlah tahun harus antara 1 dan 5, bukan {jumlah_tahun}.")
    if not 1 <= rincian <= RINCIAN_PENUH:
        raise ValueError(f"Rincian sub-kegiatan per kegiatan harus antara 1 dan {RINCIAN_PENUH}.")
    if not 1 <= pemda_ke <= 99:
        raise ValueError(f"Nomor pemda harus antara 1 dan 99, bukan {pemda_ke}.")
    started = time.perf_counter()
    defs = kota.opd[mulai : mulai + jumlah_opd]
    with transaction.atomic():
        if pemda_ke == 1:
            pemda = Pemda.objects.filter(nama=PEMDA).first()
            if pemda is None:
                raise KotaSudahAda(f"{PEMDA} belum ada: jalankan load_demo terlebih dahulu.")
        else:
            pemda, _ = Pemda.objects.get_or_create(
                nama=nama_pemda(pemda_ke),
                defaults={
                    "kepala_daerah_nama": f"Wali Kota Sintetis {pemda_ke:02d}",
                    "kepala_daerah_jabatan": "Wali Kota",
                },
            )
        _tolak_bila_ada(defs, pemda_ke)
        gen = _Generator(
            kota,
            pemda,
            defs,
            list(range(tahun_awal, tahun_awal + jumlah_tahun)),
            # pemda 1 keeps the data it always had; the others draw their own numbers
            seed if pemda_ke == 1 else f"{seed}/{pemda_ke}",
            rincian,
            pemda_ke,
        )
        result = gen.run()
    result.detik = time.perf_counter() - started
    return result


def _tolak_bila_ada(defs, pemda_ke: int) -> None:
    codes = [kode_opd(d, pemda_ke) for d in defs]
    found = list(PerangkatDaerah.objects.filter(kode__in=codes).values_list("kode", flat=True)[:3])
    if found:
        raise KotaSudahDibuat(
            f"Kota sintetis sudah dibuat (mis. {', '.join(found)}); perintah ini tidak dijalankan "
            "dua kali. Gunakan basis data baru untuk membuatnya ulang."
        )
    users = [_pengguna_nama(role, d, pemda_ke) for d in defs for role in ("kepala", "perencana")]
    taken = list(
        get_user_model().objects.filter(username__in=users).values_list("username", flat=True)[:3]
    )
    if taken:
        raise KotaSudahDibuat(f"Nama pengguna sudah dipakai: {', '.join(taken)}.")


@dataclass(frozen=True)
class _Profil:
    """An agency's character: how well it performs and spends, which error it carries."""

    kinerja: float
    serapan: float
    batas: int | None
    galat: str
    terlambat: bool


class _Generator:
    def __init__(
        self,
        kota: DataKota,
        pemda: Pemda,
        defs,
        years: list[int],
        seed: int | str,
        rincian: int,
        pemda_ke: int = 1,
    ):
        self.kota = kota
        self.pemda_ke = pemda_ke
        self.nama_kota = _kota(pemda_ke, kota.kota)
        self.pemda, self.defs, self.years, self.seed, self.rincian = (
            pemda,
            defs,
            years,
            seed,
            rincian,
        )
        self.berjalan = years[-1]  # the year in progress: realisations up to TW III
        self.renstra = (years[0], max(years[0] + 2, years[-1]))
        self.result = HasilKota()
        self.nomenklatur: dict[str, Nomenklatur] = {}
        self.profil: dict[int, _Profil] = {}

    def rng(self, *parts) -> random.Random:
        return random.Random(":".join(str(p) for p in (self.seed, *parts)))

    def run(self) -> HasilKota:
        self._nomenklatur()
        opds = self._opd()
        users = self._pengguna(opds)
        for d, opd in zip(self.defs, opds, strict=True):
            self._profil(d, opd)
        self._tulis_rencana(opds)
        self._tulis_anggaran(opds)
        self._tulis_laporan(opds, users)
        # The pemda's own LKIP (rpjmd), written once with the city's first agencies.
        self.result.pemda = tulis_pemda(
            self.pemda, opds, self.renstra, self.years, self.seed, self.pemda_ke
        )
        return self.result

    # --- reference rows ---------------------------------------------------------------------

    def _nomenklatur(self) -> None:
        wanted: dict[str, str] = {}
        for d in self.defs:
            for code, name in pohon_anggaran(self.kota, d, self.rincian):
                wanted.setdefault(code, name)
        existing = {n.kode: n for n in Nomenklatur.objects.filter(kode__in=wanted)}
        for level in (
            formulas.TingkatKode.PROGRAM,
            formulas.TingkatKode.KEGIATAN,
            formulas.TingkatKode.SUBKEGIATAN,
        ):
            new = []
            for code, name in wanted.items():
                if code in existing or formulas.tingkat_kode(code) is not level:
                    continue
                parent = formulas.kode_induk(code)
                induk = existing.get(parent) if parent else None
                new.append(
                    Nomenklatur(
                        kode=formulas.normalisasi_kode(code),
                        nama=name,
                        tingkat=level.value,
                        induk=induk,
                        keputusan="Kepmendagri 050-5889/2021",
                    )
                )
            for n in Nomenklatur.objects.bulk_create(new, batch_size=1000):
                existing[n.kode] = n
        self.nomenklatur = existing

    def _opd(self) -> list[PerangkatDaerah]:
        rows = []
        for d in self.defs:
            kota = self.kota
            urut = kota.opd.index(d) + 1
            rng = self.rng("kepala", d.singkatan)
            perempuan = rng.random() < 0.35
            depan = rng.choice(kota.nama_depan_perempuan if perempuan else kota.nama_depan)
            gelar = rng.choice(
                [g for g in kota.gelar_depan if g != ("H. " if perempuan else "Hj. ")]
            )
            nama = (
                f"{gelar}{depan} {rng.choice(kota.nama_belakang)}{rng.choice(kota.gelar_belakang)}"
            )
            lahir = date(rng.randint(1968, 1979), rng.randint(1, 12), rng.randint(1, 28))
            nip = (
                f"{lahir:%Y%m%d}{lahir.year + rng.randint(24, 29)}{rng.randint(1, 12):02d}"
                f"{2 if perempuan else 1}{rng.randint(1, 99):03d}"
            )
            rows.append(
                PerangkatDaerah(
                    pemda=self.pemda,
                    kode=kode_opd(d, self.pemda_ke),
                    kode_skpd=f"{d.bidang}.0.00.0.00.{urut:02d}.0000",
                    nama=f"{d.nama} {self.nama_kota}",
                    kota_ttd="Bekasi",
                    kepala_nama=nama,
                    kepala_nip=formulas.format_nip(nip),
                    kepala_pangkat=rng.choice(kota.pangkat),
                    kepala_jabatan=f"{d.jabatan} {self.nama_kota}",
                )
            )
        opds = PerangkatDaerah.objects.bulk_create(rows)
        self.result.opd = len(opds)
        return opds

    def _pengguna(self, opds: list[PerangkatDaerah]) -> dict[int, dict[str, object]]:
        User = get_user_model()
        password = make_password(DEMO_PASSWORD)  # hashed once: every synthetic user shares it
        rows, roles = [], []
        for d, opd in zip(self.defs, opds, strict=True):
            first, _, last = opd.kepala_nama.partition(" ")
            rows.append(
                User(
                    username=_pengguna_nama("kepala", d, self.pemda_ke),
                    password=password,
                    first_name=first[:150],
                    last_name=last[:150],
                )
            )
            roles.append((opd, "kepala_dinas"))
            rows.append(
                User(
                    username=_pengguna_nama("perencana", d, self.pemda_ke),
                    password=password,
                    first_name="Perencana",
                    last_name=d.nama[:150],
                )
            )
            roles.append((opd, "perencana"))
        users = User.objects.bulk_create(rows)
        groups = {g.name: g for g in Group.objects.filter(name__in=ROLE_GROUPS.values())}
        User.groups.through.objects.bulk_create(
            [
                User.groups.through(user_id=u.pk, group_id=groups[ROLE_GROUPS[role]].pk)
                for u, (_, role) in zip(users, roles, strict=True)
                if ROLE_GROUPS[role] in groups
            ]
        )
        Penugasan.objects.bulk_create(
            [
                Penugasan(user=u, pemda=self.pemda, opd=opd)
                for u, (opd, _) in zip(users, roles, strict=True)
            ]
        )
        self.result.pengguna = len(users)
        out: dict[int, dict[str, object]] = {}
        for u, (opd, role) in zip(users, roles, strict=True):
            out.setdefault(opd.pk, {})[role] = u
        return out

    # --- plans, targets and realisations ----------------------------------------------------

    def _profil(self, d: DefOpd, opd: PerangkatDaerah) -> None:
        rng = self.rng("profil", d.singkatan)
        p = _Profil(
            kinerja=rng.choice((0.42, 0.55, 0.64, 0.72, 0.8, 0.87, 0.94, 1.0, 1.06, 1.14)),
            serapan=rng.choice((0.52, 0.66, 0.76, 0.84, 0.9, 0.94, 0.97)),
            batas=120 if rng.random() < 0.5 else None,
            galat=rng.choice(("bud2", "bud3", "data1")) if rng.random() < 0.35 else "",
            terlambat=rng.random() < 0.3,
        )
        self.profil[opd.pk] = p
        if p.galat:
            self.result.galat_sengaja[opd.kode] = p.galat

    def _tulis_rencana(self, opds: list[PerangkatDaerah]) -> None:
        renstra = Renstra.objects.bulk_create(
            [
                Renstra(
                    opd=opd,
                    tahun_awal=self.renstra[0],
                    tahun_akhir=self.renstra[1],
                    dasar=(
                        "Peraturan Wali Kota Bekasi tentang Renstra Perangkat Daerah "
                        f"{self.renstra[0]}–{self.renstra[1]}"
                    ),
                )
                for opd in opds
            ]
        )
        tujuan = Tujuan.objects.bulk_create(
            [
                Tujuan(renstra=r, kode=kode, uraian=uraian, urutan=i)
                for r, d in zip(renstra, self.defs, strict=True)
                for i, (kode, uraian) in enumerate(
                    (
                        ("T1", f"Meningkatkan kualitas penyelenggaraan urusan {d.urusan.lower()}"),
                        (
                            "T2",
                            "Mewujudkan tata kelola perangkat daerah yang akuntabel dan melayani",
                        ),
                    ),
                    start=1,
                )
            ]
        )
        sasaran = Sasaran.objects.bulk_create(
            [
                Sasaran(renstra=t.renstra, tujuan=t, kode=kode, uraian=uraian, urutan=i)
                for t, d in zip(tujuan, [d for d in self.defs for _ in range(2)], strict=True)
                for i, (kode, uraian) in enumerate(
                    (
                        ("S1", f"Meningkatnya cakupan dan mutu layanan {d.urusan.lower()}"),
                        ("S2", f"Meningkatnya hasil pembangunan bidang {d.urusan.lower()}"),
                    )
                    if t.kode == "T1"
                    else (
                        ("S3", "Meningkatnya akuntabilitas kinerja dan kualitas pelayanan publik"),
                    ),
                    start=1,
                )
            ]
        )
        by_renstra: dict[int, dict[str, Sasaran]] = {}
        for s in sasaran:
            by_renstra.setdefault(s.renstra_id, {})[s.kode] = s
        indikator, plans = [], []
        self.terlambat_ind: dict[int, int | None] = {}
        for d, opd, r in zip(self.defs, opds, renstra, strict=True):
            s = by_renstra[r.pk]
            umum = self.kota.iku_umum
            defs = list(d.iku) + list(umum[: max(0, 8 - len(d.iku))])
            for i, df in enumerate(defs, start=1):
                target_sasaran = s["S3"] if df in umum else s["S1" if i % 2 else "S2"]
                indikator.append(
                    Indikator(
                        opd=opd,
                        kode=f"IKU-{i}",
                        tingkat=Tingkat.IKU,
                        sasaran=target_sasaran,
                        uraian=df.uraian,
                        satuan=df.satuan,
                        jenis_nilai=df.jenis,
                        polaritas=Polaritas.NEGATIF if df.negatif else Polaritas.POSITIF,
                        agregasi={"jumlah": Agregasi.JUMLAH, "rata": Agregasi.RATA_RATA}.get(
                            df.pola, Agregasi.TERAKHIR
                        ),
                        cap_persen=self.profil[opd.pk].batas,
                        urutan=i,
                        sumber_data=f"Data {d.nama} {self.kota.kota}",
                        rumus="Realisasi dibandingkan dengan target Perjanjian Kinerja.",
                    )
                )
                plans.append((opd, df, i))
            late_first = next((i for i, df in enumerate(defs, start=1) if df.pola != "tw4"), None)
            self.terlambat_ind[opd.pk] = late_first if self.profil[opd.pk].terlambat else None
            for k, (nomor, program) in enumerate(
                (("01", "Program Penunjang Urusan Pemerintahan Daerah"), *d.program)
            ):
                nomen = self.nomenklatur[f"{d.bidang}.{nomor}"]
                for j, uraian in enumerate(
                    (
                        f"Persentase capaian sasaran {topik(program)}",
                        f"Persentase kegiatan {topik(program)} yang terlaksana tepat waktu",
                    )
                ):
                    n = k * 2 + j + 1
                    indikator.append(
                        Indikator(
                            opd=opd,
                            kode=f"IP-{n:02d}",
                            tingkat=Tingkat.PROGRAM,
                            nomenklatur=nomen,
                            uraian=uraian,
                            satuan="%",
                            jenis_nilai=JenisNilai.PERSEN,
                            agregasi=Agregasi.TERAKHIR,
                            urutan=100 + n,
                        )
                    )
                    rng = self.rng("ip", d.singkatan, n)
                    plans.append(
                        (
                            opd,
                            DefIku(
                                uraian,
                                "%",
                                "persen",
                                "program",
                                rng.uniform(62, 88),
                                rng.uniform(1.5, 4.5),
                            ),
                            None,
                        )
                    )
        indikator = Indikator.objects.bulk_create(indikator, batch_size=1000)
        self.result.indikator = len(indikator)
        self.iku_opd: dict[int, list[Indikator]] = {}
        targets, reals = [], []
        for ind, (opd, df, nomor) in zip(indikator, plans, strict=True):
            if ind.tingkat == Tingkat.IKU:
                self.iku_opd.setdefault(opd.pk, []).append(ind)
            self._nilai(ind, opd, df, nomor, targets, reals)
        self.result.target = len(Target.objects.bulk_create(targets, batch_size=2000))
        self.result.realisasi = len(Realisasi.objects.bulk_create(reals, batch_size=2000))

    def _target(self, df: DefIku, tahun: int) -> Decimal:
        value = df.awal + df.langkah * (tahun - self.renstra[0] + 1)
        if df.jenis == JenisNilai.PERSEN:
            value = min(value, 100.0)
        return _d(max(value, 0.0), df.desimal)

    def _nilai(
        self, ind: Indikator, opd, df: DefIku, nomor: int | None, targets: list, reals: list
    ) -> None:
        rng = self.rng("nilai", opd.kode, ind.kode)
        p = self.profil[opd.pk]
        for y in range(self.renstra[0], self.renstra[1] + 1):
            targets.append(
                Target(
                    indikator=ind,
                    tahun=y,
                    jenis=JenisTarget.RENSTRA,
                    periode=0,
                    nilai=self._target(df, y),
                )
            )
        # The year before the Renstra: the baseline realisation.
        reals.append(
            Realisasi(
                indikator=ind, tahun=self.renstra[0] - 1, periode=0, nilai=_d(df.awal, df.desimal)
            )
        )
        missing_target = p.galat == "data1" and nomor == 2
        late = nomor is not None and nomor == self.terlambat_ind.get(opd.pk)
        for y in self.years:
            t = self._target(df, y)
            if not (missing_target and y == self.years[0]):
                targets.extend(self._target_pk(ind, df, y, t))
            f = max(0.25, min(1.7, p.kinerja + rng.gauss(0, 0.12) + 0.03 * (y - self.years[0])))
            r = t * Decimal(str(f)) if not df.negatif else t * Decimal(str(max(0.0, 2 - f)))
            if df.jenis == JenisNilai.PERSEN:
                r = min(r, Decimal(100))
            quarters = 3 if y == self.berjalan else 4
            if df.pola == "program":
                if quarters == 4:
                    reals.append(
                        Realisasi(indikator=ind, tahun=y, periode=0, nilai=_d(r, df.desimal))
                    )
                continue
            skip = rng.choice((2, 3)) if late and quarters == 4 and y != self.years[0] else None
            for q, value in self._triwulan(df, r, quarters, rng):
                if q != skip:
                    reals.append(
                        Realisasi(
                            indikator=ind,
                            tahun=y,
                            periode=q,
                            nilai=value,
                            faktor_pendukung=(
                                "Dukungan lintas perangkat daerah dan partisipasi masyarakat."
                            ),
                            faktor_penghambat=(
                                "Keterbatasan anggaran dan sumber daya manusia pelaksana."
                            ),
                        )
                    )

    def _target_pk(self, ind: Indikator, df: DefIku, tahun: int, t: Decimal) -> list[Target]:
        rows = [Target(indikator=ind, tahun=tahun, jenis=JenisTarget.PK, periode=0, nilai=t)]
        if df.pola == "tw4":
            rows.append(
                Target(indikator=ind, tahun=tahun, jenis=JenisTarget.PK, periode=4, nilai=t)
            )
        elif df.pola in ("tetap", "rata"):
            rows += [
                Target(indikator=ind, tahun=tahun, jenis=JenisTarget.PK, periode=q, nilai=t)
                for q in range(1, 5)
            ]
        elif df.pola == "jumlah":
            parts = [
                _d(t * s, df.desimal) for s in (Decimal("0.2"), Decimal("0.25"), Decimal("0.25"))
            ]
            parts.append(t - sum(parts, Decimal(0)))
            rows += [
                Target(indikator=ind, tahun=tahun, jenis=JenisTarget.PK, periode=q, nilai=v)
                for q, v in enumerate(parts, start=1)
            ]
        return rows

    def _triwulan(
        self, df: DefIku, r: Decimal, quarters: int, rng: random.Random
    ) -> list[tuple[int, Decimal]]:
        if df.pola == "tw4":
            return [(4, _d(r, df.desimal))] if quarters == 4 else []
        if df.pola == "jumlah":
            shares = [Decimal(str(s * rng.uniform(0.85, 1.15))) for s in (0.2, 0.25, 0.25, 0.3)]
            return [(q, _d(r * s, df.desimal)) for q, s in enumerate(shares[:quarters], start=1)]
        if df.pola == "rata":
            return [
                (q, _d(r * Decimal(str(rng.uniform(0.95, 1.05))), df.desimal))
                for q in range(1, quarters + 1)
            ]
        # A level that builds up over the year and reaches the annual value in TW IV.
        out = [
            (q, _d(r * Decimal(str(0.88 + 0.03 * q + rng.uniform(-0.02, 0.02))), df.desimal))
            for q in range(1, 4)
        ]
        out.append((4, _d(r, df.desimal)))
        if df.jenis == JenisNilai.PERSEN:
            out = [(q, min(v, Decimal(100))) for q, v in out]
        return out[:quarters]

    # --- budget ----------------------------------------------------------------------------

    def _tulis_anggaran(self, opds: list[PerangkatDaerah]) -> None:
        through = Anggaran.indikator.through
        for y in self.years:
            year = Tahun(y, self.years[0], y == self.berjalan, self.rincian, self.nomenklatur)
            rows, links = [], []
            for d, opd in zip(self.defs, opds, strict=True):
                p = self.profil[opd.pk]
                lines, supports = baris_anggaran(
                    self.kota,
                    d,
                    opd,
                    year,
                    serapan=p.serapan,
                    galat=p.galat,
                    rng=self.rng("anggaran", opd.kode, y),
                    rng_pagu=lambda code, kode=opd.kode: self.rng("pagu", kode, code),
                    iku=self.iku_opd.get(opd.pk, []),
                )
                rows += lines
                by_code = {line.nomenklatur.kode: line for line in lines}
                links += [(by_code[code], ind) for code, ind in supports]
            self.result.anggaran += len(Anggaran.objects.bulk_create(rows, batch_size=2000))
            through.objects.bulk_create(
                [through(anggaran_id=line.pk, indikator_id=ind.pk) for line, ind in links],
                batch_size=2000,
            )

    # --- the LKIP workflow -----------------------------------------------------------------

    def _tulis_laporan(
        self, opds: list[PerangkatDaerah], users: dict[int, dict[str, object]]
    ) -> None:
        User = get_user_model()
        reviewer = User.objects.filter(username="inspektorat.bekasi").first()
        laporan, steps = [], []
        for opd in opds:
            for y in self.years:
                rng = self.rng("lkip", opd.kode, y)
                status, path = self._alur(y, rng)
                if status is None:
                    continue
                lt = LaporanTahunan(opd=opd, tahun=y, status=status)
                clock = timezone.make_aware(
                    datetime(y + 1, 1, rng.randint(8, 24), rng.randint(8, 15), rng.randint(0, 59))
                )
                for dari, ke, aksi, role, alasan in path:
                    clock += timedelta(days=rng.randint(2, 12), hours=rng.randint(0, 6))
                    oleh = (
                        reviewer
                        if role == "inspektorat" and reviewer
                        else users[opd.pk][
                            "perencana" if role in ("perencana", "inspektorat") else "kepala_dinas"
                        ]
                    )
                    steps.append(
                        (
                            lt,
                            RiwayatStatus(dari=dari, ke=ke, aksi=aksi, oleh=oleh, alasan=alasan),
                            clock,
                        )
                    )
                lt.status_sejak = clock if path else None
                lt.tanggal = clock.date() if status == StatusLaporan.DITANDATANGANI else None
                laporan.append(lt)
        LaporanTahunan.objects.bulk_create(laporan)
        for lt, step, _ in steps:
            step.laporan = lt
        created = RiwayatStatus.objects.bulk_create([s for _, s, _ in steps])
        for step, (_, _, clock) in zip(created, steps, strict=True):
            step.waktu = clock  # auto_now_add stamped "now"; the history has its own dates
        RiwayatStatus.objects.bulk_update(created, ["waktu"])

    def _alur(self, y: int, rng: random.Random):
        """The LKIP status of a year and the workflow steps that led to it."""
        D, A, R, T = (
            StatusLaporan.DRAF,
            StatusLaporan.DIAJUKAN,
            StatusLaporan.DIREVIU,
            StatusLaporan.DITANDATANGANI,
        )
        if y == self.berjalan:
            return (D, []) if rng.random() < 0.3 else (None, [])
        weights = ((D, 2), (A, 3), (R, 3), (T, 2)) if y == self.berjalan - 1 else ((R, 1), (T, 4))
        status = rng.choices([s for s, _ in weights], [w for _, w in weights])[0]
        path = []
        if status != D:
            path.append((D, A, AksiAlur.AJUKAN, "perencana", ""))
            if rng.random() < 0.25 and status in (R, T):
                path.append(
                    (
                        A,
                        D,
                        AksiAlur.KEMBALIKAN,
                        "inspektorat",
                        "Lengkapi analisis efisiensi dan faktor penghambat pada Bab III.",
                    )
                )
                path.append(
                    (D, A, AksiAlur.AJUKAN, "perencana", "Analisis Bab III telah dilengkapi.")
                )
        if status in (R, T):
            path.append((A, R, AksiAlur.REVIU, "inspektorat", ""))
        if status == T:
            path.append((R, T, AksiAlur.TANDATANGANI, "kepala", ""))
        return status, path
