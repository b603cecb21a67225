"""One worksheet part (and the shared-string table) of an xlsx, streamed with expat in bounded
time and memory; used by `exchange.reader`.

openpyxl's read-only reader fills every gap between two rows with empty rows (one cell at
XFD1048576 made it hand out a million of them), keeps every row element until the sheet ends, and
reads the shared strings through slow objects (500,000 of them took over a minute). Here:
- only the rows that are in the file are seen, and only the wanted columns are converted;
- nothing is kept once its element has ended; the nesting depth is bounded (`BATAS_KEDALAMAN`),
  and so is the text kept for one cell or one shared string (`BATAS_TEKS_SEL`, Excel's own
  limit: a longer text becomes an unreadable cell instead of megabytes in memory);
- each row comes with the byte offset where it ends in the part, so that the reader can stop once
  nothing but formatting follows.

A cell's value is what openpyxl's `WorkSheetParser.parse_cell` gives with data_only=True (numbers
as int or float, dates through the cell's number format, shared and inline strings, booleans),
except that a cell that cannot be read (an Excel error such as #DIV/0!, a formula without a stored
value, a damaged number, a text beyond the limit) becomes a `SelTakTerbaca` naming the problem.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, Any
from xml.parsers import expat

from openpyxl.utils.datetime import from_excel, from_ISO8601

from exchange.importer import SelTakTerbaca
from lkip import xlsx
from lkip.formulas import format_angka

BATAS_KEDALAMAN = 64  # nesting of XML elements; a sheet needs 7 (worksheet/sheetData/row/c/is/r/t)
BATAS_TEKS_SEL = xlsx.BATAS_TEKS_SEL  # characters in one cell, as in Excel

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_ROW, _C, _V, _F, _IS, _T, _R, _SI = (
    _MAIN + name for name in ("row", "c", "v", "f", "is", "t", "r", "si")
)
_POTONGAN = 64 * 1024  # bytes fed to expat at a time


class XmlDitolak(Exception):
    """The XML of a part is refused (too deep, a DTD, not well-formed); `pesan` says why."""

    def __init__(self, pesan: str) -> None:
        super().__init__(pesan)
        self.pesan = pesan


def _parser(start, end, text) -> expat.XMLParserType:
    parser = expat.ParserCreate(namespace_separator="}")
    parser.buffer_text = True
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text

    def dtd(*_args) -> None:  # the container check refuses DTDs already; never expand one here
        raise XmlDitolak("berisi deklarasi DTD/entitas XML yang tidak diizinkan.")

    parser.StartDoctypeDeclHandler = dtd
    parser.EntityDeclHandler = dtd
    return parser


def _feed(parser: expat.XMLParserType, source: IO[bytes]) -> Iterator[None]:
    """Feed the part to expat a piece at a time; yield after each piece."""
    try:
        while chunk := source.read(_POTONGAN):
            parser.Parse(chunk, False)
            yield
        parser.Parse(b"", True)
        yield
    except expat.ExpatError as exc:
        raise XmlDitolak(
            f"XML-nya rusak ({expat.ErrorString(exc.code)}, baris XML {exc.lineno})."
        ) from None


def _terlalu_dalam() -> XmlDitolak:
    return XmlDitolak(
        f"XML-nya bersarang lebih dari {BATAS_KEDALAMAN} tingkat; ini bukan workbook biasa."
    )


def _teks_panjang() -> SelTakTerbaca:
    return SelTakTerbaca(
        f"teks sel ini lebih dari {format_angka(BATAS_TEKS_SEL, 0)} karakter, batas satu sel "
        "spreadsheet; persingkat teksnya."
    )


class _Teks:
    """Character data up to BATAS_TEKS_SEL characters; beyond it, only that it was too long."""

    __slots__ = ("bagian", "panjang", "lebih")

    def __init__(self) -> None:
        self.bagian: list[str] = []
        self.panjang = 0
        self.lebih = False

    def add(self, data: str) -> None:
        self.panjang += len(data)
        if self.panjang > BATAS_TEKS_SEL:
            self.lebih = True
            self.bagian.clear()
        elif not self.lebih:
            self.bagian.append(data)

    def value(self) -> str:
        return "".join(self.bagian)


def teks_bersama(source: IO[bytes], batas: int) -> list[Any]:
    """The shared-string table (`<sst>`): each `<si>`'s text as openpyxl's read_string_table gives
    it (its `<t>` and its runs' `<t>`, not the phonetic `<rPh>`); a text over BATAS_TEKS_SEL
    characters is kept as a SelTakTerbaca, so that only the cells using it are refused."""
    strings: list[Any] = []
    tags: list[str] = []
    current: list[_Teks | None] = [None, None]  # the <si> being read, the <t> being read

    def start(name: str, _attrs) -> None:
        tags.append(name)
        if len(tags) > BATAS_KEDALAMAN:
            raise _terlalu_dalam()
        if name == _SI:
            current[0] = _Teks()
        elif name == _T and current[0] is not None:
            parent = tags[-2]
            if parent == _SI or (parent == _R and len(tags) > 2 and tags[-3] == _SI):
                current[1] = current[0]

    def end(name: str) -> None:
        tags.pop()
        if name == _T:
            current[1] = None
        elif name == _SI and current[0] is not None:
            teks = current[0]
            current[0] = None
            strings.append(_teks_panjang() if teks.lebih else teks.value().replace("x005F_", ""))
            if len(strings) > batas:
                raise XmlDitolak(
                    f"tabel teks bersamanya berisi lebih dari {format_angka(batas, 0)} teks; "
                    "ini bukan workbook biasa."
                )

    def text(data: str) -> None:
        if current[1] is not None:
            current[1].add(data)

    parser = _parser(start, end, text)
    for _ in _feed(parser, source):
        pass
    return strings


@dataclass
class Format:
    """What turns a stored number into a date: the workbook's epoch and its date styles."""

    epoch: Any
    tanggal: frozenset[int] = frozenset()
    durasi: frozenset[int] = frozenset()


@dataclass
class BarisXml:
    """One row of the part: its number, its wanted cells by 0-based column, where it ends."""

    nomor: int
    sel: dict[int, Any]
    ujung: int


@dataclass
class _Sel:
    kolom: int
    jenis: str
    gaya: int
    nilai: _Teks | None = None
    rumus: str | None = None
    sebaris: _Teks | None = None  # the text of an inline string (<is>)


@dataclass
class Rumus:
    """Formula cells met in a part, per 0-based column: their stored values were taken."""

    per_kolom: dict[int, int] = field(default_factory=dict)


def baris_sheet(
    source: IO[bytes],
    kolom: set[int] | int,
    strings: list[Any],
    fmt: Format,
    rumus: Rumus,
) -> Iterator[BarisXml]:
    """The rows of a worksheet part, in file order, with the cells of the wanted columns (a set of
    0-based indexes, or an int: every column below it); blank cells are left out."""
    wanted = (lambda i: i < kolom) if isinstance(kolom, int) else kolom.__contains__
    tags: list[str] = []
    done: list[BarisXml] = []
    state: dict[str, Any] = {"row": None, "nomor": 0, "kolom": 0, "sel": None, "teks": None}

    def start(name: str, attrs: dict[str, str]) -> None:
        tags.append(name)
        if len(tags) > BATAS_KEDALAMAN:
            raise _terlalu_dalam()
        if name == _ROW:
            if state["row"] is not None:
                raise XmlDitolak("XML-nya rusak (baris di dalam baris).")
            r = attrs.get("r")
            state["nomor"] = _nomor_baris(r) if r else state["nomor"] + 1
            state["row"], state["kolom"] = {}, 0
        elif name == _C and state["row"] is not None and tags[-2] == _ROW:
            ref = attrs.get("r")
            state["kolom"] = _kolom(ref) if ref else state["kolom"] + 1
            index = state["kolom"] - 1
            if wanted(index):
                state["sel"] = _Sel(index, attrs.get("t", "n"), _gaya(attrs.get("s")))
        elif state["sel"] is not None:
            sel: _Sel = state["sel"]
            parent = tags[-2]
            if parent == _C:
                if name == _V:
                    sel.nilai = sel.nilai or _Teks()
                    state["teks"] = sel.nilai
                elif name == _F:
                    sel.rumus = ""
                    state["teks"] = _Teks()
                elif name == _IS:
                    sel.sebaris = _Teks()
            elif name == _T and sel.sebaris is not None:
                if parent == _IS or (parent == _R and tags[-3] == _IS):
                    state["teks"] = sel.sebaris

    def end(name: str) -> None:
        tags.pop()
        if name in (_V, _T):
            state["teks"] = None
        elif name == _F and state["sel"] is not None and state["teks"] is not None:
            state["sel"].rumus = state["teks"].value()[:60]
            state["teks"] = None
        elif name == _C and state["sel"] is not None:
            sel = state["sel"]
            state["sel"] = None
            value = _nilai(sel, strings, fmt)
            if sel.rumus is not None and not isinstance(value, SelTakTerbaca):
                if value is None:
                    value = SelTakTerbaca(
                        f"sel berisi rumus ={sel.rumus or '…'} tanpa nilai tersimpan; rumus tidak "
                        "dihitung oleh aplikasi. Isi nilainya langsung, atau buka dan simpan ulang "
                        "berkas di program spreadsheet."
                    )
                else:
                    rumus.per_kolom[sel.kolom] = rumus.per_kolom.get(sel.kolom, 0) + 1
            if value is not None:
                state["row"][sel.kolom] = value
        elif name == _ROW and state["row"] is not None:
            done.append(BarisXml(state["nomor"], state["row"], parser.CurrentByteIndex))
            state["row"] = None

    def text(data: str) -> None:
        if state["teks"] is not None:
            state["teks"].add(data)

    parser = _parser(start, end, text)
    for _ in _feed(parser, source):
        yield from done
        done.clear()


def _nomor_baris(r: str) -> int:
    try:
        return int(r)
    except ValueError:
        try:
            value = float(r)
        except ValueError:
            value = 0.5
        if not value.is_integer():
            raise XmlDitolak(f"nomor baris '{r[:20]}' tidak sah.") from None
        return int(value)


def _gaya(s: str | None) -> int:
    try:
        return int(s) if s else 0
    except ValueError:
        raise XmlDitolak(f"gaya sel '{s[:20]}' tidak sah.") from None


def _kolom(ref: str) -> int:
    """1-based column of a cell reference such as 'XFD1048576' (the letters' base-26 value)."""
    column = 0
    for char in ref:
        if char == "$":
            continue
        if column > 16_384:
            break  # beyond the last column a spreadsheet has: the exact number does not matter
        code = ord(char) - 64
        if not 1 <= code <= 26:
            code = ord(char) - 96  # lower case letters are read as upper case, like openpyxl
            if not 1 <= code <= 26:
                break
        column = column * 26 + code
    if column == 0:
        raise XmlDitolak(f"alamat sel '{ref[:20]}' tidak sah.")
    return column


def _nilai(sel: _Sel, strings: list[Any], fmt: Format) -> Any:
    """The cell's value as openpyxl reads it with data_only=True (see the module docstring)."""
    if (sel.nilai and sel.nilai.lebih) or (sel.sebaris and sel.sebaris.lebih):
        return _teks_panjang()
    if sel.jenis == "inlineStr":
        return sel.sebaris.value() if sel.sebaris is not None else None
    raw = sel.nilai.value() if sel.nilai is not None else ""
    if not raw:
        return None
    try:
        if sel.jenis == "n":
            number = float(raw) if ("." in raw or "E" in raw or "e" in raw) else int(raw)
            if sel.gaya in fmt.tanggal:
                try:
                    return from_excel(number, fmt.epoch, timedelta=sel.gaya in fmt.durasi)
                except (OverflowError, ValueError):
                    return SelTakTerbaca(
                        f"sel berformat tanggal berisi {raw[:20]}, di luar rentang tanggal; isi "
                        "tanggal yang benar."
                    )
            return number
        if sel.jenis == "s":
            index = int(raw)
            if index < 0:
                raise IndexError(index)
            return strings[index]
        if sel.jenis == "b":
            return bool(int(raw))
        if sel.jenis == "d":
            return from_ISO8601(raw)
        if sel.jenis == "e":
            return SelTakTerbaca(f"sel berisi galat {raw[:20]}; isi nilai yang benar.")
    except (ValueError, IndexError, TypeError):
        return SelTakTerbaca(
            f"isi sel ini ({raw[:20]}) tidak dapat dibaca sebagai jenis '{sel.jenis[:10]}'; "
            "ketik ulang nilainya."
        )
    return raw  # "str" (a formula's text result) and unknown kinds: the text as stored
