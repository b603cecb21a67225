"""Writes of the evaluation: worksheets, answers, evidence, steps, the result into the LKIP data,
follow-up. Each is one transaction; bad input raises Ditolak with an Indonesian message and writes
nothing."""

from __future__ import annotations

import datetime
import tomllib
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from evaluasi.cek import sumber_bukti
from evaluasi.models import (
    Bukti,
    CatatanKomponen,
    Dimensi,
    Evaluasi,
    Jawaban,
    JenisBukti,
    Komponen,
    Kriteria,
    Kualifikasi,
    LembarKerja,
    NilaiSubKomponen,
    Rekomendasi,
    StatusEvaluasi,
    StatusTindakLanjut,
    SubKomponen,
)
from evaluasi.skor import AKHIR, MANDIRI, LembarSkor, lembar_skor
from indicators.models import EvaluasiAKIP, Indikator, SkalaPredikat, Tingkat
from lkip import formulas
from lkip.formulas import lke
from lkip.kunci import periode_tertutup_error, tahun_terkunci_error
from lkip.models import Pemda, PerangkatDaerah
from targets.models import Periode, Realisasi

DATA_88_2021 = Path(__file__).parent / "data" / "lke_88_2021.toml"


class Ditolak(Exception):
    """Bad input or a step not allowed now; the message says why (Indonesian)."""


# --- worksheet ---------------------------------------------------------------------------


@transaction.atomic
def buat_lembar(
    pemda: Pemda,
    tahun: int,
    mulai: datetime.date,
    selesai: datetime.date,
    *,
    model: str = lke.ModelPenilaian.SUBKOMPONEN,
    perlu_reviu: bool = False,
    sumber: Path = DATA_88_2021,
) -> LembarKerja:
    """A new worksheet version for the pemda's year: a copy of the newest version of that year,
    else the 80 criteria of PermenPANRB 88/2021 from the data file."""
    if selesai < mulai:
        raise Ditolak("Tanggal penutupan penilaian mandiri tidak boleh sebelum tanggal pembukaan.")
    lama = LembarKerja.objects.filter(pemda=pemda, tahun=tahun).order_by("-versi").first()
    if lama is not None:
        return salin_lembar(lama, mulai=mulai, selesai=selesai)
    data = tomllib.loads(sumber.read_text(encoding="utf-8"))
    lembar = LembarKerja.objects.create(
        pemda=pemda,
        tahun=tahun,
        versi=1,
        nama=data["nama"],
        dasar=data.get("dasar", ""),
        model=model,
        mandiri_mulai=mulai,
        mandiri_selesai=selesai,
        perlu_reviu=perlu_reviu,
    )
    for k in data["komponen"]:
        bobot = Decimal(k["bobot"])
        komponen = Komponen.objects.create(
            lembar=lembar, kode=k["kode"], nama=k["nama"], bobot=bobot
        )
        for s in k["sub"]:
            dimensi = Dimensi(s["dimensi"])
            sub = SubKomponen.objects.create(
                komponen=komponen,
                kode=s["kode"],
                nama=s["nama"],
                dimensi=dimensi,
                bobot=bobot * lke.PORSI_DIMENSI[lke.Dimensi(dimensi)],
            )
            Kriteria.objects.bulk_create(
                Kriteria(
                    sub=sub,
                    nomor=i,
                    teks=c["teks"],
                    tipe=c.get("tipe", "yt"),
                    bukti_dukung=c.get("bukti", ""),
                    cek=c.get("cek", ""),
                )
                for i, c in enumerate(s["kriteria"], start=1)
            )
    return lembar


@transaction.atomic
def salin_lembar(lama: LembarKerja, **ubah) -> LembarKerja:
    """The next version of a worksheet (same year), with every criterion copied."""
    versi = (
        LembarKerja.objects.filter(pemda=lama.pemda, tahun=lama.tahun).order_by("-versi").first()
    ).versi + 1
    baru = LembarKerja.objects.create(
        pemda=lama.pemda,
        tahun=lama.tahun,
        versi=versi,
        nama=lama.nama,
        dasar=lama.dasar,
        model=ubah.get("model", lama.model),
        mandiri_mulai=ubah.get("mulai", lama.mandiri_mulai),
        mandiri_selesai=ubah.get("selesai", lama.mandiri_selesai),
        perlu_reviu=lama.perlu_reviu,
    )
    for k in Komponen.objects.filter(lembar=lama):
        kb = Komponen.objects.create(lembar=baru, kode=k.kode, nama=k.nama, bobot=k.bobot)
        for s in SubKomponen.objects.filter(komponen=k):
            sb = SubKomponen.objects.create(
                komponen=kb, kode=s.kode, nama=s.nama, dimensi=s.dimensi, bobot=s.bobot
            )
            Kriteria.objects.bulk_create(
                Kriteria(
                    sub=sb,
                    nomor=c.nomor,
                    teks=c.teks,
                    tipe=c.tipe,
                    bukti_dukung=c.bukti_dukung,
                    cek=c.cek,
                    aktif=c.aktif,
                )
                for c in Kriteria.objects.filter(sub=s)
            )
    return baru


def lembar_berlaku(pemda: Pemda, tahun: int) -> LembarKerja | None:
    return LembarKerja.objects.filter(pemda=pemda, tahun=tahun).order_by("-versi").first()


@transaction.atomic
def ubah_kriteria(kriteria: Kriteria, *, teks: str, tipe: str, aktif: bool) -> Kriteria:
    """Reword, retype or (de)activate a criterion. A worksheet a final evaluation was scored with
    is kept as it is: the change goes into a new version, which later evaluations use."""
    if not teks.strip():
        raise Ditolak("Teks kriteria wajib diisi.")
    lembar = kriteria.sub.komponen.lembar
    if lembar.terpakai_final:
        raise Ditolak(
            f"Lembar kerja versi {lembar.versi} sudah dipakai evaluasi yang final dan tidak "
            "diubah; buat versi baru lebih dahulu."
        )
    kriteria.teks, kriteria.tipe, kriteria.aktif = teks.strip(), tipe, aktif
    kriteria.full_clean()
    kriteria.save()
    return kriteria


@transaction.atomic
def tambah_kriteria(sub: SubKomponen, *, teks: str, tipe: str) -> Kriteria:
    """A criterion of the pemda's own juknis, appended to a sub-component."""
    if not teks.strip():
        raise Ditolak("Teks kriteria wajib diisi.")
    lembar = sub.komponen.lembar
    if lembar.terpakai_final:
        raise Ditolak(
            f"Lembar kerja versi {lembar.versi} sudah dipakai evaluasi yang final dan tidak "
            "diubah; buat versi baru lebih dahulu."
        )
    nomor = (sub.kriteria_set.order_by("-nomor").values_list("nomor", flat=True).first() or 0) + 1
    kriteria = Kriteria(sub=sub, nomor=nomor, teks=teks.strip(), tipe=tipe)
    kriteria.full_clean()
    kriteria.save()
    return kriteria


# --- evaluation --------------------------------------------------------------------------


@transaction.atomic
def buka_evaluasi(opd: PerangkatDaerah, tahun: int) -> Evaluasi:
    """The agency's evaluation of year n on the pemda's current worksheet of that year."""
    lembar = lembar_berlaku(opd.pemda, tahun)
    if lembar is None:
        raise Ditolak(f"Belum ada lembar kerja evaluasi {tahun} untuk {opd.pemda.nama}.")
    evaluasi, _ = Evaluasi.objects.get_or_create(opd=opd, tahun=tahun, defaults={"lembar": lembar})
    return evaluasi


def jadwal_terbuka(evaluasi: Evaluasi, hari: datetime.date | None = None) -> bool:
    hari = hari or timezone.localdate()
    lembar = evaluasi.lembar
    return lembar.mandiri_mulai <= hari <= lembar.mandiri_selesai


def alasan_tidak_bisa_mandiri(evaluasi: Evaluasi) -> str | None:
    """Why the agency cannot change its self-assessment now (None: it can)."""
    if evaluasi.status != StatusEvaluasi.MANDIRI:
        return "Penilaian mandiri sudah diajukan; jawaban perangkat daerah tidak dapat diubah lagi."
    if not jadwal_terbuka(evaluasi):
        lembar = evaluasi.lembar
        return (
            "Jadwal penilaian mandiri "
            f"{formulas.format_tanggal(lembar.mandiri_mulai)} s.d. "
            f"{formulas.format_tanggal(lembar.mandiri_selesai)} tidak sedang berlangsung."
        )
    return None


def alasan_tidak_bisa_menilai(evaluasi: Evaluasi) -> str | None:
    """Why the evaluator cannot set final values now (None: it can)."""
    if evaluasi.status == StatusEvaluasi.MANDIRI:
        return (
            "Penilaian mandiri belum diajukan perangkat daerah; nilai evaluator belum dapat diisi."
        )
    if evaluasi.status == StatusEvaluasi.FINAL:
        return "Evaluasi sudah final; buka kembali dengan alasan untuk mengubah nilai."
    if evaluasi.status == StatusEvaluasi.REVIU:
        return "Evaluasi sedang direviu penanggung jawab; nilai tidak dapat diubah."
    return None


def _belum_dijawab(skor: LembarSkor, jenis: str, siapa: str) -> str | None:
    """'74 kriteria belum dijawab perangkat daerah (sub-komponen 1.b: 11, …)', or None."""
    belum = skor.belum_dijawab(jenis)
    if not belum:
        return None
    jumlah = sum(n for _, n in belum)
    rincian = ", ".join(f"{kode}: {n}" for kode, n in belum)
    return f"{jumlah} dari {skor.jumlah_kriteria} kriteria belum {siapa} (sub-komponen {rincian})."


def alasan_tidak_bisa_ajukan(evaluasi: Evaluasi, skor: LembarSkor | None = None) -> str | None:
    """Why the agency cannot hand its self-assessment over now (None: it can)."""
    if alasan := alasan_tidak_bisa_mandiri(evaluasi):
        return alasan
    belum = _belum_dijawab(skor or lembar_skor(evaluasi), MANDIRI, "dijawab")
    if belum:
        return f"Penilaian mandiri belum dapat diajukan: {belum} Jawab semua kriteria lebih dahulu."
    return None


def alasan_tidak_bisa_finalkan(evaluasi: Evaluasi, skor: LembarSkor | None = None) -> str | None:
    """Why the evaluator cannot finalise (or hand over for review) now (None: it can)."""
    if evaluasi.status != StatusEvaluasi.PENILAIAN:
        return (
            "Evaluasi hanya dapat difinalkan dari tahap penilaian evaluator (status sekarang: "
            f"{evaluasi.get_status_display()})."
        )
    belum = _belum_dijawab(skor or lembar_skor(evaluasi), AKHIR, "dinilai evaluator")
    if belum:
        return f"Evaluasi belum dapat difinalkan: {belum}"
    return None


def alasan_batas_tindak_lanjut(
    batas: datetime.date, hari: datetime.date | None = None
) -> str | None:
    """Why a follow-up deadline is refused (None: it is accepted): none before today."""
    hari = hari or timezone.localdate()
    if batas < hari:
        return (
            f"Batas waktu tindak lanjut ({formulas.format_tanggal(batas)}) tidak boleh sebelum "
            f"hari ini ({formulas.format_tanggal(hari)})."
        )
    return None


def _jawaban(evaluasi: Evaluasi, kriteria: Kriteria) -> Jawaban:
    return Jawaban.objects.filter(evaluasi=evaluasi, kriteria=kriteria).first() or Jawaban(
        evaluasi=evaluasi, kriteria=kriteria
    )


def _kriteria_aktif(evaluasi: Evaluasi, kriteria_id: int) -> Kriteria:
    kriteria = (
        Kriteria.objects.filter(pk=kriteria_id, sub__komponen__lembar=evaluasi.lembar, aktif=True)
        .select_related("sub")
        .first()
    )
    if kriteria is None:
        raise Ditolak(f"Kriteria #{kriteria_id} tidak ada pada lembar kerja evaluasi ini.")
    return kriteria


@transaction.atomic
def simpan_jawaban(
    evaluasi: Evaluasi,
    jenis: str,
    isian: Mapping[int, tuple[str, str]],
    kualifikasi: Mapping[int, int] | None = None,
    penyesuaian: Mapping[int, tuple[str, str]] | None = None,
) -> int:
    """Save answers of one side: {kriteria_id: (jawaban, penjelasan-or-catatan)}.

    `jenis` MANDIRI writes only the agency's fields, AKHIR only the evaluator's: neither side can
    touch the other's. Every answer is checked against its criterion's type before anything is
    written. Returns how many answers and qualifiers changed.
    """
    alasan = (
        alasan_tidak_bisa_mandiri(evaluasi)
        if jenis == MANDIRI
        else alasan_tidak_bisa_menilai(evaluasi)
    )
    if alasan:
        raise Ditolak(alasan)
    model = evaluasi.lembar.model
    rencana = []
    salah = []
    for kriteria_id, (jawaban, teks) in isian.items():
        kriteria = _kriteria_aktif(evaluasi, kriteria_id)
        try:
            nilai = lke.periksa_jawaban(jawaban, lke.tipe_efektif(model, kriteria.tipe))
        except ValueError as exc:
            salah.append(f"Kriteria {kriteria.kode}: {exc}")
            continue
        rencana.append((kriteria, nilai, (teks or "").strip()))
    sesuai = []
    for sub_id, (teks_nilai, alasan_teks) in (penyesuaian or {}).items():
        if jenis != AKHIR:
            raise Ditolak("Hanya evaluator yang dapat menyesuaikan nilai sub-komponen.")
        sub = SubKomponen.objects.filter(pk=sub_id, komponen__lembar=evaluasi.lembar).first()
        if sub is None:
            raise Ditolak(f"Sub-komponen #{sub_id} tidak ada pada lembar kerja ini.")
        if not (teks_nilai or "").strip():
            sesuai.append((sub, None, ""))
            continue
        try:
            nilai = lke.periksa_nilai(
                formulas.parse_angka(teks_nilai), sub.bobot, f"sub-komponen {sub.kode}"
            )
        except (ValueError, TypeError) as exc:
            salah.append(f"Nilai penyesuaian {sub.kode}: {exc}")
            continue
        if not (alasan_teks or "").strip():
            salah.append(f"Alasan penyesuaian nilai {sub.kode} wajib diisi.")
            continue
        sesuai.append((sub, nilai, alasan_teks.strip()))
    if kualifikasi and model != lke.ModelPenilaian.SUBKOMPONEN:
        raise Ditolak(
            "Kualifikasi sub-komponen hanya dipakai pada model nilai per sub-komponen; lembar "
            "kerja ini memakai model rata-rata kriteria."
        )
    if salah:
        raise Ditolak(" ".join(salah))
    berubah = 0
    for kriteria, nilai, teks in rencana:
        obj = _jawaban(evaluasi, kriteria)
        if jenis == MANDIRI:
            baru = (nilai, teks) != (obj.jawaban_mandiri, obj.penjelasan)
            obj.jawaban_mandiri, obj.penjelasan = nilai, teks
        else:
            baru = (nilai, teks) != (obj.jawaban_akhir, obj.catatan)
            obj.jawaban_akhir, obj.catatan = nilai, teks
        if baru:
            obj.full_clean()
            obj.save()
            berubah += 1
    for sub_id, nilai in (kualifikasi or {}).items():
        if nilai not in Kualifikasi.values:
            raise Ditolak(f"Kualifikasi '{nilai}' tidak dikenal.")
        sub = SubKomponen.objects.filter(pk=sub_id, komponen__lembar=evaluasi.lembar).first()
        if sub is None:
            raise Ditolak(f"Sub-komponen #{sub_id} tidak ada pada lembar kerja ini.")
        obj = NilaiSubKomponen.objects.filter(evaluasi=evaluasi, sub=sub).first()
        obj = obj or NilaiSubKomponen(evaluasi=evaluasi, sub=sub)
        lama = obj.kualifikasi_mandiri if jenis == MANDIRI else obj.kualifikasi_akhir
        if lama != nilai:  # a new row holds the default (none) already: only a change is saved
            if jenis == MANDIRI:
                obj.kualifikasi_mandiri = nilai
            else:
                obj.kualifikasi_akhir = nilai
            obj.save()
            berubah += 1
    for sub, nilai, alasan_teks in sesuai:
        obj = NilaiSubKomponen.objects.filter(evaluasi=evaluasi, sub=sub).first()
        obj = obj or NilaiSubKomponen(evaluasi=evaluasi, sub=sub)
        if (obj.nilai_penyesuaian, obj.alasan_penyesuaian) != (nilai, alasan_teks):
            obj.nilai_penyesuaian, obj.alasan_penyesuaian = nilai, alasan_teks
            obj._change_reason = alasan_teks or "Penyesuaian nilai dihapus"
            obj.save()
    return berubah


@transaction.atomic
def tambah_bukti(
    evaluasi: Evaluasi, kriteria_id: int, user, *, sumber: str = "", berkas=None, keterangan=""
) -> Bukti:
    """Evidence for the agency's answer: a record of this agency (`jenis:id`) or a checked file."""
    if alasan := alasan_tidak_bisa_mandiri(evaluasi):
        raise Ditolak(alasan)
    kriteria = _kriteria_aktif(evaluasi, kriteria_id)
    if bool(sumber) == bool(berkas):
        raise Ditolak("Pilih satu bukti dari aplikasi atau unggah satu berkas.")
    jenis, objek = JenisBukti.BERKAS, ""
    if sumber:
        kunci = {s.kunci: s for s in sumber_bukti(evaluasi)}
        if sumber not in kunci:
            raise Ditolak(
                "Bukti tidak dikenal atau milik perangkat daerah lain: hanya data "
                f"{evaluasi.opd.nama} yang dapat dijadikan bukti."
            )
        jenis, objek = sumber.split(":", 1)
    jawaban = _jawaban(evaluasi, kriteria)
    if jawaban.pk is None:
        jawaban.save()
    bukti = Bukti(
        jawaban=jawaban,
        jenis=jenis,
        objek=objek,
        keterangan=(keterangan or "").strip()[:300],
        oleh=user,
    )
    if berkas:
        bukti.berkas = berkas
    bukti.save()
    return bukti


@transaction.atomic
def hapus_bukti(evaluasi: Evaluasi, bukti_id: int) -> None:
    if alasan := alasan_tidak_bisa_mandiri(evaluasi):
        raise Ditolak(alasan)
    bukti = Bukti.objects.filter(pk=bukti_id, jawaban__evaluasi=evaluasi).first()
    if bukti is None:
        raise Ditolak("Bukti tidak ditemukan pada evaluasi ini.")
    bukti.delete()  # its file goes with it once committed (lkip.umur_berkas)


@transaction.atomic
def ajukan_mandiri(evaluasi: Evaluasi) -> None:
    """The agency hands its complete self-assessment over; its answers are then read-only."""
    if alasan := alasan_tidak_bisa_ajukan(evaluasi):
        raise Ditolak(alasan)
    evaluasi.status = StatusEvaluasi.PENILAIAN
    evaluasi.diajukan = timezone.now()
    evaluasi._change_reason = "Penilaian mandiri diajukan"
    evaluasi.save()


@transaction.atomic
def simpan_catatan(evaluasi: Evaluasi, komponen_id: int, temuan: str) -> None:
    if alasan := alasan_tidak_bisa_menilai(evaluasi):
        raise Ditolak(alasan)
    komponen = Komponen.objects.filter(pk=komponen_id, lembar=evaluasi.lembar).first()
    if komponen is None:
        raise Ditolak("Komponen tidak ada pada lembar kerja ini.")
    obj = CatatanKomponen.objects.filter(evaluasi=evaluasi, komponen=komponen).first()
    if not temuan.strip():
        if obj:
            obj.delete()
        return
    obj = obj or CatatanKomponen(evaluasi=evaluasi, komponen=komponen)
    obj.temuan = temuan.strip()
    obj.full_clean()
    obj.save()


@transaction.atomic
def tambah_rekomendasi(
    evaluasi: Evaluasi, komponen_id: int, teks: str, batas: datetime.date
) -> Rekomendasi:
    if alasan := alasan_tidak_bisa_menilai(evaluasi):
        raise Ditolak(alasan)
    komponen = Komponen.objects.filter(pk=komponen_id, lembar=evaluasi.lembar).first()
    if komponen is None:
        raise Ditolak("Komponen tidak ada pada lembar kerja ini.")
    if not teks.strip():
        raise Ditolak("Teks rekomendasi wajib diisi.")
    if alasan := alasan_batas_tindak_lanjut(batas):
        raise Ditolak(alasan)
    nomor = (
        evaluasi.rekomendasi_set.order_by("-nomor").values_list("nomor", flat=True).first() or 0
    ) + 1
    rek = Rekomendasi(
        evaluasi=evaluasi, komponen=komponen, nomor=nomor, teks=teks.strip(), batas=batas
    )
    rek.full_clean()
    rek.save()
    return rek


@transaction.atomic
def finalkan(evaluasi: Evaluasi, user, *, nomor_lhe: str, tanggal_lhe: datetime.date) -> LembarSkor:
    """The evaluator's values become the result (or go to review first when the worksheet asks
    for a second tier)."""
    evaluasi = Evaluasi.objects.select_for_update().get(pk=evaluasi.pk)
    skor = lembar_skor(evaluasi)
    if alasan := alasan_tidak_bisa_finalkan(evaluasi, skor):
        raise Ditolak(alasan)
    if not nomor_lhe.strip():
        raise Ditolak("Nomor LHE wajib diisi.")
    evaluasi.nomor_lhe, evaluasi.tanggal_lhe = nomor_lhe.strip(), tanggal_lhe
    evaluasi.evaluator = user
    if evaluasi.lembar.perlu_reviu:
        evaluasi.status = StatusEvaluasi.REVIU
        evaluasi._change_reason = "Diajukan untuk reviu penanggung jawab"
        evaluasi.save()
        return skor
    _tetapkan(evaluasi, skor)
    return skor


@transaction.atomic
def setujui_reviu(evaluasi: Evaluasi, user) -> LembarSkor:
    evaluasi = Evaluasi.objects.select_for_update().get(pk=evaluasi.pk)
    if evaluasi.status != StatusEvaluasi.REVIU:
        raise Ditolak("Evaluasi ini tidak sedang menunggu reviu.")
    if evaluasi.evaluator_id == user.pk:
        raise Ditolak("Reviu harus dilakukan oleh penanggung jawab selain evaluatornya.")
    skor = lembar_skor(evaluasi)
    _tetapkan(evaluasi, skor)
    return skor


@transaction.atomic
def kembalikan_reviu(evaluasi: Evaluasi, alasan: str) -> None:
    if evaluasi.status != StatusEvaluasi.REVIU:
        raise Ditolak("Evaluasi ini tidak sedang menunggu reviu.")
    if not alasan.strip():
        raise Ditolak("Alasan pengembalian wajib diisi.")
    evaluasi.status = StatusEvaluasi.PENILAIAN
    evaluasi._change_reason = f"Dikembalikan oleh penanggung jawab: {alasan.strip()}"
    evaluasi.save()


def _tetapkan(evaluasi: Evaluasi, skor: LembarSkor) -> None:
    """FINAL: freeze the result, then write it into the agency's LKIP data of year n."""
    total = skor.total_akhir
    evaluasi.status = StatusEvaluasi.FINAL
    evaluasi.final = timezone.now()
    evaluasi.hasil = {
        "komponen": [
            [k.komponen.kode, k.komponen.nama, str(k.komponen.bobot), str(k.nilai_akhir)]
            for k in skor.komponen
        ],
        "total": str(total),
        "total_angka": str(formulas.bulatkan(total, 2)),
        "predikat": lke.predikat_lke(total),
    }
    evaluasi._change_reason = "Evaluasi final"
    evaluasi.save()
    terapkan_ke_lkip(evaluasi)


def terapkan_ke_lkip(evaluasi: Evaluasi) -> None:
    """Year n's evaluation is the LKIP year n's AKIP: its components (Evaluasi_AKIP, 2 dp) and the
    AKIP indicator's annual realisation (score and predicate)."""
    opd, tahun = evaluasi.opd, evaluasi.tahun
    if alasan := tahun_terkunci_error(opd, tahun):
        raise Ditolak(f"Hasil evaluasi tidak dapat dicatat ke LKIP {tahun}: {alasan}")
    if alasan := periode_tertutup_error(opd, tahun, Periode.TAHUNAN):
        raise Ditolak(f"Hasil evaluasi tidak dapat dicatat ke LKIP {tahun}: {alasan}")
    alasan = f"Hasil evaluasi AKIP (LHE {evaluasi.nomor_lhe})"
    EvaluasiAKIP.objects.filter(opd=opd, tahun=tahun).exclude(
        komponen__in=[k[1] for k in evaluasi.hasil["komponen"]]
    ).delete()
    komponen_bulat = []
    for urutan, (_kode, nama, bobot, nilai) in enumerate(evaluasi.hasil["komponen"], start=1):
        nilai2 = formulas.bulatkan(Decimal(nilai), 2)
        komponen_bulat.append(nilai2)
        obj = EvaluasiAKIP.objects.filter(opd=opd, tahun=tahun, komponen=nama).first()
        obj = obj or EvaluasiAKIP(opd=opd, tahun=tahun, komponen=nama)
        obj.bobot, obj.nilai, obj.urutan = Decimal(bobot), nilai2, urutan
        obj.nomor_lhe, obj.tanggal_lhe = evaluasi.nomor_lhe, evaluasi.tanggal_lhe
        obj._change_reason = alasan
        obj.full_clean()
        obj.save()
    # The printed total is the sum of the printed components, so the LKIP's table adds up.
    total = formulas.bulatkan(lke.jumlah(komponen_bulat), 2)
    indikator = Indikator.objects.filter(
        opd=opd, tingkat=Tingkat.IKU, skala_predikat=SkalaPredikat.AKIP
    ).first()
    if indikator is None:
        return
    real = Realisasi.objects.filter(
        indikator=indikator, tahun=tahun, periode=Periode.TAHUNAN
    ).first() or Realisasi(indikator=indikator, tahun=tahun, periode=Periode.TAHUNAN)
    real.nilai, real.pembilang, real.penyebut = total, None, None
    real.predikat = lke.predikat_lke(total) if indikator.adalah_predikat else ""
    real._change_reason = alasan
    real.full_clean()
    real.save()


@transaction.atomic
def buka_kembali(evaluasi: Evaluasi, alasan: str) -> None:
    """A final evaluation is changed only after reopening it with a reason (kept in its history)."""
    if evaluasi.status != StatusEvaluasi.FINAL:
        raise Ditolak("Hanya evaluasi yang final yang dapat dibuka kembali.")
    if not alasan.strip():
        raise Ditolak("Alasan membuka kembali wajib diisi.")
    evaluasi.status = StatusEvaluasi.PENILAIAN
    evaluasi.final = None
    evaluasi._change_reason = f"Dibuka kembali: {alasan.strip()}"
    evaluasi.save()


# --- follow-up ---------------------------------------------------------------------------


@transaction.atomic
def tanggapi(rek: Rekomendasi, tanggapan: str, berkas=None, selesai: bool = False) -> None:
    """The agency's follow-up: its response and evidence; 'proses' until the Inspektorat accepts."""
    if rek.status == StatusTindakLanjut.SELESAI:
        raise Ditolak("Tindak lanjut rekomendasi ini sudah diterima Inspektorat.")
    if not tanggapan.strip():
        raise Ditolak("Tanggapan (uraian tindak lanjut) wajib diisi.")
    rek.tanggapan = tanggapan.strip()
    if berkas:
        rek.bukti = berkas
    rek.status = StatusTindakLanjut.PROSES
    rek._change_reason = "Tindak lanjut perangkat daerah"
    rek.full_clean()
    rek.save()


@transaction.atomic
def verifikasi_tl(rek: Rekomendasi, terima: bool, catatan: str) -> None:
    if rek.status != StatusTindakLanjut.PROSES:
        raise Ditolak("Belum ada tindak lanjut baru yang menunggu verifikasi.")
    if not terima and not catatan.strip():
        raise Ditolak("Catatan wajib diisi bila tindak lanjut perlu perbaikan.")
    rek.status = StatusTindakLanjut.SELESAI if terima else StatusTindakLanjut.PERLU_PERBAIKAN
    rek.catatan_verifikasi = catatan.strip()
    rek._change_reason = "Diterima Inspektorat" if terima else "Perlu perbaikan"
    rek.full_clean()
    rek.save()
