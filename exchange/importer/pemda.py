"""Import of a pemda-level workbook (shared/spec/workbook.md, "Tingkat pemda"): the pemda and its
RPJMD, the Kepala Daerah's IKU with single or range targets and NA realisations, the budget per
perangkat daerah, pembiayaan and the cascading links. All or nothing, like the agency's import."""

from __future__ import annotations

import difflib
from decimal import Decimal
from typing import Any

from exchange.columns import (
    ACUAN_RENTANG,
    JENIS_NILAI,
    JENIS_PEMBIAYAAN,
    JENIS_PEMDA,
    JENIS_TARGET,
    LEMBAR_PEMDA_MENURUT_NAMA,
    METODE_NEGATIF,
    PEMDA,
    POLARITAS,
    SKALA_PREDIKAT_PEMDA,
)
from exchange.importer.importer import Importer, Tabel, urutan_menurut_sheet
from exchange.importer.result import Masalah
from exchange.importer.sheet import Sheet
from indicators.models import Indikator, Tingkat
from lkip.access import pemda_for_user
from lkip.models import Pemda, PerangkatDaerah
from reports.models import STATUS_TERKUNCI, LaporanTahunan, pesan_terkunci
from rpjmd.models import (
    SKALA_BAKU,
    AnggaranPerangkatDaerah,
    IndikatorPemda,
    JenisPembiayaan,
    JenisTarget,
    Pembiayaan,
    RealisasiPemda,
    Rpjmd,
    SasaranPemda,
    TargetPemda,
    TautanSasaran,
    TujuanPemda,
    luar_periode,
)

Ctx = dict[str, Any]
IZIN_IMPOR = "rpjmd.change_indikatorpemda"
NA = "NA"


def _tolak_bila_tak_berhak(imp: Importer, ctx: Ctx) -> bool:
    """A pemda workbook is the Admin Pemda's; an agency page or an agency account refuses it."""
    if ctx.get("opd_kode"):
        imp.error(
            Masalah(
                PEMDA,
                None,
                None,
                "ini workbook tingkat pemda (sheet pertamanya Pemda), sedangkan halaman ini "
                f"mengimpor data perangkat daerah '{ctx['opd_kode']}'; tidak diimpor. Admin Pemda "
                "mengimpornya di halaman Impor Excel LKIP pemda.",
            )
        )
        return True
    if not imp.boleh(IZIN_IMPOR):
        imp.error(
            Masalah(
                PEMDA,
                None,
                None,
                "workbook tingkat pemda hanya dapat diimpor oleh Admin Pemda; akun Anda tidak "
                "berhak mengubah data RPJMD dan IKU kepala daerah. Tidak ada yang disimpan.",
            )
        )
        return True
    return False


def pemda(imp: Importer, sheet: Sheet, ctx: Ctx) -> None:
    if _tolak_bila_tak_berhak(imp, ctx):
        ctx["fatal"] = True
        return
    if len(sheet.rows) != 1:
        sheet.error(None, None, f"harus berisi tepat satu baris data (ada {len(sheet.rows)}).")
        ctx["fatal"] = True
        return
    baris, row = sheet.rows[0]
    kode = sheet.text(baris, row, "kode", required=True, max_length=80).lower()
    nama = sheet.text(baris, row, "nama", required=True, max_length=200)
    awal = sheet.year(baris, row, "rpjmd_awal")
    akhir = sheet.year(baris, row, "rpjmd_akhir")
    if awal and akhir and akhir < awal:
        sheet.error(baris, "rpjmd_akhir", "tahun akhir RPJMD tidak boleh sebelum tahun awal.")
    values = {
        "nama": nama,
        "jenis": sheet.choice(baris, row, "jenis", JENIS_PEMDA),
        "kota_ttd": sheet.text(baris, row, "kota_ttd", required=True, max_length=100),
        "kepala_daerah_nama": sheet.text(
            baris, row, "kepala_daerah_nama", required=True, max_length=200
        ),
        "kepala_daerah_jabatan": sheet.text(
            baris, row, "kepala_daerah_jabatan", required=True, max_length=200
        ),
    }
    if not (kode and nama and awal and akhir) or imp.has_errors:
        ctx["fatal"] = True
        return
    # An agency's workbook may have created the pemda by its name (with a code from the name):
    # found by code, or else by name, and the workbook's code becomes its code.
    ada = Pemda.objects.filter(kode=kode).first() or Pemda.objects.filter(nama=nama).first()
    user = imp.user
    if ada is not None and user is not None and not pemda_for_user(user).filter(pk=ada.pk).exists():
        sheet.error(
            baris,
            "kode",
            f"pemda '{kode}' ({ada.nama}) bukan pemda akun Anda; Admin Pemda hanya mengimpor data "
            "pemdanya sendiri.",
        )
        ctx["fatal"] = True
        return
    if ada is not None and ada.kode != kode and ada.nama != nama:
        sheet.error(baris, "nama", f"kode '{kode}' sudah dipakai oleh {ada.nama}.")
        ctx["fatal"] = True
        return
    if ada is not None and Pemda.objects.filter(nama=nama).exclude(pk=ada.pk).exists():
        sheet.error(baris, "nama", f"nama '{nama}' sudah dipakai oleh pemda lain.")
        ctx["fatal"] = True
        return
    tabel = Tabel(Pemda, {"pemda": ada} if ada else {})
    obj = imp.upsert(
        sheet,
        baris,
        tabel,
        "pemda",
        {},
        {"kode": kode, **values},
        f"pemda {kode}",
        kolom_kunci="kode",
        penjaga=imp.penjaga_izin("lkip.pemda", "Pemerintah daerah", {"": "kode"}),
    )
    if obj is None or not imp.flush(tabel, sheet.name):
        ctx["fatal"] = True
        return
    rp_tabel = Tabel(Rpjmd, {r.tahun_awal: r for r in Rpjmd.objects.filter(pemda=obj)})
    rpjmd = imp.upsert(
        sheet,
        baris,
        rp_tabel,
        awal,
        {"pemda": obj, "tahun_awal": awal},
        {"tahun_akhir": akhir},
        f"RPJMD {awal}–{akhir}",
        {"tahun_akhir": "rpjmd_akhir", "tahun_awal": "rpjmd_awal"},
    )
    if rpjmd is None or not imp.flush(rp_tabel, sheet.name):
        ctx["fatal"] = True
        return
    ctx.update(pemda=obj, rpjmd=rpjmd, terkunci=_terkunci(obj))


def _terkunci(pemda: Pemda) -> dict[int, str]:
    """The years whose pemda LKIP is submitted or signed: their rows are read-only."""
    rows = LaporanTahunan.objects.filter(
        pemda=pemda, opd__isnull=True, status__in=STATUS_TERKUNCI
    ).values_list("tahun", "status")
    return {tahun: pesan_terkunci(tahun, status) for tahun, status in rows}


def _penjaga_tahun(ctx: Ctx, tahun: int):
    """Refuses creating or changing a row of a year whose pemda LKIP is submitted or signed."""
    pesan = ctx.get("terkunci", {}).get(tahun)

    def penjaga(aksi: str, changed: list[str]):
        if pesan:
            return (
                "tahun",
                f"{pesan} Baris tahun {tahun} tidak dapat dibuat atau diubah lewat impor.",
            )
        return None

    return penjaga


def tujuan(imp: Importer, sheet: Sheet, ctx: Ctx) -> None:
    rpjmd = ctx["rpjmd"]
    tabel = Tabel(TujuanPemda, {t.kode: t for t in TujuanPemda.objects.filter(rpjmd=rpjmd)})
    ctx["tujuan"] = dict(tabel.existing)
    kodes = [sheet.text(b, r, "kode", required=True, max_length=20) for b, r in sheet.rows]
    for (baris, row), kode, urutan in zip(
        sheet.rows, kodes, urutan_menurut_sheet(tabel.existing, kodes), strict=True
    ):
        uraian = sheet.text(baris, row, "uraian", required=True)
        if kode and uraian:
            obj = imp.upsert(
                sheet,
                baris,
                tabel,
                kode,
                {"rpjmd": rpjmd, "kode": kode},
                {"uraian": uraian, "urutan": urutan},
                kode,
                kolom_kunci="kode",
            )
            if obj:
                ctx["tujuan"][kode] = obj
    imp.flush(tabel, sheet.name)


def sasaran(imp: Importer, sheet: Sheet, ctx: Ctx) -> None:
    rpjmd = ctx["rpjmd"]
    tujuan_ = ctx.get("tujuan") or {t.kode: t for t in TujuanPemda.objects.filter(rpjmd=rpjmd)}
    tabel = Tabel(SasaranPemda, {s.kode: s for s in SasaranPemda.objects.filter(rpjmd=rpjmd)})
    ctx["sasaran"] = dict(tabel.existing)
    kodes = [sheet.text(b, r, "kode", required=True, max_length=20) for b, r in sheet.rows]
    for (baris, row), kode, urutan in zip(
        sheet.rows, kodes, urutan_menurut_sheet(tabel.existing, kodes), strict=True
    ):
        tujuan_kode = sheet.text(baris, row, "tujuan_kode", required=True)
        uraian = sheet.text(baris, row, "uraian", required=True)
        if tujuan_kode and tujuan_kode not in tujuan_:
            sheet.error(baris, "tujuan_kode", f"tujuan '{tujuan_kode}' tidak ada di sheet Tujuan.")
            continue
        if kode and tujuan_kode and uraian:
            obj = imp.upsert(
                sheet,
                baris,
                tabel,
                kode,
                {"rpjmd": rpjmd, "kode": kode},
                {"tujuan": tujuan_[tujuan_kode], "uraian": uraian, "urutan": urutan},
                kode,
                {"tujuan": "tujuan_kode"},
                kolom_kunci="kode",
            )
            if obj:
                ctx["sasaran"][kode] = obj
    imp.flush(tabel, sheet.name)


def _sasaran_ctx(ctx: Ctx) -> dict[str, SasaranPemda]:
    if "sasaran" not in ctx:
        ctx["sasaran"] = {s.kode: s for s in SasaranPemda.objects.filter(rpjmd=ctx["rpjmd"])}
    return ctx["sasaran"]


def _indikator_ctx(ctx: Ctx) -> dict[str, IndikatorPemda]:
    if "indikator" not in ctx:
        ctx["indikator"] = {i.kode: i for i in IndikatorPemda.objects.filter(rpjmd=ctx["rpjmd"])}
    return ctx["indikator"]


def indikator(imp: Importer, sheet: Sheet, ctx: Ctx) -> None:
    rpjmd = ctx["rpjmd"]
    sasaran_ = _sasaran_ctx(ctx)
    tabel = Tabel(IndikatorPemda, dict(_indikator_ctx(ctx)))
    kodes = [sheet.text(b, r, "kode", required=True, max_length=30) for b, r in sheet.rows]
    for (baris, row), kode, urutan in zip(
        sheet.rows, kodes, urutan_menurut_sheet(tabel.existing, kodes), strict=True
    ):
        sheet.choice(baris, row, "tingkat", ("iku",))
        sasaran_kode = sheet.text(baris, row, "sasaran_kode", required=True)
        if sasaran_kode and sasaran_kode not in sasaran_:
            sheet.error(
                baris, "sasaran_kode", f"sasaran '{sasaran_kode}' tidak ada di sheet Sasaran."
            )
            continue
        skala_predikat = sheet.choice(
            baris, row, "skala_predikat", SKALA_PREDIKAT_PEMDA, required=False, case="upper"
        )
        values = {
            "sasaran": sasaran_.get(sasaran_kode),
            "uraian": sheet.text(baris, row, "uraian", required=True, max_length=500),
            "satuan": sheet.text(baris, row, "satuan", required=True, max_length=50),
            "jenis_nilai": sheet.choice(baris, row, "jenis_nilai", JENIS_NILAI),
            "polaritas": sheet.choice(baris, row, "polaritas", POLARITAS),
            "metode_negatif": sheet.choice(
                baris,
                row,
                "metode_negatif",
                METODE_NEGATIF,
                required=False,
                default="A",
                case="upper",
            ),
            "skala_predikat": skala_predikat,
            "skala": SKALA_BAKU.get(skala_predikat, []),
            "rumus": sheet.text(baris, row, "rumus", max_length=2000),
            "sumber_data": sheet.text(baris, row, "sumber_data", max_length=300),
            "urutan": urutan,
        }
        if not (kode and values["sasaran"] and values["jenis_nilai"] and values["polaritas"]):
            continue
        obj = imp.upsert(
            sheet,
            baris,
            tabel,
            kode,
            {"rpjmd": rpjmd, "kode": kode},
            values,
            kode,
            {"sasaran": "sasaran_kode"},
            kolom_kunci="kode",
        )
        if obj:
            ctx["indikator"][kode] = obj
    imp.flush(tabel, sheet.name)


def _periode_tahunan(sheet: Sheet, baris: int, row: dict) -> bool:
    periode = sheet.text(baris, row, "periode", required=True).upper().replace(" ", "")
    if periode and periode != "TAHUNAN":
        sheet.error(
            baris,
            "periode",
            f"'{periode}' tidak dipakai di tingkat pemda: IKU kepala daerah memakai target dan "
            "realisasi TAHUNAN.",
        )
        return False
    return bool(periode)


def _indikator_baris(sheet: Sheet, baris: int, row: dict, ctx: Ctx) -> IndikatorPemda | None:
    kode = sheet.text(baris, row, "indikator_kode", required=True)
    ind = _indikator_ctx(ctx).get(kode)
    if kode and ind is None:
        sheet.error(baris, "indikator_kode", f"indikator '{kode}' tidak ada di sheet Indikator.")
    return ind


def _tahun_rpjmd(
    sheet: Sheet, baris: int, tahun: int | None, rpjmds: list[Rpjmd], *, kondisi_awal: bool = False
) -> bool:
    """The same rule as the forms' (rpjmd.models.luar_periode): a year in an RPJMD period."""
    if tahun is not None and (pesan := luar_periode(tahun, rpjmds, kondisi_awal=kondisi_awal)):
        sheet.error(baris, "tahun", pesan[:-1] + " (sheet Pemda).")
        return False
    return tahun is not None


def _periode_pemda(ctx: Ctx) -> list[Rpjmd]:
    """The pemda's RPJMD periods (the sheet Pemda's and any earlier), for budget rows."""
    if "periode" not in ctx:
        ctx["periode"] = list(Rpjmd.objects.filter(pemda=ctx["pemda"]))
    return ctx["periode"]


def target(imp: Importer, sheet: Sheet, ctx: Ctx) -> None:
    indikator_ = _indikator_ctx(ctx)
    tabel = Tabel(
        TargetPemda,
        {
            (t.indikator_id, t.tahun, t.jenis): t
            for t in TargetPemda.objects.filter(indikator__rpjmd=ctx["rpjmd"])
        },
    )
    acuan_per_indikator: dict[str, tuple[str, int]] = {}
    for baris, row in sheet.rows:
        ind = _indikator_baris(sheet, baris, row, ctx)
        tahun = sheet.year(baris, row, "tahun")
        jenis = sheet.choice(baris, row, "jenis", JENIS_TARGET)
        tahunan = _periode_tahunan(sheet, baris, row)
        nilai = sheet.decimal(baris, row, "nilai")
        bawah = sheet.decimal(baris, row, "nilai_bawah")
        atas = sheet.decimal(baris, row, "nilai_atas")
        acuan = sheet.choice(baris, row, "acuan_rentang", ACUAN_RENTANG, required=False)
        predikat = sheet.text(baris, row, "predikat", max_length=4).upper()
        if nilai is not None and (bawah is not None or atas is not None):
            sheet.error(
                baris,
                "nilai",
                "target ini berisi nilai tunggal dan rentang sekaligus; isi kolom nilai saja, "
                "atau kolom nilai_bawah dan nilai_atas saja.",
            )
            continue
        if (bawah is None) != (atas is None):
            sheet.error(
                baris,
                "nilai_atas" if atas is None else "nilai_bawah",
                "target rentang memerlukan kolom nilai_bawah dan nilai_atas sekaligus.",
            )
            continue
        if bawah is not None and bawah > atas:
            sheet.error(
                baris,
                "nilai_bawah",
                f"kolom nilai_bawah ({sheet_angka(bawah)}) lebih besar daripada kolom nilai_atas "
                f"({sheet_angka(atas)}); tukar keduanya.",
            )
            continue
        if acuan and bawah is None:
            sheet.error(
                baris,
                "acuan_rentang",
                "hanya untuk target rentang (kolom nilai_bawah dan nilai_atas).",
            )
            continue
        if ind is None or not (jenis and tahunan):
            continue
        if not _tahun_rpjmd(sheet, baris, tahun, [ctx["rpjmd"]]):
            continue
        if acuan:
            lain = acuan_per_indikator.get(ind.kode)
            if lain and lain[0] != acuan:
                sheet.error(
                    baris,
                    "acuan_rentang",
                    f"'{acuan}' berbeda dengan baris {lain[1]} ('{lain[0]}') untuk indikator "
                    f"{ind.kode}; satu indikator memakai satu acuan rentang.",
                )
                continue
            acuan_per_indikator[ind.kode] = (acuan, baris)
        if predikat and ind.skala and predikat not in [p for p, _a in ind.skala]:
            sheet.error(baris, "predikat", _pesan_predikat(predikat, ind))
            continue
        imp.upsert(
            sheet,
            baris,
            tabel,
            (ind.pk, tahun, jenis),
            {"indikator": ind, "tahun": tahun, "jenis": jenis},
            {"nilai": nilai, "nilai_bawah": bawah, "nilai_atas": atas, "predikat": predikat},
            f"{ind.kode} {tahun} {JenisTarget(jenis).label}",
            kolom_kunci="indikator_kode",
            penjaga=_penjaga_tahun(ctx, tahun),
        )
    imp.flush(tabel, sheet.name)
    # The bound each indicator's ranges are measured against (stated on its target rows).
    ubah = []
    for kode, (acuan, _baris) in acuan_per_indikator.items():
        ind = indikator_[kode]
        if ind.acuan_rentang != acuan:
            ind.acuan_rentang = acuan
            ubah.append(ind)
    if ubah:
        tabel_ind = Tabel(IndikatorPemda, {i.kode: i for i in ubah})
        for ind in ubah:
            tabel_ind.ubah[id(ind)] = ind
        tabel_ind.fields.add("acuan_rentang")
        imp.flush(tabel_ind, sheet.name)


def sheet_angka(nilai: Decimal) -> str:
    from lkip import formulas

    return formulas.format_masukan(nilai)


def _pesan_predikat(predikat: str, ind: IndikatorPemda) -> str:
    pilihan = ", ".join(p for p, _a in ind.skala)
    return f"predikat '{predikat}' tidak ada dalam skala indikator {ind.kode}: {pilihan}."


def realisasi(imp: Importer, sheet: Sheet, ctx: Ctx) -> None:
    tabel = Tabel(
        RealisasiPemda,
        {
            (r.indikator_id, r.tahun): r
            for r in RealisasiPemda.objects.filter(indikator__rpjmd=ctx["rpjmd"])
        },
    )
    for baris, row in sheet.rows:
        ind = _indikator_baris(sheet, baris, row, ctx)
        tahun = sheet.year(baris, row, "tahun")
        tahunan = _periode_tahunan(sheet, baris, row)
        mentah = row.get("nilai")
        na = isinstance(mentah, str) and mentah.strip().upper() in (NA, "N/A")
        nilai = None if na else sheet.decimal(baris, row, "nilai")
        predikat = sheet.text(baris, row, "predikat", max_length=4).upper()
        if ind is None or not tahunan:
            continue
        if not _tahun_rpjmd(sheet, baris, tahun, [ctx["rpjmd"]], kondisi_awal=True):
            continue
        if nilai is None and not na and mentah not in (None, "") and str(mentah).strip():
            continue  # not a number (the reader named it): never read as empty or 0
        if predikat and ind.skala and predikat not in [p for p, _a in ind.skala]:
            sheet.error(baris, "predikat", _pesan_predikat(predikat, ind))
            continue
        values = {
            "nilai": nilai,
            "tersedia": not na,
            "predikat": "" if na else predikat,
            **{
                col: sheet.text(baris, row, col, max_length=5000)
                for col in ("faktor_pendukung", "faktor_penghambat", "upaya", "catatan")
            },
        }
        imp.upsert(
            sheet,
            baris,
            tabel,
            (ind.pk, tahun),
            {"indikator": ind, "tahun": tahun},
            values,
            f"{ind.kode} {tahun}",
            kolom_kunci="indikator_kode",
            penjaga=_penjaga_tahun(ctx, tahun),
        )
    imp.flush(tabel, sheet.name)


def _normal(nama: str) -> str:
    return " ".join(nama.lower().split())


def _mirip(nama: str, pilihan: list[str]) -> str | None:
    cocok = difflib.get_close_matches(
        _normal(nama), [_normal(p) for p in pilihan], n=1, cutoff=0.75
    )
    if not cocok:
        return None
    return next(p for p in pilihan if _normal(p) == cocok[0])


def anggaran_perangkat_daerah(imp: Importer, sheet: Sheet, ctx: Ctx) -> None:
    """Agencies named as printed; a name or code must be an agency of this pemda where the
    application knows it (a near miss is named with the closest match), otherwise the row stands
    for an agency not (yet) in the application."""
    pemda_ = ctx["pemda"]
    milik = list(PerangkatDaerah.objects.filter(pemda=pemda_))
    per_kode = {o.kode: o for o in milik}
    per_nama = {_normal(o.nama): o for o in milik}
    lain = {
        _normal(o.nama): o
        for o in PerangkatDaerah.objects.exclude(pemda=pemda_).select_related("pemda")
    }
    tabel = Tabel(
        AnggaranPerangkatDaerah,
        {
            (a.tahun, _normal(a.perangkat_daerah)): a
            for a in AnggaranPerangkatDaerah.objects.filter(pemda=pemda_)
        },
    )
    baris_siap: list[tuple] = []
    for baris, row in sheet.rows:
        tahun = sheet.year(baris, row, "tahun")
        nama = sheet.text(baris, row, "perangkat_daerah", required=True, max_length=200)
        kode = sheet.text(baris, row, "kode_perangkat_daerah", max_length=80).lower()
        pagu = sheet.decimal(baris, row, "pagu", required=True)
        real = sheet.decimal(baris, row, "realisasi", required=True)
        opd = None
        if kode:
            opd = per_kode.get(kode)
            if opd is None:
                saran = _mirip(kode, list(per_kode))
                sheet.error(
                    baris,
                    "kode_perangkat_daerah",
                    f"'{kode}' bukan kode perangkat daerah {pemda_.nama}"
                    + (f"; maksud Anda '{saran}'?" if saran else "."),
                )
                continue
        elif nama:
            opd = per_nama.get(_normal(nama))
            if opd is None and _normal(nama) in lain:
                asing = lain[_normal(nama)]
                sheet.error(
                    baris,
                    "perangkat_daerah",
                    f"'{nama}' adalah perangkat daerah {asing.pemda.nama}, bukan perangkat daerah "
                    f"{pemda_.nama}.",
                )
                continue
            if opd is None and milik:
                saran = _mirip(nama, [o.nama for o in milik])
                if saran:
                    sheet.error(
                        baris,
                        "perangkat_daerah",
                        f"'{nama}' bukan nama perangkat daerah {pemda_.nama} di aplikasi; "
                        f"maksud Anda '{saran}'? Tulis namanya persis, atau isi kolom "
                        "kode_perangkat_daerah.",
                    )
                    continue
        if not _tahun_rpjmd(sheet, baris, tahun, _periode_pemda(ctx)):
            continue
        if not nama or pagu is None or real is None:
            continue
        baris_siap.append((baris, tahun, (tahun, _normal(nama)), nama, opd, pagu, real))
    urutan = _urutan_per_kelompok(tabel.existing, [(b[1], b[2]) for b in baris_siap])
    for (baris, tahun, key, nama, opd, pagu, real), nomor in zip(baris_siap, urutan, strict=True):
        imp.upsert(
            sheet,
            baris,
            tabel,
            key,
            {"pemda": pemda_, "tahun": tahun, "perangkat_daerah": nama},
            {"opd": opd, "pagu": pagu, "realisasi": real, "urutan": nomor},
            f"{nama} {tahun}",
            {"opd": "kode_perangkat_daerah"},
            kolom_kunci="perangkat_daerah",
            penjaga=_penjaga_tahun(ctx, tahun),
        )
    imp.flush(tabel, sheet.name)


def _urutan_per_kelompok(existing: dict, baris: list[tuple[object, object]]) -> list[int]:
    """Each row's `urutan` within its group (a year, or a year and kind), as
    urutan_menurut_sheet numbers it: a group listed in its stored order keeps its stored numbers,
    so an unchanged export (rows added on a form keep urutan 0) changes nothing."""
    kelompok: dict[object, list[int]] = {}
    for i, (grup, _key) in enumerate(baris):
        kelompok.setdefault(grup, []).append(i)
    hasil = [0] * len(baris)
    for indeks in kelompok.values():
        nomor = urutan_menurut_sheet(existing, [baris[i][1] for i in indeks])
        for i, n in zip(indeks, nomor, strict=True):
            hasil[i] = n
    return hasil


def pembiayaan(imp: Importer, sheet: Sheet, ctx: Ctx) -> None:
    pemda_ = ctx["pemda"]
    tabel = Tabel(
        Pembiayaan,
        {(p.tahun, p.jenis, p.uraian): p for p in Pembiayaan.objects.filter(pemda=pemda_)},
    )
    baris_siap: list[tuple] = []
    for baris, row in sheet.rows:
        tahun = sheet.year(baris, row, "tahun")
        jenis = sheet.choice(baris, row, "jenis", JENIS_PEMBIAYAAN)
        uraian = sheet.text(baris, row, "uraian", required=True, max_length=300)
        anggaran = sheet.decimal(baris, row, "anggaran", required=True)
        real = sheet.decimal(baris, row, "realisasi", required=True)
        if not _tahun_rpjmd(sheet, baris, tahun, _periode_pemda(ctx)):
            continue
        if not (jenis and uraian) or anggaran is None or real is None:
            continue
        baris_siap.append((baris, tahun, jenis, uraian, anggaran, real))
    urutan = _urutan_per_kelompok(
        tabel.existing, [((b[1], b[2]), (b[1], b[2], b[3])) for b in baris_siap]
    )
    for (baris, tahun, jenis, uraian, anggaran, real), nomor in zip(
        baris_siap, urutan, strict=True
    ):
        imp.upsert(
            sheet,
            baris,
            tabel,
            (tahun, jenis, uraian),
            {"pemda": pemda_, "tahun": tahun, "jenis": jenis, "uraian": uraian},
            {"anggaran": anggaran, "realisasi": real, "urutan": nomor},
            f"{JenisPembiayaan(jenis).label} {uraian} {tahun}",
            kolom_kunci="uraian",
            penjaga=_penjaga_tahun(ctx, tahun),
        )
    imp.flush(tabel, sheet.name)


def tautan_sasaran(imp: Importer, sheet: Sheet, ctx: Ctx) -> None:
    pemda_ = ctx["pemda"]
    sasaran_ = _sasaran_ctx(ctx)
    iku = {
        (i.opd.kode, i.kode): i
        for i in Indikator.objects.filter(opd__pemda=pemda_, tingkat=Tingkat.IKU).select_related(
            "opd"
        )
    }
    kode_opd = {o.kode for o in PerangkatDaerah.objects.filter(pemda=pemda_)}
    tabel = Tabel(
        TautanSasaran,
        {t.indikator_id: t for t in TautanSasaran.objects.filter(sasaran__rpjmd=ctx["rpjmd"])},
    )
    for baris, row in sheet.rows:
        opd_kode = sheet.text(baris, row, "kode_perangkat_daerah", required=True).lower()
        ind_kode = sheet.text(baris, row, "indikator_kode", required=True)
        sasaran_kode = sheet.text(baris, row, "sasaran_kode", required=True)
        if opd_kode and opd_kode not in kode_opd:
            saran = _mirip(opd_kode, sorted(kode_opd))
            sheet.error(
                baris,
                "kode_perangkat_daerah",
                f"'{opd_kode}' bukan kode perangkat daerah {pemda_.nama}"
                + (f"; maksud Anda '{saran}'?" if saran else "."),
            )
            continue
        ind = iku.get((opd_kode, ind_kode))
        if opd_kode and ind_kode and ind is None:
            sheet.error(
                baris, "indikator_kode", f"'{ind_kode}' bukan IKU perangkat daerah '{opd_kode}'."
            )
            continue
        if sasaran_kode and sasaran_kode not in sasaran_:
            sheet.error(
                baris, "sasaran_kode", f"sasaran '{sasaran_kode}' tidak ada di sheet Sasaran."
            )
            continue
        if ind is None or not sasaran_kode:
            continue
        imp.upsert(
            sheet,
            baris,
            tabel,
            ind.pk,
            {"indikator": ind},
            {"sasaran": sasaran_[sasaran_kode]},
            f"{opd_kode} {ind_kode} → {sasaran_kode}",
            {"sasaran": "sasaran_kode"},
            kolom_kunci="indikator_kode",
        )
    imp.flush(tabel, sheet.name)


STEPS_PEMDA = [
    (PEMDA, pemda),
    ("Tujuan", tujuan),
    ("Sasaran", sasaran),
    ("Indikator", indikator),
    ("Target", target),
    ("Realisasi", realisasi),
    ("Anggaran_Perangkat_Daerah", anggaran_perangkat_daerah),
    ("Pembiayaan", pembiayaan),
    ("Tautan_Sasaran", tautan_sasaran),
]
KNOWN_SHEETS_PEMDA = {name.lower(): name for name, _step in STEPS_PEMDA}
KATALOG = LEMBAR_PEMDA_MENURUT_NAMA
