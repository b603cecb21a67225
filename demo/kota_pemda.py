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
) -> bool:
    """Write the pemda-level data once (False when the pemda already has an RPJMD)."""
    if Rpjmd.objects.filter(pemda=pemda).exists():
        return False
    rng = random.Random(f"pemda/{seed}")
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
    targets, reals = [], []
    years = list(range(awal, akhir + 1))
    terakhir = tahun_data[-1]
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
        for y in years:
            t = Decimal(start) + Decimal(step) * (y - awal)
            for jenis_t in (JenisTarget.RPJMD, JenisTarget.PK):
                if jenis_t == JenisTarget.PK and y not in tahun_data:
                    continue
                if lebar is None:
                    targets.append(
                        TargetPemda(
                            indikator=ind,
                            tahun=y,
                            jenis=jenis_t,
                            nilai=_d(t),
                            predikat=ind.predikat(t) or "" if ind.skala else "",
                        )
                    )
                else:
                    targets.append(
                        TargetPemda(
                            indikator=ind,
                            tahun=y,
                            jenis=jenis_t,
                            nilai_bawah=_d(t),
                            nilai_atas=_d(t + Decimal(lebar)),
                        )
                    )
        for y in [awal - 1, *tahun_data]:
            base = Decimal(start) + Decimal(step) * (y - awal)
            if kode == "IKU-3" and y == terakhir:  # Sakernas August: not yet published
                reals.append(
                    RealisasiPemda(
                        indikator=ind,
                        tahun=y,
                        tersedia=False,
                        catatan="Angka Sakernas Agustus belum dirilis BPS.",
                    )
                )
                continue
            nilai = _d(base * Decimal(str(rng.uniform(0.97, 1.03))))
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
    for y in tahun_data:
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
                uraian="Penyertaan modal Perumda Tirta Patriot",
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
    Pembiayaan.objects.bulk_create(pembiayaan)
    AnggaranPerangkatDaerah.objects.bulk_create(anggaran)
    pertama = {}
    for ind in Indikator.objects.filter(opd__in=opds, tingkat=Tingkat.IKU).order_by(
        "opd_id", "urutan", "kode"
    ):
        pertama.setdefault(ind.opd_id, ind)
    kode_s = list(sasaran)
    TautanSasaran.objects.bulk_create(
        [
            TautanSasaran(indikator=ind, sasaran=sasaran[kode_s[rng.randrange(len(kode_s) - 1)]])
            for ind in pertama.values()
        ]
    )
    _kepala_daerah(pemda, pemda_ke)
    return True


def _kepala_daerah(pemda: Pemda, pemda_ke: int) -> None:
    User = get_user_model()
    username = "walikota.bekasi" if pemda_ke == 1 else f"walikota.{pemda_ke:02d}"
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
