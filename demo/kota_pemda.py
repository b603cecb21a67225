"""The synthetic city's own LKIP (the Wali Kota's): an RPJMD with its tujuan, sasaran and the
Kepala Daerah's IKU (range targets on both polarities, a single target, the indeks reformasi
birokrasi with its scale, the last year's TPT not yet published), pembiayaan per year, the
agencies' IKU linked to the RPJMD sasaran they support, and a Kepala Daerah account. The budget
per agency comes from the agencies' own budget lines; a recap row is added for two agencies the
city does not hold (the Sekretariat DPRD and the RSUD). Reproducible from the city's seed."""

from __future__ import annotations

import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from demo.opd import DEMO_PASSWORD
from indicators.models import Indikator, Polaritas, Tingkat
from lkip.models import JenisPemda, Pemda, Penugasan, PerangkatDaerah
from lkip.roles import ROLE_GROUPS
from rpjmd.models import (
    SKALA_BAKU,
    AnggaranPerangkatDaerah,
    IndikatorPemda,
    JenisNilai,
    JenisPembiayaan,
    JenisTarget,
    Pembiayaan,
    RealisasiPemda,
    Rpjmd,
    SasaranPemda,
    SkalaPredikat,
    TargetPemda,
    TautanSasaran,
    TujuanPemda,
)

KEPALA_DAERAH = "walikota.bekasi"  # the demo pemda's Wali Kota (signs its LKIP)
TAHUN_DASAR = 2024  # the year the IKU's start values belong to (targets grow by step a year)
CATATAN_NA = "Angka Sakernas Agustus belum dirilis BPS."
PENYERTAAN = "Penyertaan modal Perumda Tirta Patriot"
TUJUAN = (
    ("T1", "Meningkatkan kualitas sumber daya manusia dan kesejahteraan warga"),
    ("T2", "Mewujudkan perekonomian kota yang tumbuh dan inklusif"),
    ("T3", "Mewujudkan tata kelola pemerintahan yang bersih, efektif dan akuntabel"),
)
SASARAN = (
    ("S1", "T1", "Meningkatnya kualitas pembangunan manusia"),
    ("S2", "T1", "Menurunnya kemiskinan"),
    ("S3", "T2", "Meningkatnya pertumbuhan ekonomi dan kesempatan kerja"),
    ("S4", "T3", "Meningkatnya kualitas reformasi birokrasi"),
)
# kode, sasaran, uraian, satuan, jenis, polaritas, start, step per year, range width (None:
# single), stated bound, realisation noise
IKU = (
    (
        "IKU-1",
        "S1",
        "Indeks Pembangunan Manusia",
        "indeks",
        JenisNilai.INDEKS,
        Polaritas.POSITIF,
        "82.10",
        "0.45",
        "0.50",
        "",
    ),
    (
        "IKU-2",
        "S2",
        "Persentase penduduk miskin",
        "%",
        JenisNilai.PERSEN,
        Polaritas.NEGATIF,
        "4.20",
        "-0.15",
        "0.30",
        "",
    ),
    (
        "IKU-3",
        "S3",
        "Tingkat pengangguran terbuka",
        "%",
        JenisNilai.PERSEN,
        Polaritas.NEGATIF,
        "7.60",
        "-0.30",
        None,
        "",
    ),
    (
        "IKU-4",
        "S3",
        "Laju pertumbuhan ekonomi",
        "%",
        JenisNilai.PERSEN,
        Polaritas.POSITIF,
        "5.00",
        "0.10",
        "0.50",
        "bawah",
    ),
    (
        "IKU-5",
        "S3",
        "PDRB per kapita",
        "juta rupiah",
        JenisNilai.ANGKA,
        Polaritas.POSITIF,
        "62.0",
        "3.5",
        None,
        "",
    ),
    (
        "IKU-6",
        "S4",
        "Indeks reformasi birokrasi",
        "nilai",
        JenisNilai.PREDIKAT,
        Polaritas.POSITIF,
        "68.00",
        "2.00",
        None,
        "",
    ),
)


def _d(v, places: int = 2) -> Decimal:
    return Decimal(str(v)).quantize(Decimal(1).scaleb(-places))


def tulis_pemda(
    pemda: Pemda,
    opds: list[PerangkatDaerah],
    tahun_rpjmd: tuple[int, int],
    tahun_data: list[int],
    seed,
    pemda_ke: int,
    *,
    tautan: dict[str, str] | None = None,
) -> bool:
    """Write what the pemda-level data lacks for these years and agencies (False when nothing was
    missing): the RPJMD once, then per year of data its PK targets, realisations, pembiayaan and
    recap rows, and links for every agency whose IKU are not linked yet: `tautan` (IKU kode →
    sasaran kode), or the agency's first IKU to a sasaran drawn from the seed. So the demo agency's
    pemda (load_demo, 2024) and a city grown later in the same pemda share one RPJMD, and each
    figure is the same whichever wrote it first (one random stream per indicator and year, the
    RPJMD's period widened to the years asked for, the figures of the year in progress — an
    unpublished TPT, a payment not yet made — moved on when a later year is written)."""
    rpjmd = Rpjmd.objects.filter(pemda=pemda).first()
    ditulis = rpjmd is None
    if rpjmd is None:
        rpjmd = _rpjmd(pemda, tahun_rpjmd, pemda_ke)
    ditulis |= _perluas(rpjmd, tahun_data)
    ada = set(
        TargetPemda.objects.filter(indikator__rpjmd=rpjmd, jenis=JenisTarget.PK).values_list(
            "tahun", flat=True
        )
    )
    baru = [y for y in tahun_data if y not in ada]
    if baru:
        terakhir = max([*ada, *baru])
        _tahun_data(pemda, rpjmd, baru, seed, terakhir=terakhir)
        _bukan_lagi_terakhir(pemda, rpjmd, seed, terakhir)
        ditulis = True
    ditulis |= _tautan(rpjmd, opds, seed, tautan)
    _kepala_daerah(pemda, pemda_ke)
    return ditulis


def _rpjmd(pemda: Pemda, tahun_rpjmd: tuple[int, int], pemda_ke: int) -> Rpjmd:
    """The RPJMD with its tujuan, sasaran, the Kepala Daerah's IKU and their RPJMD targets."""
    changed = []
    if not pemda.jenis:
        pemda.jenis = JenisPemda.KOTA
        changed.append("jenis")
    if not pemda.kota_ttd:
        pemda.kota_ttd = "Bekasi" if pemda_ke == 1 else f"Sintetis {pemda_ke:02d}"
        changed.append("kota_ttd")
    if not pemda.kepala_daerah_jabatan:
        pemda.kepala_daerah_jabatan = f"Wali Kota {pemda.kota_ttd}"
        changed.append("kepala_daerah_jabatan")
    if not pemda.kepala_daerah_nama:  # a synthetic name, never a real person's
        pemda.kepala_daerah_nama = "Dr. H. ARIF SANTOSO, M.Si."
        changed.append("kepala_daerah_nama")
    if changed:
        pemda.save(update_fields=changed)
    awal, akhir = tahun_rpjmd
    rpjmd = Rpjmd.objects.create(
        pemda=pemda, tahun_awal=awal, tahun_akhir=akhir, dasar=f"Perda RPJMD {awal}–{akhir}"
    )
    tujuan = {
        kode: TujuanPemda.objects.create(rpjmd=rpjmd, kode=kode, uraian=uraian, urutan=i)
        for i, (kode, uraian) in enumerate(TUJUAN, start=1)
    }
    sasaran = {
        kode: SasaranPemda.objects.create(
            rpjmd=rpjmd, tujuan=tujuan[t], kode=kode, uraian=uraian, urutan=i
        )
        for i, (kode, t, uraian) in enumerate(SASARAN, start=1)
    }
    targets = []
    for i, (kode, s, uraian, satuan, jenis, pol, start, step, lebar, acuan) in enumerate(
        IKU, start=1
    ):
        ind = IndikatorPemda.objects.create(
            rpjmd=rpjmd,
            sasaran=sasaran[s],
            kode=kode,
            uraian=uraian,
            satuan=satuan,
            jenis_nilai=jenis,
            polaritas=pol,
            acuan_rentang=acuan,
            skala_predikat=SkalaPredikat.RB if jenis == JenisNilai.PREDIKAT else "",
            skala=SKALA_BAKU[SkalaPredikat.RB] if jenis == JenisNilai.PREDIKAT else [],
            sumber_data="KemenPANRB" if jenis == JenisNilai.PREDIKAT else "BPS",
            urutan=i,
        )
        targets += [
            _target(ind, y, JenisTarget.RPJMD, start, step, lebar) for y in range(awal, akhir + 1)
        ]
    TargetPemda.objects.bulk_create(targets)
    return rpjmd


def _target(ind, y: int, jenis_t, start, step, lebar) -> TargetPemda:
    t = Decimal(start) + Decimal(step) * (y - TAHUN_DASAR)
    if lebar is None:
        predikat = ind.predikat(t) or "" if ind.skala else ""
        return TargetPemda(indikator=ind, tahun=y, jenis=jenis_t, nilai=_d(t), predikat=predikat)
    return TargetPemda(
        indikator=ind,
        tahun=y,
        jenis=jenis_t,
        nilai_bawah=_d(t),
        nilai_atas=_d(t + Decimal(lebar)),
    )


def _tahun_data(pemda: Pemda, rpjmd: Rpjmd, years: list[int], seed, *, terakhir: int) -> None:
    """The PK targets and realisations of these years (and of the year before the RPJMD, once),
    the pembiayaan and the recap rows of the agencies the city does not hold."""
    awal = rpjmd.tahun_awal
    indikator = {i.kode: i for i in IndikatorPemda.objects.filter(rpjmd=rpjmd)}
    sudah = set(
        RealisasiPemda.objects.filter(indikator__rpjmd=rpjmd).values_list(
            "indikator__kode", "tahun"
        )
    )
    targets, reals = [], []
    for kode, _s, _u, _sat, _j, _p, start, step, lebar, _a in IKU:
        ind = indikator.get(kode)
        if ind is None:
            continue
        for y in years:
            targets.append(_target(ind, y, JenisTarget.PK, start, step, lebar))
        for y in [awal - 1, *years]:
            if (kode, y) in sudah:
                continue
            if kode == "IKU-3" and y == terakhir:  # Sakernas August: not yet published
                reals.append(
                    RealisasiPemda(
                        indikator=ind,
                        tahun=y,
                        tersedia=False,
                        catatan=CATATAN_NA,
                    )
                )
                continue
            nilai = _realisasi(seed, kode, y, start, step)
            reals.append(
                RealisasiPemda(
                    indikator=ind,
                    tahun=y,
                    nilai=nilai,
                    predikat=ind.predikat(nilai) or "" if ind.skala else "",
                )
            )
    TargetPemda.objects.bulk_create(targets)
    RealisasiPemda.objects.bulk_create(reals)
    pembiayaan, anggaran = [], []
    ada_pembiayaan = set(Pembiayaan.objects.filter(pemda=pemda).values_list("tahun", "uraian"))
    ada_rekap = set(
        AnggaranPerangkatDaerah.objects.filter(pemda=pemda).values_list("tahun", "perangkat_daerah")
    )
    for y in years:
        rng = random.Random(f"pemda/{seed}/pembiayaan/{y}")
        silpa = Decimal(rng.randrange(300, 900)) * 1_000_000_000
        pembiayaan += [
            Pembiayaan(
                pemda=pemda,
                tahun=y,
                jenis=JenisPembiayaan.PENERIMAAN,
                uraian="Sisa Lebih Perhitungan Anggaran Tahun Sebelumnya",
                anggaran=silpa,
                realisasi=silpa,
                urutan=1,
            ),
            Pembiayaan(
                pemda=pemda,
                tahun=y,
                jenis=JenisPembiayaan.PENGELUARAN,
                uraian=PENYERTAAN,
                anggaran=Decimal(25_000_000_000),
                realisasi=Decimal(25_000_000_000 if y != terakhir else 0),
                urutan=1,
            ),
        ]
        for k, nama in enumerate(("Sekretariat DPRD", "RSUD Kota (BLUD)"), start=1):
            pagu = Decimal(rng.randrange(80, 400)) * 1_000_000_000
            anggaran.append(
                AnggaranPerangkatDaerah(
                    pemda=pemda,
                    tahun=y,
                    perangkat_daerah=f"{nama} {pemda.kota_ttd}",
                    pagu=pagu,
                    realisasi=(pagu * Decimal(str(rng.uniform(0.85, 0.98)))).quantize(Decimal(1)),
                    urutan=k,
                )
            )
    Pembiayaan.objects.bulk_create(
        [p for p in pembiayaan if (p.tahun, p.uraian) not in ada_pembiayaan]
    )
    AnggaranPerangkatDaerah.objects.bulk_create(
        [a for a in anggaran if (a.tahun, a.perangkat_daerah) not in ada_rekap]
    )


def _realisasi(seed, kode: str, y: int, start, step) -> Decimal:
    base = Decimal(start) + Decimal(step) * (y - TAHUN_DASAR)
    return _d(base * Decimal(str(random.Random(f"pemda/{seed}/{kode}/{y}").uniform(0.97, 1.03))))


def _perluas(rpjmd: Rpjmd, years: list[int]) -> bool:
    """The RPJMD's period widened to cover `years`, with its targets for the years added."""
    awal, akhir = min(rpjmd.tahun_awal, *years), max(rpjmd.tahun_akhir, *years)
    if (awal, akhir) == (rpjmd.tahun_awal, rpjmd.tahun_akhir):
        return False
    lama = range(rpjmd.tahun_awal, rpjmd.tahun_akhir + 1)
    indikator = {i.kode: i for i in IndikatorPemda.objects.filter(rpjmd=rpjmd)}
    TargetPemda.objects.bulk_create(
        [
            _target(indikator[kode], y, JenisTarget.RPJMD, start, step, lebar)
            for kode, _s, _u, _sat, _j, _p, start, step, lebar, _a in IKU
            if kode in indikator
            for y in range(awal, akhir + 1)
            if y not in lama
        ]
    )
    rpjmd.tahun_awal, rpjmd.tahun_akhir = awal, akhir
    rpjmd.dasar = f"Perda RPJMD {awal}–{akhir}"
    rpjmd.save(update_fields=["tahun_awal", "tahun_akhir", "dasar"])
    return True


def _bukan_lagi_terakhir(pemda: Pemda, rpjmd: Rpjmd, seed, terakhir: int) -> None:
    """A year written as the one in progress, now followed by a later one: its TPT published and
    its payment made, as the year would have been written had it not been the last."""
    ind = IndikatorPemda.objects.filter(rpjmd=rpjmd, kode="IKU-3").first()
    _k, _s, _u, _sat, _j, _p, start, step, _l, _a = next(i for i in IKU if i[0] == "IKU-3")
    if ind is not None:
        for real in RealisasiPemda.objects.filter(
            indikator=ind, tahun__lt=terakhir, tersedia=False, catatan=CATATAN_NA
        ):
            real.nilai, real.tersedia, real.catatan = (
                _realisasi(seed, "IKU-3", real.tahun, start, step),
                True,
                "",
            )
            real.save(update_fields=["nilai", "tersedia", "catatan"])
    Pembiayaan.objects.filter(
        pemda=pemda, tahun__lt=terakhir, uraian=PENYERTAAN, realisasi=0
    ).update(realisasi=Decimal(25_000_000_000))


def _tautan(rpjmd: Rpjmd, opds: list[PerangkatDaerah], seed, tautan: dict[str, str] | None) -> bool:
    """Links from the agencies' IKU to the RPJMD sasaran they support, for agencies with none
    yet: the IKU named in `tautan`, or each agency's first IKU to one of the first three sasaran
    drawn from the seed (the fourth, reformasi birokrasi, is left to the agencies' own links)."""
    tertaut = set(
        TautanSasaran.objects.filter(sasaran__rpjmd=rpjmd).values_list(
            "indikator__opd_id", flat=True
        )
    )
    sasaran = {s.kode: s for s in SasaranPemda.objects.filter(rpjmd=rpjmd).order_by("urutan")}
    acak = list(sasaran.values())[:3]
    iku = (
        Indikator.objects.filter(
            opd__in=[o for o in opds if o.pk not in tertaut], tingkat=Tingkat.IKU
        )
        .select_related("opd")
        .order_by("opd_id", "urutan", "kode")
    )
    baru = []
    if tautan:
        baru = [
            TautanSasaran(indikator=ind, sasaran=sasaran[tautan[ind.kode]])
            for ind in iku
            if tautan.get(ind.kode) in sasaran  # an RPJMD of the user's own may lack it
        ]
    else:
        pertama = {}
        for ind in iku:
            pertama.setdefault(ind.opd_id, ind)
        baru = [
            TautanSasaran(
                indikator=ind,
                sasaran=acak[random.Random(f"pemda/{seed}/tautan/{ind.opd.kode}").randrange(3)],
            )
            for ind in pertama.values()
        ]
    TautanSasaran.objects.bulk_create(baru)
    return bool(baru)


def _kepala_daerah(pemda: Pemda, pemda_ke: int) -> None:
    User = get_user_model()
    username = KEPALA_DAERAH if pemda_ke == 1 else f"walikota.{pemda_ke:02d}"
    if User.objects.filter(username=username).exists():
        return
    first, _, last = (pemda.kepala_daerah_nama or "Wali Kota").partition(" ")
    user = User.objects.create(
        username=username,
        password=make_password(DEMO_PASSWORD),
        first_name=first[:150],
        last_name=last[:150],
    )
    user.groups.add(Group.objects.get(name=ROLE_GROUPS["kepala_daerah"]))
    Penugasan.objects.create(user=user, pemda=pemda, opd=None)
