"""The PDF laid out in parallel (one child per group of chapters) is the PDF of one render: the
same pages, footers, running headers, contents page numbers, bookmarks and links."""

import io
import os
import re

import pytest
from pypdf import PdfReader

from reports.laporan import build_laporan, render_pdf
from reports.laporan.pdf_paralel import bagi, proses_sekarang, render_paralel
from reports.laporan.render import _html_pdf, _pdf_options

pytestmark = pytest.mark.django_db


def _teks(reader: PdfReader) -> list[str]:
    return [re.sub(r"\s+", " ", page.extract_text()) for page in reader.pages]


def _penanda(reader: PdfReader, items=None, tingkat: int = 0) -> list[tuple[int, str, int]]:
    hasil = []
    for item in reader.outline if items is None else items:
        if isinstance(item, list):
            hasil += _penanda(reader, item, tingkat + 1)
        else:
            hasil.append((tingkat, item.title, reader.get_destination_page_number(item)))
    return hasil


def _tautan(reader: PdfReader) -> list[tuple[int, str]]:
    return sorted(
        (nomor, str(annot.get_object().get("/Dest")))
        for nomor, page in enumerate(reader.pages)
        for annot in page.get("/Annots") or []
        if annot.get_object().get("/Subtype") == "/Link"
    )


class ParallelRenderTests:
    def test_the_parallel_pdf_reads_exactly_as_one_render(self, demo, settings):
        laporan = build_laporan("dinsos-kota-bekasi", 2024)
        settings.LKIP_PDF_PROSES = 1
        satu = PdfReader(io.BytesIO(render_pdf(laporan)))
        paralel = PdfReader(io.BytesIO(_paralel(laporan)))

        assert _teks(paralel) == _teks(satu)  # body, footers, running headers, contents
        assert _penanda(paralel) == _penanda(satu)
        assert _tautan(paralel) == _tautan(satu)
        assert sorted(paralel.named_destinations) == sorted(satu.named_destinations)
        assert paralel.metadata.title == satu.metadata.title
        assert paralel.trailer["/ID"][0] == satu.trailer["/ID"][0]

    def test_the_footer_counts_every_page_and_the_contents_name_the_chapters_pages(
        self, demo, settings
    ):
        reader = PdfReader(io.BytesIO(_paralel(build_laporan("dinsos-kota-bekasi", 2024))))
        halaman = _teks(reader)
        jumlah = len(halaman)
        for nomor, teks in enumerate(halaman[1:], start=2):  # the cover has no footer
            assert f"Halaman {nomor} dari {jumlah}" in teks
            assert "Laporan Kinerja Instansi Pemerintah (LKIP) Dinas Sosial" in teks
        bab3 = next(n for n, t in enumerate(halaman, start=1) if t.startswith("BAB III"))
        daftar_isi = next(t for t in halaman if t.startswith("DAFTAR ISI"))
        assert re.search(rf"BAB III [^.]*\.{{3,}} ?{bab3}\b", daftar_isi), daftar_isi[:400]

    def test_a_busy_machine_or_the_setting_at_one_renders_in_one_process(self, settings):
        cores = len(os.sched_getaffinity(0))
        settings.LKIP_PDF_PROSES = 4
        assert proses_sekarang(beban=cores - 1) == 4  # a core idle
        assert proses_sekarang(beban=cores) == 1  # every core busy
        settings.LKIP_PDF_PROSES = 1
        assert proses_sekarang(beban=0) == 1


def _paralel(laporan) -> bytes:
    """The parallel render in 4 processes, whatever the machine's load now."""
    pdf = render_paralel(_html_pdf(laporan), _pdf_options(laporan), proses=4)
    assert pdf is not None
    return pdf


class SplitTests:
    HTML = (
        "<html><head><style>p {}</style></head><body>"
        '<section class="sampul"><div class="judul-berjalan">LKIP &amp; "X"</div></section>'
        '<section class="depan" id="kp"><p>a</p></section>'
        '<nav class="depan daftar-isi" id="di"><a href="#b1">B1</a></nav>'
        '<nav class="depan daftar-isi" id="dt"><a href="#t1">T1</a></nav>'
        '<section class="bab" id="b1"><section class="bab-bukan">x</section>'
        '<section class="bagian"><nav class="depan">nested</nav></section></section>'
        '<section class="bab" id="b2"><p>b</p></section>'
        '<section class="bab" id="b3"><p>c</p></section>'
        "</body></html>"
    )

    def test_the_report_is_cut_only_where_a_new_page_starts_at_the_top_level(self):
        kelompok = bagi(self.HTML, 10)
        awal = [re.search(r"<body[^>]*>(<[^>]*>)", k.html)[1] for k in kelompok]
        assert awal == [
            '<section class="sampul">',
            '<section class="depan" id="kp">',
            '<nav class="depan daftar-isi" id="di">',
            '<section class="bab" id="b1">',
            '<section class="bab" id="b2">',
            '<section class="bab" id="b3">',
        ]
        # the contents' lists are one part, and the only one laid out with literal numbers
        assert [k.daftar_isi for k in kelompok] == [False, False, True, False, False, False]
        assert 'id="dt"' in kelompok[2].html
        assert "nested" in kelompok[3].html

    def test_never_more_parts_than_processes_and_the_lightest_neighbours_are_joined(self):
        kelompok = bagi(self.HTML, 3)
        assert len(kelompok) == 3
        assert 'id="kp"' in kelompok[0].html  # the front matter joins the cover
        assert all(f'id="b{n}"' in kelompok[2].html for n in (1, 2, 3))
        assert bagi(self.HTML, 1) is None

    def test_every_later_part_carries_the_running_title_without_printing_it(self):
        pertama, *lain = bagi(self.HTML, 10)
        assert "string-set" not in pertama.html
        for k in lain:
            assert 'string-set: judul "LKIP & \\"X\\""' in k.html
            assert "judul-berjalan" not in k.html
