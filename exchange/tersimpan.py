"""A read workbook kept between the upload page's preview and its apply, so that the file is
parsed once: the rows every sheet gave and the problems the reader noted, as compressed JSON.

Only values the reader produces are written (None, text, numbers, booleans, dates and times, an
unreadable cell with its message), tagged where JSON has no type for them; nothing is unpickled.
The bytes are checked against the checksum kept in the user's session before they are read.
"""

from __future__ import annotations

import datetime as dt
import json
import zlib
from collections.abc import Iterator
from typing import Any

from exchange.importer import Masalah, SelTakTerbaca
from exchange.reader import Bacaan, Baris

VERSI = 1


def _tulis(value: Any) -> Any:
    """JSON for the values json cannot write itself."""
    if isinstance(value, SelTakTerbaca):
        return {"$": "x", "v": value.pesan}
    if isinstance(value, dt.datetime):
        return {"$": "dt", "v": value.isoformat()}
    if isinstance(value, dt.date):
        return {"$": "d", "v": value.isoformat()}
    if isinstance(value, dt.time):
        return {"$": "t", "v": value.isoformat()}
    if isinstance(value, dt.timedelta):
        return {"$": "td", "v": [value.days, value.seconds, value.microseconds]}
    raise TypeError(f"nilai {type(value).__name__} tidak dapat disimpan")


def _baca(obj: dict) -> Any:
    kind, value = obj.get("$"), obj.get("v")
    if kind == "x":
        return SelTakTerbaca(value)
    if kind == "dt":
        return dt.datetime.fromisoformat(value)
    if kind == "d":
        return dt.date.fromisoformat(value)
    if kind == "t":
        return dt.time.fromisoformat(value)
    if kind == "td":
        return dt.timedelta(days=value[0], seconds=value[1], microseconds=value[2])
    raise ValueError("bentuk nilai tersimpan tidak dikenal")


def _masalah(items: list[Masalah]) -> list[list]:
    return [[m.sheet, m.baris, m.kolom, m.pesan, m.tingkat] for m in items]


def simpan(bacaan: Bacaan) -> bytes:
    """The rows and reader problems of a workbook read with `rekam=True`."""
    sheets = []
    for title, lembar in bacaan.sheets.items():
        rekaman = bacaan.rekaman.get(title)
        sheets.append(
            {
                "title": title,
                "kolom": lembar.kolom,
                "baris": [[n, list(v)] for n, v in rekaman.baris] if rekaman else None,
                "masalah": _masalah(rekaman.masalah) if rekaman else [],
            }
        )
    doc = {"versi": VERSI, "masalah": _masalah(bacaan.masalah_awal), "sheets": sheets}
    text = json.dumps(doc, default=_tulis, ensure_ascii=False, separators=(",", ":"))
    return zlib.compress(text.encode(), 1)


class LembarTersimpan:
    """A sheet as `exchange.importer` reads it (`kolom`, `bernomor()`), from the stored rows."""

    def __init__(self, masalah: list[Masalah], doc: dict) -> None:
        self._masalah = masalah
        self.title = doc["title"]
        self.kolom = list(doc["kolom"])
        self._baris = doc["baris"]
        self._dicatat = [Masalah(*m) for m in doc["masalah"]]

    def bernomor(self) -> Iterator[tuple[int, Baris]]:
        if self._baris is None:  # the preview never read it; cannot happen when it was clean
            self._masalah.append(
                Masalah(
                    self.title,
                    None,
                    None,
                    "sheet ini tidak ada dalam pratinjau yang tersimpan; unggah workbook sekali "
                    "lagi.",
                )
            )
            return
        indeks = {name: n for n, name in enumerate(self.kolom)}
        for nomor, values in self._baris:
            yield nomor, Baris(indeks, tuple(values))
        self._masalah.extend(self._dicatat)


def muat(data: bytes) -> tuple[dict[str, LembarTersimpan], list[Masalah]]:
    """The sheets and the reader's first problems from `simpan`'s bytes; ValueError if unusable."""
    try:
        doc = json.loads(zlib.decompress(data), object_hook=_baca_dict)
    except (zlib.error, UnicodeDecodeError, json.JSONDecodeError, TypeError, KeyError) as exc:
        raise ValueError("pratinjau tersimpan tidak dapat dibaca") from exc
    if not isinstance(doc, dict) or doc.get("versi") != VERSI:
        raise ValueError("pratinjau tersimpan berasal dari versi lain")
    masalah = [Masalah(*m) for m in doc["masalah"]]
    sheets = {s["title"]: LembarTersimpan(masalah, s) for s in doc["sheets"]}
    return sheets, masalah


def _baca_dict(obj: dict) -> Any:
    return _baca(obj) if "$" in obj else obj
