"""The LKIP PDF laid out in parallel: the report's parts that start on a new page (front matter,
table of contents, chapters, appendix) in groups, each group in its own child process, joined
into one PDF with its page numbers, table of contents, bookmarks and links as one render gives.

Layout is nearly all of a render's time and one process uses one core, so a report laid out in
one process waits for its longest chapter at best when split. Each part is laid out exactly once:

1. Every child lays out its group (WeasyPrint's pagination) without knowing where its pages fall.
   Just before the margin boxes (running header, "Halaman X dari Y") are made, it tells the
   parent how many pages it has and on which of them each element id landed, and waits.
2. When every child has told, the parent knows each page's number, the total, and each target's
   page; it answers each child with its page numbers. The children then make the margin boxes
   with those numbers, draw and write their PDF.
3. The table of contents is the one part whose text depends on the others' page numbers: its
   child lays it out first with placeholder numbers (to count its pages, a few lines of lists),
   then again with the real numbers. Should that move a page (it would need a contents line to
   wrap differently across a page end), the report is rendered in one process instead.
4. The parent joins the PDFs (pypdf: pages, bookmarks, named destinations), adds the contents'
   links to the other parts, and the document's metadata.

Only the ordinary download is split; the PDF/A variant (archive, signature) is rendered in one
process, as pypdf's join would not keep PDF/A conformance.
"""

from __future__ import annotations

import io
import os
import re
from dataclasses import dataclass
from html import unescape

from django.conf import settings

from reports.laporan import pdf_siap
from reports.laporan.batas import Saluran, dalam_batas_bersama

#: Where a part that starts on a new page begins: the elements the stylesheet gives
#: `break-before: page` (`section.depan, nav.depan, section.bab`), at the top level of the body.
_AWAL_HALAMAN = re.compile(r'<(?:section|nav) class="(?:depan|bab)\b')
#: A section on landscape pages (`page: lanskap`) inside a chapter: the change of page size
#: starts a new page too, so a chapter is also cut there (Bab III's program tables).
_AWAL_LANSKAP = re.compile(r'<section class="[^"]*\blanskap\b')
_TAG_BAGIAN = re.compile(r"<(/?)(section|nav)\b[^>]*>")
_ID = re.compile(r'\s+id="[^"]*"')
_DAFTAR_ISI = re.compile(r'<nav class="depan daftar-isi"')
_JUDUL_BERJALAN = re.compile(r'<div class="judul-berjalan">(.*?)</div>', re.S)
_TAUTAN_ISI = re.compile(r'<a href="#([^"]+)">')
#: The contents' page numbers as literal text (the targets are in other processes' documents).
_GAYA_NOMOR_ISI = (
    "<style>@media print { nav.daftar-isi a::after "
    '{ content: leader(".") " " attr(data-halaman); } }</style>'
)
_NOMOR_SEMENTARA = "888"


class HalamanBergeser(Exception):
    """The contents took another number of pages with the real numbers than with placeholders."""


@dataclass(frozen=True)
class Kelompok:
    """Parts of the report laid out together in one child, as one HTML document; `tingkat`: how
    many sections it continues (opened in an earlier part: its bookmarks go under theirs)."""

    html: str
    daftar_isi: bool
    tingkat: int = 0


@dataclass(frozen=True)
class _Titik:
    """Where a part starts in the body: the offset, and the sections open there (their tags)."""

    posisi: int
    terbuka: tuple[str, ...]


def _titik_potong(isi: str) -> list[_Titik]:
    """Every place in the body where a new page starts and the report may be cut."""
    titik, terbuka = [_Titik(0, ())], []
    for tag in _TAG_BAGIAN.finditer(isi):
        if tag[1]:
            if terbuka:
                terbuka.pop()
            continue
        if tag.start() and (
            (not terbuka and _AWAL_HALAMAN.match(isi, tag.start()))
            or (terbuka and _AWAL_LANSKAP.match(isi, tag.start()))
        ):
            titik.append(_Titik(tag.start(), tuple(terbuka)))
        terbuka.append(tag[0])
    return titik


def _potong(isi: str, titik: list[_Titik], a: int, b: int) -> str:
    """The body from cut `a` to cut `b`: the sections open at `a` opened again (without their
    ids, which belong to the earlier part), those open at `b` closed."""
    buka = "".join(_ID.sub("", tag) for tag in titik[a].terbuka)
    akhir = titik[b].posisi if b < len(titik) else len(isi)
    tutup = (
        "".join(f"</{tag[1:].split()[0].rstrip('>')}>" for tag in reversed(titik[b].terbuka))
        if b < len(titik)
        else ""
    )
    return buka + isi[titik[a].posisi : akhir] + tutup


def _kelompokkan(
    berat: list[int], sendiri: list[bool], proses: int, lanjutan: list[bool] | None = None
) -> list[tuple[int, int]]:
    """Consecutive parts in groups, a part marked `sendiri` alone: at most `proses` groups where
    that can be (else the fewest that can), the heaviest as light as it can be, then as few
    groups as that allows. [(first, end)] of each group.

    A group that starts with a part marked `lanjutan` (it continues a chapter) holds no later
    part: its bookmarks all go under that chapter's, which a later chapter's must not."""
    lanjutan = lanjutan or [False] * len(berat)
    n = len(berat)
    tak_hingga = (float("inf"), 0)
    # terbaik[k][i]: (heaviest group, groups) for parts [0, i) in at most k groups; asal: where
    # the last of those groups starts
    terbaik = [[(0, 0)] + [tak_hingga] * n]
    asal = [[0] * (n + 1)]
    for k in range(1, n + 1):
        baris, dari = [(0, 0)] + [tak_hingga] * n, [0] * (n + 1)
        for i in range(1, n + 1):
            for j in range(i - 1, -1, -1):  # the last group is [j, i)
                if i - j > 1 and any(sendiri[j:i]):
                    break
                if i - j > 1 and lanjutan[j]:
                    continue
                sebelum = terbaik[k - 1][j]
                calon = (max(sebelum[0], sum(berat[j:i])), sebelum[1] + 1)
                if calon < baris[i]:
                    baris[i], dari[i] = calon, j
        terbaik.append(baris)
        asal.append(dari)
        if k >= proses and baris[n] != tak_hingga:
            break
    kelompok, i = [], n
    while i:
        j = asal[k][i]
        kelompok.append((j, i))
        i, k = j, k - 1
    return kelompok[::-1]


def bagi(html: str, proses: int) -> list[Kelompok] | None:
    """The report's HTML cut into at most `proses` documents that each start on a new page, in
    page order (None when it does not cut into two or more, or `proses` is 1).

    The contents' lists are one document of their own (laid out twice, with their numbers); the
    other parts are grouped so that the heaviest document (by its length) is as light as it can
    be, since the render waits for it."""
    if proses < 2:
        return None
    buka = re.search(r"<body\b[^>]*>", html)
    tutup = html.rfind("</body>")
    if not buka or tutup < buka.end():
        return None
    kepala, isi, ekor = html[: buka.end()], html[buka.end() : tutup], html[tutup:]
    titik = _titik_potong(isi)
    # the contents' lists kept together: a cut between two of them is no cut
    titik = [
        t
        for n, t in enumerate(titik)
        if not (
            n and _DAFTAR_ISI.match(isi, t.posisi) and _DAFTAR_ISI.match(isi, titik[n - 1].posisi)
        )
    ]
    akhir = [t.posisi for t in titik[1:]] + [len(isi)]
    berat = [b - t.posisi for t, b in zip(titik, akhir, strict=True)]
    daftar = [bool(_DAFTAR_ISI.match(isi, t.posisi)) for t in titik]
    if len(titik) < 2:
        return None
    rentang = _kelompokkan(berat, daftar, proses, [bool(t.terbuka) for t in titik])
    if len(rentang) < 2:
        return None
    judul = _JUDUL_BERJALAN.search(html)
    # The running header's title, set on the first page of every later document.
    lanjut = kepala.replace("</head>", _gaya_judul(judul[1]) + "</head>", 1) if judul else kepala
    return [
        Kelompok(
            (lanjut if a else kepala) + _potong(isi, titik, a, b) + ekor,
            daftar[a],
            len(titik[a].terbuka),
        )
        for a, b in rentang
    ]


def _gaya_judul(isi_html: str) -> str:
    """A style giving the document's first part the running header's title (as the cover's
    hidden title does in one render), without text of its own on the page."""
    teks = " ".join(unescape(re.sub(r"<[^>]*>", "", isi_html)).split())
    teks = teks.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ")
    aturan = f'body > :first-child {{ string-set: judul "{teks}"; }}'
    return f"<style>@media print {{ {aturan} }}</style>"


def proses_sekarang(beban: float | None = None) -> int:
    """How many processes a render may use now: LKIP_PDF_PROSES while at least one core is idle
    (`beban`, else the processes running besides this one now: `procs_running` of /proc/stat,
    else the load average of the last minute; one below the cores this process may use), else
    one.

    Parallel children only shorten the wait with cores to spare: on a saturated machine they
    share the same CPU time (and under the kernel's autogroup scheduling, the session's share),
    and splitting adds about a tenth to the CPU a render needs. The load average trails by a
    minute: after one render on a quiet machine the next would wait alone on one core.
    """
    inti = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    beban = _beban_sekarang() if beban is None else beban
    return settings.LKIP_PDF_PROSES if beban <= (inti or 1) - 1 else 1


def _beban_sekarang() -> float:
    """Runnable threads on the machine at this instant besides this one (Linux), else the load
    average of the last minute."""
    try:
        with open("/proc/stat", "rb") as stat:
            for baris in stat:
                if baris.startswith(b"procs_running "):
                    return max(0, int(baris.split()[1]) - 1)
    except OSError:
        pass
    return os.getloadavg()[0]


def render_paralel(html: str, options: dict, proses: int | None = None) -> bytes | None:
    """The PDF of `html` laid out in parallel and joined; None when it is not split (one process
    now, one part, or the contents moved a page) so the caller renders it in one process."""
    proses = proses_sekarang() if proses is None else proses
    kelompok = bagi(html, proses)
    if not kelompok:
        return None
    tugas = [(_susun_daftar_isi if k.daftar_isi else _susun, (k.html, options)) for k in kelompok]
    try:
        hasil = dalam_batas_bersama(tugas, _nomori)
    except HalamanBergeser:
        return None
    return _gabung(hasil, [k.tingkat for k in kelompok])


def _nomori(laporan_anak: list[dict]) -> list[dict]:
    """The parent, once every child has laid out: page numbers for each child's pages, the
    total, and the page of every element id (for the contents)."""
    awal, target, sampai = [], {}, 0
    for lapor in laporan_anak:
        for nama, indeks in lapor["jangkar"].items():
            target.setdefault(nama, str(sampai + indeks + 1))
        awal.append(sampai)
        sampai += lapor["halaman"]
    return [
        {
            "halaman": [a + i + 1 for i in range(lapor["halaman"])],
            "jumlah": sampai,
            "target": target,
            "awal": a,
        }
        for a, lapor in zip(awal, laporan_anak, strict=True)
    ]


def _pasang_nomor(saluran: Saluran | None, nomor: dict, hitung_jangkar: bool = True) -> None:
    """In a child: WeasyPrint's margin boxes made with this report's page numbers.

    Pagination (`make_all_pages`) finishes before the first margin box is made; at that point the
    child reports its pages to the parent and waits for their numbers (unless `nomor` is given).
    """
    import weasyprint.layout as tata

    asli_halaman, asli_tepi = tata.make_all_pages, tata.make_margin_boxes
    tangkap: dict = {}

    def semua_halaman(*args):
        tangkap["halaman"] = list(asli_halaman(*args))
        return tangkap["halaman"]

    def kotak_tepi(context, page, state):
        if not nomor:
            halaman = tangkap["halaman"]
            nomor.update(
                saluran.tukar(
                    {
                        "halaman": len(halaman),
                        "jangkar": _jangkar(halaman) if hitung_jangkar else {},
                    }
                )
            )
        state[1]["page"] = [nomor["halaman"][context.current_page - 1]]
        state[1]["pages"] = [nomor["jumlah"]]
        return asli_tepi(context, page, state)

    tata.make_all_pages, tata.make_margin_boxes = semua_halaman, kotak_tepi


def _jangkar(halaman: list) -> dict[str, int]:
    """Element id -> index of the page it starts on (the first of each id)."""
    jangkar: dict[str, int] = {}
    for indeks, page in enumerate(halaman):
        for box in page.descendants():
            nama = box.style["anchor"]
            if nama and nama not in jangkar:
                jangkar[nama] = indeks
    return jangkar


def _dokumen(html: str, options: dict):
    from weasyprint import HTML

    return HTML(string=html, base_url=str(settings.BASE_DIR)).render(
        font_config=pdf_siap.font_config(), **options
    )


def _susun(saluran: Saluran, html: str, options: dict) -> tuple[bytes, list]:
    """A child: one group of chapters, laid out once."""
    _pasang_nomor(saluran, {})
    return _dokumen(html, options).write_pdf(**options), []


def _susun_daftar_isi(saluran: Saluran, html: str, options: dict) -> tuple[bytes, list]:
    """A child: the contents, counted with placeholder numbers, then laid out with the real
    ones; its links to the other parts are handed to the parent to add."""
    sementara = _dokumen(_dengan_nomor(html, {}), options)
    jangkar: dict[str, int] = {}
    for indeks, page in enumerate(sementara.pages):
        for nama in page.anchors:
            jangkar.setdefault(nama, indeks)
    nomor = saluran.tukar({"halaman": len(sementara.pages), "jangkar": jangkar})
    _pasang_nomor(None, nomor)
    document = _dokumen(_dengan_nomor(html, nomor["target"]), options)
    if len(document.pages) != len(sementara.pages):
        raise HalamanBergeser
    sendiri = {nama for page in document.pages for nama in page.anchors}
    keluar = []
    for indeks, page in enumerate(document.pages):
        tetap = []
        for link in page.links:
            jenis, target, kotak, _box = link
            if jenis == "internal" and target not in sendiri:
                keluar.append((indeks, target, kotak, page.height))
            else:
                tetap.append(link)
        page.links = tetap
    return document.write_pdf(**options), keluar


def _dengan_nomor(html: str, target: dict[str, str]) -> str:
    """The contents with each entry's page number as an attribute the stylesheet prints."""

    def ganti(m: re.Match) -> str:
        return f'{m[0][:-1]} data-halaman="{target.get(m[1], _NOMOR_SEMENTARA)}">'

    html = html.replace("</head>", _GAYA_NOMOR_ISI + "</head>", 1)
    return _TAUTAN_ISI.sub(ganti, html)


PT_PER_PX = 0.75


def _gabung(hasil: list[tuple[bytes, list]], tingkat: list[int]) -> bytes:
    """The children's PDFs as one: pages, bookmarks and named destinations (pypdf), the contents'
    links to the other parts, and the first part's metadata, language and identifier.

    A part that continues a section of an earlier part (`tingkat` > 0) has its bookmarks put
    under that section's, as one render nests them."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import (
        ArrayObject,
        DictionaryObject,
        FloatObject,
        NameObject,
        NumberObject,
        TextStringObject,
    )

    writer = PdfWriter()
    pertama = None
    terakhir: list = []  # the last bookmark added at each level
    for (pdf, tautan), lanjut in zip(hasil, tingkat, strict=True):
        reader = PdfReader(io.BytesIO(pdf))
        awal = len(writer.pages)
        writer.append(reader, import_outline=False)
        terakhir = _salin_penanda(writer, reader, reader.outline, awal, terakhir[:lanjut])
        if pertama is None:
            pertama = reader
        for indeks, target, (x1, y1, x2, y2), tinggi in tautan:
            atas = tinggi * PT_PER_PX
            writer.add_annotation(
                awal + indeks,
                DictionaryObject(
                    {
                        NameObject("/Type"): NameObject("/Annot"),
                        NameObject("/Subtype"): NameObject("/Link"),
                        NameObject("/Rect"): ArrayObject(
                            FloatObject(v)
                            for v in (
                                x1 * PT_PER_PX,
                                atas - y1 * PT_PER_PX,
                                x2 * PT_PER_PX,
                                atas - y2 * PT_PER_PX,
                            )
                        ),
                        NameObject("/BS"): DictionaryObject({NameObject("/W"): NumberObject(0)}),
                        NameObject("/Dest"): TextStringObject(target),
                    }
                ),
            )
    writer.add_metadata(pertama.metadata)
    if "/Lang" in pertama.trailer["/Root"]:
        writer._root_object[NameObject("/Lang")] = TextStringObject(
            pertama.trailer["/Root"]["/Lang"]
        )
    if "/ID" in pertama.trailer:
        writer._ID = pertama.trailer["/ID"].clone(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _salin_penanda(writer, reader, items: list, awal: int, terakhir: list) -> list:
    """Copy a part's bookmarks (`items`, pypdf's nested outline) into the joined PDF under
    `terakhir[-1]` (the top level when empty), their pages moved by `awal`; the last bookmark of
    each level afterwards."""
    from pypdf.generic import Fit

    tingkat = len(terakhir)
    for item in items:
        if isinstance(item, list):  # the children of the bookmark just added
            terakhir = _salin_penanda(writer, reader, item, awal, terakhir[: tingkat + 1])
            continue
        halaman = awal + reader.get_destination_page_number(item)
        tujuan = Fit.xyz(item.left, item.top, item.zoom) if item.typ == "/XYZ" else Fit.fit()
        baru = writer.add_outline_item(
            title=item.title,
            page_number=halaman,
            parent=terakhir[tingkat - 1] if tingkat else None,
            fit=tujuan,
        )
        terakhir = [*terakhir[:tingkat], baru]
    return terakhir
