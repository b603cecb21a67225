"""Import of the exchange workbook's sheets (shared/spec/workbook.md), all or nothing.

The same service loads the demo agency (from JSON rows), the uploaded xlsx and the
`import_workbook` command: rows come in as dicts keyed by column name, every error is
collected as (sheet, row, column, message), and nothing is written unless there is none.

Writes are in bulk: each sheet step reads the rows that already exist with one query into a
dict, validates every row in Python with the models' own rules (field validators, `clean()`,
and the check constraints evaluated without a query), and then creates and updates its rows
with a few bulk statements, history records included. A step flushes before the next one
starts, so that later sheets can refer to what earlier sheets created; any error rolls the
whole transaction back.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction

from exchange.columns import README, tingkat_pemda
from exchange.importer.importer import Importer
from exchange.importer.pemda import KATALOG as KATALOG_PEMDA
from exchange.importer.pemda import KNOWN_SHEETS_PEMDA, PEMDA, STEPS_PEMDA
from exchange.importer.result import (
    ALASAN_BAKU,
    HasilImpor,
    Masalah,
    Perubahan,
    SelTakTerbaca,
    periode_teks,
)
from exchange.importer.sheet import Sheet
from exchange.importer.steps import KNOWN_SHEETS, STEPS

Row = Mapping[str, Any]
Sheets = Mapping[str, Iterable[Row]]

__all__ = [
    "ALASAN_BAKU",
    "HasilImpor",
    "Masalah",
    "Perubahan",
    "SelTakTerbaca",
    "impor",
    "periode_teks",
]


class _Abort(Exception):
    """Raised inside the transaction to roll it back."""


def impor(
    sheets: Sheets,
    *,
    opd_kode: str | None = None,
    dry_run: bool = False,
    user=None,
    alasan: str = ALASAN_BAKU,
    masalah: list[Masalah] | None = None,
    harapan: str | None = None,
) -> HasilImpor:
    """Validate and apply a workbook's sheets; with errors or dry_run nothing stays written.

    `masalah` carries problems found while reading the file (the reader may add more while the
    rows stream in); `harapan` is the fingerprint of a preview: if the import would now do
    something else (someone changed the data in between), nothing is written.
    """

    importer = Importer(masalah if masalah is not None else [], user=user, alasan=alasan)
    # The level is told by the first sheet: `Pemda` (the pemda's own LKIP) or Perangkat_Daerah.
    pemda = tingkat_pemda(list(sheets))
    known, steps, first = (
        (KNOWN_SHEETS_PEMDA, STEPS_PEMDA, PEMDA)
        if pemda
        else (KNOWN_SHEETS, STEPS, "Perangkat_Daerah")
    )
    normal: dict[str, Iterable[Row]] = {}
    for name, rows in sheets.items():
        key = name.strip().lower()
        if key == README.lower():
            continue
        if key not in known:
            importer.masalah.append(
                Masalah(name, None, None, "sheet tidak dikenal, diabaikan.", "peringatan")
            )
            continue
        if known[key] in normal:
            importer.error(Masalah(name, None, None, "sheet dengan nama ini muncul dua kali."))
            continue
        normal[known[key]] = rows
    result = HasilImpor(masalah=importer.masalah, perubahan=importer.perubahan)
    if first not in normal:
        importer.error(Masalah(first, None, None, "sheet wajib ini tidak ada dalam workbook."))
        return result
    try:
        with transaction.atomic():
            context: dict[str, Any] = {"opd_kode": opd_kode}
            parsed: dict[str, Sheet] = {}
            last_use = {name: i for i, (name, _step) in enumerate(steps)}
            for index, (sheet_name, step) in enumerate(steps):
                if sheet_name in normal:
                    if sheet_name not in parsed:
                        parsed[sheet_name] = (
                            Sheet(importer, sheet_name, normal[sheet_name], KATALOG_PEMDA)
                            if pemda
                            else Sheet(importer, sheet_name, normal[sheet_name])
                        )
                    step(importer, parsed[sheet_name], context)
                    if last_use[sheet_name] == index:
                        del parsed[sheet_name]  # its rows are no longer needed
                if context.get("fatal") or importer.gagal:
                    break
            result.opd_kode = context.get("opd").kode if context.get("opd") else None
            result.pemda_kode = (
                context.get("pemda").kode if pemda and context.get("pemda") else None
            )
            if harapan is not None and not result.errors and result.sidik != harapan:
                importer.error(
                    Masalah(
                        "Workbook",
                        None,
                        None,
                        "data di aplikasi berubah sejak pratinjau dibuat, sehingga hasil impor "
                        "tidak lagi sama dengan pratinjau; tidak ada yang disimpan. Periksa "
                        "pratinjau yang baru.",
                    )
                )
            if result.errors or dry_run:
                raise _Abort
    except _Abort:
        result.diterapkan = False
        return result
    result.diterapkan = True
    return result
