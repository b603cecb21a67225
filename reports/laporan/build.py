"""build_laporan(opd, tahun) → Laporan: every query and number happens here, none in rendering."""

from __future__ import annotations

from budget.models import TingkatAnggaran
from lkip import formulas, lambang
from reports.laporan import bab3
from reports.laporan.data import DataLaporan, load
from reports.laporan.nomor import Penomor
from reports.laporan.struktur import (
    Bagian,
    Daftar,
    Kepala,
    Laporan,
    Paragraf,
    Penandatangan,
    Sel,
    Temuan,
    baris_berjenjang,
    nilai,
    teks,
)
from reports.laporan.teks import narasi_blok, nilai_sel, nilai_teks, persen_teks, rupiah_teks
from reports.models import BagianNarasi

SUMBER_OLAHAN = "Data olahan Sub Bagian Perencanaan"


def build_laporan(opd_kode: str, tahun: int) -> Laporan:
    """Load an agency's year and assemble the whole LKIP (raises LaporanTidakDitemukan)."""
    return assemble(load(opd_kode, tahun))


def assemble(d: DataLaporan) -> Laporan:
    n = Penomor()
    ringkasan = bab3.ringkasan(d)
    n.bab_baru("1")
    bab1 = _bab1(d, n)
    n.bab_baru("2")
    bab2 = _bab2(d, n)
    n.bab_baru("3")
    bab_3 = bab3.bab3(d, n, ringkasan)
    n.bab_baru("4")
    bab4 = _bab4(d, ringkasan)
    n.bab_baru("L")
    lampiran = _lampiran(d, n)
    opd = d.opd
    tanggal = d.pengaturan.tanggal
    return Laporan(
        opd_kode=opd.kode,
        opd_nama=opd.nama,
        pemda_nama=opd.pemda.nama,
        tahun=d.tahun,
        judul=f"Laporan Kinerja Instansi Pemerintah (LKIP) {opd.nama} Tahun {d.tahun}",
        tanggal=tanggal,
        penandatangan=penandatangan_kepala(d),
        kata_pengantar=narasi_blok(d.teks(BagianNarasi.KATA_PENGANTAR)),
        ikhtisar=_ikhtisar(d, ringkasan),
        bab=(bab1, bab2, bab_3, bab4),
        lampiran=lampiran,
        temuan=tuple(Temuan(t.aturan, t.tingkat, t.lokasi, t.pesan) for t in d.temuan),
        ringkasan=ringkasan,
        lambang=lambang_pemda(opd.pemda),
        penandatangan_pk=(
            Penandatangan(
                "",
                opd.kepala_jabatan.upper(),
                opd.kepala_nama,
                opd.kepala_pangkat,
                f"NIP. {opd.kepala_nip}" if opd.kepala_nip else "",
                "PIHAK PERTAMA",
            ),
            pihak_kedua(d),
        ),
    )


def lambang_pemda(pemda) -> str:
    """The pemda's emblem as a data: URI, checked again as it is printed ('' without a readable
    one: the cover is then printed without it)."""
    if not pemda.lambang:
        return ""
    try:
        with pemda.lambang.open("rb") as berkas:
            data = berkas.read(lambang.LAMBANG_MAKS + 1)
    except OSError:
        return ""
    return lambang.data_uri(data)


def penandatangan_kepala(d: DataLaporan) -> Penandatangan:
    opd, tanggal = d.opd, d.pengaturan.tanggal
    return Penandatangan(
        tempat_tanggal=(
            f"{opd.kota_ttd}, "
            f"{formulas.format_tanggal(tanggal) if tanggal else '.......... ' + str(d.tahun + 1)}"
        ),
        jabatan=opd.kepala_jabatan.upper(),
        nama=opd.kepala_nama,
        pangkat=opd.kepala_pangkat,
        nip=f"NIP. {opd.kepala_nip}" if opd.kepala_nip else "",
    )


def _ikhtisar(d: DataLaporan, r: dict) -> tuple:
    opd, iku = d.opd, d.iku()
    blocks = [
        Paragraf(
            f"Laporan Kinerja Instansi Pemerintah (LKIP) {opd.nama} Tahun {d.tahun} menyajikan "
            f"capaian kinerja atas Perjanjian Kinerja tahun {d.tahun} yang merupakan penjabaran "
            f"tahun {d.tahun - d.renstra.tahun_awal + 1} Rencana Strategis "
            f"{d.renstra.tahun_awal}–{d.renstra.tahun_akhir}. Pada tahun {d.tahun} {opd.nama} "
            f"menetapkan {len(d.sasaran)} sasaran strategis dengan {len(iku)} indikator kinerja "
            "utama (IKU)."
        )
    ]
    if r["iku_terukur"]:
        blocks.append(
            Paragraf(
                f"Dari {r['iku_terukur']} IKU yang terukur, {r['iku_tercapai']} IKU mencapai atau "
                f"melampaui target dan {r['iku_terukur'] - r['iku_tercapai']} IKU belum mencapai "
                "target. Capaian masing-masing IKU:"
            )
        )
        blocks.append(
            Daftar(
                tuple(
                    f"{i.uraian}: realisasi {nilai_teks(i, c.realisasi, c.realisasi_predikat)} "
                    f"dari target {nilai_teks(i, c.target, c.target_predikat)}, "
                    f"capaian {persen_teks(c.capaian)}" + (f" ({c.band})" if c.band else "") + "."
                    for i in iku
                    for c in [d.capaian[i.kode]]
                )
            )
        )
    if r["pagu"] is not None:
        blocks.append(
            Paragraf(
                "Untuk mencapai sasaran tersebut tersedia pagu anggaran setelah perubahan "
                f"(APBD-P) sebesar {rupiah_teks(r['pagu'])} dengan realisasi "
                f"{rupiah_teks(r['realisasi'])} atau serapan {persen_teks(r['serapan'])}."
            )
        )
    hambatan = [t for i in iku for t in _lines(d.capaian[i.kode].faktor_penghambat)]
    if hambatan:
        blocks.append(Paragraf("Kendala utama yang dihadapi:"))
        blocks.append(Daftar(tuple(dict.fromkeys(hambatan))))
    blocks.extend(narasi_blok(d.teks(BagianNarasi.IKHTISAR)))
    return tuple(blocks)


def _lines(text: str) -> list[str]:
    from reports.laporan.teks import butir

    return list(butir(text))


def _sec(
    d: DataLaporan, id_: str, nomor: str, bagian: str, judul: str | None = None, extra: tuple = ()
) -> Bagian:
    narasi = d.narasi.get(bagian)
    title = judul or (narasi.judul if narasi and narasi.judul else bagian.replace("_", " ").title())
    return Bagian(id_, nomor, title, narasi_blok(d.teks(bagian)) + extra)


def _bab1(d: DataLaporan, n: Penomor) -> Bagian:
    subs = [
        _sec(d, "latar-belakang", "1.1", BagianNarasi.LATAR_BELAKANG, "Latar Belakang"),
    ]
    extra: list = []
    if d.sdm:
        total = sum((s.jumlah for s in d.sdm), 0)
        rows = [
            (teks(str(i)), teks(s.kategori), nilai(s.jumlah)) for i, s in enumerate(d.sdm, start=1)
        ]
        rows.append((teks("Jumlah", colspan=2, kelas="total"), nilai(total, kelas="total")))
        extra.append(
            n.tabel(
                f"Komposisi Sumber Daya Manusia {d.opd.nama} Tahun {d.tahun}",
                [("No", "Kategori", "Jumlah (orang)")],
                rows,
                f"Sub Bagian Umum dan Kepegawaian {d.opd.nama}",
            )
        )
    if d.kebutuhan:
        rows = [
            (
                teks(str(k.nomor)),
                teks(k.jabatan),
                teks(k.kualifikasi_pendidikan),
                teks(k.beban_kerja, kosong="-"),
            )
            for k in d.kebutuhan
        ]
        extra.append(
            n.tabel(
                "Kebutuhan Personil",
                [("No", "Jabatan", "Kualifikasi Pendidikan", "Analisis Beban Kerja")],
                rows,
                "Analisis Jabatan dan Beban Kerja",
            )
        )
    subs.append(
        _sec(
            d,
            "tugas-fungsi",
            "1.2",
            BagianNarasi.TUGAS_FUNGSI,
            "Tugas, Fungsi dan Wewenang Organisasi",
            tuple(narasi_blok(d.teks(BagianNarasi.STRUKTUR_ORGANISASI)))
            + tuple(narasi_blok(d.teks(BagianNarasi.SDM)))
            + tuple(extra),
        )
    )
    isu_extra: list = []
    if d.ppks:
        isu_extra.append(
            n.tabel(
                "Kategori Pemerlu Pelayanan Kesejahteraan Sosial (PPKS)",
                [("Kode", "Kategori PPKS")],
                [(teks(p.kode), teks(p.nama)) for p in d.ppks],
                "Peraturan Menteri Sosial",
            )
        )
    subs.append(
        _sec(
            d, "isu-strategis", "1.3", BagianNarasi.ISU_STRATEGIS, "Isu Strategis", tuple(isu_extra)
        )
    )
    programs = [a for a in d.anggaran if a.nomenklatur.tingkat == TingkatAnggaran.PROGRAM]
    if programs:
        children = d.children()
        # The Kegiatan column only when some program is itemised: no placeholder for the others.
        rinci = any(children.get(p.kode) for p in programs)
        rows = []
        for i, p in enumerate(programs, start=1):
            row = [teks(str(i)), teks(p.kode), teks(p.nomenklatur.nama, kelas="tebal")]
            if rinci:
                row.append(
                    teks("; ".join(k.nomenklatur.nama for k in children.get(p.kode, [])) or "-")
                )
            rows.append(tuple(row))
        subs.append(
            Bagian(
                "program-kegiatan",
                "1.4",
                "Program dan Kegiatan",
                (
                    Paragraf(
                        f"Pada tahun {d.tahun} {d.opd.nama} melaksanakan {len(programs)} program "
                        "dengan rincian sebagai berikut."
                        if rinci
                        else f"Pada tahun {d.tahun} {d.opd.nama} melaksanakan {len(programs)} "
                        "program berikut; anggarannya ditetapkan pada tingkat program."
                    ),
                    n.tabel(
                        f"Program dan Kegiatan Tahun {d.tahun}"
                        if rinci
                        else f"Program Tahun {d.tahun}",
                        [("No", "Kode", "Program", "Kegiatan")[: 4 if rinci else 3]],
                        rows,
                        "Dokumen Pelaksanaan Anggaran (DPA/DPPA)",
                    ),
                ),
            )
        )
    subs.append(
        _sec(d, "sistematika", "1.5", BagianNarasi.SISTEMATIKA, "Sistematika Penyajian")
        if d.teks(BagianNarasi.SISTEMATIKA).strip()
        else Bagian("sistematika", "1.5", "Sistematika Penyajian", _sistematika_baku(d))
    )
    return Bagian("bab-1", "BAB I", "PENDAHULUAN", (), tuple(subs))


def _sistematika_baku(d: DataLaporan) -> tuple:
    """The outline of PermenPANRB 53/2014 when the agency wrote none of its own."""
    return (
        Paragraf(
            f"Sistematika penyajian LKIP {d.opd.nama} Tahun {d.tahun} mengacu kepada Peraturan "
            "Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 53 Tahun 2014 "
            "dengan susunan sebagai berikut:"
        ),
        Daftar(
            (
                "BAB I PENDAHULUAN: penjelasan umum organisasi, aspek strategis organisasi dan "
                "permasalahan utama yang sedang dihadapi.",
                "BAB II PERENCANAAN KINERJA: rencana strategis, indikator kinerja utama dan "
                f"Perjanjian Kinerja tahun {d.tahun}.",
                "BAB III AKUNTABILITAS KINERJA: capaian kinerja organisasi untuk setiap sasaran "
                "strategis dengan analisisnya, realisasi anggaran, serta capaian kinerja program "
                "dan kegiatan beserta anggarannya.",
                "BAB IV PENUTUP: simpulan atas capaian kinerja serta langkah perbaikan di masa "
                "mendatang.",
                "LAMPIRAN: Perjanjian Kinerja dan data pendukung.",
            ),
            gaya="polos",
            bernomor=False,
        ),
    )


def _bab2(d: DataLaporan, n: Penomor) -> Bagian:
    years = d.renstra.tahun_list
    iku = d.iku()

    def indikator_sel(ind) -> list[Sel]:
        if ind is None:
            return [teks(None), *(teks(None, kelas="angka") for _ in years)]
        target = d.renstra_target.get(ind.kode, {})
        return [teks(ind.uraian), *(nilai_sel(ind, *target.get(y, (None, ""))) for y in years)]

    rows = baris_berjenjang(
        d.sasaran,
        d.iku_of,
        lambda s, no: (teks(str(no)), teks(s.tujuan.uraian)),
        indikator_sel,
    )
    t21 = n.tabel(
        f"Tujuan dan Sasaran Jangka Menengah {d.opd.nama} Tahun "
        f"{d.renstra.tahun_awal}–{d.renstra.tahun_akhir}",
        [
            (
                Kepala("No", rowspan=2),
                Kepala("Tujuan", rowspan=2, lebar="20%"),
                Kepala("Sasaran", rowspan=2, lebar="22%"),
                Kepala("Indikator Tujuan/Sasaran", rowspan=2, lebar="22%"),
                Kepala("Target Kinerja pada Tahun", colspan=len(years)),
            ),
            tuple(Kepala(str(y)) for y in years),
        ],
        rows,
        f"Renstra {d.opd.nama} Tahun {d.renstra.tahun_awal}–{d.renstra.tahun_akhir}",
        nomor_kolom=True,
    )
    rows = []
    for no, ind in enumerate(iku, start=1):
        c = d.capaian[ind.kode]
        formulasi = "\n".join(
            x
            for x in (
                ind.rumus,
                f"Pembilang: {ind.pembilang}" if ind.pembilang else "",
                f"Penyebut: {ind.penyebut}" if ind.penyebut else "",
            )
            if x
        )
        if ind.sumber_data:
            formulasi += f"\nSumber data: {ind.sumber_data}"
        rows.append(
            (
                teks(str(no)),
                teks(ind.sasaran.uraian if ind.sasaran else None),
                teks(ind.uraian),
                teks(ind.satuan),
                teks(ind.alasan, kosong="-"),
                teks(formulasi, kosong="-", kelas="pre"),
                nilai_sel(ind, c.target, c.target_predikat),
            )
        )
    t22 = n.tabel(
        f"Indikator Kinerja Utama {d.opd.nama}",
        [
            (
                Kepala("No", lebar="5%"),
                Kepala("Sasaran Strategis", lebar="15%"),
                Kepala("Indikator Kinerja Utama", lebar="15%"),
                Kepala("Satuan", lebar="8%"),
                Kepala("Alasan", lebar="24%"),
                Kepala("Formulasi/Cara Pengukuran", lebar="23%"),
                Kepala(f"Target {d.tahun}", lebar="10%"),
            )
        ],
        rows,
        f"Renstra {d.opd.nama} Tahun {d.renstra.tahun_awal}–{d.renstra.tahun_akhir}",
        kelas="kecil",
    )
    dasar = sorted({x.strip() for i in iku for x in ind_dasar(i) if x.strip()})
    blocks = list(narasi_blok(d.teks(BagianNarasi.RENCANA_STRATEGIS))) + [t21]
    sub22 = [
        Paragraf(f"Indikator kinerja utama (IKU) {d.opd.nama} ditetapkan sebagai berikut."),
        t22,
    ]
    if dasar:
        sub22 += [Paragraf("Dasar hukum penetapan IKU:"), Daftar(tuple(dasar))]
    pk = tabel_pk(d, n)
    return Bagian(
        "bab-2",
        "BAB II",
        "PERENCANAAN KINERJA",
        (),
        (
            Bagian("renstra", "2.1", "Rencana Strategis", tuple(blocks)),
            Bagian("iku", "2.2", "Indikator Kinerja Utama", tuple(sub22)),
            Bagian(
                "pk",
                "2.3",
                "Perjanjian Kinerja",
                narasi_blok(d.teks(BagianNarasi.PERJANJIAN_KINERJA)) + (pk,),
            ),
        ),
    )


def ind_dasar(ind) -> list[str]:
    return [x for x in (ind.dasar_hukum or "").split(";")]


def tabel_pk(d: DataLaporan, n: Penomor, judul: str | None = None):
    rows = []
    for no, sasaran in enumerate(d.sasaran, start=1):
        inds = d.iku_of(sasaran)
        for k, ind in enumerate(inds):
            c = d.capaian[ind.kode]
            row = []
            if k == 0:
                row += [teks(str(no), rowspan=len(inds)), teks(sasaran.uraian, rowspan=len(inds))]
            row += [
                teks(ind.uraian),
                teks(ind.satuan),
                nilai_sel(ind, c.target, c.target_predikat),
            ]
            for tw, v in enumerate(c.target_triwulan, start=1):
                row.append(
                    nilai_sel(ind, v, c.target_predikat if tw == 4 and ind.adalah_predikat else "")
                    if v is not None
                    else teks("-", kelas="angka")
                )
            rows.append(tuple(row))
    return n.tabel(
        judul or f"Perjanjian Kinerja {d.opd.nama} Tahun {d.tahun}",
        [
            (
                Kepala("No", rowspan=2),
                Kepala("Sasaran Strategis", rowspan=2, lebar="24%"),
                Kepala("Indikator Kinerja", rowspan=2, lebar="24%"),
                Kepala("Satuan", rowspan=2),
                Kepala("Target Tahunan", rowspan=2),
                Kepala("Target per Triwulan", colspan=4),
            ),
            (Kepala("I"), Kepala("II"), Kepala("III"), Kepala("IV")),
        ],
        rows,
        f"Perjanjian Kinerja {d.opd.nama} Tahun {d.tahun}",
        nomor_kolom=True,
    )


def _bab4(d: DataLaporan, r: dict) -> Bagian:
    kesimpulan = [
        Paragraf(
            f"Pada tahun {d.tahun} {d.opd.nama} memiliki {len(d.sasaran)} sasaran strategis dan "
            f"{len(d.iku())} indikator kinerja utama. "
            + (
                f"{r['iku_tercapai']} dari {r['iku_terukur']} IKU yang terukur mencapai atau "
                "melampaui target"
                + (
                    f", dengan rata-rata capaian {persen_teks(r['rata_capaian'])}"
                    if r["rata_capaian"] is not None
                    else ""
                )
                + "."
                if r["iku_terukur"]
                else "Capaian IKU belum dapat diukur karena data belum lengkap."
            )
            + (
                f" Serapan anggaran mencapai {persen_teks(r['serapan'])} dari pagu setelah "
                "perubahan."
                if r["serapan"] is not None
                else ""
            )
        )
    ]
    return Bagian(
        "bab-4",
        "BAB IV",
        "PENUTUP",
        (),
        (
            Bagian(
                "kesimpulan",
                "4.1",
                "Kesimpulan",
                tuple(kesimpulan) + narasi_blok(d.teks(BagianNarasi.KESIMPULAN)),
            ),
            Bagian(
                "rencana-tindak",
                "4.2",
                "Rencana Tindak",
                narasi_blok(d.teks(BagianNarasi.RENCANA_TINDAK)),
            ),
        ),
    )


def _lampiran(d: DataLaporan, n: Penomor) -> tuple[Bagian, ...]:
    out = [
        Bagian(
            "lampiran-pk",
            "Lampiran 1",
            "Perjanjian Kinerja",
            (
                Paragraf(
                    f"Perjanjian Kinerja Tahun {d.tahun} antara {d.opd.kepala_jabatan} (Pihak "
                    f"Pertama) dan {d.opd.pemda.kepala_daerah_jabatan or 'Kepala Daerah'} (Pihak "
                    "Kedua)."
                ),
                tabel_pk(d, n, f"Lampiran Perjanjian Kinerja {d.opd.nama} Tahun {d.tahun}"),
            ),
        )
    ]
    if d.bencana:
        rows = [
            (
                teks(str(i)),
                teks(b.kejadian),
                nilai(b.kepala_keluarga),
                nilai(b.jiwa),
                teks(b.sumber, kosong="-"),
            )
            for i, b in enumerate(d.bencana, start=1)
        ]
        jiwa = [b.jiwa for b in d.bencana if b.jiwa is not None]
        rows.append(
            (
                teks("Jumlah", colspan=3, kelas="total"),
                nilai(sum(jiwa) if jiwa else None, kelas="total"),
                teks(""),
            )
        )
        out.append(
            Bagian(
                "lampiran-bencana",
                "Lampiran 2",
                "Data Korban Bencana",
                (
                    n.tabel(
                        f"Jumlah Korban Bencana Tahun {d.tahun}",
                        [("No", "Kejadian", "Kepala Keluarga", "Jiwa", "Sumber")],
                        rows,
                        "Bidang Perlindungan dan Jaminan Sosial",
                    ),
                ),
            )
        )
    return tuple(out)


def pihak_kedua(d: DataLaporan) -> Penandatangan:
    pemda = d.opd.pemda
    return Penandatangan(
        tempat_tanggal="",
        jabatan=(pemda.kepala_daerah_jabatan or "Kepala Daerah").upper(),
        nama=pemda.kepala_daerah_nama,
        pangkat="",
        nip="",
        label="PIHAK KEDUA",
    )
