"""Sheet steps of the results and the report's extension sheets (AKIP, IKM, report settings,
profile data, printed figures, narrative)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from exchange.columns import LEMBAR, VARIAN_EFISIENSI
from exchange.importer.context import (
    Ctx,
    nomenklatur_ctx,
    penjaga_periode,
    penjaga_struktur,
    tahun_di_luar,
    terkunci,
)
from exchange.importer.importer import Importer, Tabel, urutan_menurut_sheet
from exchange.importer.result import Perubahan
from exchange.importer.sheet import Sheet
from indicators.models import EvaluasiAKIP, HasilIKM
from lkip import formulas
from reports.models import AngkaTercetak, LaporanTahunan


def evaluasi_akip(imp: Importer, sheet: Sheet, ctx: Ctx) -> None:

    komponen_sah = list(formulas.BOBOT_AKIP)
    tabel = Tabel(
        EvaluasiAKIP,
        {(e.tahun, e.komponen): e for e in EvaluasiAKIP.objects.filter(opd=ctx["opd"])},
    )
    for baris, row in sheet.rows:
        tahun = sheet.year(baris, row, "tahun")
        komponen = sheet.text(baris, row, "komponen", required=True)
        if komponen and komponen not in komponen_sah:
            sheet.error(
                baris,
                "komponen",
                f"'{komponen}' bukan komponen AKIP; gunakan: {', '.join(komponen_sah)}.",
            )
            continue
        values = {
            "bobot": sheet.decimal(baris, row, "bobot", required=True),
            "nilai": sheet.decimal(baris, row, "nilai", required=True),
            "nomor_lhe": sheet.text(baris, row, "nomor_lhe", max_length=200),
            "tanggal_lhe": sheet.date(baris, row, "tanggal_lhe"),
            "urutan": komponen_sah.index(komponen) + 1 if komponen else 0,
        }
        if (
            tahun_di_luar(sheet, baris, tahun, ctx)
            or tahun is None
            or not komponen
            or values["bobot"] is None
            or values["nilai"] is None
        ):
            continue
        imp.upsert(
            sheet,
            baris,
            tabel,
            (tahun, komponen),
            {"opd": ctx["opd"], "tahun": tahun, "komponen": komponen},
            values,
            f"AKIP {tahun} {komponen}",
            kolom_kunci="komponen",
            penjaga=penjaga_periode(ctx, tahun, 0, "tahun"),
        )
    imp.flush(tabel, sheet.name)


def ikm(imp: Importer, sheet: Sheet, ctx: Ctx) -> None:

    tabel = Tabel(HasilIKM, {h.tahun: h for h in HasilIKM.objects.filter(opd=ctx["opd"])})
    for baris, row in sheet.rows:
        tahun = sheet.year(baris, row, "tahun")
        nilai = sheet.decimal(baris, row, "nilai", required=True)
        if nilai is not None and not Decimal(25) <= nilai <= Decimal(100):
            sheet.error(baris, "nilai", "nilai IKM konversi harus antara 25 dan 100.")
            continue
        if tahun_di_luar(sheet, baris, tahun, ctx) or tahun is None or nilai is None:
            continue
        imp.upsert(
            sheet,
            baris,
            tabel,
            tahun,
            {"opd": ctx["opd"], "tahun": tahun},
            {"nilai": nilai, "sumber": sheet.text(baris, row, "sumber", max_length=300)},
            f"IKM {tahun}",
            kolom_kunci="tahun",
            penjaga=penjaga_periode(ctx, tahun, 0, "tahun"),
        )
    imp.flush(tabel, sheet.name)


def pengaturan_laporan(imp: Importer, sheet: Sheet, ctx: Ctx) -> None:
    from reports.models import VarianEfisiensi

    tabel = Tabel(
        LaporanTahunan, {lt.tahun: lt for lt in LaporanTahunan.objects.filter(opd=ctx["opd"])}
    )
    for baris, row in sheet.rows:
        tahun = sheet.year(baris, row, "tahun")
        values: dict[str, Any] = {"tanggal": sheet.date(baris, row, "tanggal")}
        if sheet.has("varian_efisiensi"):
            values["varian_efisiensi"] = (
                sheet.choice(
                    baris,
                    row,
                    "varian_efisiensi",
                    VARIAN_EFISIENSI,
                    required=False,
                    default=VarianEfisiensi.V1,
                    case="upper",
                )
                or VarianEfisiensi.V1
            )
        if tahun_di_luar(sheet, baris, tahun, ctx) or tahun is None:
            continue
        imp.upsert(
            sheet,
            baris,
            tabel,
            tahun,
            {"opd": ctx["opd"], "tahun": tahun},
            values,
            f"laporan {tahun}",
            kolom_kunci="tahun",
            penjaga=penjaga_periode(ctx, tahun, 0, "tahun"),
        )
    imp.flush(tabel, sheet.name)


# Extension sheets: the report's profile data, printed figures and narrative.


def simple(
    lembar: str,
    model_path: str,
    label: str,
    jenis: dict[str, str] | None = None,
    nomenklatur_col: str | None = None,
) -> Callable[[Importer, Sheet, Ctx], None]:
    """A step for a flat sheet. Its columns, which are required and which form the key come from the
    sheet's specification (exchange.columns, the one description of the format); `jenis` gives the
    columns that are not text their kind: int, year or decimal.

    `urutan` (where the model has it) is the row's position among the rows of its year.
    """

    kolom = next(item for item in LEMBAR if item.nama == lembar).kolom
    spec = {k.nama: ((jenis or {}).get(k.nama, "text"), k.wajib) for k in kolom}
    key_cols = tuple(k.nama for k in kolom if k.kunci)

    def step(imp: Importer, sheet: Sheet, ctx: Ctx) -> None:
        from django.apps import apps

        model = apps.get_model(model_path)
        field_names = {f.name for f in model._meta.fields}
        # A blank optional text column takes the model's default (Capaian_Output.satuan → orang).
        defaults = {
            f.name: f.default
            for f in model._meta.fields
            if f.name in spec and not f.blank and isinstance(f.default, str)
        }
        key_fields = tuple("nomenklatur" if c == nomenklatur_col else c for c in key_cols)
        nomenklatur: dict = {}
        if nomenklatur_col:
            codes: set[str] = set()
            for _baris, row in sheet.rows:
                try:
                    codes.add(
                        formulas.normalisasi_kode(str(row.get(nomenklatur_col) or "").strip())
                    )
                except ValueError:
                    pass
            nomenklatur = nomenklatur_ctx(ctx, codes)
        qs = model.objects.filter(opd=ctx["opd"])
        if nomenklatur_col:
            qs = qs.select_related("nomenklatur")

        def key_of(obj) -> tuple:
            return tuple(
                obj.nomenklatur.kode if f == "nomenklatur" else getattr(obj, f) for f in key_fields
            )

        tabel = Tabel(model, {key_of(o): o for o in qs})
        siap: list[tuple[int, tuple, dict[str, Any]]] = []
        for baris, row in sheet.rows:
            values: dict[str, Any] = {}
            for col, (kind, required) in spec.items():
                if kind == "text":
                    values[col] = sheet.text(baris, row, col, required=required)
                    if not values[col] and col in defaults:
                        values[col] = defaults[col]
                elif kind == "year":
                    values[col] = sheet.year(baris, row, col, required=required)
                else:
                    number = sheet.decimal(baris, row, col, required=required)
                    if kind == "int" and number is not None:
                        if number != number.to_integral_value() or number < 0:
                            sheet.error(baris, col, "harus bilangan bulat tidak negatif.")
                            number = None
                        else:
                            number = int(number)
                    values[col] = number
            if any(values[c] in (None, "") and spec[c][1] for c in spec):
                continue
            tahun = values.get("tahun")
            if tahun_di_luar(sheet, baris, tahun, ctx):
                continue
            if nomenklatur_col:
                try:
                    kode = formulas.normalisasi_kode(values.pop(nomenklatur_col))
                except ValueError as exc:
                    sheet.error(baris, nomenklatur_col, str(exc))
                    continue
                if kode not in nomenklatur:
                    sheet.error(baris, nomenklatur_col, f"kode anggaran '{kode}' tidak ada.")
                    continue
                values["nomenklatur"] = nomenklatur[kode]
            key = tuple(kode if f == "nomenklatur" else values[f] for f in key_fields)
            siap.append((baris, key, values))
        if "urutan" in field_names:  # the position among the rows of its year
            per_tahun: dict[Any, list[tuple[tuple, dict[str, Any]]]] = {}
            for _baris, key, values in siap:
                per_tahun.setdefault(values.get("tahun"), []).append((key, values))
            for rows in per_tahun.values():
                nomor = urutan_menurut_sheet(tabel.existing, [key for key, _v in rows])
                for (_key, values), urutan in zip(rows, nomor, strict=True):
                    values["urutan"] = urutan
        for baris, key, values in siap:
            tahun = values.get("tahun")
            lookup = {"opd": ctx["opd"], **{f: values.pop(f) for f in key_fields}}
            penjaga = (
                penjaga_periode(ctx, tahun, 0, "tahun")
                if tahun is not None
                else penjaga_struktur(ctx, key_cols[0])
            )  # a sheet without a year: as the plan
            imp.upsert(
                sheet,
                baris,
                tabel,
                key,
                lookup,
                values,
                f"{label} " + " ".join(str(v) for v in key),
                {"nomenklatur": nomenklatur_col or ""},
                kolom_kunci=key_cols[0],
                penjaga=penjaga,
            )
        imp.flush(tabel, sheet.name)

    return step


def pengguna(imp: Importer, sheet: Sheet, ctx: Ctx) -> None:
    """Demo users are created by load_demo, not by a workbook import."""
    ctx.setdefault("pengguna", [row for _baris, row in sheet.rows])


#: The `teks` of an Angka_Tercetak row that deletes the reference with that row's key.
HAPUS = "hapus"


def angka_tercetak(imp: Importer, sheet: Sheet, ctx: Ctx) -> None:
    """Angka_Tercetak: a flat sheet like the others, except that a row whose `teks` is `hapus`
    deletes the printed figure with the same key (tahun, lokasi, objek, besaran).

    A deletion of a key that is not stored is an error naming the row; like every other error it
    rejects the whole workbook, so a workbook deletes all the references it lists or none.
    """
    hapus = []
    rows = []
    for baris, row in sheet.rows:
        teks = row.get("teks")
        (hapus if isinstance(teks, str) and teks.strip().lower() == HAPUS else rows).append(
            (baris, row)
        )
    sheet.rows = rows
    _simpan_tercetak(imp, sheet, ctx)
    sheet.rows = sorted(rows + hapus)
    if not hapus:
        return
    opd = ctx.get("opd")
    stored = (
        {(a.tahun, a.lokasi, a.objek, a.besaran): a for a in AngkaTercetak.objects.filter(opd=opd)}
        if opd is not None and opd.pk is not None
        else {}
    )
    locked = terkunci(ctx)
    for baris, row in hapus:
        tahun = sheet.year(baris, row, "tahun", required=True)
        lokasi = sheet.text(baris, row, "lokasi", required=True)
        objek = sheet.text(baris, row, "objek", required=True)
        besaran = sheet.text(baris, row, "besaran", required=True).lower()
        if tahun is None or not (lokasi and objek and besaran):
            continue
        key = (tahun, lokasi, objek, besaran)
        if tahun in locked:
            sheet.error(baris, "tahun", locked[tahun])
            continue
        found = stored.get(key)
        if found is None:
            sheet.error(
                baris,
                "teks",
                f"tidak ada angka rujukan tahun {tahun}, lokasi '{lokasi}', objek '{objek}', "
                f"besaran '{besaran}' untuk dihapus (samakan keempat kolom kunci dengan data "
                "saat ini).",
            )
            continue
        imp.perubahan.append(
            Perubahan(sheet.name, f"tercetak {tahun} {lokasi} {objek} {besaran}", "hapus")
        )
        # Inside the import's transaction: an error anywhere in the workbook rolls it back.
        found._history_user = imp.user
        found._change_reason = imp.alasan
        found.delete()


_simpan_tercetak = simple("Angka_Tercetak", "reports.AngkaTercetak", "tercetak", {"tahun": "year"})
