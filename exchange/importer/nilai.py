"""Sheet steps of the measured values: nomenclature, targets, realisations and budget lines."""

from __future__ import annotations

from typing import Any

from budget.models import Anggaran, Nomenklatur
from exchange.columns import JENIS_TARGET, TINGKAT_ANGGARAN
from exchange.importer.context import (
    Ctx,
    indikator_ctx,
    indikator_lookup,
    nomenklatur_ctx,
    penjaga_periode,
    pesan_tutup,
    tahun_di_luar,
    tertutup,
)
from exchange.importer.importer import Importer, Tabel
from exchange.importer.result import periode_teks
from exchange.importer.sheet import Sheet
from lkip import formulas
from targets.models import Realisasi, Target


def nomenklatur_from_anggaran(imp: Importer, sheet: Sheet, ctx: Ctx) -> None:
    """First pass over Anggaran: the nomenclature codes every indicator and line refers to."""

    parsed: list[tuple[int, dict, str]] = []
    info: dict[str, tuple[str, str | None]] = {}  # normalised code → (tingkat, induk)
    normal: dict[str, str] = {}  # as typed → normalised (a code repeats once per year)
    for baris, row in sheet.rows:
        teks = sheet.text(baris, row, "kode", required=True)
        if not teks:
            continue
        if teks not in normal:
            try:
                normal[teks] = formulas.normalisasi_kode(teks)
            except ValueError as exc:
                sheet.error(baris, "kode", str(exc))
                continue
        kode = normal[teks]
        if kode not in info:
            info[kode] = (formulas.tingkat_kode(kode).value, formulas.kode_induk(kode))
        tingkat = sheet.choice(baris, row, "tingkat", TINGKAT_ANGGARAN)
        if tingkat and tingkat != info[kode][0]:
            sheet.error(baris, "tingkat", f"kode {kode} adalah {info[kode][0]}, bukan {tingkat}.")
        parsed.append((baris, row, kode))
    ctx["anggaran_rows"] = parsed
    parents = {induk for _tingkat, induk in info.values() if induk}
    existing = nomenklatur_ctx(ctx, set(info) | parents)
    # The same code may appear once per year: the first row with a name decides.
    first: dict[str, tuple[int, str]] = {}
    for baris, row, kode in parsed:
        if kode not in first:
            nama = sheet.text(baris, row, "uraian", required=True, max_length=500)
            if nama:
                first[kode] = (baris, nama)
    tabel = Tabel(Nomenklatur, dict(existing))
    boleh_ganti_nama = imp.boleh("budget.change_nomenklatur")

    def penjaga(aksi: str, changed: list[str], kode: str = ""):
        # The nomenclature is shared by every agency: only the Admin Pemda renames a code. New
        # codes (a budget line the list does not hold yet) may come with any workbook.
        if aksi == "ubah" and "nama" in changed and not boleh_ganti_nama:
            return "uraian", (
                f"nama kode {kode} di nomenklatur adalah '{tabel.existing[kode].nama}'; hanya "
                "Admin Pemda yang dapat mengubahnya. Samakan uraian dengan nomenklatur."
            )
        return None

    # Parents before children so that each code finds its induk: one bulk write per level.
    for level in TINGKAT_ANGGARAN:
        for kode, (baris, nama) in first.items():
            tingkat, induk_kode = info[kode]
            if tingkat != level:
                continue
            values = {
                "nama": nama,
                "tingkat": level,
                "induk": existing.get(induk_kode) if induk_kode else None,
            }
            obj = imp.upsert(
                sheet,
                baris,
                tabel,
                kode,
                {"kode": kode},
                values,
                f"nomenklatur {kode}",
                {"nama": "uraian", "induk": "kode"},
                catat_tetap=False,
                exclude_validation=("tingkat",),
                penjaga=lambda aksi, changed, kode=kode: penjaga(aksi, changed, kode),
            )
            if obj:
                existing[kode] = obj
        imp.flush(tabel, sheet.name)


def target(imp: Importer, sheet: Sheet, ctx: Ctx) -> None:
    from targets.models import JenisTarget

    renstra = ctx["renstra"]
    indikator = indikator_ctx(ctx)
    by_id = {i.pk: i for i in indikator.values()}
    tabel = Tabel(
        Target,
        {
            (by_id[t.indikator_id].kode, t.tahun, t.jenis, t.periode): t
            for t in Target.objects.filter(indikator__opd=ctx["opd"])
            if t.indikator_id in by_id
        },
    )
    for baris, row in sheet.rows:
        ind = indikator_lookup(sheet, baris, row, ctx)
        tahun = sheet.year(baris, row, "tahun")
        jenis = sheet.choice(baris, row, "jenis", JENIS_TARGET)
        periode = sheet.periode(baris, row)
        nilai = sheet.decimal(baris, row, "nilai")
        predikat = sheet.text(baris, row, "predikat").upper()
        if tahun and jenis == JenisTarget.RENSTRA and not renstra.memuat(tahun):
            sheet.error(
                baris,
                "tahun",
                f"tahun {tahun} di luar periode Renstra "
                f"{renstra.tahun_awal}–{renstra.tahun_akhir}.",
            )
            continue
        if jenis == JenisTarget.PK and tahun_di_luar(sheet, baris, tahun, ctx):
            continue
        if jenis == JenisTarget.RENSTRA and periode not in (None, 0):
            sheet.error(baris, "periode", "target Renstra selalu TAHUNAN.")
            continue
        if None in (ind, tahun, periode) or not jenis:
            continue
        if nilai is None and not (ind.adalah_predikat and predikat):
            sheet.error(
                baris, "nilai", "wajib diisi (atau predikat untuk indikator berjenis predikat)."
            )
            continue
        imp.upsert(
            sheet,
            baris,
            tabel,
            (ind.kode, tahun, jenis, periode),
            {"indikator": ind, "tahun": tahun, "jenis": jenis, "periode": periode},
            {"nilai": nilai, "predikat": predikat},
            f"{ind.kode} {tahun} {jenis} {periode_teks(periode)}",
            kolom_kunci="indikator_kode",
            penjaga=penjaga_periode(ctx, tahun, periode),
        )
        imp.flush_penuh(tabel, sheet.name)
    imp.flush(tabel, sheet.name)


def realisasi(imp: Importer, sheet: Sheet, ctx: Ctx) -> None:

    indikator = indikator_ctx(ctx)
    by_id = {i.pk: i for i in indikator.values()}
    tabel = Tabel(
        Realisasi,
        {
            (by_id[r.indikator_id].kode, r.tahun, r.periode): r
            for r in Realisasi.objects.filter(indikator__opd=ctx["opd"])
            if r.indikator_id in by_id
        },
    )
    for baris, row in sheet.rows:
        ind = indikator_lookup(sheet, baris, row, ctx)
        tahun = sheet.year(baris, row, "tahun")
        periode = sheet.periode(baris, row)
        values = {
            "nilai": sheet.decimal(baris, row, "nilai"),
            "pembilang": sheet.decimal(baris, row, "pembilang"),
            "penyebut": sheet.decimal(baris, row, "penyebut"),
            "predikat": sheet.text(baris, row, "predikat").upper(),
            "faktor_pendukung": sheet.text(baris, row, "faktor_pendukung"),
            "faktor_penghambat": sheet.text(baris, row, "faktor_penghambat"),
            "upaya": sheet.text(baris, row, "upaya"),
            "catatan": sheet.text(baris, row, "catatan"),
        }
        if tahun_di_luar(sheet, baris, tahun, ctx) or None in (ind, tahun, periode):
            continue
        imp.upsert(
            sheet,
            baris,
            tabel,
            (ind.kode, tahun, periode),
            {"indikator": ind, "tahun": tahun, "periode": periode},
            values,
            f"{ind.kode} {tahun} {periode_teks(periode)}",
            kolom_kunci="indikator_kode",
            penjaga=penjaga_periode(ctx, tahun, periode),
        )
        imp.flush_penuh(tabel, sheet.name)
    imp.flush(tabel, sheet.name)


def penjaga_anggaran(ctx: Ctx, tahun: int, values: dict):
    """A budget line's quarter columns follow their quarter; everything else follows the year."""
    closed = tertutup(ctx)

    def penjaga(aksi: str, changed: list[str]):
        if (tahun, 0) in closed:
            return "tahun", pesan_tutup(ctx, tahun, 0)
        names = [k for k, v in values.items() if v not in (None, "")] if aksi == "baru" else changed
        for name in names:
            if name.startswith("realisasi_tw") and (tahun, int(name[-1])) in closed:
                return name, pesan_tutup(ctx, tahun, int(name[-1]))
        return None

    return penjaga


def anggaran(imp: Importer, sheet: Sheet, ctx: Ctx) -> None:

    nomenklatur = ctx.get("nomenklatur", {})
    indikator = indikator_ctx(ctx)
    indikator_by_id = {i.pk: i.kode for i in indikator.values()}
    by_id = {n.pk: k for k, n in nomenklatur.items()}
    lines = list(Anggaran.objects.filter(opd=ctx["opd"]))
    missing = {a.nomenklatur_id for a in lines} - by_id.keys()
    if missing:
        by_id.update(Nomenklatur.objects.filter(pk__in=missing).values_list("pk", "kode"))
    tabel = Tabel(Anggaran, {(a.tahun, by_id[a.nomenklatur_id]): a for a in lines}, m2m="indikator")
    through = Anggaran.indikator.through
    for through_id, anggaran_id, indikator_id in through.objects.filter(
        anggaran__opd=ctx["opd"]
    ).values_list("pk", "anggaran_id", "indikator_id"):
        tabel.tautan_lama.setdefault(anggaran_id, {})[indikator_id] = through_id
    for baris, row, kode in ctx.get("anggaran_rows", []):
        tahun = sheet.year(baris, row, "tahun")
        values: dict[str, Any] = {
            "pagu_murni": sheet.decimal(baris, row, "pagu_murni"),
            "pagu_perubahan": sheet.decimal(baris, row, "pagu_perubahan"),
            "realisasi": sheet.decimal(baris, row, "realisasi", required=True),
            "sumber_dana": sheet.text(baris, row, "sumber_dana", max_length=100),
        }
        for tw in range(1, 5):
            values[f"realisasi_tw{tw}"] = sheet.decimal(baris, row, f"realisasi_tw{tw}")
        if values["pagu_murni"] is None and values["pagu_perubahan"] is None:
            sheet.error(baris, "pagu_murni", "wajib diisi (atau pagu_perubahan).")
        links: dict[int, str] = {}
        for code in [
            c.strip() for c in sheet.text(baris, row, "indikator_kode").split(",") if c.strip()
        ]:
            if code not in indikator:
                sheet.error(
                    baris,
                    "indikator_kode",
                    f"indikator '{code}' tidak ada untuk perangkat daerah ini.",
                )
            else:
                links[indikator[code].pk] = code
        if (
            tahun_di_luar(sheet, baris, tahun, ctx)
            or tahun is None
            or kode not in nomenklatur
            or values["realisasi"] is None
        ):
            continue
        existing = tabel.existing.get((tahun, kode))
        current = set(tabel.tautan_lama.get(existing.pk, {})) if existing is not None else set()
        tambahan = ()
        if existing is not None and current != set(links):
            tambahan = (
                (
                    "indikator",
                    ", ".join(sorted(indikator_by_id.get(i, "?") for i in current)) or "—",
                    ", ".join(sorted(links.values())) or "—",
                ),
            )
        obj = imp.upsert(
            sheet,
            baris,
            tabel,
            (tahun, kode),
            {"opd": ctx["opd"], "tahun": tahun, "nomenklatur": nomenklatur[kode]},
            values,
            f"{kode} {tahun}",
            kolom_kunci="kode",
            tambahan=tambahan,
            penjaga=penjaga_anggaran(ctx, tahun, values),
        )
        if obj is not None:
            tabel.tautan[id(obj)] = (obj, set(links))
        imp.flush_penuh(tabel, sheet.name)
    imp.flush(tabel, sheet.name)
    ctx.pop("anggaran_rows", None)
