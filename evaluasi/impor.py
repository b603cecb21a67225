"""Answers of a worksheet from an xlsx file (evaluations done on paper or in a spreadsheet).

Sheet `Jawaban`, one row per criterion, the header in row 1 (names in any order, case-insensitive):

| column | required | content |
|---|---|---|
| `kode_opd` | yes | the agency's code, e.g. `dinsos-kota-bekasi` |
| `tahun` | yes | the evaluation year n (it evaluates n−1) |
| `kriteria` | yes | the criterion's code, e.g. `1.a.3` |
| `jawaban_mandiri` | no | the agency's answer: Y/T, or A–E for an A–E criterion under averaging |
| `penjelasan` | no | the agency's explanation |
| `jawaban_evaluator` | no | the evaluator's answer, same types |
| `catatan_evaluator` | no | the evaluator's note |

Optional sheet `Kualifikasi` (grade model): `kode_opd`, `tahun`, `sub_komponen` (`1.a`),
`kualifikasi_mandiri`, `kualifikasi_evaluator` (0 none/B, 1 national mandate/BB, 2 maintained
≥ 1 year or worth appreciating/A, 3 maintained ≥ 5 years or innovative/AA).

The download (`lembar_xlsx`) carries a hidden sheet `Versi` (`kode_opd`, `tahun`, `versi_jawaban`:
a digest of the stored answers): a file answered while someone else saved answers is refused
rather than putting the older ones back. A file typed without it is not checked so.

A value that is what is stored already is no change: it passes whoever imports it, whenever. Every
change follows the screens' rules: agency columns only while its self-assessment is open,
evaluator columns only while the evaluator scores; the agency's and the evaluator's values never
cross.
All or nothing: every problem is named with its sheet, row and column, and nothing is written.
"""

from __future__ import annotations

import hashlib
import io
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import transaction

from evaluasi import services
from evaluasi.models import (
    Evaluasi,
    Jawaban,
    Kriteria,
    ModelPenilaian,
    NilaiSubKomponen,
    SubKomponen,
)
from evaluasi.skor import AKHIR, MANDIRI
from lkip.formulas import format_angka, lke
from lkip.xlsx import clean_text
from lkip.xlsx_berkas import ImporDitolak, Masalah, WorkbookDitolak, periksa_berkas

LEMBAR = "Jawaban"
LEMBAR_KUALIFIKASI = "Kualifikasi"
#: A hidden sheet of the download: which stored answers it was made from.
LEMBAR_VERSI = "Versi"
KOLOM_VERSI = ("kode_opd", "tahun", "versi_jawaban")
WAJIB = ("kode_opd", "tahun", "kriteria")
KOLOM = (*WAJIB, "jawaban_mandiri", "penjelasan", "jawaban_evaluator", "catatan_evaluator")
KOLOM_KUALIFIKASI = (
    "kode_opd",
    "tahun",
    "sub_komponen",
    "kualifikasi_mandiri",
    "kualifikasi_evaluator",
)
BATAS_BARIS = 20_000
BATAS_MASALAH = 50
#: The longest explanation or note (Jawaban.penjelasan, Jawaban.catatan).
PANJANG_TEKS = Jawaban._meta.get_field("penjelasan").max_length


def versi_jawaban(evaluasi: Evaluasi) -> str:
    """A digest of what the worksheet download carries of the evaluation: every answer, text
    and qualifier stored (empty ones count as none)."""
    digest = hashlib.sha256()
    for row in (
        Jawaban.objects.filter(evaluasi=evaluasi)
        .order_by("kriteria_id")
        .values_list("kriteria_id", "jawaban_mandiri", "penjelasan", "jawaban_akhir", "catatan")
    ):
        if any(row[1:]):
            digest.update(repr(row).encode())
    for row in (
        NilaiSubKomponen.objects.filter(evaluasi=evaluasi)
        .order_by("sub_id")
        .values_list("sub_id", "kualifikasi_mandiri", "kualifikasi_akhir")
    ):
        if any(row[1:]):
            digest.update(repr(row).encode())
    return digest.hexdigest()[:20]


def _tersimpan(e: Evaluasi, cache: dict[int, dict[int, Jawaban]]) -> dict[int, Jawaban]:
    if e.pk not in cache:
        cache[e.pk] = {j.kriteria_id: j for j in Jawaban.objects.filter(evaluasi=e)}
    return cache[e.pk]


def _sisi_jawaban(jawaban: Jawaban | None, jenis: str) -> tuple[str, str]:
    """One side's (answer, text) as stored; empty when nothing is."""
    if jawaban is None:
        return "", ""
    if jenis == MANDIRI:
        return jawaban.jawaban_mandiri, jawaban.penjelasan
    return jawaban.jawaban_akhir, jawaban.catatan


def _kualifikasi_tersimpan(
    e: Evaluasi, sub: SubKomponen, jenis: str, cache: dict[int, dict[int, NilaiSubKomponen]]
) -> int:
    if e.pk not in cache:
        cache[e.pk] = {n.sub_id: n for n in NilaiSubKomponen.objects.filter(evaluasi=e)}
    nilai = cache[e.pk].get(sub.pk)
    if nilai is None:
        return 0
    return nilai.kualifikasi_mandiri if jenis == MANDIRI else nilai.kualifikasi_akhir


def _rapi(teks: str) -> str:
    """Text as a spreadsheet gives it back: without the characters an xlsx cannot hold, with
    plain line ends, trimmed."""
    return clean_text(teks).replace("\r\n", "\n").replace("\r", "\n").strip()


def _bukan_pengisi(jenis: str, sekarang: str) -> str:
    tersimpan = f"'{sekarang[:40]}'" if sekarang else "kosong"
    return (
        f"kolom ini diisi oleh {PENGISI[jenis]}, bukan dari akun Anda; isinya berbeda dari yang "
        f"tersimpan ({tersimpan}). Kosongkan atau kembalikan isinya."
    )


def _teks(nilai) -> str:
    if nilai is None:
        return ""
    if isinstance(nilai, float) and nilai.is_integer():
        nilai = int(nilai)
    return str(nilai).strip()


def _baris(ws, lembar: str, kolom: tuple[str, ...], wajib: tuple[str, ...], masalah):
    rows = ws.iter_rows(values_only=True)
    kepala = [_teks(v).lower() for v in next(rows, ())]
    posisi = {nama: kepala.index(nama) for nama in kolom if nama in kepala}
    kurang = [k for k in wajib if k not in posisi]
    if kurang:
        masalah.append(Masalah(lembar, 1, None, f"kolom wajib tidak ada: {', '.join(kurang)}."))
        return []
    out = []
    for nomor, row in enumerate(rows, start=2):
        if nomor > BATAS_BARIS + 1:
            masalah.append(Masalah(lembar, nomor, None, f"lebih dari {BATAS_BARIS} baris."))
            break
        nilai = {k: _teks(row[i]) if i < len(row) else "" for k, i in posisi.items()}
        if not any(nilai.values()):
            continue
        out.append((nomor, nilai))
    return out


#: Who fills each side's columns, as a refusal names them.
PENGISI = {MANDIRI: "perangkat daerah (penilaian mandiri)", AKHIR: "evaluator (Inspektorat)"}
SEMUA_SISI = frozenset({MANDIRI, AKHIR})


def impor_xlsx(
    data: bytes, *, evaluasi: Evaluasi | None = None, sisi: frozenset[str] = SEMUA_SISI
) -> dict[str, int]:
    """Import the answers, or raise ImporDitolak naming every problem; {what: how many}.

    `evaluasi`: only rows of that agency and year (an upload on its worksheet page); `sisi`: the
    sides the importing user fills (MANDIRI for the agency's planner, AKHIR for the evaluator).
    A value in the other side's columns is accepted only where it is what is already stored (a
    downloaded worksheet carries both sides); a different one is refused, naming its cell.
    """
    from openpyxl import load_workbook

    try:
        periksa_berkas(data)
    except WorkbookDitolak as exc:
        raise ImporDitolak([Masalah(None, None, None, exc.pesan)]) from None
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
    except Exception as exc:  # a damaged file is an answer, never a traceback
        raise ImporDitolak(
            [Masalah(None, None, None, f"workbook tidak dapat dibaca ({type(exc).__name__}).")]
        ) from None
    if LEMBAR not in wb.sheetnames:
        raise ImporDitolak([Masalah(LEMBAR, None, None, "sheet tidak ada di workbook.")])
    masalah: list[Masalah] = []
    rows = _baris(wb[LEMBAR], LEMBAR, KOLOM, WAJIB, masalah)
    kual_rows = (
        _baris(
            wb[LEMBAR_KUALIFIKASI],
            LEMBAR_KUALIFIKASI,
            KOLOM_KUALIFIKASI,
            KOLOM_KUALIFIKASI[:3],
            masalah,
        )
        if LEMBAR_KUALIFIKASI in wb.sheetnames
        else []
    )
    versi_rows = (
        _baris(wb[LEMBAR_VERSI], LEMBAR_VERSI, KOLOM_VERSI, KOLOM_VERSI, masalah)
        if LEMBAR_VERSI in wb.sheetnames
        else []
    )
    if masalah:
        raise ImporDitolak(masalah)

    evaluasi_cache: dict[tuple[str, str], Evaluasi | None] = {}

    def evaluasi_dari(lembar, nomor, nilai) -> Evaluasi | None:
        kunci = (nilai["kode_opd"], nilai["tahun"])
        if evaluasi is not None and kunci != (evaluasi.opd.kode, str(evaluasi.tahun)):
            masalah.append(
                Masalah(
                    lembar,
                    nomor,
                    "kode_opd" if kunci[0] != evaluasi.opd.kode else "tahun",
                    f"baris ini untuk '{kunci[0]}' tahun {kunci[1] or '(kosong)'}; berkas ini "
                    f"diimpor ke evaluasi {evaluasi.opd.kode} tahun {evaluasi.tahun} saja.",
                )
            )
            return None
        if kunci not in evaluasi_cache:
            e = None
            if nilai["tahun"].isdigit():
                e = (
                    Evaluasi.objects.filter(opd__kode=kunci[0], tahun=int(kunci[1]))
                    .select_related("lembar", "opd")
                    .first()
                )
            evaluasi_cache[kunci] = e
        e = evaluasi_cache[kunci]
        if e is None:
            masalah.append(
                Masalah(
                    lembar,
                    nomor,
                    "kode_opd",
                    f"tidak ada evaluasi {nilai['tahun'] or '(tahun kosong)'} untuk perangkat "
                    f"daerah '{nilai['kode_opd']}'.",
                )
            )
        return e

    for nomor, nilai in versi_rows:
        # A download answered while others saved answers would put the older ones back.
        e = evaluasi_dari(LEMBAR_VERSI, nomor, nilai)
        if e is not None and nilai["versi_jawaban"] != versi_jawaban(e):
            masalah.append(
                Masalah(
                    LEMBAR_VERSI,
                    nomor,
                    "versi_jawaban",
                    f"jawaban evaluasi {e.opd.kode} tahun {e.tahun} sudah berubah sejak berkas "
                    "ini diunduh; unduh lembar kerja lagi dan isikan perubahan Anda di sana, "
                    "agar jawaban yang lebih baru tidak tertimpa.",
                )
            )
    if masalah:
        raise ImporDitolak(masalah)
    rencana: dict[int, dict[str, dict]] = defaultdict(lambda: {MANDIRI: {}, AKHIR: {}})
    kual_rencana: dict[int, dict[str, dict]] = defaultdict(lambda: {MANDIRI: {}, AKHIR: {}})
    evaluasi_by_id: dict[int, Evaluasi] = {}
    kriteria_cache: dict[int, dict[str, Kriteria]] = {}
    tersimpan_cache: dict[int, dict[int, Jawaban]] = {}
    baris_kriteria: dict[tuple[int, int], int] = {}
    ada_isian = False  # any answer, text or qualifier in the file
    sub_cache: dict[int, dict[str, SubKomponen]] = {}
    kual_cache: dict[int, dict[int, NilaiSubKomponen]] = {}
    baris_sub: dict[tuple[int, int], int] = {}
    for nomor, nilai in rows:
        e = evaluasi_dari(LEMBAR, nomor, nilai)
        if e is None:
            continue
        evaluasi_by_id[e.pk] = e
        if e.lembar_id not in kriteria_cache:
            kriteria_cache[e.lembar_id] = {
                f"{k.sub.kode}.{k.nomor}": k
                for k in Kriteria.objects.filter(
                    sub__komponen__lembar=e.lembar, aktif=True
                ).select_related("sub")
            }
        kriteria = kriteria_cache[e.lembar_id].get(nilai["kriteria"])
        if kriteria is not None and (e.pk, kriteria.pk) in baris_kriteria:
            masalah.append(
                Masalah(
                    LEMBAR,
                    nomor,
                    "kriteria",
                    f"kriteria '{nilai['kriteria']}' sudah ada di baris "
                    f"{baris_kriteria[e.pk, kriteria.pk]}; satu baris per kriteria.",
                )
            )
            continue
        if kriteria is not None:
            baris_kriteria[e.pk, kriteria.pk] = nomor
        if kriteria is None:
            masalah.append(
                Masalah(
                    LEMBAR,
                    nomor,
                    "kriteria",
                    f"kriteria '{nilai['kriteria']}' tidak ada "
                    "(atau tidak aktif) pada lembar kerja evaluasi ini.",
                )
            )
            continue
        tipe = lke.tipe_efektif(e.lembar.model, kriteria.tipe)
        for jenis, kolom, teks in (
            (MANDIRI, "jawaban_mandiri", "penjelasan"),
            (AKHIR, "jawaban_evaluator", "catatan_evaluator"),
        ):
            if not nilai.get(kolom) and not nilai.get(teks):
                continue
            try:
                jawaban = lke.periksa_jawaban(nilai.get(kolom, ""), tipe)
            except ValueError as exc:
                masalah.append(Masalah(LEMBAR, nomor, kolom, str(exc)))
                continue
            ada_isian = True
            lama = _sisi_jawaban(_tersimpan(e, tersimpan_cache).get(kriteria.pk), jenis)
            berbeda = [
                (nama, sekarang)
                for nama, baru, sekarang in (
                    (kolom, jawaban, lama[0]),
                    (teks, nilai.get(teks, ""), lama[1]),
                )
                if baru and _rapi(baru) != _rapi(sekarang)
            ]
            if not berbeda:  # what is stored already: nothing to write, whoever imports it
                continue
            if jenis not in sisi:
                for nama, sekarang in berbeda:
                    masalah.append(Masalah(LEMBAR, nomor, nama, _bukan_pengisi(jenis, sekarang)))
                continue
            if len(nilai.get(teks, "")) > PANJANG_TEKS:
                masalah.append(
                    Masalah(
                        LEMBAR,
                        nomor,
                        teks,
                        f"paling panjang {format_angka(PANJANG_TEKS, 0)} karakter (berisi "
                        f"{format_angka(len(nilai[teks]), 0)}).",
                    )
                )
                continue
            alasan = (
                services.alasan_tidak_bisa_mandiri(e)
                if jenis == MANDIRI
                else services.alasan_tidak_bisa_menilai(e)
            )
            if alasan:
                masalah.append(Masalah(LEMBAR, nomor, kolom, alasan))
                continue
            rencana[e.pk][jenis][kriteria.pk] = (jawaban, nilai.get(teks, ""))
    for nomor, nilai in kual_rows:
        e = evaluasi_dari(LEMBAR_KUALIFIKASI, nomor, nilai)
        if e is None:
            continue
        if e.lembar.model != ModelPenilaian.SUBKOMPONEN:
            masalah.append(
                Masalah(
                    LEMBAR_KUALIFIKASI,
                    nomor,
                    "sub_komponen",
                    "lembar kerja evaluasi ini memakai model rata-rata kriteria, tanpa "
                    "kualifikasi sub-komponen; kosongkan sheet Kualifikasi.",
                )
            )
            break
        evaluasi_by_id[e.pk] = e
        if e.lembar_id not in sub_cache:
            sub_cache[e.lembar_id] = {
                s.kode: s for s in SubKomponen.objects.filter(komponen__lembar=e.lembar)
            }
        sub = sub_cache[e.lembar_id].get(nilai["sub_komponen"])
        if sub is not None and (e.pk, sub.pk) in baris_sub:
            masalah.append(
                Masalah(
                    LEMBAR_KUALIFIKASI,
                    nomor,
                    "sub_komponen",
                    f"sub-komponen '{sub.kode}' sudah ada di baris {baris_sub[e.pk, sub.pk]}.",
                )
            )
            continue
        if sub is not None:
            baris_sub[e.pk, sub.pk] = nomor
        if sub is None:
            masalah.append(
                Masalah(
                    LEMBAR_KUALIFIKASI,
                    nomor,
                    "sub_komponen",
                    f"sub-komponen '{nilai['sub_komponen']}' tidak ada.",
                )
            )
            continue
        for jenis, kolom in ((MANDIRI, "kualifikasi_mandiri"), (AKHIR, "kualifikasi_evaluator")):
            if not nilai.get(kolom):
                continue
            ada_isian = True
            sekarang = _kualifikasi_tersimpan(e, sub, jenis, kual_cache)
            if nilai[kolom] == str(sekarang):  # what is stored already
                continue
            if jenis not in sisi:
                masalah.append(
                    Masalah(LEMBAR_KUALIFIKASI, nomor, kolom, _bukan_pengisi(jenis, str(sekarang)))
                )
                continue
            if nilai[kolom] not in ("0", "1", "2", "3"):
                masalah.append(
                    Masalah(
                        LEMBAR_KUALIFIKASI,
                        nomor,
                        kolom,
                        f"'{nilai[kolom][:20]}' tidak sah: isi 0, 1, 2 atau 3.",
                    )
                )
                continue
            kual_rencana[e.pk][jenis][sub.pk] = int(nilai[kolom])
        if len(masalah) >= BATAS_MASALAH:
            break
    if masalah:
        raise ImporDitolak(masalah[:BATAS_MASALAH])
    if not ada_isian:
        raise ImporDitolak(
            [Masalah(LEMBAR, None, None, "tidak ada jawaban yang dapat diimpor dari berkas ini.")]
        )
    hasil = {"isian mandiri": 0, "isian evaluator": 0}
    try:
        with transaction.atomic():
            for pk, e in evaluasi_by_id.items():
                for jenis, label in ((MANDIRI, "isian mandiri"), (AKHIR, "isian evaluator")):
                    if jenis not in sisi:
                        continue
                    isian, kual = rencana[pk][jenis], kual_rencana[pk][jenis]
                    if isian or kual:
                        hasil[label] += services.simpan_jawaban(e, jenis, isian, kual)
    except services.Ditolak as exc:  # the evaluation changed state meanwhile: nothing written
        raise ImporDitolak([Masalah(LEMBAR, None, None, str(exc))]) from None
    except ValidationError as exc:  # a model rule the checks above do not know: nothing written
        raise ImporDitolak([Masalah(LEMBAR, None, None, " ".join(exc.messages))]) from None
    return hasil


def lembar_xlsx(evaluasi: Evaluasi) -> bytes:
    """The agency's worksheet in the layout `impor_xlsx` reads, filled with what is stored: to
    answer on paper or in a spreadsheet and upload again. Columns after the importer's (the
    component, the criterion's text, the answers it takes) are for reading; the importer skips
    them."""
    from evaluasi.models import Kualifikasi, ModelPenilaian
    from evaluasi.skor import lembar_skor
    from lkip import xlsx

    skor = lembar_skor(evaluasi)
    wb = xlsx.new_workbook()
    ws = wb.active
    ws.title = LEMBAR
    bacaan = ("sub_komponen", "uraian_kriteria", "pilihan_jawaban")
    for i, judul in enumerate((*KOLOM, *bacaan), start=1):
        xlsx.style_header(xlsx.write_text(ws.cell(1, i), judul), dark=i > len(KOLOM))
    ws.freeze_panes = "D2"
    baris = 2
    for s in skor.subs:
        for b in s.baris:
            nilai = (
                evaluasi.opd.kode,
                evaluasi.tahun,
                f"{s.sub.kode}.{b.kriteria.nomor}",
                b.mandiri,
                b.jawaban.penjelasan if b.jawaban else "",
                b.akhir,
                b.jawaban.catatan if b.jawaban else "",
                f"{s.sub.kode} {s.sub.get_dimensi_display()} ({s.sub.komponen.nama})",
                b.kriteria.teks,
                " / ".join(lke.NILAI_JAWABAN[lke.TipeJawaban(b.tipe)]),
            )
            for kolom, isi in enumerate(nilai, start=1):
                if isinstance(isi, int):
                    xlsx.write_number(ws.cell(baris, kolom), isi, "0")
                else:
                    xlsx.write_text(ws.cell(baris, kolom), isi)
            baris += 1
    xlsx.set_widths(ws, {1: 24, 2: 8, 3: 10, 4: 16, 5: 40, 6: 18, 7: 40, 8: 36, 9: 70, 10: 16})
    if evaluasi.lembar.model == ModelPenilaian.SUBKOMPONEN:
        wk = wb.create_sheet(LEMBAR_KUALIFIKASI)
        judul = (*KOLOM_KUALIFIKASI, "arti_nilai")
        for i, teks in enumerate(judul, start=1):
            xlsx.style_header(xlsx.write_text(wk.cell(1, i), teks), dark=i > len(KOLOM_KUALIFIKASI))
        arti = "; ".join(f"{k.value} = {k.label}" for k in Kualifikasi)
        for n, s in enumerate(skor.subs, start=2):
            xlsx.write_text(wk.cell(n, 1), evaluasi.opd.kode)
            xlsx.write_number(wk.cell(n, 2), evaluasi.tahun, "0")
            xlsx.write_text(wk.cell(n, 3), s.sub.kode)
            xlsx.write_number(wk.cell(n, 4), s.kualifikasi[MANDIRI], "0")
            xlsx.write_number(wk.cell(n, 5), s.kualifikasi[AKHIR], "0")
            xlsx.write_text(wk.cell(n, 6), arti)
        xlsx.set_widths(wk, {1: 24, 2: 8, 3: 14, 4: 20, 5: 22, 6: 90})
    wv = wb.create_sheet(LEMBAR_VERSI)
    for i, teks in enumerate(KOLOM_VERSI, start=1):
        xlsx.write_text(wv.cell(1, i), teks)
    xlsx.write_text(wv.cell(2, 1), evaluasi.opd.kode)
    xlsx.write_number(wv.cell(2, 2), evaluasi.tahun, "0")
    xlsx.write_text(wv.cell(2, 3), versi_jawaban(evaluasi))
    wv.sheet_state = "hidden"
    return xlsx.save(wb)
