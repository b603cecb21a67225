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
_TAG_BAGIAN = re.compile(r"<(/?)(?:section|nav)\b")
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
    """Parts of the report laid out together in one child, as one HTML document."""

    html: str
    daftar_isi: bool


def bagi(html: str, proses: int) -> list[Kelompok] | None:
    """The report's HTML cut into at most `proses` documents that each start on a new page, in
    page order (None when it does not cut into two or more, or `proses` is 1)."""
    if proses < 2:
        return None
    buka = re.search(r"<body\b[^>]*>", html)
    tutup = html.rfind("</body>")
    if not buka or tutup < buka.end():
        return None
    kepala, isi, ekor = html[: buka.end()], html[buka.end() : tutup], html[tutup:]
    titik, kedalaman = [0], 0
    for tag in _TAG_BAGIAN.finditer(isi):
        if tag[1]:
            kedalaman -= 1
            continue
        if kedalaman == 0 and tag.start() and _AWAL_HALAMAN.match(isi, tag.start()):
            titik.append(tag.start())
        kedalaman += 1
    potongan = [isi[a:b] for a, b in zip(titik, [*titik[1:], len(isi)], strict=True)]
    # (text, is the contents) with the contents' lists kept together, in order
    bagian: list[list] = []
    for teks in potongan:
        isi_daftar = bool(_DAFTAR_ISI.match(teks))
        if bagian and isi_daftar and bagian[-1][1]:
            bagian[-1][0] += teks
        else:
            bagian.append([teks, isi_daftar])
    while len(bagian) > proses:  # join the lightest neighbours (never the contents)
        pasangan = [
            (len(bagian[i][0]) + len(bagian[i + 1][0]), i)
            for i in range(len(bagian) - 1)
            if not bagian[i][1] and not bagian[i + 1][1]
        ]
        if not pasangan:
            break
        _, i = min(pasangan)
        bagian[i : i + 2] = [[bagian[i][0] + bagian[i + 1][0], False]]
    if len(bagian) < 2:
        return None
    judul = _JUDUL_BERJALAN.search(html)
    # The running header's title, set on the first page of every later document.
    lanjut = kepala.replace("</head>", _gaya_judul(judul[1]) + "</head>", 1) if judul else kepala
    kelompok = []
    for n, (teks, isi_daftar) in enumerate(bagian):
        kelompok.append(Kelompok((lanjut if n else kepala) + teks + ekor, isi_daftar))
    return kelompok


def _gaya_judul(isi_html: str) -> str:
    """A style giving the document's first part the running header's title (as the cover's
    hidden title does in one render), without text of its own on the page."""
    teks = " ".join(unescape(re.sub(r"<[^>]*>", "", isi_html)).split())
    teks = teks.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ")
    aturan = f'body > :first-child {{ string-set: judul "{teks}"; }}'
    return f"<style>@media print {{ {aturan} }}</style>"


def proses_sekarang(beban: float | None = None) -> int:
    """How many processes a render may use now: LKIP_PDF_PROSES while at least one core is idle
    (the load average of the last minute, or `beban`, one below the cores this process may use),
    else one.

    Parallel children only shorten the wait with cores to spare: on a saturated machine they
    share the same CPU time (and under the kernel's autogroup scheduling, the session's share),
    and splitting adds about a tenth to the CPU a render needs.
    """
    inti = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    beban = os.getloadavg()[0] if beban is None else beban
    return settings.LKIP_PDF_PROSES if beban <= (inti or 1) - 1 else 1


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
    return _gabung(hasil, options)


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


def _gabung(hasil: list[tuple[bytes, list]], options: dict) -> bytes:
    """The children's PDFs as one: pages, bookmarks and named destinations (pypdf), the contents'
    links to the other parts, and the first part's metadata, language and identifier."""
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
    for pdf, tautan in hasil:
        reader = PdfReader(io.BytesIO(pdf))
        awal = len(writer.pages)
        writer.append(reader)
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
