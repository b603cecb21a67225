"""Sheet steps of the plan: the agency and its Renstra, tujuan, sasaran and indicators."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from exchange.columns import (
    AGREGASI,
    CAP_PERSEN,
    JENIS_NILAI,
    METODE_NEGATIF,
    MODE_PREDIKAT,
    POLARITAS,
    SKALA_PREDIKAT,
    TINGKAT_INDIKATOR,
)
from exchange.importer.context import Ctx, nomenklatur_ctx, penjaga_struktur, sasaran_ctx
from exchange.importer.importer import Importer, Tabel, urutan_menurut_sheet
from exchange.importer.sheet import Sheet
from indicators.models import Indikator
from indicators.screens import IndikatorForm
from lkip import formulas
from lkip.kunci import kunci_opd
from lkip.models import Pemda, PerangkatDaerah, kode_dari_nama
from targets.models import Renstra, Sasaran, Tujuan

_CAP_SAH = frozenset(Decimal(c) for c in CAP_PERSEN)


def perangkat_daerah(imp: Importer, sheet: Sheet, ctx: Ctx) -> None:

    if len(sheet.rows) != 1:
        sheet.error(None, None, f"harus berisi tepat satu baris data (ada {len(sheet.rows)}).")
        ctx["fatal"] = True
        return
    baris, row = sheet.rows[0]
    kode = sheet.text(baris, row, "kode", required=True).lower()
    if ctx.get("opd_kode") and kode and kode != ctx["opd_kode"]:
        sheet.error(
            baris,
            "kode",
            f"workbook ini milik perangkat daerah '{kode}', bukan '{ctx['opd_kode']}'; tidak "
            "diimpor.",
        )
        ctx["fatal"] = True
        return
    nama_pemda = sheet.text(baris, row, "pemda", required=True, max_length=200)
    awal = sheet.year(baris, row, "renstra_awal")
    akhir = sheet.year(baris, row, "renstra_akhir")
    if awal and akhir and akhir < awal:
        sheet.error(baris, "renstra_akhir", "tahun akhir Renstra tidak boleh sebelum tahun awal.")
    values = {
        "kode_skpd": sheet.text(baris, row, "kode_skpd"),
        "nama": sheet.text(baris, row, "nama", required=True),
        "kota_ttd": sheet.text(baris, row, "kota_ttd", required=True),
        "kepala_nama": sheet.text(baris, row, "kepala_nama", required=True),
        "kepala_nip": sheet.text(baris, row, "kepala_nip"),
        "kepala_pangkat": sheet.text(baris, row, "kepala_pangkat"),
        "kepala_jabatan": sheet.text(baris, row, "kepala_jabatan", required=True),
    }
    if values["kepala_nip"]:
        try:
            values["kepala_nip"] = formulas.format_nip(
                formulas.parse_nip(values["kepala_nip"]).digits
            )
        except ValueError as exc:
            sheet.error(baris, "kepala_nip", str(exc))
            values["kepala_nip"] = ""
    # Columns that are absent leave the stored value alone (the demo's JSON has none of them).
    pemda_values = {
        col: sheet.text(baris, row, col, max_length=200)
        for col in ("kepala_daerah_nama", "kepala_daerah_jabatan")
        if sheet.has(col)
    }
    if not (kode and nama_pemda and awal and akhir) or imp.has_errors:
        ctx["fatal"] = True
        return
    pemda_tabel = Tabel(Pemda, {p.nama: p for p in Pemda.objects.filter(nama=nama_pemda)})
    if nama_pemda not in pemda_tabel.existing:  # written in bulk: save() does not name it
        pemda_values["kode"] = kode_dari_nama(nama_pemda)
    pemda = imp.upsert(
        sheet,
        baris,
        pemda_tabel,
        nama_pemda,
        {"nama": nama_pemda},
        pemda_values,
        f"pemda {nama_pemda}",
        {"nama": "pemda"},
        penjaga=imp.penjaga_izin("lkip.pemda", "Pemerintah daerah", {"": "pemda"}),
    )
    if pemda is None or not imp.flush(pemda_tabel, sheet.name):
        ctx["fatal"] = True
        return
    opd_tabel = Tabel(
        PerangkatDaerah, {o.kode: o for o in PerangkatDaerah.objects.filter(kode=kode)}
    )
    opd = imp.upsert(
        sheet,
        baris,
        opd_tabel,
        kode,
        {"kode": kode},
        {"pemda": pemda, **values},
        kode,
        {"kepala_nip": "kepala_nip", "kode": "kode", "pemda": "pemda"},
        penjaga=imp.penjaga_izin(
            "lkip.perangkatdaerah", "Identitas perangkat daerah", {"": "kode"}
        ),
    )
    if opd is None or not imp.flush(opd_tabel, sheet.name):
        ctx["fatal"] = True
        return
    kunci_opd(opd)  # from here to the commit no LKIP of this agency is submitted (lkip.kunci)
    renstra_tabel = Tabel(
        Renstra, {r.tahun_awal: r for r in Renstra.objects.filter(opd=opd, tahun_awal=awal)}
    )
    renstra = imp.upsert(
        sheet,
        baris,
        renstra_tabel,
        awal,
        {"opd": opd, "tahun_awal": awal},
        {"tahun_akhir": akhir},
        f"Renstra {awal}–{akhir}",
        {"tahun_akhir": "renstra_akhir", "tahun_awal": "renstra_awal"},
        penjaga=penjaga_struktur(
            ctx, "renstra_akhir", opd, renstra_tabel.existing.get(awal), awal, akhir
        ),
    )
    if renstra is None or not imp.flush(renstra_tabel, sheet.name):
        ctx["fatal"] = True
        return
    ctx.update(opd=opd, renstra=renstra)


def tujuan(imp: Importer, sheet: Sheet, ctx: Ctx) -> None:

    tabel = Tabel(Tujuan, {t.kode: t for t in Tujuan.objects.filter(renstra=ctx["renstra"])})
    ctx["tujuan"] = dict(tabel.existing)
    kodes = [sheet.text(b, r, "kode", required=True, max_length=20) for b, r in sheet.rows]
    nomor = urutan_menurut_sheet(tabel.existing, kodes)
    for (baris, row), kode, urutan in zip(sheet.rows, kodes, nomor, strict=True):
        uraian = sheet.text(baris, row, "uraian", required=True)
        if not (kode and uraian):
            continue
        obj = imp.upsert(
            sheet,
            baris,
            tabel,
            kode,
            {"renstra": ctx["renstra"], "kode": kode},
            {"uraian": uraian, "urutan": urutan},
            kode,
            kolom_kunci="kode",
            penjaga=penjaga_struktur(ctx, "uraian"),
        )
        if obj:
            ctx["tujuan"][kode] = obj
    imp.flush(tabel, sheet.name)


def sasaran(imp: Importer, sheet: Sheet, ctx: Ctx) -> None:

    if "tujuan" not in ctx:
        ctx["tujuan"] = {t.kode: t for t in Tujuan.objects.filter(renstra=ctx["renstra"])}
    tujuan = ctx["tujuan"]
    tabel = Tabel(Sasaran, dict(sasaran_ctx(ctx)))
    kodes = [sheet.text(b, r, "kode", required=True, max_length=20) for b, r in sheet.rows]
    nomor = urutan_menurut_sheet(tabel.existing, kodes)
    for (baris, row), kode, urutan in zip(sheet.rows, kodes, nomor, strict=True):
        tujuan_kode = sheet.text(baris, row, "tujuan_kode", required=True)
        uraian = sheet.text(baris, row, "uraian", required=True)
        if tujuan_kode and tujuan_kode not in tujuan:
            sheet.error(baris, "tujuan_kode", f"tujuan '{tujuan_kode}' tidak ada.")
            continue
        if not (kode and tujuan_kode and uraian):
            continue
        obj = imp.upsert(
            sheet,
            baris,
            tabel,
            kode,
            {"renstra": ctx["renstra"], "kode": kode},
            {"tujuan": tujuan[tujuan_kode], "uraian": uraian, "urutan": urutan},
            kode,
            {"tujuan": "tujuan_kode"},
            kolom_kunci="kode",
            penjaga=penjaga_struktur(ctx, "uraian"),
        )
        if obj:
            ctx["sasaran"][kode] = obj
    imp.flush(tabel, sheet.name)


def _penjaga_indikator(ctx: Ctx, obj):
    """As the plan's other rows; and an indicator with data of a locked year keeps its sasaran (that
    year's report reads it there), as on the screen."""
    struktur = penjaga_struktur(ctx, "uraian")

    def penjaga(aksi: str, changed: list[str]):
        found = struktur(aksi, changed)
        if found or obj is None or "sasaran" not in changed:
            return found

        locked = IndikatorForm.alasan_hapus_terkunci(ctx["opd"], obj)
        return (
            ("sasaran_kode", f"sasaran indikator ini tidak dapat dipindah. {locked[0]}")
            if locked
            else None
        )

    return penjaga


def indikator(imp: Importer, sheet: Sheet, ctx: Ctx) -> None:
    from indicators.models import JenisNilai, MetodeNegatif, ModePredikat, Tingkat

    sasaran = sasaran_ctx(ctx)
    codes: dict[int, str] = {}
    for baris, row in sheet.rows:
        teks = sheet.text(baris, row, "anggaran_kode")
        if teks:
            try:
                codes[baris] = formulas.normalisasi_kode(teks)
            except ValueError as exc:
                sheet.error(baris, "anggaran_kode", str(exc))
    nomenklatur = nomenklatur_ctx(ctx, set(codes.values()))
    tabel = Tabel(Indikator, {i.kode: i for i in Indikator.objects.filter(opd=ctx["opd"])})
    ctx["indikator"] = dict(tabel.existing)
    kodes = [sheet.text(b, r, "kode", required=True, max_length=30) for b, r in sheet.rows]
    nomor = urutan_menurut_sheet(tabel.existing, kodes)
    for (baris, row), kode, urutan in zip(sheet.rows, kodes, nomor, strict=True):
        tingkat = sheet.choice(baris, row, "tingkat", TINGKAT_INDIKATOR)
        jenis = sheet.choice(baris, row, "jenis_nilai", JENIS_NILAI)
        values: dict[str, Any] = {
            "tingkat": tingkat,
            "jenis_nilai": jenis,
            "uraian": sheet.text(baris, row, "uraian", required=True, max_length=500),
            "satuan": sheet.text(baris, row, "satuan", required=True, max_length=50),
            "polaritas": sheet.choice(baris, row, "polaritas", POLARITAS),
            "metode_negatif": sheet.choice(
                baris,
                row,
                "metode_negatif",
                METODE_NEGATIF,
                required=False,
                default=MetodeNegatif.A,
                case="upper",
            ),
            "agregasi": sheet.choice(baris, row, "agregasi", AGREGASI),
            "skala_predikat": sheet.choice(
                baris,
                row,
                "skala_predikat",
                SKALA_PREDIKAT,
                required=jenis == JenisNilai.PREDIKAT,
                case="upper",
            ),
            "mode_predikat": sheet.choice(
                baris,
                row,
                "mode_predikat",
                MODE_PREDIKAT,
                required=False,
                default=ModePredikat.NUMERIK,
            ),
            "rumus": sheet.text(baris, row, "rumus"),
            "pembilang": sheet.text(baris, row, "pembilang"),
            "penyebut": sheet.text(baris, row, "penyebut"),
            "sumber_data": sheet.text(baris, row, "sumber_data", max_length=300),
            "alasan": sheet.text(baris, row, "alasan"),
            "dasar_hukum": sheet.text(baris, row, "dasar_hukum"),
            "urutan": urutan,
            "sasaran": None,
            "nomenklatur": None,
        }
        cap = sheet.decimal(baris, row, "cap_persen")
        # Compared as numbers: the text of Decimal(120).normalize() is "1.2E+2", never "120".
        if cap is not None and cap not in _CAP_SAH:
            sheet.error(baris, "cap_persen", "batas capaian hanya boleh 100, 110 atau 120.")
        values["cap_persen"] = int(cap) if cap is not None and cap in _CAP_SAH else None
        if tingkat == Tingkat.IKU:
            sasaran_kode = sheet.text(baris, row, "sasaran_kode", required=True)
            if sasaran_kode and sasaran_kode not in sasaran:
                sheet.error(baris, "sasaran_kode", f"sasaran '{sasaran_kode}' tidak ada.")
            values["sasaran"] = sasaran.get(sasaran_kode)
        elif tingkat:
            sheet.text(baris, row, "anggaran_kode", required=True)
            normal = codes.get(baris)
            if normal and normal not in nomenklatur:
                sheet.error(
                    baris,
                    "anggaran_kode",
                    f"kode anggaran '{normal}' tidak ada di sheet Anggaran maupun nomenklatur.",
                )
            values["nomenklatur"] = nomenklatur.get(normal) if normal else None
        if not kode or not all(
            values[k]
            for k in ("tingkat", "jenis_nilai", "uraian", "satuan", "polaritas", "agregasi")
        ):
            continue
        if (tingkat == Tingkat.IKU and values["sasaran"] is None) or (
            tingkat != Tingkat.IKU and values["nomenklatur"] is None
        ):
            continue
        obj = imp.upsert(
            sheet,
            baris,
            tabel,
            kode,
            {"opd": ctx["opd"], "kode": kode},
            values,
            kode,
            {"sasaran": "sasaran_kode", "nomenklatur": "anggaran_kode"},
            kolom_kunci="kode",
            penjaga=_penjaga_indikator(ctx, tabel.existing.get(kode)),
        )
        if obj:
            ctx["indikator"][kode] = obj
    imp.flush(tabel, sheet.name)
