"""Import of the exchange workbook's sheets (shared/spec/workbook.md), all or nothing.

The same service loads the demo agency (from JSON rows), the uploaded xlsx and the
`import_workbook` command: rows come in as dicts keyed by column name, every error is
collected as (sheet, row, column, message), and nothing is written unless there is none.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from lkip import formulas

Row = Mapping[str, Any]
Sheets = Mapping[str, Iterable[Row]]


@dataclass(frozen=True)
class Masalah:
    sheet: str
    baris: int | None
    kolom: str | None
    pesan: str
    tingkat: str = "error"  # or "peringatan"

    def __str__(self) -> str:
        where = self.sheet
        if self.baris is not None:
            where += f", baris {self.baris}"
        if self.kolom:
            where += f", kolom {self.kolom}"
        return f"{where}: {self.pesan}"


@dataclass(frozen=True)
class Perubahan:
    sheet: str
    kunci: str
    aksi: str  # "baru", "ubah", "tetap"
    detail: tuple[tuple[str, str, str], ...] = ()  # (field, old, new)


@dataclass
class HasilImpor:
    masalah: list[Masalah] = field(default_factory=list)
    perubahan: list[Perubahan] = field(default_factory=list)
    diterapkan: bool = False
    opd_kode: str | None = None

    @property
    def errors(self) -> list[Masalah]:
        return [m for m in self.masalah if m.tingkat == "error"]

    @property
    def ok(self) -> bool:
        return not self.errors

    def hitung(self, aksi: str) -> int:
        return sum(1 for p in self.perubahan if p.aksi == aksi)

    def ringkasan(self) -> str:
        return (
            f"{self.hitung('baru')} baru, {self.hitung('ubah')} diubah, "
            f"{self.hitung('tetap')} tidak berubah"
        )


class _Abort(Exception):
    """Raised inside the transaction to roll it back."""


PERIODE_TEKS = {"TAHUNAN": 0, "TW1": 1, "TW2": 2, "TW3": 3, "TW4": 4}

_MONTHS = {name.lower(): i for i, name in formulas.NAMA_BULAN.items()}


def _norm_key(key: Any) -> str:
    return str(key).strip().lower() if key is not None else ""


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


class _Sheet:
    """Typed access to one sheet's rows, recording every problem against sheet, row and column."""

    def __init__(self, importer: "_Importer", name: str, rows: Iterable[Row]):
        self.importer = importer
        self.name = name
        self.rows: list[tuple[int, dict[str, Any]]] = []
        for index, row in enumerate(rows, start=2):
            normal = {_norm_key(k): v for k, v in row.items()}
            if all(_is_blank(v) for v in normal.values()):
                continue
            self.rows.append((index, normal))

    def error(self, baris: int | None, kolom: str | None, pesan: str) -> None:
        self.importer.masalah.append(Masalah(self.name, baris, kolom, pesan))

    def text(self, baris: int, row: dict, col: str, *, required: bool = False, max_length: int | None = None) -> str:
        value = row.get(col)
        if _is_blank(value):
            if required:
                self.error(baris, col, "wajib diisi.")
            return ""
        text = str(value).strip()
        if max_length and len(text) > max_length:
            self.error(baris, col, f"terlalu panjang ({len(text)} karakter, paling banyak {max_length}).")
        return text

    def decimal(self, baris: int, row: dict, col: str, *, required: bool = False) -> Decimal | None:
        value = row.get(col)
        if _is_blank(value):
            if required:
                self.error(baris, col, "wajib diisi.")
            return None
        if isinstance(value, bool):
            self.error(baris, col, f"'{value}' bukan angka.")
            return None
        if isinstance(value, (int, Decimal)):
            return Decimal(value)
        if isinstance(value, float):
            return Decimal(str(value))
        try:
            return formulas.parse_angka(str(value))
        except ValueError as exc:
            self.error(baris, col, str(exc))
            return None

    def year(self, baris: int, row: dict, col: str, *, required: bool = True) -> int | None:
        value = self.decimal(baris, row, col, required=required)
        if value is None:
            return None
        if value != value.to_integral_value() or not 1900 <= value <= 2200:
            self.error(baris, col, f"'{row.get(col)}' bukan tahun empat angka.")
            return None
        return int(value)

    def choice(self, baris: int, row: dict, col: str, choices: Iterable[str], *, required: bool = True, default: str = "", case: str = "lower") -> str:
        text = self.text(baris, row, col, required=required)
        if not text:
            return default
        text = text.lower() if case == "lower" else text.upper()
        allowed = list(choices)
        if text not in allowed:
            self.error(baris, col, f"'{text}' tidak dikenal; pilih salah satu dari: {', '.join(allowed)}.")
            return ""
        return text

    def periode(self, baris: int, row: dict, col: str = "periode") -> int | None:
        text = self.text(baris, row, col, required=True).upper().replace(" ", "")
        if not text:
            return None
        if text not in PERIODE_TEKS:
            self.error(baris, col, f"'{text}' bukan periode yang sah; gunakan TW1, TW2, TW3, TW4 atau TAHUNAN.")
            return None
        return PERIODE_TEKS[text]

    def date(self, baris: int, row: dict, col: str) -> dt.date | None:
        value = row.get(col)
        if _is_blank(value):
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        text = str(value).strip()
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
        match = re.fullmatch(r"(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})", text)
        if match and match.group(2).lower() in _MONTHS:
            try:
                return dt.date(int(match.group(3)), _MONTHS[match.group(2).lower()], int(match.group(1)))
            except ValueError:
                pass
        self.error(baris, col, f"'{text}' bukan tanggal yang sah (contoh: 4 Juli 2024 atau 2024-07-04).")
        return None


def _fmt(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, Decimal):
        return formulas.format_angka(value.normalize() if value == value.to_integral_value() else value, tempat=_places(value))
    return str(value)


def _places(value: Decimal) -> int:
    value = value.normalize()
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, Decimal) or isinstance(b, Decimal):
        if a is None or b is None:
            return a is None and b is None
        try:
            return Decimal(a) == Decimal(b)
        except (InvalidOperation, TypeError):
            return False
    return (a or "") == (b or "") if isinstance(a, str) or isinstance(b, str) else a == b


class _Importer:
    def __init__(self) -> None:
        self.masalah: list[Masalah] = []
        self.perubahan: list[Perubahan] = []

    def upsert(
        self,
        sheet: _Sheet,
        baris: int,
        model: type,
        lookup: dict[str, Any],
        values: dict[str, Any],
        kunci: str,
        columns: Mapping[str, str] | None = None,
        exclude_validation: Iterable[str] = (),
    ):
        """Create or update one row; validate it with the model's own rules; record the change."""
        columns = columns or {}
        obj = model.objects.filter(**lookup).first()
        if obj is None:
            obj = model(**lookup, **values)
            aksi, detail = "baru", ()
        else:
            changes = []
            for name, new in values.items():
                old = getattr(obj, name)
                if not _same(old, new):
                    changes.append((name, _fmt(old), _fmt(new)))
                    setattr(obj, name, new)
            aksi, detail = ("ubah" if changes else "tetap"), tuple(changes)
        try:
            obj.full_clean(exclude=list(exclude_validation), validate_unique=False)
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                column = columns.get(name, name if name != "__all__" else None)
                for message in messages:
                    sheet.error(baris, column, message)
            return None
        if aksi != "tetap":
            obj.save()
        self.perubahan.append(Perubahan(sheet.name, kunci, aksi, detail))
        return obj


def impor(sheets: Sheets, *, opd_kode: str | None = None, dry_run: bool = False) -> HasilImpor:
    """Validate and apply a workbook's sheets; with errors or dry_run nothing stays written."""
    from lkip.exchange_sheets import STEPS, KNOWN_SHEETS  # noqa: PLC0415 (models load late)

    importer = _Importer()
    normal: dict[str, list[Row]] = {}
    for name, rows in sheets.items():
        key = name.strip().lower()
        if key not in KNOWN_SHEETS:
            importer.masalah.append(
                Masalah(name, None, None, "sheet tidak dikenal, diabaikan.", "peringatan")
            )
            continue
        normal[KNOWN_SHEETS[key]] = list(rows)
    result = HasilImpor(masalah=importer.masalah, perubahan=importer.perubahan)
    if "Perangkat_Daerah" not in normal:
        importer.masalah.append(
            Masalah("Perangkat_Daerah", None, None, "sheet wajib ini tidak ada dalam workbook.")
        )
        return result
    try:
        with transaction.atomic():
            context: dict[str, Any] = {"opd_kode": opd_kode}
            for sheet_name, step in STEPS:
                if sheet_name in normal:
                    step(importer, _Sheet(importer, sheet_name, normal[sheet_name]), context)
                if context.get("fatal"):
                    break
            result.opd_kode = context.get("opd").kode if context.get("opd") else None
            if result.errors or dry_run:
                raise _Abort
    except _Abort:
        result.diterapkan = False
        return result
    result.diterapkan = True
    return result
