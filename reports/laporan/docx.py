"""render_docx: the report as an editable Word draft (python-docx), from the same build as the HTML
and the PDF.

Many agencies finish their LKIP in Word: this is the draft they can edit; the signed PDF stays the
official copy (the cover and the document's properties say so). The build is walked generically,
in the order the HTML prints it: cover, front matter, chapters (Word headings by depth), blocks
(paragraphs, lists, sub-headings, tables, charts), appendices and the signature blocks. Tables are
Word tables laid out by `grid.tata` (merged cells, header rows repeated on every page) under a
caption with the build's number; charts are the build's own SVG rasterised to PNG by CairoSVG.
No query, no request.
"""

from __future__ import annotations

import io
from collections.abc import Iterable

import cairosvg
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import _Cell

from reports.laporan.grid import tata
from reports.laporan.struktur import Bagian, Gambar, Laporan, Penandatangan, Sel, Tabel

CATATAN_DRAF = (
    "Dokumen Word ini adalah draf yang dapat diubah. Salinan resmi LKIP adalah PDF yang disetujui "
    "dan ditandatangani secara elektronik oleh Kepala Dinas."
)
FONT = "Arial"
LEBAR_TEKS_CM = 16.0  # A4 (21 cm) less the margins (3 cm left, 2 cm right)
#: A chart is rasterised at this many pixels per SVG unit (crisp at print size).
SKALA_GAMBAR = 2.5
#: Tables with at least this many columns get the small type (as `figure.kecil` in the PDF).
KOLOM_BANYAK = 7
_MERAH_DRAF = RGBColor(0x99, 0x00, 0x00)


def render_docx(laporan: Laporan) -> bytes:
    """The whole report as a .docx document."""
    doc = _new_document(laporan)
    _cover(doc, laporan)
    _front(doc, "KATA PENGANTAR", laporan.kata_pengantar)
    _signature(doc, laporan.penandatangan)
    _front(doc, "IKHTISAR EKSEKUTIF", laporan.ikhtisar)
    _lists(doc, laporan)
    for number, bab in enumerate(laporan.bab):
        _page_break(doc)
        _bagian(doc, bab, 1)
        if number == len(laporan.bab) - 1:
            _signature(doc, laporan.penandatangan)
    _page_break(doc)
    doc.add_heading("LAMPIRAN", 1)
    for number, lampiran in enumerate(laporan.lampiran):
        _bagian(doc, lampiran, 2)
        if number == 0 and laporan.penandatangan_pk:
            _signatures_side_by_side(doc, laporan.penandatangan_pk)
    if laporan.draf and laporan.temuan:
        _temuan(doc, laporan)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# --- The document: page, styles, properties, header and footer -----------------------------------


def _new_document(laporan: Laporan):
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.5)
    styles = doc.styles
    normal = styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(11)
    _language(normal)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    for level, size in ((1, 14), (2, 12), (3, 11), (4, 11), (5, 11)):
        style = styles[f"Heading {level}"]
        style.font.name, style.font.size, style.font.bold = FONT, Pt(size), True
        style.font.italic = level == 5
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.paragraph_format.space_before = Pt(12 if level <= 2 else 8)
        style.paragraph_format.space_after = Pt(6)
        style.paragraph_format.keep_with_next = True
        _font_everywhere(style)
    styles["Heading 1"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    caption = _style(doc, "Caption", WD_STYLE_TYPE.PARAGRAPH)
    caption.font.name, caption.font.size, caption.font.bold, caption.font.italic = (
        FONT,
        Pt(10),
        True,
        False,
    )
    caption.font.color.rgb = RGBColor(0, 0, 0)
    caption.paragraph_format.space_before, caption.paragraph_format.space_after = Pt(6), Pt(4)
    small = _style(doc, "Sumber", WD_STYLE_TYPE.PARAGRAPH)
    small.base_style = normal
    small.font.size, small.font.italic = Pt(9), True
    small.paragraph_format.space_after = Pt(8)
    props = doc.core_properties
    props.title, props.author, props.subject = laporan.judul, laporan.opd_nama, "LKIP"
    props.comments = CATATAN_DRAF
    props.language = "id-ID"
    _header_footer(section, laporan)
    return doc


def _style(doc, name: str, kind):
    try:
        return doc.styles[name]
    except KeyError:
        return doc.styles.add_style(name, kind)


def _language(style) -> None:
    """Indonesian as the proofing language (Word's spelling check)."""
    rpr = style.element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "id-ID")
    rpr.append(lang)


def _font_everywhere(style) -> None:
    """The font for every script (a theme font would otherwise win for headings)."""
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(attribute), None)


def _header_footer(section, laporan: Laporan) -> None:
    section.different_first_page_header_footer = True  # the cover has neither
    header = section.header.paragraphs[0]
    header.text = laporan.judul + (" \u2014 DRAF" if laporan.draf else "")
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for run in header.runs:
        run.font.size, run.font.italic = Pt(8), True
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("Halaman ").font.size = Pt(9)
    _field(footer, "PAGE", "1")
    footer.add_run(" dari ").font.size = Pt(9)
    _field(footer, "NUMPAGES", "1")


def _field(paragraph, instruction: str, shown: str) -> None:
    """A Word field (PAGE, NUMPAGES, TOC) with the text shown until it is updated."""
    run = paragraph.add_run()
    run.font.size = Pt(9)
    for kind, text in (("begin", None), ("instr", instruction), ("separate", None)):
        if kind == "instr":
            node = OxmlElement("w:instrText")
            node.set(qn("xml:space"), "preserve")
            node.text = f" {text} "
        else:
            node = OxmlElement("w:fldChar")
            node.set(qn("w:fldCharType"), kind)
        run._r.append(node)
    paragraph.add_run(shown).font.size = Pt(9)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    paragraph.add_run()._r.append(end)


def _page_break(doc) -> None:
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


# --- Cover and front matter -----------------------------------------------------------------------


def _cover(doc, laporan: Laporan) -> None:
    lines = [
        ("LAPORAN KINERJA INSTANSI PEMERINTAH", 18, True, 96),
        ("(LKIP)", 16, True, 0),
        (laporan.opd_nama.upper(), 16, True, 72),
        (f"TAHUN {laporan.tahun}", 16, True, 12),
    ]
    if laporan.draf:
        lines.append(("DRAF \u2014 belum disetujui dan ditandatangani", 11, False, 36))
    lines.append((f"{laporan.pemda_nama.upper()}\n{laporan.tahun + 1}", 14, True, 180))
    for text, size, bold, before in lines:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_before = Pt(before)
        run = p.add_run(text)
        run.font.size, run.font.bold = Pt(size), bold
        if text.startswith("DRAF"):
            run.font.color.rgb = _MERAH_DRAF
    note = doc.add_paragraph(style="Sumber")
    note.alignment = WD_ALIGN_PARAGRAPH.CENTER
    note.paragraph_format.space_before = Pt(24)
    note.add_run(CATATAN_DRAF)


def _front(doc, title: str, blocks: Iterable) -> None:
    _page_break(doc)
    doc.add_heading(title, 1)
    _blocks(doc, blocks)


def _lists(doc, laporan: Laporan) -> None:
    """Daftar isi (a Word field: headings, updated by Word), daftar tabel and daftar gambar (the
    captions as the build numbers them)."""
    _page_break(doc)
    doc.add_heading("DAFTAR ISI", 1)
    toc = doc.add_paragraph()
    _field(toc, 'TOC \\o "1-3" \\h \\z \\u', "Perbarui bidang ini (klik kanan \u2192 Perbarui "
           "Bidang, atau F9) untuk menyusun daftar isi dengan nomor halamannya.")  # fmt: skip
    for title, items in (
        ("DAFTAR TABEL", [f"{t.label} {t.judul}" for t in laporan.semua_tabel()]),
        ("DAFTAR GAMBAR", [f"{g.label} {g.judul}" for g in laporan.semua_gambar()]),
    ):
        _page_break(doc)
        doc.add_heading(title, 1)
        for item in items or ["Tidak ada gambar."]:
            doc.add_paragraph(item).paragraph_format.space_after = Pt(2)


# --- Chapters and blocks --------------------------------------------------------------------------


def _bagian(doc, bagian: Bagian, level: int) -> None:
    doc.add_heading(bagian.judul_lengkap, min(level, 3))
    _blocks(doc, bagian.blok)
    for sub in bagian.sub:
        _bagian(doc, sub, level + 1)


def _blocks(doc, blocks: Iterable) -> None:
    for block in blocks:
        kind = getattr(block, "jenis", "")
        if kind == "tabel":
            _table(doc, block)
        elif kind == "gambar":
            _figure(doc, block)
        elif kind == "subjudul":
            doc.add_heading(block.teks, 4 if getattr(block, "tingkat", 3) == 3 else 5)  # as h4/h5
        elif kind == "daftar":
            _list(doc, block, 0)
        elif hasattr(block, "teks"):  # a paragraph, or a block of text the build adds later
            p = doc.add_paragraph(str(block.teks))
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY


def _list(doc, daftar, depth: int) -> None:
    """A numbered or bulleted list; each numbered list starts again at 1, nested lists indent."""
    numbered = getattr(daftar, "bernomor", True)
    style = ("List Number" if numbered else "List Bullet") + (f" {depth + 1}" if depth else "")
    num_id = _new_numbering(doc, style) if numbered else None
    for item in daftar.butir:
        if hasattr(item, "butir"):  # a nested list
            _list(doc, item, min(depth + 1, 2))
            continue
        p = doc.add_paragraph(str(getattr(item, "teks", item)), style=style)
        p.paragraph_format.space_after = Pt(2)
        if num_id is not None:
            numpr = p._p.get_or_add_pPr().get_or_add_numPr()
            numpr.get_or_add_ilvl().val = 0
            numpr.get_or_add_numId().val = num_id


def _new_numbering(doc, style_name: str) -> int | None:
    """A numbering instance of its own for one list (Word otherwise continues the last list)."""
    style = doc.styles[style_name]
    ppr = style.element.pPr
    if ppr is None or ppr.numPr is None or ppr.numPr.numId is None:
        return None
    numbering = doc.part.numbering_part.element
    base = numbering.num_having_numId(ppr.numPr.numId.val)
    num = numbering.add_num(base.abstractNumId.val)
    override = num.add_lvlOverride(ilvl=0)
    override.add_startOverride(1)
    return num.numId


def _table(doc, t: Tabel) -> None:
    caption = doc.add_paragraph(style="Caption")
    caption.add_run(f"{t.label} ").bold = True
    caption.add_run(t.judul)
    caption.paragraph_format.keep_with_next = True
    kisi = tata(t)
    rows, cols = kisi.jumlah_baris, kisi.jumlah_kolom
    table = doc.add_table(rows=rows, cols=cols)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid = [[_Cell(tc, table) for tc in tr.tc_lst] for tr in table._tbl.tr_lst]
    size = Pt(8 if cols >= KOLOM_BANYAK or "kecil" in t.kelas.split() else 9)
    for r in range(kisi.jumlah_baris_kepala):
        _repeat_header(table.rows[r])
    table.autofit = False
    widths = _widths(t, kisi, size.pt)
    for c, column in enumerate(table.columns):
        column.width = Cm(widths[c])
    for r in range(rows):
        for c in range(cols):
            grid[r][c].width = Cm(widths[c])
    for p in kisi.kepala + kisi.badan:
        cell = grid[p.baris][p.kolom]
        if p.rowspan > 1 or p.colspan > 1:
            cell = cell.merge(grid[p.baris + p.rowspan - 1][p.kolom + p.colspan - 1])
        if isinstance(p.isi, Sel):
            _body_cell(cell, p.isi, size)
        else:
            _header_cell(cell, p.isi.label, size)
    _keep_rows_whole(table)
    for note in t.catatan:
        doc.add_paragraph(note, style="Sumber").paragraph_format.space_after = Pt(2)
    doc.add_paragraph(f"Sumber: {t.sumber}", style="Sumber")


def _widths(t: Tabel, kisi, size_pt: float) -> list[float]:
    """Column widths in cm: the build's percentages where every header cell gives one, else by
    content, as a browser lays out a table: no column narrower than its longest word, the rest
    of the text width shared by how much text each column holds."""
    cols = kisi.jumlah_kolom
    first = t.kepala[0] if len(t.kepala) == 1 else ()
    if first and len(first) == cols and all(k.lebar.endswith("%") for k in first):
        shares = [float(k.lebar[:-1]) for k in first]
        return [LEBAR_TEKS_CM * share / sum(shares) for share in shares]
    char_cm = size_pt * 0.68 / 28.35  # a digit or letter is at most ~0.68 of the type size wide
    longest_word, amount = [1] * cols, [1] * cols
    for p in kisi.kepala + kisi.badan:
        if p.colspan != 1:
            continue
        if isinstance(p.isi, Sel):
            text = p.isi.teks
            # a number is not broken; text between its words
            words = [text] if p.isi.angka else text.split()
        else:
            text = p.isi.label
            words = text.split()
        longest_word[p.kolom] = max(longest_word[p.kolom], min(max(map(len, words or [""])), 18))
        amount[p.kolom] = max(amount[p.kolom], min(len(text), 150))
    least = [max(1.0, n * char_cm + 0.5) for n in longest_word]  # 0.5 cm: the cell's padding
    if sum(least) >= LEBAR_TEKS_CM:  # too many columns: all shrink alike
        return [m * LEBAR_TEKS_CM / sum(least) for m in least]
    spare = LEBAR_TEKS_CM - sum(least)
    extra = [max(a * char_cm + 0.5 - m, 0) for a, m in zip(amount, least, strict=True)]
    if sum(extra) <= spare:  # everything fits on one line: widen all alike to the text width
        natural = [m + e for m, e in zip(least, extra, strict=True)]
        return [w * LEBAR_TEKS_CM / sum(natural) for w in natural]
    return [m + spare * e / sum(extra) for m, e in zip(least, extra, strict=True)]


def _repeat_header(row) -> None:
    """Word repeats this row at the top of every page the table runs onto."""
    _row_flag(row, "w:tblHeader")


def _keep_rows_whole(table) -> None:
    """No row is split over two pages (a row's lower half alone on the next page reads as an
    empty row)."""
    for row in table.rows:
        _row_flag(row, "w:cantSplit")


def _row_flag(row, tag: str) -> None:
    flag = OxmlElement(tag)
    flag.set(qn("w:val"), "true")
    trpr = row._tr.get_or_add_trPr()
    # the schema's order (Word refuses others): cantSplit first, tblHeader after it
    if tag == "w:cantSplit":
        trpr.insert(0, flag)
    else:
        trpr.append(flag)


def _header_cell(cell, label: str, size) -> None:
    _shade(cell, "E6E6E6")
    p = cell.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run(label)
    run.bold, run.font.size = True, size


def _body_cell(cell, c: Sel, size) -> None:
    p = cell.paragraphs[0]
    p.paragraph_format.space_after = Pt(0)
    classes = c.kelas.split()
    if c.angka or "angka" in classes:
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    lines = c.teks.split("\n")
    for i, line in enumerate(lines):
        run = p.add_run(line)
        run.font.size = size
        run.bold = "total" in classes or "tebal" in classes
        run.italic = c.tidak_ada
        if i < len(lines) - 1:
            run.add_break()


def _shade(cell, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _figure(doc, g: Gambar) -> None:
    if g.svg.strip():
        png, width_px = svg_png(g.svg)
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.keep_with_next = True
        width = min(LEBAR_TEKS_CM, width_px / SKALA_GAMBAR / 96 * 2.54)
        p.add_run().add_picture(io.BytesIO(png), width=Cm(width))
    else:
        doc.add_paragraph("Grafik tidak tersedia: belum ada data.", style="Sumber")
    caption = doc.add_paragraph(style="Caption")
    caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
    caption.add_run(f"{g.label} ").bold = True
    caption.add_run(g.judul)
    if g.keterangan:
        doc.add_paragraph(g.keterangan, style="Sumber")
    doc.add_paragraph(f"Sumber: {g.sumber}", style="Sumber")


def svg_png(svg: str) -> tuple[bytes, int]:
    """The chart as PNG (white background) and its width in pixels. CairoSVG's default refuses
    external files and entities; the build's SVG has none."""
    png = cairosvg.svg2png(
        bytestring=svg.encode("utf-8"), scale=SKALA_GAMBAR, background_color="white"
    )
    width = int.from_bytes(png[16:20], "big")  # the PNG header's IHDR width
    return png, width


# --- Signatures and the draft's findings ----------------------------------------------------------


def _signature_lines(p: Penandatangan) -> list[tuple[str, bool]]:
    lines: list[tuple[str, bool]] = []
    if p.label:
        lines.append((f"{p.label},", True))
    if p.tempat_tanggal:
        lines.append((p.tempat_tanggal, False))
    lines += [(f"{p.jabatan},", True), ("", False), ("", False), ("", False)]
    lines.append((p.nama or "....................................", True))
    lines += [(x, False) for x in (p.pangkat, p.nip) if x]
    return lines


def _signature(doc, p: Penandatangan) -> None:
    """The signature block, on the right half of the page, kept together."""
    lines = _signature_lines(p)
    for i, (text, bold) in enumerate(lines):
        para = doc.add_paragraph()
        para.paragraph_format.left_indent = Cm(LEBAR_TEKS_CM / 2)
        para.paragraph_format.space_after = Pt(0)
        para.paragraph_format.space_before = Pt(18 if i == 0 else 0)
        para.paragraph_format.keep_with_next = i < len(lines) - 1
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = para.add_run(text)
        run.bold = bold
        run.underline = bold and text == (p.nama or "")


def _signatures_side_by_side(doc, signers: tuple[Penandatangan, ...]) -> None:
    """The Perjanjian Kinerja's two parties, side by side in a table without borders."""
    table = doc.add_table(rows=1, cols=len(signers))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, p in zip(table.rows[0].cells, signers, strict=True):
        first = True
        for text, bold in _signature_lines(p):
            para = cell.paragraphs[0] if first else cell.add_paragraph()
            first = False
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
            para.paragraph_format.space_after = Pt(0)
            run = para.add_run(text)
            run.bold = bold


def _temuan(doc, laporan: Laporan) -> None:
    doc.add_heading("Temuan Pemeriksaan Kesehatan Data (hanya pada draf)", 2)
    doc.add_paragraph(
        "Pemeriksaan otomatis atas data yang tersimpan menemukan hal berikut. Temuan tingkat "
        "kesalahan harus diselesaikan sebelum laporan diajukan."
    )
    widths = [Cm(w) for w in (2.6, 2.2, 4.2, 7.0)]
    table = doc.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    _repeat_header(table.rows[0])
    for cell, label in zip(
        table.rows[0].cells, ("Aturan", "Tingkat", "Lokasi", "Uraian"), strict=True
    ):
        _header_cell(cell, label, Pt(8))
    for t in laporan.temuan:
        texts = (t.aturan, t.tingkat, t.lokasi, t.pesan)
        for cell, text, width in zip(table.add_row().cells, texts, widths, strict=True):
            cell.width = width
            run = cell.paragraphs[0].add_run(text)
            run.font.size = Pt(8)
    _keep_rows_whole(table)
