"""The LHE (Laporan Hasil Evaluasi): build from a final evaluation, render with WeasyPrint, and sign
with the LKIP's certificate and pyHanko (reports.signing), the Inspektur signing.

Build, then render: `bangun_lhe` runs every query; `render_lhe_pdf` only lays out.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from evaluasi.models import CatatanKomponen, Evaluasi, LHETertandatangani, Rekomendasi
from evaluasi.services import Ditolak
from evaluasi.skor import lembar_skor
from lkip import formulas
from lkip.formulas import lke
from reports.laporan.batas import dalam_batas
from reports.laporan.pdf_siap import font_config
from reports.laporan.render import PT_PER_PX, KotakTandaTangan, render_stempel
from reports.laporan.struktur import TandaTanganElektronik
from reports.signing import (
    kolom_tanda_tangan,
    muat_sertifikat,
    qr_svg,
    tandatangani_pdf,
    waktu_teks,
)


@dataclass(frozen=True)
class SubLHE:
    kode: str
    dimensi: str
    bobot: str
    grade: str
    nilai: str


@dataclass(frozen=True)
class KomponenLHE:
    kode: str
    nama: str
    bobot: str
    nilai: str
    persen: str
    sub: tuple[SubLHE, ...]
    temuan: str
    rekomendasi: tuple[tuple[int, str, str], ...]  # (nomor, teks, batas)


@dataclass(frozen=True)
class LHE:
    opd_nama: str
    opd_kode: str
    kepala_jabatan: str
    pemda: str
    tahun: int
    tahun_kinerja: int
    nomor: str
    tanggal: str
    kota: str
    dasar: str
    model: str
    komponen: tuple[KomponenLHE, ...]
    total: str
    predikat: str
    interpretasi: str
    penandatangan_nama: str
    penandatangan_jabatan: str
    draf: bool


def bangun_lhe(evaluasi: Evaluasi, nama: str = "", jabatan: str = "") -> LHE:
    """The LHE's content from the evaluator's values (all queries here)."""
    skor = lembar_skor(evaluasi)
    temuan = {c.komponen_id: c.temuan for c in CatatanKomponen.objects.filter(evaluasi=evaluasi)}
    rek: dict[int, list] = {}
    for r in Rekomendasi.objects.filter(evaluasi=evaluasi):
        rek.setdefault(r.komponen_id, []).append(
            (r.nomor, r.teks, formulas.format_tanggal(r.batas))
        )
    f = formulas.format_angka
    komponen = tuple(
        KomponenLHE(
            k.komponen.kode,
            k.komponen.nama,
            f(k.komponen.bobot),
            f(k.nilai_akhir),
            f(k.persen_akhir, 1) if k.persen_akhir is not None else "—",
            tuple(
                SubLHE(
                    s.sub.kode,
                    s.sub.get_dimensi_display(),
                    f(s.sub.bobot),
                    s.nilai["akhir"].grade,
                    f(s.nilai["akhir"].nilai),
                )
                for s in k.sub
            ),
            temuan.get(k.komponen.pk, ""),
            tuple(rek.get(k.komponen.pk, [])),
        )
        for k in skor.komponen
    )
    total = skor.total_akhir
    predikat = lke.predikat_lke(total)
    opd = evaluasi.opd
    tanggal = evaluasi.tanggal_lhe or timezone.localdate()
    return LHE(
        opd_nama=opd.nama,
        opd_kode=opd.kode,
        kepala_jabatan=opd.kepala_jabatan,
        pemda=opd.pemda.nama,
        tahun=evaluasi.tahun,
        tahun_kinerja=evaluasi.tahun_kinerja,
        nomor=evaluasi.nomor_lhe or "(belum bernomor)",
        tanggal=formulas.format_tanggal(tanggal),
        kota=opd.kota_ttd,
        dasar=evaluasi.lembar.dasar,
        model=evaluasi.lembar.get_model_display(),
        komponen=komponen,
        total=f(total),
        predikat=predikat,
        interpretasi=formulas.INTERPRETASI_AKIP[predikat],
        penandatangan_nama=nama,
        penandatangan_jabatan=jabatan or f"Inspektur {opd.pemda.nama.replace('Pemerintah ', '')}",
        draf=not evaluasi.adalah_final,
    )


def _font_base() -> str:
    return settings.FONT_DIR.as_uri() + "/" if settings.FONT_DIR else ""


def render_lhe_html(lhe: LHE, tte: TandaTanganElektronik | None = None) -> str:
    return render_to_string(
        "evaluasi/lhe.html",
        {
            "lhe": lhe,
            "tte": tte,
            "font_base": _font_base(),
            "tabel_predikat": formulas.TABEL_PREDIKAT_AKIP,
        },
    )


def _tulis(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(font_config=font_config())


def _tulis_bertanda(html: str) -> tuple[bytes, KotakTandaTangan]:
    from weasyprint import HTML

    document = HTML(string=html, base_url=str(settings.BASE_DIR)).render(
        font_config=font_config(), pdf_variant="pdf/a-3b"
    )
    for index, page in enumerate(document.pages):
        if "tte-kotak" in page.anchors:
            x1, y1, x2, y2 = page.anchors["tte-kotak"]
            tinggi = page.height
            kotak = KotakTandaTangan(
                index,
                x1 * PT_PER_PX,
                (tinggi - y2) * PT_PER_PX,
                x2 * PT_PER_PX,
                (tinggi - y1) * PT_PER_PX,
            )
            return document.write_pdf(pdf_variant="pdf/a-3b"), kotak
    raise ValueError("Blok tanda tangan Inspektur tidak ditemukan pada LHE.")


def render_lhe_pdf(lhe: LHE) -> bytes:
    """The LHE as an (unsigned) PDF; a draft says so on every page."""
    return dalam_batas(_tulis, render_lhe_html(lhe))


def url_verifikasi_lhe(dokumen_id) -> str:
    return settings.LKIP_PUBLIC_URL.rstrip("/") + reverse(
        "evaluasi:verifikasi_lhe", args=[dokumen_id]
    )


def alasan_tidak_bisa_tandatangani(evaluasi: Evaluasi) -> str | None:
    """Why the LHE cannot be signed now (None: it can): not final, or signed since it was."""
    if not evaluasi.adalah_final:
        return "LHE hanya dapat ditandatangani setelah evaluasi final."
    terakhir = evaluasi.lhe_set.order_by("-revisi").first()
    if terakhir is not None and evaluasi.final and terakhir.ditandatangani >= evaluasi.final:
        return "LHE evaluasi ini sudah ditandatangani; tidak ada perubahan sejak itu."
    return None


@transaction.atomic
def tandatangani_lhe(evaluasi: Evaluasi, user) -> LHETertandatangani:
    """The Inspektur signs the final evaluation's LHE (PAdES); a new revision after a reopening."""
    evaluasi = (
        Evaluasi.objects.select_for_update()
        .select_related("opd__pemda", "lembar")
        .get(pk=evaluasi.pk)
    )
    if alasan := alasan_tidak_bisa_tandatangani(evaluasi):
        raise Ditolak(alasan)
    terakhir = evaluasi.lhe_set.order_by("-revisi").first()
    try:
        sertifikat = muat_sertifikat()
    except Exception as exc:  # SertifikatBermasalah: its message says what to set
        raise Ditolak(str(exc)) from exc
    nama = user.get_full_name().strip() or user.get_username()
    lhe = bangun_lhe(evaluasi, nama=nama)
    dokumen_id = uuid.uuid4()
    waktu = timezone.now()
    url = url_verifikasi_lhe(dokumen_id)
    revisi = (terakhir.revisi + 1) if terakhir else 0
    tte = TandaTanganElektronik(
        dokumen_id=str(dokumen_id),
        revisi=revisi,
        nama=nama,
        jabatan=lhe.penandatangan_jabatan,
        waktu=waktu_teks(waktu),
        url_verifikasi=url,
        qr_svg=qr_svg(url),
        sertifikat_subjek=sertifikat.subjek,
        penerbit=sertifikat.penerbit,
        demo=sertifikat.demo,
    )
    pdf, kotak = dalam_batas(_tulis_bertanda, render_lhe_html(lhe, tte))
    signed = tandatangani_pdf(
        pdf,
        kotak,
        render_stempel(tte),
        sertifikat,
        nama=nama,
        alasan=f"LHE AKIP {lhe.opd_nama} tahun {lhe.tahun}"[:500],
        lokasi=lhe.kota,
        kontak=url,
    )
    total = Decimal(evaluasi.hasil.get("total", "0"))
    return LHETertandatangani.objects.create(
        id=dokumen_id,
        evaluasi=evaluasi,
        revisi=revisi,
        nilai=formulas.bulatkan(total, 2),
        predikat=lke.predikat_lke(total),
        **kolom_tanda_tangan(signed, user, nama, lhe.penandatangan_jabatan, sertifikat, waktu),
    )
