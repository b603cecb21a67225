"""Bab III Akuntabilitas Kinerja: capaian per sasaran (the seven analyses) and realisasi
anggaran."""

from __future__ import annotations

from decimal import Decimal

from budget.models import Anggaran, TingkatAnggaran
from indicators.models import (
    Indikator,
    JenisNilai,
    ModePredikat,
    Polaritas,
    SkalaPredikat,
    Tingkat,
)
from lkip import formulas
from reports import charts
from reports.laporan import kinerja_program
from reports.laporan.data import DataLaporan
from reports.laporan.nomor import Penomor
from reports.laporan.struktur import (
    Bagian,
    Daftar,
    Jenis,
    Kepala,
    Paragraf,
    Sel,
    Subjudul,
    nilai,
    pct,
    rp,
    teks,
)
from reports.laporan.teks import (
    arah,
    awal_kecil,
    butir,
    narasi_blok,
    nilai_sel,
    nilai_teks,
    persen_teks,
    rupiah_teks,
    sifat_indikator,
    terbilang_teks,
)
from reports.models import BagianNarasi
from targets.capaian import CapaianTahunan

SUMBER = "Data olahan Sub Bagian Perencanaan"


def _programs(d: DataLaporan) -> list[Anggaran]:
    return [a for a in d.anggaran if a.nomenklatur.tingkat == TingkatAnggaran.PROGRAM]


def ringkasan(d: DataLaporan) -> dict:
    """The agency-level figures every chapter quotes."""
    iku = [d.capaian[i.kode] for i in d.iku()]
    terukur = [c for c in iku if c.capaian is not None]
    programs = _programs(d)
    pagu = formulas.jumlah_lengkap(p.pagu for p in programs)
    realisasi = formulas.jumlah_lengkap(p.realisasi for p in programs)
    murni = formulas.jumlah_lengkap(p.pagu_murni for p in programs)
    return {
        "iku_terukur": len(terukur),
        "iku_tercapai": formulas.jumlah_mencapai_target(c.capaian for c in terukur),
        "rata_capaian": formulas.rata_rata_capaian(c.capaian_dibatasi for c in terukur),
        "pagu": pagu,
        "pagu_murni": murni,
        "realisasi": realisasi,
        "serapan": formulas.serapan(pagu, realisasi),
        "sisa": formulas.sisa_anggaran(pagu, realisasi),
    }


def _nilai_sel(ind: Indikator, value: Decimal | None, predikat: str = "") -> Sel:
    return nilai_sel(ind, value, predikat)


def bab3(d: DataLaporan, n: Penomor, r: dict) -> Bagian:
    a = _capaian(d, n, r)
    b = _anggaran(d, n, r)
    c = kinerja_program.bagian(d, n, "3.3")
    return Bagian("bab-3", "BAB III", "AKUNTABILITAS KINERJA", (), (a, b, c))


def _capaian(d: DataLaporan, n: Penomor, r: dict) -> Bagian:
    rows = []
    for no, sasaran in enumerate(d.sasaran, start=1):
        inds = d.iku_of(sasaran)
        for k, ind in enumerate(inds):
            c = d.capaian[ind.kode]
            row = (
                [teks(str(no), rowspan=len(inds)), teks(sasaran.uraian, rowspan=len(inds))]
                if k == 0
                else []
            )
            row += [
                teks(ind.uraian),
                teks(ind.satuan),
                _nilai_sel(ind, c.target, c.target_predikat),
                _nilai_sel(ind, c.realisasi, c.realisasi_predikat),
                pct(c.capaian),
                teks(c.band, kelas="band"),
            ]
            rows.append(tuple(row))
    t31 = n.tabel(
        f"Capaian Kinerja {d.opd.nama} Tahun {d.tahun}",
        [
            (
                Kepala("No"),
                Kepala("Sasaran Strategis", lebar="25%"),
                Kepala("Indikator Kinerja", lebar="25%"),
                Kepala("Satuan"),
                Kepala("Target"),
                Kepala("Realisasi"),
                Kepala("Capaian"),
                Kepala("Kategori"),
            )
        ],
        rows,
        f"{SUMBER} {d.opd.nama} Tahun {d.tahun}",
        nomor_kolom=True,
        catatan=tuple(
            f"{i.uraian}: " + "; ".join(sifat) + "."
            for i in d.iku()
            if (sifat := sifat_indikator(i, d.capaian[i.kode]))
        ),
    )
    iku = d.iku()
    panel = [
        (
            i.uraian,
            d.capaian[i.kode].target,
            d.capaian[i.kode].realisasi,
            "%" if i.jenis_nilai == JenisNilai.PERSEN else "",
        )
        for i in iku
    ]
    g = n.gambar(
        f"Target dan Realisasi Indikator Kinerja Utama Tahun {d.tahun}",
        charts.target_realisasi(panel, "Target dan realisasi IKU"),
        SUMBER,
    )
    intro = [
        Paragraf(
            f"Pada tahun {d.tahun} {d.opd.nama} menetapkan {len(d.sasaran)} sasaran strategis dan "
            f"{len(iku)} indikator kinerja utama dalam Perjanjian Kinerja. "
            + (
                f"{r['iku_tercapai']} dari {r['iku_terukur']} indikator yang "
                f"terukur mencapai atau melampaui target."
                if r["iku_terukur"]
                else "Belum ada indikator yang dapat diukur capaiannya."
            )
            + " Capaian dihitung dari nilai realisasi dan target yang tidak dibulatkan; kategori "
            "capaian mengikuti skala ≥ 91 sangat tinggi, 76–< 91 tinggi, 66–< 76 sedang, "
            "51–< 66 rendah, dan < 51 sangat rendah."
        )
    ]
    subs = []
    for no, sasaran in enumerate(d.sasaran, start=1):
        subs.append(_sasaran(d, n, no, sasaran))
    return Bagian(
        "capaian",
        "3.1",
        "Capaian Kinerja Organisasi",
        narasi_blok(d.teks(BagianNarasi.CAPAIAN_PENGANTAR)) + tuple(intro) + (t31, g),
        tuple(subs),
    )


def _sasaran(d: DataLaporan, n: Penomor, no: int, sasaran) -> Bagian:
    blocks: list = []
    inds = d.iku_of(sasaran)
    blocks.append(
        Paragraf(
            f"Sasaran strategis ini diukur dengan {len(inds)} indikator kinerja utama: "
            + "; ".join(i.uraian for i in inds)
            + "."
            if inds
            else "Sasaran ini belum memiliki indikator kinerja utama."
        )
    )
    for k, ind in enumerate(inds, start=1):
        blocks.extend(_analisis(d, n, f"3.1.{no}.{k}", ind))
    return Bagian(
        f"sasaran-{no}", f"3.1.{no}", f"Sasaran Strategis {no}: {sasaran.uraian}", tuple(blocks)
    )


def _analisis(d: DataLaporan, n: Penomor, nomor: str, ind: Indikator) -> list:
    c, lalu = d.capaian[ind.kode], d.capaian_lalu[ind.kode]
    out: list = [Subjudul(f"{nomor} {ind.uraian}", 3, f"iku-{ind.kode.lower()}")]
    # (1) target vs realisasi this year
    out.append(Subjudul("a. Perbandingan target dan realisasi tahun ini", 4))
    kalimat = (
        f"Pada tahun {d.tahun} realisasi indikator {ind.uraian} sebesar "
        f"{nilai_teks(ind, c.realisasi, c.realisasi_predikat)} dari target "
        f"{nilai_teks(ind, c.target, c.target_predikat)}"
    )
    if c.pembilang is not None and c.penyebut is not None:
        kalimat += (
            f" ({formulas.format_angka(c.pembilang, 0)} dari {formulas.format_angka(c.penyebut, 0)}"
            + (
                f"; {awal_kecil(ind.pembilang)} dibagi {awal_kecil(ind.penyebut)}"
                if ind.pembilang and ind.penyebut
                else ""
            )
            + ")"
        )
    kalimat += (
        f", sehingga capaian kinerja {persen_teks(c.capaian)} (kategori {c.band.lower()})."
        if c.capaian is not None
        else ", sehingga capaian kinerja belum dapat dihitung."
    )
    if ind.adalah_predikat and c.capaian is not None:
        kalimat += " Capaian indikator berpredikat dihitung secara " + (
            "numerik dari nilai realisasi dibagi nilai target."
            if ind.mode_predikat == ModePredikat.NUMERIK
            else "ordinal dari peringkat predikat."
        )
    out.append(Paragraf(kalimat))
    head = [
        Kepala("Indikator Kinerja", lebar="34%"),
        Kepala("Satuan"),
        Kepala("Target"),
        Kepala("Realisasi"),
    ]
    row = [
        teks(ind.uraian),
        teks(ind.satuan),
        _nilai_sel(ind, c.target, c.target_predikat),
        _nilai_sel(ind, c.realisasi, c.realisasi_predikat),
    ]
    if c.pembilang is not None:
        head[3:3] = []
        head += [Kepala("Pembilang"), Kepala("Penyebut")]
        row += [nilai(c.pembilang), nilai(c.penyebut)]
    head += [Kepala("Capaian")]
    row += [pct(c.capaian)]
    out.append(
        n.tabel(
            f"Analisis Capaian Indikator {ind.uraian} Tahun {d.tahun}",
            [tuple(head)],
            [tuple(row)],
            SUMBER,
        )
    )
    if ind.adalah_predikat and ind.skala_predikat == SkalaPredikat.AKIP and d.akip:
        out.extend(_akip(d, n))
    if _is_ikm(ind) and d.ikm:
        out.extend(_ikm(d, n))
    # (2) compared with last year
    out.append(Subjudul(f"b. Perbandingan dengan tahun {d.tahun - 1}", 4))
    arah_capaian = arah(lalu.capaian, c.capaian)
    arah_realisasi = arah(lalu.realisasi, c.realisasi)
    if lalu.realisasi is None and not lalu.realisasi_predikat:
        out.append(
            Paragraf(
                f"Realisasi tahun {d.tahun - 1} belum tercatat, sehingga perbandingan dengan tahun "
                "lalu belum dapat disajikan."
            )
        )
    else:
        text = (
            f"Realisasi tahun {d.tahun} ({nilai_teks(ind, c.realisasi, c.realisasi_predikat)}) "
            f"{arah_realisasi} dibanding tahun {d.tahun - 1} "
            f"({nilai_teks(ind, lalu.realisasi, lalu.realisasi_predikat)})"
            + _makna(ind, arah_realisasi)
            + "."
        )
        if lalu.capaian is not None and c.capaian is not None:
            text += (
                f" Capaian kinerja {arah_capaian} dari {persen_teks(lalu.capaian)} "
                f"menjadi {persen_teks(c.capaian)}."
            )
        else:
            text += (
                f" Capaian tahun {d.tahun - 1} tidak dapat dihitung karena target tahun "
                f"{d.tahun - 1} belum tercatat."
            )
        out.append(Paragraf(text))
    out.append(
        n.tabel(
            f"Perbandingan Realisasi dan Capaian {ind.uraian} Tahun {d.tahun - 1} dan {d.tahun}",
            [
                (
                    Kepala("Indikator Kinerja", rowspan=2, lebar="30%"),
                    Kepala("Satuan", rowspan=2),
                    Kepala("Realisasi", colspan=2),
                    Kepala("Capaian", colspan=2),
                    Kepala("Keterangan", rowspan=2),
                ),
                (
                    Kepala(str(d.tahun - 1)),
                    Kepala(str(d.tahun)),
                    Kepala(str(d.tahun - 1)),
                    Kepala(str(d.tahun)),
                ),
            ],
            [
                (
                    teks(ind.uraian),
                    teks(ind.satuan),
                    _nilai_sel(ind, lalu.realisasi, lalu.realisasi_predikat),
                    _nilai_sel(ind, c.realisasi, c.realisasi_predikat),
                    pct(lalu.capaian),
                    pct(c.capaian),
                    teks(f"Realisasi {arah_realisasi}; capaian {arah_capaian}"),
                )
            ],
            SUMBER,
        )
    )
    # (3) against the final Renstra target
    out.append(Subjudul("c. Perbandingan dengan target akhir Renstra", 4))
    years = d.renstra.tahun_list
    final = d.renstra_target.get(ind.kode, {}).get(d.renstra.tahun_akhir, (None, ""))
    cap_akhir = ind.capaian(final[0], c.realisasi, final[1], c.realisasi_predikat)
    out.append(
        Paragraf(
            f"Target akhir Renstra (tahun {d.renstra.tahun_akhir}) sebesar "
            f"{nilai_teks(ind, final[0], final[1])}. "
            + (
                f"Realisasi tahun {d.tahun} telah mencapai {persen_teks(cap_akhir)} dari target "
                "akhir tersebut."
                if cap_akhir is not None
                else "Capaian terhadap target akhir Renstra belum dapat dihitung."
            )
        )
    )
    head = [Kepala("Uraian", lebar="22%")] + [Kepala(str(y)) for y in years]
    targets = [teks("Target Renstra")] + [
        _nilai_sel(ind, *d.renstra_target.get(ind.kode, {}).get(y, (None, ""))) for y in years
    ]
    reals = [teks("Realisasi")] + [
        _nilai_sel(ind, c.realisasi, c.realisasi_predikat)
        if y == d.tahun
        else _nilai_sel(ind, lalu.realisasi, lalu.realisasi_predikat)
        if y == d.tahun - 1
        else teks("-" if y > d.tahun else None, kelas="angka")
        for y in years
    ]
    caps = [teks("Capaian terhadap target akhir")] + [
        pct(cap_akhir) if y == d.tahun else teks("-", kelas="angka") for y in years
    ]
    out.append(
        n.tabel(
            f"Realisasi {ind.uraian} terhadap Target Akhir Renstra "
            f"{d.renstra.tahun_awal}–{d.renstra.tahun_akhir}",
            [tuple(head)],
            [tuple(targets), tuple(reals), tuple(caps)],
            f"Renstra {d.opd.nama} {d.renstra.tahun_awal}–{d.renstra.tahun_akhir}; {SUMBER}",
        )
    )
    # (4) national standard
    out.append(Subjudul("d. Perbandingan dengan standar nasional", 4))
    out.append(
        Paragraf(
            "Belum ada standar nasional yang ditetapkan untuk indikator ini, sehingga perbandingan "
            "dengan standar nasional tidak dapat disajikan."
        )
    )
    # (5) why: supporting and inhibiting factors, solutions
    out.append(Subjudul("e. Analisis keberhasilan dan kegagalan serta upaya", 4))
    for label, text in (
        ("Faktor pendukung", c.faktor_pendukung),
        ("Faktor penghambat", c.faktor_penghambat),
        ("Upaya dan alternatif solusi", c.upaya),
    ):
        items = butir(text)
        out.append(Paragraf(f"{label}:" if items else f"{label}: belum ada data."))
        if items:
            out.append(Daftar(items))
    # (6) efficiency
    out.append(Subjudul("f. Analisis efisiensi penggunaan sumber daya", 4))
    out.extend(_efisiensi(d, n, ind, c))
    # (7) supporting programmes and activities
    out.append(Subjudul("g. Program dan kegiatan pendukung", 4))
    out.extend(_pendukung(d, n, ind))
    return out


def _is_ikm(ind: Indikator) -> bool:
    return ind.skala_predikat == SkalaPredikat.IKM or "kepuasan masyarakat" in ind.uraian.lower()


def _makna(ind: Indikator, word: str) -> str:
    """What a rise or fall means for an indicator where lower is better."""
    if ind.polaritas != Polaritas.NEGATIF or word not in ("naik", "turun"):
        return ""
    return " (membaik, karena makin rendah makin baik)" if word == "turun" else " (memburuk)"


def _akip(d: DataLaporan, n: Penomor) -> list:
    years = sorted(d.akip)
    rows = []
    for komponen, bobot in formulas.BOBOT_AKIP.items():
        row = [teks(komponen), nilai(bobot)]
        for y in years:
            found = next((k for k in d.akip[y] if k.komponen == komponen), None)
            row.append(nilai(found.nilai if found else None))
        rows.append(tuple(row))
    totals = {y: formulas.jumlah_nilai_akip(k.nilai for k in d.akip[y]) for y in years}
    rows.append(
        tuple(
            [
                teks("Nilai Hasil Evaluasi", kelas="total"),
                nilai(formulas.TOTAL_BOBOT_AKIP, kelas="total"),
            ]
            + [nilai(totals[y], kelas="total") for y in years]
        )
    )
    rows.append(
        tuple(
            [teks("Predikat", kelas="total"), teks("", kosong="")]
            + [
                teks(
                    f"{formulas.predikat_akip(totals[y])} "
                    f"({formulas.INTERPRETASI_AKIP[formulas.predikat_akip(totals[y])]})",
                    kelas="total angka",
                )
                for y in years
            ]
        )
    )
    last = d.akip.get(d.tahun) or d.akip[years[-1]]
    lhe = last[0]
    text = (
        f"Hasil evaluasi AKIP tahun {d.tahun}"
        + (
            f" berdasarkan Laporan Hasil Evaluasi nomor {lhe.nomor_lhe}"
            + (f" tanggal {formulas.format_tanggal(lhe.tanggal_lhe)}" if lhe.tanggal_lhe else "")
            if lhe.nomor_lhe
            else ""
        )
        + f" adalah {formulas.format_angka(totals[lhe.tahun])} dengan predikat "
        f"{formulas.predikat_akip(totals[lhe.tahun])}."
    )
    if len(years) == 2:
        besar = formulas.besar_selisih(totals[years[0]], totals[years[1]])
        text += (
            f" Dibanding tahun {years[0]} nilai "
            f"{arah(totals[years[0]], totals[years[1]])} sebesar "
            f"{formulas.format_angka(besar)} poin."
        )
    return [
        Paragraf(text),
        n.tabel(
            "Hasil Penilaian Evaluasi AKIP",
            [
                tuple(
                    [Kepala("Komponen yang Dinilai", lebar="40%"), Kepala("Bobot")]
                    + [Kepala(f"Nilai {y}") for y in years]
                )
            ],
            rows,
            "Laporan Hasil Evaluasi AKIP Inspektorat; predikat menurut PermenPANRB 88/2021",
        ),
    ]


def _ikm(d: DataLaporan, n: Penomor) -> list:
    now = next((h for h in d.ikm if h.tahun == d.tahun), None)
    out: list = []
    if now:
        mutu = formulas.mutu_ikm(now.nilai)
        out.append(
            Paragraf(
                f"Nilai IKM tahun {d.tahun} sebesar {formulas.format_angka(now.nilai)} termasuk "
                f"mutu pelayanan {mutu.huruf} dengan kinerja unit pelayanan "
                f"\u201c{mutu.kinerja}\u201d (PermenPANRB 14/2017)."
            )
        )
    rows = [
        (
            teks(str(b.nilai_persepsi)),
            teks(b.interval_ikm),
            teks(b.interval_konversi),
            teks(b.mutu),
            teks(b.kinerja),
        )
        for b in formulas.TABEL_MUTU_IKM
    ]
    out.append(
        n.tabel(
            "Kategori Mutu Pelayanan",
            [
                (
                    "Nilai Persepsi",
                    "Nilai Interval IKM",
                    "Nilai Interval Konversi IKM",
                    "Mutu Pelayanan",
                    "Kinerja Unit Pelayanan",
                )
            ],
            rows,
            "PermenPANRB Nomor 14 Tahun 2017",
        )
    )
    out.extend(_ikm_survei(d, n))
    out.append(
        n.gambar(
            f"Nilai IKM {d.opd.nama} Tahun {d.ikm[0].tahun}–{d.ikm[-1].tahun}",
            charts.garis([(str(h.tahun), h.nilai) for h in d.ikm], "Nilai IKM per tahun"),
            "Laporan Survei Kepuasan Masyarakat",
        )
    )
    return out


def _ikm_survei(d: DataLaporan, n: Penomor) -> list:
    """NRR per unsur from the survey (skm), per year, with a chart of this year's NRR."""
    now = d.skm.get(d.tahun)
    if now is None or now.ikm is None:
        return []
    years = [y for y in sorted(d.skm) if d.skm[y].ikm is not None]
    rows = []
    for i, (kode, nama, _nrr, _konversi, _n, mutu) in enumerate(now.nrr):
        row = [teks(kode), teks(nama)]
        row += [Sel(d.skm[y].nrr[i][2], Jenis.ANGKA) for y in years]
        row.append(teks(f"{mutu.huruf} ({mutu.kinerja})"))
        rows.append(tuple(row))
    rows.append(
        tuple(
            [teks("IKM (konversi 25–100)", kelas="total", colspan=2)]
            + [Sel(d.skm[y].konversi, Jenis.ANGKA, kelas="total") for y in years]
            + [teks(f"{now.mutu.huruf} ({now.mutu.kinerja})", kelas="total")]
        )
    )
    rows.append(
        tuple(
            [teks("Jumlah responden", colspan=2)]
            + [Sel(d.skm[y].responden, Jenis.BULAT) for y in years]
            + [teks("", kosong="")]
        )
    )
    kode, nama, nrr = now.terlemah
    return [
        Paragraf(
            f"Survei Kepuasan Masyarakat tahun {d.tahun} dengan "
            f"{formulas.format_angka(now.responden, 0)} responden menghasilkan IKM "
            f"{formulas.format_angka(now.konversi)} (mutu {now.mutu.huruf}, "
            f"{now.mutu.kinerja}). Unsur dengan nilai terendah adalah {kode} {nama} "
            f"(NRR {formulas.format_angka(nrr)}), yang menjadi prioritas perbaikan."
        ),
        n.tabel(
            "Nilai Rata-rata per Unsur Pelayanan (NRR)",
            [
                tuple(
                    [Kepala("Kode"), Kepala("Unsur Pelayanan", lebar="40%")]
                    + [Kepala(f"NRR {y}") for y in years]
                    + [Kepala(f"Mutu {d.tahun}")]
                )
            ],
            rows,
            "Survei Kepuasan Masyarakat (aplikasi LKIP); NRR = jumlah nilai / responden yang "
            "menjawab unsur itu; IKM = rata-rata NRR × 25 (PermenPANRB 14/2017)",
        ),
        n.gambar(
            f"Nilai Rata-rata per Unsur Pelayanan Tahun {d.tahun}",
            charts.batang_unsur(
                [(f"{k} {nm}", v) for k, nm, v, _c, _n, _m in now.nrr],
                f"NRR per unsur pelayanan tahun {d.tahun}",
            ),
            "Survei Kepuasan Masyarakat (aplikasi LKIP)",
        ),
    ]


def _efisiensi(d: DataLaporan, n: Penomor, ind: Indikator, c: CapaianTahunan) -> list:
    linked = [a for a in d.anggaran if any(i.pk == ind.pk for i in a.indikator.all())]
    if not linked:
        return [
            Paragraf(
                "Belum ada baris anggaran yang ditautkan ke indikator ini, sehingga efisiensi "
                "belum dapat dianalisis."
            )
        ]
    by_kode = {a.kode: a for a in d.anggaran}
    linked_codes = {a.kode for a in linked}
    # A linked line counts once even when an ancestor is linked too.
    leaves = [
        a
        for a in linked
        if not any(
            formulas.kode_induk(a.kode) == x or a.kode.startswith(x + ".")
            for x in linked_codes - {a.kode}
        )
    ]
    # Each line shows the total of the linked lines under it (itself included).
    under: dict[str, list[Anggaran]] = {}
    for leaf in leaves:
        code = leaf.kode
        while code:
            under.setdefault(code, []).append(leaf)
            code = formulas.kode_induk(code)
    shown = {
        code: (
            formulas.jumlah_lengkap(a.pagu for a in lines),
            formulas.jumlah_lengkap(a.realisasi for a in lines),
        )
        for code, lines in under.items()
    }
    varian = formulas.VarianEfisiensi(d.pengaturan.varian_efisiensi)
    rows = []
    for code in sorted(shown):
        pagu, real = shown[code]
        level = formulas.tingkat_kode(code).value
        name = by_kode[code].nomenklatur.nama if code in by_kode else code
        s = formulas.serapan(pagu, real)
        e = formulas.efisiensi(c.capaian, s, varian)
        indent = {
            TingkatAnggaran.PROGRAM: "tebal",
            TingkatAnggaran.KEGIATAN: "indent-1",
            TingkatAnggaran.SUBKEGIATAN: "indent-2",
        }[level]
        rows.append(
            (
                teks(code, kelas="kode"),
                teks(name, kelas=indent),
                rp(pagu),
                rp(real),
                pct(s),
                pct(c.capaian),
                pct(e),
                teks(formulas.kualifikasi_efisiensi(c.capaian, s)),
            )
        )
    total_pagu = formulas.jumlah_lengkap(a.pagu for a in leaves)
    total_real = formulas.jumlah_lengkap(a.realisasi for a in leaves)
    s_total = formulas.serapan(total_pagu, total_real)
    e_total = formulas.efisiensi(c.capaian, s_total, varian)
    rows.append(
        (
            teks("Jumlah", colspan=2, kelas="total"),
            rp(total_pagu, kelas="total"),
            rp(total_real, kelas="total"),
            pct(s_total, kelas="total"),
            pct(c.capaian, kelas="total"),
            pct(e_total, kelas="total"),
            teks(formulas.kualifikasi_efisiensi(c.capaian, s_total), kelas="total"),
        )
    )
    partial = [
        code
        for code in shown
        if code in by_kode
        and by_kode[code].pagu is not None
        and shown[code][0] is not None
        and shown[code][0] != by_kode[code].pagu
    ]
    notes = [
        f"Rumus: {formulas.RUMUS_EFISIENSI[varian]}.",
        "Efisien bila capaian kinerja ≥ 100% dan serapan ≤ 100%; bila capaian < 100% tingkat "
        "efisiensi tidak dapat diukur.",
    ]
    if partial:
        notes.append(
            "Baris program/kegiatan menjumlahkan rincian yang mendukung indikator ini saja (bukan "
            "seluruh pagu program/kegiatan): "
            + ", ".join(sorted(partial))
            + ". Pagu seluruh program lihat bagian Realisasi Anggaran."
        )
    text = (
        f"Untuk mencapai indikator ini dialokasikan anggaran {terbilang_teks(total_pagu)} dengan "
        f"realisasi {rupiah_teks(total_real)} atau serapan {persen_teks(s_total)}. "
    )
    if e_total is not None:
        text += (
            f"Dengan capaian kinerja {persen_teks(c.capaian)}, tingkat efisiensi sebesar "
            f"{persen_teks(e_total)} ({formulas.kualifikasi_efisiensi(c.capaian, s_total)})."
        )
    else:
        text += "Tingkat efisiensi belum dapat dihitung."
    return [
        Paragraf(text),
        n.tabel(
            f"Alokasi dan Realisasi Anggaran serta Tingkat Efisiensi untuk Indikator {ind.uraian}",
            [
                (
                    Kepala("Kode", lebar="16%"),
                    Kepala("Program/Kegiatan/Sub-kegiatan", lebar="22%"),
                    Kepala("Pagu (Rp)", lebar="13%"),
                    Kepala("Realisasi (Rp)", lebar="13%"),
                    Kepala("Serapan (%)", lebar="9%"),
                    Kepala("Capaian Kinerja (%)", lebar="9%"),
                    Kepala("Tingkat Efisiensi (%)", lebar="9%"),
                    Kepala("Keterangan", lebar="9%"),
                )
            ],
            rows,
            f"Data realisasi anggaran (SIPD/SIMDA) {d.tahun}; {SUMBER}",
            catatan=tuple(notes),
            kelas="kecil",
        ),
    ]


def _pendukung(d: DataLaporan, n: Penomor, ind: Indikator) -> list:
    linked = [a for a in d.anggaran if any(i.pk == ind.pk for i in a.indikator.all())]
    codes: set[str] = set()
    for a in linked:
        code = a.kode
        while code:
            codes.add(code)
            code = formulas.kode_induk(code)
    programs = [
        a
        for a in d.anggaran
        if a.kode in codes and a.nomenklatur.tingkat == TingkatAnggaran.PROGRAM
    ]
    out: list = []
    if programs:
        out.append(
            Paragraf(
                f"Indikator ini didukung oleh {len(programs)} program: "
                + "; ".join(p.nomenklatur.nama for p in programs)
                + "."
            )
        )
    supporting = [
        i
        for i in d.indikator
        if i.tingkat != Tingkat.IKU and i.nomenklatur and i.nomenklatur.kode in codes
    ]
    if supporting:
        rows = [
            (
                teks(str(k)),
                teks(i.uraian),
                teks(i.nomenklatur.nama),
                teks(i.satuan),
                _nilai_sel(i, d.capaian[i.kode].target, d.capaian[i.kode].target_predikat),
                _nilai_sel(i, d.capaian[i.kode].realisasi, d.capaian[i.kode].realisasi_predikat),
                pct(d.capaian[i.kode].capaian),
            )
            for k, i in enumerate(supporting, start=1)
        ]
        out.append(
            n.tabel(
                f"Indikator Program Pendukung Indikator {ind.uraian}",
                [
                    (
                        "No",
                        Kepala("Indikator Program", lebar="30%"),
                        Kepala("Program", lebar="22%"),
                        "Satuan",
                        f"Target {d.tahun}",
                        f"Realisasi {d.tahun}",
                        f"Capaian {d.tahun}",
                    )
                ],
                rows,
                SUMBER,
            )
        )
    outputs = [o for o in d.output if o.nomenklatur.kode in codes]
    for kode in sorted({o.nomenklatur.kode for o in outputs}):
        group = [o for o in outputs if o.nomenklatur.kode == kode]
        rows = [(teks(o.uraian), nilai(o.target), nilai(o.realisasi), pct(o.persen)) for o in group]
        t = formulas.jumlah_lengkap(o.target for o in group)
        r = formulas.jumlah_lengkap(o.realisasi for o in group)
        rows.append(
            (
                teks("Jumlah", kelas="total"),
                nilai(t, kelas="total"),
                nilai(r, kelas="total"),
                pct(formulas.persen(r, t), kelas="total"),
            )
        )
        out.append(
            n.tabel(
                f"Capaian Output {group[0].nomenklatur.nama}",
                [
                    (
                        Kepala("Uraian", lebar="40%"),
                        f"Target ({group[0].satuan})",
                        f"Realisasi ({group[0].satuan})",
                        "Persentase",
                    )
                ],
                rows,
                f"Bidang pelaksana kegiatan {d.opd.nama}",
            )
        )
    if not out:
        out.append(Paragraf("Belum ada program atau kegiatan yang ditautkan ke indikator ini."))
    return out


def _anggaran(d: DataLaporan, n: Penomor, r: dict) -> Bagian:
    programs = _programs(d)
    blocks = list(narasi_blok(d.teks(BagianNarasi.REALISASI_ANGGARAN)))
    if not programs:
        blocks.append(Paragraf(f"Data anggaran tahun {d.tahun} belum ada."))
        return Bagian("realisasi-anggaran", "3.2", "Realisasi Anggaran", tuple(blocks))
    blocks.append(
        Paragraf(
            f"Pada penetapan APBD Tahun {d.tahun} {d.opd.nama} mendapat alokasi anggaran (pagu "
            f"murni) sebesar {terbilang_teks(r['pagu_murni'])}, yang setelah perubahan APBD "
            f"(APBD-P) menjadi {terbilang_teks(r['pagu'])}, dijabarkan dalam {len(programs)} "
            "program."
        )
    )
    rows = []
    for k, p in enumerate(programs, start=1):
        delta = formulas.perubahan_pagu(p.pagu_murni, p.pagu_perubahan)
        rows.append(
            (
                teks(str(k)),
                teks(p.nomenklatur.nama),
                rp(p.pagu_murni),
                rp(p.pagu_perubahan),
                rp(delta),
                pct(formulas.persen(delta, p.pagu_murni)),
            )
        )
    dm = formulas.perubahan_pagu(r["pagu_murni"], r["pagu"])
    rows.append(
        (
            teks("Jumlah", colspan=2, kelas="total"),
            rp(r["pagu_murni"], kelas="total"),
            rp(r["pagu"], kelas="total"),
            rp(dm, kelas="total"),
            pct(formulas.persen(dm, r["pagu_murni"]), kelas="total"),
        )
    )
    blocks.append(
        n.tabel(
            f"Pagu Anggaran {d.opd.nama} per Program Tahun {d.tahun}",
            [
                (
                    Kepala("No", rowspan=2),
                    Kepala("Program", rowspan=2, lebar="34%"),
                    Kepala("Pagu (Rp)", colspan=2),
                    Kepala("Perubahan", colspan=2),
                ),
                (Kepala("Murni (APBD)"), Kepala("Perubahan (APBD-P)"), Kepala("Rp"), Kepala("%")),
            ],
            rows,
            f"Data pagu anggaran {d.tahun} (DPA dan DPPA), diolah",
        )
    )
    blocks.append(
        Paragraf(
            f"Dari pagu setelah perubahan {terbilang_teks(r['pagu'])} terealisasi "
            f"{terbilang_teks(r['realisasi'])} atau serapan {persen_teks(r['serapan'])}, dengan "
            f"sisa anggaran {rupiah_teks(r['sisa'])}."
        )
    )
    rows = []
    for k, p in enumerate(programs, start=1):
        rows.append(
            (
                teks(str(k)),
                teks(p.nomenklatur.nama),
                rp(p.pagu),
                rp(p.realisasi),
                pct(p.serapan),
                rp(p.sisa),
            )
        )
    rows.append(
        (
            teks("Jumlah", colspan=2, kelas="total"),
            rp(r["pagu"], kelas="total"),
            rp(r["realisasi"], kelas="total"),
            pct(r["serapan"], kelas="total"),
            rp(r["sisa"], kelas="total"),
        )
    )
    blocks.append(
        n.tabel(
            f"Pagu dan Realisasi Anggaran {d.opd.nama} setelah APBD-P per Program Tahun {d.tahun}",
            [
                (
                    "No",
                    Kepala("Program", lebar="34%"),
                    "Pagu (Rp)",
                    "Realisasi (Rp)",
                    "Serapan (%)",
                    "Sisa (Rp)",
                )
            ],
            rows,
            f"Data realisasi anggaran {d.tahun} (SIPD/SIMDA), diolah",
        )
    )
    blocks.append(
        n.gambar(
            f"Serapan Anggaran per Program Tahun {d.tahun}",
            charts.batang_horizontal(
                [(p.nomenklatur.nama, p.serapan) for p in programs], "Serapan per program"
            ),
            f"Data realisasi anggaran {d.tahun}",
        )
    )
    return Bagian("realisasi-anggaran", "3.2", "Realisasi Anggaran", tuple(blocks))
