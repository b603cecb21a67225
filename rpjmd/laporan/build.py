"""build_laporan_pemda(kode, tahun) → Laporan: the Kepala Daerah's LKIP, the agency LKIP's chapters
one level up (PermenPANRB 53/2014). Every figure is computed here from stored data by
lkip.formulas; the agency report's renderers (HTML, PDF, XLSX, DOCX) print it unchanged."""

from __future__ import annotations

from decimal import Decimal

from lkip import formulas
from reports.charts.report import batang_horizontal, target_realisasi
from reports.laporan.build import lambang_pemda
from reports.laporan.nomor import Penomor
from reports.laporan.struktur import (
    Bagian,
    Daftar,
    Kepala,
    Laporan,
    Paragraf,
    Penandatangan,
    Temuan,
    baris_berjenjang,
    pct,
    rp,
    teks,
)
from reports.laporan.teks import persen_teks, rupiah_teks
from rpjmd.laporan.data import AnggaranOpd, DataPemda, load
from rpjmd.laporan.kesehatan import periksa_data
from rpjmd.models import IndikatorPemda, JenisPembiayaan, RealisasiPemda, TargetPemda

BELUM_TERSEDIA = "belum tersedia"
SUMBER_IKU = "RPJMD, Perjanjian Kinerja Kepala Daerah dan data realisasi (diolah)"


def build_laporan_pemda(kode: str, tahun: int, *, temuan: bool = True) -> Laporan:
    """Load a pemda's year and assemble its LKIP (raises LaporanPemdaTidakDitemukan)."""
    return assemble(load(kode, tahun), temuan=temuan)


# --- values as printed ------------------------------------------------------------------------


def _angka(ind: IndikatorPemda, v: Decimal | None) -> str:
    if v is None:
        return ""
    return formulas.format_angka(v, formulas.tempat_nilai(formulas.bulatkan(v)))


def target_teks(ind: IndikatorPemda, t: TargetPemda | None) -> str:
    """'70,10 – 70,60', '5,1', 'B (65)': a range printed as a range."""
    if t is None:
        return ""
    if t.rentang:
        shown = formulas.format_rentang(t.nilai_bawah, t.nilai_atas)
    else:
        shown = _angka(ind, t.nilai)
    if t.predikat:
        return f"{t.predikat} ({shown})" if shown else t.predikat
    return shown


def realisasi_nilai(r: RealisasiPemda | None):
    if r is None:
        return None
    return r.nilai_efektif


def realisasi_teks(ind: IndikatorPemda, r: RealisasiPemda | None) -> str:
    if r is None:
        return ""
    if not r.tersedia:
        return BELUM_TERSEDIA
    shown = _angka(ind, r.nilai)
    predikat = r.predikat or (ind.predikat(r.nilai) if ind.skala else "") or ""
    if predikat:
        return f"{predikat} ({shown})" if shown else predikat
    return shown


def capaian(ind: IndikatorPemda, t: TargetPemda | None, r: RealisasiPemda | None):
    if t is None or r is None:
        return None
    return formulas.capaian_rentang(
        t.nilai,
        t.nilai_bawah,
        t.nilai_atas,
        r.nilai_efektif,
        polaritas=ind.polaritas,
        metode_negatif=ind.metode_negatif,
        acuan=ind.acuan,
    )


def _cap_sel(ind, t, r):
    if r is not None and not r.tersedia:
        return teks(BELUM_TERSEDIA, kelas="angka")
    return pct(capaian(ind, t, r))


def _nilai_sel(text: str, kosong: str = "—"):
    return teks(text or None, kelas="angka", kosong=kosong)


def _kosong(**kw):
    """A cell left empty on purpose (a total row's spare column)."""
    return teks(None, kosong="", **kw)


def catatan_rentang(inds: list[IndikatorPemda], d: DataPemda, tahun_list: list[int]) -> tuple:
    """The rule used for the range targets in a table, said under it."""
    notes = []
    rentang = [
        i for i in inds if any((t := d.target_tahun(i, y)) and t.rentang for y in tahun_list)
    ]
    if rentang:
        notes.append(
            "Target rentang dicetak sebagai rentang (batas bawah – batas atas). Capaian dihitung "
            "terhadap satu batas: batas atas untuk indikator berpolaritas positif dan batas bawah "
            "untuk indikator berpolaritas negatif, kecuali dinyatakan lain."
        )
        for i in rentang:
            baku = formulas.acuan_baku(i.polaritas)
            kata = "batas atas" if i.acuan is formulas.AcuanRentang.ATAS else "batas bawah"
            notes.append(
                f"{i.kode} {i.uraian}: capaian terhadap {kata}"
                + (" (ditetapkan untuk indikator ini)." if i.acuan is not baku else ".")
            )
    if any(i.polaritas == formulas.Polaritas.NEGATIF for i in inds):
        notes.append(
            "Polaritas negatif (semakin rendah semakin baik): capaian = (2T − R) / T × 100 "
            "(metode A) atau T / R × 100 (metode B)."
        )
    if any((r := d.realisasi.get((i.pk, y))) and not r.tersedia for i in inds for y in tahun_list):
        notes.append(
            "Belum tersedia: angka realisasi belum dirilis oleh sumber datanya; tidak dihitung "
            "sebagai 0 dan tidak ikut dalam rata-rata capaian."
        )
    return tuple(notes)


# --- the report -------------------------------------------------------------------------------


def assemble(d: DataPemda, *, temuan: bool = True) -> Laporan:
    n = Penomor()
    r = ringkasan(d)
    n.bab_baru("1")
    bab1 = _bab1(d)
    n.bab_baru("2")
    bab2 = _bab2(d, n)
    n.bab_baru("3")
    bab3 = _bab3(d, n, r)
    n.bab_baru("4")
    bab4 = _bab4(d, r)
    pemda = d.pemda
    return Laporan(
        opd_kode=pemda.kode,
        opd_nama=pemda.nama,
        pemda_nama=pemda.nama,
        tahun=d.tahun,
        judul=f"Laporan Kinerja Instansi Pemerintah (LKIP) {pemda.nama} Tahun {d.tahun}",
        tanggal=None,
        penandatangan=penandatangan(d),
        kata_pengantar=_kata_pengantar(d),
        ikhtisar=_ikhtisar(d, r),
        bab=(bab1, bab2, bab3, bab4),
        lampiran=(),
        temuan=tuple(Temuan(t.aturan, t.tingkat, t.lokasi, t.pesan) for t in periksa_data(d))
        if temuan
        else (),
        ringkasan=r,
        lambang=lambang_pemda(pemda),
    )


def penandatangan(d: DataPemda) -> Penandatangan:
    pemda = d.pemda
    return Penandatangan(
        tempat_tanggal=f"{pemda.kota_ttd or pemda.nama}, .......... {d.tahun + 1}",
        jabatan=(pemda.kepala_daerah_jabatan or "Kepala Daerah").upper(),
        nama=pemda.kepala_daerah_nama,
        pangkat="",
        nip="",
    )


def ringkasan(d: DataPemda) -> dict:
    caps, tersedia, na, tercapai = [], 0, 0, 0
    for ind in d.indikator:
        real = d.realisasi.get((ind.pk, d.tahun))
        c = capaian(ind, d.target_tahun(ind, d.tahun), real)
        if real is not None and not real.tersedia:
            na += 1
            caps.append(formulas.BELUM_TERSEDIA)
            continue
        caps.append(c)
        if c is not None:
            tersedia += 1
            tercapai += formulas.mencapai_target(c)
    pagu, realisasi, serapan = formulas.total_anggaran((a.pagu, a.realisasi) for a in d.anggaran)
    return {
        "jumlah_iku": len(d.indikator),
        "terukur": tersedia,
        "belum_tersedia": na,
        "tercapai": tercapai,
        "rata_capaian": formulas.rata_rata_tersedia(caps),
        "pagu": pagu,
        "realisasi": realisasi,
        "serapan": serapan,
        "jumlah_opd": len(d.anggaran),
    }


def _kata_pengantar(d: DataPemda) -> tuple:
    p = d.pemda
    return (
        Paragraf(
            f"Laporan Kinerja Instansi Pemerintah (LKIP) {p.nama} Tahun {d.tahun} disusun sebagai "
            "wujud pertanggungjawaban kepala daerah atas pelaksanaan RPJMD "
            f"{d.rpjmd.tahun_awal}–{d.rpjmd.tahun_akhir} dan Perjanjian Kinerja tahun {d.tahun}, "
            "sesuai Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja "
            "Instansi Pemerintah dan Peraturan Menteri PANRB Nomor 53 Tahun 2014."
        ),
        Paragraf(
            "Seluruh angka dalam laporan ini dihitung dari data target, realisasi dan anggaran "
            "yang tersimpan; laporan ini menjadi bahan evaluasi dan perbaikan kinerja pada tahun "
            "berikutnya."
        ),
    )


def _ikhtisar(d: DataPemda, r: dict) -> tuple:
    rata = persen_teks(r["rata_capaian"]) if r["rata_capaian"] is not None else "belum terukur"
    return (
        Paragraf(
            f"Pada tahun {d.tahun}, {d.pemda.nama} menetapkan {r['jumlah_iku']} indikator kinerja "
            f"utama (IKU) kepala daerah. Dari {r['terukur']} IKU yang realisasinya sudah tersedia, "
            f"{r['tercapai']} mencapai atau melampaui targetnya; rata-rata capaian {rata}."
            + (
                f" Realisasi {r['belum_tersedia']} IKU belum tersedia dan tidak dihitung dalam "
                "rata-rata."
                if r["belum_tersedia"]
                else ""
            )
        ),
        Paragraf(
            f"Belanja {r['jumlah_opd']} perangkat daerah: pagu {rupiah_teks(r['pagu'])}, "
            f"realisasi {rupiah_teks(r['realisasi'])}, serapan {persen_teks(r['serapan'])}."
        ),
    )


def _bab1(d: DataPemda) -> Bagian:
    p = d.pemda
    jenis = p.get_jenis_display().lower() if p.jenis else "daerah"
    return Bagian(
        "bab-1",
        "BAB I",
        "PENDAHULUAN",
        sub=(
            Bagian(
                "bab-1-1",
                "1.1",
                "Latar Belakang",
                blok=(
                    Paragraf(
                        f"{p.nama} menyusun LKIP sebagai laporan kinerja tahunan {jenis} atas "
                        "pencapaian sasaran RPJMD, disampaikan kepada Menteri PANRB paling lambat "
                        "tiga bulan setelah tahun anggaran berakhir, setelah direviu Inspektorat."
                    ),
                ),
            ),
            Bagian(
                "bab-1-2",
                "1.2",
                "Dasar Hukum",
                blok=(
                    Daftar(
                        (
                            "Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas "
                            "Kinerja Instansi Pemerintah",
                            "Peraturan Menteri PANRB Nomor 53 Tahun 2014 tentang Petunjuk Teknis "
                            "Perjanjian Kinerja, Pelaporan Kinerja dan Tata Cara Reviu atas "
                            "Laporan Kinerja Instansi Pemerintah",
                            f"Peraturan Daerah tentang RPJMD {p.nama} Tahun "
                            f"{d.rpjmd.tahun_awal}–{d.rpjmd.tahun_akhir}",
                        )
                    ),
                ),
            ),
            Bagian(
                "bab-1-3",
                "1.3",
                "Sistematika Penyajian",
                blok=(
                    Daftar(
                        (
                            "Bab I Pendahuluan",
                            "Bab II Perencanaan Kinerja: tujuan, sasaran dan IKU RPJMD serta "
                            "Perjanjian Kinerja kepala daerah",
                            "Bab III Akuntabilitas Kinerja: capaian IKU, perbandingan dengan "
                            "tahun lalu dan target akhir RPJMD, dukungan perangkat daerah, "
                            "realisasi anggaran dan pembiayaan",
                            "Bab IV Penutup",
                        ),
                        bernomor=False,
                    ),
                ),
            ),
        ),
    )


def _bab2(d: DataPemda, n: Penomor) -> Bagian:
    years = d.rpjmd.tahun_list
    rows = baris_berjenjang(
        d.sasaran,
        d.iku_of,
        lambda s, _no: (teks(s.tujuan.kode), teks(s.tujuan.uraian)),
        lambda ind: [
            teks(f"{ind.uraian} ({ind.satuan})" if ind else None),
            *(_nilai_sel(target_teks(ind, d.target_rpjmd(ind, y)) if ind else "") for y in years),
        ],
    )
    t21 = n.tabel(
        f"Tujuan, Sasaran dan IKU RPJMD {d.pemda.nama} Tahun "
        f"{d.rpjmd.tahun_awal}–{d.rpjmd.tahun_akhir}",
        [
            (
                Kepala("No", rowspan=2),
                Kepala("Tujuan", rowspan=2),
                Kepala("Sasaran", rowspan=2),
                Kepala("Indikator Kinerja Utama", rowspan=2),
                Kepala("Target pada Tahun", colspan=len(years)),
            ),
            tuple(Kepala(str(y)) for y in years),
        ],
        rows,
        f"RPJMD {d.pemda.nama} Tahun {d.rpjmd.tahun_awal}–{d.rpjmd.tahun_akhir}",
        catatan=catatan_rentang(d.indikator, d, years),
        nomor_kolom=True,
    )
    pk_rows = []
    for no, ind in enumerate(d.indikator, start=1):
        pk_rows.append(
            (
                teks(str(no)),
                teks(ind.sasaran.uraian),
                teks(ind.uraian),
                teks(ind.satuan),
                _nilai_sel(target_teks(ind, d.target_tahun(ind, d.tahun))),
            )
        )
    t22 = n.tabel(
        f"Perjanjian Kinerja {d.pemda.kepala_daerah_jabatan or 'Kepala Daerah'} Tahun {d.tahun}",
        [
            (
                Kepala("No"),
                Kepala("Sasaran"),
                Kepala("Indikator Kinerja"),
                Kepala("Satuan"),
                Kepala("Target"),
            )
        ],
        pk_rows,
        f"Perjanjian Kinerja Tahun {d.tahun}",
        catatan=catatan_rentang(d.indikator, d, [d.tahun]),
    )
    return Bagian(
        "bab-2",
        "BAB II",
        "PERENCANAAN KINERJA",
        sub=(
            Bagian(
                "bab-2-1",
                "2.1",
                "Rencana Pembangunan Jangka Menengah Daerah",
                blok=(
                    Paragraf(
                        f"RPJMD {d.pemda.nama} Tahun {d.rpjmd.tahun_awal}–{d.rpjmd.tahun_akhir} "
                        f"memuat {len(d.tujuan)} tujuan, {len(d.sasaran)} sasaran dan "
                        f"{len(d.indikator)} IKU kepala daerah (Tabel {t21.nomor})."
                    ),
                    t21,
                ),
            ),
            Bagian(
                "bab-2-2",
                "2.2",
                "Perjanjian Kinerja",
                blok=(t22,),
            ),
        ),
    )


def _bab3(d: DataPemda, n: Penomor, r: dict) -> Bagian:
    tahun, lalu, akhir = d.tahun, d.tahun - 1, d.rpjmd.tahun_akhir
    rows, panel, chart = [], [], []
    for no, ind in enumerate(d.indikator, start=1):
        t = d.target_tahun(ind, tahun)
        real = d.realisasi.get((ind.pk, tahun))
        c = capaian(ind, t, real)
        rows.append(
            (
                teks(str(no)),
                teks(ind.sasaran.uraian),
                teks(ind.uraian),
                teks(ind.satuan),
                _nilai_sel(target_teks(ind, t)),
                _nilai_sel(realisasi_teks(ind, real)),
                _cap_sel(ind, t, real),
            )
        )
        chart.append((f"{ind.kode} {ind.uraian}", c))
        if t is not None and not ind.adalah_predikat:
            panel.append((ind.kode, t.target_acuan(), real.nilai if real else None, ""))
    t31 = n.tabel(
        f"Capaian Indikator Kinerja Utama {d.pemda.nama} Tahun {tahun}",
        [
            (
                Kepala("No"),
                Kepala("Sasaran"),
                Kepala("Indikator Kinerja Utama"),
                Kepala("Satuan"),
                Kepala("Target"),
                Kepala("Realisasi"),
                Kepala("Capaian (%)"),
            )
        ],
        rows,
        SUMBER_IKU,
        catatan=catatan_rentang(d.indikator, d, [tahun]),
    )
    g31 = n.gambar(
        f"Capaian IKU {d.pemda.nama} Tahun {tahun}",
        batang_horizontal(chart, f"Capaian IKU tahun {tahun}"),
        SUMBER_IKU,
        "IKU yang realisasinya belum tersedia ditandai 'belum ada data'.",
    )
    rata = r["rata_capaian"]
    intro = Paragraf(
        f"Dari {r['jumlah_iku']} IKU, {r['tercapai']} mencapai target, rata-rata capaian "
        f"{persen_teks(rata) if rata is not None else 'belum terukur'}"
        + (
            f"; realisasi {r['belum_tersedia']} IKU belum tersedia dan tidak dihitung dalam "
            "rata-rata."
            if r["belum_tersedia"]
            else "."
        )
    )
    # comparison with last year and with the RPJMD end target
    banding, ke_akhir = [], []
    for no, ind in enumerate(d.indikator, start=1):
        r0, r1 = d.realisasi.get((ind.pk, lalu)), d.realisasi.get((ind.pk, tahun))
        t0, t1 = d.target_tahun(ind, lalu), d.target_tahun(ind, tahun)
        c0 = capaian(ind, t0, r0)
        v0, v1 = realisasi_nilai(r0), realisasi_nilai(r1)
        tren = (
            _arah(ind, formulas.tren(v0, v1))
            if isinstance(v0, Decimal) and isinstance(v1, Decimal)
            else None
        )
        banding.append(
            (
                teks(str(no)),
                teks(ind.uraian),
                _nilai_sel(realisasi_teks(ind, r0)),
                _nilai_sel(realisasi_teks(ind, r1)),
                pct(c0) if r0 is None or r0.tersedia else teks(BELUM_TERSEDIA, kelas="angka"),
                _cap_sel(ind, t1, r1),
                teks(tren or "—"),
            )
        )
        tk = d.target_rpjmd(ind, akhir)
        ke_akhir.append(
            (
                teks(str(no)),
                teks(ind.uraian),
                _nilai_sel(target_teks(ind, tk)),
                _nilai_sel(realisasi_teks(ind, r1)),
                _cap_sel(ind, tk, r1),
            )
        )
    t32 = n.tabel(
        f"Perbandingan Realisasi dan Capaian IKU Tahun {lalu} dan {tahun}",
        [
            (
                Kepala("No", rowspan=2),
                Kepala("Indikator Kinerja Utama", rowspan=2),
                Kepala("Realisasi", colspan=2),
                Kepala("Capaian (%)", colspan=2),
                Kepala("Realisasi", rowspan=2),
            ),
            (Kepala(str(lalu)), Kepala(str(tahun)), Kepala(str(lalu)), Kepala(str(tahun))),
        ],
        banding,
        SUMBER_IKU,
        catatan=(
            "Kolom terakhir: realisasi tahun ini dibanding tahun lalu (naik, tetap, turun) dan "
            "artinya menurut polaritas indikator (membaik atau memburuk).",
        ),
    )
    t33 = n.tabel(
        f"Realisasi IKU Tahun {tahun} terhadap Target Akhir RPJMD ({akhir})",
        [
            (
                Kepala("No"),
                Kepala("Indikator Kinerja Utama"),
                Kepala(f"Target {akhir}"),
                Kepala(f"Realisasi {tahun}"),
                Kepala("Capaian terhadap target akhir (%)"),
            )
        ],
        ke_akhir,
        f"RPJMD {d.rpjmd.tahun_awal}–{d.rpjmd.tahun_akhir}",
        catatan=catatan_rentang(d.indikator, d, [akhir]),
    )
    sub = [
        Bagian(
            "bab-3-1",
            "3.1",
            "Capaian Kinerja Tahun " + str(tahun),
            blok=(intro, t31, g31)
            + (
                (
                    n.gambar(
                        f"Target dan Realisasi IKU Tahun {tahun}",
                        target_realisasi(panel, f"Target dan realisasi IKU {tahun}"),
                        SUMBER_IKU,
                        "Target rentang digambar pada batas acuannya.",
                    ),
                )
                if panel
                else ()
            ),
        ),
        Bagian("bab-3-2", "3.2", "Perbandingan dengan Tahun Lalu", blok=(t32,)),
        Bagian("bab-3-3", "3.3", "Perbandingan dengan Target Akhir RPJMD", blok=(t33,)),
    ]
    predikat = _predikat(d, n)
    if predikat:
        sub.append(Bagian("bab-3-4", "3.4", "Indikator Berpredikat", blok=predikat))
    sub.append(
        Bagian(
            "bab-3-5",
            f"3.{len(sub) + 1}",
            "Dukungan Perangkat Daerah terhadap Sasaran RPJMD",
            blok=_cascading(d, n),
        )
    )
    sub.append(
        Bagian(
            "bab-3-6",
            f"3.{len(sub) + 1}",
            "Realisasi Anggaran",
            blok=_anggaran(d, n, r),
        )
    )
    if d.pembiayaan:
        t = _pembiayaan(d, n)
        sub.append(
            Bagian(
                "bab-3-7",
                f"3.{len(sub) + 1}",
                "Pembiayaan Daerah",
                blok=(
                    Paragraf(
                        f"Penerimaan dan pengeluaran pembiayaan tahun {d.tahun} serta pembiayaan "
                        f"nettonya (Tabel {t.nomor})."
                    ),
                    t,
                ),
            )
        )
    return Bagian("bab-3", "BAB III", "AKUNTABILITAS KINERJA", sub=tuple(sub))


def _arah(ind: IndikatorPemda, tren: str | None) -> str | None:
    """'Naik (membaik)', 'Turun (membaik)' for a negative indicator, 'Tetap'."""
    if tren is None or tren == formulas.Tren.TETAP:
        return tren
    baik = (tren == formulas.Tren.NAIK) == (ind.polaritas == formulas.Polaritas.POSITIF)
    return f"{tren} ({'membaik' if baik else 'memburuk'})"


def _predikat(d: DataPemda, n: Penomor) -> tuple:
    out = []
    for ind in d.indikator:
        if not ind.skala:
            continue
        skala = "; ".join(
            f"{p} > {formulas.format_angka(Decimal(a), 0)}" if a is not None else f"{p} lainnya"
            for p, a in ind.skala
        )
        rows = []
        for y in (d.tahun - 1, d.tahun):
            real = d.realisasi.get((ind.pk, y))
            nilai = real.nilai if real and real.tersedia else None
            hitung = ind.predikat(nilai)
            rows.append(
                (
                    teks(str(y)),
                    _nilai_sel(target_teks(ind, d.target_tahun(ind, y))),
                    _nilai_sel(realisasi_teks(ind, real)),
                    teks(hitung or "—"),
                )
            )
        out.append(
            n.tabel(
                f"{ind.uraian} dan Predikatnya",
                [
                    (
                        Kepala("Tahun"),
                        Kepala("Target"),
                        Kepala("Realisasi"),
                        Kepala("Predikat menurut skala"),
                    )
                ],
                rows,
                ind.sumber_data or SUMBER_IKU,
                catatan=(f"Skala predikat yang disimpan bersama indikator: {skala}.",),
            )
        )
    return tuple(out)


def _cascading(d: DataPemda, n: Penomor) -> tuple:
    out: list = [
        Paragraf(
            "IKU perangkat daerah yang ditautkan ke sasaran RPJMD, dengan target, realisasi dan "
            f"capaian tahun {d.tahun} menurut data perangkat daerah itu."
        )
    ]
    for sasaran in d.sasaran:
        dukung = d.dukungan.get(sasaran.pk, [])
        rows = []
        for no, x in enumerate(dukung, start=1):
            ind = x.indikator
            tampil = lambda v, p="": (  # noqa: E731
                (
                    formulas.format_angka(v, formulas.tempat_nilai(formulas.bulatkan(v)))
                    if v is not None
                    else ""
                )
                + (f" ({p})" if p else "")
            )
            rows.append(
                (
                    teks(str(no)),
                    teks(x.opd_nama),
                    teks(f"{ind.kode} {ind.uraian}"),
                    teks(ind.satuan),
                    _nilai_sel(tampil(x.target, x.target_predikat).strip()),
                    _nilai_sel(tampil(x.realisasi, x.realisasi_predikat).strip()),
                    pct(x.capaian),
                )
            )
        if not rows:
            rows.append(
                (
                    teks("—"),
                    teks(
                        "Belum ada IKU perangkat daerah yang ditautkan ke sasaran ini.", colspan=6
                    ),
                )
            )
        caps = [x.capaian for x in dukung]
        catatan = (
            (
                f"Rata-rata capaian IKU pendukung: "
                f"{persen_teks(formulas.rata_rata_capaian(caps))}; "
                f"{formulas.jumlah_mencapai_target(caps)} dari {len(dukung)} mencapai target.",
            )
            if dukung
            else ()
        )
        out.append(
            n.tabel(
                f"IKU Perangkat Daerah Pendukung Sasaran {sasaran.kode}: {sasaran.uraian}",
                [
                    (
                        Kepala("No"),
                        Kepala("Perangkat Daerah"),
                        Kepala("IKU Perangkat Daerah"),
                        Kepala("Satuan"),
                        Kepala("Target"),
                        Kepala("Realisasi"),
                        Kepala("Capaian (%)"),
                    )
                ],
                rows,
                "LKIP perangkat daerah (data aplikasi)",
                catatan=catatan,
            )
        )
    return tuple(out)


def _sumber_anggaran(a: AnggaranOpd) -> str:
    return "baris anggaran perangkat daerah" if a.sumber == "aplikasi" else "rekap anggaran pemda"


def _anggaran(d: DataPemda, n: Penomor, r: dict) -> tuple:
    rows = [
        (
            teks(str(no)),
            teks(a.nama),
            rp(a.pagu),
            rp(a.realisasi),
            pct(a.serapan),
            teks(_sumber_anggaran(a)),
        )
        for no, a in enumerate(d.anggaran, start=1)
    ]
    rows.append(
        (
            teks("Jumlah", colspan=2, kelas="jumlah"),
            rp(r["pagu"], kelas="jumlah"),
            rp(r["realisasi"], kelas="jumlah"),
            pct(r["serapan"], kelas="jumlah"),
            _kosong(kelas="jumlah"),
        )
    )
    t_ang = n.tabel(
        f"Pagu dan Realisasi Anggaran per Perangkat Daerah Tahun {d.tahun}",
        [
            (
                Kepala("No"),
                Kepala("Perangkat Daerah"),
                Kepala("Pagu (Rp)"),
                Kepala("Realisasi (Rp)"),
                Kepala("Serapan (%)"),
                Kepala("Sumber angka"),
            )
        ],
        rows,
        f"APBD Perubahan {d.tahun} dan realisasinya",
        catatan=(
            "Pagu setelah perubahan (APBD-P). Serapan = realisasi / pagu × 100. Angka perangkat "
            "daerah yang baris anggarannya ada di aplikasi dijumlahkan dari baris program "
            "anggarannya; perangkat daerah lain dari rekap anggaran pemda.",
        ),
    )
    # A chart of at most 16 agencies, so that each fits on a page.
    potong = [d.anggaran[i : i + 16] for i in range(0, len(d.anggaran), 16)]
    gambar = [
        n.gambar(
            f"Serapan Anggaran per Perangkat Daerah Tahun {d.tahun}"
            + (f" ({k} dari {len(potong)})" if len(potong) > 1 else ""),
            batang_horizontal([(a.nama, a.serapan) for a in bagian], "Serapan anggaran"),
            f"APBD Perubahan {d.tahun}",
        )
        for k, bagian in enumerate(potong, start=1)
    ]
    out: list = [
        Paragraf(
            f"Belanja {len(d.anggaran)} perangkat daerah tahun {d.tahun}: pagu "
            f"{rupiah_teks(r['pagu'])}, realisasi {rupiah_teks(r['realisasi'])}, serapan "
            f"{persen_teks(r['serapan'])} (Tabel {t_ang.nomor})."
        ),
        t_ang,
        *gambar,
    ]
    return tuple(out)


def _pembiayaan(d: DataPemda, n: Penomor):
    rows = []
    total: dict[str, tuple[Decimal, Decimal]] = {}
    for jenis in JenisPembiayaan:
        items = [p for p in d.pembiayaan if p.jenis == jenis]
        if not items:
            continue
        rows.append((teks(jenis.label, colspan=5, kelas="kelompok"),))
        for no, p in enumerate(items, start=1):
            rows.append(
                (
                    teks(str(no)),
                    teks(p.uraian),
                    rp(p.anggaran),
                    rp(p.realisasi),
                    pct(formulas.serapan(p.anggaran, p.realisasi)),
                )
            )
        a, b, s = formulas.total_anggaran((p.anggaran, p.realisasi) for p in items)
        total[jenis] = (a, b)
        rows.append(
            (
                teks(f"Jumlah {jenis.label.lower()}", colspan=2, kelas="jumlah"),
                rp(a, kelas="jumlah"),
                rp(b, kelas="jumlah"),
                pct(s, kelas="jumlah"),
            )
        )
    nol = (Decimal(0), Decimal(0))
    terima, keluar = (
        total.get(JenisPembiayaan.PENERIMAAN, nol),
        total.get(JenisPembiayaan.PENGELUARAN, nol),
    )
    rows.append(
        (
            teks("Pembiayaan netto (penerimaan − pengeluaran)", colspan=2, kelas="jumlah"),
            rp(terima[0] - keluar[0], kelas="jumlah"),
            rp(terima[1] - keluar[1], kelas="jumlah"),
            _kosong(kelas="jumlah"),
        )
    )
    return n.tabel(
        f"Pembiayaan Daerah Tahun {d.tahun}",
        [
            (
                Kepala("No"),
                Kepala("Uraian"),
                Kepala("Anggaran (Rp)"),
                Kepala("Realisasi (Rp)"),
                Kepala("Realisasi (%)"),
            )
        ],
        rows,
        f"Laporan Realisasi Anggaran {d.tahun}",
    )


def _bab4(d: DataPemda, r: dict) -> Bagian:
    belum = [
        i
        for i in d.indikator
        if (c := capaian(i, d.target_tahun(i, d.tahun), d.realisasi.get((i.pk, d.tahun))))
        is not None
        and not formulas.mencapai_target(c)
    ]
    kalimat = [
        f"{r['tercapai']} dari {r['terukur']} IKU yang realisasinya tersedia mencapai target."
    ]
    if belum:
        kalimat.append(
            "IKU yang belum mencapai target: " + "; ".join(i.uraian for i in belum) + "."
        )
    if r["belum_tersedia"]:
        kalimat.append(
            f"Realisasi {r['belum_tersedia']} IKU belum tersedia; capaiannya dilaporkan setelah "
            "angka resminya terbit."
        )
    return Bagian(
        "bab-4",
        "BAB IV",
        "PENUTUP",
        sub=(
            Bagian("bab-4-1", "4.1", "Kesimpulan", blok=tuple(Paragraf(k) for k in kalimat)),
            Bagian(
                "bab-4-2",
                "4.2",
                "Langkah ke Depan",
                blok=(
                    Paragraf(
                        "Perangkat daerah pengampu IKU yang belum mencapai target menyusun "
                        "rencana aksi perbaikan dan melaporkannya setiap triwulan."
                    ),
                ),
            ),
        ),
    )
