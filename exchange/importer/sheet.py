"""Typed access to one sheet's rows; every problem is recorded with sheet, row and column."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from exchange.columns import LEMBAR_MENURUT_NAMA, Lembar
from exchange.importer.result import Masalah, PencatatMasalah, SelTakTerbaca
from lkip import formulas

Row = Mapping[str, Any]

PERIODE_TEKS = {"TAHUNAN": 0, "TW1": 1, "TW2": 2, "TW3": 3, "TW4": 4}

_MONTHS = {name.lower(): i for i, name in formulas.NAMA_BULAN.items()}
_GAGAL = object()


def _norm_key(key: Any) -> str:
    return str(key).strip().lower() if key is not None else ""


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


class Sheet:
    """Typed access to one sheet's rows, recording every problem against sheet, row and column."""

    def __init__(
        self,
        importer: PencatatMasalah,
        name: str,
        rows: Iterable[Row],
        katalog: dict[str, Lembar] = LEMBAR_MENURUT_NAMA,
    ):
        self.importer = importer
        self.katalog = katalog
        self.name = name
        self.rows: list[tuple[int, dict[str, Any]]] = []
        keys: dict[str, None] = {}
        if hasattr(rows, "bernomor"):  # the xlsx reader: row numbers and normalised headers
            for index, row in rows.bernomor():
                self.rows.append((index, row))
            keys = dict.fromkeys(rows.kolom)
        else:
            for index, row in enumerate(rows, start=2):
                normal = {_norm_key(k): v for k, v in row.items()}
                keys.update(dict.fromkeys(normal))
                if all(_is_blank(v) for v in normal.values()):
                    continue
                self.rows.append((index, normal))
        self.kolom = [k for k in keys if k]
        self.hilang: set[str] = set()
        self._check_columns()

    def _check_columns(self) -> None:
        spec = self.katalog.get(self.name.lower())
        if spec is None:
            return
        known = set(spec.nama_kolom)
        for col in self.kolom:
            if col not in known:
                self.importer.masalah.append(
                    Masalah(self.name, 1, col, "kolom tidak dikenal, diabaikan.", "peringatan")
                )
        if not self.rows:
            return
        for col in spec.wajib:
            if col not in self.kolom:
                self.hilang.add(col)
                self.error(1, col, "kolom wajib ini tidak ada di baris judul.")

    def has(self, col: str) -> bool:
        return col in self.kolom

    def error(self, baris: int | None, kolom: str | None, pesan: str) -> None:
        self.importer.error(Masalah(self.name, baris, kolom, pesan))

    def _raw(self, baris: int, row: dict, col: str) -> Any:
        value = row.get(col)
        if isinstance(value, SelTakTerbaca):
            self.error(baris, col, value.pesan)
            return _GAGAL
        return value

    def text(
        self,
        baris: int,
        row: dict,
        col: str,
        *,
        required: bool = False,
        max_length: int | None = None,
    ) -> str:
        value = self._raw(baris, row, col)
        if value is _GAGAL:
            return ""
        if _is_blank(value):
            if required and col not in self.hilang:
                self.error(baris, col, "wajib diisi.")
            return ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)  # a code typed as a number, e.g. nomor 1 or kode 2024
        text = str(value).strip()
        if max_length and len(text) > max_length:
            self.error(
                baris, col, f"terlalu panjang ({len(text)} karakter, paling banyak {max_length})."
            )
        return text

    def decimal(self, baris: int, row: dict, col: str, *, required: bool = False) -> Decimal | None:
        value = self._raw(baris, row, col)
        if value is _GAGAL:
            return None
        if _is_blank(value):
            if required and col not in self.hilang:
                self.error(baris, col, "wajib diisi.")
            return None
        if isinstance(value, bool):
            self.error(baris, col, f"'{value}' bukan angka.")
            return None
        if isinstance(value, (dt.date, dt.time, dt.timedelta)):
            self.error(baris, col, f"berisi tanggal/waktu ({value}), bukan angka.")
            return None
        try:
            if isinstance(value, (int, Decimal, float)):
                return formulas.parse_angka(value)
            return formulas.parse_angka(str(value))
        except (ValueError, TypeError) as exc:
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

    def choice(
        self,
        baris: int,
        row: dict,
        col: str,
        choices: Iterable[str],
        *,
        required: bool = True,
        default: str = "",
        case: str = "lower",
    ) -> str:
        text = self.text(baris, row, col, required=required)
        if not text:
            return default
        text = text.lower() if case == "lower" else text.upper()
        allowed = list(choices)
        if text not in allowed:
            self.error(
                baris, col, f"'{text}' tidak dikenal; pilih salah satu dari: {', '.join(allowed)}."
            )
            return ""
        return text

    def periode(self, baris: int, row: dict, col: str = "periode") -> int | None:
        text = self.text(baris, row, col, required=True).upper().replace(" ", "")
        if not text:
            return None
        if text not in PERIODE_TEKS:
            self.error(
                baris,
                col,
                f"'{text}' bukan periode yang sah; gunakan TW1, TW2, TW3, TW4 atau TAHUNAN.",
            )
            return None
        return PERIODE_TEKS[text]

    def date(self, baris: int, row: dict, col: str) -> dt.date | None:
        value = self._raw(baris, row, col)
        if value is _GAGAL or _is_blank(value):
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
                return dt.date(
                    int(match.group(3)), _MONTHS[match.group(2).lower()], int(match.group(1))
                )
            except ValueError:
                pass
        self.error(
            baris, col, f"'{text}' bukan tanggal yang sah (contoh: 4 Juli 2024 atau 2024-07-04)."
        )
        return None
