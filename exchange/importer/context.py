"""What the sheet steps share: the import's context (agency, Renstra, rows already read) and the
rules that refuse a row (a year after the Renstra period, a closed quarter or year)."""

from __future__ import annotations

from typing import Any

from budget.models import Nomenklatur
from exchange.importer.result import periode_teks
from exchange.importer.sheet import Sheet
from indicators.models import Indikator
from lkip.kunci import struktur_terkunci, tahun_terkunci
from targets.models import PeriodeTertutup, Sasaran
from targets.screens import periode_renstra_terkunci

Ctx = dict[str, Any]


def tahun_di_luar(
    sheet: Sheet, baris: int, tahun: int | None, ctx: Ctx, col: str = "tahun"
) -> bool:
    """A year after the Renstra period belongs to a later plan: an error (earlier years are
    history)."""
    renstra = ctx["renstra"]
    if tahun is not None and tahun > renstra.tahun_akhir:
        sheet.error(
            baris,
            col,
            f"tahun {tahun} di luar periode Renstra {renstra.tahun_awal}–{renstra.tahun_akhir} "
            "(sheet Perangkat_Daerah); data tahun sesudah periode ini tidak dapat diimpor.",
        )
        return True
    return False


def terkunci(ctx: Ctx) -> dict[int, str]:
    """The agency's years whose LKIP is submitted or signed (their data is read-only), with the
    reason."""
    if "terkunci" not in ctx:
        # lkip.kunci: the check also takes the agency's write lock for the rest of the import.
        ctx["terkunci"] = tahun_terkunci(ctx["opd"]) if ctx.get("opd") else {}
    return ctx["terkunci"]


def tertutup(ctx: Ctx) -> set[tuple[int, int]]:
    """Closed (tahun, periode) pairs; a year whose LKIP is locked counts as a closed year
    (periode 0)."""
    if "tertutup" not in ctx:
        ctx["tertutup"] = set(
            PeriodeTertutup.objects.filter(opd=ctx["opd"]).values_list("tahun", "periode")
        ) | {(tahun, 0) for tahun in terkunci(ctx)}
    return ctx["tertutup"]


def pesan_tutup(ctx: Ctx, tahun: int, periode: int) -> str:
    if tahun in terkunci(ctx):
        return (
            f"{terkunci(ctx)[tahun]} Baris tahun {tahun} tidak dapat dibuat atau diubah lewat "
            "impor."
        )
    nama = f"tahun {tahun}" if periode == 0 else f"{periode_teks(periode)} {tahun}"
    return (
        f"periode {nama} sudah ditutup, sehingga nilainya tidak dapat dibuat atau diubah lewat "
        "impor; Kepala Dinas dapat membuka kembali periode ini dengan alasan."
    )


def penjaga_periode(ctx: Ctx, tahun: int, periode: int, kolom: str = "periode"):
    """Refuse a new or changed row of a closed quarter (or of a closed year)."""
    closed = tertutup(ctx)

    def penjaga(_aksi: str, _changed: list[str]):
        for p in {0, periode}:
            if (tahun, p) in closed:
                return kolom, pesan_tutup(ctx, tahun, p)
        return None

    return penjaga


_KOLOM_STRUKTUR = {
    "urutan": "urutan baris di sheet",
    "tujuan": "tujuan_kode",
    "sasaran": "sasaran_kode",
    "nomenklatur": "anggaran_kode",
    "tahun_awal": "renstra_awal",
    "tahun_akhir": "renstra_akhir",
}


def penjaga_struktur(
    ctx: Ctx,
    kolom: str,
    opd=None,
    renstra_lama=None,
    awal: int | None = None,
    akhir: int | None = None,
):
    """Refuse a new or changed row of the agency's plan (or of a sheet without a year) while one
    of its LKIPs is in review; and a Renstra period (new, or changed from `renstra_lama`) that would
    drop or newly take over a year with a locked LKIP."""

    opd = opd or ctx.get("opd")

    def penjaga(aksi: str, changed: list[str]):
        if opd is None or opd.pk is None:
            return None
        if "struktur_terkunci" not in ctx:
            ctx["struktur_terkunci"] = struktur_terkunci(opd)
        if ctx["struktur_terkunci"]:
            # Only a real change comes here (an unchanged row is never refused): name it.
            beda = ", ".join(_KOLOM_STRUKTUR.get(name, name) for name in changed)
            return (
                kolom,
                f"{ctx['struktur_terkunci']} Baris ini tidak dapat dibuat atau diubah lewat impor"
                + (f" (berbeda dengan data di aplikasi: {beda})." if beda else "."),
            )
        if awal is not None and akhir is not None:
            found = periode_renstra_terkunci(opd, renstra_lama, awal, akhir)
            if found:
                return ("renstra_akhir" if found[0][0] == "tahun_akhir" else "renstra_awal"), found[
                    0
                ][1]
        return None

    return penjaga


def sasaran_ctx(ctx: Ctx) -> dict:

    if "sasaran" not in ctx:
        ctx["sasaran"] = {
            s.kode: s
            for s in Sasaran.objects.filter(renstra=ctx["renstra"]).select_related("renstra")
        }
    return ctx["sasaran"]


def nomenklatur_ctx(ctx: Ctx, codes: set[str]) -> dict:
    """Nomenclature rows by code: those already read, plus the given codes (one query)."""

    known = ctx.setdefault("nomenklatur", {})
    missing = codes - known.keys()
    if missing:
        known.update({n.kode: n for n in Nomenklatur.objects.filter(kode__in=missing)})
    return known


def indikator_ctx(ctx: Ctx) -> dict:

    if "indikator" not in ctx:
        ctx["indikator"] = {i.kode: i for i in Indikator.objects.filter(opd=ctx["opd"])}
    return ctx["indikator"]


def indikator_lookup(sheet: Sheet, baris: int, row: dict, ctx: Ctx):
    indikator = indikator_ctx(ctx)
    kode = sheet.text(baris, row, "indikator_kode", required=True)
    if kode and kode not in indikator:
        sheet.error(
            baris, "indikator_kode", f"indikator '{kode}' tidak ada untuk perangkat daerah ini."
        )
        return None
    return indikator.get(kode)
