"""The report as an editable Word draft: Word headings, Word tables with repeated header rows under
numbered captions, the charts as images, the signature block; LibreOffice opens it, and its text
holds the same figures as the PDF."""

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from docx import Document
from docx.oxml.ns import qn
from pypdf import PdfReader

from lkip import formulas
from reports.laporan import build_laporan, render_docx, render_pdf
from reports.laporan.docx import CATATAN_DRAF
from reports.laporan.struktur import (
    Bagian,
    Jenis,
    Kepala,
    Laporan,
    Paragraf,
    Penandatangan,
    Tabel,
    nilai,
    teks,
)

pytestmark = pytest.mark.django_db


def docx_of(laporan) -> Document:
    return Document(io.BytesIO(render_docx(laporan)))


def headings(document, level: int) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == f"Heading {level}"]


def captions(document) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == "Caption"]


def pdf_text(pdf: bytes) -> str:
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return re.sub(r"\s+", " ", text)


def soffice_pdf(docx: bytes, folder: Path) -> bytes:
    """The DOCX converted by LibreOffice (its own profile, so parallel runs do not collide)."""
    exe = shutil.which("soffice")
    assert exe, "LibreOffice tidak terpasang: apt-get install libreoffice-writer-nogui"
    source = folder / "lkip.docx"
    source.write_bytes(docx)
    done = subprocess.run(
        [
            exe,
            f"-env:UserInstallation={(folder / 'profil').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert done.returncode == 0, done.stderr
    assert "Error" not in done.stderr, done.stderr
    return (folder / "lkip.pdf").read_bytes()


def key_figures(laporan) -> list[str]:
    """Figures the build computed, as both documents print them: capaian per IKU, total pagu,
    realisasi and serapan."""
    capaian_table = next(t for t in laporan.semua_tabel() if t.judul.startswith("Capaian Kinerja"))
    column = [k.label for k in capaian_table.kepala[0]].index("Capaian")
    capaian = [row[-(len(capaian_table.kepala[0]) - column)] for row in capaian_table.baris]
    assert capaian and all(c.jenis == Jenis.PERSEN for c in capaian)
    r = laporan.ringkasan
    return [c.teks for c in capaian] + [
        formulas.format_angka(r["pagu"], 0),
        formulas.format_angka(r["realisasi"], 0),
        formulas.format_persen(r["serapan"]),
    ]


class ReportDocxStructureTests:
    def test_chapters_and_sections_are_word_headings(self, demo):
        laporan = build_laporan("dinsos-kota-bekasi", 2024)
        document = docx_of(laporan)
        assert [f"{b.nomor} {b.judul}" for b in laporan.bab] == [
            h for h in headings(document, 1) if h.startswith("BAB")
        ]
        assert {"KATA PENGANTAR", "IKHTISAR EKSEKUTIF", "DAFTAR ISI", "LAMPIRAN"} <= set(
            headings(document, 1)
        )
        assert "1.1 Latar Belakang" in headings(document, 2)
        assert "Lampiran 1 Perjanjian Kinerja" in headings(document, 2)

    def test_every_table_is_a_word_table_under_its_numbered_caption(self, demo):
        laporan = build_laporan("dinsos-kota-bekasi", 2024)
        document = docx_of(laporan)
        tables = laporan.semua_tabel()
        expected = [f"{t.label} {t.judul}" for t in tables]
        assert [c for c in captions(document) if c.startswith("Tabel")] == expected
        word_tables = document.tables
        # the build's tables, the Perjanjian Kinerja's two signatures, the draft's findings
        assert len(word_tables) == len(tables) + 1 + (1 if laporan.temuan else 0)
        grid_tables = [w for w in word_tables if w.style.name == "Table Grid"]
        for t, table in zip(tables, grid_tables, strict=False):
            header = table._tbl.tr_lst[: len(t.kepala)]
            assert all(tr.trPr.find(qn("w:tblHeader")) is not None for tr in header), t.label
            assert table.rows[0].cells[0].text == t.kepala[0][0].label

    def test_merged_header_cells_span_like_the_html(self, demo):
        laporan = build_laporan("dinsos-kota-bekasi", 2024)
        pk = next(t for t in laporan.semua_tabel() if t.judul.startswith("Perjanjian Kinerja"))
        table = next(
            w for w in docx_of(laporan).tables if w.rows[0].cells[-1].text == "Target per Triwulan"
        )
        assert [c.text for c in table.rows[1].cells[-4:]] == ["I", "II", "III", "IV"]
        assert table.rows[0].cells[0].text == table.rows[1].cells[0].text == "No"  # rowspan 2
        assert len(table.columns) == 9 and pk.nomor_kolom

    def test_the_charts_are_png_images_under_their_captions(self, demo):
        laporan = build_laporan("dinsos-kota-bekasi", 2024)
        document = docx_of(laporan)
        figures = laporan.semua_gambar()
        assert [c for c in captions(document) if c.startswith("Gambar")] == [
            f"{g.label} {g.judul}" for g in figures
        ]
        images = [
            rel.target_part.blob
            for rel in document.part.rels.values()
            if rel.reltype.endswith("/image")
        ]
        assert len(images) == len(figures) >= 3
        assert all(blob.startswith(b"\x89PNG") for blob in images)

    def test_the_signature_block_names_the_head_of_agency_and_the_draft_says_what_it_is(self, demo):
        laporan = build_laporan("dinsos-kota-bekasi", 2024)
        document = docx_of(laporan)
        text = [p.text for p in document.paragraphs]
        p = laporan.penandatangan
        assert text.count(p.nama) == 2  # after the foreword and at the end of the last chapter
        assert p.nip in text and f"{p.jabatan}," in text and p.tempat_tanggal in text
        pk = next(t for t in document.tables if "PIHAK PERTAMA" in t.rows[0].cells[0].text)
        assert "PIHAK KEDUA" in pk.rows[0].cells[1].text
        assert CATATAN_DRAF in text and document.core_properties.comments == CATATAN_DRAF

    def test_a_table_the_build_adds_appears_without_more_work(self, db):
        new = Tabel(
            "tabel-3-99",
            "3.99",
            "Capaian Kinerja Program dan Realisasi Anggaran",
            ((Kepala("Program", rowspan=2), Kepala("Pagu", colspan=2)), (Kepala("A"), Kepala("B"))),
            ((teks("Program X"), nilai(5), teks(None)),),
            "Data olahan",
        )
        laporan = Laporan(
            "x", "Dinas X", "Kota X", 2024, "LKIP Dinas X", None,
            Penandatangan("Kota X, 1 Januari 2025", "KEPALA DINAS X", "Nama", "", ""),
            (Paragraf("Pengantar."),), (), (Bagian("bab-3", "BAB III", "AKUNTABILITAS", (new,)),),
            (),
        )  # fmt: skip
        document = docx_of(laporan)
        assert "Tabel 3.99 Capaian Kinerja Program dan Realisasi Anggaran" in captions(document)
        table = document.tables[0]
        assert [c.text for c in table.rows[2].cells] == ["Program X", "5", "belum ada data"]
        assert table.rows[1].cells[0].text == "Program"  # merged down


class ReportDocxLibreOfficeTests:
    def test_libreoffice_opens_the_draft_and_its_text_holds_the_pdfs_figures(self, demo, tmp_path):
        laporan = build_laporan("dinsos-kota-bekasi", 2024)
        converted = pdf_text(soffice_pdf(render_docx(laporan), tmp_path))
        official = pdf_text(render_pdf(laporan))
        figures = key_figures(laporan)
        assert "242,82%" in figures and "31.132.479.236" in figures
        for figure in figures:
            assert figure in official, figure
            assert figure in converted, figure
        assert converted.count("242,82%") >= 1 and "BAB III AKUNTABILITAS KINERJA" in converted


class RenderCommandDocxTests:
    def test_render_lkip_writes_the_docx(self, demo, tmp_path):
        target = tmp_path / "lkip.docx"
        out = io.StringIO()
        call_command(
            "render_lkip",
            "--org=dinsos-kota-bekasi",
            "--year=2024",
            "--format=docx",
            f"--output={target}",
            stdout=out,
        )
        assert "bita" in out.getvalue()
        assert "BAB I PENDAHULUAN" in headings(Document(str(target)), 1)
